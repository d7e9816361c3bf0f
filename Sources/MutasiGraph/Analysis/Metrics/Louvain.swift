/// A partition found by Louvain, with the numbers needed to judge and repeat it.
public struct LouvainResult: Sendable, Equatable {
    /// Community of each node, numbered 0..<communityCount in order of each community's lowest node.
    public let communities: [Int32]
    public let communityCount: Int
    /// Modularity of `communities` on the undirected graph at `resolution`.
    public let modularity: Double
    /// Modularity after each level (each aggregation round); the last equals `modularity` up to
    /// rounding.
    public let levelModularities: [Double]
    public let resolution: Double
    public let seed: UInt64

    /// The members of each community, in node order.
    public func members() -> [[Int32]] {
        var out = [[Int32]](repeating: [], count: communityCount)
        for (v, c) in communities.enumerated() { out[Int(c)].append(Int32(v)) }
        return out
    }
}

extension CSRGraph {
    /// Communities by the Louvain method on the undirected weighted graph (directed edges are
    /// merged by `undirected()`, summing antiparallel weights), following networkx's
    /// `louvain_communities`.
    ///
    /// Each level visits the nodes in an order shuffled by `SeededGenerator(seed:)` and moves each to
    /// the neighbouring community with the largest modularity gain (staying unless some gain is
    /// strictly better), sweeping until a sweep moves nobody; then communities become nodes and the
    /// next level starts. It stops when a level improves modularity by no more than `threshold`.
    /// Same graph and seed give the same partition bit for bit. Different seeds give partitions of
    /// similar modularity; the partition itself can differ, which is inherent to the method.
    ///
    /// - Parameters:
    ///   - resolution: γ > 0; above 1 favours smaller communities, below 1 larger ones.
    ///   - seed: seeds the node order.
    ///   - threshold: minimum modularity gain for another level (networkx: 1e-7).
    /// - Complexity: about O(E) per sweep; a handful of sweeps per level and levels ~ log V in
    ///   practice. O(V + E) memory.
    /// - Reference: V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast unfolding of
    ///   communities in large networks", J. Stat. Mech. (2008) P10008.
    public func louvain(resolution: Double = 1, seed: UInt64 = 0,
                        threshold: Double = 1e-7) throws(MetricsError) -> LouvainResult {
        guard resolution.isFinite, resolution > 0 else {
            throw .invalidParameter(name: "resolution", reason: "must be > 0, got \(resolution)")
        }
        guard threshold.isFinite, threshold >= 0 else {
            throw .invalidParameter(name: "threshold", reason: "must be >= 0, got \(threshold)")
        }
        let base = undirected()
        var rng = SeededGenerator(seed: seed)
        var level = LouvainLevelGraph(base)
        var nodeCommunity = (0..<nodeCount).map { Int32($0) }
        var levelModularities: [Double] = []
        var current = level.modularity(of: (0..<level.n).map { Int32($0) }, resolution: resolution)

        if level.totalStrength > 0 {
            while true {
                let (assignment, count) = level.moveNodes(resolution: resolution, rng: &rng)
                let q = level.modularity(of: assignment, resolution: resolution)
                for v in 0..<nodeCount { nodeCommunity[v] = assignment[Int(nodeCommunity[v])] }
                levelModularities.append(q)
                if q - current <= threshold || count == level.n { break }
                current = q
                level = level.aggregated(by: assignment, count: count)
            }
        }

        // Number communities by their lowest node so the labels do not depend on internal order.
        var relabel = [Int32](repeating: -1, count: max(nodeCount, 1))
        var communities = [Int32](repeating: 0, count: nodeCount)
        var next: Int32 = 0
        for v in 0..<nodeCount {
            let c = Int(nodeCommunity[v])
            if relabel[c] < 0 { relabel[c] = next; next += 1 }
            communities[v] = relabel[c]
        }
        let q = try base.modularity(labels: communities, resolution: resolution)
        return LouvainResult(communities: communities, communityCount: Int(next), modularity: q,
                             levelModularities: levelModularities, resolution: resolution, seed: seed)
    }
}

/// One level of Louvain: a symmetric weighted graph where a node's self entry holds A_ii (twice
/// the weight inside it), so each node's strength is its row sum.
private struct LouvainLevelGraph {
    let n: Int
    let offsets: [Int]
    let targets: [Int32]
    let weights: [Double]
    let strength: [Double]
    /// Σ strength = 2m.
    let totalStrength: Double

