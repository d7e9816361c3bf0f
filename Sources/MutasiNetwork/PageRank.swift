/// PageRank scores and how the power iteration ended.
public struct PageRankResult: Sendable, Equatable {
    /// One score per node; they sum to 1 (up to rounding) when the graph has nodes.
    public let scores: [Double]
    public let iterations: Int
    /// False when `maxIterations` ran out before the change fell under `nodeCount * tolerance`
    /// (networkx raises `PowerIterationFailedConvergence` there; the last iterate is kept here).
    public let converged: Bool
    /// L1 change of the last iteration.
    public let lastChange: Double
}

extension CSRGraph {
    /// Weighted PageRank with networkx's semantics (`networkx.pagerank`), so scores agree with it to
    /// about 1e-9.
    ///
    /// A node passes `alpha` of its score along its out-edges in proportion to their weights (its
    /// out-strength normalises); a node with out-strength 0 ("dangling") spreads its score uniformly
    /// over all nodes; everyone receives `(1 - alpha) / N` teleport. Starts from the uniform vector
    /// and stops when the L1 change between iterates is below `N * tolerance`, as networkx does.
    /// An undirected graph counts each edge in both directions.
    ///
    /// - Parameters:
    ///   - alpha: damping factor in [0, 1].
    ///   - tolerance: per-node convergence tolerance (> 0).
    ///   - maxIterations: at least 1.
    ///   - weighted: false treats every edge as weight 1.
    /// - Complexity: O(iterations * (V + E)) time, O(V) extra memory.
    /// - Reference: Page, Brin, Motwani, Winograd (1999); networkx `_pagerank_scipy`.
    public func pageRank(alpha: Double = 0.85, tolerance: Double = 1e-6, maxIterations: Int = 100,
                         weighted: Bool = true) throws(MetricsError) -> PageRankResult {
        try Self.checkPageRank(alpha: alpha, tolerance: tolerance, maxIterations: maxIterations)
        let n = nodeCount
        guard n > 0 else { return PageRankResult(scores: [], iterations: 0, converged: true, lastChange: 0) }
        let w: [Double]? = weighted ? weights : nil
        let (inverseStrength, dangling) = inverseOutStrengths(w)

        let uniform = 1 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var next = [Double](repeating: 0, count: n)
        var change = Double.infinity
        var iteration = 0
        let threshold = Double(n) * tolerance
        while iteration < maxIterations {
            iteration += 1
            var danglingMass = 0.0
            for v in dangling { danglingMass += x[Int(v)] }
            let base = alpha * danglingMass * uniform + (1 - alpha) * uniform
            next.withUnsafeMutableBufferPointer { nx in
                for i in 0..<n { nx[i] = 0 }
                targets.withUnsafeBufferPointer { tg in
                    offsets.withUnsafeBufferPointer { off in
                        for v in 0..<n {
                            let share = x[v] * inverseStrength[v]
                            if share == 0 { continue }
                            if let w {
                                for e in off[v]..<off[v + 1] { nx[Int(tg[e])] += share * w[e] }
                            } else {
                                for e in off[v]..<off[v + 1] { nx[Int(tg[e])] += share }
                            }
                        }
                    }
                }
                var delta = 0.0
                for i in 0..<n {
                    let value = alpha * nx[i] + base
                    nx[i] = value
                    delta += abs(value - x[i])
                }
                change = delta
            }
            swap(&x, &next)
            if change < threshold {
                return PageRankResult(scores: x, iterations: iteration, converged: true, lastChange: change)
            }
        }
        return PageRankResult(scores: x, iterations: iteration, converged: false, lastChange: change)
    }

    private static func checkPageRank(alpha: Double, tolerance: Double, maxIterations: Int) throws(MetricsError) {
        guard alpha.isFinite, alpha >= 0, alpha <= 1 else {
            throw .invalidParameter(name: "alpha", reason: "must be in [0, 1], got \(alpha)")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw .invalidParameter(name: "tolerance", reason: "must be > 0, got \(tolerance)")
        }
        guard maxIterations >= 1 else {
            throw .invalidParameter(name: "maxIterations", reason: "must be >= 1, got \(maxIterations)")
        }
    }

    /// Each node's reciprocal out-strength (0 marks a dangling node), and the dangling nodes.
    private func inverseOutStrengths(_ w: [Double]?) -> ([Double], [Int32]) {
        let n = nodeCount
        var inverseStrength = [Double](repeating: 0, count: n)
        var dangling = [Int32]()
        for v in 0..<n {
            var s = 0.0
            if let w { for e in row(v) { s += w[e] } } else { s = Double(offsets[v + 1] - offsets[v]) }
            if s > 0 { inverseStrength[v] = 1 / s } else { dangling.append(Int32(v)) }
        }
        return (inverseStrength, dangling)
    }
}
