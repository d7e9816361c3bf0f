import Foundation
import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis
import MutasiRender

extension Investigation {
    /// `findings.json`'s `neutralityReports`: each report's status and evidence, and the group tests.
    public struct NeutralityFindings: Sendable, Encodable {
        /// The reports file.
        public var file: String
        public var rowsRead, rowsAccepted, rowsRejected: Int
        public var followUpDays: Int
        /// Reports by status (`sanctioned`, `not_followed_up`, `promoted_instead`, `pending`).
        public var statusCounts: [String: Int]
        public var reports: [SanctionFollowUp.Outcome]
        public var groupTests: [SanctionFollowUp.GroupTest]
        public var notes: [String]

        package init(file: String, ingest: IngestReport, followUpDays: Int, result r: SanctionFollowUp.Result) {
            self.file = file
            rowsRead = ingest.recordsRead; rowsAccepted = ingest.recordsAccepted; rowsRejected = ingest.recordsRejected
            self.followUpDays = followUpDays
            statusCounts = Dictionary(uniqueKeysWithValues: SanctionFollowUp.Status.allCases.map { ($0.rawValue, r.count($0)) })
            reports = r.reports; groupTests = r.groupTests; notes = r.notes
        }
    }

    /// flags.csv's rows for neutrality reports: one per report, its status and its first evidence.
    package static func neutralityFlagRows(_ n: NeutralityFindings?) -> [[String]] {
        guard let n else { return [] }
        return n.reports.map { o in
            let e = o.evidence.first
            let date = e?.date ?? o.recommendationDate ?? o.reportDate
            let origin = [o.report] + (e.map { $0.origin == o.report ? [] : [$0.origin] } ?? [])
            return ["neutrality", o.status.rawValue, o.region, date.iso, e?.decreeNo ?? "", o.election ?? "",
                    "PP 94/2021" + (o.level.map { " (recommended \($0.rawValue))" } ?? ""), e?.signer ?? "", "", "",
                    o.nip, o.name, "supported \(o.candidate) (\(o.side.rawValue)); \(o.why)", "", origin.joined(separator: "; ")]
        }
    }
}

extension Pseudonymizer {
    /// Replaces the NIPs and names of neutrality reports with the pseudonyms `apply(to:ties:)` gives
    /// the same people, and scrubs the reported people's NIPs and names from the free text (what
    /// was done, the source). Signers stay: public office holders acting in office.
    public func apply(to reports: inout [NeutralityReport]) {
        var replacements: [(String, String)] = []
        for r in reports {
            replacements.append((r.nip.description, pseudonym(for: r.nip).description))
            let name = r.name.trimmed
            if name.count >= 4 { replacements.append((name, label(for: r.nip))) }
        }
        // longest first, so "Budi Santoso, S.E." goes before "Budi Santoso"
        replacements.sort { $0.0.count > $1.0.count }
        func scrub(_ s: String) -> String {
            var out = s
            for (real, fake) in replacements where out.contains(real) { out = out.replacingOccurrences(of: real, with: fake) }
            return out
        }
        reports = reports.map { r in
            var r = r
            r.name = label(for: r.nip)
            r.nip = pseudonym(for: r.nip)
            r.conduct = scrub(r.conduct)
            r.source = scrub(r.source)
            r.sanctionDecreeNo = scrub(r.sanctionDecreeNo)
            return r
        }
    }
}

