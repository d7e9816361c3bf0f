import MutasiSupport
import MutasiModel
import MutasiAnalysis
import MutasiNetwork

/// The national screening panel: hundreds of regions of several sizes, most of them null, one
/// national event (a week in which every region moves several times its usual week), and waves
/// planted once or in the same month of three election years. What `mutasi-bench calibrate panel`
/// and the calibration test measure against the targets (docs/METHODS.md).
public enum WavePanel {
    public struct Options: Sendable {
        public var regions = 300
        public var seed: UInt64 = 2026
        /// Region sizes: routine rounds of Poisson(10·scale), Poisson(scale) single moves a week;
        /// regions take them in turn.
        public var scales: [Double] = [0.5, 1, 3, 10]
        /// Share of regions with one planted wave, and with a wave in the same month of 2022, 2024, 2026.
        public var oneOffShare = 0.1
        public var recurringShare = 0.1
        /// The national event's week (Monday): every region moves Poisson(6·scale) + 3 more people.
        public var nationalEvent: Day? = Day(iso: "2021-12-13")
        public init() {}
    }

    public struct SizeRow: Sendable, Codable, Equatable {
        public var scale: Double
        public var regions = 0
        public var meanPersonsPerWeek = 0.0
        public var testable = 0
        public var nullRegions = 0
        /// Null regions in which a regional wave was reported.
        public var nullRegionsWithWave = 0
        public var plantedOneOff = 0, foundOneOff = 0
        public var plantedRecurring = 0, foundRecurring = 0
        public var reportedWaves = 0, falseWaves = 0
    }

    public struct Result: Sendable, Codable, Equatable {
        public var bySize: [SizeRow] = []
        /// Planted waves (all of 20 people or more) found, one-off and recurring together.
        public var plantedFound = 0.0
        public var recurringFound = 0.0
        /// Whether the national event was listed, and the share of regions in which a regional wave
        /// was reported in its week.
        public var eventListed = false
        public var eventRegionsAffected = 0
        public var regionsWithWaveInEventWeek = 0.0
        /// False discovery proportion among the reported regional waves (a wave that overlaps no
        /// planted week is false).
        public var falseDiscoveryProportion = 0.0
        /// Reported waves overlapping a routine round's week and no planted week.
        public var roundsFlagged = 0
        /// The false discoveries: region, start, people, p-value.
        public var falseWaves: [String] = []
        public var reportedWaves = 0
        public var otherNationalEvents = 0
    }

    /// The panel as one transfer set, with each region's planted weeks and round weeks.
    package static func make(_ o: Options) -> (set: TransferSet, planted: [String: [DayRange]], recurring: Set<String>,
                                               rounds: [String: [DayRange]], scales: [String: Double]) {
        var p = Panel(seed: o.seed)
        let oneOff = Int((Double(o.regions) * o.oneOffShare).rounded()), recur = Int((Double(o.regions) * o.recurringShare).rounded())
        for r in 0..<o.regions {
            let name = String(format: "Region %03d", r)
            let region = p.set.strings.intern(name)
            let scale = o.scales[r % o.scales.count]
            p.scales[name] = scale
            let weekly = p.routine(r, name: name, region: region, scale: scale)
            if let e = o.nationalEvent {
                let day = e.adding(days: p.rng.nextInt(below: 5))
                let n = Poisson.sample(6 * scale, rng: &p.rng) + 3
                p.add(day, n, "NAT\(r)", region)
            }
            let size = max(20, Int((3 * weekly).rounded(.up)))
            // the first regions of each size carry the waves, the same number at every size
            let slot = r / o.scales.count
            let oneOffPerSize = oneOff / o.scales.count, recurPerSize = recur / o.scales.count
            if slot < oneOffPerSize {
                p.plantOneOff(r, name: name, region: region, size: size)
            } else if slot < oneOffPerSize + recurPerSize {
                p.plantRecurring(r, name: name, region: region, size: size)
            }
        }
        return (p.set, p.planted, p.recurring, p.rounds, p.scales)
    }

    /// `make`'s panel as it grows, region by region, from one generator.
    struct Panel {
        var rng: SeededGenerator
        var set = TransferSet()
        var planted: [String: [DayRange]] = [:], rounds: [String: [DayRange]] = [:], scales: [String: Double] = [:]
        var recurring = Set<String>()
        /// People added so far: each move is a new person.
        private var seq = 0

        init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

        static func week(_ d: Day) -> DayRange { DayRange(start: d.adding(days: -d.weekday), end: d.adding(days: 6 - d.weekday)) }

        mutating func add(_ day: Day, _ n: Int, _ decree: String, _ region: Symbol) {
            let d = set.strings.intern(decree)
            for _ in 0..<n {
                seq += 1
                set.transfers.append(Transfer(nip: NIP(value: 196001012005011000 + UInt64(seq)), decreeNo: d, decreeDate: day,
                                              kind: .mutation, region: region))
            }
        }

