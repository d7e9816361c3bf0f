import Foundation
import MutasiSupport
import MutasiModel
import MutasiNetwork
/// Loyalty and retaliation after an election: the winner's people rise, the loser's are pushed out
/// ("salah imam", seed 001).
///
/// For each election with a winner, people are linked to candidates by recorded ties (kin, campaign
/// team, reported support, party, friend) and by a weaker derived link: promoted or appointed by
/// that candidate while in office, in the year before the vote. Their moves in a window after the
/// inauguration are flagged. Two group tests compare linked people with the others in service at
/// the inauguration (moved or seen in the region's data in the 24 months before the vote): Fisher's
/// exact test over people, and a permutation of decrees (one decree moves many people at once, so
/// people are not independent draws). Derived links stay out of the group tests unless asked for
/// (a person promoted by the candidate before the vote is more likely to be promoted again, by
/// construction). Both p-values get Benjamini-Hochberg q-values across elections.
public struct LoyaltyAnalysis: Sendable {
    public struct Options: Sendable {
        /// Months after the inauguration in which moves count. Default 24.
        public var months: Int = 24
        /// Days before the vote in which a promotion signed by a candidate creates a derived link.
        public var derivedLinkDays: Int = 365
        /// Whether derived links count at all (recorded ties always do).
        public var useDerivedLinks: Bool = true
        /// Whether derived links count in the group tests too (they are always flagged per person).
        public var derivedLinksInGroupTest: Bool = false
        /// Months before the vote in which a person moved or seen in the region counts as in service
        /// at the inauguration (the group tests' population).
        public var serviceMonths: Int = 24
        /// Permutations of decrees in the decree test, and their seed.
        public var permutations: Int = 9_999
        public var seed: UInt64 = 1
        public var confidence: Double = 0.95
        public init() {}
    }

    /// Why a person is linked to a candidate.
    public struct Link: Hashable, Sendable, Codable {
        /// A tie relation (`kin`, `campaign_team`…) or `appointed_by_candidate` for a derived link.
        public var relation: String
        /// The tie's source (a Bawaslu finding, a news report) or the decree for a derived link.
        public var source: String
        /// True for a derived link: weaker evidence than a recorded tie.
        public var derived: Bool

        package init(relation: String, source: String, derived: Bool) {
            self.relation = relation; self.source = source; self.derived = derived
        }
    }

    /// One move of a linked person in the window.
    public struct Flag: Hashable, Sendable, Codable {
        public var nip: String
        public var name: String
        public var region: String
        public var election: String
        /// The candidate the person is linked to.
        public var linkedTo: String
        public var links: [Link]
        /// The kind of move (`promotion`, `nonjob`…), as the decree says or as inferred.
        public var move: String
        /// Why it counts: `promotion`, `rank up`, `demotion`, `rank down`, `remote unit`, `nonjob`…
        public var why: String
        public var decreeNo: String
        public var date: String
        public var daysAfterInauguration: Int
        /// Rank 1 (JPT Madya) ... 7 (Fungsional); null for no post.
        public var fromRank: Int?
        public var toRank: Int?
        public var fromUnit: String
        public var toUnit: String
        public var signer: String
        public var reason: String
        /// file:line of the decree row.
        public var evidence: String
    }

    /// Linked people vs everyone else in the region: how many had the event in the window.
    public struct GroupTest: Hashable, Sendable, Encodable {
        public enum Event: String, Sendable, Codable { case promotion, pushedOut = "pushed_out" }
        public var event: Event
        public var election: String
        public var region: String
        public var winner: String
        /// The candidate whose people form the group: the winner for promotions, the losers for push-outs.
        public var group: [String]
        public var linkedWithEvent: Int
        public var linked: Int
        public var otherWithEvent: Int
        public var other: Int
        /// Conditional MLE of the odds ratio. JSON has no infinity or NaN: an unbounded value (every
        /// event in the group) or an undefined one (an empty group) is written as null, and
        /// `oddsRatioNonFinite` says which (`infinite` or `undefined`).
        public var oddsRatio: Double
        public var ciLow: Double
        public var ciHigh: Double
        /// Fisher's exact test over the people in service, and its q-value across elections (same event).
        public var pValue: Double
        public var qValue: Double = 1
        /// Linked people not in service at the inauguration (not in the test).
        public var linkedNotInService = 0
        /// Whether derived links were in the group.
        public var derivedLinksIncluded = false
        /// The decree test: decrees signed in the window, those with the event, linked people moved by
        /// them; its one-sided permutation p-value (event labels shuffled over decrees) and q-value.
        public var decrees = 0
        public var decreesWithEvent = 0
        public var linkedInEventDecrees = 0
        public var decreePValue: Double = 1
        public var decreeQValue: Double = 1

