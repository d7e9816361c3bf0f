import MutasiSupport
import MutasiModel

/// Decrees drawn to be read at A4 width: for each decree, the signer and their role on top, then
/// the people it moved grouped by destination unit, each with the post they left and the post they
/// took, the echelons, the kind of move and their recorded ties.
///
/// A decree's people are one Graphviz node whose HTML-table label is a grid: `dot` lays out a
/// handful of nodes, and the picture's shape is chosen here, not left to a layout that puts every
/// person moved by one signer on one rank (a 180-person decree drew 8,532 × 285 px). Units are
/// packed as shelves (biggest first) into a grid of `columns(for:)` cells, chosen so that the
/// sheet is about `targetAspect` times as wide as high and never wider than `maxWidth` points.
/// Several decrees (a person's moves, a region) are packed the same way, as rows of decree blocks.
///
/// Every text from input goes through `Markup.escape`, so no name becomes markup.
public enum DecreeSheet {
    public struct Options: Sendable {
        public var title: String?
        /// The person whose moves are drawn (`mutasi graph --person`): a header lists their dated
        /// moves, and their cell in each decree is marked.
        public var focus: NIP?
        public var lang: ReportLanguage = .en
        /// Names of people outside the drawn transfers that ties point at (their NIP is shown otherwise).
        public var names: [NIP: String] = [:]
        public init() {}
    }

    /// Width of a person's cell, in points (Graphviz's unit; a PNG at the default 96 dpi has 4/3
    /// pixels per point). Texts are cut to `maxChars` so a cell never grows past it.
    static let cellWidth = 186.0
    static let maxChars = 40
    /// Estimated height of a cell (four lines of 9-point text and padding) and of a unit's header.
    static let cellHeight = 62.0
    static let headerHeight = 20.0
    /// At most 1,800 points: 2,400 px at 96 dpi.
    public static let maxWidth = 1_800.0
    /// Height over width allowed before a sheet grows past `maxWidth` (the packing wastes some room,
    /// so this aims under the 2.5 that reads on a page).
    static let maxTallness = 0.8
    /// Width over height aimed at: a little wider than high, like a landscape page.
    static let targetAspect = 1.3
    /// Ties listed per person before "+n".
    static let maxTiesShown = 3

    /// Columns of the grid for a decree of `people` people: about square in cells of 186 × 62
    /// points, at least 1, at most what fits in `maxWidth` (7 columns).
    static func columns(for people: Int) -> Int {
        let fit = maxColumns
        let ideal = (targetAspect * Double(people) * cellHeight / cellWidth).squareRoot().rounded(.up)
        return max(1, min(fit, min(people, Int(ideal))))
    }

    struct Unit { var name: String; var rows: [Int] }

    /// A unit block's width in cells and its height in rows.
    static func shape(of u: Unit, columns: Int) -> (width: Int, height: Int) {
        let w = min(u.rows.count, columns)
        return (w, (u.rows.count + w - 1) / w)
    }

    /// Points a cell takes in a row (its width, padding, border and spacing), and a unit's frame.
    static let slot = cellWidth + 24
    static let unitFrame = 14.0

    /// Columns that fit in `maxWidth` with the sheet's margins (7).
    static var maxColumns: Int { Int((maxWidth - 40) / (slot + unitFrame)) }

    /// A unit block's width in points.
    static func points(_ u: Unit, columns: Int) -> Double { Double(shape(of: u, columns: columns).width) * slot + unitFrame }

    /// Units shelf-packed (biggest first) into rows at most `columns` cells wide.
    static func shelves(_ units: [Unit], columns: Int) -> [[Unit]] {
        let sorted = units.sorted { ($0.rows.count, $1.name) > ($1.rows.count, $0.name) }
        var out: [[Unit]] = [], used = 0.0
        let limit = Double(columns) * (slot + unitFrame)
        for u in sorted {
            let w = points(u, columns: columns)
            if out.isEmpty || used + w > limit { out.append([u]); used = w } else { out[out.count - 1].append(u); used += w }
        }
        return out
    }

    /// The DOT of every decree in `set` (in date order), with `ties` shown on the people.
    /// - Complexity: O(T log T) for T transfers; the layout is a few nodes per decree.
    public static func dot(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options = Options()) -> String {
        dot(set, ties: ties, calendar: calendar, options: options, sharing: nil)
    }

