import MutasiSupport
import MutasiModel
import MutasiNetwork

/// Writes a `Network` as Graphviz DOT, in pure Swift.
///
/// Input text never becomes DOT syntax: node ids are generated (`n0`, `n1`…), and every name,
/// unit, position, decree number or relation goes into a double-quoted string through `escape`,
/// which escapes `"` and `\` (so `\N`, `\G` and `\l` in a name stay literal), turns line breaks into
/// `\n` and drops control characters. HTML-like labels are never built from input.
public struct DOTWriter: Sendable {
    public struct Options: Sendable {
        public var title: String?
        /// Group people in a cluster per unit (the unit of their latest move).
        public var clusterByUnit = true
        /// Top to bottom (`TB`) puts candidates and signers above the people they moved.
        public var rankdir = "TB"
        public var legend = true
        /// Labels longer than this are cut with an ellipsis (the full text stays in the tooltip).
        public var maxLabel = 42
        /// Draw unit nodes and moved-from/moved-to edges (off when clustering shows the units).
        public var unitNodes = false
        /// Straight edges (`splines=false`, overlaps removed): what sfdp and neato need to finish in seconds.
        public var straightEdges = false
        /// The language of the legend and tooltips.
        public var lang: ReportLanguage = .en
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The text of a DOT double-quoted string (without the quotes).
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        var previousCR = false
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) { break }
                out.unicodeScalars.append(u)
            }
            previousCR = u == "\r"
        }
        return out
    }

    static func quoted(_ s: String) -> String { "\"" + escape(s) + "\"" }

    func short(_ s: String) -> String {
        s.count <= options.maxLabel ? s : String(s.prefix(options.maxLabel - 1)) + "…"
    }

    /// The colour of a kind of move, shared with the legend and the report.
    package static func colour(_ kind: TransferKind?) -> String {
        switch kind {
        case .promotion: return "#2e7d32"
        case .demotion, .nonjob, .dismissal: return "#c62828"
        case .appointment: return "#1565c0"
        case .acting: return "#ef6c00"
        case .mutation, nil: return "#78909c"
        }
    }

    /// Which of several moves between the same signer and person the edge shows: push-outs and
    /// promotions say more than lateral moves.
    static func weight(_ k: TransferKind?) -> Int {
        switch k {
        case .demotion, .nonjob, .dismissal: return 4
        case .promotion: return 3
        case .appointment, .acting: return 2
        default: return 1
        }
    }

    public func write(_ n: Network) -> String {
        var out = "digraph mutasi {\n"
        out += "  graph [rankdir=\(options.rankdir), fontname=\"Helvetica\", fontsize=12, nodesep=0.15, ranksep=0.6, \(options.straightEdges ? "splines=false, overlap=prism" : "splines=true")"
        if let label = graphLabel() { out += ", label=\(label), labelloc=t" }
        out += "];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#eef2f6\", color=\"#90a4ae\", height=0.25, margin=\"0.06,0.03\"];\n"
        out += "  edge [color=\"#90a4ae\", arrowsize=0.5];\n"
        out += nodes(n)
        out += edges(n)
        out += "}\n"
        return out
    }

    /// The nodes drawn, by where they go: candidates a signer ran as (top rank), signers (one
    /// rank), people by home unit (clusters), and the rest.
    private func placement(_ n: Network) -> (candidates: [Int], signers: [Int], people: [String: [Int]], loose: [Int]) {
        var hasRanAs = Set<Int>()
        for v in 0..<n.nodeCount { for e in n.edges(from: v) where n.edgeKinds[e] == .ranAs { hasRanAs.insert(Int(n.targets[e])) } }
        var candidates: [Int] = [], signers: [Int] = []
        var people: [String: [Int]] = [:]
        var looseNodes: [Int] = []
        for v in 0..<n.nodeCount {
            switch n.nodeKinds[v] {
            case .candidate:
                // only candidates a signer ran as are drawn: ties to candidates are shown on the
                // people, and an isolated node trips the same Graphviz bug as the old legend
                if n.edges(from: v).isEmpty, !hasRanAs.contains(v) { continue }
                candidates.append(v)
            case .signer: signers.append(v)
            case .person:
                if options.clusterByUnit, !n.homeUnits[v].isEmpty { people[n.homeUnits[v], default: []].append(v) }
                else { looseNodes.append(v) }
            case .unit, .position:
                if options.unitNodes || n.nodeKinds[v] == .position { looseNodes.append(v) }
            }
        }
        return (candidates, signers, people, looseNodes)
    }

    /// A person's ties to candidates, drawn on the person (a purple double border and a line
    /// naming the tie), not as edges: Graphviz 2.43's dot corrupts its heap on edges between a
    /// rank=min candidate and clustered people (RenderTests.exampleWithTies).
    private func candidateTies(_ n: Network) -> [Int: [String]] {
        var tiesOf: [Int: [String]] = [:]
        for v in 0..<n.nodeCount where n.nodeKinds[v] == .person {
            // a head who ran is the signer node (`candidateOfSigner`): ties to that candidate point there
            for e in n.edges(from: v) where n.edgeKinds[e] == .tie
                && (n.nodeKinds[Int(n.targets[e])] == .candidate || n.candidateOfSigner[n.targets[e]] != nil) {
                tiesOf[v, default: []].append("\(options.lang.relationName(n.edgeRelations[e])) → \(n.labels[Int(n.targets[e])])")
            }
        }
        return tiesOf
    }

    /// Every node drawn, in ranks and unit clusters.
    private func nodes(_ n: Network) -> String {
        let (candidates, signers, people, looseNodes) = placement(n)
        let tiesOf = candidateTies(n)
        func node(_ v: Int) -> String { self.node(v, of: n, ties: tiesOf[v] ?? []) }
        var out = ""
        if !candidates.isEmpty {
            out += "  { rank=min;\n" + candidates.map { "    " + node($0) }.joined(separator: "\n") + "\n  }\n"
        }
        if !signers.isEmpty {
            out += "  { rank=same;\n" + signers.map { "    " + node($0) }.joined(separator: "\n") + "\n  }\n"
        }
        for (i, unit) in people.keys.sorted().enumerated() {
            out += "  subgraph cluster_u\(i) {\n    label=\(DOTWriter.quoted(short(unit))); tooltip=\(DOTWriter.quoted(unit)); "
            out += "style=\"rounded,filled\"; fillcolor=\"#fbfcfd\"; color=\"#cfd8dc\"; fontsize=10; fontcolor=\"#455a64\";\n"
            let members = people[unit]!
            for v in members { out += "    " + node(v) + "\n" }
            // stack a big unit's people in rows (what Graphviz's `unflatten` does): otherwise every
            // person moved by the same signer sits on one rank and the picture is a thin line
            let width = max(4, Int(Double(members.count).squareRoot().rounded(.up)))
            if members.count > width {
                for i in 0..<(members.count - width) {
                    out += "    n\(members[i]) -> n\(members[i + width]) [style=invis];\n"
                }
            }
            out += "  }\n"
        }
        for v in looseNodes { out += "  " + node(v) + "\n" }
        return out
    }

    /// One node's statement: its label (with up to two ties), tooltip and look by kind.
    private func node(_ v: Int, of n: Network, ties: [String]) -> String {
        let label = n.labels[v]
        let shown = ([short(label)] + ties.prefix(2).map(short)).joined(separator: "\n")
        var attrs = "label=\"\(shown.split(separator: "\n", omittingEmptySubsequences: false).map { DOTWriter.escape(String($0)) }.joined(separator: "\\n"))\", "
        let ranAs = n.candidateOfSigner[Int32(v)].map { ["ran as candidate " + $0] } ?? []
        attrs += "tooltip=\(DOTWriter.quoted(([label + " (" + n.keys[v] + ")"] + ranAs + ties).joined(separator: "; ")))"
        if !ties.isEmpty { attrs += ", color=\"#7b1fa2\", peripheries=2, fontcolor=\"#4a148c\"" }
        switch n.nodeKinds[v] {
        case .candidate: attrs += ", shape=ellipse, fillcolor=\"#fff3c4\", color=\"#b8860b\", fontsize=11"
        case .signer:
            attrs += ", fillcolor=\"#0b4f8a\", fontcolor=white, fontsize=11"
            // a head who also ran: the candidate's gold, as the old ran-as edge was
            attrs += n.candidateOfSigner[Int32(v)] != nil ? ", color=\"#b8860b\", penwidth=3" : ", color=\"#0b4f8a\""
        case .unit: attrs += ", shape=folder, fillcolor=\"#f5f5f5\""
        case .position: attrs += ", shape=note, fillcolor=\"#fafafa\""
        case .person: break
        }
        return "n\(v) [\(attrs)];"
    }

    private struct Pair: Hashable { let a: Int32, b: Int32 }
    private typealias DecreeEdge = (kind: TransferKind?, count: Int, decrees: [String])

    /// Every edge drawn, in the network's order; decree edges last, one per signer-person pair:
    /// the most telling move, thicker when repeated.
    private func edges(_ n: Network) -> String {
        var out = ""
        var decreeEdges: [Pair: DecreeEdge] = [:]
        var order: [Pair] = []
        for v in 0..<n.nodeCount {
            for e in n.edges(from: v) {
                let w = Int(n.targets[e])
                if n.edgeKinds[e] == .appointedBy {
                    let p = Pair(a: Int32(w), b: Int32(v))
                    if var cur = decreeEdges[p] {
                        if DOTWriter.weight(n.edgeMoves[e]) > DOTWriter.weight(cur.kind) { cur.kind = n.edgeMoves[e] }
                        cur.count += 1
                        if cur.decrees.count < 8 { cur.decrees.append(n.edgeDecrees[e]) }
                        decreeEdges[p] = cur
                    } else {
                        decreeEdges[p] = (n.edgeMoves[e], 1, [n.edgeDecrees[e]])
                        order.append(p)
                    }
                } else {
                    out += otherEdge(e, from: v, to: w, of: n)
                }
            }
        }
        for p in order {
            let d = decreeEdges[p]!
            let colour = DOTWriter.colour(d.kind)
            let width = d.count > 1 ? String(format1(min(3.0, 1.0 + Double(d.count) * 0.3))) : "1"
            let tip = "\(d.kind.map(options.lang.kind) ?? options.lang(.move)) x\(d.count): " + d.decrees.joined(separator: ", ")
            out += "  n\(p.a) -> n\(p.b) [color=\"\(colour)\", penwidth=\(width), tooltip=\(DOTWriter.quoted(tip))];\n"
        }
        return out
    }

    /// The statement of an edge other than appointed-by, or "" when it is not drawn.
    private func otherEdge(_ e: Int, from v: Int, to w: Int, of n: Network) -> String {
        switch n.edgeKinds[e] {
        case .appointedBy:
            return ""
        case .tie:
            // ties to candidates are on the person's node (above); person-to-person ties
            // (kin, friends) are edges, without labels for the same Graphviz reason
            guard n.nodeKinds[w] == .person else { return "" }
            return "  n\(v) -> n\(w) [style=dashed, color=\"#7b1fa2\", arrowhead=none, "
                + "tooltip=\(DOTWriter.quoted(options.lang.relationName(n.edgeRelations[e]) + ": " + n.edgeDecrees[e]))];\n"
        case .ranAs:
            return "  n\(w) -> n\(v) [style=bold, color=\"#b8860b\", arrowhead=none, tooltip=\(DOTWriter.quoted(options.lang(.legendRanAs)))];\n"
        case .movedFrom, .movedTo:
            guard options.unitNodes else { return "" }
            return "  n\(v) -> n\(w) [style=dotted, label=\(DOTWriter.quoted(n.edgeKinds[e].description)), fontsize=7];\n"
        case .holds:
            return "  n\(v) -> n\(w) [style=dotted, arrowhead=none];\n"
        }
    }

    private func format1(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// The legend is the graph's own label, not nodes or edges: a legend cluster with labelled
    /// edges, and later an isolated legend node, both corrupted Graphviz 2.43's heap after some
    /// dozens of renders in one process (RenderTests.twoHundredRendersDoNotGrowMemory). The text is
    /// MutasiGraph's own, never input, except the title, which is escaped for HTML.
    func graphLabel() -> String? {
        guard options.legend || options.title != nil else { return nil }
        var s = "<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">"
        if let t = options.title { s += "<tr><td colspan=\"7\"><font point-size=\"16\">\(Markup.escape(t))</font></td></tr>" }
        if options.legend {
            let L = options.lang
            let rows: [(String, String)] = [
                (L.kind(.promotion), DOTWriter.colour(.promotion)), (L.kind(.demotion) + " / " + L.kind(.nonjob), DOTWriter.colour(.nonjob)),
                (L.kind(.mutation), DOTWriter.colour(.mutation)), (L.kind(.appointment), DOTWriter.colour(.appointment)),
                (L.kind(.acting), DOTWriter.colour(.acting)), (L(.legendTie), "#7b1fa2"),
                (L(.legendRanAs), "#b8860b"),
            ]
            s += "<tr>" + rows.map { "<td><font color=\"\($0.1)\" point-size=\"9\">━━ \($0.0)</font></td>" }.joined() + "</tr>"
        }
        return s + "</table>>"
    }
}
