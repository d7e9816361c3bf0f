import Crypto
import Foundation

/// Keyed pseudonyms for civil servants, so a researcher can publish the network and statistics
/// without personal data (UU 27/2022), and an investigator who holds the key can map back.
///
/// A NIP becomes another 18-digit number that starts with 9 (no one was born in year 9xxx, so it can
/// never be mistaken for a real NIP) taken from HMAC-SHA256(key, NIP); the person's name becomes
/// `ASN-` and 10 base32 letters of the same HMAC. Both are stable across files and runs with the
/// same key. The pseudonyms replace the originals in the model itself, before any analysis, so
/// every output written afterwards is pseudonymous by construction. Free text (reasons, sources,
/// extra columns) is scrubbed of every known NIP and name.
///
/// Signers and candidates are public office holders acting in office; their names are kept.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    public init(key: String) {
        self.key = SymmetricKey(data: Data(key.utf8))
    }

    private func mac(_ nip: NIP) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(("nip:" + nip.description).utf8), using: key))
    }

    /// The pseudonymous NIP: `9` followed by 17 digits of the HMAC.
    public func pseudonym(for nip: NIP) -> NIP {
        var v: UInt64 = 0
        for b in mac(nip).prefix(8) { v = v << 8 | UInt64(b) }
        return NIP(value: 900_000_000_000_000_000 + v % 100_000_000_000_000_000)
    }

    /// The pseudonymous name: `ASN-` and 10 base32 letters (50 bits).
    public func label(for nip: NIP) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var bits: UInt64 = 0
        for b in mac(nip).suffix(8) { bits = bits << 8 | UInt64(b) }
        var s = "ASN-"
        for _ in 0..<10 {
            s.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return s
    }

    /// Replaces every NIP and person name in `set` and `ties`. Returns how many people were renamed.
    @discardableResult
    public func apply(to set: inout TransferSet, ties: inout [Tie]) -> Int {
        var people: [NIP: (NIP, String)] = [:]
        var names: [String: String] = [:]
        func person(_ n: NIP) -> (NIP, String) {
            if let p = people[n] { return p }
            let p = (pseudonym(for: n), label(for: n))
            people[n] = p
            return p
        }
        for t in set.transfers {
            let p = person(t.nip)
            let name = set[t.name].trimmed
            if !name.isEmpty { names[name] = p.1 }
        }
        for t in ties {
            _ = person(t.nip)
            if case let .person(other) = t.relatedTo { _ = person(other) }
        }
        var nipText: [String: String] = [:]
        for (n, p) in people { nipText[n.description] = p.0.description }

        // names longest first, so "Budi Santoso, S.E." is replaced before "Budi Santoso"
        let nameOrder = names.keys.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        func scrub(_ s: String) -> String {
            guard !s.isEmpty else { return s }
            var out = s
            if out.utf8.count >= 18 {
                for (real, fake) in nipText where out.contains(real) {
                    out = out.replacingOccurrences(of: real, with: fake)
                }
            }
            for n in nameOrder where out.contains(n) {
                out = out.replacingOccurrences(of: n, with: names[n]!)
            }
            return out
        }

        var table = StringTable()
        var map: [UInt32: Symbol] = [:]
        func remap(_ s: Symbol, asName: Bool = false) -> Symbol {
            if let m = map[s.id] { return m }
            let text = set.strings[s]
            let m = table.intern(asName ? (names[text.trimmed] ?? scrub(text)) : scrub(text))
            map[s.id] = m
            return m
        }
        var transfers = set.transfers
        for i in transfers.indices {
            var t = transfers[i]
            t.nip = person(t.nip).0
            t.name = table.intern(person(set.transfers[i].nip).1)
            t.decreeNo = remap(t.decreeNo)
            t.fromPosition = remap(t.fromPosition); t.fromUnit = remap(t.fromUnit)
            t.toPosition = remap(t.toPosition); t.toUnit = remap(t.toUnit)
            t.signedBy = remap(t.signedBy); t.region = remap(t.region); t.approval = remap(t.approval)
            t.reason = remap(t.reason); t.source = remap(t.source)
            transfers[i] = t
        }
        let attributes = set.attributes.map { TransferAttribute(key: remap($0.key), value: remap($0.value)) }
        set.transfers = transfers
        set.attributes = attributes
        set.strings = table
        ties = ties.map { t in
            var t = t
            t.nip = person(t.nip).0
            if case let .person(other) = t.relatedTo { t.relatedTo = .person(person(other).0) }
            t.source = scrub(t.source)
            return t
        }
        return people.count
    }

    /// The people among `set` (read without pseudonyms) whose pseudonymous NIP or name is `pseudonym`.
    public func reveal(_ pseudonym: String, among set: TransferSet) -> [(nip: NIP, name: String)] {
        var seen = Set<NIP>()
        var out: [(NIP, String)] = []
        let wanted = pseudonym.trimmed
        for t in set.transfers where !seen.contains(t.nip) {
            seen.insert(t.nip)
            if self.pseudonym(for: t.nip).description == wanted || label(for: t.nip) == wanted {
                out.append((t.nip, set[t.name]))
            }
        }
        return out
    }
}
