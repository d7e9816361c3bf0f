import ArgumentParser
import MutasiGraph

struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Map a pseudonym from a pseudonymised run back to the person, with the key.",
        discussion: "Needs the same key and the original transfer files; prints the NIP and name of every person whose pseudonymous NIP or name matches."
    )

    @Argument(help: "A pseudonymous NIP (9…) or name (ASN-…).") var pseudonym: String
    @Option(help: "The key used with --pseudonymize.") var key: String
    @OptionGroup var inputs: TransferInputs

    func run() throws {
        let (set, _) = try reportingInputErrors { try TransferReader.read(paths: try inputs.files(), sheet: inputs.sheet) }
        let found = Pseudonymizer(key: key).reveal(pseudonym, among: set)
        guard !found.isEmpty else {
            warn("No person in these files has the pseudonym '\(pseudonym)' under this key.")
            throw ExitCode(1)
        }
        for p in found { print("\(p.nip)\t\(p.name)") }
    }
}
