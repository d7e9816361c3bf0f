import Foundation
import MutasiSupport
import MutasiModel

/// The columns a kind of file has: canonical names, the header names accepted for each, and which
/// are required. Header matching keeps letters and digits only, lower-cased: `No. SK`, `NO_SK`,
/// `no sk` and `NoSK` are one header.
struct TableSchema {
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
    }

    let what: String
    let columns: [Column]
    /// Headers known and kept as extra columns (attributes), not used by any check: named as such
    /// in the mapping, not as unknown.
    var knownExtras: [String] = []

    /// Letters and digits of `header`, lower-cased (so case, spaces, `_`, `-`, `.`, `/` and a BOM
    /// do not count).
    static func normalise(_ header: String) -> String {
        var out = ""
        for u in header.unicodeScalars where u.properties.isAlphabetic || u.properties.numericType == .decimal {
            out.unicodeScalars.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }

    func index(of header: String) -> Int? {
        let key = TableSchema.normalise(header)
        guard !key.isEmpty else { return nil }
        return columns.firstIndex { c in TableSchema.normalise(c.name) == key || c.aliases.contains { TableSchema.normalise($0) == key } }
    }

    func isKnownExtra(_ header: String) -> Bool {
        let key = TableSchema.normalise(header)
        return knownExtras.contains { TableSchema.normalise($0) == key }
    }
}

/// How one file's header was read: each column's header text and the field it feeds (nil: kept
/// as an extra column only), and the optional fields it lacks, with what that costs.
public struct ColumnMapping: Sendable, Codable, Equatable {
    public struct Column: Sendable, Codable, Equatable {
        /// From 1.
        public var column: Int
        public var header: String
        /// The field it is read as (`signed_by`, `to_unit`, ...); nil when no field: kept as an
        /// extra column (an attribute) and used by no check.
        public var field: String?
        /// An extra column the tool knows (Golongan, Pangkat), as opposed to one it does not.
        public var knownExtra: Bool

        public init(column: Int, header: String, field: String?, knownExtra: Bool = false) {
            self.column = column; self.header = header; self.field = field; self.knownExtra = knownExtra
        }
    }

    public var file: String
    /// The header's line (1 for most files; a sheet's row for a workbook).
    public var line: Int
    public var columns: [Column]
    /// Optional fields no column feeds, each with what is lost without it.
    public var missing: [String]

    public init(file: String, line: Int, columns: [Column], missing: [String]) {
        self.file = file; self.line = line; self.columns = columns; self.missing = missing
    }

    /// The columns read as no field.
    public var unmapped: [Column] { columns.filter { $0.field == nil } }
}

/// An accepted header: for each schema column, the file column it is in (or nil), and the extra
/// columns kept as attributes.
struct HeaderMap {
    /// schema column -> 0-based file column
    var position: [Int?]
    /// (file column, header text) of columns the schema does not know
    var extras: [(Int, String)]
    var width: Int

    init(headers: [String], schema: TableSchema, file: String, line: Int) throws(InputError) {
        position = Array(repeating: nil, count: schema.columns.count)
        extras = []
        width = headers.count
        for (i, h) in headers.enumerated() {
            let name = h.trimmed
            if let s = schema.index(of: name) {
                if let first = position[s] {
                    throw InputError(.malformed, at: SourceLocation(file: file, line: line, column: i + 1),
                                     "columns \(first + 1) ('\(headers[first].trimmed)') and \(i + 1) ('\(name)') both mean \(schema.columns[s].name)",
                                     advice: "Remove or rename one of them.")
                }
                position[s] = i
            } else if !name.isEmpty {
                extras.append((i, name))
            }
        }
        for (s, c) in schema.columns.enumerated() where c.required && position[s] == nil {
            let names = ([c.name] + c.aliases).joined(separator: ", ")
            // the header line's start: columns count from 1, and the missing one has no place yet
            throw InputError(.missingField, at: SourceLocation(file: file, line: line, column: 1),
                             "the \(schema.what) has no \(c.name) column (header: \(HeaderMap.shown(headers)))",
                             advice: "Add a column named one of: \(names).")
        }
    }

