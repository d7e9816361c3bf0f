import Foundation
import MutasiSupport
import MutasiModel

/// Reads transfer files (CSV or JSON Lines) into a `TransferSet`, validating every row.
///
/// The hot path of national data: the file is memory-mapped and tokenised as bytes, NIPs and dates
/// are decoded from bytes, and repeated text is interned without allocating (see `ByteInterner`).
/// Several files read into one set share strings, and the same NIP in the same decree is merged
/// across them, so merging files never double counts.
public enum TransferReader {
    /// The columns and the headers accepted for each: the English names, the export's own, and
    /// the headers of BKD/BKPSDM registers (matched on letters and digits, any case).
    static let schema = TableSchema(what: "transfer file", columns: [
        .init(name: "nip", aliases: ["nip_baru", "nip_pegawai", "no_nip", "nomor_nip", "nomor_induk_pegawai", "nip_asn", "nip_pns"], required: true),
        .init(name: "name", aliases: ["nama", "nama_pegawai", "nama_lengkap", "nama_asn", "nama_pns", "nama_gelar"], required: true),
        .init(name: "decree_no", aliases: ["nomor_sk", "no_sk", "decreeNo", "nomor", "nomor_keputusan", "no_keputusan", "nomor_surat_keputusan",
                                           "no_surat_keputusan", "nomor_sk_mutasi", "no_sk_mutasi", "sk_nomor"], required: false),
        .init(name: "decree_date", aliases: ["tanggal_sk", "tgl_sk", "decreeDate", "tanggal_keputusan", "tgl_keputusan", "tanggal_surat_keputusan",
                                             "tanggal_penetapan", "tgl_penetapan", "tanggal_ditetapkan", "tgl_ditetapkan", "sk_tanggal"], required: true),
        .init(name: "effective_date", aliases: ["tmt", "effectiveDate", "tmt_jabatan", "tmt_mutasi", "tmt_pelantikan", "tmt_sk",
                                                "terhitung_mulai_tanggal"], required: false),
        .init(name: "kind", aliases: ["jenis", "jenis_mutasi", "jenis_sk", "jenis_perpindahan", "jenis_kegiatan"], required: false),
        .init(name: "from_position", aliases: ["jabatan_lama", "fromPosition", "jabatan_asal", "jabatan_semula"], required: false),
        .init(name: "from_unit", aliases: ["unit_lama", "opd_lama", "fromUnit", "unit_kerja_lama", "unit_kerja_asal", "opd_asal",
                                           "satuan_kerja_lama", "satuan_kerja_asal", "satker_lama", "satker_asal", "perangkat_daerah_lama",
                                           "perangkat_daerah_asal", "skpd_lama", "skpd_asal"], required: false),
        .init(name: "from_echelon", aliases: ["eselon_lama", "fromEchelon", "eselon_asal", "eselon_semula"], required: false),
        .init(name: "to_position", aliases: ["jabatan_baru", "toPosition", "jabatan_tujuan", "jabatan"], required: false),
        .init(name: "to_unit", aliases: ["unit_baru", "opd_baru", "toUnit", "unit_kerja_baru", "unit_kerja_tujuan", "opd_tujuan",
                                         "satuan_kerja_baru", "satuan_kerja_tujuan", "satker_baru", "satker_tujuan", "perangkat_daerah_baru",
                                         "perangkat_daerah_tujuan", "skpd_baru", "skpd_tujuan", "unit_kerja", "opd", "perangkat_daerah",
                                         "satuan_kerja", "satker", "skpd"], required: false),
        .init(name: "to_echelon", aliases: ["eselon_baru", "toEchelon", "eselon_tujuan", "eselon"], required: false),
        .init(name: "signed_by", aliases: ["penandatangan", "ppk", "signedBy", "pejabat_penandatangan", "pejabat_yang_menetapkan",
                                           "pejabat_pembina_kepegawaian", "pejabat_yang_menandatangani", "yang_menetapkan", "ditetapkan_oleh",
                                           "ditandatangani_oleh", "penandatangan_sk", "pejabat_penetap"], required: false),
        .init(name: "region", aliases: ["daerah", "instansi", "pemerintah_daerah", "pemda", "kabupaten_kota", "kab_kota", "instansi_induk",
                                        "wilayah", "provinsi_kabupaten_kota"], required: false),
        .init(name: "approval", aliases: ["izin_mendagri", "persetujuan_mendagri", "persetujuan_tertulis_mendagri", "izin_menteri_dalam_negeri",
                                          "persetujuan_menteri_dalam_negeri", "nomor_persetujuan_mendagri", "no_izin_mendagri"], required: false),
        .init(name: "reason", aliases: ["alasan", "alasan_mutasi"], required: false),
        .init(name: "source", aliases: ["sumber"], required: false),
    ], knownExtras: ["golongan", "gol", "golongan_ruang", "gol_ruang", "pangkat", "pangkat_golongan", "pangkat_gol", "pangkat_golongan_ruang",
                     "no", "no_urut", "nomor_urut", "keterangan", "ket"])

