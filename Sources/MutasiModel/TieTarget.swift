/// Who a tie points at: a candidate (by the calendar's id) or another civil servant.
public enum TieTarget: Hashable, Sendable, CustomStringConvertible {
    case candidate(String)
    case person(NIP)

    /// An 18-digit value that is a valid NIP is a person; anything else a candidate id.
    public init(parsing text: String) {
        let t = text.trimmed
        if let n = NIP(t) { self = .person(n) } else { self = .candidate(t) }
    }

    public var description: String {
        switch self {
        case .candidate(let id): return id
        case .person(let n): return n.description
        }
    }
}
