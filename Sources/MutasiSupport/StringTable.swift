import CPlatform
import Foundation

/// An interned string: repeated text (units, positions, signers, regions, decree numbers) is stored
/// once, and records hold 4-byte ids. At national scale this is what keeps memory proportional to
/// people and decrees rather than to the file.
public struct Symbol: Hashable, Comparable, Sendable {
    public let id: UInt32
    @inlinable public init(id: UInt32) { self.id = id }
    /// The empty string; every table has it at id 0.
    @inlinable public static var empty: Symbol { Symbol(id: 0) }
    @inlinable public var isEmpty: Bool { id == 0 }
    @inlinable public static func < (a: Symbol, b: Symbol) -> Bool { a.id < b.id }
}

/// Owns the text behind `Symbol`s. Ids are dense, in first-seen order, starting with "" at 0.
///
/// Its index is an open-addressing table keyed by `FastHash` of the UTF-8 bytes: a national file
/// interns millions of names, and a `Dictionary<String, _>` spent a quarter of ingest time in
/// SipHash and in rehashing every string each time it grew. A slot holds 32 bits of the hash
/// beside where the text's copy is in `text`, so a probe past other strings reads nothing else
/// (they are cache misses), and a probe that matches reads one place: the copy's length, id and
/// bytes together (a file whose names and units change every row spent a fifth of its reading
/// waiting on a `String` and then its heap block). Reading looks text up by its bytes
/// (`intern(utf8:hash:)`).
///
/// That copy is the only one: a `String` is made when one is asked for (`self[symbol]`), not kept
/// for each text. Most texts of a national file (decree numbers, names) are never shown; keeping
/// a `String` for each took a quarter of reading's memory, on fresh pages the kernel clears.
public struct StringTable: Sendable {
    /// hash bits << 32 | (word of the text's entry in `text` + 1); 0 is an empty slot ("" is never
    /// in the table)
    @usableFromInline var slots = [UInt64](repeating: 0, count: 16)
    /// Each interned string but "", in id order: a word of id << 32 | length, then its UTF-8 in
    /// whole words, the last padded with zeros.
    @usableFromInline var text: [UInt64] = []
    /// Where each id's entry starts in `text`; id 0 ("") has none.
    private var entries: [UInt32] = [0]
    /// The slots to go to at once the first time the index must grow (0: double it): a file's
    /// table is indexed for at most a million texts up front, and for all it may hold only when it
    /// gets there.
    private var slotsOnGrowth = 0

    public init() {}

    public var count: Int { entries.count }

    /// Makes room for `n` more strings without growing the index on the way.
    public mutating func reserveCapacity(_ n: Int) {
        reserveCapacity(n, indexing: n)
    }

    /// Makes room for `n` more strings, and in the index for `m` of them. The lists take memory
    /// only as they are filled, so room for more than will come costs address space, not memory
    /// (unless the system refuses to promise memory it has not got: `vm.overcommit_memory=2` or a
    /// `ulimit -v`); the index's slots are all cleared when made.
    /// With `later`, the first time the index outgrows `m` strings it makes room for `later` at
    /// once instead of doubling on the way.
    package mutating func reserveCapacity(_ n: Int, indexing m: Int, thenIndexing later: Int = 0) {
        entries.reserveMore(n)
        // a name or a decree number: a word of length and id and three of text
        text.reserveMore(n * 4)
        reserveIndex(m)
        let c = slots(for: later)
        slotsOnGrowth = c > slots.count ? c : 0
    }

    /// Makes room in the index for `n` more strings.
    private mutating func reserveIndex(_ n: Int) {
        let c = slots(for: n)
        if c > slots.count { rebuild(c) }
    }

    /// The index's slots (a power of two) with room for `n` more strings, at most half full.
    private func slots(for n: Int) -> Int {
        var c = slots.count
        while c < (count + n) * 2 { c <<= 1 }
        return c
    }

