import MutasiSupport

/// What matching signers and regions to the calendar found: the near matches it accepted and
/// everything that matched nothing, with row counts and the closest candidate (findings.json
/// `matching`, `validate --elections`).
public struct MatchReport: Sendable, Codable, Equatable {
    /// A signer (in a region) or a region that matched nothing in the calendar.
    public struct Unmatched: Sendable, Codable, Equatable {
        public var name: String
        /// The decrees' region (empty for a region entry).
        public var region: String
        public var rows: Int
        /// The first and last decree dates of those rows (a signer whose name is a head's but whose
        /// rows fall outside the term shows it here).
        public var firstDate: String?
        public var lastDate: String?
        /// The closest head's name (for a signer) or the closest calendar region (for a region).
        public var closest: String?
        /// `PersonName.similarity` / region key similarity with `closest`, 0...1.
        public var closestScore: Double?
    }

    /// A signer taken as a head by a near spelling, or through the aliases file.
    public struct Accepted: Sendable, Codable, Equatable {
        public var name: String
        public var region: String
        public var head: String
        public var how: HeadMatchKind
        public var score: Double
        public var rows: Int
    }

    /// Rows whose signer was matched to a head, and rows with a signer that was not.
    public var signerRowsMatched = 0
    public var signerRowsUnmatched = 0
    public var unmatchedSigners: [Unmatched] = []
    public var unmatchedRegions: [Unmatched] = []
    /// Near and alias matches, each with its score: a reader checks these by eye.
    public var accepted: [Accepted] = []
    /// Names that mix scripts (a Cyrillic or Greek letter among Latin ones), folded for matching.
    public var mixedScripts: [String] = []
    /// The near-match threshold in force.
    public var nearThreshold = HeadResolver.nearThreshold

    public init() {}
}

