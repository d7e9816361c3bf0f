/// An interned string: repeated text (units, positions, signers, regions, decree numbers) is stored
/// once, and records hold 4-byte ids. At national scale this is what keeps memory proportional to
/// people and decrees rather than to the file.
public struct Symbol: Hashable, Comparable, Sendable {
    public let id: UInt32
    public init(id: UInt32) { self.id = id }
    /// The empty string; every table has it at id 0.
    public static let empty = Symbol(id: 0)
    public var isEmpty: Bool { id == 0 }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.id < b.id }
}

/// Owns the text behind `Symbol`s. Ids are dense, in first-seen order, starting with "" at 0.
///
/// Its index is an open-addressing table of ids keyed by `FastHash` of the UTF-8 bytes, with each
/// string's hash kept: a national file interns millions of names, and a `Dictionary<String, _>`
/// spent a quarter of ingest time in SipHash and in rehashing every string each time it grew.
public struct StringTable: Sendable {
    public private(set) var strings: [String] = [""]
    private var hashes: [UInt64] = [0]
    /// id + 1 of the string whose probe starts here, 0 for an empty slot ("" is never in the table)
    private var slots = [UInt32](repeating: 0, count: 16)

    public init() {}

    public var count: Int { strings.count }

    /// Makes room for `n` more strings without growing the index on the way.
    public mutating func reserveCapacity(_ n: Int) {
        strings.reserveCapacity(strings.count + n)
        hashes.reserveCapacity(hashes.count + n)
        var c = slots.count
        while c < (strings.count + n) * 2 { c <<= 1 }
        if c > slots.count { rebuild(c) }
    }

    @discardableResult
    public mutating func intern(_ s: String) -> Symbol {
        if s.isEmpty { return .empty }
        let (slot, hash, found) = find(s)
        if let found { return found }
        let id = strings.count
        strings.append(s)
        hashes.append(hash)
        slots[slot] = UInt32(id + 1)
        if strings.count * 2 > slots.count { rebuild(slots.count * 2) }
        return Symbol(id: UInt32(id))
    }

    /// The symbol of `s` if it was interned, without adding it.
    public func lookup(_ s: String) -> Symbol? {
        s.isEmpty ? .empty : find(s).found
    }

    /// Where `s` is in the index, or the empty slot where it would go, and its hash.
    private func find(_ s: String) -> (slot: Int, hash: UInt64, found: Symbol?) {
        var copy = s
        let h = copy.withUTF8 { FastHash.bytes($0) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let id = Int(slots[i] - 1)
            if hashes[id] == h && strings[id] == s { return (i, h, Symbol(id: UInt32(id))) }
            i = (i + 1) & mask
        }
        return (i, h, nil)
    }

    private mutating func rebuild(_ capacity: Int) {
        slots = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for id in 1..<strings.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(id + 1)
        }
    }

    public subscript(_ s: Symbol) -> String { strings[Int(s.id)] }
}

/// A fast non-cryptographic hash of bytes: 8 at a time, multiply-xorshift mixing. Input could
/// choose collisions, but a collision costs a compare, never a wrong answer.
enum FastHash {
    @inline(__always)
    static func bytes(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = p.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
        var i = 0
        while i + 8 <= p.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < p.count {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
