import Foundation
import ZIPFoundation
import MutasiSupport
import MutasiModel

/// Reads the transfer rows of an Excel workbook (`.xlsx`): every sheet, or the one named; in each,
/// the header is the first row that has a NIP column (title rows above it are skipped), and every
/// row below it is a row of the transfer file, decoded like a CSV row.
///
/// The container is read with ZIPFoundation; the XML of the sheets and shared strings by
/// `SheetXML`, a byte scanner that knows the few elements a sheet holds (`row`, `c`, `v`, `is`,
/// `t`): a workbook of a million rows is hundreds of megabytes of XML, too much for a general
/// parser's callbacks. Cells are typed as Excel types them: shared and inline strings, numbers,
/// and dates (a number in a date format, or in a date column) in the workbook's 1900 or 1904
/// system. A NIP stored as a number has lost its last digits and is rejected.
///
/// Positions are given as Excel shows them: the file is named `book.xlsx!Sheet1`, and a row issue
/// prints as `book.xlsx!Sheet1!B12`.
enum XLSXReader {
    struct Sheet {
        let name: String
        let path: String
    }

    struct Workbook {
        let sheets: [Sheet]
        let date1904: Bool
        let sharedStrings: [[UInt8]]
        /// Per cell style (`s`): its number format shows a date.
        let dateStyles: [Bool]
    }

