import Foundation
import MutasiSupport
import MutasiModel

/// What reading produced: every data row is accepted or rejected, so
/// `recordsRead == recordsAccepted + recordsRejected` always; rejects and warnings say where.
public struct IngestReport: Sendable, Codable, Equatable {
    public var recordsRead = 0
    public var recordsAccepted = 0
    public var recordsRejected = 0
    /// Accepted rows that repeated a NIP already in the same decree and were merged into it.
    public var duplicatesMerged = 0
    /// Empty lines and lines of delimiters only (`;;;;`, as Excel leaves them): not data rows.
    public var blankRowsSkipped = 0
    public var warnings: [RowIssue] = []
    public var rejects: [RowIssue] = []
    /// More issues than `IngestReport.maxIssues` were found; the counts stay exact, the lists stop.
    public var issuesTruncated = false
    /// Each file's header: which column feeds which field, the columns kept as extras only, and
    /// the costly columns it lacks (one entry a file, or a sheet of a workbook).
    public var columns: [ColumnMapping] = []

    /// Issues kept per list: a hostile file of a hundred million bad rows must not fill memory.
    public static let maxIssues = 1_000_000

    public init() {}

    public mutating func merge(_ o: IngestReport) {
        recordsRead += o.recordsRead
        recordsAccepted += o.recordsAccepted
        recordsRejected += o.recordsRejected
        duplicatesMerged += o.duplicatesMerged
        blankRowsSkipped += o.blankRowsSkipped
        warnings += o.warnings.prefix(max(0, IngestReport.maxIssues - warnings.count))
        rejects += o.rejects.prefix(max(0, IngestReport.maxIssues - rejects.count))
        issuesTruncated = issuesTruncated || o.issuesTruncated
        columns += o.columns
    }

    mutating func reject(_ issue: RowIssue) {
        recordsRead += 1
        recordsRejected += 1
        if rejects.count < IngestReport.maxIssues { rejects.append(issue) } else { issuesTruncated = true }
    }

    mutating func warn(_ issue: RowIssue) {
        if warnings.count < IngestReport.maxIssues { warnings.append(issue) } else { issuesTruncated = true }
    }

    mutating func accept() {
        recordsRead += 1
        recordsAccepted += 1
    }
}

extension RowIssue {
    /// Two lists of one file's issues, each in line order, as one list in line order; on the same
    /// line `a`'s come first (a row's own warnings come before the one its merge gives).
    static func inLineOrder<B: Collection<RowIssue>>(_ a: [RowIssue], _ b: B) -> [RowIssue] {
        var out: [RowIssue] = []
        out.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if b[j].line < a[i].line { out.append(b[j]); j = b.index(after: j) } else { out.append(a[i]); i += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }
}

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

    /// Reads the parts of a large file on all cores, each with a decoder of its own, and takes them
    /// into `decoder` in file order as they finish (`RowDecoder.absorb`), so the set, the line
    /// numbers, the merged duplicates and every count are those a one-core read gives. The parts are
    /// many and small (`FileParts.minimumPart`): taking a part in is one core's work, and it
    /// overlaps the reading of the parts after it, so only the last part's is left when the reading
    /// ends. A part's start is a guess (the line after a split point); when the part before it did
    /// not end exactly there (a quoted field ran over the line break), the guess was wrong: that
    /// part alone is read again, into `decoder`, from where the one before really ended, and the
    /// parts after it stand when it ends where they start.
    static func readParts(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, parts: FileParts, decoder: inout RowDecoder,
                          source: FileBytes? = nil) {
        let n = parts.starts.count
        let decoders = Slots<RowDecoder?>(count: n, initial: nil)
        let ends = Slots<(position: Int, line: Int)>(count: n, initial: (0, 0))
        let finished = (0..<n).map { _ in DispatchSemaphore(value: 0) }
        // moved, not copied: a copy left in `decoder` would share its arrays, and the first write
        // to each (the index's slots, the reserved transfers) would copy it whole onto fresh pages
        let files = decoder.set.files, fileIndex = decoder.fileIndex
        decoders.set(0, consume decoder)
        let spare = SpareTables(partsToStart: n - 1)
        nonisolated(unsafe) let buffer = bytes, header = header
        let map = header.map
        for k in 0..<n {
            DispatchQueue.global().async {
                var d: RowDecoder
                if k == 0 {
                    d = decoders.take(0)!
                    decoders.set(0, nil) // the only reference: appends do not copy the arrays
                } else {
                    d = partDecoder(set: spare.take(), files: files, file: file, fileIndex: fileIndex,
                                    expectedRows: (parts.end(of: k) - parts.starts[k]) / 200, header: map)
                }
                ends.set(k, scanRows(buffer, file: file, header: header, from: (parts.starts[k], parts.lines[k]), until: parts.end(of: k), sink: &d))
                // the part's text is copied into its set: its pages go back at once (a part read
                // again, after a wrong guess, is read from the file again)
                source?.release(parts.starts[k] ..< parts.end(of: k))
                decoders.set(k, d)
                finished[k].signal()
            }
        }
        finished[0].wait()
        decoder = decoders.take(0)!
        decoders.set(0, nil)
        var end = ends.take(0)
        // every part is waited for: none may still be reading the buffer when this returns
        for k in 1..<n {
            finished[k].wait()
            var part = decoders.take(k)!
            decoders.set(k, nil)
            if end.position == parts.starts[k] {
                decoder.absorb(part)
                end = ends.take(k)
            } else {
                end = scanRows(bytes, file: file, header: header, from: end, until: parts.end(of: k), sink: &decoder)
                source?.release(parts.starts[k] ..< parts.end(of: k))
            }
            part.set.removeAllKeepingCapacity()
            spare.put(part.set)
        }
    }

