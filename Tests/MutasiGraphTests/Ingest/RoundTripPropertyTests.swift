import Foundation
import Testing
import MutasiGraph

/// Random valid and broken transfer files from a seeded generator: nothing lost, nothing counted
/// twice, and what `TransferExport` writes reads back as the same records.
@Suite struct RoundTripPropertyTests {
    /// A generated file and the physical lines that must be rejected.
    struct Case {
        var bytes: [UInt8]
        var broken: Set<Int>
        var rows: Int
    }

    static let header = "nip,name,decree_no,decree_date,kind,from_echelon,to_echelon,to_unit,signed_by,region,catatan\n"

    /// Text with everything that breaks naive writers: quotes, delimiters, formula starts,
    /// apostrophes, line breaks, non-ASCII, a NUL.
    static func text(_ rng: inout SeededGenerator) -> [UInt8] {
        let pieces = ["Sri", "Made \"Dek\"", "=HYPERLINK(\"x\")", "+62", "-", "@sum", "'=1", "''+2", "a,b", "Ö", "Ñoño",
                      "line\nbreak", "  padded  ", "<script>", "Kepala; Dinas", "-3", "'-3", "\t tab", "\u{00}nul"]
        var s = ""
        for _ in 0..<(1 + rng.nextInt(below: 3)) { s += pieces[rng.nextInt(below: pieces.count)] + (rng.nextInt(below: 2) == 0 ? " " : "") }
        var bytes = Array(s.utf8)
        if rng.nextInt(below: 20) == 0 { bytes.append(0xE9) }  // Latin-1 é: not UTF-8
        return bytes
    }

    static func quoted(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for c in b { out.append(c); if c == UInt8(ascii: "\"") { out.append(c) } }
        out.append(UInt8(ascii: "\""))
        return out
    }

    static func nip(_ rng: inout SeededGenerator, _ i: Int) -> String {
        let year = 1960 + rng.nextInt(below: 40), month = 1 + rng.nextInt(below: 12), day = 1 + rng.nextInt(below: 28)
        return String(format: "%04d%02d%02d%04d%02d%d%03d", year, month, day, year + 22, 1 + rng.nextInt(below: 12), 1 + rng.nextInt(below: 2), i % 999 + 1)
    }