        enum CodingKeys: String, CodingKey {
            case event, election, region, winner, group, linked, other, oddsRatio, oddsRatioNonFinite, ciLow, ciHigh, pValue, qValue
            case linkedPromoted, otherPromoted, linkedPushedOut, otherPushedOut
            case linkedNotInService, derivedLinksIncluded, decrees, decreesWithEvent, linkedInEventDecrees, decreePValue, decreeQValue
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(event, forKey: .event)
            try c.encode(election, forKey: .election)
            try c.encode(region, forKey: .region)
            try c.encode(winner, forKey: .winner)
            try c.encode(group, forKey: .group)
            try c.encode(linkedWithEvent, forKey: event == .promotion ? .linkedPromoted : .linkedPushedOut)
            try c.encode(linked, forKey: .linked)
            try c.encode(otherWithEvent, forKey: event == .promotion ? .otherPromoted : .otherPushedOut)
            try c.encode(other, forKey: .other)
            try c.encodeFinite(oddsRatio, forKey: .oddsRatio)
            try c.encodeNonFiniteReason(oddsRatio, forKey: .oddsRatioNonFinite)
            try c.encodeFinite(ciLow, forKey: .ciLow)
            try c.encodeFinite(ciHigh, forKey: .ciHigh)
            try c.encode(pValue, forKey: .pValue)
            try c.encode(qValue, forKey: .qValue)
            try c.encode(linkedNotInService, forKey: .linkedNotInService)
            try c.encode(derivedLinksIncluded, forKey: .derivedLinksIncluded)
            try c.encode(decrees, forKey: .decrees)
            try c.encode(decreesWithEvent, forKey: .decreesWithEvent)
            try c.encode(linkedInEventDecrees, forKey: .linkedInEventDecrees)
            try c.encode(decreePValue, forKey: .decreePValue)
            try c.encode(decreeQValue, forKey: .decreeQValue)
        }
    }

    public struct Result: Sendable {
        public var loyalty: [Flag] = []
        public var retaliation: [Flag] = []
        /// Push-outs of linked people whose reason is a discipline sanction (PP 94/2021): listed,
        /// not flagged.
        public var sanctions: [Flag] = []
        public var groupTests: [GroupTest] = []
        /// Elections skipped and why (no winner, no inauguration date, no people in the region).
        public var notes: [String] = []
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// - Complexity: O(T log T + E * (T_r + L)) for T transfers, E elections, T_r transfers in an
    ///   election's region and L ties.
    public func run(transfers set: TransferSet, calendar: ElectionCalendar, ties: [Tie], units: [UnitInfo] = []) -> Result {
        run(transfers: set, calendar: calendar, ties: ties, units: units, regions: set.rowsByRegion())
    }

