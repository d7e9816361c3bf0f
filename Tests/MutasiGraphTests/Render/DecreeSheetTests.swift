import Foundation
import Testing
import MutasiGraph

/// A decree of `people` people, with units of uneven size (a few big Dinas, many one-person
/// Kelurahan), long titled names and posts, and some ties: what a mass transfer looks like.
private func syntheticDecree(people: Int, number: String = "821.2/0140/BKPSDM/2024", date: String = "2024-06-03",
                     firstNIP: Int = 0) -> String {
    var text = "nip,name,decree_no,decree_date,kind,from_position,from_unit,from_echelon,to_position,to_unit,to_echelon,signed_by,region\n"
    let kinds = ["mutasi", "promosi", "mutasi", "demosi", "non-job", "mutasi"]
    for i in 0..<people {
        // unit sizes fall off: unit 0 gets a share, the last ones one person each
        let unit = i < people / 2 ? i % 5 : 5 + (i % max(1, people / 4))
        let nip = "1985031520100110" + String(format: "%02d", (firstNIP + i) % 100)
        let seq = String(format: "%03d", firstNIP + i + 1)  // sequence 000 is a spreadsheet-rounded NIP, rejected
        text += "\(nip.prefix(15))\(seq),\"Dr. Hj. Nama Panjang Orang \(i), S.Sos., M.Si.\",\(number),\(date),\(kinds[i % kinds.count]),"
        text += "Kepala Seksi Perencanaan dan Evaluasi Program,Dinas Pekerjaan Umum dan Penataan Ruang,IV.a,"
        text += "Kepala Bidang Pengelolaan Keuangan dan Aset Daerah,Unit Kerja Nomor \(unit) Kelurahan Sungai Panjang,III.b,"
        text += "\"Ir. H. Sulastri Wibowo, M.T.\",Kota Contoh\n"
    }
    return text
}

@Suite(.serialized) struct DecreeSheetTests {
    /// The measure: a decree read at A4 width. At Graphviz's default 96 dpi a 180-person
    /// decree is at most 2,400 px wide, and neither side is more than 2.5 times the other.
    @Test(arguments: [1, 20, 140, 180])
    func decreeFitsThePage(people: Int) throws {
        let (set, report) = try readTransfers(syntheticDecree(people: people))
        #expect(report.recordsAccepted == people)
        let ties = [Tie(nip: set.transfers[0].nip, relatedTo: .candidate("c1"), relation: .campaignTeam)]
        let dot = DecreeSheet.dot(set, ties: ties, calendar: nil)
        let png = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .png, timeLimit: 60)
        let (w, h) = pngSize(png)
        print("decree of \(people) people: \(w) × \(h) px")
        #expect(w <= 2_400, "\(people) people: \(w) × \(h) px")
        if people >= 20 {
            #expect(Double(w) / Double(h) <= 2.5 && Double(h) / Double(w) <= 2.5, "\(people) people: \(w) × \(h) px")
        }
        // every person is drawn, once
        for i in 0..<people { #expect(dot.components(separatedBy: "Orang \(i),").count == 2) }
    }

