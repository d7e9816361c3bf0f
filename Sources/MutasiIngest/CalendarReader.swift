import Foundation
import Yams
import MutasiSupport
import MutasiModel

/// Reads an election calendar (elections and regional heads) from YAML or JSON.
///
/// The tree is walked by hand rather than decoded with `Codable` so that every error can name the
/// line and column it was found at, and so unknown keys (a typo such as `voting_dat`) are errors
/// instead of silently missing dates. Keys match case-insensitively ignoring `_`, `-` and spaces, so
/// `candidate_determination_date`, `candidateDeterminationDate` and `penetapan_paslon` are one key.
public enum CalendarReader {
    /// At most this many YAML nodes are visited. Aliases make a small file expand into an
    /// exponential tree ("billion laughs"); a real calendar has a few thousand nodes.
    package static let maxNodes = 1_000_000
    /// Files larger than this are refused before parsing (a national calendar is well under 1 MiB).
    package static let maxBytes = 64 << 20

    public static func read(path: String) throws(InputError) -> ElectionCalendar {
        let text = try readText(path: path, maxBytes: maxBytes, what: "election calendar")
        return try read(text: text, file: path)
    }

    public static func read(text: String, file: String = "<calendar>") throws(InputError) -> ElectionCalendar {
        var walker = Walker(file: file)
        return try walker.calendar(text)
    }

    /// Reads a whole text file, refusing directories, FIFOs and oversize files with advice.
    package static func readText(path: String, maxBytes: Int, what: String) throws(InputError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(.unreadable, file: path, "no such file", advice: "Check the path of the \(what).")
        }
        guard !isDir.boolValue else {
            throw InputError(.unreadable, file: path, "is a directory", advice: "Give the \(what) file itself, not its folder.")
        }
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attrs?[.type] as? FileAttributeType, type != .typeRegular, type != .typeSymbolicLink {
            throw InputError(.unreadable, file: path, "is not a regular file", advice: "Save the \(what) to a regular file first.")
        }
        if let size = attrs?[.size] as? Int, size > maxBytes {
            throw InputError(.tooLarge, file: path, "is \(size) bytes, over the \(maxBytes)-byte limit for a \(what)",
                             advice: "Split it, or check that this is the right file.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.unreadable, file: path, "cannot be read", advice: "Check its permissions.")
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw InputError(.malformed, file: path, "is not valid UTF-8", advice: "Save the \(what) as UTF-8.")
        }
        return s
    }
}

private struct Walker {
    let file: String
    var visited = 0
    /// Every date read, where, and what it is: for the plausibility warnings.
    var dates: [ElectionCalendar.DateRead] = []
    /// (region, province) pairs from `province` fields.
    var provinces: [(String, String)] = []

    init(file: String) { self.file = file }

    func loc(_ node: Node?) -> SourceLocation {
        // columns count from 1 whenever there is a line
        SourceLocation(file: file, line: node?.mark?.line ?? 0, column: node?.mark.map { max(1, $0.column) } ?? 0)
    }

    func fail(_ node: Node?, _ message: String, _ advice: String) -> InputError {
        InputError(.malformed, at: loc(node), message, advice: advice)
    }

    static func key(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    mutating func count(_ node: Node) throws(InputError) {
        visited += 1
        if visited > CalendarReader.maxNodes {
            throw InputError(.tooLarge, at: loc(node), "the calendar expands to more than \(CalendarReader.maxNodes) nodes",
                             advice: "Remove YAML aliases that repeat large parts of the file.")
        }
    }

    mutating func calendar(_ text: String) throws(InputError) -> ElectionCalendar {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw yamlError(e)
        } catch {
            throw InputError(.malformed, file: file, "cannot be parsed: \(error)", advice: "Check the YAML/JSON syntax.")
        }
        guard let root, case let .mapping(top) = root else {
            throw fail(root, "the calendar must be a mapping with `elections` and `heads`",
                       "See the calendar example in the README.")
        }
        try count(root)
        let (elections, headNodes) = try topLevel(top)
        let candidateIds = Set(elections.flatMap { $0.candidates.map(\.id) })
        for (h, node) in headNodes {
            if let c = h.candidate, !candidateIds.contains(c) {
                throw fail(node, "head '\(h.name)' names candidate '\(c)', which no election lists",
                           "Use an id from an election's `candidates`, or leave `candidate` out.")
            }
        }
        var calendar = ElectionCalendar(elections: elections, heads: headNodes.map(\.0))
        for (r, p) in provinces where calendar.provinces[RegionName.key(r)] == nil { calendar.provinces[RegionName.key(r)] = p }
        calendar.datesRead = dates
        calendar.warnings += overlappingTerms(headNodes)
        return calendar
    }

