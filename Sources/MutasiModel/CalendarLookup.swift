import MutasiSupport

/// Each region's elections once, and the signers' heads through the one `HeadResolver`: a national
/// calendar has thousands of heads, and normalising every head's name for every decree took
/// minutes on a million rows. Used by one task at a time.
package final class CalendarLookup {
    let calendar: ElectionCalendar
    private let shared: HeadResolver?
    /// Made when a signer is first looked up: a caller wanting only elections (waves, the
    /// timeline) does not fold every head's name.
    private(set) lazy var resolver: HeadResolver = shared.map(HeadResolver.init(copying:)) ?? HeadResolver(calendar)
    private var regionAliases: [String: String] = [:]
    private var regionKeys: [String: String] = [:]
    private var electionsByRegion: [String: [Election]] = [:]
    private var electionKeys: [String] = []

    /// - Parameter shared: a resolver built once for the calendar, copied for this task.
    package init(_ calendar: ElectionCalendar, shared: HeadResolver? = nil) {
        self.calendar = calendar
        self.shared = shared
        for a in calendar.aliases where a.kind == .region { regionAliases[RegionName.key(a.alias)] = RegionName.key(a.canonical) }
    }

    /// As `HeadResolver.regionKey`, without building the resolver.
    func regionKey(_ s: String) -> String {
        if let k = regionKeys[s] { return k }
        var k = RegionName.key(s)
        if let c = regionAliases[k] { k = c }
        regionKeys[s] = k
        return k
    }

    package func head(signedAs signer: String, in region: String, on day: Day) -> RegionalHead? {
        resolver.match(signedAs: signer, in: region, on: day)?.head
    }

    /// The heads a signer's name can be in a region, for callers that keep them per (signer, region).
    package func heads(signedAs signer: String, in region: String) -> HeadResolver.Candidates {
        resolver.candidates(signedAs: signer, in: region)
    }

    package func elections(in region: String) -> [Election] {
        if let e = electionsByRegion[region] { return e }
        // the elections' own region names normalised once, not once per region asked about
        if electionKeys.count != calendar.elections.count { electionKeys = calendar.elections.map { $0.region == "*" ? "*" : regionKey($0.region) } }
        let k = regionKey(region)
        let e = calendar.elections.indices.filter { electionKeys[$0] == "*" || electionKeys[$0] == k }.map { calendar.elections[$0] }
        electionsByRegion[region] = e
        return e
    }
}
