/// The one place that says which head signed a decree: the decree's region's head in office that
/// day, then its province's (transfers between regencies of one province are the governor's), or,
/// when the province is not known, a head of that name in office anywhere when only one is; by the name folded by `PersonName`,
/// through the aliases file, or by a near spelling above `nearThreshold` among the heads of the
/// region and its province. Rule windows, loyalty, careers, the network and the report all ask here.
/// Used by one task at a time (it caches).
package final class HeadResolver: @unchecked Sendable {
    /// The lowest similarity (`PersonName.similarity`, one minus the normalised edit distance of the
    /// folded names) accepted for a near match: "Achmad Sulaiman" for "Ahmad Sulaiman" is 0.93,
    /// "Ahmad Syukur" for "Ahmad Sulaiman" 0.54.
    package static let nearThreshold = 0.85

    package let calendar: ElectionCalendar
    private var headsByName: [String: [(regionKey: String, head: RegionalHead)]] = [:]
    private var headsByRegion: [String: [RegionalHead]] = [:]
    private var personAliases: [String: [(regionKey: String, canonical: String)]] = [:]
    private var regionAliases: [String: String] = [:]
    private var regionKeys: [String: String] = [:]
    private var nameKeys: [String: String] = [:]
    private var candidatesBySigner: [String: Candidates] = [:]

    package init(_ calendar: ElectionCalendar) {
        self.calendar = calendar
        for a in calendar.aliases where a.kind == .region { regionAliases[RegionName.key(a.alias)] = RegionName.key(a.canonical) }
        for a in calendar.aliases where a.kind == .person {
            personAliases[PersonName.key(a.alias), default: []].append((a.region.isEmpty ? "" : regionKey(a.region), PersonName.key(a.canonical)))
        }
        for h in calendar.heads {
            let r = regionKey(h.region)
            headsByName[PersonName.key(h.name), default: []].append((r, h))
            headsByRegion[r, default: []].append(h)
        }
    }

    /// A resolver with `other`'s tables and caches, for another task: folding a national calendar's
    /// names once per task (rule windows run one per core and chunk) cost more than the check.
    /// `other` must no longer change while this runs (its dictionaries are shared, copied on write).
    package init(copying other: HeadResolver) {
        calendar = other.calendar
        headsByName = other.headsByName; headsByRegion = other.headsByRegion
        personAliases = other.personAliases; regionAliases = other.regionAliases
        regionKeys = other.regionKeys; nameKeys = other.nameKeys
    }

    /// The region's matching key, region aliases applied.
    package func regionKey(_ s: String) -> String {
        if let k = regionKeys[s] { return k }
        var k = RegionName.key(s)
        if let c = regionAliases[k] { k = c }
        regionKeys[s] = k
        return k
    }

    /// The key of the province `region` belongs to, from the calendar's or units file's `province`.
    package func provinceKey(of region: String) -> String? {
        calendar.provinces[regionKey(region)].map(regionKey)
    }

    package func nameKey(_ s: String) -> String {
        if let k = nameKeys[s] { return k }
        let k = PersonName.key(s)
        nameKeys[s] = k
        return k
    }

    /// The heads a signer can be in a region, in the order they are tried; worked out once per
    /// (signer, region) and kept, so a decree's day is all that is left to check.
    package struct Candidates: Sendable {
        /// Same name (or alias): the region's, then its province's heads.
        var own: [RegionalHead] = []
        var aliased = false
        /// Same name elsewhere, used only when one of them is in office that day.
        var elsewhere: [RegionalHead] = []
        /// Near spellings among the region's and province's heads, best first.
        var near: [(head: RegionalHead, score: Double)] = []

        package func match(on day: Day) -> HeadMatch? {
            if let h = own.first(where: { $0.inOffice(on: day) }) { return HeadMatch(head: h, kind: aliased ? .alias : .name, score: 1) }
            let there = elsewhere.filter { $0.inOffice(on: day) }
            if there.count == 1 { return HeadMatch(head: there[0], kind: aliased ? .alias : .name, score: 1) }
            if let n = near.first(where: { $0.head.inOffice(on: day) }) { return HeadMatch(head: n.head, kind: .near, score: n.score) }
            return nil
        }
    }

    package func candidates(signedAs signer: String, in region: String) -> Candidates {
        let cacheKey = signer + "\u{1}" + region
        if let c = candidatesBySigner[cacheKey] { return c }
        var c = Candidates()
        let r = regionKey(region)
        let province = provinceKey(of: region)
        var key = nameKey(signer)
        if let aliases = personAliases[key], let a = aliases.first(where: { $0.regionKey.isEmpty || $0.regionKey == r || $0.regionKey == province }) {
            key = a.canonical
            c.aliased = true
        }
        let named = headsByName[key] ?? []
        c.own = named.filter { $0.regionKey == r }.map(\.head) + named.filter { province != nil && $0.regionKey == province }.map(\.head)
        // a head of that name elsewhere only when the region's province is not known
        c.elsewhere = province != nil ? [] : named.filter { $0.regionKey != r }.map(\.head)
        if !key.isEmpty {
            let pool = (headsByRegion[r] ?? []) + (province.flatMap { headsByRegion[$0] } ?? [])
            c.near = pool.compactMap { h -> (head: RegionalHead, score: Double)? in
                let s = Similarity.normalised(key, nameKey(h.name))
                return s >= HeadResolver.nearThreshold && s < 1 ? (h, s) : nil
            }.sorted { $0.score > $1.score }
        }
        candidatesBySigner[cacheKey] = c
        return c
    }

    package func match(signedAs signer: String, in region: String, on day: Day) -> HeadMatch? {
        candidates(signedAs: signer, in: region).match(on: day)
    }

    /// The closest head's name to a signer that matched none, and its similarity, for the list of
    /// unmatched signers: the region's and province's heads first, else any head.
    package func closest(to signer: String, in region: String) -> (name: String, region: String, score: Double)? {
        let key = nameKey(signer)
        let r = regionKey(region)
        let province = provinceKey(of: region)
        let local = calendar.heads.filter { regionKey($0.region) == r || regionKey($0.region) == province }
        let pool = local.isEmpty ? calendar.heads : local
        return pool.map { (name: $0.name, region: $0.region, score: Similarity.normalised(key, nameKey($0.name))) }
            .max { $0.score < $1.score }
    }
}