    init(_ g: CSRGraph) {
        var w = [Double](repeating: 0, count: g.entryCount)
        for v in 0..<g.nodeCount {
            for e in g.row(v) { w[e] = g.targets[e] == Int32(v) ? 2 * g.weight(at: e) : g.weight(at: e) }
        }
        self.init(n: g.nodeCount, offsets: g.offsets, targets: g.targets, weights: w)
    }

    init(n: Int, offsets: [Int], targets: [Int32], weights: [Double]) {
        self.n = n; self.offsets = offsets; self.targets = targets; self.weights = weights
        var s = [Double](repeating: 0, count: n)
        var total = 0.0
        for v in 0..<n {
            var sv = 0.0
            for e in offsets[v]..<offsets[v + 1] { sv += weights[e] }
            s[v] = sv; total += sv
        }
        strength = s; totalStrength = total
    }

    /// Local moving until a sweep moves nobody. Returns the community of each node, compacted to
    /// 0..<count in order of lowest member.
    func moveNodes(resolution: Double, rng: inout SeededGenerator) -> ([Int32], Int) {
        var community = (0..<n).map { Int32($0) }
        var total = strength
        var order = (0..<n).map { Int32($0) }
        rng.shuffle(&order)
        var linkWeight = [Double](repeating: 0, count: n)
        var slotUsed = [Bool](repeating: false, count: n)
        var touched = [Int32]()
        let scale = resolution / totalStrength
        // A sweep that moves someone strictly raises modularity, so this bound only guards against
        // rounding cycles; real graphs settle in tens of sweeps.
        let maxSweeps = 1_000
        var sweep = 0
        var moved = true
        while moved && sweep < maxSweeps {
            moved = false; sweep += 1
            for x in order {
                let v = Int(x)
                let own = Int(community[v])
                let kv = strength[v]
                for e in offsets[v]..<offsets[v + 1] {
                    let t = Int(targets[e])
                    if t == v { continue }
                    let c = Int(community[t])
                    if !slotUsed[c] { slotUsed[c] = true; touched.append(Int32(c)) }
                    linkWeight[c] += weights[e]
                }
                total[own] -= kv
                var best = own
                var bestScore = linkWeight[own] - scale * total[own] * kv
                for c32 in touched {
                    let c = Int(c32)
                    let score = linkWeight[c] - scale * total[c] * kv
                    if score > bestScore { bestScore = score; best = c }
                }
                total[best] += kv
                if best != own { community[v] = Int32(best); moved = true }
                for c in touched { linkWeight[Int(c)] = 0; slotUsed[Int(c)] = false }
                touched.removeAll(keepingCapacity: true)
            }
        }
        var relabel = [Int32](repeating: -1, count: n)
        var count: Int32 = 0
        for v in 0..<n {
            let c = Int(community[v])
            if relabel[c] < 0 { relabel[c] = count; count += 1 }
            community[v] = relabel[c]
        }
        return (community, Int(count))
    }

    /// Σ_c [ in_c / 2m − γ (tot_c / 2m)² ], in_c summing A_ij over i, j in c.
    func modularity(of community: [Int32], resolution: Double) -> Double {
        guard totalStrength > 0 else { return 0 }
        var inside = [Double](repeating: 0, count: n)
        var tot = [Double](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(community[v])
            tot[c] += strength[v]
            for e in offsets[v]..<offsets[v + 1] where community[Int(targets[e])] == community[v] {
                inside[c] += weights[e]
            }
        }
        var q = 0.0
        for c in 0..<n where tot[c] > 0 || inside[c] > 0 {
            let share = tot[c] / totalStrength
            q += inside[c] / totalStrength - resolution * share * share
        }
        return q
    }

    /// Communities become nodes; A_CD sums A_ij over i in C, j in D (so A_CC stays "twice inside").
    func aggregated(by community: [Int32], count: Int) -> LouvainLevelGraph {
        var src = [Int32](), dst = [Int32](), w = [Double]()
        src.reserveCapacity(targets.count); dst.reserveCapacity(targets.count); w.reserveCapacity(targets.count)
        for v in 0..<n {
            let cv = community[v]
            for e in offsets[v]..<offsets[v + 1] {
                src.append(cv); dst.append(community[Int(targets[e])]); w.append(weights[e])
            }
        }
        let g = CSRGraph(nodeCount: count, validatedSources: src, targets: dst, weights: w, directed: true)
        let merged = g.weights ?? [Double](repeating: 1, count: g.entryCount)
        return LouvainLevelGraph(n: count, offsets: g.offsets, targets: g.targets, weights: merged)
    }
}
