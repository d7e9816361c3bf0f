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
    /// strictly better), sweeping until a sweep raises modularity by no more than `threshold`; then
    /// communities become nodes and the next level starts. It stops when a level improves modularity
    /// by no more than `threshold`. (networkx sweeps until nobody moves at all; stopping on a
    /// negligible sweep gain, as Blondel et al.'s own code does, saves the long tail of sweeps that
    /// move a few nodes for ~1e-9 each: on a random graph of 200k nodes / 1.3M edges, 86 sweeps
    /// instead of 140 and modularity 0.2762 instead of 0.2756.)
    /// Same graph and seed give the same partition bit for bit. Different seeds give partitions of
    /// similar modularity; the partition itself can differ, which is inherent to the method.
    ///
    /// - Parameters:
    ///   - resolution: γ > 0; above 1 favours smaller communities, below 1 larger ones.
    ///   - seed: seeds the node order.
    ///   - threshold: minimum modularity gain for another sweep or level (networkx: 1e-7, per level).
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
        var current = level.singletonModularity(resolution: resolution)
        // debug builds (the tests) check the shortcut against the general sum on every graph
        assert(current == level.modularity(of: (0..<level.n).map { Int32($0) }, resolution: resolution))

        if level.totalStrength > 0 {
            while true {
                let (assignment, count) = level.moveNodes(resolution: resolution, minimumGain: threshold, rng: &rng)
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
        // a graph without self-loops (a network of people, signers and candidates has none) keeps
        // its weights as they are, shared instead of copied: on a national network the copy is
        // hundreds of megabytes of fresh memory on the critical path
        var hasLoop = false
        g.targets.withUnsafeBufferPointer { tg in
            for v in 0..<g.nodeCount where !hasLoop {
                for e in g.offsets[v]..<g.offsets[v + 1] where tg[e] == Int32(v) { hasLoop = true; break }
            }
        }
        if !hasLoop, let weights = g.weights {
            self.init(n: g.nodeCount, offsets: g.offsets, targets: g.targets, weights: weights)
            return
        }
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

    /// Local moving: sweeps over the nodes in a seeded random order until a sweep moves nobody or
    /// raises modularity by no more than `minimumGain`. Returns the community of each node, compacted
    /// to 0..<count in order of lowest member.
    ///
    /// The sweeps run on a copy of the graph numbered in visiting order, each row's entries kept in
    /// their order: every decision, sum and tie-break is the same as on the graph itself, but a sweep
    /// reads the rows front to back instead of jumping to a random row per node (on 9 M nodes, a
    /// handful of cache misses per node was most of a sweep's time).
    /// - Complexity: O(E) per sweep, no hashing: neighbour-community weights go into a dense array
    ///   that is cleared through the list of communities touched.
    func moveNodes(resolution: Double, minimumGain: Double, rng: inout SeededGenerator) -> ([Int32], Int) {
        var order = (0..<n).map { Int32($0) }
        rng.shuffle(&order)
        let visiting = inVisitingOrder(order)
        var community = (0..<n).map { Int32($0) }
        // what a sweep reads and writes per community, side by side: one cache line, not three
        var tally = visiting.strength.map { CommunityTally(link: 0, total: $0, used: false) }
        var touched = [Int32](repeating: 0, count: n)
        let scale = resolution / totalStrength
        // Each move raises modularity by 2/2m · (score gain); see Blondel et al. eq. (2).
        let gainToModularity = 2 / totalStrength
        // Bounded so that rounding can never cycle forever; real graphs settle in tens of sweeps.
        let maxSweeps = 1_000
        var sweep = 0
        var moved = true
        visiting.offsets.withUnsafeBufferPointer { off in
        visiting.targets.withUnsafeBufferPointer { tg in
        visiting.weights.withUnsafeBufferPointer { wt in
        visiting.strength.withUnsafeBufferPointer { strength in
        community.withUnsafeMutableBufferPointer { community in
        tally.withUnsafeMutableBufferPointer { tally in
        touched.withUnsafeMutableBufferPointer { touched in
            while moved && sweep < maxSweeps {
                moved = false; sweep += 1
                var sweepGain = 0.0
                for v in 0..<n {
                    let own = Int(community[v])
                    let kv = strength[v]
                    var touchedCount = 0
                    for e in off[v]..<off[v + 1] {
                        let t = Int(tg[e])
                        if t == v { continue }
                        let c = Int(community[t])
                        if !tally[c].used { tally[c].used = true; touched[touchedCount] = Int32(c); touchedCount += 1 }
                        tally[c].link += wt[e]
                    }
                    tally[own].total -= kv
                    var best = own
                    let ownScore = tally[own].link - scale * tally[own].total * kv
                    var bestScore = ownScore
                    for i in 0..<touchedCount {
                        let c = Int(touched[i])
                        let score = tally[c].link - scale * tally[c].total * kv
                        if score > bestScore { bestScore = score; best = c }
                        tally[c].link = 0; tally[c].used = false
                    }
                    tally[best].total += kv
                    if best != own {
                        community[v] = Int32(best); moved = true
                        sweepGain += bestScore - ownScore
                    }
                }
                if sweepGain * gainToModularity <= minimumGain { break }
            }
        }}}}}}}
        return inOwnNumbering(community, order: order)
    }

    /// Communities found in visiting order, back in the graph's own numbering: visiting position
    /// i is node order[i], and a community is named after the node it started from, then
    /// compacted to 0..<count in order of lowest member.
    private func inOwnNumbering(_ community: [Int32], order: [Int32]) -> ([Int32], Int) {
        var relabel = [Int32](repeating: -1, count: n)
        var result = [Int32](repeating: 0, count: n)
        for i in 0..<n { result[Int(order[i])] = order[Int(community[i])] }
        var count: Int32 = 0
        for v in 0..<n {
            let c = Int(result[v])
            if relabel[c] < 0 { relabel[c] = count; count += 1 }
            result[v] = relabel[c]
        }
        return (result, Int(count))
    }

    struct CommunityTally {
        /// Weight from the node being moved into the community, summed over its row.
        var link: Double
        /// Strength of the community's members.
        var total: Double
        /// In the list of communities the node's row touched.
        var used: Bool
    }

    /// This graph renumbered so that node `order[i]` becomes node `i`, each row's entries in their
    /// original order. Rows are read in the graph's own order and each is written at its new place:
    /// reading them in visiting order instead was a chain of cache misses per node (seconds on
    /// 9 M nodes).
    private func inVisitingOrder(_ order: [Int32]) -> (offsets: [Int], targets: [Int32], weights: [Double], strength: [Double]) {
        let n = n
        var position = [Int32](repeating: 0, count: n)
        var off = [Int](repeating: 0, count: n + 1)
        var tg = [Int32](repeating: 0, count: targets.count)
        var wt = [Double](repeating: 0, count: targets.count)
        var st = [Double](repeating: 0, count: n)
        order.withUnsafeBufferPointer { order in
        offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        weights.withUnsafeBufferPointer { weights in
        strength.withUnsafeBufferPointer { strength in
        position.withUnsafeMutableBufferPointer { position in
        off.withUnsafeMutableBufferPointer { off in
        tg.withUnsafeMutableBufferPointer { tg in
        wt.withUnsafeMutableBufferPointer { wt in
        st.withUnsafeMutableBufferPointer { st in
            for i in 0..<n { position[Int(order[i])] = Int32(i) }
            for i in 0..<n {
                let v = Int(order[i])
                off[i + 1] = off[i] + (offsets[v + 1] - offsets[v])
            }
            for v in 0..<n {
                let i = Int(position[v])
                st[i] = strength[v]
                var k = off[i]
                for e in offsets[v]..<offsets[v + 1] {
                    tg[k] = position[Int(targets[e])]
                    wt[k] = weights[e]
                    k += 1
                }
            }
        }}}}}}}}}}
        return (off, tg, wt, st)
    }

    /// `modularity(of:)` with every node in a community of its own, in one pass down the rows
    /// instead of a look-up of each entry's community: the same terms summed in the same order.
    func singletonModularity(resolution: Double) -> Double {
        guard totalStrength > 0 else { return 0 }
        var q = 0.0
        for v in 0..<n {
            var inside = 0.0
            for e in offsets[v]..<offsets[v + 1] where targets[e] == Int32(v) { inside += weights[e] }
            guard strength[v] > 0 || inside > 0 else { continue }
            let share = strength[v] / totalStrength
            q += inside / totalStrength - resolution * share * share
        }
        return q
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
    /// - Complexity: O(V + E): members are grouped by community with a counting sort and each new row
    ///   is summed in a dense accumulator (rows come out in first-touch order, deterministic).
    func aggregated(by community: [Int32], count: Int) -> LouvainLevelGraph {
        var start = [Int](repeating: 0, count: count + 1)
        for c in community { start[Int(c) + 1] += 1 }
        for c in 0..<count { start[c + 1] += start[c] }
        var fill = start
        var members = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(community[v])
            members[fill[c]] = Int32(v); fill[c] += 1
        }
        var newOffsets = [Int](repeating: 0, count: count + 1)
        var newTargets = [Int32](), newWeights = [Double]()
        newTargets.reserveCapacity(targets.count); newWeights.reserveCapacity(targets.count)
        var sum = [Double](repeating: 0, count: count)
        var used = [Bool](repeating: false, count: count)
        var touched = [Int32]()
        for c in 0..<count {
            for i in start[c]..<start[c + 1] {
                let v = Int(members[i])
                for e in offsets[v]..<offsets[v + 1] {
                    let d = Int(community[Int(targets[e])])
                    if !used[d] { used[d] = true; touched.append(Int32(d)) }
                    sum[d] += weights[e]
                }
            }
            for d in touched {
                newTargets.append(d); newWeights.append(sum[Int(d)])
                sum[Int(d)] = 0; used[Int(d)] = false
            }
            touched.removeAll(keepingCapacity: true)
            newOffsets[c + 1] = newTargets.count
        }
        return LouvainLevelGraph(n: count, offsets: newOffsets, targets: newTargets, weights: newWeights)
    }
}
