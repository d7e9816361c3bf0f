import ArgumentParser
import MutasiGraph

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic case with ground truth (truth.json), for calibration and benchmarks.",
        discussion: "transfers.csv is streamed, so national sizes (hundreds of regions, millions of rows) fit in memory."
    )

    @Option(help: "Number of regions.") var regions = 10
    @Option(help: "Years of history, ending in 2026.") var years = 6
    @Option(help: "Civil servants per region.") var people = 400
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(help: "Plant one wave per region before the 2024 vote, without approval.") var plantWaves = false
    @Flag(help: "Plant promotions of winner-linked and push-outs of loser-linked people after the inauguration.") var plantLoyalty = false
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        guard regions >= 1, years >= 1, years <= 30, people >= 20 else { throw ValidationError("Need regions >= 1, 1 <= years <= 30, people >= 20.") }
    }

    func run() throws {
        var o = Synth.Options()
        o.regions = regions; o.years = years; o.seed = seed; o.peoplePerRegion = people
        o.plantWaves = plantWaves; o.plantLoyalty = plantLoyalty
        let truth = try reportingInputErrors { try Synth.write(o, to: out) }
        print("wrote \(out)/: transfers.csv (\(truth.rows) rows), elections.yaml, ties.csv, units.csv, truth.json (\(truth.waves.count) waves, \(truth.loyalty.count) loyalty, \(truth.retaliation.count) retaliation planted)")
    }
}
