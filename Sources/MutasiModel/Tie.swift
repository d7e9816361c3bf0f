/// A known tie (from the ties file): kinship, campaign team, reported support...
public struct Tie: Hashable, Sendable {
    public var nip: NIP
    public var relatedTo: TieTarget
    public var relation: TieRelation
    public var since: Day?
    public var until: Day?
    public var source: String
    /// Physical line in the ties file.
    public var line: Int

    public init(nip: NIP, relatedTo: TieTarget, relation: TieRelation, since: Day? = nil,
                until: Day? = nil, source: String = "", line: Int = 0) {
        self.nip = nip; self.relatedTo = relatedTo; self.relation = relation
        self.since = since; self.until = until; self.source = source; self.line = line
    }

    /// True when the tie held on `day` (open ends count as holding).
    public func holds(on day: Day) -> Bool {
        (since.map { day >= $0 } ?? true) && (until.map { day <= $0 } ?? true)
    }
}
