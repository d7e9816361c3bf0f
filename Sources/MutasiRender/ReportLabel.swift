/// Every label of the report, the evidence pages and the pictures drawn for them: one case per
/// label, its raw value the key the tables were written with. `ReportLanguage` gives each its text
/// in each language; a test checks that both tables hold every case.
package enum ReportLabel: String, Sendable, CaseIterable {
    case title
    case subtitle
    case summary
    case violations
    case waves
    case loyalty
    case network
    case methods
    case rejects
    case recordsRead
    case recordsAccepted
    case recordsRejected
    case patronsCaption
    case candidate
    case clients
    case promotionsGiven
    case pushOutsGiven
    case jptHeld
    case pageRank
    case otherRejected
    case duplicates
    case warnings
    case wavesFound
    case violationsFound
    case approvedFound
    case loyaltyFlags
    case retaliationFlags
    case people
    case decrees
    case regions
    case decree
    case date
    case signer
    case persons
    case officials
    case rule
    case citation
    case window
    case daysToVote
    case approval
    case status
    case region
    case election
    case start
    case end
    case expected
    case ratio
    case pValue
    case units
    case inWindow
    case nip
    case name
    case linkedTo
    case links
    case move
    case moves
    case why
    case daysAfter
    case fromRank
    case toRank
    case winner
    case event
    case linkedWith
    case linked
    case otherWith
    case other
    case oddsRatio
    case ci
    case file
    case line
    case column
    case reason
    case noViolations
    case noWaves
    case nationalEvents
    case regionsAffected
    case meanPerWeek
    case smallestWave
    case untestableRegions
    case noLoyalty
    case noRetaliation
    case noSanctions
    case noRejects
    case noTests
    case loyaltyTable
    case retaliationTable
    case sanctionsTable
    case groupTests
    case fisherP
    case fisherQ
    case eventDecrees
    case decreeP
    case decreeQ
    case promotion
    case pushedOut = "pushed_out"
    case violation
    case approved
    case inputs
    case parameters
    case derivedNote
    case pseudonymNote
    case rejectsMore
    case networkCaption
    case patronCaption
    case overviewCaption
    case timelineCaption
    case generated
    case kindMutation = "kind.mutation"
    case kindPromotion = "kind.promotion"
    case kindDemotion = "kind.demotion"
    case kindNonjob = "kind.nonjob"
    case kindAppointment = "kind.appointment"
    case kindActing = "kind.acting"
    case kindDismissal = "kind.dismissal"
    case roleElected = "role.elected"
    case roleActing = "role.acting"
    case roleUnknown = "role.unknown"
    case tieKin = "tie.kin"
    case tieSpouse = "tie.spouse"
    case tieCampaignTeam = "tie.campaign_team"
    case tieReportedSupport = "tie.reported_support"
    case tieParty = "tie.party"
    case tieFriend = "tie.friend"
    case noUnit
    case summaryCaption = "sum.caption"
    case summaryDecrees = "sum.decrees"
    case summaryPeople = "sum.people"
    case summaryOfficials = "sum.officials"
    case summaryTied = "sum.tied"
    case summaryMoreUnits = "sum.moreUnits"
    case summaryMore = "sum.more"
    case patronOverviewCaption = "po.caption"
    case patronOverviewPromoted = "po.promoted"
    case patronOverviewPushedOut = "po.pushedOut"
    case patronOverviewMoved = "po.moved"
    case patronOverviewMoves = "po.moves"
    case patronOverviewClients = "po.clients"
    case patronOverviewTied = "po.tied"
    case patronOverviewWinner = "po.winner"
    case networkPeople
    case legendTie = "legend.tie"
    case legendRanAs = "legend.ranAs"
    case rules
    case violationDecrees
    case violationFlags
    case approvedDecrees
    case evidenceNote
    case generatedOn
    case bytes
    case methodRulePack = "m.rulePack"
    case methodSeed = "m.seed"
    case methodAlpha = "m.alpha"
    case methodMonteCarlo = "m.monteCarlo"
    case methodLoyaltyWindow = "m.loyaltyWindow"
    case methodMonths = "m.months"
    case methodGenerator = "m.generator"
    case methodSchema = "m.schema"
    case methodGeneratedAt = "m.generatedAt"
    case methodGroupTestColumns = "m.groupTestColumns"
    case methodsText
    case caseTitle = "case"
    case signerRole
    case noApproval
    case evidenceDecree
    case evidenceRules
    case evidencePeople
    case evidenceDiagram
    case evidenceSources
    case evidenceSourcesNote
    case evidenceSubtitle
    case backToReport
    case fromPost
    case toPost
    case effective
    case source
    case noRows
    case noDiagram
    case diagramLeftOut
    case evidenceLeftOut
    case sheetCaption
    case whyPromotion = "why.promotion"
    case whyRankUp = "why.rank up"
    case whyIntoAStructuralPost = "why.into a structural post"
    case whyLostStructuralPost = "why.lost structural post"
    case whyRankDown = "why.rank down"
    case whyRemoteUnit = "why.remote unit"
    case whyDemotion = "why.demotion"
    case whyNonjob = "why.nonjob"
    case whyDismissal = "why.dismissal"
    case whyGradeUp = "why.grade up"
    // the methods section's tables of columns and of calendar matches
    case columnsCaption
    case columnsFile
    case columnsColumn
    case columnsHeader
    case columnsMeaning
    case knownExtraColumn
    case unknownColumn
    case missingField
    case noUnreadColumns
    case matchingCaption
    case matchingKind
    case matchingName
    case matchingRegion
    case matchingRows
    case matchingClosest
    case unmatchedSigner
    case unmatchedRegion
    case noUnmatched
    case matchedByName
    case matchedByAlias
    case matchedNear
}
