import ArgumentParser
import Foundation
import MutasiGraph

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check transfer files row by row: what is accepted, what is rejected and why.",
        discussion: "Every data row is accepted or rejected; recordsRead = recordsAccepted + recordsRejected. Line numbers are physical lines (the header is line 1)."
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "text or json.") var format: TextOrJSON = .text
    @Flag(help: "Exit with code 1 if any row is rejected.") var strict = false
    @Option(help: "Election calendar (YAML/JSON): also list every signer and region that matches nothing in it, with row counts and the closest candidate, and the calendar's plausibility warnings.")
    var elections: String?
    @Option(help: "Units file (CSV), for the provinces its rows name (with --elections).") var units: String?

    func validate() throws {
        try aliasInput.check(elections: elections)
        if units != nil && elections == nil { throw ValidationError("--units is used with --elections (it says which province a region is in); give the calendar too.") }
    }

    func run() throws {
        var (set, report) = try reportingInputErrors { try TransferReader.read(paths: inputs.transfers) }
        var matching: MatchReport?
        var calendarWarnings: [RowIssue] = []
        if let elections {
            let unitList = try units.map { try readSideTable($0, UnitReader.read(path:)) } ?? []
            let (calendar, m) = try readCalendar(elections, aliases: aliasInput.aliases, units: unitList, resolving: &set, quiet: true)
            matching = m
            calendarWarnings = calendar.plausibilityWarnings(transfers: set)
        }
        switch format {
        case .json:
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            if let matching {
                struct Out: Encodable { let ingest: IngestReport; let matching: MatchReport; let calendarWarnings: [RowIssue] }
                try emit(enc.encode(Out(ingest: report, matching: matching, calendarWarnings: calendarWarnings)) + Data("\n".utf8), to: nil)
            } else {
                try emit(enc.encode(report) + Data("\n".utf8), to: nil)
            }
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
            if let m = matching {
                out += "\nsigners matched to the calendar's heads: \(m.signerRowsMatched) rows; unmatched: \(m.signerRowsUnmatched) rows\n"
                for l in matchLines(m) { out += "  \(l)\n" }
                for w in calendarWarnings { out += "  calendar warning: \(w)\n" }
            }
            try emit(out, to: nil)
        }
        if strict && report.recordsRejected > 0 { throw ExitCode(1) }
    }
}
