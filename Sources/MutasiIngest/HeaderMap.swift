import MutasiSupport

/// An accepted header: for each schema column, the file column it is in (or nil), and the extra
/// columns kept as attributes.
struct HeaderMap {
    /// schema column -> 0-based file column
    var position: [Int?]
    /// (file column, header text) of columns the schema does not know
    var extras: [(Int, String)]
    var width: Int

    init(headers: [String], schema: TableSchema, file: String, line: Int) throws(InputError) {
        position = Array(repeating: nil, count: schema.columns.count)
        extras = []
        width = headers.count
        for (i, h) in headers.enumerated() {
            let name = h.trimmed
            if let s = schema.index(of: name) {
                if let first = position[s] {
                    throw InputError(.malformed, at: SourceLocation(file: file, line: line, column: i + 1),
                                     "columns \(first + 1) ('\(headers[first].trimmed)') and \(i + 1) ('\(name)') both mean \(schema.columns[s].name)",
                                     advice: "Remove or rename one of them.")
                }
                position[s] = i
            } else if !name.isEmpty {
                extras.append((i, name))
            }
        }
        for (s, c) in schema.columns.enumerated() where c.required && position[s] == nil {
            let names = ([c.name] + c.aliases).joined(separator: ", ")
            // the header line's start: columns count from 1, and the missing one has no place yet
            throw InputError(.missingField, at: SourceLocation(file: file, line: line, column: 1),
                             "the \(schema.what) has no \(c.name) column (header: \(HeaderMap.shown(headers)))",
                             advice: "Add a column named one of: \(names).")
        }
    }

    /// A header as a message quotes it: each name trimmed, at most 12 of them and 60 characters
    /// each (a binary file read as text has no header worth quoting whole).
    static func shown(_ headers: [String]) -> String {
        let names = headers.prefix(12).map { h -> String in
            let t = h.trimmed
            return t.count > 60 ? String(t.prefix(60)) + "…" : t
        }
        return names.joined(separator: ", ") + (headers.count > 12 ? ", … (\(headers.count) columns)" : "")
    }

    /// Header text to field, for `validate --show-mapping` and the report's methods.
    func mapping(headers: [String], schema: TableSchema, file: String, line: Int, costs: [(field: Int, cost: String)]) -> ColumnMapping {
        var columns: [ColumnMapping.Column] = []
        var fieldOf = [Int: String]()
        for (s, p) in position.enumerated() { if let p { fieldOf[p] = schema.columns[s].name } }
        for (i, h) in headers.enumerated() {
            let name = h.trimmed
            if name.isEmpty && fieldOf[i] == nil { continue }
            columns.append(.init(column: i + 1, header: name, field: fieldOf[i], knownExtra: fieldOf[i] == nil && schema.isKnownExtra(name)))
        }
        let missing = costs.filter { position[$0.field] == nil }.map { c in
            let col = schema.columns[c.field]
            return "no \(col.name) column (\(([col.name] + col.aliases.prefix(4)).joined(separator: ", ")), …): \(c.cost)"
        }
        return ColumnMapping(file: file, line: line, columns: columns, missing: missing)
    }
}

enum HeaderMapPlaceholder {
    /// A header map in which schema column i is file column i.
    static func all(_ schema: TableSchema) -> HeaderMap {
        // the names themselves always map, so this cannot throw
        (try? HeaderMap(headers: schema.columns.map(\.name), schema: schema, file: "", line: 0))!
    }
}
