import Foundation
import MutasiGraph

/// Times the pipeline's stages on the given files and prints one JSON object per stage:
/// seconds, rows/s, MB/s and peak RSS. Usage: mutasi-bench ingest FILE... | network FILE | calibrate REGIONS SCALE | calibrate panel [REGIONS [SEED [REPLICATIONS]]] | waves FILE...
func peakRSSMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        // "VmHWM:\t  568123 kB": the padding shrinks as the number grows, down to none
        return Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }
    return 0
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func printJSON(_ d: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// mutasi-bench ingest FILE...: reading alone.
func ingest(_ files: [String], bytes: Int) throws {
    let t0 = now()
    let (set, report) = try TransferReader.read(paths: files)
    let s = now() - t0
    printJSON(["stage": "ingest", "seconds": s, "rows": report.recordsRead, "accepted": report.recordsAccepted,
               "rowsPerSecond": Double(report.recordsRead) / s, "MBPerSecond": Double(bytes) / 1e6 / s,
               "strings": set.strings.count, "peakRSSMB": peakRSSMB()])
}

/// mutasi-bench network FILE: the person -> signer and person -> unit graph the peer script
/// builds, then PageRank, Louvain and betweenness from 256 sampled sources, each timed.
func network(_ files: [String]) throws {
    let (set, _) = try TransferReader.read(paths: files)
    var index: [String: Int32] = [:]
    var edges: [(Int32, Int32, Double)] = []
    func node(_ k: String) -> Int32 {
        if let v = index[k] { return v }
        let v = Int32(index.count); index[k] = v; return v
    }
    let t0 = now()
    for t in set.transfers {
        let p = node("p:" + t.nip.description)
        edges.append((p, node("s:" + set[t.signedBy]), 1))
        edges.append((p, node("u:" + set[t.toUnit]), 1))
    }
    let g = try CSRGraph(nodeCount: index.count, edges: edges, directed: true)
    let build = now() - t0
    var t = now()
    _ = try g.pageRank()
    let pagerank = now() - t
    let u = g.undirected()
    t = now()
    let lv = try u.louvain(seed: 1)
    let louvain = now() - t
    t = now()
    _ = try g.betweenness(sampling: .sampled(sources: 256, seed: 1))
    let betweenness = now() - t
    printJSON(["stage": "network", "nodes": index.count, "edges": edges.count, "buildSeconds": build, "pagerankSeconds": pagerank,
               "louvainSeconds": louvain, "communities": lv.communityCount, "betweenness256Seconds": betweenness, "peakRSSMB": peakRSSMB()])
}

/// mutasi-bench calibrate panel [REGIONS [SEED [REPLICATIONS]]]: the national screening panel
/// (docs/METHODS.md), one JSON object with the targets and a row per region size.
func calibratePanel(_ args: [String]) throws {
    var o = WavePanel.Options()
    o.regions = Int(args.first ?? "300") ?? 300
    o.seed = UInt64(args.dropFirst().first ?? "2026") ?? 2026
    var d = WaveDetector.Options()
    d.replications = Int(args.dropFirst(2).first ?? "9999") ?? 9_999
    let t0 = now()
    let r = WavePanel.run(o, detector: WaveDetector(options: d))
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    var obj = try JSONSerialization.jsonObject(with: enc.encode(r)) as! [String: Any]
    obj["stage"] = "calibrate-panel"; obj["regions"] = o.regions; obj["seed"] = o.seed
    obj["replications"] = d.replications; obj["seconds"] = now() - t0
    printJSON(obj)
}

/// mutasi-bench waves FILE...: the wave scan alone (national events, every region's test, FDR).
func waves(_ files: [String]) throws {
    let (set, _) = try TransferReader.read(paths: files)
    let t0 = now()
    let scan = WaveDetector().scan(in: set)
    printJSON(["stage": "waves", "seconds": now() - t0, "waves": scan.waves.count, "regions": scan.regions.count,
               "nationalEvents": scan.nationalEvents.count, "peakRSSMB": peakRSSMB()])
}

/// mutasi-bench calibrate REGIONS SCALE (docs/METHODS.md).
func calibrate(_ args: [String]) {
    let regions = Int(args.first ?? "200") ?? 200
    let scale = Double(args.dropFirst().first ?? "5") ?? 5
    let t0 = now()
    let r = WaveCalibration.run(regions: regions, scale: scale)
    printJSON(["stage": "calibrate", "regions": regions, "scale": scale, "nullRegionsWithWave": r.nullRegionsWithWave,
               "plantedFound": r.plantedFound, "otherWavesInPlantedRegions": r.otherWaves, "seconds": now() - t0])
}

HugePages.relaunchIfUseful()
let args = Array(CommandLine.arguments.dropFirst())
guard let stage = args.first else {
    FileHandle.standardError.write(Data("usage: mutasi-bench ingest FILE...\n".utf8))
    exit(2)
}
let files = Array(args.dropFirst())
let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }

switch stage {
case "ingest": try ingest(files, bytes: bytes)
case "network": try network(files)
case "calibrate" where files.first == "panel": try calibratePanel(Array(files.dropFirst()))
case "waves": try waves(files)
case "calibrate": calibrate(files)
default:
    FileHandle.standardError.write(Data("unknown stage \(stage)\n".utf8))
    exit(2)
}
