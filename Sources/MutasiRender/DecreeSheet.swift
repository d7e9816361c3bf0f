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
package enum DecreeSheet {
    package struct Options: Sendable {
        package var title: String?
        /// The person whose moves are drawn (`mutasi graph --person`): a header lists their dated
        /// moves, and their cell in each decree is marked.
        package var focus: NIP?
        package var lang: ReportLanguage = .en
        /// Names of people outside the drawn transfers that ties point at (their NIP is shown otherwise).
        package var names: [NIP: String] = [:]
        package init() {}
    }

    /// Width of a person's cell, in points (Graphviz's unit; a PNG at the default 96 dpi has 4/3
    /// pixels per point). Texts are cut to `maxChars` so a cell never grows past it.
    static let cellWidth = 186.0
    static let maxChars = 40
    /// Estimated height of a cell (four lines of 9-point text and padding) and of a unit's header.
    static let cellHeight = 62.0
    static let headerHeight = 20.0
    /// At most 1,800 points: 2,400 px at 96 dpi.
    package static let maxWidth = 1_800.0
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
    package static func dot(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options = Options()) -> String {
        dot(set, ties: ties, calendar: calendar, options: options, sharing: nil)
    }

    /// - Parameter shared: the calendar's heads folded once (`HeadResolver`) for every sheet of a run
    ///   (thousands of evidence pages), copied per sheet; building it took most of a sheet's time.
    package static func dot(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options, sharing shared: HeadResolver?) -> String {
        let d = Decrees(set, ties: ties, calendar: calendar, options: options, lookup: calendar.map { CalendarLookup($0, shared: shared) })
        let head = graphHead(title: options.title, focus: options.focus, decrees: d.order.count)
        let focusTable = options.focus.map { d.focusTable($0) }
        let blocks = d.order.map { d.block($0) }
        let area = blocks.reduce(0.0) { $0 + $1.width * $1.height }
        // too many people to draw each within `maxWidth` at `maxTallness` (several decrees), or one
        // decree whose grid at its widest is still more than 2.5 times as high as wide: a summary
        let tooBig = blocks.count > 1 ? (area / maxTallness).squareRoot() > maxWidth
            : blocks.count == 1 && blocks[0].height > 2.3 * blocks[0].width
        if tooBig {
            return summary(set, order: d.order, rowsOf: d.rowsOf, lookup: d.lookup, tiesOf: d.tiesOf, focusTable: focusTable,
                           graphHead: head, lang: options.lang)
        }
        let tables = blocks.map { d.table($0, focus: options.focus) }
        // the whole sheet is one node: a table of rows of decree blocks. dot lays out separate
        // nodes by rank and edge length, which staggered rows of decrees across 26,000 px
        var sheet = "<table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\">"
        if let f = focusTable { sheet += "<tr><td align=\"left\">\(f)</td></tr>" }
        for row in rows(of: blocks, area: area) {
            sheet += "<tr><td align=\"left\" valign=\"top\"><table border=\"0\" cellborder=\"0\" cellspacing=\"8\" cellpadding=\"0\"><tr>"
            for b in row { sheet += "<td align=\"left\" valign=\"top\">\(tables[b])</td>" }
            sheet += "</tr></table></td></tr>"
        }
        return head + "  sheet [label=<\(sheet)</table>>];\n" + "}\n"
    }

    static func cut(_ s: String, _ n: Int = maxChars) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// The graph's opening lines, with the title where one decree's header does not already name it.
    static func graphHead(title: String?, focus: NIP?, decrees: Int) -> String {
        var out = "digraph sheet {\n"
        out += "  graph [rankdir=TB, fontname=\"Helvetica\", nodesep=0.25, ranksep=0.25, pad=0.2"
        if let t = title, focus != nil || decrees > 1 { out += ", label=<<font point-size=\"16\"><b>\(Markup.escape(t))</b></font>>, labelloc=t" }
        out += "];\n  node [fontname=\"Helvetica\", shape=plain];\n  edge [color=\"#90a4ae\", arrowsize=0.6];\n"
        return out
    }

    /// A decree's block: its header cell and its units packed in shelves, with the size they take.
    struct Block { var key: String; var columns: Int; var width: Double; var height: Double; var header: String; var units: [[Unit]] }

    /// Decree blocks packed in rows across the page like the units inside a decree: at most
    /// `maxWidth`, unless the sheet would then be more than `maxTallness` times as high as wide (a
    /// region's hundreds of moves): then as wide as keeps it to that.
    static func rows(of blocks: [Block], area: Double) -> [[Int]] {
        let rowWidth = max(min(maxWidth, max(blocks.map(\.width).max() ?? 0, (area * targetAspect).squareRoot())),
                           (area / maxTallness).squareRoot())
        var blockRows: [[Int]] = []
        var used = 0.0
        for (i, b) in blocks.enumerated() {
            if blockRows.isEmpty || used + b.width > rowWidth { blockRows.append([i]); used = b.width } else { blockRows[blockRows.count - 1].append(i); used += b.width }
        }
        return blockRows
    }

    /// A sheet's decrees and what their cells show: the decrees in date order, their rows in file
    /// order, the people's names and their ties as text.
    struct Decrees {
        let set: TransferSet
        let L: ReportLanguage
        let lookup: CalendarLookup?
        let order: [String]
        let rowsOf: [String: [Int]]
        let nameOf: [NIP: String]
        let tiesOf: [NIP: [String]]

        init(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options, lookup: CalendarLookup?) {
            self.set = set; L = options.lang; self.lookup = lookup
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
            self.order = order; self.rowsOf = rowsOf
            var nameOf = options.names
            for t in set.transfers where nameOf[t.nip] == nil { nameOf[t.nip] = set[t.name] }
            self.nameOf = nameOf
            tiesOf = Decrees.tiesOf(ties, names: nameOf, calendar: calendar, lang: options.lang)
        }

        /// Each person's ties as they read in a cell, both ends of a tie between people.
        static func tiesOf(_ ties: [Tie], names nameOf: [NIP: String], calendar: ElectionCalendar?, lang L: ReportLanguage) -> [NIP: [String]] {
            var tiesOf: [NIP: [String]] = [:]
            for tie in ties {
                let rel = L.relation(tie.relation)
                switch tie.relatedTo {
                case .candidate(let id): tiesOf[tie.nip, default: []].append("\(rel) → \(calendar?.candidate(id: id)?.0.name ?? id)")
                case .person(let other):
                    tiesOf[tie.nip, default: []].append("\(rel) — \(nameOf[other] ?? other.description)")
                    tiesOf[other, default: []].append("\(rel) — \(nameOf[tie.nip] ?? tie.nip.description)")
                }
            }
            return tiesOf
        }

        /// The focus person's dated moves and ties.
        func focusTable(_ focus: NIP) -> String {
            let e = Markup.escape
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
            return "<table border=\"1\" color=\"#b8860b\" bgcolor=\"#fff8e1\" cellborder=\"0\" cellpadding=\"3\" cellspacing=\"0\">\(rows)</table>"
        }

        /// Decree `k`'s block: its header, and its units packed into as many columns as keep the
        /// block from being much higher than wide.
        func block(_ k: String) -> Block {
            let rows = rowsOf[k]!
            let (header, headerWidth) = self.header(rows)
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
            let w = sh.map { $0.reduce(0.0) { $0 + points($1, columns: c) } }.max() ?? slot
            return Block(key: k, columns: c, width: max(w, headerWidth) + 24, height: height(sh, c) + 80, header: header, units: sh)
        }

        /// A decree's header cell (number, date, signer, role, counts) and its estimated width.
        func header(_ rows: [Int]) -> (String, Double) {
            let e = Markup.escape
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
            return (h, headerWidth)
        }

        /// A decree block's table: its header over its shelves of units, each shelf a table of its
        /// own (Graphviz aligns the cells of one table's rows in columns).
        func table(_ b: Block, focus: NIP?) -> String {
            var g = "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">"
            for shelf in b.units {
                g += "<tr><td align=\"left\"><table border=\"0\" cellborder=\"0\" cellspacing=\"6\" cellpadding=\"0\"><tr>"
                for u in shelf { g += unitTable(u, columns: b.columns, focus: focus) }
                g += "</tr></table></td></tr>"
            }
            g += "</table>"
            return "<table border=\"1\" color=\"#0b4f8a\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>\(b.header)</tr><tr><td align=\"left\">\(g)</td></tr>\(filler)</table>"
        }

        /// A unit's cell in a shelf: its name and count over a grid of its people's cells.
        func unitTable(_ u: Unit, columns: Int, focus: NIP?) -> String {
            let (w, _) = shape(of: u, columns: columns)
            var g = "<td valign=\"top\" align=\"left\"><table border=\"1\" color=\"#b0bec5\" bgcolor=\"#fbfcfd\" cellborder=\"1\" cellspacing=\"3\" cellpadding=\"3\">"
            g += "<tr><td colspan=\"\(w)\" align=\"left\" border=\"0\"><font point-size=\"10\" color=\"#37474f\"><b>\(Markup.escape(cut(u.name, 30 * w)))</b> (\(u.rows.count))</font></td></tr>"
            for start in stride(from: 0, to: u.rows.count, by: w) {
                g += "<tr>"
                for j in start..<(start + w) {
                    guard j < u.rows.count else { g += "<td border=\"0\"></td>"; continue }
                    let t = set.transfers[u.rows[j]]
                    g += cell(t, set: set, ties: tiesOf[t.nip] ?? [], focus: t.nip == focus, lang: L, cut: { cut($0, $1) })
                }
                g += "</tr>"
            }
            return g + "</table></td>"
        }
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
