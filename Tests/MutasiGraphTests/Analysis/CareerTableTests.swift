import Testing
@testable import MutasiGraph
@testable import MutasiSupport
@testable import MutasiModel
@testable import MutasiIngest
@testable import MutasiNetwork
@testable import MutasiAnalysis
@testable import MutasiSynth
@testable import MutasiRender
@testable import MutasiReport
@testable import MutasiPipeline

@Suite struct CareerTableTests {
    @Test func movesInOrderWithTimeInPostHeadsAndLinks() throws {
        var c = LoyaltyCase()
        c.tie(1, "w", "tim_kampanye")
        c.ties[0].since = Day(iso: "2024-01-01")
        c.move(1, "2025-03-01", .promotion, from: "IV.a", to: "III.b", signer: "Winner")
        c.move(1, "2023-01-10", .mutation, from: "Pelaksana", to: "Pelaksana", signer: "Loser")
        c.move(1, "2024-06-01", .promotion, from: "Pelaksana", to: "IV.a", signer: "Loser")
        c.move(2, "2024-06-01", .nonjob, from: "III.a", to: nil, signer: "Loser")
        let t = CareerTable(transfers: c.set, calendar: c.calendar, ties: c.ties)
        #expect(t.moves.count == c.set.transfers.count)
        let one = t.moves.filter { $0.nip == c.people[1].description }
        #expect(one.map(\.date.iso) == ["2023-01-10", "2024-06-01", "2025-03-01"])
        #expect(one.map(\.sequence) == [1, 2, 3])
        #expect(one.map(\.daysInPreviousPost) == [nil, 508, 273])
        #expect(one.map(\.toRank) == [6, 4, 3])
        // recorded from 2024 on; derived from the rise the candidate "l" signed
        #expect(one.map(\.recordedLinks) == [[], ["w"], ["w"]])
        #expect(one.map(\.derivedLinks) == [[], [], ["l"]])
        #expect(one[2].signerRole == .elected && one[2].signerCandidate == "w" && one[2].head == "Winner")
        #expect(one[0].head == "Loser" && one[0].headActing == false)
        #expect(one[1].evidence == "?:4")  // built in memory: no file name
        let people = Dictionary(uniqueKeysWithValues: t.people.map { ($0.nip, $0) })
        let p1 = try #require(people[c.people[1].description])
        #expect(p1.moves == 3 && p1.promotions == 2 && p1.pushOuts == 0 && p1.lastRank == 3)
        #expect(p1.firstSeen.iso == "2023-01-10" && p1.lastSeen.iso == "2025-03-01")
        #expect(people[c.people[2].description]?.pushOuts == 1)
        #expect(t.people.reduce(0) { $0 + $1.moves } == c.set.transfers.count)
        // CSV: one line per move and the header
        #expect(t.movesCSV().split(separator: "\n").count == t.moves.count + 1)
        #expect(t.peopleCSV().split(separator: "\n").first == Substring(CareerTable.peopleColumns.joined(separator: ",")))
    }
}
