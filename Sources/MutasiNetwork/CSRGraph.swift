/// A graph in compressed sparse row form, the storage every metric in this folder runs on.
///
/// Node `i`'s out-edges are `targets[offsets[i]..<offsets[i+1]]`, with `weights` parallel to
/// `targets` (`nil` means every weight is 1). Rows are sorted by target and hold each target at most
/// once: parallel edges given to the initialiser are merged by summing their weights, so the graph is
/// what networkx calls a `DiGraph`/`Graph` with summed weights. An undirected graph stores every edge
/// in both rows, and a self-loop once, as networkx's adjacency does.
///
/// Nodes are plain integers; names and records live in side tables indexed by the same integers.
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    /// `nodeCount + 1` row starts into `targets`.
    public let offsets: [Int]
    public let targets: [Int32]
    /// Parallel to `targets`; `nil` when every weight is 1.
    public let weights: [Double]?
    public let isDirected: Bool

    /// Builds the CSR form from an edge list.
    ///
    /// For an undirected graph each edge `(u, v, w)` becomes entries `u→v` and `v→u`; `(u, u, w)`
    /// one entry. Parallel edges (and, undirected, `(u, v)` together with `(v, u)`) are merged by
    /// summing weights.
    /// - Throws: `MetricsError.nodeOutOfRange` for an endpoint outside `0..<nodeCount`,
    ///   `MetricsError.invalidWeight` for a weight that is negative or not finite.
    /// - Complexity: O(V + E) time and memory (two counting-sort passes, no comparison sort).
    public init(nodeCount: Int, edges: [(Int32, Int32, Double)], directed: Bool) throws(MetricsError) {
        guard nodeCount >= 0, nodeCount <= Int(Int32.max) else {
            throw .invalidParameter(name: "nodeCount", reason: "must be in 0...\(Int32.max), got \(nodeCount)")
        }
        for (s, t, w) in edges {
            if s < 0 || Int(s) >= nodeCount { throw .nodeOutOfRange(node: Int64(s), nodeCount: nodeCount) }
            if t < 0 || Int(t) >= nodeCount { throw .nodeOutOfRange(node: Int64(t), nodeCount: nodeCount) }
            if !w.isFinite || w < 0 { throw .invalidWeight(source: s, target: t, weight: w) }
        }
        var src = [Int32](); var dst = [Int32](); var wts = [Double]()
        let expected = directed ? edges.count : 2 * edges.count
        src.reserveCapacity(expected); dst.reserveCapacity(expected); wts.reserveCapacity(expected)
        for (s, t, w) in edges {
            src.append(s); dst.append(t); wts.append(w)
            if !directed && s != t { src.append(t); dst.append(s); wts.append(w) }
        }
        self = CSRGraph(nodeCount: nodeCount, validatedSources: src, targets: dst, weights: wts, directed: directed)
    }

    /// Assembles from already validated entry arrays (in range, finite, non-negative).
    init(nodeCount n: Int, validatedSources src: [Int32], targets dst: [Int32], weights wts: [Double], directed: Bool) {
        let m = src.count
        // Pass 1: stable counting sort by target.
        var count = [Int](repeating: 0, count: n + 1)
        for t in dst { count[Int(t) + 1] += 1 }
        for i in 0..<n { count[i + 1] += count[i] }
        var byTarget = [Int](repeating: 0, count: m)
        for e in 0..<m {
            let t = Int(dst[e])
            byTarget[count[t]] = e
            count[t] += 1
        }
        // Pass 2: stable counting sort by source, so each row ends up sorted by target.
        var rowStart = [Int](repeating: 0, count: n + 1)
        for s in src { rowStart[Int(s) + 1] += 1 }
        for i in 0..<n { rowStart[i + 1] += rowStart[i] }
        var next = rowStart
        var sortedTargets = [Int32](repeating: 0, count: m)
        var sortedWeights = [Double](repeating: 0, count: m)
        for e in byTarget {
            let s = Int(src[e])
            sortedTargets[next[s]] = dst[e]
            sortedWeights[next[s]] = wts[e]
            next[s] += 1
        }
        // Merge repeated targets within each row.
        var offsets = [Int](repeating: 0, count: n + 1)
        var outTargets = [Int32](); outTargets.reserveCapacity(m)
        var outWeights = [Double](); outWeights.reserveCapacity(m)
        var allOne = true
        for v in 0..<n {
            var i = rowStart[v]
            let end = rowStart[v + 1]
            while i < end {
                let t = sortedTargets[i]
                var w = sortedWeights[i]
                i += 1
                while i < end && sortedTargets[i] == t { w += sortedWeights[i]; i += 1 }
                outTargets.append(t); outWeights.append(w)
                if w != 1 { allOne = false }
            }
            offsets[v + 1] = outTargets.count
        }
        self.nodeCount = n
        self.offsets = offsets
        self.targets = outTargets
        self.weights = allOne ? nil : outWeights
        self.isDirected = directed
    }

    /// From rows already sorted by target, each target at most once.
    init(nodeCount: Int, offsets: [Int], targets: [Int32], weights: [Double]?, directed: Bool) {
        self.nodeCount = nodeCount; self.offsets = offsets; self.targets = targets; self.weights = weights
        self.isDirected = directed
    }

    /// A directed graph from rows given in node order: `row(v, &entries)` appends node `v`'s
    /// `(target, weight)` entries. Each row is sorted by target (stably) and repeated targets are
    /// merged by summing, as `init(nodeCount:edges:directed:)` does, without that initialiser's list
    /// of every edge and two counting sorts over it (seconds for a national network).
    /// - Throws: as `init(nodeCount:edges:directed:)`.
    /// - Complexity: O(V + E log d) for rows of at most d entries.
    public init(nodeCount n: Int, rows row: (Int, inout [(Int32, Double)]) -> Void) throws(MetricsError) {
        guard n >= 0, n <= Int(Int32.max) else {
            throw .invalidParameter(name: "nodeCount", reason: "must be in 0...\(Int32.max), got \(n)")
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        var outTargets = [Int32](), outWeights = [Double]()
        var entries: [(Int32, Double)] = []
        var allOne = true
        for v in 0..<n {
            entries.removeAll(keepingCapacity: true)
            row(v, &entries)
            for (t, w) in entries {
                if t < 0 || Int(t) >= n { throw .nodeOutOfRange(node: Int64(t), nodeCount: n) }
                if !w.isFinite || w < 0 { throw .invalidWeight(source: Int32(v), target: t, weight: w) }
            }
            // stable: repeated targets are summed in the order given
            if entries.count > 1 {
                if entries.count <= 16 {
                    for i in 1..<entries.count {
                        let x = entries[i]
                        var j = i
                        while j > 0 && entries[j - 1].0 > x.0 { entries[j] = entries[j - 1]; j -= 1 }
                        entries[j] = x
                    }
                } else {
                    entries = entries.indices.sorted { (entries[$0].0, $0) < (entries[$1].0, $1) }.map { entries[$0] }
                }
            }
            var i = 0
            while i < entries.count {
                let t = entries[i].0
                var w = entries[i].1
                i += 1
                while i < entries.count && entries[i].0 == t { w += entries[i].1; i += 1 }
                outTargets.append(t); outWeights.append(w)
                if w != 1 { allOne = false }
            }
            offsets[v + 1] = outTargets.count
        }
        self.init(nodeCount: n, offsets: offsets, targets: outTargets, weights: allOne ? nil : outWeights, directed: true)
    }

    /// Number of stored entries (directed: edges; undirected: twice the non-loop edges plus loops).
    public var entryCount: Int { targets.count }

    /// Node `v`'s entries as a range into `targets`/`weights`.
    @inline(__always) package func row(_ v: Int) -> Range<Int> { offsets[v]..<offsets[v + 1] }

    /// Weight of entry `e` (1 when the graph is unweighted).
    @inline(__always) package func weight(at e: Int) -> Double { weights?[e] ?? 1 }

    /// Every stored entry as `(source, target, weight)`, rows in order. O(E).
    package func entries() -> [(Int32, Int32, Double)] {
        var out = [(Int32, Int32, Double)](); out.reserveCapacity(entryCount)
        for v in 0..<nodeCount { for e in row(v) { out.append((Int32(v), targets[e], weight(at: e))) } }
        return out
    }

    /// The undirected graph underneath: `u→v` and `v→u` become one edge whose weight is their sum
    /// (networkx's `to_undirected` keeps just one of the two weights; summing keeps all the ties).
    /// An undirected graph is returned unchanged.
    /// - Complexity: O(V + E): the in-edges are gathered by a counting pass (each node's come out
    ///   sorted by source), then each node's out-row and in-row, both sorted, are merged.
    public func undirected() -> CSRGraph {
        guard isDirected else { return self }
        let n = nodeCount
        // in-rows, self-loops left out (a loop is kept once, from the out-row)
        var inStart = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { for e in row(v) where targets[e] != Int32(v) { inStart[Int(targets[e]) + 1] += 1 } }
        for v in 0..<n { inStart[v + 1] += inStart[v] }
        var fill = inStart
        var inSources = [Int32](repeating: 0, count: inStart[n])
        var inWeights = [Double](repeating: 0, count: inStart[n])
        for v in 0..<n {
            for e in row(v) where targets[e] != Int32(v) {
                let t = Int(targets[e])
                inSources[fill[t]] = Int32(v); inWeights[fill[t]] = weight(at: e)
                fill[t] += 1
            }
        }
        fill = []
        var offsets = [Int](repeating: 0, count: n + 1)
        var outTargets = [Int32](), outWeights = [Double]()
        outTargets.reserveCapacity(entryCount + inSources.count); outWeights.reserveCapacity(entryCount + inSources.count)
        var allOne = true
        for v in 0..<n {
            var a = self.offsets[v], b = inStart[v]
            let aEnd = self.offsets[v + 1], bEnd = inStart[v + 1]
            while a < aEnd || b < bEnd {
                let t: Int32, w: Double
                if b >= bEnd || (a < aEnd && targets[a] < inSources[b]) {
                    t = targets[a]; w = weight(at: a); a += 1
                } else if a >= aEnd || inSources[b] < targets[a] {
                    t = inSources[b]; w = inWeights[b]; b += 1
                } else {
                    t = targets[a]; w = weight(at: a) + inWeights[b]; a += 1; b += 1
                }
                outTargets.append(t); outWeights.append(w)
                if w != 1 { allOne = false }
            }
            offsets[v + 1] = outTargets.count
        }
        return CSRGraph(nodeCount: n, offsets: offsets, targets: outTargets, weights: allOne ? nil : outWeights, directed: false)
    }

    /// The same graph with every edge turned around (in-edges become rows). An undirected graph is
    /// returned unchanged. O(V + E).
    public func reversed() -> CSRGraph {
        guard isDirected else { return self }
        var src = [Int32](), dst = [Int32](), wts = [Double]()
        src.reserveCapacity(entryCount); dst.reserveCapacity(entryCount); wts.reserveCapacity(entryCount)
        for v in 0..<nodeCount {
            for e in row(v) { src.append(targets[e]); dst.append(Int32(v)); wts.append(weight(at: e)) }
        }
        return CSRGraph(nodeCount: nodeCount, validatedSources: src, targets: dst, weights: wts, directed: true)
    }
}
