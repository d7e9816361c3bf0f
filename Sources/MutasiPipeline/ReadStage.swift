import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis
import MutasiReport

/// The read stage, the first of every run: `Investigation.run` and each command that reads inputs
/// (`mutasi waves`, `loyalty`, `network`, ...) read them here, so an input file means the same
/// wherever it is given (an aliases file renames the same signers, a neutrality report is the same
/// recorded tie, the rule pack is the same pack).
extension Investigation {
    /// The inputs read, checked and put in the calendar's terms, for the stages after reading.
    public struct ReadInputs: Sendable {
        /// The transfers: one spelling per region, signers as the heads they are (with a calendar),
        /// pseudonymised when the parameters hold a key.
        public var transfers: TransferSet
        /// What reading the transfer files accepted, merged and rejected.
        public var ingest: IngestReport
        /// The calendar with its aliases and the units file's provinces; nil without `elections`.
        public var calendar: ElectionCalendar?
        /// How signers and regions matched the calendar; nil without one.
        public var matching: MatchReport?
        /// What in the calendar looks wrong against the transfers.
        public var calendarWarnings: [RowIssue] = []
        /// Recorded ties, with one per neutrality report ("reported support").
        public var ties: [Tie] = []
        public var units: [UnitInfo] = []
        /// Approval references by decree (`ApprovalReader.resolve`).
        public var approvals: [String: String] = [:]
        public var neutralityReports: [NeutralityReport] = []
        /// What reading the neutrality reports file accepted and rejected (empty without one).
        public var neutralityIngest = IngestReport()
        public var rulePack: RulePack = .indonesia
        /// Each side file read (ties, units, approvals, aliases, reports) and what reading it found.
        public var sideFiles: [(file: String, report: IngestReport)] = []
        /// Approval rows that fit no one decree (also in `otherRejects`).
        public var approvalRejects: [RowIssue] = []
        /// Rows rejected in the side files, and approvals that fit no one decree, in reading order;
        /// listed with the transfers' own (rejects.csv).
        public var otherRejects: [RowIssue] = []
        /// Set when the run is pseudonymised: what was replaced, to scrub and check outputs.
        public var personalData: PersonalData?
        /// The approvals file's rows until the transfers are matched to the calendar.
        var approvalRecords: [ApprovalRecord] = []
    }

    /// Reads every input `inputs` names, matches the transfers to the calendar and, when `p` holds a
    /// key, pseudonymises them. Rejected rows are returned, never printed (the library never prints).
    public static func read(_ inputs: Inputs, _ p: Parameters = Parameters(), progress: (String) -> Void = { _ in }) throws -> ReadInputs {
        progress("reading \(inputs.transfers.count) transfer file(s)")
        let (set, ingest) = try TransferReader.read(paths: inputs.transfers, sheet: inputs.sheet)
        var r = ReadInputs(transfers: set, ingest: ingest)
        let calendarRead = try inputs.elections.map { path throws(InputError) in try CalendarReader.read(path: path) }
        try readSideTables(inputs, into: &r)
        if var calendar = calendarRead {
            if let path = inputs.aliases { calendar.aliases = try r.side(path, AliasReader.read(path:)) }
            calendar.addProvinces(from: r.units)
            // one region and one patron however the files spell them (before pseudonymising: the
            // heads' names are the calendar's)
            progress("matching signers and regions to the calendar")
            r.matching = NameResolution.apply(to: &r.transfers, calendar: calendar)
            r.calendarWarnings = calendar.plausibilityWarnings(transfers: r.transfers)
            r.calendar = calendar
        }
        // an approval without a region whose number more than one region's decrees carry is
        // rejected (after matching: the regions are then one spelling each)
        let (approvals, approvalRejects) = ApprovalReader.resolve(r.approvalRecords, for: r.transfers)
        r.approvals = approvals
        r.approvalRejects = approvalRejects
        r.otherRejects += approvalRejects
        r.approvalRecords = []
        // neutrality reports: their rows checked against the calendar's candidates, and each a
        // recorded tie ("reported support") for the loyalty test
        if let path = inputs.reports {
            (r.neutralityReports, r.neutralityIngest) = try NeutralityReportReader.read(path: path, calendar: r.calendar)
            r.sideFiles.append((path, r.neutralityIngest))
            r.otherRejects += r.neutralityIngest.rejects
            r.ties += r.neutralityReports.map(\.tie)
        }
        r.rulePack = try inputs.rules.map { try RulePack.load(path: $0) } ?? .indonesia
        if let key = p.pseudonymKey {
            progress("pseudonymising")
            try pseudonymise(&r, key: key)
        }
        return r
    }

    /// The ties, units and approvals files (the aliases file comes with the calendar).
    private static func readSideTables(_ inputs: Inputs, into r: inout ReadInputs) throws {
        if let path = inputs.ties { r.ties = try r.side(path, TieReader.read(path:)) }
        if let path = inputs.units { r.units = try r.side(path, UnitReader.read(path:)) }
        if let path = inputs.approvals { r.approvalRecords = try r.side(path, ApprovalReader.read(path:)) }
    }

    /// Replaces every NIP and civil servant's name in the transfers, ties and neutrality reports with
    /// its keyed pseudonym; names in the calendar and units files are public and kept.
    static func pseudonymise(_ r: inout ReadInputs, key: String) throws {
        let pz: Pseudonymizer
        do { pz = try Pseudonymizer(key: key) } catch {
            throw InputError(.malformed, file: "the key", error.description, advice: "Give a longer, random key with --key-file or MUTASI_KEY")
        }
        let calendar = r.calendar ?? ElectionCalendar()
        let publicNames = calendar.heads.map(\.name) + calendar.heads.map(\.region) + calendar.elections.flatMap { e in [e.name, e.region] + e.candidates.map(\.name) }
            + r.units.flatMap { [$0.unit, $0.parent] }
        let data = pz.apply(to: &r.transfers, ties: &r.ties, publicNames: publicNames)
        pz.apply(to: &r.neutralityReports)
        // the reports' free text by the same rules as the rest (names and NIPs in any spacing)
        r.neutralityReports = r.neutralityReports.map { var n = $0; n.conduct = data.scrub(n.conduct); n.source = data.scrub(n.source); return n }
        r.personalData = data
    }
}

extension Investigation.ReadInputs {
    init(transfers: TransferSet, ingest: IngestReport) {
        self.transfers = transfers
        self.ingest = ingest
    }

    /// Reads one side file, keeping what reading it found and its rejected rows.
    mutating func side<T>(_ path: String, _ read: (String) throws(InputError) -> ([T], IngestReport)) throws -> [T] {
        let (items, report) = try read(path)
        sideFiles.append((path, report))
        otherRejects += report.rejects
        return items
    }
}
