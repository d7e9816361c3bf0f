import Foundation
import MutasiSupport

/// The civil servants' NIPs and names of a pseudonymised run, and where they turn up in text: used
/// to scrub free text before analysis, and to scan every finished output before it is published.
///
/// Names are matched as whole words, in any letter case, with any punctuation between the words
/// ("DRS HENDRA KUSUMA" matches "Drs. Hendra Kusuma"); a name is also matched without its titles
/// ("Hendra Kusuma"). Public names (signers, heads and candidates of the calendar, regions, units,
/// positions) are matched too, and where the longest match is public the text is kept: "Drs. Hendra
/// Kusuma, M.Si." signing as acting head is not the civil servant "Drs. Hendra Kusuma". A name under
/// 4 characters ("Ani") is matched only as a whole field, never inside other words.
///
/// NIPs are matched as digits in groups separated by single spaces, dots or dashes
/// ("19700101 199503 2 001", "19700101.199503.2.001"), and so are their prefixes of 8 digits or
/// more (a birth date and more).
public struct PersonalData: Sendable {
    /// Every input NIP's value, sorted: whether digits start some NIP is a binary search.
    let nips: [UInt64]
    /// The pseudonym of each known NIP, for a NIP written in free text.
    let pseudonymOf: [UInt64: String]
    var names = NameIndex()

    /// What replaces a name shared by several people (or by a public office holder) in free text:
    /// any one person's pseudonym would point `reveal` at the wrong person.
    public static let withheldName = "[name withheld]"
    public static let withheldNIP = "[NIP withheld]"

    init(nips: [UInt64], pseudonymOf: [UInt64: String]) {
        self.nips = nips.sorted()
        self.pseudonymOf = pseudonymOf
    }

    /// A kind of personal data found in an output.
    public enum Leak: String, Sendable, Equatable {
        case nip = "a civil servant's NIP"
        case nipPrefix = "the first 8 or more digits of a civil servant's NIP"
        case name = "a civil servant's name"
    }

    // MARK: free text

    /// `text` with every civil servant's name replaced by their pseudonym (or withheld when the name
    /// is shared), every known NIP by its pseudonym, and any other NIP-like number (15-20 digits in
    /// any spacing, or starting with 8 or more digits of a known NIP) withheld.
    public func scrub(_ text: String) -> String {
        if text.isEmpty { return text }
        var text = text
        return text.withUTF8 { b -> String in
            // a whole field that is a short name ("Ani") is the one place such a name is replaced
            if let owner = names.wholeField(b) { return replacement(owner) }
            return rewrite(b, TextMatch.hits(in: b, data: self, scanning: false, firstOnly: false))
        }
    }

    /// `text` with NIPs replaced or withheld as in `scrub`, names kept: for fields that name public
    /// office holders (a signer, who may add their own NIP under the signature).
    public func scrubNIPs(_ text: String) -> String {
        if text.isEmpty { return text }
        var text = text
        return text.withUTF8 { rewrite($0, TextMatch.hits(in: $0, data: self, scanning: false, firstOnly: false, names: false)) }
    }

