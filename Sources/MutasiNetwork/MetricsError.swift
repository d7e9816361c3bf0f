/// Why a network metric could not be computed: a graph that cannot be built as given, or a
/// parameter outside its meaningful range. Thrown, never trapped, so a bad input reaches the caller.
public enum MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An edge names a node outside `0..<nodeCount`.
    case nodeOutOfRange(node: Int64, nodeCount: Int)
    /// An edge weight is negative, NaN or infinite. Weights are tie strengths (counts of transfers,
    /// shared decrees), so they are finite and non-negative.
    case invalidWeight(source: Int32, target: Int32, weight: Double)
    /// A parameter is outside its range; `reason` says which range.
    case invalidParameter(name: String, reason: String)
    /// A partition, label list or score list does not match the graph it is used with.
    case mismatchedInput(String)

    public var description: String {
        switch self {
        case let .nodeOutOfRange(node, count):
            return "node \(node) is outside 0..<\(count)"
        case let .invalidWeight(s, t, w):
            return "edge \(s)->\(t) has weight \(w); weights must be finite and >= 0"
        case let .invalidParameter(name, reason):
            return "parameter \(name): \(reason)"
        case let .mismatchedInput(message):
            return message
        }
    }
}
