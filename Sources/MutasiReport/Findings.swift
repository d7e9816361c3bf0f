import Crypto
import Foundation
import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis
import MutasiNetwork
import MutasiRender

/// A run's inputs, parameters and findings: what `findings.json` and the report show. Running it
/// (`Investigation.run`, `write`) is the pipeline's (MutasiPipeline), which sits above the report.
public enum Investigation {
    public struct Inputs: Sendable {
        public var transfers: [String]
        /// The election calendar; every detector but the network needs one (`analyze` requires it).
        public var elections: String?
        public var ties: String?
        public var units: String?
        public var approvals: String?
        public var rules: String?
        /// For `.xlsx` transfer files: the one sheet to read (nil: every sheet with a NIP column).
        public var sheet: String?
        /// Neutrality reports (CSV): each report's follow-up, and a recorded tie for loyalty.
        public var reports: String?
        /// Spellings of people, regions and units that cannot be inferred (`--aliases`).
        public var aliases: String?
        public init(transfers: [String], elections: String?, ties: String? = nil, units: String? = nil,
                    approvals: String? = nil, rules: String? = nil, aliases: String? = nil, reports: String? = nil) {
            self.transfers = transfers; self.elections = elections; self.ties = ties
            self.units = units; self.approvals = approvals; self.rules = rules; self.aliases = aliases
            self.reports = reports
        }
        /// Every input file, for `WriteGuard`.
        public var all: [String] { transfers + [elections, ties, units, approvals, rules, aliases, reports].compactMap { $0 } }
    }

    public struct Parameters: Sendable, Encodable {
        public var seed: UInt64 = 1
        public var alpha = 0.05
        /// False discovery rate across regions for waves (Benjamini-Hochberg), with more than one region.
        public var fdr = 0.1
        /// The most Monte Carlo replications a wave test runs (it stops earlier when it can).
        public var replications = 9_999
        public var months = 24
        public var lang: ReportLanguage = .id
        /// The case name shown on the report and evidence pages (`--title`).
        public var title: String?
        /// Set to pseudonymise every NIP and civil servant's name before analysis; never written out.
        public var pseudonymKey: String?
        /// Days after a neutrality report's recommendation in which a sanction is its follow-up
        /// (written in `neutralityReports.followUpDays`).
        public var followUpDays = 90
        /// Months after a neutrality report in which a rise counts as a promotion instead of a sanction.
        public var riseMonths = 24
        /// Permutations of decrees in the loyalty test's decree test.
        public var permutations = 9_999
        /// Whether loyalty counts links derived from promotions signed by a candidate, not only recorded ties.
        public var useDerivedLinks = true
        /// Whether derived links count in the loyalty group tests too (by default per person only).
        public var derivedLinksInGroupTest = false
        public init() {}
        enum CodingKeys: String, CodingKey { case seed, alpha, fdr, replications, months, lang }
    }

    /// Whether `write` exports the whole network as GraphML and GEXF. A national network has millions
    /// of nodes: its files are tens of gigabytes, take minutes to write, and Gephi does not open them
    /// (it slows past about 100k nodes); `mutasi graph --region` exports a part instead.
    public enum NetworkFiles: String, Sendable, CaseIterable {
        /// Written when the network has at most `automaticLimit` nodes.
        case auto
        case always
        case never

        package static let automaticLimit = 250_000

        package func writes(nodes: Int) -> Bool {
            switch self {
            case .auto: nodes <= NetworkFiles.automaticLimit
            case .always: true
            case .never: false
            }
        }
    }

    /// The network's metrics for the report: the patrons with most clients and the brokers, not
    /// every node (a national network has millions; `mutasi network --format json` gives them all).
    public struct NetworkSummary: Sendable, Encodable {
        public var nodes, edges, communities: Int
        public var modularity: Double
        public var louvainSeed: UInt64
        public var betweennessExact: Bool
        public var betweennessSources: Int?
        public var patrons: [NetworkMetrics.Patron]
        public var brokers: [NetworkMetrics.NodeScore]

