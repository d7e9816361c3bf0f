import MutasiModel

/// Date forms found in decrees: `2024-05-21` (optionally followed by a time), `21/05/2024`,
/// `21-05-2024`, `21.05.2024`, `21 Mei 2024`, `21 May 2024`, `21-Mei-2024`.
enum DateBytes {
    /// Year and month of the `YYYY-MM-` at `s` (dashes already checked, ten bytes there), read as
    /// one word with its dashes made zeros: the eight digits `YYYY0MM0`. Nil when one is no digit.
    @inline(__always)
    static func yearMonth(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> (year: Int, month: Int)? {
        let w = UnsafeRawPointer(raw.baseAddress! + s).loadUnaligned(as: UInt64.self)
        let zeroDashes = UInt64(littleEndian: 0x3000_0030_0000_0000), dashes = UInt64(littleEndian: 0xFF00_00FF_0000_0000)
        guard let ym = ASCIIDigits.eight(w & ~dashes | zeroDashes) else { return nil }
        return (Int(ym / 10_000), Int(ym / 10 % 1_000))
    }

    /// The two digits at `i` as a number, or nil.
    @inline(__always)
    static func twoDigits(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let d0 = raw[i] &- 48, d1 = raw[i + 1] &- 48
        // a byte below "0" wraps around past 9, so one test a digit
        guard d0 < 10 && d1 < 10 else { return nil }
        return Int(d0) * 10 + Int(d1)
    }

    /// The date whose `YYYY-MM-DD` starts at `s` (dashes already checked, ten bytes there), or nil.
    static func iso(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> Day? {
        guard let (year, month) = yearMonth(raw, at: s), let day = twoDigits(raw, at: s + 8) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// For the `YYYY-MM-` at `s` (dashes checked): the month's first day << 8 | its length in
    /// days; nil for an impossible month or bytes that are not digits.
    static func month(_ raw: UnsafeBufferPointer<UInt8>, at s: Int) -> Int64? {
        guard let (year, month) = yearMonth(raw, at: s), let first = Day(year: year, month: month, day: 1) else { return nil }
        return Int64(first.daysSinceEpoch) << 8 | Int64(Day.daysIn(month: month, year: year))
    }

    static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Day? {
        var s = 0, e = raw.count
        while s < e, raw[s] == 0x20 || raw[s] == 0x09 { s += 1 }
        while e > s, raw[e - 1] == 0x20 || raw[e - 1] == 0x09 { e -= 1 }
        let n = e - s
        guard n >= 8 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(raw[i]) - 48
            return d >= 0 && d <= 9 ? d : nil
        }
        // ISO: YYYY-MM-DD[ time]
        if n >= 10, raw[s + 4] == UInt8(ascii: "-"), raw[s + 7] == UInt8(ascii: "-") {
            guard n == 10 || raw[s + 10] == 0x20 || raw[s + 10] == UInt8(ascii: "T") else { return nil }
            return iso(raw, at: s)
        }
        // D[D] sep (M[M] | month name) sep YYYY
        var i = s
        var day = 0, dd = 0
        while i < e, let d = digit(i), dd < 2 { day = day * 10 + d; dd += 1; i += 1 }
        guard dd > 0, i < e else { return nil }
        let sep = raw[i]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") || sep == 0x20 else { return nil }
        while i < e, raw[i] == sep { i += 1 }
        var month = 0
        if i < e, digit(i) != nil {
            var md = 0
            while i < e, let d = digit(i), md < 2 { month = month * 10 + d; md += 1; i += 1 }
        } else {
            let ws = i
            while i < e, (raw[i] | 0x20) >= UInt8(ascii: "a"), (raw[i] | 0x20) <= UInt8(ascii: "z") { i += 1 }
            guard i > ws else { return nil }
            var word = ""
            for k in ws..<i { word.unicodeScalars.append(Unicode.Scalar(raw[k] | 0x20)) }
            guard let m = MonthNames.number[word] else { return nil }
            month = m
        }
        guard i < e, raw[i] == sep || (sep == 0x20 && raw[i] == 0x20) else { return nil }
        while i < e, raw[i] == sep { i += 1 }
        guard e - i >= 4, let y0 = digit(i), let y1 = digit(i + 1), let y2 = digit(i + 2), let y3 = digit(i + 3) else { return nil }
        i += 4
        guard i == e || raw[i] == 0x20 else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: month, day: day)
    }

    static func parse(_ s: String) -> Day? {
        var t = s
        return t.withUTF8 { parse($0) }
    }
}
