import Foundation
import Testing
import MutasiGraph

@Suite struct TransferReaderTests {
    /// A record is 80 bytes, one of them padding: a national file holds tens of millions, and a field
    /// added or moved out of the widest-first order costs 8 bytes each (10% of reading's writes).
    @Test func aTransferIsEightyBytes() {
        #expect(MemoryLayout<Transfer>.size == 80)
        #expect(MemoryLayout<Transfer>.stride == 80)
    }

    @Test func excelExportWithBOMCRLFSemicolonsAndBrokenRows() throws {
        var set = TransferSet()
        let r = try TransferReader.read(path: fixtures + "/ingest/excel-export.csv", into: &set)
        #expect(r.recordsRead == 8)
        #expect(r.recordsAccepted == 4)
        #expect(r.recordsRejected == 4)
        #expect(r.recordsRead == r.recordsAccepted + r.recordsRejected)
        #expect(r.duplicatesMerged == 1)
        #expect(r.blankRowsSkipped == 1)
        #expect(set.transfers.count == 3)
        #expect(r.rejects.map(\.line) == [4, 5, 7, 10])
        #expect(r.rejects.map(\.column) == [1, 4, 6, 7])
        #expect(r.rejects[0].reason.contains("17 digits"))
        #expect(r.rejects[1].reason.contains("31/02/2024"))
        #expect(r.rejects[2].reason.contains("naik pangkat"))
        #expect(r.rejects[3].reason.contains("6 columns, the header has 16"))

        let made = set.transfers[0]
        #expect(set[made.name] == "Ir. Made \"Dek\" Suardana")
        #expect(made.decreeDate.iso == "2024-05-21")
        #expect(made.effectiveDate?.iso == "2024-06-01")
        #expect(set[made.approval] == "100.2.2.6/1/OTDA") // filled in from the duplicate row
        #expect(r.warnings.contains { $0.line == 11 && $0.reason.contains("different values") })

        let siti = set.transfers[1]
        #expect(set[siti.name] == "Siti Rahma; S.E.")
        #expect(siti.kind == .promotion)
        #expect(set.attributes(of: siti).map { "\($0.key)=\($0.value)" } == ["Catatan=pindah"])

        let rina = set.transfers[2]
        #expect(rina.kind == .nonjob)
        #expect(rina.decreeDate.iso == "2024-05-22")
        #expect(rina.line == 9)
        #expect(set.origin(of: rina).hasSuffix("excel-export.csv:9"))
    }

