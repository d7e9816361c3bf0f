import CSQLite
import Foundation
import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis

/// The whole case as one SQLite file (`mutasi export --format sqlite`): the accepted transfers with
/// their file and line, the rejected rows, people, decrees, the calendar, ties, rule-window flags,
/// waves, loyalty flags and the monthly panel, with indexes on the keys they join on. sqlite3,
/// pandas (`read_sql`), DuckDB and R read it as it is.
///
/// The only file that calls SQLite's C API. Written to a temporary file in one transaction through
/// prepared statements reused row after row, without journal or syncs, indexes made after the
/// inserts, then renamed over the target, so a reader never sees half a database.
package enum CaseDatabase {
    /// Raised when the layout of the tables changes; `schema_version` holds it.
    package static let schemaVersion = 2

    /// Everything the database holds; what is not worked out stays an empty table.
    package struct Contents: Sendable {
        package var transfers: TransferSet
        package var report: IngestReport
        package var calendar: ElectionCalendar
        package var ties: [Tie]
        package var legalFlags: [LegalFlag]
        package var waves: [Wave]
        package var loyalty: LoyaltyAnalysis.Result?
        package var panel: Panel?
        package var careers: CareerTable?

        package init(transfers: TransferSet, report: IngestReport, calendar: ElectionCalendar = ElectionCalendar(), ties: [Tie] = [],
                    legalFlags: [LegalFlag] = [], waves: [Wave] = [], loyalty: LoyaltyAnalysis.Result? = nil,
                    panel: Panel? = nil, careers: CareerTable? = nil) {
            self.transfers = transfers; self.report = report; self.calendar = calendar; self.ties = ties
            self.legalFlags = legalFlags; self.waves = waves; self.loyalty = loyalty; self.panel = panel; self.careers = careers
        }
    }

    /// Rows written per table.
    package typealias Counts = [String: Int]

    /// Writes the database to `path` (replacing a file there).
    /// - Complexity: O(T) inserts for T transfers, plus the other tables' rows.
    @discardableResult
    package static func write(_ c: Contents, to path: String) throws(InputError) -> Counts {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        var db: OpaquePointer?
        guard sqlite3_open_v2(temporary, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            sqlite3_close(db)
            throw InputError(.unreadable, file: path, "cannot create the SQLite file", advice: "Check that its folder exists and can be written.")
        }
        let connection = Connection(db: db, path: path)
        defer { sqlite3_close(db) }
        var counts = Counts()
        do {
            // a new file renamed into place at the end: no journal or syncs needed; the indexes are
            // made after the inserts, their sorts in memory (64 MB of cache)
            try connection.exec("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA page_size = 16384;
                PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; BEGIN
                """)
            try writeTables(c, connection, &counts)
            try connection.exec("COMMIT")
        } catch {
            unlink(temporary)
            throw error
        }
        sqlite3_close(db)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw InputError(.unreadable, file: path, "cannot move the SQLite file into place", advice: "Check that the folder can be written.")
        }
        return counts
    }

    private static func writeTables(_ c: Contents, _ db: Connection, _ counts: inout Counts) throws(InputError) {
        try createTables(db)
        try writeMeta(c, db)
        try writeTransfers(c, db, &counts)
        try writePeopleAndCalendar(c, db, &counts)
        try writeFindings(c, db, &counts)
        try writePanel(c, db, &counts)
        try createIndexes(db)
    }

    private static func createTables(_ db: Connection) throws(InputError) {
        try db.exec("""
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE transfers (id INTEGER PRIMARY KEY, nip TEXT NOT NULL, name TEXT, decree_id INTEGER NOT NULL, decree_no TEXT,
              decree_date TEXT NOT NULL, effective_date TEXT, kind TEXT NOT NULL, kind_inferred INTEGER NOT NULL,
              from_position TEXT, from_unit TEXT, from_echelon TEXT, from_rank INTEGER,
              to_position TEXT, to_unit TEXT, to_echelon TEXT, to_rank INTEGER,
              signed_by TEXT, region TEXT, approval TEXT, reason TEXT, source TEXT, file TEXT NOT NULL, line INTEGER NOT NULL);
            CREATE TABLE rejects (file TEXT, line INTEGER, "column" INTEGER, reason TEXT);
            CREATE TABLE decrees (decree_id INTEGER PRIMARY KEY, region TEXT, decree_no TEXT, label TEXT, decree_date TEXT,
              signed_by TEXT, persons INTEGER, officials INTEGER, approval TEXT);
            CREATE TABLE people (nip TEXT PRIMARY KEY, name TEXT, first_seen TEXT, last_seen TEXT, moves INTEGER, promotions INTEGER,
              push_outs INTEGER, regions TEXT, last_rank INTEGER);
            CREATE TABLE elections (id TEXT PRIMARY KEY, name TEXT, kind TEXT, region TEXT, candidate_determination_date TEXT,
              voting_date TEXT, inauguration_date TEXT, winner TEXT, winner_margin REAL, turnout REAL);
            CREATE TABLE candidates (election_id TEXT, id TEXT, name TEXT, incumbent INTEGER, votes INTEGER, share REAL);
            CREATE TABLE heads (region TEXT, name TEXT, role TEXT, from_date TEXT, to_date TEXT, candidate TEXT);
            CREATE TABLE ties (nip TEXT, related_to TEXT, related_kind TEXT, relation TEXT, since TEXT, until TEXT, source TEXT, line INTEGER);
            CREATE TABLE legal_flags (rule TEXT, citation TEXT, decree_no TEXT, decree_date TEXT, region TEXT, signer TEXT,
              signer_role TEXT, persons INTEGER, officials INTEGER, election TEXT, days_to_voting INTEGER, window_start TEXT,
              window_end TEXT, approval TEXT, status TEXT, evidence TEXT);
            CREATE TABLE waves (region TEXT, start TEXT, "end" TEXT, persons INTEGER, moves INTEGER, officials INTEGER, expected REAL, ratio REAL,
              p_value REAL, decrees TEXT, signers TEXT, election TEXT, days_to_voting INTEGER, in_window TEXT, note TEXT);
            CREATE TABLE loyalty (finding TEXT, nip TEXT, name TEXT, region TEXT, election TEXT, linked_to TEXT, links TEXT,
              derived INTEGER, move TEXT, why TEXT, decree_no TEXT, date TEXT, days_after_inauguration INTEGER,
              from_rank INTEGER, to_rank INTEGER, from_unit TEXT, to_unit TEXT, signer TEXT, reason TEXT, evidence TEXT);
            CREATE TABLE panel (\(Panel.columns.map { "\"\($0)\"" }.joined(separator: ", ")));
            """)
    }

    private static func writeMeta(_ c: Contents, _ db: Connection) throws(InputError) {
        let set = c.transfers
        try db.insert("schema_version", 1) { s in s.bind(1, schemaVersion) }
        let meta: [(String, String)] = [
            ("records_read", "\(c.report.recordsRead)"), ("records_accepted", "\(c.report.recordsAccepted)"),
            ("records_rejected", "\(c.report.recordsRejected)"), ("duplicates_merged", "\(c.report.duplicatesMerged)"),
            ("rejects_listed", "\(c.report.rejects.count)"), ("files", set.files.joined(separator: "\n")),
        ]
        try db.insert("meta", 2, rows: meta) { s, m in s.bind(1, m.0); s.bind(2, m.1) }
    }

    /// The transfers, and the decrees they make (the first row's number, date, signer; people and
    /// officials over all rows).
    private static func writeTransfers(_ c: Contents, _ db: Connection, _ counts: inout Counts) throws(InputError) {
        let set = c.transfers
        // text by symbol, made once: a national file repeats its units and names millions of times
        var texts = [String?](repeating: nil, count: set.strings.count)
        func text(_ sym: Symbol) -> String {
            if let t = texts[Int(sym.id)] { return t }
            let t = set[sym]
            texts[Int(sym.id)] = t
            return t
        }
        // NIPs by person and dates by day, written once each: a person has two moves on average, a
        // day hundreds of rows
        let personOf = set.personNumbers()
        var nips = [String?](repeating: nil, count: personOf.count)
        func nip(_ i: Int) -> String {
            let p = Int(personOf.ofTransfer[i])
            if let n = nips[p] { return n }
            let n = personOf.nips[p].description
            nips[p] = n
            return n
        }
        var isoDays: [Int32: String] = [:]
        func iso(_ d: Day) -> String {
            if let t = isoDays[d.daysSinceEpoch] { return t }
            let t = d.iso
            isoDays[d.daysSinceEpoch] = t
            return t
        }
        let (decreeOf, decreeCount) = set.decreeNumbers()
        counts["transfers"] = try db.insert("transfers", 24, rows: set.transfers.indices) { s, i in
            let t = set.transfers[i]
            s.bind(1, i + 1); s.bind(2, nip(i)); s.bind(3, text(t.name)); s.bind(4, Int(decreeOf[i]) + 1)
            s.bind(5, text(t.decreeNo)); s.bind(6, iso(t.decreeDate)); s.bind(7, t.effectiveDate.map(iso)); s.bind(8, t.kind.rawValue)
            s.bind(9, t.kindWasInferred ? 1 : 0); s.bind(10, text(t.fromPosition)); s.bind(11, text(t.fromUnit))
            s.bind(12, t.fromEchelon?.description); s.bind(13, t.fromEchelon?.rank); s.bind(14, text(t.toPosition))
            s.bind(15, text(t.toUnit)); s.bind(16, t.toEchelon?.description); s.bind(17, t.toEchelon?.rank)
            s.bind(18, text(t.signedBy)); s.bind(19, text(t.region)); s.bind(20, text(t.approval)); s.bind(21, text(t.reason))
            s.bind(22, text(t.source)); s.bind(23, Int(t.fileIndex) < set.files.count ? set.files[Int(t.fileIndex)] : "?")
            s.bind(24, Int(t.line))
        }
        counts["rejects"] = try db.insert("rejects", 4, rows: c.report.rejects) { s, r in
            s.bind(1, r.file); s.bind(2, r.line); s.bind(3, r.column); s.bind(4, r.reason)
        }

        let (first, persons, officials, approval) = decreeTally(set, decreeOf: decreeOf, count: decreeCount)
        counts["decrees"] = try db.insert("decrees", 9, rows: 0..<decreeCount) { s, k in
            let t = set.transfers[Int(first[k])]
            s.bind(1, k + 1); s.bind(2, text(t.region)); s.bind(3, text(t.decreeNo)); s.bind(4, set.decreeLabel(of: t))
            s.bind(5, iso(t.decreeDate)); s.bind(6, text(t.signedBy)); s.bind(7, persons[k]); s.bind(8, officials[k])
            s.bind(9, text(approval[k]))
        }
    }

    /// By decree: its first row, its people, its officials and the first approval among its rows.
    private static func decreeTally(_ set: TransferSet, decreeOf: [Int32], count decreeCount: Int)
        -> (first: [Int32], persons: [Int], officials: [Int], approval: [Symbol]) {
        var first = [Int32](repeating: -1, count: decreeCount), persons = [Int](repeating: 0, count: decreeCount)
        var officials = persons, approval = [Symbol](repeating: .empty, count: decreeCount)
        for (i, t) in set.transfers.enumerated() {
            let k = Int(decreeOf[i])
            if first[k] < 0 { first[k] = Int32(i) }
            persons[k] += 1
            if t.touchesStructuralPost { officials[k] += 1 }
            if approval[k].isEmpty { approval[k] = t.approval }
        }
        return (first, persons, officials, approval)
    }

    private static func writePeopleAndCalendar(_ c: Contents, _ db: Connection, _ counts: inout Counts) throws(InputError) {
        let set = c.transfers
        let people = c.careers?.people ?? CareerTable(transfers: set).people
        counts["people"] = try db.insert("people", 9, rows: people) { s, p in
            s.bind(1, p.nip); s.bind(2, p.name); s.bind(3, p.firstSeen.iso); s.bind(4, p.lastSeen.iso); s.bind(5, p.moves)
            s.bind(6, p.promotions); s.bind(7, p.pushOuts); s.bind(8, p.regions.joined(separator: ";")); s.bind(9, p.lastRank)
        }
        counts["elections"] = try db.insert("elections", 10, rows: c.calendar.elections) { s, e in
            s.bind(1, e.id); s.bind(2, e.name); s.bind(3, e.kind.rawValue); s.bind(4, e.region)
            s.bind(5, e.candidateDeterminationDate?.iso); s.bind(6, e.votingDate.iso); s.bind(7, e.inaugurationDate?.iso)
            s.bind(8, e.winner); s.bind(9, e.winnerMargin); s.bind(10, e.turnout)
        }
        let candidates = c.calendar.elections.flatMap { e in e.candidates.map { (e.id, $0) } }
        counts["candidates"] = try db.insert("candidates", 6, rows: candidates) { s, ec in
            s.bind(1, ec.0); s.bind(2, ec.1.id); s.bind(3, ec.1.name); s.bind(4, ec.1.incumbent ? 1 : 0)
            s.bind(5, ec.1.votes); s.bind(6, ec.1.share)
        }
        counts["heads"] = try db.insert("heads", 6, rows: c.calendar.heads) { s, h in
            s.bind(1, h.region); s.bind(2, h.name); s.bind(3, h.role.rawValue); s.bind(4, h.from.iso); s.bind(5, h.to?.iso)
            s.bind(6, h.candidate)
        }
        counts["ties"] = try db.insert("ties", 8, rows: c.ties) { s, t in
            s.bind(1, t.nip.description)
            switch t.relatedTo {
            case .candidate(let id): s.bind(2, id); s.bind(3, "candidate")
            case .person(let n): s.bind(2, n.description); s.bind(3, "person")
            }
            s.bind(4, t.relation.name); s.bind(5, t.since?.iso); s.bind(6, t.until?.iso); s.bind(7, t.source); s.bind(8, t.line)
        }
    }

    private static func writeFindings(_ c: Contents, _ db: Connection, _ counts: inout Counts) throws(InputError) {
        counts["legal_flags"] = try db.insert("legal_flags", 16, rows: c.legalFlags) { s, f in
            s.bind(1, f.rule); s.bind(2, f.citation); s.bind(3, f.decreeNo); s.bind(4, f.decreeDate.iso); s.bind(5, f.region)
            s.bind(6, f.signer); s.bind(7, f.signerRole.rawValue); s.bind(8, f.persons); s.bind(9, f.officials); s.bind(10, f.election)
            s.bind(11, f.daysToVoting); s.bind(12, f.windowStart.iso); s.bind(13, f.windowEnd?.iso); s.bind(14, f.approval)
            s.bind(15, f.status.rawValue); s.bind(16, f.evidence)
        }
        counts["waves"] = try db.insert("waves", 15, rows: c.waves) { s, w in
            s.bind(1, w.region); s.bind(2, w.start.iso); s.bind(3, w.end.iso); s.bind(4, w.persons); s.bind(5, w.moves)
            s.bind(6, w.officials); s.bind(7, w.expected); s.bind(8, w.ratio); s.bind(9, w.pValue); s.bind(10, w.decrees.joined(separator: ";"))
            s.bind(11, w.signers.joined(separator: ";")); s.bind(12, w.election); s.bind(13, w.daysToVoting)
            s.bind(14, w.inWindow.joined(separator: ";")); s.bind(15, w.note)
        }
        var findings: [(String, LoyaltyAnalysis.Flag)] = []
        if let l = c.loyalty {
            findings = l.loyalty.map { ("loyalty", $0) } + l.retaliation.map { ("retaliation", $0) } + l.sanctions.map { ("sanction", $0) }
        }
        counts["loyalty"] = try db.insert("loyalty", 20, rows: findings) { s, kf in
            let f = kf.1
            s.bind(1, kf.0); s.bind(2, f.nip); s.bind(3, f.name); s.bind(4, f.region); s.bind(5, f.election); s.bind(6, f.linkedTo)
            s.bind(7, f.links.map { "\($0.relation):\($0.source)" }.joined(separator: ";")); s.bind(8, f.links.allSatisfy(\.derived) ? 1 : 0)
            s.bind(9, f.move); s.bind(10, f.why); s.bind(11, f.decreeNo); s.bind(12, f.date); s.bind(13, f.daysAfterInauguration)
            s.bind(14, f.fromRank); s.bind(15, f.toRank); s.bind(16, f.fromUnit); s.bind(17, f.toUnit); s.bind(18, f.signer)
            s.bind(19, f.reason); s.bind(20, f.evidence)
        }
    }

    private static func writePanel(_ c: Contents, _ db: Connection, _ counts: inout Counts) throws(InputError) {
        counts["panel"] = try db.insert("panel", Panel.columns.count, rows: c.panel?.rows ?? []) { s, r in
            func b(_ v: Bool?) -> Int? { v.map { $0 ? 1 : 0 } }
            let values: [Any?] = [
                r.region, r.period, r.periodStart.iso, r.periodEnd.iso, r.decrees, r.moves, r.peopleMoved, r.promotions, r.demotions,
                r.nonjobs, r.dismissals, r.officialsMoved, r.eselon2Moves, r.head, b(r.headActing), r.headCandidate, r.vote,
                r.monthsToVote, r.monthsToDetermination, r.winnerMargin, b(r.inRuleWindow), r.approvedDecrees, b(r.inWave),
                b(r.complete), r.regionFirstDecree.iso, r.regionLastDecree.iso,
            ]
            for (j, v) in values.enumerated() {
                switch v {
                case let v as Int: s.bind(Int32(j + 1), v)
                case let v as Double: s.bind(Int32(j + 1), v)
                case let v as String: s.bind(Int32(j + 1), v)
                default: s.bind(Int32(j + 1), nil as Int?)
                }
            }
        }
    }

    private static func createIndexes(_ db: Connection) throws(InputError) {
        try db.exec("""
            CREATE INDEX transfers_nip ON transfers (nip);
            CREATE INDEX transfers_decree ON transfers (decree_id);
            CREATE INDEX transfers_region_date ON transfers (region, decree_date);
            CREATE INDEX decrees_region_no ON decrees (region, decree_no);
            CREATE INDEX candidates_election ON candidates (election_id);
            CREATE INDEX heads_region ON heads (region);
            CREATE INDEX ties_nip ON ties (nip);
            CREATE INDEX ties_related ON ties (related_to);
            CREATE INDEX legal_flags_decree ON legal_flags (region, decree_no);
            CREATE INDEX waves_region ON waves (region);
            CREATE INDEX loyalty_nip ON loyalty (nip);
            CREATE INDEX panel_region_period ON panel (region, period);
            """)
    }

    /// One open database, its errors turned into `InputError`s naming the file.
    private final class Connection {
        let db: OpaquePointer
        let path: String
        init(db: OpaquePointer, path: String) { self.db = db; self.path = path }

        func failure(_ what: String) -> InputError {
            InputError(.unreadable, file: path, "SQLite: \(what): \(String(cString: sqlite3_errmsg(db)))",
                       advice: "Check the disk has room and the folder can be written.")
        }

        func exec(_ sql: String) throws(InputError) {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure("running \(sql.prefix(60))") }
        }

        func insert(_ table: String, _ columns: Int, _ body: (Statement) -> Void) throws(InputError) {
            _ = try insert(table, columns, rows: [()]) { s, _ in body(s) }
        }

        /// Inserts one row per element through one prepared statement; returns the rows written.
        func insert<C: Collection>(_ table: String, _ columns: Int, rows: C, _ bind: (Statement, C.Element) -> Void) throws(InputError) -> Int {
            var stmt: OpaquePointer?
            let sql = "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: columns).joined(separator: ",")))"
            guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw failure("preparing \(sql)") }
            defer { sqlite3_finalize(stmt) }
            let s = Statement(stmt: stmt)
            var n = 0
            for row in rows {
                bind(s, row)
                guard sqlite3_step(stmt) == SQLITE_DONE else { throw failure("writing \(table)") }
                sqlite3_reset(stmt)
                n += 1
            }
            return n
        }
    }

    /// A prepared statement's parameters (numbered from 1); nil binds NULL.
    private struct Statement {
        let stmt: OpaquePointer
        /// SQLite copies the text before the call returns.
        static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

        func bind(_ i: Int32, _ v: Int?) {
            if let v { sqlite3_bind_int64(stmt, i, Int64(v)) } else { sqlite3_bind_null(stmt, i) }
        }
        func bind(_ i: Int32, _ v: Double?) {
            if let v, v.isFinite { sqlite3_bind_double(stmt, i, v) } else { sqlite3_bind_null(stmt, i) }
        }
        func bind(_ i: Int32, _ v: String?) {
            guard var v else { sqlite3_bind_null(stmt, i); return }
            v.withUTF8 { p in
                guard p.count > 0 else { _ = sqlite3_bind_text(stmt, i, "", 0, Statement.transient); return }
                _ = sqlite3_bind_text(stmt, i, UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(p.count), Statement.transient)
            }
        }
    }
}
