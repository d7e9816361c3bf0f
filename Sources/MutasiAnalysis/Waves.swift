import Foundation
import MutasiSupport
import MutasiModel
import MutasiNetwork

/// A mutation wave: far more people moved in a window than the region's own history predicts for
/// that time of year.
public struct Wave: Sendable, Codable, Equatable {
    public var region: String
    /// First and last decree dates in the window (written as YYYY-MM-DD).
    public var start: Day
    public var end: Day
    /// People moved in the window (distinct NIPs: a person moved twice counts once).
    public var persons: Int
    /// Moves (transfer rows) in the window: what the scan counts, and what `expected` and `ratio`
    /// are read against.
    public var moves: Int
    /// People with a move in the window that touched a structural post (distinct NIPs).
    public var officials: Int
    public var decrees: [String]
    /// Moves the baseline expects in the window.
    public var expected: Double
    /// `moves` over `expected`.
    public var ratio: Double
    /// Monte Carlo p-value of the window against the region's maximum under the null.
    public var pValue: Double
    public var signers: [String]
    /// The units most people were moved to, most first (at most 3).
    public var units: [String]
    /// The election whose vote is nearest, and days from the wave's start to that vote (negative after).
    public var election: String?
    public var daysToVoting: Int?
    /// Days from the wave's start to that election's candidate determination (penetapan paslon;
    /// negative after it), when the calendar gives the date.
    public var daysToCandidateDetermination: Int?
    /// Rule ids of legal flags on decrees in the wave.
    public var inWindow: [String]
    /// What limits the answer (little history), or nil.
    public var note: String?

    /// The days from the first decree to the last.
    package var span: DayRange { DayRange(start: start, end: end) }

    package init(region: String, start: Day, end: Day, persons: Int, moves: Int, officials: Int, decrees: [String], expected: Double,
                ratio: Double, pValue: Double, signers: [String], units: [String], election: String?, daysToVoting: Int?,
                inWindow: [String], note: String?) {
        self.region = region; self.start = start; self.end = end; self.persons = persons; self.moves = moves; self.officials = officials
        self.decrees = decrees; self.expected = expected; self.ratio = ratio; self.pValue = pValue; self.signers = signers
        self.units = units; self.election = election; self.daysToVoting = daysToVoting; self.inWindow = inWindow; self.note = note
    }
}

/// One region's test for a wave: every region gets one, waves or not, so a user can correct across
/// regions and see which regions could not have shown a wave at all.
public struct RegionWaveTest: Sendable, Codable, Equatable {
    public var region: String
    /// Weeks from the region's first decree to its last.
    public var weeks: Int
    /// Moves a week (the scan's count; a person moved twice in a week counts twice).
    public var meanPersonsPerWeek: Double
    /// Whether a wave of the size the calibration plants (three times the region's mean week, on top
    /// of an ordinary week) would reach `smallestDetectableWave`: false for regions too small to test.
    public var testable: Bool
    /// The fewest moves in one ordinary week the test could have reported at its level (at least
    /// `minPersons`).
    public var smallestDetectableWave: Int
    /// Monte Carlo p-value of the region's most extreme window (1 when no window could be a wave).
    public var pValue: Double
    /// Benjamini-Hochberg q-value across the regions scanned (equal to the p-value with one region).
    public var qValue: Double
    /// Replications the test ran (Besag-Clifford: it stops after `exceedances` as extreme).
    public var replications: Int
    /// True when no replicate was as extreme: the p-value is the smallest the replications allow,
    /// 1 / (replications + 1), and only more replications could make it smaller.
    public var pValueAtFloor: Bool
    /// Waves reported in the region.
    public var waves: Int
}

/// Weeks in which a large share of the regions all moved far more people than their own history
/// predicts (a national conversion of posts, a national appointment day): reported once here, and
/// set aside in every region's scan, so they are not reported again as regional waves.
public struct NationalEvent: Sendable, Codable, Equatable {
    /// First and last decree dates in the event's weeks among the regions affected (written as YYYY-MM-DD).
    public var start: Day
    public var end: Day

    /// The days from the first decree to the last.
    package var span: DayRange { DayRange(start: start, end: end) }
    /// Regions with an excess in the event's weeks, and regions whose data cover those weeks.
    public var regionsAffected: Int
    public var regionsWithData: Int
    /// People moved in the event's weeks in the regions affected (distinct NIPs), the moves (transfer
    /// rows) there, and the moves their baselines expect.
    public var persons: Int
    public var moves: Int
    public var expected: Double
    /// The regions affected, by name.
    public var regions: [String]
}

/// What a national scan finds: the waves, every region's test, the national events, and what limits
/// the answer.
public struct WaveScan: Sendable, Codable, Equatable {
    public enum Selection: String, Sendable, Codable {
        /// One region: its waves are those with p < alpha.
        case alpha
        /// Several regions: regions pass Benjamini-Hochberg at the false discovery rate, and their
        /// further waves are tested at the level the last region passed at (Benjamini and Bogomolov 2014).
        case fdr
    }
    public var waves: [Wave]
    public var regions: [RegionWaveTest]
    public var nationalEvents: [NationalEvent]
    public var selection: Selection
    /// The level a region's wave had to reach: alpha, or the FDR times the regions that passed over the
    /// regions scanned (0 when none passed).
    public var level: Double
    /// What limits the answer: replications too few for the level asked, untestable regions.
    public var notes: [String]

    package init(waves: [Wave] = [], regions: [RegionWaveTest] = [], nationalEvents: [NationalEvent] = [],
                selection: Selection = .alpha, level: Double = 0, notes: [String] = []) {
        self.waves = waves; self.regions = regions; self.nationalEvents = nationalEvents
        self.selection = selection; self.level = level; self.notes = notes
    }
}

