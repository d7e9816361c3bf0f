import Dispatch

/// How long an edge is when betweenness looks for shortest paths.
public enum PathLength: Sendable, Equatable {
    /// Every edge has length 1 (breadth-first search); weights are ignored.
    case hops
    /// The edge weight is its length, as networkx's `weight="weight"` reads it.
    case weight
    /// Length 1/weight: a strong tie (many shared transfers) is a short path. Weight-0 edges are
    /// not traversed.
    case inverseWeight
}

/// Which shortest-path sources betweenness sums over.
public enum BetweennessSampling: Sendable, Equatable {
    /// All nodes: exact Brandes, O(V·E) unweighted, O(V·(E + V log V)) weighted.
    case exact
    /// `sources` distinct nodes drawn with `SeededGenerator(seed:)` (Brandes & Pich 2007).
    /// `sources >= nodeCount` is exact.
    case sampled(sources: Int, seed: UInt64)
    /// Exact up to `exactUpToNodes` nodes, otherwise `.sampled(sources:seed:)`.
    case automatic(exactUpToNodes: Int, sources: Int, seed: UInt64)
    /// These distinct source nodes, scaled as a sample (for reproducing a sample drawn elsewhere,
    /// e.g. networkx's `seed.sample(list(G), k)`).
    case sources([Int32])

    /// Exact up to 5,000 nodes; above that 256 sources drawn with seed 0.
    public static let standard = BetweennessSampling.automatic(exactUpToNodes: 5_000, sources: 256, seed: 0)
}

/// Betweenness scores, and when they are estimates, how they were drawn and how far off they may be.
public struct BetweennessResult: Sendable, Equatable {
    public let scores: [Double]
    public let isExact: Bool
    public let normalized: Bool
    /// The sampled sources in draw order; `nil` when exact.
    public let sources: [Int32]?
    /// The seed the sources were drawn with; `nil` when exact or when sources were given.
    public let seed: UInt64?
    /// Per-node standard error of a sampled score (sample standard deviation of the per-source
    /// dependencies, with the finite-population correction), in the units of `scores`; `nil` when
    /// exact.
    public let standardErrors: [Double]?
}

extension CSRGraph {
    /// Betweenness centrality by Brandes' algorithm, scaled exactly as networkx 3.6 scales
    /// `betweenness_centrality(G, k, normalized, weight, endpoints=False)`.
    ///
    /// Exact scores equal networkx's to rounding (1e-12 on the reference graphs). Normalised scores
    /// divide by `(n-1)(n-2)`; unnormalised undirected scores count each unordered pair once.
    ///
    /// Sampling (Brandes & Pich 2007, networkx 3.5+ scaling): with `k` sources, a node's summed
    /// dependency is divided by `k(n-2)` (normalised), or by `(k-1)(n-2)` when the node is itself a
    /// source and so cannot lie inside its own paths. This is unbiased. Expected error: each source
    /// contributes a value in [0, 1] to a normalised score, so by Hoeffding's inequality a score is
    /// within `sqrt(ln(2/δ) / 2k)` of the exact one with probability 1-δ (k = 256, δ = 0.05: ±0.085;
    /// a loose bound); `standardErrors` gives the realistic per-node figure, usually far smaller for
    /// the top-ranked nodes. Rankings of clear brokers are stable; small differences between
    /// low scores are noise.
    ///
    /// Sources are split into 8 fixed chunks processed on all cores and summed in chunk order, so
    /// results repeat bit for bit whatever the core count.
    ///
    /// - Parameters:
    ///   - length: how edge weights turn into path lengths.
    ///   - normalized: networkx's `normalized`.
    ///   - sampling: exact, seeded sample, or automatic by size.
    /// - Throws: `MetricsError.invalidParameter` for fewer than 2 sampled sources or explicit sources
    ///   that repeat or fall outside the graph.
    /// - Complexity: O(k·E) unweighted, O(k·E log V) weighted, for k sources; O(V) memory per chunk.
    /// - Reference: U. Brandes, "A faster algorithm for betweenness centrality" (2001);
    ///   U. Brandes & C. Pich, "Centrality estimation in large networks" (2007).
    public func betweenness(length: PathLength = .hops, normalized: Bool = true,
                            sampling: BetweennessSampling = .standard) throws(MetricsError) -> BetweennessResult {
        let (sources, seed) = try chooseSources(sampling)
        let lengths: [Double]?
        switch length {
        case .hops: lengths = nil
        case .weight: lengths = weights
        case .inverseWeight: lengths = weights.map { $0.map { $0 > 0 ? 1 / $0 : .infinity } }
        }

        let sourceList = sources ?? (0..<nodeCount).map { Int32($0) }
        let sampled = sources != nil
        let (sum, sumOfSquares) = accumulateDependencies(sources: sourceList, lengths: lengths, squares: sampled)

        let (scores, errors) = rescale(sum, squares: sumOfSquares, sources: sources, normalized: normalized)
        return BetweennessResult(scores: scores, isExact: !sampled, normalized: normalized,
                                 sources: sources, seed: seed, standardErrors: errors)
    }

