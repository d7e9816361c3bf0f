import Foundation
@_spi(Inlining) import MutasiSupport
import MutasiModel

/// Turns one row's fields into a `Transfer` or a reject, with warnings; merges duplicates.
struct RowDecoder: RowSink {
    typealias Col = TransferReader.Col

    let file: String
    let fileIndex: UInt16
    var set: TransferSet
    var report = IngestReport()
    private var interner = ByteInterner()
    private var header: HeaderMap?
    /// schema column -> file column (0-based), for the current header
    private var pos: [Int?] = []
    private var extraKeys: [(Int, Symbol)] = []
    /// (decree, person) -> index in set.transfers, across every file read into the set
    private var seen: DecreePersonIndex
    /// False for a decoder reading a later part of a file: the decoder that absorbs it finds the
    /// duplicates, in file order, so each row is looked up once.
    private let mergesDuplicates: Bool
    private var echelons = CodeCache<Echelon> { Echelon(parsing: $0) }
    private var kinds = CodeCache<TransferKind> { TransferKind(parsing: $0) }
    private var dates = DateCache()

    /// - Parameter set: taken over, not shared (`consume` it): a set still referenced elsewhere
    ///   would be copied whole by the first `reserveCapacity` or append, onto fresh pages.
    init(file: String, fileIndex: UInt16, set: consuming TransferSet, expectedRows: Int = 0, mergesDuplicates: Bool = true) {
        self.file = file
        self.fileIndex = fileIndex
        self.set = consume set
        self.mergesDuplicates = mergesDuplicates
        precondition(recent.count == TransferReader.schema.columns.count, "one recent value per schema column")
        self.set.transfers.reserveCapacity(self.set.transfers.count + expectedRows)
        // a national file's records on small pages: huge ones not handed out lately are slow to clear
        HugePages.smallPages(for: &self.set.transfers)
        // about one new text (a name, a decree number) every two rows, in the index: room for up
        // to a million of them up front, and for all at once if the file gets there, not
        // rehashing on the way (an index sized from the rows alone is mostly empty for a file of
        // few texts, and is cleared and probed at random all the same); in the lists, for one
        // every row (they take memory only as they are filled, and growing copies the text)
        self.set.strings.reserveCapacity(expectedRows, indexing: min(expectedRows / 2, 1 << 20), thenIndexing: expectedRows / 2)
        seen = DecreePersonIndex(capacity: mergesDuplicates ? self.set.transfers.count + expectedRows : 0)
        for i in self.set.transfers.indices where mergesDuplicates {
            _ = seen.insertOrFind(i, in: self.set.transfers)
        }
    }

    mutating func setHeader(_ map: HeaderMap) {
        header = map
        pos = map.position
        extraKeys = map.extras.map { ($0.0, set.strings.intern($0.1)) }
    }

    /// The 1-based column of `c`; 1 when the file has no such column (columns count from 1).
    private func column(_ c: Col) -> Int { (pos[c.rawValue] ?? 0) + 1 }

    private mutating func reject(_ line: Int, _ c: Col, _ reason: String) {
        report.reject(RowIssue(file: file, line: line, column: column(c), reason: reason))
    }

    private mutating func warn(_ line: Int, _ c: Col, _ reason: String) {
        report.warn(RowIssue(file: file, line: line, column: column(c), reason: reason))
    }

    private mutating func text(_ cur: inout RowCursor, _ c: Col, line: Int) -> Symbol {
        let file = cur.bytesOutliveRow ? cur.bytes : UnsafeBufferPointer(start: nil, count: 0)
        let (sym, repair) = cur.with(pos[c.rawValue]) { p in
            if p.isEmpty { return (Symbol.empty, TextDecoding.Repair.none) }
            // a value repeating the row above's (the same region, signer, decree, unit) is taken
            // from it with one compare, without hashing
            let last = recent[c.rawValue]
            if last.count == p.count, let start = last.start, SameBytes.equal(start, p.baseAddress!, p.count) {
                return (last.symbol, last.repair)
            }
            let (sym, repair) = interner.intern(p, into: &set.strings)
            // remembered where it is in the file: a field unescaped into scratch space is not kept
            let inFile = file.baseAddress.map { p.baseAddress! >= $0 && p.baseAddress! < $0 + file.count } ?? false
            recent[c.rawValue] = RecentValue(start: inFile ? p.baseAddress : nil, count: p.count, symbol: sym, repair: repair)
            return (sym, repair)
        }
        if repair != .none { warn(line, c, TextDecoding.describe(repair)) }
        return sym
    }

