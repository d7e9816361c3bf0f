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
    @Flag(help: "Print each file's header: column, header text and the field it is read as.") var showMapping = false

    @Option(help: "Election calendar (YAML/JSON): also list every signer and region that matches nothing in it, with row counts and the closest candidate, and the calendar's plausibility warnings.")
    var elections: String?
    @Option(help: "Units file (CSV), for the provinces its rows name (with --elections).") var units: String?

    func validate() throws {
        try aliasInput.check(elections: elections)
        if units != nil && elections == nil { throw ValidationError("--units is used with --elections (it says which province a region is in); give the calendar too.") }
    }

    func run() throws {
        let given = try inputs.inputs(elections: elections, units: units, aliases: aliasInput.aliases)
        let read = try readInputs(given, quiet: true)
        let (files, report, matching, calendarWarnings) = (given.transfers, read.ingest, read.matching, read.calendarWarnings)
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
            files             \(files.count == 1 ? files[0] : "\(files.count): " + files.joined(separator: ", "))
            rows read         \(report.recordsRead)
            accepted          \(report.recordsAccepted)\(report.duplicatesMerged > 0 ? " (\(report.duplicatesMerged) duplicates merged into earlier rows)" : "")
            rejected          \(report.recordsRejected)
            warnings          \(report.warnings.count)
            blank rows        \(report.blankRowsSkipped)

            """
            out += Validate.columnsText(report.columns, showMapping: showMapping)
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

    /// The costly columns each file lacks (always: said loudly), the columns read as no field,
    /// and with `showMapping` every header → field.
    static func columnsText(_ columns: [ColumnMapping], showMapping: Bool) -> String {
        var out = ""
        let missing = columns.flatMap { m in m.missing.map { "WARNING: \(m.file):\(m.line): \($0)" } }
        if !missing.isEmpty { out += "\n" + missing.joined(separator: "\n") + "\n" }
        let unmapped = columns.filter { !$0.unmapped.isEmpty }
        if !unmapped.isEmpty && !showMapping {
            out += "\ncolumns read as no field (kept as extra columns, used by no check):\n"
            for m in unmapped {
                out += "  \(m.file): " + m.unmapped.map { "\($0.header) (column \($0.column)\($0.knownExtra ? "" : ", unknown"))" }.joined(separator: ", ") + "\n"
            }
        }
        if showMapping {
            for m in columns {
                out += "\nheader of \(m.file) (line \(m.line)):\n"
                let width = min(40, m.columns.map { $0.header.count }.max() ?? 0)
                for c in m.columns {
                    let h = c.header.padding(toLength: max(width, c.header.count), withPad: " ", startingAt: 0)
                    out += "  \(String(format: "%3d", c.column))  \(h)  → \(c.field ?? (c.knownExtra ? "(extra column, kept)" : "(unknown: extra column, kept, used by no check)"))\n"
                }
            }
        }
        return out
    }
}