    /// `run(transfers:calendar:ties:units:)` with the set's `rowsByRegion()` already worked out.
    package func run(transfers set: TransferSet, calendar: ElectionCalendar, ties: [Tie], units: [UnitInfo], regions: RegionRows) -> Result {
        let remote = Set(units.filter(\.remote).map { RegionName.key($0.unit) })
        // the national date order only when a national election is tested (one without a winner is
        // skipped: on a national file the order takes hundreds of megabytes)
        let careers = Careers(set, national: calendar.elections.contains { $0.region == "*" && $0.winner != nil }, regions: regions)
        // elections are independent: spread over the cores in ranges, each with its own caches,
        // their results joined in calendar order
        let elections = calendar.elections
        let chunks = min(elections.count, 4 * Cores.available)
        let parts = Slots<Result>(count: chunks, initial: Result())
        let shared = HeadResolver(calendar)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = elections.count * c / chunks ..< elections.count * (c + 1) / chunks
            parts.set(c, run(elections: range, transfers: set, calendar: calendar, careers: careers, ties: ties, remote: remote, shared: shared))
        }
        var result = Result()
        for p in parts.values {
            result.loyalty += p.loyalty; result.retaliation += p.retaliation; result.sanctions += p.sanctions
            result.groupTests += p.groupTests; result.notes += p.notes
        }
        // q-values across elections, per event
        for event in [GroupTest.Event.promotion, .pushedOut] {
            let idx = result.groupTests.indices.filter { result.groupTests[$0].event == event }
            let q = WaveDetector.benjaminiHochberg(idx.map { result.groupTests[$0].pValue })
            let dq = WaveDetector.benjaminiHochberg(idx.map { result.groupTests[$0].decreePValue })
            for (k, i) in idx.enumerated() { result.groupTests[i].qValue = q[k]; result.groupTests[i].decreeQValue = dq[k] }
        }
        return result
    }

    private func run(elections range: Range<Int>, transfers set: TransferSet, calendar: ElectionCalendar, careers: Careers,
                     ties: [Tie], remote: Set<String>, shared: HeadResolver) -> Result {
        let pass = ElectionPass(analysis: self, set: set, calendar: calendar, careers: careers, ties: ties, remote: remote,
                                lookup: CalendarLookup(calendar, shared: shared))
        for election in calendar.elections[range] { pass.test(election) }
        return pass.result
    }

    /// One range of elections tested in turn, with the caches they share (units' remoteness, the
    /// sanction reasons, the signers' heads).
    private final class ElectionPass {
        let analysis: LoyaltyAnalysis
        let set: TransferSet, calendar: ElectionCalendar, careers: Careers, ties: [Tie], remote: Set<String>
        let lookup: CalendarLookup
        var result = Result()
        private var remoteUnit: [Symbol: Bool] = [:], sanctionReason: [Symbol: Bool] = [:]
        private var headCache: [SignerKey: RegionalHead?] = [:]
        var options: Options { analysis.options }

        init(analysis: LoyaltyAnalysis, set: TransferSet, calendar: ElectionCalendar, careers: Careers, ties: [Tie],
             remote: Set<String>, lookup: CalendarLookup) {
            self.analysis = analysis; self.set = set; self.calendar = calendar; self.careers = careers
            self.ties = ties; self.remote = remote; self.lookup = lookup
        }

        /// The promotions and push-outs in one election's window, flagged by link, and its group tests.
        func test(_ election: Election) {
            guard let (winner, inauguration) = winnerAndInauguration(election) else { return }
            let window = DayRange(start: inauguration.adding(days: 1), end: inauguration.adding(months: options.months))
            let people = careers.people(in: election, of: set)
            // in service at the inauguration: moved or seen in the region from serviceMonths before
            // the vote to the inauguration
            let service = DayRange(start: election.votingDate.adding(months: -options.serviceMonths), end: inauguration)
            var inService = KeyNumbering(capacity: 1024)
            for i in careers.indices(in: service, region: election, of: set) { _ = inService.number(set.transfers[i].nip.value) }
            guard people.count > 0 else {
                result.notes.append("\(election.id): no transfers in \(election.region)")
                return
            }
            var links = recordedLinks(election, people: people, windowEnd: window.end)
            if options.useDerivedLinks { addDerivedLinks(election, to: &links) }
            let losers = election.candidates.map(\.id).filter { $0 != winner }
            let moves = flagMoves(in: window, election, winner: winner, losers: losers, links: links, inauguration: inauguration)
            // the group: recorded ties only, unless derived links are asked for
            let counts = { (l: [Link]?) in l.map { $0.contains { !$0.derived || self.options.derivedLinksInGroupTest } } ?? false }
            let winnerLinked = Set(links.filter { counts($0.value[winner]) }.keys)
            let loserLinked = Set(links.filter { p in losers.contains { counts(p.value[$0]) } }.keys)
            var rng = SeededGenerator(seed: WaveDetector.seed(options.seed, election.id))
            result.groupTests.append(analysis.test(.promotion, election, winner, [winner], inService, winnerLinked, moves.promoted, moves.decrees, &rng))
            if !losers.isEmpty {
                result.groupTests.append(analysis.test(.pushedOut, election, winner, losers, inService, loserLinked, moves.pushed, moves.decrees, &rng))
            }
        }