    /// A column's last value interned: where its bytes are in the file, and what they gave.
    private struct RecentValue {
        var start: UnsafePointer<UInt8>?
        var count = 0
        var symbol = Symbol.empty
        var repair = TextDecoding.Repair.none
    }

    /// Per schema column, the last value interned: inline, so that writing one makes no
    /// uniqueness check (an array's was a call per text interned).
    #if compiler(>=6.2) && os(Linux)
    private var recent = InlineArray<17, RecentValue>(repeating: RecentValue())
    #else
    // InlineArray needs Swift 6.2, and macOS 26 on Apple's systems: an array there
    private var recent = [RecentValue](repeating: RecentValue(), count: 17)
    #endif

    /// The echelon in column `c` (nil when empty), or false when the text is none: the reject's
    /// message is made only then (a `Result` able to carry it cost more than the parsing).
    private mutating func echelon(_ cur: inout RowCursor, _ c: Col, _ out: inout Echelon?) -> Bool {
        cur.with(pos[c.rawValue]) { p in
            if p.isEmpty { out = nil; return true }
            out = echelons.value(p)
            return out != nil
        }
    }

    private mutating func rejectEchelon(_ cur: inout RowCursor, line: Int, _ c: Col) {
        let raw = cur.with(pos[c.rawValue]) { RowDecoder.show($0) }
        reject(line, c, "unknown echelon '\(raw)' (I.a … IV.b, V, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana, Fungsional)")
    }

    private static func show(_ p: UnsafeBufferPointer<UInt8>) -> String {
        let s = TextDecoding.decode(UnsafeBufferPointer(rebasing: p.prefix(60))).0
        return p.count > 60 ? s + "…" : s
    }

    mutating func reject(_ issue: RowIssue) { report.reject(issue) }
    mutating func blank() { report.blankRowsSkipped += 1 }

    /// A NIP as people type it: digits, with the spaces they put between its groups and the
    /// apostrophe Excel users put in front to keep it text; or why it is none.
    private static func nip(_ cur: inout RowCursor, _ column: Int?) -> Result<NIP, RowProblem> {
        cur.with(column) { p in
            if p.isEmpty { return .failure(RowProblem("missing NIP")) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count) { buf in
                var count = 0
                var sawE = false, sawDot = false
                for (i, c) in p.enumerated() {
                    if c == 0x20 || (c == UInt8(ascii: "'") && i == 0) { continue }
                    if c == UInt8(ascii: "E") || c == UInt8(ascii: "e") { sawE = true }
                    if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { sawDot = true }
                    buf[count] = c
                    count += 1
                }
                // the messages never quote the value: a NIP's digits (a birth date and more) would
                // reach rejects.csv, findings.json and the report; file, line and column find it
                if sawE && sawDot {
                    return .failure(RowProblem("the NIP was turned into a number by a spreadsheet; export the NIP column as text"))
                }
                let digits = UnsafeBufferPointer(rebasing: buf[0..<count])
                switch NIP.parse(digits) {
                case .success(let n): return .success(n)
                case .failure(.notEighteenDigits):
                    let allDigits = digits.allSatisfy { $0 >= 48 && $0 <= 57 }
                    return .failure(RowProblem(allDigits
                        ? "the NIP has \(count) digits; a NIP has 18"
                        : "the NIP is not 18 digits (it has other characters than digits and spaces)"))
                case .failure(.impossibleBirthDate):
                    return .failure(RowProblem("the NIP does not start with a real birth date (digits 1-8 are YYYYMMDD)"))
                }
            }
        }
    }

