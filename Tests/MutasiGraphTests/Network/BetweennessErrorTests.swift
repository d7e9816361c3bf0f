import Foundation
import Testing
import MutasiGraph

/// `network --format json` gives each sampled betweenness score its standard error, and the error
/// says how far samples fall from the exact score.
@Suite struct BetweennessErrorTests {
    func example() throws -> (Network, TransferSet) {
        let root = packageRoot
        var set = TransferSet()
        _ = try TransferReader.read(path: root + "/Examples/transfers-kota-tanjung-kelapa.csv", into: &set)
        let ties = try TieReader.read(path: root + "/Examples/ties.csv").0
        return (Network(transfers: set, ties: ties, calendar: try CalendarReader.read(path: root + "/Examples/elections.yaml")), set)
    }

    @Test func exactHasNoStandardErrorSampledHasOne() throws {
        let (n, set) = try example()
        let exact = try NetworkMetrics(network: n, transfers: set)
        let exactJSON = String(decoding: try JSONEncoder().encode(exact), as: UTF8.self)
        #expect(exact.betweennessExact && !exactJSON.contains("betweennessStandardError"))
        let sampled = try NetworkMetrics(network: n, transfers: set, seed: 3, exactBetweennessUpToNodes: 10, betweennessSources: 40)
        #expect(!sampled.betweennessExact && sampled.betweennessSources == 40)
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(sampled)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.allSatisfy { ($0["betweennessStandardError"] as? Double).map { $0 >= 0 } ?? false })
        #expect(nodes.contains { ($0["betweennessStandardError"] as? Double ?? 0) > 0 })
    }

    /// Over 20 seeds, about 95% of sampled scores should lie within 2 standard errors of the exact
    /// score; a wrong error (off by a factor of 2 either way) misses 85% or 100% by far.
    @Test func standardErrorsCoverTheExactScores() throws {
        let (n, set) = try example()
        let exact = try NetworkMetrics(network: n, transfers: set).nodes
        var within = 0, total = 0, tight = 0
        for seed in UInt64(1)...20 {
            let sampled = try NetworkMetrics(network: n, transfers: set, seed: seed, exactBetweennessUpToNodes: 10, betweennessSources: 40).nodes
            for (e, s) in zip(exact, sampled) where e.betweenness > 0 {
                guard let se = s.betweennessStandardError, se > 0 else { continue }
                total += 1
                if abs(s.betweenness - e.betweenness) <= 2 * se { within += 1 }
                if abs(s.betweenness - e.betweenness) <= se / 2 { tight += 1 }
            }
        }
        try #require(total > 100)
        let coverage = Double(within) / Double(total), half = Double(tight) / Double(total)
        // normal: 95.4% within 2 SE, 38% within SE/2
        #expect(coverage > 0.88 && coverage < 0.995, "coverage \(coverage) of \(total)")
        #expect(half > 0.2 && half < 0.6, "within half an SE: \(half)")
    }
}
