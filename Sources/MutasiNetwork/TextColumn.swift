import MutasiSupport
import MutasiModel

/// A column of texts stored as ids into a shared table and list: what a network's nodes and edges
/// carry (labels, home units, decree numbers, relations), read like an array of strings.
public struct TextColumn: RandomAccessCollection, Sendable {
    /// An id for every row, or none when the rows are `sparse`.
    private let ids: [UInt32]
    /// The ids of the few rows that have a text, when most have none (a tie's relation, on a
    /// network of tens of millions of decree edges).
    private let sparse: [Int: UInt32]
    private let count_: Int
    /// Ids below its count are its symbols; those past it index `texts`.
    private let strings: StringTable
    private let texts: [String]

    init(ids: [UInt32] = [], strings: StringTable = StringTable(), texts: [String] = []) {
        self.ids = ids; self.sparse = [:]; self.count_ = ids.count; self.strings = strings; self.texts = texts
    }

    /// `count` rows, empty (id 0) except those in `sparse`.
    init(sparse: [Int: UInt32], count: Int, strings: StringTable, texts: [String]) {
        self.ids = []; self.sparse = sparse; self.count_ = count; self.strings = strings; self.texts = texts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count_ }
    public subscript(i: Int) -> String {
        precondition(i >= 0 && i < count_, "TextColumn index out of range")
        let id = Int(ids.isEmpty ? sparse[i] ?? 0 : ids[i])
        return id < strings.count ? strings[Symbol(id: UInt32(id))] : texts[id - strings.count]
    }
}
