import MutasiSupport
import MutasiModel

/// One person's file as an investigator reads it: every post, unit, echelon, decree and signer in
/// date order, the head each signer was at the time, and the person's known ties.
package struct Career: Sendable, Encodable {
    package struct Step: Sendable, Encodable {
        package var date: String
        package var effectiveDate: String?
        package var decreeNo: String
        package var kind: String
        package var kindInferred: Bool
        package var fromPosition: String
        package var fromUnit: String
        package var fromEchelon: String?
        package var toPosition: String
        package var toUnit: String
        package var toEchelon: String?
        package var signer: String
        /// `elected` or `acting` when the signer matches a head in the calendar, else null.
        package var signerRole: RegionalHead.Role?
        /// The candidate id the signer ran as, if any.
        package var signerCandidate: String?
        package var region: String
        package var approval: String
        package var reason: String
        /// How many people the same decree moved: one of 140 reads differently from one of one.
        package var decreeSize: Int
        /// file:line of the row.
        package var evidence: String
    }

    package struct KnownTie: Sendable, Encodable {
        package var relatedTo: String
        /// The candidate's name or the other person's name, when known.
        package var relatedName: String?
        package var relation: String
        package var since: String?
        package var until: String?
        package var source: String
        /// `outgoing` when the row is this person's, `incoming` when another person names them.
        package var direction: String
    }

    package var nip: String
    package var name: String
    package var steps: [Step]
    package var ties: [KnownTie]

    /// Nil when no transfer and no tie mentions `nip`.
    /// - Complexity: O(T + L) for T transfers and L ties.
    package init?(nip: NIP, transfers set: TransferSet, ties: [Tie] = [], calendar: ElectionCalendar? = nil) {
        var decreeSizes: [String: Int] = [:]
        var mine: [Transfer] = []
        // symbols, not names: a name is made only for the few people tied to this one
        var names: [NIP: Symbol] = [:]
        for t in set.transfers {
            decreeSizes[set.decreeKey(of: t), default: 0] += 1
            if t.nip == nip { mine.append(t) }
            names[t.nip] = t.name
        }
        let myTies = ties.filter { $0.nip == nip || $0.relatedTo == .person(nip) }
        guard !mine.isEmpty || !myTies.isEmpty else { return nil }
        mine.sort { ($0.decreeDate, $0.line) < ($1.decreeDate, $1.line) }
        self.nip = nip.description
        name = mine.last.map { set[$0.name] } ?? ""
        let lookup = calendar.map { CalendarLookup($0) }  // the heads' names folded once, not per step
        steps = mine.map { t in
            let head = lookup?.head(signedAs: set[t.signedBy], in: set[t.region], on: t.decreeDate)
            return Step(date: t.decreeDate.iso, effectiveDate: t.effectiveDate?.iso, decreeNo: set.decreeLabel(of: t),
                        kind: t.kind.rawValue, kindInferred: t.kindWasInferred,
                        fromPosition: set[t.fromPosition], fromUnit: set[t.fromUnit], fromEchelon: t.fromEchelon?.description,
                        toPosition: set[t.toPosition], toUnit: set[t.toUnit], toEchelon: t.toEchelon?.description,
                        signer: set[t.signedBy], signerRole: head?.role, signerCandidate: head?.candidate,
                        region: set[t.region], approval: set[t.approval], reason: set[t.reason],
                        decreeSize: decreeSizes[set.decreeKey(of: t)] ?? 1, evidence: set.origin(of: t))
        }
        self.ties = myTies.map { tie in
            let outgoing = tie.nip == nip
            let other: String
            var otherName: String?
            if outgoing {
                other = tie.relatedTo.description
                switch tie.relatedTo {
                case .candidate(let id): otherName = calendar?.candidate(id: id)?.0.name
                case .person(let n): otherName = names[n].map { set[$0] }
                }
            } else {
                other = tie.nip.description
                otherName = names[tie.nip].map { set[$0] }
            }
            return KnownTie(relatedTo: other, relatedName: otherName, relation: tie.relation.name,
                            since: tie.since?.iso, until: tie.until?.iso, source: tie.source,
                            direction: outgoing ? "outgoing" : "incoming")
        }
    }
}
