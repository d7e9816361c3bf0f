/// CSV for people to open in a spreadsheet: RFC 4180 quoting, and cells that a spreadsheet would
/// run as a formula (starting, after any spaces, with `=`, `+`, `-`, `@`, their fullwidth forms, tab or
/// carriage return) prefixed with `'`, so
/// a decree number or name from a hostile file cannot become a formula (CSV injection).
///
/// A negative number such as `-3` is data, not a formula, and is left as it is.
package struct CSVOutput: Sendable {
    package private(set) var text = ""
    package let columns: [String]

    package init(columns: [String]) {
        self.columns = columns
        append(columns)
    }

    package mutating func append(_ row: [String]) {
        text += row.map(CSVOutput.cell).joined(separator: ",")
        text += "\n"
    }

    package static func cell(_ raw: String) -> String {
        let s = neutralised(raw)
        // quoted also when it begins or ends with a space: readers trim unquoted fields
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.first?.isWhitespace == true || s.last?.isWhitespace == true {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// `s` with the spreadsheet's text marker `'` in front when a spreadsheet would run it as a
    /// formula. Text that already starts with apostrophes before such a character gets one more, so
    /// that `plain(neutralised(s)) == s` for every `s`: the readers drop the marker, and an exported
    /// file reads back as the same records.
    package static func neutralised(_ s: String) -> String {
        needsMark(Substring(s)) ? "'" + s : s
    }

    /// The inverse of `neutralised`: drops one leading `'` put there to stop a formula.
    package static func plain(_ s: String) -> String {
        s.first == "'" && needsMark(s.dropFirst()) ? String(s.dropFirst()) : s
    }

    /// Spreadsheets skip leading spaces before a formula, and some read the fullwidth signs
    /// (U+FF1D `＝`, U+FF0B `＋`, U+FF0D `－`, U+FF20 `＠`) as the ASCII ones: both are marked too.
    package static func needsMark(_ s: Substring) -> Bool {
        guard let f = s.unicodeScalars.first(where: { $0 != "'" && $0 != " " && $0 != "\u{3000}" && $0 != "\u{A0}" }),
              "=+-@\t\r\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(f) else { return false }
        return !isPlainNumber(s)
    }

    package static func isPlainNumber<S: StringProtocol>(_ s: S) -> Bool {
        var digits = 0, dots = 0
        for (i, c) in s.enumerated() {
            if c.isASCII && c.isNumber { digits += 1 }
            else if c == "." { dots += 1 }
            else if (c == "-" || c == "+") && i == 0 { continue }
            else { return false }
        }
        return digits > 0 && dots <= 1
    }
}

/// Escaping for text placed in HTML and XML (SVG, GraphML, GEXF): input never becomes markup.
package enum Markup {
    /// Escapes `& < > " '` and drops control characters XML 1.0 cannot carry.
    package static func escape(_ s: String) -> String {
        // most text needs nothing: hand it back without building a copy (millions of labels in a
        // national GraphML). Bytes that might need work (markup, controls, the lead bytes of C1
        // controls and of U+FFFE/U+FFFF) send it the slow way.
        var s = s
        // over the bytes themselves (`withUTF8`): the views' iterator cost more than the check
        let clean = s.withUTF8 { bytes in
            for b in bytes {
                switch b {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xC2, 0xEF: return false
                default: if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
                }
            }
            return true
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