/// Finds waves per region with a temporal scan against a seasonal baseline, national events across
/// regions, and controls false discoveries across regions.
///
/// Counts are moves (transfer rows) per week, on one grid of Mondays for every region; a wave then
/// also reports the distinct people its moves moved. Routine rounds are
/// months holding a big week in at least two thirds of the region's years (years in an election
/// season left out when enough remain), compared with the same month's rounds in other years; every
/// other week with the same weeks of the year (±2) in other years, with weeks far out of line with
/// that pool left out of it (a wave in another year), shrunk towards the region's weekly mean. Each
/// week's variance comes from the same pool, shrunk towards a negative binomial. Windows of 1 to
/// `maxWeeks` weeks are scanned with a standardised excess; the p-value of the most extreme window
/// is the share of Monte Carlo replicates (negative binomial weeks with the fitted means and
/// variances) whose largest statistic is at least as large (Kulldorff 1997), with Besag and
/// Clifford's (1991) sequential stopping. Weeks in which a large share of the regions show an excess
/// are national events, set aside in every region. With several regions, regions are selected by
/// Benjamini-Hochberg at `fdr`; within a selected region, found windows are set aside and the scan
/// refitted and repeated. See docs/METHODS.md.
public struct WaveDetector: Sendable {
    public struct Options: Sendable {
        /// The level with one region.
        public var alpha = 0.05
        /// The false discovery rate across regions (Benjamini-Hochberg), with more than one region.
        public var fdr = 0.1
        /// The most Monte Carlo replications a test runs: its p-value cannot fall below 1 / (this + 1).
        public var replications = 9_999
        /// A test stops once this many replicates are as extreme as the data (Besag and Clifford 1991):
        /// its p-value is then this over the replicates run.
        public var exceedances = 10
        public var seed: UInt64 = 1
        public var maxWeeks = 4
        /// Windows of fewer moves than this are not waves, whatever the baseline. It gates moves, the
        /// scan's count, not people: the replicates are counts of moves, and the gate must be the
        /// same for data and replicates. A wave of 10 moves may move 9 people.
        public var minPersons = 10
        /// At most this many waves per region (each costs one Monte Carlo run).
        public var maxWaves = 8
        /// A week is a national event when at least this share of the regions whose data cover it
        /// show an excess in it.
        public var nationalShare = 0.2
        /// National events are looked for only with at least this many regions.
        public var nationalMinRegions = 5
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The waves only (`scan(in:calendar:legalFlags:).waves`).
    public func waves(in set: TransferSet, calendar: ElectionCalendar? = nil, legalFlags: [LegalFlag] = []) -> [Wave] {
        scan(in: set, calendar: calendar, legalFlags: legalFlags).waves
    }

    /// - Complexity: O(R * W * maxWeeks) per region test for R replications and W weeks of history.
    public func scan(in set: TransferSet, calendar: ElectionCalendar? = nil, legalFlags: [LegalFlag] = []) -> WaveScan {
        scan(in: set, calendar: calendar, legalFlags: legalFlags, regions: set.rowsByRegion())
    }

    /// One region's weeks.
    struct Series: Sendable {
        /// Monday of the first decree's week.
        var origin = Day(daysSinceEpoch: 0)
        var counts: [Double] = []
        /// Weeks set aside before the scan: national events.
        var masked: [Bool] = []
        /// Weeks in an election season: not used to learn routine rounds.
        var season: [Bool] = []
    }

    /// A region's first test, kept for the selection across regions.
    struct FirstTest: Sendable {
        var top: Candidate?
        var p = 1.0
        var replications = 0
        var atFloor = false
        var mu: [Double] = []
        var variance: [Double] = []
        var exceeding = 0
        var note: String?
        var smallest = 0
        var testable = false
        var mean = 0.0
        var rng = SeededGenerator(seed: 0)
    }

    /// `scan(in:calendar:legalFlags:)` with the set's `rowsByRegion()` already worked out (the
    /// loyalty analysis needs them too: a national file's rows grouped once, not twice).
    package func scan(in set: TransferSet, calendar: ElectionCalendar?, legalFlags: [LegalFlag], regions byRegion: RegionRows) -> WaveScan {
        guard var regions = prepare(set, calendar: calendar, legalFlags: legalFlags, regions: byRegion) else { return WaveScan() }
        var result = WaveScan()
        if regions.series.count >= options.nationalMinRegions {
            result.nationalEvents = nationalEvents(&regions.series, names: regions.names,
                                                   rows: regions.order.map { byRegion.rows(of: $0) }, set: set)
        }
        let single = regions.series.count == 1
        result.selection = single ? .alpha : .fdr
        var tests = firstTests(regions, single: single)
        let q = continueAtFloor(&tests, series: regions.series, single: single)
        let m = tests.count
        let selected = (0..<m).filter { single ? tests[$0].p < options.alpha : q[$0] <= options.fdr }
        let level = single ? options.alpha : options.fdr * Double(selected.count) / Double(m)
        result.level = level
        let found = furtherWaves(in: selected, regions, tests: tests, level: level, single: single, set: set, byRegion: byRegion)
        var wavesByRegion = [Int](repeating: 0, count: m)
        for (i, r) in selected.enumerated() { wavesByRegion[r] = found[i].count }
        result.waves = found.flatMap { $0 }
        result.regions = (0..<m).map { r in
            let t = tests[r]
            return RegionWaveTest(region: regions.names[r], weeks: regions.series[r].counts.count, meanPersonsPerWeek: (t.mean * 100).rounded() / 100,
                                  testable: t.testable, smallestDetectableWave: t.smallest, pValue: t.p, qValue: q[r],
                                  replications: t.replications, pValueAtFloor: t.atFloor, waves: wavesByRegion[r])
        }
        result.notes = notes(result, single: single)
        return result
    }

    /// The regions in name order, each with its weekly series, elections and legal flags.
    struct PreparedRegions {
        var order: [Int]
        var names: [String]
        var elections: [[Election]]
        var flags: [[LegalFlag]]
        var series: [Series]
    }

    /// Each region's weeks, elections and flags, looked up once here (not per wave, not per task).
    /// Regions are independent: they are split over the cores, and each region's seed depends only
    /// on the seed and the region's name, so results do not depend on the core count.
    func prepare(_ set: TransferSet, calendar: ElectionCalendar?, legalFlags: [LegalFlag], regions byRegion: RegionRows) -> PreparedRegions? {
        let order = byRegion.regions.indices.sorted { set[byRegion.regions[$0]] < set[byRegion.regions[$1]] }
        let names = order.map { set[byRegion.regions[$0]] }
        guard !order.isEmpty else { return nil }
        let lookup = calendar.map { CalendarLookup($0) }
        var flagsByRegion: [String: [LegalFlag]] = [:]
        for f in legalFlags { flagsByRegion[RegionName.key(f.region), default: []].append(f) }
        let elections = names.map { lookup?.elections(in: $0) ?? [] }
        let flags = names.map { flagsByRegion[RegionName.key($0)] ?? [] }
        let built = Slots<Series>(count: order.count, initial: Series())
        DispatchQueue.concurrentPerform(iterations: order.count) { r in
            built.set(r, WaveDetector.series(rows: byRegion.rows(of: order[r]), set: set, elections: elections[r]))
        }
        return PreparedRegions(order: order, names: names, elections: elections, flags: flags, series: built.values)
    }

    /// Each region's first test, at alpha (one region) or at the FDR level (several).
    func firstTests(_ regions: PreparedRegions, single: Bool) -> [FirstTest] {
        let firsts = Slots<FirstTest>(count: regions.series.count, initial: FirstTest())
        DispatchQueue.concurrentPerform(iterations: regions.series.count) { r in
            firsts.set(r, firstTest(regions.series[r], name: regions.names[r], level: single ? options.alpha : options.fdr))
        }
        return firsts.values
    }

