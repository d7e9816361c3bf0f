import Crypto
import Foundation

/// The main job: read everything, run every detector, and write what an investigator attaches to a
/// report and what a researcher analyses (`mutasi analyze`, `mutasi demo`).
public enum Investigation {
    public struct Inputs: Sendable {
        public var transfers: [String]
        public var elections: String
        public var ties: String?
        public var units: String?
        public var approvals: String?
        public var rules: String?
        /// For `.xlsx` transfer files: the one sheet to read (nil: every sheet with a NIP column).
        public var sheet: String?
        /// Neutrality reports (CSV): each report's follow-up, and a recorded tie for loyalty.
        public var reports: String?
        /// Spellings of people, regions and units that cannot be inferred (`--aliases`).
        public var aliases: String?
        public init(transfers: [String], elections: String, ties: String? = nil, units: String? = nil,
                    approvals: String? = nil, rules: String? = nil, aliases: String? = nil, reports: String? = nil) {
            self.transfers = transfers; self.elections = elections; self.ties = ties
            self.units = units; self.approvals = approvals; self.rules = rules; self.aliases = aliases
            self.reports = reports
        }
        /// Every input file, for `WriteGuard`.
        public var all: [String] { transfers + [elections] + [ties, units, approvals, rules, aliases, reports].compactMap { $0 } }
    }

    public struct Parameters: Sendable, Encodable {
        public var seed: UInt64 = 1
        public var alpha = 0.05
        /// False discovery rate across regions for waves (Benjamini-Hochberg), with more than one region.
        public var fdr = 0.1
        /// The most Monte Carlo replications a wave test runs (it stops earlier when it can).
        public var replications = 9_999
        public var months = 24
        public var lang: ReportLanguage = .id
        /// The case name shown on the report and evidence pages (`--title`).
        public var title: String?
        /// Set to pseudonymise every NIP and civil servant's name before analysis; never written out.
        public var pseudonymKey: String?
        /// Days after a neutrality report's recommendation in which a sanction is its follow-up
        /// (written in `neutralityReports.followUpDays`).
        public var followUpDays = 90
        public init() {}
        enum CodingKeys: String, CodingKey { case seed, alpha, fdr, replications, months, lang }
    }

    /// Whether `write` exports the whole network as GraphML and GEXF. A national network has millions
    /// of nodes: its files are tens of gigabytes, take minutes to write, and Gephi does not open them
    /// (it slows past about 100k nodes); `mutasi graph --region` exports a part instead.
    public enum NetworkFiles: String, Sendable, CaseIterable {
        /// Written when the network has at most `automaticLimit` nodes.
        case auto
        case always
        case never

        public static let automaticLimit = 250_000

        public func writes(nodes: Int) -> Bool {
            switch self {
            case .auto: nodes <= NetworkFiles.automaticLimit
            case .always: true
            case .never: false
            }
        }
    }

    /// The network's metrics for the report: the patrons with most clients and the brokers, not
    /// every node (a national network has millions; `mutasi network --format json` gives them all).
    public struct NetworkSummary: Sendable, Encodable {
        public var nodes, edges, communities: Int
        public var modularity: Double
        public var louvainSeed: UInt64
        public var betweennessExact: Bool
        public var betweennessSources: Int?
        public var patrons: [NetworkMetrics.Patron]
        public var brokers: [NetworkMetrics.NodeScore]
    }

    public struct InputFile: Sendable, Encodable {
        public var path: String
        public var sha256: String
        public var bytes: Int

        /// Hashes the file in blocks: a national transfer file is gigabytes and is never held whole.
        init(path: String) {
            let (bytes, hash) = OutputFolder.sha256(of: path) ?? (0, SHA256.hash(data: Data()).map { String(format: "%02x", $0) }.joined())
            self.init(path: path, sha256: hash, bytes: bytes)
        }

        init(path: String, sha256: String, bytes: Int) { self.path = path; self.sha256 = sha256; self.bytes = bytes }
    }

    public struct Summary: Sendable, Encodable {
        /// Transfer rows.
        public var recordsRead, recordsAccepted, recordsRejected: Int
        /// Rows rejected in the ties, units and approvals files (listed in `rejects` with the transfers').
        public var otherFilesRowsRejected: Int
        public var duplicatesMerged, warnings: Int
        public var people, decrees, regions: Int
        public var waves, violations, approved, loyalty, retaliation, sanctions: Int
        public var pseudonymised: Bool
    }

