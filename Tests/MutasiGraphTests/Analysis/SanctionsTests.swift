import Foundation
import Testing
import MutasiGraph
@testable import MutasiReport

/// A held-out city (not the example): a 2025 re-run won by "andi" over "bonar", 140 civil servants,
/// routine lateral moves all along, 40 neutrality reports from the campaign. The winner's
/// supporters mostly left alone or promoted; the loser's mostly sanctioned, some by recorded light
/// or medium sanctions, some by demotion, release-from-post and dismissal decrees. Written out as
/// the files a user would give (Indonesian transfer headers, English report headers) and read back.
private struct HeldOutCity {
    static let region = "Kabupaten Lembah Hijau"
    static let pj = "Drs. Rahmat Hidayat, M.Si."
    static let andi = "Andi Pratama, S.H."
    var transfers = ["NIP;Nama;Nomor SK;Tanggal SK;TMT;Jenis Mutasi;Jabatan Lama;Unit Lama;Eselon Lama;Jabatan Baru;Unit Baru;Eselon Baru;Penandatangan;Daerah;Izin Mendagri;Alasan;Sumber"]
    var reports = ["nip,name,region,report_date,conduct,candidate,source,recommended_level,recommendation_date,sanction_decree_no,sanction_date,sanction_signer"]
    /// The right status of each report, by NIP.
    var truth: [String: SanctionFollowUp.Status] = [:]
    var echelon: [String] = []
    var decrees = 0
    var rng = SeededGenerator(seed: 29)

    static let calendar = """
    elections:
      - id: ulang-2025-lembah-hijau
        name: Pilkada ulang Kabupaten Lembah Hijau 2025
        kind: rerun
        region: Kabupaten Lembah Hijau
        candidate_determination_date: 2025-07-22
        voting_date: 2025-08-27
        inauguration_date: 2025-12-01
        candidates:
          - {id: bonar, name: "Bonar Sitompul", incumbent: true}
          - {id: andi, name: "\(andi)"}
        winner: andi
    heads:
      - {region: Kabupaten Lembah Hijau, name: "Bonar Sitompul", role: elected, from: 2020-02-20, to: 2024-09-30, candidate: bonar}
      - {region: Kabupaten Lembah Hijau, name: "\(pj)", role: acting, from: 2024-10-01, to: 2025-11-30}
      - {region: Kabupaten Lembah Hijau, name: "\(andi)", role: elected, from: 2025-12-01, candidate: andi}
    """

    func nip(_ i: Int) -> String {
        String(format: "%04d%02d%02d%04d%02d%d%03d", 1968 + i % 25, 1 + i % 12, 1 + i % 28, 1995 + i % 20, 1 + (i * 7) % 12, 1 + i % 2, i % 999 + 1)  // sequence 000 is a spreadsheet-rounded NIP, rejected
    }

    func signer(_ day: String) -> String { day >= "2025-12-01" ? Self.andi : (day >= "2024-10-01" ? Self.pj : "Bonar Sitompul") }

    mutating func move(_ i: Int, _ day: String, _ kind: String, to: String? = nil, reason: String = "") {
        decrees += 1
        let from = echelon[i], toE = to ?? from
        let d = day.split(separator: "-")
        let ddmmyyyy = "\(d[2])/\(d[1])/\(d[0])"
        transfers.append([nip(i), "Pegawai \(i)", "800/\(decrees)/BKPSDM/\(d[0])", ddmmyyyy, ddmmyyyy, kind, "Jabatan \(from)", "Dinas \(i % 7)",
                          from, "Jabatan \(toE)", "Dinas \((i + decrees) % 7)", toE, signer(day), Self.region, "", reason, ""].joined(separator: ";"))
        echelon[i] = toE
    }

    mutating func report(_ i: Int, _ candidate: String, reported: String, level: String, recommended: String,
                         decree: String = "", decreeDate: String = "", signedBy: String = "", truth status: SanctionFollowUp.Status) {
        reports.append([nip(i), "Pegawai \(i)", "KAB. LEMBAH HIJAU", reported, "unggahan dukungan di media sosial", candidate,
                        "\(i)/TM/PL/Kab.LH/2025", level, recommended, decree, decreeDate, signedBy.isEmpty ? "" : "\"\(signedBy)\""].joined(separator: ","))
        truth[nip(i)] = status
    }

    func day(_ base: String, plus days: Int) -> String { Day(iso: base)!.adding(days: days).iso }