    /// A region with no replicate as extreme in the first run (p at its floor) runs on to
    /// `replications` when the floor keeps it from passing: a first run of 999 decides most
    /// regions, and a p-value that goes on only from zero exceedances is still valid (p <= t lies
    /// within the first run's p <= t for t at or over its floor, within the full run's below it).
    /// Returns the regions' q-values after it.
    func continueAtFloor(_ tests: inout [FirstTest], series: [Series], single: Bool) -> [Double] {
        let q = WaveDetector.benjaminiHochberg(tests.map(\.p))
        let floor = tests.indices.filter { tests[$0].top != nil && tests[$0].exceeding == 0 && tests[$0].replications < options.replications
            && !(single ? tests[$0].p < options.alpha : q[$0] <= options.fdr) }
        guard !floor.isEmpty else { return q }
        let more = Slots<FirstTest>(count: floor.count, initial: FirstTest())
        let before = tests
        DispatchQueue.concurrentPerform(iterations: floor.count) { i in
            var t = before[floor[i]]
            let mc = monteCarlo(z: t.top!.z, mu: t.mu, variance: t.variance, masked: series[floor[i]].masked, rng: &t.rng,
                                level: nil, cap: options.replications, resume: (t.exceeding, t.replications))
            t.p = mc.p; t.replications = mc.replications; t.exceeding = mc.exceeding
            t.atFloor = mc.exceeding == 0
            more.set(i, t)
        }
        for (i, r) in floor.enumerated() { tests[r] = more.take(i) }
        return WaveDetector.benjaminiHochberg(tests.map(\.p))
    }

    /// Within each selected region, its further waves at the level it passed at.
    func furtherWaves(in selected: [Int], _ regions: PreparedRegions, tests: [FirstTest], level: Double, single: Bool,
                      set: TransferSet, byRegion: RegionRows) -> [[Wave]] {
        let found = Slots<[Wave]>(count: selected.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: selected.count) { i in
            let r = selected[i]
            let series = regions.series[r]
            let chosen = further(series, first: tests[r], level: level, strict: single)
            let transfers = byRegion.rows(of: regions.order[r]).map { set.transfers[$0] }
            found.set(i, chosen.windows.compactMap { c in
                describe(regions.names[r], window: (c.a, c.b, c.z, c.p), origin: series.origin, transfers: transfers, set: set, mu: c.mu,
                         elections: regions.elections[r], flags: regions.flags[r], note: chosen.note)
            })
        }
        return found.values
    }

    /// What limits the answer, in words for the report and the terminal.
    func notes(_ s: WaveScan, single: Bool) -> [String] {
        var out: [String] = []
        let floor = 1 / Double(options.replications + 1)
        let m = Double(s.regions.count)
        if single, floor >= options.alpha {
            out.append("alpha \(options.alpha) is below what \(options.replications) replications can show (the smallest p-value is \(String(format: "%.2g", floor))): no wave can be found; raise --replications above \(Int((1 / options.alpha).rounded(.up)))")
        } else if !single, floor > options.fdr / m {
            let atFloor = s.regions.filter(\.pValueAtFloor).count
            out.append("with \(options.replications) replications the smallest p-value is \(String(format: "%.2g", floor)), above fdr/regions = \(String(format: "%.2g", options.fdr / m)): a wave in fewer than \(Int((floor * m / options.fdr).rounded(.up))) regions cannot pass the FDR (\(atFloor) region(s) at the floor); raise --replications above \(Int((m / options.fdr).rounded(.up)))")
        }
        let untestable = s.regions.filter { !$0.testable }
        if !untestable.isEmpty {
            out.append("\(untestable.count) of \(s.regions.count) region(s) too small to test for a wave of three times their mean week (see regions: smallestDetectableWave)")
        }
        return out
    }

