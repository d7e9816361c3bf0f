import CPlatform

/// Where one field's bytes are in the file: `start..<end` (without the surrounding quotes).
struct FieldSpan {
    var start: Int
    var end: Int
    /// The three flags below in one byte: a span is written once per field of every row, and
    /// three separate Bools were three stores.
    private var flags: UInt8

    init(start: Int, end: Int, quoted: Bool, hasEscapedQuote: Bool, trailingJunk: Bool) {
        self.start = start
        self.end = end
        flags = (quoted ? 1 : 0) | (hasEscapedQuote ? 2 : 0) | (trailingJunk ? 4 : 0)
    }

    /// The field was quoted; `""` inside must be unescaped when `hasEscapedQuote`.
    var quoted: Bool { flags & 1 != 0 }
    var hasEscapedQuote: Bool { flags & 2 != 0 }
    /// Text after a closing quote before the next delimiter (`"a"b`): malformed.
    var trailingJunk: Bool { flags & 4 != 0 }
}

/// RFC 4180 tokenizer over raw bytes: `,` `;` or tab, quoted fields with delimiters, `""` and line
/// breaks inside, LF, CRLF or CR line ends. It makes no strings: it yields field byte ranges and the
/// physical line each record starts on, so a reject can name the line a person sees in an editor.
///
/// Hostile input is bounded: fields past `maxFields` in one record are counted, not stored, and a
/// field longer than `maxFieldBytes` is flagged; memory stays O(maxFields) beyond the file map.
/// - Complexity: O(n) in the bytes, one pass.
struct CSVTokenizer {
    enum Record {
        /// A record: `fields` holds its spans (at most `maxFields`).
        case row(line: Int, fieldCount: Int, longestField: Int)
        /// A quote opened at `line`, field `column`, and the file ended inside it.
        case unterminatedQuote(line: Int, quoteLine: Int, column: Int)
    }

