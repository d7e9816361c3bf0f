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

    public var nodes: [NodeScore]
    public var patrons: [Patron]
    public var communities: Int
    public var modularity: Double
    public var louvainSeed: UInt64
    /// True when betweenness is exact; otherwise sampled from `betweennessSources` seeded sources.
    public var betweennessExact: Bool
    public var betweennessSources: Int?
    /// Nodes in the top tenth by betweenness whose neighbours span two or more communities.
    public var brokers: [NodeScore]

    /// Betweenness sources are drawn so that k·(V+E) stays under this many steps (seconds on this
    /// project's 2-core machines): 256 sources up to a network of about 8 million nodes and edges,
    /// fewer above, never under `minimumSources`. The per-node standard errors say what it costs.
    public static let betweennessBudget = 2_000_000_000
    public static let maximumSources = 256
    public static let minimumSources = 32

    /// The betweenness sources for a graph of this size (`betweennessBudget`).
    public static func betweennessSources(nodes: Int, edges: Int) -> Int {
        max(minimumSources, min(maximumSources, betweennessBudget / max(1, nodes + edges)))
    }

    /// - Parameter nodeScores: keep a score for every node in `nodes` (a national network has
    ///   millions; `Investigation` keeps only the patrons and brokers).
    /// - Complexity: dominated by betweenness: O(V E) exact up to 5,000 nodes, O(k E) sampled above.
    public init(network n: Network, transfers set: TransferSet, seed: UInt64 = 1, nodeScores: Bool = true) throws {
        var edges: [(Int32, Int32, Double)] = []
        for v in 0..<n.nodeCount {
            for k in n.edges(from: v) {
                switch n.edgeKinds[k] {
                case .appointedBy, .tie, .ranAs: edges.append((Int32(v), n.targets[k], 1))
                case .movedFrom, .movedTo, .holds: continue
                }
            }
        }
        let g = try CSRGraph(nodeCount: n.nodeCount, edges: edges, directed: true)
        edges = []
        let u = g.undirected()
        let pr = try g.pageRank()
        let k = NetworkMetrics.betweennessSources(nodes: u.nodeCount, edges: u.entryCount)
        let bt = try u.betweenness(sampling: .automatic(exactUpToNodes: 5_000, sources: k, seed: seed))
        let lv = try u.louvain(seed: seed)
        var degree = [Int](repeating: 0, count: n.nodeCount)
        for v in 0..<u.nodeCount { degree[v] = u.row(v).count }
        func score(_ v: Int) -> NodeScore {
            NodeScore(node: v, kind: n.nodeKinds[v].description, label: n.labels[v], key: n.keys[v], degree: degree[v],
                      pageRank: pr.scores[v], betweenness: bt.scores[v], community: Int(lv.communities[v]))
        }
        nodes = nodeScores ? (0..<n.nodeCount).map(score) : []
        communities = lv.communityCount
        modularity = lv.modularity
        louvainSeed = seed
        betweennessExact = bt.isExact
        betweennessSources = bt.sources?.count
        brokers = try u.brokers(betweenness: bt.scores, communities: lv.communities).map { score(Int($0.node)) }

        // patrons, from the decrees themselves
        // each person's latest transfer, by NIP value (millions of people: no dictionary of records)
        var latest = [UInt64: Int](minimumCapacity: set.transfers.count / 2)
        var movedBy: [Symbol: Set<UInt64>] = [:]
        var promotions: [Symbol: Int] = [:], pushOuts: [Symbol: Int] = [:]
        var regionsOf: [Symbol: Set<Symbol>] = [:]
        for (i, t) in set.transfers.enumerated() {
            { (l: inout Int?) in if l == nil || set.transfers[l!].decreeDate <= t.decreeDate { l = i } }(&latest[t.nip.value])
            guard !t.signedBy.isEmpty else { continue }
            movedBy[t.signedBy, default: []].insert(t.nip.value)
            regionsOf[t.signedBy, default: []].insert(t.region)
            if Moves.rise(t) != nil { promotions[t.signedBy, default: 0] += 1 }
            if t.kind.isPushOut { pushOuts[t.signedBy, default: 0] += 1 }
        }
        // people whose latest post is JPT, by region
        var jptIn: [Symbol: [UInt64]] = [:]
        for i in latest.values {
            let t = set.transfers[i]
            if (t.toEchelon?.level).map({ $0 <= .jptPratama }) ?? false { jptIn[t.region, default: []].append(t.nip.value) }
        }
        var candidateOf: [String: String] = [:]
        var signerNode: [String: Int] = [:]
        for v in n.nodes(of: .signer) {
            signerNode[n.labels[v]] = v
            for k in n.edges(from: v) where n.edgeKinds[k] == .ranAs {
                candidateOf[n.labels[v]] = String(n.keys[Int(n.targets[k])].dropFirst("candidate:".count))
            }
        }
        patrons = movedBy.keys.map { s in
            let name = set[s]
            let holders = (regionsOf[s] ?? []).flatMap { jptIn[$0] ?? [] }
            let held = holders.filter { movedBy[s]!.contains($0) }.count
            return Patron(signer: name, candidate: candidateOf[name], clients: movedBy[s]!.count,
                          promotionsGiven: promotions[s] ?? 0, pushOutsGiven: pushOuts[s] ?? 0,
                          jptHeldByClients: held, jptShare: holders.isEmpty ? 0 : Double(held) / Double(holders.count),
                          pageRank: signerNode[name].map { pr.scores[$0] } ?? 0)
        }.sorted { ($0.clients, $0.signer) > ($1.clients, $1.signer) }
    }
}