        /// The winner and the inauguration day, or nil with a note saying why the election is not tested.
        private func winnerAndInauguration(_ election: Election) -> (String, Day)? {
            guard let winner = election.winner else {
                result.notes.append("\(election.id): no winner recorded, no loyalty test")
                return nil
            }
            let inauguration = election.inaugurationDate
                ?? calendar.heads.first { $0.candidate == winner && election.covers(region: $0.region) && $0.from >= election.votingDate }?.from
            guard let inauguration else {
                result.notes.append("\(election.id): no inauguration date and no head record for the winner, no loyalty test")
                return nil
            }
            return (winner, inauguration)
        }

        /// Recorded ties of the region's people to the election's candidates, held at some time from
        /// 24 months before the vote to the window's end: person -> candidate -> links.
        private func recordedLinks(_ election: Election, people: KeyNumbering, windowEnd: Day) -> [NIP: [String: [Link]]] {
            let candidateIds = Set(election.candidates.map(\.id))
            var links: [NIP: [String: [Link]]] = [:]
            let tieSpan = DayRange(start: election.votingDate.adding(months: -24), end: windowEnd)
            for tie in ties {
                guard case let .candidate(cid) = tie.relatedTo, candidateIds.contains(cid), people.find(tie.nip.value) != nil else { continue }
                let held = DayRange(start: tie.since ?? Day(daysSinceEpoch: Int32.min / 2), end: tie.until ?? Day(daysSinceEpoch: Int32.max / 2))
                guard held.overlaps(tieSpan) else { continue }
                links[tie.nip, default: [:]][cid, default: []].append(Link(relation: tie.relation.name, source: tie.source, derived: false))
            }
            return links
        }

        /// Derived links: people promoted by a candidate (as the signing head) before the vote.
        private func addDerivedLinks(_ election: Election, to links: inout [NIP: [String: [Link]]]) {
            let candidateIds = Set(election.candidates.map(\.id))
            let span = DayRange(start: election.votingDate.adding(days: -options.derivedLinkDays), end: election.votingDate.adding(days: -1))
            for i in careers.indices(in: span, region: election, of: set) {
                let t = set.transfers[i]
                guard Moves.rise(t) != nil else { continue }
                let key = SignerKey(signer: t.signedBy, region: t.region, day: t.decreeDate)
                let head = headCache[key] ?? lookup.head(signedAs: set[t.signedBy], in: set[t.region], on: t.decreeDate)
                headCache[key] = head
                guard let cid = head?.candidate, candidateIds.contains(cid) else { continue }
                links[t.nip, default: [:]][cid, default: []].append(
                    Link(relation: "appointed_by_candidate", source: set.decreeLabel(of: t), derived: true))
            }
        }

        /// Each move in the window: a rise of a winner-linked person is a loyalty flag, a push-out of a
        /// loser-linked one retaliation (or a sanction, by its reason); per decree, its people and
        /// whether it promotes or pushes out.
        private func flagMoves(in window: DayRange, _ election: Election, winner: String, losers: [String],
                               links: [NIP: [String: [Link]]], inauguration: Day) -> (promoted: Set<NIP>, pushed: Set<NIP>, decrees: DecreeGroups) {
            var promoted = Set<NIP>(), pushed = Set<NIP>()
            // decrees by what their label is made of (its number's symbol, or its date and signer), not
            // by the label's text: no String made and hashed for each of millions of rows
            var decreeOf: [DecreeLabelKey: Int] = [:]
            var decreePeople: [Set<NIP>] = [], decreeRises: [Bool] = [], decreePushes: [Bool] = []
            for i in careers.indices(in: window, region: election, of: set) {
                let t = set.transfers[i]
                let label = DecreeLabelKey(t)
                let d = decreeOf[label] ?? { decreeOf[label] = decreePeople.count; decreePeople.append([]); decreeRises.append(false); decreePushes.append(false); return decreePeople.count - 1 }()
                decreePeople[d].insert(t.nip)
                let personLinks = links[t.nip] ?? [:]
                if let why = Moves.rise(t) {
                    decreeRises[d] = true
                    promoted.insert(t.nip)
                    if let l = personLinks[winner] {
                        result.loyalty.append(analysis.flag(t, set, election, winner, l, why, inauguration))
                    }
                } else if let why = Moves.pushOut(t, isRemote: isRemote) {
                    let sanction = isSanction(t.reason)
                    if !sanction { pushed.insert(t.nip); decreePushes[d] = true }
                    for cid in losers {
                        guard let l = personLinks[cid] else { continue }
                        let f = analysis.flag(t, set, election, cid, l, why, inauguration)
                        if sanction { result.sanctions.append(f) } else { result.retaliation.append(f) }
                    }
                }
            }
            return (promoted, pushed, DecreeGroups(people: decreePeople, rises: decreeRises, pushes: decreePushes))
        }

