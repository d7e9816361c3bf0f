import Foundation
import Testing
import MutasiGraph

@Suite(.serialized) struct PatronOverviewTests {
    /// The example's four patrons are hubs, each person is counted once in one group, the ties to
    /// the candidates are weighted edges, and the picture reads at 1,800 px.
    @Test func examplePatronsAreHubs() throws {
        var set = TransferSet()
        _ = try TransferReader.read(path: Example.city, into: &set)
        _ = try TransferReader.read(path: Example.regency, into: &set)
        let ties = try TieReader.read(path: Example.path("ties.csv")).0
        let calendar = try CalendarReader.read(path: Example.path("elections.yaml"))
        let dot = PatronOverview.dot(transfers: set, ties: ties, calendar: calendar)
        let patrons = dot.split(separator: "\n").filter { $0.hasPrefix("  p") && $0.contains("[label=") }
        // every decree of the example is signed by one of the calendar's heads (make_example.py)
        #expect(patrons.count == Set(calendar.heads.map(\.name)).count)
        for name in ["Hendra Kusuma", "Darmawan Saputra", "Sulastri Wibowo", "Rusli Hamzah"] { #expect(dot.contains(name)) }
        // every person once: the groups' counts add up to the people
        var total = 0
        for line in dot.split(separator: "\n") where line.hasPrefix("  g") && line.contains("[label=<<b>") {
            let n = line.split(separator: ">")[1].prefix { $0.isNumber }
            total += Int(n) ?? 0
        }
        #expect(total == set.personCount())
        #expect(dot.contains("style=dashed") && dot.contains("Pilkada ulang"))
        let png = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .png, timeLimit: 30)
        let (w, h) = pngSize(png)
        #expect(w <= 2_400 && h <= 1_400, "\(w) × \(h)")
    }
}
