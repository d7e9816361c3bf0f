import ArgumentParser
import Foundation
import MutasiGraph

/// `mutasi export --format sqlite`: the case database, with whatever side inputs were given.
struct CaseDatabaseInputs: ParsableArguments {
    @Option(help: "sqlite only: election calendar (YAML/JSON) for elections, heads, rule windows, loyalty and the panel.") var elections: String?
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "sqlite only: ties file (CSV).") var ties: String?
    @Option(help: "sqlite only: units file (CSV), for remote units in the loyalty test.") var units: String?
    @Option(help: ArgumentHelp("sqlite only: neutrality reports file (CSV): each report a recorded tie for loyalty, as in `analyze --reports`.", valueName: "file"))
    var reports: String?
    @OptionGroup(title: "Rule windows") var ruleInputs: RuleInputs
    @OptionGroup(title: "Waves") var waveOptions: WaveTestOptions
    @OptionGroup(title: "Loyalty and retaliation") var loyaltyOptions: LoyaltyTestOptions
    @Option(help: "sqlite only: seed of the wave scan and the loyalty test.") var seed: UInt64 = 1
    @Flag(help: "sqlite only: skip the wave scan (no waves, in_wave 0).") var noWaveScan = false

    var inputFiles: [String] { [elections, aliasInput.aliases, ties, units, reports, ruleInputs.approvals, ruleInputs.rules].compactMap { $0 } }

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    /// The read stage's inputs: the transfers and the side files given.
    func inputs(_ transfers: TransferInputs) throws -> Investigation.Inputs {
        try transfers.inputs(elections: elections, ties: ties, units: units, approvals: ruleInputs.approvals, rules: ruleInputs.rules,
                             aliases: aliasInput.aliases, reports: reports)
    }

    func write(_ read: Investigation.ReadInputs, to out: String) throws {
        let (set, report, calendar, tieList) = (read.transfers, read.ingest, read.calendar ?? ElectionCalendar(), read.ties)
        var p = Investigation.Parameters()
        p.seed = seed
        waveOptions.apply(to: &p)
        loyaltyOptions.apply(to: &p)
        let flags = RuleWindowCheck(pack: read.rulePack, approvals: read.approvals).flags(for: set, calendar: calendar)
        let waves = noWaveScan ? [] : WaveDetector(options: p.waveOptions).waves(in: set, calendar: calendar, legalFlags: flags)
        let loyalty = read.calendar == nil ? nil : LoyaltyAnalysis(options: p.loyaltyOptions).run(transfers: set, calendar: calendar, ties: tieList, units: read.units)
        let panel = MutasiGraph.Panel(transfers: set, calendar: calendar, pack: read.rulePack, approvals: read.approvals, waves: waves)
        let careers = CareerTable(transfers: set, calendar: calendar, ties: tieList)
        // the database's own write, apart from the analyses before it (docs/FORMATS.md, Benchmarks/sqlite-export.sh)
        let started = Date(), cpuStarted = cpuSeconds()
        let counts = try reportingInputErrors {
            try CaseDatabase.write(CaseDatabase.Contents(transfers: set, report: report, calendar: calendar, ties: tieList, legalFlags: flags,
                                                         waves: waves, loyalty: loyalty, panel: panel, careers: careers), to: out)
        }
        let wall = Date().timeIntervalSince(started), cpu = cpuSeconds() - cpuStarted
        warn("wrote \(out) in \(String(format: "%.1f", wall)) s, CPU \(String(format: "%.1f", cpu)) s (schema \(CaseDatabase.schemaVersion)): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

/// User and system CPU time of this process so far: the database write runs on one core, so its CPU
/// time is what its wall time would be on an idle machine (benchmarks run on loaded ones).
func cpuSeconds() -> Double {
    var u = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    #else
    getrusage(RUSAGE_SELF, &u)
    #endif
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}
