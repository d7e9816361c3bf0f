import Foundation
import MutasiSupport
import MutasiModel
import MutasiNetwork

/// The network in the formats researchers' tools read: GEXF 1.3 for Gephi (dynamic, so its timeline
/// plays the decrees in order), JSON nodes/links (d3, networkx `node_link_graph`), and a CSV edge list
/// (spreadsheets, igraph, R). All text is escaped for its format; CSV cells are neutralised against
/// formula injection.
public enum NetworkExports {
    /// GEXF 1.3 with `mode="dynamic"` and `timeformat="date"`, so Gephi's timeline plays the decrees
    /// in order (`Spans`): a person in a decree spans their first to their last decree; a decree edge
    /// starts at its decree and ends when the person next moves (a later decree), open when they
    /// never do; a tie spans its `since` to its `until` where given. Signers, units, candidates and
    /// people in no decree have no span: they are there throughout.
    public static func gexf(_ n: Network) -> String { ChunkedText.text { gexf(n, into: &$0) } }

    /// Streams the GEXF to `path` (atomically), never holding it whole.
    public static func gexf(_ n: Network, to path: String) throws(InputError) {
        try OutputFile.stream(to: path) { gexf(n, into: &$0) }
    }

    /// The dated spans of a network's nodes and edges, as the GEXF writes them.
    package struct Spans {
        /// Per node: its first and last decree (people in decrees), nil for the others.
        package var nodes: [(start: Day, end: Day)?]

        package init(_ n: Network) {
            nodes = [(start: Day, end: Day)?](repeating: nil, count: n.nodeCount)
            for v in 0..<n.nodeCount where n.nodeKinds[v] == .person {
                for k in n.edges(from: v) where n.edgeKinds[k].isDecree {
                    guard let d = n.edgeDates[k] else { continue }
                    if let span = nodes[v] { nodes[v] = (min(span.start, d), max(span.end, d)) } else { nodes[v] = (d, d) }
                }
            }
        }

        /// Each edge of `v`'s row with its span: a decree edge from its decree to the person's next
        /// later decree (nil end: they never moved again), a tie from `since` to `until`.
        package static func edges(of v: Int, in n: Network) -> [(edge: Int, start: Day?, end: Day?)] {
            let row = n.edges(from: v)
            let moves = Array(Set(row.compactMap { n.edgeKinds[$0].isDecree ? n.edgeDates[$0] : nil })).sorted()
            return row.map { k -> (edge: Int, start: Day?, end: Day?) in
                guard let d = n.edgeDates[k] else { return (k, nil, nil) }
                if n.edgeKinds[k].isDecree {
                    // the first decree after this one: binary search in the person's few dates
                    var lo = 0, hi = moves.count
                    while lo < hi { let mid = (lo + hi) / 2; if moves[mid] <= d { lo = mid + 1 } else { hi = mid } }
                    return (k, d, lo < moves.count ? moves[lo] : nil)
                }
                return (k, d, n.tieEnds[k].flatMap { $0 >= d ? $0 : nil })
            }
        }
    }

    static func gexf(_ n: Network, into s: inout ChunkedText) {
        let spans = Spans(n)
        s.add("""
        <?xml version="1.0" encoding="UTF-8"?>
        <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
          <meta><creator>MutasiGraph</creator><description>patron-client network of civil-service transfers</description></meta>
          <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
            <attributes class="node">
              <attribute id="kind" title="kind" type="string"/>
              <attribute id="key" title="key" type="string"/>
              <attribute id="unit" title="unit" type="string"/>
            </attributes>
            <attributes class="edge">
              <attribute id="kind" title="kind" type="string"/>
              <attribute id="decree" title="decree" type="string"/>
              <attribute id="move" title="move" type="string"/>
              <attribute id="relation" title="relation" type="string"/>
              <attribute id="tie_source" title="tie_source" type="string"/>
              <attribute id="in_metrics" title="in_metrics" type="boolean"/>
            </attributes>
            <nodes>

        """)
        for v in 0..<n.nodeCount {
            s.add("      <node id=\"n"); s.int(v); s.add("\" label=\""); s.escaped(n.labels[v]); s.add("\"")
            if let span = spans.nodes[v] { s.add(" start=\""); s.add(span.start.iso); s.add("\" end=\""); s.add(span.end.iso); s.add("\"") }
            s.add("><attvalues>")
            s.add("<attvalue for=\"kind\" value=\""); s.add(n.nodeKinds[v].description); s.add("\"/><attvalue for=\"key\" value=\""); s.escaped(n.keys[v]); s.add("\"/>")
            if !n.homeUnits[v].isEmpty { s.add("<attvalue for=\"unit\" value=\""); s.escaped(n.homeUnits[v]); s.add("\"/>") }
            s.add("</attvalues></node>\n")
        }
        s.add("    </nodes>\n    <edges>\n")
        var id = 0
        for v in 0..<n.nodeCount {
            for (k, start, end) in Spans.edges(of: v, in: n) {
                s.add("      <edge id=\"e"); s.int(id); s.add("\" source=\"n"); s.int(v); s.add("\" target=\"n"); s.int(Int(n.targets[k])); s.add("\" weight=\"1.0\"")
                if let start { s.add(" start=\""); s.add(start.iso); s.add("\"") }
                if let end { s.add(" end=\""); s.add(end.iso); s.add("\"") }
                s.add("><attvalues><attvalue for=\"kind\" value=\""); s.add(n.edgeKinds[k].description); s.add("\"/>")
                s.add("<attvalue for=\"in_metrics\" value=\""); s.add(n.edgeKinds[k].inMetrics ? "true" : "false"); s.add("\"/>")
                // each text made once: an edge's text is made from the table when read
                let decree = n.edgeDecrees[k], relation = n.edgeRelations[k]
                let attribute = n.edgeKinds[k] == .tie ? "tie_source" : "decree"
                if !decree.isEmpty { s.add("<attvalue for=\"\(attribute)\" value=\""); s.escaped(decree); s.add("\"/>") }
                if let m = n.edgeMoves[k] { s.add("<attvalue for=\"move\" value=\""); s.add(m.rawValue); s.add("\"/>") }
                if !relation.isEmpty { s.add("<attvalue for=\"relation\" value=\""); s.escaped(relation); s.add("\"/>") }
                s.add("</attvalues></edge>\n")
                id += 1
            }
        }
        s.add("    </edges>\n  </graph>\n</gexf>\n")
    }

