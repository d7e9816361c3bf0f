import ArgumentParser
import Foundation
import MutasiGraph

struct Loyalty: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Promotions of the winner's people and push-outs of the loser's after each election, with exact group tests."
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @Option(help: "Ties file (CSV).") var ties: String
    @Option(help: "Units file (CSV), to recognise moves to remote units.") var units: String?
    @Option(help: ArgumentHelp("Neutrality reports file (CSV): each report is a recorded tie (reported support), as in `analyze --reports`.", valueName: "file")) var reports: String?
    @OptionGroup(title: "Loyalty and retaliation") var loyaltyOptions: LoyaltyTestOptions
    @Option(help: "Seed of the permutations.") var seed: UInt64 = 1
    @Option(help: "text or json.") var format: TextOrJSON = .text

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, ties: ties, units: units, aliases: aliasInput.aliases, reports: reports))
        var p = Investigation.Parameters()
        p.seed = seed
        loyaltyOptions.apply(to: &p)
        let r = LoyaltyAnalysis(options: p.loyaltyOptions).run(transfers: read.transfers, calendar: read.calendar!, ties: read.ties, units: read.units)
        if format == .json {
            struct Out: Encodable {
                let loyalty, retaliation, sanctions: [LoyaltyAnalysis.Flag]
                let groupTests: [LoyaltyAnalysis.GroupTest]
                let notes: [String]
            }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(Out(loyalty: r.loyalty, retaliation: r.retaliation, sanctions: r.sanctions,
                                    groupTests: r.groupTests, notes: r.notes)) + Data("\n".utf8), to: nil)
            return
        }
        var out = ""
        func flags(_ title: String, _ fs: [LoyaltyAnalysis.Flag]) {
            out += "\(title): \(fs.count)\n"
            for f in fs {
                let links = f.links.map { $0.derived ? "\($0.relation) (derived)" : $0.relation }.joined(separator: ", ")
                out += "  \(f.date)  \(f.nip)  \(f.name)  \(f.why)  rank \(f.fromRank.map(String.init) ?? "-")->\(f.toRank.map(String.init) ?? "-")  "
                out += "SK \(f.decreeNo)  +\(f.daysAfterInauguration)d  linked to \(f.linkedTo) by \(links)\n"
            }
            out += "\n"
        }
        flags("loyalty (winner-linked promotions)", r.loyalty)
        flags("retaliation (loser-linked push-outs)", r.retaliation)
        flags("discipline sanctions of linked people (not flagged)", r.sanctions)
        out += "group tests, people in service at the inauguration\(loyaltyOptions.derivedInGroupTest ? "" : ", recorded ties only") (Fisher's exact test, conditional MLE odds ratio, 95% exact CI; decree permutation test; q across elections):\n"
        for g in r.groupTests {
            let or = OddsRatioText.text(g.oddsRatio), hi = OddsRatioText.text(g.ciHigh)
            out += "  \(g.election)  \(g.event.rawValue)  linked \(g.linkedWithEvent)/\(g.linked)  others \(g.otherWithEvent)/\(g.other)  "
            out += "OR \(or) [\(String(format: "%.2f", g.ciLow)), \(hi)]  p = \(String(format: "%.3g", g.pValue)) q = \(String(format: "%.3g", g.qValue))  "
            out += "decrees \(g.decreesWithEvent)/\(g.decrees) moving \(g.linkedInEventDecrees) linked: p = \(String(format: "%.3g", g.decreePValue)) q = \(String(format: "%.3g", g.decreeQValue))\n"
        }
        for n in r.notes { out += "  note: \(n)\n" }
        try emit(out, to: nil)
    }
}
