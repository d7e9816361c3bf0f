import Testing
import MutasiGraph

@Suite struct PseudonymizerTests {
    static let key = "kunci-rahasia-uji-2024"

    func sample() -> (TransferSet, [Tie]) {
        var set = TransferSet()
        let a = NIP("198503152010011002")!, b = NIP("199001012015032001")!, c = NIP("199208242019031086")!
        func t(_ n: NIP, _ name: String, _ reason: String, signer: String = "Drs. Hendra Kusuma, M.Si.") -> Transfer {
            Transfer(nip: n, name: set.strings.intern(name), decreeNo: set.strings.intern("821.2/1/BKPSDM/2024"),
                     decreeDate: Day(iso: "2024-01-17")!, kind: .mutation, toUnit: set.strings.intern("Dinas Sosial"),
                     signedBy: set.strings.intern(signer), region: set.strings.intern("Kota A"),
                     reason: set.strings.intern(reason))
        }
        set.transfers = [t(a, "Budi Santoso, S.E.", "menggantikan Siti Rahma (NIP 19900101 201503 2 001)"),
                         t(b, "Siti Rahma", ""),
                         // a civil servant whose name is inside the acting head's signer field
                         t(c, "Drs. Hendra Kusuma", "atas permintaan BUDI SANTOSO")]
        let ties = [Tie(nip: a, relatedTo: .person(b), relation: TieRelation(parsing: "adik kandung Siti Rahma"),
                        source: "Sri Wahyuni (NIP 19850315.201001.1.002), laporan tentang Budi Santoso")]
        return (set, ties)
    }

    @Test func noNIPOrNameSurvives() throws {
        var (set, ties) = sample()
        let p = try Pseudonymizer(key: Self.key)
        let data = p.apply(to: &set, ties: &ties)
        let everything = set.strings.strings.joined(separator: "|") + set.transfers.map(\.nip.description).joined()
            + ties.map { "\($0.nip) \($0.relatedTo) \($0.relation) \($0.source)" }.joined()
        for secret in ["198503152010011002", "199001012015032001", "19900101 201503", "19850315.201001", "Budi Santoso", "BUDI SANTOSO", "Siti Rahma"] {
            #expect(!everything.contains(secret), "\(secret) leaked")
        }
        #expect(data.firstLeak(in: everything) == nil)
        #expect(set.transfers.allSatisfy { $0.nip.description.hasPrefix("9") && $0.nip.description.count == 18 })
        #expect(set[set.transfers[0].name].hasPrefix("ASN-"))
        #expect(set[set.transfers[0].reason].contains(set[set.transfers[1].name]))
        #expect(set[set.transfers[0].reason].contains(set.transfers[1].nip.description), "a known NIP in spaces becomes its pseudonym")
        #expect(ties[0].relatedTo == .person(set.transfers[1].nip))
        #expect(ties[0].relation.name == "adik kandung " + set[set.transfers[1].name])
    }

    /// The example's bug: the civil servant "Drs. Hendra Kusuma" was replaced inside the acting
    /// head's signer field, and his decrees lost their flags.
    @Test func signerFieldsAreKeptWhole() throws {
        var (set, ties) = sample()
        try Pseudonymizer(key: Self.key).apply(to: &set, ties: &ties)
        #expect(set.transfers.allSatisfy { set[$0.signedBy] == "Drs. Hendra Kusuma, M.Si." })
        #expect(set[set.transfers[2].name].hasPrefix("ASN-"), "his own name field is replaced")
    }

    @Test func sharedAndShortNamesAreWithheldNotGivenOnePersonsPseudonym() throws {
        var set = TransferSet()
        let a = NIP("198503152010011002")!, b = NIP("199001012015032001")!, c = NIP("197001011995031001")!
        func t(_ n: NIP, _ name: String, _ reason: String) -> Transfer {
            Transfer(nip: n, name: set.strings.intern(name), decreeDate: Day(iso: "2024-01-17")!, kind: .mutation,
                     region: set.strings.intern("Kota A"), reason: set.strings.intern(reason))
        }
        set.transfers = [t(a, "Agus Salim", "diganti Agus Salim"), t(b, "Agus Salim", "Ani"), t(c, "Ani", "bersama Ani dan Anita")]
        var ties: [Tie] = []
        let data = try Pseudonymizer(key: Self.key).apply(to: &set, ties: &ties)
        #expect(set[set.transfers[0].reason] == "diganti " + PersonalData.withheldName)
        #expect(set[set.transfers[1].reason] == set[set.transfers[2].name], "a short name as the whole field is replaced")
        #expect(set[set.transfers[2].reason] == "bersama Ani dan Anita", "a short name is never matched inside text")
        #expect(data.firstLeak(in: "\"Ani\",x")?.leak == .name)
        #expect(data.firstLeak(in: "Anita") == nil)
    }