    /// - Parameter shared: the calendar's heads folded once (`HeadResolver`) for every sheet of a run
    ///   (thousands of evidence pages), copied per sheet; building it took most of a sheet's time.
    package static func dot(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options, sharing shared: HeadResolver?) -> String {
        let L = options.lang
        let e = Markup.escape
        let lookup = calendar.map { CalendarLookup($0, shared: shared) }
        // decrees in date order, their rows in file order
        var order: [String] = [], rowsOf: [String: [Int]] = [:]
        for (i, t) in set.transfers.enumerated() {
            let k = set.decreeKey(of: t)
            if rowsOf[k] == nil { order.append(k) }
            rowsOf[k, default: []].append(i)
        }
        order.sort { a, b in
            let ta = set.transfers[rowsOf[a]![0]], tb = set.transfers[rowsOf[b]![0]]
            return (ta.decreeDate, a) < (tb.decreeDate, b)
        }
        var nameOf = options.names
        for t in set.transfers where nameOf[t.nip] == nil { nameOf[t.nip] = set[t.name] }
        var tiesOf: [NIP: [String]] = [:]
        func candidateName(_ id: String) -> String { calendar?.candidate(id: id)?.0.name ?? id }
        for tie in ties {
            let rel = L.relation(tie.relation)
            switch tie.relatedTo {
            case .candidate(let id): tiesOf[tie.nip, default: []].append("\(rel) → \(candidateName(id))")
            case .person(let other):
                tiesOf[tie.nip, default: []].append("\(rel) — \(nameOf[other] ?? other.description)")
                tiesOf[other, default: []].append("\(rel) — \(nameOf[tie.nip] ?? tie.nip.description)")
            }
        }
        func cut(_ s: String, _ n: Int = maxChars) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

        var out = "digraph sheet {\n"
        out += "  graph [rankdir=TB, fontname=\"Helvetica\", nodesep=0.25, ranksep=0.25, pad=0.2"
        // one decree's header already names it
        if let t = options.title, options.focus != nil || order.count > 1 { out += ", label=<<font point-size=\"16\"><b>\(e(t))</b></font>>, labelloc=t" }
        out += "];\n  node [fontname=\"Helvetica\", shape=plain];\n  edge [color=\"#90a4ae\", arrowsize=0.6];\n"

        // the focus person's dated moves
        var focusTable: String?
        if let focus = options.focus {
            let mine = set.transfers.filter { $0.nip == focus }.sorted { ($0.decreeDate, $0.line) < ($1.decreeDate, $1.line) }
            var rows = "<tr><td align=\"left\"><font point-size=\"14\"><b>\(e(nameOf[focus] ?? focus.description))</b></font>"
            rows += "  <font color=\"#5b6470\">NIP \(e(focus.description))</font></td></tr>"
            for t in mine {
                rows += "<tr><td align=\"left\"><b>\(e(t.decreeDate.iso))</b> · SK \(e(set.decreeLabel(of: t))) · "
                rows += "<font color=\"\(DOTWriter.colour(t.kind))\"><b>\(e(L.kind(t.kind)))</b></font>: "
                rows += "\(e(cut(post(set[t.fromPosition], t.fromEchelon), 48))) → \(e(cut(post(set[t.toPosition], t.toEchelon), 48)))"
                rows += " <font color=\"#5b6470\">(\(e(cut(set[t.toUnit], 40))))</font></td></tr>"
            }
            for tie in tiesOf[focus] ?? [] { rows += "<tr><td align=\"left\"><font color=\"#6a1b9a\">\(e(tie))</font></td></tr>" }
            focusTable = "<table border=\"1\" color=\"#b8860b\" bgcolor=\"#fff8e1\" cellborder=\"0\" cellpadding=\"3\" cellspacing=\"0\">\(rows)</table>"
        }

        // decree blocks, packed in rows across the page like the units inside a decree
        struct Block { var key: String; var columns: Int; var width: Double; var height: Double; var header: String }
        var blocks: [Block] = []
        var unitsOf: [String: [[Unit]]] = [:]
        for k in order {
            let rows = rowsOf[k]!
            let first = set.transfers[rows[0]]
            let head = lookup?.head(signedAs: set[first.signedBy], in: set[first.region], on: first.decreeDate)
            let role = L.role(SignerRole(head))
            var kinds: [TransferKind: Int] = [:]
            for i in rows { kinds[set.transfers[i].kind, default: 0] += 1 }
            let officials = rows.filter { set.transfers[$0].touchesStructuralPost }.count
            let tally = TransferKind.allCases.compactMap { k in kinds[k].map { "\($0) \(L.kind(k))" } }.joined(separator: " · ")
            // short lines, so a one-person decree's block is not widened by its header
            let lines: [(text: String, size: Double, colour: String, bold: Bool)] = [
                ("SK \(set.decreeLabel(of: first)) · \(first.decreeDate.iso)", 13, "white", true),
                ("\(L(.signer)): \(set[first.signedBy])", 11, "white", false),
                ("\(role) · \(set[first.region])", 10, "#e3f2fd", false),
                ("\(rows.count) \(L(.people).lowercased()) · \(officials) \(L(.officials).lowercased())", 10, "#e3f2fd", false),
                (tally, 9, "#e3f2fd", false),
            ]
            // one cell, so that a block stretched to its row's height stretches its filler, not this
            var h = "<td align=\"left\" balign=\"left\" bgcolor=\"#0b4f8a\" cellpadding=\"4\">"
            h += lines.map { l in
                let text = l.bold ? "<b>\(e(l.text))</b>" : e(l.text)
                return "<font color=\"\(l.colour)\" point-size=\"\(Int(l.size))\">\(text)</font>"
            }.joined(separator: "<br align=\"left\"/>") + "<br align=\"left\"/></td>"
            // Helvetica averages a little over half an em a character
            let headerWidth = lines.map { Double($0.text.count) * $0.size * ($0.bold ? 0.62 : 0.55) }.max()! + 12
            var byUnit: [String: [Int]] = [:]
            for i in rows { byUnit[set[set.transfers[i].toUnit], default: []].append(i) }
            let units = byUnit.map { Unit(name: $0.key.isEmpty ? L(.noUnit) : $0.key, rows: $0.value) }
            var c = columns(for: rows.count)
            // a decree of many one-person units packs badly: widen until its height stops dominating
            var sh = shelves(units, columns: c)
            func height(_ s: [[Unit]], _ c: Int) -> Double {
                s.reduce(0.0) { $0 + headerHeight + Double($1.map { shape(of: $0, columns: c).height }.max() ?? 0) * cellHeight }
            }
            while c < maxColumns, height(sh, c) > 1.0 / targetAspect * Double(c) * slot * 1.6 {
                c += 1
                sh = shelves(units, columns: c)
            }
            unitsOf[k] = sh
            let w = sh.map { $0.reduce(0.0) { $0 + points($1, columns: c) } }.max() ?? slot
            blocks.append(Block(key: k, columns: c, width: max(w, headerWidth) + 24, height: height(sh, c) + 80, header: h))
        }
        let area = blocks.reduce(0.0) { $0 + $1.width * $1.height }
        // too many people to draw each within `maxWidth` at `maxTallness` (several decrees), or one
        // decree whose grid at its widest is still more than 2.5 times as high as wide: a summary
        let tooBig = blocks.count > 1 ? (area / maxTallness).squareRoot() > maxWidth
            : blocks.count == 1 && blocks[0].height > 2.3 * blocks[0].width
        if tooBig {
            return summary(set, order: order, rowsOf: rowsOf, lookup: lookup, tiesOf: tiesOf, focusTable: focusTable,
                           graphHead: out, lang: L)
        }
        // at most `maxWidth`, unless the sheet would then be more than `maxTallness` times as high
        // as wide (a region's hundreds of moves): then as wide as keeps it to that
        let rowWidth = max(min(maxWidth, max(blocks.map(\.width).max() ?? 0, (area * targetAspect).squareRoot())),
                           (area / maxTallness).squareRoot())
        var blockRows: [[Int]] = []
        var used = 0.0
        for (i, b) in blocks.enumerated() {
            if blockRows.isEmpty || used + b.width > rowWidth { blockRows.append([i]); used = b.width } else { blockRows[blockRows.count - 1].append(i); used += b.width }
        }

        var blockTables: [String] = []
        for b in blocks {
            let h = b.header


            // each shelf a table of its own: Graphviz aligns the cells of one table's rows in columns
            var g = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">"
            for shelf in unitsOf[b.key]! {
                g += "<tr><td align=\"left\"><table border=\"0\" cellborder=\"0\" cellspacing=\"6\" cellpadding=\"0\"><tr>"
                for u in shelf {
                    let (w, _) = shape(of: u, columns: b.columns)
                    g += "<td valign=\"top\" align=\"left\"><table border=\"1\" color=\"#b0bec5\" bgcolor=\"#fbfcfd\" cellborder=\"1\" cellspacing=\"3\" cellpadding=\"3\">"
                    g += "<tr><td colspan=\"\(w)\" align=\"left\" border=\"0\"><font point-size=\"10\" color=\"#37474f\"><b>\(e(cut(u.name, 30 * w)))</b> (\(u.rows.count))</font></td></tr>"
                    for start in stride(from: 0, to: u.rows.count, by: w) {
                        g += "<tr>"
                        for j in start..<(start + w) {
                            guard j < u.rows.count else { g += "<td border=\"0\"></td>"; continue }
                            let t = set.transfers[u.rows[j]]
                            g += cell(t, set: set, ties: tiesOf[t.nip] ?? [], focus: t.nip == options.focus, lang: L, cut: cut)
                        }
                        g += "</tr>"
                    }
                    g += "</table></td>"
                }
                g += "</tr></table></td></tr>"
            }
            g += "</table>"
            blockTables.append("<table border=\"1\" color=\"#0b4f8a\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>\(h)</tr><tr><td align=\"left\">\(g)</td></tr>\(filler)</table>")
        }
        // the whole sheet is one node: a table of rows of decree blocks. dot lays out separate
        // nodes by rank and edge length, which staggered rows of decrees across 26,000 px
        var sheet = "<table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\">"
        if let f = focusTable { sheet += "<tr><td align=\"left\">\(f)</td></tr>" }
        for row in blockRows {
            sheet += "<tr><td align=\"left\" valign=\"top\"><table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\"><tr>"
            for b in row { sheet += "<td align=\"left\" valign=\"top\">\(blockTables[b])</td>" }
            sheet += "</tr></table></td></tr>"
        }
        out += "  sheet [label=<\(sheet)</table>>];\n"
        return out + "}\n"
    }

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
        let e = Markup.escape
        func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
        func f(_ label: ReportLabel, _ args: CVarArg...) -> String { String(format: L(label), arguments: args) }
        struct Group { var year: Int; var label: String; var decrees: [String]; var rows: [Int] }
        // decrees, and decrees by (year, signer), both in date order
        func year(_ k: String) -> Int { Int(set.transfers[rowsOf[k]![0]].decreeDate.iso.prefix(4)) ?? 0 }
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
        // few decrees: more of their units, so that the rows are not a strip
        let unitLines = max(2, min(30, Int((summaryRowWidth / 1.9 - 120) / Double(max(1, order.count)) / 11.5) - 1))
        let lines = 2 + unitLines
        let rowH = summaryRowHeight(lines: lines)
        func height(_ g: [Group]) -> Double { Double(g.count) * rowH + Double(Set(g.map(\.year)).count) * summaryYearHeight }
        // two columns at most; the height allowed is 2.5 times the width less the title and caption
        let capacity = 2.5 * 2 * summaryRowWidth - 160 - (focusTable == nil ? 0 : 200)
        var groups = height(byDecree) / 2 <= capacity ? byDecree : bySigner
        var left: [Group] = []
        while height(groups) / 2 > capacity, let g = groups.popLast() { left.insert(g, at: 0) }
        let columnCount = height(groups) > 2 * summaryRowWidth ? 2 : 1

