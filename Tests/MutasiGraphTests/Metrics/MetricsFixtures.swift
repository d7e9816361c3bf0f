import Foundation
import MutasiGraph

/// A graph written by scripts/metrics-reference.py with networkx's results beside it.
struct ReferenceCase {
    struct Sampled: Decodable {
        let k: Int
        let seed: UInt64
        let sources: [Int32]
        let scores: [Double]
        let scores_weight: [Double]
    }
    struct LouvainRun: Decodable {
        let seed: UInt64
        let resolution: Double
        let communities: Int
        let modularity: Double
    }
    struct Expected: Decodable {
        let graph: String
        let nodes: Int
        let directed: Bool
        let pagerank: [Double]
        let pagerank_unweighted: [Double]
        let betweenness_hops: [Double]
        let betweenness_hops_raw: [Double]
        let betweenness_weight: [Double]
        let betweenness_sampled: Sampled
        let louvain: [LouvainRun]
        let partition: [[Int32]]
        let partition_modularity: Double
        let partition_modularity_res07: Double
        let in_strength: [Double]
        let out_strength: [Double]
    }

    static let names = ["karate", "random-directed", "patron-client", "planted"]
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/metrics")

    let name: String
    let graph: CSRGraph
    let expected: Expected

    init(_ name: String) throws {
        self.name = name
        let json = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).json"))
        expected = try JSONDecoder().decode(Expected.self, from: json)
        let csv = try String(contentsOf: Self.directory.appendingPathComponent("\(name).csv"), encoding: .utf8)
        var edges: [(Int32, Int32, Double)] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 3, let s = Int32(f[0]), let t = Int32(f[1]), let w = Double(f[2]) else {
                throw FixtureError.badLine(String(line))
            }
            edges.append((s, t, w))
        }
        graph = try CSRGraph(nodeCount: expected.nodes, edges: edges, directed: expected.directed)
    }

    static func all() throws -> [ReferenceCase] { try names.map { try ReferenceCase($0) } }
}

enum FixtureError: Error { case badLine(String) }

/// Largest absolute difference between two equally long vectors (infinity when lengths differ).
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
