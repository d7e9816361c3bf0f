import MutasiSupport

/// The elections and the regional heads an analysis is read against.
public struct ElectionCalendar: Sendable, Codable, Equatable {
    public var elections: [Election]
    public var heads: [RegionalHead]
    /// Spellings that cannot be inferred (`--aliases`), applied wherever names are matched.
    public var aliases: [NameAlias] = []
    /// The province each region belongs to, by the region's `RegionName.key`: from the calendar's
    /// `province` fields and the units file (a region row whose parent is a province). A regency's
    /// decrees signed by the governor are matched against the province's heads.
    public var provinces: [String: String] = [:]
    /// Plausibility warnings found while reading (a vote after the inauguration, overlapping terms,
    /// dates far from the data); they do not stop the analysis.
    public var warnings: [RowIssue] = []

    /// Every date the reader took, with its place in the file (not encoded).
    package var datesRead: [DateRead] = []

    package struct DateRead: Sendable, Equatable {
        package var day: Day
        package var location: SourceLocation
        package var what: String
        /// Which way the date can be far from the data without being wrong: a term may start long
        /// before the first transfer (`past`) or run on long after the last (`future`).
        package var mayBeFar: Direction? = nil
        package enum Direction: Sendable, Equatable { case past, future }
        package init(day: Day, location: SourceLocation, what: String, mayBeFar: Direction? = nil) {
            self.day = day; self.location = location; self.what = what; self.mayBeFar = mayBeFar
        }
    }

    enum CodingKeys: String, CodingKey { case elections, heads }

    /// Warnings for calendar dates more than `years` from every transfer (an inauguration typed as
    /// 2052 silently removes the Pasal 162(3) window), with their line and column; `warnings` from
    /// reading (overlapping terms) come first.
    package func plausibilityWarnings(transfers set: TransferSet, years: Int = 10) -> [RowIssue] {
        var lo: Day?, hi: Day?
        for t in set.transfers {
            if lo.map({ t.decreeDate < $0 }) ?? true { lo = t.decreeDate }
            if hi.map({ t.decreeDate > $0 }) ?? true { hi = t.decreeDate }
        }
        var out = warnings
        guard let lo, let hi else { return out }
        let from = lo.adding(months: -12 * years), to = hi.adding(months: 12 * years)
        for d in datesRead where (d.day < from && d.mayBeFar != .past) || (d.day > to && d.mayBeFar != .future) {
            out.append(RowIssue(at: d.location, reason: "the \(d.what), \(d.day.iso), is more than \(years) years from every transfer (\(lo.iso) to \(hi.iso)); check the year"))
        }
        return out
    }

    public init(elections: [Election] = [], heads: [RegionalHead] = []) {
        self.elections = elections; self.heads = heads
    }

    /// Takes in the units file's region-to-province rows: a unit whose name is a regency or city
    /// and whose parent is a province.
    package mutating func addProvinces(from units: [UnitInfo]) {
        for u in units where ["kabupaten", "kota"].contains(RegionName.kind(u.unit) ?? "") && RegionName.kind(u.parent) == "provinsi" {
            let k = RegionName.key(u.unit)
            if provinces[k] == nil { provinces[k] = u.parent }
        }
    }

    /// The head of `region` in office on `day` whose name matches `signer`
    /// (case, spacing and punctuation ignored); nil if none matches.
    /// For one lookup; code that looks up every decree's signer keeps one `CalendarLookup`.
    public func head(signedAs signer: String, in region: String, on day: Day) -> RegionalHead? {
        CalendarLookup(self).head(signedAs: signer, in: region, on: day)
    }

    public func elections(in region: String) -> [Election] {
        elections.filter { $0.covers(region: region) }
    }

    /// The candidate with this id, and the election it ran in.
    public func candidate(id: String) -> (Candidate, Election)? {
        for e in elections {
            if let c = e.candidates.first(where: { $0.id == id }) { return (c, e) }
        }
        return nil
    }
}
