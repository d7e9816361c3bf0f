import Foundation

/// A mutation wave: far more people moved in a window than the region's own history predicts for
/// that time of year.
public struct Wave: Sendable, Codable, Equatable {
    public var region: String
    /// First and last decree dates in the window (ISO).
    public var start: String
    public var end: String
    public var persons: Int
    /// People whose move touched a structural post.
    public var officials: Int
    public var decrees: [String]
    /// People the baseline expects in the window.
    public var expected: Double
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

    public init(region: String, start: String, end: String, persons: Int, officials: Int, decrees: [String], expected: Double,
                ratio: Double, pValue: Double, signers: [String], units: [String], election: String?, daysToVoting: Int?,
                inWindow: [String], note: String?) {
        self.region = region; self.start = start; self.end = end; self.persons = persons; self.officials = officials
        self.decrees = decrees; self.expected = expected; self.ratio = ratio; self.pValue = pValue; self.signers = signers
        self.units = units; self.election = election; self.daysToVoting = daysToVoting; self.inWindow = inWindow; self.note = note
    }
}

/// Finds waves per region with a temporal scan against a seasonal baseline.
///
/// Counts are people moved per week. Routine rounds (January, July) are found in the region's own
/// data and compared with its rounds of other years; every other week with the same weeks of the
/// year (±2) in other years, shrunk towards the region's weekly mean. Batches make the counts
/// overdispersed, so each week's variance comes from the same pool (shrunk towards a negative
/// binomial). Windows of 1 to `maxWeeks` weeks are scanned with a standardised excess; the p-value of
/// the most extreme window is the share of Monte Carlo replicates (negative binomial weeks with the
/// fitted means and variances) whose largest statistic over all windows is at least as large, which
/// accounts for the many windows looked at (Kulldorff 1997). Found windows are set aside and the
/// scan refitted and repeated. See docs/METHODS.md.
public struct WaveDetector: Sendable {
    public struct Options: Sendable {
        public var alpha = 0.05
        public var replications = 999
        public var seed: UInt64 = 1
        public var maxWeeks = 4
        /// Windows moving fewer people than this are not waves, whatever the baseline.
        public var minPersons = 10
        /// At most this many waves per region (each costs one Monte Carlo run).
        public var maxWaves = 8
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// - Complexity: O(R * W * maxWeeks) per region for R replications and W weeks of history.
    public func waves(in set: TransferSet, calendar: ElectionCalendar? = nil, legalFlags: [LegalFlag] = []) -> [Wave] {
        waves(in: set, calendar: calendar, legalFlags: legalFlags, regions: set.rowsByRegion())
    }

    /// `waves(in:calendar:legalFlags:)` with the set's `rowsByRegion()` already worked out (the
    /// loyalty analysis needs them too: 20.8 M rows grouped once, not twice).
    func waves(in set: TransferSet, calendar: ElectionCalendar?, legalFlags: [LegalFlag], regions byRegion: RegionRows) -> [Wave] {
        let order = byRegion.regions.indices.sorted { set[byRegion.regions[$0]] < set[byRegion.regions[$1]] }
        let regions = order.map { byRegion.regions[$0] }
        let groups = order.map { Array(byRegion.rows(of: $0)) }
        // regions are independent: split them over the cores; each region's seed depends only on
        // the seed and the region's name, so results do not depend on the core count
        // each region's elections and flags, looked up once here (not per wave, not per task)
        let lookup = calendar.map { CalendarLookup($0) }
        var flagsByRegion: [String: [LegalFlag]] = [:]
        for f in legalFlags { flagsByRegion[RegionName.key(f.region), default: []].append(f) }
        let elections = regions.map { lookup?.elections(in: set[$0]) ?? [] }
        let flags = regions.map { flagsByRegion[RegionName.key(set[$0])] ?? [] }
        let out = Slots<[Wave]>(count: regions.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: regions.count) { r in
            out.set(r, region(set[regions[r]], indices: groups[r], set: set, elections: elections[r], flags: flags[r]))
        }
        return out.values.flatMap { $0 }
    }

