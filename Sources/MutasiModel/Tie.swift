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

/// A known tie (from the ties file): kinship, campaign team, reported support...
public struct Tie: Hashable, Sendable {
    public var nip: NIP
    public var relatedTo: TieTarget
    public var relation: TieRelation
    public var since: Day?
    public var until: Day?
    public var source: String
    /// Physical line in the ties file.
    public var line: Int

    public init(nip: NIP, relatedTo: TieTarget, relation: TieRelation, since: Day? = nil,
                until: Day? = nil, source: String = "", line: Int = 0) {
        self.nip = nip; self.relatedTo = relatedTo; self.relation = relation
        self.since = since; self.until = until; self.source = source; self.line = line
    }

    /// True when the tie held on `day` (open ends count as holding).
    public func holds(on day: Day) -> Bool {
        (since.map { day >= $0 } ?? true) && (until.map { day <= $0 } ?? true)
    }
}

/// A regional unit (OPD) from the optional units file.
public struct UnitInfo: Hashable, Sendable {
    public var unit: String
    public var parent: String
    public var category: String
    /// Far from the seat of government: a move there can be a punishment ("dibuang").
    public var remote: Bool

    public init(unit: String, parent: String = "", category: String = "", remote: Bool = false) {
        self.unit = unit; self.parent = parent; self.category = category; self.remote = remote
    }
}
