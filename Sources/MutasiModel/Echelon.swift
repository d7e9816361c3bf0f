/// A post's rank on the civil-service ladder (eselon).
///
/// Decrees still use the old names (I.a ... IV.b, V) next to the names of the 2019-2021
/// simplification (JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana, Fungsional);
/// both map onto one `Level`, so a move from "III.a" to "JPT Pratama" reads as a promotion.
public struct Echelon: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The ladder, highest first. Raw values are the rank: a smaller number is a higher post.
    public enum Level: UInt8, Sendable, Codable, CaseIterable, Comparable {
        /// I.a / I.b: JPT Madya (provincial secretary and above).
        case jptMadya = 1
        /// II.a / II.b: JPT Pratama (heads of Dinas/Badan, Sekda of a regency, Asisten).
        case jptPratama = 2
        /// III.a / III.b: Administrator (Sekretaris, Camat, Kepala Bagian/Bidang).
        case administrator = 3
        /// IV.a / IV.b: Pengawas (Kepala Seksi/Subbagian, Lurah).
        case pengawas = 4
        /// Eselon V.
        case five = 5
        /// Staff with no structural post.
        case pelaksana = 6
        /// Functional posts (teachers, doctors, auditors): outside the structural ladder.
        case fungsional = 7

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        public var name: String {
            switch self {
            case .jptMadya: return "JPT Madya"
            case .jptPratama: return "JPT Pratama"
            case .administrator: return "Administrator"
            case .pengawas: return "Pengawas"
            case .five: return "V"
            case .pelaksana: return "Pelaksana"
            case .fungsional: return "Fungsional"
            }
        }
    }

    public var level: Level
    /// 0 when not given, 1 for ".a", 2 for ".b": I.a outranks I.b.
    public var grade: UInt8

    public init(level: Level, grade: UInt8 = 0) {
        self.level = level
        self.grade = grade
    }

    /// The single rank all names map onto: 1 (JPT Madya) ... 7 (Fungsional).
    public var rank: Int { Int(level.rawValue) }

    /// A structural post (JPT, Administrator, Pengawas, V): the posts the election rules protect.
    package var isStructural: Bool { level <= .five }

    /// Parses the forms found in decrees: "II.a", "IIa", "II/a", "2a", "eselon III.b",
    /// "JPT Pratama", "administrator", "Pengawas", "Pelaksana", "staf", "Fungsional", "JF ...".
    /// Returns nil for text that is none of these (the caller reports it).
    public init?(parsing text: Substring) {
        var s = text.lowercased().filter { !$0.isWhitespace && $0 != "." && $0 != "/" && $0 != "-" && $0 != "_" }
        if s.hasPrefix("eselon") { s.removeFirst(6) }
        switch s {
        case "jptmadya", "jptm", "pimpinantinggimadya": self.init(level: .jptMadya); return
        case "jptpratama", "jptp", "pimpinantinggipratama": self.init(level: .jptPratama); return
        case "administrator", "jabatanadministrator": self.init(level: .administrator); return
        case "pengawas", "jabatanpengawas": self.init(level: .pengawas); return
        case "pelaksana", "staf", "staff", "jabatanpelaksana": self.init(level: .pelaksana); return
        case "fungsional", "jabatanfungsional", "jf": self.init(level: .fungsional); return
        default: break
        }
        if s.hasPrefix("fungsional") || s.hasPrefix("jf") { self.init(level: .fungsional); return }
        var grade: UInt8 = 0
        if s.hasSuffix("a") { grade = 1; s.removeLast() }
        else if s.hasSuffix("b") { grade = 2; s.removeLast() }
        let level: Level
        switch s {
        case "i", "1": level = .jptMadya
        case "ii", "2": level = .jptPratama
        case "iii", "3": level = .administrator
        case "iv", "4": level = .pengawas
        case "v", "5": level = .five
        default: return nil
        }
        if level == .five && grade != 0 { return nil }
        self.init(level: level, grade: grade)
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// The old-style label where it exists ("II.a"), the new name otherwise.
    public var description: String {
        let roman: String
        switch level {
        case .jptMadya: roman = "I"
        case .jptPratama: roman = "II"
        case .administrator: roman = "III"
        case .pengawas: roman = "IV"
        case .five: return "V"
        case .pelaksana, .fungsional: return level.name
        }
        switch grade {
        case 1: return roman + ".a"
        case 2: return roman + ".b"
        default: return level.name
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let e = Echelon(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown echelon '\(s)'")
        }
        self = e
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
