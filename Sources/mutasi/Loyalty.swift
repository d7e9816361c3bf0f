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
    @Option(help: "Months after the inauguration in which moves count.") var months = 24
    @Flag(help: "Count only recorded ties, not links derived from promotions signed by a candidate.") var noDerivedLinks = false
    @Flag(help: "Count derived links in the group tests too (by default they are flagged per person only).") var derivedInGroupTest = false
    @Option(help: "Permutations of decrees in the decree test.") var permutations = 9_999
    @Option(help: "Seed of the permutations.") var seed: UInt64 = 1
    @Option(help: "text or json.") var format: TextOrJSON = .text

    func validate() throws {
        try aliasInput.check(elections: elections)
        guard permutations >= 19 else { throw ValidationError("--permutations must be at least 19.") }
    }

    func run() throws {
        var (set, _) = try reportingInputErrors { try TransferReader.read(paths: try inputs.files(), sheet: inputs.sheet) }
        let tieList = try readSideTable(ties, TieReader.read(path:))
        let unitList = try units.map { try readSideTable($0, UnitReader.read(path:)) } ?? []
        let (calendar, _) = try readCalendar(elections, aliases: aliasInput.aliases, units: unitList, resolving: &set)
        var options = LoyaltyAnalysis.Options()
        options.months = months
        options.useDerivedLinks = !noDerivedLinks
        options.derivedLinksInGroupTest = derivedInGroupTest
        options.permutations = permutations
        options.seed = seed
        let r = LoyaltyAnalysis(options: options).run(transfers: set, calendar: calendar, ties: tieList, units: unitList)
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
        out += "group tests, people in service at the inauguration\(derivedInGroupTest ? "" : ", recorded ties only") (Fisher's exact test, conditional MLE odds ratio, 95% exact CI; decree permutation test; q across elections):\n"
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
