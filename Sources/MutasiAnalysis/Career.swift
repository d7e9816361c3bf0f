import MutasiSupport
import MutasiModel

/// One person's file as an investigator reads it: every post, unit, echelon, decree and signer in
/// date order, the head each signer was at the time, and the person's known ties.
public struct Career: Sendable, Encodable {
    public struct Step: Sendable, Encodable {
        public var date: String
        public var effectiveDate: String?
        public var decreeNo: String
        public var kind: String
        public var kindInferred: Bool
        public var fromPosition: String
        public var fromUnit: String
        public var fromEchelon: String?
        public var toPosition: String
        public var toUnit: String
        public var toEchelon: String?
        public var signer: String
        /// `elected` or `acting` when the signer matches a head in the calendar, else null.
        public var signerRole: RegionalHead.Role?
        /// The candidate id the signer ran as, if any.
        public var signerCandidate: String?
        public var region: String
        public var approval: String
        public var reason: String
        /// How many people the same decree moved: one of 140 reads differently from one of one.
        public var decreeSize: Int
        /// file:line of the row.
        public var evidence: String
    }

    public struct KnownTie: Sendable, Encodable {
        public var relatedTo: String
        /// The candidate's name or the other person's name, when known.
        public var relatedName: String?
        public var relation: String
        public var since: String?
        public var until: String?
        public var source: String
        /// `outgoing` when the row is this person's, `incoming` when another person names them.
        public var direction: String
    }

    public var nip: String
    public var name: String
    public var steps: [Step]
    public var ties: [KnownTie]

    /// Nil when no transfer and no tie mentions `nip`.
    /// - Complexity: O(T + L) for T transfers and L ties.
    public init?(nip: NIP, transfers set: TransferSet, ties: [Tie] = [], calendar: ElectionCalendar? = nil) {
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
