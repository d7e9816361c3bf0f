import Crypto
import Foundation
import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis
import MutasiNetwork
import MutasiRender
import MutasiReport

/// The main job: read everything, run every detector, and write what an investigator attaches to a
/// report and what a researcher analyses (`mutasi analyze`, `mutasi demo`).
extension Investigation {
    /// - Parameter progress: told what is happening, for a terminal; the library never prints.
    public static func run(_ inputs: Inputs, _ p: Parameters, progress: (String) -> Void = { _ in }) throws -> Result {
        try run(inputs, p, evidenceInto: nil, progress: progress)
    }

    /// `run`, with the evidence pages written into `early.dir` (an `OutputFolder`'s staging folder)
    /// while the network metrics finish; `write` then leaves them as they are (`Result.evidence`).
    public static func run(_ inputs: Inputs, _ p: Parameters, evidenceInto early: (dir: String, limits: EvidenceLimits)?,
                           progress: (String) -> Void = { _ in }) throws -> Result {
        try MemoryBudget.check(inputs.transfers, for: .analysis)
        var read = try Investigation.read(inputs, p, progress: progress)
        // the inputs' checksums (seconds for a national file) are taken on a thread of their own
        // while the analysis runs; not while reading, which keeps every core busy
        let inputHashes = Background(yielding: true) { inputs.all.map(InputFile.init(path:)) }
        // counted in the summary; the list itself can be millions long
        let warningCount = read.ingest.warnings.count
        read.ingest.warnings = []
        let set = read.transfers
        let report = read.ingest, calendar = read.calendar ?? ElectionCalendar(), matching = read.matching ?? MatchReport()
        let calendarWarnings = read.calendarWarnings.map { "calendar: \($0)" }
        let ties = read.ties, units = read.units, approvals = read.approvals, pack = read.rulePack
        let otherRejects = read.otherRejects, personalData = read.personalData
        let neutrality = read.neutralityReports, neutralityIngest = read.neutralityIngest
        var rejects = report.rejects + otherRejects
        if let data = personalData {
            // rejected rows are reported by place and reason only: their text may hold a NIP or name
            rejects = rejects.map { RowIssue(file: $0.file, line: $0.line, column: $0.column, reason: data.scrub(pseudonymousReason($0.reason))) }
        }
        let frozen = set
        // who is who and the summary's counts (seconds at national scale) on threads of their own
        let people = Background { frozen.personNumbers() }
        let regions = Background { regionCount(frozen) }
        // the network and its metrics (much of it one core's work: Louvain, building the graph) run
        // alongside the detectors, which split their work over all cores
        progress("building the network and its metrics alongside the detectors")
        let networkJob = startNetwork(frozen, ties: ties, calendar: calendar, seed: p.seed, people: people)
        let found = detect(in: set, calendar: calendar, pack: pack, approvals: approvals, ties: ties, units: units, p, progress: progress)
        // the evidence pages need nothing of the network: written now, they keep both cores busy
        // while the metrics' one-core parts (Louvain) finish
        let stamp = Provenance.generatedAt()
        let evidence = try early.map { e in
            try EvidencePages.write(.init(flags: found.flags, transfers: set, ties: ties, calendar: calendar, title: p.title), to: e.dir, lang: p.lang,
                                    footer: InvestigationReport.footer(version: Provenance.version, generatedAt: stamp, title: p.title, lang: p.lang),
                                    limits: e.limits, progress: progress)
        }
        progress("network metrics (PageRank, Louvain, betweenness)")
        let (network, m) = try networkJob.value.get()
        let summary = summarise(report, warnings: warningCount, otherRejects: otherRejects.count, people: people.value.count,
                                regions: regions.value, found: found, pseudonymised: p.pseudonymKey != nil)
        let notes = report.columns.flatMap { m in m.missing.map { "\(m.file): \($0)" } } + calendarWarnings + found.waves.notes + found.loyalty.notes
        var findings = Findings(summary: summary, rejects: rejects, waves: found.waves.waves, legalFlags: found.flags, loyalty: found.loyalty.loyalty,
                                retaliation: found.loyalty.retaliation, sanctions: found.loyalty.sanctions, groupTests: found.loyalty.groupTests,
                                network: networkSummary(network, m), notes: personalData.map { d in notes.map(d.scrub) } ?? notes, rulePack: pack.name,
                                parameters: p, inputs: inputHashes.value, matching: matching, nationalEvents: found.waves.nationalEvents,
                                waveRegions: found.waves.regions)
        findings.title = p.title
        if evidence != nil { findings.generatedAt = stamp }
        findings.columns = report.columns
        if let path = inputs.reports {
            progress("following up neutrality reports")
            findings.neutralityReports = NeutralityFindings(file: path, ingest: neutralityIngest, followUpDays: p.followUpDays,
                                                            result: SanctionFollowUp(options: p.sanctionOptions).run(reports: neutrality, transfers: set, calendar: calendar))
        }
        var result = Result(findings: findings, network: network, transfers: set, calendar: calendar, columns: report.columns, ties: ties, personalData: personalData)
        result.evidence = evidence
        return result
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
    package static let outputNames: Set<String> = ["findings.json", "flags.csv", "rejects.csv", "timeline.svg", "network.svg", "network.dot",
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
    package static func write(_ r: Result, into folder: OutputFolder, networkFiles: NetworkFiles = .auto,
                             evidence limits: EvidenceLimits = .init(), progress: (String) -> Void = { _ in }) throws -> EvidenceCoverage? {
        var r = r
        let dir = folder.staging
        let lang = r.findings.parameters.lang
        let evidence = try r.evidence ?? EvidencePages.write(.init(r), to: dir, lang: lang, footer: InvestigationReport.footer(r.findings, lang: lang),
                                                             limits: limits, progress: progress)
        r.findings.evidence = evidence.coverage
        // the timeline needs nothing written below: drawn meanwhile on the other core
        let timeline = Background { [transfers = r.transfers, calendar = r.calendar, waves = r.findings.waves, flags = r.findings.legalFlags] in
            TimelineChart.svg(transfers: transfers, calendar: calendar, waves: waves, flags: flags,
                              labels: lang == .id ? .indonesian : TimelineChart.Labels())
        }
        try writeTables(r.findings, to: dir, progress: progress)
        progress("drawing the network")
        let picture = try drawNetwork(r, to: dir, progress: progress)
        try OutputFile.write(picture.svg, to: dir + "/network.svg")
        try writeNetworkFiles(r.network, to: dir, networkFiles: networkFiles, progress: progress)
        try OutputFile.write(timeline.value, to: dir + "/timeline.svg")
        progress("writing report.html")
        try OutputFile.write(InvestigationReport.html(r.findings, networkSVG: picture.svg, overview: picture.overview, patrons: picture.patrons,
                                                      timelineSVG: timeline.value, lang: lang, evidence: evidence.decrees), to: dir + "/report.html")
        // a pseudonymised run's outputs are read back before they count as written: any NIP, NIP
        // prefix or civil servant's name found fails the run and removes them
        try r.personalData?.checkOutputs(in: dir, files: outputNames.sorted())
        return evidence.coverage
    }

    /// findings.json, flags.csv and rejects.csv.
    private static func writeTables(_ findings: Findings, to dir: String, progress: (String) -> Void) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        progress("writing findings.json")
        try OutputFile.write(enc.encode(findings), to: dir + "/findings.json")
        try OutputFile.write(flagsCSV(findings), to: dir + "/flags.csv")
        var rejects = CSVOutput(columns: ["file", "line", "column", "reason"])
        for x in findings.rejects { rejects.append([x.file, String(x.line), String(x.column), x.reason]) }
        try OutputFile.write(rejects.text, to: dir + "/rejects.csv")
    }

    /// network.svg's picture, and which kind it is: the report words it accordingly.
    private struct NetworkPicture {
        var svg: String
        var overview = false, patrons = false
    }

    /// The picture is the patrons' overview (PatronOverview: signers as hubs, their clients as
    /// groups, ties as weighted edges), with the person-level picture beside it as
    /// network-people.svg. A network too big to lay out person by person (or a layout stopped at
    /// its time limit) is drawn as the overview of regions and their busiest signers
    /// (overview.dot); if even that fails, the picture says why in its place, and every other
    /// output is still written.
    private static func drawNetwork(_ r: Result, to dir: String, progress: (String) -> Void) throws -> NetworkPicture {
        let title = r.findings.parameters.lang(.network)
        do {
            return NetworkPicture(svg: try drawPatrons(r, title: title, to: dir, progress: progress), patrons: true)
        } catch let e as GraphvizRenderer.RenderError {
            progress("network not drawn person by person (\(e.message)); drawing the overview of regions and their busiest signers")
            do {
                return NetworkPicture(svg: try drawOverview(r, title: title, to: dir), overview: true)
            } catch let e as GraphvizRenderer.RenderError {
                progress("network picture left out: \(e)")
                return NetworkPicture(svg: Investigation.notDrawn(e))
            }
        }
    }

    /// Writes network.dot, patrons.dot and network-people.svg (left out, with a word, if its layout
    /// fails); returns the patrons' picture.
    private static func drawPatrons(_ r: Result, title: String, to dir: String, progress: (String) -> Void) throws -> String {
        let lang = r.findings.parameters.lang
        let diagram = try Diagram.dot(r.network, title: title, lang: lang)
        try OutputFile.write(diagram.dot, to: dir + "/network.dot")
        var o = PatronOverview.Options()
        o.title = title
        o.lang = lang
        let patronDOT = PatronOverview.dot(transfers: r.transfers, ties: r.ties, calendar: r.calendar, options: o)
        try OutputFile.write(patronDOT, to: dir + "/patrons.dot")
        let svg = String(decoding: try GraphvizRenderer.render(dot: patronDOT, engine: .dot, format: .svg,
                                                               timeLimit: Diagram.defaultTimeLimit), as: UTF8.self)
        do {
            let people = try GraphvizRenderer.render(dot: diagram.dot, engine: diagram.engine, format: .svg, timeLimit: Diagram.defaultTimeLimit)
            try OutputFile.write(String(decoding: people, as: UTF8.self), to: dir + "/network-people.svg")
        } catch let e as GraphvizRenderer.RenderError {
            progress("network-people.svg left out: \(e.message)")
        }
        return svg
    }

    /// Writes overview.dot; returns its picture.
    private static func drawOverview(_ r: Result, title: String, to dir: String) throws -> String {
        var o = Overview.Options()
        o.title = title
        o.labels = r.findings.parameters.lang == .id ? .indonesian : Overview.Labels()
        let dot = Overview.dot(transfers: r.transfers, findings: r.findings, options: o)
        try OutputFile.write(dot, to: dir + "/overview.dot")
        return String(decoding: try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg, timeLimit: Diagram.defaultTimeLimit),
                      as: UTF8.self)
    }

    /// network.graphml and network.gexf, unless the network is too big for Gephi (`NetworkFiles`).
    private static func writeNetworkFiles(_ network: Network, to dir: String, networkFiles: NetworkFiles,
                                          progress: (String) -> Void) throws {
        if networkFiles.writes(nodes: network.nodeCount) {
            try GraphMLWriter.write(network, to: dir + "/network.graphml")
            try NetworkExports.gexf(network, to: dir + "/network.gexf")
        } else if networkFiles == .auto {
            progress("network.graphml and network.gexf left out: \(network.nodeCount) nodes is past \(NetworkFiles.automaticLimit), "
                     + "about \(max(1, network.edgeCount / 2_000_000)) GB (500 bytes an edge) that Gephi would not open; add --network-files always to write them")
        }
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
                        String(w.persons), String(w.officials), "", "", "\(w.moves) moves, expected \(w.expected), x\(w.ratio)", String(w.pValue), ""])
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
