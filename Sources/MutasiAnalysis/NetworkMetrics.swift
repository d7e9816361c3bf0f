import MutasiSupport
import MutasiModel
import MutasiNetwork

/// Who matters in the patron-client network: centrality of every node, communities, brokers, and
/// for each patron (decree signer) how many clients they have, what they gave them, and how many of
/// the top posts (JPT) their clients hold.
///
/// The metrics run on the network's decree, tie and ran-as edges (unit and position edges describe
/// offices, not relations), with weights summed over repeated decrees between the same pair.
public struct NetworkMetrics: Sendable, Encodable {
    public struct NodeScore: Sendable, Encodable {
        public var node: Int
        public var kind: String
        public var label: String
        public var key: String
        public var degree: Int
        public var pageRank: Double
        public var betweenness: Double
        /// The standard error of a sampled `betweenness` (docs/METHODS.md); nil, and absent from
        /// JSON, when betweenness is exact.
        public var betweennessStandardError: Double?
        public var community: Int
    }

    public struct Patron: Sendable, Encodable {
        public var signer: String
        /// The candidate this signer ran as (from the calendar's heads), if any.
        public var candidate: String?
        /// Distinct people moved by the signer's decrees.
        public var clients: Int
        public var promotionsGiven: Int
        public var pushOutsGiven: Int
        /// People whose latest post is JPT (eselon I-II) and who were moved by this signer at least once.
        public var jptHeldByClients: Int
        /// Their share of everyone whose latest post is JPT in the signer's regions.
        public var jptShare: Double
        public var pageRank: Double
    }

    package var nodes: [NodeScore]
    package var patrons: [Patron]
    package var communities: Int
    package var modularity: Double
    package var louvainSeed: UInt64
    /// True when betweenness is exact; otherwise sampled from `betweennessSources` seeded sources.
    package var betweennessExact: Bool
    package var betweennessSources: Int?
    /// Nodes in the top tenth by betweenness whose neighbours span two or more communities.
    package var brokers: [NodeScore]

    /// Betweenness sources are drawn so that k·(V+E) stays under this many steps (seconds on this
    /// project's 2-core machines): 256 sources up to a network of about 8 million nodes and edges,
    /// fewer above, never under `minimumSources`. The per-node standard errors say what it costs.
    package static let betweennessBudget = 2_000_000_000
    package static let maximumSources = 256
    package static let minimumSources = 32

    /// The betweenness sources for a graph of this size (`betweennessBudget`).
    package static func betweennessSources(nodes: Int, edges: Int) -> Int {
        max(minimumSources, min(maximumSources, betweennessBudget / max(1, nodes + edges)))
    }

    /// - Parameters:
    ///   - nodeScores: keep a score for every node in `nodes` (a national network has millions;
    ///     `Investigation` keeps only the patrons and brokers).
    ///   - people: `set.personNumbers()`, when the caller has it already.
    /// - Complexity: dominated by betweenness: O(V E) exact up to 5,000 nodes, O(k E) sampled above.
    ///   - exactBetweennessUpToNodes: betweenness is exact up to this many nodes, sampled above.
    ///   - betweennessSources: sources of sampled betweenness (default `betweennessSources(nodes:edges:)`).
    package init(network n: Network, transfers set: TransferSet, seed: UInt64 = 1, nodeScores: Bool = true,
                people: PersonNumbers? = nil, exactBetweennessUpToNodes: Int = 5_000, betweennessSources sources: Int? = nil) throws {
        // what each signer did needs only the transfers: counted on a thread of its own meanwhile
        let censusJob = Background { PatronCensus(set, people: people ?? set.personNumbers()) }
        let g = try CSRGraph(nodeCount: n.nodeCount) { v, row in
            for k in n.edges(from: v) where n.edgeKinds[k].inMetrics { row.append((n.targets[k], 1)) }
        }
        let u = g.undirected()
        let pr = try g.pageRank()
        let k = sources ?? NetworkMetrics.betweennessSources(nodes: u.nodeCount, edges: u.entryCount)
        // betweenness splits over the cores, Louvain runs on one: side by side, both cores stay
        // busy once the detectors are done
        let betweenness = Background { Result { () throws(MetricsError) in
            try u.betweenness(sampling: .automatic(exactUpToNodes: exactBetweennessUpToNodes, sources: k, seed: seed))
        } }
        let lv = try u.louvain(seed: seed)
        let bt = try betweenness.value.get()
        var degree = [Int](repeating: 0, count: n.nodeCount)
        for v in 0..<u.nodeCount { degree[v] = u.row(v).count }
        func score(_ v: Int) -> NodeScore {
            NodeScore(node: v, kind: n.nodeKinds[v].description, label: n.labels[v], key: n.keys[v], degree: degree[v],
                      pageRank: pr.scores[v], betweenness: bt.scores[v], betweennessStandardError: bt.standardErrors?[v],
                      community: Int(lv.communities[v]))
        }
        nodes = nodeScores ? (0..<n.nodeCount).map(score) : []
        communities = lv.communityCount
        modularity = lv.modularity
        louvainSeed = seed
        betweennessExact = bt.isExact
        betweennessSources = bt.sources?.count
        brokers = try u.brokers(betweenness: bt.scores, communities: lv.communities).map { score(Int($0.node)) }

        // patrons, from the decrees themselves
        let census = censusJob.value
        var candidateOf: [String: String] = [:]
        var signerNode: [String: Int] = [:]
        for v in n.nodes(of: .signer) {
            signerNode[n.labels[v]] = v
            if let c = n.candidateOfSigner[Int32(v)] { candidateOf[n.labels[v]] = c }
        }
        patrons = census.signers.indices.map { k in
            let name = set[census.signers[k]]
            let holders = census.jptHolders[k], held = census.jptHeldByClients[k]
            return Patron(signer: name, candidate: candidateOf[name], clients: census.clients[k],
                          promotionsGiven: census.promotions[k], pushOutsGiven: census.pushOuts[k],
                          jptHeldByClients: held, jptShare: holders == 0 ? 0 : Double(held) / Double(holders),
                          pageRank: signerNode[name].map { pr.scores[$0] } ?? 0)
        }.sorted { ($0.clients, $0.signer) > ($1.clients, $1.signer) }
    }
}
