import MutasiSupport

// Walking a CSV file's rows for a `RowSink`.
extension TransferReader {
    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, sink: inout S) {
        _ = scanRows(bytes, file: file, header: header, from: (header.tokenizer.position, header.tokenizer.line), until: bytes.count, sink: &sink)
    }

    /// The rows from `from` (where a row starts, and its line) that start before `until`.
    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header,
                                     from: (position: Int, line: Int), until: Int, sink: inout S) -> (position: Int, line: Int) {
        let tok = CSVTokenizer(bytes: bytes, delimiter: header.tokenizer.delimiter, start: from.position, line: from.line)
        return scanRows(bytes, file: file, width: header.map.width, tokenizer: tok, until: until, sink: &sink)
    }

    /// Walks the data rows from the tokenizer's position while rows start before `until`: blank
    /// rows are counted, rows with the wrong number of columns, an oversize field, text after a
    /// closing quote or a quote never closed are rejected with their line, and every other row goes
    /// to the sink. Returns where the next row starts, and its line.
    static func scanRows<S: RowSink>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, width: Int, tokenizer: CSVTokenizer,
                                     until: Int, sink: inout S) -> (position: Int, line: Int) {
        var tok = tokenizer
        var cursor = RowCursor(bytes: bytes)
        while tok.position < until, let record = tok.next() {
            switch record {
            case let .unterminatedQuote(line, quoteLine, column):
                sink.reject(RowIssue(file: file, line: line, column: column,
                                     reason: "a quote opened on line \(quoteLine) is never closed; the lines after line \(line) are read as rows of their own"))
                tok.rereadAfterFirstLine()
            case let .row(line, fieldCount, longest):
                // a row that is malformed as a row and whose quotes ran over line breaks gives
                // back the lines it swallowed
                func malformed(_ column: Int, _ reason: String) {
                    let lines = tok.line - line
                    sink.reject(RowIssue(file: file, line: line, column: column,
                                         reason: lines > 1 ? reason + "; a quote runs over \(lines) lines, which are read again as rows of their own" : reason))
                    if lines > 1 { tok.rereadAfterFirstLine() }
                }
                if isBlank(tok.fields, fieldCount: fieldCount, bytes) {
                    sink.blank()
                    continue
                }
                if fieldCount > CSVTokenizer.maxFields {
                    malformed(CSVTokenizer.maxFields + 1, "the row has \(fieldCount) columns, over the limit of \(CSVTokenizer.maxFields); the header has \(width)")
                    continue
                }
                if fieldCount != width {
                    malformed(min(fieldCount, width) + 1, "the row has \(fieldCount) columns, the header has \(width) (a delimiter or quote is missing or extra)")
                    continue
                }
                if longest > CSVTokenizer.maxFieldBytes {
                    let c = tok.fields.firstIndex { $0.end - $0.start == longest } ?? 0
                    malformed(c + 1, "a field of \(longest) bytes, over the limit of \(CSVTokenizer.maxFieldBytes)")
                    continue
                }
                if tok.recordHasJunk, let c = tok.fields.firstIndex(where: \.trailingJunk) {
                    malformed(c + 1, "text after the closing quote of a quoted field")
                    continue
                }
                swap(&cursor.spans, &tok.fields) // no copy: the tokenizer gets the old array back below
                sink.row(&cursor, line: line)
                swap(&cursor.spans, &tok.fields)
            }
        }
        return (tok.position, tok.line)
    }

    static func isBlank(_ fields: [FieldSpan], fieldCount: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard fieldCount <= fields.count else { return false }
        for f in fields {
            if f.quoted { return false }
            var i = f.start
            while i < f.end {
                if bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
                i += 1
            }
        }
        return true
    }
}

/// Receives the rows `TransferReader.scanRows` walks.
protocol RowSink {
    mutating func reject(_ issue: RowIssue)
    mutating func blank()
    mutating func row(_ cursor: inout RowCursor, line: Int)
}
