import Foundation
@_spi(Inlining) import MutasiSupport

/// Interns field bytes into a `StringTable` without making a `String`: units, positions, signers
/// and regions repeat thousands of times in a national file, and only the first occurrence is
/// copied into the table. (Text that must be repaired is made a `String` once, to repair it.)
///
/// Text that is already what it reads as (valid UTF-8, no control bytes, no leading `'`) is looked
/// up by its bytes in the table itself: one probe. Other bytes (a Windows-1252 export, a NUL, our
/// own CSV's text marker) go through a side table keyed by the raw bytes, which remembers what
/// they became and what was repaired, so every row with such a value gets its warning.
///
/// The side table is an `OpenTable` of entries whose fields sit together (one miss), then their
/// bytes in the arena (one more).
struct ByteInterner {
    private struct Entry {
        var offset: Int
        var length: Int32
        var symbol: Symbol
        var repair: TextDecoding.Repair
    }

    private var index: OpenTable
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    init(capacity: Int = 1 << 12) {
        index = OpenTable(capacity: capacity)
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
        let probe = entries.withUnsafeBufferPointer { entries in
            arena.withUnsafeBufferPointer { arena in
                index.find(hash: h) { n in
                    let e = entries[Int(n)]
                    return Int(e.length) == p.count && memcmp(arena.baseAddress! + e.offset, p.baseAddress!, p.count) == 0
                }
            }
        }
        let slot: Int
        switch probe {
        case .found(let n): return (entries[Int(n)].symbol, entries[Int(n)].repair)
        case .absent(let s): slot = s
        }
        let (decoded, repair) = TextDecoding.decode(p)
        // a leading ' before = + - @ is the text marker of our own (and a spreadsheet's) CSV
        // outputs, not part of the value
        let text = p[0] == UInt8(ascii: "'") ? CSVOutput.plain(decoded) : decoded
        let sym = table.intern(text)
        entries.append(Entry(offset: arena.count, length: Int32(p.count), symbol: sym, repair: repair))
        arena.append(contentsOf: p)
        if index.insert(UInt32(entries.count - 1), hash: h, at: slot) {
            let (entries, arena) = (self.entries, self.arena)
            index.grow { n in
                arena.withUnsafeBufferPointer { a in
                    FastHash.bytes(UnsafeBufferPointer(start: a.baseAddress! + entries[Int(n)].offset, count: Int(entries[Int(n)].length)))
                }
            }
        }
        return (sym, repair)
    }
}
