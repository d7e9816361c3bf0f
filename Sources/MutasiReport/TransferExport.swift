import Foundation
import MutasiSupport
import MutasiModel

/// Writes validated transfers back out as one canonical transfer file (`mutasi export`): English
/// headers, ISO dates, explicit kinds, one echelon label per rank, the extra columns kept.
///
/// What it writes reads back as the same records (`RoundTripPropertyTests`), so several offices'
/// files can be merged, cleaned and handed on as one file. Cells a spreadsheet would run as a
/// formula get the text marker `'` (see `CSVOutput.neutralised`), which the reader drops again.
package enum TransferExport {
    package enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// The columns, in the order written; the extra columns follow, sorted by name.
    package static let columns = ["nip", "name", "decree_no", "decree_date", "effective_date", "kind",
                                 "from_position", "from_unit", "from_echelon", "to_position", "to_unit", "to_echelon",
                                 "signed_by", "region", "approval", "reason", "source"]

    /// Writes `set` to `path` atomically (a temporary file renamed over it), in blocks, never
    /// holding the whole output. Refuses to write over one of `inputs`.
    package static func write(_ set: TransferSet, to path: String, format: Format, inputs: [String] = []) throws(InputError) {
        try WriteGuard(inputs: inputs).check(file: path)
        let extra = extraColumns(set)
        try OutputFile.stream(to: path) { out in
            switch format {
            case .csv:
                out.add((columns + extra.map { set[$0] }).map(CSVOutput.cell).joined(separator: ",") + "\n")
                for t in set.transfers {
                    out.add(values(t, in: set, extra: extra).map(CSVOutput.cell).joined(separator: ",") + "\n")
                }
            case .jsonl:
                let keys = (columns + extra.map { set[$0] }).map(json)
                for t in set.transfers {
                    var line = "{", first = true
                    for (k, v) in zip(keys, values(t, in: set, extra: extra)) where !v.isEmpty {
                        if !first { line += "," }
                        first = false
                        line += k + ":" + json(CSVOutput.neutralised(v))
                    }
                    out.add(line + "}\n")
                }
            }
        }
    }

    /// The extra columns' names, sorted.
    static func extraColumns(_ set: TransferSet) -> [Symbol] {
        var seen = Set<Symbol>()
        for a in set.attributes { seen.insert(a.key) }
        return seen.sorted { set[$0] < set[$1] }
    }

    /// One record's cells, in `columns` order and then `extra`'s.
    static func values(_ t: Transfer, in set: TransferSet, extra: [Symbol]) -> [String] {
        var row = [t.nip.description, set[t.name], set[t.decreeNo], t.decreeDate.iso, t.effectiveDate?.iso ?? "", t.kind.rawValue,
                   set[t.fromPosition], set[t.fromUnit], t.fromEchelon?.description ?? "",
                   set[t.toPosition], set[t.toUnit], t.toEchelon?.description ?? "",
                   set[t.signedBy], set[t.region], set[t.approval], set[t.reason], set[t.source]]
        if !extra.isEmpty {
            var mine: [Symbol: Symbol] = [:]
            for a in set.attributes[Int(t.attributeStart)..<Int(t.attributeStart) + Int(t.attributeCount)] { mine[a.key] = a.value }
            for k in extra { row.append(mine[k].map { set[$0] } ?? "") }
        }
        return row
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
