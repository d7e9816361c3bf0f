import Testing
import MutasiGraph

@Suite struct CSRGraphTests {
    @Test func mergesParallelEdgesAndSortsRows() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 2, 1), (0, 1, 2), (0, 2, 3), (2, 0, 1)], directed: true)
        #expect(g.offsets == [0, 2, 2, 3])
        #expect(g.targets == [1, 2, 0])
        #expect(g.weights == [2, 4, 1])
    }

    @Test func unitWeightsAreStoredAsNil() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)], directed: true)
        #expect(g.weights == nil)
        #expect(g.weight(at: 0) == 1)
    }

    @Test func undirectedStoresBothDirectionsAndLoopsOnce() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 2), (1, 1, 5), (1, 0, 1)], directed: false)
        #expect(g.offsets == [0, 1, 3, 3])
        #expect(g.targets == [1, 0, 1])
        #expect(g.weights == [3, 3, 5])
    }

    @Test func undirectedSumsAntiparallelEdges() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 2), (1, 0, 0.5), (2, 2, 4)], directed: true)
        let u = g.undirected()
        #expect(!u.isDirected)
        #expect(u.entries().map { "\($0.0)-\($0.1):\($0.2)" } == ["0-1:2.5", "1-0:2.5", "2-2:4.0"])
    }

    /// Rows given node by node, and the undirected graph from merging out- and in-rows, against the
    /// edge-list initialiser's counting sorts: parallel and antiparallel edges, loops, weights other
    /// than 1, and rows long enough for the long-row sort.
    @Test(arguments: [1, 2] as [UInt64])
    func rowsAndUndirectedAgreeWithTheEdgeList(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 40
        var edges: [(Int32, Int32, Double)] = []
        for _ in 0..<300 {
            let s = Int32(rng.nextInt(below: n)), t = Int32(rng.nextInt(below: n))
            edges.append((s, t, [1, 1, 2, 0.5][rng.nextInt(below: 4)]))
        }
        for t in 0..<30 { edges.append((7, Int32(29 - t), 1)) }  // a row of more than 16
        let fromEdges = try CSRGraph(nodeCount: n, edges: edges, directed: true)
        let fromRows = try CSRGraph(nodeCount: n) { v, row in
            for (s, t, w) in edges where Int(s) == v { row.append((t, w)) }
        }
        #expect(fromRows.offsets == fromEdges.offsets && fromRows.targets == fromEdges.targets && fromRows.weights == fromEdges.weights)
        #expect(fromEdges.row(7).count > 16)
        let merged = fromEdges.undirected()
        let direct = try CSRGraph(nodeCount: n, edges: edges, directed: false)
        #expect(!merged.isDirected && merged.offsets == direct.offsets && merged.targets == direct.targets && merged.weights == direct.weights)
        let unit = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (2, 2, 1)], directed: true).undirected()
        #expect(unit.weights == nil && unit.targets == [1, 0, 2])
        #expect(throws: MetricsError.self) { try CSRGraph(nodeCount: 2) { v, row in row.append((2, 1)) } }
        #expect(throws: MetricsError.self) { try CSRGraph(nodeCount: 2) { v, row in row.append((1, -1)) } }
    }

    @Test func reversedTurnsEdgesAround() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 2), (0, 2, 3), (1, 2, 1)], directed: true)
        let r = g.reversed()
        #expect(r.entries().map { "\($0.0)-\($0.1):\($0.2)" } == ["1-0:2.0", "2-0:3.0", "2-1:1.0"])
        #expect(r.reversed().entries().map { "\($0.0)-\($0.1)" } == g.entries().map { "\($0.0)-\($0.1)" })
    }

    @Test func rejectsBadEdgesWithoutTrapping() {
        #expect(throws: MetricsError.nodeOutOfRange(node: 3, nodeCount: 3)) {
            try CSRGraph(nodeCount: 3, edges: [(0, 3, 1)], directed: true)
        }
        #expect(throws: MetricsError.nodeOutOfRange(node: -1, nodeCount: 3)) {
            try CSRGraph(nodeCount: 3, edges: [(-1, 0, 1)], directed: false)
        }
        #expect(throws: MetricsError.invalidWeight(source: 0, target: 1, weight: -2)) {
            try CSRGraph(nodeCount: 3, edges: [(0, 1, -2)], directed: true)
        }
        #expect(throws: MetricsError.self) { try CSRGraph(nodeCount: 2, edges: [(0, 1, .nan)], directed: true) }
        #expect(throws: MetricsError.self) { try CSRGraph(nodeCount: -1, edges: [], directed: true) }
    }

    @Test func emptyGraphIsValid() throws {
        let g = try CSRGraph(nodeCount: 0, edges: [], directed: false)
        #expect(g.offsets == [0])
        #expect(try g.pageRank().scores.isEmpty)
        #expect(try g.betweenness(sampling: .exact).scores.isEmpty)
        #expect(try g.louvain().communityCount == 0)
    }

    @Test func strengthsMatchNetworkx() throws {
        for c in try ReferenceCase.all() {
            let d = c.graph.degrees()
            #expect(maxDifference(d.inStrength, c.expected.in_strength) < 1e-12, "\(c.name)")
            #expect(maxDifference(d.outStrength, c.expected.out_strength) < 1e-12, "\(c.name)")
        }
    }

    @Test func degreesCountSelfLoopsTwiceWhenUndirected() throws {
        let u = try CSRGraph(nodeCount: 2, edges: [(0, 0, 1.5), (0, 1, 1)], directed: false)
        let d = u.degrees()
        #expect(d.degree(0) == 3 && d.degree(1) == 1)
        #expect(d.strength(0) == 4)
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 2), (2, 1, 1), (1, 0, 1)], directed: true)
        let dd = g.degrees()
        #expect(dd.inDegree == [1, 2, 0] && dd.outDegree == [1, 1, 1])
        #expect(dd.degree(1) == 3 && dd.strength(1) == 4)
    }
}
