import MutasiSupport
import MutasiNetwork

/// Writes a `Network` as GraphML with typed attributes, for Gephi, yEd, networkx and igraph.
/// Every text is XML-escaped (`Markup.escape`); ids are generated, never input: every edge has its
/// own id (`e0`, `e1`, …, the same as in the GEXF, JSON and CSV exports), so parallel edges (two
/// decrees between one person and one signer) stay two edges. `weight` (a double, 1 per edge) lets
/// a tool that merges parallel edges sum them into counts; a tie's documentary source is in
/// `tie_source`, a decree edge's number in `decree`.
public enum GraphMLWriter {
    public static func write(_ n: Network) -> String { ChunkedText.text { write(n, into: &$0) } }

    /// Streams the GraphML to `path` (atomically), never holding it whole.
    public static func write(_ n: Network, to path: String) throws(InputError) {
        try OutputFile.stream(to: path) { write(n, into: &$0) }
    }

    static func write(_ n: Network, into s: inout ChunkedText) {
        s.add("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="kind" for="node" attr.name="kind" attr.type="string"/>
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <key id="key" for="node" attr.name="key" attr.type="string"/>
          <key id="unit" for="node" attr.name="unit" attr.type="string"/>
          <key id="ekind" for="edge" attr.name="kind" attr.type="string"/>
          <key id="date" for="edge" attr.name="date" attr.type="string"/>
          <key id="decree" for="edge" attr.name="decree" attr.type="string"/>
          <key id="move" for="edge" attr.name="move" attr.type="string"/>
          <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
          <key id="tie_source" for="edge" attr.name="tie_source" attr.type="string"/>
          <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
          <graph id="mutasi" edgedefault="directed">

        """)
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
                s.add("<data key=\"weight\">1.0</data></edge>\n")
                id += 1
            }
        }
        s.add("  </graph>\n</graphml>\n")
    }
}
