/// The patron-client network: people, units, positions, decree signers (patrons) and candidates,
/// with typed, dated edges.
///
/// Stored as compressed sparse rows: node `i`'s out-edges are `offsets[i] ..< offsets[i+1]` in
/// `targets` and the parallel edge arrays. Nodes are integers; names live in side arrays. Built in
/// O(V + E) from validated transfers, ties and the calendar.
public struct Network: Sendable {
    public enum NodeKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case person, unit, position, signer, candidate
        public var description: String {
            switch self {
            case .person: return "person"
            case .unit: return "unit"
            case .position: return "position"
            case .signer: return "signer"
            case .candidate: return "candidate"
            }
        }
    }

    public enum EdgeKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// person -> signer: a decree signed by the patron moved the person.
        case appointedBy
        /// person -> unit the person left.
        case movedFrom
        /// person -> unit the person went to.
        case movedTo
        /// person -> position taken.
        case holds
        /// person -> candidate or person: a recorded tie.
        case tie
        /// signer -> candidate: the signer ran as this candidate (calendar `heads`).
        case ranAs

        /// An edge made from a decree row (its date is the decree's).
        public var isDecree: Bool {
            switch self {
            case .appointedBy, .movedFrom, .movedTo, .holds: return true
            case .tie, .ranAs: return false
            }
        }

        /// Whether `NetworkMetrics` runs on edges of this kind: decrees' person -> signer edges and
        /// ties relate people; unit and position edges describe offices. Exported as `in_metrics`.
        public var inMetrics: Bool {
            switch self {
            case .appointedBy, .tie, .ranAs: return true
            case .movedFrom, .movedTo, .holds: return false
            }
        }

        public var description: String {
            switch self {
            case .appointedBy: return "appointed_by"
            case .movedFrom: return "moved_from"
            case .movedTo: return "moved_to"
            case .holds: return "holds"
            case .tie: return "tie"
            case .ranAs: return "ran_as"
            }
        }
    }

    // nodes
    public private(set) var nodeKinds: [NodeKind] = []
    /// What a person reads: a name, a unit, a position.
    public private(set) var labels: [String] = []
    /// What identifies the node: the NIP, the unit or position text, the signer's name, the candidate id.
    public private(set) var keys = NodeKeys()
    /// For people: the unit of their latest move (for clustering), empty otherwise.
    public private(set) var homeUnits: [String] = []
    /// The candidate id each head ran as, by the head's signer node: a head is one node whether
    /// signing decrees or running, so ties to the candidate point at the signer node. Candidates who
    /// signed nothing keep nodes of their own (kind `candidate`); `ranAs` edges are no longer made.
    public private(set) var candidateOfSigner: [Int32: String] = [:]

    // CSR
    public private(set) var offsets: [Int] = [0]
    public private(set) var targets: [Int32] = []

    // edges, parallel to targets
    public private(set) var edgeKinds: [EdgeKind] = []
    public private(set) var edgeDates: [Day?] = []
    /// The decree number (appointed-by, moved, holds) or the tie's source.
    public private(set) var edgeDecrees = TextColumn()
    /// The kind of move (for decree edges).
    public private(set) var edgeMoves: [TransferKind?] = []
    /// The tie relation (for tie edges), empty otherwise.
    public private(set) var edgeRelations = TextColumn()
    /// The end of a tie (the ties file's `until`), by edge, for the few tie edges that have one: a
    /// dictionary, not a column, since a national network has tens of millions of decree edges.
    public private(set) var tieEnds: [Int: Day] = [:]

    public var nodeCount: Int { nodeKinds.count }
    public var edgeCount: Int { targets.count }

    public func edges(from node: Int) -> Range<Int> { offsets[node] ..< offsets[node + 1] }

    public func nodes(of kind: NodeKind) -> [Int] { nodeKinds.indices.filter { nodeKinds[$0] == kind } }

    /// The source node of every edge, parallel to `targets`.
    public var sources: [Int32] {
        var s = [Int32](repeating: 0, count: edgeCount)
        for v in 0..<nodeCount { for e in edges(from: v) { s[e] = Int32(v) } }
        return s
    }

    public struct Options: Sendable {
        /// Add position nodes (person -> position). Off by default: positions multiply the nodes
        /// without telling who moved whom.
        public var includePositions = false
        /// Add unit nodes and moved-from / moved-to edges.
        public var includeUnits = true
        public init() {}
    }

    public init() {}

    /// - Complexity: O(T + L + H) for T transfers, L ties and H heads, plus hashing for node dedup.
    /// - Parameter people: `set.personNumbers()`, when the caller has it already.
    public init(transfers set: TransferSet, ties: [Tie] = [], calendar: ElectionCalendar? = nil, options: Options = Options(),
                people: PersonNumbers? = nil) {
        var b = Builder()
        b.reserve(nodes: set.transfers.count / 2)
        // a national file has millions of people: their nodes and latest units are kept by person
        // number (`PersonNumbers`), not in dictionaries of NIPs or strings
        let people = people ?? set.personNumbers()
        var personNode = [Int32](repeating: -1, count: people.count)
        // the few people the ties name, numbered apart and matched to the decrees' people in one
        // pass over their NIPs; those in no decree get nodes of their own
        var tied = KeyNumbering(capacity: 2 * ties.count)
        for tie in ties {
            _ = tied.number(tie.nip.value)
            if case .person(let other) = tie.relatedTo { _ = tied.number(other.value) }
        }
        var tiedPerson = [Int32](repeating: -1, count: tied.count), tiedOnlyNode = [Int32](repeating: -1, count: tied.count)
        if tied.count > 0 {
            for (k, nip) in people.nips.enumerated() { if let j = tied.find(nip.value) { tiedPerson[Int(j)] = Int32(k) } }
        }
        // each person's latest unit, by person number
        var latestDay = [Day?](repeating: nil, count: people.count), latestUnit = [Symbol](repeating: .empty, count: people.count)
        var latestRegion = [Symbol](repeating: .empty, count: people.count)
        // signer and unit nodes by symbol id: three lookups per row, tens of millions of rows
        var signerBySymbol = [Int32](repeating: -1, count: set.strings.count)
        var unitBySymbol = [Int32](repeating: -1, count: set.strings.count)
        var signerSymbols: [Symbol] = []
        var positionBySymbol: [Symbol: Int32] = [:]

        func person(_ k: Int, _ nip: NIP, _ name: Symbol) -> Int32 {
            if personNode[k] >= 0 { return personNode[k] }
            let n = b.node(.person, label: name.isEmpty ? nip.description : set[name], nip: nip)
            personNode[k] = n
            return n
        }
        func person(_ nip: NIP) -> Int32 {
            let j = Int(tied.find(nip.value)!)  // every NIP of the ties was numbered above
            if tiedPerson[j] >= 0 { return person(Int(tiedPerson[j]), nip, .empty) }
            if tiedOnlyNode[j] < 0 { tiedOnlyNode[j] = b.node(.person, label: nip.description, nip: nip) }
            return tiedOnlyNode[j]
        }
        // units are per region: "Dinas Sosial" of four regions is four offices. A unit name found in
        // one region keeps the fast path by symbol; one found in several is keyed by (unit, region)
        // and labelled with its region
        var unitRegion = [Int32](repeating: -1, count: options.includeUnits ? set.strings.count : 0)
        if options.includeUnits {
            for t in set.transfers {
                for u in [t.fromUnit, t.toUnit] where !u.isEmpty {
                    let r = unitRegion[Int(u.id)]
                    if r == -1 { unitRegion[Int(u.id)] = Int32(t.region.id) } else if r >= 0 && r != Int32(t.region.id) { unitRegion[Int(u.id)] = -2 }
                }
            }
        }
        var unitByRegion: [UInt64: Int32] = [:]
        func unit(_ sym: Symbol, _ region: Symbol) -> Int32 {
            if unitRegion[Int(sym.id)] == -2 {
                let k = UInt64(sym.id) << 32 | UInt64(region.id)
                if let n = unitByRegion[k] { return n }
                let label = region.isEmpty ? set[sym] : set[sym] + " (" + set[region] + ")"
                let n = b.node(.unit, label: label, key: "unit:" + set[region] + "/" + set[sym])
                unitByRegion[k] = n
                return n
            }
            let known = unitBySymbol[Int(sym.id)]
            if known >= 0 { return known }
            let n = b.node(.unit, label: set[sym], key: "unit:" + set[sym])
            unitBySymbol[Int(sym.id)] = n
            return n
        }
        // decree labels by id into the set's own strings (a numbered decree's label is its number),
        // the few unnumbered ones' labels added once each
        b.strings = set.strings
        var unnumbered: [UInt64: UInt32] = [:]
        var candidateNode: [String: Int32] = [:]
        // signer nodes by folded name, and the heads (with a candidate id) among them
        var signerByKey: [String: Int32] = [:]
        var headOfCandidate: [String: Int32] = [:]
        func candidate(_ id: String) -> Int32 {
            if let n = headOfCandidate[id] { return n }
            if let n = candidateNode[id] { return n }
            let name = calendar?.candidate(id: id)?.0.name ?? id
            let n = b.node(.candidate, label: name, key: "candidate:" + id)
            candidateNode[id] = n
            return n
        }
        // every edge in the order it is added, twice: the first pass makes the nodes and counts
        // each node's edges, the second writes each edge straight to its place in the rows
        func walk() {
            for (ti, t) in set.transfers.enumerated() {
                let p = person(Int(people.ofTransfer[ti]), t.nip, t.name)
                let decree = t.decreeNo.isEmpty
                    ? unnumbered[UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id)] ?? {
                        let id = b.text(set.decreeLabel(of: t))
                        unnumbered[UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id)] = id
                        return id
                    }()
                    : t.decreeNo.id
                if !t.signedBy.isEmpty {
                    var s = signerBySymbol[Int(t.signedBy.id)]
                    if s < 0 {
                        s = b.node(.signer, label: set[t.signedBy], key: "signer:" + set[t.signedBy])
                        signerBySymbol[Int(t.signedBy.id)] = s
                        signerSymbols.append(t.signedBy)
                    }
                    b.edge(p, s, .appointedBy, date: t.decreeDate, decree: decree, move: t.kind)
                }
                if options.includeUnits {
                    if !t.fromUnit.isEmpty { b.edge(p, unit(t.fromUnit, t.region), .movedFrom, date: t.decreeDate, decree: decree, move: t.kind) }
                    if !t.toUnit.isEmpty { b.edge(p, unit(t.toUnit, t.region), .movedTo, date: t.decreeDate, decree: decree, move: t.kind) }
                }
                if options.includePositions, !t.toPosition.isEmpty {
                    let q = positionBySymbol[t.toPosition] ?? {
                        let n = b.node(.position, label: set[t.toPosition], key: "position:" + set[t.toPosition])
                        positionBySymbol[t.toPosition] = n
                        return n
                    }()
                    b.edge(p, q, .holds, date: t.decreeDate, decree: decree, move: t.kind)
                }
                if !b.writing, !t.toUnit.isEmpty {
                    let i = Int(people.ofTransfer[ti])
                    if latestDay[i].map({ $0 <= t.decreeDate }) ?? true {
                        latestDay[i] = t.decreeDate
                        latestUnit[i] = t.toUnit
                        latestRegion[i] = t.region
                    }
                }
            }
            if !b.writing, let calendar {
                // the heads who ran: their candidate is their signer node (the first head record
                // of a candidate that signs decides)
                for sym in signerSymbols { signerByKey[PersonName.key(set[sym])] = signerBySymbol[Int(sym.id)] }
                for h in calendar.heads {
                    guard let c = h.candidate, headOfCandidate[c] == nil, let s = signerByKey[PersonName.key(h.name)] else { continue }
                    headOfCandidate[c] = s
                    b.candidateOfSigner[s] = c
                }
            }
            for tie in ties {
                // ties of people who appear in no decree are still drawn: they are part of the evidence
                let p = person(tie.nip)
                let target: Int32
                switch tie.relatedTo {
                case .candidate(let id): target = candidate(id)
                case .person(let other): target = person(other)
                }
                b.edge(p, target, .tie, date: tie.since, decree: b.text(tie.source), move: nil, relation: b.text(tie.relation.name),
                       end: tie.until)
            }
        }
        walk()
        b.startWriting()
        walk()
        // the home unit as its node is labelled (with its region where the name is in several)
        for k in latestUnit.indices where !latestUnit[k].isEmpty {
            let u = latestUnit[k]
            b.homeUnits[Int(personNode[k])] = options.includeUnits && unitRegion[Int(u.id)] == -2
                ? set[u] + (latestRegion[k].isEmpty ? "" : " (" + set[latestRegion[k]] + ")") : set[u]
        }
        self = b.finish()
    }

    /// Makes the nodes, then, in a second pass over the same edges, writes each edge at its place
    /// in its source's row (CSR): no list of edges to sort afterwards (at national scale that list
    /// was 62 M edges in seven arrays, written and scattered once more). Edge texts are ids into
    /// the set's string table, then `texts`, so an edge holds numbers, not strings with reference counts.
    struct Builder {
        var kinds: [NodeKind] = [], labels: [String] = [], keys = NodeKeys(), homeUnits: [String] = []
        var candidateOfSigner: [Int32: String] = [:]
        /// Edge texts: the set's, by their symbols' ids (id 0 is ""), then `texts` after them.
        var strings = StringTable()
        private var texts: [String] = []
        private var textIds: [String: UInt32] = [:]
        /// False while counting: edges only add to their source's count.
        private(set) var writing = false
        private var degree: [Int] = []
        private var offsets: [Int] = [0]
        private var cursor: [Int] = []
        private var targets: [Int32] = [], eKinds: [EdgeKind] = [], eDates: [Day?] = [], eDecrees: [UInt32] = []
        private var eMoves: [TransferKind?] = [], eRelations: [UInt32] = []
        private var tieEnds: [Int: Day] = [:]

        mutating func reserve(nodes: Int) {
            kinds.reserveCapacity(nodes); labels.reserveCapacity(nodes); keys.reserveCapacity(nodes); homeUnits.reserveCapacity(nodes)
            degree.reserveCapacity(nodes)
        }

        /// The id of `s` among the edge texts, added after the set's strings when new.
        mutating func text(_ s: String) -> UInt32 {
            if s.isEmpty { return 0 }
            if let id = textIds[s] { return id }
            let id = UInt32(strings.count + texts.count)
            texts.append(s)
            textIds[s] = id
            return id
        }

        mutating func node(_ kind: NodeKind, label: String, key: String) -> Int32 {
            precondition(!writing, "a node made in the writing pass, which only finds the nodes of the first")
            kinds.append(kind); labels.append(label); keys.append(key); homeUnits.append(""); degree.append(0)
            return Int32(kinds.count - 1)
        }

        mutating func node(_ kind: NodeKind, label: String, nip: NIP) -> Int32 {
            precondition(!writing, "a node made in the writing pass, which only finds the nodes of the first")
            kinds.append(kind); labels.append(label); keys.append(nip); homeUnits.append(""); degree.append(0)
            return Int32(kinds.count - 1)
        }

        mutating func startWriting() {
            offsets = [Int](repeating: 0, count: kinds.count + 1)
            for v in 0..<kinds.count { offsets[v + 1] = offsets[v] + degree[v] }
            degree = []
            cursor = offsets
            let m = offsets[kinds.count]
            targets = [Int32](repeating: 0, count: m); eKinds = [EdgeKind](repeating: .appointedBy, count: m)
            eDates = [Day?](repeating: nil, count: m); eMoves = [TransferKind?](repeating: nil, count: m)
            eDecrees = [UInt32](repeating: 0, count: m); eRelations = [UInt32](repeating: 0, count: m)
            writing = true
        }

        mutating func edge(_ a: Int32, _ b: Int32, _ kind: EdgeKind, date: Day?, decree: UInt32, move: TransferKind?, relation: UInt32 = 0,
                           end: Day? = nil) {
            let s = Int(a)
            guard writing else { degree[s] += 1; return }
            let at = cursor[s]
            cursor[s] = at + 1
            targets[at] = b; eKinds[at] = kind; eDates[at] = date; eDecrees[at] = decree; eMoves[at] = move; eRelations[at] = relation
            if let end { tieEnds[at] = end }
        }

        func finish() -> Network {
            precondition(writing && cursor.indices.dropLast().allSatisfy { cursor[$0] == offsets[$0 + 1] },
                         "the writing pass added other edges than the counting pass")
            var n = Network()
            n.nodeKinds = kinds; n.labels = labels; n.keys = keys; n.homeUnits = homeUnits; n.candidateOfSigner = candidateOfSigner
            n.offsets = offsets
            n.targets = targets; n.edgeKinds = eKinds; n.edgeDates = eDates; n.edgeMoves = eMoves; n.tieEnds = tieEnds
            n.edgeDecrees = TextColumn(ids: eDecrees, strings: strings, texts: texts)
            n.edgeRelations = TextColumn(ids: eRelations, strings: strings, texts: texts)
            return n
        }
    }
}

