/// How a signer was found to be a head.
public enum HeadMatchKind: String, Sendable, Codable {
    /// The same name once titles, degrees, office words, case, punctuation and look-alike letters are folded.
    case name
    /// Through a `person` line of the aliases file.
    case alias
    /// A near spelling, above `HeadResolver.nearThreshold`.
    case near
}

/// A signer matched to a head in office on the decree's day.
package struct HeadMatch: Sendable, Equatable {
    package var head: RegionalHead
    package var kind: HeadMatchKind
    /// 1 for `name` and `alias`; the similarity for `near`.
    package var score: Double
}
