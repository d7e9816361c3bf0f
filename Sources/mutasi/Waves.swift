import ArgumentParser
import Foundation
import MutasiGraph

struct Waves: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transfer waves near polls, and decrees in legally forbidden windows without the Minister's approval.",
        discussion: "Waves: a weekly scan against each region's own history at the same time of year, Monte Carlo p-values (docs/METHODS.md). Rule windows: the built-in Indonesian rule pack unless --rules names another (see `mutasi rules`)."
    )

    @OptionGroup var inputs: TransferInputs
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @Option(help: "A rule pack (YAML) instead of the built-in Indonesian one.") var rules: String?
    @Option(help: "Approvals file (CSV: decree_no, approval[, region, approval_date]).") var approvals: String?
    @Option(help: "Significance level for waves.") var alpha = 0.05
    @Option(help: "Seed of the Monte Carlo replications.") var seed: UInt64 = 1
    @Option(help: "Monte Carlo replications per test.") var replications = 999
    @Option(help: "text or json.") var format: TextOrJSON = .text
    @Option(help: "Also write the timeline chart (SVG) to this file.") var chart: String?

    func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1.") }
        guard replications >= 19 else { throw ValidationError("--replications must be at least 19.") }
    }

    func run() throws {
        let (set, report) = try reportingInputErrors { try TransferReader.read(paths: try inputs.files(), sheet: inputs.sheet) }
        let calendar = try reportingInputErrors { try CalendarReader.read(path: elections) }
        let pack = try rules.map { p in try reportingInputErrors { try RulePack.load(path: p) } } ?? .indonesia
        let approvalIndex: [String: String] = try approvals.map { path -> [String: String] in
            let (index, rejects) = ApprovalReader.resolve(try readSideTable(path, ApprovalReader.read(path:)), for: set)
            for r in rejects { warn("rejected: \(r)") }
            return index
        } ?? [:]
        let flags = RuleWindowCheck(pack: pack, approvals: approvalIndex).flags(for: set, calendar: calendar)
        var options = WaveDetector.Options()
        options.alpha = alpha
        options.seed = seed
        options.replications = replications
        let waves = WaveDetector(options: options).waves(in: set, calendar: calendar, legalFlags: flags)
        if let chart {
            try emit(TimelineChart.svg(transfers: set, calendar: calendar, waves: waves, flags: flags), to: chart)
        }
        if report.recordsRejected > 0 { warn("note: \(report.recordsRejected) rows rejected; see `mutasi validate`") }
        if format == .json {
            struct Out: Encodable { let waves: [Wave]; let legalFlags: [LegalFlag] }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(Out(waves: waves, legalFlags: flags)) + Data("\n".utf8), to: nil)
            return
        }
        var out = "waves (alpha \(alpha), \(replications) replications, seed \(seed)): \(waves.count)\n"
        for w in waves {
            out += "  \(w.region)  \(w.start)..\(w.end)  \(w.persons) people (\(w.officials) officials), expected \(w.expected), x\(w.ratio), p = \(String(format: "%.3f", w.pValue))\n"
            out += "      decrees \(w.decrees.joined(separator: ", "))  signed by \(w.signers.joined(separator: "; "))\n"
            if let e = w.election { out += "      nearest vote: \(e), \(w.daysToVoting ?? 0) days\(w.inWindow.isEmpty ? "" : "; in rule windows: \(w.inWindow.joined(separator: ", "))")\n" }
            if let n = w.note { out += "      note: \(n)\n" }
        }
        let violations = flags.filter { $0.status == .violation }
        out += "\nrule-window flags (\(pack.name)): \(violations.count) violations, \(flags.count - violations.count) approved\n"
        for f in flags {
            out += "  \(f.status == .violation ? "VIOLATION" : "approved ")  \(f.decreeDate)  SK \(f.decreeNo)  \(f.region)  \(f.persons) people (\(f.officials) officials)\n"
            out += "      \(f.citation); window \(f.windowStart)..\(f.windowEnd); signed by \(f.signer) (\(f.signerRole))"
            out += f.approval.map { "; approval \($0)" } ?? ""
            out += f.daysToVoting.map { "; \($0) days to the vote of \(f.election ?? "?")" } ?? ""
            out += "\n"
        }
        try emit(out, to: nil)
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a built-in rule pack (YAML), to read it or start your own."
    )

    enum Pack: String, ExpressibleByArgument, CaseIterable { case indonesia, brazil }
    @Option(help: "indonesia or brazil.") var pack: Pack = .indonesia

    func run() throws {
        print(pack == .indonesia ? RulePack.indonesiaYAML : RulePack.brazilYAML)
    }
}
