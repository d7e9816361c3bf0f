import Testing
import MutasiGraph

@Suite struct CalendarReaderTests {
    static let yaml = """
    elections:
      - id: pemilu-2024
        name: Pemilu 2024
        kind: national
        region: "*"
        voting_date: 2024-02-14
      - id: pilkada-2024-pkp
        name: Pilkada Kota Pangkalpinang 2024
        kind: regional
        region: Kota Pangkalpinang
        candidate_determination_date: 2024-09-22
        voting_date: 27/11/2024
        candidates:
          - {id: pkp-1, name: "Budi Santoso", incumbent: true}
          - {id: pkp-2, name: "Sri Wahyuni"}
        winner: null
      - id: rerun-2025-pkp
        kind: ulang
        region: Kota Pangkalpinang
        penetapan_paslon: 22 Juli 2025
        pemungutan_suara: 27 Agustus 2025
        pelantikan: 2026-02-20
        candidates:
          - {id: pkp-3, name: "Ahmad Fauzi"}
        winner: pkp-3
    heads:
      - {region: Kota Pangkalpinang, name: "Budi Santoso", role: elected, from: 2018-09-24, to: 2023-09-24, candidate: pkp-1}
      - {region: Kota Pangkalpinang, name: "Drs. Rahmat Hidayat", role: Pj, from: 2023-09-25, to: 2026-02-19}
    """

    @Test func readsElectionsAndHeads() throws {
        let cal = try CalendarReader.read(text: Self.yaml)
        #expect(cal.elections.map(\.id) == ["pemilu-2024", "pilkada-2024-pkp", "rerun-2025-pkp"])
        #expect(cal.elections[0].region == "*")
        #expect(cal.elections[0].covers(region: "Kota Bogor"))
        #expect(cal.elections[1].votingDate.iso == "2024-11-27")
        #expect(cal.elections[1].candidates.first?.incumbent == true)
        #expect(cal.elections[1].winner == nil)
        #expect(cal.elections[2].kind == .rerun)
        #expect(cal.elections[2].candidateDeterminationDate?.iso == "2025-07-22")
        #expect(cal.elections[2].winner == "pkp-3")
        #expect(cal.heads[1].role == .acting)
        let signer = cal.head(signedAs: "DRS. RAHMAT HIDAYAT", in: "kota pangkalpinang", on: Day(iso: "2024-01-05")!)
        #expect(signer?.role == .acting)
        #expect(cal.head(signedAs: "Budi Santoso", in: "Kota Pangkalpinang", on: Day(iso: "2024-01-05")!) == nil)
    }

    @Test func readsTheSameCalendarAsJSON() throws {
        let json = """
        {"elections": [{"id": "e1", "region": "Kab. Bangka", "voting_date": "2024-11-27",
          "candidates": [{"id": "a", "name": "A"}], "winner": "a"}],
         "heads": [{"region": "Kab. Bangka", "name": "X", "role": "elected", "from": "2019-01-01"}]}
        """
        let cal = try CalendarReader.read(text: json)
        #expect(cal.elections.count == 1)
        #expect(cal.elections[0].kind == .regional)
        #expect(cal.heads[0].to == nil)
    }

    private func error(_ text: String) -> InputError? {
        do { _ = try CalendarReader.read(text: text, file: "cal.yaml"); return nil } catch { return error }
    }

    @Test func errorsNameTheLineAndWhatToDo() {
        let typo = "elections:\n  - id: e1\n    region: X\n    voting_dat: 2024-11-27\n"
        let e1 = error(typo)
        #expect(e1?.location.line == 4)
        #expect(e1?.message.contains("voting_dat") == true)

        let badDate = "elections:\n  - id: e1\n    region: X\n    voting_date: 2024-02-30\n"
        #expect(error(badDate)?.location.line == 4)

        let badWinner = "elections:\n  - id: e1\n    region: X\n    voting_date: 2024-11-27\n    winner: zz\n"
        #expect(error(badWinner)?.message.contains("zz") == true)

        let syntax = "elections:\n  - id: [e1\n"
        #expect(error(syntax)?.kind == .malformed)
        #expect((error(syntax)?.location.line ?? 0) >= 2)

        let unknownCandidate = "heads:\n  - {region: X, name: Y, role: elected, from: 2020-01-01, candidate: nobody}\n"
        #expect(error(unknownCandidate)?.message.contains("nobody") == true)

        let noVote = "elections:\n  - id: e1\n    region: X\n"
        #expect(error(noVote)?.message.contains("voting_date") == true)
    }

    /// "Billion laughs": ten levels of ten aliases, 10^10 nodes if expanded. Reading must stop at
    /// the first value of the wrong shape, with its location, without expanding anything.
    @Test func refusesExponentialAliases() {
        var doc = "elections:\n  - id: e0\n    region: X\n    voting_date: 2024-11-27\n"
        doc += "    name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            doc += "  - id: e\(i)\n    region: X\n    voting_date: 2024-11-27\n    name: &a\(i) [\(refs)]\n"
        }
        doc += "  - id: last\n    region: X\n    voting_date: 2024-11-27\n    candidates: *a9\n"
        let e = error(doc)
        #expect(e?.location.line == 5)
        #expect(e?.message.contains("single value") == true)
    }

    @Test func refusesDirectoriesAndMissingFiles() {
        #expect(throws: InputError.self) { try CalendarReader.read(path: "/tmp") }
        #expect(throws: InputError.self) { try CalendarReader.read(path: "/nonexistent/calendar.yaml") }
    }
}