        private func isRemote(_ unit: Symbol) -> Bool {
            if remote.isEmpty || unit.isEmpty { return false }
            if let r = remoteUnit[unit] { return r }
            let r = remote.contains(RegionName.key(set[unit]))
            remoteUnit[unit] = r
            return r
        }

        private func isSanction(_ reason: Symbol) -> Bool {
            if let v = sanctionReason[reason] { return v }
            let v = Moves.isDisciplineSanction(set[reason])
            sanctionReason[reason] = v
            return v
        }
    }

    /// Fisher's exact test over the people in service, and the decree test.
    private func test(_ event: GroupTest.Event, _ e: Election, _ winner: String, _ group: [String],
                      _ people: KeyNumbering, _ allLinked: Set<NIP>, _ allWithEvent: Set<NIP>,
                      _ decrees: DecreeGroups, _ rng: inout SeededGenerator) -> GroupTest {
        let linked = allLinked.filter { people.find($0.value) != nil }
        let withEvent = allWithEvent.filter { people.find($0.value) != nil }
        let a = linked.intersection(withEvent).count
        let b = linked.count - a
        let c = withEvent.subtracting(linked).count
        let d = people.count - linked.count - c
        let f = FisherExactTest(a: a, b: b, c: c, d: max(0, d), confidence: options.confidence)
        var g = GroupTest(event: event, election: e.id, region: e.region, winner: winner, group: group,
                          linkedWithEvent: a, linked: linked.count, otherWithEvent: c, other: people.count - linked.count,
                          oddsRatio: f.oddsRatio, ciLow: f.ciLow, ciHigh: f.ciHigh, pValue: f.pValue)
        g.linkedNotInService = allLinked.count - linked.count
        g.derivedLinksIncluded = options.derivedLinksInGroupTest
        let labels = event == .promotion ? decrees.rises : decrees.pushes
        let perm = decrees.permutationTest(linked: linked, event: labels, permutations: options.permutations, rng: &rng)
        g.decrees = labels.count
        g.decreesWithEvent = labels.filter { $0 }.count
        g.linkedInEventDecrees = perm.observed
        g.decreePValue = perm.p
        return g
    }

    private func flag(_ t: Transfer, _ set: TransferSet, _ e: Election, _ cid: String, _ links: [Link],
                      _ why: String, _ inauguration: Day) -> Flag {
        var unique: [Link] = []
        for l in links where !unique.contains(l) { unique.append(l) }
        return Flag(nip: t.nip.description, name: set[t.name], region: set[t.region], election: e.id, linkedTo: cid,
                    links: unique, move: t.kind.rawValue, why: why, decreeNo: set.decreeLabel(of: t),
                    date: t.decreeDate.iso, daysAfterInauguration: inauguration.days(to: t.decreeDate),
                    fromRank: t.fromEchelon?.rank, toRank: t.toEchelon?.rank,
                    fromUnit: set[t.fromUnit], toUnit: set[t.toUnit], signer: set[t.signedBy],
                    reason: set[t.reason], evidence: set.origin(of: t))
    }
}

