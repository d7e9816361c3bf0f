import Foundation
@_spi(Inlining) import MutasiSupport
import MutasiModel

/// One NIP should carry one person's name. Two different names on one NIP are a typing error, or
/// two people whose NIPs a spreadsheet rounded to the same number (then their careers are merged
/// into one): either way a person's history is wrong, so each such row is warned about.
///
/// Names are compared without titles and degrees, case and punctuation ("Drs. Hendra Kusuma" and
/// "HENDRA KUSUMA, M.Si." are one name), so that a degree earned between two decrees is no warning.
enum NameConsistency {
    /// Honorifics, titles and degrees written around Indonesian names, as letters only.
    static let titles: Set<String> = [
        "h", "hj", "haji", "hajjah", "hajah", "kh", "dr", "drs", "dra", "drg", "ir", "prof", "tn", "ny", "nn", "sdr", "sdri", "bpk", "ibu",
        "sh", "se", "sp", "spd", "spdi", "spsi", "sos", "ssos", "sip", "sag", "sthi", "shi", "sei", "sst", "sstp", "sttp", "st", "si", "ssi", "skom",
        "skm", "sked", "skep", "sfarm", "sgz", "stp", "spt", "shut", "sik", "sap", "sab", "sak", "ak", "amd", "ama", "amk", "amkeb", "ns", "apt",
        "mh", "msi", "map", "mm", "mpd", "mpdi", "mkes", "mt", "mag", "msc", "ma", "mba", "mhum", "mkom", "mak", "mse", "mec", "mep", "mkn",
        "ba", "bsc", "phd", "ipu", "cpa", "sppd", "spog", "spa", "sppk", "mars", "ssit", "sipem", "mipa", "gelar",
    ]

    /// The name's words without titles and degrees, lower-cased, sorted, as one key.
    static func key(_ name: String) -> String {
        var words: [String] = []
        // a degree written "S.H." or "M.Si." is one word once its dots go; words end at spaces and commas
        for part in name.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            let letters = String(part.unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
            if letters.isEmpty || titles.contains(letters) { continue }
            words.append(letters)
        }
        return words.sorted().joined(separator: " ")
    }

    /// A warning for each accepted row whose NIP carried another name on an earlier row (in
    /// reading order), at that row's name column; the first name seen is quoted as the other.
    /// - Parameter columns: the files' header mappings, for the name column of each file.
    /// - Complexity: O(rows) with one key made per distinct name. A national file's NIPs are split
    ///   among the cores by their hash (a NIP's rows all fall to one core, so each core sees every
    ///   row of its NIPs in reading order), and the warnings are merged back into reading order.
    /// - Parameter shares: how many ways to split the NIPs (tests); by default one for each core
    ///   when the set has a million rows or more, else one.
    static func warnings(_ set: TransferSet, columns: [ColumnMapping], shares: Int? = nil) -> [RowIssue] {
        var columnOf: [String: Int] = [:]
        for m in columns { if let c = m.columns.first(where: { $0.field == "name" }) { columnOf[m.file] = c.column } }
        let nameColumn = columnOf, shares = max(1, shares ?? (set.transfers.count >= 1 << 20 ? Cores.available : 1))
        let found = Slots<[(row: Int, issue: RowIssue)]>(count: shares, initial: [])
        DispatchQueue.concurrentPerform(iterations: shares) { k in
            found.set(k, warnings(set, share: k, of: shares, nameColumn: nameColumn))
        }
        // each share's in reading order; rows are told once, so their indexes never tie
        return (0..<shares).flatMap(found.take).sorted { $0.row < $1.row }.map(\.issue)
    }

    /// The warnings for the rows whose NIP's share (of `shares`) is `share`, with their row indexes.
    private static func warnings(_ set: TransferSet, share: Int, of shares: Int, nameColumn: [String: Int]) -> [(row: Int, issue: RowIssue)] {
        // the keys of the names met on a NIP with another name: few
        var keyOf: [Symbol: String] = [:]
        func nameKey(_ s: Symbol) -> String {
            if let k = keyOf[s] { return k }
            let k = key(set[s])
            keyOf[s] = k
            return k
        }
        @inline(__always) func mine(_ nip: NIP) -> Bool {
            shares == 1 || Int(truncatingIfNeeded: FastHash.word(nip.value) >> 40) % shares == share
        }
        // NIP -> the first name on it, by the NIP's number: one probe a row (a dictionary of a
        // million NIPs was a tenth of a 1 M-row read)
        var nips = KeyNumbering(capacity: set.transfers.count / 2 / shares)
        var names: [Symbol] = []
        var warned = Set<[UInt32]>()
        var out: [(row: Int, issue: RowIssue)] = []
        let ahead = KeyNumbering.prefetchDistance, pays = nips.prefetchPays, rows = set.transfers
        for (i, t) in rows.enumerated() where !t.name.isEmpty {
            if pays, i + ahead < rows.count, case let nip = rows[i + ahead].nip, mine(nip) { nips.prefetch(nip.value) }
            guard mine(t.nip) else { continue }
            let n = Int(nips.number(t.nip.value))
            if n == names.count { names.append(t.name); continue }
            let firstName = names[n]
            guard firstName != t.name, nameKey(firstName) != nameKey(t.name) else { continue }
            let file = set.files[Int(t.fileIndex)]
            // each row is told; the message once for each pair of names and file line
            guard warned.insert([UInt32(t.fileIndex), t.line, t.name.id]).inserted else { continue }
            out.append((i, RowIssue(file: file, line: Int(t.line), column: nameColumn[file] ?? 1,
                                    reason: "NIP \(t.nip) carries the name '\(set[t.name])' here and '\(set[firstName])' on an earlier row: a typing error, or two people whose NIPs a spreadsheet made one")))
        }
        return out
    }
}