    /// The optional columns whose absence costs a check, and what it costs: said loudly, as a
    /// warning on the header line, because every row still reads.
    static let costlyAbsences: [(field: Int, cost: String)] = [
        (Col.signedBy.rawValue, "rule-window checks need the signer; every decree of this file reads as signed by (unknown), so no rule-window flag and no patron in the network can come from it"),
        (Col.region.rawValue, "rule windows, waves and the signer's term are per region; every row of this file reads as region (unknown) and is matched to no head of the calendar"),
        (Col.decreeNo.rawValue, "decrees are told apart by their number; rows are grouped by decree date and signer instead, and approvals (matched by number) cannot apply"),
        (Col.toUnit.rawValue, "units feed the network and loyalty checks; this file's transfers have no unit"),
    ]

    enum Col: Int {
        case nip, name, decreeNo, decreeDate, effectiveDate, kind, fromPosition, fromUnit, fromEchelon
        case toPosition, toUnit, toEchelon, signedBy, region, approval, reason, source
    }

    /// Reads several files into one set; an unreadable file stops the read with its error.
    /// - Parameter sheet: for workbooks (`.xlsx`), the one sheet to read; nil: every sheet with a
    ///   NIP column.
    public static func read(paths: [String], parts: Int? = nil, cores: Int? = nil, sheet: String? = nil) throws(InputError) -> (TransferSet, IngestReport) {
        try MemoryBudget.check(paths, for: .reading)
        var set = TransferSet()
        var report = IngestReport()
        for p in paths {
            report.merge(try read(path: p, into: &set, parts: parts, cores: cores, sheet: sheet))
        }
        // direction overrides and zero-width characters: out of names before anything matches or
        // writes them (a pass over the distinct texts; records rewritten only if one holds any)
        set.removeInvisibleCharacters()
        // across the files too: one NIP, one person
        for w in NameConsistency.warnings(set, columns: report.columns) { report.warn(w) }
        return (set, report)
    }

    /// - Parameter parts: how many parts of a CSV file to read; nil: parts of `FileParts.minimumPart`
    ///   (8 MiB), up to 1,024. The result is the same whatever the number of parts.
    /// - Parameter cores: one, to read the parts in turn on the calling thread; more, to read them
    ///   on Dispatch's threads at once; nil: one when the process may run on one core only (its
    ///   CPU affinity: `taskset`, a container's cpuset).
    public static func read(path: String, into set: inout TransferSet, parts: Int? = nil, cores: Int? = nil, sheet: String? = nil) throws(InputError) -> IngestReport {
        let raw = try FileBytes(path: path, what: "transfer file")
        if InputDecoding.starts(raw.buffer, with: InputDecoding.zipMagic) {
            return try XLSXReader.read(path: path, into: &set, sheet: sheet)
        }
        let file = try InputDecoding.textBytes(raw, what: "transfer file")
        let report = try read(file, into: &set, parts: parts, cores: cores)
        try raw.checkUnchanged()
        return report
    }