    /// The sampled sources and their seed; both nil when every node is a source.
    private func chooseSources(_ sampling: BetweennessSampling) throws(MetricsError) -> (sources: [Int32]?, seed: UInt64?) {
        let n = nodeCount
        var sources: [Int32]? = nil
        var seed: UInt64? = nil
        switch sampling {
        case .exact:
            break
        case let .sampled(k, s), let .automatic(_, k, s):
            if case let .automatic(limit, _, _) = sampling, n <= limit { break }
            guard k >= 2 else { throw .invalidParameter(name: "sources", reason: "a sample needs at least 2 sources, got \(k)") }
            if k < n {
                var rng = SeededGenerator(seed: s)
                sources = rng.sample(k, from: n).map { Int32($0) }
                seed = s
            }
        case let .sources(list):
            guard list.count >= 2 || list.count == n else {
                throw .invalidParameter(name: "sources", reason: "a sample needs at least 2 sources, got \(list.count)")
            }
            var seen = [Bool](repeating: false, count: n)
            for s in list {
                guard s >= 0, Int(s) < n else { throw .invalidParameter(name: "sources", reason: "node \(s) is outside 0..<\(n)") }
                guard !seen[Int(s)] else { throw .invalidParameter(name: "sources", reason: "node \(s) is listed twice") }
                seen[Int(s)] = true
            }
            if list.count < n { sources = list }
        }
        return (sources, seed)
    }

    /// Scaling as networkx's `_rescale` with endpoints=False, and for a sample the per-node
    /// standard errors.
    private func rescale(_ sum: [Double], squares sumOfSquares: [Double], sources: [Int32]?,
                         normalized: Bool) -> (scores: [Double], errors: [Double]?) {
        let n = nodeCount
        var scores = sum
        var errors: [Double]? = nil
        let pairs = n - 1
        if pairs >= 2 {
            let correction = isDirected ? 1.0 : 2.0
            // Per-source constant: score = constant * (mean dependency over the sources that count).
            let constant = normalized ? 1 / Double(pairs - 1) : Double(pairs) / correction
            if let sources {
                let k = sources.count
                var isSource = [Bool](repeating: false, count: n)
                for s in sources { isSource[Int(s)] = true }
                var se = [Double](repeating: 0, count: n)
                for v in 0..<n {
                    let m = isSource[v] ? k - 1 : k
                    scores[v] = sum[v] * constant / Double(m)
                    if m > 1 {
                        let mean = sum[v] / Double(m)
                        let variance = max(0, (sumOfSquares[v] - Double(m) * mean * mean) / Double(m - 1))
                        let finite = max(0, 1 - Double(m) / Double(pairs))
                        se[v] = constant * (variance / Double(m) * finite).squareRoot()
                    }
                }
                errors = se
            } else {
                let scale = normalized ? 1 / (Double(pairs) * Double(pairs - 1)) : 1 / correction
                for v in 0..<n { scores[v] *= scale }
            }
        }
        return (scores, errors)
    }

