import MutasiSupport
import MutasiModel

extension Network {
    /// `Network.init`'s steps and the indexes they share: nodes found or made by person number,
    /// symbol or key, then every edge added in one fixed order, twice (`addEdges`): the first pass
    /// makes the nodes and counts each node's edges, the second writes each edge at its place.
    struct Assembly {
        let set: TransferSet
        let ties: [Tie]
        let calendar: ElectionCalendar?
        let options: Options
        let people: PersonNumbers
        var b = Builder()

        // a national file has millions of people: their nodes and latest units are kept by person
        // number (`PersonNumbers`), not in dictionaries of NIPs or strings
        private var personNode: [Int32]
        /// The few people the ties name, numbered apart; `tiedPerson` is their person number where
        /// they are in a decree, `tiedOnlyNode` the node of those in none.
        private var tied: KeyNumbering
        private var tiedPerson: [Int32], tiedOnlyNode: [Int32]
        private var latestDay: [Day?], latestUnit: [Symbol], latestRegion: [Symbol]
        // signer and unit nodes by symbol id: three lookups per row, tens of millions of rows
        private var signerBySymbol: [Int32], unitBySymbol: [Int32]
        private var signerSymbols: [Symbol] = []
        private var positionBySymbol: [Symbol: Int32] = [:]
        /// By unit symbol: the region it is found in, -1 for none yet, -2 for several.
        private var unitRegion: [Int32]
        private var unitByRegion: [UInt64: Int32] = [:]
        /// Text ids of the unnumbered decrees' labels, by (date, signer).
        private var unnumbered: [UInt64: UInt32] = [:]
        private var candidateNode: [String: Int32] = [:]
        /// The signer node of each head (by candidate id) who signed decrees.
        private var headOfCandidate: [String: Int32] = [:]

        init(transfers set: TransferSet, ties: [Tie], calendar: ElectionCalendar?, options: Options, people: PersonNumbers) {
            self.set = set; self.ties = ties; self.calendar = calendar; self.options = options; self.people = people
            b.reserve(nodes: set.transfers.count / 2)
            // decree labels by id into the set's own strings (a numbered decree's label is its
            // number), the few unnumbered ones' labels added once each
            b.strings = set.strings
            personNode = [Int32](repeating: -1, count: people.count)
            (tied, tiedPerson) = Assembly.numberTiedPeople(ties, people: people)
            tiedOnlyNode = [Int32](repeating: -1, count: tied.count)
            latestDay = [Day?](repeating: nil, count: people.count)
            latestUnit = [Symbol](repeating: .empty, count: people.count)
            latestRegion = [Symbol](repeating: .empty, count: people.count)
            signerBySymbol = [Int32](repeating: -1, count: set.strings.count)
            unitBySymbol = [Int32](repeating: -1, count: set.strings.count)
            unitRegion = options.includeUnits ? Assembly.unitRegions(set) : []
        }

        /// The people the ties name, numbered in one pass over their NIPs, and matched to the
        /// decrees' people in one pass over those.
        private static func numberTiedPeople(_ ties: [Tie], people: PersonNumbers) -> (KeyNumbering, [Int32]) {
            var tied = KeyNumbering(capacity: 2 * ties.count)
            for tie in ties {
                _ = tied.number(tie.nip.value)
                if case .person(let other) = tie.relatedTo { _ = tied.number(other.value) }
            }
            var tiedPerson = [Int32](repeating: -1, count: tied.count)
            if tied.count > 0 {
                for (k, nip) in people.nips.enumerated() { if let j = tied.find(nip.value) { tiedPerson[Int(j)] = Int32(k) } }
            }
            return (tied, tiedPerson)
        }

        /// Units are per region: "Dinas Sosial" of four regions is four offices. A unit name found
        /// in one region keeps the fast path by symbol; one found in several (-2) is keyed by
        /// (unit, region) and labelled with its region.
        private static func unitRegions(_ set: TransferSet) -> [Int32] {
            var unitRegion = [Int32](repeating: -1, count: set.strings.count)
            func note(_ u: Symbol, _ region: Symbol) {
                guard !u.isEmpty else { return }
                let r = unitRegion[Int(u.id)]
                if r == -1 { unitRegion[Int(u.id)] = Int32(region.id) } else if r >= 0 && r != Int32(region.id) { unitRegion[Int(u.id)] = -2 }
            }
            // two calls, not a loop over `[from, to]`: that was an array allocated per row
            for t in set.transfers { note(t.fromUnit, t.region); note(t.toUnit, t.region) }
            return unitRegion
        }

        /// Every edge in the order it is added: the decrees', then (counting pass) the heads
        /// matched to their signer nodes, then the ties.
        mutating func addEdges() {
            for (ti, t) in set.transfers.enumerated() { addDecree(ti, t) }
            if !b.writing { matchHeadsToSigners() }
            // ties of people who appear in no decree are still drawn: they are part of the evidence
            for tie in ties { addTie(tie) }
        }

