import MutasiSupport
import MutasiModel

extension DecreeSheet {
    /// Width of a summary row, in points: two columns of rows fit in `maxWidth`.
    static let summaryRowWidth = 860.0
    /// Estimated height of a summary row of `lines` lines of 9-point text, and of a year's header.
    static func summaryRowHeight(lines: Int) -> Double { Double(lines) * 11.5 + 10 }
    static let summaryYearHeight = 24.0

    /// A region (or a person moved by mass decrees) whose people do not fit `maxWidth`: one row per
    /// decree, grouped by year, with its signer and role, its counts by kind, and the units it
    /// moved people to. When even those rows would make the sheet more than `maxTallness`·2.5/0.8
    /// (2.5) times as high as wide, the decrees of one year and one signer make one row; when those
    /// are still too many, the last rows are left out and a line says how many, and how many
    /// people they hold. Every number stays: the caption counts all decrees and people.
    static func summary(_ set: TransferSet, order: [String], rowsOf: [String: [Int]], lookup: CalendarLookup?,
                        tiesOf: [NIP: [String]], focusTable: String?, graphHead: String, lang L: ReportLanguage) -> String {
        // few decrees: more of their units, so that the rows are not a strip
        let unitLines = max(2, min(30, Int((summaryRowWidth / 1.9 - 120) / Double(max(1, order.count)) / 11.5) - 1))
        let s = Summary(set: set, rowsOf: rowsOf, lookup: lookup, tiesOf: tiesOf, L: L, unitLines: unitLines)
        let (byDecree, bySigner) = s.groups(order)
        // two columns at most; the height allowed is 2.5 times the width less the title and caption
        let capacity = 2.5 * 2 * summaryRowWidth - 160 - (focusTable == nil ? 0 : 200)
        var groups = s.height(byDecree) / 2 <= capacity ? byDecree : bySigner
        var left: [Summary.Group] = []
        while s.height(groups) / 2 > capacity, let g = groups.popLast() { left.insert(g, at: 0) }
        let columns = s.columns(groups)
        let columnCount = columns.count
        var sheet = "<table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\">"
        if let t = focusTable { sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\">\(t)</td></tr>" }
        let people = order.reduce(0) { $0 + rowsOf[$1]!.count }
        sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\" balign=\"left\"><font point-size=\"10\" color=\"#37474f\">"
        sheet += Markup.escape(s.f(.summaryCaption, order.count, people)).replacingOccurrences(of: "; ", with: ";<br/>") + "</font></td></tr><tr>"
        for col in columns { sheet += s.column(col) }
        sheet += "</tr>"
        if !left.isEmpty {
            sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\"><font point-size=\"10\" color=\"#b71c1c\"><b>"
            sheet += Markup.escape(s.f(.summaryMore, left.count, left.reduce(0) { $0 + $1.rows.count })) + "</b></font></td></tr>"
        }
        return graphHead + "  sheet [label=<\(sheet)</table>>];\n}\n"
    }

    /// What a summary's rows are made from.
    struct Summary {
        struct Group { var year: Int; var label: String; var decrees: [String]; var rows: [Int] }

        let set: TransferSet
        let rowsOf: [String: [Int]]
        let lookup: CalendarLookup?
        let tiesOf: [NIP: [String]]
        let L: ReportLanguage
        /// Units listed per row.
        let unitLines: Int
        var rowHeight: Double { summaryRowHeight(lines: 2 + unitLines) }

        func f(_ label: ReportLabel, _ args: CVarArg...) -> String { String(format: L(label), arguments: args) }

        func year(_ k: String) -> Int { Int(set.transfers[rowsOf[k]![0]].decreeDate.iso.prefix(4)) ?? 0 }

        func height(_ g: [Group]) -> Double { Double(g.count) * rowHeight + Double(Set(g.map(\.year)).count) * summaryYearHeight }

        /// The decrees, and the decrees by (year, signer), both in date order.
        func groups(_ order: [String]) -> (byDecree: [Group], bySigner: [Group]) {
            let byDecree = order.map { k -> Group in
                let t = set.transfers[rowsOf[k]![0]]
                return Group(year: year(k), label: "\(t.decreeDate.iso) · SK \(set.decreeLabel(of: t))", decrees: [k], rows: rowsOf[k]!)
            }
            var bySigner: [Group] = []
            var at: [String: Int] = [:]
            for k in order {
                let t = set.transfers[rowsOf[k]![0]]
                let id = "\(year(k))|\(set[t.signedBy])"
                if let i = at[id] { bySigner[i].decrees.append(k); bySigner[i].rows += rowsOf[k]! } else {
                    at[id] = bySigner.count
                    bySigner.append(Group(year: year(k), label: "", decrees: [k], rows: rowsOf[k]!))
                }
            }
            for i in bySigner.indices {
                let first = set.transfers[rowsOf[bySigner[i].decrees.first!]![0]], last = set.transfers[rowsOf[bySigner[i].decrees.last!]![0]]
                bySigner[i].label = "\(first.decreeDate.iso) – \(last.decreeDate.iso) · " + f(.summaryDecrees, bySigner[i].decrees.count)
            }
            return (byDecree, bySigner)
        }