        package init(nodes: Int, edges: Int, communities: Int, modularity: Double, louvainSeed: UInt64, betweennessExact: Bool,
                     betweennessSources: Int?, patrons: [NetworkMetrics.Patron], brokers: [NetworkMetrics.NodeScore]) {
            self.nodes = nodes; self.edges = edges; self.communities = communities; self.modularity = modularity
            self.louvainSeed = louvainSeed; self.betweennessExact = betweennessExact; self.betweennessSources = betweennessSources
            self.patrons = patrons; self.brokers = brokers
        }
    }

    public struct InputFile: Sendable, Encodable {
        public var path: String
        public var sha256: String
        public var bytes: Int

        /// Hashes the file in blocks: a national transfer file is gigabytes and is never held whole.
        package init(path: String) {
            let (bytes, hash) = OutputFolder.sha256(of: path) ?? (0, SHA256.hash(data: Data()).map { String(format: "%02x", $0) }.joined())
            self.init(path: path, sha256: hash, bytes: bytes)
        }

        init(path: String, sha256: String, bytes: Int) { self.path = path; self.sha256 = sha256; self.bytes = bytes }
    }

    public struct Summary: Sendable, Encodable {
        /// Transfer rows.
        public var recordsRead, recordsAccepted, recordsRejected: Int
        /// Rows rejected in the ties, units and approvals files (listed in `rejects` with the transfers').
        public var otherFilesRowsRejected: Int
        public var duplicatesMerged, warnings: Int
        public var people, decrees, regions: Int
        public var waves, violations, approved, loyalty, retaliation, sanctions: Int
        public var pseudonymised: Bool

        package init(recordsRead: Int, recordsAccepted: Int, recordsRejected: Int, otherFilesRowsRejected: Int, duplicatesMerged: Int,
                     warnings: Int, people: Int, decrees: Int, regions: Int, waves: Int, violations: Int, approved: Int, loyalty: Int,
                     retaliation: Int, sanctions: Int, pseudonymised: Bool) {
            self.recordsRead = recordsRead; self.recordsAccepted = recordsAccepted; self.recordsRejected = recordsRejected
            self.otherFilesRowsRejected = otherFilesRowsRejected; self.duplicatesMerged = duplicatesMerged; self.warnings = warnings
            self.people = people; self.decrees = decrees; self.regions = regions; self.waves = waves; self.violations = violations
            self.approved = approved; self.loyalty = loyalty; self.retaliation = retaliation; self.sanctions = sanctions
            self.pseudonymised = pseudonymised
        }
    }

    /// What `findings.json` holds (schema in docs/findings.schema.json).
    public struct Findings: Sendable, Encodable {
        public var schemaVersion = 1
        public var generator = "MutasiGraph"
        /// `Provenance.version`, and when the findings were made (`Provenance.generatedAt`).
        public var version = Provenance.version
        public var generatedAt = Provenance.generatedAt()
        /// The case name (`--title`), shown on every page; nil when none was given.
        public var title: String?
        public var summary: Summary
        public var rejects: [RowIssue]
        public var waves: [Wave]
        public var legalFlags: [LegalFlag]
        public var loyalty: [LoyaltyAnalysis.Flag]
        public var retaliation: [LoyaltyAnalysis.Flag]
        public var sanctions: [LoyaltyAnalysis.Flag]
        public var groupTests: [LoyaltyAnalysis.GroupTest]
        public var network: NetworkSummary
        public var notes: [String]
        public var rulePack: String
        public var parameters: Parameters
        public var inputs: [InputFile]
        /// Signers and regions matched to the calendar: near and alias matches with their scores,
        /// and everything that matched nothing, with row counts and the closest candidate.
        public var matching: MatchReport
        /// Weeks in which many regions all moved far more people than usual, reported once.
        public var nationalEvents: [NationalEvent] = []
        /// Every region's wave test: p- and q-value, whether it could show a wave at all.
        public var waveRegions: [RegionWaveTest] = []
        /// Present when a neutrality reports file was given.
        public var neutralityReports: NeutralityFindings? = nil
        /// How each transfer file's header was read: header to field, the columns read as no
        /// field (named, so that nothing a user gave is dropped without a word), costly ones missing.
        public var columns: [ColumnMapping] = []
        /// Present when evidence pages or their pictures were left out by a limit (`--evidence-pages`,
        /// `--evidence-pictures`): how many, and the options that write them all.
        public var evidence: EvidenceCoverage? = nil

