import ArgumentParser
import Foundation
import MutasiGraph

struct EventStudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-study",
        abstract: "An outcome per region-month regressed on event-time dummies around each region's vote.",
        discussion: """
        The panel of `mutasi panel` (monthly); event time is minus months_to_vote (the region's nearest \
        regional vote). Region and calendar-month fixed effects, year fixed effects when the votes fall \
        in different years; months beyond the window binned into its ends (--endpoints drop leaves them \
        out); incomplete periods left out and counted. Errors clustered by region, CR1 as Stata's: \
        G/(G-1)*(N-1)/(N-K); intervals use t with G-1 degrees of freedom. docs/METHODS.md.
        """
    )

    enum Estimator: String, ExpressibleByArgument, CaseIterable { case ols, ppml }

    @OptionGroup var panelInputs: PanelInputs
    @Option(help: ArgumentHelp("The panel's count column to use: \(MutasiGraph.Panel.countColumns.joined(separator: ", ")).", valueName: "column"))
    var outcome = "people_moved"
    @Option(parsing: .unconditional, help: ArgumentHelp("Event months, first..last.", valueName: "a..b")) var window = "-24..23"
    @Option(parsing: .unconditional, help: "The event month without a dummy (the coefficients are differences from it).") var reference = -1
    @Option(help: "ols, or ppml (Poisson pseudo-maximum likelihood).") var estimator: Estimator = .ols
    @Option(help: "bin (months beyond the window count as its first or last) or drop.") var endpoints: EventStudy.Endpoints = .bin
    @Option(help: "Confidence level of the intervals.") var confidence = 0.95
    @Option(help: "text or json.") var format: TextOrJSON = .text
    @Option(help: ArgumentHelp("Also write the coefficient plot (SVG) to this file.", valueName: "file.svg")) var plot: String?

    func parsedWindow() throws -> ClosedRange<Int> {
        let parts = window.components(separatedBy: "..")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a < b else {
            throw ValidationError("--window must be two whole numbers as first..last, e.g. -24..23.")
        }
        return a...b
    }

    func validate() throws {
        let w = try parsedWindow()
        guard w.contains(reference) else { throw ValidationError("--reference \(reference) is outside the window \(window).") }
        guard MutasiGraph.Panel.count(outcome) != nil else {
            throw ValidationError("--outcome must be one of \(MutasiGraph.Panel.countColumns.joined(separator: ", ")).")
        }
        guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence must be between 0 and 1.") }
    }

    func run() throws {
        let (panel, _, _) = try panelInputs.panel(by: .month)
        var o = EventStudy.Options()
        o.window = try parsedWindow()
        o.reference = reference
        o.estimator = estimator == .ols ? .ols : .poisson
        o.endpoints = endpoints
        o.confidence = confidence
        let result: EventStudy.Result
        do {
            result = try EventStudy(options: o).fit(EventStudy.observations(panel, outcome: outcome)!, outcome: outcome)
        } catch {
            warn("error: \(error)")
            throw ExitCode(1)
        }
        if let plot { try reportingInputErrors { try OutputFile.write(EventStudyPlot.svg(result), to: plot) } }
        if format == .json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            return try emit(enc.encode(result) + Data("\n".utf8), to: nil)
        }
        var out = "event study of \(outcome) (\(result.estimator == .ols ? "OLS" : "PPML")), window \(result.windowStart)..\(result.windowEnd) (\(result.endpoints == .bin ? "ends binned" : "months beyond left out")), reference \(result.reference)\n"
        out += "n = \(result.n) region-months, \(result.regions) regions, \(result.parameters) parameters; fixed effects: region, calendar month\(result.yearFixedEffects ? ", year" : "")\n"
        out += "left out: \(result.dropped) incomplete periods, \(result.noVote) rows of regions with no regional vote"
        if result.outsideWindow > 0 { out += ", \(result.outsideWindow) outside the window" }
        if result.separated > 0 { out += ", \(result.separated) separated (PPML)" }
        out += "\n"
        if !result.omitted.isEmpty { out += "omitted as collinear or empty: \(result.omitted.joined(separator: ", "))\n" }
        out += "errors clustered by region (CR1); \(String(format: "%g", confidence * 100))% intervals with t(\(result.regions - 1)) = \(String(format: "%.4f", result.criticalValue))\n\n"
        out += "    k     estimate          se        ci low       ci high\n"
        for c in result.coefficients {
            out += String(format: "%5d  %11.4f  %10.4f  %12.4f  %12.4f\n", c.k, c.estimate, c.se, c.ciLow, c.ciHigh)
        }
        try emit(out, to: nil)
    }
}

extension EventStudy.Endpoints: ExpressibleByArgument {}
