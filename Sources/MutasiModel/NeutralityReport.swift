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
    package var hasRecordedSanction: Bool { !sanctionDecreeNo.isEmpty || sanctionDate != nil }

    /// "file:line" of the report row.
    package var origin: String { "\(file):\(line)" }

    /// The report as a recorded tie for the loyalty analysis: support for the candidate, from the
    /// report date on, its source the finding.
    package var tie: Tie {
        Tie(nip: nip, relatedTo: .candidate(candidate), relation: .reportedSupport, since: reportDate,
            source: source.isEmpty ? "neutrality report \(origin)" : source, line: line)
    }
}
