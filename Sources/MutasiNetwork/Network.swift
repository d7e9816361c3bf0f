import MutasiSupport
import MutasiModel

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
        package var isDecree: Bool {
            switch self {
            case .appointedBy, .movedFrom, .movedTo, .holds: return true
            case .tie, .ranAs: return false
            }
        }

        /// Whether `NetworkMetrics` runs on edges of this kind: decrees' person -> signer edges and
        /// ties relate people; unit and position edges describe offices. Exported as `in_metrics`.
        package var inMetrics: Bool {
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
    public private(set) var labels = TextColumn()
    /// What identifies the node: the NIP, the unit or position text, the signer's name, the candidate id.
    package private(set) var keys = NodeKeys()
    /// For people: the unit of their latest move (for clustering), empty otherwise.
    public private(set) var homeUnits = TextColumn()
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
    package private(set) var edgeDecrees = TextColumn()
    /// The kind of move (for decree edges).
    public private(set) var edgeMoves: [TransferKind?] = []
    /// The tie relation (for tie edges), empty otherwise.
    package private(set) var edgeRelations = TextColumn()
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
    public init(transfers set: TransferSet, ties: [Tie] = [], calendar: ElectionCalendar? = nil, options: Options = Options()) {
        self.init(transfers: set, ties: ties, calendar: calendar, options: options, people: nil)
    }

    /// The same, with `set.personNumbers()` when the caller has it already (person numbers are the
    /// package's own).
    package init(transfers set: TransferSet, ties: [Tie] = [], calendar: ElectionCalendar? = nil, options: Options = Options(),
                people: PersonNumbers?) {
        var a = Assembly(transfers: set, ties: ties, calendar: calendar, options: options, people: people ?? set.personNumbers())
        a.addEdges()  // counting: makes the nodes, counts each node's edges
        a.b.startWriting()
        a.addEdges()  // writing: each edge straight to its place in the rows
        a.labelHomeUnits()
        self = a.b.finish()
    }

    /// Makes the nodes, then, in a second pass over the same edges, writes each edge at its place
    /// in its source's row (CSR): no list of edges to sort afterwards (at national scale that list
    /// was 62 M edges in seven arrays, written and scattered once more). Edge and node texts are ids
    /// into the set's string table, then `texts`, so an edge or a person's node holds numbers, not
    /// strings with storage of their own (millions of allocations on a national file).
    struct Builder {
        var kinds: [NodeKind] = [], labels: [UInt32] = [], keys = NodeKeys(), homeUnits: [UInt32] = []
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
        private var eMoves: [TransferKind?] = []
        /// Relations by edge, for the few tie edges (a column of tens of millions of zeros otherwise).
        private var eRelations: [Int: UInt32] = [:]
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

        /// - Parameter label: the label's text id (`text(_:)`, or a symbol's id in the set).
        mutating func node(_ kind: NodeKind, label: UInt32, key: String) -> Int32 {
            precondition(!writing, "a node made in the writing pass, which only finds the nodes of the first")
            kinds.append(kind); labels.append(label); keys.append(key); homeUnits.append(0); degree.append(0)
            return Int32(kinds.count - 1)
        }

        mutating func node(_ kind: NodeKind, label: UInt32, nip: NIP) -> Int32 {
            precondition(!writing, "a node made in the writing pass, which only finds the nodes of the first")
            kinds.append(kind); labels.append(label); keys.append(nip); homeUnits.append(0); degree.append(0)
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
            eDecrees = [UInt32](repeating: 0, count: m)
            writing = true
        }

        mutating func edge(_ a: Int32, _ b: Int32, _ kind: EdgeKind, date: Day?, decree: UInt32, move: TransferKind?, relation: UInt32 = 0,
                           end: Day? = nil) {
            let s = Int(a)
            guard writing else { degree[s] += 1; return }
            let at = cursor[s]
            cursor[s] = at + 1
            targets[at] = b; eKinds[at] = kind; eDates[at] = date; eDecrees[at] = decree; eMoves[at] = move
            if relation != 0 { eRelations[at] = relation }
            if let end { tieEnds[at] = end }
        }

        func finish() -> Network {
            precondition(writing && cursor.indices.dropLast().allSatisfy { cursor[$0] == offsets[$0 + 1] },
                         "the writing pass added other edges than the counting pass")
            var n = Network()
            n.nodeKinds = kinds; n.keys = keys; n.candidateOfSigner = candidateOfSigner
            n.labels = TextColumn(ids: labels, strings: strings, texts: texts)
            n.homeUnits = TextColumn(ids: homeUnits, strings: strings, texts: texts)
            n.offsets = offsets
            n.targets = targets; n.edgeKinds = eKinds; n.edgeDates = eDates; n.edgeMoves = eMoves; n.tieEnds = tieEnds
            n.edgeDecrees = TextColumn(ids: eDecrees, strings: strings, texts: texts)
            n.edgeRelations = TextColumn(sparse: eRelations, count: targets.count, strings: strings, texts: texts)
            return n
        }
    }
}
