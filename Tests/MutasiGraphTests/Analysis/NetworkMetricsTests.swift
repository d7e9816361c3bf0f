import Testing
import MutasiGraph

@Suite struct NetworkMetricsTests {
    @Test func patronsOfTheExample() throws {
        let root = fixtures + "/../../../Examples"
        let (set, _) = try TransferReader.read(paths: [root + "/transfers-kota-tanjung-kelapa.csv"])
        let ties = try TieReader.read(path: root + "/ties.csv").0
        let cal = try CalendarReader.read(path: root + "/elections.yaml")
        let n = Network(transfers: set, ties: ties, calendar: cal)
        let m = try NetworkMetrics(network: n, transfers: set, seed: 7)
        #expect(m.patrons.count == 3)
        let pj = try #require(m.patrons.first)
        #expect(pj.signer == "Drs. Hendra Kusuma, M.Si." && pj.candidate == nil)   // the acting head moved the most people
        let mayor = try #require(m.patrons.first { $0.candidate == "sulastri" })
        #expect(mayor.jptHeldByClients >= 9)                                     // the 9 planted promotions to eselon II
        #expect(abs(m.nodes.map(\.pageRank).reduce(0, +) - 1) < 1e-9)
        #expect(m.modularity > 0.3 && m.betweennessExact)
        #expect(m.brokers.contains { $0.kind == "signer" })
        let again = try NetworkMetrics(network: n, transfers: set, seed: 7)
        #expect(again.nodes.map(\.community) == m.nodes.map(\.community))
    }
}
