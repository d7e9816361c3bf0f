import ArgumentParser
import MutasiGraph

@main
struct Mutasi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutasi",
        abstract: "Find political abuse of civil-service transfers (mutasi) around elections.",
        discussion: """
        Reads transfer decrees (CSV or JSON Lines), an election calendar (YAML or JSON) and known ties; \
        draws the patron-client network; flags promotions of the winner's people and push-outs of the \
        loser's with exact tests. Start with `mutasi demo`.
        """,
        version: Provenance.version,
        subcommands: [Demo.self, Analyze.self, Validate.self, Waves.self, Rules.self, Graph.self, NetworkCommand.self, Loyalty.self, Sanctions.self, Person.self, Reveal.self, SynthCommand.self, Export.self, Panel.self, EventStudyCommand.self, Careers.self]
    )

    static func main() {
        HugePages.relaunchIfUseful()
        stopCleanlyOnSignals()
        do {
            var command = try parseAsRoot()
            if let writes = command as? any WritesFiles { try checkOutputs(of: writes) }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
