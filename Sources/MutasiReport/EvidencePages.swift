import Foundation
import MutasiSupport
import MutasiModel
import MutasiAnalysis
import MutasiRender

/// One printable page per flagged decree (`evidence/` beside the report): what an investigator
/// attaches to a finding. Each holds the case, the decree's number, date and region, its signer
/// and their role, every rule it falls under with the citation, the window and the approval
/// status, the people it moved, its picture (`DecreeSheet`), and the rows it was read from.
///
/// A decree is flagged when it falls in a rule's window (`LegalFlag`), with or without approval:
/// an approved decree's page shows the approval it was checked against.
package enum EvidencePages {
    /// A flagged decree: its flags (one per rule) and the page written for it.
    package struct Decree: Sendable {
        var region: String
        var decreeNo: String
        var date: Day
        var flags: [LegalFlag]
        /// Its page's name in `evidence/`; empty when no page was written for it (`Limits.pages`).
        var fileName: String
        /// A violation when any of its rules lacks approval.
        var status: LegalFlag.Status { flags.contains { $0.status == .violation } ? .violation : .approved }
    }

    package typealias Limits = Investigation.EvidenceLimits

    /// What the pages are made of: all of it known once the detectors are done, before the network
    /// metrics (`Investigation.run` writes the pages while those finish).
    package struct Source: Sendable {
        var flags: [LegalFlag]
        var transfers: TransferSet
        var ties: [Tie]
        var calendar: ElectionCalendar
        var title: String?

        package init(flags: [LegalFlag], transfers: TransferSet, ties: [Tie], calendar: ElectionCalendar, title: String?) {
            self.flags = flags; self.transfers = transfers; self.ties = ties; self.calendar = calendar; self.title = title
        }

        package init(_ r: Investigation.Result) {
            self.init(flags: r.findings.legalFlags, transfers: r.transfers, ties: r.ties, calendar: r.calendar, title: r.findings.title)
        }
    }

    /// What `write` wrote: the decrees (a page name where one was written) and how much the limits
    /// left out.
    package struct Written: Sendable {
        package var decrees: [Decree]
        package var coverage: Investigation.EvidenceCoverage?
    }

    static func key(region: String, decree: String) -> String { RegionName.key(region) + "\u{1F}" + decree }

    /// The same, each region's key folded once (`RegionName.key` costs microseconds a call, and a
    /// national run asks it for every decree).
    static func key(region: String, decree: String, keys: inout [String: String]) -> String {
        if let k = keys[region] { return k + "\u{1F}" + decree }
        let k = RegionName.key(region)
        keys[region] = k
        return k + "\u{1F}" + decree
    }

    /// The flags grouped by decree, violations first, then by date: the order of the report's table
    /// and of the pages' numbers.
    static func decrees(_ flags: [LegalFlag]) -> [Decree] {
        var order: [String] = [], byKey: [String: [LegalFlag]] = [:], regionKeys: [String: String] = [:]
        for f in flags {
            let k = key(region: f.region, decree: f.decreeNo, keys: &regionKeys)
            if byKey[k] == nil { order.append(k) }
            byKey[k, default: []].append(f)
        }
        var out = order.map { k -> Decree in
            let fs = byKey[k]!
            return Decree(region: fs[0].region, decreeNo: fs[0].decreeNo, date: fs[0].decreeDate, flags: fs, fileName: "")
        }
        out.sort { ($0.status == .approved ? 1 : 0, $0.date, $0.region, $0.decreeNo) < ($1.status == .approved ? 1 : 0, $1.date, $1.region, $1.decreeNo) }
        for i in out.indices { out[i].fileName = fileName(index: i + 1, decree: out[i].decreeNo) }
        return out
    }

    /// `007-821.2-0017-BKPSDM-2026.html`: the number keeps the names unique and in order; the
    /// decree number is kept to letters, digits, dots and hyphens (no path, no markup).
    static func fileName(index: Int, decree: String) -> String {
        var safe = ""
        for u in decree.unicodeScalars.prefix(60) {
            let c = Character(u)
            safe.append(c.isASCII && (c.isLetter || c.isNumber || c == ".") ? c : "-")
        }
        return String(format: "%03d", index) + "-" + safe + ".html"
    }

    /// The rows of each flagged decree, in file order.
    /// - Complexity: O(T) for T transfers, with one hash per row and a key built only for the rows of
    ///   flagged decrees.
    static func rows(of decrees: [Decree], in set: TransferSet) -> [[Int]] {
        var index: [String: Int] = [:], regionKeys: [String: String] = [:]
        for (i, d) in decrees.enumerated() { index[key(region: d.region, decree: d.decreeNo, keys: &regionKeys)] = i }
        var out = [[Int]](repeating: [], count: decrees.count)
        var cache: [UInt64: Int] = [:]
        // A national file holds millions of decrees and a few thousand are flagged: a row whose
        // number is none of the flagged ones is passed over by its symbol, with no key built.
        var flaggedNumbers = Set<UInt32>()
        for d in decrees { if let s = set.strings.lookup(d.decreeNo) { flaggedNumbers.insert(s.id) } }
        for (r, t) in set.transfers.enumerated() {
            let found: Int?
            if t.decreeNo.isEmpty {
                found = index[key(region: set[t.region], decree: set.decreeLabel(of: t), keys: &regionKeys)]
            } else if !flaggedNumbers.contains(t.decreeNo.id) {
                continue
            } else {
                let c = UInt64(t.region.id) << 32 | UInt64(t.decreeNo.id)
                if let hit = cache[c] { found = hit < 0 ? nil : hit } else {
                    found = index[key(region: set[t.region], decree: set[t.decreeNo], keys: &regionKeys)]
                    cache[c] = found ?? -1
                }
            }
            if let i = found { out[i].append(r) }
        }
        return out
    }

    /// Writes `dir/evidence/` (replacing an earlier run's pages) and returns the decrees with their
    /// page names, for the report's links, and what `limits` left out (nil when nothing).
    ///
    /// `dir` is a folder no reader sees until it is swapped in whole (`OutputFolder.staging`): the
    /// pages are created in place, on every core, the pictures among them spread out so that one
    /// core writes pages while the other holds Graphviz (which draws one picture at a time).
    package static func write(_ r: Source, to dir: String, lang L: ReportLanguage, footer: String,
                      limits: Limits = Limits(), progress: (String) -> Void) throws -> Written {
        let folder = dir + "/evidence"
        try? FileManager.default.removeItem(atPath: folder)
        var decrees = decrees(r.flags)
        guard !decrees.isEmpty else { return Written(decrees: decrees) }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw InputError(.unreadable, file: folder, "cannot be created: \(error.localizedDescription)", advice: "Check the path and permissions.")
        }
        let n = min(decrees.count, limits.pages ?? .max)
        for i in n..<decrees.count { decrees[i].fileName = "" }
        let rows = rows(of: decrees, in: r.transfers)
        // pictures for the first pages with rows, in the table's order
        var drawn = [Bool](repeating: false, count: n), pictured = 0
        for i in 0..<n where pictured < (limits.pictures ?? .max) && !rows[i].isEmpty { drawn[i] = true; pictured += 1 }
        progress("writing \(n) evidence page(s)" + (n < decrees.count ? " of \(decrees.count) flagged decrees" : "")
                 + (pictured > 0 ? ", \(pictured) with a picture" : ""))
        // the people ties point at, named on the pictures even when moved by other decrees
        var tied = Set<NIP>()
        for t in r.ties { if case .person(let other) = t.relatedTo { tied.insert(other); tied.insert(t.nip) } }
        var names: [NIP: String] = [:]
        if !tied.isEmpty { for t in r.transfers.transfers where tied.contains(t.nip) { names[t.nip] = r.transfers[t.name] } }
        // each page's ties by person, found once: tens of thousands of pages each scanning every tie
        // was quadratic at national scale
        let tiesOf = Dictionary(grouping: r.ties, by: \.nip)
        // a picture's ties (`Tie.touches`: of one of its people, or pointing at one), by tie number
        var touching: [NIP: [Int]] = [:]
        if pictured > 0 {
            for (k, t) in r.ties.enumerated() {
                touching[t.nip, default: []].append(k)
                if case .person(let other) = t.relatedTo, other != t.nip { touching[other, default: []].append(k) }
            }
        }
        let order = spread(drawn)
        let failures = Slots<InputError?>(count: n, initial: nil)
        let context = PageContext(result: r, lang: L, footer: footer, names: names, tiesOf: tiesOf, touching: touching, folder: folder,
                                  resolver: pictured > 0 ? HeadResolver(r.calendar) : nil)
        let all = decrees, draw = drawn
        DispatchQueue.concurrentPerform(iterations: n) { k in
            let i = order[k]
            do throws(InputError) {
                try context.write(all[i], rows: rows[i], picture: draw[i])
            } catch {
                failures.set(i, error)
            }
        }
        if let e = failures.values.lazy.compactMap({ $0 }).first { throw e }
        let picturesLeft = n - pictured - rows[..<n].filter(\.isEmpty).count
        guard n < decrees.count || picturesLeft > 0 else { return Written(decrees: decrees) }
        // more pages would bring more pictures past the pictures' limit: name both then
        let options = n < decrees.count && limits.pictures != nil ? "--evidence-pages all --evidence-pictures all"
            : n < decrees.count ? "--evidence-pages all" : "--evidence-pictures all"
        return Written(decrees: decrees, coverage: .init(flaggedDecrees: decrees.count, pages: n, pagesLeftOut: decrees.count - n,
                                                         pictures: pictured, picturesLeftOut: picturesLeft, toWriteAll: options))
    }

    /// The order pages are written in: those with a picture spread evenly among the others, so the
    /// cores seldom wait for Graphviz at the same time.
    static func spread(_ drawn: [Bool]) -> [Int] {
        let with = drawn.indices.filter { drawn[$0] }, without = drawn.indices.filter { !drawn[$0] }
        var order: [Int] = [], p = 0, q = 0
        order.reserveCapacity(drawn.count)
        for k in 0..<drawn.count {
            if p < with.count && (q == without.count || p * drawn.count <= k * with.count) { order.append(with[p]); p += 1 } else { order.append(without[q]); q += 1 }
        }
        return order
    }

    /// What every page needs besides its decree, found once for all of them.
    struct PageContext: Sendable {
        var result: Source
        var lang: ReportLanguage
        var footer: String
        var names: [NIP: String]
        var tiesOf: [NIP: [Tie]]
        var touching: [NIP: [Int]]
        var folder: String
        /// The calendar's heads, folded once for every picture.
        var resolver: HeadResolver?

        func write(_ d: Decree, rows: [Int], picture draw: Bool) throws(InputError) {
            let r = result
            var picture: String?
            if draw {
                var sub = r.transfers
                sub.transfers = rows.map { r.transfers.transfers[$0] }
                var found = Set<Int>()
                for t in sub.transfers { for k in touching[t.nip] ?? [] { found.insert(k) } }
                let ties = found.sorted().map { r.ties[$0] }
                var o = DecreeSheet.Options()
                o.lang = lang
                o.names = names
                let dot = DecreeSheet.dot(sub, ties: ties, calendar: r.calendar, options: o, sharing: resolver)
                // a sheet is one node with a table for a label: its layout is bounded, so it is drawn
                // in-process (a child `dot` with a time limit costs a process start a picture)
                picture = try? String(decoding: GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg), as: UTF8.self)
            }
            let html = page(d, rows: rows, result: r, picture: picture, pictureLeftOut: !draw && !rows.isEmpty, lang: lang, footer: footer,
                            names: names, tiesOf: tiesOf)
            try OutputFile.create(html, at: folder + "/" + d.fileName)
        }
    }

    /// - Parameter pictureLeftOut: the picture was not drawn because of `Limits.pictures` (the page says so).
    static func page(_ d: Decree, rows: [Int], result r: Source, picture: String?, pictureLeftOut: Bool = false,
                     lang L: ReportLanguage, footer: String, names: [NIP: String] = [:], tiesOf: [NIP: [Tie]]? = nil) -> String {
        typealias Cell = HTMLDocument.Cell
        let set = r.transfers
        let f = d.flags[0]
        let approvals = Set(d.flags.compactMap(\.approval)).sorted()
        let status = d.status
        let facts = HTMLDocument.Section(id: "decree", heading: L(.evidenceDecree), blocks: [
            .facts([(L(.caseTitle), r.title ?? "—"), (L(.decree), d.decreeNo), (L(.date), d.date.iso), (L(.region), d.region),
                    (L(.signer), f.signer), (L(.signerRole), L.role(f.signerRole)),
                    (L(.persons), String(f.persons)), (L(.officials), String(f.officials)),
                    (L(.status), L.status(status)), (L(.approval), approvals.isEmpty ? L(.noApproval) : approvals.joined(separator: "; "))]),
        ])
        let rules = HTMLDocument.Section(id: "rules", heading: L(.evidenceRules), blocks: [
            .table(.init(columns: [L(.status), L(.rule), L(.citation), L(.window), L(.election), L(.daysToVote), L(.approval)],
                         rows: d.flags.map { l in
                             [Cell(L.status(l.status), l.status == .violation ? .violation : .approved), Cell(l.rule, .code), Cell(l.citation),
                              Cell("\(l.windowStart) – \(l.windowEnd?.iso ?? "…")"), Cell(l.election ?? "—"),
                              Cell(l.daysToVoting.map(String.init) ?? "—", .number), Cell(l.approval ?? L(.noApproval))]
                         }, emptyText: "")),
        ])
        var tieText: [NIP: [String]] = [:]
        let people = Set(rows.map { set.transfers[$0].nip })
        let ties = tiesOf.map { index in people.flatMap { index[$0] ?? [] } } ?? r.ties.filter { people.contains($0.nip) }
        for t in ties {
            var whom = t.relatedTo.description
            if case .candidate(let id) = t.relatedTo, let (cand, _) = r.calendar.candidate(id: id) { whom = cand.name }
            if case .person(let other) = t.relatedTo, let name = names[other] { whom = "\(name) (\(other))" }
            tieText[t.nip, default: []].append("\(L.relation(t.relation)) → \(whom) (\(t.source))")
        }
        // position, unit and echelon, those given, joined by commas (no array per cell: a row per person)
        func post(_ p: Symbol, _ u: Symbol, _ e: Echelon?) -> String {
            var text = set[p]
            func add(_ part: String) { if !part.isEmpty { text += text.isEmpty ? part : ", " + part } }
            add(set[u])
            if let e { add(e.description) }
            return text
        }
        let peopleSection = HTMLDocument.Section(id: "people", heading: L(.evidencePeople), blocks: [
            .table(.init(columns: ["#", L(.nip), L(.name), L(.move), L(.fromPost), L(.toPost), L(.effective), L(.links), L(.source)],
                         rows: rows.enumerated().map { n, i in
                             let t = set.transfers[i]
                             return [Cell(String(n + 1), .number), Cell(t.nip.description, .identifier), Cell(set[t.name]), Cell(L.kind(t.kind)),
                                     Cell(post(t.fromPosition, t.fromUnit, t.fromEchelon)), Cell(post(t.toPosition, t.toUnit, t.toEchelon)),
                                     Cell(t.effectiveDate?.iso ?? "—"), Cell((tieText[t.nip] ?? []).joined(separator: "; ")),
                                     Cell(set.origin(of: t), .code)]
                         }, emptyText: L(.noRows))),
        ])
        let diagram = HTMLDocument.Section(id: "diagram", heading: L(.evidenceDiagram), blocks: [
            picture.map { .trustedSVG($0, caption: L(.sheetCaption)) } ?? .note(pictureLeftOut ? L(.diagramLeftOut) : L(.noDiagram)),
        ])
        // the rows as file and lines, for finding them again in the source
        var byFile: [String: [UInt32]] = [:]
        for i in rows { let t = set.transfers[i]; byFile[Int(t.fileIndex) < set.files.count ? set.files[Int(t.fileIndex)] : "?", default: []].append(t.line) }
        let sources = HTMLDocument.Section(id: "sources", heading: L(.evidenceSources), blocks: byFile.keys.sorted().map { file in
            .paragraph("\(file): \(L(.line).lowercased()) " + ranges(byFile[file]!.sorted()))
        } + [.note(L(.evidenceSourcesNote))])
        var doc = HTMLDocument(lang: L.rawValue, title: "SK \(d.decreeNo)",
                               subtitle: [r.title, "\(d.region) · \(d.date.iso)", L(.evidenceSubtitle)].compactMap { $0 }.joined(separator: " · "),
                               sections: [facts, rules, peopleSection, diagram, sources], footer: footer)
        doc.backLink = (L(.backToReport), "../report.html#violations")
        doc.navigation = false
        return doc.render()
    }

    /// `3-7, 12, 15-16`: consecutive lines as ranges.
    static func ranges(_ xs: [UInt32]) -> String {
        var out: [String] = [], i = 0
        while i < xs.count {
            var j = i
            while j + 1 < xs.count && xs[j + 1] == xs[j] + 1 { j += 1 }
            out.append(j > i ? "\(xs[i])–\(xs[j])" : "\(xs[i])")
            i = j + 1
        }
        return out.joined(separator: ", ")
    }
}
