import MutasiSupport
import MutasiModel

/// The smaller tables read beside the transfers: ties, units and approvals. Same tokenizer, header
/// matching, dates and reject rules as the transfer file; each row accepted or rejected with its line.
enum SideTable {
    struct Sink<T>: RowSink {
        var report = IngestReport()
        var items: [T] = []
        let header: HeaderMap
        let file: String
        let decode: (inout RowCursor, HeaderMap, Int) -> Result<T, RowIssue>

        mutating func reject(_ issue: RowIssue) { report.reject(issue) }
        mutating func blank() { report.blankRowsSkipped += 1 }
        mutating func row(_ cursor: inout RowCursor, line: Int) {
            switch decode(&cursor, header, line) {
            case .success(let t): items.append(t); report.accept()
            case .failure(let issue): report.reject(issue)
            }
        }
    }

    static func read<T>(_ file: FileBytes, schema: TableSchema,
                        decode: @escaping (inout RowCursor, HeaderMap, Int) -> Result<T, RowIssue>) throws(InputError) -> ([T], IngestReport) {
        let bytes = file.buffer
        guard let header = try Header(bytes, file: file.path, schema: schema) else { return ([], IngestReport()) }
        var sink = Sink(header: header.map, file: file.path, decode: decode)
        TransferReader.scanRows(bytes, file: file.path, header: header, sink: &sink)
        try file.checkUnchanged()
        return (sink.items, sink.report)
    }

    static func issue(_ file: String, _ line: Int, _ map: HeaderMap, _ col: Int, _ reason: String) -> RowIssue {
        RowIssue(file: file, line: line, column: (map.position[col] ?? 0) + 1, reason: reason)
    }

    /// An optional date column: nil when empty, a reject when not a date.
    static func date(_ cur: inout RowCursor, _ map: HeaderMap, _ col: Int) -> Result<Day?, RowProblem> {
        let text = cur.string(map.position[col]).trimmed
        if text.isEmpty { return .success(nil) }
        guard let d = DateBytes.parse(text) else { return .failure(RowProblem("'\(text)' is not a date")) }
        return .success(d)
    }
}

/// Reads the ties file: `nip`, `related_to` (a candidate id or another NIP), `relation`, `since`,
/// `until`, `source` (Indonesian headers `terkait_dengan`, `hubungan`, `sejak`, `sampai`, `sumber`).
public enum TieReader {
    static let schema = TableSchema(what: "ties file", columns: [
        .init(name: "nip", aliases: [], required: true),
        .init(name: "related_to", aliases: ["terkait_dengan", "relatedTo", "related"], required: true),
        .init(name: "relation", aliases: ["hubungan", "relasi"], required: true),
        .init(name: "since", aliases: ["sejak", "from"], required: false),
        .init(name: "until", aliases: ["sampai", "to", "hingga"], required: false),
        .init(name: "source", aliases: ["sumber"], required: false),
    ])

    public static func read(path: String) throws(InputError) -> ([Tie], IngestReport) {
        try read(InputDecoding.open(path: path, what: "ties file"))
    }

    public static func read(bytes: [UInt8], name: String) throws(InputError) -> ([Tie], IngestReport) {
        try read(FileBytes(bytes: bytes, name: name))
    }

