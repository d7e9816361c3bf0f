import MutasiAnalysis
import MutasiReport

/// One parameter set for every stage: `Investigation.run` and each command that runs a stage on its
/// own (`mutasi waves`, `loyalty`, `sanctions`, `panel`, `export --format sqlite`) build the stage's
/// options here, so the same parameters give the same results wherever the stage runs. The inputs'
/// stage, reading, is `Investigation.read` (ReadStage.swift).
extension Investigation.Parameters {
    /// The wave scan's options (`WaveDetector`).
    package var waveOptions: WaveDetector.Options {
        var o = WaveDetector.Options()
        o.alpha = alpha
        o.fdr = fdr
        o.seed = seed
        o.replications = replications
        return o
    }

    /// The loyalty and retaliation test's options (`LoyaltyAnalysis`).
    package var loyaltyOptions: LoyaltyAnalysis.Options {
        var o = LoyaltyAnalysis.Options()
        o.months = months
        o.useDerivedLinks = useDerivedLinks
        o.derivedLinksInGroupTest = derivedLinksInGroupTest
        o.permutations = permutations
        o.seed = seed
        return o
    }

    /// The neutrality reports' follow-up options (`SanctionFollowUp`).
    package var sanctionOptions: SanctionFollowUp.Options {
        var o = SanctionFollowUp.Options()
        o.followUpDays = followUpDays
        o.riseMonths = riseMonths
        return o
    }
}
