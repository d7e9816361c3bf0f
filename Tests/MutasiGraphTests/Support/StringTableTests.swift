import Testing
import MutasiGraph

struct StringTableTests {
    /// Texts of every length around the 8-byte words the table compares and copies by, non-ASCII
    /// among them, interned past several growths of the index: each keeps its first id, reads back
    /// the same, and is found again by lookup; texts that differ only in their last byte or length
    /// stay apart.
    @Test func everyTextKeepsItsIdThroughGrowth() {
        var table = StringTable()
        var texts: [String] = []
        for i in 0..<5_000 {
            let stem = String(repeating: "ab", count: i % 13)
            texts.append(stem + "\(i)")
            texts.append("Kepala Dinas Ñ \(i)" + String(repeating: "é", count: i % 5))
        }
        texts += ["x", "xx", "12345678", "123456789", "1234567", "12345670"]
        var ids: [Symbol] = []
        for t in texts { ids.append(table.intern(t)) }
        #expect(table.count == texts.count + 1)
        #expect(Set(ids).count == texts.count)
        for (t, id) in zip(texts, ids) {
            #expect(table[id] == t)
            #expect(table.lookup(t) == id)
            #expect(table.intern(t) == id)
        }
        #expect(table.count == texts.count + 1)
        #expect(table.lookup("123456780") == nil && table.lookup("12345678 ") == nil && table.lookup("Kepala") == nil)
        #expect(table.intern("") == .empty && table[.empty] == "" && table.lookup("") == .empty)
    }

    @Test func reservingRoomChangesNothing() {
        var table = StringTable()
        let a = table.intern("Dinas Sosial")
        table.reserveCapacity(100_000)
        #expect(table.lookup("Dinas Sosial") == a)
        #expect(table.intern("Dinas Pendidikan") == Symbol(id: 2))
        #expect(table.strings == ["", "Dinas Sosial", "Dinas Pendidikan"])
    }
}
