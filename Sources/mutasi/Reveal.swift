import ArgumentParser
import Foundation
import MutasiGraph

struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Map a pseudonym from a pseudonymised run back to the person, with the key.",
        discussion: "Needs the same key and the original transfer files; prints the NIP and name of every person whose pseudonymous NIP or name matches."
    )

    @Argument(help: "A pseudonymous NIP (9…) or name (ASN-…).") var pseudonym: String
    @OptionGroup var key: PseudonymKeyOptions
    @OptionGroup var inputs: TransferInputs
    @Option(help: "The ties file of the run, for people who are only in it.") var ties: String?

    func run() throws {
        guard let k = try key.resolve() else {
            throw ValidationError("Give the key used with --pseudonymize: --key-file FILE or MUTASI_KEY.")
        }
        let read = try readInputs(inputs.inputs(ties: ties))
        let found = try Pseudonymizer(key: k).reveal(pseudonym, among: read.transfers, ties: read.ties)
        guard !found.isEmpty else {
            warn("No person in these files has the pseudonym '\(pseudonym)' under this key.")
            throw ExitCode(1)
        }
        // two people under one pseudonym (an HMAC collision): naming either could name the wrong one
        guard found.count == 1 else {
            warn("The pseudonym '\(pseudonym)' stands for \(found.count) different people under this key; it cannot be mapped back.")
            throw ExitCode(1)
        }
        for p in found { print("\(p.nip)\t\(p.name)") }
    }
}
