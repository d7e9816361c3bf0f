import ArgumentParser
import Foundation
import MutasiGraph

struct Careers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every person's career as tables: one row per person and move, and one per person.",
        discussion: """
        Moves: from and to post, unit, echelon and rank (1 JPT Madya ... 7 Fungsional), days in the \
        previous post, the signer and the region's head, the candidates the person is linked to \
        (recorded ties holding on the day; derived: an earlier rise signed by a head who ran as that \
        candidate), file:line. People: first and last seen, moves, promotions, push-outs. \
        Columns: docs/FORMATS.md.
        """
    )

    enum Table: String, ExpressibleByArgument, CaseIterable { case moves, people }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON): the signer's role and candidate, the region's head.") var elections: String?
    @Option(help: "Ties file (CSV): recorded links to candidates.") var ties: String?
    @Option(help: "moves (one row per person and move) or people.") var table: Table = .moves
    @Option(help: ArgumentHelp("Also write the people table (CSV) to this file.", valueName: "file")) var people: String?
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, ties: ties, aliases: aliasInput.aliases))
        if read.ingest.recordsRejected > 0 { warn("note: \(read.ingest.recordsRejected) rows rejected; see `mutasi validate`") }
        let careers = CareerTable(transfers: read.transfers, calendar: read.calendar, ties: read.ties)
        if let people { try reportingInputErrors { try OutputFile.write(careers.peopleCSV(), to: people) } }
        switch (format, table) {
        case (.csv, .moves): try emit(careers.movesCSV(), to: out)
        case (.csv, .people): try emit(careers.peopleCSV(), to: out)
        case (.json, _):
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            enc.keyEncodingStrategy = .convertToSnakeCase
            let data = table == .moves ? try enc.encode(careers.moves) : try enc.encode(careers.people)
            try emit(data + Data("\n".utf8), to: out)
        }
    }
}
