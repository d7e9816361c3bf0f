import Foundation
import ZIPFoundation

/// Writes small `.xlsx` workbooks for the tests, the way Excel lays them out: shared strings,
/// inline strings, numbers, and dates as serials in a date style, in the 1900 or 1904 system.
struct TestWorkbook {
    enum Cell {
        case text(String)
        case inline(String)
        case number(String)
        /// An Excel date serial in a `dd/mm/yyyy` style.
        case date(Double)
        case empty
    }

    var sheets: [(name: String, rows: [[Cell]])] = []
    var date1904 = false

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func letters(_ c: Int) -> String {
        var n = c + 1, s = ""
        while n > 0 { s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s; n = (n - 1) / 26 }
        return s
    }

    func parts() -> [(String, String)] {
        var shared: [String] = [], index: [String: Int] = [:]
        var out: [(String, String)] = []
        out.append(("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """))
        out.append(("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """))
        var wb = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        wb += date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>"
        wb += "<sheets>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, s) in sheets.enumerated() {
            wb += "<sheet name=\"\(TestWorkbook.escape(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, row) in s.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = "\(TestWorkbook.letters(c))\(r + 1)"
                    switch cell {
                    case .text(let t):
                        let k = index[t] ?? shared.count
                        if k == shared.count { shared.append(t); index[t] = k }
                        xml += "<c r=\"\(ref)\" t=\"s\"><v>\(k)</v></c>"
                    case .inline(let t): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(TestWorkbook.escape(t))</t></is></c>"
                    case .number(let n): xml += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                    case .date(let d): xml += "<c r=\"\(ref)\" s=\"1\"><v>\(d)</v></c>"
                    case .empty: break
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            out.append(("xl/worksheets/sheet\(i + 1).xml", xml))
        }
        wb += "</sheets></workbook>"
        rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        out.append(("xl/workbook.xml", wb))
        out.append(("xl/_rels/workbook.xml.rels", rels))
        out.append(("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
        """))
        var ss = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(shared.count)\" uniqueCount=\"\(shared.count)\">"
        for t in shared { ss += "<si><t>\(TestWorkbook.escape(t))</t></si>" }
        ss += "</sst>"
        out.append(("xl/sharedStrings.xml", ss))
        return out
    }

    func write(to path: String) throws {
        try TestWorkbook.write(parts().map { ($0.0, Data($0.1.utf8)) }, to: path)
    }

    /// Writes parts as they are (a test may have damaged them).
    static func write(_ parts: [(String, Data)], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
    }
}