    private func rewrite(_ b: UnsafeBufferPointer<UInt8>, _ hits: [TextMatch.Hit]) -> String {
        if hits.isEmpty { return String(decoding: b, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var at = 0
        for h in hits {
            out += b[at..<h.range.lowerBound]
            switch h.kind {
            case .name(let owner): out += replacement(owner).utf8
            case .nip(let value): out += (value.flatMap { pseudonymOf[$0] } ?? PersonalData.withheldNIP).utf8
            case .nipPrefix: out += PersonalData.withheldNIP.utf8
            }
            at = h.range.upperBound
        }
        out += b[at...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The field itself when it is a civil servant's whole name (a name in the wrong column), else nil.
    func wholeName(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b in
            if let owner = names.wholeField(b) { return replacement(owner) }
            guard let t = NameIndex.tokens(b), let e = names.entry(t), case .person = names.entries[e].owner else { return nil }
            return replacement(names.entries[e].owner)
        }
    }

    private func replacement(_ owner: NameIndex.Owner) -> String {
        switch owner {
        case .person(let label): label
        case .shared, .publicName: PersonalData.withheldName
        }
    }

    // MARK: outputs

    /// The first NIP, NIP prefix or civil servant's name in `bytes`, with its byte offset.
    public func firstLeak(in bytes: UnsafeBufferPointer<UInt8>) -> (leak: Leak, offset: Int)? {
        guard let h = TextMatch.hits(in: bytes, data: self, scanning: true, firstOnly: true).first else { return nil }
        switch h.kind {
        case .name: return (.name, h.range.lowerBound)
        case .nip: return (.nip, h.range.lowerBound)
        case .nipPrefix: return (.nipPrefix, h.range.lowerBound)
        }
    }

    public func firstLeak(in text: String) -> (leak: Leak, offset: Int)? {
        var text = text
        return text.withUTF8 { firstLeak(in: $0) }
    }

    /// Scans each of `files` in `dir`; when one holds personal data, every one of them is removed and
    /// the error names the file and the kind of data (never the data itself).
    public func checkOutputs(in dir: String, files: [String]) throws(InputError) {
        for name in files {
            let path = dir + "/" + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            // a folder of outputs (evidence/) is checked file by file
            if isDir.boolValue {
                let inner = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                do throws(InputError) { try checkOutputs(in: path, files: inner) } catch {
                    for f in files { try? FileManager.default.removeItem(atPath: dir + "/" + f) }
                    throw error
                }
                continue
            }
            let found: (leak: Leak, offset: Int)?
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
                found = data.withUnsafeBytes { firstLeak(in: $0.bindMemory(to: UInt8.self)) }
            } catch {
                throw InputError(.unreadable, file: path, "cannot be read back to check it for personal data", advice: "Check the folder and run again.")
            }
            if let found {
                for f in files { try? FileManager.default.removeItem(atPath: dir + "/" + f) }
                throw InputError(.malformed, file: path, "would publish \(found.leak.rawValue) (at byte \(found.offset)), so none of this run's outputs is kept",
                                 advice: "Remove it from the input (a NIP written in a decree number, a name in a column kept as written) and run again")
            }
        }
    }

    // MARK: NIP prefixes

    /// Powers of ten, 10^0 ... 10^18.
    static let ten: [UInt64] = (0...18).map { (0..<$0).reduce(UInt64(1)) { v, _ in v * 10 } }

    /// The longest L (8...18) such that the first L of `digits` start some known NIP, or 0.
    func knownPrefixLength(_ digits: UnsafeBufferPointer<UInt8>, count: Int) -> Int {
        guard count >= 8 else { return 0 }
        var best = 0, value: UInt64 = 0
        for l in 1...min(18, count) {
            value = value * 10 + UInt64(digits[l - 1])
            guard l >= 8 else { continue }
            let low = value * PersonalData.ten[18 - l], high = low + PersonalData.ten[18 - l]
            // first NIP >= low
            var lo = 0, hi = nips.count
            while lo < hi { let mid = (lo + hi) / 2; if nips[mid] < low { lo = mid + 1 } else { hi = mid } }
            guard lo < nips.count, nips[lo] < high else { break }
            best = l
        }
        return best
    }
}

/// Names as sequences of word hashes, looked up by their first word.
struct NameIndex: Sendable {
    enum Owner: Sendable, Equatable {
        case publicName
        case person(label: String)
        /// Several people, or a person and a public office holder.
        case shared
    }

    struct Entry: Sendable {
        var tokens: [UInt64]
        var owner: Owner
        /// A name under 4 characters: matched only when it is the whole field.
        var wholeFieldOnly: Bool
    }

    var entries: [Entry] = []
    private var byTokens: [[UInt64]: Int] = [:]
    private(set) var byFirst: [UInt64: [Int32]] = [:]
    private(set) var longest = 0
    /// Names too short to match inside text, by their lowercased trimmed form.
    private var short: [String: Owner] = [:]

    /// Titles written before a name; a name is also matched without them.
    static let titles: Set<String> = ["dr", "drs", "dra", "ir", "h", "hj", "prof", "kh", "hc", "r", "rr", "st"]

    mutating func add(person text: String, label: String) {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return }
        if trimmed.count < 4 {
            let k = trimmed.lowercased()
            short[k] = short[k].map { $0 == .person(label: label) ? $0 : .shared } ?? .person(label: label)
            return
        }
        for t in NameIndex.variants(of: trimmed) { insert(t, owner: .person(label: label), wholeFieldOnly: false) }
    }

    mutating func add(public text: String) {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return }
        if trimmed.count < 4 { if short[trimmed.lowercased()] != nil { short[trimmed.lowercased()] = .shared }; return }
        for t in NameIndex.variants(of: trimmed) { insert(t, owner: .publicName, wholeFieldOnly: false) }
    }