extension InvestigationReport {
    /// The neutrality reports' section: follow-up by side (a chart and the group tests), then every
    /// report with its status and evidence. None when no reports file was given.
    static func neutralitySection(_ n: Investigation.NeutralityFindings?, lang: ReportLanguage) -> [HTMLDocument.Section] {
        guard let n else { return [] }
        typealias Cell = HTMLDocument.Cell
        let L = lang, N = { (l: NeutralityLabel) in l.text(lang) }
        func num(_ i: Int) -> Cell { Cell(String(i), .number) }
        func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : (x.isNaN ? "—" : "∞") }
        func p(_ x: Double) -> Cell { Cell(x < 0.001 ? String(format: "%.1e", x) : String(format: "%.3f", x), .number) }
        let counts = SanctionFollowUp.Status.allCases.map { "\(N(.of($0))) \(n.statusCounts[$0.rawValue] ?? 0)" }.joined(separator: " · ")
        var blocks: [HTMLDocument.Block] = [.paragraph(String(format: N(.intro), n.reports.count, n.followUpDays) + " " + counts + ".")]
        let pooled = n.groupTests.filter { $0.head == nil }
        if !pooled.isEmpty { blocks.append(.trustedSVG(followUpChart(pooled, N), caption: N(.chartCaption))) }
        blocks.append(.table(.init(caption: N(.tests), columns: [L(.election), N(.head), N(.winner), N(.winnerSanctioned), N(.winnerPromoted),
                                                                  N(.otherSanctioned), N(.otherPromoted), N(.pendingColumn), L(.oddsRatio), L(.ci), L(.pValue)],
                                   rows: n.groupTests.map { g in
                                       [Cell(g.election), Cell(g.head.map { $0 + (g.headCandidate.map { c in " (\(c))" } ?? "") } ?? N(.allHeads)),
                                        Cell(g.winner), Cell("\(g.winnerSanctioned)/\(g.winnerSupporters)", .number), num(g.winnerPromotedInstead),
                                        Cell("\(g.otherSanctioned)/\(g.otherSupporters)", .number), num(g.otherPromotedInstead), num(g.pendingLeftOut),
                                        Cell(OddsRatioText.text(g.oddsRatio), .number), Cell("\(fmt(g.ciLow)) – \(fmt(g.ciHigh))", .number), p(g.pValue)]
                                   }, emptyText: N(.noTests))))
        let order: [SanctionFollowUp.Status] = [.promotedInstead, .notFollowedUp, .sanctioned, .pending]
        let sorted = n.reports.sorted { (order.firstIndex(of: $0.status)!, $0.reportDate) < (order.firstIndex(of: $1.status)!, $1.reportDate) }
        blocks.append(.table(.init(caption: N(.reports), columns: [L(.status), L(.nip), L(.name), N(.supported), N(.reported),
                                                                    N(.recommended), L(.why), L(.decree), L(.signer), N(.evidence)],
                                   rows: sorted.map { o in
                                       let e = o.evidence.first
                                       return [Cell(N(.of(o.status)), o.status == .sanctioned ? .approved : (o.status == .pending ? .muted : .violation)),
                                               Cell(o.nip, .code), Cell(o.name), Cell("\(o.candidate) (\(N(.of(o.side))))"), Cell(o.reportDate.iso),
                                               Cell([o.level.map { N(.of($0)) }, o.recommendationDate?.iso].compactMap { $0 }.joined(separator: " ")),
                                               Cell(FollowUpWording.text(o, L)), Cell([e?.decreeNo, e?.date?.iso].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "), .code),
                                               Cell(e?.signer ?? ""), Cell(([o.report] + o.evidence.map(\.origin).filter { $0 != o.report }).joined(separator: "; "), .code)]
                                   }, emptyText: N(.noReports))))
        blocks += n.notes.prefix(20).map { .note($0) }
        blocks.append(.note(N(.method)))
        return [HTMLDocument.Section(id: "neutrality", heading: N(.heading), blocks: blocks)]
    }

    /// Stacked bars, one pair per election: of the winner's supporters and of the others', the
    /// shares sanctioned, promoted instead and not followed up (pending left out).
    static func followUpChart(_ tests: [SanctionFollowUp.GroupTest], _ N: (NeutralityLabel) -> String) -> String {
        let e = Markup.escape
        let width = 720, left = 190, barWidth = 400, rowHeight = 22, block = 2 * rowHeight + 34
        let height = 34 + tests.count * block
        let colours: [(NeutralityLabel, String)] = [(.sanctioned, "#1f5fa8"), (.promotedInstead, "#2e9d4f"), (.notFollowedUp, "#c9c9c9")]
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">"
        for (i, (key, colour)) in colours.enumerated() {
            let x = left + i * 140
            s += "<rect x=\"\(x)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(colour)\"/><text x=\"\(x + 16)\" y=\"16\">\(e(N(key)))</text>"
        }
        for (b, g) in tests.enumerated() {
            let y0 = 34 + b * block
            s += "<text x=\"0\" y=\"\(y0 + 12)\" font-weight=\"bold\">\(e(g.election)) (p = \(e(String(format: "%.3g", g.pValue))))</text>"
            let rows = [(N(.winnerSide) + " " + g.winner, g.winnerSupporters, g.winnerSanctioned, g.winnerPromotedInstead),
                        (N(.otherSide), g.otherSupporters, g.otherSanctioned, g.otherPromotedInstead)]
            for (r, (label, total, sanctioned, promoted)) in rows.enumerated() {
                let y = y0 + 18 + r * rowHeight
                s += "<text x=\"0\" y=\"\(y + 14)\">\(e(label)) (\(total))</text>"
                var x = Double(left)
                for (count, colour) in [(sanctioned, colours[0].1), (promoted, colours[1].1), (total - sanctioned - promoted, colours[2].1)] where count > 0 {
                    let w = Double(barWidth) * Double(count) / Double(max(total, 1))
                    s += "<rect x=\"\(String(format: "%.1f", x))\" y=\"\(y)\" width=\"\(String(format: "%.1f", w))\" height=\"18\" fill=\"\(colour)\"><title>\(count)</title></rect>"
                    if w >= 18 { s += "<text x=\"\(String(format: "%.1f", x + 4))\" y=\"\(y + 13)\" fill=\"\(colour == colours[2].1 ? "#222" : "#fff")\">\(count)</text>" }
                    x += w
                }
                if total > 0 { s += "<text x=\"\(left + barWidth + 8)\" y=\"\(y + 14)\">\(Int((100 * Double(sanctioned) / Double(total)).rounded()))% \(e(N(.sanctionedShort)))</text>" }
            }
        }
        return s + "</svg>\n"
    }
}

/// The section's own labels, kept beside it (`ReportLabel` holds the rest of the report's); their
/// raw values are the keys they were written with. A test checks that both tables hold every case.
enum NeutralityLabel: String, CaseIterable {
    case heading
    case intro
    case sanctioned
    case notFollowedUp = "not_followed_up"
    case promotedInstead = "promoted_instead"
    case pending
    case winner
    case other
    case undecided
    case light
    case medium
    case heavy
    case chartCaption
    case tests
    case head
    case allHeads
    case winnerSanctioned
    case winnerPromoted
    case otherSanctioned
    case otherPromoted
    case pendingColumn
    case reports
    case supported
    case reported
    case recommended
    case evidence
    case noTests
    case noReports = "none"
    case winnerSide
    case otherSide
    case sanctionedShort
    case method

