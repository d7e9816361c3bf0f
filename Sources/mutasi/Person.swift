import ArgumentParser
import Foundation
import MutasiGraph

struct Person: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One person's career: every post, unit, echelon, decree and signer, and their ties."
    )

    @Argument(help: "The person's NIP (18 digits).") var nip: String
    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON), to name the signer's role.") var elections: String?
    @Option(help: "Ties file (CSV).") var ties: String?
    @Option(help: "text or json.") var format: TextOrJSON = .text

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        guard let n = NIP(nip.filter { $0 != " " }) else { throw ValidationError("'\(nip)' is not a valid 18-digit NIP.") }
        let read = try readInputs(inputs.inputs(elections: elections, ties: ties, aliases: aliasInput.aliases))
        let set = read.transfers
        guard let career = Career(nip: n, transfers: set, ties: read.ties, calendar: read.calendar) else {
            warn("No transfer or tie mentions NIP \(n).")
            throw ExitCode(1)
        }
        if format == .json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(career) + Data("\n".utf8), to: nil)
            return
        }
        var out = "\(career.name)  NIP \(career.nip)\n\n"
        for s in career.steps {
            let from = [s.fromPosition, s.fromUnit, s.fromEchelon ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
            let to = [s.toPosition, s.toUnit, s.toEchelon ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
            let role = s.signerRole.map { " (\($0.rawValue) head\(s.signerCandidate.map { ", candidate \($0)" } ?? ""))" } ?? ""
            out += "\(s.date)  \(s.kind)\(s.kindInferred ? " (inferred)" : "")  SK \(s.decreeNo)  (\(s.decreeSize == 1 ? "1 person" : "\(s.decreeSize) people"))\n"
            out += "            \(from.isEmpty ? "-" : from)  ->  \(to.isEmpty ? "-" : to)\n"
            out += "            signed by \(s.signer.isEmpty ? "?" : s.signer)\(role)\(s.approval.isEmpty ? "" : "; approval \(s.approval)")\(s.reason.isEmpty ? "" : "; reason: \(s.reason)")\n"
            out += "            \(s.evidence)\n"
        }
        if !career.ties.isEmpty {
            out += "\nties:\n"
            for t in career.ties {
                let who = t.relatedName.map { "\($0) (\(t.relatedTo))" } ?? t.relatedTo
                let span = [t.since, t.until].compactMap { $0 }.joined(separator: "..")
                out += "  \(t.direction == "outgoing" ? "->" : "<-") \(who): \(t.relation)\(span.isEmpty ? "" : " [\(span)]")\(t.source.isEmpty ? "" : ", source: \(t.source)")\n"
            }
        }
        try emit(out, to: nil)
    }
}