    /// A header as a message quotes it: each name trimmed, at most 12 of them and 60 characters
    /// each (a binary file read as text has no header worth quoting whole).
    static func shown(_ headers: [String]) -> String {
        let names = headers.prefix(12).map { h -> String in
            let t = h.trimmed
            return t.count > 60 ? String(t.prefix(60)) + "…" : t
        }
        return names.joined(separator: ", ") + (headers.count > 12 ? ", … (\(headers.count) columns)" : "")
    }

    /// Header text to field, for `validate --show-mapping` and the report's methods.
    func mapping(headers: [String], schema: TableSchema, file: String, line: Int, costs: [(field: Int, cost: String)]) -> ColumnMapping {
        var columns: [ColumnMapping.Column] = []
        var fieldOf = [Int: String]()
        for (s, p) in position.enumerated() { if let p { fieldOf[p] = schema.columns[s].name } }
        for (i, h) in headers.enumerated() {
            let name = h.trimmed
            if name.isEmpty && fieldOf[i] == nil { continue }
            columns.append(.init(column: i + 1, header: name, field: fieldOf[i], knownExtra: fieldOf[i] == nil && schema.isKnownExtra(name)))
        }
        let missing = costs.filter { position[$0.field] == nil }.map { c in
            let col = schema.columns[c.field]
            return "no \(col.name) column (\(([col.name] + col.aliases.prefix(4)).joined(separator: ", ")), …): \(c.cost)"
        }
        return ColumnMapping(file: file, line: line, columns: columns, missing: missing)
    }
}

/// Turns field bytes into text: UTF-8 when valid; otherwise Windows-1252, the usual encoding of
/// older Excel exports, with a warning. NUL and other C0 control bytes (but tab and line breaks)
/// are removed with a warning.
enum TextDecoding {
    enum Repair: UInt8 { case none = 0, windows1252 = 1, controlRemoved = 2, both = 3 }

    static func decode(_ p: UnsafeBufferPointer<UInt8>) -> (String, Repair) {
        var hasControl = false
        for c in p where c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { hasControl = true; break }
        guard hasControl else {
            return decodeText(p, control: false)
        }
        let cleaned = p.filter { !($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) }
        return cleaned.withUnsafeBufferPointer { decodeText($0, control: true) }
    }

    private static func decodeText(_ bytes: UnsafeBufferPointer<UInt8>, control: Bool) -> (String, Repair) {
        if let s = UTF8Bytes.string(bytes) {
            return (s, control ? .controlRemoved : .none)
        }
        var s = ""
        s.unicodeScalars.reserveCapacity(bytes.count)
        for c in bytes { s.unicodeScalars.append(windows1252(c)) }
        return (s, control ? .both : .windows1252)
    }

    static func windows1252(_ c: UInt8) -> Unicode.Scalar {
        if c < 0x80 || c >= 0xA0 { return Unicode.Scalar(c) }
        let table: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                               0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        return Unicode.Scalar(table[Int(c) - 0x80]) ?? "\u{FFFD}"
    }

    static func describe(_ r: Repair) -> String {
        switch r {
        case .none: return ""
        case .windows1252: return "text is not valid UTF-8; read as Windows-1252"
        case .controlRemoved: return "control characters (e.g. NUL) removed from the text"
        case .both: return "text is not valid UTF-8 (read as Windows-1252) and had control characters, removed"
        }
    }
}

/// Interns field bytes into a `StringTable` without making a `String`: units, positions, signers
/// and regions repeat thousands of times in a national file, and only the first occurrence is
/// copied into the table. (Text that must be repaired is made a `String` once, to repair it.)
///
/// Text that is already what it reads as (valid UTF-8, no control bytes, no leading `'`) is looked
/// up by its bytes in the table itself: one probe. Other bytes (a Windows-1252 export, a NUL, our
/// own CSV's text marker) go through a side table keyed by the raw bytes, which remembers what
/// they became and what was repaired, so every row with such a value gets its warning.
///
/// The side table is laid out for cache misses: a slot holds 32 bits of the hash beside the entry
/// number, so a probe past other values reads nothing else, and an entry's fields sit together
/// (one miss), then its bytes in the arena (one more).
struct ByteInterner {
    private struct Entry {
        var offset: Int
        var length: Int32
        var symbol: Symbol
        var repair: TextDecoding.Repair
    }