    /// Decodes one row: rejected at the first field that makes it no transfer, else accepted
    /// with a warning for each field that is doubtful, and kept (or merged into a duplicate).
    /// The steps are inlined: one call a row, as when this was one function.
    mutating func row(_ cur: inout RowCursor, line: Int) {
        prefetchDecreeNumber(&cur)
        guard let nip = nip(&cur, line: line) else { return }
        if cur.with(pos[Col.name.rawValue], { $0.isEmpty }) { reject(line, .name, "missing name"); return }
        guard let decreeDate = decreeDate(&cur, line: line) else { return }
        var fromEchelon: Echelon?, toEchelon: Echelon?
        guard echelon(&cur, .fromEchelon, &fromEchelon) else { rejectEchelon(&cur, line: line, .fromEchelon); return }
        guard echelon(&cur, .toEchelon, &toEchelon) else { rejectEchelon(&cur, line: line, .toEchelon); return }
        guard let kind = transferKind(&cur, line: line, from: fromEchelon, to: toEchelon) else { return }

        // the row is accepted from here on; what follows can only warn
        let effective = effectiveDate(&cur, line: line, decreeDate: decreeDate)
        warnAboutDigits(of: nip, line: line)
        var t = Transfer(nip: nip, decreeDate: decreeDate, kind: kind.kind)
        t.kindWasInferred = kind.inferred
        t.effectiveDate = effective
        t.fromEchelon = fromEchelon
        t.toEchelon = toEchelon
        texts(&cur, into: &t, line: line)
        t.fileIndex = fileIndex
        t.line = UInt32(clamping: line)
        attributes(&cur, into: &t)
        report.accept()
        keep(t, line: line)
    }

    /// A decree number not on the row above is usually new, and its slot in the index of a large
    /// table a cache miss: its loading starts here and overlaps the checks before its lookup
    /// (hashing it again there costs less than the miss). A part's table is small enough to be in
    /// the core's cache: there the hash ahead would be work for nothing.
    @inline(__always)
    private mutating func prefetchDecreeNumber(_ cur: inout RowCursor) {
        if set.strings.prefetchPays {
            cur.with(pos[Col.decreeNo.rawValue]) { p in
                if !p.isEmpty { set.strings.prefetch(hash: FastHash.bytes(p)) }
            }
        }
    }

    /// The row's NIP, or nil when the row is rejected for it.
    @inline(__always)
    private mutating func nip(_ cur: inout RowCursor, line: Int) -> NIP? {
        // 18 digits, the common case, without a `Result` and its messages; others in `nip`
        let plainNIP: NIP? = cur.with(pos[Col.nip.rawValue]) { p in
            if p.count == 18, case .success(let n) = NIP.parse(p) { return n }
            return nil
        }
        let nip: NIP
        if let plainNIP { nip = plainNIP } else {
            switch RowDecoder.nip(&cur, pos[Col.nip.rawValue]) {
            case .success(let n): nip = n
            case .failure(let p): reject(line, .nip, p.reason); return nil
            }
        }
        // 18 digits rounded to Excel's 15 significant ones end in 000, a sequence no NIP has: two
        // people may have become one
        if nip.value % 1000 == 0 {
            reject(line, .nip, "NIP ends in 000, a sequence number no NIP has: it was rounded by a spreadsheet (Excel keeps 15 significant digits); export the NIP column as text from the original")
            return nil
        }
        return nip
    }

    /// The row's decree date, or nil when the row is rejected for it.
    @inline(__always)
    private mutating func decreeDate(_ cur: inout RowCursor, line: Int) -> Day? {
        let decreeDate: Day? = cur.with(pos[Col.decreeDate.rawValue]) { dates.day($0) }
        guard let decreeDate else {
            let raw = cur.with(pos[Col.decreeDate.rawValue]) { RowDecoder.show($0) }
            reject(line, .decreeDate, raw.isEmpty ? "missing decree date" : "decree date '\(raw)' is not a real date (YYYY-MM-DD, DD/MM/YYYY or '21 Mei 2024')")
            return nil
        }
        guard Transfer.plausibleDates.contains(decreeDate) else {
            reject(line, .decreeDate, "decree date \(decreeDate.iso) is outside \(Transfer.plausibleDates.lowerBound.iso) … \(Transfer.plausibleDates.upperBound.iso); a typing error?")
            return nil
        }
        return decreeDate
    }

