import Foundation
import Yams
import MutasiSupport
import MutasiIngest
import MutasiModel

/// A set of legal rules that forbid transfers in windows around elections, as data: the same code
/// reads Indonesia's Pilkada law and Brazil's electoral law (`RulePack.indonesia`, `RulePack.brazil`),
/// and an investigator can write a pack for another country or a changed law without touching code.
public struct RulePack: Sendable, Codable, Equatable {
    public var name: String
    public var rules: [Rule]

    /// One rule: who it binds, the window, what counts, the exemption, and where the law says so.
    public struct Rule: Sendable, Codable, Equatable {
        public var id: String
        public var citation: String
        public var description: String?
        public var binds: [Signer]
        /// Which elections anchor the window; empty for a rule anchored on the signing head's own
        /// term (PP 49/2008 Pasal 132A).
        public var elections: [Election.Kind]
        public var window: Window
        /// Echelon levels that make a move count, before or after the move.
        public var counts: [Counted]
        public var exemption: Exemption

        /// Whom a rule binds.
        public enum Signer: String, Vocabulary {
            case elected, acting
            /// Any signer, matched to a head or not.
            case any
            public init(from decoder: any Decoder) throws { try self.init(word: decoder) }
        }

        /// What exempts a decree in the window.
        public enum Exemption: String, Vocabulary {
            /// A recorded written approval of the Minister.
            case approval
            /// Nothing.
            case none
            public init(from decoder: any Decoder) throws { try self.init(word: decoder) }
        }

        /// A move counts when it touches a post of this level, before or after; `any`: every move.
        public enum Counted: String, Vocabulary {
            case jptMadya = "jpt_madya", jptPratama = "jpt_pratama", administrator, pengawas, five, pelaksana, fungsional, any
            public init(from decoder: any Decoder) throws { try self.init(word: decoder) }

            /// The echelon level, nil for `any`.
            package var level: Echelon.Level? {
                switch self {
                case .jptMadya: .jptMadya
                case .jptPratama: .jptPratama
                case .administrator: .administrator
                case .pengawas: .pengawas
                case .five: .five
                case .pelaksana: .pelaksana
                case .fungsional: .fungsional
                case .any: nil
                }
            }
        }

        /// What a window's bound is counted from.
        public enum Anchor: String, Vocabulary {
            /// Of the election.
            case candidateDetermination = "candidate_determination", voting, inauguration
            /// Of the signing head's term.
            case termStart = "term_start", termEnd = "term_end"
            public init(from decoder: any Decoder) throws { try self.init(word: decoder) }

            package var isElection: Bool {
                switch self {
                case .candidateDetermination, .voting, .inauguration: true
                case .termStart, .termEnd: false
                }
            }
        }

        /// Whether the rule binds a signer in `role`: one who matches no head is bound only by a rule
        /// that binds every head, elected and acting alike.
        package func binds(_ role: SignerRole) -> Bool {
            if binds.contains(.any) { return true }
            switch role {
            case .elected: return binds.contains(.elected)
            case .acting: return binds.contains(.acting)
            case .unknown: return binds.contains(.elected) && binds.contains(.acting)
            }
        }

        public struct Window: Sendable, Codable, Equatable {
            public var from: Bound
            public var to: Bound
        }

        /// An anchor date and an offset such as `-6 months`, `3 months`, `-90 days`.
        public struct Bound: Sendable, Codable, Equatable {
            public var anchor: Anchor
            public var offset: String?
        }
    }

    public static func load(path: String) throws(InputError) -> RulePack {
        let text = try CalendarReader.readText(path: path, maxBytes: 4 << 20, what: "rule pack")
        return try load(yaml: text, file: path)
    }

    public static func load(yaml: String, file: String = "<rules>") throws(InputError) -> RulePack {
        let pack: RulePack
        do {
            pack = try YAMLDecoder().decode(RulePack.self, from: yaml)
        } catch {
            throw decodingError(error, yaml: yaml, file: file)
        }
        try pack.check(file: file)
        return pack
    }