    /// Reads `path`, a workbook, into `set`.
    /// - Parameter sheet: the one sheet to read; nil: every sheet that has a NIP column.
    static func read(path: String, into set: inout TransferSet, sheet: String?) throws(InputError) -> IngestReport {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw InputError(.malformed, file: path, "starts like a ZIP file but cannot be opened as one (\(error))",
                             advice: "Open it in Excel or LibreOffice and save it again as .xlsx, or as CSV (UTF-8).")
        }
        let book = try workbook(archive, path: path)
        var report = IngestReport()
        var anyHeader = false
        for s in try chosenSheets(book, sheet, path: path) {
            let (found, r) = try read(sheet: s, of: archive, book: book, path: path, into: &set)
            anyHeader = anyHeader || found
            report.merge(r)
        }
        if !anyHeader {
            throw InputError(.missingField, file: path, "no sheet has a header row with a NIP column (sheets: \(book.sheets.map(\.name).joined(separator: ", ")))",
                             advice: "Check that this is the transfer workbook; its header row needs a column named nip (and nama, tanggal_sk).")
        }
        return report
    }

    /// The sheet named `sheet` (exactly, else ignoring case), or every sheet when nil.
    static func chosenSheets(_ book: Workbook, _ sheet: String?, path: String) throws(InputError) -> [Sheet] {
        guard let sheet else { return book.sheets }
        guard let s = book.sheets.first(where: { $0.name == sheet }) ?? book.sheets.first(where: { $0.name.lowercased() == sheet.lowercased() }) else {
            throw InputError(.unreadable, file: path, "has no sheet named '\(sheet)' (its sheets: \(book.sheets.map(\.name).joined(separator: ", ")))",
                             advice: "Give one of these names to --sheet.")
        }
        return [s]
    }

    /// Reads sheet `s` into `set` as a file of its own (`book.xlsx!Sheet1`); false when it has no
    /// header row, which its report then says.
    static func read(sheet s: Sheet, of archive: Archive, book: Workbook, path: String,
                     into set: inout TransferSet) throws(InputError) -> (found: Bool, report: IngestReport) {
        guard let e = archive[s.path] else {
            throw InputError(.malformed, file: path, "is a ZIP file without \(s.path), the sheet '\(s.name)': a damaged workbook",
                             advice: "Open it in Excel or LibreOffice and save it again as .xlsx, or as CSV (UTF-8).")
        }
        guard e.uncompressedSize <= UInt64(InputDecoding.maxInflated) else {
            throw InputError(.tooLarge, file: path, "its sheet '\(s.name)' unpacks to \(e.uncompressedSize >> 30) GiB, over the limit of \(InputDecoding.maxInflated >> 30) GiB",
                             advice: "Split the workbook, or save its sheets as CSV.")
        }
        let name = "\(path)!\(s.name)"
        let fileIndex = set.files.count
        guard fileIndex < Int(UInt16.max) else {
            throw InputError(.tooLarge, file: path, "more than \(UInt16.max) transfer files and sheets in one run", advice: "Read fewer at once.")
        }
        set.files.append(name)
        let (part, finished) = unpack(e, of: archive, sheet: s.name, path: path)
        var decoder = RowDecoder(file: name, fileIndex: UInt16(fileIndex), set: consume set, expectedRows: Int(e.uncompressedSize) / 400)
        let found = readSheet(UnsafeBufferPointer(part.buffer), unpacking: part, book: book, name: name, decoder: &decoder)
        // the unpacking ends (stopped, when the sheet's reading stopped early) before its buffer goes
        part.cancel()
        finished.wait()
        set = decoder.set
        if let failure = part.failure { throw failure }
        var report = decoder.report
        if !found {
            // a sheet without a NIP column (a cover, a summary) is said, not read
            report.warn(RowIssue(file: name, line: 1, column: 1,
                                 reason: "sheet '\(s.name)' has no row with a NIP column among its first \(headerSearchRows) rows; it is not read"))
        }
        return (found, report)
    }

    /// Starts unpacking a sheet on another thread while its rows are read on this one (inflating
    /// is a quarter of reading a workbook, one core's work); the semaphore is signalled when the
    /// unpacking has ended.
    static func unpack(_ e: Entry, of archive: Archive, sheet: String, path: String) -> (UnpackingPart, DispatchSemaphore) {
        let part = UnpackingPart(capacity: Int(e.uncompressedSize))
        nonisolated(unsafe) let unpacker = archive, entry = e
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                _ = try unpacker.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { piece in
                    guard part.append(piece) else { throw CancellationError() }
                }
                part.finish(nil)
            } catch {
                part.finish(part.overflowed
                    ? InputError(.tooLarge, file: path, "its sheet '\(sheet)' unpacks to more than the \(entry.uncompressedSize) bytes it states", advice: "Open it in Excel or LibreOffice and save it again.")
                    : part.cancelled ? nil : InputError(.malformed, file: path, "its sheet '\(sheet)' cannot be unpacked (\(error))", advice: "Open it in Excel or LibreOffice and save it again."))
            }
            finished.signal()
        }
        return (part, finished)
    }

    /// Rows looked at for the header.
    static let headerSearchRows = 50

    static func entry(_ archive: Archive, _ name: String, path: String) throws(InputError) -> [UInt8] {
        guard let e = archive[name] else {
            throw InputError(.malformed, file: path, "is a ZIP file without \(name): not an Excel workbook, or a damaged one",
                             advice: "Open it in Excel or LibreOffice and save it again as .xlsx, or as CSV (UTF-8).")
        }
        // a part is unpacked into memory: its size as the archive states it is checked first, and
        // what it really unpacks to as it comes (a hostile archive may state less)
        guard e.uncompressedSize <= UInt64(InputDecoding.maxInflated) else {
            throw InputError(.tooLarge, file: path, "its part \(name) unpacks to \(e.uncompressedSize >> 30) GiB, over the limit of \(InputDecoding.maxInflated >> 30) GiB",
                             advice: "Split the workbook, or save its sheets as CSV.")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(e.uncompressedSize, 1 << 30)))
        do {
            _ = try archive.extract(e, bufferSize: 1 << 20, skipCRC32: true) { piece in
                guard out.count + piece.count <= InputDecoding.maxInflated else { throw InputError(.tooLarge, file: path, "its part \(name) unpacks to more than \(InputDecoding.maxInflated >> 30) GiB", advice: "Split the workbook, or save its sheets as CSV.") }
                out.append(contentsOf: piece)
            }
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError(.malformed, file: path, "its part \(name) cannot be unpacked (\(error))",
                             advice: "Open it in Excel or LibreOffice and save it again.")
        }
        return out
    }

    static func workbook(_ archive: Archive, path: String) throws(InputError) -> Workbook {
        let wb = try entry(archive, "xl/workbook.xml", path: path)
        let rels = (try? entry(archive, "xl/_rels/workbook.xml.rels", path: path)) ?? []
        var targets: [String: String] = [:]
        for a in SheetXML.elements(rels, named: "Relationship") {
            if let id = a["Id"], let t = a["Target"] {
                // relative to xl/, or absolute from the package root
                targets[id] = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
            }
        }
        var sheets: [Sheet] = []
        for (n, a) in SheetXML.elements(wb, named: "sheet").enumerated() {
            let id = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
            sheets.append(Sheet(name: a["name"] ?? "Sheet\(n + 1)", path: targets[id] ?? "xl/worksheets/sheet\(n + 1).xml"))
        }
        let pr = SheetXML.elements(wb, named: "workbookPr").first
        let date1904 = pr?["date1904"].map { $0 == "1" || $0 == "true" } ?? false
        var strings: [[UInt8]] = []
        if archive["xl/sharedStrings.xml"] != nil {
            strings = SheetXML.sharedStrings(try entry(archive, "xl/sharedStrings.xml", path: path))
        }
        var dateStyles: [Bool] = []
        if archive["xl/styles.xml"] != nil {
            dateStyles = SheetXML.dateStyles(try entry(archive, "xl/styles.xml", path: path))
        }
        return Workbook(sheets: sheets, date1904: date1904, sharedStrings: strings, dateStyles: dateStyles)
    }

    /// Reads one sheet's rows into `decoder`; false when no header row was found.
    /// - Parameter unpacking: the sheet's bytes still arriving in `xml` (its whole room); nil: all
    ///   there. Rows are read as far as the last whole row that has arrived.
    static func readSheet(_ xml: UnsafeBufferPointer<UInt8>, unpacking part: UnpackingPart? = nil, book: Workbook, name: String,
                          decoder: inout RowDecoder) -> Bool {
        var position = 0, lastRow = 0, end = 0, seen = 0
        var state = SheetState()
        while true {
            var done = true
            if let part {
                let (available, finished) = part.wait(beyond: seen)
                seen = available
                done = finished
                end = finished ? available : SheetXML.afterLastRowEnd(xml, from: end, before: available)
            } else {
                end = xml.count
            }
            var scanner = SheetXML.Scanner(UnsafeBufferPointer(rebasing: xml[0..<end]))
            scanner.i = position
            scanner.lastRow = lastRow
            if !readRows(&scanner, state: &state, book: book, name: name, decoder: &decoder) { return false }
            position = scanner.i
            lastRow = scanner.lastRow
            if done { break }
        }
        return state.header != nil
    }

    /// What reading a sheet has learnt so far: its header and the columns that matter.
    struct SheetState {
        var header: HeaderMap?
        var width = 0
        var nipColumn = -1
        var dateColumns = Set<Int>()
        var rowsSeen = 0
    }

    /// The rows the scanner can see, into `decoder`; false when the header was not found in time.
    static func readRows(_ scanner: inout SheetXML.Scanner, state: inout SheetState, book: Workbook, name: String,
                         decoder: inout RowDecoder) -> Bool {
        let schema = TransferReader.schema
        var header = state.header
        var width = state.width, nipColumn = state.nipColumn, dateColumns = state.dateColumns, rowsSeen = state.rowsSeen
        defer { state = SheetState(header: header, width: width, nipColumn: nipColumn, dateColumns: dateColumns, rowsSeen: rowsSeen) }
        var rowBytes: [UInt8] = []
        var spans: [FieldSpan] = []
        var cells: [SheetXML.Cell] = []
        while let rowNumber = scanner.nextRow(into: &cells) {
            rowsSeen += 1
            guard header != nil else {
                // title rows above the header: the first row that maps a NIP column is the header
                if rowsSeen > headerSearchRows { return false }
                let texts = cellTexts(cells, book: book, width: (cells.map(\.column).max() ?? -1) + 1, dateColumns: [])
                guard texts.contains(where: { schema.index(of: $0) == TransferReader.Col.nip.rawValue }) else { continue }
                let m: HeaderMap
                do { m = try HeaderMap(headers: texts, schema: schema, file: name, line: rowNumber) } catch {
                    decoder.report.warn(RowIssue(file: name, line: rowNumber, column: 1, reason: "a header row here cannot be used: \(error.message)"))
                    return false
                }
                header = m
                width = m.width
                nipColumn = m.position[TransferReader.Col.nip.rawValue] ?? -1
                for c in [TransferReader.Col.decreeDate, .effectiveDate] { if let p = m.position[c.rawValue] { dateColumns.insert(p) } }
                decoder.setHeader(m)
                TransferReader.noteHeader(m, names: texts, file: name, line: rowNumber, report: &decoder.report)
                continue
            }
            if cells.allSatisfy({ $0.isEmpty }) { decoder.blank(); continue }
            if let nipCell = cells.first(where: { $0.column == nipColumn }), nipCell.kind == .number {
                decoder.reject(RowIssue(file: name, line: rowNumber, column: nipColumn + 1,
                                        reason: "the NIP is stored as a number: Excel keeps 15 digits, so its last digits are lost; format the NIP column as text and type or paste the NIPs again from the source"))
                continue
            }
            if let beyond = cells.first(where: { $0.column >= width && !$0.isEmpty }) {
                decoder.reject(RowIssue(file: name, line: rowNumber, column: beyond.column + 1,
                                        reason: "a value in column \(SheetXML.columnLetters(beyond.column)), right of the header's last column; give the column a header"))
                continue
            }
            rowBytes.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            for _ in 0..<width { spans.append(FieldSpan(start: 0, end: 0, quoted: true, hasEscapedQuote: false, trailingJunk: false)) }
            for c in cells where c.column < width {
                let s = rowBytes.count
                appendText(of: c, xml: scanner.b, book: book, asDate: dateColumns.contains(c.column), into: &rowBytes)
                spans[c.column] = FieldSpan(start: s, end: rowBytes.count, quoted: false, hasEscapedQuote: false, trailingJunk: false)
            }
            rowBytes.withUnsafeBufferPointer { rb in
                var cursor = RowCursor(bytes: rb)
                cursor.bytesOutliveRow = false
                cursor.spans = spans
                decoder.row(&cursor, line: rowNumber)
            }
        }
        return true
    }

    static func cellTexts(_ cells: [SheetXML.Cell], book: Workbook, width: Int, dateColumns: Set<Int>) -> [String] {
        var out = [String](repeating: "", count: width)
        for c in cells where c.column < width {
            var bytes: [UInt8] = []
            c.withValue { v in appendText(kind: c.kind, style: c.style, value: v, book: book, asDate: dateColumns.contains(c.column), into: &bytes) }
            out[c.column] = String(decoding: bytes, as: UTF8.self)
        }
        return out
    }

    static func appendText(of c: SheetXML.Cell, xml: UnsafeBufferPointer<UInt8>, book: Workbook, asDate: Bool, into out: inout [UInt8]) {
        c.withValue { v in appendText(kind: c.kind, style: c.style, value: v, book: book, asDate: asDate, into: &out) }
    }

    /// A cell's text as a CSV field would hold it: a shared string looked up, an inline string
    /// unescaped, a date as `YYYY-MM-DD`, a number as Excel wrote it.
    static func appendText(kind: SheetXML.Cell.Kind, style: Int, value v: UnsafeBufferPointer<UInt8>, book: Workbook, asDate: Bool, into out: inout [UInt8]) {
        switch kind {
        case .shared:
            var i = 0
            for b in v { guard b >= 48 && b <= 57 else { return }; i = i * 10 + Int(b - 48) }
            if i < book.sharedStrings.count { out += book.sharedStrings[i] }
        case .inline, .text, .error, .boolean:
            SheetXML.unescape(v, into: &out)
        case .isoDate:
            out += v.prefix(10)
        case .number:
            let isDate = asDate || (style < book.dateStyles.count && book.dateStyles[style])
            if isDate, let serial = SheetXML.number(v), let day = SheetXML.day(serial: serial, date1904: book.date1904) {
                out += Array(day.iso.utf8)
            } else {
                out += v
            }
        }
    }
}