    /// What `findings.json` holds (schema in docs/findings.schema.json).
    public struct Findings: Sendable, Encodable {
        public var schemaVersion = 1
        public var generator = "MutasiGraph"
        /// `Provenance.version`, and when the findings were made (`Provenance.generatedAt`).
        public var version = Provenance.version
        public var generatedAt = Provenance.generatedAt()
        /// The case name (`--title`), shown on every page; nil when none was given.
        public var title: String?
        public var summary: Summary
        public var rejects: [RowIssue]
        public var waves: [Wave]
        public var legalFlags: [LegalFlag]
        public var loyalty: [LoyaltyAnalysis.Flag]
        public var retaliation: [LoyaltyAnalysis.Flag]
        public var sanctions: [LoyaltyAnalysis.Flag]
        public var groupTests: [LoyaltyAnalysis.GroupTest]
        public var network: NetworkSummary
        public var notes: [String]
        public var rulePack: String
        public var parameters: Parameters
        public var inputs: [InputFile]
        /// Signers and regions matched to the calendar: near and alias matches with their scores,
        /// and everything that matched nothing, with row counts and the closest candidate.
        public var matching: MatchReport
        /// Weeks in which many regions all moved far more people than usual, reported once.
        public var nationalEvents: [NationalEvent] = []
        /// Every region's wave test: p- and q-value, whether it could show a wave at all.
        public var waveRegions: [RegionWaveTest] = []
        /// Present when a neutrality reports file was given.
        public var neutralityReports: NeutralityFindings? = nil
        /// How each transfer file's header was read: header to field, the columns read as no
        /// field (named, so that nothing a user gave is dropped without a word), costly ones missing.
        public var columns: [ColumnMapping] = []
        /// Present when evidence pages or their pictures were left out by a limit (`--evidence-pages`,
        /// `--evidence-pictures`): how many, and the options that write them all.
        public var evidence: EvidenceCoverage? = nil
    }

    /// How many evidence pages and pictures a run writes (`EvidencePages`). Both follow the report's table (violations first,
    /// then by date), so what is left out is the end of that order, never a violation before an
    /// approved decree; every flagged decree stays in flags.csv and in the report's table.
    public struct EvidenceLimits: Sendable, Equatable {
        /// Pages written at most (nil: one for every flagged decree). A national run flags hundreds
        /// of thousands of decrees: as many files of about 10 KB, more than anyone reads one by one.
        public var pages: Int? = EvidenceLimits.defaultPages
        /// Pages with a picture at most (nil: all): each is a Graphviz layout, drawn one at a time.
        public var pictures: Int? = EvidenceLimits.defaultPictures
        public static let defaultPages = 50_000
        public static let defaultPictures = 1_000
        /// No limit: a page and a picture for every flagged decree.
        public static let all = EvidenceLimits(pages: nil, pictures: nil)
        public init(pages: Int? = EvidenceLimits.defaultPages, pictures: Int? = EvidenceLimits.defaultPictures) { self.pages = pages; self.pictures = pictures }
    }

    /// The evidence pages and pictures a run wrote when its limits left some out. Pages follow the
    /// report's table (violations first, then by date); the decrees past the limit are still in
    /// flags.csv, findings.json's `legalFlags` and the report's table, without a page.
    public struct EvidenceCoverage: Sendable, Encodable, Equatable {
        /// Decrees in a rule window (with or without approval): one row each in the report's table.
        public var flaggedDecrees: Int
        /// Pages written, for the first `pages` decrees of the table.
        public var pages: Int
        public var pagesLeftOut: Int
        /// Pages with a picture of the decree, the first ones written.
        public var pictures: Int
        /// Pages written without their picture because of the limit.
        public var picturesLeftOut: Int
        /// The options of `analyze` (and `demo`) that write every page and picture.
        public var toWriteAll: String
    }

    public struct Result: Sendable {
        public var findings: Findings
        public var network: Network
        public var transfers: TransferSet
        public var calendar: ElectionCalendar
        /// How each transfer file's header was read (header → field, columns read as no field,
        /// costly columns missing), for the report's methods and the command's warnings.
        public var columns: [ColumnMapping] = []
        /// The ties read (pseudonymised with the rest), for the evidence sheets' pictures.
        public var ties: [Tie] = []
        /// The civil servants' NIPs and names of a pseudonymised run, to check the outputs for them.
        public var personalData: PersonalData?
    }

