import MutasiSupport

/// Turns field bytes into text: UTF-8 when valid; otherwise Windows-1252, the usual encoding of
/// older Excel exports, with a warning. NUL and other C0 control bytes (but tab and line breaks)
/// are removed with a warning.
enum TextDecoding {
    enum Repair: UInt8 { case none = 0, windows1252 = 1, controlRemoved = 2, both = 3 }

    static func decode(_ p: UnsafeBufferPointer<UInt8>) -> (String, Repair) {
        var hasControl = false
        for c in p where c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { hasControl = true; break }
        guard hasControl else {
            return decodeText(p, control: false)
        }
        let cleaned = p.filter { !($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) }
        return cleaned.withUnsafeBufferPointer { decodeText($0, control: true) }
    }

    private static func decodeText(_ bytes: UnsafeBufferPointer<UInt8>, control: Bool) -> (String, Repair) {
        if let s = UTF8Bytes.string(bytes) {
            return (s, control ? .controlRemoved : .none)
        }
        var s = ""
        s.unicodeScalars.reserveCapacity(bytes.count)
        for c in bytes { s.unicodeScalars.append(windows1252(c)) }
        return (s, control ? .both : .windows1252)
    }

    static func windows1252(_ c: UInt8) -> Unicode.Scalar {
        if c < 0x80 || c >= 0xA0 { return Unicode.Scalar(c) }
        let table: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                               0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        return Unicode.Scalar(table[Int(c) - 0x80]) ?? "\u{FFFD}"
    }

    static func describe(_ r: Repair) -> String {
        switch r {
        case .none: return ""
        case .windows1252: return "text is not valid UTF-8; read as Windows-1252"
        case .controlRemoved: return "control characters (e.g. NUL) removed from the text"
        case .both: return "text is not valid UTF-8 (read as Windows-1252) and had control characters, removed"
        }
    }
}
