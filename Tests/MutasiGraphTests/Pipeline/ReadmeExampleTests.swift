import Foundation
import Testing
import MutasiGraph

/// The README's library snippet, so it cannot drift from the API.
@Suite(.serialized) struct ReadmeExampleTests {
    @Test func librarySnippet() throws {
        var set = TransferSet()
        let report = try TransferReader.read(path: Example.city, into: &set)
        let counts = rowCounts(report)
        // the rows make_example.py wrote, and what the README says the snippet prints
        let written = try #require(Example.truth.rows(of: "transfers-kota-tanjung-kelapa.csv"))
        #expect(counts == written)
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains("report.recordsRejected)   // " + written.map(String.init).joined(separator: " ")))

        let calendar = try CalendarReader.read(path: Example.path("elections.yaml"))
        let (ties, _) = try TieReader.read(path: Example.path("ties.csv"))

        let network = Network(transfers: set, ties: ties, calendar: calendar)
        let svg = try Diagram.render(network, title: "Kota Tanjung Kelapa", format: .svg).data
        #expect(svg.count > 10_000)

        let flags = RuleWindowCheck(pack: .indonesia).flags(for: set, calendar: calendar)
        let waves = WaveDetector().waves(in: set, calendar: calendar, legalFlags: flags)
        // one wave per planted date (January's two decrees share one)
        #expect(waves.count == Set(Example.truth.waves.map(\.date)).count)
        #expect(flags.contains { $0.status == .violation })

        let result = LoyaltyAnalysis().run(transfers: set, calendar: calendar, ties: ties)
        let rerun = try #require(result.groupTests.first { $0.election == "pilkada-ulang-2025-tanjung-kelapa" && $0.event == .promotion })
        #expect(rerun.pValue < 0.01)
    }
}