    /// - Parameter progress: told what is happening, for a terminal; the library never prints.
    public static func run(_ inputs: Inputs, _ p: Parameters, progress: (String) -> Void = { _ in }) throws -> Result {
        try MemoryBudget.check(inputs.transfers, for: .analysis)
        progress("reading \(inputs.transfers.count) transfer file(s)")
        var (set, report) = try TransferReader.read(paths: inputs.transfers, sheet: inputs.sheet)
        // the inputs' checksums (seconds for a national file) are taken on a thread of their own
        // while the analysis runs; not while reading, which keeps every core busy
        let inputHashes = Background(yielding: true) { inputs.all.map(InputFile.init(path:)) }
        // counted in the summary; the list itself can be millions long
        let warningCount = report.warnings.count
        report.warnings = []
        var readCalendar = try CalendarReader.read(path: inputs.elections)
        // the ties, units and approvals files' rejected rows are listed with the transfers' (by file)
        var otherRejects: [RowIssue] = []
        var ties: [Tie] = []
        if let path = inputs.ties { let (t, r) = try TieReader.read(path: path); ties = t; otherRejects += r.rejects }
        var units: [UnitInfo] = []
        if let path = inputs.units { let (u, r) = try UnitReader.read(path: path); units = u; otherRejects += r.rejects }
        var approvalRecords: [ApprovalRecord] = []
        if let path = inputs.approvals { let (a, r) = try ApprovalReader.read(path: path); approvalRecords = a; otherRejects += r.rejects }
        if let path = inputs.aliases { let (a, r) = try AliasReader.read(path: path); readCalendar.aliases = a; otherRejects += r.rejects }
        readCalendar.addProvinces(from: units)
        let calendar = readCalendar
        // one region and one patron however the files spell them (before pseudonymising: the
        // heads' names are the calendar's)
        progress("matching signers and regions to the calendar")
        let matching = NameResolution.apply(to: &set, calendar: calendar)
        let calendarWarnings = calendar.plausibilityWarnings(transfers: set).map { "calendar: \($0)" }
        // an approval without a region whose number more than one region's decrees carry is
        // rejected (after matching: the regions are then one spelling each)
        let (approvals, approvalRejects) = ApprovalReader.resolve(approvalRecords, for: set)
        otherRejects += approvalRejects
        // neutrality reports: their rows checked against the calendar's candidates, and each a
        // recorded tie ("reported support") for the loyalty test
        var neutrality: [NeutralityReport] = [], neutralityIngest = IngestReport()
        if let path = inputs.reports {
            (neutrality, neutralityIngest) = try NeutralityReportReader.read(path: path, calendar: calendar)
            otherRejects += neutralityIngest.rejects
            ties += neutrality.map(\.tie)
        }
        let pack = try inputs.rules.map { try RulePack.load(path: $0) } ?? .indonesia
        var rejects = report.rejects + otherRejects
        var personalData: PersonalData?
        if let key = p.pseudonymKey {
            progress("pseudonymising")
            let pz: Pseudonymizer
            do { pz = try Pseudonymizer(key: key) } catch {
                throw InputError(.malformed, file: "the key", error.description, advice: "Give a longer, random key with --key-file or MUTASI_KEY")
            }
            let publicNames = calendar.heads.map(\.name) + calendar.heads.map(\.region) + calendar.elections.flatMap { e in [e.name, e.region] + e.candidates.map(\.name) }
                + units.flatMap { [$0.unit, $0.parent] }
            let data = pz.apply(to: &set, ties: &ties, publicNames: publicNames)
            pz.apply(to: &neutrality)
            // the reports' free text by the same rules as the rest (names and NIPs in any spacing)
            neutrality = neutrality.map { var r = $0; r.conduct = data.scrub(r.conduct); r.source = data.scrub(r.source); return r }
            // rejected rows are reported by place and reason only: their text may hold a NIP or name
            rejects = rejects.map { RowIssue(file: $0.file, line: $0.line, column: $0.column, reason: data.scrub(pseudonymousReason($0.reason))) }
            personalData = data
        }
        // who is who and the summary's counts (seconds at national scale) on threads of their own
        let frozen = set
        let people = Background { frozen.personNumbers() }
        let regions = Background { () -> Int in
            var seen = [Bool](repeating: false, count: frozen.strings.count), count = 0
            for t in frozen.transfers where !seen[Int(t.region.id)] { seen[Int(t.region.id)] = true; count += 1 }
            return count
        }
        // the network and its metrics (much of it one core's work: Louvain, building the graph) run
        // alongside the detectors, which split their work over all cores
        progress("building the network and its metrics alongside the detectors")
        let frozenTies = ties, seed = p.seed
        let networkJob = Background { () -> Swift.Result<(Network, NetworkMetrics), any Error> in
            let network = Network(transfers: frozen, ties: frozenTies, calendar: calendar, people: people.value)
            return Swift.Result { (network, try NetworkMetrics(network: network, transfers: frozen, seed: seed, nodeScores: false, people: people.value)) }
        }
        progress("checking rule windows")
        let decrees = set.decreeNumbers()
        let flags = RuleWindowCheck(pack: pack, approvals: approvals).flags(for: set, calendar: calendar, decrees: decrees)
        progress("scanning for waves")
        var wo = WaveDetector.Options()
        wo.alpha = p.alpha; wo.fdr = p.fdr; wo.seed = p.seed; wo.replications = p.replications
        let rowsByRegion = set.rowsByRegion()
        let waveScan = WaveDetector(options: wo).scan(in: set, calendar: calendar, legalFlags: flags, regions: rowsByRegion)
        let waves = waveScan.waves
        progress("testing loyalty and retaliation")
        var lo = LoyaltyAnalysis.Options()
        lo.months = p.months
        let loyalty = LoyaltyAnalysis(options: lo).run(transfers: set, calendar: calendar, ties: ties, units: units, regions: rowsByRegion)
        progress("network metrics (PageRank, Louvain, betweenness)")
        let (network, m) = try networkJob.value.get()
        let networkSummary = NetworkSummary(nodes: network.nodeCount, edges: network.edgeCount, communities: m.communities,
                                            modularity: m.modularity, louvainSeed: m.louvainSeed, betweennessExact: m.betweennessExact,
                                            betweennessSources: m.betweennessSources, patrons: Array(m.patrons.prefix(50)),
                                            brokers: Array(m.brokers.sorted { $0.betweenness > $1.betweenness }.prefix(20)))

        let inputsInfo = inputHashes.value
        let summary = Summary(recordsRead: report.recordsRead, recordsAccepted: report.recordsAccepted, recordsRejected: report.recordsRejected,
                              otherFilesRowsRejected: otherRejects.count, duplicatesMerged: report.duplicatesMerged, warnings: warningCount,
                              people: people.value.count, decrees: decrees.count,
                              regions: regions.value, waves: waves.count,
                              violations: flags.filter { $0.status == .violation }.count, approved: flags.filter { $0.status == .approved }.count,
                              loyalty: loyalty.loyalty.count, retaliation: loyalty.retaliation.count, sanctions: loyalty.sanctions.count,
                              pseudonymised: p.pseudonymKey != nil)
        let notes = report.columns.flatMap { m in m.missing.map { "\(m.file): \($0)" } } + calendarWarnings + waveScan.notes + loyalty.notes
        var findings = Findings(summary: summary, rejects: rejects, waves: waves, legalFlags: flags, loyalty: loyalty.loyalty,
                                retaliation: loyalty.retaliation, sanctions: loyalty.sanctions, groupTests: loyalty.groupTests,
                                network: networkSummary, notes: personalData.map { d in notes.map(d.scrub) } ?? notes, rulePack: pack.name, parameters: p, inputs: inputsInfo,
                                matching: matching, nationalEvents: waveScan.nationalEvents, waveRegions: waveScan.regions)
        findings.title = p.title
        findings.columns = report.columns
        if let path = inputs.reports {
            progress("following up neutrality reports")
            var so = SanctionFollowUp.Options()
            so.followUpDays = p.followUpDays
            findings.neutralityReports = NeutralityFindings(file: path, ingest: neutralityIngest, followUpDays: p.followUpDays,
                                                            result: SanctionFollowUp(options: so).run(reports: neutrality, transfers: set, calendar: calendar))
        }
        return Result(findings: findings, network: network, transfers: set, calendar: calendar, columns: report.columns, ties: ties, personalData: personalData)
    }