    @Test func scanFindsNIPsInAnySpacingAndPrefixesNotLookAlikes() throws {
        var (set, ties) = sample()
        let data = try Pseudonymizer(key: Self.key).apply(to: &set, ties: &ties)
        #expect(data.firstLeak(in: "x 198503152010011002 y")?.leak == .nip)
        #expect(data.firstLeak(in: "NIP 19850315 201001 1 002")?.leak == .nip)
        #expect(data.firstLeak(in: "19850315-201001-1-002")?.leak == .nip)
        #expect(data.firstLeak(in: "'19850315201001100")?.leak == .nipPrefix)
        #expect(data.firstLeak(in: "born 19850315, more")?.leak == .nipPrefix)
        #expect(data.firstLeak(in: "<td>Siti Rahma</td>")?.leak == .name)
        #expect(data.firstLeak(in: "SITI   RAHMA")?.leak == .name)
        #expect(data.firstLeak(in: "Siti\u{200B} Rah\u{200D}ma")?.leak == .name)
        // public names and numbers that only look like a NIP's start
        #expect(data.firstLeak(in: "signed by Drs. Hendra Kusuma, M.Si.") == nil)
        #expect(data.firstLeak(in: "1985-03-15 and 0.19850315201 and 1985.03 15.2") == nil)
        #expect(data.firstLeak(in: "sha256 a19850315be7") == nil)
        #expect(data.firstLeak(in: "Sitiraharja") == nil)
    }

    @Test func stableWithTheSameKeyDifferentWithAnother() throws {
        let n = NIP("198503152010011002")!
        let k1 = try Pseudonymizer(key: Self.key), k2 = try Pseudonymizer(key: Self.key + "x")
        #expect(k1.pseudonym(for: n) == (try Pseudonymizer(key: Self.key)).pseudonym(for: n))
        #expect(k1.label(for: n) != k2.label(for: n))
    }

    @Test func shortAndRepetitiveKeysAreRefused() {
        #expect(throws: Pseudonymizer.KeyError.self) { try Pseudonymizer(key: "rahasia") }
        #expect(throws: Pseudonymizer.KeyError.self) { try Pseudonymizer(key: "123451234512345123") }
        #expect(throws: Never.self) { try Pseudonymizer.check("Zq4v-81mT_wLd0pX") }
    }

    @Test func revealMapsBackWithTheKeyAndOnlyToThePerson() throws {
        let (set, ties) = sample()
        let p = try Pseudonymizer(key: Self.key)
        let fake = p.pseudonym(for: NIP("199001012015032001")!).description
        #expect(p.reveal(fake, among: set).map(\.name) == ["Siti Rahma"])
        #expect(p.reveal(p.label(for: NIP("198503152010011002")!), among: set).map(\.name) == ["Budi Santoso, S.E."])
        #expect((try Pseudonymizer(key: Self.key + "-wrong")).reveal(fake, among: set).isEmpty)
        // the pseudonyms written in a run are each one person's: every pseudonym found in the
        // pseudonymised text reveals exactly the person it replaced
        var (copy, tieCopy) = sample()
        p.apply(to: &copy, ties: &tieCopy)
        for (i, t) in copy.transfers.enumerated() {
            #expect(p.reveal(copy[t.name], among: set, ties: ties).map(\.nip) == [set.transfers[i].nip])
            #expect(p.reveal(t.nip.description, among: set, ties: ties).map(\.nip) == [set.transfers[i].nip])
        }
        #expect(p.reveal("Drs. Hendra Kusuma, M.Si.", among: set).isEmpty)
    }
}
