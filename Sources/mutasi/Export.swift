import ArgumentParser
import MutasiGraph

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the accepted rows of one or more transfer files as one canonical file.",
        discussion: """
        English headers, ISO dates, explicit kinds, extra columns kept; duplicates across files merged \
        once. The file reads back as the same records. Rejected rows are not written: they are \
        listed on stderr (all of them with `mutasi validate`).
        """
    )

    @OptionGroup var inputs: TransferInputs
    @Option(help: ArgumentHelp("The file to write (never one of the inputs).", valueName: "file")) var out: String
    @Option(help: "csv, jsonl, or sqlite (the case database: docs/FORMATS.md).") var format: Format = .csv
    @OptionGroup var database: CaseDatabaseInputs

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl, sqlite }

    func run() throws {
        if format == .sqlite {
            return try database.write(readInputs(database.inputs(inputs)), to: out)
        }
        let files = try reportingInputErrors { try inputs.files() }
        let (set, report) = try reportingInputErrors { try TransferReader.read(paths: files, sheet: inputs.sheet) }
        try reportingInputErrors {
            // the folders named too: writing into one of them is refused like writing over a file
            try TransferExport.write(set, to: out, format: format == .csv ? .csv : .jsonl, inputs: files + inputs.transfers)
        }
        warn("read \(report.recordsRead) rows: \(report.recordsAccepted) accepted (\(report.duplicatesMerged) duplicates merged), \(report.recordsRejected) rejected; wrote \(set.transfers.count) records to \(out)")
        for r in report.rejects.prefix(20) { warn("  rejected: \(r)") }
        if report.rejects.count > 20 { warn("  … \(report.rejects.count - 20) more (mutasi validate lists all)") }
    }
}
