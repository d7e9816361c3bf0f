import MutasiSupport
import MutasiModel

/// A balanced region × period panel of transfer counts with the election calendar's timing, the
/// outcome table an electoral-cycle study regresses on (Pierskalla & Sacks; Toral).
///
/// Every region with transfers gets one row for every period from the earliest decree of the whole
/// input to the latest, so months with no decree are there as zeros. A period the region's data
/// cover only in part is marked `complete == false` (see `Row.complete`).
package struct Panel: Sendable {
    /// The length of a period.
    package enum Period: String, Sendable, Codable, CaseIterable {
        /// Calendar months.
        case month
        /// ISO weeks, Monday to Sunday.
        case week
    }

    /// One region in one period. Counts are of the region's decrees dated (tanggal SK) in the period.
    package struct Row: Sendable, Codable, Equatable {
        /// The region as first spelled in the transfers (spellings that differ only in case, spaces
        /// or punctuation are one region).
        package var region: String
        /// `YYYY-MM` or ISO week `YYYY-Www`.
        package var period: String
        package var periodStart: Day
        /// Inclusive.
        package var periodEnd: Day
        /// Distinct decrees: numbers within the region, or date and signer for rows with no number.
        package var decrees: Int
        /// Transfer rows (one person in one decree).
        package var moves: Int
        /// Distinct people (NIPs) moved.
        package var peopleMoved: Int
        package var promotions: Int
        package var demotions: Int
        package var nonjobs: Int
        package var dismissals: Int
        /// Distinct people whose move touches a structural post (JPT, Administrator, Pengawas, V).
        package var officialsMoved: Int
        /// Moves from or to an eselon II (JPT Pratama) post.
        package var eselon2Moves: Int
        /// The calendar's head of the region in office for most days of the period (the later one on a tie).
        package var head: String?
        package var headActing: Bool?
        /// The head's candidate id, when the head ran.
        package var headCandidate: String?
        /// The region's nearest regional vote (Pilkada or re-run) by month; national votes are not counted.
        package var vote: String?
        /// Vote month minus the period's month (of its first day): 0 in the vote's month, positive before.
        package var monthsToVote: Int?
        /// The same for that election's candidate determination (penetapan paslon).
        package var monthsToDetermination: Int?
        /// The winner's share minus the runner-up's (0-1), when the calendar has the vote counts or shares.
        package var winnerMargin: Double?
        /// Some day of the period lies in a window of the rule pack that binds the head in office that day.
        package var inRuleWindow: Bool
        /// Decrees of the period that carry the Minister's approval (their own column or the approvals file).
        package var approvedDecrees: Int
        /// The period overlaps a detected wave of the region.
        package var inWave: Bool
        /// The period lies whole within the region's first and last decree dates.
        package var complete: Bool
        package var regionFirstDecree: Day
        package var regionLastDecree: Day
    }

    package var period: Period
    package var rows: [Row]

    /// The CSV columns, in order (docs/FORMATS.md describes each).
    package static let columns = [
        "region", "period", "period_start", "period_end", "decrees", "moves", "people_moved", "promotions", "demotions",
        "nonjobs", "dismissals", "officials_moved", "eselon2_moves", "head", "head_acting", "head_candidate", "vote",
        "months_to_vote", "months_to_determination", "winner_margin", "in_rule_window", "approved_decrees", "in_wave",
        "complete", "region_first_decree", "region_last_decree",
    ]

    /// Builds the panel.
    /// - Parameters:
    ///   - approvals: approval references by `TransferSet.decreeKey` (`ApprovalReader.index`).
    ///   - waves: the wave detector's waves, for `inWave`.
    /// - Complexity: O(T log T + R * P * (E + H)) for T transfers, R regions, P periods, E elections and H heads per region.
    package init(transfers set: TransferSet, calendar: ElectionCalendar, by period: Period = .month,
                pack: RulePack = .indonesia, approvals: [String: String] = [:], waves: [Wave] = []) {
        self.period = period
        rows = []
        guard let globalFirst = set.transfers.lazy.map(\.decreeDate).min(),
              let globalLast = set.transfers.lazy.map(\.decreeDate).max() else { return }
        let firstPeriod = Panel.index(of: globalFirst, by: period), lastPeriod = Panel.index(of: globalLast, by: period)
        let periods = PeriodRange(first: firstPeriod, count: lastPeriod - firstPeriod + 1, period: period)
        let regions = Regions(set)
        let counts = Counts(set, regions: regions, periods: periods, approvals: approvals)
        let timing = Timing(calendar: calendar, pack: pack, waves: waves)
        rows.reserveCapacity(regions.labels.count * periods.count)
        for r in regions.labels.indices {
            rows += timing.rows(of: r, regions: regions, periods: periods, counts: counts)
        }
    }

    /// The panel's periods: numbers `first ..< first + count` (`index(of:by:)`).
    private struct PeriodRange {
        let first: Int, count: Int, period: Period
    }

    /// Regions by normalised name, labelled by their first spelling, with each one's first and last
    /// decree and each transfer's region.
    private struct Regions {
        var labels: [String] = []
        var first: [Day] = [], last: [Day] = []
        var ofTransfer: [Int]

        init(_ set: TransferSet) {
            var regionOfSymbol: [Symbol: Int] = [:], regionOfKey: [String: Int] = [:]
            ofTransfer = [Int](repeating: 0, count: set.transfers.count)
            for (i, t) in set.transfers.enumerated() {
                let r: Int
                if let known = regionOfSymbol[t.region] { r = known } else {
                    let k = RegionName.key(set[t.region])
                    if let known = regionOfKey[k] { r = known } else {
                        r = labels.count
                        regionOfKey[k] = r
                        labels.append(set[t.region]); first.append(t.decreeDate); last.append(t.decreeDate)
                    }
                    regionOfSymbol[t.region] = r
                }
                ofTransfer[i] = r
                first[r] = min(first[r], t.decreeDate); last[r] = max(last[r], t.decreeDate)
            }
        }
    }

    /// The count columns of every cell (region `r`, period `p` is cell `r * periods + p`).
    private struct Counts {
        var moves: [Int], promotions: [Int], demotions: [Int], nonjobs: [Int], dismissals: [Int], eselon2: [Int]
        var peopleMoved: [Int] = [], officials: [Int] = [], decrees: [Int] = [], approvedDecrees: [Int] = []

        init(_ set: TransferSet, regions: Regions, periods: PeriodRange, approvals: [String: String]) {
            let cells = regions.labels.count * periods.count
            moves = [Int](repeating: 0, count: cells); promotions = moves; demotions = moves; nonjobs = moves
            dismissals = moves; eselon2 = moves
            // distinct decrees, people and officials per cell: (cell, id) pairs sorted and counted once
            // each. A decree is its number within the region (spellings of one region are one region
            // here, unlike `decreeKey`), or its date and signer when it has no number.
            var decreeRows: [(cell: Int, decree: UInt64, approved: Bool)] = []
            var personPairs: [UInt64] = [], officialPairs: [UInt64] = []
            decreeRows.reserveCapacity(set.transfers.count); personPairs.reserveCapacity(set.transfers.count)
            let people = set.personNumbers()
            for (i, t) in set.transfers.enumerated() {
                let c = regions.ofTransfer[i] * periods.count + Panel.index(of: t.decreeDate, by: periods.period) - periods.first
                moves[c] += 1
                switch t.kind {
                case .promotion: promotions[c] += 1
                case .demotion: demotions[c] += 1
                case .nonjob: nonjobs[c] += 1
                case .dismissal: dismissals[c] += 1
                default: break
                }
                if t.fromEchelon?.level == .jptPratama || t.toEchelon?.level == .jptPratama { eselon2[c] += 1 }
                let decree = t.decreeNo.isEmpty
                    ? 1 << 63 | UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id)
                    : UInt64(t.decreeNo.id)
                let approved = !t.approval.isEmpty || (!approvals.isEmpty && approvals[set.decreeKey(of: t)] != nil)
                decreeRows.append((c, decree, approved))
                personPairs.append(UInt64(c) << 32 | UInt64(people.ofTransfer[i]))
                if t.touchesStructuralPost { officialPairs.append(UInt64(c) << 32 | UInt64(people.ofTransfer[i])) }
            }
            peopleMoved = Counts.distinct(personPairs, cells: cells)
            officials = Counts.distinct(officialPairs, cells: cells)
            countDecrees(&decreeRows, cells: cells)
        }

        /// Per cell, the distinct ids among (cell << 32 | id) pairs.
        static func distinct(_ pairs: [UInt64], cells: Int) -> [Int] {
            var out = [Int](repeating: 0, count: cells)
            var previous = UInt64.max
            for p in pairs.sorted() where p != previous {
                out[Int(p >> 32)] += 1
                previous = p
            }
            return out
        }

        /// Distinct decrees per cell, and those of them with an approval on any of their rows.
        mutating func countDecrees(_ decreeRows: inout [(cell: Int, decree: UInt64, approved: Bool)], cells: Int) {
            decrees = [Int](repeating: 0, count: cells); approvedDecrees = decrees
            decreeRows.sort { ($0.cell, $0.decree) < ($1.cell, $1.decree) }
            var g = 0
            while g < decreeRows.count {
                var h = g, approved = false
                while h < decreeRows.count && decreeRows[h].cell == decreeRows[g].cell && decreeRows[h].decree == decreeRows[g].decree {
                    approved = approved || decreeRows[h].approved
                    h += 1
                }
                decrees[decreeRows[g].cell] += 1
                if approved { approvedDecrees[decreeRows[g].cell] += 1 }
                g = h
            }
        }
    }

    /// The calendar's side of each row: the head in office, the nearest vote, the rule windows and
    /// the waves.
    private struct Timing {
        let calendar: ElectionCalendar
        let pack: RulePack
        let waves: [Wave]
        let lookup: CalendarLookup
        let check: RuleWindowCheck
        let prepared: [RuleWindowCheck.PreparedRule]

        init(calendar: ElectionCalendar, pack: RulePack, waves: [Wave]) {
            self.calendar = calendar; self.pack = pack; self.waves = waves
            lookup = CalendarLookup(calendar)
            check = RuleWindowCheck(pack: pack)
            prepared = pack.rules.map(RuleWindowCheck.PreparedRule.init)
        }

        /// Region `r`'s rows, one per period.
        func rows(of r: Int, regions: Regions, periods: PeriodRange, counts: Counts) -> [Row] {
            let label = regions.labels[r], first = regions.first[r], last = regions.last[r]
            let key = RegionName.key(label)
            let heads = calendar.heads.filter { RegionName.key($0.region) == key }
            let elections = lookup.elections(in: label)
            let votes = elections.filter { $0.kind != .national }
            let regionWaves = waves.filter { RegionName.key($0.region) == key }.map(\.span)
            return (0..<periods.count).map { p in
                let c = r * periods.count + p
                let span = Panel.span(of: periods.first + p, by: periods.period)
                let head = Panel.head(of: heads, during: span)
                let month = Panel.index(of: span.start, by: .month)
                let vote = Timing.nearest(votes, toMonth: month)
                return Row(
                    region: label, period: Panel.label(of: periods.first + p, by: periods.period), periodStart: span.start, periodEnd: span.end,
                    decrees: counts.decrees[c], moves: counts.moves[c], peopleMoved: counts.peopleMoved[c], promotions: counts.promotions[c],
                    demotions: counts.demotions[c], nonjobs: counts.nonjobs[c], dismissals: counts.dismissals[c], officialsMoved: counts.officials[c],
                    eselon2Moves: counts.eselon2[c], head: head?.name, headActing: head.map { $0.role == .acting }, headCandidate: head?.candidate,
                    vote: vote?.id, monthsToVote: vote.map { Panel.index(of: $0.votingDate, by: .month) - month },
                    monthsToDetermination: vote?.candidateDeterminationDate.map { Panel.index(of: $0, by: .month) - month },
                    winnerMargin: vote?.winnerMargin,
                    inRuleWindow: inRuleWindow(span, heads: heads, elections: elections), approvedDecrees: counts.approvedDecrees[c],
                    inWave: regionWaves.contains { $0.overlaps(span) },
                    complete: first <= span.start && span.end <= last,
                    regionFirstDecree: first, regionLastDecree: last)
            }
        }

        /// The vote nearest to `month` by months, the coming one on a tie.
        static func nearest(_ votes: [Election], toMonth month: Int) -> Election? {
            votes.min { a, b in
                let da = Panel.index(of: a.votingDate, by: .month) - month, db = Panel.index(of: b.votingDate, by: .month) - month
                return (abs(da), da < 0 ? 1 : 0) < (abs(db), db < 0 ? 1 : 0)
            }
        }

        /// Some day of `span` lies in a window of a rule that binds the head in office that day.
        func inRuleWindow(_ span: DayRange, heads: [RegionalHead], elections: [Election]) -> Bool {
            var day = span.start
            while day <= span.end {
                let h = Panel.head(of: heads, during: DayRange(start: day, end: day))
                for (ri, rule) in pack.rules.enumerated() {
                    guard rule.binds(SignerRole(h)) else { continue }
                    if check.window(rule, prepared[ri], head: h, elections: elections, day: day) != nil { return true }
                }
                day = day.adding(days: 1)
            }
            return false
        }
    }

    /// The head in office for most days of `span` (the later one on a tie), nil when none is.
    static func head(of heads: [RegionalHead], during span: DayRange) -> RegionalHead? {
        var best: (head: RegionalHead, days: Int)?
        for h in heads {
            let s = max(h.from, span.start), e = min(h.to ?? span.end, span.end)
            let days = s.days(to: e) + 1
            guard days > 0 else { continue }
            if best == nil || days > best!.days || (days == best!.days && h.from > best!.head.from) { best = (h, days) }
        }
        return best?.head
    }

    /// The count columns, which can serve as an outcome (`EventStudy`).
    package static let countColumns = ["decrees", "moves", "people_moved", "promotions", "demotions", "nonjobs", "dismissals",
                                      "officials_moved", "eselon2_moves", "approved_decrees"]

    /// The value of count column `name` in a row; nil for a name that is not a count column.
    package static func count(_ name: String) -> ((Row) -> Int)? {
        switch name {
        case "decrees": return { $0.decrees }
        case "moves": return { $0.moves }
        case "people_moved": return { $0.peopleMoved }
        case "promotions": return { $0.promotions }
        case "demotions": return { $0.demotions }
        case "nonjobs": return { $0.nonjobs }
        case "dismissals": return { $0.dismissals }
        case "officials_moved": return { $0.officialsMoved }
        case "eselon2_moves": return { $0.eselon2Moves }
        case "approved_decrees": return { $0.approvedDecrees }
        default: return nil
        }
    }

    /// The period's number: months since year 0 (`year * 12 + month - 1`), or weeks since the
    /// Monday 1969-12-29.
    package static func index(of day: Day, by period: Period) -> Int {
        switch period {
        case .month:
            let c = day.components
            return c.year * 12 + c.month - 1
        case .week:
            return (Int(day.daysSinceEpoch) - day.weekday + 3) / 7
        }
    }

    /// The first and last day of period number `i`.
    package static func span(of i: Int, by period: Period) -> DayRange {
        switch period {
        case .month:
            let y = i >= 0 ? i / 12 : (i - 11) / 12, m = i - y * 12 + 1
            let s = Day(year: y, month: m, day: 1)!
            return DayRange(start: s, end: s.adding(months: 1).adding(days: -1))
        case .week:
            let s = Day(daysSinceEpoch: Int32(i * 7 - 3))
            return DayRange(start: s, end: s.adding(days: 6))
        }
    }

    /// `YYYY-MM`, or the ISO week `YYYY-Www` (the week's year is its Thursday's).
    package static func label(of i: Int, by period: Period) -> String {
        let s = span(of: i, by: period).start
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch period {
        case .month:
            return "\(s.year)-\(two(s.month))"
        case .week:
            let thursday = s.adding(days: 3)
            let jan1 = Day(year: thursday.year, month: 1, day: 1)!
            return "\(thursday.year)-W\(two(jan1.days(to: thursday) / 7 + 1))"
        }
    }

    /// The panel as CSV (`columns`); booleans are 0/1, absent values empty.
    package func csv() -> String {
        var out = CSVOutput(columns: Panel.columns)
        func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
        func b(_ v: Bool?) -> String { v.map { $0 ? "1" : "0" } ?? "" }
        for r in rows {
            out.append([r.region, r.period, r.periodStart.iso, r.periodEnd.iso, n(r.decrees), n(r.moves), n(r.peopleMoved),
                        n(r.promotions), n(r.demotions), n(r.nonjobs), n(r.dismissals), n(r.officialsMoved), n(r.eselon2Moves),
                        r.head ?? "", b(r.headActing), r.headCandidate ?? "", r.vote ?? "", n(r.monthsToVote),
                        n(r.monthsToDetermination), r.winnerMargin.map { "\($0)" } ?? "", b(r.inRuleWindow),
                        n(r.approvedDecrees), b(r.inWave), b(r.complete), r.regionFirstDecree.iso, r.regionLastDecree.iso])
        }
        return out.text
    }
}
