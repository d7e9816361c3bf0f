import MutasiSupport
import MutasiModel
import MutasiAnalysis
import MutasiNetwork

/// The wave detector's calibration: simulated regions with routine rounds and single moves, each
/// scanned once as it is (nothing planted) and once with a wave of 3x its mean weekly count planted
/// in one week of a month without rounds. Used by the calibration test and `mutasi-bench calibrate`.
public enum WaveCalibration {
    public struct Result: Sendable {
        public var regions: Int
        /// Share of regions with nothing planted in which a wave was found (false alarms).
        public var nullRegionsWithWave: Double
        /// Share of planted waves found.
        public var plantedFound: Double
        /// Waves found in planted regions that are not the planted one.
        public var otherWaves: Int
    }

    /// - Parameters: `scale` sets the region's size: rounds of Poisson(10·scale), Poisson(scale) single moves a week.
    public static func run(regions: Int, scale: Double, seed: UInt64 = 2024, detector: WaveDetector = WaveDetector()) -> Result {
        var rng = SeededGenerator(seed: seed)
        var falseRegions = 0, found = 0, extra = 0
        for r in 0..<regions {
            let null = region(r, scale: scale, plant: false, rng: &rng).0
            if !detector.waves(in: null).isEmpty { falseRegions += 1 }
            let (set, planted) = region(r, scale: scale, plant: true, rng: &rng)
            let waves = detector.waves(in: set)
            let hit = waves.contains { w in w.span.overlaps(planted!) }
            if hit { found += 1 }
            extra += waves.count - (hit ? 1 : 0)
        }
        return Result(regions: regions, nullRegionsWithWave: Double(falseRegions) / Double(regions),
                      plantedFound: Double(found) / Double(regions), otherWaves: extra)
    }

    static func region(_ r: Int, scale: Double, plant: Bool, rng: inout SeededGenerator) -> (TransferSet, DayRange?) {
        var set = TransferSet()
        let name = set.strings.intern("Region \(r)")
        var seq = 0
        func add(_ day: Day, _ n: Int, _ decree: String) {
            let d = set.strings.intern(decree)
            for _ in 0..<n {
                seq += 1
                set.transfers.append(Transfer(nip: NIP(value: 198001012005011000 + UInt64(seq)), decreeNo: d, decreeDate: day, kind: .mutation, region: name))
            }
        }
        let start = Day(iso: "2019-01-01")!
        var total = 0
        for y in 2019...2024 {
            for m in [1, 7] {
                let n = Poisson.sample(10 * scale, rng: &rng)
                add(Day(year: y, month: m, day: 6 + rng.nextInt(below: 20))!, n, "R\(y)-\(m)")
                total += n
            }
        }
        for w in 0..<(6 * 52) {
            let n = Poisson.sample(scale, rng: &rng)
            if n > 0 { add(start.adding(days: w * 7 + rng.nextInt(below: 5)), n, "S\(w)"); total += n }
        }
        var planted: DayRange?
        if plant {
            let weekly = Double(total) / (6 * 52)
            var month = 1
            while month == 1 || month == 7 || month == 12 { month = 1 + rng.nextInt(below: 12) }
            let day = Day(year: 2020 + rng.nextInt(below: 4), month: month, day: 1 + rng.nextInt(below: 20))!
            add(day, Int((3 * weekly).rounded(.up)), "WAVE")
            planted = DayRange(start: day.adding(days: -day.weekday), end: day.adding(days: 6 - day.weekday))
        }
        return (set, planted)
    }
}
