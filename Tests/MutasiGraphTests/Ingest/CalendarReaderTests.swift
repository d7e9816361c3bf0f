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

    @Test func readsVotesSharesTurnoutAndTheEmptyBox() throws {
        let yaml = """
        elections:
          - id: e1
            region: Kota Alpha
            voting_date: 2024-11-27
            turnout: 71.5%
            candidates:
              - {id: a, votes: 52.300}
              - {id: b, suara: "47,700"}
            winner: a
          - id: e2
            region: Kota Beta
            voting_date: 2024-11-27
            partisipasi: 0.64
            kotak_kosong: 30_000
            candidates:
              - {id: c, votes: 70000, share: 0.7}
            winner: c
          - id: e3
            region: Kota Gamma
            voting_date: 2024-11-27
            candidates:
              - {id: d, share: "55,5 %"}
              - {id: e, persentase: 0.445}
            winner: e
        """
        let cal = try CalendarReader.read(text: yaml)
        let (e1, e2, e3) = (cal.elections[0], cal.elections[1], cal.elections[2])
        #expect(e1.candidates.map(\.votes) == [52300, 47700])
        #expect(e1.turnout.map { abs($0 - 0.715) < 1e-12 } == true)
        #expect(e1.winnerMargin.map { abs($0 - 0.046) < 1e-12 } == true)
        #expect(e2.emptyBoxVotes == 30000 && e2.turnout == 0.64 && e2.candidates[0].share == 0.7)
        #expect(e2.winnerMargin.map { abs($0 - 0.4) < 1e-12 } == true)
        #expect(e3.candidates.map(\.share) == [0.555, 0.445])
        // the calendar says e won with the smaller share: the margin is negative, not hidden
        #expect(e3.winnerMargin.map { abs($0 + 0.11) < 1e-12 } == true)
    }

    @Test func refusesNegativeVotesAndSharesOutOfRange() {
        func election(_ candidate: String, extra: String = "") -> String {
            "elections:\n  - id: e1\n    region: X\n    voting_date: 2024-11-27\n\(extra)    candidates:\n      - \(candidate)\n"
        }
        let negative = error(election("{id: a, votes: -5}"))
        #expect(negative?.location.line == 6 && negative?.location.column == 24)
        #expect(negative?.message.contains("negative") == true)
        #expect(error(election("{id: a, votes: 12.5}"))?.message.contains("whole number") == true)
        #expect(error(election("{id: a, votes: many}"))?.location.line == 6)
        // 52.3 without % is refused, not guessed to be a percentage
        let bare = error(election("{id: a, share: 52.3}"))
        #expect(bare?.message.contains("over 1") == true && bare?.advice.contains("52.3%") == true)
        #expect(error(election("{id: a, share: 120%}"))?.message.contains("over 100%") == true)
        #expect(error(election("{id: a, share: -0.1}"))?.message.contains("negative") == true)
        let turnout = error(election("{id: a}", extra: "    turnout: 1.2\n"))
        #expect(turnout?.location.line == 5 && turnout?.message.contains("turnout") == true)
        #expect(error(election("{id: a}", extra: "    empty_box_votes: -1\n"))?.location.line == 5)
        let sum = "elections:\n  - id: e1\n    region: X\n    voting_date: 2024-11-27\n    candidates:\n      - {id: a, share: 0.7}\n      - {id: b, share: 60%}\n"
        #expect(error(sum)?.message.contains("add up") == true)
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