    /// `readParts` for one core: each part is read and taken in before the next starts, on this
    /// thread, so every part after the first writes into the pages of the one before (its emptied
    /// set) instead of fresh ones the kernel must clear, and no thread waits for another. Still in
    /// parts, not as one: a part's tables are small enough to stay in the cache, and taking one in
    /// looks its rows up in the file's large tables in batches whose cache misses overlap.
    static func readPartsInTurn(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, parts: FileParts,
                                decoder: inout RowDecoder, source: FileBytes? = nil) {
        var end = scanRows(bytes, file: file, header: header, from: (parts.starts[0], parts.lines[0]), until: parts.end(of: 0), sink: &decoder)
        source?.release(parts.starts[0] ..< parts.end(of: 0))
        var spare = TransferSet()
        for k in 1..<parts.starts.count {
            // a part starts where the one before really ended: past its guessed start when a
            // quoted field ran over the line break there, past its end when over the whole part
            guard end.position < parts.end(of: k) else {
                source?.release(parts.starts[k] ..< parts.end(of: k))
                continue
            }
            var part = partDecoder(set: consume spare, files: decoder.set.files, file: file, fileIndex: decoder.fileIndex,
                                   expectedRows: (parts.end(of: k) - end.position) / 200, header: header.map)
            end = scanRows(bytes, file: file, header: header, from: end, until: parts.end(of: k), sink: &part)
            source?.release(parts.starts[k] ..< parts.end(of: k))
            decoder.absorb(part)
            part.set.removeAllKeepingCapacity()
            spare = part.set
        }
    }

    /// A decoder for a later part, writing into `set` (one already taken in and emptied, when there
    /// is one): moved into the decoder, so that its arrays keep their memory.
    private static func partDecoder(set: consuming TransferSet, files: [String], file: String, fileIndex: UInt16,
                                    expectedRows: Int, header: HeaderMap) -> RowDecoder {
        set.files = files
        var d = RowDecoder(file: file, fileIndex: fileIndex, set: consume set, expectedRows: expectedRows, mergesDuplicates: false)
        d.setHeader(header)
        return d
    }

    /// The sets of parts already taken in, emptied, for the parts still to start: their arrays
    /// and tables keep their memory, so a part writes into pages already there instead of fresh
    /// ones the kernel must clear, a large part of reading a national file.
    /// Once every part has started, a set given back is let go at once.
    final class SpareTables: @unchecked Sendable {
        private let lock = NSLock()
        private var sets: [TransferSet] = []
        private var partsToStart: Int

        init(partsToStart: Int) { self.partsToStart = partsToStart }

        /// Called once by each part as it starts: a set given back, or a new one.
        func take() -> TransferSet {
            lock.withLock {
                partsToStart -= 1
                defer { if partsToStart == 0 { sets.removeAll() } }
                return sets.popLast() ?? TransferSet()
            }
        }

        func put(_ s: TransferSet) { lock.withLock { if partsToStart > 0 { sets.append(s) } } }
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

    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, sink: inout S) {
        _ = scanRows(bytes, file: file, header: header, from: (header.tokenizer.position, header.tokenizer.line), until: bytes.count, sink: &sink)
    }

