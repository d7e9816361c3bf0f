import Testing
import MutasiGraph

@Suite struct HTMLDocumentTests {
    @Test func inputNeverBecomesMarkup() {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\" onmouseover=\"x"
        let doc = HTMLDocument(lang: "id", title: hostile, subtitle: hostile, sections: [
            .init(id: "s\"><script>", heading: hostile, blocks: [
                .paragraph(hostile), .facts([(hostile, hostile)]), .note(hostile),
                .table(.init(caption: hostile, columns: [hostile], rows: [[.init(hostile, .violation)]], emptyText: hostile)),
                .trustedSVG("<?xml version=\"1.0\"?><!DOCTYPE svg><svg xmlns=\"http://www.w3.org/2000/svg\"><text>ok</text></svg>", caption: hostile),
            ]),
        ])
        let html = doc.render()
        let tags = htmlTags(html)
        for banned in ["<script", "<img"] { #expect(!tags.contains { $0.hasPrefix(banned) }, "\(banned)") }
        for handler in ["onerror", "onmouseover"] { #expect(!tags.contains { $0.contains(handler) }, "\(handler)") }
        let names = Set(tags.map { tag in String(tag.dropFirst().prefix { $0.isLetter || $0.isNumber || "/!".contains($0) }) })
        #expect(names.isSubset(of: Self.ourTags), "a tag that MutasiGraph does not write: \(names.subtracting(Self.ourTags))")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<?xml"))
        #expect(html.contains("<svg xmlns"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    }

    static let ourTags: Set<String> = ["!DOCTYPE", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style",
        "body", "/body", "header", "/header", "h1", "/h1", "h2", "/h2", "h3", "/h3", "p", "/p", "nav", "/nav", "a", "/a",
        "main", "/main", "section", "/section", "dl", "/dl", "dt", "/dt", "dd", "/dd", "div", "/div", "table", "/table",
        "caption", "/caption", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th", "/th", "td", "/td",
        "figure", "/figure", "figcaption", "/figcaption", "svg", "/svg", "text", "/text"]

    @Test func emptyTablesSaySo() {
        let doc = HTMLDocument(lang: "en", title: "t", subtitle: "s", sections: [
            .init(id: "a", heading: "A", blocks: [.table(.init(columns: ["x"], rows: [], emptyText: "No waves found."))]),
        ])
        #expect(doc.render().contains("No waves found."))
    }
}
