import ArgumentParser
import Foundation
import MutasiGraph

struct Sanctions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Neutrality reports: was each reported civil servant sanctioned, left alone, or promoted instead? With exact tests of the winner's supporters against the others'.",
        discussion: "Statuses: sanctioned (a sanction decree recorded in the report, or a demotion, release from post or dismissal whose reason names discipline or PP 94/2021, after the recommendation), promoted_instead (a rise after the report and no sanction), pending (the follow-up window ends after the region's last decree), not_followed_up (nothing in the window). Rows of the reports file that cannot be used are listed on standard error."
    )

    @OptionGroup var inputs: TransferInputs
    @OptionGroup var aliasInput: AliasInput
    @Option(help: "Election calendar (YAML/JSON).") var elections: String
    @Option(help: ArgumentHelp("Neutrality reports file (CSV).", valueName: "file")) var reports: String
    @OptionGroup(title: "Neutrality reports") var sanctionOptions: SanctionFollowUpOptions
    @Option(help: "text or json.") var format: TextOrJSON = .text

    func validate() throws {
        try aliasInput.check(elections: elections)
    }

    func run() throws {
        let read = try readInputs(inputs.inputs(elections: elections, aliases: aliasInput.aliases, reports: reports))
        var p = Investigation.Parameters()
        sanctionOptions.apply(to: &p)
        let r = SanctionFollowUp(options: p.sanctionOptions).run(reports: read.neutralityReports, transfers: read.transfers, calendar: read.calendar!)
        if format == .json {
            struct Out: Encodable {
                let reports: [SanctionFollowUp.Outcome]
                let groupTests: [SanctionFollowUp.GroupTest]
                let notes: [String]
                let followUpDays: Int
            }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            try emit(enc.encode(Out(reports: r.reports, groupTests: r.groupTests, notes: r.notes, followUpDays: p.followUpDays)) + Data("\n".utf8), to: nil)
            return
        }
        var out = "neutrality reports: \(r.reports.count) (" + SanctionFollowUp.Status.allCases.map { "\($0.rawValue) \(r.count($0))" }.joined(separator: ", ")
        out += "); follow-up window \(p.followUpDays) days\n"
        for o in r.reports {
            out += "  \(o.status.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(o.nip)  \(o.name)  supported \(o.candidate) (\(o.side.rawValue))"
            out += "  reported \(o.reportDate.iso)  recommended \(o.level?.rawValue ?? "-") \(o.recommendationDate?.iso ?? "")  [\(o.report)]\n"
            out += "      \(o.why)\n"
            for e in o.evidence {
                out += "      \(e.kind.rawValue): \(e.decreeNo.isEmpty ? "(no number)" : e.decreeNo) \(e.date?.iso ?? "")"
                if let d = e.daysAfterRecommendation { out += " +\(d)d" }
                if !e.signer.isEmpty { out += " signed by \(e.signer)\(e.signerFrom == "calendar" ? " (head in office per calendar)" : "")" }
                if !e.reason.isEmpty { out += " reason: \(e.reason)" }
                out += "  [\(e.origin)]\n"
            }
        }
        out += "\ngroup tests (sanctioned: winner's supporters against the others'; Fisher's exact test, conditional MLE odds ratio, 95% exact CI):\n"
        func f(_ x: Double) -> String { OddsRatioText.text(x) }
        for g in r.groupTests {
            out += "  \(g.election)\(g.head.map { " head \($0)" } ?? "")  winner \(g.winner): \(g.winnerSanctioned)/\(g.winnerSupporters) sanctioned"
            out += " (\(g.winnerPromotedInstead) promoted instead)  others \(g.otherSanctioned)/\(g.otherSupporters)"
            out += "  OR \(f(g.oddsRatio)) [\(f(g.ciLow)), \(f(g.ciHigh))]  p = \(String(format: "%.3g", g.pValue))"
            out += g.pendingLeftOut > 0 ? "  (\(g.pendingLeftOut) pending left out)\n" : "\n"
        }
        if r.groupTests.isEmpty { out += "  none (no election with a winner among the reports)\n" }
        for n in r.notes { out += "  note: \(n)\n" }
        try emit(out, to: nil)
    }
}
