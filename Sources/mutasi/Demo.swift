import ArgumentParser
import Foundation
import MutasiGraph

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the analysis on the example case in Examples/ and say where the outputs went."
    )

    @Option(help: "The example folder.") var examples = "Examples"
    @Option(help: "Where to write the outputs.") var out = "mutasi-demo"

    func run() throws {
        let e = examples
        let transfers = ["\(e)/transfers-kota-tanjung-kelapa.csv", "\(e)/transfers-kabupaten-sungai-rambai.csv"]
        guard FileManager.default.fileExists(atPath: transfers[0]) else {
            throw ValidationError("No example case at '\(e)'. Run from the repository's top folder, or give --examples DIR.")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let (set, report) = try reportingInputErrors { try TransferReader.read(paths: transfers) }
        let calendar = try reportingInputErrors { try CalendarReader.read(path: "\(e)/elections.yaml") }
        let (ties, _) = try reportingInputErrors { try TieReader.read(path: "\(e)/ties.csv") }
        let (units, _) = try reportingInputErrors { try UnitReader.read(path: "\(e)/units.csv") }

        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        try OutputFile.write(enc.encode(report), to: "\(out)/validation.json")

        let network = Network(transfers: set, ties: ties, calendar: calendar)
        let overview = try Diagram.dot(network, title: "Kota Tanjung Kelapa and Kabupaten Sungai Rambai, 2019-2026 (example)")
        try OutputFile.write(overview.dot, to: "\(out)/network.dot")
        try OutputFile.write(GraphMLWriter.write(network), to: "\(out)/network.graphml")
        try OutputFile.write(GraphvizRenderer.render(dot: overview.dot, engine: overview.engine, format: .svg), to: "\(out)/network.svg")
        let engine = overview.engine

        // the 17 eselon II officials of May 2026, the picture an investigator attaches
        let may2026 = Network(transfers: set.filtered(decree: "821.2/0017/BKPSDM/2026"), ties: ties, calendar: calendar)
        let title = "SK 821.2/0017/BKPSDM/2026, 12 May 2026: 17 eselon II posts, five months after the inauguration"
        try OutputFile.write(Data(Diagram.render(may2026, title: title, format: .svg).data), to: "\(out)/decree-2026-05-12.svg")
        try OutputFile.write(Data(Diagram.render(may2026, title: title, format: .png).data), to: "\(out)/decree-2026-05-12.png")

        let approvals = ApprovalReader.index(try reportingInputErrors { try ApprovalReader.read(path: "\(e)/approvals.csv").0 }, for: set)
        let flags = RuleWindowCheck(approvals: approvals).flags(for: set, calendar: calendar)
        let waves = WaveDetector().waves(in: set, calendar: calendar, legalFlags: flags)
        struct WavesOut: Encodable { let waves: [Wave]; let legalFlags: [LegalFlag] }
        try OutputFile.write(enc.encode(WavesOut(waves: waves, legalFlags: flags)), to: "\(out)/waves.json")

        let loyalty = LoyaltyAnalysis().run(transfers: set, calendar: calendar, ties: ties, units: units)
        struct LoyaltyOut: Encodable {
            let loyalty, retaliation, sanctions: [LoyaltyAnalysis.Flag]
            let groupTests: [LoyaltyAnalysis.GroupTest]
            let notes: [String]
        }
        try OutputFile.write(enc.encode(LoyaltyOut(loyalty: loyalty.loyalty, retaliation: loyalty.retaliation, sanctions: loyalty.sanctions,
                                                   groupTests: loyalty.groupTests, notes: loyalty.notes)), to: "\(out)/loyalty.json")

        let promo = loyalty.groupTests.first { $0.event == .promotion && $0.linked > 0 }
        print("""
        MutasiGraph demo on \(e)/
          rows read \(report.recordsRead), accepted \(report.recordsAccepted), rejected \(report.recordsRejected) (see validation.json)
          waves \(waves.count): \(waves.map { "\($0.start) (\($0.persons) people, p = \(String(format: "%.3f", $0.pValue)))" }.joined(separator: ", "))
          rule-window flags: \(flags.filter { $0.status == .violation }.count) violations, \(flags.filter { $0.status == .approved }.count) approved (see waves.json)
          network: \(network.nodeCount) nodes, \(network.edgeCount) edges (\(engine.rawValue) layout)
          loyalty flags \(loyalty.loyalty.count), retaliation flags \(loyalty.retaliation.count), discipline sanctions listed \(loyalty.sanctions.count)
        """)
        if let p = promo {
            print("  \(p.election): \(p.linkedWithEvent) of \(p.linked) winner-linked people promoted vs \(p.otherWithEvent) of \(p.other) others, Fisher p = \(String(format: "%.2g", p.pValue))")
        }
        print("""
        outputs in \(out)/:
          validation.json  waves.json  loyalty.json  network.dot  network.svg  network.graphml  decree-2026-05-12.svg  decree-2026-05-12.png
        """)
    }
}
