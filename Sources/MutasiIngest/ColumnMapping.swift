/// How one file's header was read: each column's header text and the field it feeds (nil: kept
/// as an extra column only), and the optional fields it lacks, with what that costs.
public struct ColumnMapping: Sendable, Codable, Equatable {
    public struct Column: Sendable, Codable, Equatable {
        /// From 1.
        public var column: Int
        public var header: String
        /// The field it is read as (`signed_by`, `to_unit`, ...); nil when no field: kept as an
        /// extra column (an attribute) and used by no check.
        public var field: String?
        /// An extra column the tool knows (Golongan, Pangkat), as opposed to one it does not.
        public var knownExtra: Bool

        package init(column: Int, header: String, field: String?, knownExtra: Bool = false) {
            self.column = column; self.header = header; self.field = field; self.knownExtra = knownExtra
        }
    }

    public var file: String
    /// The header's line (1 for most files; a sheet's row for a workbook).
    public var line: Int
    public var columns: [Column]
    /// Optional fields no column feeds, each with what is lost without it.
    public var missing: [String]

    package init(file: String, line: Int, columns: [Column], missing: [String]) {
        self.file = file; self.line = line; self.columns = columns; self.missing = missing
    }

    /// The columns read as no field.
    package var unmapped: [Column] { columns.filter { $0.field == nil } }
}