        package init(title: String? = nil, summary: Summary, rejects: [RowIssue], waves: [Wave], legalFlags: [LegalFlag],
                     loyalty: [LoyaltyAnalysis.Flag], retaliation: [LoyaltyAnalysis.Flag], sanctions: [LoyaltyAnalysis.Flag],
                     groupTests: [LoyaltyAnalysis.GroupTest], network: NetworkSummary, notes: [String], rulePack: String,
                     parameters: Parameters, inputs: [InputFile], matching: MatchReport, nationalEvents: [NationalEvent] = [],
                     waveRegions: [RegionWaveTest] = [], neutralityReports: NeutralityFindings? = nil, columns: [ColumnMapping] = []) {
            self.title = title; self.summary = summary; self.rejects = rejects; self.waves = waves; self.legalFlags = legalFlags
            self.loyalty = loyalty; self.retaliation = retaliation; self.sanctions = sanctions; self.groupTests = groupTests
            self.network = network; self.notes = notes; self.rulePack = rulePack; self.parameters = parameters; self.inputs = inputs
            self.matching = matching; self.nationalEvents = nationalEvents; self.waveRegions = waveRegions
            self.neutralityReports = neutralityReports; self.columns = columns
        }
    }

    /// How many evidence pages and pictures a run writes (`EvidencePages`). Both follow the report's table (violations first,
    /// then by date), so what is left out is the end of that order, never a violation before an
    /// approved decree; every flagged decree stays in flags.csv and in the report's table.
    public struct EvidenceLimits: Sendable, Equatable {
        /// Pages written at most (nil: one for every flagged decree). A national run flags hundreds
        /// of thousands of decrees: as many files of about 10 KB, more than anyone reads one by one.
        public var pages: Int? = EvidenceLimits.defaultPages
        /// Pages with a picture at most (nil: all): each is a Graphviz layout, drawn one at a time.
        public var pictures: Int? = EvidenceLimits.defaultPictures
        public static let defaultPages = 50_000
        public static let defaultPictures = 1_000
        /// No limit: a page and a picture for every flagged decree.
        public static let all = EvidenceLimits(pages: nil, pictures: nil)
        public init(pages: Int? = EvidenceLimits.defaultPages, pictures: Int? = EvidenceLimits.defaultPictures) { self.pages = pages; self.pictures = pictures }
    }

    /// The evidence pages and pictures a run wrote when its limits left some out. Pages follow the
    /// report's table (violations first, then by date); the decrees past the limit are still in
    /// flags.csv, findings.json's `legalFlags` and the report's table, without a page.
    public struct EvidenceCoverage: Sendable, Encodable, Equatable {
        /// Decrees in a rule window (with or without approval): one row each in the report's table.
        public var flaggedDecrees: Int
        /// Pages written, for the first `pages` decrees of the table.
        public var pages: Int
        public var pagesLeftOut: Int
        /// Pages with a picture of the decree, the first ones written.
        public var pictures: Int
        /// Pages written without their picture because of the limit.
        public var picturesLeftOut: Int
        /// The options of `analyze` (and `demo`) that write every page and picture.
        public var toWriteAll: String
    }

    public struct Result: Sendable {
        public var findings: Findings
        public var network: Network
        public var transfers: TransferSet
        public var calendar: ElectionCalendar
        /// How each transfer file's header was read (header → field, columns read as no field,
        /// costly columns missing), for the report's methods and the command's warnings.
        public var columns: [ColumnMapping] = []
        /// The ties read (pseudonymised with the rest), for the evidence sheets' pictures.
        public var ties: [Tie] = []
        /// The civil servants' NIPs and names of a pseudonymised run, to check the outputs for them.
        public var personalData: PersonalData?
        /// The evidence pages, when `Investigation.run` wrote them already (into the output folder it
        /// was given, while the network metrics finished); `write` then leaves them as they are.
        package var evidence: EvidencePages.Written?

        package init(findings: Findings, network: Network, transfers: TransferSet, calendar: ElectionCalendar, columns: [ColumnMapping] = [],
                     ties: [Tie] = [], personalData: PersonalData? = nil) {
            self.findings = findings; self.network = network; self.transfers = transfers; self.calendar = calendar
            self.columns = columns; self.ties = ties; self.personalData = personalData
        }
    }
}

extension Investigation.Findings: OverviewFindings {}
