import MutasiSupport
import MutasiNetwork

/// Writes a `Network` as GraphML with typed attributes, for Gephi, yEd, networkx and igraph.
/// Every text is XML-escaped (`Markup.escape`); ids are generated, never input: every edge has its
/// own id (`e0`, `e1`, …, the same as in the GEXF, JSON and CSV exports), so parallel edges (two
/// decrees between one person and one signer) stay two edges. Each key is declared with the type of
/// its values (`GraphMLWriter.keys`): `weight` an `int` (1 per edge, so a tool that merges parallel
/// edges sums it into counts), `in_metrics` a `boolean` (the edges `mutasi network` computes on),
/// the rest `string`; networkx's `read_graphml` returns Python int, bool and str for them. A tie's
/// documentary source is in `tie_source`, a decree edge's number in `decree`.
public enum GraphMLWriter {
    /// A GraphML key: its id, what it is for, its name and the type of every value written for it.
    package struct Key: Sendable {
        package enum ValueType: String, Sendable { case int, double, boolean, string }
        package let id: String, domain: String, name: String, type: ValueType
    }

    /// Every key the writer declares, in order. A value is written only in its key's type
    /// (`int` as a decimal integer, `boolean` as `true`/`false`), so no reader meets a value its
    /// declared type cannot parse.
    package static let keys: [Key] = [
        Key(id: "kind", domain: "node", name: "kind", type: .string),
        Key(id: "label", domain: "node", name: "label", type: .string),
        Key(id: "key", domain: "node", name: "key", type: .string),
        Key(id: "unit", domain: "node", name: "unit", type: .string),
        Key(id: "ekind", domain: "edge", name: "kind", type: .string),
        Key(id: "date", domain: "edge", name: "date", type: .string),
        Key(id: "decree", domain: "edge", name: "decree", type: .string),
        Key(id: "move", domain: "edge", name: "move", type: .string),
        Key(id: "relation", domain: "edge", name: "relation", type: .string),
        Key(id: "tie_source", domain: "edge", name: "tie_source", type: .string),
        Key(id: "weight", domain: "edge", name: "weight", type: .int),
        Key(id: "in_metrics", domain: "edge", name: "in_metrics", type: .boolean),
    ]

    public static func write(_ n: Network) -> String { ChunkedText.text { write(n, into: &$0) } }

    /// Streams the GraphML to `path` (atomically), never holding it whole.
    public static func write(_ n: Network, to path: String) throws(InputError) {
        try OutputFile.stream(to: path) { write(n, into: &$0) }
    }

    static func write(_ n: Network, into s: inout ChunkedText) {
        s.add("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """)
        for k in keys {
            s.add("  <key id=\"\(k.id)\" for=\"\(k.domain)\" attr.name=\"\(k.name)\" attr.type=\"\(k.type.rawValue)\"/>\n")
        }
        s.add("  <graph id=\"mutasi\" edgedefault=\"directed\">\n")
        for v in 0..<n.nodeCount {
            s.add("    <node id=\"n"); s.int(v); s.add("\"><data key=\"kind\">"); s.add(n.nodeKinds[v].description)
            s.add("</data><data key=\"label\">"); s.escaped(n.labels[v]); s.add("</data><data key=\"key\">"); s.escaped(n.keys[v]); s.add("</data>")
            if !n.homeUnits[v].isEmpty { s.add("<data key=\"unit\">"); s.escaped(n.homeUnits[v]); s.add("</data>") }
            s.add("</node>\n")
        }
        var id = 0
        for v in 0..<n.nodeCount {
            for k in n.edges(from: v) {
                s.add("    <edge id=\"e"); s.int(id); s.add("\" source=\"n"); s.int(v); s.add("\" target=\"n"); s.int(Int(n.targets[k]))
                s.add("\"><data key=\"ekind\">"); s.add(n.edgeKinds[k].description); s.add("</data>")
                if let d = n.edgeDates[k] { s.add("<data key=\"date\">"); s.add(d.iso); s.add("</data>") }
                // each text made once: an edge's text is made from the table when read
                let decree = n.edgeDecrees[k], relation = n.edgeRelations[k]
                // a tie edge's text is where the tie is documented, not a decree number
                let attribute = n.edgeKinds[k] == .tie ? "tie_source" : "decree"
                if !decree.isEmpty { s.add("<data key=\"\(attribute)\">"); s.escaped(decree); s.add("</data>") }
                if let m = n.edgeMoves[k] { s.add("<data key=\"move\">"); s.add(m.rawValue); s.add("</data>") }
                if !relation.isEmpty { s.add("<data key=\"relation\">"); s.escaped(relation); s.add("</data>") }
                s.add("<data key=\"weight\">1</data><data key=\"in_metrics\">")
                s.add(n.edgeKinds[k].inMetrics ? "true" : "false"); s.add("</data></edge>\n")
                id += 1
            }
        }
        s.add("  </graph>\n</graphml>\n")
    }
}
