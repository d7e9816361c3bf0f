import Foundation
import Testing
import MutasiGraph

@Suite struct OverviewTests {
    /// A case of five regions, one of them made the worst by a planted wave and its violations:
    /// the overview keeps the regions with most findings, worst first, each with its busiest
    /// signers, and Graphviz draws it.
    @Test func regionsWithMostFindingsAndTheirBusiestSigners() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-overview-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = Synth.Options()
        o.regions = 5; o.seed = 5; o.plantWaves = true; o.plantLoyalty = true
        _ = try Synth.write(o, to: dir)
        var p = Investigation.Parameters()
        p.replications = 99
        let r = try Investigation.run(Investigation.Inputs(transfers: [dir + "/transfers.csv"], elections: dir + "/elections.yaml",
                                                           ties: dir + "/ties.csv", units: dir + "/units.csv"), p)
        let f = r.findings
        func findings(_ region: String) -> Int {
            f.waves.filter { $0.region == region }.count + f.legalFlags.filter { $0.region == region && $0.status == .violation }.count
                + f.loyalty.filter { $0.region == region }.count + f.retaliation.filter { $0.region == region }.count
        }
        let regions = Set(r.transfers.transfers.map { r.transfers[$0.region] })
        let worst = regions.max { (findings($0), $1) < (findings($1), $0) }!
        var options = Overview.Options()
        options.regions = 3
        options.signersPerRegion = 1
        let dot = Overview.dot(transfers: r.transfers, findings: f, options: options)
        let regionLines = dot.split(separator: "\n").filter { $0.hasPrefix("  r") && $0.contains("[label=") }
        #expect(regionLines.count == 3)
        // r0 is the worst region, with its counts on the label
        let r0 = regionLines.first { $0.hasPrefix("  r0 ") }!
        #expect(r0.contains("\"\(worst)\\n"))
        #expect(r0.contains("\(f.legalFlags.filter { $0.region == worst && $0.status == .violation }.count) violations"))
        // one signer per region, linked to it
        #expect(dot.split(separator: "\n").filter { $0.contains(" -> r") }.count == 3)
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains(worst))
        // a report in Bahasa Indonesia gets the picture in it too
        options.labels = .indonesian
        let id = Overview.dot(transfers: r.transfers, findings: f, options: options)
        #expect(id.contains("pelanggaran") && id.contains("dimutasi") && !id.contains(" moved"))
    }

    /// Names are text, never DOT: a region or signer with quotes and backslashes stays one label.
    @Test func namesAreEscaped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-overview-esc-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = "nip,name,decree_no,decree_date,kind,signed_by,region\n"
            + "198503152010011002,A,800/1,2024-01-05,mutasi,\"Sig \"\"X\"\" \\N\",\"Kota \"\"Q\"\"]; r9 [label=x\"\n"
        try csv.write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        try "elections:\n  - {id: e, name: E, kind: national, region: \"*\", voting_date: 2024-02-14}\n"
            .write(toFile: dir + "/e.yaml", atomically: true, encoding: .utf8)
        var p = Investigation.Parameters()
        p.replications = 19
        let r = try Investigation.run(Investigation.Inputs(transfers: [dir + "/t.csv"], elections: dir + "/e.yaml"), p)
        let dot = Overview.dot(transfers: r.transfers, findings: r.findings)
        #expect(dot.contains("Kota \\\"Q\\\"]; r9 [label=x"))
        #expect(dot.contains("Sig \\\"X\\\" \\\\N"))
        // one region and one signer: the name made no node of its own
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg), as: UTF8.self)
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 2)
    }
}