    static func generate(seed: UInt64, rows: Int) -> Case {
        var rng = SeededGenerator(seed: seed)
        var out = Array(header.utf8)
        var line = 1
        var broken = Set<Int>()
        var nips: [String] = []
        let kinds = ["mutasi", "promosi", "demosi", "non-job", "", "Rotasi"]
        let echelons = ["II.a", "III.b", "JPT Pratama", "Administrator", "Pengawas", "", "pelaksana", "IV.a"]
        for i in 0..<rows {
            line += 1
            let start = line
            // a duplicate of an earlier person in the same decree now and then (merged, not lost)
            let person = !nips.isEmpty && rng.nextInt(below: 10) == 0 ? nips[rng.nextInt(below: nips.count)] : nip(&rng, i)
            nips.append(person)
            var fields: [[UInt8]] = [
                Array(person.utf8), quoted(text(&rng)), Array("800/\(rng.nextInt(below: 5))/2024".utf8),
                Array(String(format: "%02d/%02d/2024", 1 + rng.nextInt(below: 28), 1 + rng.nextInt(below: 12)).utf8),
                Array(kinds[rng.nextInt(below: kinds.count)].utf8),
                Array(echelons[rng.nextInt(below: echelons.count)].utf8), Array(echelons[rng.nextInt(below: echelons.count)].utf8),
                quoted(text(&rng)), quoted(text(&rng)), Array((rng.nextInt(below: 2) == 0 ? "Kota A" : "Kabupaten B").utf8),
                rng.nextInt(below: 3) == 0 ? quoted(text(&rng)) : [],
            ]
            switch rng.nextInt(below: 12) {
            case 0: fields[0].removeLast(); broken.insert(start)                      // 17-digit NIP
            case 1: fields[3] = Array("31/02/2024".utf8); broken.insert(start)         // impossible date
            case 2: fields[4] = Array("naik pangkat".utf8); broken.insert(start)       // unknown kind
            case 3:                                                                     // too few columns
                // on one line: a malformed row's quoted line breaks give their lines back to be read
                // as rows (TransferReaderTests.aMalformedRowGivesBackTheLinesItsQuoteRanOver)
                fields = fields.dropLast(2).map { $0.filter { $0 != 0x0A } }
                broken.insert(start)
            case 4: fields[1] = []; broken.insert(start)                                // no name
            case 5: fields[5] = Array("eselon VII".utf8); broken.insert(start)          // unknown echelon
            default: break
            }
            var row: [UInt8] = []
            for (j, f) in fields.enumerated() { if j > 0 { row.append(UInt8(ascii: ",")) }; row += f }
            line += row.filter { $0 == 0x0A }.count
            out += row + (rng.nextInt(below: 4) == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        // half the files end in a row whose quote never closes
        if rng.nextInt(below: 2) == 0 {
            line += 1
            broken.insert(line)
            out += Array("\(nip(&rng, rows)),\"Unclosed name,800/1/2024,01/02/2024,mutasi,,,,,Kota A,\n".utf8)
            return Case(bytes: out, broken: broken, rows: rows + 1)
        }
        return Case(bytes: out, broken: broken, rows: rows)
    }

    static func records(_ set: TransferSet) -> [[String]] {
        set.transfers.map { t in
            var r = [t.nip.description, set[t.name], set[t.decreeNo], t.decreeDate.iso, t.kind.rawValue,
                     t.fromEchelon?.description ?? "", t.toEchelon?.description ?? "", set[t.toUnit], set[t.signedBy], set[t.region]]
            for a in set.attributes[Int(t.attributeStart)..<Int(t.attributeStart) + Int(t.attributeCount)] { r += [set[a.key], set[a.value]] }
            return r
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func countsAddUpAndExportReadsBackTheSameRecords(seed: UInt64) throws {
        let c = Self.generate(seed: seed, rows: 20 + Int(seed % 7) * 15)
        var set = TransferSet()
        let r = try TransferReader.read(bytes: c.bytes, name: "gen.csv", into: &set)
        #expect(r.recordsRead == c.rows)
        #expect(r.recordsRead == r.recordsAccepted + r.recordsRejected)
        #expect(r.recordsAccepted == set.transfers.count + r.duplicatesMerged)
        // every broken line rejected exactly once, and nothing else
        #expect(r.rejects.map(\.line).sorted() == c.broken.sorted(), "seed \(seed)")
        // no formula and no input text survives unmarked in the CSV export; both formats read back
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(seed)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in TransferExport.Format.allCases {
            let path = "\(dir)/out.\(format.rawValue)"
            try TransferExport.write(set, to: path, format: format)
            var back = TransferSet()
            let r2 = try TransferReader.read(path: path, into: &back)
            #expect(r2.recordsRejected == 0 && r2.duplicatesMerged == 0, "\(format) seed \(seed): \(r2.rejects.prefix(3))")
            #expect(Self.records(back) == Self.records(set), "\(format) seed \(seed)")
        }
    }

    /// A file read in parts gives what one part gives: the same records in the same order, counts,
    /// rejects and warnings at the same lines, whether the parts are read on two cores at once or on
    /// one in turn. The generated files put quoted line breaks, CRLF, stray quotes and duplicates
    /// across the split points.
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func readingInPartsGivesWhatOneCoreGives(seed: UInt64) throws {
        let c = Self.generate(seed: seed, rows: 30 + Int(seed % 5) * 20)
        var one = TransferSet()
        let r1 = try TransferReader.read(bytes: c.bytes, name: "gen.csv", into: &one, parts: 1)
        for parts in [2, 3, 7] {
            for cores in [1, 2] {
                let how = "seed \(seed), \(parts) parts on \(cores) cores"
                var split = TransferSet()
                let r = try TransferReader.read(bytes: c.bytes, name: "gen.csv", into: &split, parts: parts, cores: cores)
                #expect(Self.records(split) == Self.records(one), "\(how)")
                #expect(split.transfers.map(\.line) == one.transfers.map(\.line), "\(how)")
                #expect((r.recordsRead, r.recordsAccepted, r.recordsRejected, r.duplicatesMerged, r.blankRowsSkipped)
                        == (r1.recordsRead, r1.recordsAccepted, r1.recordsRejected, r1.duplicatesMerged, r1.blankRowsSkipped), "\(how)")
                #expect(r.rejects == r1.rejects, "\(how)")
                #expect(r.warnings.map { [$0.line, $0.column] }.sorted { $0.lexicographicallyPrecedes($1) }
                        == r1.warnings.map { [$0.line, $0.column] }.sorted { $0.lexicographicallyPrecedes($1) }, "\(how)")
            }
        }
    }

    /// A file read from disk in parts gives each part's pages back as soon as it is read; a part
    /// whose guessed start fell inside a quoted line break (every row here has one) is read again
    /// from the file. The records and lines are still those of one core.
    /// Line ends: LF, or CRLF with a lone CR inside every fifth quoted reason (a break of its own).
    @Test(arguments: ["\n", "\r\n"])
    func aMappedFileReadInPartsGivesWhatOneCoreGives(lineEnd: String) throws {
        var text = "NIP;Nama;Nomor SK;Tanggal SK;Jenis Mutasi;Penandatangan;Daerah;Alasan" + lineEnd
        func row(_ i: Int, reason: String) -> String {
            let nip = String(format: "19%02d%02d%02d20%02d%02d1%03d", 60 + i % 30, 1 + i % 12, 1 + i % 28, i % 20, i % 701 == 0 ? 0 : 1 + i % 12, i % 999 + 1)
            return "\(nip);Pegawai \(i);SK/\(i / 7);\(1 + i % 28)/\(1 + i % 12)/2023;mutasi;Bupati \(i % 3);Kab \(i % 5);\"\(reason)\"" + lineEnd
        }
        for i in 0..<15_000 {
            text += row(i, reason: lineEnd == "\r\n" && i % 5 == 0 ? "alasan\rbaris \(i)" : "alasan\(lineEnd)baris \(i)")
            // (every 701st NIP has month 00 of appointment: a warning of its own row)
            // rows far down that repeat a person in a decree (in another part, or the same), with
            // the same or another reason, and rejects among them: their warnings and merges must
            // come out as one core's do
            if i % 997 == 0 && i >= 4_000 { text += row(i - 4_000, reason: "alasan\(lineEnd)baris \(i - 4_000)") }
            if i % 1_499 == 0 && i >= 300 { text += row(i - 300, reason: "lain") }
            if i % 1_201 == 0 { text += row(i, reason: "x").replacingOccurrences(of: "/2023;", with: "/20x3;") }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-parts-\(getpid())-\(lineEnd.utf8.count).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var one = TransferSet()
        let r1 = try TransferReader.read(path: path, into: &one, parts: 1)
        // from the loop above: 11 repeats every 997th row past 4,000 and 10 every 1,499th past
        // 300 are merged (21); every 1,201st row from 0 is broken (13 rejects); every 701st from 0
        // has month 00 (22 warnings), besides one warning for each merge
        #expect(r1.recordsAccepted == 15_000 + r1.duplicatesMerged && r1.duplicatesMerged == 21 && r1.recordsRejected == 13)
        #expect(r1.warnings.count == 21 + 22 && text.utf8.count > 1_000_000)
        for parts in [2, 5, 9] {
            for cores in [1, 2] {
                let how = "\(parts) parts on \(cores) cores"
                var split = TransferSet()
                let r = try TransferReader.read(path: path, into: &split, parts: parts, cores: cores)
                #expect(Self.records(split) == Self.records(one), "\(how)")
                #expect(split.transfers.map(\.line) == one.transfers.map(\.line), "\(how)")
                #expect(split.transfers.map { split[$0.reason] } == one.transfers.map { one[$0.reason] }, "\(how)")
                #expect((r.recordsRead, r.recordsAccepted, r.rejects) == (r1.recordsRead, r1.recordsAccepted, r1.rejects), "\(how)")
                #expect((r.duplicatesMerged, r.warnings) == (r1.duplicatesMerged, r1.warnings), "\(how)")
            }
        }
    }

    @Test func mergingFilesNeverDoubleCountsNorDrops() throws {
        let a = Self.generate(seed: 101, rows: 60), b = Self.generate(seed: 102, rows: 60)
        var separate = TransferSet()
        let ra = try TransferReader.read(bytes: a.bytes, name: "a.csv", into: &separate)
        let rb = try TransferReader.read(bytes: b.bytes, name: "b.csv", into: &separate)
        // the same file twice: every row of the second copy is a duplicate merged into the first
        var twice = TransferSet()
        let t1 = try TransferReader.read(bytes: a.bytes, name: "a.csv", into: &twice)
        let t2 = try TransferReader.read(bytes: a.bytes, name: "a-copy.csv", into: &twice)
        #expect(t2.recordsAccepted == t1.recordsAccepted && t2.duplicatesMerged == t2.recordsAccepted)
        var alone = TransferSet()
        _ = try TransferReader.read(bytes: a.bytes, name: "a.csv", into: &alone)
        #expect(twice.transfers.count == alone.transfers.count)
        #expect(ra.recordsAccepted + rb.recordsAccepted == separate.transfers.count + ra.duplicatesMerged + rb.duplicatesMerged)
    }

    @Test func neutralisingIsUndoneExactly() {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("'=+-@\t\r0123456789.ab ")
        for _ in 0..<5000 {
            let s = String((0..<rng.nextInt(below: 6)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] })
            #expect(CSVOutput.plain(CSVOutput.neutralised(s)) == s)
            let n = CSVOutput.neutralised(s)
            // a signed plain number ("-3", "+62") is data a spreadsheet reads as a number, not a formula
            let number = n.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && n.dropFirst().contains { $0.isNumber }
                && n.filter { $0 == "." }.count <= 1
            if let f = n.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), !number {
                Issue.record("formula survives: \(n.debugDescription)")
            }
        }
    }

    /// Spaces before a formula, and the fullwidth signs, are marked too (and read back exactly).
    @Test func formulasAfterSpacesAndFullwidthSignsAreNeutralised() {
        for s in ["  =HYPERLINK(\"http://x\")", " +1+cmd", "\u{FF1D}SUM(A1)", "\u{FF0B}1", " \u{FF0D}2+3", "\u{FF20}x", "\u{3000}=1+1"] {
            #expect(CSVOutput.neutralised(s) == "'" + s, "\(s.debugDescription)")
            #expect(CSVOutput.plain(CSVOutput.neutralised(s)) == s)
        }
        // in a cell the mark stays first; a cell holding quotes is quoted around it
        #expect(CSVOutput.cell("  =HYPERLINK(\"http://x\")") == "\"'  =HYPERLINK(\"\"http://x\"\")\"")
        for s in [" +1+cmd", "\u{FF1D}SUM(A1)", "\u{FF0B}1", " \u{FF0D}2+3", "\u{FF20}x", "\u{3000}=1+1"] {
            #expect(CSVOutput.cell(s) == "'" + s, "\(s.debugDescription)")
        }
        for s in ["Budi = Santoso", " 3", "-3", "ABC"] { #expect(CSVOutput.neutralised(s) == s, "\(s.debugDescription)") }
        var rng = SeededGenerator(seed: 11)
        let alphabet = Array("' =+\u{FF1D}\u{FF0B}0123456789.ab")
        for _ in 0..<3000 {
            let s = String((0..<rng.nextInt(below: 6)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] })
            #expect(CSVOutput.plain(CSVOutput.neutralised(s)) == s)
        }
    }
}
