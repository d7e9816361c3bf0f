import Testing
import MutasiGraph

@Suite struct NeutralityReportReaderTests {
    let calendar = ElectionCalendar(elections: [
        Election(id: "ulang-2025", name: "Pilkada ulang", kind: .rerun, region: "Kota A", votingDate: Day(iso: "2025-08-27")!,
                 candidates: [Candidate(id: "sulastri", name: "Ir. Sulastri Wibowo, M.T."), Candidate(id: "darmawan", name: "H. Darmawan")],
                 winner: "sulastri"),
    ])

    @Test func indonesianHeadersWithRejectsCounted() throws {
        let text = """
        NIP;Nama;Daerah;Tanggal Laporan;Perbuatan;Calon Didukung;Nomor Temuan;Tingkat Rekomendasi;Tanggal Rekomendasi;Nomor SK Hukuman;Tanggal SK Hukuman
        198503152010011002;Budi;Kota A;01/08/2025;unggah dukungan;sulastri;001/TM/PL/2025;Sedang;15/09/2025;;
        198503152010011003;Ani;Kota A;2025-08-02;hadir kampanye;SULASTRI WIBOWO;002/TM/PL/2025;hukuman disiplin ringan;2025-09-15;800/12/BKPSDM/2025;2025-10-01
        198503152010011004;Eko;Kota A;2025-08-03;;darmawan;;berat;;;
        198503152010011005;Eko;Kota A;2025-08-03;;darmawan;;;;;
        12345;X;Kota A;2025-08-03;;darmawan;;berat;;;
        198503152010011006;X;;2025-08-03;;darmawan;;berat;;;
        198503152010011007;X;Kota A;2025-02-30;;darmawan;;berat;;;
        198503152010011008;X;Kota A;2025-08-03;;yohanes;;berat;;;
        198503152010011009;X;Kota A;2025-08-03;;darmawan;;sangat keras;;;
        198503152010011010;X;Kota A;2025-08-03;;darmawan;;berat;2025-07-01;;
        198503152010011011;X;Kota A;2025-08-03;;darmawan;;berat;;;2025-01-01
        198503152010011012;X;Kota A;2025-08-03;;darmawan;;;2025-09-01;;
        ;;;;;;;;;;
        """
        let (reports, r) = try NeutralityReportReader.read(bytes: Array(text.utf8), name: "laporan.csv", calendar: calendar)
        #expect(r.recordsRead == 12 && r.recordsAccepted == 4 && r.recordsRejected == 8)
        #expect(r.recordsRead == r.recordsAccepted + r.recordsRejected)
        #expect(r.blankRowsSkipped == 1)
        #expect(r.rejects.map(\.line) == [6, 7, 8, 9, 10, 11, 12, 13])
        #expect(r.rejects.map(\.column) == [1, 3, 4, 6, 8, 9, 11, 8])
        #expect(r.rejects.allSatisfy { $0.file == "laporan.csv" })
        #expect(reports[0].level == .medium && reports[0].recommendationDate?.iso == "2025-09-15" && !reports[0].hasRecordedSanction)
        #expect(reports[0].reportDate.iso == "2025-08-01" && reports[0].source == "001/TM/PL/2025" && reports[0].line == 2)
        // a candidate's name resolves to its id
        #expect(reports[1].candidate == "sulastri" && reports[1].level == .light)
        #expect(reports[1].sanctionDecreeNo == "800/12/BKPSDM/2025" && reports[1].sanctionDate?.iso == "2025-10-01")
        #expect(reports[2].level == .heavy && reports[2].recommendationDate == nil)
        #expect(reports[3].level == nil)
        // a report is a recorded tie of reported support
        let tie = reports[0].tie
        #expect(tie.relation == .reportedSupport && tie.relatedTo == .candidate("sulastri") && tie.since?.iso == "2025-08-01")
        #expect(tie.source == "001/TM/PL/2025")
    }

    @Test func englishHeadersWithoutCalendar() throws {
        let text = "nip,name,region,report_date,conduct,candidate,source,recommended_level,recommendation_date,sanction_decree_no,sanction_date,sanction_signer\n"
            + "198503152010011002,Budi,Kota A,2025-08-01,post,w,F-1,heavy,2025-09-01,,,\n"
            + "198503152010011003,Ani,Kota A,2025-08-01,rally,anyone,F-2,Light,2025-09-01,SK/9,2025-09-20,Mayor X\n"
        let (reports, r) = try NeutralityReportReader.read(bytes: Array(text.utf8), name: "reports.csv")
        #expect(r.recordsAccepted == 2 && r.recordsRejected == 0)
        #expect(reports[1].candidate == "anyone" && reports[1].sanctionSigner == "Mayor X")
    }

    @Test func missingRequiredColumnIsLocated() {
        let text = "nip,name,region,report_date,candidate\n198503152010011002,Budi,Kota A,2025-08-01,w\n"
        #expect(throws: InputError.self) { try NeutralityReportReader.read(bytes: Array(text.utf8), name: "r.csv") }
    }

    @Test func levelsInBothLanguages() {
        #expect(DisciplineLevel(parsing: "Ringan") == .light)
        #expect(DisciplineLevel(parsing: "MEDIUM") == .medium)
        #expect(DisciplineLevel(parsing: "Hukuman Disiplin Tingkat Berat") == .heavy)
        #expect(DisciplineLevel(parsing: "ringan atau sedang") == nil)
        #expect(DisciplineLevel(parsing: "keras") == nil)
    }
}