    /// A rule pack that does not decode, as file:line:column (columns from 1), what is wrong and what
    /// to write: a YAML syntax error at its mark, a missing key or a wrong type at the node its path
    /// leads to (or the nearest one above it).
    static func decodingError(_ error: any Error, yaml: String, file: String) -> InputError {
        let advice = "Write it like the built-in pack (`mutasi rules` prints it; docs/METHODS.md, rule windows)"
        func at(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
        }
        func yamlProblem(_ e: any Error) -> InputError? {
            guard let y = e as? YamlError else { return nil }
            switch y {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return InputError(.malformed, at: at(mark), "YAML syntax: \(problem)", advice: "Fix the syntax at this place")
            default:
                return InputError(.malformed, at: at(nil), "YAML: \(y)", advice: advice)
            }
        }
        if let e = yamlProblem(error) { return e }
        guard let d = error as? DecodingError else {
            return InputError(.malformed, file: file, "is not a rule pack: \(error)", advice: advice)
        }
        // the node the coding path leads to, or the last one found on the way
        func node(_ path: [any CodingKey]) -> Node? {
            guard var n = try? Yams.compose(yaml: yaml) else { return nil }
            for k in path {
                if let i = k.intValue, let seq = n.sequence, i < seq.count { n = seq[i]; continue }
                if let m = n.mapping, let v = m[k.stringValue] { n = v; continue }
                break
            }
            return n
        }
        func where_(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "the top level" }
            let place = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
            // a rule is named by its id too, when it has one: the id is what its author knows it by
            guard path.count >= 2, path[0].stringValue == "rules", path[1].intValue != nil,
                  let id = node(Array(path.prefix(2)))?.mapping?["id"]?.string else { return place }
            return "rule '\(id)', \(place)"
        }
        switch d {
        case let .dataCorrupted(c):
            if let u = c.underlyingError, let e = yamlProblem(u) { return e }
            return InputError(.malformed, at: at(node(c.codingPath)?.mark), "\(where_(c.codingPath)): \(c.debugDescription)", advice: advice)
        case let .keyNotFound(key, c):
            return InputError(.missingField, at: at(node(c.codingPath)?.mark), "\(where_(c.codingPath)) has no `\(key.stringValue)`",
                              advice: "Add `\(key.stringValue):` there, as in the built-in pack (`mutasi rules` prints it)")
        case let .typeMismatch(type, c):
            let what = type == String.self || "\(type)".hasSuffix("Scalar") ? "a text (one value, not a list or a mapping)" : type == [String].self ? "a list of texts, like [a, b]" : "\(type)"
            return InputError(.malformed, at: at(node(c.codingPath)?.mark), "\(where_(c.codingPath)) should be \(what)", advice: advice)
        case let .valueNotFound(type, c):
            return InputError(.malformed, at: at(node(c.codingPath)?.mark), "\(where_(c.codingPath)) is empty; it should be \(type)", advice: advice)
        @unknown default:
            return InputError(.malformed, file: file, "is not a rule pack: \(d)", advice: advice)
        }
    }

    func check(file: String) throws(InputError) {
        for r in rules {
            func bad(_ what: String) -> InputError {
                InputError(.malformed, file: file, "rule '\(r.id)': \(what)", advice: "Fix the rule pack.")
            }
            for a in [r.window.from, r.window.to] {
                if let o = a.offset, RulePack.offset(o) == nil { throw bad("offset '\(o)' is not like '-6 months' or '90 days'") }
            }
            let electionAnchored = r.window.from.anchor.isElection || r.window.to.anchor.isElection
            if electionAnchored && r.elections.isEmpty { throw bad("the window is anchored on an election but `elections` is empty") }
        }
    }

    /// `-6 months` -> (months: -6, days: 0); `90 days` -> (0, 90).
    static func offset(_ s: String) -> (months: Int, days: Int)? {
        let parts = s.trimmed.lowercased().split(separator: " ")
        guard let first = parts.first, let n = Int(first.replacingOccurrences(of: "+", with: "")) else { return nil }
        if parts.count == 1 { return n == 0 ? (0, 0) : nil }
        guard parts.count == 2 else { return nil }
        switch parts[1] {
        case "month", "months", "bulan": return (n, 0)
        case "day", "days", "hari": return (0, n)
        case "year", "years", "tahun": return (n * 12, 0)
        default: return nil
        }
    }

    public static let indonesia: RulePack = BuiltIn.indonesia.pack
    public static let brazil: RulePack = BuiltIn.brazil.pack

    /// The packs that ship with the tool, as YAML files in `Resources/rules/` (`mutasi rules`
    /// prints them): the same format an investigator writes, so each is an example of it too.
    package enum BuiltIn: String, Sendable, CaseIterable {
        case indonesia, brazil

        /// The pack's file in the module's resource bundle.
        package var url: URL {
            guard let u = Bundle.module.url(forResource: rawValue, withExtension: "yaml", subdirectory: "rules") else {
                // a build that dropped the resources is broken: no run can go on without its rules
                preconditionFailure("the built-in rule pack rules/\(rawValue).yaml is missing from \(Bundle.module.bundlePath); rebuild with swift build")
            }
            return u
        }

        /// The pack's YAML as shipped.
        package var yaml: String {
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                preconditionFailure("the built-in rule pack \(url.path) cannot be read as UTF-8 text")
            }
            return text
        }

        /// The pack, read and checked; a built-in pack that does not load is a bug, stopped here.
        package var pack: RulePack {
            do { return try RulePack.load(yaml: yaml, file: "<built-in pack rules/\(rawValue).yaml>") } catch {
                preconditionFailure("\(error)")
            }
        }
    }


}

