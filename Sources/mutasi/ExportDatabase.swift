import ArgumentParser
import Foundation
import MutasiGraph

/// `mutasi export --format sqlite`: the case database, with whatever side inputs were given.
struct CaseDatabaseInputs: ParsableArguments {
    @Option(help: "sqlite only: election calendar (YAML/JSON) for elections, heads, rule windows, loyalty and the panel.") var elections: String?
    @Option(help: "sqlite only: ties file (CSV).") var ties: String?
    @Option(help: "sqlite only: units file (CSV), for remote units in the loyalty test.") var units: String?
    @Option(help: "sqlite only: approvals file (CSV).") var approvals: String?
    @Option(help: "sqlite only: a rule pack (YAML) instead of the built-in Indonesian one.") var rules: String?
    @Option(help: "sqlite only: seed of the wave scan.") var seed: UInt64 = 1
    @Option(help: "sqlite only: Monte Carlo replications per wave test; 0 skips the scan.") var replications = 999

    var inputFiles: [String] { [elections, ties, units, approvals, rules].compactMap { $0 } }

    func write(_ set: TransferSet, _ report: IngestReport, to out: String) throws {
        let calendar = try elections.map { p in try reportingInputErrors { try CalendarReader.read(path: p) } } ?? ElectionCalendar()
        let tieList = try ties.map { try readSideTable($0, TieReader.read(path:)) } ?? []
        let unitList = try units.map { try readSideTable($0, UnitReader.read(path:)) } ?? []
        let pack = try rules.map { p in try reportingInputErrors { try RulePack.load(path: p) } } ?? .indonesia
        let approvalIndex = try approvals.map { ApprovalReader.index(try readSideTable($0, ApprovalReader.read(path:)), for: set) } ?? [:]
        let flags = RuleWindowCheck(pack: pack, approvals: approvalIndex).flags(for: set, calendar: calendar)
        var waves: [Wave] = []
        if replications > 0 {
            var o = WaveDetector.Options()
            o.seed = seed
            o.replications = replications
            waves = WaveDetector(options: o).waves(in: set, calendar: calendar, legalFlags: flags)
        }
        let loyalty = elections == nil ? nil : LoyaltyAnalysis().run(transfers: set, calendar: calendar, ties: tieList, units: unitList)
        let panel = MutasiGraph.Panel(transfers: set, calendar: calendar, pack: pack, approvals: approvalIndex, waves: waves)
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