    /// A reject reason quotes the bad value (a NIP, a name); a pseudonymised run keeps only its kind:
    /// each quoted value (from a quote after a space to the next quote before a space, punctuation
    /// or the end) is withheld, and so is any run of 8 or more digits left.
    static func pseudonymousReason(_ r: String) -> String {
        let c = Array(r)
        var out = "", i = 0
        while i < c.count {
            if c[i] == "'" && (i == 0 || c[i - 1] == " "),
               let end = (i + 1..<c.count).first(where: { c[$0] == "'" && ($0 + 1 == c.count || " ),;:.]".contains(c[$0 + 1])) }) {
                out += "(value withheld)"
                i = end + 1
                continue
            }
            out.append(c[i])
            i += 1
        }
        var scrubbed = "", digits = ""
        for ch in out + " " {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            scrubbed += digits.count >= 8 ? "(digits withheld)" : digits
            digits = ""
            scrubbed.append(ch)
        }
        return String(scrubbed.dropLast())
    }

    /// The files `write` puts in an output folder (which ones depends on the run); anything else
    /// found in the folder is the user's and is kept (`OutputFolder`).
    public static let outputNames: Set<String> = ["findings.json", "flags.csv", "rejects.csv", "timeline.svg", "network.svg", "network.dot",
                                                  "overview.dot", "network.graphml", "network.gexf", "report.html", "evidence", "patrons.dot",
                                                  "network-people.svg", OutputFolder.manifestName]