    static let maxFields = 10_000
    static let maxFieldBytes = 1 << 20

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position: Int
    private(set) var line: Int
    var fields: [FieldSpan] = []

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = start
        self.line = line
        fields.reserveCapacity(32)
    }

    var atEnd: Bool { position >= bytes.count }

    /// Where the last record began.
    private(set) var recordStart = 0
    private(set) var recordLine = 1

    /// Reads on from the physical line after the last record's first line: a record that was
    /// rejected after a quote ran over line breaks gives back the lines it swallowed, so each of
    /// them is read (and accepted or rejected) on its own instead of vanishing into one reject.
    mutating func rereadAfterFirstLine() {
        var pos = recordStart
        let n = bytes.count
        while pos < n && bytes[pos] != UInt8(ascii: "\n") && bytes[pos] != UInt8(ascii: "\r") { pos += 1 }
        if pos < n && bytes[pos] == UInt8(ascii: "\r") && pos + 1 < n && bytes[pos + 1] == UInt8(ascii: "\n") { pos += 1 }
        position = min(n, pos + 1)
        line = recordLine + 1
        passEnds(before: position)
    }

    mutating func next() -> Record? {
        guard position < bytes.count, bytes.baseAddress != nil else { return nil }
        // spans are held on the stack and go into `fields` together: an append per field, with
        // its uniqueness and capacity checks, was a large part of the tokenizer's work (32
        // spans, 768 bytes: Swift allocates more than 1 KiB of temporary space on the heap)
        return withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: 32) { held in
            var heldCount = 0, moved = 0
            let r = record(held, &heldCount, &moved)
            if moved == 0 && fields.count == heldCount {
                // as wide as the record before, as nearly every row is: written over its spans,
                // without emptying the array and filling it again
                fields.withUnsafeMutableBufferPointer { f in
                    for i in 0 ..< heldCount { f[i] = held[i] }
                }
            } else {
                if moved == 0 { fields.removeAll(keepingCapacity: true) }
                fields.append(contentsOf: UnsafeBufferPointer(rebasing: held[..<heldCount]))
            }
            return r
        }
    }

    /// Whether a field of the last record had text after its closing quote (`"a"b`).
    private(set) var recordHasJunk = false

    /// The record from `position`: its spans go into `held`, and into `fields` each time it
    /// fills (`moved` counting those).
    private mutating func record(_ held: UnsafeMutableBufferPointer<FieldSpan>, _ heldCount: inout Int, _ moved: inout Int) -> Record? {
        let n = bytes.count
        guard position < n, let b = bytes.baseAddress else { return nil }
        let startLine = line
        recordStart = position
        recordLine = line
        recordHasJunk = false
        var count = 0
        var longest = 0
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delim = delimiter
        var pos = position
        while true {
            // unquoted fields one after another, with the window and every counter in locals: the
            // general path below keeps them in memory across its branches, at more than twice the
            // cost a field
            if heldCount &+ 1 < held.count && count &+ 1 < CSVTokenizer.maxFields {
                var p = pos, pend = pending, win = window, ws = windowStart
                var hc = heldCount, cnt = count, lg = longest
                var rowEnd = false
                repeat {
                    if pend == 0 {
                        // no end left in the window: the next 64 bytes' (at most 64 from `p`)
                        let next = max(ws &+ 64, p)
                        guard next &+ 64 <= n else { break } // the input's last bytes: below
                        ws = next
                        win = mutasi_break_bits64(b + next, delim)
                        pend = win
                        continue
                    }
                    // a pending end lies at or after `p`, so `p` is inside the bytes
                    if b[p] == quote { break }
                    let end = ws &+ pend.trailingZeroBitCount
                    pend &= pend &- 1
                    held[hc] = FieldSpan(start: p, end: end, quoted: false, hasEscapedQuote: false, trailingJunk: false)
                    hc &+= 1
                    cnt &+= 1
                    lg = max(lg, end &- p)
                    let c = b[end]
                    p = end &+ 1
                    if c != delim {
                        if c == cr && p < n && b[p] == lf { p &+= 1 }
                        rowEnd = true
                        break
                    }
                } while hc &+ 1 < held.count && cnt &+ 1 < CSVTokenizer.maxFields
                pos = p
                window = win
                windowStart = ws
                pending = pend
                heldCount = hc
                count = cnt
                longest = lg
                if rowEnd {
                    line += 1
                    position = pos
                    passEnds(before: pos)
                    return .row(line: startLine, fieldCount: count, longestField: longest)
                }
            }
            var span: FieldSpan
            let quoted = pos < n && b[pos] == quote
            if quoted {
                let quoteLine = line
                pos += 1
                let contentStart = pos
                var escaped = false
                while true {
                    pos = CSVTokenizer.skipUntil(b, pos, n, quote, lf, cr)
                    if pos >= n {
                        position = n
                        return .unterminatedQuote(line: startLine, quoteLine: quoteLine, column: count + 1)
                    }
                    let c = b[pos]
                    if c == quote {
                        if pos + 1 < n && b[pos + 1] == quote {
                            escaped = true
                            pos += 2
                            continue
                        }
                        break
                    }
                    if c == lf {
                        line += 1
                    } else if c == cr && !(pos + 1 < n && b[pos + 1] == lf) {
                        line += 1
                    }
                    pos += 1
                }
                let contentEnd = pos
                pos += 1
                var junk = false
                while pos < n {
                    let c = b[pos]
                    if c == delim || c == lf || c == cr { break }
                    if c != 0x20 && c != 0x09 { junk = true }
                    pos += 1
                }
                span = FieldSpan(start: contentStart, end: contentEnd, quoted: true, hasEscapedQuote: escaped, trailingJunk: junk)
                if junk { recordHasJunk = true }
            } else {
                let s = pos
                pos = unquotedEnd(b, from: pos, n)
                span = FieldSpan(start: s, end: pos, quoted: false, hasEscapedQuote: false, trailingJunk: false)
            }
            // wrapping arithmetic: counts and lengths within a mapped file cannot overflow
            count &+= 1
            longest = max(longest, span.end &- span.start)
            if count <= CSVTokenizer.maxFields {
                if heldCount == held.count {
                    if moved == 0 { fields.removeAll(keepingCapacity: true) }
                    fields.append(contentsOf: UnsafeBufferPointer(held))
                    moved += heldCount
                    heldCount = 0
                }
                held[heldCount] = span
                heldCount &+= 1
            }
            if pos >= n {
                position = n
                return .row(line: startLine, fieldCount: count, longestField: longest)
            }
            let c = b[pos]
            pos += 1
            if c == delim {
                // a quoted field was read byte by byte: the window's ends inside it are passed
                if quoted { passEnds(before: pos) }
                continue
            }
            if c == cr && pos < n && b[pos] == lf { pos += 1 }
            line += 1
            position = pos
            passEnds(before: pos)
            return .row(line: startLine, fieldCount: count, longestField: longest)
        }
    }

    /// Where the delimiter, LF and CR bytes are in the 64 bytes from `windowStart`, one bit each
    /// (fewer bytes at the end of the input), and of those the ones not yet passed (`pending`).
    /// A row's unquoted fields end at the pending bits in turn, each found with one
    /// count-trailing-zeros and passed by clearing the lowest bit, so finding the next field does
    /// not wait on working out where this one began (a 16-byte block searched from each field's
    /// start did, with a shift and offsets per field). `window` describes bytes whatever the
    /// reading position; only `pending` follows it.
    private var windowStart = Int.min / 2
    private var window: UInt64 = 0
    private var pending: UInt64 = 0

    /// The end of an unquoted field starting at `start`, with no pending end before it: the first
    /// delimiter, LF or CR, or `n`.
    @inline(__always)
    private mutating func unquotedEnd(_ b: UnsafePointer<UInt8>, from start: Int, _ n: Int) -> Int {
        while true {
            if pending != 0 {
                let end = windowStart &+ pending.trailingZeroBitCount
                pending &= pending &- 1
                return end
            }
            // none left from `start` to the window's end
            let next = max(windowStart &+ 64, start)
            if next >= n { return n }
            loadWindow(b, at: next, n)
        }
    }

    /// Drops the pending ends before `pos`, after a quoted field or a line end read byte by byte.
    @inline(__always)
    private mutating func passEnds(before pos: Int) {
        let offset = pos &- windowStart
        if offset >= 0 && offset < 64 {
            pending = window & (~0 &<< UInt64(offset))
        } else {
            windowStart = Int.min / 2
            pending = 0
        }
    }

    private mutating func loadWindow(_ b: UnsafePointer<UInt8>, at start: Int, _ n: Int) {
        var bits: UInt64 = 0
        if start &+ 64 <= n {
            bits = mutasi_break_bits64(b + start, delimiter)
        } else {
            var i = start
            while i < n {
                let c = b[i]
                if c == delimiter || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { bits |= 1 &<< UInt64(i &- start) }
                i += 1
            }
        }
        windowStart = start
        window = bits
        pending = bits
    }

    /// The first position from `i` holding one of the three bytes, eight bytes at a time; where
    /// fewer than eight are left, the position to go on from byte by byte.
    @inline(__always)
    static func skipUntil(_ b: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ x: UInt8, _ y: UInt8, _ z: UInt8) -> Int {
        let raw = UnsafeRawPointer(b)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let px = UInt64(x) &* ones, py = UInt64(y) &* ones, pz = UInt64(z) &* ones
        var i = start
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let a = w ^ px, c = w ^ py, d = w ^ pz
            // a zero byte's high bit; bits above the first zero byte may be set too, never below
            let m = ((a &- ones) & ~a | (c &- ones) & ~c | (d &- ones) & ~d) & highs
            if m != 0 { return i + m.trailingZeroBitCount >> 3 }
            i += 8
        }
        return i
    }

    /// The delimiter of a header line: whichever of `,` `;` tab occurs most outside quotes
    /// (`,` when none does: a one-column file).
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var comma = 0, semi = 0, tab = 0
        var inQuote = false
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { inQuote.toggle() }
            else if !inQuote {
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
                if c == UInt8(ascii: ",") { comma += 1 }
                else if c == UInt8(ascii: ";") { semi += 1 }
                else if c == 0x09 { tab += 1 }
            }
            i += 1
        }
        if tab > comma && tab > semi { return 0x09 }
        if semi > comma { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
