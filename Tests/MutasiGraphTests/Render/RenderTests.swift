import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import MutasiGraph

/// A network whose every text is hostile: DOT syntax, HTML, backslash escapes, line breaks, NUL.
private func hostileNetwork() throws -> Network {
    let names = ["A\"]; x -> y; [\"", "<b>x</b>", "back\\slash \\N \\G \\l", "two\nlines\r\nthree", "nul\u{0}byte",
                 "Ir. Made \"Dek\" Suardana", "Ñoño Ōsaka 東京", "}", "{ rank=min; evil }", "-- -> ;"]
    var text = "nip,name,decree_no,decree_date,kind,to_unit,signed_by,region\n"
    for (i, n) in names.enumerated() {
        let q = "\"" + n.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        text += "19850315201001101\(i),\(q),\(q),2024-01-17,promosi,\(q),\(q),Kota A\n"
    }
    let (set, report) = try readTransfers(text)
    #expect(report.recordsAccepted == names.count)
    return Network(transfers: set, ties: [Tie(nip: set.transfers[0].nip, relatedTo: .candidate("c\"1"), relation: .other("x\"];"))])
}

@Suite(.serialized) struct RenderTests {
    @Test func hostileTextStaysInsideLabels() throws {
        let n = try hostileNetwork()
        let dot = DOTWriter().write(n)
        // candidates with no signer running as them are shown on the people tied to them, not drawn
        let hidden = n.nodes(of: .candidate).count
        let counts = try #require(GraphvizRenderer.nodeAndEdgeCount(dot: dot))
        // with clusters, units are drawn as clusters, not nodes
        #expect(counts.nodes == n.nodeCount - n.nodes(of: .unit).count - hidden)
        var all = DOTWriter.Options()
        all.unitNodes = true
        all.clusterByUnit = false
        let full = try #require(GraphvizRenderer.nodeAndEdgeCount(dot: DOTWriter(options: all).write(n)))
        #expect(full.nodes == n.nodeCount - hidden)
        // the real `dot` program agrees
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["dot", "-Tcanon"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let canon = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let recounted = try #require(GraphvizRenderer.nodeAndEdgeCount(dot: canon))
        #expect(recounted.nodes == counts.nodes && recounted.edges == counts.edges)
        #expect(canon.contains("<b>x</b>"))
    }

    /// The example city with its ties: labelled ties across unit clusters once crashed Graphviz 2.43
    /// in gvFreeLayout (a double free); the writer now avoids that construct.
    @Test func exampleWithTies() throws {
        var set = TransferSet()
        _ = try TransferReader.read(path: Example.city, into: &set)
        let ties = try TieReader.read(path: Example.path("ties.csv")).0
        let cal = try CalendarReader.read(path: Example.path("elections.yaml"))
        let n = Network(transfers: set, ties: ties, calendar: cal)
        let dot = DOTWriter().write(n)
        for _ in 0..<10 {
            let svg = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg)
            #expect(svg.count > 100_000)
        }
    }

    @Test func escapeRules() {
        #expect(DOTWriter.escape("a\"b") == "a\\\"b")
        #expect(DOTWriter.escape("\\N") == "\\\\N")
        #expect(DOTWriter.escape("x\r\ny\nz") == "x\\ny\\nz")
        #expect(DOTWriter.escape("a\u{0}\u{7}b") == "ab")
    }

    @Test func rendersSVGPNGAndPDF() throws {
        let dot = DOTWriter().write(try hostileNetwork())
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(!svg.contains("<b>x</b>")) // escaped by Graphviz as text
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        let png = try GraphvizRenderer.render(dot: dot, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphvizRenderer.render(dot: dot, format: .pdf)
        #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
    }

    @Test func aBadGraphThenAGoodOne() throws {
        do {
            _ = try GraphvizRenderer.render(dot: "digraph { a -> ; }")
            Issue.record("a syntax error must throw")
        } catch {
            #expect(error.message.contains("syntax"))
        }
        let svg = try GraphvizRenderer.render(dot: "digraph { a -> b; }")
        #expect(!svg.isEmpty)
    }

    static func residentMB() -> Double {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        return Double(statm.split(separator: " ")[1])! * 4096 / 1e6
    }

    @Test func twoHundredRendersDoNotGrowMemory() throws {
        let dot = DOTWriter().write(try hostileNetwork())
        for _ in 0..<20 { _ = try GraphvizRenderer.render(dot: dot) } // warm up caches and fonts
        let before = Self.residentMB()
        for _ in 0..<200 { _ = try GraphvizRenderer.render(dot: dot) }
        let after = Self.residentMB()
        #expect(after - before < 10, "RSS grew from \(before) MB to \(after) MB over 200 renders")
    }

    @Test func concurrentCallersAreSerialised() async throws {
        let dot = DOTWriter().write(try hostileNetwork())
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try GraphvizRenderer.render(dot: dot).count } }
            var out: [Int] = []
            for try await s in group { out.append(s) }
            return out
        }
        #expect(sizes.count == 8 && Set(sizes).count == 1)
    }

    @Test func aLayoutOverItsTimeLimitIsStoppedAndSaysSo() throws {
        // 3,000 nodes in one rank take dot seconds; a limit of 0.3 s stops it
        let dot = "digraph { " + (0..<3_000).map { "n\($0) -> n\(($0 * 7 + 1) % 3_000);" }.joined(separator: " ") + " }"
        let start = Date()
        #expect {
            _ = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg, timeLimit: 0.3)
        } throws: { e in
            (e as? GraphvizRenderer.RenderError)?.message.contains("stopped after 0.3 s") == true
        }
        #expect(Date().timeIntervalSince(start) < 5)
        // within its limit the same path renders, with the same Graphviz as in-process
        let svg = String(decoding: try GraphvizRenderer.render(dot: DOTWriter().write(try hostileNetwork()), format: .svg, timeLimit: 30), as: UTF8.self)
        #expect(svg.contains("<svg") && XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test func engineChoiceBySize() throws {
        #expect(try GraphvizRenderer.automaticEngine(nodes: 150) == .dot)
        #expect(try GraphvizRenderer.automaticEngine(nodes: 500) == .sfdp)
        #expect(try GraphvizRenderer.automaticEngine(nodes: 8_000) == .sfdp)
        #expect(throws: GraphvizRenderer.RenderError.self) { try GraphvizRenderer.automaticEngine(nodes: 50_000) }
        // dot by hand on a graph it cannot lay out is refused, not attempted
        let text = "nip,name,decree_date,signed_by\n" + (0..<3_100).map { "19850315201001\(String(1000 + $0 % 9000).suffix(4)),P\($0),2024-01-17,S\($0)" }.joined(separator: "\n")
        let (set, _) = try readTransfers(text)
        #expect(throws: GraphvizRenderer.RenderError.self) { try Diagram.dot(Network(transfers: set), title: nil, engine: .dot) }
    }
}