    /// The elections and the heads (each with its node, for positions) of the top-level mapping.
    mutating func topLevel(_ top: Node.Mapping) throws(InputError) -> ([Election], [(RegionalHead, Node)]) {
        var elections: [Election] = []
        var electionNodes: [String: Node] = [:]
        var headNodes: [(RegionalHead, Node)] = []
        for (k, v) in top {
            try count(k)
            switch Walker.key(try scalar(k)) {
            case "elections", "pemilihan", "pemilu":
                for item in try sequence(v, "elections") {
                    let e = try election(item)
                    if electionNodes[e.id] != nil {
                        throw fail(item, "election id '\(e.id)' appears twice", "Give every election its own id.")
                    }
                    electionNodes[e.id] = item
                    elections.append(e)
                }
            case "heads", "kepaladaerah":
                for item in try sequence(v, "heads") {
                    headNodes.append((try head(item), item))
                }
            default:
                throw fail(k, "unknown key '\(try scalar(k))'", "The calendar's top level takes `elections` and `heads`.")
            }
        }
        return (elections, headNodes)
    }

    /// Heads of one region whose terms overlap: two patrons at once is a typo in a date.
    func overlappingTerms(_ headNodes: [(RegionalHead, Node)]) -> [RowIssue] {
        var warnings: [RowIssue] = []
        var byRegion: [String: [(RegionalHead, Node)]] = [:]
        for (h, node) in headNodes { byRegion[RegionName.key(h.region), default: []].append((h, node)) }
        for (_, hs) in byRegion.sorted(by: { $0.key < $1.key }) {
            let sorted = hs.sorted { $0.0.from < $1.0.from }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                guard a.0.to.map({ $0 >= b.0.from }) ?? true else { continue }
                // an acting head (Pjs, Plt, Plh) for a while inside the elected head's term is how
                // a campaign leave is covered, not a typo
                if b.0.role == .acting, let end = b.0.to, a.0.to.map({ end <= $0 }) ?? true { continue }
                warnings.append(RowIssue(at: loc(b.1), reason: "the term of '\(b.0.name)' (from \(b.0.from.iso)) overlaps that of '\(a.0.name)' (\(a.0.from.iso) to \(a.0.to?.iso ?? "open")) in \(b.0.region); check the dates, the earlier head's `to` is probably missing or wrong"))
            }
        }
        return warnings
    }

    func yamlError(_ e: YamlError) -> InputError {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return InputError(.malformed, at: SourceLocation(file: file, line: mark.line, column: mark.column),
                              "YAML/JSON syntax: \(problem)", advice: "Fix the syntax at this place.")
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(.malformed, at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                              "duplicate keys \(duplicates.joined(separator: ", "))", advice: "Give each key once.")
        default:
            return InputError(.malformed, file: file, "cannot be parsed: \(e)", advice: "Check the YAML/JSON syntax.")
        }
    }

    func scalar(_ node: Node) throws(InputError) -> String {
        guard case let .scalar(s) = node else {
            throw fail(node, "expected a single value", "Write a plain value here, not a list or mapping.")
        }
        return s.string
    }

    func isNull(_ node: Node) -> Bool {
        guard case let .scalar(s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    mutating func sequence(_ node: Node, _ what: String) throws(InputError) -> [Node] {
        if isNull(node) { return [] }
        guard case let .sequence(seq) = node else {
            throw fail(node, "`\(what)` must be a list", "Write each entry as a `- ` item.")
        }
        var out: [Node] = []
        for item in seq {
            try count(item)
            out.append(item)
        }
        return out
    }

    /// The mapping's entries by normalised key, with the node of each key for error locations.
    mutating func fields(_ node: Node, _ what: String, accepted: [String: [String]]) throws(InputError) -> [String: (key: Node, value: Node)] {
        guard case let .mapping(m) = node else {
            throw fail(node, "each of `\(what)` must be a mapping of keys to values", "See the calendar example in the README.")
        }
        var alias: [String: String] = [:]
        for (canonical, names) in accepted {
            alias[Walker.key(canonical)] = canonical
            for n in names { alias[Walker.key(n)] = canonical }
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (k, v) in m {
            try count(k)
            try count(v)
            let name = try scalar(k)
            guard let canonical = alias[Walker.key(name)] else {
                throw fail(k, "unknown key '\(name)' in \(what)",
                           "Accepted keys: \(accepted.keys.sorted().joined(separator: ", ")).")
            }
            if out[canonical] != nil {
                throw fail(k, "'\(name)' given twice in one entry of \(what)", "Keep one.")
            }
            out[canonical] = (k, v)
        }
        return out
    }

    func required(_ f: [String: (key: Node, value: Node)], _ name: String, in node: Node, _ what: String) throws(InputError) -> Node {
        guard let v = f[name], !isNull(v.value) else {
            throw fail(node, "\(what) has no `\(name)`", "Add `\(name)`.")
        }
        return v.value
    }

    func text(_ f: [String: (key: Node, value: Node)], _ name: String) throws(InputError) -> String? {
        guard let v = f[name], !isNull(v.value) else { return nil }
        let s = try scalar(v.value).trimmed
        return s.isEmpty ? nil : s
    }

    func date(_ node: Node) throws(InputError) -> Day {
        let s = try scalar(node)
        guard let d = DateBytes.parse(s) else {
            throw fail(node, "'\(s)' is not a date", "Write dates as YYYY-MM-DD (DD/MM/YYYY and '22 September 2024' work too).")
        }
        return d
    }

    func date(_ f: [String: (key: Node, value: Node)], _ name: String) throws(InputError) -> Day? {
        guard let v = f[name], !isNull(v.value) else { return nil }
        return try date(v.value)
    }

    static let electionKeys: [String: [String]] = [
        "id": [], "name": ["nama"], "kind": ["jenis", "type"], "region": ["daerah", "wilayah"],
        "candidate_determination_date": ["penetapan_paslon", "tanggal_penetapan_paslon", "candidate_determination"],
        "voting_date": ["pemungutan_suara", "tanggal_pemungutan_suara", "voting"],
        "inauguration_date": ["pelantikan", "tanggal_pelantikan", "inauguration"],
        "candidates": ["calon", "paslon"], "winner": ["pemenang"], "province": ["provinsi"],
        "turnout": ["partisipasi", "partisipasi_pemilih", "tingkat_partisipasi"],
        "empty_box_votes": ["kotak_kosong", "suara_kotak_kosong", "empty_box"],
    ]

    static let candidateKeys: [String: [String]] = [
        "id": [], "name": ["nama"], "incumbent": ["petahana"],
        "votes": ["suara", "perolehan_suara", "jumlah_suara"], "share": ["persentase", "persen", "proportion"],
    ]

    /// A count of votes: a whole number, not negative, thousands grouped or not (`52300`,
    /// `52.300`, `52,300`, `52_300`; Indonesian sources group with dots).
    func votes(_ node: Node, _ what: String) throws(InputError) -> Int {
        let s = try scalar(node).trimmed
        let plain = s.filter { $0 != "_" && $0 != " " }
        let groups = plain.split(separator: plain.contains(".") ? "." : ",", omittingEmptySubsequences: false)
        let grouped = groups.count > 1 && !(plain.contains(".") && plain.contains(","))
            && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
        let digits = grouped ? groups.joined() : plain
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else {
            if plain.hasPrefix("-") {
                throw fail(node, "\(what) '\(s)' is negative", "Votes are counts: write 0 or more.")
            }
            throw fail(node, "\(what) '\(s)' is not a whole number of votes",
                       "Write the count of votes, e.g. 52300 or 52.300; a share goes in `share`.")
        }
        return n
    }

    func votes(_ f: [String: (key: Node, value: Node)], _ name: String, _ what: String) throws(InputError) -> Int? {
        guard let v = f[name], !isNull(v.value) else { return nil }
        return try votes(v.value, what)
    }

    func proportion(_ f: [String: (key: Node, value: Node)], _ name: String, _ what: String) throws(InputError) -> Double? {
        guard let v = f[name], !isNull(v.value) else { return nil }
        return try proportion(v.value, what)
    }

    /// A proportion in 0...1: a plain number is a fraction (`0.523`), a number with `%` a
    /// percentage (`52.3%`, `52,3 %`). A plain number over 1 is refused rather than guessed at:
    /// 0.8 could be 80 % or 0.8 %.
    func proportion(_ node: Node, _ what: String) throws(InputError) -> Double {
        let s = try scalar(node).trimmed
        var t = s.filter { $0 != " " }
        let percent = t.hasSuffix("%")
        if percent { t.removeLast() }
        // a decimal comma (52,3) when there is no dot
        if !t.contains("."), t.filter({ $0 == "," }).count == 1 { t = t.replacingOccurrences(of: ",", with: ".") }
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let x = Double(t), x.isFinite else {
            throw fail(node, "\(what) '\(s)' is not a number", "Write a fraction such as 0.523 or a percentage such as 52.3%.")
        }
        let value = percent ? x / 100 : x
        guard value >= 0 else { throw fail(node, "\(what) '\(s)' is negative", "Write a value from 0 to 1, or 0% to 100%.") }
        guard value <= 1 else {
            throw fail(node, percent ? "\(what) '\(s)' is over 100%" : "\(what) '\(s)' is over 1",
                       percent ? "Check the value." : "A plain number is a fraction from 0 to 1; write a percentage with `%` (e.g. \(s)%).")
        }
        return value
    }

    mutating func election(_ node: Node) throws(InputError) -> Election {
        let f = try fields(node, "elections", accepted: Walker.electionKeys)
        let id = try scalar(try required(f, "id", in: node, "an election")).trimmed
        let region = try text(f, "region")
        let kind = try electionKind(f, region: region)
        guard let region = region ?? (kind == .national ? "*" : nil) else {
            throw fail(node, "election '\(id)' has no `region`", "Name the region, or `\"*\"` for a national vote.")
        }
        let voting = try date(try required(f, "voting_date", in: node, "election '\(id)'"))
        let determination = try date(f, "candidate_determination_date")
        let inauguration = try date(f, "inauguration_date")
        if let d = determination, d > voting {
            throw fail(f["candidate_determination_date"]!.value, "candidates are determined after the vote in '\(id)'",
                       "Check the candidate determination and voting dates.")
        }
        if let i = inauguration, i < voting {
            throw fail(f["inauguration_date"]!.value, "inauguration before the vote in '\(id)'", "Check the dates.")
        }
        let candidates = try self.candidates(f, of: id)
        let turnout = try proportion(f, "turnout", "turnout of '\(id)'")
        let emptyBoxVotes = try votes(f, "empty_box_votes", "empty-box votes of '\(id)'")
        let shares = candidates.compactMap(\.share)
        if shares.reduce(0, +) > 1 + 1e-6, let c = f["candidates"] {
            throw fail(c.value, "the candidates' shares in '\(id)' add up to more than 1 (\(shares.reduce(0, +)))",
                       "Shares are of the valid votes: check for a typo, or write them all as fractions or all with `%`.")
        }
        if let p = try text(f, "province") { provinces.append((region, p)) }
        dates.append(.init(day: voting, location: loc(f["voting_date"]!.value), what: "vote of '\(id)'"))
        if let d = determination { dates.append(.init(day: d, location: loc(f["candidate_determination_date"]!.value), what: "candidate determination of '\(id)'")) }
        if let i = inauguration { dates.append(.init(day: i, location: loc(f["inauguration_date"]!.value), what: "inauguration of '\(id)'")) }
        let winner = try text(f, "winner")
        if let w = winner, !candidates.contains(where: { $0.id == w }) {
            throw fail(f["winner"]!.value, "winner '\(w)' is not one of the candidates of '\(id)'",
                       "Use a candidate id, or null when no candidate won (e.g. the empty box).")
        }
        var election = Election(id: id, name: try text(f, "name") ?? id, kind: kind, region: region,
                                candidateDeterminationDate: determination, votingDate: voting,
                                inaugurationDate: inauguration, candidates: candidates, winner: winner)
        election.turnout = turnout
        election.emptyBoxVotes = emptyBoxVotes
        return election
    }

    /// The election's `kind`; when not given, national for region `*`, else regional.
    func electionKind(_ f: [String: (key: Node, value: Node)], region: String?) throws(InputError) -> Election.Kind {
        let kindText = try text(f, "kind")
        switch kindText.map(Walker.key) {
        case nil: return region == "*" ? .national : .regional
        case "national", "nasional", "pemilu": return .national
        case "regional", "pilkada", "daerah": return .regional
        case "rerun", "ulang", "pilkadaulang", "pemungutansuaraulang", "psu": return .rerun
        default:
            throw fail(f["kind"]!.value, "election kind '\(kindText!)' is not national, regional or rerun", "Use one of those.")
        }
    }

    /// The `candidates` of election `id`, each id once.
    mutating func candidates(_ f: [String: (key: Node, value: Node)], of id: String) throws(InputError) -> [Candidate] {
        var candidates: [Candidate] = []
        guard let c = f["candidates"] else { return candidates }
        for item in try sequence(c.value, "candidates") {
            let cf = try fields(item, "candidates", accepted: Walker.candidateKeys)
            let cid = try scalar(try required(cf, "id", in: item, "a candidate")).trimmed
            if candidates.contains(where: { $0.id == cid }) {
                throw fail(item, "candidate id '\(cid)' appears twice in '\(id)'", "Give each candidate its own id.")
            }
            var incumbent = false
            if let inc = cf["incumbent"], !isNull(inc.value) {
                switch Walker.key(try scalar(inc.value)) {
                case "true", "yes", "ya", "1": incumbent = true
                case "false", "no", "tidak", "0": incumbent = false
                default: throw fail(inc.value, "`incumbent` must be true or false", "Write true or false.")
                }
            }
            let votes = try self.votes(cf, "votes", "votes of '\(cid)'")
            let share = try proportion(cf, "share", "share of '\(cid)'")
            candidates.append(Candidate(id: cid, name: try text(cf, "name") ?? cid, incumbent: incumbent, votes: votes, share: share))
        }
        return candidates
    }

    static let headKeys: [String: [String]] = [
        "region": ["daerah"], "name": ["nama"], "role": ["peran", "jabatan"],
        "from": ["sejak", "start"], "to": ["sampai", "until", "end"], "candidate": ["calon"], "province": ["provinsi"],
    ]

    mutating func head(_ node: Node) throws(InputError) -> RegionalHead {
        let f = try fields(node, "heads", accepted: Walker.headKeys)
        let region = try scalar(try required(f, "region", in: node, "a head")).trimmed
        let name = try scalar(try required(f, "name", in: node, "a head")).trimmed
        let roleNode = try required(f, "role", in: node, "head '\(name)'")
        let role: RegionalHead.Role
        switch Walker.key(try scalar(roleNode)).filter({ $0 != "." }) {
        case "elected", "definitif", "terpilih": role = .elected
        // Pj (penjabat), Pjs (penjabat sementara, during the incumbent's campaign leave), Plt
        // (pelaksana tugas), Plh (pelaksana harian): all acting heads
        case "acting", "pj", "pjs", "penjabat", "penjabatsementara", "plt", "plh", "pelaksanatugas", "pelaksanaharian":
            role = .acting
        default: throw fail(roleNode, "role must be elected or acting", "Write `elected` or `acting` (Pj, Pjs, Plt or Plh).")
        }
        let from = try date(try required(f, "from", in: node, "head '\(name)'"))
        let to = try date(f, "to")
        if let t = to, t < from {
            throw fail(f["to"]!.value, "term of '\(name)' ends before it starts", "Check `from` and `to`.")
        }
        if let p = try text(f, "province") { provinces.append((region, p)) }
        dates.append(.init(day: from, location: loc(f["from"]!.value), what: "start of the term of '\(name)'", mayBeFar: .past))
        if let to { dates.append(.init(day: to, location: loc(f["to"]!.value), what: "end of the term of '\(name)'", mayBeFar: .future)) }
        return RegionalHead(region: region, name: name, role: role, from: from, to: to, candidate: try text(f, "candidate"))
    }
}

/// Month names in Indonesian and English, full and short, lower case.
enum MonthNames {
    static let number: [String: Int] = [
        "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2, "peb": 2,
        "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6,
        "juli": 7, "july": 7, "jul": 7, "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
        "november": 11, "nopember": 11, "nov": 11, "nop": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
    ]
}
