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
    public var showsInTransfers: Bool { self == .heavy }

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

/// A neutrality violation reported about a civil servant (laporan/temuan pelanggaran netralitas
/// ASN): what Bawaslu found, what discipline was recommended, and, when the personnel office
/// recorded it, the sanction decree that followed.
public struct NeutralityReport: Hashable, Sendable {
    public var nip: NIP
    public var name: String
    public var region: String
    /// When the violation was found or reported (tanggal temuan / laporan).
    public var reportDate: Day
    /// What was done (bentuk pelanggaran): a post of support, a rally, mobilising subordinates.
    public var conduct: String
    /// The candidate supported: an id of the election calendar's (calon yang didukung).
    public var candidate: String
    /// The Bawaslu finding's number (nomor temuan), or another source.
    public var source: String
    /// The recommended level; nil when no recommendation is recorded yet.
    public var level: DisciplineLevel?
    /// When the discipline was recommended (tanggal rekomendasi); the follow-up window starts here.
    public var recommendationDate: Day?
    /// The sanction decree recorded by the personnel office (nomor SK hukuman disiplin), if any.
    public var sanctionDecreeNo: String
    public var sanctionDate: Day?
    /// Who signed the recorded sanction decree, when the file says.
    public var sanctionSigner: String
    /// Where the row came from: file and physical line (header = 1).
    public var file: String
    public var line: Int

    public init(nip: NIP, name: String = "", region: String, reportDate: Day, conduct: String = "", candidate: String,
                source: String = "", level: DisciplineLevel?, recommendationDate: Day? = nil,
                sanctionDecreeNo: String = "", sanctionDate: Day? = nil, sanctionSigner: String = "",
                file: String = "", line: Int = 0) {
        self.nip = nip; self.name = name; self.region = region; self.reportDate = reportDate; self.conduct = conduct
        self.candidate = candidate; self.source = source; self.level = level; self.recommendationDate = recommendationDate
        self.sanctionDecreeNo = sanctionDecreeNo; self.sanctionDate = sanctionDate; self.sanctionSigner = sanctionSigner
        self.file = file; self.line = line
    }

    /// A sanction decree is recorded in the report (a number or a date).
    public var hasRecordedSanction: Bool { !sanctionDecreeNo.isEmpty || sanctionDate != nil }

    /// "file:line" of the report row.
    public var origin: String { "\(file):\(line)" }

    /// The report as a recorded tie for the loyalty analysis: support for the candidate, from the
    /// report date on, its source the finding.
    public var tie: Tie {
        Tie(nip: nip, relatedTo: .candidate(candidate), relation: .reportedSupport, since: reportDate,
            source: source.isEmpty ? "neutrality report \(origin)" : source, line: line)
    }
}
