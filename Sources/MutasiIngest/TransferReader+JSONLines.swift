import Foundation
import MutasiSupport
import MutasiModel

// Reading JSON Lines: each line an object whose keys are matched to the schema as a CSV header's
// names are, laid out as one row of fields for the same `RowDecoder`.
extension TransferReader {
    static func readJSONLines(_ bytes: UnsafeBufferPointer<UInt8>, file: String, decoder: inout RowDecoder) throws(InputError) {
        // Every known column is present in every JSON row (absent keys read as empty), so the
        // header is the schema itself.
        var map = HeaderMapPlaceholder.all(schema)
        decoder.setHeader(map)
        var line = 0
        var start = bomLength(bytes)
        var rowBytes: [UInt8] = []
        var notedKeys = false
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if isBlankLine(slice) { decoder.blank(); continue }
            let row: JSONRow
            switch JSONRow.read(slice, into: &rowBytes) {
            case .success(let r): row = r
            case .failure(let p):
                decoder.reject(RowIssue(file: file, line: line, column: 1, reason: p.reason))
                continue
            }
            map.extras = row.extras
            map.width = row.spans.count
            decoder.setHeader(map)
            if !notedKeys {
                // the first object's keys stand for the file's header
                notedKeys = true
                noteHeader(row.keysAsHeader(map), names: row.headerNames, file: file, line: line, report: &decoder.report)
            }
            rowBytes.withUnsafeBufferPointer { rb in
                var cursor = RowCursor(bytes: rb)
                cursor.bytesOutliveRow = false
                cursor.spans = row.spans
                decoder.row(&cursor, line: line)
            }
        }
    }

    /// Whether a line holds nothing but spaces, tabs and a carriage return.
    private static func isBlankLine(_ slice: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in slice where c != 0x20 && c != 0x09 && c != 0x0D { return false }
        return true
    }

    /// One JSON Lines object as a row of fields: its values' text laid out one after another, in
    /// schema order, then the keys the schema does not know (extra columns).
    private struct JSONRow {
        var spans: [FieldSpan]
        /// (field, key) of the keys the schema does not know
        var extras: [(Int, String)] = []
        /// The object's keys, sorted
        var keys: [String]

        /// The row of the object on `line`, its text in `rowBytes`; or why it is no row.
        static func read(_ line: UnsafeBufferPointer<UInt8>, into rowBytes: inout [UInt8]) -> Result<JSONRow, RowProblem> {
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
            } catch {
                return .failure(RowProblem("not valid JSON"))
            }
            guard let dict = object as? [String: Any] else {
                return .failure(RowProblem("a JSON Lines row must be an object {…}"))
            }
            rowBytes.removeAll(keepingCapacity: true)
            var row = JSONRow(spans: Array(repeating: FieldSpan(start: 0, end: 0, quoted: false, hasEscapedQuote: false, trailingJunk: false),
                                           count: schema.columns.count),
                              keys: dict.keys.sorted())
            var problem: String?
            for key in row.keys {
                let s = rowBytes.count
                rowBytes.append(contentsOf: text(of: dict[key]!, key: key, problem: &problem).utf8)
                let span = FieldSpan(start: s, end: rowBytes.count, quoted: true, hasEscapedQuote: false, trailingJunk: false)
                if let c = schema.index(of: key) {
                    row.spans[c] = span
                } else {
                    row.extras.append((row.spans.count, key))
                    row.spans.append(span)
                }
            }
            if let problem { return .failure(RowProblem(problem)) }
            return .success(row)
        }

        /// A value's text; a value that has none (a NIP written as a number, a list or object)
        /// sets `problem`.
        private static func text(of value: Any, key: String, problem: inout String?) -> String {
            switch value {
            case let s as String: return s
            case is NSNull: return ""
            case let n as NSNumber:
                if schema.index(of: key) == Col.nip.rawValue {
                    problem = "the NIP is a JSON number; write it as a string (\"198503152010011002\"): numbers this long lose digits"
                }
                return n.stringValue
            default:
                problem = "the value of '\(key)' is a list or object, not text"
                return ""
            }
        }

        /// The header names the keys stand for: each schema column's key ("" when absent), then
        /// the extra keys.
        var headerNames: [String] {
            var names = schema.columns.map { _ in "" }
            for key in keys { if let c = schema.index(of: key) { names[c] = key } }
            return names + extras.map(\.1)
        }

        /// `map` with the schema columns no key feeds taken out: the header `validate` shows.
        func keysAsHeader(_ map: HeaderMap) -> HeaderMap {
            var keyMap = map
            for (c, n) in headerNames.prefix(schema.columns.count).enumerated() where n.isEmpty { keyMap.position[c] = nil }
            return keyMap
        }
    }
}
