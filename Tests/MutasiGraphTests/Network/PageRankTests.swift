import Testing
import MutasiGraph

@Suite struct PageRankTests {
    @Test func agreesWithNetworkx() throws {
        for c in try ReferenceCase.all() {
            let weighted = try c.graph.pageRank()
            #expect(weighted.converged, "\(c.name)")
            #expect(maxDifference(weighted.scores, c.expected.pagerank) < 1e-9, "\(c.name)")
            let plain = try c.graph.pageRank(weighted: false)
            #expect(maxDifference(plain.scores, c.expected.pagerank_unweighted) < 1e-9, "\(c.name)")
        }
    }

    @Test func scoresSumToOneWithDanglingNodes() throws {
        // 2 and 3 have no out-edges; their score must be spread, not lost.
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 3), (1, 3, 1)], directed: true)
        let r = try g.pageRank()
        #expect(abs(r.scores.reduce(0, +) - 1) < 1e-9)
        #expect(r.scores[2] > r.scores[3])
    }

    @Test func symmetricGraphGivesEqualScores() throws {
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)], directed: false)
        let r = try g.pageRank()
        #expect(r.scores.allSatisfy { abs($0 - 0.25) < 1e-12 })
        #expect(r.iterations == 1)
    }

    @Test func reportsNonConvergenceInsteadOfFailing() throws {
        let g = try ReferenceCase("random-directed").graph
        let r = try g.pageRank(tolerance: 1e-15, maxIterations: 3)
        #expect(!r.converged && r.iterations == 3 && r.lastChange > 0)
    }

    @Test func rejectsMeaninglessParameters() throws {
        let g = try CSRGraph(nodeCount: 2, edges: [(0, 1, 1)], directed: true)
        #expect(throws: MetricsError.self) { try g.pageRank(alpha: 1.5) }
        #expect(throws: MetricsError.self) { try g.pageRank(tolerance: 0) }
        #expect(throws: MetricsError.self) { try g.pageRank(maxIterations: 0) }
    }
}
