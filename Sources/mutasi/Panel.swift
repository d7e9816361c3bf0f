import ArgumentParser
import Foundation
import MutasiGraph

/// What `panel` and `event-study` read and work out before their own step.
struct PanelInputs: ParsableArguments {
    @OptionGroup var inputs: TransferInputs
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @Option(help: "A rule pack (YAML) instead of the built-in Indonesian one, for in_rule_window.") var rules: String?
    @Option(help: "Approvals file (CSV: decree_no, approval[, region, approval_date]), for approved_decrees.") var approvals: String?
    @Option(help: "Seed of the wave detector's Monte Carlo replications (in_wave).") var seed: UInt64 = 1
    @Option(help: "Monte Carlo replications per wave test; 0 skips the wave scan (in_wave is then 0).") var replications = 999

    var inputFiles: [String] { inputs.transfers + [elections] + [rules, approvals].compactMap { $0 } }

    func validate() throws {
        guard replications == 0 || replications >= 19 else { throw ValidationError("--replications must be 0 or at least 19.") }
    }

    /// Reads the inputs and builds the panel; rejected rows are counted on stderr.
    func panel(by period: MutasiGraph.Panel.Period) throws -> (MutasiGraph.Panel, TransferSet, ElectionCalendar) {
        let (set, report) = try reportingInputErrors { try TransferReader.read(paths: try inputs.files(), sheet: inputs.sheet) }
        if report.recordsRejected > 0 { warn("note: \(report.recordsRejected) rows rejected; see `mutasi validate`") }
        let calendar = try reportingInputErrors { try CalendarReader.read(path: elections) }
        let pack = try rules.map { p in try reportingInputErrors { try RulePack.load(path: p) } } ?? .indonesia
        let approvalIndex = try approvals.map { ApprovalReader.index(try readSideTable($0, ApprovalReader.read(path:)), for: set) } ?? [:]
        var waves: [Wave] = []
        if replications > 0 {
            let flags = RuleWindowCheck(pack: pack, approvals: approvalIndex).flags(for: set, calendar: calendar)
            var options = WaveDetector.Options()
            options.seed = seed
            options.replications = replications
            waves = WaveDetector(options: options).waves(in: set, calendar: calendar, legalFlags: flags)
        }
        let panel = MutasiGraph.Panel(transfers: set, calendar: calendar, by: period, pack: pack, approvals: approvalIndex, waves: waves)
        return (panel, set, calendar)
    }
}

struct Panel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A balanced region × month (or week) panel of transfer counts and election timing, for regressions.",
        discussion: """
        One row per region and period from the earliest decree to the latest, zero periods included. \
        `complete` is 0 where the region's data cover the period only in part (before its first or \
        after its last decree): leave those out of a regression. Columns: docs/FORMATS.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var panelInputs: PanelInputs
    @Option(help: "month or week.") var by: MutasiGraph.Panel.Period = .month
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func run() throws {
        let (panel, _, _) = try panelInputs.panel(by: by)
        if format == .csv { return try emit(panel.csv(), to: out) }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        enc.keyEncodingStrategy = .convertToSnakeCase
        struct Out: Encodable { let period: String; let rows: [MutasiGraph.Panel.Row] }
        try emit(enc.encode(Out(period: by.rawValue, rows: panel.rows)) + Data("\n".utf8), to: out)
    }
}

extension MutasiGraph.Panel.Period: ExpressibleByArgument {}