    static func seed(_ s: UInt64, _ region: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ s
        for b in region.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The weeks of an election's season, in which routine rounds are not learned: from six months
    /// before the candidates are determined (Pasal 71's window; eight months before the vote when the
    /// date is not given) to the inauguration (three months after the vote when not given).
    static func season(of e: Election) -> DayRange {
        let start = e.candidateDeterminationDate.map { $0.adding(months: -6) } ?? e.votingDate.adding(months: -8)
        let end = max(e.inaugurationDate ?? e.votingDate.adding(months: 3), e.votingDate)
        return DayRange(start: start, end: end)
    }

    /// A region's weekly counts; weeks start on the Monday of the first decree's week.
    static func series(rows: ArraySlice<Int>, set: TransferSet, elections: [Election]) -> Series {
        var lo = Int32.max, hi = Int32.min
        for i in rows {
            let d = set.transfers[i].decreeDate.daysSinceEpoch
            lo = min(lo, d); hi = max(hi, d)
        }
        guard lo <= hi else { return Series() }
        let first = Day(daysSinceEpoch: lo)
        var s = Series()
        s.origin = first.adding(days: -first.weekday)
        let weeks = s.origin.days(to: Day(daysSinceEpoch: hi)) / 7 + 1
        s.counts = [Double](repeating: 0, count: weeks)
        for i in rows { s.counts[s.origin.days(to: set.transfers[i].decreeDate) / 7] += 1 }
        s.masked = [Bool](repeating: false, count: weeks)
        s.season = [Bool](repeating: false, count: weeks)
        for e in elections {
            let r = season(of: e)
            let a = max(0, s.origin.days(to: r.start) / 7), b = min(weeks - 1, s.origin.days(to: r.end) / 7)
            if a <= b { for w in a...b { s.season[w] = true } }
        }
        return s
    }

    /// The Monte Carlo p-value of a window with standardised excess `z`, from negative binomial weeks
    /// with the fitted means and variances.
    ///
    /// Stops after `exceedances` replicates as extreme (p = exceedances / replicates, Besag and
    /// Clifford 1991), or at `replications` (p = (exceeding + 1) / (replications + 1)); given a
    /// `level`, also once p cannot fall below it (only the decision is wanted).
    func monteCarlo(z: Double, mu: [Double], variance: [Double], masked: [Bool], rng: inout SeededGenerator,
                    level: Double?, cap: Int, resume: (exceeding: Int, replications: Int) = (0, 0)) -> (p: Double, replications: Int, exceeding: Int) {
        let weeks = mu.count
        let phi = zip(mu, variance).map { max(0, ($1 - $0) / ($0 * $0)) }
        // a parametric bootstrap: each week from a negative binomial with its fitted mean and
        // variance (resampling the ~25 counts of a week's pool gave replicates too light a
        // tail once rounds had their own pools; docs/METHODS.md)
        let sampler = WeekSampler(mean: mu, phi: phi, masked: masked)
        let thresholds = Thresholds(z: z, mu: mu, variance: variance, masked: masked,
                                    maxWeeks: options.maxWeeks, minPersons: options.minPersons)
        var sim = [Double](repeating: 0, count: weeks)
        var exceed = resume.exceeding, n = resume.replications
        while n < cap {
            n += 1
            for w in 0..<weeks where !masked[w] {
                sim[w] = sampler.draw(week: w, rng.nextUnitDouble())
            }
            if thresholds.reached(by: sim) {
                exceed += 1
                if exceed >= options.exceedances { return (Double(exceed) / Double(n), n, exceed) }
            }
            if let level, Double(exceed + 1) >= level * Double(cap + 1) { break }
        }
        return (Double(exceed + 1) / Double(cap + 1), n, exceed)
    }

    /// Replications of a region's first run, and of a further wave's test at the usual levels.
    static let firstRun = 999

    /// The region's most extreme window and its p-value, and how large a wave it could have shown.
    func firstTest(_ s: Series, name: String, level: Double) -> FirstTest {
        var t = FirstTest(rng: SeededGenerator(seed: WaveDetector.seed(options.seed, name)))
        let weeks = s.counts.count
        guard weeks > 0 else { return t }
        let (mu, variance, routine, note) = WaveDetector.baseline(counts: s.counts, origin: s.origin, masked: s.masked, season: s.season)
        t.mu = mu; t.variance = variance; t.note = note
        t.mean = s.counts.reduce(0, +) / Double(weeks)
        // how large a one-week wave must be at this level: the (1 - level) quantile of the largest
        // excess over 199 replicates, on a typical week (a stream of its own: the p-values do not
        // depend on it)
        var crng = SeededGenerator(seed: WaveDetector.seed(options.seed &+ 0x9e37_79b9, name))
        let zc = criticalExcess(mu: mu, variance: variance, masked: s.masked, level: level, rng: &crng)
        let typical = (0..<weeks).filter { !s.masked[$0] }.map { mu[$0] + zc * variance[$0].squareRoot() }.sorted()
        let need = typical.isEmpty ? Double(options.minPersons) : typical[typical.count / 2].rounded(.up)
        t.smallest = max(options.minPersons, Int(need))
        t.testable = 4 * t.mean >= Double(t.smallest)
        guard let top = scan(s.counts, mu: mu, variance: variance, masked: s.masked, routine: routine).max(by: { $0.z < $1.z }) else { return t }
        t.top = top
        let mc = monteCarlo(z: top.z, mu: mu, variance: variance, masked: s.masked, rng: &t.rng, level: nil,
                            cap: min(options.replications, WaveDetector.firstRun))
        t.p = mc.p; t.replications = mc.replications; t.exceeding = mc.exceeding
        t.atFloor = mc.exceeding == 0
        return t
    }

    /// The (1 - level) quantile of the largest standardised excess over all windows, from 199
    /// replicates of the fitted baseline.
    func criticalExcess(mu: [Double], variance: [Double], masked: [Bool], level: Double, rng: inout SeededGenerator) -> Double {
        let n = mu.count, k = options.maxWeeks
        var e = [Double](repeating: 0, count: n * k), sd = [Double](repeating: .infinity, count: n * k)
        for a in 0..<n where !masked[a] {
            var ee = 0.0, v = 0.0
            for b in a..<min(n, a + k) {
                if masked[b] { break }
                ee += mu[b]; v += variance[b]
                e[a * k + b - a] = ee; sd[a * k + b - a] = v.squareRoot()
            }
        }
        let phi = zip(mu, variance).map { max(0, ($1 - $0) / ($0 * $0)) }
        let sampler = WeekSampler(mean: mu, phi: phi, masked: masked)
        var sim = [Double](repeating: 0, count: n)
        let reps = 199
        var maxima: [Double] = []
        maxima.reserveCapacity(reps)
        for _ in 0..<reps {
            for w in 0..<n where !masked[w] { sim[w] = sampler.draw(week: w, rng.nextUnitDouble()) }
            var best = 0.0
            for a in 0..<n {
                var o = 0.0
                for j in 0..<min(k, n - a) {
                    o += sim[a + j]
                    let z = (o - e[a * k + j]) / sd[a * k + j]
                    if z > best { best = z }
                }
            }
            maxima.append(best)
        }
        maxima.sort(by: >)
        return maxima[min(reps - 1, max(0, Int((level * Double(reps + 1)).rounded(.down)) - 1))]
    }

    /// A selected region's waves: its first window, then windows found by setting the found ones
    /// aside, refitting and scanning again (Kulldorff's secondary clusters), each at `level`, so a big
    /// wave neither hides a smaller one nor inflates the next year's baseline.
    func further(_ s: Series, first: FirstTest, level: Double, strict: Bool)
        -> (windows: [(a: Int, b: Int, z: Double, p: Double, mu: [Double])], note: String?) {
        guard let top = first.top else { return ([], first.note) }
        var masked = s.masked
        var chosen = [(a: top.a, b: top.b, z: top.z, p: first.p, mu: first.mu)]
        for w in top.a...top.b { masked[w] = true }
        var rng = first.rng
        var note = first.note
        for _ in 1..<max(1, options.maxWaves) {
            let (mu, variance, routine, n) = WaveDetector.baseline(counts: s.counts, origin: s.origin, masked: masked, season: s.season)
            note = n
            guard let next = scan(s.counts, mu: mu, variance: variance, masked: masked, routine: routine).max(by: { $0.z < $1.z }) else { break }
            // a decision at `level` needs a floor well under it, not the most replications
            let cap = min(options.replications, max(WaveDetector.firstRun, Int((20 / level).rounded(.up))))
            let p = monteCarlo(z: next.z, mu: mu, variance: variance, masked: masked, rng: &rng, level: level, cap: cap).p
            guard strict ? p < level : p <= level else { break }
            chosen.append((next.a, next.b, next.z, p, mu))
            for w in next.a...next.b { masked[w] = true }
        }
        return (chosen.sorted { $0.a < $1.a }, note)
    }

    /// Benjamini-Hochberg q-values: the smallest false discovery rate at which each p-value's
    /// hypothesis is rejected (step-up, Benjamini and Hochberg 1995).
    package static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, p[i] * Double(m) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }

    /// Weeks in which at least `nationalShare` of the regions covering them show an excess (a week at
    /// least three of its standard deviations over the region's baseline, and at least 3 people),
    /// with the weeks next to them where half that share do; set aside in every region's series.
    func nationalEvents(_ series: inout [Series], names: [String], rows: [ArraySlice<Int>], set: TransferSet) -> [NationalEvent] {
        let nonEmpty = series.indices.filter { !series[$0].counts.isEmpty }
        guard let origin = nonEmpty.map({ series[$0].origin }).min() else { return [] }
        let grid = NationalGrid(offset: series.map { origin.days(to: $0.origin) / 7 }, nonEmpty: nonEmpty,
                                excess: WaveDetector.excessWeeks(series), series: series)
        let isEvent = eventWeeks(grid, series: series)
        var events: [NationalEvent] = []
        var g = 0
        while g < isEvent.count {
            guard isEvent[g] else { g += 1; continue }
            var h = g
            while h + 1 < isEvent.count && isEvent[h + 1] { h += 1 }
            events.append(WaveDetector.event(weeks: g...h, grid, &series, names: names, rows: rows, set: set))
            g = h + 1
        }
        return events
    }

    /// The regions on one grid of weeks (the earliest region's Mondays), with each region's excess
    /// weeks and baseline.
    struct NationalGrid {
        /// Weeks from the grid's first Monday to each region's.
        var offset: [Int]
        var nonEmpty: [Int]
        var excess: [(weeks: [Int], mu: [Double])]
        /// Weeks in the grid.
        var span: Int

