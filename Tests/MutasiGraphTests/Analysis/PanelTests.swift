import Foundation
import Testing
@testable import MutasiGraph

@Suite struct PanelTests {
    static let calendar = PanelFixture.calendar

    /// The raw rows of the fixture, split by hand: what the panel must agree with.
    struct Raw {
        var nip, decree, region, kind, fromEchelon, toEchelon, approval: String
        var date: (year: Int, month: Int, day: Int)
        var monthKey: String { String(format: "%04d-%02d", date.year, date.month) }
        var regionKey: String { region.lowercased().filter { $0.isLetter || $0.isNumber } }
    }

    static func raw() throws -> [Raw] {
        let text = try String(contentsOfFile: PanelFixture.transfers, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let d = f[3].split(separator: "/").map { Int($0)! }
            return Raw(nip: f[0], decree: f[2], region: f[13], kind: f[5], fromEchelon: f[8], toEchelon: f[11], approval: f[14],
                       date: (d[2], d[1], d[0]))
        }
    }

    @Test func countsEqualARecountOfTheRawRows() throws {
        var set = TransferSet()
        let report = try TransferReader.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: PanelFixture.transfers))),
                                             name: "transfers.csv", into: &set)
        let raw = try Self.raw()
        #expect(report.recordsRejected == 0)
        #expect(set.transfers.count == raw.count)
        let panel = Panel(transfers: set, calendar: Self.calendar)

        // balanced: every region in every month from the first decree to the last
        let months = raw.map { $0.date.year * 12 + $0.date.month - 1 }
        let regionKeys = Set(raw.map(\.regionKey))
        #expect(panel.rows.count == regionKeys.count * (months.max()! - months.min()! + 1))
        #expect(Set(panel.rows.map { "\($0.region)|\($0.period)" }).count == panel.rows.count)

        let structural: Set<String> = ["II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "V"]
        var checkedNonZero = 0
        for row in panel.rows {
            let key = row.region.lowercased().filter { $0.isLetter || $0.isNumber }
            let mine = raw.filter { $0.regionKey == key && $0.monthKey == row.period }
            #expect(row.moves == mine.count, "\(row.region) \(row.period)")
            #expect(row.decrees == Set(mine.map(\.decree)).count, "\(row.region) \(row.period)")
            #expect(row.peopleMoved == Set(mine.map(\.nip)).count)
            #expect(row.promotions == mine.filter { $0.kind == "promosi" }.count)
            #expect(row.demotions == mine.filter { $0.kind == "demosi" }.count)
            #expect(row.nonjobs == mine.filter { $0.kind == "non-job" }.count)
            #expect(row.dismissals == mine.filter { $0.kind == "pemberhentian" }.count)
            let touchingStructural = mine.filter { structural.contains($0.fromEchelon) || structural.contains($0.toEchelon) }
            let touchingEselon2 = mine.filter { $0.fromEchelon.hasPrefix("II.") || $0.toEchelon.hasPrefix("II.") }
            #expect(row.officialsMoved == Set(touchingStructural.map(\.nip)).count)
            #expect(row.eselon2Moves == touchingEselon2.count)
            #expect(row.approvedDecrees == Set(mine.filter { !$0.approval.isEmpty }.map(\.decree)).count)
            // complete: the whole month between the region's first and last decree
            let all = raw.filter { $0.regionKey == key }
            let first = all.map { Day(year: $0.date.year, month: $0.date.month, day: $0.date.day)! }.min()!
            let last = all.map { Day(year: $0.date.year, month: $0.date.month, day: $0.date.day)! }.max()!
            #expect(row.regionFirstDecree == first && row.regionLastDecree == last)
            #expect(row.complete == (first <= row.periodStart && row.periodEnd <= last))
            if !mine.isEmpty { checkedNonZero += 1 }
        }
        #expect(checkedNonZero > 10)
        #expect(panel.rows.contains { $0.moves == 0 })
        #expect(panel.rows.contains { !$0.complete } && panel.rows.contains { $0.complete })
    }

    /// The margin from a calendar file, as `mutasi panel --elections` reads it.
    @Test func winnerMarginFromAYAMLCalendar() throws {
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: PanelFixture.transfers))),
                                    name: "transfers.csv", into: &set)
        let calendar = try CalendarReader.read(text: """
            elections:
              - id: pilkada-alpha
                region: Kota Alpha
                voting_date: 2024-11-27
                turnout: 68%
                candidates:
                  - {id: a1, votes: 5.200}
                  - {id: a2, votes: 4800}
                winner: a1
              - id: pilkada-beta
                region: Kabupaten Beta
                voting_date: 2024-06-15
                empty_box_votes: 2500
                candidates:
                  - {id: b1, votes: 7500}
                winner: b1
            """, file: "calendar.yaml")
        let panel = Panel(transfers: set, calendar: calendar)
        let alpha = try #require(panel.rows.first { RegionName.same($0.region, "Kota Alpha") && $0.period == "2024-05" })
        #expect(alpha.winnerMargin.map { abs($0 - 0.04) < 1e-12 } == true)
        let beta = try #require(panel.rows.first { RegionName.same($0.region, "Kabupaten Beta") && $0.period == "2024-08" })
        #expect(beta.winnerMargin.map { abs($0 - 0.5) < 1e-12 } == true)
        let csv = panel.csv()
        let header = csv.split(separator: "\n")[0].split(separator: ",")
        let column = try #require(header.firstIndex(of: "winner_margin"))
        #expect(csv.split(separator: "\n").contains { $0.split(separator: ",", omittingEmptySubsequences: false)[column] == "0.5" })
    }

    @Test func timingHeadsAndMargins() throws {
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: PanelFixture.transfers))),
                                    name: "transfers.csv", into: &set)
        let panel = Panel(transfers: set, calendar: Self.calendar)
        func row(_ region: String, _ period: String) -> Panel.Row? {
            panel.rows.first { RegionName.same($0.region, region) && $0.period == period }
        }
        let alpha = try #require(row("Kota Alpha", "2024-05"))
        #expect(alpha.vote == "pilkada-alpha")
        #expect(alpha.monthsToVote == 6 && alpha.monthsToDetermination == 4)
        #expect(alpha.head == "Pj Alpha" && alpha.headActing == true)
        #expect(alpha.winnerMargin.map { abs($0 - 0.04) < 1e-12 } == true)
        // the acting head's whole term is a window (PP 49/2008 Pasal 132A)
        #expect(alpha.inRuleWindow)
        // December 2023: the elected head 20 days, the acting one 11
        #expect(row("Kota Alpha", "2023-12")?.head == "Wali Alpha")
        let beta = try #require(row("Kabupaten Beta", "2024-08"))
        #expect(beta.monthsToVote == -2 && beta.headActing == false && beta.winnerMargin == nil)
        // weeks: ISO labels, 7 days each
        let weekly = Panel(transfers: set, calendar: Self.calendar, by: .week)
        #expect(weekly.rows.allSatisfy { $0.periodStart.weekday == 0 && $0.periodStart.days(to: $0.periodEnd) == 6 })
        #expect(weekly.rows.reduce(0) { $0 + $1.moves } == set.transfers.count)
        #expect(Panel.label(of: Panel.index(of: Day(iso: "2024-12-30")!, by: .week), by: .week) == "2025-W01")
        #expect(Panel.label(of: Panel.index(of: Day(iso: "2021-01-03")!, by: .week), by: .week) == "2020-W53")
    }
}