/// The nodes' keys (a person's NIP, `unit:…`, `signer:…`): a person's is kept as its NIP and
/// written out when asked for, so a national network does not hold millions of 18-digit strings
/// (one allocation each, in the network's build on the critical path).
public struct NodeKeys: RandomAccessCollection, Sendable {
    /// a NIP's value, or `textFlag | index` into `texts`
    private var values: [UInt64] = []
    private var texts: [String] = []
    private static let textFlag: UInt64 = 1 << 63

    init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }
    public subscript(i: Int) -> String {
        let v = values[i]
        return v & NodeKeys.textFlag != 0 ? texts[Int(v & ~NodeKeys.textFlag)] : NIP(value: v).description
    }

    mutating func reserveCapacity(_ n: Int) { values.reserveCapacity(n) }

    mutating func append(_ nip: NIP) { values.append(nip.value) }

    mutating func append(_ text: String) {
        values.append(NodeKeys.textFlag | UInt64(texts.count))
        texts.append(text)
    }
}

/// A column of texts stored as ids into a shared table and list: what a network's edges carry
/// (decree numbers, relations), read like an array of strings.
public struct TextColumn: RandomAccessCollection, Sendable {
    private let ids: [UInt32]
    /// Ids below its count are its symbols; those past it index `texts`.
    private let strings: StringTable
    private let texts: [String]

