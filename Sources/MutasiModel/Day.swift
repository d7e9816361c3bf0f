/// A calendar day with no time of day and no time zone: decrees, TMT and election dates are all
/// dated by day, so arithmetic on days is exact and a `Day` is one 32-bit integer.
///
/// Stored as days since 1970-01-01 in the proleptic Gregorian calendar.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    @inlinable public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day `year-month-day`, or nil when no such day exists (31 February, month 13, year 0).
    @inlinable public init?(year: Int, month: Int, day: Int) {
        guard Day.isReal(year: year, month: month, day: day) else { return nil }
        daysSinceEpoch = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Whether the date exists (years 1-9999), without working out which day it is.
    @inlinable static func isReal(year: Int, month: Int, day: Int) -> Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= Day.daysIn(month: month, year: year)
    }

    /// Parses `YYYY-MM-DD` exactly; nil for anything else.
    public init?(iso: String) {
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    @inlinable public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    @inlinable public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    @inlinable static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Year, month (1-12) and day of month.
    package var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        guard (0...9999).contains(c.year) else {
            return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
        }
        // ten ASCII digits and dashes, written in place: dates are formatted millions of times in exports
        return String(unsafeUninitializedCapacity: 10) { b in
            func digit(_ v: Int) -> UInt8 { UInt8(48 + v) }
            b[0] = digit(c.year / 1000); b[1] = digit(c.year / 100 % 10); b[2] = digit(c.year / 10 % 10); b[3] = digit(c.year % 10)
            b[4] = UInt8(ascii: "-"); b[5] = digit(c.month / 10); b[6] = digit(c.month % 10)
            b[7] = UInt8(ascii: "-"); b[8] = digit(c.day / 10); b[9] = digit(c.day % 10)
            return 10
        }
    }

    public var description: String { iso }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { Int(((Int64(daysSinceEpoch) % 7) + 7 + 3) % 7) }

    public func adding(days: Int) -> Day {
        Day(daysSinceEpoch: daysSinceEpoch + Int32(days))
    }

    /// Calendar months later (or earlier, when negative); the day of month is clamped to the
    /// month's length, so 31 Aug + 6 months is 28/29 Feb, as legal deadlines are usually read.
    public func adding(months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let d = min(c.day, Day.daysIn(month: m, year: y))
        return Day(year: y, month: m, day: d) ?? self
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int {
        Int(other.daysSinceEpoch) - Int(daysSinceEpoch)
    }

    @inlinable public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Day(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a YYYY-MM-DD date, got '\(s)'")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
