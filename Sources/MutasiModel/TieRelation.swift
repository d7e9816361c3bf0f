/// The kind of a known tie between a civil servant and a candidate or another civil servant.
public enum TieRelation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Kinship (keluarga). KASN 2021: half of neutrality violations were driven by kinship.
    case kin
    case spouse
    /// Member of a campaign team (tim kampanye / tim sukses).
    case campaignTeam
    /// Support reported in a Bawaslu finding (dukungan dilaporkan).
    case reportedSupport
    /// Party membership or affiliation (partai).
    case party
    /// Friendship (teman).
    case friend
    /// Any other word, kept as written.
    case other(String)

    public init(parsing text: String) {
        let k = text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        switch k {
        case "kin", "keluarga", "kinship", "family", "kerabat": self = .kin
        case "spouse", "suami", "istri", "suamiistri", "pasangan": self = .spouse
        case "campaignteam", "timkampanye", "timsukses", "timses": self = .campaignTeam
        case "reportedsupport", "dukungandilaporkan", "dukungan", "support": self = .reportedSupport
        case "party", "partai": self = .party
        case "friend", "teman", "friendship": self = .friend
        default: self = .other(text.trimmed)
        }
    }

    /// The canonical English name used in outputs.
    public var name: String {
        switch self {
        case .kin: return "kin"
        case .spouse: return "spouse"
        case .campaignTeam: return "campaign_team"
        case .reportedSupport: return "reported_support"
        case .party: return "party"
        case .friend: return "friend"
        case .other(let s): return s
        }
    }

    public var description: String { name }

    public init(from decoder: Decoder) throws {
        self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
