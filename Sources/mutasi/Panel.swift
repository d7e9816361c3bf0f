import ArgumentParser
import Foundation
import MutasiGraph

/// What `panel` and `event-study` read and work out before their own step.
struct PanelInputs: ParsableArguments {
    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @OptionGroup(title: "Rule windows (in_rule_window, approved_decrees)") var ruleInputs: RuleInputs
    @OptionGroup(title: "Waves (in_wave)") var waveOptions: WaveTestOptions
    @Option(help: "Seed of the wave detector's Monte Carlo replications.") var seed: UInt64 = 1
    @Flag(help: "Skip the wave scan (in_wave is then 0).") var noWaveScan = false

    var inputFiles: [String] { inputs.transfers + [elections] + [ruleInputs.rules, ruleInputs.approvals, aliasInput.aliases].compactMap { $0 } }

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    /// Reads the inputs and builds the panel; rejected rows are counted on stderr.
    func panel(by period: MutasiGraph.Panel.Period) throws -> (MutasiGraph.Panel, TransferSet, ElectionCalendar) {
        let read = try readInputs(inputs.inputs(elections: elections, approvals: ruleInputs.approvals, rules: ruleInputs.rules,
                                                aliases: aliasInput.aliases))
        if read.ingest.recordsRejected > 0 { warn("note: \(read.ingest.recordsRejected) rows rejected; see `mutasi validate`") }
        let (set, calendar) = (read.transfers, read.calendar!)
        var p = Investigation.Parameters()
        p.seed = seed
        waveOptions.apply(to: &p)
        var waves: [Wave] = []
        if !noWaveScan {
            let flags = RuleWindowCheck(pack: read.rulePack, approvals: read.approvals).flags(for: set, calendar: calendar)
            waves = WaveDetector(options: p.waveOptions).waves(in: set, calendar: calendar, legalFlags: flags)
        }
        let panel = MutasiGraph.Panel(transfers: set, calendar: calendar, by: period, pack: read.rulePack, approvals: read.approvals, waves: waves)
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