/// What `TransferSet.decreeLabel(of:)` is made of: a numbered decree's number (by symbol: one text,
/// one symbol), or an unnumbered one's date and signer.
struct DecreeLabelKey: Hashable {
    let word: UInt64
    let numbered: Bool

    init(_ t: Transfer) {
        numbered = !t.decreeNo.isEmpty
        word = numbered ? UInt64(t.decreeNo.id) : UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id)
    }
}

/// The decrees signed in an election's window, for the decree test: whether linked people are moved
/// by the decrees that promote (or push out) more than by a random set of as many of the window's
/// decrees. The decree is the unit: a decree moving ten linked people is one draw, not ten.
struct DecreeGroups {
    var people: [Set<NIP>]
    var rises: [Bool]
    var pushes: [Bool]

    /// The one-sided permutation p-value of T = linked people moved by event decrees, the event
    /// labels shuffled over the decrees (K of D chosen at random): (#{T* >= T} + 1) / (R + 1).
    /// Only decrees moving linked people change T*, so each permutation draws just those: decree i of
    /// them is chosen with probability (K - chosen so far) / (D - i), the start of a random order.
    /// - Complexity: O(D * people + R * Z) for Z decrees moving linked people.
    func permutationTest(linked: Set<NIP>, event: [Bool], permutations: Int, rng: inout SeededGenerator) -> (observed: Int, p: Double) {
        var sizes: [Int] = [], observed = 0
        for d in people.indices {
            let n = people[d].reduce(0) { $0 + (linked.contains($1) ? 1 : 0) }
            guard n > 0 else { continue }
            sizes.append(n)
            if event[d] { observed += n }
        }
        let total = event.count, k = event.filter { $0 }.count
        guard observed > 0, k < total else { return (observed, 1) }
        var atLeast = 0
        for _ in 0..<permutations {
            var chosen = 0, t = 0
            for (i, n) in sizes.enumerated() where chosen < k {
                if rng.nextUnitDouble() * Double(total - i) < Double(k - chosen) { chosen += 1; t += n }
            }
            if t >= observed { atLeast += 1 }
        }
        return (observed, Double(atLeast + 1) / Double(permutations + 1))
    }
}

private struct SignerKey: Hashable {
    var signer: Symbol, region: Symbol, day: Day
}

/// What a move means for a career: a rise, a push-out, or neither.
package enum Moves {
    /// Why `t` is a rise, or nil: a promotion by kind, or a higher structural rank after than before.
    package static func rise(_ t: Transfer) -> String? {
        if t.kind == .promotion { return "promotion" }
        if t.kind.isPushOut { return nil }
        guard let to = t.toEchelon, to.isStructural else { return nil }
        guard let from = t.fromEchelon, from.isStructural else { return "into a structural post" }
        return to.level < from.level ? "rank up" : nil
    }

    /// Why `t` pushes someone out, or nil: demotion, non-job or dismissal by kind; a lower rank or
    /// losing a structural post; or a move from a normal unit to a remote one.
    package static func pushOut(_ t: Transfer, remoteUnits: Set<String>, strings: StringTable) -> String? {
        pushOut(t) { !remoteUnits.isEmpty && remoteUnits.contains(RegionName.key(strings[$0])) }
    }

    /// `isRemote` says whether a unit is remote (callers over many transfers memoise it per symbol:
    /// normalising a unit's name per transfer took most of the loyalty test's time on a national file).
    static func pushOut(_ t: Transfer, isRemote: (Symbol) -> Bool) -> String? {
        if t.kind.isPushOut { return t.kind.rawValue }
        if let from = t.fromEchelon, from.isStructural {
            guard let to = t.toEchelon, to.isStructural else { return "lost structural post" }
            if to.level > from.level { return "rank down" }
        }
        if !t.toUnit.isEmpty, isRemote(t.toUnit), !isRemote(t.fromUnit) {
            return "remote unit"
        }
        return nil
    }

    /// The reason names a discipline sanction (hukuman disiplin, PP 94/2021, sanksi), which makes a
    /// demotion lawful rather than retaliation.
    package static func isDisciplineSanction(_ reason: String) -> Bool {
        let r = reason.lowercased()
        return ["disiplin", "discipline", "sanksi", "sanction", "pp 94/2021", "pp94/2021", "hukuman"].contains { r.contains($0) }
    }
}

