/// Numbers 64-bit keys 0, 1, 2… in order of first appearance: an open-addressing table whose slots
/// hold the key and its number side by side, so a probe is one cache miss. A national file names
/// millions of people; a `Set` or `Dictionary` of their NIPs spent seconds in SipHash, rehashing and
/// copy-on-write checks.
package struct KeyNumbering {
    private struct Slot { var key: UInt64; var number: Int32 }
    private var slots: [Slot]
    private var mask: Int
    /// The keys in order of first appearance: `keys[n]` is the key numbered n.
    package private(set) var keys: [UInt64] = []

    package init(capacity: Int) {
        var c = 1024
        while c < capacity * 2 { c <<= 1 }
        slots = Array(repeating: Slot(key: 0, number: -1), count: c)
        mask = c - 1
        keys.reserveCapacity(capacity)
    }

    package var count: Int { keys.count }

    /// The slot a key's probe starts at (NIPs are dense in their low digits: mixed before masking).
    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The number of `key`, given the next one if it is new.
    @inline(__always)
    package mutating func number(_ key: UInt64) -> Int32 {
        var s = KeyNumbering.home(key, mask)
        let next = Int32(keys.count), mask = mask
        let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let e = slots[s]
                if e.number < 0 {
                    slots[s] = Slot(key: key, number: next)
                    return nil
                }
                if e.key == key { return e.number }
                s = (s + 1) & mask
            }
        }
        if let found { return found }
        keys.append(key)
        if keys.count * 2 > slots.count { grow() }
        return next
    }

    /// The number of `key`, or nil when it was never numbered.
    package func find(_ key: UInt64) -> Int32? {
        var s = KeyNumbering.home(key, mask)
        while true {
            let e = slots[s]
            if e.number < 0 { return nil }
            if e.key == key { return e.number }
            s = (s + 1) & mask
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        var grown = Array(repeating: Slot(key: 0, number: -1), count: c)
        let m = c - 1
        for e in slots where e.number >= 0 {
            var s = KeyNumbering.home(e.key, m)
            while grown[s].number >= 0 { s = (s + 1) & m }
            grown[s] = e
        }
        slots = grown
        mask = m
    }
}