    /// Sums each node's dependency over `sources` (and, for sampling, the squares), in 8 fixed
    /// chunks run concurrently and added in chunk order.
    private func accumulateDependencies(sources: [Int32], lengths: [Double]?, squares: Bool) -> ([Double], [Double]) {
        let n = nodeCount
        guard n > 0, !sources.isEmpty else { return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n)) }
        // breadth-first on an undirected graph runs on the graph without its leaves
        let core = lengths == nil && !isDirected ? LeafPrunedGraph(self) : nil
        let width = core?.nodes.count ?? n
        let chunks = min(8, sources.count)
        let slots = ChunkSlots(count: chunks)
        defer { slots.release() }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * sources.count / chunks, hi = (c + 1) * sources.count / chunks
            var work = BrandesWorkspace(nodeCount: width, squares: squares, weighted: lengths != nil)
            for i in lo..<hi {
                if let lengths { work.runDijkstra(self, source: Int(sources[i]), lengths: lengths) }
                else if let core {
                    guard let start = core.start(from: Int(sources[i]), in: self) else { continue }
                    work.runBreadthFirst(offsets: core.offsets, targets: core.targets, leaves: core.leaves, start: start,
                                         sourceIsLeaf: core.coreOf[Int(sources[i])] < 0)
                } else {
                    work.runBreadthFirst(offsets: offsets, targets: targets, leaves: [], start: Int(sources[i]), sourceIsLeaf: false)
                }
            }
            slots.store(c, (work.sum, work.sumOfSquares))
        }
        var sum = [Double](repeating: 0, count: n)
        var sq = [Double](repeating: 0, count: squares ? n : 0)
        // a chunk's sums are by core id when the leaves were left out
        func add(_ part: [Double], to total: inout [Double]) {
            if let core { for (i, v) in core.nodes.enumerated() { total[Int(v)] += part[i] } }
            else { for v in 0..<n { total[v] += part[v] } }
        }
        for c in 0..<chunks {
            let (part, partSq) = slots.load(c)
            add(part, to: &sum)
            if squares { add(partSq, to: &sq) }
        }
        if !squares { sq = [Double](repeating: 0, count: n) }
        return (sum, sq)
    }
}

/// An undirected graph without its leaves (nodes with exactly one neighbour, not themselves), for
/// breadth-first Brandes. A leaf lies inside no shortest path, so its dependency is 0; and on a
/// path from any other source it hangs one hop below its neighbour with the same path count, so
/// it adds exactly σ_u/σ_leaf · (1 + 0) = 1 to its neighbour u's dependency. The passes therefore
/// skip leaves and their edges and add each node's leaf count instead. Four in five people of a
/// transfer network were moved by a single signer, so the core is a small part of the nodes,
/// numbered densely so that its arrays stay in cache far longer.
private struct LeafPrunedGraph {
    /// Original id of each core node, ascending.
    let nodes: [Int32]
    /// Core id of each original node; -1 for a leaf.
    let coreOf: [Int32]
    /// Rows over core ids, leaves left out.
    let offsets: [Int]
    let targets: [Int32]
    /// Leaves hanging off each core node.
    let leaves: [Double]

    init(_ g: CSRGraph) {
        let n = g.nodeCount
        var coreOf = [Int32](repeating: -1, count: n)
        var nodes: [Int32] = []
        for v in 0..<n where !g.isLeaf(v) {
            coreOf[v] = Int32(nodes.count)
            nodes.append(Int32(v))
        }
        var offsets = [Int](repeating: 0, count: nodes.count + 1)
        var targets: [Int32] = []
        var leaves = [Double](repeating: 0, count: nodes.count)
        for (i, v) in nodes.enumerated() {
            for e in g.row(Int(v)) {
                let w = coreOf[Int(g.targets[e])]
                if w >= 0 { targets.append(w) } else { leaves[i] += 1 }
            }
            offsets[i + 1] = targets.count
        }
        self.nodes = nodes; self.coreOf = coreOf; self.offsets = offsets; self.targets = targets; self.leaves = leaves
    }

