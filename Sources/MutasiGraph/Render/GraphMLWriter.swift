/// Writes a `Network` as GraphML with typed attributes, for Gephi, yEd, networkx and igraph.
/// Every text is XML-escaped (`Markup.escape`); ids are generated, never input.
public enum GraphMLWriter {
    public static func write(_ n: Network) -> String {
        let e = Markup.escape
        var s = """
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
          <graph id="mutasi" edgedefault="directed">

        """
        for v in 0..<n.nodeCount {
            s += "    <node id=\"n\(v)\"><data key=\"kind\">\(n.nodeKinds[v])</data><data key=\"label\">\(e(n.labels[v]))</data>"
            s += "<data key=\"key\">\(e(n.keys[v]))</data>"
            if !n.homeUnits[v].isEmpty { s += "<data key=\"unit\">\(e(n.homeUnits[v]))</data>" }
            s += "</node>\n"
        }
        var id = 0
        for v in 0..<n.nodeCount {
            for k in n.edges(from: v) {
                s += "    <edge id=\"e\(id)\" source=\"n\(v)\" target=\"n\(n.targets[k])\"><data key=\"ekind\">\(n.edgeKinds[k])</data>"
                if let d = n.edgeDates[k] { s += "<data key=\"date\">\(d.iso)</data>" }
                if !n.edgeDecrees[k].isEmpty { s += "<data key=\"decree\">\(e(n.edgeDecrees[k]))</data>" }
                if let m = n.edgeMoves[k] { s += "<data key=\"move\">\(m.rawValue)</data>" }
                if !n.edgeRelations[k].isEmpty { s += "<data key=\"relation\">\(e(n.edgeRelations[k]))</data>" }
                s += "</edge>\n"
                id += 1
            }
        }
        return s + "  </graph>\n</graphml>\n"
    }
}