    /// hash bits << 32 | (entry + 1); 0 is empty
    private var slots: [UInt64]
    private var mask: Int
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    init(capacity: Int = 1 << 12) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = Array(repeating: 0, count: c)
        mask = c - 1
        entries.reserveCapacity(capacity)
    }

    /// The symbol for these bytes, and how the text had to be repaired (every time it is used,
    /// so every row with a bad value gets its warning).
    @inline(__always)
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, into table: inout StringTable) -> (Symbol, TextDecoding.Repair) {
        if p.isEmpty { return (.empty, .none) }
        let (h, control) = FastHash.bytesCheckingControl(p)
        if p[0] != UInt8(ascii: "'") && !control, let sym = table.intern(utf8: p, hash: h) {
            return (sym, .none)
        }
        return repaired(p, hash: h, into: &table)
    }

    /// Text that is not valid UTF-8, holds control bytes or starts with the text marker `'`:
    /// decoded once per distinct spelling. Kept out of line, so that the usual path above is
    /// small enough to sit in its callers.
    @inline(never)
    private mutating func repaired(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt64, into table: inout StringTable) -> (Symbol, TextDecoding.Repair) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[i]
            if e == 0 { break }
            if e & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = entries[Int(e & 0xFFFF_FFFF) - 1]
                if Int(entry.length) == p.count {
                    let same = arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + entry.offset, p.baseAddress!, p.count) == 0 }
                    if same { return (entry.symbol, entry.repair) }
                }
            }
            i = (i + 1) & mask
        }
        let (decoded, repair) = TextDecoding.decode(p)
        // a leading ' before = + - @ is the text marker of our own (and a spreadsheet's) CSV
        // outputs, not part of the value
        let text = p[0] == UInt8(ascii: "'") ? CSVOutput.plain(decoded) : decoded
        let sym = table.intern(text)
        entries.append(Entry(offset: arena.count, length: Int32(p.count), symbol: sym, repair: repair))
        arena.append(contentsOf: p)
        slots[i] = tag | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return (sym, repair)
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = Array(repeating: 0, count: c)
        mask = c - 1
        for (n, e) in entries.enumerated() {
            let h = arena.withUnsafeBufferPointer { a in
                FastHash.bytes(UnsafeBufferPointer(start: a.baseAddress! + e.offset, count: Int(e.length)))
            }
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = h & 0xFFFF_FFFF_0000_0000 | UInt64(n + 1)
        }
    }
}