        private mutating func addDecree(_ ti: Int, _ t: Transfer) {
            let k = Int(people.ofTransfer[ti])
            let p = person(k, t.nip, t.name)
            let decree = decreeText(t)
            if !t.signedBy.isEmpty {
                let s = signer(t.signedBy)
                b.edge(p, s, .appointedBy, date: t.decreeDate, decree: decree, move: t.kind)
            }
            if options.includeUnits {
                if !t.fromUnit.isEmpty {
                    let u = unit(t.fromUnit, t.region)
                    b.edge(p, u, .movedFrom, date: t.decreeDate, decree: decree, move: t.kind)
                }
                if !t.toUnit.isEmpty {
                    let u = unit(t.toUnit, t.region)
                    b.edge(p, u, .movedTo, date: t.decreeDate, decree: decree, move: t.kind)
                }
            }
            if options.includePositions, !t.toPosition.isEmpty {
                let q = position(t.toPosition)
                b.edge(p, q, .holds, date: t.decreeDate, decree: decree, move: t.kind)
            }
            if !b.writing, !t.toUnit.isEmpty { noteLatestUnit(k, t) }
        }

        private mutating func noteLatestUnit(_ k: Int, _ t: Transfer) {
            if latestDay[k].map({ $0 <= t.decreeDate }) ?? true {
                latestDay[k] = t.decreeDate
                latestUnit[k] = t.toUnit
                latestRegion[k] = t.region
            }
        }

        private mutating func addTie(_ tie: Tie) {
            let p = person(tie.nip)
            let target: Int32
            switch tie.relatedTo {
            case .candidate(let id): target = candidate(id)
            case .person(let other): target = person(other)
            }
            let source = b.text(tie.source), relation = b.text(tie.relation.name)
            b.edge(p, target, .tie, date: tie.since, decree: source, move: nil, relation: relation, end: tie.until)
        }

        /// The heads who ran: their candidate is their signer node (the first head record of a
        /// candidate that signs decides).
        private mutating func matchHeadsToSigners() {
            guard let calendar else { return }
            var signerByKey: [String: Int32] = [:]
            for sym in signerSymbols { signerByKey[PersonName.key(set[sym])] = signerBySymbol[Int(sym.id)] }
            for h in calendar.heads {
                guard let c = h.candidate, headOfCandidate[c] == nil, let s = signerByKey[PersonName.key(h.name)] else { continue }
                headOfCandidate[c] = s
                b.candidateOfSigner[s] = c
            }
        }

        /// The home unit as its node is labelled (with its region where the name is in several): the
        /// label of the unit node the latest move went to, which exists when units are drawn.
        mutating func labelHomeUnits() {
            for k in latestUnit.indices where !latestUnit[k].isEmpty {
                let u = latestUnit[k]
                b.homeUnits[Int(personNode[k])] = options.includeUnits ? b.labels[Int(unit(u, latestRegion[k]))] : u.id
            }
        }

        // MARK: nodes, each made the first time it is met

        private mutating func person(_ k: Int, _ nip: NIP, _ name: Symbol) -> Int32 {
            if personNode[k] >= 0 { return personNode[k] }
            let n = b.node(.person, label: name.isEmpty ? b.text(nip.description) : name.id, nip: nip)
            personNode[k] = n
            return n
        }

        private mutating func person(_ nip: NIP) -> Int32 {
            let j = Int(tied.find(nip.value)!)  // every NIP of the ties was numbered
            if tiedPerson[j] >= 0 { return person(Int(tiedPerson[j]), nip, .empty) }
            if tiedOnlyNode[j] < 0 { tiedOnlyNode[j] = b.node(.person, label: b.text(nip.description), nip: nip) }
            return tiedOnlyNode[j]
        }

        private mutating func signer(_ sym: Symbol) -> Int32 {
            let known = signerBySymbol[Int(sym.id)]
            if known >= 0 { return known }
            let n = b.node(.signer, label: sym.id, key: "signer:" + set[sym])
            signerBySymbol[Int(sym.id)] = n
            signerSymbols.append(sym)
            return n
        }

        private mutating func unit(_ sym: Symbol, _ region: Symbol) -> Int32 {
            if unitRegion[Int(sym.id)] == -2 {
                let k = UInt64(sym.id) << 32 | UInt64(region.id)
                if let n = unitByRegion[k] { return n }
                let label = region.isEmpty ? sym.id : b.text(set[sym] + " (" + set[region] + ")")
                let n = b.node(.unit, label: label, key: "unit:" + set[region] + "/" + set[sym])
                unitByRegion[k] = n
                return n
            }
            let known = unitBySymbol[Int(sym.id)]
            if known >= 0 { return known }
            let n = b.node(.unit, label: sym.id, key: "unit:" + set[sym])
            unitBySymbol[Int(sym.id)] = n
            return n
        }

        private mutating func position(_ sym: Symbol) -> Int32 {
            if let n = positionBySymbol[sym] { return n }
            let n = b.node(.position, label: sym.id, key: "position:" + set[sym])
            positionBySymbol[sym] = n
            return n
        }

        private mutating func candidate(_ id: String) -> Int32 {
            if let n = headOfCandidate[id] { return n }
            if let n = candidateNode[id] { return n }
            let name = calendar?.candidate(id: id)?.0.name ?? id
            let n = b.node(.candidate, label: b.text(name), key: "candidate:" + id)
            candidateNode[id] = n
            return n
        }

        /// The decree's label among the edge texts: a numbered decree's is its number's symbol.
        private mutating func decreeText(_ t: Transfer) -> UInt32 {
            if !t.decreeNo.isEmpty { return t.decreeNo.id }
            let key = UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id)
            if let id = unnumbered[key] { return id }
            let id = b.text(set.decreeLabel(of: t))
            unnumbered[key] = id
            return id
        }
    }
}