    /// The row's kind, given or inferred from the echelons; nil when the row is rejected for it.
    @inline(__always)
    private mutating func transferKind(_ cur: inout RowCursor, line: Int, from: Echelon?, to: Echelon?) -> (kind: TransferKind, inferred: Bool)? {
        // nil: no kind given; .some(nil): text that is no kind
        let given: TransferKind?? = cur.with(pos[Col.kind.rawValue]) { p in p.isEmpty ? nil : .some(kinds.value(p)) }
        switch given {
        case .some(.some(let k)): return (k, false)
        case .none: return (TransferKind.inferred(from: from, to: to), true)
        case .some(.none):
            let raw = cur.with(pos[Col.kind.rawValue]) { RowDecoder.show($0) }
            reject(line, .kind, "unknown kind '\(raw)' (mutasi/rotasi, promosi, demosi, non-job, pengangkatan/pelantikan, plt/plh, pemberhentian, or the English names)")
            return nil
        }
    }

    /// The TMT, or nil (with a warning) when it is no date or an implausible one.
    @inline(__always)
    private mutating func effectiveDate(_ cur: inout RowCursor, line: Int, decreeDate: Day) -> Day? {
        var effective: Day?
        let tmtText: String? = cur.with(pos[Col.effectiveDate.rawValue]) { p in
            if p.isEmpty { return nil }
            if let d = dates.day(p) { effective = d; return nil }
            return RowDecoder.show(p)
        }
        if let bad = tmtText { warn(line, .effectiveDate, "TMT '\(bad)' is not a date; left empty") }
        if let e = effective, !Transfer.plausibleDates.contains(e) {
            warn(line, .effectiveDate, "TMT \(e.iso) is outside \(Transfer.plausibleDates.lowerBound.iso) … \(Transfer.plausibleDates.upperBound.iso); left empty")
            effective = nil
        }
        if let e = effective, e < decreeDate {
            warn(line, .effectiveDate, "TMT \(e.iso) is before the decree date \(decreeDate.iso)")
        }
        return effective
    }

    /// Warnings for NIP digits that no NIP has, though the NIP reads.
    @inline(__always)
    private mutating func warnAboutDigits(of nip: NIP, line: Int) {
        if !nip.appointmentMonthIsValid {
            warn(line, .nip, "NIP digits 13-14 are not a month (a PPPK number?)")
        } else if nip.appointedBeforeEighteen {
            warn(line, .nip, "NIP's appointment month (digits 9-14) is before the holder's 18th birthday (digits 1-8): a typing error, or digits shifted?")
        }
        if !nip.sexDigitIsValid {
            warn(line, .nip, "NIP digit 15 (sex) is neither 1 nor 2")
        }
    }

    /// The row's text fields, interned.
    @inline(__always)
    private mutating func texts(_ cur: inout RowCursor, into t: inout Transfer, line: Int) {
        t.name = text(&cur, .name, line: line)
        t.decreeNo = text(&cur, .decreeNo, line: line)
        t.fromPosition = text(&cur, .fromPosition, line: line)
        t.fromUnit = text(&cur, .fromUnit, line: line)
        t.toPosition = text(&cur, .toPosition, line: line)
        t.toUnit = text(&cur, .toUnit, line: line)
        t.signedBy = text(&cur, .signedBy, line: line)
        t.region = text(&cur, .region, line: line)
        t.approval = text(&cur, .approval, line: line)
        t.reason = text(&cur, .reason, line: line)
        t.source = text(&cur, .source, line: line)
    }

    /// The row's extra columns, as attributes of the set.
    @inline(__always)
    private mutating func attributes(_ cur: inout RowCursor, into t: inout Transfer) {
        t.attributeStart = UInt32(clamping: set.attributes.count)
        for (col, key) in extraKeys {
            let (value, _) = cur.with(col) { interner.intern($0, into: &set.strings) }
            if !value.isEmpty { set.attributes.append(TransferAttribute(key: key, value: value)) }
        }
        t.attributeCount = UInt16(clamping: set.attributes.count - Int(t.attributeStart))
    }

    /// Adds an accepted transfer, or merges it into the row of the same person in the same decree.
    private mutating func keep(_ t: Transfer, line: Int) {
        set.transfers.append(t)
        guard mergesDuplicates, let i = seen.insertOrFind(set.transfers.count - 1, in: set.transfers) else { return }
        set.transfers.removeLast()
        report.duplicatesMerged += 1
        let first = set.transfers[i]
        let (merged, conflict) = RowDecoder.merge(first, t)
        set.transfers[i] = merged
        let firstAt = set.files[Int(first.fileIndex)] == file ? "line \(first.line)" : "\(set.origin(of: first))"
        warn(line, .nip, conflict
             ? "NIP \(t.nip) appears again in decree \(set.decreeLabel(of: t)) (first at \(firstAt)) with different values; the first row is kept"
             : "NIP \(t.nip) appears again in decree \(set.decreeLabel(of: t)) (first at \(firstAt)); merged")
    }

