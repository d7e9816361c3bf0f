import Testing
import MutasiGraph

@Suite struct BrokersTests {
    /// Two 4-cliques {0..3} and {5..8} joined only through node 4.
    static func bridgedCliques() throws -> CSRGraph {
        var edges: [(Int32, Int32, Double)] = []
        for block in [Array<Int32>(0...3), Array<Int32>(5...8)] {
            for i in block.indices { for j in block.indices where i < j { edges.append((block[i], block[j], 1)) } }
        }
        edges += [(3, 4, 1), (4, 5, 1)]
        return try CSRGraph(nodeCount: 9, edges: edges, directed: false)
    }

    @Test func bridgeBetweenCommunitiesIsTheTopBroker() throws {
        let g = try Self.bridgedCliques()
        let bc = try g.betweenness(sampling: .exact).scores
        let labels: [Int32] = [0, 0, 0, 0, 0, 1, 1, 1, 1]
        let brokers = try g.brokers(betweenness: bc, communities: labels, topFraction: 0.4)
        // 3 and 5 tie on betweenness, but all of 3's neighbours (4 included) are in community 0.
        #expect(brokers.map(\.node) == [4, 5])
        let top = try #require(brokers.first)
        #expect(top.neighbourCommunities == 2 && abs(top.participation - 0.5) < 1e-12)
        // With a stricter cut only the bridge qualifies.
        #expect(try g.brokers(betweenness: bc, communities: labels, topFraction: 0.1).map(\.node) == [4])
    }

    @Test func nodesInsideOneCommunityAreNotBrokers() throws {
        let g = try Self.bridgedCliques()
        let bc = try g.betweenness(sampling: .exact).scores
        let everyoneTogether = [Int32](repeating: 0, count: 9)
        #expect(try g.brokers(betweenness: bc, communities: everyoneTogether, topFraction: 1).isEmpty)
    }

    @Test func rejectsMismatchedInputs() throws {
        let g = try Self.bridgedCliques()
        #expect(throws: MetricsError.self) { try g.brokers(betweenness: [1], communities: [0]) }
        let bc = [Double](repeating: 1, count: 9)
        #expect(throws: MetricsError.self) { try g.brokers(betweenness: bc, communities: [Int32](repeating: 9, count: 9)) }
        #expect(throws: MetricsError.self) { try g.brokers(betweenness: bc, communities: [Int32](repeating: 0, count: 9), topFraction: 0) }
        #expect(throws: MetricsError.self) { try g.brokers(betweenness: bc, communities: [Int32](repeating: 0, count: 9), minimumCommunities: 1) }
    }
}
