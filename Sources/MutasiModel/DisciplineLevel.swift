/// A discipline level of PP 94/2021 (tingkat hukuman disiplin).
///
/// Only heavy sanctions show in transfer decrees (demotion, release from post, dismissal); light
/// and medium ones are decrees of their own that a personnel office may or may not record.
public enum DisciplineLevel: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Ringan: oral or written reprimand, statement of dissatisfaction.
    case light
    /// Sedang: cuts to the performance allowance for 6, 9 or 12 months.
    case medium
    /// Berat: demotion one level for 12 months, release from a post to pelaksana, dismissal.
    case heavy

    public var description: String { rawValue }

    /// True for the level whose sanction is a transfer decree.
    package var showsInTransfers: Bool { self == .heavy }

    /// Reads `ringan`/`sedang`/`berat`, `light`/`medium`/`heavy` (and `minor`, `moderate`,
    /// `severe`), also inside a longer text ("Hukuman disiplin tingkat sedang"); any case.
    /// Nil for anything else, and for a text naming two levels.
    public init?(parsing text: String) {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        var found: Set<DisciplineLevel> = []
        for w in words {
            switch w {
            case "ringan", "light", "minor": found.insert(.light)
            case "sedang", "medium", "moderate": found.insert(.medium)
            case "berat", "heavy", "severe": found.insert(.heavy)
            default: continue
            }
        }
        guard found.count == 1, let level = found.first else { return nil }
        self = level
    }
}