    /// `{"directed": true, "multigraph": true, "nodes": [...], "links": [...]}`: networkx's
    /// node-link format, which d3 reads as well. Each link's `key` is its edge id (`e0`, …), the
    /// key networkx gives the same edge read from the GraphML; `weight` is 1 per edge; `in_metrics`
    /// is true on the edges `mutasi network` computes on.
    public static func json(_ n: Network) throws -> Data {
        struct Node: Encodable { let id: String, kind: String, label: String, key: String, unit: String? }
        struct Link: Encodable {
            let key: String, source: String, target: String, kind: String
            let date: String?, decree: String?, move: String?, relation: String?
            // `source` names the link's start in node-link JSON: a tie's source has its own name
            let tieSource: String?, weight: Double, inMetrics: Bool
            enum CodingKeys: String, CodingKey {
                case key, source, target, kind, date, decree, move, relation, weight
                case tieSource = "tie_source", inMetrics = "in_metrics"
            }
        }
        struct Doc: Encodable { let directed: Bool, multigraph: Bool, graph: [String: String], nodes: [Node], links: [Link] }
        let nodes = (0..<n.nodeCount).map {
            Node(id: "n\($0)", kind: n.nodeKinds[$0].description, label: n.labels[$0], key: n.keys[$0],
                 unit: n.homeUnits[$0].isEmpty ? nil : n.homeUnits[$0])
        }
        var links: [Link] = []
        for v in 0..<n.nodeCount {
            for k in n.edges(from: v) {
                let text = n.edgeDecrees[k], relation = n.edgeRelations[k], tie = n.edgeKinds[k] == .tie
                links.append(Link(key: "e\(links.count)", source: "n\(v)", target: "n\(n.targets[k])", kind: n.edgeKinds[k].description,
                                  date: n.edgeDates[k]?.iso, decree: tie || text.isEmpty ? nil : text, move: n.edgeMoves[k]?.rawValue,
                                  relation: relation.isEmpty ? nil : relation, tieSource: tie && !text.isEmpty ? text : nil, weight: 1,
                                  inMetrics: n.edgeKinds[k].inMetrics))
            }
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try enc.encode(Doc(directed: true, multigraph: true, graph: ["generator": "MutasiGraph"], nodes: nodes, links: links))
    }

    /// One row per edge: its id (as in the other exports), source and target with their kind, label
    /// and key, then the edge's attributes (`tie_source` for a tie's documentary source).
    public static func csv(_ n: Network) -> String {
        var out = CSVOutput(columns: ["id", "source", "source_kind", "source_label", "target", "target_kind", "target_label",
                                      "kind", "date", "decree", "move", "relation", "tie_source", "weight", "in_metrics"])
        var id = 0
        for v in 0..<n.nodeCount {
            for k in n.edges(from: v) {
                let w = Int(n.targets[k]), tie = n.edgeKinds[k] == .tie
                out.append(["e\(id)", n.keys[v], n.nodeKinds[v].description, n.labels[v], n.keys[w], n.nodeKinds[w].description, n.labels[w],
                            n.edgeKinds[k].description, n.edgeDates[k]?.iso ?? "", tie ? "" : n.edgeDecrees[k], n.edgeMoves[k]?.rawValue ?? "",
                            n.edgeRelations[k], tie ? n.edgeDecrees[k] : "", "1", n.edgeKinds[k].inMetrics ? "true" : "false"])
                id += 1
            }
        }
        return out.text
    }
}