    private mutating func insert(_ tokens: [UInt64], owner: Owner, wholeFieldOnly: Bool) {
        guard !tokens.isEmpty else { return }
        if let e = byTokens[tokens] {
            // a public name stays public (kept as written); two people with one name become
            // `shared`, withheld, never one of them's pseudonym
            let old = entries[e].owner
            if old != owner { entries[e].owner = old == .publicName || owner == .publicName ? .publicName : .shared }
            return
        }
        byTokens[tokens] = entries.count
        byFirst[tokens[0], default: []].append(Int32(entries.count))
        entries.append(Entry(tokens: tokens, owner: owner, wholeFieldOnly: wholeFieldOnly))
        longest = max(longest, tokens.count)
    }

    func entry(_ tokens: [UInt64]) -> Int? { byTokens[tokens] }

    /// The owner of a short name when `b` (trimmed) is exactly that name.
    func wholeField(_ b: UnsafeBufferPointer<UInt8>) -> Owner? {
        guard !short.isEmpty, b.count < 40 else { return nil }
        let s = String(decoding: b, as: UTF8.self).trimmed.lowercased()
        if let o = short[s], o != .publicName { return o }
        return nil
    }

    /// Whether `b[start..<end]` is a whole field: only spaces between it and a field's edge (the
    /// text's ends, a quote, a comma, a tag's bracket, a tab, a new line, a semicolon).
    func shortNameOwner(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Owner? {
        guard !short.isEmpty, end - start < 40 else { return nil }
        func edge(_ i: Int, _ step: Int) -> Bool {
            var i = i
            while i >= 0 && i < b.count && b[i] == 0x20 { i += step }
            if i < 0 || i >= b.count { return true }
            switch b[i] {
            case UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\t"),
                 UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"), UInt8(ascii: "|"): return true
            default: return false
            }
        }
        guard edge(start - 1, -1), edge(end, 1) else { return nil }
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self).lowercased()
        if let o = short[s], o != .publicName { return o }
        return nil
    }

    var hasShortNames: Bool { !short.isEmpty }

    /// The name's words, and its words without leading titles and without what follows a comma
    /// (degrees: "Budi Santoso, S.E." is also "Budi Santoso").
    static func variants(of name: String) -> [[UInt64]] {
        var name = name
        let full = name.withUTF8 { tokens($0) } ?? []
        var core = name.split(separator: ",", maxSplits: 1).first.map(String.init) ?? name
        let words = core.split(whereSeparator: { !$0.isLetter })
        let titleCount = words.prefix { titles.contains($0.lowercased()) }.count
        core = words.dropFirst(titleCount).joined(separator: " ")
        var out = [full]
        if let c = core.withUTF8({ tokens($0) }), c != full, c.count >= 2 || core.count >= 4 { out.append(c) }
        return out.filter { !$0.isEmpty }
    }

