import MutasiSupport

/// A candidate (pasangan calon) in one election.
public struct Candidate: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// Petahana: the sitting head runs again. The seeds find pressure on ASN strongest then.
    public var incumbent: Bool
    /// Votes received (perolehan suara), when the calendar gives them.
    public var votes: Int?
    /// Share of the valid votes (0-1), when the calendar gives it instead of counts.
    public var share: Double?

    public init(id: String, name: String, incumbent: Bool = false, votes: Int? = nil, share: Double? = nil) {
        self.id = id; self.name = name; self.incumbent = incumbent; self.votes = votes; self.share = share
    }
}