        /// The January and July rounds and the weekly single moves, 2021 to 2026; returns the
        /// region's mean people moved per week.
        mutating func routine(_ r: Int, name: String, region: Symbol, scale: Double) -> Double {
            let start = Day(iso: "2021-01-04")!
            var total = 0
            for y in 2021...2026 {
                for m in [1, 7] {
                    let n = Poisson.sample(10 * scale, rng: &rng)
                    let day = Day(year: y, month: m, day: 6 + rng.nextInt(below: 20))!
                    add(day, n, "R\(r)-\(y)-\(m)", region)
                    rounds[name, default: []].append(Panel.week(day))
                    total += n
                }
            }
            let weeks = start.days(to: Day(iso: "2026-12-31")!) / 7
            for w in 0..<weeks {
                let n = Poisson.sample(scale, rng: &rng)
                if n > 0 {
                    let day = start.adding(days: w * 7 + rng.nextInt(below: 5))
                    add(day, n, "S\(r)-\(w)", region); total += n
                }
            }
            return Double(total) / Double(weeks)
        }

        /// One wave, in a month without a round, 2022 to 2025.
        mutating func plantOneOff(_ r: Int, name: String, region: Symbol, size: Int) {
            var month = 1
            while [1, 7, 12].contains(month) { month = 1 + rng.nextInt(below: 12) }
            let day = Day(year: 2022 + rng.nextInt(below: 4), month: month, day: 1 + rng.nextInt(below: 20))!
            add(day, size, "WAVE\(r)", region)
            planted[name, default: []].append(Panel.week(day))
        }

        /// A wave in the same month of 2022, 2024 and 2026 (an election year's habit).
        mutating func plantRecurring(_ r: Int, name: String, region: Symbol, size: Int) {
            let month = [4, 5, 6, 8, 9, 10][rng.nextInt(below: 6)]
            for y in [2022, 2024, 2026] {
                let day = Day(year: y, month: month, day: 6 + rng.nextInt(below: 16))!
                add(day, size, "EWAVE\(r)-\(y)", region)
                planted[name, default: []].append(Panel.week(day))
            }
            recurring.insert(name)
        }
    }

    /// Runs the detector on the panel and scores it.
    public static func run(_ o: Options = Options(), detector: WaveDetector = WaveDetector()) -> Result {
        let (set, planted, recurring, rounds, scales) = make(o)
        let scan = detector.scan(in: set)
        var result = Result()
        var rows: [Double: SizeRow] = [:]
        for s in o.scales { rows[s] = SizeRow(scale: s) }
        let event = o.nationalEvent.map { e in Panel.week(e) }
        scoreNationalEvent(event, scan.nationalEvents, &result)
        var byRegion: [String: [Wave]] = [:]
        for w in scan.waves { byRegion[w.region, default: []].append(w) }
        var inEvent = 0, falseWaves = 0, foundAll = 0, plantedAll = 0, foundRecurring = 0, plantedRecurring = 0
        for t in scan.regions {
            let s = scales[t.region]!
            var row = rows[s]!
            row.regions += 1
            row.meanPersonsPerWeek += t.meanPersonsPerWeek
            if t.testable { row.testable += 1 }
            let waves = byRegion[t.region] ?? []
            func overlaps(_ w: Wave, _ r: DayRange) -> Bool { w.span.overlaps(r) }
            let plants = planted[t.region] ?? []
            if plants.isEmpty {
                row.nullRegions += 1
                if !waves.isEmpty { row.nullRegionsWithWave += 1 }
            }
            for p in plants {
                let hit = waves.contains { overlaps($0, p) }
                if recurring.contains(t.region) {
                    row.plantedRecurring += 1; plantedRecurring += 1
                    if hit { row.foundRecurring += 1; foundRecurring += 1 }
                } else {
                    row.plantedOneOff += 1
                    if hit { row.foundOneOff += 1 }
                }
                plantedAll += 1
                if hit { foundAll += 1 }
            }
            if let event, waves.contains(where: { overlaps($0, event) }) { inEvent += 1 }
            for w in waves {
                row.reportedWaves += 1
                if !plants.contains(where: { overlaps(w, $0) }) {
                    row.falseWaves += 1; falseWaves += 1
                    result.falseWaves.append("\(w.region) \(w.start) \(w.persons) people in \(w.moves) moves (expected \(w.expected)), p \(w.pValue), scale \(s)")
                    if (rounds[t.region] ?? []).contains(where: { overlaps(w, $0) }) { result.roundsFlagged += 1 }
                }
            }
            rows[s] = row
        }
        result.bySize = o.scales.map { s in
            var r = rows[s]!
            r.meanPersonsPerWeek = r.regions > 0 ? (r.meanPersonsPerWeek / Double(r.regions) * 100).rounded() / 100 : 0
            return r
        }
        result.reportedWaves = scan.waves.count
        result.plantedFound = plantedAll > 0 ? Double(foundAll) / Double(plantedAll) : 1
        result.recurringFound = plantedRecurring > 0 ? Double(foundRecurring) / Double(plantedRecurring) : 1
        result.regionsWithWaveInEventWeek = Double(inEvent) / Double(max(1, scan.regions.count))
        result.falseDiscoveryProportion = scan.waves.isEmpty ? 0 : Double(falseWaves) / Double(scan.waves.count)
        return result
    }

    /// Whether the planted national event's week is listed, and how many regions it affected.
    private static func scoreNationalEvent(_ event: DayRange?, _ events: [NationalEvent], _ result: inout Result) {
        result.eventListed = event.map { ev in events.contains { $0.span.overlaps(ev) } } ?? false
        result.eventRegionsAffected = event.map { ev in
            events.filter { $0.span.overlaps(ev) }.map(\.regionsAffected).max() ?? 0 } ?? 0
        result.otherNationalEvents = events.count - (result.eventListed ? 1 : 0)
    }
}
