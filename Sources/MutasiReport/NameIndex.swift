import Foundation
import MutasiSupport

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
