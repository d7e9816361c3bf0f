import ArgumentParser
import Foundation
import MutasiGraph

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: every detector on the inputs, and the report, findings and network files in one folder.",
        discussion: "Writes report.html (self-contained), evidence/ (one printable A4 page per decree in a rule window, linked from the report), findings.json, flags.csv, rejects.csv, timeline.svg, network.svg (the patrons' overview: signers as hubs, the people whose latest move each signed collapsed into promoted / pushed-out / other groups with their JPT posts and ties, with patrons.dot), network-people.svg with network.dot (the network person by person); for a network too big to draw person by person, network.svg is the overview of regions and their busiest signers (overview.dot), and for networks up to 250,000 nodes (or with --network-files always) network.graphml and network.gexf, and manifest.json (every file's size and SHA-256) last. The folder is replaced whole: the files are built in a temporary folder beside it and swapped in at the end, so it holds one run's files, never a mix; files in it that mutasi does not write are kept. It is locked while the run works (a second run into it is refused at once) and checked before any work."
    )

    @OptionGroup var transferInputs: TransferInputs
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @Option(help: "Ties file (CSV).") var ties: String?
    @Option(help: "Units file (CSV).") var units: String?
    @OptionGroup(title: "Rule windows") var ruleInputs: RuleInputs
    @Option(help: "Neutrality reports file (CSV): each report's follow-up, and a recorded tie for loyalty.") var reports: String?
    @OptionGroup(title: "Neutrality reports") var sanctionOptions: SanctionFollowUpOptions
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Output folder (refused if it exists, unless --force).") var out: String
    @Flag(help: "Replace an existing output folder as a whole (files in it that mutasi does not write are kept).") var force = false
    @Option(help: "Report language: id (Bahasa Indonesia) or en.") var lang: ReportLanguage = .id
    @Option(help: ArgumentHelp("The case name, shown on the report and every evidence page.", valueName: "name")) var title: String?
    @Flag(help: "Replace every NIP and civil servant's name with a keyed pseudonym (needs a key: --key-file or MUTASI_KEY).") var pseudonymize = false
    @OptionGroup var key: PseudonymKeyOptions
    @Option(help: "Seed of every random step.") var seed: UInt64 = 1
    @OptionGroup(title: "Waves") var waveOptions: WaveTestOptions
    @OptionGroup(title: "Loyalty and retaliation") var loyaltyOptions: LoyaltyTestOptions
    @Option(help: ArgumentHelp("Export the whole network as network.graphml and network.gexf: auto (up to \(Investigation.NetworkFiles.automaticLimit) nodes), always or never.", valueName: "when"))
    var networkFiles: NetworkFilesArgument = .auto
    @OptionGroup var evidence: EvidenceOptions
    @Flag(help: "No progress on standard error.") var quiet = false

    enum NetworkFilesArgument: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
        var value: Investigation.NetworkFiles { Investigation.NetworkFiles(rawValue: rawValue)! }
    }

    func validate() throws {
        if pseudonymize && !key.given && ProcessInfo.processInfo.environment["MUTASI_KEY"] == nil {
            throw ValidationError("--pseudonymize needs a key: --key-file FILE or the MUTASI_KEY environment variable (at least \(Pseudonymizer.minimumKeyLength) characters).")
        }
        if !pseudonymize && key.given { throw ValidationError("--key-file and --key are only used with --pseudonymize.") }
    }

    func run() throws {
        let inputs = try transferInputs.inputs(elections: elections, ties: ties, units: units, approvals: ruleInputs.approvals, rules: ruleInputs.rules,
                                               aliases: aliasInput.aliases, reports: reports)
        let files = inputs.transfers
        if files.count > 1 && !quiet { warn("reading \(files.count) transfer files: \(files.joined(separator: ", "))") }
        var p = Investigation.Parameters()
        p.seed = seed
        waveOptions.apply(to: &p)
        loyaltyOptions.apply(to: &p)
        sanctionOptions.apply(to: &p)
        p.lang = lang
        p.title = title
        p.pseudonymKey = pseudonymize ? try key.resolve() : nil
        let result = try Analyze.run(inputs, p, out: out, force: force, networkFiles: networkFiles.value, evidence: evidence.limits, quiet: quiet)
        // every output is written and closed: leave without freeing a national run's millions of
        // strings one by one (seconds of work for nothing), as compilers do
        withExtendedLifetime(result) { Foundation.exit(0) }
    }

    /// Shared with `demo`, which runs exactly this on Examples/.
    static func run(_ inputs: Investigation.Inputs, _ p: Investigation.Parameters, out: String, force: Bool,
                    networkFiles: Investigation.NetworkFiles = .auto, evidence: Investigation.EvidenceLimits = .init(),
                    quiet: Bool) throws -> Investigation.Result {
        let showProgress = !quiet && (isatty(2) != 0 || ProcessInfo.processInfo.environment["MUTASI_PROGRESS"] != nil)
        let started = Date()
        let progress: (String) -> Void = { if showProgress { warn(String(format: "… %6.1f s  ", Date().timeIntervalSince(started)) + $0) } }
        // the folder is checked and locked before any work: a folder that exists (without --force),
        // is an input or is being written by another run is refused at once
        let folder = try reportingInputErrors {
            try OutputFolder(out, force: force, ownNames: Investigation.outputNames, guard: WriteGuard(inputs: inputs.all))
        }
        for l in folder.leftoversRemoved { warn("note: removed \(l), left by a run that was stopped") }
        let result: Investigation.Result
        var coverage: Investigation.EvidenceCoverage?
        do {
            result = try Investigation.run(inputs, p, progress: progress)
            coverage = try Investigation.write(result, into: folder, networkFiles: networkFiles, evidence: evidence, progress: progress)
            try folder.commit()
        } catch let e as InputError {
            folder.abandon()
            warn("error: \(folder.told(e))")
            throw ExitCode(2)
        } catch let e as GraphvizRenderer.RenderError {
            folder.abandon()
            warn("error: \(e)")
            throw ExitCode(2)
        } catch {
            folder.abandon()
            throw error
        }
        // a file read without its signer or region column loses findings without a sign in them: said first
        for m in result.columns { for missing in m.missing { warn("WARNING: \(m.file):\(m.line): \(missing)") } }
        let s = result.findings.summary
        // the counts are of decrees; a decree in two rules' windows has two flags
        var violating = Set<String>(), approvedOnly = Set<String>()
        for l in result.findings.legalFlags { (l.status == .violation ? { violating.insert($0) } : { approvedOnly.insert($0) })(RegionName.key(l.region) + "/" + l.decreeNo) }
        let approved = approvedOnly.subtracting(violating).count
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: out + "/evidence").filter { $0.hasSuffix(".html") }.count) ?? 0
        let violatingCount = violating.count
        let leftOut = coverage.map { e in " of \(e.flaggedDecrees) decrees (\(e.pagesLeftOut) left out, \(e.picturesLeftOut) without a picture; \(e.toWriteAll) writes them all)" } ?? ""
        let written = ["evidence/", "findings.json", "flags.csv", "rejects.csv", "timeline.svg", "network.svg", "patrons.dot", "network-people.svg", "network.dot", "overview.dot",
                       "network.graphml", "network.gexf", OutputFolder.manifestName].filter { FileManager.default.fileExists(atPath: out + "/" + $0) }
        print("""
        rows read \(s.recordsRead), accepted \(s.recordsAccepted), rejected \(s.recordsRejected)\(s.duplicatesMerged > 0 ? ", \(s.duplicatesMerged) duplicates merged" : "")\(s.otherFilesRowsRejected > 0 ? "; \(s.otherFilesRowsRejected) rows rejected in the ties, units, approvals or reports files (rejects.csv)" : "")
        waves \(s.waves); decrees in a rule window without approval \(violatingCount) (\(s.violations) rule flags), with approval \(approved); evidence pages \(pages)\(leftOut); loyalty flags \(s.loyalty), retaliation flags \(s.retaliation)\(s.pseudonymised ? "; NIPs and names pseudonymised" : "")
        signers matched to heads: \(result.findings.matching.signerRowsMatched) rows; unmatched: \(result.findings.matching.unmatchedSigners.count) signers (\(result.findings.matching.signerRowsUnmatched) rows), \(result.findings.matching.unmatchedRegions.count) regions; near or alias matches: \(result.findings.matching.accepted.count) (findings.json "matching")
        report: \(out)/report.html  (also \(written.joined(separator: ", ")))
        """)
        if let n = result.findings.neutralityReports {
            print("neutrality reports \(n.reports.count): " + SanctionFollowUp.Status.allCases.map { "\($0.rawValue) \(n.statusCounts[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        }
        fflush(nil)
        return result
    }
}

extension ReportLanguage: ExpressibleByArgument {}
