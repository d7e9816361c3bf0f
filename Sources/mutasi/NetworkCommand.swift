import ArgumentParser
import Foundation
import MutasiGraph

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Patrons, their clients and the top posts they hold; centrality, communities and brokers.",
        discussion: "PageRank, betweenness (exact up to 5,000 nodes, else up to 256 seeded sources, each score with its standard error), Louvain (seeded) on the decree, tie and ran-as edges: the exports' in_metrics edges. See docs/METHODS.md and, to rebuild this graph from an export, docs/FORMATS.md."
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Ties file (CSV).") var ties: String?
    @Option(help: "Election calendar (YAML/JSON): links signers to the candidates they ran as.") var elections: String?
    @Option(help: "Only this region's transfers.") var region: String?
    @Option(help: "Seed for Louvain and sampled betweenness.") var seed: UInt64 = 1
    @Option(help: "How many top people to list.") var top = 10
    @Option(help: "text or json.") var format: TextOrJSON = .text

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, ties: ties, aliases: aliasInput.aliases))
        var set = read.transfers
        if let r = region { set = set.filtered(region: r) }
        let metrics = try NetworkMetrics(network: Network(transfers: set, ties: read.ties, calendar: read.calendar), transfers: set, seed: seed)
        if format == .json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(metrics) + Data("\n".utf8), to: nil)
            return
        }
        func f(_ x: Double, _ d: Int = 4) -> String { String(format: "%.\(d)f", x) }
        var out = "communities \(metrics.communities), modularity \(f(metrics.modularity, 3)) (Louvain, seed \(metrics.louvainSeed)); "
        out += "betweenness \(metrics.betweennessExact ? "exact" : "sampled from \(metrics.betweennessSources ?? 0) sources, seed \(seed)")\n\n"
        out += "patrons (signers):\n"
        for p in metrics.patrons {
            out += "  \(p.signer)\(p.candidate.map { " [candidate \($0)]" } ?? "")\n"
            out += "      clients \(p.clients), promotions given \(p.promotionsGiven), push-outs \(p.pushOutsGiven), "
            out += "JPT posts held by clients \(p.jptHeldByClients) (\(f(p.jptShare * 100, 0))%), PageRank \(f(p.pageRank))\n"
        }
        let people = metrics.nodes.filter { $0.kind == "person" }
        out += "\ntop people by betweenness:\n"
        for s in people.sorted(by: { $0.betweenness > $1.betweenness }).prefix(top) {
            out += "  \(s.key)  \(s.label)  betweenness \(f(s.betweenness))\(s.betweennessStandardError.map { " ± \(f($0)) (SE)" } ?? "")  degree \(s.degree)  community \(s.community)\n"
        }
        out += "\nbrokers (top tenth by betweenness, neighbours in 2+ communities): \(metrics.brokers.count)\n"
        for b in metrics.brokers.prefix(top) { out += "  \(b.kind)  \(b.key)  \(b.label)  betweenness \(f(b.betweenness))\n" }
        try emit(out, to: nil)
    }
}
