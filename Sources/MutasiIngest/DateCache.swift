@_spi(Inlining) import MutasiSupport
import MutasiModel

/// `DateBytes.parse` through a `ShortTextCache`, except for `YYYY-MM-DD`, whose months are cached.
struct DateCache {
    private var cache = ShortTextCache<Day?>(slots: 8192, placeholder: nil)
    /// `YYYY-MM-` as loaded in a word (0: none) and that month's first day << 8 | its length, in
    /// 512 slots by the word's hash (8 KiB, in the core's first cache): a file's dates fall in a
    /// few hundred months, and working a date out whole costs far more, twice a row.
    private var months = [(key: UInt64, month: Int64)](repeating: (0, 0), count: 512)

    mutating func day(_ p: UnsafeBufferPointer<UInt8>) -> Day? {
        // `YYYY-MM-DD`, nearly every date of an export, is parsed at once: cheaper than the
        // text cache's table, which is 256 KiB and was not in the core's cache on most rows
        if p.count == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") { return iso(p) }
        guard let k = ShortKey(p) else { return DateBytes.parse(p) }
        if let hit = cache.lookup(k) { return hit }
        let d = DateBytes.parse(p)
        cache.store(k, d)
        return d
    }

    /// `YYYY-MM-DD` (dashes checked): the day of the month added to its month's first day.
    @inline(__always)
    private mutating func iso(_ p: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let day = DateBytes.twoDigits(p, at: 8) else { return nil }
        let w = UnsafeRawPointer(p.baseAddress!).loadUnaligned(as: UInt64.self)
        let slot = Int(truncatingIfNeeded: FastHash.word(w) >> 55)
        var month = months[slot].month
        if months[slot].key != w {
            // a month not seen yet, or one that shared the slot: worked out and kept (an
            // impossible month is a date that is no date)
            guard let m = DateBytes.month(p, at: 0) else { return nil }
            month = m
            months[slot] = (w, m)
        }
        guard day >= 1 && day <= month & 0xFF else { return nil }
        return Day(daysSinceEpoch: Int32(truncatingIfNeeded: month >> 8 + Int64(day) - 1))
    }
}
