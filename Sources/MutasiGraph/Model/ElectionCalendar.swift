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
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case national, regional, rerun
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

    public init(elections: [Election] = [], heads: [RegionalHead] = []) {
        self.elections = elections; self.heads = heads
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

/// Region and person names are written many ways ("Kota Pangkalpinang", "KOTA PANGKAL PINANG");
/// comparisons ignore case, spaces and punctuation.
public enum RegionName {
    public static func key(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSetLite.isAlphanumeric($0) }.map(Character.init))
    }

    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }
}

enum CharacterSetLite {
    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }
}

/// The calendar's heads by normalised name, and each region's elections once: a national
/// calendar has thousands of heads, and normalising every head's name for every decree took
/// minutes on a million rows. The one place that matches a signer to a head (the head of the
/// decree's region in office that day, else any head of that name in office). Used by one task at a time.
final class CalendarLookup {
    let calendar: ElectionCalendar
    private var headsByName: [String: [(regionKey: String, head: RegionalHead)]] = [:]
    private var keys: [String: String] = [:]
    private var electionsByRegion: [String: [Election]] = [:]
    private var electionKeys: [String] = []

    init(_ calendar: ElectionCalendar) {
        self.calendar = calendar
        for h in calendar.heads { headsByName[RegionName.key(h.name), default: []].append((RegionName.key(h.region), h)) }
    }

    func key(_ s: String) -> String {
        if let k = keys[s] { return k }
        let k = RegionName.key(s)
        keys[s] = k
        return k
    }

    func head(signedAs signer: String, in region: String, on day: Day) -> RegionalHead? {
        Self.head(in: heads(signedAs: signer, in: region), on: day)
    }

    /// The heads a signer's name can be, the region's own first: what `head(signedAs:in:on:)`
    /// chooses from on any day, for callers that keep it per (signer, region).
    func heads(signedAs signer: String, in region: String) -> (inRegion: [RegionalHead], elsewhere: [RegionalHead]) {
        guard let named = headsByName[key(signer)] else { return ([], []) }
        let r = key(region)
        return (named.filter { $0.regionKey == r }.map(\.head), named.map(\.head))
    }

    static func head(in candidates: (inRegion: [RegionalHead], elsewhere: [RegionalHead]), on day: Day) -> RegionalHead? {
        candidates.inRegion.first { $0.inOffice(on: day) } ?? candidates.elsewhere.first { $0.inOffice(on: day) }
    }

    func elections(in region: String) -> [Election] {
        if let e = electionsByRegion[region] { return e }
        // the elections' own region names normalised once, not once per region asked about
        if electionKeys.count != calendar.elections.count { electionKeys = calendar.elections.map { $0.region == "*" ? "*" : RegionName.key($0.region) } }
        let k = key(region)
        let e = calendar.elections.indices.filter { electionKeys[$0] == "*" || electionKeys[$0] == k }.map { calendar.elections[$0] }
        electionsByRegion[region] = e
        return e
    }
}
