import Foundation
import MutasiSupport
import MutasiModel
import MutasiAnalysis

/// The picture of a network too big to draw person by person (a province, the nation): the regions
/// with most findings and the signers who moved most people there, aggregated from the transfers
/// and the findings. A few dozen nodes, laid out by `dot` in well under a second, where the full
/// network would have millions of nodes that no layout finishes and no reader could follow.
package enum Overview {
    package struct Options: Sendable {
        /// Regions shown, those with most findings first (then most people moved).
        package var regions = 24
        /// Signers shown per region, those who moved most people there first.
        package var signersPerRegion = 2
        package var title: String?
        package var labels = Labels()
        package init() {}
    }

    /// The picture's words, English by default (`Labels.indonesian` for a report in Bahasa Indonesia).
    package struct Labels: Sendable {
        /// "%d of %d regions", then signers per region.
        package var caption = "The %d of %d regions with most findings, and the %d signers who moved most people in each"
        package var advice = "(the full network has too many nodes to draw: draw one region with mutasi graph --region)"
        package var moved = "moved", promotions = "promotions", pushOuts = "push-outs"
        /// Singular and plural of each finding.
        package var wave = ("wave", "waves"), violation = ("violation", "violations")
        package var loyalty = ("loyalty flag", "loyalty flags"), retaliation = ("retaliation flag", "retaliation flags")
        package init() {}
        package static let indonesian: Labels = {
            var l = Labels()
            l.caption = "%d dari %d daerah dengan temuan terbanyak, dan %d penandatangan yang memutasi orang terbanyak di tiap daerah"
            l.advice = "(jaringan utuh terlalu besar untuk digambar: gambar satu daerah dengan mutasi graph --region)"
            l.moved = "dimutasi"; l.promotions = "promosi"; l.pushOuts = "penyingkiran"
            l.wave = ("gelombang", "gelombang"); l.violation = ("pelanggaran", "pelanggaran")
            l.loyalty = ("tanda loyalitas", "tanda loyalitas"); l.retaliation = ("tanda pembalasan", "tanda pembalasan")
            return l
        }()
    }

    /// Findings per region, keyed by normalised region name.
    struct Counts {
        var waves = 0, violations = 0, loyalty = 0, retaliation = 0
        var total: Int { waves + violations + loyalty + retaliation }
    }

    /// What one signer did in one region.
    struct Signing {
        var moved = 0, promotions = 0, pushOuts = 0
    }

    package static func dot(transfers set: TransferSet, findings f: some OverviewFindings, options: Options = Options()) -> String {
        let counts = findingCounts(f)
        let (moved, signings) = tally(set)
        let ranked = moved.keys.map { (region: $0, key: RegionName.key(set[$0])) }.sorted { a, b in
            let ca = counts[a.key]?.total ?? 0, cb = counts[b.key]?.total ?? 0
            if ca != cb { return ca > cb }
            if moved[a.region]! != moved[b.region]! { return moved[a.region]! > moved[b.region]! }
            return set[a.region] < set[b.region]
        }
        let shown = ranked.prefix(options.regions)

        var out = "digraph overview {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.12, ranksep=1.2, splines=true"
        let L = options.labels
        let caption = (options.title.map { [$0] } ?? []) + [
            String(format: L.caption, shown.count, moved.count, options.signersPerRegion), L.advice,
        ]
        out += ", label=\(DOTWriter.quoted(caption.joined(separator: "\n"))), labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", margin=\"0.08,0.04\"];\n"
        out += "  edge [color=\"#90a4ae\", arrowsize=0.6];\n"

        var d = Drawing(set: set, labels: L)
        // dot stacks a left-to-right graph's ranks from the bottom: the region with most findings
        // goes in last to come out on top
        for (i, r) in shown.enumerated().reversed() {
            out += d.region(i, r.region, counts: counts[r.key] ?? Counts(), moved: moved[r.region]!)
            let top = (signings[r.region] ?? [:]).sorted { ($0.value.moved, set[$1.key]) > ($1.value.moved, set[$0.key]) }
                .prefix(options.signersPerRegion)
            for (signer, s) in top { d.signer(signer, did: s, in: i, set[r.region]) }
        }
        out += d.signerNodes()
        out += d.edges.joined(separator: "\n") + "\n}\n"
        return out
    }

    /// Findings per region, keyed by normalised region name.
    static func findingCounts(_ f: some OverviewFindings) -> [String: Counts] {
        var counts: [String: Counts] = [:]
        for w in f.waves { counts[RegionName.key(w.region), default: Counts()].waves += 1 }
        for l in f.legalFlags where l.status == .violation { counts[RegionName.key(l.region), default: Counts()].violations += 1 }
        for l in f.loyalty { counts[RegionName.key(l.region), default: Counts()].loyalty += 1 }
        for r in f.retaliation { counts[RegionName.key(r.region), default: Counts()].retaliation += 1 }
        return counts
    }

    /// People moved per region, and what each signer did in each region. Rows come in runs of one
    /// region and signer (files are exported by region, decree by decree): a run is counted
    /// locally and added to the tables once, not hashed row by row.
    static func tally(_ set: TransferSet) -> (moved: [Symbol: Int], signings: [Symbol: [Symbol: Signing]]) {
        var moved: [Symbol: Int] = [:]
        var pairs: [UInt64: Signing] = [:]  // region << 32 | signer -> what the signer did there
        var runKey = UInt64.max, run = Signing()
        func endRun() {
            guard runKey != .max else { return }
            moved[Symbol(id: UInt32(runKey >> 32)), default: 0] += run.moved
            if UInt32(truncatingIfNeeded: runKey) != 0 {
                { (s: inout Signing) in
                    s.moved += run.moved; s.promotions += run.promotions; s.pushOuts += run.pushOuts
                }(&pairs[runKey, default: Signing()])
            }
        }
        for t in set.transfers {
            let key = UInt64(t.region.id) << 32 | UInt64(t.signedBy.id)
            if key != runKey { endRun(); runKey = key; run = Signing() }
            run.moved += 1
            if Moves.rise(t) != nil { run.promotions += 1 }
            if t.kind.isPushOut { run.pushOuts += 1 }
        }
        endRun()
        var signings: [Symbol: [Symbol: Signing]] = [:]  // region -> signer -> what they did
        for (k, s) in pairs { signings[Symbol(id: UInt32(k >> 32)), default: [:]][Symbol(id: UInt32(truncatingIfNeeded: k))] = s }
        return (moved, signings)
    }

    /// The regions' nodes as drawn, the signers met (numbered as first met, their lines per
    /// region), and the edges, written after all nodes.
    struct Drawing {
        let set: TransferSet
        let labels: Labels
        var signerNode: [Symbol: Int] = [:]
        var signerLines: [Int: [(region: String, text: String)]] = [:]
        var signerName: [Int: String] = [:]
        var edges: [String] = []

        /// Region `i`'s node: its name, people moved and findings, coloured by the worst.
        func region(_ i: Int, _ region: Symbol, counts c: Counts, moved: Int) -> String {
            let L = labels
            var label = [set[region], "\(moved) \(L.moved)"]
            let found = [(c.waves, L.wave), (c.violations, L.violation), (c.loyalty, L.loyalty), (c.retaliation, L.retaliation)]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1.0 : $0.1.1)" }
            if !found.isEmpty { label.append(found.joined(separator: " · ")) }
            let fill = c.waves + c.violations > 0 ? "#ffcdd2" : c.total > 0 ? "#ffe0b2" : "#eceff1"
            return "  r\(i) [label=\(DOTWriter.quoted(label.joined(separator: "\n"))), fillcolor=\"\(fill)\", color=\"#8d6e63\"];\n"
        }

        /// A signer's line for the region `name` (node `i`) and the edge to it.
        mutating func signer(_ signer: Symbol, did s: Signing, in i: Int, _ name: String) {
            let L = labels
            let next = signerNode.count
            let n = { (v: inout Int?) in
                if v == nil { v = next }
                return v!
            }(&signerNode[signer])
            signerName[n] = set[signer]
            let did = "\(s.moved) \(L.moved) · \(s.promotions) \(L.promotions) · \(s.pushOuts) \(L.pushOuts)"
            signerLines[n, default: []].append((name, did))
            let width = 1 + min(6, Double(s.moved).squareRoot() / 20)
            edges.append("  s\(n) -> r\(i) [penwidth=\(String(format: "%.1f", width)), tooltip=\(DOTWriter.quoted("\(set[signer]) → \(name): \(did)"))];")
        }

        func signerNodes() -> String {
            var out = ""
            for n in signerLines.keys.sorted() {
                // a signer shown in one region needs no region name on each line
                let lines = signerLines[n]!
                let label = [signerName[n]!] + (lines.count == 1 ? [lines[0].text] : lines.map { "\($0.region): \($0.text)" })
                out += "  s\(n) [label=\(DOTWriter.quoted(label.joined(separator: "\n"))), fillcolor=\"#0b4f8a\", fontcolor=white, color=\"#0b4f8a\"];\n"
            }
            return out
        }
    }
}

