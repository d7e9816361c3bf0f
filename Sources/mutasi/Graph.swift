import ArgumentParser
import Foundation
import MutasiGraph

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, svg, png, pdf, graphml, gexf, json, csv
}

enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, dot, neato, fdp, sfdp
}

enum LayoutChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, sheet, network
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the patron-client network (signers, the people they moved, units, ties) or export it.",
        discussion: """
        svg/png/pdf are rendered by Graphviz (a child `dot` process stopped after --time-limit seconds).

        Layout (--layout auto): a picture of a decree, a person or a region (--decree, --person, --region) is a sheet that reads at A4 width: \
        for each decree the signer and their role on top, then its people grouped by destination unit in a grid (units packed as shelves, \
        about as wide as high, at most \(Int(DecreeSheet.maxWidth)) points = 2,400 px wide at 96 dpi), each person with the post left, the post \
        taken, the echelons, the kind of move and the recorded ties; several decrees (a person's, a region's) are stacked in rows by date, a \
        person's dated moves listed on top. When the people do not fit \(Int(DecreeSheet.maxWidth)) points at an aspect ratio of at most 1:2.5 \
        (a region or a person moved by mass decrees, of any size), the sheet is a summary instead: one row per decree, grouped by year, with \
        the signer and role, the people by kind of move, officials, people with ties and the destination units with counts; when those rows \
        are too many too, one row per year and signer; and when those are too many, the last rows are left out and a closing "N more rows \
        (M people) not shown" line says so. The unfiltered network is drawn as a network (--layout network, or any --engine other than auto):

        --engine auto uses dot with unit clusters up to \
        \(GraphvizRenderer.dotReadable) nodes (a decree, a person, a small region) and sfdp with straight edges up to \
        \(GraphvizRenderer.maxNodes) nodes and \(GraphvizRenderer.maxEdges) edges; --engine dot is allowed up to \(GraphvizRenderer.dotLimit). Larger pictures are \
        refused: filter with --region, --person or --decree, or export graphml.
        """
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Ties file (CSV).") var ties: String?
    @Option(help: "Election calendar (YAML/JSON): links signers to the candidates they ran as.") var elections: String?
    @Option(help: "Only this region's transfers.") var region: String?
    @Option(help: "Only this person (NIP) and the people moved by the same decrees.") var person: String?
    @Option(help: "Only this decree (its number).") var decree: String?
    @Option(help: "dot, svg, png, pdf (pictures), graphml, gexf (Gephi, dynamic), json (node-link) or csv (edge list).") var format: GraphFormat = .svg
    @Option(help: "auto, dot, neato, fdp or sfdp (for --layout network).") var engine: EngineChoice = .auto
    @Option(help: "auto, sheet (decrees as grids of people by unit) or network (signers, people and ties as a graph).") var layout: LayoutChoice = .auto
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Option(help: ArgumentHelp("Stop a layout that runs longer than this (seconds).", valueName: "seconds")) var timeLimit: Double = Diagram.defaultTimeLimit

    func validate() throws {
        try aliasInput.check(elections: elections)
        if let p = person, NIP(p.filter { $0 != " " }) == nil { throw ValidationError("--person '\(p)' is not a valid 18-digit NIP.") }
        if output == nil && (format == .png || format == .pdf) && isatty(1) != 0 {
            throw ValidationError("\(format.rawValue) is binary: give -o FILE, or redirect standard output.")
        }
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, ties: ties, aliases: aliasInput.aliases))
        let chosen = select(read.transfers, ties: read.ties)
        let sheet = (layout == .sheet || (layout == .auto && engine == .auto && chosen.filtered)) && !chosen.set.transfers.isEmpty
        if sheet && [.dot, .svg, .png, .pdf].contains(format) {
            try drawSheet(chosen, full: read.transfers, calendar: read.calendar)
        } else {
            try drawNetwork(chosen, calendar: read.calendar)
        }
    }

    /// What --region, --decree and --person leave of the transfers and ties, and the title that says so.
    struct Selection {
        var set: TransferSet
        var ties: [Tie]
        var title = "Mutasi network"
        var focus: NIP?
        /// True when any of the three filters was given.
        var filtered = false
    }

    func select(_ full: TransferSet, ties: [Tie]) -> Selection {
        var chosen = Selection(set: full, ties: ties)
        if let r = region { chosen.set = chosen.set.filtered(region: r); chosen.title += " — \(r)" }
        if let d = decree { chosen.set = chosen.set.filtered(decree: d); chosen.title += " — SK \(d)" }
        chosen.focus = person.flatMap { NIP($0.filter { $0 != " " }) }
        if let p = chosen.focus {
            chosen.set = chosen.set.ego(of: p)
            // the person by name, not by number
            let name = chosen.set.transfers.last { $0.nip == p }.map { chosen.set[$0.name] } ?? ""
            chosen.title += " — " + (name.isEmpty ? p.description : "\(name) (\(p))")
        }
        chosen.filtered = region != nil || decree != nil || chosen.focus != nil
        // every tie of everyone drawn: the person's and those of the others moved with them
        let people = Set(chosen.set.transfers.map(\.nip))
        if chosen.filtered { chosen.ties = chosen.ties.filter { $0.touches(people) } }
        return chosen
    }

    /// The decrees as sheets of people by unit (`DecreeSheet`).
    func drawSheet(_ chosen: Selection, full: TransferSet, calendar: ElectionCalendar?) throws {
        var o = DecreeSheet.Options()
        o.title = chosen.title.replacingOccurrences(of: "Mutasi network — ", with: "")
        o.focus = chosen.focus
        // people tied to those drawn but moved by other decrees are named, not numbered
        var wanted = Set<NIP>()
        for t in chosen.ties { if case .person(let other) = t.relatedTo { wanted.insert(other) }; wanted.insert(t.nip) }
        for t in full.transfers where wanted.contains(t.nip) { o.names[t.nip] = full[t.name] }
        let dot = DecreeSheet.dot(chosen.set, ties: chosen.ties, calendar: calendar, options: o)
        try emitPicture(dot, engine: .dot)
        if let output { warn("wrote \(output) (a sheet of \(chosen.set.transfers.count) moves)") }
    }

    /// The network of signers, people, units and ties, drawn or exported in --format.
    func drawNetwork(_ chosen: Selection, calendar: ElectionCalendar?) throws {
        if chosen.set.transfers.isEmpty { warn("warning: no transfer matches; the graph has only ties") }
        let network = Network(transfers: chosen.set, ties: chosen.ties, calendar: calendar)
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
            let d: Diagram.Result
            do {
                d = try Diagram.dot(network, title: chosen.title, engine: engine == .auto ? nil : GraphvizRenderer.Engine(rawValue: engine.rawValue))
            } catch {
                warn("error: \(error)")
                throw ExitCode(2)
            }
            try emitPicture(d.dot, engine: d.engine)
        }
        if let output { warn("wrote \(output) (\(network.nodeCount) nodes, \(network.edgeCount) edges)") }
    }

    /// `dot` as it is for --format dot, else rendered by Graphviz; a failed layout exits with code 2.
    func emitPicture(_ dot: String, engine: GraphvizRenderer.Engine) throws {
        do {
            if format == .dot { try emit(dot, to: output) } else {
                try emit(GraphvizRenderer.render(dot: dot, engine: engine, format: GraphvizRenderer.Format(rawValue: format.rawValue)!,
                                                 timeLimit: timeLimit), to: output)
            }
        } catch let e as GraphvizRenderer.RenderError {
            warn("error: \(e)")
            throw ExitCode(2)
        }
    }
}
