import MutasiSupport
import MutasiModel

/// Reads a neutrality reports file (laporan pelanggaran netralitas ASN): one row per reported
/// civil servant. Same tokenizer, header matching, dates and reject rules as the transfer file;
/// every row is accepted or rejected with its file, line and column.
///
/// Columns (English or Indonesian headers, case, spaces and `_` ignored): `nip`, `name` (nama),
/// `region` (daerah), `report_date` (tanggal_laporan, tanggal_temuan), `conduct` (perbuatan,
/// bentuk_pelanggaran), `candidate` (calon, calon_didukung), `source` (sumber, nomor_temuan),
/// `recommended_level` (tingkat_rekomendasi, rekomendasi), `recommendation_date`
/// (tanggal_rekomendasi), and optionally `sanction_decree_no` (nomor_sk_hukuman),
/// `sanction_date` (tanggal_sk_hukuman) and `sanction_signer` (penandatangan_sk_hukuman).
public enum NeutralityReportReader {
    static let schema = TableSchema(what: "neutrality reports file", columns: [
        .init(name: "nip", aliases: [], required: true),
        .init(name: "name", aliases: ["nama", "nama_asn"], required: false),
        .init(name: "region", aliases: ["daerah", "instansi", "kabupaten_kota", "wilayah"], required: true),
        .init(name: "report_date", aliases: ["tanggal_laporan", "tanggal_temuan", "reported_on", "reportDate", "finding_date", "tgl_laporan"], required: true),
        .init(name: "conduct", aliases: ["perbuatan", "bentuk_pelanggaran", "pelanggaran", "violation", "what"], required: false),
        .init(name: "candidate", aliases: ["calon", "calon_didukung", "candidate_supported", "supported", "paslon", "mendukung"], required: true),
        .init(name: "source", aliases: ["sumber", "nomor_temuan", "no_temuan", "finding_no", "bawaslu_finding", "temuan_bawaslu"], required: false),
        .init(name: "recommended_level", aliases: ["level", "tingkat", "tingkat_rekomendasi", "rekomendasi", "tingkat_hukuman",
                                                   "recommendation", "recommendedLevel"], required: true),
        .init(name: "recommendation_date", aliases: ["tanggal_rekomendasi", "recommended_on", "recommendationDate", "tgl_rekomendasi"], required: false),
        .init(name: "sanction_decree_no", aliases: ["nomor_sk_hukuman", "no_sk_hukuman", "sk_hukuman", "sanction_decree", "sanctionDecreeNo"], required: false),
        .init(name: "sanction_date", aliases: ["tanggal_sk_hukuman", "tanggal_hukuman", "sanction_decree_date", "sanctionDate"], required: false),
        .init(name: "sanction_signer", aliases: ["penandatangan_sk_hukuman", "penandatangan_hukuman", "sanction_signed_by", "sanctionSigner"], required: false),
    ])

    /// - Parameter calendar: when given, the candidate column must name one of its candidates, by
    ///   id or by name (case, spaces and punctuation ignored); it is rewritten to the id, and a row
    ///   naming no candidate of the calendar is rejected.
    public static func read(path: String, calendar: ElectionCalendar? = nil) throws(InputError) -> ([NeutralityReport], IngestReport) {
        try read(FileBytes(path: path, what: "neutrality reports file"), calendar: calendar)
    }

    public static func read(bytes: [UInt8], name: String, calendar: ElectionCalendar? = nil) throws(InputError) -> ([NeutralityReport], IngestReport) {
        try read(FileBytes(bytes: bytes, name: name), calendar: calendar)
    }