    init() {
        let ladder = ["III.a", "III.b", "IV.a", "IV.a", "Pelaksana", "Pelaksana", "Fungsional"]
        // the reported (0..<40) hold structural posts, but one staff member
        echelon = (0..<140).map { $0 < 40 ? ["III.a", "III.b", "IV.a", "IV.a"][$0 % 4] : ladder[$0 % ladder.count] }
        echelon[5] = "Pelaksana"
        for i in 0..<140 { move(i, day("2023-01-05", plus: i % 20), "mutasi") }
        // routine lateral rounds every half year, and promotions of people never reported
        for (n, round) in ["2024-01-15", "2024-07-15", "2025-01-15", "2025-07-15", "2026-01-15", "2026-07-15", "2026-10-30"].enumerated() {
            for i in rng.sample(25, from: 140) { move(i, round, n % 2 == 0 ? "rotasi" : "mutasi") }
            for i in rng.sample(3, from: 40) where ["III.b", "IV.a"].contains(echelon[100 + i]) {
                move(100 + i, round, "promosi", to: echelon[100 + i] == "IV.a" ? "III.b" : "III.a")
            }
        }
        let levels = ["ringan", "sedang", "berat"]
        // the winner's 20 supporters: people 0..19
        for k in 0..<20 {
            let reported = day("2025-07-25", plus: k)
            let recommended = k < 10 ? day("2025-10-01", plus: k) : day("2026-01-05", plus: k)
            switch k {
            case 0..<6:  // promoted instead: by a promotion, a rank up under a lateral kind, into a structural post
                report(k, "andi", reported: reported, level: levels[k % 3], recommended: recommended, truth: .promotedInstead)
                let up = ["III.a": "II.b", "III.b": "III.a", "IV.a": "III.b", "Pelaksana": "IV.a"][echelon[k]]!
                move(k, day("2026-02-10", plus: 9 * k), echelon[k] == "Pelaksana" ? "pelantikan" : (k % 2 == 0 ? "promosi" : "mutasi"), to: up)
            case 6:      // one light sanction, recorded
                report(k, "andi", reported: reported, level: "ringan", recommended: recommended,
                       decree: "800.1.6/77/BKPSDM/2025", decreeDate: day(recommended, plus: 30), truth: .sanctioned)
            case 7:      // pending: recommended late, the window outlives the data
                report(k, "andi", reported: reported, level: "berat", recommended: "2026-09-20", truth: .pending)
            default:     // left alone; some moved sideways in the window
                report(k, "andi", reported: reported, level: levels[k % 3], recommended: recommended, truth: .notFollowedUp)
                if k % 2 == 0 { move(k, day(recommended, plus: 40), "mutasi") }
            }
        }
        // the loser's 20 supporters: people 20..39
        let reasons = ["Hukuman disiplin berat sesuai PP Nomor 94 Tahun 2021", "Sanksi disiplin: penurunan jabatan 12 bulan",
                       "Penjatuhan hukuman disiplin tingkat berat (PP 94/2021)", "Pelanggaran netralitas ASN, hukuman disiplin"]
        for k in 0..<20 {
            let i = 20 + k
            let reported = day("2025-07-28", plus: k)
            let recommended = k < 10 ? day("2025-10-03", plus: k) : day("2026-01-08", plus: k)
            switch k {
            case 0..<8:  // recorded light or medium sanctions, with and without a signer
                report(i, "bonar", reported: reported, level: k % 2 == 0 ? "ringan" : "Sedang", recommended: recommended,
                       decree: k == 7 ? "" : "800.1.6/\(100 + k)/BKPSDM/2025", decreeDate: day(recommended, plus: 15 + 5 * k),
                       signedBy: k % 3 == 0 ? signer(day(recommended, plus: 15 + 5 * k)) : "", truth: .sanctioned)
            case 8..<15: // heavy sanctions in the transfers
                report(i, "bonar", reported: reported, level: "berat", recommended: recommended, truth: .sanctioned)
                let on = day(recommended, plus: 20 + 7 * (k - 8)), reason = reasons[k % reasons.count]
                switch k {
                case 8, 9, 10: move(i, on, "demosi", to: echelon[i] == "III.a" ? "III.b" : (echelon[i] == "III.b" ? "IV.a" : "Pelaksana"), reason: reason)
                case 11: move(i, on, "non-job", to: "Pelaksana", reason: reason)
                case 12: move(i, on, "dibebastugaskan", to: "Pelaksana", reason: reason)
                case 13: move(i, on, "pemberhentian", to: echelon[i], reason: "Pemberhentian tidak atas permintaan sendiri, PP Nomor 94 Tahun 2021")
                default: move(i, on, "mutasi", to: "Pelaksana", reason: reason)  // lost the post under a lateral kind
                }
            case 15:     // pushed out, but the decree names no discipline: not the sanction
                report(i, "bonar", reported: reported, level: "berat", recommended: recommended, truth: .notFollowedUp)
                move(i, day(recommended, plus: 30), "non-job", to: "Pelaksana")
            case 16, 17, 18:
                report(i, "bonar", reported: reported, level: levels[k % 3], recommended: recommended, truth: .notFollowedUp)
            default:     // pending
                report(i, "bonar", reported: reported, level: "sedang", recommended: "2026-09-01", truth: .pending)
            }
        }
        // a discipline demotion of someone never reported, and one long before any report: neither
        // is anyone's follow-up
        move(60, "2026-03-03", "demosi", to: "Pelaksana", reason: "Hukuman disiplin berat PP 94/2021")
        move(21, "2024-03-03", "demosi", to: echelon[21], reason: "Hukuman disiplin berat PP 94/2021")
    }

