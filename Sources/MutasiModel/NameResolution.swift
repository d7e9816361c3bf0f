import MutasiSupport

/// Puts every decree in the calendar's terms: each region written as the calendar writes it (or
/// one spelling of it, when the calendar does not name it), and each signer matched to a head
/// written as that head's calendar name, so that every detector, the network and the report see
/// one region and one patron however the files spell them. A row's original text stays in its file
/// (its evidence, file:line).
package enum NameResolution {
    /// - Complexity: O(T) for T transfers, plus O(S) name foldings for S distinct (signer, region) pairs.
    @discardableResult
    package static func apply(to set: inout TransferSet, calendar: ElectionCalendar) -> MatchReport {
        var report = MatchReport()
        let resolver = HeadResolver(calendar)
        resolveRegions(in: &set, calendar: calendar, resolver: resolver, report: &report)
        resolveUnits(in: &set, calendar: calendar, resolver: resolver)
        var signers = SignerResolution(calendar: calendar, resolver: resolver)
        signers.resolve(in: &set)
        signers.addTallies(to: &report, set: set)
        report.mixedScripts += signers.mixedScripts
        report.unmatchedSigners.sort { ($0.rows, $1.name) > ($1.rows, $0.name) }
        report.unmatchedRegions.sort { ($0.rows, $1.name) > ($1.rows, $0.name) }
        for h in calendar.heads where MatchText.mixedScripts(h.name) != nil { report.mixedScripts.append(h.name) }
        report.mixedScripts = Array(Set(report.mixedScripts)).sorted()
        return report
    }

    /// Writes each row's region as the calendar spells it (or as first seen, when the calendar does
    /// not know it), and reports the regions the calendar does not know.
    static func resolveRegions(in set: inout TransferSet, calendar: ElectionCalendar, resolver: HeadResolver,
                               report: inout MatchReport) {
        // the calendar's spelling of each region
        var spelling: [String: String] = [:]
        for r in calendar.elections.map(\.region) + calendar.heads.map(\.region) + calendar.provinces.values where r != "*" {
            let k = resolver.regionKey(r)
            if spelling[k] == nil { spelling[k] = r }
        }
        let calendarRegions = Set(spelling.keys)
        for a in calendar.aliases where a.kind == .region { spelling[RegionName.key(a.alias)] = spelling[RegionName.key(a.alias)] ?? a.canonical }

        // regions, by symbol: the same key gets the same symbol
        let count = set.strings.count
        var regionOf = [Int32](repeating: -1, count: count)
        var symbolOfKey: [String: Symbol] = [:]
        var rowsOf = [Int](repeating: 0, count: count)  // by the row's own region symbol
        for i in set.transfers.indices {
            let r = set.transfers[i].region
            if r.isEmpty { continue }
            if regionOf[Int(r.id)] < 0 {
                let text = set[r]
                let k = resolver.regionKey(text)
                let s = symbolOfKey[k] ?? {
                    let name = spelling[k] ?? text
                    let sym = name == text ? r : set.strings.intern(name)
                    symbolOfKey[k] = sym
                    return sym
                }()
                regionOf[Int(r.id)] = Int32(s.id)
                if MatchText.mixedScripts(text) != nil { report.mixedScripts.append(text) }
            }
            rowsOf[Int(r.id)] += 1
            set.transfers[i].region = Symbol(id: UInt32(regionOf[Int(r.id)]))
        }
        // regions the calendar does not know (only worth saying when it knows some)
        guard !calendarRegions.isEmpty else { return }
        var rowsOfKey: [String: (name: String, rows: Int)] = [:]
        for r in rowsOf.indices where rowsOf[r] > 0 {
            let name = set[Symbol(id: UInt32(regionOf[r]))]
            rowsOfKey[name, default: (name, 0)].rows += rowsOf[r]
        }
        for (name, v) in rowsOfKey.sorted(by: { $0.key < $1.key }) where !calendarRegions.contains(resolver.regionKey(name)) {
            let k = resolver.regionKey(name)
            let best = spelling.filter { calendarRegions.contains($0.key) }
                .map { (name: $0.value, score: Similarity.normalised(k, $0.key)) }.max { $0.score < $1.score }
            report.unmatchedRegions.append(.init(name: name, region: "", rows: v.rows, firstDate: nil, lastDate: nil, closest: best?.name, closestScore: best.map { rounded($0.score) }))
        }
    }

    /// Writes units as the aliases file says, where it says.
    static func resolveUnits(in set: inout TransferSet, calendar: ElectionCalendar, resolver: HeadResolver) {
        let unitAliases = calendar.aliases.filter { $0.kind == .unit }
        guard !unitAliases.isEmpty else { return }
        var byKey: [String: [(region: String, canonical: String)]] = [:]
        for a in unitAliases { byKey[RegionName.key(a.alias), default: []].append((a.region.isEmpty ? "" : resolver.regionKey(a.region), a.canonical)) }
        var known: [UInt64: Symbol] = [:]
        func unit(_ u: Symbol, _ region: Symbol) -> Symbol {
            if u.isEmpty { return u }
            let k = UInt64(u.id) << 32 | UInt64(region.id)
            if let s = known[k] { return s }
            let r = resolver.regionKey(set[region])
            let s = byKey[RegionName.key(set[u])]?.first { $0.region.isEmpty || $0.region == r }.map { set.strings.intern($0.canonical) } ?? u
            known[k] = s
            return s
        }
        for i in set.transfers.indices {
            let t = set.transfers[i]
            set.transfers[i].fromUnit = unit(t.fromUnit, t.region)
            set.transfers[i].toUnit = unit(t.toUnit, t.region)
        }
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

/// Matches signers to heads: candidates once per (signer, region) pair, the head per row by its
/// day. Pairs are numbered in order of first sight, each with its candidates, its tally and the
/// symbol of the head it last matched, so that a row's work is an array access and a day check (a
/// national file has tens of millions of rows and a few thousand pairs).
private struct SignerResolution {
    struct Tally { var matched = 0, unmatched = 0; var how: HeadMatchKind?; var head = ""; var score = 1.0; var first: Day?, last: Day? }

    let calendar: ElectionCalendar
    let resolver: HeadResolver
    var pairOf: [UInt64: Int] = [:]
    var pairKeys: [UInt64] = [], pairCandidates: [HeadResolver.Candidates] = [], tally: [Tally] = []
    var pairHead: [(name: String, symbol: Symbol)?] = []
    var headSymbol: [String: Symbol] = [:]
    var checkedScript = Set<UInt32>()
    var unmatchedSymbol: [String: Symbol] = [:]
    var headNames: [String: String] = [:]
    var mixedScripts: [String] = []

    init(calendar: ElectionCalendar, resolver: HeadResolver) {
        self.calendar = calendar
        self.resolver = resolver
        for h in calendar.heads where headNames[resolver.nameKey(h.name)] == nil { headNames[resolver.nameKey(h.name)] = h.name }
    }

    /// Writes each row's signer as its head's calendar name, or one spelling per person when it
    /// matches no head.
    mutating func resolve(in set: inout TransferSet) {
        var pair = -1
        var lastKey = UInt64.max, last = HeadResolver.Candidates()
        for i in set.transfers.indices {
            let t = set.transfers[i]
            if t.signedBy.isEmpty { continue }
            let key = UInt64(t.signedBy.id) << 32 | UInt64(t.region.id)
            if key != lastKey {
                pair = number(key, t, set)
                last = pairCandidates[pair]
                lastKey = key
            }
            let signer = if let m = last.match(on: t.decreeDate) { matched(pair, m, set: &set) } else { unmatched(pair, t, set: &set) }
            set.transfers[i].signedBy = signer
        }
    }

    /// The pair's number, a new one (with its candidates) on first sight.
    mutating func number(_ key: UInt64, _ t: Transfer, _ set: TransferSet) -> Int {
        if let k = pairOf[key] { return k }
        let pair = pairKeys.count
        pairOf[key] = pair
        pairKeys.append(key)
        pairCandidates.append(resolver.candidates(signedAs: set[t.signedBy], in: set[t.region]))
        tally.append(Tally())
        pairHead.append(nil)
        if checkedScript.insert(t.signedBy.id).inserted, MatchText.mixedScripts(set[t.signedBy]) != nil {
            mixedScripts.append(set[t.signedBy])
        }
        return pair
    }

    /// The symbol of the matched head's name, counted in the pair's tally.
    mutating func matched(_ pair: Int, _ m: HeadMatch, set: inout TransferSet) -> Symbol {
        tally[pair].matched += 1
        if m.kind != .name {
            tally[pair].how = m.kind; tally[pair].head = m.head.name; tally[pair].score = min(tally[pair].score, m.score)
        }
        if let h = pairHead[pair], h.name == m.head.name { return h.symbol }
        let s = headSymbol[m.head.name] ?? {
            let sym = set.strings.intern(m.head.name)
            headSymbol[m.head.name] = sym
            return sym
        }()
        pairHead[pair] = (m.head.name, s)
        return s
    }

    /// One spelling per person even out of any term: a head's own, else the first seen.
    mutating func unmatched(_ pair: Int, _ t: Transfer, set: inout TransferSet) -> Symbol {
        tally[pair].unmatched += 1
        if tally[pair].first.map({ t.decreeDate < $0 }) ?? true { tally[pair].first = t.decreeDate }
        if tally[pair].last.map({ t.decreeDate > $0 }) ?? true { tally[pair].last = t.decreeDate }
        let k = resolver.nameKey(set[t.signedBy])
        if let s = unmatchedSymbol[k] { return s }
        let sym = headNames[k].map { set.strings.intern($0) } ?? t.signedBy
        unmatchedSymbol[k] = sym
        return sym
    }

    /// The rows matched and not, the near and alias matches, and the signers matching no head.
    func addTallies(to report: inout MatchReport, set: TransferSet) {
        for (key, v) in zip(pairKeys, tally).sorted(by: { $0.0 < $1.0 }) {
            let signer = set[Symbol(id: UInt32(key >> 32))], region = set[Symbol(id: UInt32(key & 0xFFFF_FFFF))]
            report.signerRowsMatched += v.matched
            report.signerRowsUnmatched += v.unmatched
            if let how = v.how {
                report.accepted.append(.init(name: signer, region: region, head: v.head, how: how, score: NameResolution.rounded(v.score), rows: v.matched))
            }
            if v.unmatched > 0, !calendar.heads.isEmpty {
                let c = resolver.closest(to: signer, in: region)
                report.unmatchedSigners.append(.init(name: signer, region: region, rows: v.unmatched, firstDate: v.first?.iso, lastDate: v.last?.iso, closest: c?.name,
                                                     closestScore: c.map { NameResolution.rounded($0.score) }))
            }
        }
    }
}