/// Date forms found in decrees: `2024-05-21` (optionally followed by a time), `21/05/2024`,
/// `21-05-2024`, `21.05.2024`, `21 Mei 2024`, `21 May 2024`, `21-Mei-2024`.
enum DateBytes {
    /// Year and month of the `YYYY-MM-` at `s` (dashes already checked, ten bytes there), read as
    /// one word with its dashes made zeros: the eight digits `YYYY0MM0`. Nil when one is no digit.
    @inline(__always)
    static func yearMonth(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> (year: Int, month: Int)? {
        let w = UnsafeRawPointer(raw.baseAddress! + s).loadUnaligned(as: UInt64.self)
        let zeroDashes = UInt64(littleEndian: 0x3000_0030_0000_0000), dashes = UInt64(littleEndian: 0xFF00_00FF_0000_0000)
        guard let ym = ASCIIDigits.eight(w & ~dashes | zeroDashes) else { return nil }
        return (Int(ym / 10_000), Int(ym / 10 % 1_000))
    }

    /// The two digits at `i` as a number, or nil.
    @inline(__always)
    static func twoDigits(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let d0 = raw[i] &- 48, d1 = raw[i + 1] &- 48
        // a byte below "0" wraps around past 9, so one test a digit
        guard d0 < 10 && d1 < 10 else { return nil }
        return Int(d0) * 10 + Int(d1)
    }

    /// The date whose `YYYY-MM-DD` starts at `s` (dashes already checked, ten bytes there), or nil.
    static func iso(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> Day? {
        guard let (year, month) = yearMonth(raw, at: s), let day = twoDigits(raw, at: s + 8) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// For the `YYYY-MM-` at `s` (dashes checked): the month's first day << 8 | its length in
    /// days; nil for an impossible month or bytes that are not digits.
    static func month(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> Int64? {
        guard let (year, month) = yearMonth(raw, at: s), let first = Day(year: year, month: month, day: 1) else { return nil }
        return Int64(first.daysSinceEpoch) << 8 | Int64(Day.daysIn(month: month, year: year))
    }

    static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Day? {
        var s = 0, e = raw.count
        while s < e, raw[s] == 0x20 || raw[s] == 0x09 { s += 1 }
        while e > s, raw[e - 1] == 0x20 || raw[e - 1] == 0x09 { e -= 1 }
        let n = e - s
        guard n >= 8 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(raw[i]) - 48
            return d >= 0 && d <= 9 ? d : nil
        }
        // ISO: YYYY-MM-DD[ time]
        if n >= 10, raw[s + 4] == UInt8(ascii: "-"), raw[s + 7] == UInt8(ascii: "-") {
            guard n == 10 || raw[s + 10] == 0x20 || raw[s + 10] == UInt8(ascii: "T") else { return nil }
            return iso(raw, at: s)
        }
        // D[D] sep (M[M] | month name) sep YYYY
        var i = s
        var day = 0, dd = 0
        while i < e, let d = digit(i), dd < 2 { day = day * 10 + d; dd += 1; i += 1 }
        guard dd > 0, i < e else { return nil }
        let sep = raw[i]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") || sep == 0x20 else { return nil }
        while i < e, raw[i] == sep { i += 1 }
        var month = 0
        if i < e, digit(i) != nil {
            var md = 0
            while i < e, let d = digit(i), md < 2 { month = month * 10 + d; md += 1; i += 1 }
        } else {
            let ws = i
            while i < e, (raw[i] | 0x20) >= UInt8(ascii: "a"), (raw[i] | 0x20) <= UInt8(ascii: "z") { i += 1 }
            guard i > ws else { return nil }
            var word = ""
            for k in ws..<i { word.unicodeScalars.append(Unicode.Scalar(raw[k] | 0x20)) }
            guard let m = MonthNames.number[word] else { return nil }
            month = m
        }
        guard i < e, raw[i] == sep || (sep == 0x20 && raw[i] == 0x20) else { return nil }
        while i < e, raw[i] == sep { i += 1 }
        guard e - i >= 4, let y0 = digit(i), let y1 = digit(i + 1), let y2 = digit(i + 2), let y3 = digit(i + 3) else { return nil }
        i += 4
        guard i == e || raw[i] == 0x20 else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: month, day: day)
    }

    static func parse(_ s: String) -> Day? {
        var t = s
        return t.withUTF8 { parse($0) }
    }
}

/// Text of 1 to 16 bytes as two words and a length, for comparing with one test: the first and
/// the last eight bytes, overlapping (`FastHash.shortWord` for shorter text), so every byte counts
/// and no byte past the text is read.
struct ShortKey: Equatable {
    let first: UInt64, last: UInt64, count: Int

    @inline(__always)
    init?(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        guard n > 0, n <= 16, let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            first = FastHash.shortWord(p)
            last = 0
        }
        count = n
    }

    /// Empty: matches no text.
    static let none = ShortKey()
    private init() { first = 0; last = 0; count = 0 }

    var hash: Int {
        var h = first &* 0x9E37_79B9_7F4A_7C15 ^ last &* 0xBF58_476D_1CE4_E5B9 ^ UInt64(count)
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// What short texts parsed to, in a direct-mapped table: a decree file repeats a few thousand dates
/// and a dozen codes millions of times, and a hit costs one compare instead of a parse (the dates
/// alone were a twentieth of reading). A text that collides with another just parses again.
struct ShortTextCache<Value> {
    private var keys: [ShortKey]
    private var values: [Value]

    /// - Parameter slots: a power of two.
    init(slots: Int, placeholder: Value) {
        keys = Array(repeating: .none, count: slots)
        values = Array(repeating: placeholder, count: slots)
    }

    @inline(__always)
    func lookup(_ k: ShortKey) -> Value? {
        let i = k.hash & (keys.count - 1)
        return keys[i] == k ? values[i] : nil
    }

    mutating func store(_ k: ShortKey, _ v: Value) {
        let i = k.hash & (keys.count - 1)
        keys[i] = k
        values[i] = v
    }
}

/// `DateBytes.parse` through a `ShortTextCache`, except for `YYYY-MM-DD`, whose months are cached.
struct DateCache {
    private var cache = ShortTextCache<Day?>(slots: 8192, placeholder: nil)
    /// `YYYY-MM-` as loaded in a word (0: none) and that month's first day << 8 | its length, in
    /// 512 slots by the word's hash (8 KiB, in the core's first cache): a file's dates fall in a
    /// few hundred months, and working a date out whole costs far more, twice a row.
    private var months = [(key: UInt64, month: Int64)](repeating: (0, 0), count: 512)

    mutating func day(_ p: UnsafeBufferPointer<UInt8>) -> Day? {
        // `YYYY-MM-DD`, nearly every date of an export, is parsed at once: cheaper than the
        // text cache's table, which is 256 KiB and was not in the core's cache on most rows
        if p.count == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") { return iso(p) }
        guard let k = ShortKey(p) else { return DateBytes.parse(p) }
        if let hit = cache.lookup(k) { return hit }
        let d = DateBytes.parse(p)
        cache.store(k, d)
        return d
    }

    /// `YYYY-MM-DD` (dashes checked): the day of the month added to its month's first day.
    @inline(__always)
    private mutating func iso(_ p: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let day = DateBytes.twoDigits(p, at: 8) else { return nil }
        let w = UnsafeRawPointer(p.baseAddress!).loadUnaligned(as: UInt64.self)
        let slot = Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> 55)
        var month = months[slot].month
        if months[slot].key != w {
            // a month not seen yet, or one that shared the slot: worked out and kept (an
            // impossible month is a date that is no date)
            guard let m = DateBytes.month(p, at: 0) else { return nil }
            month = m
            months[slot] = (w, m)
        }
        guard day >= 1 && day <= month & 0xFF else { return nil }
        return Day(daysSinceEpoch: Int32(truncatingIfNeeded: month >> 8 + Int64(day) - 1))
    }
}

/// Parses a small vocabulary (kinds, echelons) once per distinct spelling: national files repeat
/// "mutasi" and "III.a" millions of times, and parsing them is string work.
struct CodeCache<T> {
    private var interner = ByteInterner(capacity: 64)
    private var table = StringTable()
    private var results: [T?] = [nil]
    private var recent = ShortTextCache<T?>(slots: 256, placeholder: nil)
    let parse: (String) -> T?

    init(parse: @escaping (String) -> T?) { self.parse = parse }

    /// The parsed value, or nil when the text is not in the vocabulary. Empty input is nil too.
    mutating func value(_ p: UnsafeBufferPointer<UInt8>) -> T? {
        let key = ShortKey(p)
        if let key, let hit = recent.lookup(key) { return hit }
        let v = parsed(p)
        if let key { recent.store(key, v) }
        return v
    }

    private mutating func parsed(_ p: UnsafeBufferPointer<UInt8>) -> T? {
        let (sym, _) = interner.intern(p, into: &table)
        let id = Int(sym.id)
        if id < results.count { return results[id] }
        while results.count <= id { results.append(nil) }
        results[id] = parse(table[sym])
        return results[id]
    }
}
