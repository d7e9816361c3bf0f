import Foundation

/// Text folded for matching: NFKC (fullwidth letters become ASCII), case folded, diacritics removed,
/// Cyrillic and Greek look-alike letters read as the Latin ones they imitate, and invisible format
/// characters (zero-width, bidi controls) dropped. Used for people's, offices' and regions' names.
public enum MatchText {
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
    public static func fold(_ s: String) -> String {
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
    public static func mixedScripts(_ s: String) -> [String]? {
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

/// A person's name as written in a decree's signer field or the calendar, reduced to the name:
/// titles and degrees (H., Hj., Haji, Dr., Drs., Ir., Prof., S.H., M.Si. and every S.x/M.x degree
/// written with dots) and office words (Gubernur, Bupati, Wali Kota, Pj., Plt., Pjs., Plh.,
/// Penjabat) are dropped wherever they stand, so "H. Ahmad Sulaiman, S.H.", "Ahmad Sulaiman SH" and
/// "Pj. Gubernur Drs. Ahmad Sulaiman" are one name.
public enum PersonName {
    /// Titles and degrees as words without their dots. A dotless word that could be a name is not
    /// here (a degree written `S.Kom` with its dots is caught by the dotted pattern instead).
    static let titles: Set<String> = [
        "h", "hj", "haji", "hajjah", "hajah", "dr", "drs", "dra", "ir", "prof", "kh", "drg",
        "sh", "se", "msi", "map", "mh", "mt", "ssos", "spd", "mm", "st", "skm", "skom", "mkes", "mpd", "ssi", "sip",
        "mba", "phd", "spdi", "sag", "mag", "sked", "skep", "sstp", "msc", "mkn", "mhum", "shi", "sthi",
        "mip", "mpa", "ssit", "amd", "bsc", "llm", "msp", "mtp", "mars", "spog", "sos", "ked", "kes", "kom", "hum",
    ]
    /// Office words that stand before a name in a signer field.
    static let offices: Set<String> = [
        "gubernur", "wakil", "bupati", "walikota", "pj", "plt", "pjs", "plh", "penjabat", "sementara", "pelaksana",
        "tugas", "harian", "kepala", "daerah", "wagub", "wabup", "wawali",
    ]

    /// The words of the name alone, in order (see the type's summary). A name made only of such
    /// words keeps them all: nothing else would be left to match.
    public static func words(_ s: String) -> [String] {
        let all = MatchText.words(s)
        var kept: [String] = []
        var i = 0
        while i < all.count {
            let (w, dotted) = all[i]
            let next = i + 1 < all.count ? all[i + 1].word : nil
            if w == "wali", next == "kota" { i += 2; continue }
            if titles.contains(w) || offices.contains(w) || (dotted && isDottedDegree(w)) { i += 1; continue }
            kept.append(w)
            i += 1
        }
        return kept.isEmpty ? all.map(\.word) : kept
    }

    /// A degree written with dots: S./M./D. followed by up to five letters (`s.sos`, `m.kes`, `s.ip`),
    /// or `dr` with a field (`dr.ing`).
    static func isDottedDegree(_ w: String) -> Bool {
        guard let f = w.first, w.count >= 2, w.count <= 6, w.allSatisfy({ $0.isLetter }) else { return false }
        return f == "s" || f == "m" || f == "d" || w.hasPrefix("dr")
    }

    /// The name's matching key: its words joined, so spacing ("Pangkal Pinang") does not matter.
    public static func key(_ s: String) -> String { words(s).joined() }

    /// Similarity of two names in 0...1 (1: the same key): one minus the edit distance of their keys
    /// over the longer key's length. "Achmad Sulaiman" against "Ahmad Sulaiman" is 0.93.
    public static func similarity(_ a: String, _ b: String) -> Double {
        Similarity.normalised(key(a), key(b))
    }
}

/// A region's name reduced for matching: case, punctuation and spelling of its kind folded
/// (Kab./Kabupaten, Kota/Kotamadya/Kodya, Prov./Provinsi/Propinsi), so "Kab. Tanah Merah" and
/// "KABUPATEN TANAH MERAH" are one region, while Kota Bekasi and Kabupaten Bekasi stay two.
public enum RegionName {
    static let kinds: [String: String] = [
        "kab": "kabupaten", "kabupaten": "kabupaten", "kota": "kota", "kotamadya": "kota", "kodya": "kota",
        "kot": "kota", "prov": "provinsi", "provinsi": "provinsi", "propinsi": "provinsi", "pemkab": "kabupaten",
        "pemkot": "kota", "pemprov": "provinsi",
    ]

    public static func key(_ s: String) -> String {
        var words = MatchText.words(s).map(\.word)
        if words.count > 1 {
            if words[0] == "kota", words[1] == "madya" { words.removeFirst(); words[0] = "kota" }
            if let k = kinds[words[0]] { words[0] = k }
        }
        return words.joined()
    }

    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// The region's kind from its name, when it says: `provinsi`, `kabupaten`, `kota`.
    public static func kind(_ s: String) -> String? {
        let k = key(s)
        return ["provinsi", "kabupaten", "kota"].first { k.hasPrefix($0) && k.count > $0.count }
    }
}

enum CharacterSetLite {
    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }
}

/// String similarity for near matches of names.
public enum Similarity {
    /// One minus the Levenshtein distance over the longer length, in 0...1; 1 for two empty texts.
    /// - Complexity: O(m * n) for texts of m and n characters (names: a few dozen).
    public static func normalised(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let longest = max(x.count, y.count)
        if longest == 0 { return 1 }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            cur[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        let d = x.isEmpty ? y.count : prev[y.count]
        return 1 - Double(d) / Double(longest)
    }
}
