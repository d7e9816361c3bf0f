import Foundation

/// A person's name as written in a decree's signer field or the calendar, reduced to the name:
/// titles and degrees (H., Hj., Haji, Dr., Drs., Ir., Prof., S.H., M.Si. and every S.x/M.x degree
/// written with dots) and office words (Gubernur, Bupati, Wali Kota, Pj., Plt., Pjs., Plh.,
/// Penjabat) are dropped wherever they stand, so "H. Ahmad Sulaiman, S.H.", "Ahmad Sulaiman SH" and
/// "Pj. Gubernur Drs. Ahmad Sulaiman" are one name.
package enum PersonName {
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
    package static func words(_ s: String) -> [String] {
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
    package static func key(_ s: String) -> String { words(s).joined() }

    /// Similarity of two names in 0...1 (1: the same key): one minus the edit distance of their keys
    /// over the longer key's length. "Achmad Sulaiman" against "Ahmad Sulaiman" is 0.93.
    package static func similarity(_ a: String, _ b: String) -> Double {
        Similarity.normalised(key(a), key(b))
    }
}
