@_spi(Inlining) import MutasiSupport
import MutasiModel

/// Which transfer holds each (decree, person): an `OpenTable` of indices into the transfers,
/// compared on the transfers themselves, so a key costs 8 bytes instead of a dictionary entry, and
/// hashing and resizing cost far less than a `Dictionary`'s. A probe reads a transfer (a cache miss
/// into 80-byte records) only when the slot's tag matches: almost never for a new key. Filled up
/// to 70% before it grows: at half, a table often had twice the slots, all fresh pages to clear.
struct DecreePersonIndex {
    private var index: OpenTable

    init(capacity: Int) {
        index = OpenTable(capacity: capacity, minimumSlots: 1024, maxLoad: 7)
    }

    @inline(__always)
    static func hash(_ t: Transfer) -> UInt64 {
        FastHash.words(t.nip.value, UInt64(t.region.id) << 32 | UInt64(t.decreeNo.id),
                       t.decreeNo.isEmpty ? UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id) : 0)
    }

    @inline(__always)
    static func same(_ a: Transfer, _ b: Transfer) -> Bool {
        guard a.nip == b.nip, a.region == b.region, a.decreeNo == b.decreeNo else { return false }
        return !a.decreeNo.isEmpty || (a.decreeDate == b.decreeDate && a.signedBy == b.signedBy)
    }

    /// Starts loading the slot where a probe for `t` begins, without waiting for it, so that a
    /// batch's misses overlap before `insertOrFind` walks them one at a time.
    @inline(__always)
    mutating func prefetch(_ t: Transfer) {
        index.prefetch(hash: DecreePersonIndex.hash(t))
    }

    /// Adds transfer `i`; if the same person is already in the same decree, returns that index instead.
    mutating func insertOrFind(_ i: Int, in transfers: [Transfer]) -> Int? {
        let t = transfers[i]
        let h = DecreePersonIndex.hash(t)
        let probe = transfers.withUnsafeBufferPointer { transfers in
            index.find(hash: h) { j in DecreePersonIndex.same(transfers[Int(j)], t) }
        }
        switch probe {
        case .found(let j): return Int(j)
        case .absent(let slot):
            if index.insert(UInt32(i), hash: h, at: slot) {
                index.grow { DecreePersonIndex.hash(transfers[Int($0)]) }
            }
            return nil
        }
    }
}