    static func read(_ file: FileBytes) throws(InputError) -> ([Tie], IngestReport) {
        let path = file.path
        return try SideTable.read(file, schema: schema) { cur, map, line in
            func fail(_ col: Int, _ reason: String) -> Result<Tie, RowIssue> {
                .failure(SideTable.issue(path, line, map, col, reason))
            }
            let nipText = cur.string(map.position[0]).trimmed.filter { $0 != " " }
            guard let nip = NIP(nipText) else {
                return fail(0, nipText.isEmpty ? "missing NIP" : "the NIP is not a valid 18-digit NIP (\(nipText.count) characters)")
            }
            let related = InvisibleText.removed(from: cur.string(map.position[1])).trimmed
            guard !related.isEmpty else { return fail(1, "missing related_to (a candidate id or a NIP)") }
            let target = TieTarget(parsing: related)
            if case .candidate = target, related.count == 18, related.allSatisfy(\.isNumber) {
                return fail(1, "related_to looks like a NIP (18 digits) but is not a valid one")
            }
            let relation = cur.string(map.position[2]).trimmed
            guard !relation.isEmpty else { return fail(2, "missing relation") }
            let since: Day?, until: Day?
            switch SideTable.date(&cur, map, 3) {
            case .success(let d): since = d
            case .failure(let p): return fail(3, "since: " + p.reason)
            }
            switch SideTable.date(&cur, map, 4) {
            case .success(let d): until = d
            case .failure(let p): return fail(4, "until: " + p.reason)
            }
            if let s = since, let u = until, u < s { return fail(4, "the tie ends (\(u.iso)) before it starts (\(s.iso))") }
            return .success(Tie(nip: nip, relatedTo: target, relation: TieRelation(parsing: InvisibleText.removed(from: relation)),
                                since: since, until: until, source: InvisibleText.removed(from: cur.string(map.position[5]).trimmed), line: line))
        }
    }
}

/// Reads the optional units file: `unit`, `parent`, `category`, `remote`.
public enum UnitReader {
    static let schema = TableSchema(what: "units file", columns: [
        .init(name: "unit", aliases: ["opd", "nama_unit"], required: true),
        .init(name: "parent", aliases: ["induk"], required: false),
        .init(name: "category", aliases: ["kategori", "jenis"], required: false),
        .init(name: "remote", aliases: ["terpencil", "jauh"], required: false),
    ])

    public static func read(path: String) throws(InputError) -> ([UnitInfo], IngestReport) {
        try read(InputDecoding.open(path: path, what: "units file"))
    }

    public static func read(bytes: [UInt8], name: String) throws(InputError) -> ([UnitInfo], IngestReport) {
        try read(FileBytes(bytes: bytes, name: name))
    }

    static func read(_ file: FileBytes) throws(InputError) -> ([UnitInfo], IngestReport) {
        let path = file.path
        return try SideTable.read(file, schema: schema) { cur, map, line in
            let unit = cur.string(map.position[0]).trimmed
            guard !unit.isEmpty else { return .failure(SideTable.issue(path, line, map, 0, "missing unit name")) }
            let remoteText = cur.string(map.position[3]).trimmed.lowercased()
            let remote: Bool
            switch remoteText {
            case "", "false", "no", "tidak", "0", "n", "t": remote = false
            case "true", "yes", "ya", "1", "y": remote = true
            default: return .failure(SideTable.issue(path, line, map, 3, "remote must be true or false (ya/tidak), not '\(remoteText)'"))
            }
            return .success(UnitInfo(unit: unit, parent: cur.string(map.position[1]).trimmed,
                                     category: cur.string(map.position[2]).trimmed, remote: remote))
        }
    }
}

/// A Home Minister's written approval recorded apart from the transfer file.
public struct ApprovalRecord: Hashable, Sendable {
    public var decreeNo: String
    /// Empty when the approvals file has no region column: then it matches the number in any region.
    public var region: String
    public var approval: String
    public var date: Day?
    public var line: Int
    /// The approvals file it was read from (for a reject's place).
    public var file: String

    package init(decreeNo: String, region: String = "", approval: String, date: Day? = nil, line: Int = 0, file: String = "") {
        self.decreeNo = decreeNo; self.region = region; self.approval = approval; self.date = date; self.line = line; self.file = file
    }
}

/// Reads an approvals file: `decree_no`, `approval`, optionally `region` and `approval_date`.
public enum ApprovalReader {
    static let schema = TableSchema(what: "approvals file", columns: [
        .init(name: "decree_no", aliases: ["nomor_sk", "no_sk", "decreeNo"], required: true),
        .init(name: "approval", aliases: ["izin_mendagri", "persetujuan_mendagri", "nomor_izin"], required: true),
        .init(name: "region", aliases: ["daerah", "instansi"], required: false),
        .init(name: "approval_date", aliases: ["tanggal_izin", "approvalDate"], required: false),
    ])

