/// Where in an input file something was found. Lines are physical lines (the header is line 1),
/// columns are 1-based field numbers for tabular files and 1-based character columns otherwise.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem with one row: a reject (the row is not used) or a warning (kept, but worth a look).
public struct RowIssue: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    package init(file: String, line: Int, column: Int, reason: String) {
        self.file = file; self.line = line; self.column = column; self.reason = reason
    }

    package init(at loc: SourceLocation, reason: String) {
        self.init(file: loc.file, line: loc.line, column: loc.column, reason: reason)
    }

    /// `file:line:column: reason`; for a workbook's sheet (a file named `book.xlsx!Sheet1`), the
    /// cell as Excel shows it: `book.xlsx!Sheet1!B12: reason`.
    public var description: String {
        if let bang = file.range(of: ".xlsx!", options: .caseInsensitive), bang.upperBound < file.endIndex, column >= 1 {
            var n = column, letters = ""
            while n > 0 { letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters; n = (n - 1) / 26 }
            return "\(file)!\(letters)\(line): \(reason)"
        }
        return "\(file):\(line):\(column): \(reason)"
    }
}

/// An input that cannot be read at all (as opposed to a bad row, which is a `RowIssue`):
/// says where, what, and what to do about it.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        /// Missing, a directory, unreadable.
        case unreadable
        /// Not the format expected (no header, not YAML/JSON, wrong encoding).
        case malformed
        /// A required column or key is absent.
        case missingField
        /// Over a stated bound (field size, columns, nesting).
        case tooLarge
        /// An output that may not or cannot be written: it would go over an input, its folder is
        /// being written by another run, the disk is full.
        case unwritable
    }

    public var kind: Kind
    public var location: SourceLocation
    public var message: String
    public var advice: String

    package init(_ kind: Kind, at location: SourceLocation, _ message: String, advice: String) {
        self.kind = kind; self.location = location; self.message = message; self.advice = advice
    }

    package init(_ kind: Kind, file: String, _ message: String, advice: String) {
        self.init(kind, at: SourceLocation(file: file, line: 0, column: 0), message, advice: advice)
    }

    public var description: String {
        let loc = location.line > 0 ? "\(location)" : location.file
        return "\(loc): \(message). \(advice)"
    }
}