    /// A person's sheet: titled by name, both decrees dated, the ties of the others moved with them.
    @Test func personSheetHasDatedMovesAndEveryTie() throws {
        let text = syntheticDecree(people: 12, number: "800/1/2022", date: "2022-02-01")
            + syntheticDecree(people: 12, number: "800/9/2025", date: "2025-03-04").split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let (set, _) = try readTransfers(text)
        let me = set.transfers[0].nip, other = set.transfers[3].nip
        let ego = set.ego(of: me)
        var o = DecreeSheet.Options()
        o.focus = me
        o.title = "Dr. Hj. Nama Panjang Orang 0, S.Sos., M.Si."
        let ties = [Tie(nip: other, relatedTo: .candidate("c9"), relation: .kin)]
        let dot = DecreeSheet.dot(ego, ties: ties, calendar: nil, options: o)
        #expect(dot.contains("2022-02-01") && dot.contains("2025-03-04"))
        #expect(dot.contains("SK 800/1/2022") && dot.contains("SK 800/9/2025"))
        #expect(dot.contains("kin → c9"))
        let png = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .png, timeLimit: 60)
        let (w, h) = pngSize(png)
        #expect(w <= 2_400 && Double(h) / Double(w) <= 2.5, "\(w) × \(h)")
    }

    /// A region of `decrees` decrees of `people` people each, over several years and two signers,
    /// (or `signers`), with each decree's people in a dozen units: a region too big to draw person by person.
    static func syntheticRegion(decrees: Int, people: Int, signers: Int = 2) -> String {
        var text = "nip,name,decree_no,decree_date,kind,from_position,from_unit,to_position,to_unit,signed_by,region\n"
        let kinds = ["mutasi", "promosi", "mutasi", "demosi", "non-job"]
        var n = 0
        for d in 0..<decrees {
            let date = String(format: "%04d-%02d-%02d", 2019 + d * 6 / max(1, decrees), 1 + d % 12, 1 + d % 28)
            let signer = "Drs. H. Penandatangan \(d % signers), M.Si."
            for i in 0..<people {
                let nip = String(format: "1985%02d%02d2010011%03d", 1 + n / (28 * 999) % 12, 1 + n / 999 % 28, 1 + n % 999)
                n += 1
                text += "\(nip),Orang \(n),800/\(d)/BKPSDM,\(date),\(kinds[(i + d) % kinds.count]),Staf,Dinas Asal,"
                text += "Kepala Seksi,Dinas Tujuan Nomor \((i * 7 + d) % 12) Kabupaten Contoh,\"\(signer)\",Kabupaten Contoh\n"
            }
        }
        return text
    }

    /// Issue 28: a region's picture obeys the decree's discipline, whatever its size. Too many people
    /// to draw one by one, it becomes a summary of decrees (or of years and signers), measured here
    /// as the PNG `mutasi graph --region` writes.
    @Test(arguments: [(60, 40, 2), (400, 6, 2), (2_500, 1, 2), (2_500, 1, 400), (3, 700, 2)])
    func regionFitsThePage(decrees: Int, people: Int, signers: Int) throws {
        let (set, report) = try readTransfers(Self.syntheticRegion(decrees: decrees, people: people, signers: signers))
        #expect(report.recordsAccepted == decrees * people)
        var o = DecreeSheet.Options()
        o.title = "Kabupaten Contoh"
        let ties = [Tie(nip: set.transfers[0].nip, relatedTo: .candidate("c1"), relation: .campaignTeam)]
        let dot = DecreeSheet.dot(set, ties: ties, calendar: nil, options: o)
        let png = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .png, timeLimit: 120)
        let (w, h) = pngSize(png)
        print("region of \(decrees) × \(people) moves: \(w) × \(h) px")
        #expect(w <= 2_400, "\(w) × \(h) px")
        #expect(Double(w) / Double(h) <= 2.5 && Double(h) / Double(w) <= 2.5, "\(w) × \(h) px")
        // a summary counts everyone, and says what it left out
        #expect(dot.contains("\(decrees) decrees moving \(decrees * people) people"))
        if signers >= 400 { #expect(dot.contains("more rows (")) }
    }

    /// Names that are markup stay text.
    @Test func hostileNamesAreEscaped() throws {
        let (set, _) = try readTransfers("nip,name,decree_no,decree_date,kind,to_unit,signed_by,region\n198503152010011001,\"<b>x</b> & \"\"y\"\"\",1/2024,2024-01-17,promosi,\"<td>\",\"A>B\",Kota A\n")
        let dot = DecreeSheet.dot(set, ties: [], calendar: nil)
        #expect(!dot.contains("<b>x</b>") && dot.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg, timeLimit: 30).count > 0)
    }
}