        func row(_ g: Group) -> String {
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
            // the kinds on lines of at most 44 characters, none cut
            var tally: [String] = []
            for part in TransferKind.allCases.compactMap({ k in kinds[k].map { "\($0) \(L.kind(k))" } }) {
                if let last = tally.last, last.count + 3 + part.count <= 44 { tally[tally.count - 1] += " · " + part } else { tally.append(part) }
            }
            let top = units.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            var unitText = top.prefix(unitLines).map { "\(e(cut($0.key, 44))) (\($0.value))" }
            if top.count > unitLines { unitText[unitLines - 1] += " " + e(f(.summaryMoreUnits, top.count - unitLines)) }
            var s = "<tr><td align=\"left\" balign=\"left\" valign=\"top\" width=\"300\"><font point-size=\"9\"><b>\(e(cut(g.label, 52)))</b><br/>"
            s += "\(e(cut(set[first.signedBy], 50)))<br/><font color=\"#5b6470\">\(e(cut(role, 50)))</font></font></td>"
            s += "<td align=\"left\" balign=\"left\" valign=\"top\" width=\"220\"><font point-size=\"9\"><b>\(e(f(.summaryPeople, g.rows.count)))</b> · "
            s += "\(e(f(.summaryOfficials, officials)))<br/>" + tally.map(e).joined(separator: "<br/>")
            if !tied.isEmpty { s += "<br/><font color=\"#6a1b9a\">\(e(f(.summaryTied, tied.count)))</font>" }
            s += "</font></td><td align=\"left\" balign=\"left\" valign=\"top\" width=\"300\"><font point-size=\"9\">"
            s += unitText.joined(separator: "<br/>") + "</font></td></tr>"
            return s
        }
        // rows in date order, down the first column, then the second
        var columns: [[Group]] = Array(repeating: [], count: columnCount)
        var c = 0, used = 0.0
        let perColumn = height(groups) / Double(columnCount)
        for g in groups {
            if c + 1 < columnCount, used + rowH > perColumn + rowH / 2 { c += 1; used = 0 }
            columns[c].append(g)
            used += rowH
        }
        var sheet = "<table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\">"
        if let t = focusTable { sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\">\(t)</td></tr>" }
        let people = order.reduce(0) { $0 + rowsOf[$1]!.count }
        sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\" balign=\"left\"><font point-size=\"10\" color=\"#37474f\">"
        sheet += e(f(.summaryCaption, order.count, people)).replacingOccurrences(of: "; ", with: ";<br/>") + "</font></td></tr><tr>"
        for col in columns {
            sheet += "<td valign=\"top\" align=\"left\"><table border=\"0\" cellborder=\"1\" color=\"#b0bec5\" cellspacing=\"0\" cellpadding=\"4\">"
            var lastYear: Int?
            for g in col {
                if g.year != lastYear {
                    sheet += "<tr><td colspan=\"3\" align=\"left\" bgcolor=\"#0b4f8a\"><font color=\"white\" point-size=\"11\"><b>\(g.year)</b></font></td></tr>"
                    lastYear = g.year
                }
                sheet += row(g)
            }
            sheet += "</table></td>"
        }
        sheet += "</tr>"
        if !left.isEmpty {
            sheet += "<tr><td colspan=\"\(columnCount)\" align=\"left\"><font point-size=\"10\" color=\"#b71c1c\"><b>"
            sheet += e(f(.summaryMore, left.count, left.reduce(0) { $0 + $1.rows.count })) + "</b></font></td></tr>"
        }
        return graphHead + "  sheet [label=<\(sheet)</table>>];\n}\n"
    }

    /// Graphviz gives a table that is smaller than its cell the difference spread evenly over its
    /// rows: forty empty rows take nearly all of it, so a short block beside a tall one keeps its
    /// header and cells at their size.
    static let filler = String(repeating: "<tr><td border=\"0\" cellpadding=\"0\"></td></tr>", count: 40)

    static func post(_ position: String, _ echelon: Echelon?) -> String {
        let p = position.isEmpty ? "—" : position
        return echelon.map { "\(p) (\($0))" } ?? p
    }

    /// A person's cell: name, the post left, the post taken and the kind of move, the ties.
    static func cell(_ t: Transfer, set: TransferSet, ties: [String], focus: Bool, lang L: ReportLanguage, cut: (String, Int) -> String) -> String {
        let e = Markup.escape
        let colour = DOTWriter.colour(t.kind)
        let fill = focus ? "#fff3c4" : tint(t.kind)
        var s = "<td align=\"left\" balign=\"left\" valign=\"top\" width=\"\(Int(cellWidth))\" bgcolor=\"\(fill)\" color=\"\(colour)\"\(focus ? " border=\"3\"" : "")>"
        s += "<font point-size=\"10\"><b>\(e(cut(set[t.name].isEmpty ? t.nip.description : set[t.name], 34)))</b></font><br/>"
        var from = post(set[t.fromPosition], t.fromEchelon)
        if !set[t.fromUnit].isEmpty && set[t.fromUnit] != set[t.toUnit] { from += ", " + set[t.fromUnit] }
        s += "<font point-size=\"8\" color=\"#455a64\">\(e(cut(from, maxChars + 4)))</font><br/>"
        s += "<font point-size=\"8\">→ \(e(cut(post(set[t.toPosition], t.toEchelon), maxChars - 2)))</font><br/>"
        s += "<font point-size=\"8\" color=\"\(colour)\"><b>\(e(L.kind(t.kind)))</b></font>"
        for tie in ties.prefix(maxTiesShown) { s += "<br/><font point-size=\"8\" color=\"#6a1b9a\">\(e(cut(tie, maxChars + 2)))</font>" }
        if ties.count > maxTiesShown { s += "<br/><font point-size=\"8\" color=\"#6a1b9a\">+\(ties.count - maxTiesShown)</font>" }
        return s + "</td>"
    }

    static func tint(_ k: TransferKind) -> String {
        switch k {
        case .promotion: return "#e8f5e9"
        case .demotion, .nonjob, .dismissal: return "#ffebee"
        case .appointment: return "#e3f2fd"
        case .acting: return "#fff3e0"
        case .mutation: return "#f7f9fa"
        }
    }
}

extension Tie {
    /// True when the tie is of one of `people` or points at one of them: the ties a picture of
    /// those people shows.
    public func touches(_ people: Set<NIP>) -> Bool {
        if people.contains(nip) { return true }
        if case .person(let other) = relatedTo { return people.contains(other) }
        return false
    }
}