    init(ids: [UInt32] = [], strings: StringTable = StringTable(), texts: [String] = []) {
        self.ids = ids; self.strings = strings; self.texts = texts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }
    public subscript(i: Int) -> String {
        let id = Int(ids[i])
        return id < strings.count ? strings[Symbol(id: UInt32(id))] : texts[id - strings.count]
    }
}

extension TransferSet {
    /// The transfers that satisfy `keep`, sharing this set's strings.
    public func filtered(_ keep: (Transfer) -> Bool) -> TransferSet {
        var out = self
        out.transfers = transfers.filter(keep)
        return out
    }

    /// Transfers in `region` (case, spaces and punctuation ignored).
    public func filtered(region: String) -> TransferSet {
        let key = RegionName.key(region)
        var match: [Symbol: Bool] = [:]
        return filtered { t in
            if let m = match[t.region] { return m }
            let m = RegionName.key(self[t.region]) == key
            match[t.region] = m
            return m
        }
    }

    /// Transfers in the decree numbered `decree`.
    public func filtered(decree: String) -> TransferSet {
        let d = decree.trimmed
        return filtered { self.decreeLabel(of: $0) == d }
    }

    /// An ego network's transfers: the person's own, and those of everyone moved by the same
    /// decrees (at most `maxPerDecree` others per decree, so one 140-person decree stays readable).
    public func ego(of nip: NIP, maxPerDecree: Int = 60) -> TransferSet {
        let decrees = Set(transfers.filter { $0.nip == nip }.map { decreeKey(of: $0) })
        var perDecree: [String: Int] = [:]
        return filtered { t in
            if t.nip == nip { return true }
            let k = decreeKey(of: t)
            guard decrees.contains(k) else { return false }
            perDecree[k, default: 0] += 1
            return perDecree[k]! <= maxPerDecree
        }
    }
}
