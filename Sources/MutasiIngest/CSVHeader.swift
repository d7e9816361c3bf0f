import MutasiSupport

/// The header line of a CSV file and the tokenizer positioned after it.
struct Header {
    let map: HeaderMap
    let names: [String]
    let tokenizer: CSVTokenizer
    let line: Int

    /// Nil for an empty file (no header: nothing to read, not an error).
    init?(_ bytes: UnsafeBufferPointer<UInt8>, file: String, schema: TableSchema) throws(InputError) {
        var start = TransferReader.bomLength(bytes)
        var line = 1
        // skip blank lines before the header
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
            if bytes[start] == 0x0A || !(start + 1 < bytes.count && bytes[start + 1] == 0x0A) { line += 1 }
            start += 1
        }
        guard start < bytes.count else { return nil }
        let delimiter = CSVTokenizer.detectDelimiter(bytes, from: start)
        var tok = CSVTokenizer(bytes: bytes, delimiter: delimiter, start: start, line: line)
        guard let first = tok.next() else { return nil }
        switch first {
        case .unterminatedQuote(let l, _, let c):
            throw InputError(.malformed, at: SourceLocation(file: file, line: l, column: c),
                             "the header line opens a quote that is never closed", advice: "Fix the header line.")
        case let .row(l, count, longest):
            guard count <= 1000, longest <= 4096 else {
                throw InputError(.tooLarge, at: SourceLocation(file: file, line: l, column: 1),
                                 "the header has \(count) columns or a name of \(longest) bytes: this is not a \(schema.what) header",
                                 advice: "Check that this is the right file.")
            }
            var names: [String] = []
            for f in tok.fields {
                let (s, _) = TextDecoding.decode(UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]))
                names.append(s)
            }
            self.names = names
            self.line = l
            map = try HeaderMap(headers: names, schema: schema, file: file, line: l)
        }
        tokenizer = tok
    }
}
