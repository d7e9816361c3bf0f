/// Digits read eight at a time in a 64-bit word: NIPs and dates are on every row.
@usableFromInline package enum ASCIIDigits {
    /// The number written by eight ASCII digits, the first in the lowest byte (as loaded from
    /// memory on a little-endian machine), or nil when a byte is not a digit.
    @inlinable @inline(__always)
    package static func eight(_ w: UInt64) -> UInt64? {
        let w = UInt64(littleEndian: w)
        // a digit is 0x30-0x39: high nibble 3, and a low nibble that 6 more does not carry out of
        guard w & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (w & 0x0F0F_0F0F_0F0F_0F0F &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0 else { return nil }
        // pairs, then fours, then the eight: each step a multiply, a shift and a mask
        var d = w & 0x0F0F_0F0F_0F0F_0F0F
        d = (d &* 10 &+ (d >> 8)) & 0x00FF_00FF_00FF_00FF
        d = (d &* 100 &+ (d >> 16)) & 0x0000_FFFF_0000_FFFF
        return (d &* 10_000 &+ (d >> 32)) & 0xFFFF_FFFF
    }
}
