import ArgumentParser
import MutasiGraph

// The options of each stage, declared once: every command that runs the stage takes the group, so
// a stage's option has the same name, default, help and check wherever the stage runs, and sets
// the same field of `Investigation.Parameters` (from which MutasiPipeline builds the stage's
// options). docs/ARCHITECTURE.md has the table of stages and commands.

/// The wave scan (`analyze`, `waves`).
struct WaveTestOptions: ParsableArguments {
    @Option(help: "Significance level for waves with one region.") var alpha = 0.05
    @Option(help: "False discovery rate for waves across regions (Benjamini-Hochberg), with more than one region.") var fdr = 0.1
    @Option(help: "Most Monte Carlo replications per wave test (a test stops after 10 replicates as extreme as the data).") var replications = 9_999

    func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1.") }
        guard fdr > 0 && fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1.") }
        guard replications >= 19 else { throw ValidationError("--replications must be at least 19.") }
    }

    func apply(to p: inout Investigation.Parameters) {
        p.alpha = alpha
        p.fdr = fdr
        p.replications = replications
    }
}

/// The loyalty and retaliation test (`analyze`, `loyalty`).
struct LoyaltyTestOptions: ParsableArguments {
    @Option(help: "Months after the inauguration in which moves count as loyalty or retaliation.") var months = 24
    @Flag(help: "Count only recorded ties, not links derived from promotions signed by a candidate.") var noDerivedLinks = false
    @Flag(help: "Count derived links in the group tests too (by default they are flagged per person only).") var derivedInGroupTest = false
    @Option(help: "Permutations of decrees in the loyalty decree test.") var permutations = 9_999

    func validate() throws {
        guard months >= 1 else { throw ValidationError("--months must be at least 1.") }
        guard permutations >= 19 else { throw ValidationError("--permutations must be at least 19.") }
    }

    func apply(to p: inout Investigation.Parameters) {
        p.months = months
        p.useDerivedLinks = !noDerivedLinks
        p.derivedLinksInGroupTest = derivedInGroupTest
        p.permutations = permutations
    }
}

/// The neutrality reports' follow-up (`analyze --reports`, `sanctions`).
struct SanctionFollowUpOptions: ParsableArguments {
    @Option(help: "Days after a neutrality report's recommendation in which a sanction counts as its follow-up.") var followUpDays = 90
    @Option(help: "Months after a neutrality report in which a rise counts as a promotion instead.") var riseMonths = 24

    func validate() throws {
        if followUpDays < 1 { throw ValidationError("--follow-up-days must be at least 1.") }
        if riseMonths < 1 { throw ValidationError("--rise-months must be at least 1.") }
    }

    func apply(to p: inout Investigation.Parameters) {
        p.followUpDays = followUpDays
        p.riseMonths = riseMonths
    }
}

/// The rule windows' inputs (`analyze`, `waves`, `panel`, `event-study`, `export --format sqlite`).
struct RuleInputs: ParsableArguments {
    @Option(help: ArgumentHelp("A rule pack (YAML) instead of the built-in Indonesian one (`mutasi rules` prints it).", valueName: "file"))
    var rules: String?
    @Option(help: ArgumentHelp("Approvals file (CSV: decree_no, approval[, region, approval_date]).", valueName: "file"))
    var approvals: String?
}
