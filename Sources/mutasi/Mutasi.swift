import ArgumentParser
import MutasiGraph

@main
struct Mutasi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutasi",
        abstract: "Find political abuse of civil-service transfers (mutasi) around elections.",
        discussion: """
        Reads transfer decrees (CSV or JSON Lines), an election calendar (YAML or JSON) and known ties,
        then flags mass transfer waves near polls, decrees in legally forbidden windows without the
        Home Minister's approval, and promotions or push-outs linked to the winner or the loser.
        """,
        version: "0.1.0",
        subcommands: [Demo.self, Validate.self, Graph.self, Loyalty.self, Person.self, Reveal.self]
    )
}
