import Foundation

/// Composes the investigator's report: summary, rule-window violations, waves, loyalty and
/// retaliation, the network diagram, methods and parameters, rejected rows; in that order.
enum InvestigationReport {
    /// - Parameter overview: the network picture is `Overview`'s regions and signers, not the network itself.
    static func html(_ f: Investigation.Findings, networkSVG: String, overview: Bool = false, timelineSVG: String, lang L: ReportLanguage) -> String {
        typealias Cell = HTMLDocument.Cell
        func num(_ i: Int) -> Cell { Cell(String(i), .number) }
        func p(_ x: Double) -> Cell { Cell(x < 0.001 ? String(format: "%.1e", x) : String(format: "%.3f", x), .number) }
        func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "∞" }
        let s = f.summary

        let summary = HTMLDocument.Section(id: "summary", heading: L("summary"), blocks: [
            .facts([(L("recordsRead"), "\(s.recordsRead)"), (L("recordsAccepted"), "\(s.recordsAccepted)"),
                    (L("recordsRejected"), "\(s.recordsRejected)"), (L("otherRejected"), "\(s.otherFilesRowsRejected)"),
                    (L("duplicates"), "\(s.duplicatesMerged)"),
                    (L("people"), "\(s.people)"), (L("decrees"), "\(s.decrees)"), (L("regions"), "\(s.regions)"),
                    (L("violationsFound"), "\(s.violations)"), (L("approvedFound"), "\(s.approved)"),
                    (L("wavesFound"), "\(s.waves)"), (L("loyaltyFlags"), "\(s.loyalty)"), (L("retaliationFlags"), "\(s.retaliation)")]),
        ] + (s.pseudonymised ? [.note(L("pseudonymNote"))] : []))

        let violations = HTMLDocument.Section(id: "violations", heading: L("violations"), blocks: [
            .table(.init(columns: [L("status"), L("decree"), L("date"), L("region"), L("signer"), L("persons"), L("officials"),
                                   L("rule"), L("citation"), L("window"), L("daysToVote"), L("approval")],
                         rows: f.legalFlags.sorted { ($0.status == .approved ? 1 : 0, $0.decreeDate) < ($1.status == .approved ? 1 : 0, $1.decreeDate) }.map { l in
                             [Cell(L(l.status.rawValue), l.status == .violation ? .violation : .approved), Cell(l.decreeNo, .code), Cell(l.decreeDate),
                              Cell(l.region), Cell("\(l.signer) (\(l.signerRole))"), num(l.persons), num(l.officials), Cell(l.rule, .code),
                              Cell(l.citation), Cell("\(l.windowStart) – \(l.windowEnd)"),
                              Cell(l.daysToVoting.map { "\($0) (\(l.election ?? ""))" } ?? "", .number), Cell(l.approval ?? "—")]
                         }, emptyText: L("noViolations"))),
        ])

        let waves = HTMLDocument.Section(id: "waves", heading: L("waves"), blocks: [
            .trustedSVG(timelineSVG, caption: L("timelineCaption")),
            .table(.init(columns: [L("region"), L("start"), L("end"), L("persons"), L("officials"), L("expected"), L("ratio"),
                                   L("pValue"), L("decrees"), L("signer"), L("units"), L("election"), L("daysToVote"), L("inWindow")],
                         rows: f.waves.map { w in
                             [Cell(w.region), Cell(w.start), Cell(w.end), num(w.persons), num(w.officials), Cell(String(w.expected), .number),
                              Cell("×\(w.ratio)", .strong), p(w.pValue), Cell(w.decrees.joined(separator: ", "), .code),
                              Cell(w.signers.joined(separator: "; ")), Cell(w.units.joined(separator: "; ")), Cell(w.election ?? ""),
                              Cell(w.daysToVoting.map(String.init) ?? "", .number), Cell(w.inWindow.joined(separator: ", "), .code)]
                         }, emptyText: L("noWaves"))),
        ] + f.waves.compactMap { $0.note }.prefix(3).map { .note($0) })

        func flagRows(_ xs: [LoyaltyAnalysis.Flag]) -> [[Cell]] {
            xs.map { x in
                [Cell(x.date), Cell(x.nip, .code), Cell(x.name), Cell(x.linkedTo),
                 Cell(x.links.map { $0.derived ? "\($0.relation)*" : "\($0.relation) (\($0.source))" }.joined(separator: "; ")),
                 Cell(x.why), Cell(x.decreeNo, .code), num(x.daysAfterInauguration),
                 Cell(x.fromRank.map(String.init) ?? "—", .number), Cell(x.toRank.map(String.init) ?? "—", .number)]
            }
        }
        let flagColumns = [L("date"), L("nip"), L("name"), L("linkedTo"), L("links"), L("why"), L("decree"), L("daysAfter"), L("fromRank"), L("toRank")]
        let loyalty = HTMLDocument.Section(id: "loyalty", heading: L("loyalty"), blocks: [
            .table(.init(caption: L("groupTests"), columns: [L("election"), L("event"), L("winner"), L("linkedWith"), L("linked"),
                                                             L("otherWith"), L("other"), L("oddsRatio"), L("ci"), L("pValue")],
                         rows: f.groupTests.map { g in
                             [Cell(g.election), Cell(L(g.event.rawValue)), Cell(g.winner), num(g.linkedWithEvent), num(g.linked),
                              num(g.otherWithEvent), num(g.other), Cell(g.oddsRatio.isNaN ? "—" : fmt(g.oddsRatio), .number),
                              Cell("\(fmt(g.ciLow)) – \(fmt(g.ciHigh))", .number), p(g.pValue)]
                         }, emptyText: L("noTests"))),
            .table(.init(caption: L("loyaltyTable"), columns: flagColumns, rows: flagRows(f.loyalty), emptyText: L("noLoyalty"))),
            .table(.init(caption: L("retaliationTable"), columns: flagColumns, rows: flagRows(f.retaliation), emptyText: L("noRetaliation"))),
            .table(.init(caption: L("sanctionsTable"), columns: flagColumns, rows: flagRows(f.sanctions), emptyText: L("noSanctions"))),
            .note(L("derivedNote")),
        ])

