import Testing
import MutasiGraph

@Suite struct SideTableTests {
    @Test func tiesInIndonesianWithRejects() throws {
        let text = """
        nip;terkait_dengan;hubungan;sejak;sampai;sumber
        198503152010011002;sulastri;tim_kampanye;2025-06-01;;Temuan Bawaslu
        198503152010011003;198503152010011002;keluarga;;;Akta
        198503152010011004;darmawan;Partai;;;
        12345;darmawan;teman;;;
        198503152010011005;;teman;;;
        198503152010011006;x;teman;2025-13-01;;
        198503152010011007;x;teman;2025-06-01;2024-01-01;
        198503152010011008;x;tetangga;;;
        """
        let (ties, r) = try TieReader.read(bytes: Array(text.utf8), name: "ties.csv")
        #expect(r.recordsRead == 8 && r.recordsAccepted == 4 && r.recordsRejected == 4)
        #expect(r.rejects.map(\.line) == [5, 6, 7, 8])
        #expect(r.rejects.map(\.column) == [1, 2, 4, 5])
        #expect(ties[0].relation == .campaignTeam && ties[0].relatedTo == .candidate("sulastri") && ties[0].since?.iso == "2025-06-01")
        #expect(ties[1].relation == .kin && ties[1].relatedTo == .person(NIP("198503152010011002")!))
        #expect(ties[2].relation == .party)
        #expect(ties[3].relation == .other("tetangga"))
    }

    @Test func unitsWithRemoteFlag() throws {
        let text = "unit,parent,category,remote\nDinas A,Kota A,opd,false\nPulau Jauh,Kota A,kecamatan,ya\nX,,,maybe\n,,,\n"
        let (units, r) = try UnitReader.read(bytes: Array(text.utf8), name: "units.csv")
        #expect(units.map(\.remote) == [false, true])
        #expect(r.rejects.map(\.line) == [4])
        #expect(r.blankRowsSkipped == 1)
    }

    @Test func approvalsIndexByDecreeAndRegion() throws {
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array("nip,name,decree_no,decree_date,region\n198503152010011002,A,SK/1,2024-01-17,Kota A\n198503152010011003,B,SK/1,2024-01-17,Kota B\n".utf8), name: "t.csv", into: &set)
        let records = [ApprovalRecord(decreeNo: "SK/1", region: "kota a", approval: "IZ/9", date: nil, line: 2)]
        let index = ApprovalReader.index(records, for: set)
        #expect(index.count == 1)
        #expect(index[set.decreeKey(of: set.transfers[0])] == "IZ/9")
    }

    @Test func exampleFilesReadClean() throws {
        // the rows make_example.py wrote to each file (truth.json)
        let truth = Example.truth
        let (ties, tr) = try TieReader.read(path: Example.path("ties.csv"))
        #expect(rowCounts(tr) == truth.rows(of: "ties.csv"))
        #expect(ties.count == tr.recordsAccepted)
        let (units, ur) = try UnitReader.read(path: Example.path("units.csv"))
        #expect(rowCounts(ur) == truth.rows(of: "units.csv"))
        #expect(units.contains { $0.remote })
        let (approvals, ar) = try ApprovalReader.read(path: Example.path("approvals.csv"))
        #expect(rowCounts(ar) == truth.rows(of: "approvals.csv"))
        #expect(approvals.map(\.decreeNo) == truth.approved)
        let (reports, nr) = try NeutralityReportReader.read(path: Example.path("neutrality-reports.csv"))
        #expect(rowCounts(nr) == truth.rows(of: "neutrality-reports.csv"))
        #expect(reports.count == nr.recordsAccepted)
        let cal = try CalendarReader.read(path: Example.path("elections.yaml"))
        #expect(cal.elections.count == truth.elections && cal.heads.count == truth.heads)
    }
}