    /// Where a search from original node `s` starts in the core: `s` itself, or for a leaf its
    /// neighbour, whose paths are the leaf's; nil when the leaf's neighbour is a leaf too (a lone
    /// edge: no path has an inside).
    func start(from s: Int, in g: CSRGraph) -> Int? {
        let c = coreOf[s]
        if c >= 0 { return Int(c) }
        let u = coreOf[Int(g.targets[g.offsets[s]])]
        return u >= 0 ? Int(u) : nil
    }
}

extension CSRGraph {
    /// One neighbour, and not itself.
    func isLeaf(_ v: Int) -> Bool {
        offsets[v + 1] - offsets[v] == 1 && targets[offsets[v]] != Int32(v)
    }
}

/// One result slot per chunk, each written by exactly one task before any is read.
private final class ChunkSlots: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<([Double], [Double])>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: ([], []))
    }
    func store(_ i: Int, _ value: ([Double], [Double])) { buffer[i] = value }
    func load(_ i: Int) -> ([Double], [Double]) { buffer[i] }
    func release() { buffer.deinitialize(); buffer.deallocate() }
}

/// Per-chunk state for Brandes' single-source passes, reset in O(visited) between sources.
/// Predecessor lists are not stored: the backward pass re-tests each out-edge, which costs one
/// more scan of the visited edges but no allocation.
private struct BrandesWorkspace {
    var sum: [Double]
    var sumOfSquares: [Double]
    let squares: Bool
    var sigma: [Double]
    var delta: [Double]
    var hop: [Int32]
    var distance: [Double]
    var settleOrder: [Int32]
    /// Nodes in the order they were reached (breadth-first) or settled (Dijkstra), front to back.
    var order: [Int32]
    var heap = DistanceHeap()

    /// - Parameter weighted: Dijkstra's arrays are made only for weighted lengths.
    init(nodeCount n: Int, squares: Bool, weighted: Bool) {
        sum = [Double](repeating: 0, count: n)
        sumOfSquares = [Double](repeating: 0, count: squares ? n : 0)
        self.squares = squares
        sigma = [Double](repeating: 0, count: n)
        delta = [Double](repeating: 0, count: n)
        hop = [Int32](repeating: -1, count: weighted ? 0 : n)
        distance = [Double](repeating: .infinity, count: weighted ? n : 0)
        settleOrder = [Int32](repeating: -1, count: weighted ? n : 0)
        order = [Int32](repeating: 0, count: n)
    }

