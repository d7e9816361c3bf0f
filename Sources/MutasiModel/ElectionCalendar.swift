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
    public var winnerMargin: Double? {
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

/// What a decree's signer was when they signed: the role of the calendar's head they match, or
/// `unknown` when they match none (written as these words in findings.json and the CSVs).
public enum SignerRole: String, Sendable, Codable, CaseIterable {
    case elected, acting, unknown

    public init(_ head: RegionalHead?) {
        switch head?.role {
        case .elected: self = .elected
        case .acting: self = .acting
        case nil: self = .unknown
        }
    }
}

/// Who headed a region when: the signer of its decrees (PPK).
public struct RegionalHead: Hashable, Sendable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Elected head (gubernur, bupati, wali kota).
        case elected
        /// Acting head (Pj / Plt), appointed by the Home Minister.
        case acting
    }

    public var region: String
    /// As it appears in the decrees' signedBy column.
    public var name: String
    public var role: Role
    public var from: Day
    /// Inclusive end of term; nil while in office.
    public var to: Day?
    /// The candidate id this person ran as, if they ran.
    public var candidate: String?

    public init(region: String, name: String, role: Role, from: Day, to: Day? = nil, candidate: String? = nil) {
        self.region = region; self.name = name; self.role = role
        self.from = from; self.to = to; self.candidate = candidate
    }

    public func inOffice(on day: Day) -> Bool {
        day >= from && (to.map { day <= $0 } ?? true)
    }
}

/// The elections and the regional heads an analysis is read against.
public struct ElectionCalendar: Sendable, Codable, Equatable {
    public var elections: [Election]
    public var heads: [RegionalHead]
    /// Spellings that cannot be inferred (`--aliases`), applied wherever names are matched.
    public var aliases: [NameAlias] = []
    /// The province each region belongs to, by the region's `RegionName.key`: from the calendar's
    /// `province` fields and the units file (a region row whose parent is a province). A regency's
    /// decrees signed by the governor are matched against the province's heads.
    public var provinces: [String: String] = [:]
    /// Plausibility warnings found while reading (a vote after the inauguration, overlapping terms,
    /// dates far from the data); they do not stop the analysis.
    public var warnings: [RowIssue] = []

    /// Every date the reader took, with its place in the file (not encoded).
    public var datesRead: [DateRead] = []

    public struct DateRead: Sendable, Equatable {
        public var day: Day
        public var location: SourceLocation
        public var what: String
        /// Which way the date can be far from the data without being wrong: a term may start long
        /// before the first transfer (`past`) or run on long after the last (`future`).
        public var mayBeFar: Direction? = nil
        public enum Direction: Sendable, Equatable { case past, future }
        package init(day: Day, location: SourceLocation, what: String, mayBeFar: Direction? = nil) {
            self.day = day; self.location = location; self.what = what; self.mayBeFar = mayBeFar
        }
    }

    enum CodingKeys: String, CodingKey { case elections, heads }

    /// Warnings for calendar dates more than `years` from every transfer (an inauguration typed as
    /// 2052 silently removes the Pasal 162(3) window), with their line and column; `warnings` from
    /// reading (overlapping terms) come first.
    public func plausibilityWarnings(transfers set: TransferSet, years: Int = 10) -> [RowIssue] {
        var lo: Day?, hi: Day?
        for t in set.transfers {
            if lo.map({ t.decreeDate < $0 }) ?? true { lo = t.decreeDate }
            if hi.map({ t.decreeDate > $0 }) ?? true { hi = t.decreeDate }
        }
        var out = warnings
        guard let lo, let hi else { return out }
        let from = lo.adding(months: -12 * years), to = hi.adding(months: 12 * years)
        for d in datesRead where (d.day < from && d.mayBeFar != .past) || (d.day > to && d.mayBeFar != .future) {
            out.append(RowIssue(at: d.location, reason: "the \(d.what), \(d.day.iso), is more than \(years) years from every transfer (\(lo.iso) to \(hi.iso)); check the year"))
        }
        return out
    }

    public init(elections: [Election] = [], heads: [RegionalHead] = []) {
        self.elections = elections; self.heads = heads
    }

    /// Takes in the units file's region-to-province rows: a unit whose name is a regency or city
    /// and whose parent is a province.
    public mutating func addProvinces(from units: [UnitInfo]) {
        for u in units where ["kabupaten", "kota"].contains(RegionName.kind(u.unit) ?? "") && RegionName.kind(u.parent) == "provinsi" {
            let k = RegionName.key(u.unit)
            if provinces[k] == nil { provinces[k] = u.parent }
        }
    }

    /// The head of `region` in office on `day` whose name matches `signer`
    /// (case, spacing and punctuation ignored); nil if none matches.
    /// For one lookup; code that looks up every decree's signer keeps one `CalendarLookup`.
    public func head(signedAs signer: String, in region: String, on day: Day) -> RegionalHead? {
        CalendarLookup(self).head(signedAs: signer, in: region, on: day)
    }

    public func elections(in region: String) -> [Election] {
        elections.filter { $0.covers(region: region) }
    }

    /// The candidate with this id, and the election it ran in.
    public func candidate(id: String) -> (Candidate, Election)? {
        for e in elections {
            if let c = e.candidates.first(where: { $0.id == id }) { return (c, e) }
        }
        return nil
    }
}

/// Each region's elections once, and the signers' heads through the one `HeadResolver`: a national
/// calendar has thousands of heads, and normalising every head's name for every decree took
/// minutes on a million rows. Used by one task at a time.
package final class CalendarLookup {
    let calendar: ElectionCalendar
    private let shared: HeadResolver?
    /// Made when a signer is first looked up: a caller wanting only elections (waves, the
    /// timeline) does not fold every head's name.
    private(set) lazy var resolver: HeadResolver = shared.map(HeadResolver.init(copying:)) ?? HeadResolver(calendar)
    private var regionAliases: [String: String] = [:]
    private var regionKeys: [String: String] = [:]
    private var electionsByRegion: [String: [Election]] = [:]
    private var electionKeys: [String] = []

    /// - Parameter shared: a resolver built once for the calendar, copied for this task.
    package init(_ calendar: ElectionCalendar, shared: HeadResolver? = nil) {
        self.calendar = calendar
        self.shared = shared
        for a in calendar.aliases where a.kind == .region { regionAliases[RegionName.key(a.alias)] = RegionName.key(a.canonical) }
    }

    /// As `HeadResolver.regionKey`, without building the resolver.
    func regionKey(_ s: String) -> String {
        if let k = regionKeys[s] { return k }
        var k = RegionName.key(s)
        if let c = regionAliases[k] { k = c }
        regionKeys[s] = k
        return k
    }

    package func head(signedAs signer: String, in region: String, on day: Day) -> RegionalHead? {
        resolver.match(signedAs: signer, in: region, on: day)?.head
    }

    /// The heads a signer's name can be in a region, for callers that keep them per (signer, region).
    package func heads(signedAs signer: String, in region: String) -> HeadResolver.Candidates {
        resolver.candidates(signedAs: signer, in: region)
    }

    package func elections(in region: String) -> [Election] {
        if let e = electionsByRegion[region] { return e }
        // the elections' own region names normalised once, not once per region asked about
        if electionKeys.count != calendar.elections.count { electionKeys = calendar.elections.map { $0.region == "*" ? "*" : regionKey($0.region) } }
        let k = regionKey(region)
        let e = calendar.elections.indices.filter { electionKeys[$0] == "*" || electionKeys[$0] == k }.map { calendar.elections[$0] }
        electionsByRegion[region] = e
        return e
    }
}