    /// Reads bytes held in memory (tests, fuzzing) as if they were the file `name`.
    public static func read(bytes: [UInt8], name: String, into set: inout TransferSet, parts: Int? = nil, cores: Int? = nil) throws(InputError) -> IngestReport {
        try read(InputDecoding.textBytes(FileBytes(bytes: bytes, name: name), what: "transfer file"), into: &set, parts: parts, cores: cores)
    }

    static func read(_ file: FileBytes, into set: inout TransferSet, parts: Int? = nil, cores: Int? = nil) throws(InputError) -> IngestReport {
        let fileIndex = set.files.count
        guard fileIndex < Int(UInt16.max) else {
            throw InputError(.tooLarge, file: file.path, "more than \(UInt16.max) transfer files in one run", advice: "Concatenate them first.")
        }
        set.files.append(file.path)
        // the decoder owns the set while reading: moved in, so that growing its arrays copies nothing
        var decoder = RowDecoder(file: file.path, fileIndex: UInt16(fileIndex), set: consume set, expectedRows: expectedRows(file.buffer))
        set = TransferSet()
        defer { set = decoder.set }
        let bytes = file.buffer
        if looksLikeJSONLines(file.path, bytes) {
            try readJSONLines(bytes, file: file.path, decoder: &decoder)
        } else {
            try readCSV(bytes, file: file.path, decoder: &decoder, parts: parts, cores: max(1, cores ?? Cores.available), source: file)
        }
        return decoder.report
    }

    /// Records how a file's header was read, with the costly columns it lacks (said by `validate`
    /// and `analyze` before anything else; not row warnings, which count rows).
    static func noteHeader(_ map: HeaderMap, names: [String], file: String, line: Int, report: inout IngestReport) {
        report.columns.append(map.mapping(headers: names, schema: schema, file: file, line: line, costs: costlyAbsences))
    }

    static func looksLikeJSONLines(_ path: String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = InputDecoding.formatPath(path)
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return true }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return false }
        var i = bomLength(b)
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        return i < b.count && b[i] == UInt8(ascii: "{")
    }

    static func bomLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// - Parameter source: the mapped file `bytes` come from, whose parts are given back once read.
    static func readCSV(_ bytes: UnsafeBufferPointer<UInt8>, file: String, decoder: inout RowDecoder, parts wanted: Int?,
                        cores: Int, source: FileBytes? = nil) throws(InputError) {
        guard let header = try Header(bytes, file: file, schema: schema) else { return }
        decoder.setHeader(header.map)
        noteHeader(header.map, names: header.names, file: file, line: header.line, report: &decoder.report)
        // read in turn, a part starts on the line where the one before ended: no breaks to count first
        let inTurn = cores == 1
        let parts = FileParts(bytes, from: header.tokenizer.position, line: header.tokenizer.line,
                              count: wanted ?? FileParts.maximumParts, minimumPart: wanted == nil ? FileParts.minimumPart : 1,
                              countingLines: !inTurn, source: source)
        guard parts.starts.count > 1 else {
            scanRows(bytes, file: file, header: header, sink: &decoder)
            return
        }
        if inTurn {
            readPartsInTurn(bytes, file: file, header: header, parts: parts, decoder: &decoder, source: source)
        } else {
            readParts(bytes, file: file, header: header, parts: parts, decoder: &decoder, source: source)
        }
    }

    /// The rows to make room for: the file's bytes over its bytes a row in its first 4 MiB (a
    /// quoted line break counts as a row there, erring towards room), and a tenth more; 200 bytes a
    /// row when that much has under a hundred lines. The decree-and-person index is sized from it
    /// once and touched all over: a fixed guess of bytes a row gave a file of wider rows twice the
    /// index it needed, fresh pages to clear.
    static func expectedRows(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let sample = min(bytes.count, 4 << 20)
        let lines = FileParts.lineBreaks(bytes, 0, sample)
        guard lines >= 100 else { return min(bytes.count / 200, 50_000_000) }
        return min(Int(Double(bytes.count) / Double(sample) * Double(lines) * 1.1), 50_000_000)
    }
}
