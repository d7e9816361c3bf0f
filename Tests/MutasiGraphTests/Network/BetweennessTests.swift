import Testing
import MutasiGraph

@Suite struct BetweennessTests {
    @Test func exactScoresAgreeWithNetworkx() throws {
        for c in try ReferenceCase.all() {
            let hops = try c.graph.betweenness(length: .hops, sampling: .exact)
            #expect(hops.isExact && hops.sources == nil && hops.standardErrors == nil)
            #expect(maxDifference(hops.scores, c.expected.betweenness_hops) < 1e-9, "\(c.name) hops")
            let raw = try c.graph.betweenness(length: .hops, normalized: false, sampling: .exact)
            #expect(maxDifference(raw.scores, c.expected.betweenness_hops_raw) < 1e-9, "\(c.name) raw")
            let weighted = try c.graph.betweenness(length: .weight, sampling: .exact)
            #expect(maxDifference(weighted.scores, c.expected.betweenness_weight) < 1e-9, "\(c.name) weight")
        }
    }

    @Test func sampledScalingAgreesWithNetworkxOnTheSameSources() throws {
        for c in try ReferenceCase.all() {
            let s = c.expected.betweenness_sampled
            let hops = try c.graph.betweenness(length: .hops, sampling: .sources(s.sources))
            #expect(!hops.isExact && hops.sources == s.sources && hops.seed == nil)
            #expect(maxDifference(hops.scores, s.scores) < 1e-9, "\(c.name) sampled hops")
            let weighted = try c.graph.betweenness(length: .weight, sampling: .sources(s.sources))
            #expect(maxDifference(weighted.scores, s.scores_weight) < 1e-9, "\(c.name) sampled weight")
        }
    }

    /// Breadth-first passes skip leaves (one neighbour) and count them instead; Dijkstra with equal
    /// lengths walks every node and must agree, whether the source is a leaf, a leaf's neighbour, or
    /// one end of a lone edge, and on nodes with only a self-loop.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func skippingLeavesGivesTheScoresOfTheFullSearch(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        // a few patrons linked to each other, each with clients of whom most have no other patron
        var edges: [(Int32, Int32, Double)] = [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1), (4, 0, 1)]
        var next: Int32 = 5
        for _ in 0..<60 {
            let patron = Int32(rng.nextInt(below: 5))
            edges.append((patron, next, 1))
            if rng.nextInt(below: 5) == 0 { edges.append((Int32(rng.nextInt(below: 5)), next, 1)) }
            if rng.nextInt(below: 8) == 0 { edges.append((next, next + 1, 1)); next += 1 }  // a client's own leaf
            next += 1
        }
        edges += [(next, next + 1, 1), (next + 2, next + 2, 1)]  // a lone edge; a node with only a self-loop
        let g = try CSRGraph(nodeCount: Int(next) + 4, edges: edges, directed: false)  // and one isolated node
        let leaves = (0..<g.nodeCount).filter { g.row($0).count == 1 && g.targets[g.row($0).lowerBound] != Int32($0) }
        #expect(leaves.count > g.nodeCount / 2)
        // every edge of length 2: the same shortest paths, and weights that make `.weight` run
        // Dijkstra over every node rather than the breadth-first search under test
        let reference = try CSRGraph(nodeCount: g.nodeCount, edges: g.entries().filter { $0.0 <= $0.1 }.map { ($0.0, $0.1, 2) }, directed: false)
        #expect(reference.weights != nil && reference.entryCount == g.entryCount)
        for normalized in [true, false] {
            let exact = try g.betweenness(length: .hops, normalized: normalized, sampling: .exact)
            let full = try reference.betweenness(length: .weight, normalized: normalized, sampling: .exact)
            #expect(maxDifference(exact.scores, full.scores) < 1e-9)
            #expect(exact.scores.contains { $0 > 0 })
            let sources = [Int32(leaves[0]), Int32(leaves[1]), 0, 4, next, next + 2, next + 3]
            let sampled = try g.betweenness(length: .hops, normalized: normalized, sampling: .sources(sources))
            let sampledFull = try reference.betweenness(length: .weight, normalized: normalized, sampling: .sources(sources))
            #expect(maxDifference(sampled.scores, sampledFull.scores) < 1e-9)
            #expect(maxDifference(sampled.standardErrors ?? [], sampledFull.standardErrors ?? [1]) < 1e-9)
        }
    }

    @Test func pathGraphHasKnownScores() throws {
        // 0-1-2-3-4: node 1 lies on 3 of the 6 pairs not involving it, node 2 on 4.
        let g = try CSRGraph(nodeCount: 5, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1)], directed: false)
        let r = try g.betweenness(normalized: false, sampling: .exact)
        #expect(r.scores == [0, 3, 4, 3, 0])
        let n = try g.betweenness(sampling: .exact)
        #expect(abs(n.scores[2] - 4.0 / 6.0) < 1e-15)
    }

    @Test func inverseWeightPrefersStrongTies() throws {
        // 0-1-3 strong (weight 4 each), 0-2-3 weak (weight 1 each): only 1 brokers 0 and 3.
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 1, 4), (1, 3, 4), (0, 2, 1), (2, 3, 1)], directed: false)
        let hops = try g.betweenness(length: .hops, normalized: false, sampling: .exact)
        #expect(hops.scores[1] == 0.5 && hops.scores[2] == 0.5)
        let strong = try g.betweenness(length: .inverseWeight, normalized: false, sampling: .exact)
        #expect(strong.scores[1] == 1 && strong.scores[2] == 0)
    }

    @Test func seededSamplingIsRepeatableAndStatesItsSample() throws {
        let g = try ReferenceCase("planted").graph
        let a = try g.betweenness(sampling: .sampled(sources: 40, seed: 11))
        let b = try g.betweenness(sampling: .sampled(sources: 40, seed: 11))
        let c = try g.betweenness(sampling: .sampled(sources: 40, seed: 12))
        #expect(a == b)
        #expect(a.sources != c.sources)
        #expect(a.sources?.count == 40 && a.seed == 11 && !a.isExact)
        let errors = try #require(a.standardErrors)
        #expect(errors.count == g.nodeCount && errors.allSatisfy { $0 >= 0 })
        // The estimate lands near the exact value for the clear majority of nodes (3 standard errors).
        let exact = try g.betweenness(sampling: .exact).scores
        let close = (0..<g.nodeCount).filter { abs(a.scores[$0] - exact[$0]) <= 3 * errors[$0] + 1e-12 }.count
        #expect(close >= g.nodeCount * 9 / 10)
    }

    @Test func automaticSamplingSwitchesAtTheStatedSize() throws {
        let g = try ReferenceCase("planted").graph
        #expect(try g.betweenness(sampling: .automatic(exactUpToNodes: 200, sources: 20, seed: 1)).isExact)
        let sampled = try g.betweenness(sampling: .automatic(exactUpToNodes: 199, sources: 20, seed: 1))
        #expect(!sampled.isExact && sampled.sources?.count == 20)
        #expect(try g.betweenness(sampling: .sampled(sources: 500, seed: 1)).isExact)
    }

    @Test func rejectsBadSources() throws {
        let g = try ReferenceCase("karate").graph
        #expect(throws: MetricsError.self) { try g.betweenness(sampling: .sources([1, 1, 2])) }
        #expect(throws: MetricsError.self) { try g.betweenness(sampling: .sources([1, 99])) }
        #expect(throws: MetricsError.self) { try g.betweenness(sampling: .sources([1])) }
        #expect(throws: MetricsError.self) { try g.betweenness(sampling: .sampled(sources: 1, seed: 0)) }
    }
}