    /// Brandes' breadth-first pass from `s` over the rows `offsets`/`targets`. `leaves` (empty for
    /// none) holds the leaves hanging off each node of a `LeafPrunedGraph`, each adding 1 to its
    /// node's dependency; when the source is itself a leaf, `s` is its neighbour, which then lies
    /// inside every path and has one leaf fewer below it.
    mutating func runBreadthFirst(offsets: [Int], targets: [Int32], leaves: [Double], start s: Int, sourceIsLeaf: Bool) {
        let squares = squares, counted = !leaves.isEmpty
        // `order` has a slot per node: a BFS over millions of nodes fills it without Array appends
        offsets.withUnsafeBufferPointer { off in
        targets.withUnsafeBufferPointer { tg in
        leaves.withUnsafeBufferPointer { leaves in
        sigma.withUnsafeMutableBufferPointer { sigma in
        hop.withUnsafeMutableBufferPointer { hop in
        delta.withUnsafeMutableBufferPointer { delta in
        order.withUnsafeMutableBufferPointer { order in
        sum.withUnsafeMutableBufferPointer { sum in
        sumOfSquares.withUnsafeMutableBufferPointer { sumOfSquares in
            hop[s] = 0; sigma[s] = 1
            order[0] = Int32(s)
            var visited = 1, head = 0
            while head < visited {
                let v = Int(order[head]); head += 1
                let next = hop[v] + 1
                let sv = sigma[v]
                for e in off[v]..<off[v + 1] {
                    let w = Int(tg[e])
                    if hop[w] < 0 { hop[w] = next; order[visited] = Int32(w); visited += 1 }
                    if hop[w] == next { sigma[w] += sv }
                }
            }
            // σ_v/σ_w (1 + δ_w) summed over the successors w; (1 + δ_w)/σ_w is taken once per w
            var i = visited - 1
            while i >= 0 {
                let v = Int(order[i]); i -= 1
                let next = hop[v] + 1
                var d = 0.0
                for e in off[v]..<off[v + 1] {
                    let w = Int(tg[e])
                    if hop[w] == next { d += delta[w] }
                }
                let below = !counted ? 0 : v == s && sourceIsLeaf ? leaves[v] - 1 : leaves[v]
                delta[v] = d * sigma[v] + below
                if v != s || sourceIsLeaf {
                    sum[v] += delta[v]
                    if squares { sumOfSquares[v] += delta[v] * delta[v] }
                }
                // from here on δ_v is only read by v's predecessors, as (1 + δ_v)/σ_v
                delta[v] = (1 + delta[v]) / sigma[v]
            }
            for j in 0..<visited {
                let v = Int(order[j])
                hop[v] = -1; sigma[v] = 0; delta[v] = 0
            }
        }}}}}}}}}
    }

    mutating func runDijkstra(_ g: CSRGraph, source s: Int, lengths: [Double]) {
        heap.removeAll()
        distance[s] = 0; sigma[s] = 1
        heap.push(0, Int32(s))
        var settled: Int32 = 0
        while let (d, x) = heap.pop() {
            let v = Int(x)
            if settleOrder[v] >= 0 || d > distance[v] { continue }
            order[Int(settled)] = x
            settleOrder[v] = settled; settled += 1
            let sv = sigma[v]
            for e in g.offsets[v]..<g.offsets[v + 1] {
                let w = Int(g.targets[e])
                if settleOrder[w] >= 0 { continue }
                let nd = d + lengths[e]
                if !nd.isFinite { continue }
                if nd < distance[w] {
                    distance[w] = nd; sigma[w] = sv
                    heap.push(nd, Int32(w))
                } else if nd == distance[w] {
                    sigma[w] += sv
                }
            }
        }
        var i = Int(settled) - 1
        while i >= 0 {
            let v = Int(order[i]); i -= 1
            let dv = distance[v], ov = settleOrder[v], sv = sigma[v]
            var dep = 0.0
            for e in g.offsets[v]..<g.offsets[v + 1] {
                let w = Int(g.targets[e])
                if settleOrder[w] > ov && dv + lengths[e] == distance[w] {
                    dep += sv * ((1 + delta[w]) / sigma[w])
                }
            }
            delta[v] = dep
        }
        for j in 0..<Int(settled) {
            let v = Int(order[j])
            if v != s {
                sum[v] += delta[v]
                if squares { sumOfSquares[v] += delta[v] * delta[v] }
            }
            distance[v] = .infinity; sigma[v] = 0; delta[v] = 0; settleOrder[v] = -1
        }
    }
}

/// Binary min-heap of (distance, node) with lazy deletion (stale entries are skipped on pop).
private struct DistanceHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key); nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[parent] <= key { break }
            keys[i] = keys[parent]; nodes[i] = nodes[parent]
            i = parent
        }
        keys[i] = key; nodes[i] = node
    }

    mutating func pop() -> (Double, Int32)? {
        guard let topKey = keys.first, let topNode = nodes.first else { return nil }
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= count { break }
                if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[i] = keys[child]; nodes[i] = nodes[child]
                i = child
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return (topKey, topNode)
    }
}
