import MutasiAnalysis

/// What the overview counts of a run's findings; `Investigation.Findings` is one (MutasiReport).
package protocol OverviewFindings {
    var waves: [Wave] { get }
    var legalFlags: [LegalFlag] { get }
    var loyalty: [LoyaltyAnalysis.Flag] { get }
    var retaliation: [LoyaltyAnalysis.Flag] { get }
}