    static func read(_ file: FileBytes, calendar: ElectionCalendar?) throws(InputError) -> ([NeutralityReport], IngestReport) {
        let path = file.path
        let candidates = calendar.map(CandidateIndex.init)
        return try SideTable.read(file, schema: schema) { cur, map, line in
            do throws(RowIssue) {
                return .success(try Row(path: path, map: map, line: line).report(&cur, candidates: candidates))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The calendar's candidates, by id and by name each written another way.
    struct CandidateIndex {
        var ids: [String: String] = [:]
        let names: [(key: String, id: String)]

        init(_ calendar: ElectionCalendar) {
            names = calendar.elections.flatMap(\.candidates).map { (key: RegionName.key($0.name), id: $0.id) }
            for c in calendar.elections.flatMap(\.candidates) {
                // an exact id first; then the id or the name written another way
                ids[c.id] = c.id
                for k in [RegionName.key(c.id), RegionName.key(c.name)] where !k.isEmpty && ids[k] == nil { ids[k] = c.id }
            }
        }

        /// The id of the candidate `text` names, or nil.
        func id(of text: String) -> String? {
            // a name written without its titles ("Sulastri Wibowo" for "Ir. Sulastri Wibowo, M.T."):
            // the one candidate whose name holds it
            let key = RegionName.key(text)
            let holding = key.count >= 4 ? Set(names.filter { $0.key.contains(key) }.map(\.id)) : []
            return ids[text] ?? ids[key] ?? (holding.count == 1 ? holding.first : nil)
        }
    }

    /// One row of the file, read into a report or rejected with the column at fault.
    struct Row {
        let path: String, map: HeaderMap, line: Int

        func issue(_ col: Int, _ reason: String) -> RowIssue { SideTable.issue(path, line, map, col, reason) }

        func text(_ cur: inout RowCursor, _ col: Int) -> String { cur.string(map.position[col]).trimmed }

        func date(_ cur: inout RowCursor, _ col: Int, _ what: String) throws(RowIssue) -> Day? {
            switch SideTable.date(&cur, map, col) {
            case .success(let d):
                if let d, !Transfer.plausibleDates.contains(d) {
                    throw issue(col, "\(what) \(d.iso) is outside 1945-08-17...2100-12-31")
                }
                return d
            case .failure(let p): throw issue(col, "\(what): " + p.reason)
            }
        }

        /// - Parameter candidates: when given, the candidate column must name one of them; it is
        ///   rewritten to the id.
        func report(_ cur: inout RowCursor, candidates: CandidateIndex?) throws(RowIssue) -> NeutralityReport {
            let nipText = cur.string(map.position[0]).trimmed.filter { $0 != " " }
            guard let nip = NIP(nipText) else {
                throw issue(0, nipText.isEmpty ? "missing NIP" : "NIP '\(nipText)' is not a valid 18-digit NIP")
            }
            let region = text(&cur, 2)
            guard !region.isEmpty else { throw issue(2, "missing region (the regency or city whose head decides the sanction)") }
            guard let reportDate = try date(&cur, 3, "report_date") else { throw issue(3, "missing report date") }
            var candidate = text(&cur, 5)
            guard !candidate.isEmpty else { throw issue(5, "missing candidate (the calendar's id of the candidate supported)") }
            if let candidates {
                guard let id = candidates.id(of: candidate) else {
                    throw issue(5, "candidate '\(candidate)' is not in the election calendar (give a candidate's id or name)")
                }
                candidate = id
            }
            let level = try self.level(&cur)
            let recommendationDate = try date(&cur, 8, "recommendation_date")
            if let r = recommendationDate, r < reportDate {
                throw issue(8, "the recommendation (\(r.iso)) is dated before the report (\(reportDate.iso))")
            }
            if recommendationDate != nil && level == nil {
                throw issue(7, "a recommendation date without a recommended level (ringan/sedang/berat)")
            }
            let sanctionDate = try date(&cur, 10, "sanction_date")
            if let s = sanctionDate, s < reportDate {
                throw issue(10, "the sanction decree (\(s.iso)) is dated before the report (\(reportDate.iso)): not a follow-up of it")
            }
            return NeutralityReport(
                nip: nip, name: text(&cur, 1), region: region, reportDate: reportDate,
                conduct: text(&cur, 4), candidate: candidate, source: text(&cur, 6),
                level: level, recommendationDate: recommendationDate,
                sanctionDecreeNo: text(&cur, 9), sanctionDate: sanctionDate,
                sanctionSigner: text(&cur, 11), file: path, line: line)
        }

        /// The recommended level; nil when none is given yet.
        func level(_ cur: inout RowCursor) throws(RowIssue) -> DisciplineLevel? {
            let levelText = text(&cur, 7)
            guard !levelText.isEmpty && !["-", "—", "belum", "none", "pending", "tidak ada"].contains(levelText.lowercased()) else { return nil }
            guard let l = DisciplineLevel(parsing: levelText) else {
                throw issue(7, "recommended level '\(levelText)' is not ringan/sedang/berat (light/medium/heavy)")
            }
            return l
        }
    }
}
