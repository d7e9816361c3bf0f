import Foundation
import Testing
import MutasiGraph

@Suite(.serialized) struct ExportTests {
    /// GraphML, GEXF, JSON and CSV of the example network, read back by networkx
    /// (scripts/check-exports.py): same nodes and edges in all four, GEXF dynamic with dated edges.
    @Test func networkxReadsEveryExport() throws {
        var set = TransferSet()
        _ = try TransferReader.read(path: Example.city, into: &set)
        let ties = try TieReader.read(path: Example.path("ties.csv")).0
        let n = Network(transfers: set, ties: ties, calendar: try CalendarReader.read(path: Example.path("elections.yaml")))
        let dir = try temporaryFolder("mutasi-exports")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try OutputFile.write(GraphMLWriter.write(n), to: dir + "/net.graphml")
        try OutputFile.write(NetworkExports.gexf(n), to: dir + "/net.gexf")
        try OutputFile.write(NetworkExports.json(n), to: dir + "/net.json")
        try OutputFile.write(NetworkExports.csv(n), to: dir + "/net.csv")
        let (status, text, missing) = try runCheckScript("check-exports.py", [dir + "/net"])
        if missing {
            withKnownIssue("networkx is not installed here (pip install networkx)") { Issue.record(Comment(rawValue: text)) }
            return
        }
        #expect(status == 0, "\(text)")
        #expect(text.hasPrefix("ok: \(n.nodeCount) nodes, \(n.edgeCount) edges"))
    }

    /// The metrics graph rebuilt from the GraphML as docs/FORMATS.md says (in_metrics edges, weights
    /// summed, directed for PageRank, undirected hops for betweenness) gives networkx the scores
    /// `mutasi network --format json` prints, to 1e-9 (scripts/check-metrics-graph.py).
    @Test func networkxRebuildsTheMetricsGraph() throws {
        let root = packageRoot
        var set = TransferSet()
        _ = try TransferReader.read(path: root + "/Examples/transfers-kota-tanjung-kelapa.csv", into: &set)
        let ties = try TieReader.read(path: root + "/Examples/ties.csv").0
        let n = Network(transfers: set, ties: ties, calendar: try CalendarReader.read(path: root + "/Examples/elections.yaml"))
        let metrics = try NetworkMetrics(network: n, transfers: set)
        #expect(metrics.betweennessExact)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-metrics-graph-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try OutputFile.write(GraphMLWriter.write(n), to: dir + "/net.graphml")
        try OutputFile.write(JSONEncoder().encode(metrics), to: dir + "/metrics.json")
        let (status, text, missing) = try runCheckScript("check-metrics-graph.py", [dir + "/net.graphml", dir + "/metrics.json", "1e-9"])
        if missing {
            withKnownIssue("networkx is not installed here (pip install networkx)") { Issue.record(Comment(rawValue: text)) }
            return
        }
        #expect(status == 0, "\(text)")
        #expect(text.hasPrefix("ok: \(n.nodeCount) nodes"), "\(text)")
    }

    /// A person spans first to last decree; each decree edge ends at the person's next later decree
    /// (two edges of one decree end together), the last is open; a tie spans since..until.
    @Test func gexfSpans() throws {
        let (set, _) = try readTransfers("""
            nip,name,decree_no,decree_date,signed_by,from_unit,to_unit
            198503152010011002,Ani,SK/1,2020-01-10,Bupati A,Dinas X,Dinas Y
            198503152010011002,Ani,SK/2,2021-03-01,Bupati B,Dinas Y,Dinas Z
            198503152010011002,Ani,SK/3,2022-07-15,Bupati B,Dinas Z,Dinas X
            197001012000031001,Budi,SK/2,2021-03-01,Bupati B,Dinas Y,Dinas X

            """)
        let tie = Tie(nip: NIP("198503152010011002")!, relatedTo: .person(NIP("197001012000031001")!), relation: .kin,
                      since: Day(iso: "2019-05-01"), until: Day(iso: "2023-01-01"), source: "berita", line: 2)
        let n = Network(transfers: set, ties: [tie])
        let gexf = NetworkExports.gexf(n)
        let ani = try #require(n.keys.firstIndex(of: "198503152010011002"))
        #expect(gexf.contains("<node id=\"n\(ani)\" label=\"Ani\" start=\"2020-01-10\" end=\"2022-07-15\">"))
        let spans = NetworkExports.Spans.edges(of: ani, in: n)
        func ends(_ date: String, _ kind: Network.EdgeKind) -> [String?] {
            spans.filter { n.edgeKinds[$0.edge] == kind && $0.start?.iso == date }.map { $0.end?.iso }
        }
        #expect(ends("2020-01-10", .appointedBy) == ["2021-03-01"] && ends("2020-01-10", .movedTo) == ["2021-03-01"])
        #expect(ends("2021-03-01", .movedFrom) == ["2022-07-15"] && ends("2022-07-15", .appointedBy) == [nil])
        #expect(ends("2019-05-01", .tie) == ["2023-01-01"])
        let signer = try #require(n.keys.firstIndex(of: "signer:Bupati B"))
        #expect(gexf.contains("<node id=\"n\(signer)\" label=\"Bupati B\"><attvalues>"), "signers have no span")
        #expect(gexf.contains("<attvalue for=\"in_metrics\" value=\"true\"/>") && gexf.contains("<attvalue for=\"in_metrics\" value=\"false\"/>"))
    }

    /// Every GraphML key declares the type its values have: weight an int, in_metrics a boolean.
    @Test func graphMLKeysAreTyped() throws {
        let (set, _) = try readTransfers("nip,name,decree_no,decree_date,signed_by,to_unit\n198503152010011002,Ani,SK/1,2020-01-10,Bupati A,Dinas Y\n")
        let xml = GraphMLWriter.write(Network(transfers: set))
        #expect(xml.contains("<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>"))
        #expect(xml.contains("<key id=\"in_metrics\" for=\"edge\" attr.name=\"in_metrics\" attr.type=\"boolean\"/>"))
        #expect(xml.contains("<data key=\"weight\">1</data><data key=\"in_metrics\">true</data>"))
        #expect(xml.contains("<data key=\"weight\">1</data><data key=\"in_metrics\">false</data>"))
    }

    @Test func csvEdgeListIsNeutralised() throws {
        let (set, _) = try readTransfers("nip,name,decree_no,decree_date,signed_by\n198503152010011002,\"=HYPERLINK(\"\"x\"\")\",@SK,2024-01-17,+62 811\n")
        let csv = NetworkExports.csv(Network(transfers: set))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\"") && csv.contains("'@SK") && csv.contains("'+62 811"))
    }
}