    /// Takes in what `other` read from the part of the same file after this decoder's: its text is
    /// interned into this set, its counts and issues are added, and its rows are kept as if they
    /// had been read here: a person already in a decree is merged, and the warning that says so
    /// goes among the part's own warnings in line order, where a one-core read puts it.
    mutating func absorb(_ other: RowDecoder) {
        let o = other.set
        let map = set.strings.intern(all: o.strings)
        set.transfers.reserveMore(o.transfers.count)
        let mark = report.warnings.count
        // in batches: the index slots of a batch's rows are loaded together first, so their cache
        // misses overlap instead of coming one row at a time
        var batch: [Transfer] = []
        batch.reserveCapacity(32)
        var k = 0
        while k < o.transfers.count {
            let end = min(k + 32, o.transfers.count)
            batch.removeAll(keepingCapacity: true)
            for var t in o.transfers[k ..< end] {
                t.name = map[Int(t.name.id)]; t.decreeNo = map[Int(t.decreeNo.id)]
                t.fromPosition = map[Int(t.fromPosition.id)]; t.fromUnit = map[Int(t.fromUnit.id)]
                t.toPosition = map[Int(t.toPosition.id)]; t.toUnit = map[Int(t.toUnit.id)]
                t.signedBy = map[Int(t.signedBy.id)]; t.region = map[Int(t.region.id)]
                t.approval = map[Int(t.approval.id)]; t.reason = map[Int(t.reason.id)]; t.source = map[Int(t.source.id)]
                let start = set.attributes.count
                // (a slice of the attributes made for every row, most with none, was a retain and
                // release a row)
                if t.attributeCount > 0 {
                    for a in o.attributes[Int(t.attributeStart) ..< Int(t.attributeStart) + Int(t.attributeCount)] {
                        set.attributes.append(TransferAttribute(key: map[Int(a.key.id)], value: map[Int(a.value.id)]))
                    }
                }
                t.attributeStart = UInt32(clamping: start)
                batch.append(t)
            }
            if mergesDuplicates { for t in batch { seen.prefetch(t) } }
            for t in batch { keep(t, line: Int(t.line)) }
            k = end
        }
        var theirs = other.report
        if report.warnings.count > mark {
            let merges = report.warnings[mark...]
            report.warnings.removeSubrange(mark...)
            theirs.warnings = RowIssue.inLineOrder(theirs.warnings, merges)
        }
        report.merge(theirs)
    }

    /// The first row, its empty fields filled from the second; `conflict` when both had different values.
    static func merge(_ a: Transfer, _ b: Transfer) -> (Transfer, conflict: Bool) {
        var m = a
        var conflict = false
        func fill(_ x: inout Symbol, _ y: Symbol) {
            if x.isEmpty { x = y } else if !y.isEmpty && x != y { conflict = true }
        }
        fill(&m.name, b.name)
        fill(&m.fromPosition, b.fromPosition); fill(&m.fromUnit, b.fromUnit)
        fill(&m.toPosition, b.toPosition); fill(&m.toUnit, b.toUnit)
        fill(&m.approval, b.approval); fill(&m.reason, b.reason); fill(&m.source, b.source)
        if m.fromEchelon == nil { m.fromEchelon = b.fromEchelon } else if b.fromEchelon != nil && b.fromEchelon != m.fromEchelon { conflict = true }
        if m.toEchelon == nil { m.toEchelon = b.toEchelon } else if b.toEchelon != nil && b.toEchelon != m.toEchelon { conflict = true }
        if m.effectiveDate == nil { m.effectiveDate = b.effectiveDate }
        if m.kindWasInferred && !b.kindWasInferred { m.kind = b.kind; m.kindWasInferred = false }
        else if !m.kindWasInferred && !b.kindWasInferred && m.kind != b.kind { conflict = true }
        return (m, conflict)
    }
}

/// Why a row is rejected, as a person reads it.
struct RowProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
