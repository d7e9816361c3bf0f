import Testing
@_spi(Inlining) @testable import MutasiSupport

/// `OpenTable` on its own: keys kept beside it, as every index that wraps it keeps them.
struct OpenTableTests {
    /// A set of 64-bit keys numbered in order of first appearance, with a hash the test chooses.
    struct Numbering {
        var index: OpenTable
        var keys: [UInt64] = []
        let hash: (UInt64) -> UInt64

        init(capacity: Int = 0, maxLoad: Int = 5, hash: @escaping (UInt64) -> UInt64 = FastHash.word) {
            index = OpenTable(capacity: capacity, maxLoad: maxLoad)
            self.hash = hash
        }

        func find(_ k: UInt64) -> UInt32? {
            if case .found(let n) = index.find(hash: hash(k), where: { keys[Int($0)] == k }) { return n }
            return nil
        }

        mutating func number(_ k: UInt64) -> UInt32 {
            let h = hash(k)
            switch index.find(hash: h, where: { keys[Int($0)] == k }) {
            case .found(let n): return n
            case .absent(let slot):
                keys.append(k)
                if index.insert(UInt32(keys.count - 1), hash: h, at: slot) {
                    let (keys, hash) = (keys, hash)
                    index.grow { hash(keys[Int($0)]) }
                }
                return UInt32(keys.count - 1)
            }
        }
    }

    /// Keys whose hashes are all equal, or equal in their tag or in their slot bits only, are
    /// still told apart: a probe walks past them and compares only what it must.
    @Test(arguments: ["all equal", "same tag", "same slot"])
    func collidingHashesStayApart(kind: String) {
        let hash: (UInt64) -> UInt64 = switch kind {
        case "all equal": { _ in 42 }
        case "same tag": { k in 0xABCD_0000_0000_0000 | (k & 0xF) }
        default: { k in k << 32 | 7 }
        }
        var t = Numbering(hash: hash)
        for k in 0 ..< 300 as Range<UInt64> { #expect(t.number(k * 3 + 1) == UInt32(k)) }
        for k in 0 ..< 300 as Range<UInt64> {
            #expect(t.find(k * 3 + 1) == UInt32(k))
            #expect(t.find(k * 3 + 2) == nil)
        }
        #expect(t.index.count == 300)
    }

    /// Growing keeps every value findable, doubling from the smallest table, and stays within
    /// its load (a power of two of slots, never fuller than `maxLoad`).
    @Test(arguments: [5, 7, 9])
    func growthKeepsEveryValue(maxLoad: Int) {
        var t = Numbering(maxLoad: maxLoad)
        #expect(t.index.capacity == 16)
        for k in 0 ..< 10_000 as Range<UInt64> {
            _ = t.number(k &* 0x1_0000_0001)
            #expect(t.index.count * 10 <= t.index.capacity * maxLoad)
        }
        #expect(t.index.capacity.nonzeroBitCount == 1)
        for k in 0 ..< 10_000 as Range<UInt64> { #expect(t.find(k &* 0x1_0000_0001) == UInt32(k)) }
    }

    /// Room reserved up front is not grown past; room promised for later is taken at once at
    /// the first growth; emptied, the table keeps its slots and finds nothing.
    @Test func reservingAndEmptying() {
        var t = Numbering()
        t.index.reserve(1_000, thenRoomFor: 100_000) { _ in 0 }
        let reserved = t.index.capacity
        #expect(reserved >= 2_000)
        for k in 0 ..< 1_000 as Range<UInt64> { _ = t.number(k) }
        #expect(t.index.capacity == reserved)
        for k in 1_000 ..< 1_100 as Range<UInt64> { _ = t.number(k) }
        #expect(t.index.capacity >= 200_000)
        for k in 0 ..< 1_100 as Range<UInt64> { #expect(t.find(k) == UInt32(k)) }
        let grown = t.index.capacity
        t.index.removeAll()
        t.keys.removeAll()
        #expect(t.index.count == 0 && t.index.capacity == grown && t.find(5) == nil)
        #expect(t.number(5) == 0)
    }

    /// Against `Dictionary`: a million operations of random keys from a small range (many
    /// repeats) and a large one (few), inserted and looked up, give the same numbers.
    @Test func agreesWithDictionary() {
        var rng = SystemRandomNumberGenerator()
        for range: UInt64 in [1_000, 1 << 40] {
            var t = Numbering()
            var d: [UInt64: UInt32] = [:]
            for _ in 0 ..< 200_000 {
                let k = UInt64.random(in: 0 ..< range, using: &rng)
                if Bool.random(using: &rng) {
                    let n = t.number(k)
                    if let m = d[k] { #expect(n == m) } else { #expect(n == UInt32(d.count)); d[k] = n }
                } else {
                    #expect(t.find(k) == d[k])
                }
            }
            #expect(t.index.count == d.count)
            for (k, n) in d { #expect(t.find(k) == n) }
        }
    }

    /// Every index built on the table: `KeyNumbering` numbers in first-seen order through growth.
    @Test func keyNumberingNumbersInOrder() {
        var n = KeyNumbering(capacity: 4)
        let keys = (0 ..< 50_000 as Range<UInt64>).map { 198_503_152_010_011_000 + $0 * 7 }
        for (i, k) in keys.enumerated() { #expect(n.number(k) == Int32(i)) }
        for (i, k) in keys.enumerated().reversed() { #expect(n.number(k) == Int32(i) && n.find(k) == Int32(i)) }
        #expect(n.find(1) == nil && n.count == keys.count && n.keys == keys)
    }

    /// The mixing function spreads keys that differ in one low digit over both halves of the hash.
    @Test func mixingSpreadsDenseKeys() {
        let hashes = (0 ..< 4_096 as Range<UInt64>).map { FastHash.word(198_503_152_010_011_002 + $0) }
        #expect(Set(hashes.map { $0 & 4_095 }).count > 2_400)
        #expect(Set(hashes.map { $0 >> 52 }).count > 2_400)
        #expect(FastHash.words(1, 2) != FastHash.words(2, 1))
    }
}
