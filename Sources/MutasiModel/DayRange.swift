/// An inclusive range of days, such as a rule window or a wave.
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Day
    /// Inclusive.
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    public func contains(_ day: Day) -> Bool { day >= start && day <= end }
    public func overlaps(_ other: DayRange) -> Bool { start <= other.end && other.start <= end }
    public var length: Int { start.days(to: end) + 1 }
    public var description: String { "\(start.iso)..\(end.iso)" }
}
