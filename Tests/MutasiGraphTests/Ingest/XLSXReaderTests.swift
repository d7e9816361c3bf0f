import Foundation
import Testing
import MutasiGraph

@Suite struct XLSXReaderTests {
    func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-xlsx-\(UUID().uuidString)-\(name)").path
    }

    static let header: [TestWorkbook.Cell] = ["No. SK", "Tgl SK", "NIP", "Nama", "Pejabat Penandatangan", "Unit Kerja Baru", "Instansi", "Golongan"].map { .text($0) }

    @Test func aWorkbookWithATitleBlockDatesAndStringsIsRead() throws {
        var book = TestWorkbook()
        book.sheets = [("Cover", [[.text("Daftar mutasi")]]),
                       ("Mutasi 2024", [
                        [.text("DAFTAR MUTASI PEGAWAI")], [.text("BKPSDM Kabupaten X")], [],
                        XLSXReaderTests.header,
                        // 45297 is 2024-01-06 in the 1900 system
                        [.text("800/1/2024"), .date(45297), .text("198503152010011002"), .inline("Budi & Ani"), .text("Bupati X"), .text("Dinas B"), .text("Kab. X"), .text("III/c")],
                        [.text("800/2/2024"), .text("2024-01-07"), .number("1.98503152010011E+17"), .text("Rounded"), .text("Bupati X"), .text("Dinas B"), .text("Kab. X"), .empty],
                        [],
                        [.text("800/3/2024"), .number("45298.5"), .inline("198503152010011003"), .text("Siti"), .text("Bupati X"), .text("Dinas C"), .text("Kab. X"), .empty],
                       ])]
        let path = temp("t.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book.write(to: path)
        let (set, r) = try TransferReader.read(paths: [path])
        #expect(r.recordsRead == 3 && r.recordsAccepted == 2 && r.recordsRejected == 1 && r.blankRowsSkipped == 1)
        #expect(set.transfers.map { $0.decreeDate.iso } == ["2024-01-06", "2024-01-07"])
        #expect(set.transfers.map { set[$0.name] } == ["Budi & Ani", "Siti"])
        #expect(set[set.transfers[0].signedBy] == "Bupati X" && set[set.transfers[0].region] == "Kab. X")
        // the NIP stored as a number, as Excel shows its place
        #expect(r.rejects[0].line == 6 && r.rejects[0].column == 3 && r.rejects[0].reason.contains("stored as a number"))
        #expect(r.rejects[0].description.hasPrefix(path + "!Mutasi 2024!C6: "))
        // the header found under the title rows; the cover sheet said, not read
        #expect(r.columns.count == 1 && r.columns[0].line == 4 && r.columns[0].file == path + "!Mutasi 2024")
        #expect(r.columns[0].unmapped.map(\.header) == ["Golongan"])
        #expect(r.warnings.contains { $0.file == path + "!Cover" && $0.reason.contains("not read") })
    }

    @Test func the1904DateSystem() throws {
        var book = TestWorkbook()
        book.date1904 = true
        // 43835 in the 1904 system is 2024-01-06
        book.sheets = [("S", [XLSXReaderTests.header, [.text("SK/1"), .date(43835), .text("198503152010011002"), .text("Budi"), .text("B"), .text("U"), .text("K"), .empty]])]
        let path = temp("1904.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book.write(to: path)
        let (set, _) = try TransferReader.read(paths: [path])
        #expect(set.transfers.first?.decreeDate.iso == "2024-01-06")
    }

    @Test func oneSheetByNameAndAMissingOneSaid() throws {
        var book = TestWorkbook()
        let row: (String) -> [TestWorkbook.Cell] = { nip in [.text("SK/1"), .text("2024-01-05"), .text(nip), .text("P"), .text("B"), .text("U"), .text("K"), .empty] }
        book.sheets = [("A", [XLSXReaderTests.header, row("198503152010011002")]), ("B", [XLSXReaderTests.header, row("198503152010011003"), row("198503152010011004")])]
        let path = temp("two.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book.write(to: path)
        #expect(try TransferReader.read(paths: [path]).1.recordsAccepted == 3)
        #expect(try TransferReader.read(paths: [path], sheet: "b").1.recordsAccepted == 2)
        #expect(throws: InputError.self) { try TransferReader.read(paths: [path], sheet: "C") }
    }

    /// Damaged parts (cut, bytes changed, tags and quotes inserted) never crash the reader: a
    /// workbook is read with its counts adding up, or refused with an `InputError`.
    @Test(arguments: 0..<4)
    func damagedWorkbooksAreReadOrRefused(seed: UInt64) throws {
        var book = TestWorkbook()
        book.sheets = [("S", [[.text("Judul")], XLSXReaderTests.header] + (0..<20).map { i in
            [.text("SK/\(i)"), i % 2 == 0 ? .date(45297 + Double(i)) : .text("2024-01-0\(1 + i % 9)"), .text("19850315201001100\(1 + i % 9)"),
             .inline("P \(i) & <x>"), .text("B"), .text("U\(i)"), .text("K"), .empty]
        })]
        let parts = book.parts()
        var rng = SeededGenerator(seed: seed)
        let inserts = ["<", ">", "\"", "/", "<c r=\"ZZ9\">", "<row r=\"99999999999\">", "<v>", "</c>", "&#xFFFFFF;", "_x00", "t=\"s\"", "<v>99999999</v>"]
        let path = temp("damaged.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for round in 0..<40 {
            let target = rng.nextInt(below: parts.count)
            var damaged = parts.map { ($0.0, Data($0.1.utf8)) }
            var bytes = [UInt8](damaged[target].1)
            for _ in 0...rng.nextInt(below: 6) {
                let at = rng.nextInt(below: bytes.count + 1)
                switch rng.nextInt(below: 3) {
                case 0: bytes = Array(bytes[..<at])
                case 1: bytes.insert(contentsOf: Array(inserts[rng.nextInt(below: inserts.count)].utf8), at: at)
                default: if at < bytes.count { bytes[at] = UInt8(rng.nextInt(below: 256)) }
                }
            }
            damaged[target].1 = Data(bytes)
            try TestWorkbook.write(damaged, to: path)
            do {
                let (_, r) = try TransferReader.read(paths: [path])
                #expect(r.recordsRead == r.recordsAccepted + r.recordsRejected, "round \(round)")
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    /// A sheet of many megabytes is read while it is unpacked, in views that end after a whole
    /// row: every row is read once, in order, with its own line.
    @Test func aLargeSheetIsReadWhileItIsUnpacked() throws {
        var rows: [[TestWorkbook.Cell]] = [XLSXReaderTests.header]
        for i in 0..<20_000 {
            let nip = String(format: "1985%02d%02d2010%02d1%03d", 1 + i % 12, 1 + i % 28, 1 + i % 12, 1 + i % 999)
            rows.append([.inline("SK/\(i / 10)"), .date(45000 + Double(i % 400)), .inline(nip), .inline("Pegawai \(i) " + String(repeating: "x", count: i % 200)),
                         .text("Bupati"), .text("Dinas \(i % 30)"), .text("Kab. X"), .empty])
        }
        var book = TestWorkbook()
        book.sheets = [("Besar", rows)]
        let path = temp("large.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try book.write(to: path)
        let (set, r) = try TransferReader.read(paths: [path])
        #expect(r.recordsRead == 20_000 && r.recordsAccepted == 20_000, "\(r.rejects.prefix(3))")
        #expect(set.transfers.map { Int($0.line) } == Array(2...20_001))
        #expect(set.transfers.enumerated().allSatisfy { i, t in
            set[t.name] == ("Pegawai \(i) " + String(repeating: "x", count: i % 200)).trimmingCharacters(in: .whitespaces)
        })
    }
}
