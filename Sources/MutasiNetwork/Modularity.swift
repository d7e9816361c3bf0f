extension CSRGraph {
    /// Modularity of a partition given as one community label per node, equal to
    /// `networkx.community.modularity(G, communities, weight="weight", resolution=…)`.
    ///
    /// Undirected: Q = Σ_c [ L_c / m − γ (d_c / 2m)² ], with L_c the weight inside c (each edge once),
    /// d_c the summed strength (a self-loop counts twice) and m the total weight. Directed:
    /// Q = Σ_c [ L_c / m − γ out_c · in_c / m² ] (Leicht & Newman 2008). A graph with no edge weight
    /// has modularity 0 (networkx divides by zero there).
    ///
    /// - Parameters:
    ///   - labels: `nodeCount` labels; nodes sharing a label form a community. Any values may be used.
    ///   - resolution: γ; above 1 favours smaller communities.
    /// - Throws: `MetricsError.mismatchedInput` when `labels.count != nodeCount`.
    /// - Complexity: O(V + E) (plus O(V) hashing to compact the labels).
    public func modularity(labels: [Int32], resolution: Double = 1) throws(MetricsError) -> Double {
        guard labels.count == nodeCount else {
            throw .mismatchedInput("\(labels.count) community labels for \(nodeCount) nodes")
        }
        guard resolution.isFinite else { throw .invalidParameter(name: "resolution", reason: "must be finite") }
        var compact = [Int32: Int32]()
        var community = [Int](repeating: 0, count: nodeCount)
        for v in 0..<nodeCount {
            let next = Int32(compact.count)
            let c = compact[labels[v]] ?? next
            if c == next { compact[labels[v]] = c }
            community[v] = Int(c)
        }
        let k = compact.count
        var inside = [Double](repeating: 0, count: k)
        var outStrength = [Double](repeating: 0, count: k)
        var inStrength = [Double](repeating: 0, count: k)
        var total = 0.0
        for v in 0..<nodeCount {
            let cv = community[v]
            for e in row(v) {
                let t = Int(targets[e]), w = weight(at: e)
                let same = community[t] == cv
                if isDirected {
                    total += w
                    outStrength[cv] += w; inStrength[community[t]] += w
                    if same { inside[cv] += w }
                } else if t == v {
                    total += w
                    outStrength[cv] += 2 * w
                    inside[cv] += w
                } else {
                    total += w / 2
                    outStrength[cv] += w
                    if same { inside[cv] += w / 2 }
                }
            }
        }
        guard total > 0 else { return 0 }
        if !isDirected { inStrength = outStrength }
        let norm = isDirected ? 1 / (total * total) : 1 / (4 * total * total)
        var q = 0.0
        for c in 0..<k {
            q += inside[c] / total - resolution * outStrength[c] * inStrength[c] * norm
        }
        return q
    }

    /// Modularity of a partition given as lists of member nodes.
    /// - Throws: `MetricsError.mismatchedInput` unless every node is in exactly one community
    ///   (networkx raises `NotAPartition` there).
    public func modularity(communities: [[Int32]], resolution: Double = 1) throws(MetricsError) -> Double {
        var labels = [Int32](repeating: -1, count: nodeCount)
        for (c, members) in communities.enumerated() {
            for v in members {
                guard v >= 0, Int(v) < nodeCount else { throw .mismatchedInput("community \(c) names node \(v), outside 0..<\(nodeCount)") }
                guard labels[Int(v)] < 0 else { throw .mismatchedInput("node \(v) is in more than one community") }
                labels[Int(v)] = Int32(c)
            }
        }
        if let missing = labels.firstIndex(of: -1) {
            throw .mismatchedInput("node \(missing) is in no community")
        }
        return try modularity(labels: labels, resolution: resolution)
    }
}