/// Puts every decree in the calendar's terms: each region written as the calendar writes it (or
/// one spelling of it, when the calendar does not name it), and each signer matched to a head
/// written as that head's calendar name, so that every detector, the network and the report see
/// one region and one patron however the files spell them. A row's original text stays in its file
/// (its evidence, file:line).
public enum NameResolution {
    /// - Complexity: O(T) for T transfers, plus O(S) name foldings for S distinct (signer, region) pairs.
    @discardableResult
    public static func apply(to set: inout TransferSet, calendar: ElectionCalendar) -> MatchReport {
        var report = MatchReport()
        let resolver = HeadResolver(calendar)
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
        var rowsOfKey: [String: (name: String, rows: Int)] = [:]
        for r in rowsOf.indices where rowsOf[r] > 0 {
            let name = set[Symbol(id: UInt32(regionOf[r]))]
            rowsOfKey[name, default: (name, 0)].rows += rowsOf[r]
        }
        // regions the calendar does not know (only worth saying when it knows some)
        if !calendarRegions.isEmpty {
            for (name, v) in rowsOfKey.sorted(by: { $0.key < $1.key }) where !calendarRegions.contains(resolver.regionKey(name)) {
                let k = resolver.regionKey(name)
                let best = spelling.filter { calendarRegions.contains($0.key) }
                    .map { (name: $0.value, score: Similarity.normalised(k, $0.key)) }.max { $0.score < $1.score }
                report.unmatchedRegions.append(.init(name: name, region: "", rows: v.rows, firstDate: nil, lastDate: nil, closest: best?.name, closestScore: best.map { rounded($0.score) }))
            }
        }

        // units written as the aliases file says, where it says
        let unitAliases = calendar.aliases.filter { $0.kind == .unit }
        if !unitAliases.isEmpty {
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

        // signers: candidates once per (signer, region), the head per row by its day
        struct Tally { var matched = 0, unmatched = 0; var how: HeadMatchKind?; var head = ""; var score = 1.0; var first: Day?, last: Day? }
        // per (signer, region) pair, numbered in order of first sight: its candidates, its tally and
        // the symbol of the head it last matched (a row's work is then an array access and a day
        // check: a national file has tens of millions of rows and a few thousand pairs)
        var pairOf: [UInt64: Int] = [:]
        var pairKeys: [UInt64] = [], pairCandidates: [HeadResolver.Candidates] = [], tally: [Tally] = []
        var pairHead: [(name: String, symbol: Symbol)?] = []
        var headSymbol: [String: Symbol] = [:]
        var pair = -1
        var checkedScript = Set<UInt32>()
        var lastKey = UInt64.max, last = HeadResolver.Candidates()
        var unmatchedSymbol: [String: Symbol] = [:]
        var headNames: [String: String] = [:]
        for h in calendar.heads where headNames[resolver.nameKey(h.name)] == nil { headNames[resolver.nameKey(h.name)] = h.name }
        for i in set.transfers.indices {
            let t = set.transfers[i]
            if t.signedBy.isEmpty { continue }
            let key = UInt64(t.signedBy.id) << 32 | UInt64(t.region.id)
            if key != lastKey {
                if let k = pairOf[key] { pair = k } else {
                    pair = pairKeys.count
                    pairOf[key] = pair
                    pairKeys.append(key)
                    pairCandidates.append(resolver.candidates(signedAs: set[t.signedBy], in: set[t.region]))
                    tally.append(Tally())
                    pairHead.append(nil)
                    if checkedScript.insert(t.signedBy.id).inserted, MatchText.mixedScripts(set[t.signedBy]) != nil {
                        report.mixedScripts.append(set[t.signedBy])
                    }
                }
                last = pairCandidates[pair]
                lastKey = key
            }
            guard let m = last.match(on: t.decreeDate) else {
                tally[pair].unmatched += 1
                if tally[pair].first.map({ t.decreeDate < $0 }) ?? true { tally[pair].first = t.decreeDate }
                if tally[pair].last.map({ t.decreeDate > $0 }) ?? true { tally[pair].last = t.decreeDate }
                // one spelling per person even out of any term: a head's own, else the first seen
                let k = resolver.nameKey(set[t.signedBy])
                let s = unmatchedSymbol[k] ?? {
                    let sym = headNames[k].map { set.strings.intern($0) } ?? t.signedBy
                    unmatchedSymbol[k] = sym
                    return sym
                }()
                set.transfers[i].signedBy = s
                continue
            }
            tally[pair].matched += 1
            if m.kind != .name {
                tally[pair].how = m.kind; tally[pair].head = m.head.name; tally[pair].score = min(tally[pair].score, m.score)
            }
            if let h = pairHead[pair], h.name == m.head.name {
                set.transfers[i].signedBy = h.symbol
                continue
            }
            let s = headSymbol[m.head.name] ?? {
                let sym = set.strings.intern(m.head.name)
                headSymbol[m.head.name] = sym
                return sym
            }()
            pairHead[pair] = (m.head.name, s)
            set.transfers[i].signedBy = s
        }
        for (key, v) in zip(pairKeys, tally).sorted(by: { $0.0 < $1.0 }) {
            let signer = set[Symbol(id: UInt32(key >> 32))], region = set[Symbol(id: UInt32(key & 0xFFFF_FFFF))]
            report.signerRowsMatched += v.matched
            report.signerRowsUnmatched += v.unmatched
            if let how = v.how {
                report.accepted.append(.init(name: signer, region: region, head: v.head, how: how, score: rounded(v.score), rows: v.matched))
            }
            if v.unmatched > 0, !calendar.heads.isEmpty {
                let c = resolver.closest(to: signer, in: region)
                report.unmatchedSigners.append(.init(name: signer, region: region, rows: v.unmatched, firstDate: v.first?.iso, lastDate: v.last?.iso, closest: c?.name,
                                                     closestScore: c.map { rounded($0.score) }))
            }
        }
        report.unmatchedSigners.sort { ($0.rows, $1.name) > ($1.rows, $0.name) }
        report.unmatchedRegions.sort { ($0.rows, $1.name) > ($1.rows, $0.name) }
        for h in calendar.heads where MatchText.mixedScripts(h.name) != nil { report.mixedScripts.append(h.name) }
        report.mixedScripts = Array(Set(report.mixedScripts)).sorted()
        return report
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