    static func seed(_ s: UInt64, _ region: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ s
        for b in region.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    func region(_ name: String, indices: [Int], set: TransferSet, elections: [Election], flags: [LegalFlag]) -> [Wave] {
        let transfers = indices.map { set.transfers[$0] }
        guard let first = transfers.map(\.decreeDate).min(), let last = transfers.map(\.decreeDate).max() else { return [] }
        // weeks start on the first decree's Monday
        let origin = first.adding(days: -first.weekday)
        let weeks = origin.days(to: last) / 7 + 1
        var counts = [Double](repeating: 0, count: weeks)
        for t in transfers { counts[origin.days(to: t.decreeDate) / 7] += 1 }
        // Sequential scan (Kulldorff's secondary clusters, refitted): find the most extreme window;
        // if significant, set its weeks aside from the baseline and the dispersion, refit and scan
        // again, so a big wave neither hides a smaller one nor inflates the next year's baseline.
        var masked = [Bool](repeating: false, count: weeks)
        var chosen: [(a: Int, b: Int, z: Double, p: Double, mu: [Double])] = []
        var rng = SeededGenerator(seed: WaveDetector.seed(options.seed, name))
        var note: String?
        for _ in 0..<options.maxWaves {
            let (mu, variance, n) = WaveDetector.baseline(counts: counts, origin: origin, masked: masked)
            note = n
            let phi = zip(mu, variance).map { max(0, ($1 - $0) / ($0 * $0)) }
            guard let top = scan(counts, mu: mu, variance: variance, masked: masked).max(by: { $0.z < $1.z }) else { break }
            var exceed = 0
            var sim = [Double](repeating: 0, count: weeks)
            // a parametric bootstrap: each week from a negative binomial with its fitted mean and
            // variance (resampling the ~25 counts of a week's pool gave replicates too light a
            // tail once rounds had their own pools; docs/METHODS.md)
            let sampler = WeekSampler(mean: mu, phi: phi, masked: masked)
            let thresholds = Thresholds(z: top.z, mu: mu, variance: variance, masked: masked,
                                        maxWeeks: options.maxWeeks, minPersons: options.minPersons)
            for _ in 0..<options.replications {
                for w in 0..<weeks where !masked[w] {
                    sim[w] = sampler.draw(week: w, rng.nextUnitDouble())
                }
                if thresholds.reached(by: sim) { exceed += 1 }
                // once p = (exceed + 1) / (R + 1) cannot fall below alpha, the rest cannot change the
                // answer (Besag and Clifford 1991): most regions, and every region's last scan, stop early
                if Double(exceed + 1) >= options.alpha * Double(options.replications + 1) { break }
            }
            let p = Double(exceed + 1) / Double(options.replications + 1)
            guard p < options.alpha else { break }
            chosen.append((top.a, top.b, top.z, p, mu))
            for w in top.a...top.b { masked[w] = true }
        }
        return chosen.sorted { $0.a < $1.a }.compactMap { c in
            describe(name, window: (c.a, c.b, c.z, c.p), origin: origin, transfers: transfers, set: set, mu: c.mu, elections: elections, flags: flags, note: note)
        }
    }

    struct Candidate { var a: Int, b: Int, z: Double }

    /// Every window of 1...maxWeeks weeks with its standardised excess over the baseline.
    func scan(_ c: [Double], mu: [Double], variance: [Double], masked: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        out.reserveCapacity(c.count * options.maxWeeks)
        for a in 0..<c.count where !masked[a] {
            var o = 0.0, e = 0.0, v = 0.0
            for b in a..<min(c.count, a + options.maxWeeks) {
                if masked[b] { break }
                o += c[b]; e += mu[b]; v += variance[b]
                guard o >= Double(options.minPersons), o > e else { continue }
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

    /// The expected people per week and their variance, from the same weeks of the year (±2) in the
    /// region's other years: routine rounds make some weeks of the year busy and variable (a round
    /// falls in one of January's weeks), and only the region's own history knows which. Both are
    /// shrunk towards the overall weekly mean (Poisson variance) with the weight of two such weeks;
    /// weeks set aside as waves are left out.
    static func baseline(counts: [Double], origin: Day, masked: [Bool]) -> (mean: [Double], variance: [Double], note: String?) {
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
        let round = roundWeeks(counts: counts, origin: origin, year: year, masked: masked)
        var bySeason = [[Int]](repeating: [], count: 52)
        var roundsByMonth = [[Int]](repeating: [], count: 13)
        for w in 0..<n {
            if round[w] > 0 { roundsByMonth[round[w]].append(w) } else { bySeason[weekOfYear[w]].append(w) }
        }
        let roundWeeks = (0..<n).filter { round[$0] > 0 }
        let roundMean = roundWeeks.isEmpty ? overall : roundWeeks.reduce(0.0) { $0 + counts[$1] } / Double(roundWeeks.count)
        var mu = [Double](repeating: overall, count: n), raw = [Double](repeating: overall, count: n), size = [Double](repeating: 0, count: n)
        for w in 0..<n {
            var pool: [Double] = []
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
        return (mu, variance, note)
    }

    /// Which weeks are a routine round (the month, 1-12) and which are not (0).
    ///
    /// A month is a round month when, in at least 40% of the three or more years whose data cover it,
    /// it holds a week of at least `max(3, 3 * (median week + 1))` people (a week belongs to
    /// the month of its Thursday). In such a month, every week that large is a round. Rounds are then
    /// compared with rounds, and every other week with the region's other ordinary weeks at that
    /// time of year: pooling both made the weeks next to a round "round or nothing", so a burst of
    /// three ordinary weeks' worth there looked normal (calibration: 88.5% of planted waves found
    /// without this, see docs/METHODS.md).
    static func roundWeeks(counts: [Double], origin: Day, year: [Int], masked: [Bool]) -> [Int] {
        let n = counts.count
        var month = [Int](repeating: 0, count: n)
        for w in 0..<n { month[w] = origin.adding(days: w * 7 + 3).components.month }
        let sorted = counts.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let large = max(3, 3 * (median + 1))
        var covered = [Set<Int>](repeating: [], count: 13), busy = [Set<Int>](repeating: [], count: 13)
        for w in 0..<n {
            covered[month[w]].insert(year[w])
            if counts[w] >= large { busy[month[w]].insert(year[w]) }
        }
        var out = [Int](repeating: 0, count: n)
        for m in 1...12 where covered[m].count >= 3 && Double(busy[m].count) >= 0.4 * Double(covered[m].count) {
            for w in 0..<n where month[w] == m && counts[w] >= large && !masked[w] { out[w] = m }
        }
        return out
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
        let anchoring = Set(flags.filter { Day(iso: $0.decreeDate).map(span.contains) == true }.compactMap(\.election))
        let election = nearest(elections.filter { $0.kind != .national && anchoring.contains($0.id) }) ?? nearest(elections)
        let range = DayRange(start: start, end: end)
        let rules = Set(flags.filter { Day(iso: $0.decreeDate).map(range.contains) == true }.map(\.rule))
        var wave = Wave(region: name, start: start.iso, end: end.iso, persons: inside.count,
                    officials: inside.filter(\.touchesStructuralPost).count, decrees: decrees,
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
        // start (at 20.8 M rows, a third of the detector's time on that load)
        let alias = Int(self.alias[s + i])
        let kept = Int(unsafeBitCast(x - Double(i) < keep[s + i], to: UInt8.self))
        return Double(first[w] + alias &+ (i &- alias) &* kept)
    }
}

/// Poisson draws for the synthetic cases (`Synth`, `WaveCalibration`); the wave detector's own
/// replicates come from `WeekSampler`.
enum Poisson {
    static func normal(rng: inout SeededGenerator) -> Double {
        let u1 = max(rng.nextUnitDouble(), 1e-300), u2 = rng.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Knuth's method for small lambda, a rounded normal approximation above 30 (close enough for
    /// generating synthetic counts).
    static func sample(_ lambda: Double, rng: inout SeededGenerator) -> Int {
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
