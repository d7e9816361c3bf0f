import Foundation

/// The columns a kind of file has: canonical names, the header names accepted for each, and which
/// are required. Header matching keeps letters and digits only, lower-cased: `No. SK`, `NO_SK`,
/// `no sk` and `NoSK` are one header.
struct TableSchema {
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
    }

    let what: String
    let columns: [Column]
    /// Headers known and kept as extra columns (attributes), not used by any check: named as such
    /// in the mapping, not as unknown.
    var knownExtras: [String] = []

    /// Letters and digits of `header`, lower-cased (so case, spaces, `_`, `-`, `.`, `/` and a BOM
    /// do not count).
    static func normalise(_ header: String) -> String {
        var out = ""
        for u in header.unicodeScalars where u.properties.isAlphabetic || u.properties.numericType == .decimal {
            out.unicodeScalars.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }

    func index(of header: String) -> Int? {
        let key = TableSchema.normalise(header)
        guard !key.isEmpty else { return nil }
        return columns.firstIndex { c in TableSchema.normalise(c.name) == key || c.aliases.contains { TableSchema.normalise($0) == key } }
    }

    func isKnownExtra(_ header: String) -> Bool {
        let key = TableSchema.normalise(header)
        return knownExtras.contains { TableSchema.normalise($0) == key }
    }
}