    /// The rows from `from` (where a row starts, and its line) that start before `until`.
    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header,
                                     from: (position: Int, line: Int), until: Int, sink: inout S) -> (position: Int, line: Int) {
        let tok = CSVTokenizer(bytes: bytes, delimiter: header.tokenizer.delimiter, start: from.position, line: from.line)
        return scanRows(bytes, file: file, width: header.map.width, tokenizer: tok, until: until, sink: &sink)
    }

    /// Walks the data rows from the tokenizer's position while rows start before `until`: blank
    /// rows are counted, rows with the wrong number of columns, an oversize field, text after a
    /// closing quote or a quote never closed are rejected with their line, and every other row goes
    /// to the sink. Returns where the next row starts, and its line.
    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, width: Int, tokenizer: CSVTokenizer,
                                     until: Int, sink: inout S) -> (position: Int, line: Int) {
        var tok = tokenizer
        var cursor = RowCursor(bytes: bytes)
        while tok.position < until, let record = tok.next() {
            switch record {
            case let .unterminatedQuote(line, quoteLine, column):
                sink.reject(RowIssue(file: file, line: line, column: column,
                                     reason: "a quote opened on line \(quoteLine) is never closed; the lines after line \(line) are read as rows of their own"))
                tok.rereadAfterFirstLine()
            case let .row(line, fieldCount, longest):
                // a row that is malformed as a row and whose quotes ran over line breaks gives
                // back the lines it swallowed
                func malformed(_ column: Int, _ reason: String) {
                    let lines = tok.line - line
                    sink.reject(RowIssue(file: file, line: line, column: column,
                                         reason: lines > 1 ? reason + "; a quote runs over \(lines) lines, which are read again as rows of their own" : reason))
                    if lines > 1 { tok.rereadAfterFirstLine() }
                }
                if isBlank(tok.fields, fieldCount: fieldCount, bytes) {
                    sink.blank()
                    continue
                }
                if fieldCount > CSVTokenizer.maxFields {
                    malformed(CSVTokenizer.maxFields + 1, "the row has \(fieldCount) columns, over the limit of \(CSVTokenizer.maxFields); the header has \(width)")
                    continue
                }
                if fieldCount != width {
                    malformed(min(fieldCount, width) + 1, "the row has \(fieldCount) columns, the header has \(width) (a delimiter or quote is missing or extra)")
                    continue
                }
                if longest > CSVTokenizer.maxFieldBytes {
                    let c = tok.fields.firstIndex { $0.end - $0.start == longest } ?? 0
                    malformed(c + 1, "a field of \(longest) bytes, over the limit of \(CSVTokenizer.maxFieldBytes)")
                    continue
                }
                if tok.recordHasJunk, let c = tok.fields.firstIndex(where: \.trailingJunk) {
                    malformed(c + 1, "text after the closing quote of a quoted field")
                    continue
                }
                swap(&cursor.spans, &tok.fields) // no copy: the tokenizer gets the old array back below
                sink.row(&cursor, line: line)
                swap(&cursor.spans, &tok.fields)
            }
        }
        return (tok.position, tok.line)
    }

    static func isBlank(_ fields: [FieldSpan], fieldCount: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard fieldCount <= fields.count else { return false }
        for f in fields {
            if f.quoted { return false }
            var i = f.start
            while i < f.end {
                if bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
                i += 1
            }
        }
        return true
    }

    static func readJSONLines(_ bytes: UnsafeBufferPointer<UInt8>, file: String, decoder: inout RowDecoder) throws(InputError) {
        // Every known column is present in every JSON row (absent keys read as empty), so the
        // header is the schema itself.
        var map = HeaderMapPlaceholder.all(schema)
        decoder.setHeader(map)
        var line = 0
        var start = bomLength(bytes)
        var rowBytes: [UInt8] = []
        var notedKeys = false
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            var onlySpace = true
            for c in slice where c != 0x20 && c != 0x09 && c != 0x0D { onlySpace = false; break }
            if onlySpace { decoder.blank(); continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(slice), options: [.fragmentsAllowed])
            } catch {
                decoder.reject(RowIssue(file: file, line: line, column: 1, reason: "not valid JSON"))
                continue
            }
            guard let dict = object as? [String: Any] else {
                decoder.reject(RowIssue(file: file, line: line, column: 1, reason: "a JSON Lines row must be an object {…}"))
                continue
            }
            // lay the values out as one row of fields in schema order, then the extra keys
            rowBytes.removeAll(keepingCapacity: true)
            var spans = Array(repeating: FieldSpan(start: 0, end: 0, quoted: false, hasEscapedQuote: false, trailingJunk: false),
                              count: schema.columns.count)
            var extras: [(Int, String)] = []
            var problem: String?
            for key in dict.keys.sorted() {
                let value = dict[key]!
                let text: String
                switch value {
                case let s as String: text = s
                case is NSNull: text = ""
                case let n as NSNumber:
                    if schema.index(of: key) == Col.nip.rawValue {
                        problem = "the NIP is a JSON number; write it as a string (\"198503152010011002\"): numbers this long lose digits"
                    }
                    text = n.stringValue
                default:
                    problem = "the value of '\(key)' is a list or object, not text"
                    text = ""
                }
                let s = rowBytes.count
                rowBytes.append(contentsOf: text.utf8)
                let span = FieldSpan(start: s, end: rowBytes.count, quoted: true, hasEscapedQuote: false, trailingJunk: false)
                if let c = schema.index(of: key) {
                    spans[c] = span
                } else {
                    extras.append((spans.count, key))
                    spans.append(span)
                }
            }
            if let problem {
                decoder.reject(RowIssue(file: file, line: line, column: 1, reason: problem))
                continue
            }
            map.extras = extras
            map.width = spans.count
            decoder.setHeader(map)
            if !notedKeys {
                // the first object's keys stand for the file's header
                notedKeys = true
                var keyMap = map, names = schema.columns.map { _ in "" }
                for key in dict.keys.sorted() { if let c = schema.index(of: key) { names[c] = key } }
                for (c, n) in names.enumerated() where n.isEmpty { keyMap.position[c] = nil }
                names += extras.map(\.1)
                noteHeader(keyMap, names: names, file: file, line: line, report: &decoder.report)
            }
            rowBytes.withUnsafeBufferPointer { rb in
                var cursor = RowCursor(bytes: rb)
                cursor.bytesOutliveRow = false
                cursor.spans = spans
                decoder.row(&cursor, line: line)
            }
        }
    }
}

