import Testing
import MutasiGraph

@Suite struct PseudonymizerTests {
    func sample() -> (TransferSet, [Tie]) {
        var set = TransferSet()
        let a = NIP("198503152010011002")!, b = NIP("199001012015032001")!
        func t(_ n: NIP, _ name: String, _ reason: String) -> Transfer {
            Transfer(nip: n, name: set.strings.intern(name), decreeNo: set.strings.intern("821.2/1/BKPSDM/2024"),
                     decreeDate: Day(iso: "2024-01-17")!, kind: .mutation, toUnit: set.strings.intern("Dinas Sosial"),
                     signedBy: set.strings.intern("Drs. Hendra Kusuma"), region: set.strings.intern("Kota A"),
                     reason: set.strings.intern(reason))
        }
        set.transfers = [t(a, "Budi Santoso, S.E.", "menggantikan Siti Rahma (199001012015032001)"),
                         t(b, "Siti Rahma", "")]
        let ties = [Tie(nip: a, relatedTo: .person(b), relation: .kin, source: "laporan tentang Budi Santoso, S.E.")]
        return (set, ties)
    }

    @Test func noNIPOrNameSurvives() {
        var (set, ties) = sample()
        let p = Pseudonymizer(key: "rahasia")
        #expect(p.apply(to: &set, ties: &ties) == 2)
        let everything = set.strings.strings.joined(separator: "|") + set.transfers.map(\.nip.description).joined()
            + ties.map { "\($0.nip) \($0.relatedTo) \($0.source)" }.joined()
        for secret in ["198503152010011002", "199001012015032001", "Budi Santoso", "Siti Rahma"] {
            #expect(!everything.contains(secret), "\(secret) leaked")
        }
        #expect(set.transfers.allSatisfy { $0.nip.description.hasPrefix("9") && $0.nip.description.count == 18 })
        #expect(set[set.transfers[0].name].hasPrefix("ASN-"))
        #expect(set[set.transfers[0].signedBy] == "Drs. Hendra Kusuma") // public office holders are kept
        #expect(set[set.transfers[0].reason].contains(set[set.transfers[1].name]))
        #expect(ties[0].relatedTo == .person(set.transfers[1].nip))
    }

    @Test func stableWithTheSameKeyDifferentWithAnother() {
        let n = NIP("198503152010011002")!
        #expect(Pseudonymizer(key: "k").pseudonym(for: n) == Pseudonymizer(key: "k").pseudonym(for: n))
        #expect(Pseudonymizer(key: "k").label(for: n) != Pseudonymizer(key: "k2").label(for: n))
    }

    @Test func revealMapsBackWithTheKey() {
        let (set, _) = sample()
        let p = Pseudonymizer(key: "rahasia")
        let fake = p.pseudonym(for: NIP("199001012015032001")!).description
        #expect(p.reveal(fake, among: set).map(\.name) == ["Siti Rahma"])
        #expect(p.reveal(p.label(for: NIP("198503152010011002")!), among: set).map(\.name) == ["Budi Santoso, S.E."])
        #expect(Pseudonymizer(key: "wrong").reveal(fake, among: set).isEmpty)
    }
}