/// A part of a workbook unpacked on one thread while another reads it: the reader waits for the
/// bytes it needs, the unpacker never waits.
final class UnpackingPart: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private let condition = NSCondition()
    private var available = 0
    private var finished = false
    private(set) var failure: InputError?
    private(set) var overflowed = false
    private(set) var cancelled = false
    /// Bytes a reader waits for at least, unless the part ends first: waking for each 1 MiB
    /// piece would be a wake-up per few thousand rows.
    static let step = 4 << 20

    init(capacity: Int) {
        buffer = .allocate(capacity: max(capacity, 1))
    }

    deinit { buffer.deallocate() }

    /// Adds a piece; false when it does not fit the stated size or the reader stopped.
    func append(_ piece: Data) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { return false }
        guard available + piece.count <= buffer.count else { overflowed = true; return false }
        piece.withUnsafeBytes { p in
            if let base = p.baseAddress { memcpy(buffer.baseAddress! + available, base, p.count) }
        }
        available += piece.count
        if available % UnpackingPart.step < piece.count || available == buffer.count { condition.broadcast() }
        return true
    }

    func finish(_ error: InputError?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Asks the unpacker to stop at its next piece.
    func cancel() {
        condition.lock()
        if !finished { cancelled = true }
        condition.unlock()
    }

    /// Waits until at least `step` bytes more than `seen` have arrived, or the part has ended;
    /// returns what has arrived and whether that is all.
    func wait(beyond seen: Int) -> (available: Int, finished: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while !finished && available < min(seen + UnpackingPart.step, buffer.count) { condition.wait() }
        return (available, finished)
    }
}

