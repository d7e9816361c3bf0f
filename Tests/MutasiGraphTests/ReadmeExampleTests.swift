import Foundation
import Testing
import MutasiGraph

/// The README's library snippet, so it cannot drift from the API.
@Suite(.serialized) struct ReadmeExampleTests {
    @Test func librarySnippet() throws {
        let root = fixtures + "/../../.."
        var set = TransferSet()
        let report = try TransferReader.read(path: root + "/Examples/transfers-kota-tanjung-kelapa.csv", into: &set)
        let counts: [Int] = [report.recordsRead, report.recordsAccepted, report.recordsRejected]
        #expect(counts == [664, 661, 3])

        let calendar = try CalendarReader.read(path: root + "/Examples/elections.yaml")
        let (ties, _) = try TieReader.read(path: root + "/Examples/ties.csv")

        let network = Network(transfers: set, ties: ties, calendar: calendar)
        let svg = try Diagram.render(network, title: "Kota Tanjung Kelapa", format: .svg).data
        #expect(svg.count > 10_000)

        let flags = RuleWindowCheck(pack: .indonesia).flags(for: set, calendar: calendar)
        let waves = WaveDetector().waves(in: set, calendar: calendar, legalFlags: flags)
        #expect(waves.count == 4 && flags.contains { $0.status == .violation })

        let result = LoyaltyAnalysis().run(transfers: set, calendar: calendar, ties: ties)
        let rerun = try #require(result.groupTests.first { $0.election == "pilkada-ulang-2025-tanjung-kelapa" && $0.event == .promotion })
        #expect(rerun.pValue < 0.01)
    }
}
