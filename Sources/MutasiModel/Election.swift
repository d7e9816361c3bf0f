import MutasiSupport

/// One vote: a national Pemilu, a regional Pilkada, or a re-run (Pilkada ulang).
public struct Election: Hashable, Sendable, Codable {
    public enum Kind: String, Vocabulary {
        case national, regional, rerun

        public init(from decoder: any Decoder) throws { try self.init(word: decoder) }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// The region it is held in, `"*"` for a national vote.
    public var region: String
    /// Penetapan pasangan calon: the anchor of UU 10/2016 Pasal 71's window.
    public var candidateDeterminationDate: Day?
    public var votingDate: Day
    public var inaugurationDate: Day?
    public var candidates: [Candidate]
    /// A candidate id, or nil (no result yet, or the empty box won).
    public var winner: String?
    /// Turnout (partisipasi pemilih, 0-1), when the calendar gives it.
    public var turnout: Double?
    /// Votes for the empty box (kotak kosong) in a single-candidate race, when given.
    public var emptyBoxVotes: Int?

    /// The winner's share of the valid votes minus the best other share (the empty box counts as
    /// a contestant): positive, near 0 in a close race. Nil without a winner or without every
    /// candidate's votes (or every candidate's share).
    package var winnerMargin: Double? {
        guard let winner, let w = candidates.first(where: { $0.id == winner }) else { return nil }
        let others = candidates.filter { $0.id != winner }
        if candidates.allSatisfy({ $0.votes != nil }) {
            let total = candidates.reduce(0) { $0 + $1.votes! } + (emptyBoxVotes ?? 0)
            guard total > 0 else { return nil }
            let best = max(others.map { $0.votes! }.max() ?? 0, emptyBoxVotes ?? 0)
            return Double(w.votes! - best) / Double(total)
        }
        if candidates.allSatisfy({ $0.share != nil }) {
            let emptyBox = emptyBoxVotes == nil && others.isEmpty ? 1 - w.share! : 0
            return w.share! - max(others.map { $0.share! }.max() ?? 0, emptyBox)
        }
        return nil
    }

    public init(id: String, name: String, kind: Kind, region: String,
                candidateDeterminationDate: Day? = nil, votingDate: Day, inaugurationDate: Day? = nil,
                candidates: [Candidate] = [], winner: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.region = region
        self.candidateDeterminationDate = candidateDeterminationDate; self.votingDate = votingDate
        self.inaugurationDate = inaugurationDate; self.candidates = candidates; self.winner = winner
    }

    /// True when the election concerns `region` (national ones concern every region).
    public func covers(region r: String) -> Bool {
        region == "*" || RegionName.same(region, r)
    }
}
