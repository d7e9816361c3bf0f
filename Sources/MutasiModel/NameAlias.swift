/// One line of an aliases file (`--aliases`): a spelling that cannot be inferred, and what it means.
public struct NameAlias: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case person, region, unit }
    public var kind: Kind
    /// As written in the decrees (or the calendar, the units, approvals or ties files).
    public var alias: String
    /// The calendar's spelling (a head's name, a region's name) or the unit's name to use.
    public var canonical: String
    /// Where the alias holds; empty: everywhere.
    public var region: String

    public init(kind: Kind, alias: String, canonical: String, region: String = "") {
        self.kind = kind; self.alias = alias; self.canonical = canonical; self.region = region
    }
}
