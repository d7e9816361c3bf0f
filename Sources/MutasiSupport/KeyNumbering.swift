/// Numbers 64-bit keys 0, 1, 2… in order of first appearance, in an `OpenTable` whose values are
/// the numbers. A national file names millions of people; a `Set` or `Dictionary` of their NIPs
/// spent seconds in SipHash, rehashing and copy-on-write checks.
package struct KeyNumbering {
    private var index: OpenTable
    /// The keys in order of first appearance: `keys[n]` is the key numbered n.
    package private(set) var keys: [UInt64] = []

    package init(capacity: Int) {
        index = OpenTable(capacity: capacity, minimumSlots: 1024)
        keys.reserveCapacity(capacity)
    }

    package var count: Int { keys.count }

    /// The number of `key`, given the next one if it is new.
    @inline(__always)
    package mutating func number(_ key: UInt64) -> Int32 {
        let h = FastHash.word(key)
        switch probe(key, hash: h) {
        case .found(let n): return Int32(n)
        case .absent(let slot):
            let next = UInt32(keys.count)
            keys.append(key)
            if index.insert(next, hash: h, at: slot) {
                let keys = self.keys
                index.grow { FastHash.word(keys[Int($0)]) }
            }
            return Int32(next)
        }
    }

    /// How many rows ahead a pass prefetches: far enough for the load to arrive, near enough that
    /// it is still cached when the row comes.
    package static let prefetchDistance = 16

    /// Whether `prefetch` pays: the table is past the caches.
    package var prefetchPays: Bool { index.prefetchPays }

    /// Starts loading the slot where `key`'s probe begins (`OpenTable.prefetch`): a pass over
    /// millions of rows prefetches a row some rows ahead, so that the probes' cache misses overlap.
    @inline(__always)
    package mutating func prefetch(_ key: UInt64) { index.prefetch(hash: FastHash.word(key)) }

    /// The number of `key`, or nil when it was never numbered.
    package func find(_ key: UInt64) -> Int32? {
        if case .found(let n) = probe(key, hash: FastHash.word(key)) { return Int32(n) }
        return nil
    }

    @inline(__always)
    private func probe(_ key: UInt64, hash h: UInt64) -> OpenTable.Probe {
        keys.withUnsafeBufferPointer { keys in index.find(hash: h) { keys[Int($0)] == key } }
    }
}