        /// The rows in date order, down the first column, then the second (two when they are
        /// higher than two rows' width).
        func columns(_ groups: [Group]) -> [[Group]] {
            let columnCount = height(groups) > 2 * summaryRowWidth ? 2 : 1
            var columns: [[Group]] = Array(repeating: [], count: columnCount)
            var c = 0, used = 0.0
            let rowH = rowHeight
            let perColumn = height(groups) / Double(columnCount)
            for g in groups {
                if c + 1 < columnCount, used + rowH > perColumn + rowH / 2 { c += 1; used = 0 }
                columns[c].append(g)
                used += rowH
            }
            return columns
        }

        /// A column's table: its rows under a header for each year.
        func column(_ col: [Group]) -> String {
            var sheet = "<td valign=\"top\" align=\"left\"><table border=\"0\" cellborder=\"1\" color=\"#b0bec5\" cellspacing=\"0\" cellpadding=\"4\">"
            var lastYear: Int?
            for g in col {
                if g.year != lastYear {
                    sheet += "<tr><td colspan=\"3\" align=\"left\" bgcolor=\"#0b4f8a\"><font color=\"white\" point-size=\"11\"><b>\(g.year)</b></font></td></tr>"
                    lastYear = g.year
                }
                sheet += row(g)
            }
            return sheet + "</table></td>"
        }

        /// A row: the decree (or decrees), signer and role; the counts; the units moved to.
        func row(_ g: Group) -> String {
            let e = Markup.escape
            let first = set.transfers[g.rows[0]]
            let head = lookup?.head(signedAs: set[first.signedBy], in: set[first.region], on: first.decreeDate)
            let role = L.role(SignerRole(head))
            var kinds: [TransferKind: Int] = [:], units: [String: Int] = [:]
            var tied = Set<NIP>()
            for i in g.rows {
                let t = set.transfers[i]
                kinds[t.kind, default: 0] += 1
                units[set[t.toUnit].isEmpty ? L(.noUnit) : set[t.toUnit], default: 0] += 1
                if tiesOf[t.nip] != nil { tied.insert(t.nip) }
            }
            let officials = g.rows.filter { set.transfers[$0].touchesStructuralPost }.count
            var s = "<tr><td align=\"left\" balign=\"left\" valign=\"top\" width=\"300\"><font point-size=\"9\"><b>\(e(cut(g.label, 52)))</b><br/>"
            s += "\(e(cut(set[first.signedBy], 50)))<br/><font color=\"#5b6470\">\(e(cut(role, 50)))</font></font></td>"
            s += "<td align=\"left\" balign=\"left\" valign=\"top\" width=\"220\"><font point-size=\"9\"><b>\(e(f(.summaryPeople, g.rows.count)))</b> · "
            s += "\(e(f(.summaryOfficials, officials)))<br/>" + tally(kinds).map(e).joined(separator: "<br/>")
            if !tied.isEmpty { s += "<br/><font color=\"#6a1b9a\">\(e(f(.summaryTied, tied.count)))</font>" }
            s += "</font></td><td align=\"left\" balign=\"left\" valign=\"top\" width=\"300\"><font point-size=\"9\">"
            s += unitText(units).joined(separator: "<br/>") + "</font></td></tr>"
            return s
        }

        /// The counts by kind on lines of at most 44 characters, none cut.
        func tally(_ kinds: [TransferKind: Int]) -> [String] {
            var tally: [String] = []
            for part in TransferKind.allCases.compactMap({ k in kinds[k].map { "\($0) \(L.kind(k))" } }) {
                if let last = tally.last, last.count + 3 + part.count <= 44 { tally[tally.count - 1] += " · " + part } else { tally.append(part) }
            }
            return tally
        }

        /// The units most moved to, at most `unitLines`, the last saying how many more (escaped).
        func unitText(_ units: [String: Int]) -> [String] {
            let top = units.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            var unitText = top.prefix(unitLines).map { "\(Markup.escape(cut($0.key, 44))) (\($0.value))" }
            if top.count > unitLines { unitText[unitLines - 1] += " " + Markup.escape(f(.summaryMoreUnits, top.count - unitLines)) }
            return unitText
        }
    }
}
