import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import MutasiGraph

@Suite struct TimelineChartTests {
    @Test func wellFormedEscapedAndMarked() throws {
        let (set, _) = try readTransfers("""
        nip,name,decree_date,region
        198503152010011002,A,2024-01-17,"<script>x</script> & Co"
        198503152010011003,B,2024-01-17,"<script>x</script> & Co"
        198503152010011004,C,2024-06-03,"<script>x</script> & Co"
        """)
        let cal = ElectionCalendar(elections: [Election(id: "e", name: "e", kind: .regional, region: "<script>x</script> & Co", votingDate: Day(iso: "2024-11-27")!)])
        let wave = Wave(region: "<script>x</script> & Co", start: Day(iso: "2024-01-17")!, end: Day(iso: "2024-01-17")!, persons: 2, moves: 2, officials: 0, decrees: [],
                        expected: 0.1, ratio: 20, pValue: 0.01, signers: [], units: [], election: nil, daysToVoting: nil, inWindow: [], note: nil)
        let svg = TimelineChart.svg(transfers: set, calendar: cal, waves: [wave], flags: [])
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(!svg.contains("<script") && svg.contains("&lt;script&gt;x&lt;/script&gt; &amp; Co"))
        #expect(svg.contains("#c62828"))        // the wave's bar
        #expect(svg.contains("2024-11-27"))     // the vote
    }
}