    /// The words of `b` as hashes (nil when it has none).
    static func tokens(_ b: UnsafeBufferPointer<UInt8>) -> [UInt64]? {
        var out: [UInt64] = []
        TextMatch.words(b) { h, _, _ in out.append(h) }
        return out.isEmpty ? nil : Array(out.prefix(24))
    }
}

/// One pass over UTF-8 text finding names and NIPs.
enum TextMatch {
    enum Kind: Equatable {
        case name(NameIndex.Owner)
        /// 18 digits of a known NIP (its value), or a NIP-like number of unknown owner (nil).
        case nip(UInt64?)
        case nipPrefix
    }

    struct Hit { var range: Range<Int>; var kind: Kind }

    /// Zero-width and direction-control characters: skipped inside a word, so that they cannot hide
    /// a name from the match.
    @inline(__always) static func invisible(_ v: UInt32) -> Bool {
        (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x2069).contains(v) || v == 0xFEFF || v == 0xAD
    }

    /// The next scalar at `i`: its value and length (an invalid byte is U+FFFD, one byte long).
    @inline(__always) static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        let n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        guard n > 1, i + n <= b.count else { return (0xFFFD, 1) }
        var v = UInt32(c) & (0xFF >> (n + 1))
        for k in 1..<n {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            v = v << 6 | UInt32(d & 0x3F)
        }
        return (v, n)
    }

    @inline(__always) static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        guard let u = Unicode.Scalar(v) else { return false }
        return u.properties.isAlphabetic || u.properties.generalCategory == .nonspacingMark
    }

    @inline(__always) static func lower(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v | 0x20 : v }
        guard let u = Unicode.Scalar(v), u.properties.changesWhenLowercased, let l = u.properties.lowercaseMapping.unicodeScalars.first else { return v }
        return l.value
    }

    /// Calls `word` with each word's hash (letters lowercased), start and end.
    static func words(_ b: UnsafeBufferPointer<UInt8>, _ word: (UInt64, Int, Int) -> Void) {
        var i = 0, start = -1, end = 0
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < b.count {
            let (v, n) = scalar(b, i)
            if isLetter(v) {
                if start < 0 { start = i; h = 0xcbf2_9ce4_8422_2325 }
                h = (h ^ UInt64(lower(v))) &* 0x100_0000_01b3
                end = i + n
            } else if start >= 0 && !invisible(v) {
                word(h, start, end); start = -1
            }
            i += n
        }
        if start >= 0 { word(h, start, end) }
    }

    /// Every name and NIP in `b`, in order, not overlapping.
    /// - Parameter scanning: for a finished output, where numbers that only look like a NIP's start
    ///   (coordinates run together, hexadecimal digests) must not fail a run: digits in several
    ///   groups must match 10 digits of a NIP and digits touching a-f letters 14; free text is
    ///   scrubbed at 8, and a 15-20 digit number of no known person is withheld there too.
    static func hits(in b: UnsafeBufferPointer<UInt8>, data: PersonalData, scanning: Bool, firstOnly: Bool, names: Bool = true) -> [Hit] {
        var hits: [Hit] = []
        let index = data.names
        // digit runs
        var digits = [UInt8](repeating: 0, count: 20)
        var count = 0, groups = 0, runStart = -1, runEnd = 0, pendingSeparator = false
        var groupLengths: [Int] = [], dashes = 0, hexBefore = false
        var previous: UInt32 = 0
        func isHexLetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x66 }
        func endRun(next: UInt32) {
            defer { runStart = -1; count = 0; groups = 0; groupLengths.removeAll(keepingCapacity: true); dashes = 0; pendingSeparator = false }
            guard runStart >= 0, count >= 8 else { return }
            // an ISO date (2024-01-17) is a date, not the start of a NIP
            if groups == 3 && dashes == 2 && groupLengths == [4, 2, 2] { return }
            let hexAdjacent = hexBefore || (!pendingSeparator && isHexLetter(next))
            let length = digits.withUnsafeBufferPointer { data.knownPrefixLength($0, count: count) }
            let needed = !scanning ? 8 : hexAdjacent ? 14 : groups > 1 ? 10 : 8
            if length >= needed {
                var value: UInt64 = 0
                for k in 0..<min(count, 18) { value = value * 10 + UInt64(digits[k]) }
                hits.append(Hit(range: runStart..<runEnd, kind: length == 18 && count == 18 ? .nip(value) : .nipPrefix))
            } else if !scanning && (15...20).contains(count) {
                hits.append(Hit(range: runStart..<runEnd, kind: .nip(nil)))
            }
        }
        // words: a window of the last few, matched from its first when it is full
        var window: [(hash: UInt64, start: Int, end: Int)] = []
        var wstart = 0
        let longest = names ? max(1, index.longest) : 0
        func matchFirst() {
            let first = window[wstart]
            var best: (length: Int, owner: NameIndex.Owner)?
            if let candidates = index.byFirst[first.hash] {
                for c in candidates {
                    let e = index.entries[Int(c)]
                    guard e.tokens.count <= window.count - wstart else { continue }
                    var same = true
                    for k in 1..<max(1, e.tokens.count) where window[wstart + k].hash != e.tokens[k] { same = false; break }
                    guard same else { continue }
                    if best == nil || e.tokens.count > best!.length || (e.tokens.count == best!.length && e.owner == .publicName) {
                        best = (e.tokens.count, e.owner)
                    }
                }
            }
            if let best {
                if best.owner != .publicName {
                    hits.append(Hit(range: first.start..<window[wstart + best.length - 1].end, kind: .name(best.owner)))
                }
                wstart += best.length
            } else {
                if index.hasShortNames, let o = index.shortNameOwner(b, first.start, first.end) {
                    hits.append(Hit(range: first.start..<first.end, kind: .name(o)))
                }
                wstart += 1
            }
            if wstart > 64 { window.removeFirst(wstart); wstart = 0 }
        }
        var i = 0, wordStart = -1, wordEnd = 0
        var h: UInt64 = 0
        while i < b.count {
            if firstOnly && !hits.isEmpty { break }
            let (v, n) = scalar(b, i)
            let digit = v >= 0x30 && v <= 0x39
            if isLetter(v) {
                if wordStart < 0 { wordStart = i; h = 0xcbf2_9ce4_8422_2325 }
                h = (h ^ UInt64(lower(v))) &* 0x100_0000_01b3
                wordEnd = i + n
            } else if wordStart >= 0 && !invisible(v) {
                if longest > 0 {
                    window.append((h, wordStart, wordEnd))
                    if window.count - wstart >= longest { matchFirst() }
                }
                wordStart = -1
            }
            if digit {
                if runStart < 0 {
                    runStart = i; hexBefore = isHexLetter(previous); groups = 1; groupLengths = [0]
                } else if pendingSeparator {
                    groups += 1; groupLengths.append(0); pendingSeparator = false
                }
                if count < 20 { digits[count] = UInt8(v - 0x30) }
                count += 1; groupLengths[groupLengths.count - 1] += 1
                runEnd = i + 1
            } else if runStart >= 0 {
                if !pendingSeparator && (v == 0x20 || v == 0x2E || v == 0x2D) {
                    pendingSeparator = true
                    if v == 0x2D { dashes += 1 }
                } else {
                    endRun(next: v)
                }
            }
            if !invisible(v) { previous = v }
            i += n
        }
        if runStart >= 0 { endRun(next: 0) }
        if wordStart >= 0 && longest > 0 { window.append((h, wordStart, wordEnd)) }
        while longest > 0 && wstart < window.count { matchFirst() }
        if firstOnly, let first = hits.min(by: { $0.range.lowerBound < $1.range.lowerBound }) { return [first] }
        // names and numbers found in two passes' order: sorted, overlaps dropped
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [Hit] = []
        for x in hits where out.last.map({ $0.range.upperBound <= x.range.lowerBound }) ?? true { out.append(x) }
        return out
    }
}