    /// The label's text in `lang`.
    func text(_ lang: ReportLanguage) -> String {
        (lang == .id ? NeutralityLabel.indonesian : NeutralityLabel.english)[self] ?? NeutralityLabel.english[self] ?? rawValue
    }

    static func of(_ s: SanctionFollowUp.Status) -> NeutralityLabel {
        switch s {
        case .sanctioned: .sanctioned
        case .notFollowedUp: .notFollowedUp
        case .promotedInstead: .promotedInstead
        case .pending: .pending
        }
    }

    static func of(_ s: SanctionFollowUp.Side) -> NeutralityLabel {
        switch s {
        case .winner: .winner
        case .other: .other
        case .undecided: .undecided
        }
    }

    static func of(_ l: DisciplineLevel) -> NeutralityLabel {
        switch l {
        case .light: .light
        case .medium: .medium
        case .heavy: .heavy
        }
    }

    static let english: [NeutralityLabel: String] = [
        .heading: "Neutrality reports and their follow-up",
        .intro: "%d neutrality reports; a sanction counts as the follow-up within %d days of the recommendation.",
        .sanctioned: "sanctioned", .notFollowedUp: "not followed up", .promotedInstead: "promoted instead", .pending: "pending",
        .winner: "Winner", .other: "other candidate", .undecided: "no winner",
        .light: "light", .medium: "medium", .heavy: "heavy",
        .chartCaption: "Follow-up by side: of the winner's supporters and of the other candidates' reported supporters, the share sanctioned, promoted instead and not followed up (pending reports left out).",
        .tests: "Sanctions of the winner's supporters against the others' (Fisher's exact test; odds ratio below 1: the winner's sanctioned less)",
        .head: "Deciding head", .allHeads: "all", .winnerSanctioned: "Winner's sanctioned", .winnerPromoted: "Winner's promoted instead",
        .otherSanctioned: "Others' sanctioned", .otherPromoted: "Others' promoted instead", .pendingColumn: "Pending",
        .reports: "Reports", .supported: "Supported", .reported: "Reported", .recommended: "Recommended", .evidence: "Evidence (file:line)",
        .noTests: "No election with a recorded winner among the reports.", .noReports: "No report.",
        .winnerSide: "Winner's", .otherSide: "Others'", .sanctionedShort: "sanctioned",
        .method: "Statuses, window and test: docs/METHODS.md (neutrality reports). A light or medium sanction is a decree of its own, not a transfer: only recorded ones are seen.",
    ]

    static let indonesian: [NeutralityLabel: String] = [
        .heading: "Laporan netralitas dan tindak lanjutnya",
        .intro: "%d laporan pelanggaran netralitas; hukuman dihitung sebagai tindak lanjut dalam %d hari sejak rekomendasi.",
        .sanctioned: "dihukum", .notFollowedUp: "tidak ditindaklanjuti", .promotedInstead: "justru dipromosikan", .pending: "menunggu",
        .winner: "Pemenang", .other: "calon lain", .undecided: "tanpa pemenang",
        .light: "ringan", .medium: "sedang", .heavy: "berat",
        .chartCaption: "Tindak lanjut menurut pihak: dari pendukung pemenang dan pendukung calon lain yang dilaporkan, bagian yang dihukum, justru dipromosikan, dan tidak ditindaklanjuti (laporan yang menunggu tidak dihitung).",
        .tests: "Hukuman pendukung pemenang dibanding pendukung lain (uji eksak Fisher; rasio odds di bawah 1: pendukung pemenang lebih jarang dihukum)",
        .head: "Kepala daerah yang memutus", .allHeads: "semua", .winnerSanctioned: "Pendukung pemenang dihukum", .winnerPromoted: "Pendukung pemenang dipromosikan",
        .otherSanctioned: "Pendukung lain dihukum", .otherPromoted: "Pendukung lain dipromosikan", .pendingColumn: "Menunggu",
        .reports: "Laporan", .supported: "Mendukung", .reported: "Dilaporkan", .recommended: "Rekomendasi", .evidence: "Bukti (berkas:baris)",
        .noTests: "Tidak ada pemilihan dengan pemenang di antara laporan.", .noReports: "Tidak ada laporan.",
        .winnerSide: "Pendukung", .otherSide: "Pendukung lain", .sanctionedShort: "dihukum",
        .method: "Status, jangka waktu dan uji: docs/METHODS.md (laporan netralitas). Hukuman ringan atau sedang adalah SK tersendiri, bukan mutasi: hanya yang tercatat yang terlihat.",
    ]
}
