/// What a decree did to one person (jenis mutasi).
public enum TransferKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Mutasi / rotasi: a lateral move.
    case mutation
    /// Promosi: up the ladder.
    case promotion
    /// Demosi: down the ladder (also a lawful discipline sanction under PP 94/2021).
    case demotion
    /// Non-job / dibebastugaskan: removed from any post, keeps civil-servant status.
    case nonjob
    /// Pengangkatan / pelantikan: appointed or sworn into a post.
    case appointment
    /// Plt / Plh: an acting assignment.
    case acting
    /// Pemberhentian: removed from the post or the service.
    case dismissal

    public var description: String { rawValue }

    /// Accepts the English and Indonesian words of the decrees, any letter case, with or without
    /// spaces, hyphens or underscores ("Non-Job", "PLT", "rotasi"). Nil for anything else.
    public init?(parsing text: Substring) {
        var key = ""
        key.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars where ch != " " && ch != "-" && ch != "_" && ch != "." && ch != "\t" {
            key.unicodeScalars.append(ch.properties.lowercaseMapping.unicodeScalars.first ?? ch)
        }
        switch key {
        case "mutation", "mutasi", "rotasi", "rotation", "transfer", "lateral": self = .mutation
        case "promotion", "promosi": self = .promotion
        case "demotion", "demosi": self = .demotion
        case "nonjob", "dibebastugaskan", "bebastugas", "dinonjobkan": self = .nonjob
        case "appointment", "pengangkatan", "pelantikan": self = .appointment
        case "acting", "plt", "plh", "pelaksanatugas", "pelaksanaharian": self = .acting
        case "dismissal", "pemberhentian", "diberhentikan": self = .dismissal
        default: return nil
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// The kind a decree implies when its kind column is absent: read from the echelon change.
    ///
    /// Only structural posts have an order; Pelaksana and Fungsional count as "no structural post".
    /// Up = promotion, down = demotion, structural to none = non-job, none to structural =
    /// appointment, otherwise a lateral mutation.
    package static func inferred(from: Echelon?, to: Echelon?) -> TransferKind {
        let a = from.flatMap { $0.isStructural ? $0 : nil }
        let b = to.flatMap { $0.isStructural ? $0 : nil }
        switch (a, b) {
        case (nil, nil): return .mutation
        case (nil, .some): return .appointment
        case (.some, nil): return .nonjob
        case let (.some(x), .some(y)):
            if y.level < x.level || (y.level == x.level && x.grade != 0 && y.grade != 0 && y.grade < x.grade) {
                return .promotion
            }
            if y.level > x.level || (y.level == x.level && x.grade != 0 && y.grade != 0 && y.grade > x.grade) {
                return .demotion
            }
            return .mutation
        }
    }

    /// Moves that take someone out of a post: what retaliation looks like.
    public var isPushOut: Bool { self == .demotion || self == .nonjob || self == .dismissal }
}
