/// An enum written in a file as one of a fixed set of words (a rule pack's `binds`, `anchor`,
/// `exemption`, election kinds): a word that is not one of them is refused with every word it may
/// be, listed from `allCases`, so the list in the message cannot drift from the enum.
package protocol Vocabulary: RawRepresentable<String>, CaseIterable, Codable, Sendable {}

extension Vocabulary {
    /// The words, in declaration order, as a message lists them: `elected, acting, any`.
    package static var words: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Decodes one word; anything else is a `DecodingError.dataCorrupted` at the value's coding
    /// path (which a reader turns into file:line:column), naming the words allowed.
    package init(word decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = Self(rawValue: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not one of: \(Self.words)")
        }
        self = v
    }
}