/// Receives the rows `TransferReader.scanRows` walks.
protocol RowSink {
    mutating func reject(_ issue: RowIssue)
    mutating func blank()
    mutating func row(_ cursor: inout RowCursor, line: Int)
}

enum HeaderMapPlaceholder {
    /// A header map in which schema column i is file column i.
    static func all(_ schema: TableSchema) -> HeaderMap {
        // the names themselves always map, so this cannot throw
        (try? HeaderMap(headers: schema.columns.map(\.name), schema: schema, file: "", line: 0))!
    }
}

/// The header line of a CSV file and the tokenizer positioned after it.
struct Header {
    let map: HeaderMap
    let names: [String]
    let tokenizer: CSVTokenizer
    let line: Int

    /// Nil for an empty file (no header: nothing to read, not an error).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, file: String, schema: TableSchema) throws(InputError) {
        var start = TransferReader.bomLength(bytes)
        var line = 1
        // skip blank lines before the header
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
            if bytes[start] == 0x0A || !(start + 1 < bytes.count && bytes[start + 1] == 0x0A) { line += 1 }
            start += 1
        }
        guard start < bytes.count else { return nil }
        let delimiter = CSVTokenizer.detectDelimiter(bytes, from: start)
        var tok = CSVTokenizer(bytes: bytes, delimiter: delimiter, start: start, line: line)
        guard let first = tok.next() else { return nil }
        switch first {
        case .unterminatedQuote(let l, _, let c):
            throw InputError(.malformed, at: SourceLocation(file: file, line: l, column: c),
                             "the header line opens a quote that is never closed", advice: "Fix the header line.")
        case let .row(l, count, longest):
            guard count <= 1000, longest <= 4096 else {
                throw InputError(.tooLarge, at: SourceLocation(file: file, line: l, column: 1),
                                 "the header has \(count) columns or a name of \(longest) bytes: this is not a \(schema.what) header",
                                 advice: "Check that this is the right file.")
            }
            var names: [String] = []
            for f in tok.fields {
                let (s, _) = TextDecoding.decode(UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]))
                names.append(s)
            }
            self.names = names
            self.line = l
            map = try HeaderMap(headers: names, schema: schema, file: file, line: l)
        }
        tokenizer = tok
    }
}

