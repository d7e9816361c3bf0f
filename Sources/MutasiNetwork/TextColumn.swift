import MutasiSupport
import MutasiModel

/// A column of texts stored as ids into a shared table and list: what a network's nodes and edges
/// carry (labels, home units, decree numbers, relations), read like an array of strings.
public struct TextColumn: RandomAccessCollection, Sendable {
    private let ids: [UInt32]
    /// Ids below its count are its symbols; those past it index `texts`.
    private let strings: StringTable
    private let texts: [String]

    init(ids: [UInt32] = [], strings: StringTable = StringTable(), texts: [String] = []) {
        self.ids = ids; self.strings = strings; self.texts = texts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }
    public subscript(i: Int) -> String {
        let id = Int(ids[i])
        return id < strings.count ? strings[Symbol(id: UInt32(id))] : texts[id - strings.count]
    }
}
