import Foundation
import Testing
import MutasiGraph

/// Files as offices send them: BKD/BKPSDM headers, folders, UTF-16 and gzip, spreadsheet-rounded
/// NIPs, approvals without a region.
@Suite struct RealExportTests {
    @Test func bkdHeadersMapAndTheRestIsNamed() throws {
        let text = """
        No. SK;TGL SK;NIP Baru;NAMA PEGAWAI;Pejabat Penandatangan;OPD LAMA;Unit_Kerja_Baru;INSTANSI;TMT Jabatan;Golongan;Pangkat;Catatan
        800/1/2024;05/01/2024;198503152010011002;Budi;H. Ahmad Sulaiman, S.H.;Dinas A;Dinas B;Kab. X;2024-01-10;III/c;Penata;-
        """
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 1)
        let t = set.transfers[0]
        #expect(set[t.decreeNo] == "800/1/2024" && set[t.signedBy] == "H. Ahmad Sulaiman, S.H." && set[t.region] == "Kab. X")
        #expect(set[t.fromUnit] == "Dinas A" && set[t.toUnit] == "Dinas B" && t.effectiveDate?.iso == "2024-01-10")
        #expect(r.columns.count == 1)
        let m = r.columns[0]
        #expect(m.columns.map { $0.field ?? "-" } == ["decree_no", "decree_date", "nip", "name", "signed_by", "from_unit", "to_unit", "region",
                                                     "effective_date", "-", "-", "-"])
        #expect(m.unmapped.map(\.header) == ["Golongan", "Pangkat", "Catatan"])
        #expect(m.unmapped.map(\.knownExtra) == [true, true, false])
        #expect(m.missing.isEmpty)
        // Golongan and Pangkat are kept as the row's extra columns
        let keys = set.attributes.map { set[$0.key] }
        #expect(keys.contains("Golongan") && keys.contains("Pangkat"))
    }

    @Test func otherCommonHeaders() throws {
        for (header, field) in [("PPK", "signed_by"), ("Pejabat yang Menetapkan", "signed_by"), ("Nomor Keputusan", "decree_no"), ("NO SK", "decree_no"),
                                ("Perangkat Daerah", "to_unit"), ("Satuan Kerja", "to_unit"), ("OPD Baru", "to_unit"), ("OPD Lama", "from_unit"),
                                ("Unit Kerja Lama", "from_unit"), ("Tgl. SK", "decree_date"), ("INSTANSI", "region")] {
            let text = "nip;nama;tanggal_sk;\(header)\n198503152010011002;Budi;2024-01-05;x\n"
            let (_, r) = try readTransfers(text.replacingOccurrences(of: "tanggal_sk;Tgl. SK", with: "nomor_sk;Tgl. SK"))
            #expect(r.columns[0].columns.last?.field == field, "\(header)")
        }
    }

    @Test func aMissingSignerOrRegionColumnIsSaidWithItsCost() throws {
        let (_, r) = try readTransfers("nip,nama,nomor_sk,tgl_sk,unit_baru\n198503152010011002,Budi,SK/1,2024-01-05,Dinas B\n")
        #expect(r.recordsAccepted == 1)
        // said with the header, not among the rows' warnings (which count rows)
        #expect(r.warnings.isEmpty)
        let missing = r.columns[0].missing
        #expect(missing.count == 2)
        #expect(missing.contains { $0.hasPrefix("no signed_by column") && $0.contains("rule-window checks need the signer") })
        #expect(missing.contains { $0.hasPrefix("no region column") })
    }

    @Test func headerMatchingIgnoresCasePunctuationAndSpacing() throws {
        for h in ["No. SK", "NO_SK", "no sk", "No-SK", "NoSK", "NO.SK"] {
            let (_, r) = try readTransfers("nip,nama,tgl_sk,\(h)\n198503152010011002,Budi,2024-01-05,SK/1\n")
            #expect(r.columns[0].columns.last?.field == "decree_no", "\(h)")
        }
    }

    @Test func utf16WithBOMIsRead() throws {
        let text = "nip\tnama\ttgl_sk\tppk\tdaerah\n198503152010011002\tBudi Śantoso\t2024-01-05\tBupati\tKab. X\n"
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for u in text.utf16 { bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            var set = TransferSet()
            let r = try TransferReader.read(bytes: bytes, name: "unicode.txt", into: &set)
            #expect(r.recordsAccepted == 1 && r.recordsRejected == 0)
            #expect(set[set.transfers[0].name] == "Budi Śantoso")
        }
    }

    @Test func gzipIsReadAndADamagedOneIsSaid() throws {
        let dir = try temporaryFolder("mutasi-real")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/t.csv"
        try "nip,nama,tgl_sk,ppk,daerah\n198503152010011002,Budi,2024-01-05,Bupati,Kab. X\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/sh")
        gz.arguments = ["-c", "gzip -c '\(csv)' > '\(csv).gz' && (cat '\(csv).gz' > '\(dir)/two.csv.gz' && tail -n 1 '\(csv)' | gzip -c >> '\(dir)/two.csv.gz') && head -c 30 '\(csv).gz' > '\(dir)/cut.gz'"]
        try gz.run(); gz.waitUntilExit()
        var set = TransferSet()
        let r = try TransferReader.read(path: csv + ".gz", into: &set)
        #expect(r.recordsAccepted == 1 && set[set.transfers[0].name] == "Budi")
        // two gzip members: both read (the second row merges into the first)
        var set2 = TransferSet()
        let r2 = try TransferReader.read(path: dir + "/two.csv.gz", into: &set2)
        #expect(r2.recordsRead == 2 && r2.duplicatesMerged == 1)
        var set3 = TransferSet()
        #expect(throws: InputError.self) { try TransferReader.read(path: dir + "/cut.gz", into: &set3) }
    }

    @Test func oldExcelWorkbookGetsOneSentence() throws {
        var set = TransferSet()
        do {
            _ = try TransferReader.read(bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), name: "x.xls", into: &set)
            Issue.record("an .xls file was read")
        } catch {
            #expect(error.description.contains("save it as .xlsx or CSV"))
        }
    }

    @Test func foldersAreExpandedSortedAndRecursively() throws {
        let dir = try temporaryFolder("mutasi-real")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        for f in ["b.csv", "a.tsv", "c.jsonl", "d.txt", "e.xlsx", "f.csv.gz", "notes.md", ".hidden.csv", "~$e.xlsx", "sub/g.csv"] {
            try "x".write(toFile: dir + "/" + f, atomically: true, encoding: .utf8)
        }
        let flat = try InputFiles.expand([dir])
        #expect(flat.map { String($0.dropFirst(dir.count + 1)) } == ["a.tsv", "b.csv", "c.jsonl", "d.txt", "e.xlsx", "f.csv.gz"])
        let deep = try InputFiles.expand([dir, dir + "/b.csv"], recursive: true)
        #expect(deep.map { String($0.dropFirst(dir.count + 1)) } == ["a.tsv", "b.csv", "c.jsonl", "d.txt", "e.xlsx", "f.csv.gz", "sub/g.csv"])
        #expect(throws: InputError.self) { try InputFiles.expand([dir + "/nothing"]) }
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(throws: InputError.self) { try InputFiles.expand([dir + "/empty"]) }
    }

    @Test func roundedNIPsAreRejectedAndOddOnesWarned() throws {
        let text = """
        nip,nama,tgl_sk,ppk,daerah
        198503152010011000,Rounded,2024-01-05,B,K
        198503152010013004,Sex Digit,2024-01-05,B,K
        198503152000011005,Too Young,2024-01-05,B,K
        198503152010011002,Budi Santoso,2024-01-05,B,K
        198503152010011002,"Drs. BUDI SANTOSO, M.Si.",2024-02-05,B,K
        198503152010011002,Siti Aminah,2024-03-05,B,K
        """
        let dir = try temporaryFolder("mutasi-real")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        // names are compared across every file read (`read(paths:)`)
        let (_, r) = try TransferReader.read(paths: [dir + "/t.csv"])
        #expect(r.recordsRead == 6 && r.recordsAccepted == 5 && r.recordsRejected == 1)
        #expect(r.rejects[0].line == 2 && r.rejects[0].column == 1 && r.rejects[0].reason.contains("rounded by a spreadsheet"))
        #expect(r.warnings.contains { $0.line == 3 && $0.column == 1 && $0.reason.contains("sex") })
        #expect(r.warnings.contains { $0.line == 4 && $0.reason.contains("18th birthday") })
        // a degree earned is the same name; another name is warned, at the name column
        let names = r.warnings.filter { $0.reason.contains("carries the name") }
        #expect(names.count == 1 && names[0].line == 7 && names[0].column == 2)
    }

    @Test func anApprovalWithoutRegionAppliesOnlyWhereItsNumberIsUnique() throws {
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array("""
        nip,name,decree_no,decree_date,region
        198503152010011002,A,SK/1,2024-01-17,Kota A
        198503152010011003,B,SK/1,2024-01-17,Kota B
        198503152010011004,C,SK/2,2024-01-17,Kota B
        """.utf8), name: "t.csv", into: &set)
        let records = [ApprovalRecord(decreeNo: "SK/1", approval: "IZ/1", line: 2, file: "approvals.csv"),
                       ApprovalRecord(decreeNo: "SK/2", approval: "IZ/2", line: 3, file: "approvals.csv")]
        let (index, rejects) = ApprovalReader.resolve(records, for: set)
        #expect(index.count == 1 && index.values.first == "IZ/2")
        #expect(rejects.count == 1 && rejects[0].line == 2 && rejects[0].reason.contains("Kota A, Kota B"))
        // with a region it applies there alone
        let (withRegion, none) = ApprovalReader.resolve([ApprovalRecord(decreeNo: "SK/1", region: "Kota B", approval: "IZ/1")], for: set)
        #expect(withRegion.count == 1 && none.isEmpty)
    }
}
