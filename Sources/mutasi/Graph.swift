import ArgumentParser
import Foundation
import MutasiGraph

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, svg, png, pdf, graphml, gexf, json, csv
}

enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, dot, neato, fdp, sfdp
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the patron-client network (signers, the people they moved, units, ties) or export it.",
        discussion: """
        svg/png/pdf are rendered by Graphviz (a child `dot` process stopped after --time-limit seconds). --engine auto uses dot with unit clusters up to \
        \(GraphvizRenderer.dotReadable) nodes (a decree, a person, a small region) and sfdp with straight edges up to \
        \(GraphvizRenderer.maxNodes) nodes and \(GraphvizRenderer.maxEdges) edges; --engine dot is allowed up to \(GraphvizRenderer.dotLimit). Larger pictures are \
        refused: filter with --region, --person or --decree, or export graphml.
        """
    )

    @OptionGroup var inputs: TransferInputs
    @Option(help: "Ties file (CSV).") var ties: String?
    @Option(help: "Election calendar (YAML/JSON): links signers to the candidates they ran as.") var elections: String?
    @Option(help: "Only this region's transfers.") var region: String?
    @Option(help: "Only this person (NIP) and the people moved by the same decrees.") var person: String?
    @Option(help: "Only this decree (its number).") var decree: String?
    @Option(help: "dot, svg, png, pdf (pictures), graphml, gexf (Gephi, dynamic), json (node-link) or csv (edge list).") var format: GraphFormat = .svg
    @Option(help: "auto, dot, neato, fdp or sfdp.") var engine: EngineChoice = .auto
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Option(help: ArgumentHelp("Stop a layout that runs longer than this (seconds).", valueName: "seconds")) var timeLimit: Double = Diagram.defaultTimeLimit

    func validate() throws {
        if let p = person, NIP(p.filter { $0 != " " }) == nil { throw ValidationError("--person '\(p)' is not a valid 18-digit NIP.") }
        if output == nil && (format == .png || format == .pdf) && isatty(1) != 0 {
            throw ValidationError("\(format.rawValue) is binary: give -o FILE, or redirect standard output.")
        }
    }

    func run() throws {
        var (set, _) = try reportingInputErrors { try TransferReader.read(paths: try inputs.files(), sheet: inputs.sheet) }
        var tieList = try ties.map { try readSideTable($0, TieReader.read(path:)) } ?? []
        let calendar = try elections.map { p in try reportingInputErrors { try CalendarReader.read(path: p) } }
        var title = "Mutasi network"
        if let r = region { set = set.filtered(region: r); title += " — \(r)" }
        if let d = decree { set = set.filtered(decree: d); title += " — SK \(d)" }
        if let p = person.flatMap({ NIP($0.filter { $0 != " " }) }) {
            set = set.ego(of: p)
            tieList = tieList.filter { $0.nip == p || $0.relatedTo == .person(p) }
            title += " — \(p)"
        }
        if region != nil || decree != nil {
            let people = Set(set.transfers.map(\.nip))
            tieList = tieList.filter { people.contains($0.nip) }
        }
        if set.transfers.isEmpty { warn("warning: no transfer matches; the graph has only ties") }
        let network = Network(transfers: set, ties: tieList, calendar: calendar)
        switch format {
        case .graphml:
            try emit(GraphMLWriter.write(network), to: output)
        case .gexf:
            try emit(NetworkExports.gexf(network), to: output)
        case .json:
            try emit(NetworkExports.json(network) + Data("\n".utf8), to: output)
        case .csv:
            try emit(NetworkExports.csv(network), to: output)
        case .dot, .svg, .png, .pdf:
            do {
                let chosen = engine == .auto ? nil : GraphvizRenderer.Engine(rawValue: engine.rawValue)
                let d = try Diagram.dot(network, title: title, engine: chosen)
                if format == .dot {
                    try emit(d.dot, to: output)
                } else {
                    try emit(GraphvizRenderer.render(dot: d.dot, engine: d.engine, format: GraphvizRenderer.Format(rawValue: format.rawValue)!,
                                                     timeLimit: timeLimit), to: output)
                }
            } catch let e as GraphvizRenderer.RenderError {
                warn("error: \(e)")
                throw ExitCode(2)
            }
        }
        if let output { warn("wrote \(output) (\(network.nodeCount) nodes, \(network.edgeCount) edges)") }
    }
}
