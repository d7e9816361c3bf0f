import ArgumentParser
import Foundation
import MutasiGraph

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check transfer files row by row: what is accepted, what is rejected and why.",
        discussion: "Every data row is accepted or rejected; recordsRead = recordsAccepted + recordsRejected. Line numbers are physical lines (the header is line 1)."
    )

    @OptionGroup var inputs: TransferInputs
    @Option(help: "text or json.") var format: TextOrJSON = .text
    @Flag(help: "Exit with code 1 if any row is rejected.") var strict = false

    func run() throws {
        let (_, report) = try reportingInputErrors { try TransferReader.read(paths: inputs.transfers) }
        switch format {
        case .json:
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(report) + Data("\n".utf8), to: nil)
        case .text:
            var out = """
            files             \(inputs.transfers.joined(separator: ", "))
            rows read         \(report.recordsRead)
            accepted          \(report.recordsAccepted)\(report.duplicatesMerged > 0 ? " (\(report.duplicatesMerged) duplicates merged into earlier rows)" : "")
            rejected          \(report.recordsRejected)
            warnings          \(report.warnings.count)
            blank rows        \(report.blankRowsSkipped)

            """
            if !report.rejects.isEmpty {
                out += "\nrejected rows:\n" + report.rejects.map { "  \($0)" }.joined(separator: "\n") + "\n"
            }
            if !report.warnings.isEmpty {
                out += "\nwarnings:\n" + report.warnings.prefix(50).map { "  \($0)" }.joined(separator: "\n") + "\n"
                if report.warnings.count > 50 { out += "  … \(report.warnings.count - 50) more (use --format json)\n" }
            }
            try emit(out, to: nil)
        }
        if strict && report.recordsRejected > 0 { throw ExitCode(1) }
    }
}
