import ArgumentParser
import MutasiGraph

@main
struct Mutasi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutasi",
        abstract: "Find political abuse of civil-service transfers around elections.",
        version: "0.1.0",
        subcommands: []
    )
}
