/// Degrees and strengths (weighted degrees) of every node.
///
/// Counted as networkx counts them: in an undirected graph a self-loop adds 2 to the degree and
/// twice its weight to the strength, and `inDegree == outDegree == degree`.
public struct DegreeTable: Sendable, Equatable {
    public let inDegree: [Int]
    public let outDegree: [Int]
    public let inStrength: [Double]
    public let outStrength: [Double]
    public let isDirected: Bool

    /// Total degree: in + out for a directed graph, the degree itself for an undirected one.
    package func degree(_ v: Int) -> Int { isDirected ? inDegree[v] + outDegree[v] : outDegree[v] }
    /// Total strength, counted like `degree(_:)`.
    package func strength(_ v: Int) -> Double { isDirected ? inStrength[v] + outStrength[v] : outStrength[v] }
}

extension CSRGraph {
    /// In/out degree and strength of every node. O(V + E).
    public func degrees() -> DegreeTable {
        var inDeg = [Int](repeating: 0, count: nodeCount), outDeg = inDeg
        var inStr = [Double](repeating: 0, count: nodeCount), outStr = inStr
        for v in 0..<nodeCount {
            for e in row(v) {
                let t = Int(targets[e]), w = weight(at: e)
                if isDirected {
                    outDeg[v] += 1; outStr[v] += w
                    inDeg[t] += 1; inStr[t] += w
                } else {
                    let loop = t == v ? 2 : 1
                    outDeg[v] += loop; outStr[v] += Double(loop) * w
                }
            }
        }
        if !isDirected { inDeg = outDeg; inStr = outStr }
        return DegreeTable(inDegree: inDeg, outDegree: outDeg, inStrength: inStr, outStrength: outStr, isDirected: isDirected)
    }
}