        init(offset: [Int], nonEmpty: [Int], excess: [(weeks: [Int], mu: [Double])], series: [Series]) {
            self.offset = offset; self.nonEmpty = nonEmpty; self.excess = excess
            span = nonEmpty.map { offset[$0] + series[$0].counts.count }.max() ?? 0
        }
    }

    /// Each region's excess weeks and baseline, from its own history with nothing set aside.
    static func excessWeeks(_ series: [Series]) -> [(weeks: [Int], mu: [Double])] {
        let excess = Slots<(weeks: [Int], mu: [Double])>(count: series.count, initial: ([], []))
        DispatchQueue.concurrentPerform(iterations: series.count) { r in
            let s = series[r]
            guard !s.counts.isEmpty else { return }
            let (mu, variance, _, _) = WaveDetector.baseline(counts: s.counts, origin: s.origin, masked: s.masked, season: s.season)
            let weeks = s.counts.indices.filter { s.counts[$0] >= max(3, mu[$0] + 3 * variance[$0].squareRoot()) }
            excess.set(r, (weeks, mu))
        }
        return excess.values
    }

    /// The grid's weeks that are national events: a share of the regions covering them with an
    /// excess, and the weeks next to one where half that share have one.
    func eventWeeks(_ grid: NationalGrid, series: [Series]) -> [Bool] {
        let span = grid.span
        var covering = [Int](repeating: 0, count: span), flagged = [Int](repeating: 0, count: span)
        for r in grid.nonEmpty {
            for w in 0..<series[r].counts.count { covering[grid.offset[r] + w] += 1 }
            for w in grid.excess[r].weeks { flagged[grid.offset[r] + w] += 1 }
        }
        func share(_ g: Int, _ s: Double) -> Bool {
            Double(flagged[g]) >= max(3, s * Double(covering[g]))
        }
        var isEvent = (0..<span).map { share($0, options.nationalShare) }
        // an event's decrees can spill into the next or previous week in some regions
        let core = isEvent
        for g in 0..<span where !core[g] && ((g > 0 && core[g - 1]) || (g + 1 < span && core[g + 1])) {
            isEvent[g] = share(g, options.nationalShare / 2)
        }
        return isEvent
    }

    /// The event in the grid's weeks `weeks`: the regions with an excess in them, their people and
    /// moves; the weeks are set aside in every region, affected or not.
    static func event(weeks: ClosedRange<Int>, _ grid: NationalGrid, _ series: inout [Series], names: [String],
                      rows: [ArraySlice<Int>], set: TransferSet) -> NationalEvent {
        let g = weeks.lowerBound, h = weeks.upperBound
        var affected: [Int] = []
        // people by NIP, national: one person moved in two affected regions is one
        var moves = 0.0, expected = 0.0, people = Set<NIP>()
        var first = Day(daysSinceEpoch: Int32.max / 2), last = Day(daysSinceEpoch: Int32.min / 2)
        for r in grid.nonEmpty {
            let a = max(0, g - grid.offset[r]), b = min(series[r].counts.count - 1, h - grid.offset[r])
            guard a <= b else { continue }
            if grid.excess[r].weeks.contains(where: { $0 >= a && $0 <= b }) {
                affected.append(r)
                for w in a...b { moves += series[r].counts[w]; expected += grid.excess[r].mu[w] }
                let from = series[r].origin.adding(days: a * 7), to = series[r].origin.adding(days: b * 7 + 6)
                for i in rows[r] {
                    let d = set.transfers[i].decreeDate
                    if d >= from && d <= to { first = min(first, d); last = max(last, d); people.insert(set.transfers[i].nip) }
                }
            }
            for w in a...b { series[r].masked[w] = true }
        }
        let covered = grid.nonEmpty.filter { r in grid.offset[r] <= h && grid.offset[r] + series[r].counts.count - 1 >= g }.count
        return NationalEvent(start: first, end: last, regionsAffected: affected.count, regionsWithData: covered,
                             persons: people.count, moves: Int(moves), expected: (expected * 10).rounded() / 10,
                             regions: affected.map { names[$0] })
    }

    struct Candidate: Sendable { var a: Int, b: Int, z: Double }

    /// Every window of 1...maxWeeks weeks with its standardised excess over the baseline, holding
    /// `minPersons` moves beyond its round weeks' `routine` sizes (`routineSize`).
    func scan(_ c: [Double], mu: [Double], variance: [Double], masked: [Bool], routine: [Double]) -> [Candidate] {
        var out: [Candidate] = []
        out.reserveCapacity(c.count * options.maxWeeks)
        for a in 0..<c.count where !masked[a] {
            var o = 0.0, e = 0.0, v = 0.0, r = 0.0
            for b in a..<min(c.count, a + options.maxWeeks) {
                if masked[b] { break }
                o += c[b]; e += mu[b]; v += variance[b]; r += routine[b]
                guard o >= Double(options.minPersons) + r, o > e else { continue }
                out.append(Candidate(a: a, b: b, z: (o - e) / v.squareRoot()))
            }
        }
        return out
    }

    /// The people each window must hold to reach a standardised excess `z`: a window's expected
    /// count and variance do not change between replicates, so `(o - e) >= z * sqrt(v)` becomes
    /// `o >= e + z * sqrt(v)` worked out once, and a replicate's scan is additions and compares.
    struct Thresholds {
        let maxWeeks: Int
        /// window (a, a + j) at a * maxWeeks + j; infinity where the window crosses a masked week
        var need: [Double]

        init(z: Double, mu: [Double], variance: [Double], masked: [Bool], maxWeeks: Int, minPersons: Int) {
            self.maxWeeks = maxWeeks
            need = [Double](repeating: .infinity, count: mu.count * maxWeeks)
            for a in 0..<mu.count where !masked[a] {
                var e = 0.0, v = 0.0
                for b in a..<min(mu.count, a + maxWeeks) {
                    if masked[b] { break }
                    e += mu[b]; v += variance[b]
                    // o > e is implied when z > 0; kept for z <= 0 by the next representable count
                    need[a * maxWeeks + b - a] = max(Double(minPersons), e + max(z * v.squareRoot(), e.ulp))
                }
            }
        }

