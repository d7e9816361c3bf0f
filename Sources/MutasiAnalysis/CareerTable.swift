import MutasiSupport
import MutasiModel

/// Every person's career at once, as tables for researchers: one row per person and move, and one
/// row per person. `Career` is one person's file for an investigator; this is the same reading of
/// the records (date order, the signer matched to the calendar's heads) for everyone in one pass.
package struct CareerTable: Sendable {
    /// One person's move.
    package struct Move: Sendable, Codable, Equatable {
        package var nip: String
        package var name: String
        /// The person's moves so far, this one included (1 for the first).
        package var sequence: Int
        package var date: Day
        package var effectiveDate: Day?
        package var decree: String
        package var kind: TransferKind
        package var kindInferred: Bool
        package var fromPosition: String
        package var fromUnit: String
        package var fromEchelon: String?
        /// `Echelon.rank`: 1 (JPT Madya) ... 7 (Fungsional); nil when not given.
        package var fromRank: Int?
        package var toPosition: String
        package var toUnit: String
        package var toEchelon: String?
        package var toRank: Int?
        /// Days since the person's previous move (its decree date): time in the previous post. Nil for the first move seen.
        package var daysInPreviousPost: Int?
        package var region: String
        package var signer: String
        /// `elected` or `acting` when the signer matches a head in the calendar.
        package var signerRole: RegionalHead.Role?
        /// The candidate id the signer ran as.
        package var signerCandidate: String?
        /// The calendar's head of the region in office on the decree date (who may not be the signer).
        package var head: String?
        package var headActing: Bool?
        /// Candidates the person has a recorded tie to (ties file) holding on the decree date.
        package var recordedLinks: [String]
        /// Candidates the person is linked to by an earlier rise (promotion, rank up, into a structural
        /// post) signed by a head who ran as that candidate: the loyalty test's derived link.
        package var derivedLinks: [String]
        /// file:line of the row.
        package var evidence: String
    }

    /// One person over the whole input.
    package struct PersonSummary: Sendable, Codable, Equatable {
        package var nip: String
        package var name: String
        package var firstSeen: Day
        package var lastSeen: Day
        package var moves: Int
        /// Rises (`Moves.rise`): promotions by kind, rank up, into a structural post.
        package var promotions: Int
        /// Push-outs by kind or rank: demotion, non-job, dismissal, rank down, lost structural post.
        package var pushOuts: Int
        /// Regions the person was moved in, `;`-separated as first spelled.
        package var regions: [String]
        /// The echelon rank after the last move, when given.
        package var lastRank: Int?
    }

    package var moves: [Move]
    package var people: [PersonSummary]

    package static let moveColumns = [
        "nip", "name", "sequence", "date", "effective_date", "decree", "kind", "kind_inferred", "from_position", "from_unit",
        "from_echelon", "from_rank", "to_position", "to_unit", "to_echelon", "to_rank", "days_in_previous_post", "region",
        "signer", "signer_role", "signer_candidate", "head", "head_acting", "recorded_links", "derived_links", "evidence",
    ]
    package static let peopleColumns = ["nip", "name", "first_seen", "last_seen", "moves", "promotions", "push_outs", "regions", "last_rank"]

    /// - Complexity: O(T log T + L) for T transfers and L ties, plus one calendar lookup per signer and region.
    package init(transfers set: TransferSet, calendar: ElectionCalendar? = nil, ties: [Tie] = []) {
        let numbers = set.personNumbers()
        // each person's rows in (date, file, line) order: one sort of all rows by person first
        let order = set.transfers.indices.sorted { a, b in
            let x = set.transfers[a], y = set.transfers[b]
            let pa = numbers.ofTransfer[a], pb = numbers.ofTransfer[b]
            if pa != pb { return pa < pb }
            return (x.decreeDate, x.fileIndex, x.line) < (y.decreeDate, y.fileIndex, y.line)
        }
        var reading = Reading(set, calendar: calendar, ties: ties)
        moves = []
        moves.reserveCapacity(set.transfers.count)
        people = []
        var i = 0
        while i < order.count {
            var j = i
            while j < order.count && numbers.ofTransfer[order[j]] == numbers.ofTransfer[order[i]] { j += 1 }
            let person = reading.career(order[i..<j].map { set.transfers[$0] }, moves: &moves)
            people.append(person)
            i = j
        }
    }

    /// Reads careers one person at a time, with the lookups they share: ties by person, the
    /// calendar's heads by region, and the text of signers and regions.
    private struct Reading {
        let set: TransferSet
        let lookup: CalendarLookup?
        let allHeads: [RegionalHead]
        var tiesOf: [NIP: [Tie]] = [:]
        var regionHeads: [Symbol: [RegionalHead]] = [:]
        var texts: [Symbol: String] = [:]

        init(_ set: TransferSet, calendar: ElectionCalendar?, ties: [Tie]) {
            self.set = set
            lookup = calendar.map { CalendarLookup($0) }
            allHeads = calendar?.heads ?? []
            for t in ties { if case .candidate = t.relatedTo { tiesOf[t.nip, default: []].append(t) } }
        }

        mutating func text(_ s: Symbol) -> String {
            if let t = texts[s] { return t }
            let t = set[s]
            texts[s] = t
            return t
        }

        /// The head the signer matches, and the region's head in office on the decree date.
        mutating func heads(of t: Transfer) -> (signer: RegionalHead?, inOffice: RegionalHead?) {
            guard let lookup else { return (nil, nil) }
            let signerHead = lookup.head(signedAs: text(t.signedBy), in: text(t.region), on: t.decreeDate)
            if regionHeads[t.region] == nil {
                let k = RegionName.key(set[t.region])
                regionHeads[t.region] = allHeads.filter { RegionName.key($0.region) == k }
            }
            return (signerHead, Panel.head(of: regionHeads[t.region]!, during: DayRange(start: t.decreeDate, end: t.decreeDate)))
        }

        /// One person's rows (in date order) as moves appended to `moves`, and the person's summary.
        mutating func career(_ rows: [Transfer], moves: inout [Move]) -> PersonSummary {
            let nip = rows[0].nip
            var derived: [String] = []
            var regions: [String] = [], regionKeys = Set<String>()
            var rises = 0, pushOuts = 0
            for (n, t) in rows.enumerated() {
                let (signerHead, head) = heads(of: t)
                let recorded = (tiesOf[nip] ?? []).filter { $0.holds(on: t.decreeDate) }.compactMap { tie -> String? in
                    if case let .candidate(c) = tie.relatedTo { return c }
                    return nil
                }
                moves.append(move(t, of: nip, sequence: n + 1, previous: n > 0 ? rows[n - 1].decreeDate : nil, signerHead: signerHead, head: head,
                                  recordedLinks: Array(Set(recorded)).sorted(), derivedLinks: derived))
                // a rise signed by a head who ran links the person to that candidate from then on
                if Moves.rise(t) != nil {
                    rises += 1
                    if let c = signerHead?.candidate, !derived.contains(c) { derived.append(c); derived.sort() }
                } else if Moves.pushOut(t, isRemote: { _ in false }) != nil {
                    pushOuts += 1
                }
                if regionKeys.insert(RegionName.key(set[t.region])).inserted { regions.append(set[t.region]) }
            }
            return PersonSummary(nip: nip.description, name: set[rows[rows.count - 1].name], firstSeen: rows[0].decreeDate,
                                 lastSeen: rows[rows.count - 1].decreeDate, moves: rows.count, promotions: rises,
                                 pushOuts: pushOuts, regions: regions, lastRank: rows[rows.count - 1].toEchelon?.rank)
        }

        func move(_ t: Transfer, of nip: NIP, sequence: Int, previous: Day?, signerHead: RegionalHead?, head: RegionalHead?,
                  recordedLinks: [String], derivedLinks: [String]) -> Move {
            Move(
                nip: nip.description, name: set[t.name], sequence: sequence, date: t.decreeDate, effectiveDate: t.effectiveDate,
                decree: set.decreeLabel(of: t), kind: t.kind, kindInferred: t.kindWasInferred,
                fromPosition: set[t.fromPosition], fromUnit: set[t.fromUnit], fromEchelon: t.fromEchelon?.description,
                fromRank: t.fromEchelon?.rank, toPosition: set[t.toPosition], toUnit: set[t.toUnit],
                toEchelon: t.toEchelon?.description, toRank: t.toEchelon?.rank,
                daysInPreviousPost: previous.map { $0.days(to: t.decreeDate) }, region: set[t.region], signer: set[t.signedBy],
                signerRole: signerHead?.role, signerCandidate: signerHead?.candidate,
                head: head?.name, headActing: head.map { $0.role == .acting },
                recordedLinks: recordedLinks, derivedLinks: derivedLinks, evidence: set.origin(of: t))
        }
    }

    /// The moves as CSV (`moveColumns`): booleans 0/1, lists `;`-separated, absent values empty.
    package func movesCSV() -> String {
        var out = CSVOutput(columns: CareerTable.moveColumns)
        func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
        for m in moves {
            out.append([m.nip, m.name, n(m.sequence), m.date.iso, m.effectiveDate?.iso ?? "", m.decree, m.kind.rawValue,
                        m.kindInferred ? "1" : "0", m.fromPosition, m.fromUnit, m.fromEchelon ?? "", n(m.fromRank), m.toPosition,
                        m.toUnit, m.toEchelon ?? "", n(m.toRank), n(m.daysInPreviousPost), m.region, m.signer, m.signerRole?.rawValue ?? "",
                        m.signerCandidate ?? "", m.head ?? "", m.headActing.map { $0 ? "1" : "0" } ?? "",
                        m.recordedLinks.joined(separator: ";"), m.derivedLinks.joined(separator: ";"), m.evidence])
        }
        return out.text
    }

    /// The people as CSV (`peopleColumns`).
    package func peopleCSV() -> String {
        var out = CSVOutput(columns: CareerTable.peopleColumns)
        for p in people {
            out.append([p.nip, p.name, p.firstSeen.iso, p.lastSeen.iso, String(p.moves), String(p.promotions), String(p.pushOuts),
                        p.regions.joined(separator: ";"), p.lastRank.map(String.init) ?? ""])
        }
        return out.text
    }
}
