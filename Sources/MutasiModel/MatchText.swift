import Foundation

/// Text folded for matching: NFKC (fullwidth letters become ASCII), case folded, diacritics removed,
/// Cyrillic and Greek look-alike letters read as the Latin ones they imitate, and invisible format
/// characters (zero-width, bidi controls) dropped. Used for people's, offices' and regions' names.
package enum MatchText {
    /// Lower-case Cyrillic and Greek letters that look like Latin letters, and the letter they pass for.
    /// A signer typed as "Ahmad Sulаiman" with U+0430 must still be the head "Ahmad Sulaiman".
    static let confusables: [UInt32: Character] = [
        // Cyrillic
        0x0430: "a", 0x0432: "b", 0x0435: "e", 0x0456: "i", 0x0458: "j", 0x043A: "k", 0x043C: "m", 0x043D: "h",
        0x043E: "o", 0x0440: "p", 0x0441: "c", 0x0455: "s", 0x0442: "t", 0x0443: "y", 0x0445: "x", 0x0451: "e",
        0x04CF: "l", 0x0501: "d", 0x051B: "q", 0x051D: "w", 0x0457: "i",
        // Greek
        0x03B1: "a", 0x03B2: "b", 0x03B5: "e", 0x03B9: "i", 0x03BA: "k", 0x03BD: "v", 0x03BF: "o", 0x03C1: "p",
        0x03C4: "t", 0x03C5: "u", 0x03C7: "x", 0x03B7: "n", 0x03B6: "z", 0x03BC: "u",
    ]

    /// The folded form (see the type's summary); letters, digits and the separators kept as they are.
    package static func fold(_ s: String) -> String {
        // ASCII text folds to its lower case: normalisation, confusables, format characters and
        // diacritics are all outside ASCII, and Foundation's passes cost microseconds a call
        // (region names are folded for every legal flag and picture)
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        let nfkc = s.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for u in nfkc.unicodeScalars {
            if let c = confusables[u.value] { out.append(contentsOf: c.unicodeScalars); continue }
            if u.properties.generalCategory == .format { continue }  // zero-width, bidi overrides
            out.append(u)
        }
        // é -> e, after the confusables (diacritic folding would not touch Cyrillic)
        return String(out).folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// The scripts of a name's letters, when it mixes Latin with Cyrillic or Greek: a warning sign
    /// of a look-alike letter typed by mistake or on purpose. Nil for a single-script name.
    package static func mixedScripts(_ s: String) -> [String]? {
        var latin = false, cyrillic = false, greek = false
        for u in s.precomposedStringWithCompatibilityMapping.unicodeScalars where u.properties.isAlphabetic {
            switch u.value {
            case 0x0041...0x024F: latin = true
            case 0x0370...0x03FF, 0x1F00...0x1FFF: greek = true
            case 0x0400...0x052F: cyrillic = true
            default: break
            }
        }
        let scripts = [latin ? "Latin" : nil, cyrillic ? "Cyrillic" : nil, greek ? "Greek" : nil].compactMap { $0 }
        return scripts.count > 1 ? scripts : nil
    }

    /// A letter or digit; ASCII is answered without Unicode's property tables (a lookup each).
    @inline(__always)
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            let v = u.value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (u.value >= 0x30 && u.value <= 0x39)
        }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }

    /// The folded text cut into words at anything that is not a letter or digit. A word written with
    /// dots inside (`s.sos.`, `m.ap`) is kept whole, without its dots, and marked: that is how academic
    /// degrees are written.
    static func words(_ s: String) -> [(word: String, dotted: Bool)] {
        var out: [(String, Bool)] = []
        var parts: [String] = [], cur = ""
        func endPart() {
            if !cur.isEmpty { parts.append(cur) }
            cur = ""
        }
        func flush(dotted: Bool) {
            endPart()
            defer { parts = [] }
            guard !parts.isEmpty else { return }
            let joined = parts.joined()
            // `s.h.` and `m.si` are one degree; `dr.h.ahmad` is titles glued to a name: its parts
            if parts.count == 1 || PersonName.titles.contains(joined) || PersonName.isDottedDegree(joined) {
                out.append((joined, dotted || parts.count > 1))
            } else {
                for p in parts { out.append((p, true)) }
            }
        }
        var dotted = false
        for u in fold(s).unicodeScalars {
            if isWordScalar(u) {
                cur.unicodeScalars.append(u)
            } else if u == "." {
                // a dot ends an abbreviation (`h.`, `drs.`); inside a degree (`s.h.`) it joins letters
                if !cur.isEmpty { dotted = true; endPart() }
            } else {
                flush(dotted: dotted)
                dotted = false
            }
        }
        flush(dotted: dotted)
        return out
    }
}
