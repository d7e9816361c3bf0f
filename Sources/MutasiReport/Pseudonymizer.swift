import Crypto
import _CryptoExtras
import Foundation
import MutasiSupport
import MutasiModel

/// Keyed pseudonyms for civil servants, so a researcher can publish the network and statistics
/// without personal data (UU 27/2022), and an investigator who holds the key can map back.
///
/// A NIP becomes another 18-digit number that starts with 9 (no one was born in year 9xxx, so it can
/// never be mistaken for a real NIP) taken from HMAC-SHA256(K, NIP); the person's name becomes
/// `ASN-` and 10 base32 letters of the same HMAC. Both are stable across files and runs with the
/// same key. The pseudonyms replace the originals in the model itself, before any analysis, so
/// every output written afterwards is pseudonymous by construction.
///
/// The threat: a published row (a decree and a post) pairs one NIP, which others know, with its
/// pseudonym; whoever guesses the key can then map every pseudonym back. So the HMAC key K is not
/// the key given but scrypt of it (N = 2^16, r = 8, p = 1: 64 MiB and about half a second a guess,
/// where a plain HMAC took 1.35 microseconds), and keys under 16 characters or with fewer than 8
/// different characters are refused.
///
/// Signers, heads and candidates are public office holders acting in office; their names are kept
/// whole, and a civil servant's name is never replaced inside them (see `PersonalData`).
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    /// Keys shorter than this are refused.
    public static let minimumKeyLength = 16
    /// Keys with fewer different characters than this ("aaaaaaaaaaaaaaaa") are refused.
    public static let minimumDistinctCharacters = 8

    /// A key that is refused, and why.
    public struct KeyError: Error, Sendable, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// - Throws: `KeyError` for a key too short or too repetitive to resist guessing.
    public init(key: String) throws(KeyError) {
        try Pseudonymizer.check(key)
        self.key = Pseudonymizer.derive(key)
    }

    /// Refuses a key too short or too repetitive to resist guessing (without the slow derivation).
    package static func check(_ key: String) throws(KeyError) {
        guard key.count >= minimumKeyLength else {
            throw KeyError(description: "the pseudonymisation key has \(key.count) characters; use at least \(minimumKeyLength), "
                           + "for example the output of `openssl rand -base64 24`")
        }
        guard Set(key).count >= minimumDistinctCharacters else {
            throw KeyError(description: "the pseudonymisation key has only \(Set(key).count) different characters; "
                           + "use a random one, for example the output of `openssl rand -base64 24`")
        }
    }

    /// scrypt of the key, salted with this tool's name: the same key gives the same pseudonyms on
    /// every run and machine, and every guess costs an attacker 64 MiB and about half a second (one core, 2026).
    static func derive(_ key: String) -> SymmetricKey {
        Derived.cache.withLock { cache in
            if let k = cache[key] { return k }
            // the parameters are valid constants, so scrypt cannot refuse them
            let k = try! KDF.Scrypt.deriveKey(from: Array(key.utf8), salt: Array("MutasiGraph pseudonym key v2".utf8),
                                              outputByteCount: 32, rounds: 1 << 16, blockSize: 8, parallelism: 1)
            cache[key] = k
            return k
        }
    }

    /// Keys derived in this process, so `reveal` and tests derive each once.
    private final class Derived: @unchecked Sendable {
        static let cache = Derived()
        private let lock = NSLock()
        private var keys: [String: SymmetricKey] = [:]
        func withLock<R>(_ body: (inout [String: SymmetricKey]) -> R) -> R {
            lock.lock(); defer { lock.unlock() }
            return body(&keys)
        }
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
    package func label(for nip: NIP) -> String {
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

    /// Replaces every NIP and civil servant's name in `set` and `ties`, and scrubs free text.
    ///
    /// Whole fields are replaced: a transfer's name by the person's pseudonym; a unit, position or
    /// region that is exactly a civil servant's name (a name in the wrong column) likewise. Free text
    /// (reasons, sources, extra columns, a tie's relation and source) is scrubbed by
    /// `PersonalData.scrub`: names become pseudonyms (or are withheld when several people share
    /// them), NIPs in any spacing become pseudonyms or are withheld. Signers are kept as written
    /// (only NIPs in them are replaced): they are office holders, and their names are matched to the
    /// calendar's heads.
    /// - Parameter publicNames: names that are public and kept where they appear (the calendar's
    ///   heads, candidates and regions, the units file's units).
    /// - Returns: the personal data found, to scrub other text (reject reasons) and to scan outputs.
    @discardableResult
    public func apply(to set: inout TransferSet, ties: inout [Tie], publicNames: [String] = []) -> PersonalData {
        var r = Rewrite(self, set: set, ties: ties)
        // civil servants' names first, then the public ones (a public name matching a civil
        // servant's is kept wherever it appears: public wins)
        r.indexPeopleNames(set)
        r.indexPublicNames(set, publicNames: publicNames)
        r.rewrite(&set)
        ties = ties.map { r.rewrite($0) }
        return r.data
    }

    /// `apply`'s steps and what they share: each person's pseudonym and label, the personal data
    /// found, and the new string table, each old symbol's text rewritten once.
    private struct Rewrite {
        enum Field { case freeText, signer, institutional, verbatim }

        let key: Pseudonymizer
        /// The set's strings as read.
        let strings: StringTable
        var people: [NIP: (NIP, String)] = [:]
        var data: PersonalData
        var table = StringTable()
        var map: [UInt32: Symbol] = [:]

        init(_ key: Pseudonymizer, set: TransferSet, ties: [Tie]) {
            self.key = key
            strings = set.strings
            data = PersonalData(nips: [], pseudonymOf: [:])
            for t in set.transfers { _ = person(t.nip) }
            for t in ties {
                _ = person(t.nip)
                if case let .person(other) = t.relatedTo { _ = person(other) }
            }
            data = PersonalData(nips: people.keys.map(\.value), pseudonymOf: Dictionary(uniqueKeysWithValues: people.map { ($0.key.value, $0.value.0.description) }))
        }

        mutating func person(_ n: NIP) -> (NIP, String) {
            if let p = people[n] { return p }
            let p = (key.pseudonym(for: n), key.label(for: n))
            people[n] = p
            return p
        }

        /// The civil servants' names, each once per person: a national file repeats a person's
        /// name on every move.
        mutating func indexPeopleNames(_ set: TransferSet) {
            var lastOwner = [UInt64](repeating: .max, count: set.strings.count)
            for t in set.transfers where lastOwner[Int(t.name.id)] != t.nip.value {
                lastOwner[Int(t.name.id)] = t.nip.value
                let label = person(t.nip).1
                data.names.add(person: set[t.name], label: label)
            }
        }

        /// The signers and `publicNames`; then units, positions and regions are kept, and protected
        /// where they hold a civil servant's name ("SD Negeri Sudirman" is a school); one that is
        /// exactly a name is replaced.
        mutating func indexPublicNames(_ set: TransferSet, publicNames: [String]) {
            var seenPublic = [Bool](repeating: false, count: set.strings.count)
            for t in set.transfers where !seenPublic[Int(t.signedBy.id)] {
                seenPublic[Int(t.signedBy.id)] = true
                data.names.add(public: set[t.signedBy])
            }
            for n in publicNames { data.names.add(public: n) }
            for t in set.transfers {
                for s in [t.fromUnit, t.toUnit, t.fromPosition, t.toPosition, t.region] where !seenPublic[Int(s.id)] {
                    seenPublic[Int(s.id)] = true
                    let text = set[s]
                    if data.wholeName(text) == nil && !text.isEmpty && data.firstLeak(in: text)?.leak == .name { data.names.add(public: text) }
                }
            }
        }

        mutating func remap(_ s: Symbol, _ field: Field) -> Symbol {
            if s.isEmpty { return s }
            if let m = map[s.id] { return m }
            let text = strings[s]
            let out: String
            switch field {
            case .freeText: out = data.scrub(text)
            case .signer: out = data.scrubNIPs(text)
            case .institutional: out = data.wholeName(text) ?? data.scrubNIPs(text)
            case .verbatim: out = text
            }
            // one symbol is one text whatever the field it is found in: the first field's rule holds
            // for every later use, so a text is scrubbed by the strictest rule (free text) first
            let m = table.intern(out)
            map[s.id] = m
            return m
        }

        /// The set's transfers and attributes, over the new strings.
        mutating func rewrite(_ set: inout TransferSet) {
            // free text first: a text that is a reason somewhere is scrubbed as free text everywhere
            for t in set.transfers { _ = remap(t.reason, .freeText); _ = remap(t.source, .freeText) }
            for a in set.attributes { _ = remap(a.value, .freeText) }
            var transfers = set.transfers
            for i in transfers.indices { transfers[i] = rewrite(transfers[i]) }
            var attributes: [TransferAttribute] = []
            attributes.reserveCapacity(set.attributes.count)
            for a in set.attributes { attributes.append(TransferAttribute(key: remap(a.key, .institutional), value: remap(a.value, .freeText))) }
            set.transfers = transfers
            set.attributes = attributes
            set.strings = table
        }

        mutating func rewrite(_ t: Transfer) -> Transfer {
            var t = t
            let p = person(t.nip)
            t.nip = p.0
            t.name = table.intern(p.1)
            // decree numbers are matched with the approvals file's: kept as written (a NIP in one
            // is caught by the scan of the outputs)
            t.decreeNo = remap(t.decreeNo, .verbatim)
            t.fromPosition = remap(t.fromPosition, .institutional); t.fromUnit = remap(t.fromUnit, .institutional)
            t.toPosition = remap(t.toPosition, .institutional); t.toUnit = remap(t.toUnit, .institutional)
            t.signedBy = remap(t.signedBy, .signer); t.region = remap(t.region, .institutional)
            t.approval = remap(t.approval, .institutional)
            t.reason = remap(t.reason, .freeText); t.source = remap(t.source, .freeText)
            return t
        }

        mutating func rewrite(_ t: Tie) -> Tie {
            var t = t
            t.nip = person(t.nip).0
            if case let .person(other) = t.relatedTo { t.relatedTo = .person(person(other).0) }
            if case let .other(text) = t.relation { t.relation = .other(data.scrub(text)) }
            t.source = data.scrub(t.source)
            return t
        }
    }

    /// The people among `set` and `ties` (read without pseudonyms) whose pseudonymous NIP or name is
    /// exactly `pseudonym`. More than one means the pseudonym is ambiguous under this key (two
    /// NIPs whose HMACs collide): the caller must name none of them.
    public func reveal(_ pseudonym: String, among set: TransferSet, ties: [Tie] = []) -> [(nip: NIP, name: String)] {
        let wanted = pseudonym.trimmed
        var names: [NIP: String] = [:]
        var order: [NIP] = []
        for t in set.transfers where names[t.nip] == nil {
            names[t.nip] = set[t.name]
            order.append(t.nip)
        }
        for t in ties {
            for n in [t.nip] + { if case let .person(o) = t.relatedTo { return [o] } else { return [] } }() where names[n] == nil {
                names[n] = ""
                order.append(n)
            }
        }
        return order.filter { self.pseudonym(for: $0).description == wanted || label(for: $0) == wanted }.map { ($0, names[$0]!) }
    }
}
