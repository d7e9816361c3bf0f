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

    /// - Parameters:
    ///   - nodeScores: keep a score for every node in `nodes` (a national network has millions;
    ///     `Investigation` keeps only the patrons and brokers).
    ///   - people: `set.personNumbers()`, when the caller has it already.
    /// - Complexity: dominated by betweenness: O(V E) exact up to 5,000 nodes, O(k E) sampled above.
    ///   - exactBetweennessUpToNodes: betweenness is exact up to this many nodes, sampled above.
    ///   - betweennessSources: sources of sampled betweenness (default `betweennessSources(nodes:edges:)`).
    public init(network n: Network, transfers set: TransferSet, seed: UInt64 = 1, nodeScores: Bool = true,
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

/// What each signer did, counted over the transfers in a few passes over arrays: a national file has
/// millions of people and tens of millions of rows, and sets of NIPs per signer spent most of the
/// metrics stage in hashing.
struct PatronCensus {
    /// The signers in order of first appearance, and per signer:
    var signers: [Symbol] = []
    /// distinct people moved by their decrees,
    var clients: [Int] = []
    var promotions: [Int] = []
    var pushOuts: [Int] = []
    /// people whose latest post is JPT in one of the signer's regions,
    var jptHolders: [Int] = []
    /// and how many of those the signer moved at least once.
    var jptHeldByClients: [Int] = []

    init(_ set: TransferSet, people: PersonNumbers) {
        let personOf = people.ofTransfer
        let people = people.count
        var signerOf = [Int32](repeating: -1, count: set.strings.count)
        // each person's latest transfer (the later row on a tie), and their transfers grouped by person
        var latest = [Int32](repeating: -1, count: people)
        var start = [Int32](repeating: 0, count: people + 1)
        var signerRegions = Set<UInt64>()
        var lastPair = UInt64.max
        for (i, t) in set.transfers.enumerated() {
            let p = Int(personOf[i])
            if latest[p] < 0 || set.transfers[Int(latest[p])].decreeDate <= t.decreeDate { latest[p] = Int32(i) }
            guard !t.signedBy.isEmpty else { continue }
            start[p + 1] += 1
            var k = signerOf[Int(t.signedBy.id)]
            if k < 0 {
                k = Int32(signers.count)
                signerOf[Int(t.signedBy.id)] = k
                signers.append(t.signedBy)
                promotions.append(0)
                pushOuts.append(0)
            }
            let pair = UInt64(UInt32(k)) << 32 | UInt64(t.region.id)
            if pair != lastPair { signerRegions.insert(pair); lastPair = pair }
            if Moves.rise(t) != nil { promotions[Int(k)] += 1 }
            if t.kind.isPushOut { pushOuts[Int(k)] += 1 }
        }
        let n = signers.count
        clients = [Int](repeating: 0, count: n)
        jptHolders = [Int](repeating: 0, count: n)
        jptHeldByClients = [Int](repeating: 0, count: n)
        for p in 0..<people { start[p + 1] += start[p] }
        var fill = start
        var signerByPerson = [Int32](repeating: 0, count: Int(start[people]))
        for (i, t) in set.transfers.enumerated() where !t.signedBy.isEmpty {
            let p = Int(personOf[i])
            signerByPerson[Int(fill[p])] = signerOf[Int(t.signedBy.id)]
            fill[p] += 1
        }
        // people whose latest post is JPT, by region
        var jptIn: [Symbol: Int] = [:]
        var latestJPTRegion = [Symbol?](repeating: nil, count: people)
        for p in 0..<people {
            let t = set.transfers[Int(latest[p])]
            if (t.toEchelon?.level).map({ $0 <= .jptPratama }) ?? false {
                jptIn[t.region, default: 0] += 1
                latestJPTRegion[p] = t.region
            }
        }
        for pair in signerRegions {
            jptHolders[Int(pair >> 32)] += jptIn[Symbol(id: UInt32(truncatingIfNeeded: pair))] ?? 0
        }
        var moved: [Int32] = []
        for p in 0..<people {
            moved.removeAll(keepingCapacity: true)
            for j in Int(start[p])..<Int(start[p + 1]) where !moved.contains(signerByPerson[j]) {
                moved.append(signerByPerson[j])
            }
            for k in moved {
                clients[Int(k)] += 1
                if let r = latestJPTRegion[p], signerRegions.contains(UInt64(UInt32(k)) << 32 | UInt64(r.id)) {
                    jptHeldByClients[Int(k)] += 1
                }
            }
        }
    }
}
