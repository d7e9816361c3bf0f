import CPlatform

/// The index of every hash table in the package: open addressing with linear probing over slots
/// of one word each, `tag << 32 | (value + 1)` (0: empty), where the tag is the high 32 bits of
/// the key's `FastHash` and the value 32 bits the table that wraps it chooses (where its entry
/// is). The keys stay in the wrapping table; a probe past other keys reads only the slots (each a
/// cache miss in a large table), and compares a key only when its tag matches, which a new key's
/// almost never does. A `Dictionary` of national files' names, NIPs and decrees spent seconds in
/// SipHash, in rehashing every key as it grew, and in copy-on-write checks.
///
/// The table grows (doubling, or at once to `slotsOnGrowth`) when more than `maxLoad` of its
/// slots are used; growing calls back for each value's hash, so the keys are never kept twice.
@usableFromInline package struct OpenTable: Sendable {
    @usableFromInline var slots: [UInt64]
    @usableFromInline var used = 0
    /// The fraction of slots, in tenths, past which the table grows.
    @usableFromInline let maxLoad: Int
    /// The slots to go to the next time the table must grow (0: double).
    @usableFromInline var slotsOnGrowth = 0

    /// Room for `capacity` values without growing, in at least `minimumSlots` slots (a power of two).
    /// - Parameter maxLoad: in tenths: 5, half full, for tables probed mostly for new keys.
    package init(capacity: Int = 0, minimumSlots: Int = 16, maxLoad: Int = 5) {
        precondition(maxLoad >= 1 && maxLoad <= 9, "a load between a tenth and nine tenths")
        self.maxLoad = maxLoad
        slots = []
        slots = [UInt64](repeating: 0, count: slotCount(for: capacity, atLeast: minimumSlots))
    }

    /// How many values are in the table.
    @inlinable package var count: Int { used }

    /// How many slots the table has: a power of two.
    @inlinable package var capacity: Int { slots.count }

    /// The slots (a power of two, at least `n`) that hold `values` without passing `maxLoad`.
    private func slotCount(for values: Int, atLeast n: Int) -> Int {
        var c = Swift.max(n, 2)
        while c * maxLoad < values * 10 { c <<= 1 }
        return c
    }

    /// The high bits of a hash, kept in a slot to tell keys apart without reading them.
    @inlinable @inline(__always)
    package static func tag(_ h: UInt64) -> UInt64 { h & 0xFFFF_FFFF_0000_0000 }

    @usableFromInline package enum Probe { case found(UInt32), absent(slot: Int) }

    /// The value whose key has the hash `h` and for which `matches` is true, or the empty slot
    /// where it would go. `matches` is called only for values whose tag is `h`'s.
    @inlinable @inline(__always)
    package func find(hash h: UInt64, where matches: (UInt32) -> Bool) -> Probe {
        let tag = OpenTable.tag(h)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = slots[i]
                if e == 0 { return .absent(slot: i) }
                if e & 0xFFFF_FFFF_0000_0000 == tag {
                    let value = UInt32(truncatingIfNeeded: e) &- 1
                    if matches(value) { return .found(value) }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Puts `value` at the empty `slot` that `find` gave for the hash `h`. True when that passed
    /// `maxLoad`: the caller must then `grow` before the next `find` (apart, so that the common
    /// path makes no closure over the wrapping table's keys).
    @inlinable @inline(__always)
    package mutating func insert(_ value: UInt32, hash h: UInt64, at slot: Int) -> Bool {
        precondition(value < UInt32.max, "more values than a table holds")
        slots[slot] = OpenTable.tag(h) | UInt64(value + 1)
        used += 1
        return used * 10 > slots.count * maxLoad
    }

    /// Doubles the slots, or goes to `slotsOnGrowth` at once, asking `hashOf` for each value's hash.
    package mutating func grow(hashOf: (UInt32) -> UInt64) {
        rebuild(Swift.max(slots.count * 2, slotsOnGrowth), hashOf: hashOf)
        slotsOnGrowth = 0
    }

    /// Makes room for `n` more values without growing on the way; with `later`, the first time
    /// the table must grow after that it goes at once to room for `later` more than it holds now
    /// (0: doubling; nil: as set before).
    package mutating func reserve(_ n: Int, thenRoomFor later: Int? = nil, hashOf: (UInt32) -> UInt64) {
        let c = slotCount(for: used + n, atLeast: slots.count)
        if c > slots.count { rebuild(c, hashOf: hashOf) }
        if let later {
            let l = slotCount(for: used + later, atLeast: slots.count)
            slotsOnGrowth = l > slots.count ? l : 0
        }
    }

    /// Every value in new slots of count `capacity`, each at the place its hash gives.
    private mutating func rebuild(_ capacity: Int, hashOf: (UInt32) -> UInt64) {
        let old = slots
        slots = []
        slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for e in old where e != 0 {
                let h = hashOf(UInt32(truncatingIfNeeded: e) &- 1)
                var i = Int(truncatingIfNeeded: h) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = OpenTable.tag(h) | (e & 0xFFFF_FFFF)
            }
        }
    }

    /// Empty, keeping the slots.
    package mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        used = 0
    }

    /// Whether the slots are past what a core's second-level cache holds (2 MiB), so that
    /// prefetching a probe's slot pays for hashing ahead of it.
    @inlinable package var prefetchPays: Bool { slots.count >= 1 << 18 }

    /// Starts loading the slot where a probe for the hash `h` begins, without waiting for it, so
    /// that the cache misses of several probes overlap, or a probe a row's work later finds its
    /// slot loaded. (`mutating` only so that the call does not copy the slots: a copy's retain
    /// and release cost more than the rest.)
    @inlinable @inline(__always)
    package mutating func prefetch(hash h: UInt64) {
        slots.withUnsafeMutableBufferPointer { mutasi_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: h) & ($0.count - 1))) }
    }
}