/// Field bytes of the current row: trimmed when unquoted, `""` unescaped when quoted.
struct RowCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The bytes stay where they are after the row (a file, not a buffer reused row by row), so a
    /// decoder may remember where a value was.
    var bytesOutliveRow = true
    var spans: [FieldSpan] = []
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Calls `body` with the bytes of file column `i` (empty when absent). The pointer is valid
    /// only inside `body`.
    @inline(__always)
    mutating func with<R>(_ i: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let i, i < spans.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let f = spans[i]
        if f.hasEscapedQuote {
            scratch.removeAll(keepingCapacity: true)
            var k = f.start
            while k < f.end {
                scratch.append(bytes[k])
                k += bytes[k] == UInt8(ascii: "\"") ? 2 : 1
            }
            return scratch.withUnsafeBufferPointer(body)
        }
        var s = f.start, e = f.end
        // one compare a side for the usual value, which starts and ends with a printable byte
        if !f.quoted && s < e && (bytes[s] <= 0x20 || bytes[e - 1] <= 0x20) {
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        }
        return body(UnsafeBufferPointer(rebasing: bytes[s..<e]))
    }

    mutating func string(_ i: Int?) -> String {
        with(i) { TextDecoding.decode($0).0 }
    }
}

/// Where the parts of a large file start: after the first line feed past each equal split, with
/// the physical line each starts on when `countingLines` (line breaks counted as the tokenizer
/// counts them: LF, CRLF or a lone CR, inside quotes too). A file under `minimumPart` a part, or
/// one without line feeds, is one part.
struct FileParts {
    /// Small parts: a part's tables stay in the cache and take little memory, a part taken in
    /// gives its emptied set to a later one sooner, and the last part, whose taking in is left when
    /// the reading ends, is short (the sizes tried: docs/benchmark-history.md). With
    /// many parts a file with line breaks inside quotes has some wrong guesses of where a part
    /// starts; each costs that part alone a second read.
    static let minimumPart = 8 << 20
    static let maximumParts = 1024

    /// The file's length: where the last part ends.
    let fileEnd: Int
    private(set) var starts: [Int] = []
    private(set) var lines: [Int] = []

    /// - Parameter countingLines: false leaves `lines` empty but for the first part's, for a reader
    ///   that learns each part's first line by reading the parts before it.
    /// - Parameter source: the mapped file `b` comes from, whose pages are given back as soon as
    ///   their breaks are counted: kept, the whole file stays in the process until its parts are
    ///   read, and the peak is the file's size on top of its records'.
    init(_ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, count wantedParts: Int, minimumPart: Int = FileParts.minimumPart,
         countingLines: Bool = true, source: FileBytes? = nil) {
        fileEnd = b.count
        let size = b.count - start
        let wanted = min(wantedParts, max(1, size / max(1, minimumPart)), FileParts.maximumParts)
        starts = [start]
        for k in 1..<max(wanted, 1) {
            var i = start + size / wanted * k
            while i < b.count && b[i] != 0x0A { i += 1 }
            if i + 1 < b.count && i + 1 > starts.last! { starts.append(i + 1) }
        }
        guard countingLines else {
            lines = [line]
            return
        }
        // a part's first line needs the breaks of the parts before it, never the last part's
        let breaks = Slots<Int>(count: starts.count, initial: 0)
        let s = starts
        nonisolated(unsafe) let buffer = b
        DispatchQueue.concurrentPerform(iterations: s.count - 1) { k in
            breaks.set(k, FileParts.lineBreaks(buffer, s[k], s[k + 1]))
            source?.release(s[k] ..< s[k + 1])
        }
        let counted = breaks.values
        var l = line
        for k in starts.indices {
            lines.append(l)
            l += counted[k]
        }
    }

    func end(of k: Int) -> Int { k + 1 < starts.count ? starts[k + 1] : fileEnd }

    /// LF, CRLF and lone CR in `b[s..<e]`, 16 bytes at a time: a byte is a break when it is an LF,
    /// or a CR not followed by an LF. A part never ends between the CR and LF of a pair: parts
    /// start after a line feed.
    static func lineBreaks(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard let base = b.baseAddress, s < e else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D)
        // a comparison's mask is 0xFF where true (`SIMDMask` stores its lanes as all-ones or zero);
        // as bytes, subtracting it counts one
        func ones(_ m: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> { unsafeBitCast(m, to: SIMD16<UInt8>.self) }
        var total = 0
        var i = s
        while i + 17 <= e {
            // per-lane counts in bytes, added up before any lane can pass 255
            var lanes = SIMD16<UInt8>()
            var rounds = 0
            while rounds < 255 && i + 17 <= e {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let next = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
                lanes &-= ones(v .== lf) | (ones(v .== cr) & ~ones(next .== lf))
                i += 16
                rounds += 1
            }
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < e {
            let c = b[i]
            if c == 0x0A || (c == 0x0D && !(i + 1 < e && b[i + 1] == 0x0A)) { total += 1 }
            i += 1
        }
        return total
    }
}
