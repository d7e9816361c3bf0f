import MutasiSupport

/// A self-contained HTML report: one file, no network fetches, no script, CSS inline, readable on
/// screen and in print. Every string that may come from input goes through `Markup.escape`; only
/// SVG that MutasiGraph itself produced (timeline, Graphviz output of our own DOT) is embedded raw.
package struct HTMLDocument: Sendable {
    /// A cell: text (always escaped) and an optional CSS class from a fixed set.
    package struct Cell: Sendable, ExpressibleByStringLiteral {
        /// `identifier`: a NIP or a decree number, never broken across lines.
        package enum Style: String, Sendable { case plain = "", violation, approved, number, code, muted, strong, lines, identifier }
        package var text: String
        package var style: Style
        /// A relative link (an evidence page): written as given after escaping, never from input
        /// unchecked (`EvidencePages.fileName` builds it from a number and safe characters).
        package var href: String?
        package init(_ text: String, _ style: Style = .plain, href: String? = nil) { self.text = text; self.style = style; self.href = href }
        package init(stringLiteral value: String) { self.init(value) }
    }

    package struct Table: Sendable {
        package var caption: String?
        package var columns: [String]
        package var rows: [[Cell]]
        /// Shown instead of an empty table.
        package var emptyText: String
        package init(caption: String? = nil, columns: [String], rows: [[Cell]], emptyText: String) {
            self.caption = caption; self.columns = columns; self.rows = rows; self.emptyText = emptyText
        }
    }

    /// A block of a section, in order.
    package enum Block: Sendable {
        case paragraph(String)
        /// Label-value pairs, for summaries and parameters.
        case facts([(String, String)])
        case table(Table)
        /// SVG produced by MutasiGraph (never from input); XML prolog and DOCTYPE are stripped.
        case trustedSVG(String, caption: String)
        case note(String)
    }

    package struct Section: Sendable {
        package var id: String
        package var heading: String
        package var blocks: [Block]
        package init(id: String, heading: String, blocks: [Block]) {
            self.id = id; self.heading = heading; self.blocks = blocks
        }
    }

    package var lang: String
    package var title: String
    package var subtitle: String
    package var sections: [Section]
    /// The line on every printed page and at the end: date of making, version, case.
    package var footer: String?
    /// Shown above the title (an evidence page's way back to the report).
    package var backLink: (text: String, href: String)?
    /// Sections listed under the title.
    package var navigation = true

    package init(lang: String, title: String, subtitle: String, sections: [Section], footer: String? = nil) {
        self.lang = lang; self.title = title; self.subtitle = subtitle; self.sections = sections; self.footer = footer
    }

    package func render() -> String {
        let e = Markup.escape
        let h = """
        <!DOCTYPE html>
        <html lang="\(e(lang))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(e(title))</title>
        <style>\(HTMLDocument.css)\(footer.map { "@page{@bottom-left{content:\"\(HTMLDocument.cssString($0))\";font:8px sans-serif;color:#5b6470}@bottom-right{content:counter(page) \" / \" counter(pages);font:8px sans-serif;color:#5b6470}}" } ?? "")</style>
        </head>
        <body>
        <header>\(backLink.map { "<p class=\"back\"><a href=\"\(e($0.href))\">\(e($0.text))</a></p>" } ?? "")<h1>\(e(title))</h1><p class="subtitle">\(e(subtitle))</p>
        \(navigation ? "<nav>" + sections.map { "<a href=\"#\(e($0.id))\">\(e($0.heading))</a>" }.joined(separator: " · ") + "</nav>" : "")
        </header>
        <main>

        """
        // appended as bytes: an evidence page's table has a row per person moved, and String
        // appends per cell were most of the pages' rendering at national scale
        var out = ChunkedText()
        out.add(h)
        for s in sections {
            out.add("<section id=\""); out.add(e(s.id)); out.add("\">\n<h2>"); out.add(e(s.heading)); out.add("</h2>\n")
            for b in s.blocks { render(b, into: &out) }
            out.add("</section>\n")
        }
        out.add("</main>\n")
        if let f = footer { out.add("<footer>"); out.add(e(f)); out.add("</footer>\n") }
        out.add("</body>\n</html>\n")
        return out.text
    }

    private func render(_ b: Block, into out: inout ChunkedText) {
        let e = Markup.escape
        switch b {
        case .paragraph(let p):
            out.add("<p>"); out.add(e(p)); out.add("</p>\n")
        case .note(let p):
            out.add("<p class=\"note\">"); out.add(e(p)); out.add("</p>\n")
        case .facts(let pairs):
            out.add("<dl class=\"facts\">")
            for (term, value) in pairs { out.add("<dt>"); out.add(e(term)); out.add("</dt><dd>"); out.add(e(value)); out.add("</dd>") }
            out.add("</dl>\n")
        case .trustedSVG(let svg, let caption):
            out.add("<figure>"); out.add(HTMLDocument.inlineSVG(svg)); out.add("<figcaption>"); out.add(e(caption)); out.add("</figcaption></figure>\n")
        case .table(let t):
            if t.rows.isEmpty {
                if let c = t.caption { out.add("<h3>"); out.add(e(c)); out.add("</h3>") }
                out.add("<p class=\"empty\">"); out.add(e(t.emptyText)); out.add("</p>\n")
                return
            }
            out.add("<div class=\"scroll\"><table>")
            if let c = t.caption { out.add("<caption>"); out.add(e(c)); out.add("</caption>") }
            out.add("<thead><tr>")
            for c in t.columns { out.add("<th>"); out.add(e(c)); out.add("</th>") }
            out.add("</tr></thead><tbody>\n")
            for row in t.rows {
                out.add("<tr>")
                for c in row {
                    if c.style == .plain { out.add("<td>") } else { out.add("<td class=\""); out.add(c.style.rawValue); out.add("\">") }
                    if let href = c.href {
                        out.add("<a href=\""); out.add(e(href)); out.add("\">"); out.add(e(c.text)); out.add("</a>")
                    } else {
                        out.add(e(c.text))
                    }
                    out.add("</td>")
                }
                out.add("</tr>\n")
            }
            out.add("</tbody></table></div>\n")
        }
    }

    /// Text for a CSS string: everything but letters, digits, spaces and a few safe marks as a
    /// CSS escape, so no input can end the string or the style sheet.
    static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if (u.properties.isAlphabetic || u.properties.numericType != nil || " .,:-·()".unicodeScalars.contains(u)) && u.value > 0x1F {
                out.unicodeScalars.append(u)
            } else if u.value > 0 {
                out += "\\" + String(u.value, radix: 16) + " "
            }
        }
        return out
    }

    /// Graphviz SVG starts with an XML declaration, a DOCTYPE and comments, none of which belong
    /// inside HTML; keep from `<svg` on.
    static func inlineSVG(_ svg: String) -> String {
        guard let r = svg.range(of: "<svg") else { return "" }
        return String(svg[r.lowerBound...])
    }

    /// Screen: the page is as wide as the window and never scrolls sideways; a wide table scrolls
    /// inside its own box, and long words (decree numbers, file paths) wrap. Print: A4 portrait,
    /// the date of making and version repeated at the foot of every page (a page-margin box, with
    /// the page number), tables as wide as the page with words broken where they must, tables and pictures kept
    /// whole where they fit.
    static let css = """
    :root{--ink:#1b1f24;--muted:#5b6470;--line:#d8dde3;--bad:#b3261e;--badbg:#fdecea;--ok:#1e6b3a;--okbg:#e7f4ec;--accent:#0b4f8a}
    *{box-sizing:border-box}html,body{overflow-x:hidden}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);margin:0;background:#fff}
    header{padding:24px 32px 12px;border-bottom:3px solid var(--accent)}h1{margin:0 0 4px;font-size:26px}.back{margin:0 0 6px;font-size:13px}
    .subtitle{margin:0 0 8px;color:var(--muted)}nav{font-size:13px}a{color:var(--accent)}nav a{text-decoration:none}
    main{padding:8px 32px 40px;max-width:1400px}section{margin-top:28px;min-width:0}h2{font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px}
    h3{font-size:16px;margin:18px 0 6px}.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 18px;margin:8px 0}
    .facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:600;overflow-wrap:break-word}.scroll{overflow-x:auto;max-width:100%}
    table{border-collapse:collapse;font-size:13px;margin:8px 0;min-width:60%}caption{text-align:left;font-weight:600;padding:4px 0}
    th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}th{background:#f3f5f8;position:sticky;top:0;overflow-wrap:normal}
    td{max-width:28em}td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
    td.violation{background:var(--badbg);color:var(--bad);font-weight:600}td.approved{background:var(--okbg);color:var(--ok);font-weight:600}
    td.muted{color:var(--muted)}td.lines{white-space:pre-line;min-width:16em}td.identifier{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}td.strong{font-weight:600}.note{color:var(--muted);font-size:13px}.empty{color:var(--muted);font-style:italic}
    figure{margin:12px 0;overflow-x:auto;max-width:100%}figure svg{max-width:100%;height:auto}figcaption{color:var(--muted);font-size:13px}
    footer{padding:12px 32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
    @page{size:A4;margin:14mm 12mm 16mm}
    @media print{header{border-bottom-width:1px;padding:0 0 8px}main{padding:0;max-width:none}section{break-inside:auto}tr,figure{break-inside:avoid}
    th{position:static}nav{display:none}.back{display:none}body{font-size:10.5px}table{font-size:8.5px;min-width:0;width:auto;max-width:100%}th{font-size:8px}td{max-width:none}
    td.code{font-size:8.5px;min-width:0}.scroll,figure{overflow:visible}h2{break-after:avoid}
    figure svg{max-height:250mm}footer{display:none}
    td.code{overflow-wrap:anywhere}td.number{white-space:normal}td.lines{min-width:0}td.identifier{font-size:7.5px}}
    """
}
