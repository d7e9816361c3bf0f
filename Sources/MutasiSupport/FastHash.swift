/// The one mixing function of every hash table and cache in the package: a multiply-xorshift fold
/// of 64-bit words (the steps of SplitMix64), fast and non-cryptographic. Input could choose
/// collisions, but a collision costs a compare, never a wrong answer. A table takes its slot from
/// the low bits and `OpenTable.tag` from the high ones: both are mixed from every bit of the key.
///
/// SPI, not `package`: Swift 6.3 does not inline a `package` function into another module even
/// when it is `@inlinable`, and the reader hashes every field (BENCHMARKS.md, instructions per
/// row). Users do not see it; the targets that hash import it with `@_spi(Inlining)`.
@_spi(Inlining) public enum FastHash {
    @inlinable static var seed: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// Mixes a word into the running hash `h`.
    @inlinable @inline(__always)
    static func fold(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 31)
    }

    /// Mixes the last word into `h` and spreads the result over all 64 bits.
    @inlinable @inline(__always)
    static func finish(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 29)
    }

    /// The hash of one word (a NIP's value: dense in its low digits, so mixed before any masking).
    @inlinable @inline(__always)
    public static func word(_ w: UInt64) -> UInt64 { finish(seed, w) }

    /// The hash of two words, in order.
    @inlinable @inline(__always)
    public static func words(_ a: UInt64, _ b: UInt64) -> UInt64 { finish(fold(seed, a), b) }

    /// The hash of three words, in order.
    @inlinable @inline(__always)
    public static func words(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { finish(fold(fold(seed, a), b), c) }

    /// The hash of bytes: their length, then their words, eight bytes at a time.
    @inlinable @inline(__always)
    public static func bytes(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hashAndHighBits(p).hash
    }

    /// The hash, and whether any byte is below 0x20 (a control byte, tab or line break), in the
    /// one pass over the bytes: reading a value's text checks both, and a second pass cost as much
    /// again as the hash.
    @inlinable @inline(__always)
    public static func bytesCheckingControl(_ p: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, control: Bool) {
        let (h, seen) = hashAndHighBits(p)
        if p.count >= 8 { return (h, seen & 0x8080_8080_8080_8080 != 0) }
        for c in p where c < 0x20 { return (h, true) }
        return (h, false)
    }

    /// The hash, and for text of eight bytes or more a word with some bit of 0x8080... set exactly
    /// when some byte is below 0x20 (the "has less than" bit trick, exact for the word as a whole);
    /// 0 for shorter text. One loop with no closure, so that it inlines whole into the reader's
    /// per-field code (a closure gathering the control bits kept it a call).
    @inlinable @inline(__always)
    static func hashAndHighBits(_ p: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, seen: UInt64) {
        // an empty String's bytes have an address too
        guard let base = p.baseAddress, !p.isEmpty else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var h: UInt64 = seed ^ UInt64(n)
        if n < 8 { return (finish(h, shortWord(p)), 0) }
        var seen: UInt64 = 0
        var i = 0
        while i + 8 < n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            seen |= (w &- 0x2020_2020_2020_2020) & ~w
            h = fold(h, w)
            i += 8
        }
        let last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        seen |= (last &- 0x2020_2020_2020_2020) & ~last
        return (finish(h, last), seen)
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
