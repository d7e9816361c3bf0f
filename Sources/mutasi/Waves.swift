import ArgumentParser
import Foundation
import MutasiGraph

struct Waves: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transfer waves near polls, and decrees in legally forbidden windows without the Minister's approval.",
        discussion: "Waves: a weekly scan against each region's own history at the same time of year, Monte Carlo p-values with sequential stopping; with one region waves are those with p < --alpha, with several the regions passing Benjamini-Hochberg at --fdr; weeks in which many regions all move far more people than usual are national events, listed once and set aside in every region (docs/METHODS.md). Rule windows: the built-in Indonesian rule pack unless --rules names another (see `mutasi rules`)."
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @OptionGroup var ruleInputs: RuleInputs
    @OptionGroup(title: "Waves") var waveOptions: WaveTestOptions
    @Option(help: "Seed of the Monte Carlo replications.") var seed: UInt64 = 1
    @Option(help: "text or json.") var format: TextOrJSON = .text
    @Option(help: "Also write the timeline chart (SVG) to this file.") var chart: String?

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, approvals: ruleInputs.approvals, rules: ruleInputs.rules,
                                                aliases: aliasInput.aliases))
        let (set, report, calendar, pack) = (read.transfers, read.ingest, read.calendar!, read.rulePack)
        let flags = RuleWindowCheck(pack: pack, approvals: read.approvals).flags(for: set, calendar: calendar)
        var p = Investigation.Parameters()
        p.seed = seed
        waveOptions.apply(to: &p)
        let scan = WaveDetector(options: p.waveOptions).scan(in: set, calendar: calendar, legalFlags: flags)
        let waves = scan.waves
        if let chart {
            try emit(TimelineChart.svg(transfers: set, calendar: calendar, waves: waves, flags: flags), to: chart)
        }
        if report.recordsRejected > 0 { warn("note: \(report.recordsRejected) rows rejected; see `mutasi validate`") }
        if format == .json {
            struct Out: Encodable {
                let waves: [Wave]; let regions: [RegionWaveTest]; let nationalEvents: [NationalEvent]
                let selection: WaveScan.Selection; let level: Double; let notes: [String]; let legalFlags: [LegalFlag]
            }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(Out(waves: waves, regions: scan.regions, nationalEvents: scan.nationalEvents,
                                          selection: scan.selection, level: scan.level, notes: scan.notes, legalFlags: flags)) + Data("\n".utf8), to: nil)
            return
        }
        let rule = scan.selection == .alpha ? "alpha \(waveOptions.alpha)" : "FDR \(waveOptions.fdr) across \(scan.regions.count) regions, level \(String(format: "%.3g", scan.level))"
        var out = "waves (\(rule), at most \(waveOptions.replications) replications, seed \(seed)): \(waves.count)\n"
        for w in waves {
            out += "  \(w.region)  \(w.start)..\(w.end)  \(w.persons) people (\(w.officials) officials), expected \(w.expected), x\(w.ratio), p = \(String(format: "%.3f", w.pValue))\n"
            out += "      decrees \(w.decrees.joined(separator: ", "))  signed by \(w.signers.joined(separator: "; "))\n"
            if let e = w.election { out += "      nearest vote: \(e), \(w.daysToVoting ?? 0) days\(w.daysToCandidateDetermination.map { " (\($0) to candidate determination)" } ?? "")\(w.inWindow.isEmpty ? "" : "; in rule windows: \(w.inWindow.joined(separator: ", "))")\n" }
            if let n = w.note { out += "      note: \(n)\n" }
        }
        if !scan.nationalEvents.isEmpty {
            out += "\nnational events (set aside in every region's scan): \(scan.nationalEvents.count)\n"
            for e in scan.nationalEvents {
                out += "  \(e.start)..\(e.end)  \(e.regionsAffected) of \(e.regionsWithData) regions, \(e.persons) people (expected \(e.expected))\n"
            }
        }
        let untestable = scan.regions.filter { !$0.testable }
        if !untestable.isEmpty {
            out += "\nregions too small to test (a wave of three times their mean week could not be shown): \(untestable.count)\n"
            for r in untestable {
                out += "  \(r.region)  \(String(format: "%.2f", r.meanPersonsPerWeek)) people a week over \(r.weeks) weeks; smallest wave it could show: \(r.smallestDetectableWave) people in a week\n"
            }
        }
        for n in scan.notes { out += "note: \(n)\n" }
        let violations = flags.filter { $0.status == .violation }
        out += "\nrule-window flags (\(pack.name)): \(violations.count) violations, \(flags.count - violations.count) approved\n"
        for f in flags {
            out += "  \(f.status == .violation ? "VIOLATION" : "approved ")  \(f.decreeDate)  SK \(f.decreeNo)  \(f.region)  \(f.persons) people (\(f.officials) officials)\n"
            out += "      \(f.citation); window \(f.windowStart)..\(f.windowEnd?.iso ?? "(open)"); signed by \(f.signer) (\(f.signerRole.rawValue))"
            out += f.approval.map { "; approval \($0)" } ?? ""
            out += f.daysToVoting.map { "; \($0) days to the vote of \(f.election ?? "?")" } ?? ""
            out += f.daysToCandidateDetermination.map { ", \($0) to its candidate determination" } ?? ""
            out += "\n"
        }
        try emit(out, to: nil)
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a built-in rule pack (YAML), to read it or start your own."
    )

    @Option(help: "\(RulePack.BuiltIn.allCases.map(\.rawValue).joined(separator: " or ")).") var pack: RulePack.BuiltIn = .indonesia

    func run() throws {
        let yaml = pack.yaml
        print(yaml, terminator: yaml.hasSuffix("\n") ? "" : "\n")
    }
}

extension RulePack.BuiltIn: ExpressibleByArgument {}