    /// Writes every output into `dir` as one replacement: all of this run's files or, if anything
    /// fails, the folder as it was (`OutputFolder`). An existing `dir` is refused unless `force`; a
    /// `dir` that is an input, holds one or lies in an input folder is always refused (`WriteGuard`).
    public static func write(_ r: Result, inputs: Inputs, to dir: String, force: Bool, networkFiles: NetworkFiles = .auto,
                             evidence: EvidenceLimits = .init(), progress: (String) -> Void = { _ in }) throws {
        let folder = try OutputFolder(dir, force: force, ownNames: outputNames, guard: WriteGuard(inputs: inputs.all))
        do {
            try write(r, into: folder, networkFiles: networkFiles, evidence: evidence, progress: progress)
            try folder.commit()
        } catch let e as InputError {
            folder.abandon()
            throw folder.told(e)
        } catch {
            folder.abandon()
            throw error
        }
    }

    /// Writes every output into `folder`'s temporary folder; `folder.commit()` puts them in place.
    /// - Parameter evidence: how many evidence pages and pictures to write at most; what it leaves
    ///   out is said in findings.json (`evidence`), the report and the pages.
    /// - Returns: what the evidence limits left out (findings.json's `evidence`), nil when nothing.
    @discardableResult
    public static func write(_ r: Result, into folder: OutputFolder, networkFiles: NetworkFiles = .auto,
                             evidence limits: EvidenceLimits = .init(), progress: (String) -> Void = { _ in }) throws -> EvidenceCoverage? {
        var r = r
        let dir = folder.staging
        let lang = r.findings.parameters.lang
        let evidence = try EvidencePages.write(r, to: dir, lang: lang, footer: InvestigationReport.footer(r.findings, lang: lang),
                                               limits: limits, progress: progress)
        r.findings.evidence = evidence.coverage
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        progress("writing findings.json")
        try OutputFile.write(enc.encode(r.findings), to: dir + "/findings.json")
        try OutputFile.write(flagsCSV(r.findings), to: dir + "/flags.csv")
        var rejects = CSVOutput(columns: ["file", "line", "column", "reason"])
        for x in r.findings.rejects { rejects.append([x.file, String(x.line), String(x.column), x.reason]) }
        try OutputFile.write(rejects.text, to: dir + "/rejects.csv")
        progress("drawing the network")
        let title = lang(.network)
        // the picture is the patrons' overview (PatronOverview: signers as hubs, their clients as
        // groups, ties as weighted edges), with the person-level picture beside it as
        // network-people.svg. A network too big to lay out person by person (or a layout stopped at
        // its time limit) is drawn as the overview of regions and their busiest signers
        // (overview.dot); if even that fails, the picture says why in its place, and every other
        // output is still written
        var svg: String
        var overview = false, patrons = false
        do {
            let diagram = try Diagram.dot(r.network, title: title, lang: lang)
            try OutputFile.write(diagram.dot, to: dir + "/network.dot")
            var o = PatronOverview.Options()
            o.title = title
            o.lang = lang
            let patronDOT = PatronOverview.dot(transfers: r.transfers, ties: r.ties, calendar: r.calendar, options: o)
            try OutputFile.write(patronDOT, to: dir + "/patrons.dot")
            svg = String(decoding: try GraphvizRenderer.render(dot: patronDOT, engine: .dot, format: .svg,
                                                               timeLimit: Diagram.defaultTimeLimit), as: UTF8.self)
            patrons = true
            do {
                let people = try GraphvizRenderer.render(dot: diagram.dot, engine: diagram.engine, format: .svg, timeLimit: Diagram.defaultTimeLimit)
                try OutputFile.write(String(decoding: people, as: UTF8.self), to: dir + "/network-people.svg")
            } catch let e as GraphvizRenderer.RenderError {
                progress("network-people.svg left out: \(e.message)")
            }
        } catch let e as GraphvizRenderer.RenderError {
            progress("network not drawn person by person (\(e.message)); drawing the overview of regions and their busiest signers")
            do {
                var o = Overview.Options()
                o.title = title
                o.labels = lang == .id ? .indonesian : Overview.Labels()
                let dot = Overview.dot(transfers: r.transfers, findings: r.findings, options: o)
                try OutputFile.write(dot, to: dir + "/overview.dot")
                svg = String(decoding: try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg, timeLimit: Diagram.defaultTimeLimit),
                             as: UTF8.self)
                overview = true
            } catch let e as GraphvizRenderer.RenderError {
                progress("network picture left out: \(e)")
                svg = Investigation.notDrawn(e)
            }
        }
        try OutputFile.write(svg, to: dir + "/network.svg")
        if networkFiles.writes(nodes: r.network.nodeCount) {
            try GraphMLWriter.write(r.network, to: dir + "/network.graphml")
            try NetworkExports.gexf(r.network, to: dir + "/network.gexf")
        } else {
            if networkFiles == .auto {
                progress("network.graphml and network.gexf left out: \(r.network.nodeCount) nodes is past \(NetworkFiles.automaticLimit), "
                         + "about \(max(1, r.network.edgeCount / 2_000_000)) GB (500 bytes an edge) that Gephi would not open; add --network-files always to write them")
            }
        }
        let timeline = TimelineChart.svg(transfers: r.transfers, calendar: r.calendar, waves: r.findings.waves, flags: r.findings.legalFlags,
                                         labels: lang == .id ? .indonesian : TimelineChart.Labels())
        try OutputFile.write(timeline, to: dir + "/timeline.svg")
        progress("writing report.html")
        try OutputFile.write(InvestigationReport.html(r.findings, networkSVG: svg, overview: overview, patrons: patrons, timelineSVG: timeline,
                                                      lang: lang, evidence: evidence.decrees), to: dir + "/report.html")
        // a pseudonymised run's outputs are read back before they count as written: any NIP, NIP
        // prefix or civil servant's name found fails the run and removes them
        try r.personalData?.checkOutputs(in: dir, files: outputNames.sorted())
        return evidence.coverage
    }

    /// The picture's place when the network was not drawn: the reason and the advice, as text.
    static func notDrawn(_ e: GraphvizRenderer.RenderError) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="720" height="60" viewBox="0 0 720 60">\
        <text x="10" y="24" font-family="sans-serif" font-size="14">Not drawn: \(Markup.escape(e.message)).</text>\
        <text x="10" y="46" font-family="sans-serif" font-size="12">\(Markup.escape(e.advice)).</text></svg>

        """
    }

    /// One row per flag, for a spreadsheet: violations, approved decrees, waves, loyalty, retaliation.
    static func flagsCSV(_ f: Findings) -> String {
        var csv = CSVOutput(columns: ["type", "status", "region", "date", "decree", "rule_or_election", "citation", "signer", "persons",
                                      "officials", "nip", "name", "detail", "p_value", "evidence"])
        for l in f.legalFlags {
            csv.append(["legal", l.status.rawValue, l.region, l.decreeDate.iso, l.decreeNo, l.rule, l.citation, l.signer, String(l.persons),
                        String(l.officials), "", "", "window \(l.windowStart)..\(l.windowEnd?.iso ?? "(open)")" + (l.approval.map { "; approval \($0)" } ?? ""), "", l.evidence])
        }
        for w in f.waves {
            csv.append(["wave", "", w.region, w.start.iso, w.decrees.joined(separator: " "), w.election ?? "", "", w.signers.joined(separator: "; "),
                        String(w.persons), String(w.officials), "", "", "expected \(w.expected), x\(w.ratio)", String(w.pValue), ""])
        }
        for (type, flags) in [("loyalty", f.loyalty), ("retaliation", f.retaliation), ("sanction", f.sanctions)] {
            for x in flags {
                csv.append([type, "", x.region, x.date, x.decreeNo, x.election, "", x.signer, "", "", x.nip, x.name,
                            "\(x.why); linked to \(x.linkedTo) by \(x.links.map(\.relation).joined(separator: ", "))", "", x.evidence])
            }
        }
        for row in neutralityFlagRows(f.neutralityReports) { csv.append(row) }
        return csv.text
    }
}
