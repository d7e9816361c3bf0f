import MutasiSupport
import MutasiModel
import MutasiAnalysis

/// The network's structure in one readable picture: patrons (the signers, PPK) as hubs, the people
/// they moved collapsed into weighted groups, and the recorded ties as weighted edges.
///
/// Each person is the client of the signer of their latest move (who placed them where they are
/// now). A patron's clients fall in three groups by that move: promoted (a promotion, or a rise
/// up the echelon ladder), pushed out (demotion, non-job, dismissal) and moved otherwise. Each group
/// shows its count, how many now hold a JPT post (eselon I-II) and how many have a recorded tie; an
/// edge from a group to a candidate is as thick as the number of its people tied to that candidate.
/// A patron who ran as a candidate is joined to that candidate by a gold line. A few dozen nodes
/// whatever the size of the network, laid out by `dot` in well under a second.
package enum PatronOverview {
    package struct Options: Sendable {
        /// Patrons shown, those with most clients first (the rest are counted in the caption).
        package var patrons = 12
        package var title: String?
        package var lang: ReportLanguage = .en
        package init() {}
    }

    enum Group: Int, CaseIterable { case promoted, pushedOut, moved }

    struct Stats {
        var people = 0, jpt = 0, tied = 0
        var tiesTo: [String: Int] = [:]
    }

    /// - Complexity: O(T + P) for T transfers and P people, plus sorting the patrons.
    package static func dot(transfers set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options = Options()) -> String {
        let L = options.lang
        let (groups, signed) = clients(set, ties: ties)
        let ranked = groups.keys.sorted { a, b in
            let ca = groups[a]!.reduce(0) { $0 + $1.people }, cb = groups[b]!.reduce(0) { $0 + $1.people }
            return (ca, set[b.signer], set[b.region]) > (cb, set[a.signer], set[a.region])
        }
        let shown = Array(ranked.prefix(options.patrons))
        let lookup = calendar.map { CalendarLookup($0) }

        var out = "digraph patrons {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.18, ranksep=1.1, pad=0.3, newrank=true"
        var caption: [String] = options.title.map { [$0] } ?? []
        caption.append(String(format: L(.patronOverviewCaption), shown.count, ranked.count))
        out += ", label=\(DOTWriter.quoted(caption.joined(separator: "\n"))), labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", margin=\"0.1,0.05\"];\n"
        out += "  edge [arrowsize=0.6];\n"
        var d = Drawing(L: L)
        for (pi, k) in shown.enumerated() {
            // the role on the patron's latest decree: a calendar may list only recent terms
            let first = set.transfers.last { $0.signedBy == k.signer && $0.region == k.region }
            let head = first.flatMap { t in lookup?.head(signedAs: set[k.signer], in: set[k.region], on: t.decreeDate) }
            out += d.patron(pi, name: set[k.signer], region: set[k.region], head: head, signed: signed[k] ?? 0, stats: groups[k]!)
        }
        out += d.candidateNodes(calendar)
        out += d.edges.joined(separator: "\n") + "\n}\n"
        return out
    }

    struct PatronKey: Hashable { var signer: Symbol; var region: Symbol }

    /// Each patron's clients in their three groups, and the moves each patron signed. A person is
    /// the client of the signer of their latest move (file order breaks ties of date).
    static func clients(_ set: TransferSet, ties: [Tie]) -> (groups: [PatronKey: [Stats]], signed: [PatronKey: Int]) {
        var latest: [NIP: Int] = [:]
        for (i, t) in set.transfers.enumerated() {
            if let j = latest[t.nip], (set.transfers[j].decreeDate, set.transfers[j].line) > (t.decreeDate, t.line) { continue }
            latest[t.nip] = i
        }
        var tiesOf: [NIP: [String]] = [:]
        for t in ties { if case .candidate(let id) = t.relatedTo { tiesOf[t.nip, default: []].append(id) } }
        var groups: [PatronKey: [Stats]] = [:]
        var signed: [PatronKey: Int] = [:]
        for t in set.transfers where !t.signedBy.isEmpty { signed[PatronKey(signer: t.signedBy, region: t.region), default: 0] += 1 }
        for (nip, i) in latest {
            let t = set.transfers[i]
            guard !t.signedBy.isEmpty else { continue }
            let g: Group = t.kind.isPushOut ? .pushedOut : (Moves.rise(t) != nil ? .promoted : .moved)
            let k = PatronKey(signer: t.signedBy, region: t.region)
            var s = groups[k] ?? Array(repeating: Stats(), count: Group.allCases.count)
            s[g.rawValue].people += 1
            if let lvl = t.toEchelon?.level, lvl <= .jptPratama { s[g.rawValue].jpt += 1 }
            if let ids = tiesOf[nip] {
                s[g.rawValue].tied += 1
                for id in Set(ids) { s[g.rawValue].tiesTo[id, default: 0] += 1 }
            }
            groups[k] = s
        }
        return (groups, signed)
    }

    /// The patrons' and groups' nodes as they are drawn, the candidates they point at (numbered
    /// as first met), and the edges, written after all nodes.
    struct Drawing {
        let L: ReportLanguage
        var candidates: [String: String] = [:]  // id -> node
        var edges: [String] = []

        mutating func candidateNode(_ id: String) -> String {
            if let n = candidates[id] { return n }
            let n = "c\(candidates.count)"
            candidates[id] = n
            return n
        }

        /// Patron `pi`'s node and its groups' nodes.
        mutating func patron(_ pi: Int, name: String, region: String, head: RegionalHead?, signed: Int, stats: [Stats]) -> String {
            let e = Markup.escape
            let clients = stats.reduce(0) { $0 + $1.people }
            var label = "<b>\(e(name))</b><br/>\(e(L.role(SignerRole(head)))) · \(e(region))"
            label += "<br/><font point-size=\"9\">\(signed) \(e(L(.patronOverviewMoves))) · \(clients) \(e(L(.patronOverviewClients))) · "
            label += "\(stats.reduce(0) { $0 + $1.jpt }) JPT</font>"
            var out = "  p\(pi) [label=<\(label)>, fillcolor=\"#0b4f8a\", fontcolor=white, color=\"#0b4f8a\", fontsize=12];\n"
            if let cid = head?.candidate { edges.append("  p\(pi) -> \(candidateNode(cid)) [color=\"#b8860b\", penwidth=3, arrowhead=none, style=bold];") }
            for g in Group.allCases where stats[g.rawValue].people > 0 { out += group(g, of: pi, stats[g.rawValue]) }
            return out
        }

        private mutating func group(_ g: Group, of pi: Int, _ s: Stats) -> String {
            let e = Markup.escape
            let names = [L(.patronOverviewPromoted), L(.patronOverviewPushedOut), L(.patronOverviewMoved)]
            let colours = [DOTWriter.colour(.promotion), DOTWriter.colour(.nonjob), DOTWriter.colour(.mutation)]
            let fills = ["#e8f5e9", "#ffebee", "#f5f7f9"]
            var gl = "<b>\(s.people) \(e(names[g.rawValue]))</b>"
            var extra: [String] = []
            if s.jpt > 0 { extra.append("\(s.jpt) JPT") }
            if s.tied > 0 { extra.append("\(s.tied) \(L(.patronOverviewTied))") }
            if !extra.isEmpty { gl += "<br/><font point-size=\"9\">\(e(extra.joined(separator: " · ")))</font>" }
            edges.append("  p\(pi) -> g\(pi)_\(g.rawValue) [color=\"\(colours[g.rawValue])\", penwidth=\(width(s.people))];")
            for (cid, n) in s.tiesTo.sorted(by: { $0.key < $1.key }) {
                edges.append("  g\(pi)_\(g.rawValue) -> \(candidateNode(cid)) [color=\"#7b1fa2\", style=dashed, penwidth=\(width(n)), label=\"\(n)\", fontsize=9, fontcolor=\"#6a1b9a\"];")
            }
            return "  g\(pi)_\(g.rawValue) [label=<\(gl)>, fillcolor=\"\(fills[g.rawValue])\", color=\"\(colours[g.rawValue])\"];\n"
        }

        /// The candidates' nodes, on the last rank.
        func candidateNodes(_ calendar: ElectionCalendar?) -> String {
            let e = Markup.escape
            var out = ""
            for (id, n) in candidates.sorted(by: { $0.value < $1.value }) {
                let found = calendar?.candidate(id: id)
                var label = "<b>\(e(found?.0.name ?? id))</b>"
                if let (c, el) = found {
                    label += "<br/><font point-size=\"9\">\(e(el.name))\(el.winner == c.id ? " · " + e(L(.patronOverviewWinner)) : "")</font>"
                }
                out += "  \(n) [label=<\(label)>, shape=ellipse, fillcolor=\"#fff3c4\", color=\"#b8860b\"];\n"
            }
            if !candidates.isEmpty { out += "  { rank=max; " + candidates.values.sorted().map { "\($0);" }.joined(separator: " ") + " }\n" }
            return out
        }
    }

    /// Line width for `n` people: 1 for one, about 8 for a few hundred.
    static func width(_ n: Int) -> String {
        let w = 1 + min(7, Double(n).squareRoot() / 2.5)
        return String(Double(Int(w * 10)) / 10)
    }
}