        func reached(by c: [Double]) -> Bool {
            let n = c.count
            return need.withUnsafeBufferPointer { need in
                c.withUnsafeBufferPointer { c in
                    for a in 0..<n {
                        var o = 0.0
                        for j in 0..<min(maxWeeks, n - a) {
                            o += c[a + j]
                            if o >= need[a * maxWeeks + j] { return true }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// Weeks either side of the same week of the year that count as "the same time of year": a
    /// routine round falls anywhere from the 6th to the 26th of its month (±1 flagged 8-12% of null
    /// regions' rounds as waves in calibration; ±2 does not).
    static let seasonSlack = 2

    /// Leaves out of a week's pool the weeks far above the rest: more than four robust standard
    /// deviations (1.4826 times the median absolute deviation, at least the square root of the
    /// median, a Poisson's) over the pool's median. A wave in another year at the same time of year
    /// then neither raises the week's expected count nor its variance: three waves in the same month
    /// of three years are each compared with the ordinary years, not with each other.
    static func trim(_ pool: inout [Double]) {
        guard pool.count >= 4 else { return }
        let sorted = pool.sorted()
        let median = sorted[sorted.count / 2]
        let deviations = sorted.map { abs($0 - median) }.sorted()
        let spread = max(1.4826 * deviations[deviations.count / 2], max(median, 1).squareRoot())
        let fence = median + 4 * spread
        pool.removeAll { $0 > fence }
    }

    /// The expected people per week and their variance, from the same weeks of the year (±2) in the
    /// region's other years: routine rounds make some weeks of the year busy and variable (a round
    /// falls in one of January's weeks), and only the region's own history knows which. Each pool is
    /// trimmed of weeks far above the rest (`trim`), and both are shrunk towards the overall weekly
    /// mean (Poisson variance) with the weight of two such weeks; weeks set aside (waves found,
    /// national events) are left out. `season` marks election-season weeks, not used to learn rounds.
    /// `routine` is each round week's allowance (`routineSize`), 0 for other weeks.
    static func baseline(counts: [Double], origin: Day, masked: [Bool], season: [Bool]? = nil)
        -> (mean: [Double], variance: [Double], routine: [Double], note: String?) {
        let n = counts.count
        let kept = (0..<n).filter { !masked[$0] }
        let overall = max(kept.reduce(0.0) { $0 + counts[$1] } / Double(max(kept.count, 1)), 0.01)
        var weekOfYear = [Int](repeating: 0, count: n), year = [Int](repeating: 0, count: n)
        for w in 0..<n {
            let d = origin.adding(days: w * 7 + 3)
            let c = d.components
            year[w] = c.year
            let jan1 = Day(year: c.year, month: 1, day: 1)!
            weekOfYear[w] = min(51, jan1.days(to: d) / 7)
        }
        let years = Set(year).count
        let round = roundWeeks(counts: counts, origin: origin, year: year, masked: masked,
                               season: season ?? [Bool](repeating: false, count: n))
        var bySeason = [[Int]](repeating: [], count: 52)
        var roundsByMonth = [[Int]](repeating: [], count: 13)
        for w in 0..<n {
            if round[w] > 0 { roundsByMonth[round[w]].append(w) } else { bySeason[weekOfYear[w]].append(w) }
        }
        let roundWeeks = (0..<n).filter { round[$0] > 0 }
        let roundMean = roundWeeks.isEmpty ? overall : roundWeeks.reduce(0.0) { $0 + counts[$1] } / Double(roundWeeks.count)
        var mu = [Double](repeating: overall, count: n), raw = [Double](repeating: overall, count: n), size = [Double](repeating: 0, count: n)
        var pool: [Double] = []
        for w in 0..<n {
            pool.removeAll(keepingCapacity: true)
            // a round is shrunk towards the region's typical round, any other week towards its typical week
            let prior = round[w] > 0 ? roundMean : overall
            if round[w] > 0 {
                // a routine round is compared with the same month's rounds in other years
                for o in roundsByMonth[round[w]] where year[o] != year[w] && !masked[o] { pool.append(counts[o]) }
            } else {
                // the season does not wrap around the new year: late December is not January's round
                for s in max(0, weekOfYear[w] - WaveDetector.seasonSlack)...min(51, weekOfYear[w] + WaveDetector.seasonSlack) {
                    for o in bySeason[s] where year[o] != year[w] && !masked[o] { pool.append(counts[o]) }
                }
            }
            trim(&pool)
            let k = Double(pool.count)
            let m = max(0.05, (pool.reduce(0, +) + 2 * prior) / (k + 2))
            mu[w] = m
            raw[w] = k > 1 ? pool.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / (k - 1) : m
            size[w] = k
        }
        // A variance from ~15 same-season weeks of a batchy series is noisy, and a standardised
        // excess divided by an underestimate explodes (calibration: 11.5% of null regions flagged).
        // So each week's variance is shrunk towards a negative binomial with the region's median
        // dispersion, with the weight of 10 weeks.
        let phis = (0..<n).filter { !masked[$0] && size[$0] > 1 }.map { max(0, (raw[$0] - mu[$0]) / (mu[$0] * mu[$0])) }.sorted()
        let phi = phis.isEmpty ? 0 : phis[phis.count / 2]
        var variance = [Double](repeating: overall, count: n)
        for w in 0..<n {
            let prior = mu[w] + phi * mu[w] * mu[w]
            variance[w] = max(mu[w], (raw[w] * max(0, size[w] - 1) + 10 * prior) / (max(0, size[w] - 1) + 10))
        }
        let note = years < 3 ? "only \(years) calendar year(s) of history: the baseline is mostly the overall weekly mean, so the p-value is rough" : nil
        return (mu, variance, routineSize(counts: counts, round: round, year: year, masked: masked), note)
    }

    /// Per round week, the largest round of the region's other years (every round month; trimmed
    /// like a pool, so a wave on a round in another year does not count), 0 for other weeks.
    ///
    /// A window's moves count towards `minPersons` only beyond its round weeks' allowances: a round
    /// is one decision whose size varies from year to year, and a round no larger than one the region
    /// has already held, with a few single moves after it, is routine, not a wave (a July round twice
    /// its usual size and 6 single moves over the next three weeks was reported: docs/METHODS.md).
    /// The replicates keep the plain gate, so the test is conservative: the data's windows are a
    /// subset of those the null's maximum is taken over.
    static func routineSize(counts: [Double], round: [Int], year: [Int], masked: [Bool]) -> [Double] {
        let rounds = counts.indices.filter { round[$0] > 0 && !masked[$0] }
        var out = [Double](repeating: 0, count: counts.count)
        var pool: [Double] = []
        for w in rounds {
            pool = rounds.filter { year[$0] != year[w] }.map { counts[$0] }
            trim(&pool)
            out[w] = pool.max() ?? 0
        }
        return out
    }

    /// Which weeks are a routine round (the month, 1-12) and which are not (0).
    ///
    /// A month is a round month when, in at least two thirds of the three or more years whose data
    /// cover it, it holds a week of at least `max(3, 3 * (median week + 1))` people (a week belongs
    /// to the month of its Thursday) and at least a third of the busy years' median biggest week
    /// (a round's size is consistent year to year). Years in which the month falls in an election season are left
    /// out of that count when three or more others remain: a round is what a region does every
    /// year, not what it does before votes. In a round month every week that large is a round, and
    /// in a year with none the month's biggest week is. Where the learned rounds are small enough
    /// to fall under the line (one year in fifty), a month busy in half its years with busy weeks of
    /// the rounds' size (0.5 to 1.5 times) is a round month too.
    /// Rounds are then compared with rounds, and every other week with the region's other ordinary
    /// weeks at that time of year: pooling both made the weeks next to a round "round or nothing",
    /// so a burst of three ordinary weeks' worth there looked normal (see docs/METHODS.md). The rule
    /// was 40% of years: a head moving many people in May of 2022, 2024 and 2026 then made May a
    /// round, and those waves normal.
    static func roundWeeks(counts: [Double], origin: Day, year: [Int], masked: [Bool], season: [Bool]) -> [Int] {
        let months = MonthYears(counts: counts, origin: origin, year: year, masked: masked, season: season)
        var learned = months.roundMonths()
        learned.formUnion(months.smallRoundMonths(besides: learned))
        return months.roundWeeks(of: learned, counts: counts, year: year, masked: masked)
    }

    /// What `roundWeeks` learns from, month by month (index 1-12): the years whose data cover the
    /// month, the biggest busy week of each year, and the years that count.
    struct MonthYears {
        /// Each week's month (of its Thursday).
        var month: [Int]
        /// The busy line: `max(3, 3 * (median week + 1))` people.
        var large: Double
        var biggest = [[Int: Double]](repeating: [:], count: 13)
        /// Years whose biggest week is at least a third of the busy years' median biggest week.
        var busy = [Set<Int>](repeating: [], count: 13)
        /// Years whose data cover the month, those in an election season left out when three or
        /// more others remain.
        var years = [Set<Int>](repeating: [], count: 13)

        init(counts: [Double], origin: Day, year: [Int], masked: [Bool], season: [Bool]) {
            let n = counts.count
            month = (0..<n).map { origin.adding(days: $0 * 7 + 3).components.month }
            let sorted = counts.sorted()
            let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            large = max(3, 3 * (median + 1))
            var covered = [Set<Int>](repeating: [], count: 13), inSeason = [Set<Int>](repeating: [], count: 13)
            for w in 0..<n {
                covered[month[w]].insert(year[w])
                if season[w] { inSeason[month[w]].insert(year[w]) }
                if counts[w] >= large && !masked[w] { biggest[month[w]][year[w]] = max(biggest[month[w]][year[w]] ?? 0, counts[w]) }
            }
            // a round's size is about the same every year: a busy year whose biggest week is under a
            // third of the busy years' median is noise (a week of 3 in a region of half a person a
            // week), not a round, and does not make three waves' month a round month
            for m in 1...12 where !biggest[m].isEmpty {
                let sizes = biggest[m].values.sorted()
                let median = sizes[sizes.count / 2]
                busy[m] = Set(biggest[m].filter { $0.value * 3 >= median }.keys)
            }
            for m in 1...12 {
                let outside = covered[m].subtracting(inSeason[m])
                years[m] = outside.count >= 3 ? outside : covered[m]
            }
        }

        /// Months busy in at least two thirds of three or more years.
        func roundMonths() -> Set<Int> {
            Set((1...12).filter { m in years[m].count >= 3 && 3 * busy[m].intersection(years[m]).count >= 2 * years[m].count })
        }

        /// A small region's round can fall under the busy line in some years (a round of Poisson(5)
        /// under 3 people about one year in eight), so a month busy in only half its years may still
        /// be a round. It is one when the learned rounds do fall under the line at least one year in
        /// fifty (Poisson at their median size) and the month's busy weeks are of their size (0.5 to
        /// 1.5 times): waves planted to be seen are several times a small region's round, and in
        /// larger regions rounds never fall under the line, so the two-thirds rule alone decides.
        func smallRoundMonths(besides learned: Set<Int>) -> Set<Int> {
            guard !learned.isEmpty else { return [] }
            let sizes = learned.flatMap { m in busy[m].intersection(years[m]).compactMap { biggest[m][$0] } }.sorted()
            let size = sizes[sizes.count / 2]
            var term = exp(-size), under = 0.0
            for k in 0..<Int(large.rounded(.up)) { under += term; term *= size / Double(k + 1) }
            guard under >= 0.02 else { return [] }
            return Set((1...12).filter { m in
                guard !learned.contains(m) && years[m].count >= 3 else { return false }
                let b = busy[m].intersection(years[m])
                guard 2 * b.count >= years[m].count else { return false }
                let mine = b.compactMap { biggest[m][$0] }.sorted()
                let median = mine[mine.count / 2]
                return median >= 0.5 * size && median <= 1.5 * size
            })
        }

        /// In a round month every week over the line is a round, and in a year with none the month's
        /// biggest week is: a year whose round fell under the line still had its round, compared with
        /// rounds, not with ordinary weeks (a round of 5 in a region whose line is 6, with a few
        /// single moves the next week, was flagged as a wave).
        func roundWeeks(of learned: Set<Int>, counts: [Double], year: [Int], masked: [Bool]) -> [Int] {
            var out = [Int](repeating: 0, count: counts.count)
            for m in learned {
                var top: [Int: Int] = [:], seen = Set<Int>()
                for w in counts.indices where month[w] == m && !masked[w] {
                    if counts[w] >= large { out[w] = m; seen.insert(year[w]) }
                    if counts[w] > 0, counts[w] > (top[year[w]].map { counts[$0] } ?? 0) { top[year[w]] = w }
                }
                for (y, w) in top where !seen.contains(y) { out[w] = m }
            }
            return out
        }
    }

    func describe(_ name: String, window c: (a: Int, b: Int, z: Double, p: Double), origin: Day, transfers: [Transfer], set: TransferSet,
                  mu: [Double], elections: [Election], flags: [LegalFlag], note: String?) -> Wave? {
        let from = origin.adding(days: c.a * 7), to = origin.adding(days: c.b * 7 + 6)
        let inside = transfers.filter { $0.decreeDate >= from && $0.decreeDate <= to }
        guard let start = inside.map(\.decreeDate).min(), let end = inside.map(\.decreeDate).max() else { return nil }
        var decrees: [String] = [], signers: [String] = []
        var unitCounts: [String: Int] = [:]
        for t in inside {
            let d = set.decreeLabel(of: t)
            if !decrees.contains(d) { decrees.append(d) }
            let s = set[t.signedBy]
            if !s.isEmpty, !signers.contains(s) { signers.append(s) }
            if !t.toUnit.isEmpty { unitCounts[set[t.toUnit], default: 0] += 1 }
        }
        let expected = (c.a...c.b).reduce(0.0) { $0 + mu[$1] }
        // a wave inside a rule window anchored on the region's own vote (Pilkada, re-run) is read
        // against that vote, even when a national one is nearer: a June 2024 wave between
        // February's Pemilu and November's Pilkada falls in the Pilkada's window
        func nearest(_ xs: [Election]) -> Election? { xs.min { abs(start.days(to: $0.votingDate)) < abs(start.days(to: $1.votingDate)) } }
        let span = DayRange(start: start, end: end)
        let anchoring = Set(flags.filter { span.contains($0.decreeDate) }.compactMap(\.election))
        let election = nearest(elections.filter { $0.kind != .national && anchoring.contains($0.id) }) ?? nearest(elections)
        let range = DayRange(start: start, end: end)
        let rules = Set(flags.filter { range.contains($0.decreeDate) }.map(\.rule))
        // people, not moves: one person in two of the wave's decrees is one person moved
        let people = Set(inside.map(\.nip)).count, officials = Set(inside.filter(\.touchesStructuralPost).map(\.nip)).count
        var wave = Wave(region: name, start: start, end: end, persons: people, moves: inside.count,
                    officials: officials, decrees: decrees,
                    expected: (expected * 10).rounded() / 10, ratio: ((Double(inside.count) / expected) * 10).rounded() / 10,
                    pValue: c.p, signers: signers,
                    units: unitCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key),
                    election: election?.id, daysToVoting: election.map { start.days(to: $0.votingDate) },
                    inWindow: rules.sorted(), note: note)
        wave.daysToCandidateDetermination = election?.candidateDeterminationDate.map { start.days(to: $0) }
        return wave
    }
}

/// Draws each week's count from its negative binomial (Poisson when not overdispersed).
///
/// The weeks' distributions are fixed for a whole Monte Carlo run, so each is tabulated once as an
/// alias table (Walker 1977, Vose 1991) and a draw is one uniform, a multiply and a compare, where
/// a gamma-Poisson draw took a normal, a gamma and up to a few dozen uniforms (the Monte Carlo was
/// most of `analyze`'s time; a binary search over the cumulative table was still half of it, in
/// mispredicted branches). The table is exact: it runs from 12 standard deviations below the mean
/// up to where less than 1e-14 of the mass is left.
struct WeekSampler {
    /// Per week: the smallest count in its table, and where its table starts.
    private var first: [Int]
    private var start: [Int]
    /// Alias table: slot i keeps itself with probability `keep[i]`, else gives `alias[i]`.
    private var keep: [Double] = []
    private var alias: [Int32] = []

    /// Longest table per week: a wider distribution than this is cut (and renormalised).
    static let maxSupport = 1 << 16

    init(mean: [Double], phi: [Double], masked: [Bool]) {
        let n = mean.count
        first = [Int](repeating: 0, count: n)
        start = [Int](repeating: 0, count: n + 1)
        var weights: [Double] = [], scratch: [Int32] = []
        for w in 0..<n {
            start[w] = keep.count
            guard !masked[w], mean[w] > 0 else { keep.append(1); alias.append(0); continue }
            weights.removeAll(keepingCapacity: true)
            let m: Double = mean[w], ph: Double = phi[w]
            let poisson = ph * m < 1e-6
            let r: Double = poisson ? 0 : 1 / ph
            let q: Double = poisson ? 0 : m / (m + r)
            let variance: Double = poisson ? m : m + ph * m * m
            let lo = max(0, Int((m - 12 * variance.squareRoot()).rounded(.down)))
            // weights relative to P(lo), normalised below: P(k + 1) / P(k) is all it takes
            var p = 1.0, total = 0.0
            var k = lo
            while true {
                total += p
                weights.append(p)
                let kd = Double(k)
                let ratio: Double = poisson ? m / (kd + 1) : (kd + r) / (kd + 1) * q
                // past the mean the ratios only fall (Poisson, r >= 1) or stay under q (r < 1),
                // so the mass left is at most p * b / (1 - b)
                let bound: Double = poisson || r >= 1 ? ratio : q
                if kd > m && bound < 1 && p * bound / (1 - bound) < 1e-14 * total { break }
                if weights.count >= WeekSampler.maxSupport { break }
                p *= ratio
                k += 1
            }
            first[w] = lo
            appendAliasTable(weights, total: total, scratch: &scratch)
        }
        start[n] = keep.count
    }

    /// Vose's method: scaled weights under 1 are topped up from one over 1, each slot at most once.
    /// Over unsafe buffers with the two work lists as stacks in one scratch array: a national run
    /// builds some 300 k tables of about 1,500 slots, and the arrays' own appends and checks took
    /// most of that.
    private mutating func appendAliasTable(_ weights: [Double], total: Double, scratch: inout [Int32]) {
        let count = weights.count, base = keep.count
        keep.append(contentsOf: repeatElement(1, count: count))
        alias.append(contentsOf: 0..<Int32(count))
        if scratch.count < 2 * count { scratch = [Int32](repeating: 0, count: 2 * count) }
        var scaled = weights
        weights.withUnsafeBufferPointer { weights in
        scaled.withUnsafeMutableBufferPointer { scaled in
        keep.withUnsafeMutableBufferPointer { keep in
        alias.withUnsafeMutableBufferPointer { alias in
        scratch.withUnsafeMutableBufferPointer { scratch in
            // small grows up from 0, large from `count`
            var small = 0, large = count
            for i in 0..<count {
                scaled[i] = weights[i] * Double(count) / total
                if scaled[i] < 1 { scratch[small] = Int32(i); small += 1 } else { scratch[large] = Int32(i); large += 1 }
            }
            while small > 0, large > count {
                small -= 1
                let s = Int(scratch[small]), l = Int(scratch[large - 1])
                keep[base + s] = scaled[s]
                alias[base + s] = Int32(l)
                scaled[l] -= 1 - scaled[s]
                if scaled[l] < 1 { large -= 1; scratch[small] = Int32(l); small += 1 }
            }
        }}}}}
        // what is left is 1 up to rounding: keeps itself (already set)
    }

    /// The count of week `w` for a uniform `u` in [0, 1).
    @inline(__always)
    func draw(week w: Int, _ u: Double) -> Double {
        let s = start[w], size = start[w + 1] - s
        let x = u * Double(size)
        let i = min(Int(x), size - 1)
        // both loaded and one chosen without a branch: the compare goes either way at random, and
        // a mispredicted branch waited on the table's cache miss before the next week's draw could
        // start
        let alias = Int(self.alias[s + i])
        let kept = Int(unsafeBitCast(x - Double(i) < keep[s + i], to: UInt8.self))
        return Double(first[w] + alias &+ (i &- alias) &* kept)
    }
}

/// Poisson draws for the synthetic cases (`Synth`, `WaveCalibration`); the wave detector's own
/// replicates come from `WeekSampler`.
package enum Poisson {
    static func normal(rng: inout SeededGenerator) -> Double {
        let u1 = max(rng.nextUnitDouble(), 1e-300), u2 = rng.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Knuth's method for small lambda, a rounded normal approximation above 30 (close enough for
    /// generating synthetic counts).
    package static func sample(_ lambda: Double, rng: inout SeededGenerator) -> Int {
        if lambda <= 0 { return 0 }
        if lambda > 30 {
            return max(0, Int((lambda + lambda.squareRoot() * normal(rng: &rng)).rounded()))
        }
        let l = exp(-lambda)
        var k = 0, p = 1.0
        repeat { k += 1; p *= rng.nextUnitDouble() } while p > l
        return k - 1
    }
}