    public static func read(path: String) throws(InputError) -> ([ApprovalRecord], IngestReport) {
        try read(InputDecoding.open(path: path, what: "approvals file"))
    }

    public static func read(bytes: [UInt8], name: String) throws(InputError) -> ([ApprovalRecord], IngestReport) {
        try read(FileBytes(bytes: bytes, name: name))
    }

    static func read(_ file: FileBytes) throws(InputError) -> ([ApprovalRecord], IngestReport) {
        let path = file.path
        return try SideTable.read(file, schema: schema) { cur, map, line in
            let no = cur.string(map.position[0]).trimmed
            let ref = cur.string(map.position[1]).trimmed
            guard !no.isEmpty else { return .failure(SideTable.issue(path, line, map, 0, "missing decree number")) }
            guard !ref.isEmpty else { return .failure(SideTable.issue(path, line, map, 1, "missing approval reference")) }
            switch SideTable.date(&cur, map, 3) {
            case .success(let d):
                return .success(ApprovalRecord(decreeNo: no, region: cur.string(map.position[2]).trimmed, approval: ref, date: d, line: line, file: path))
            case .failure(let p):
                return .failure(SideTable.issue(path, line, map, 3, "approval_date: " + p.reason))
            }
        }
    }

    /// Approval references by `TransferSet.decreeKey`, for the decrees of `set` they name (see
    /// `resolve`, which also says which rows could not apply).
    public static func index(_ records: [ApprovalRecord], for set: TransferSet) -> [String: String] {
        resolve(records, for: set).index
    }

    /// Approval references by `TransferSet.decreeKey`, and the approval rows that cannot apply.
    ///
    /// A row with a region applies to the decree of that number in that region. A row without one
    /// applies where its decree number is unique across the regions read; when decrees of several
    /// regions carry the number, it would exempt all of them (another regency's violation turned
    /// "approved"), so it is rejected, naming the regions: give it a region.
    /// - Complexity: O(rows + records).
    package static func resolve(_ records: [ApprovalRecord], for set: TransferSet) -> (index: [String: String], rejects: [RowIssue]) {
        // no approvals file: nothing to look up, and two passes over millions of rows saved
        guard !records.isEmpty else { return ([:], []) }
        var byNumber: [String: [ApprovalRecord]] = [:]
        for r in records { byNumber[r.decreeNo, default: []].append(r) }
        // the regions whose decrees carry each number an approval names
        var regionsOf: [Symbol: [Symbol]] = [:]
        for t in set.transfers where !t.decreeNo.isEmpty && byNumber[set[t.decreeNo]] != nil {
            if !(regionsOf[t.decreeNo]?.contains(t.region) ?? false) { regionsOf[t.decreeNo, default: []].append(t.region) }
        }
        var ambiguous: [String: [String]] = [:]
        for (no, regions) in regionsOf where regions.count > 1 {
            ambiguous[set[no]] = regions.map { $0.isEmpty ? "(no region)" : set[$0] }.sorted()
        }
        var out: [String: String] = [:]
        for t in set.transfers where !t.decreeNo.isEmpty {
            let no = set[t.decreeNo]
            guard let rs = byNumber[no] else { continue }
            if let r = rs.first(where: { !$0.region.isEmpty && RegionName.same($0.region, set[t.region]) })
                ?? rs.first(where: { $0.region.isEmpty && ambiguous[no] == nil }) {
                out[set.decreeKey(of: t)] = r.approval
            }
        }
        var rejects: [RowIssue] = []
        for r in records where r.region.isEmpty {
            guard let regions = ambiguous[r.decreeNo] else { continue }
            rejects.append(RowIssue(file: r.file, line: r.line, column: 1,
                                    reason: "approval \(r.approval) names decree \(r.decreeNo) without a region, and decrees of \(regions.count) regions carry that number (\(regions.joined(separator: ", "))); it applies to none: add a region column"))
        }
        return (out, rejects)
    }
}
