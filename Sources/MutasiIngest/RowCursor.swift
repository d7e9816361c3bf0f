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
