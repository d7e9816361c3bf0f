import Foundation
import MutasiGraph

/// Times the pipeline's stages on the given files and prints one JSON object per stage:
/// seconds, rows/s, MB/s and peak RSS. Usage: mutasi-bench ingest FILE...
func peakRSSMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }
    return 0
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func printJSON(_ d: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let args = Array(CommandLine.arguments.dropFirst())
guard let stage = args.first else {
    FileHandle.standardError.write(Data("usage: mutasi-bench ingest FILE...\n".utf8))
    exit(2)
}
let files = Array(args.dropFirst())
let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }

switch stage {
case "ingest":
    let t0 = now()
    let (set, report) = try TransferReader.read(paths: files)
    let s = now() - t0
    printJSON(["stage": "ingest", "seconds": s, "rows": report.recordsRead, "accepted": report.recordsAccepted,
               "rowsPerSecond": Double(report.recordsRead) / s, "MBPerSecond": Double(bytes) / 1e6 / s,
               "strings": set.strings.count, "peakRSSMB": peakRSSMB()])
case "calibrate":
    // mutasi-bench calibrate REGIONS SCALE: the share of null regions with a wave at alpha 0.05,
    // and the share of regions where a planted wave of 3x the weekly mean is found
    let regions = Int(files.first ?? "200") ?? 200
    let scale = Double(files.dropFirst().first ?? "5") ?? 5
    var rng = SeededGenerator(seed: 2024)
    func poisson(_ l: Double) -> Int { NegativeBinomialPublic.poisson(l, &rng) }
    func region(_ r: Int, plant: Bool) -> (TransferSet, DayRange?) {
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
                let n = poisson(10 * scale)
                add(Day(year: y, month: m, day: 6 + rng.nextInt(below: 20))!, n, "R\(y)-\(m)")
                total += n
            }
        }
        for w in 0..<(6 * 52) {
            let n = poisson(scale)
            if n > 0 { add(start.adding(days: w * 7 + rng.nextInt(below: 5)), n, "S\(w)"); total += n }
        }
        var planted: DayRange?
        if plant {
            let weekly = Double(total) / (6 * 52)
            var month = 1
            while month == 1 || month == 7 || month == 12 { month = 1 + rng.nextInt(below: 12) }
            let day = Day(year: 2019 + 1 + rng.nextInt(below: 4), month: month, day: 1 + rng.nextInt(below: 20))!
            add(day, Int((3 * weekly).rounded(.up)), "WAVE")
            planted = DayRange(start: day.adding(days: -day.weekday), end: day.adding(days: 6 - day.weekday))
        }
        return (set, planted)
    }
    var falseRegions = 0, found = 0, extra = 0
    let t0 = now()
    for r in 0..<regions {
        let (null, _) = region(r, plant: false)
        let nullWaves = WaveDetector().waves(in: null)
        if !nullWaves.isEmpty { falseRegions += 1 }
        let (set, planted) = region(r, plant: true)
        let waves = WaveDetector().waves(in: set)
        let hit = waves.contains { w in Day(iso: w.start)! <= planted!.end && Day(iso: w.end)! >= planted!.start }
        if hit { found += 1 } else if ProcessInfo.processInfo.environment["MISSED"] != nil {
            FileHandle.standardError.write(Data("missed \(planted!.start) \(waves.map { "\($0.start) \($0.persons) p \($0.pValue)" })\n".utf8))
        }
        extra += waves.count - (hit ? 1 : 0)
    }
    printJSON(["stage": "calibrate", "regions": regions, "scale": scale, "nullRegionsWithWave": Double(falseRegions) / Double(regions),
               "plantedFound": Double(found) / Double(regions), "otherWavesInPlantedRegions": extra, "seconds": now() - t0])
default:
    FileHandle.standardError.write(Data("unknown stage \(stage)\n".utf8))
    exit(2)
}