    @Test(arguments: [",", ";", "\t"])
    func detectsTheDelimiter(_ d: String) throws {
        let text = ["nip", "name", "decree_date", "kind"].joined(separator: d) + "\n"
            + ["198503152010011002", "Budi", "2024-01-17", "mutasi"].joined(separator: d) + "\n"
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 1)
        #expect(set[set.transfers[0].name] == "Budi")
    }

    @Test func everyHeaderAliasMaps() throws {
        let english = "nip,name,decree_no,decree_date,effective_date,kind,from_position,from_unit,from_echelon,to_position,to_unit,to_echelon,signed_by,region,approval,reason,source"
        let indonesian = "NIP,Nama,Nomor SK,Tanggal_SK,TMT,Jenis-Mutasi,jabatan lama,OPD_LAMA,eselon lama,Jabatan Baru,opd baru,Eselon Baru,PPK,Instansi,Persetujuan Mendagri,Alasan,Sumber"
        let others = "nip,nama,no_sk,tgl_sk,tmt,jenis,jabatan_lama,unit_lama,eselon_lama,jabatan_baru,unit_baru,eselon_baru,penandatangan,daerah,izin_mendagri,alasan,sumber"
        let row = "198503152010011002,Budi,SK/1,2024-01-17,2024-01-20,promosi,Kasi,Dinas A,IV.a,Kabid,Dinas B,III.b,Wali Kota,Kota A,IZ/1,,BKPSDM"
        for header in [english, indonesian, others] {
            let (set, r) = try readTransfers(header + "\n" + row + "\n")
            #expect(r.recordsAccepted == 1, "\(header)")
            let t = set.transfers[0]
            #expect(set[t.decreeNo] == "SK/1")
            #expect(t.effectiveDate?.iso == "2024-01-20")
            #expect(t.kind == .promotion && !t.kindWasInferred)
            #expect(set[t.fromPosition] == "Kasi" && set[t.fromUnit] == "Dinas A" && t.fromEchelon?.level == .pengawas)
            #expect(set[t.toPosition] == "Kabid" && set[t.toUnit] == "Dinas B" && t.toEchelon?.level == .administrator)
            #expect(set[t.signedBy] == "Wali Kota" && set[t.region] == "Kota A" && set[t.approval] == "IZ/1" && set[t.source] == "BKPSDM")
            #expect(set.attributes.isEmpty)
        }
    }

    @Test(arguments: [("2024-05-21", "2024-05-21"), ("21/05/2024", "2024-05-21"), ("21-05-2024", "2024-05-21"),
                      ("21 Mei 2024", "2024-05-21"), ("21 May 2024", "2024-05-21"), ("1 agustus 2025", "2025-08-01"),
                      ("5 Okt 2023", "2023-10-05"), ("07/01/2024", "2024-01-07"), ("2024-05-21 00:00:00", "2024-05-21")])
    func dateForms(_ raw: String, _ iso: String) throws {
        let (set, r) = try readTransfers("nip,name,decree_date\n198503152010011002,Budi,\(raw)\n")
        #expect(r.recordsAccepted == 1)
        #expect(set.transfers.first?.decreeDate.iso == iso)
    }

    /// Dates shaped `YYYY-MM-DD` are worked out from their bytes without the reader's cache: every
    /// one of them, with bytes just outside the digits ("/" and ":") and impossible days among
    /// them, must read as `Day(iso:)` does.
    @Test func isoShapedDatesReadAsDayISO() throws {
        let pool = Array("0123456789/:".utf8)
        var rng = SeededGenerator(seed: 11)
        var shapes = ["2024-02-29", "2023-02-29", "2024-02-30", "2024-04-31", "2024-12-31", "2024-13-01", "2024-00-10",
                      "2024-05-00", "1945-08-17", "1945-08-16", "2100-12-31", "0000-01-01", "2024-1:-01", "2/24-01-01"]
        for _ in 0..<400 {
            var b = Array("2024-05-21".utf8)
            // one to three bytes changed, among the digits' places
            for _ in 0...rng.nextInt(below: 3) {
                b[[0, 1, 2, 3, 5, 6, 8, 9][rng.nextInt(below: 8)]] = pool[rng.nextInt(below: pool.count)]
            }
            shapes.append(String(decoding: b, as: UTF8.self))
        }
        // a person each, so that no two rows are one person in one decree (merged)
        let rows = shapes.indices.map { "198503152010011\(String($0 + 100)),Budi,\(shapes[$0])\n" }
        let (set, r) = try readTransfers("nip,name,decree_date\n" + rows.joined())
        var kept = set.transfers.makeIterator()
        for (i, raw) in shapes.enumerated() {
            let expected = Day(iso: raw).flatMap { Transfer.plausibleDates.contains($0) ? $0 : nil }
            let rejected = r.rejects.contains { $0.line == i + 2 }
            #expect(rejected == (expected == nil), "\(raw)")
            if let expected, !rejected { #expect(kept.next()?.decreeDate == expected, "\(raw)") }
        }
    }

    /// Every day from 1945 to 1949 and of 2000, and days 28 to 31 of every month to 2100 (leap
    /// years, 2000 and 2100 among them; more months than the reader's cache of months has slots),
    /// written `YYYY-MM-DD` and `DD/MM/YYYY`: each reads as `Day(year:month:day:)` says, and each
    /// impossible one, or one before 17 August 1945, is rejected.
    @Test func everyDayOfThePlausibleRangeReadsAsTheCalendarSays() throws {
        var rows: [String] = [], expected: [Day?] = []
        for year in 1945...2100 {
            for month in 1...12 {
                for day in 1...31 {
                    // all of the first few years' days, then the month ends only: the file stays small
                    guard year < 1950 || day >= 28 || year == 2000 else { continue }
                    let iso = String(format: "%04d-%02d-%02d", year, month, day)
                    let slashed = String(format: "%02d/%02d/%04d", day, month, year)
                    rows.append("198503152010011002,Budi,SK/\(rows.count),\(iso),\(slashed)\n")
                    expected.append(Day(year: year, month: month, day: day).flatMap { Transfer.plausibleDates.contains($0) ? $0 : nil })
                }
            }
        }
        let (set, r) = try readTransfers("nip,name,decree_no,decree_date,effective_date\n" + rows.joined())
        #expect(r.recordsRead == rows.count)
        #expect(r.recordsAccepted == expected.count { $0 != nil })
        let rejectedLines = Set(r.rejects.map(\.line))
        var kept = set.transfers.makeIterator()
        for (i, day) in expected.enumerated() {
            let rejected = rejectedLines.contains(i + 2)
            #expect(rejected == (day == nil), "\(rows[i])")
            if let day, !rejected {
                let t = kept.next()
                #expect(t?.decreeDate == day && t?.effectiveDate == day, "\(rows[i])")
            }
        }
    }

    @Test func eachRejectReasonWithItsLine() throws {
        let text = """
        nip,name,decree_date,kind,from_echelon
        198503152010011002,Ok,2024-01-17,mutasi,III.a
        1985031520100110,Short,2024-01-17,mutasi,
        198502302010011002,BadBirth,2024-01-17,mutasi,
        1.98503E+17,Sci,2024-01-17,mutasi,
        198503152010011003,,2024-01-17,mutasi,
        198503152010011004,NoDate,,mutasi,
        198503152010011005,BadDate,2024-13-01,mutasi,
        198503152010011006,BadKind,2024-01-17,naik pangkat,
        198503152010011007,BadEchelon,2024-01-17,mutasi,VI
        198503152010011008,TooFew,2024-01-17
        198503152010011009,TooMany,2024-01-17,mutasi,,extra
        198503152010011010,"Quote"junk,2024-01-17,mutasi,

        """
        let (_, r) = try readTransfers(text)
        #expect(r.recordsRead == 12)
        #expect(r.recordsAccepted == 1)
        #expect(r.rejects.map(\.line) == Array(3...13))
        #expect(r.rejects.map(\.column) == [1, 1, 1, 2, 3, 3, 4, 5, 4, 6, 2])
        let reasons = r.rejects.map(\.reason)
        #expect(reasons[0].contains("16 digits"))
        #expect(reasons[1].contains("real birth date"))
        #expect(reasons[2].contains("spreadsheet"))
        #expect(reasons[3] == "missing name")
        #expect(reasons[4] == "missing decree date")
        #expect(reasons[5].contains("2024-13-01"))
        #expect(reasons[6].contains("unknown kind 'naik pangkat'"))
        #expect(reasons[7].contains("unknown echelon 'VI'"))
        #expect(reasons[10].contains("closing quote"))
    }

    @Test func warningsKeepTheRow() throws {
        let text = "nip,name,decree_date,tmt\n198503152010991002,Pppk,2024-01-17,2024-01-10\n"
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 1 && set.transfers.count == 1)
        #expect(r.warnings.count == 2)
        #expect(r.warnings.contains { $0.reason.contains("before the decree date") && $0.column == 4 })
        #expect(r.warnings.contains { $0.reason.contains("PPPK") && $0.column == 1 })
    }

    /// The reader finds field ends 64 bytes at a time and keeps what it found from field to field
    /// and row to row; dates and codes are remembered by their first and last eight bytes. Fields
    /// of every length from 0 to 149 (over two windows) at every offset, quoted or not, with comma,
    /// semicolon or tab, LF, CRLF or CR alone, the last row without a line end and ending at each
    /// of 66 places against the last window (its last bytes are read one by one), dates in three
    /// spellings and of 8 to 17 bytes, codes of one byte: each row gives back exactly what was
    /// written.
    @Test(arguments: [(",", "\n"), (";", "\r\n"), ("\t", "\r")])
    func everyFieldReadsBackWhereverItFallsAgainstTheScanBlocks(delimiter d: String, lineEnd: String) throws {
      for lastPad in 0..<66 { // the last row ends at every place against a window: its end is read byte by byte
        let kinds = ["mutasi", "promosi", "demosi", "non-job", "rotasi", "plt"]
        let expected: [TransferKind] = [.mutation, .promotion, .demotion, .nonjob, .mutation, .acting]
        let echelons = ["II.a", "III.b", "V", "", "JPT Pratama", "Pelaksana"]
        func date(_ i: Int) -> (text: String, iso: String) {
            let d = 1 + i % 28, m = 1 + i % 12
            let iso = String(format: "2023-%02d-%02d", m, d)
            switch i % 4 {
            case 0: return (iso, iso)
            case 1: return ("\(d)/\(m)/2023", iso) // 8 to 10 bytes
            case 2: return ("\(d) \(["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"][m - 1]) 2023", iso)
            default: return (String(format: "%02d-%02d-2023", d, m), iso)
            }
        }
        var text = ["nip", "catatan", "name", "decree_no", "decree_date", "kind", "to_echelon", "region"].joined(separator: d) + lineEnd
        var rows: [(note: String, name: String, no: String, iso: String, kind: TransferKind, echelon: String, region: String)] = []
        for i in 0..<400 {
            let note = String(repeating: "x", count: i % 150)
            let name = "P" + String(repeating: "e", count: (i * 7) % 23)
            let no = i % 3 == 0 ? "" : "SK/\(i / 2)"
            let (dt, iso) = date(i / 3)
            let region = i % 5 == 0 ? "Kota, \"Baru\" \(i % 4)" : "Kab \(i % 4)"
            let quotedRegion = "\"" + region.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let nip = String(format: "1980%02d%02d2005%02d1%03d", 1 + i % 12, 1 + i % 28, 1 + i % 12, i + 1)
            let name2 = i % 7 == 0 ? "\"\(name)\"" : name
            let end = i == 399 ? "" : lineEnd
            let last = i == 399 ? region + String(repeating: "z", count: lastPad) : region
            let fields = [nip, note, name2, no, dt, kinds[i % 6], echelons[i % 6], i % 5 == 0 ? quotedRegion : last]
            text += fields.joined(separator: d) + end
            rows.append((note, name, no, iso, expected[i % 6], echelons[i % 6], last))
        }
        let (set, r) = try readTransfers(text)
        #expect(r.recordsRead == 400 && r.recordsAccepted == 400 && r.warnings.isEmpty)
        try #require(set.transfers.count == 400)
        for (t, w) in zip(set.transfers, rows) {
            #expect(set[t.name] == w.name && set[t.decreeNo] == w.no && set[t.region] == w.region)
            #expect(t.decreeDate.iso == w.iso && t.kind == w.kind)
            #expect(t.toEchelon == (w.echelon.isEmpty ? nil : Echelon(parsing: w.echelon)), "line \(t.line)")
            #expect(set.attributes(of: t).first?.value ?? "" == w.note)
        }
      }
    }

    @Test func quotedNewlinesShiftPhysicalLines() throws {
        let text = "nip,name,decree_date\r\n198503152010011002,\"a\r\nb\r\nc\",2024-01-17\r\n198503152010011003,ok,2024-02-30\r\n"
        let (set, r) = try readTransfers(text)
        #expect(set[set.transfers[0].name] == "a\r\nb\r\nc")
        #expect(r.rejects.map(\.line) == [5])
    }

    /// Spaces and tabs around an unquoted value are not part of it (a hand-edited file, a fixed
    /// width export); inside quotes they are kept as written.
    @Test func spacesAroundAnUnquotedValueAreDropped() throws {
        let text = "nip,name,decree_date,kind,region\n 198503152010011002 ,  Budi Santoso\t, 2024-01-17 ,\tmutasi , Kab A\n"
            + "198503152010011003,\" Sri \",2024-01-18,promosi,\"Kab A \"\n"
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 2 && r.warnings.isEmpty)
        try #require(set.transfers.count == 2)
        let a = set.transfers[0], b = set.transfers[1]
        #expect(a.nip.description == "198503152010011002" && set[a.name] == "Budi Santoso" && a.decreeDate.iso == "2024-01-17")
        #expect(a.kind == .mutation && set[a.region] == "Kab A")
        #expect(set[b.name] == " Sri " && set[b.region] == "Kab A ")
    }

    @Test func kindInferredWhenAbsent() throws {
        let (set, _) = try readTransfers("nip,name,decree_date,eselon_lama,eselon_baru\n198503152010011002,A,2024-01-17,III.a,II.b\n198503152010011003,B,2024-01-17,II.b,\n")
        #expect(set.transfers.map(\.kind) == [.promotion, .nonjob])
        #expect(set.transfers.allSatisfy { $0.kindWasInferred })
    }

    @Test func missingRequiredColumnIsAnInputError() {
        #expect(throws: InputError.self) { try readTransfers("nip,name\n198503152010011002,A\n") }
        do { _ = try readTransfers("nip;nama\n") } catch let e as InputError {
            #expect(e.kind == .missingField && e.advice.contains("tanggal_sk"))
            // columns count from 1 everywhere: the header error points at the line's start
            #expect(e.location.line == 1 && e.location.column == 1 && e.description.contains(":1:1:"))
        } catch {}
        let (_, ties) = (try? TieReader.read(bytes: Array("nip,related_to,relation\n123,x,kin\n".utf8), name: "t.csv")) ?? ([], IngestReport())
        #expect(ties.rejects.map(\.column) == [1])
    }

    @Test func emptyAndHeaderOnlyFilesReadNothing() throws {
        let empty = try readTransfers("").1
        #expect(empty.recordsRead == 0)
        let headerOnly = try readTransfers("nip,name,decree_date\n").1
        #expect(headerOnly.recordsRead == 0)
    }

    @Test func directoriesAndMissingFilesAreRefused() {
        var set = TransferSet()
        #expect(throws: InputError.self) { try TransferReader.read(path: "/tmp", into: &set) }
        #expect(throws: InputError.self) { try TransferReader.read(path: "/no/such/file.csv", into: &set) }
    }

    @Test func invalidUTF8AndNULBytesNeverCrash() throws {
        var bytes = Array("nip,name,decree_date\n198503152010011002,".utf8)
        bytes += [0x4A, 0xF6, 0x72, 0x67] // "Jörg" in Latin-1
        bytes += Array(",2024-01-17\n198503152010011003,Nu".utf8) + [0] + Array("ll,2024-01-17\n".utf8)
        var set = TransferSet()
        let r = try TransferReader.read(bytes: bytes, name: "latin1.csv", into: &set)
        #expect(r.recordsAccepted == 2)
        #expect(set[set.transfers[0].name] == "Jörg")
        #expect(set[set.transfers[1].name] == "Null")
        #expect(r.warnings.count == 2)
    }

    /// Text is looked up by its bytes; bytes that read as other text (a NUL removed, our own CSV's
    /// `'` before `=`, Latin-1) must still be repaired and warned about when the set already holds
    /// their raw form as text, as it can after JSON Lines or the API put it there.
    @Test func bytesThatNeedRepairAreRepairedEvenWhenTheirRawFormIsKnown() throws {
        var set = TransferSet()
        let nul = "Nu\u{0}ll", marked = "'=Dinas", plain = "Dinas Sosial"
        for s in [nul, marked, plain] { set.strings.intern(s) }
        var bytes = Array("nip,name,decree_date,to_unit\n198503152010011002,".utf8) + Array(nul.utf8)
        bytes += Array(",2024-01-17,\(marked)\n198503152010011003,Joko,2024-01-17,\(plain)\n".utf8)
        let r = try TransferReader.read(bytes: bytes, name: "known.csv", into: &set)
        #expect(r.recordsAccepted == 2 && r.warnings.count == 1)
        #expect(set[set.transfers[0].name] == "Null" && set[set.transfers[0].toUnit] == "=Dinas")
        #expect(set.transfers[1].toUnit == set.strings.lookup(plain))
        #expect(set.strings.lookup("Null") != nil && set.strings.lookup(nul) != set.strings.lookup("Null"))
    }

    @Test func aQuoteNeverClosedSwallowsNoLaterRow() throws {
        let (set, r) = try readTransfers("nip,name,decree_date\n198503152010011002,ok,2024-01-17\n198503152010011003,\"open,2024-01-17\n198503152010011004,x,2024-01-17\n198503152010011005,y,2024-01-18\n")
        #expect(set.transfers.count == 3)
        #expect(r.recordsRead == 4 && r.recordsRejected == 1 && r.rejects[0].line == 3)
        #expect(r.rejects[0].reason.contains("never closed"))
    }

    @Test func datesFarInThePastOrFutureAreRejectedNotAnalysed() throws {
        let (set, r) = try readTransfers("nip,name,decree_date,effective_date\n198503152010011002,a,0001-01-01,\n198503152010011003,b,9999-12-31,\n198503152010011004,c,21/05/10000,\n198503152010011005,d,2024-05-21,3024-05-21\n")
        #expect(set.transfers.count == 1 && set.transfers[0].effectiveDate == nil)
        #expect(r.rejects.map(\.line) == [2, 3, 4] && r.rejects.allSatisfy { $0.column == 3 })
        #expect(r.rejects[0].reason.contains("outside 1945-08-17"))
        #expect(r.warnings.contains { $0.line == 5 && $0.reason.contains("3024-05-21") })
    }

    @Test func aMalformedRowGivesBackTheLinesItsQuoteRanOver() throws {
        // the stray quote on line 3 pairs with the one on line 5: one malformed record of three lines
        let text = "nip,name,decree_date\n198503152010011002,ok,2024-01-17\n198503152010011003,\"Sri,2024-01-17\n198503152010011004,x,2024-01-17\n198503152010011005,\"y\"z,2024-01-18\n198503152010011006,w,2024-01-18\n"
        let (set, r) = try readTransfers(text)
        #expect(r.recordsRead == r.recordsAccepted + r.recordsRejected)
        #expect(r.rejects.first?.line == 3 && r.rejects.first?.reason.contains("read again") == true)
        // line 4 and line 6 are read as rows of their own; line 5 has text after a closing quote
        #expect(set.transfers.map { set[$0.name] } == ["ok", "x", "w"])
        #expect(r.rejects.map(\.line) == [3, 5])
    }

    @Test func duplicatesAcrossFilesAreMergedNotCounted() throws {
        var set = TransferSet()
        let a = "nip,name,decree_no,decree_date,region\n198503152010011002,A,SK/1,2024-01-17,Kota A\n198503152010011003,B,SK/1,2024-01-17,Kota A\n"
        let b = "nip,name,decree_no,decree_date,region,alasan\n198503152010011002,A,SK/1,2024-01-17,Kota A,rotasi rutin\n198503152010011002,A,SK/1,2024-01-17,Kota B,\n"
        var total = IngestReport()
        total.merge(try TransferReader.read(bytes: Array(a.utf8), name: "a.csv", into: &set))
        total.merge(try TransferReader.read(bytes: Array(b.utf8), name: "b.csv", into: &set))
        #expect(total.recordsRead == 4 && total.recordsAccepted == 4 && total.duplicatesMerged == 1)
        #expect(set.transfers.count == 3) // the same number in another region is another decree
        #expect(set[set.transfers[0].reason] == "rotasi rutin")
        #expect(set.files == ["a.csv", "b.csv"])
        #expect(total.warnings.first?.reason.contains("a.csv:2") == true)
    }

    @Test func jsonLines() throws {
        let text = """
        {"nip": "198503152010011002", "nama": "Budi", "tanggal_sk": "17/01/2024", "jenis": "rotasi", "extra": "x"}

        {"nip": 198503152010011003, "name": "Num", "decree_date": "2024-01-17"}
        [1, 2]
        {"nip": "198503152010011004", "name": "NoDate"}
        not json
        """
        var set = TransferSet()
        let r = try TransferReader.read(bytes: Array(text.utf8), name: "t.jsonl", into: &set)
        #expect(r.recordsRead == 5 && r.recordsAccepted == 1 && r.blankRowsSkipped == 1)
        #expect(r.rejects.map(\.line) == [3, 4, 5, 6])
        #expect(r.rejects[0].reason.contains("JSON number"))
        #expect(set.transfers[0].kind == .mutation)
        #expect(set.attributes(of: set.transfers[0]).map(\.key) == ["extra"])
    }

    /// JSON Lines rows are laid out one by one in the same buffer: a value at the same place with
    /// the same length as the row above's is still read for what it is.
    @Test func jsonLinesRowsLaidOutInTheSameBufferKeepTheirOwnValues() throws {
        let text = """
        {"nip": "198503152010011002", "name": "Siti", "decree_date": "2024-01-17", "region": "Kab A"}
        {"nip": "198503152010011003", "name": "Joko", "decree_date": "2024-01-17", "region": "Kab B"}
        """
        var set = TransferSet()
        let r = try TransferReader.read(bytes: Array(text.utf8), name: "t.jsonl", into: &set)
        #expect(r.recordsAccepted == 2)
        #expect(set.transfers.map { set[$0.name] } == ["Siti", "Joko"])
        #expect(set.transfers.map { set[$0.region] } == ["Kab A", "Kab B"])
    }

    /// The tokenizer holds 32 fields at a time before moving them on: rows of 32, 33, 64 and 75
    /// columns keep every one, in order, up to the last.
    @Test(arguments: [27, 28, 59, 70])
    func aRowWiderThanTheTokenizerHoldsKeepsEveryColumn(extraColumns: Int) throws {
        let extras = (1...extraColumns).map { "x\($0)" }
        var text = "nip,name," + extras.joined(separator: ",") + ",decree_date,kind,region\n"
        for i in 0..<3 {
            text += "19850315201001101\(i),Orang \(i)," + extras.map { "\($0)-\(i)" }.joined(separator: ",") + ",2024-01-1\(i),promosi,Kab \(i)\n"
        }
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 3 && r.recordsRejected == 0)
        try #require(set.transfers.count == 3)
        for (i, t) in set.transfers.enumerated() {
            #expect(set[t.region] == "Kab \(i)" && t.kind == .promotion && t.decreeDate.iso == "2024-01-1\(i)")
            #expect(set.attributes(of: t).map(\.value) == extras.map { "\($0)-\(i)" })
        }
    }

    /// Fields of every length from empty to three times the tokenizer's 64-byte window, quoted
    /// (with delimiters, doubled quotes and line breaks inside) or not, rows of 4 to 46 columns,
    /// each delimiter with each line end (LF, CRLF, CR), with and without one after the last row:
    /// every value reads back as written, each row on its line.
    @Test(arguments: Array(UInt64(0)..<UInt64(18)))
    func fieldsOfEveryLengthAndQuotingReadBackAsWritten(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let delimiter = [",", ";", "\t"][Int(seed % 3)]
        let lineEnd = ["\n", "\r\n", "\r"][Int(seed / 3 % 3)]
        let lastLineEnd = seed / 9 == 0
        let width = 1 + rng.nextInt(below: 43)
        let letters = Array("abcdefghij KLMNOP0123456789-./")
        var text = "nip" + delimiter + "name" + delimiter + "decree_date" + delimiter + (1...width).map { "x\($0)" }.joined(separator: delimiter) + lineEnd
        var expected: [(line: Int, values: [String])] = []
        var line = 2
        for i in 0..<60 {
            var values: [String] = [], cells: [String] = []
            var breaks = 0
            for _ in 0..<width {
                let length = rng.nextInt(below: 4) == 0 ? 0 : rng.nextInt(below: 193)
                var v = String((0..<length).map { _ in letters[rng.nextInt(below: letters.count)] })
                // a value read as text has no spaces at its ends (they are dropped when unquoted)
                while v.first == " " { v.removeFirst() }
                while v.last == " " { v.removeLast() }
                if !v.isEmpty && rng.nextInt(below: 3) == 0 {
                    let at = v.index(v.startIndex, offsetBy: rng.nextInt(below: v.count))
                    let inner = [delimiter, "\"", "\n"][rng.nextInt(below: 3)]
                    v.insert(contentsOf: inner, at: at)
                    if inner == "\n" { breaks += 1 }
                    cells.append("\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    cells.append(v)
                }
                values.append(v)
            }
            let nip = String(format: "1985031520100111%02d", i % 100)
            text += nip + delimiter + "Orang \(i)" + delimiter + "2024-01-17" + delimiter + cells.joined(separator: delimiter)
            if i < 59 || lastLineEnd { text += lineEnd }
            expected.append((line, values))
            line += 1 + breaks
        }
        let (set, r) = try readTransfers(text)
        #expect(r.recordsRead == 60 && r.recordsRejected == 0, "\(r.rejects.prefix(2))")
        try #require(set.transfers.count == 60)
        for (t, e) in zip(set.transfers, expected) {
            #expect(Int(t.line) == e.line)
            let keys = (1...width).map { "x\($0)" }
            let written = zip(keys, e.values).filter { !$0.1.isEmpty }
            #expect(set.attributes(of: t).map(\.key) == written.map(\.0), "line \(e.line)")
            #expect(set.attributes(of: t).map(\.value) == written.map(\.1), "line \(e.line)")
        }
    }

    /// A control byte is found wherever it is in a value, the last of 9 or 15 bytes too (the last
    /// eight bytes are tested with one load that overlaps the word before).
    @Test func aControlByteAtTheEndOfALongValueIsFound() throws {
        let text = "nip,name,decree_date,region\n198503152010011001,Siti Rahm\u{0},2024-01-10,Kabupaten Sinte\u{0}\n"
        let (set, r) = try readTransfers(text)
        try #require(set.transfers.count == 1)
        #expect(set[set.transfers[0].name] == "Siti Rahm" && set[set.transfers[0].region] == "Kabupaten Sinte")
        #expect(r.warnings.filter { $0.reason.contains("control characters") }.map(\.column) == [2, 4])
    }

    /// A row of exactly the tokenizer's most fields (10,000) is counted as that many columns, one
    /// of 10,001 as over the limit, and the rows after each are read as usual.
    @Test func rowsAtTheTokenizersMostFieldsAreCountedAndTheNextRowsRead() throws {
        func wide(_ fields: Int) -> String { (1...fields).map { "v\($0)" }.joined(separator: ",") + "\n" }
        let ok = { (i: Int) in "19850315201001100\(i),Orang \(i),2024-01-17,Kota A\n" }
        let text = "nip,name,decree_date,region\n" + ok(1) + wide(10_000) + ok(2) + wide(10_001) + ok(3)
        let (set, r) = try readTransfers(text)
        #expect(r.recordsAccepted == 3 && r.recordsRejected == 2)
        #expect(r.rejects.map(\.line) == [3, 5])
        #expect(r.rejects.first?.reason.hasPrefix("the row has 10000 columns, the header has 4") == true)
        #expect(r.rejects.last?.reason.hasPrefix("the row has 10001 columns, over the limit of 10000") == true)
        #expect(set.transfers.map { set[$0.name] } == ["Orang 1", "Orang 2", "Orang 3"])
    }

    /// A mapped file that ends where a page ends, its last row without a line break: reading must
    /// stop at its last byte (one more would fault), whatever the last field is.
    @Test(arguments: ["Kota A", "", "\"Kota, A\"", "\"\"", "Kota A,", "Kota A\r"])
    func aFileEndingAtAPageBoundaryIsReadToItsLastByte(lastField: String) throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let head = "nip,name,decree_date,region\n"
        var text = head
        var i = 0
        let last = "198503152010011999,Akhir,2024-01-17," + lastField
        // rows of every length up to where the last one ends the second page exactly
        while text.utf8.count + last.utf8.count < 2 * page {
            var filler = "198503152010011\(String(format: "%03d", i % 999 + 1)),Orang \(i),2024-01-17,Kota \(String(repeating: "x", count: i % 70))\n"
            let room = 2 * page - text.utf8.count - last.utf8.count
            if filler.utf8.count > room { filler = String(repeating: "\n", count: room) }
            text += filler
            i += 1
        }
        text += last
        #expect(text.utf8.count == 2 * page)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-page-end-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for cores in [1, 2] {
            var set = TransferSet()
            let r = try TransferReader.read(path: path, into: &set, cores: cores)
            #expect(r.recordsRejected == (lastField == "Kota A," ? 1 : 0), "\(r.rejects.prefix(1))")
            if lastField != "Kota A," {
                #expect(set.transfers.last.map { set[$0.name] } == "Akhir")
                #expect(set.transfers.last.map { set[$0.region] } == ["\"Kota, A\"": "Kota, A", "\"\"": "", "Kota A\r": "Kota A"][lastField] ?? lastField)
            }
        }
    }

    @Test func hostileShapesAreBounded() throws {
        let wide = "nip,name,decree_date\n" + Array(repeating: "x", count: 20_000).joined(separator: ",") + "\n198503152010011002,ok,2024-01-17\n"
        let (set, r) = try readTransfers(wide)
        #expect(r.recordsRejected == 1 && r.rejects[0].reason.contains("over the limit"))
        #expect(set.transfers.count == 1)
        let big = "nip,name,decree_date\n198503152010011002," + String(repeating: "a", count: 2 << 20) + ",2024-01-17\n"
        let (_, r2) = try readTransfers(big)
        #expect(r2.recordsRejected == 1 && r2.rejects[0].column == 2)
    }
}