/// One decree that falls in a rule window: a violation without approval, listed as approved with one.
public struct LegalFlag: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case violation, approved }

    public var rule: String
    public var citation: String
    public var decreeNo: String
    public var decreeDate: Day
    public var region: String
    public var signer: String
    /// `elected`, `acting`, or `unknown` when the signer matches no head in the calendar.
    public var signerRole: SignerRole
    public var persons: Int
    /// People whose move touched a post the rule protects.
    public var officials: Int
    public var election: String?
    /// Days from the decree to the election's vote (negative after it); nil for term-anchored rules
    /// with no election in the region.
    public var daysToVoting: Int?
    /// Days from the decree to that election's candidate determination (penetapan paslon; negative
    /// after it), when the calendar gives the date.
    public var daysToCandidateDetermination: Int?
    public var windowStart: Day
    /// The window's last day; nil when it runs to the end of a term the calendar leaves open (an
    /// acting head with no `to` date and no election to close it).
    public var windowEnd: Day?
    public var approval: String?
    public var status: Status
    /// file:line of the decree's first row.
    public var evidence: String
}

/// Checks every decree against a rule pack.
public struct RuleWindowCheck: Sendable {
    public var pack: RulePack
    /// Approval references by `TransferSet.decreeKey` from an approvals file (`ApprovalReader.index`).
    public var approvals: [String: String]

    public init(pack: RulePack = .indonesia, approvals: [String: String] = [:]) {
        self.pack = pack
        self.approvals = approvals
    }

