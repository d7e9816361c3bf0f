/// A node that sits between communities: high betweenness, neighbours in two or more communities.
public struct Broker: Sendable, Equatable {
    public let node: Int32
    public let betweenness: Double
    /// Number of distinct communities among the node's neighbours (its own included if it has a
    /// neighbour there).
    public let neighbourCommunities: Int
    /// Participation coefficient P = 1 − Σ_c (s_c / s)², s_c the tie strength to community c:
    /// 0 when all ties go to one community, towards 1 when spread evenly over many.
    public let participation: Double
}

extension CSRGraph {
    /// Brokers (perantara): nodes among the highest-betweenness `topFraction` whose neighbours span at
    /// least `minimumCommunities` communities, strongest betweenness first (ties by node id).
    ///
    /// In a patronage network these are the people through whom transfers between otherwise separate
    /// groups pass. Neighbours are taken in both directions, weighted by tie strength; self-loops are
    /// ignored. Nodes with betweenness 0 are never brokers.
    ///
    /// - Parameters:
    ///   - betweenness: one score per node (e.g. `betweenness().scores`).
    ///   - communities: one label per node (e.g. `louvain().communities`), labels in 0..<nodeCount.
    ///   - topFraction: share of nodes, by betweenness rank, considered (0, 1]; default 10%.
    ///   - minimumCommunities: distinct neighbour communities required (>= 2).
    /// - Complexity: O(V log V + E).
    /// - Reference: R. Guimerà & L. A. N. Amaral, "Functional cartography of complex metabolic
    ///   networks", Nature 433 (2005) — the participation coefficient.
    public func brokers(betweenness: [Double], communities: [Int32], topFraction: Double = 0.1,
                        minimumCommunities: Int = 2) throws(MetricsError) -> [Broker] {
        guard betweenness.count == nodeCount, communities.count == nodeCount else {
            throw .mismatchedInput("\(betweenness.count) scores and \(communities.count) labels for \(nodeCount) nodes")
        }
        guard topFraction > 0, topFraction <= 1 else {
            throw .invalidParameter(name: "topFraction", reason: "must be in (0, 1], got \(topFraction)")
        }
        guard minimumCommunities >= 2 else {
            throw .invalidParameter(name: "minimumCommunities", reason: "must be >= 2, got \(minimumCommunities)")
        }
        for c in communities where c < 0 || Int(c) >= nodeCount {
            throw .mismatchedInput("community label \(c) is outside 0..<\(nodeCount)")
        }
        let ranked = (0..<nodeCount).filter { betweenness[$0] > 0 }.sorted {
            betweenness[$0] != betweenness[$1] ? betweenness[$0] > betweenness[$1] : $0 < $1
        }
        let considered = min(ranked.count, Int((Double(nodeCount) * topFraction).rounded(.up)))
        let both = undirected()
        var strengthTo = [Double](repeating: 0, count: nodeCount)
        var seen = [Bool](repeating: false, count: nodeCount)
        var touched = [Int]()
        var out = [Broker]()
        for v in ranked.prefix(considered) {
            var total = 0.0
            for e in both.row(v) {
                let t = Int(both.targets[e])
                if t == v { continue }
                let c = Int(communities[t])
                if !seen[c] { seen[c] = true; touched.append(c) }
                strengthTo[c] += both.weight(at: e)
                total += both.weight(at: e)
            }
            var concentration = 0.0
            if total > 0 { for c in touched { let s = strengthTo[c] / total; concentration += s * s } }
            let distinct = touched.count
            for c in touched { strengthTo[c] = 0; seen[c] = false }
            touched.removeAll(keepingCapacity: true)
            if distinct >= minimumCommunities {
                out.append(Broker(node: Int32(v), betweenness: betweenness[v], neighbourCommunities: distinct,
                                  participation: total > 0 ? 1 - concentration : 0))
            }
        }
        return out
    }
}