    /// Back to "" alone, keeping the memory of the lists (`entries`, `text`) and the index.
    package mutating func removeAllKeepingCapacity() {
        entries.removeAll(keepingCapacity: true)
        entries.append(0)
        text.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    @discardableResult
    public mutating func intern(_ s: String) -> Symbol {
        if s.isEmpty { return .empty }
        return StringTable.utf8(of: s) { p in intern(valid: p, hash: FastHash.bytes(p)) }
    }

    /// Calls `body` with a string's UTF-8, read in place; through `withUTF8` on a copy only when it
    /// is not contiguous.
    @inline(__always)
    private static func utf8<R>(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }

    /// Interns every string of `other` but "" in id order and gives the symbols of all of them,
    /// "" included, by `other`'s ids: for taking in another table. Their bytes are read from
    /// `other`'s copies, one after another, and the index slots of a batch are prefetched together
    /// before it is interned, so that in a large table (millions of decree numbers) their cache
    /// misses overlap instead of coming one string at a time.
    package mutating func intern(all other: StringTable) -> [Symbol] {
        var out: [Symbol] = [.empty]
        out.reserveCapacity(other.count)
        // the index only: most of `other`'s texts are here already (a name in every part), and
        // room in the lists for all of them made the lists of a file's table grow, onto fresh
        // pages, well before they were full
        reserveIndex(other.count - 1)
        var batch = [(word: Int, hash: UInt64)](repeating: (0, 0), count: 32)
        other.text.withUnsafeBufferPointer { src in
            var w = 0
            while w < src.count {
                var n = 0
                while n < 32 && w < src.count {
                    let length = Int(src[w] & 0xFFFF_FFFF)
                    batch[n] = (w, FastHash.bytes(StringTable.bytes(src, w, length)))
                    w += 1 + (length + 7) >> 3
                    n += 1
                }
                for j in 0 ..< n { prefetch(hash: batch[j].hash) }
                for j in 0 ..< n {
                    let (word, h) = batch[j]
                    let header = src[word]
                    let p = StringTable.bytes(src, word, Int(header & 0xFFFF_FFFF))
                    // valid UTF-8: `other` took only that
                    out.append(intern(valid: p, hash: h))
                }
            }
        }
        return out
    }

    /// The UTF-8 of the entry at `word` of `text`.
    @inline(__always)
    private static func bytes(_ text: UnsafeBufferPointer<UInt64>, _ word: Int, _ length: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(text.baseAddress! + word + 1).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The symbol of the text whose UTF-8 is `p` (`h` its `FastHash`), adding it when new; nil,
    /// without adding anything, when `p` is new and not valid UTF-8.
    @inlinable @inline(__always)
    package mutating func intern(utf8 p: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Symbol? {
        if p.isEmpty { return .empty }
        switch find(p, hash: h) {
        case .found(let sym): return sym
        case .absent(let slot):
            guard UTF8Bytes.isValid(p) else { return nil }
            return insert(utf8: p, hash: h, slot: slot)
        }
    }

    /// The symbol of non-empty text whose UTF-8 is known to be valid (a String's, another
    /// table's), adding it when new.
    @inline(__always)
    private mutating func intern(valid p: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Symbol {
        switch find(p, hash: h) {
        case .found(let sym): return sym
        case .absent(let slot): return insert(utf8: p, hash: h, slot: slot)
        }
    }

    /// Whether the index is past what a core's second-level cache holds (2 MiB), so that
    /// prefetching a probe's slot pays for hashing ahead of it: a file's table, not a part's.
    @inlinable package var prefetchPays: Bool { slots.count >= 1 << 18 }

    /// Starts loading the index slot where a probe for the hash `h` begins, without waiting for it:
    /// in a table of millions of decree numbers that slot is a cache miss, which a probe made a
    /// row's work later finds already loaded.
    /// (`mutating` only so that the call does not copy the table: a copy's retains cost more than the rest)
    @inlinable @inline(__always)
    package mutating func prefetch(hash h: UInt64) {
        slots.withUnsafeMutableBufferPointer { mutasi_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: h) & ($0.count - 1))) }
    }

    /// The symbol of `s` if it was interned, without adding it.
    public func lookup(_ s: String) -> Symbol? {
        if s.isEmpty { return .empty }
        return StringTable.utf8(of: s) { p in
            if case .found(let sym) = find(p, hash: FastHash.bytes(p)) { return sym }
            return nil
        }
    }

    @usableFromInline enum Probe { case found(Symbol), absent(slot: Int) }

    /// The symbol of the text whose UTF-8 is `p`, or the empty slot where it would go.
    @inlinable @inline(__always)
    func find(_ p: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Probe {
        let tag = h & 0xFFFF_FFFF_0000_0000
        return text.withUnsafeBufferPointer { text in
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let e = slots[i]
                    if e == 0 { return .absent(slot: i) }
                    if e & 0xFFFF_FFFF_0000_0000 == tag {
                        let word = Int(e & 0xFFFF_FFFF) - 1
                        let header = text[word]
                        if Int(header & 0xFFFF_FFFF) == p.count,
                           SameBytes.equal(UnsafeRawPointer(text.baseAddress! + word + 1), p.baseAddress!, p.count) {
                            return .found(Symbol(id: UInt32(truncatingIfNeeded: header >> 32)))
                        }
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Adds the text whose UTF-8 (valid) is `p` at the empty `slot` of its hash `h`.
    @usableFromInline mutating func insert(utf8 p: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot: Int) -> Symbol {
        let id = count
        let word = text.count
        // the index keeps a word's position in 32 bits: 32 GiB of text
        precondition(word < Int(UInt32.max) && p.count <= Int(UInt32.max), "more text than a string table holds")
        entries.append(UInt32(word))
        // the header word and the text's words (the last padded with zeros) laid out on the stack
        // and appended at once: appending them one by one, or zeros to copy the text over, was a
        // uniqueness check each and a generic loop over the zeros
        let words = (p.count + 7) >> 3
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words + 1) { w in
            w[words] = 0
            w[0] = UInt64(id) << 32 | UInt64(p.count)
            UnsafeMutableRawPointer(w.baseAddress! + 1).copyMemory(from: p.baseAddress!, byteCount: p.count)
            text.append(contentsOf: UnsafeBufferPointer(w))
        }
        slots[slot] = h & 0xFFFF_FFFF_0000_0000 | UInt64(word + 1)
        if count * 2 > slots.count {
            rebuild(max(slots.count * 2, slotsOnGrowth))
            slotsOnGrowth = 0
        }
        return Symbol(id: UInt32(id))
    }

    private mutating func rebuild(_ capacity: Int) {
        slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        text.withUnsafeBufferPointer { text in
            slots.withUnsafeMutableBufferPointer { slots in
                var word = 0
                while word < text.count {
                    let length = Int(text[word] & 0xFFFF_FFFF)
                    let h = FastHash.bytes(StringTable.bytes(text, word, length))
                    var i = Int(truncatingIfNeeded: h) & mask
                    while slots[i] != 0 { i = (i + 1) & mask }
                    slots[i] = h & 0xFFFF_FFFF_0000_0000 | UInt64(word + 1)
                    word += 1 + (length + 7) >> 3
                }
            }
        }
    }

    /// The text of `s`, made from the table's copy each time it is asked for.
    public subscript(_ s: Symbol) -> String {
        if s.id == 0 { return "" }
        return text.withUnsafeBufferPointer { text in
            let word = Int(entries[Int(s.id)])
            // valid UTF-8: only that is taken in
            return String(decoding: StringTable.bytes(text, word, Int(text[word] & 0xFFFF_FFFF)), as: UTF8.self)
        }
    }

    /// Calls `body` with each text's id and UTF-8 ("" left out), without making `String`s.
    package func forEachText(_ body: (Symbol, UnsafeBufferPointer<UInt8>) -> Void) {
        text.withUnsafeBufferPointer { t in
            for id in 1 ..< entries.count {
                let w = Int(entries[id])
                body(Symbol(id: UInt32(id)), StringTable.bytes(t, w, Int(t[w] & 0xFFFF_FFFF)))
            }
        }
    }

    /// Every text, by id ("" first): made anew at each call, one `String` per text.
    public var strings: [String] {
        (0 ..< count).map { self[Symbol(id: UInt32($0))] }
    }
}

extension Array {
    /// Room for `n` more elements, at least doubling the capacity when it must grow.
    /// `reserveCapacity` allocates exactly what it is asked for, so asking for a little more each
    /// time (a part of a file after another) copied the whole array onto fresh pages every time.
    @inlinable package mutating func reserveMore(_ n: Int) {
        let needed = count + n
        if needed > capacity { reserveCapacity(Swift.max(needed, 2 * capacity)) }
    }
}

/// Whether two short runs of bytes are equal, eight at a time and inline: the values compared in
/// reading are mostly under 32 bytes, where calling `memcmp` cost more than the compare.
public enum SameBytes {
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            // the last eight bytes, overlapping the words before when n is not a multiple of 8
            return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        var i = 0
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }
}

/// Text from bytes that must be valid UTF-8.
public enum UTF8Bytes {
    /// The text, or nil when `p` is not valid UTF-8. ASCII, nearly every value in a decree file,
    /// is checked eight bytes at a time and made without `String(validating:as:)`, which looked up
    /// its generic metadata on every call: 5% of reading a national file.
    @inlinable @inline(__always)
    public static func string(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCII(p) { return String(decoding: p, as: UTF8.self) }
        return String(validating: p, as: UTF8.self)
    }

    /// Whether `p` is valid UTF-8, without making the text when it is ASCII.
    @inlinable @inline(__always)
    public static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        isASCII(p) || String(validating: p, as: UTF8.self) != nil
    }

    @inlinable @inline(__always)
    package static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= p.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < p.count {
            high |= UInt64(p[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}

/// A fast non-cryptographic hash of bytes: 8 at a time, multiply-xorshift mixing. Input could
/// choose collisions, but a collision costs a compare, never a wrong answer.
public enum FastHash {
    @inlinable @inline(__always)
    public static func bytes(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytes(p) { _ in }
    }

    /// The hash, and whether any byte is below 0x20 (a control byte, tab or line break), in the
    /// one pass over the bytes: reading a value's text checks both, and a second pass cost as much
    /// again as the hash.
    @inlinable @inline(__always)
    public static func bytesCheckingControl(_ p: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, control: Bool) {
        var seen: UInt64 = 0
        let h = bytes(p) { w in seen |= (w &- 0x2020_2020_2020_2020) & ~w }
        if p.count >= 8 { return (h, seen & 0x8080_8080_8080_8080 != 0) }
        for c in p where c < 0x20 { return (h, true) }
        return (h, false)
    }

    /// The hash, showing `word` each eight bytes it mixes in when there are at least eight (the
    /// last eight overlapping the ones before); shorter text is shown nothing.
    @inlinable @inline(__always)
    package static func bytes(_ p: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Void) -> UInt64 {
        // an empty String's bytes have an address too
        guard let base = p.baseAddress, !p.isEmpty else { return 0 }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        let last: UInt64
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                word(w)
                h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            // the last eight bytes, overlapping the word before when n is not a multiple of 8
            last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            word(last)
        } else {
            last = shortWord(p)
        }
        h = (h ^ last) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// Every byte of 1 to 7 bytes in one word, without a loop and without reading past them: the
    /// first and last four, overlapping, or for 1-3 bytes the first, middle and last.
    @inlinable @inline(__always)
    public static func shortWord(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = p.count
        if n >= 4 {
            let raw = UnsafeRawPointer(p.baseAddress!)
            return UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        }
        return UInt64(p[0]) | UInt64(p[n / 2]) << 8 | UInt64(p[n - 1]) << 16
    }
}
