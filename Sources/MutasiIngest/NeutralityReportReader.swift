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
        var ids: [String: String] = [:]
        let names = (calendar?.elections.flatMap(\.candidates) ?? []).map { (key: RegionName.key($0.name), id: $0.id) }
        for c in calendar?.elections.flatMap(\.candidates) ?? [] {
            // an exact id first; then the id or the name written another way
            ids[c.id] = c.id
            for k in [RegionName.key(c.id), RegionName.key(c.name)] where !k.isEmpty && ids[k] == nil { ids[k] = c.id }
        }
        return try SideTable.read(file, schema: schema) { cur, map, line in
            func fail(_ col: Int, _ reason: String) -> Result<NeutralityReport, RowIssue> {
                .failure(SideTable.issue(path, line, map, col, reason))
            }
            func date(_ col: Int, _ what: String) -> Result<Day?, RowIssue> {
                switch SideTable.date(&cur, map, col) {
                case .success(let d):
                    if let d, !Transfer.plausibleDates.contains(d) {
                        return .failure(SideTable.issue(path, line, map, col, "\(what) \(d.iso) is outside 1945-08-17...2100-12-31"))
                    }
                    return .success(d)
                case .failure(let p): return .failure(SideTable.issue(path, line, map, col, "\(what): " + p.reason))
                }
            }
            let nipText = cur.string(map.position[0]).trimmed.filter { $0 != " " }
            guard let nip = NIP(nipText) else {
                return fail(0, nipText.isEmpty ? "missing NIP" : "NIP '\(nipText)' is not a valid 18-digit NIP")
            }
            let region = cur.string(map.position[2]).trimmed
            guard !region.isEmpty else { return fail(2, "missing region (the regency or city whose head decides the sanction)") }
            let reportDate: Day
            switch date(3, "report_date") {
            case .success(let d?): reportDate = d
            case .success(nil): return fail(3, "missing report date")
            case .failure(let i): return .failure(i)
            }
            var candidate = cur.string(map.position[5]).trimmed
            guard !candidate.isEmpty else { return fail(5, "missing candidate (the calendar's id of the candidate supported)") }
            if calendar != nil {
                // a name written without its titles ("Sulastri Wibowo" for "Ir. Sulastri Wibowo, M.T."):
                // the one candidate whose name holds it
                let key = RegionName.key(candidate)
                let holding = key.count >= 4 ? Set(names.filter { $0.key.contains(key) }.map(\.id)) : []
                guard let id = ids[candidate] ?? ids[key] ?? (holding.count == 1 ? holding.first : nil) else {
                    return fail(5, "candidate '\(candidate)' is not in the election calendar (give a candidate's id or name)")
                }
                candidate = id
            }
            let levelText = cur.string(map.position[7]).trimmed
            var level: DisciplineLevel?
            if !levelText.isEmpty && !["-", "—", "belum", "none", "pending", "tidak ada"].contains(levelText.lowercased()) {
                guard let l = DisciplineLevel(parsing: levelText) else {
                    return fail(7, "recommended level '\(levelText)' is not ringan/sedang/berat (light/medium/heavy)")
                }
                level = l
            }
            let recommendationDate: Day?
            switch date(8, "recommendation_date") {
            case .success(let d): recommendationDate = d
            case .failure(let i): return .failure(i)
            }
            if let r = recommendationDate, r < reportDate {
                return fail(8, "the recommendation (\(r.iso)) is dated before the report (\(reportDate.iso))")
            }
            if recommendationDate != nil && level == nil {
                return fail(7, "a recommendation date without a recommended level (ringan/sedang/berat)")
            }
            let sanctionDate: Day?
            switch date(10, "sanction_date") {
            case .success(let d): sanctionDate = d
            case .failure(let i): return .failure(i)
            }
            if let s = sanctionDate, s < reportDate {
                return fail(10, "the sanction decree (\(s.iso)) is dated before the report (\(reportDate.iso)): not a follow-up of it")
            }
            return .success(NeutralityReport(
                nip: nip, name: cur.string(map.position[1]).trimmed, region: region, reportDate: reportDate,
                conduct: cur.string(map.position[4]).trimmed, candidate: candidate, source: cur.string(map.position[6]).trimmed,
                level: level, recommendationDate: recommendationDate,
                sanctionDecreeNo: cur.string(map.position[9]).trimmed, sanctionDate: sanctionDate,
                sanctionSigner: cur.string(map.position[11]).trimmed, file: path, line: line))
        }
    }
}