    /// - Parameter decrees: `set.decreeNumbers()`, when the caller has it already.
    /// - Complexity: O(T + D * R * E) for T transfers, D decrees, R rules and E elections per region.
    public func flags(for set: TransferSet, calendar: ElectionCalendar,
                      decrees: (ofTransfer: [Int32], count: Int)? = nil) -> [LegalFlag] {
        // which echelon levels make a move count, per rule, as bits (all bits: any move, with or without an echelon)
        let ruleMasks = pack.rules.map { r -> Int in
            r.counts.contains(.any) ? ~0 : r.counts.compactMap(\.level).reduce(0) { $0 | 1 << Int($1.rawValue) }
        }
        // decrees by number, not by string key: a national file has millions of rows
        let (decreeOf, decreeCount) = decrees ?? set.decreeNumbers()
        let rules = pack.rules.count
        // per decree, in flat arrays (millions of decrees): its first row, people, approval, and
        // for decree k and rule r the officials moved at k * rules + r
        var first = [Int32](repeating: -1, count: decreeCount)
        var persons = [Int32](repeating: 0, count: decreeCount)
        var approvalOf = [Symbol](repeating: .empty, count: decreeCount)
        var perDecreeOfficials = [Int32](repeating: 0, count: decreeCount * rules)
        for (i, t) in set.transfers.enumerated() {
            let k = Int(decreeOf[i])
            if first[k] < 0 { first[k] = Int32(i) }
            persons[k] += 1
            if approvalOf[k].isEmpty { approvalOf[k] = t.approval }
            let moved = (t.fromEchelon.map { 1 << Int($0.level.rawValue) } ?? 0) | (t.toEchelon.map { 1 << Int($0.level.rawValue) } ?? 0)
            for ri in 0..<rules where ruleMasks[ri] == ~0 || ruleMasks[ri] & moved != 0 { perDecreeOfficials[k * rules + ri] += 1 }
        }
        let prepared = pack.rules.map(PreparedRule.init)
        // decrees are independent: ranges of them on every core, each with its own lookup, flags
        // joined in decree order
        let chunks = min(decreeCount, 8 * Cores.available)
        let results = Slots<[LegalFlag]>(count: chunks, initial: [])
        let firsts = first, people = persons, approvals = approvalOf, officials = perDecreeOfficials
        let shared = HeadResolver(calendar)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = decreeCount * c / chunks ..< decreeCount * (c + 1) / chunks
            results.set(c, flags(decrees: range, first: firsts, persons: people, approvalOf: approvals, officials: officials,
                                 prepared: prepared, set: set, lookup: CalendarLookup(calendar, shared: shared)))
        }
        return results.values.flatMap { $0 }
    }

    /// The flags of the decrees in `range` (see `flags(for:calendar:)`).
    private func flags(decrees range: Range<Int>, first: [Int32], persons: [Int32], approvalOf: [Symbol], officials perDecreeOfficials: [Int32],
                       prepared: [PreparedRule], set: TransferSet, lookup: CalendarLookup) -> [LegalFlag] {
        let rules = pack.rules.count
        var out: [LegalFlag] = []
        // heads and elections once per signer and region: per decree they cost more than the check
        var headsOf: [UInt64: HeadResolver.Candidates] = [:]
        var electionsOf: [Symbol: [Election]] = [:]
        for k in range {
            let t = set.transfers[Int(first[k])]
            // the names are made only where they are used: a decree's check is the set's symbols
            let candidates = { (v: inout HeadResolver.Candidates?) in
                if v == nil { v = lookup.heads(signedAs: set[t.signedBy], in: set[t.region]) }
                return v!
            }(&headsOf[UInt64(t.signedBy.id) << 32 | UInt64(t.region.id)])
            let head = candidates.match(on: t.decreeDate)?.head
            let role = SignerRole(head)
            let elections = { (v: inout [Election]?) in
                if v == nil { v = lookup.elections(in: set[t.region]) }
                return v!
            }(&electionsOf[t.region])
            for (ri, r) in pack.rules.enumerated() {
                let officials = Int(perDecreeOfficials[k * rules + ri])
                guard officials > 0 else { continue }
                guard r.binds(role) else { continue }
                guard let (window, election) = window(r, prepared[ri], head: head, elections: elections, day: t.decreeDate) else { continue }
                let approval = !approvalOf[k].isEmpty ? set[approvalOf[k]] : approvals[set.decreeKey(of: t)]
                let exempt: Bool
                switch r.exemption {
                case .approval: exempt = approval != nil
                case .none: exempt = false
                }
                out.append(LegalFlag(rule: r.id, citation: r.citation, decreeNo: set.decreeLabel(of: t), decreeDate: t.decreeDate,
                                     region: set[t.region], signer: set[t.signedBy], signerRole: role, persons: Int(persons[k]), officials: officials,
                                     election: election?.id, daysToVoting: election.map { t.decreeDate.days(to: $0.votingDate) },
                                     daysToCandidateDetermination: election?.candidateDeterminationDate.map { t.decreeDate.days(to: $0) },
                                     windowStart: window.start, windowEnd: window.end == RuleWindowCheck.openEnd ? nil : window.end, approval: approval,
                                     status: exempt ? .approved : .violation, evidence: set.origin(of: t)))
            }
        }
        return out
    }

    /// The end of a term the calendar leaves open: later than any decree, never shown as a date.
    static let openEnd = Day(daysSinceEpoch: Int32.max / 4)

    /// What `window` needs of a rule beyond the rule, worked out once per run instead of per decree.
    struct PreparedRule {
        var from: (months: Int, days: Int)
        var to: (months: Int, days: Int)
        /// The window runs from or to the head's term.
        var usesTerm: Bool
        init(_ r: RulePack.Rule) {
            from = RulePack.offset(r.window.from.offset ?? "0") ?? (0, 0)
            to = RulePack.offset(r.window.to.offset ?? "0") ?? (0, 0)
            usesTerm = !r.window.from.anchor.isElection || !r.window.to.anchor.isElection
        }
    }

    /// The window of rule `r` containing `day`, and the election it is anchored on (the one with the
    /// nearest vote when several windows contain the day).
    func window(_ r: RulePack.Rule, _ prepared: PreparedRule, head: RegionalHead?, elections: [Election], day: Day) -> (DayRange, Election?)? {
        let far = RuleWindowCheck.openEnd
        func date(_ b: RulePack.Rule.Bound, _ offset: (months: Int, days: Int), _ e: Election?) -> Day? {
            let base: Day?
            switch b.anchor {
            case .candidateDetermination: base = e?.candidateDeterminationDate
            case .voting: base = e?.votingDate
            case .inauguration: base = e?.inaugurationDate
            case .termStart: base = head?.from
            case .termEnd:
                // an open term ends, at the latest, when the election's winner takes office; with no
                // inauguration known (the empty box won), a year after the vote
                if let e {
                    base = head?.to ?? e.inaugurationDate ?? e.votingDate.adding(months: 12)
                } else {
                    base = head?.to ?? (head == nil ? nil : far)
                }
            }
            guard let base else { return nil }
            return base.adding(months: offset.months).adding(days: offset.days)
        }
        if r.elections.isEmpty {
            guard let s = date(r.window.from, prepared.from, nil), let e = date(r.window.to, prepared.to, nil), s <= e else { return nil }
            let w = DayRange(start: s, end: e)
            guard w.contains(day) else { return nil }
            let nearest = elections.min { abs(day.days(to: $0.votingDate)) < abs(day.days(to: $1.votingDate)) }
            return (w, nearest)
        }
        var best: (DayRange, Election)?
        for e in elections where r.elections.contains(e.kind) {
            // a window running to the end of the head's term binds the head in office at that vote,
            // not one who took office after it
            if prepared.usesTerm, let h = head, h.from > e.votingDate { continue }
            guard let s = date(r.window.from, prepared.from, e), let end = date(r.window.to, prepared.to, e), s <= end else { continue }
            let w = DayRange(start: s, end: end)
            guard w.contains(day) else { continue }
            if best == nil || abs(day.days(to: e.votingDate)) < abs(day.days(to: best!.1.votingDate)) { best = (w, e) }
        }
        return best
    }
}
