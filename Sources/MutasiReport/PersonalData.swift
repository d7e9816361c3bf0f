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
    package func scrubNIPs(_ text: String) -> String {
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
    package func firstLeak(in bytes: UnsafeBufferPointer<UInt8>) -> (leak: Leak, offset: Int)? {
        guard let h = TextMatch.hits(in: bytes, data: self, scanning: true, firstOnly: true).first else { return nil }
        switch h.kind {
        case .name: return (.name, h.range.lowerBound)
        case .nip: return (.nip, h.range.lowerBound)
        case .nipPrefix: return (.nipPrefix, h.range.lowerBound)
        }
    }

    package func firstLeak(in text: String) -> (leak: Leak, offset: Int)? {
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
