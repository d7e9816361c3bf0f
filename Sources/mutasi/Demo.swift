import ArgumentParser
import Foundation
import MutasiGraph

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run `mutasi analyze` on the example case in Examples/ and say where the outputs went."
    )

    @Option(help: "The example folder.") var examples = "Examples"
    @Option(help: "Where to write the outputs (replaced if it exists).") var out = "mutasi-demo"
    @Option(help: "Report language: id (Bahasa Indonesia) or en.") var lang: ReportLanguage = .en
    @Option(help: ArgumentHelp("The case name shown on the report and evidence pages (default: the example's, in the report's language).", valueName: "name")) var title: String?
    @OptionGroup var evidence: EvidenceOptions

    func run() throws {
        let e = examples
        let inputs = Demo.inputs(e)
        guard FileManager.default.fileExists(atPath: inputs.transfers[0]) else {
            throw ValidationError("No example case at '\(e)'. Run from the repository's top folder, or give --examples DIR.")
        }
        print("mutasi analyze on \(e)/ (Kota Tanjung Kelapa and Kabupaten Sungai Rambai, 2019-2026, invented names)")
        var p = Investigation.Parameters()
        p.lang = lang
        p.title = title ?? (lang == .id ? "Contoh perkara: Kota Tanjung Kelapa dan Kabupaten Sungai Rambai"
                                         : "Example case: Kota Tanjung Kelapa and Kabupaten Sungai Rambai")
        _ = try Analyze.run(inputs, p, out: out, force: true, evidence: evidence.limits, quiet: false)
    }

    /// The example case's files in `e`.
    static func inputs(_ e: String) -> Investigation.Inputs {
        Investigation.Inputs(transfers: ["\(e)/transfers-kota-tanjung-kelapa.csv", "\(e)/transfers-kabupaten-sungai-rambai.csv"],
                             elections: "\(e)/elections.yaml", ties: "\(e)/ties.csv", units: "\(e)/units.csv", approvals: "\(e)/approvals.csv",
                             reports: FileManager.default.fileExists(atPath: "\(e)/neutrality-reports.csv") ? "\(e)/neutrality-reports.csv" : nil)
    }
}
