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
/// Its index is an `OpenTable` keyed by `FastHash` of the UTF-8 bytes: a national file interns
/// millions of names, and a `Dictionary<String, _>` spent a quarter of ingest time in SipHash and
/// in rehashing every string each time it grew. A slot's value is where the text's copy is in
/// `text`, so a probe that matches reads one place: the copy's length, id and bytes together (a file whose names and units change every row spent a fifth of its reading
/// waiting on a `String` and then its heap block). Reading looks text up by its bytes
/// (`intern(utf8:hash:)`).
///
/// That copy is the only one: a `String` is made when one is asked for (`self[symbol]`), not kept
/// for each text. Most texts of a national file (decree numbers, names) are never shown; keeping
/// a `String` for each took a quarter of reading's memory, on fresh pages the kernel clears.
public struct StringTable: Sendable {
    /// The word of each text's entry in `text` ("" is never in the index).
    @usableFromInline var index = OpenTable()
    /// Each interned string but "", in id order: a word of id << 32 | length, then its UTF-8 in
    /// whole words, the last padded with zeros.
    @usableFromInline var text: [UInt64] = []
    /// Where each id's entry starts in `text`; id 0 ("") has none.
    private var entries: [UInt32] = [0]
    public init() {}

    public var count: Int { entries.count }

    /// Makes room for `n` more strings without growing the index on the way.
    package mutating func reserveCapacity(_ n: Int) {
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
        // a file's table is indexed for at most a million texts up front, and for all it may
        // hold only when it gets there
        reserveIndex(m, thenRoomFor: later)
    }

    /// Makes room in the index for `n` more strings (and for `later` more at its next growth).
    private mutating func reserveIndex(_ n: Int, thenRoomFor later: Int? = nil) {
        let text = self.text
        index.reserve(n, thenRoomFor: later) { StringTable.hash(text, word: Int($0)) }
    }

    private mutating func growIndex() {
        let text = self.text
        index.grow { StringTable.hash(text, word: Int($0)) }
    }

    /// The `FastHash` of the entry at `word` of `text`.
    private static func hash(_ text: [UInt64], word: Int) -> UInt64 {
        text.withUnsafeBufferPointer { t in FastHash.bytes(bytes(t, word, Int(t[word] & 0xFFFF_FFFF))) }
    }

    /// Back to "" alone, keeping the memory of the lists (`entries`, `text`) and the index.
    package mutating func removeAllKeepingCapacity() {
        entries.removeAll(keepingCapacity: true)
        entries.append(0)
        text.removeAll(keepingCapacity: true)
        index.removeAll()
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
                for j in 0 ..< n { index.prefetch(hash: batch[j].hash) }
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
    @inlinable package var prefetchPays: Bool { index.prefetchPays }

    /// Starts loading the index slot where a probe for the hash `h` begins, without waiting for it:
    /// in a table of millions of decree numbers that slot is a cache miss, which a probe made a
    /// row's work later finds already loaded.
    /// (`mutating` only so that the call does not copy the table: a copy's retains cost more than the rest)
    @inlinable @inline(__always)
    package mutating func prefetch(hash h: UInt64) {
        index.prefetch(hash: h)
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
        text.withUnsafeBufferPointer { text in
            switch index.find(hash: h, where: { word in
                Int(text[Int(word)] & 0xFFFF_FFFF) == p.count
                    && SameBytes.equal(UnsafeRawPointer(text.baseAddress! + Int(word) + 1), p.baseAddress!, p.count)
            }) {
            case .found(let word): return .found(Symbol(id: UInt32(truncatingIfNeeded: text[Int(word)] >> 32)))
            case .absent(let slot): return .absent(slot: slot)
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
        if index.insert(UInt32(word), hash: h, at: slot) { growIndex() }
        return Symbol(id: UInt32(id))
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