/// Transfers ordered by date, overall and per region, for range queries per election: a national
/// calendar has hundreds of regional elections, and each must touch only its own region's rows.
private struct Careers {
    struct Group {
        /// Transfer indices sorted by decree date, and their dates.
        var byDate: [Int] = []
        var dates: [Day] = []

        func lowerBound(_ d: Day) -> Int {
            var lo = 0, hi = dates.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if dates[mid] < d { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    let all: Group
    /// By `RegionName.key` of the region.
    let regions: [String: Group]

    /// - Parameter national: whether an election covers every region (`*`), which needs all
    ///   transfers in date order; otherwise that order is not built.
    init(_ set: TransferSet, national: Bool, regions byRegion: RegionRows) {
        // counting sorts by day (decree dates span at most 1945-2100): the same stable order as a
        // comparison sort, without its cache misses into the records (seconds on a national file);
        // each group's dates come from its day buckets
        let days = set.transfers.map(\.decreeDate.daysSinceEpoch)
        func byDay(_ rows: some Collection<Int>) -> Group {
            guard let lo = rows.lazy.map({ days[$0] }).min(), let hi = rows.lazy.map({ days[$0] }).max() else { return Group() }
            var start = [Int](repeating: 0, count: Int(hi - lo) + 2)
            for i in rows { start[Int(days[i] - lo) + 1] += 1 }
            for d in 1..<start.count { start[d] += start[d - 1] }
            var g = Group(byDate: [Int](repeating: 0, count: rows.count), dates: [])
            g.dates.reserveCapacity(rows.count)
            for d in 0..<start.count - 1 where start[d + 1] > start[d] {
                g.dates.append(contentsOf: repeatElement(Day(daysSinceEpoch: lo + Int32(d)), count: start[d + 1] - start[d]))
            }
            for i in rows {
                let d = Int(days[i] - lo)
                g.byDate[start[d]] = i
                start[d] += 1
            }
            return g
        }
        all = national ? byDay(set.transfers.indices) : Group()
        // groups by region symbol first, then by normalised name (symbols of one region can differ
        // in case or spacing)
        let bySymbol = byRegion.regions.indices.map { (key: byRegion.regions[$0], value: byDay(byRegion.rows(of: $0))) }
        var groups: [String: Group] = [:]
        for (symbol, g) in bySymbol {
            let k = RegionName.key(set[symbol])
            if let other = groups[k] {
                // two spellings of one region: merge their date orders, earlier file rows first
                var merged = Group()
                var a = 0, b = 0
                while a < other.byDate.count || b < g.byDate.count {
                    let takeA = b >= g.byDate.count || (a < other.byDate.count
                        && (other.dates[a], other.byDate[a]) <= (g.dates[b], g.byDate[b]))
                    if takeA { merged.byDate.append(other.byDate[a]); merged.dates.append(other.dates[a]); a += 1 }
                    else { merged.byDate.append(g.byDate[b]); merged.dates.append(g.dates[b]); b += 1 }
                }
                groups[k] = merged
            } else {
                groups[k] = g
            }
        }
        regions = groups
    }

    func group(_ e: Election) -> Group? {
        e.region == "*" ? all : regions[RegionName.key(e.region)]
    }

    /// Transfers dated in `range` in the election's region, in date order.
    func indices(in range: DayRange, region e: Election, of set: TransferSet) -> [Int] {
        guard let g = group(e) else { return [] }
        var out: [Int] = []
        var i = g.lowerBound(range.start)
        while i < g.dates.count, g.dates[i] <= range.end {
            out.append(g.byDate[i])
            i += 1
        }
        return out
    }

    /// Everyone with a transfer in the election's region, by NIP value: a `Set<NIP>` hashed each of
    /// the region's rows with SipHash, once for every election.
    func people(in e: Election, of set: TransferSet) -> KeyNumbering {
        let rows = group(e)?.byDate ?? []
        var people = KeyNumbering(capacity: rows.count)
        for i in rows { _ = people.number(set.transfers[i].nip.value) }
        return people
    }
}