    func run(options: SanctionFollowUp.Options = .init()) throws -> SanctionFollowUp.Result {
        var set = TransferSet()
        let tr = try TransferReader.read(bytes: Array(transfers.joined(separator: "\r\n").utf8), name: "mutasi-lh.csv", into: &set)
        #expect(tr.recordsRejected == 0, "\(tr.rejects.prefix(3))")
        let calendar = try CalendarReader.read(text: Self.calendar)
        let (list, rr) = try NeutralityReportReader.read(bytes: Array(reports.joined(separator: "\n").utf8), name: "laporan-lh.csv", calendar: calendar)
        #expect(rr.recordsRejected == 0 && list.count == 40, "\(rr.rejects.prefix(3))")
        return SanctionFollowUp(options: options).run(reports: list, transfers: set, calendar: calendar)
    }
}

@Suite struct SanctionsTests {
    @Test func heldOutCityMeetsTheAcceptanceBar() throws {
        let city = HeldOutCity()
        let r = try city.run()
        #expect(r.reports.count == 40)
        let right = r.reports.filter { city.truth[$0.nip] == $0.status }.count
        let wrong = r.reports.filter { city.truth[$0.nip] != $0.status }.map { "\($0.nip) \($0.status.rawValue) (truth \(city.truth[$0.nip]!.rawValue)): \($0.why)" }
        #expect(Double(right) / 40 >= 0.95, "\(wrong)")
        let promoted = Set(city.truth.filter { $0.value == .promotedInstead }.keys)
        let found = Set(r.reports.filter { $0.status == .promotedInstead }.map(\.nip))
        #expect(promoted.isSubset(of: found))
        let pooled = try #require(r.groupTests.first { $0.election == "ulang-2025-lembah-hijau" && $0.head == nil })
        #expect(pooled.pValue < 0.01)
        #expect(pooled.winnerSupporters == 19 && pooled.otherSupporters == 19 && pooled.pendingLeftOut == 2)
        #expect(pooled.winnerSanctioned == 1 && pooled.otherSanctioned == 15 && pooled.oddsRatio < 1 && pooled.ciHigh < 1)
        // two deciding heads (the Pj, then the winner): a test for each as well
        #expect(Set(r.groupTests.compactMap(\.head)) == [HeldOutCity.pj, HeldOutCity.andi])
        print("held-out city: \(right)/40 statuses right, \(found.intersection(promoted).count)/\(promoted.count) promotions-instead found, "
              + "winner's supporters \(pooled.winnerSanctioned)/\(pooled.winnerSupporters) sanctioned, others \(pooled.otherSanctioned)/\(pooled.otherSupporters), "
              + "OR \(pooled.oddsRatio) [\(pooled.ciLow), \(pooled.ciHigh)], p = \(pooled.pValue)")
    }

    @Test func evidenceCarriesDecreeLineDaysAndSigner() throws {
        let r = try HeldOutCity().run()
        let city = HeldOutCity()
        // a demotion decree: its number, file:line, days taken and signer
        let demoted = try #require(r.reports.first { $0.nip == city.nip(28) })
        #expect(demoted.status == .sanctioned && demoted.evidence[0].kind == .disciplineTransfer)
        #expect(demoted.evidence[0].origin.hasPrefix("mutasi-lh.csv:") && demoted.evidence[0].signer == HeldOutCity.pj)
        #expect(demoted.daysTaken == 20 && !demoted.late && demoted.decidingHead == HeldOutCity.pj)
        // the dismissal after a discipline ruling counts; the earlier discipline demotion does not
        let early = try #require(r.reports.first { $0.nip == city.nip(21) })
        #expect(early.status == .sanctioned && early.evidence[0].kind == .recordedSanction)
        // a recorded sanction without a signer: the head in office per the calendar
        let recorded = try #require(r.reports.first { $0.nip == city.nip(21) })
        #expect(recorded.evidence[0].signerFrom == "calendar" && recorded.evidence[0].signer == HeldOutCity.pj)
        #expect(recorded.evidence[0].origin.hasPrefix("laporan-lh.csv:"))
        // a light recommendation left alone says why
        let light = try #require(r.reports.first { $0.nip == city.nip(9) })
        #expect(light.status == .notFollowedUp && light.why.contains("decree of its own"))
        // a push-out without a discipline reason is shown, not counted
        let pushed = try #require(r.reports.first { $0.nip == city.nip(35) })
        #expect(pushed.status == .notFollowedUp && pushed.evidence.map(\.kind) == [.pushOutWithoutDisciplineReason])
        // a promotion instead names its decree and signer
        let up = try #require(r.reports.first { $0.nip == city.nip(0) })
        #expect(up.status == .promotedInstead && up.evidence[0].kind == .rise && up.evidence[0].signer == HeldOutCity.andi)
    }