/// The little of XML that workbooks need, read as bytes.
enum SheetXML {
    /// Where the bytes after the last `</row>` in `b[from..<before]` start (`from` when none): a
    /// reader of a sheet still arriving reads whole rows only.
    static func afterLastRowEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int, before: Int) -> Int {
        var k = before - 6
        while k >= from {
            if b[k] == 0x3C && b[k + 1] == 0x2F && b[k + 2] == 0x72 && b[k + 3] == 0x6F && b[k + 4] == 0x77 && b[k + 5] == 0x3E { return k + 6 }
            k -= 1
        }
        return from
    }

    /// One cell of a row: its column (from 0), its type, its style, and where its value's bytes are.
    struct Cell {
        enum Kind {
            case number, shared, inline, text, boolean, error, isoDate

            /// The kind a `t` attribute's value names; by bytes: a String made for each of a
            /// million rows' cells was a third of reading.
            @inline(__always)
            init(type v: UnsafeBufferPointer<UInt8>) {
                switch v.first {
                case UInt8(ascii: "s"): self = v.count == 1 ? .shared : .text      // s, str
                case UInt8(ascii: "i"): self = .inline                             // inlineStr
                case UInt8(ascii: "b"): self = .boolean
                case UInt8(ascii: "e"): self = .error
                case UInt8(ascii: "d"): self = .isoDate
                default: self = .number
                }
            }
        }
        var column: Int
        var kind: Kind
        var style: Int
        /// The value's bytes (still escaped): in the sheet's XML, or copied for an inline string.
        var value: UnsafeBufferPointer<UInt8>
        var isEmpty: Bool { value.isEmpty }

        func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(value) }
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var lastRow = 0
        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        /// Finds `needle` from `i`; returns its start or nil.
        @inline(__always)
        func find(_ needle: StaticString, from: Int, until end: Int? = nil) -> Int? {
            let n = needle.utf8CodeUnitCount, p = needle.utf8Start
            let stop = (end ?? b.count) - n
            guard stop >= from, let base = b.baseAddress else { return nil }
            var k = from
            while k <= stop {
                // memchr for the first byte, then compare the rest
                guard let hit = memchr(base + k, Int32(p[0]), stop - k + 1) else { return nil }
                k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + k, p, n) == 0 { return k }
                k += 1
            }
            return nil
        }

        /// The next `<row>`'s cells and its number (1-based as Excel shows it), or nil at the end.
        mutating func nextRow(into cells: inout [Cell]) -> Int? {
            cells.removeAll(keepingCapacity: true)
            guard let (number, tagEnd) = nextRowTag() else { return nil }
            if b[tagEnd - 1] == 0x2F { i = tagEnd + 1; return number } // <row .../>
            // one pass over the row's elements, byte by byte: the hops between tags are a few
            // bytes, where a call to memchr per hop cost more than it saved
            var k = tagEnd + 1
            var nextColumn = 0
            let n = b.count
            while true {
                while k < n && b[k] != 0x3C { k += 1 }                     // '<'
                guard k + 5 < n else { i = n; return number }
                if b[k + 1] == 0x2F {                                     // '</': the row's end
                    i = k + 6
                    return number
                }
                guard b[k + 1] == 0x63, b[k + 2] == 0x20 || b[k + 2] == 0x3E || b[k + 2] == 0x2F else {
                    // another element in the row (extLst and the like): stepped over
                    k += 1
                    continue
                }
                // the cell's attributes r, t and s, read here: a function of their own was left a
                // call per cell by the optimizer (@inline(__always) or not), which cost instructions
                var column = nextColumn, kind = Cell.Kind.number, style = 0
                var a = k + 2
                while a < n && b[a] != 0x3E {
                    let name = b[a]
                    if (name == 0x72 || name == 0x74 || name == 0x73) && a + 2 < n && b[a + 1] == 0x3D && (b[a - 1] == 0x20 || b[a - 1] == 0x09 || b[a - 1] == 0x0A) {
                        let q = b[a + 2]
                        var e = a + 3
                        while e < n && b[e] != q { e += 1 }
                        let v = UnsafeBufferPointer(rebasing: b[(a + 3)..<min(e, n)])
                        switch name {
                        case 0x72: column = SheetXML.column(v) ?? nextColumn       // r
                        case 0x74: kind = Cell.Kind(type: v)                      // t
                        default: for d in v where d >= 48 && d <= 57 { style = style * 10 + Int(d - 48) }  // s
                        }
                        a = e + 1
                        continue
                    }
                    if b[a] == 0x22 || b[a] == 0x27 {
                        // another attribute's value: stepped over whole (it may hold '>')
                        let q = b[a]
                        a += 1
                        while a < n && b[a] != q { a += 1 }
                    }
                    a += 1
                }
                guard a < n else { i = n; return number }
                nextColumn = column + 1
                k = a + 1
                let value = b[a - 1] != 0x2F ? cellValue(from: &k, kind: kind) : UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                cells.append(Cell(column: column, kind: kind, style: style, value: value))
            }
        }

        /// Finds the next `<row>` tag from `i`: its number (the `r` attribute, else the last
        /// row's plus one, then kept in `lastRow`) and where the tag ends (its `>`).
        @inline(__always)
        mutating func nextRowTag() -> (number: Int, tagEnd: Int)? {
            while true {
                guard let r = find("<row", from: i) else { return nil }
                let after = r + 4
                guard after < b.count else { return nil }
                // `<row` and not `<rowBreaks` or the like
                if b[after] != 0x20 && b[after] != 0x3E && b[after] != 0x2F && b[after] != 0x09 && b[after] != 0x0A && b[after] != 0x0D { i = after; continue }
                guard let tagEnd = find(">", from: after) else { return nil }
                var number = lastRow + 1
                if let r = SheetXML.attribute("r", in: UnsafeBufferPointer(rebasing: b[after..<tagEnd])), !r.isEmpty, r.allSatisfy({ $0 >= 48 && $0 <= 57 }), r.count < 10 {
                    number = r.reduce(0) { $0 * 10 + Int($1 - 48) }
                }
                lastRow = number
                return (number, tagEnd)
            }
        }

        /// A cell's value from its content at `k` (after the tag): `<v>…</v>`, or an inline
        /// string's `<t>…</t>`, up to `</c>`; `k` is left after what was read.
        @inline(__always)
        func cellValue(from k: inout Int, kind: Cell.Kind) -> UnsafeBufferPointer<UInt8> {
            let n = b.count
            var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            while k + 3 < n {
                while k < n && b[k] != 0x3C { k += 1 }
                guard k + 3 < n else { break }
                if b[k + 1] == 0x2F && b[k + 2] == 0x63 && b[k + 3] == 0x3E { k += 4; break }   // </c>
                if b[k + 1] == 0x76 && b[k + 2] == 0x3E {                                       // <v>
                    var e = k + 3
                    while e < n && b[e] != 0x3C { e += 1 }
                    value = UnsafeBufferPointer(rebasing: b[(k + 3)..<e])
                    k = e
                    continue
                }
                if kind == .inline && b[k + 1] == 0x74 && (b[k + 2] == 0x3E || b[k + 2] == 0x20) && value.isEmpty {  // <t>
                    var s = k + 2
                    while s < n && b[s] != 0x3E { s += 1 }
                    if b[s - 1] != 0x2F, let e = find("</t>", from: s) {
                        value = UnsafeBufferPointer(rebasing: b[(s + 1)..<e])
                        k = e
                        continue
                    }
                }
                if b[k + 1] == 0x2F && b[k + 2] == 0x72 && b[k + 3] == 0x6F { break }   // </row> of a cell never closed
                k += 1
            }
            return value
        }
    }

    /// The value of attribute `name` in a tag's attribute text, or nil.
    static func attribute(_ name: StaticString, in a: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let n = name.utf8CodeUnitCount, p = name.utf8Start
        var k = 0
        while k + n + 2 < a.count {
            // at a name's start (after a space) that matches and is followed by =
            if (k == 0 || a[k - 1] == 0x20 || a[k - 1] == 0x09 || a[k - 1] == 0x0A || a[k - 1] == 0x0D),
               memcmp(a.baseAddress! + k, p, n) == 0, a[k + n] == UInt8(ascii: "=") {
                let q = a[k + n + 1]
                guard q == 0x22 || q == 0x27 else { return nil }
                var e = k + n + 2
                while e < a.count, a[e] != q { e += 1 }
                return UnsafeBufferPointer(rebasing: a[(k + n + 2)..<e])
            }
            k += 1
        }
        return nil
    }

    /// The column (from 0) of a cell reference like `AB12`.
    static func column(_ ref: UnsafeBufferPointer<UInt8>) -> Int? {
        var c = 0, letters = 0
        for x in ref {
            let u = x & ~0x20
            guard u >= 65 && u <= 90 else { break }
            c = c * 26 + Int(u - 64)
            letters += 1
        }
        return letters > 0 && letters <= 3 ? c - 1 : nil
    }

    /// `A`, `B`, … `Z`, `AA`, … for a column from 0.
    static func columnLetters(_ column: Int) -> String {
        var n = column + 1, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text with its entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#N;` `&#xN;`) and
    /// Excel's `_xHHHH_` escapes of control characters replaced.
    static func unescape(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var k = 0
        while k < v.count {
            let c = v[k]
            if c == UInt8(ascii: "&"), let semi = v[k...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: v[(k + 1)..<semi], as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch name {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    out += Array(String(scalar).utf8)
                    k = semi + 1
                    continue
                }
            }
            if c == UInt8(ascii: "_"), k + 6 < v.count, v[k + 1] == UInt8(ascii: "x"), v[k + 6] == UInt8(ascii: "_"),
               let code = UInt32(String(decoding: v[(k + 2)..<(k + 6)], as: UTF8.self), radix: 16), let s = Unicode.Scalar(code) {
                out += Array(String(s).utf8)
                k += 7
                continue
            }
            out.append(c)
            k += 1
        }
    }

    /// The attributes of every element `<name …>` in `xml` (small parts: workbook, relationships).
    static func elements(_ xml: [UInt8], named name: String) -> [[String: String]] {
        let text = String(decoding: xml, as: UTF8.self)
        var out: [[String: String]] = []
        var rest = text[...]
        while let r = rest.range(of: "<" + name) {
            let after = rest[r.upperBound...]
            guard let first = after.first, first == " " || first == "/" || first == ">" || first == "\n" || first == "\t" || first == "\r",
                  let end = after.firstIndex(of: ">") else { rest = after; continue }
            let attrs = after[..<end]
            var dict: [String: String] = [:]
            var s = attrs[...]
            while let eq = s.firstIndex(of: "=") {
                let key = s[..<eq].trimmingCharacters(in: .whitespacesAndNewlines)
                let afterEq = s[s.index(after: eq)...]
                guard let q = afterEq.first, q == "\"" || q == "'" else { break }
                let valueStart = afterEq.index(after: afterEq.startIndex)
                guard let close = afterEq[valueStart...].firstIndex(of: q) else { break }
                var bytes: [UInt8] = []
                let raw = Array(afterEq[valueStart..<close].utf8)
                raw.withUnsafeBufferPointer { unescape($0, into: &bytes) }
                dict[key] = String(decoding: bytes, as: UTF8.self)
                s = afterEq[afterEq.index(after: close)...]
            }
            out.append(dict)
            rest = after[end...]
        }
        return out
    }

    /// The shared strings: each `<si>`'s text, its runs' `<t>` joined (phonetic `<rPh>` left out).
    static func sharedStrings(_ xml: [UInt8]) -> [[UInt8]] {
        xml.withUnsafeBufferPointer { b in
            let sc = Scanner(b)
            var out: [[UInt8]] = []
            var k = 0
            while let si = sc.find("<si", from: k) {
                guard let end = sc.find("</si>", from: si) else {
                    // <si/>: an empty string
                    if let e = sc.find("/>", from: si) { out.append([]); k = e + 2; continue }
                    break
                }
                var text: [UInt8] = []
                var t = si
                let phonetic = sc.find("<rPh", from: si, until: end)
                while let open = sc.find("<t", from: t, until: end) {
                    let nb = b[open + 2]
                    guard let tagEnd = sc.find(">", from: open, until: end) else { break }
                    if (nb == 0x3E || nb == 0x20) && b[tagEnd - 1] != 0x2F && !(phonetic.map { open > $0 } ?? false) {
                        guard let close = sc.find("</t>", from: tagEnd, until: end) else { break }
                        unescape(UnsafeBufferPointer(rebasing: b[(tagEnd + 1)..<close]), into: &text)
                        t = close + 4
                    } else {
                        t = tagEnd + 1
                    }
                }
                out.append(text)
                k = end + 5
            }
            return out
        }
    }

    /// Per cell style (`cellXfs`' `xf`, in order): its number format shows a date. Built-in
    /// formats 14-22 and 45-47 are dates; a custom one is when its code has d, m or y outside
    /// quotes, brackets and escapes (`dd/mm/yyyy`, `d mmmm yyyy`), and no `0` or `#`.
    static func dateStyles(_ xml: [UInt8]) -> [Bool] {
        var custom: [Int: Bool] = [:]
        for f in elements(xml, named: "numFmt") {
            if let id = f["numFmtId"].flatMap({ Int($0) }), let code = f["formatCode"] { custom[id] = isDateFormat(code) }
        }
        // the xf elements inside cellXfs only (cellStyleXfs come before it)
        let text = String(decoding: xml, as: UTF8.self)
        guard let start = text.range(of: "<cellXfs"), let end = text.range(of: "</cellXfs>", range: start.upperBound..<text.endIndex) else { return [] }
        let part = Array(text[start.lowerBound..<end.upperBound].utf8)
        return elements(part, named: "xf").map { xf in
            guard let id = xf["numFmtId"].flatMap({ Int($0) }) else { return false }
            if let c = custom[id] { return c }
            return (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
        }
    }

    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false, sawDate = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            case "d", "m", "y": if !inQuote && !inBracket { sawDate = true }
            case "0", "#": if !inQuote && !inBracket { return false }
            default: break
            }
        }
        return sawDate
    }

    /// A cell's number: whole ones (a date's serial, nearly always) without making a String.
    static func number(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        if !v.isEmpty, v.count < 16, v.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return Double(v.reduce(0) { $0 * 10 + Int($1 - 48) })
        }
        return Double(String(decoding: v, as: UTF8.self))
    }

    /// The day of an Excel date serial (its time of day dropped): in the 1900 system day 1 is
    /// 1900-01-01 and Excel counts a 29 February 1900 that never was (serial 60); in the 1904
    /// system day 0 is 1904-01-01.
    static func day(serial: Double, date1904: Bool) -> Day? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if date1904 { return Day(year: 1904, month: 1, day: 1)?.adding(days: whole) }
        if whole == 60 { return nil }
        return Day(year: 1899, month: 12, day: whole < 60 ? 31 : 30)?.adding(days: whole)
    }
}