        let nm = f.network
        let network = HTMLDocument.Section(id: "network", heading: L("network"), blocks: [
            .trustedSVG(networkSVG, caption: L(overview ? "overviewCaption" : "networkCaption")),
            .table(.init(caption: String(format: L("patronsCaption"), nm.nodes, nm.edges, nm.communities, nm.modularity),
                         columns: [L("signer"), L("candidate"), L("clients"), L("promotionsGiven"), L("pushOutsGiven"), L("jptHeld"), L("pageRank")],
                         rows: nm.patrons.prefix(20).map { x in
                             [Cell(x.signer), Cell(x.candidate ?? "—"), num(x.clients), num(x.promotionsGiven), num(x.pushOutsGiven),
                              Cell("\(x.jptHeldByClients) (\(Int((x.jptShare * 100).rounded()))%)", .number), Cell(String(format: "%.4f", x.pageRank), .number)]
                         }, emptyText: "—")),
        ])

        let methods = HTMLDocument.Section(id: "methods", heading: L("methods"), blocks: [
            .facts([("rule pack", f.rulePack), ("seed", String(f.parameters.seed)), ("alpha", String(f.parameters.alpha)),
                    ("Monte Carlo", "\(f.parameters.replications)"), ("loyalty window", "\(f.parameters.months) months"),
                    ("generator", f.generator + ", findings schema \(f.schemaVersion)")]),
            .table(.init(caption: L("inputs"), columns: [L("file"), "bytes", "SHA-256"],
                         rows: f.inputs.map { [Cell($0.path), num($0.bytes), Cell($0.sha256, .code)] }, emptyText: "")),
            .table(matchingTable(f.matching, id: L == .id)),
            .paragraph("Waves: weekly scan against each region's own history at the same time of year, Monte Carlo max-statistic p-values. Rule windows: rule pack above. Loyalty: Fisher's exact test, conditional MLE odds ratio, exact 95% interval. Details: docs/METHODS.md."),
        ] + f.notes.map { .note($0) })

        let shown = f.rejects.prefix(200)
        let rejects = HTMLDocument.Section(id: "rejects", heading: L("rejects"), blocks: [
            .table(.init(columns: [L("file"), L("line"), L("column"), L("reason")],
                         rows: shown.map { [Cell($0.file, .code), num($0.line), num($0.column), Cell($0.reason)] }, emptyText: L("noRejects"))),
        ] + (f.rejects.count > shown.count ? [.note(L("rejectsMore"))] : []))

        return HTMLDocument(lang: L.rawValue, title: L("title"), subtitle: "\(L("subtitle")) · \(L("generated"))",
                            sections: [summary, violations, waves, loyalty, network, methods, rejects]).render()
    }

    /// What matched nothing in the calendar, and what was matched only nearly or by alias: a reader
    /// checks these by eye.
    static func matchingTable(_ m: MatchReport, id: Bool) -> HTMLDocument.Table {
        typealias Cell = HTMLDocument.Cell
        func closest(_ name: String?, _ score: Double?) -> String { (name ?? "—") + (score.map { " (\($0))" } ?? "") }
        var rows: [[Cell]] = []
        for u in m.unmatchedSigners {
            let dates = u.firstDate.map { "; \($0) – \(u.lastDate ?? "")" } ?? ""
            rows.append([Cell(id ? "penandatangan" : "signer"), Cell(u.name), Cell(u.region), Cell(String(u.rows), .number),
                         Cell(closest(u.closest, u.closestScore) + dates)])
        }
        for u in m.unmatchedRegions {
            rows.append([Cell(id ? "daerah" : "region"), Cell(u.name), Cell(""), Cell(String(u.rows), .number), Cell(closest(u.closest, u.closestScore))])
        }
        for a in m.accepted {
            rows.append([Cell(a.how.rawValue), Cell(a.name), Cell(a.region), Cell(String(a.rows), .number), Cell("= \(a.head) (\(a.score))")])
        }
        return HTMLDocument.Table(caption: id ? "Penandatangan dan daerah yang tidak cocok dengan kalender, dan kecocokan mirip (ambang \(m.nearThreshold))"
                                              : "Signers and regions that matched nothing in the calendar, and near matches (threshold \(m.nearThreshold))",
                                  columns: id ? ["jenis", "nama", "daerah", "baris", "calon terdekat (skor)"] : ["kind", "name", "region", "rows", "closest candidate (score)"],
                                  rows: rows, emptyText: id ? "Semua penandatangan dan daerah cocok." : "Every signer and region matched.")
    }
}