    /// Every status's reason is data: findings.json's English sentence is its wording, and the
    /// Indonesian report words the same data without an English phrase left in.
    @Test func reasonsAreWordedInBothLanguages() throws {
        var o = SanctionFollowUp.Options()
        o.followUpDays = 10
        let reports = try HeldOutCity().run().reports + HeldOutCity().run(options: o).reports
        let english = ["sanction", "days after", "signed by", "window", "report", "decree", "pushed", "promotion", "demotion", " by "]
        var kinds = Set<String>()
        for r in reports {
            let reason = try #require(r.reason)
            #expect(reason.english == r.why)
            let id = FollowUpWording.text(r, .id)
            #expect(!english.contains { id.lowercased().contains($0) }, "\(id)")
            #expect(FollowUpWording.text(r, .en) == r.why)
            if let e = r.evidence.first, [.sanctioned, .promotedInstead].contains(r.status) {
                // the decree and who signed it, as written (a recorded sanction may have no number)
                for part in [e.decreeNo, e.signer] where !part.isEmpty { #expect(id.contains(part), "\(id)") }
            }
            kinds.insert("\(r.status.rawValue) late=\(reason.late) pushed=\(reason.pushedOutAfterwards) level=\(String(describing: r.level))")
        }
        // the city has every status, late sanctions, light and medium levels and a push-out
        #expect(Set(reports.map(\.status)) == Set(SanctionFollowUp.Status.allCases))
        #expect(reports.contains { $0.reason?.late == true } && reports.contains { $0.reason?.pushedOutAfterwards == true })
        #expect(kinds.count >= 6, "\(kinds)")
    }

    @Test func windowDecidesPendingAndLateness() throws {
        var o = SanctionFollowUp.Options()
        o.followUpDays = 10
        let r = try HeldOutCity().run(options: o)
        // sanctions that took longer than 10 days are still sanctions, marked late
        let late = r.reports.filter { $0.status == .sanctioned && $0.late }
        #expect(late.count >= 10 && late.allSatisfy { ($0.daysTaken ?? 0) > 10 })
        #expect(r.count(.pending) == 0)
        o.followUpDays = 400
        let long = try HeldOutCity().run(options: o)
        #expect(long.count(.notFollowedUp) == 0)
    }

    @Test func noWinnerMeansNoTestAndANote() throws {
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array("nip,name,decree_no,decree_date,region\n198503152010011002,A,SK/1,2025-01-17,Kota A\n".utf8), name: "t.csv", into: &set)
        let cal = ElectionCalendar(elections: [Election(id: "e", name: "E", kind: .regional, region: "Kota A", votingDate: Day(iso: "2024-11-27")!,
                                                        candidates: [Candidate(id: "x", name: "X")])])
        let report = NeutralityReport(nip: NIP("198503152010011002")!, region: "Kota A", reportDate: Day(iso: "2024-10-01")!,
                                      candidate: "x", level: .light, recommendationDate: Day(iso: "2024-10-10")!)
        let r = SanctionFollowUp().run(reports: [report], transfers: set, calendar: cal)
        #expect(r.groupTests.isEmpty && r.notes.contains { $0.contains("no winner") })
        #expect(r.reports[0].status == .notFollowedUp && r.reports[0].side == .undecided)
    }

    @Test func disciplineReasonsAsWritten() {
        #expect(SanctionFollowUp.isDisciplineReason("Berdasarkan Peraturan Pemerintah Nomor 94 Tahun 2021"))
        #expect(SanctionFollowUp.isDisciplineReason("HUKUMAN DISIPLIN BERAT"))
        #expect(!SanctionFollowUp.isDisciplineReason("Penyegaran organisasi"))
        #expect(!SanctionFollowUp.isDisciplineReason("PP 49/2008"))
    }
}
