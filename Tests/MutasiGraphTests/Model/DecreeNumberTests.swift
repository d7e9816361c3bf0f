import Testing
@testable import MutasiModel
@testable import MutasiSupport

@Suite struct DecreeNumberTests {
    /// A file where every row is a decree of its own fills the index past the room it starts with
    /// (a decree per two rows): the numbers stay those of first appearance, through the growth.
    @Test func everyRowItsOwnDecreeIsNumberedInOrderThroughGrowth() {
        var set = TransferSet()
        let region = set.strings.intern("Kota A")
        let rows = 5_000
        for i in 0..<rows {
            let number = set.strings.intern("SK/\(i % (rows / 2 + 7))/\(i)")
            set.transfers.append(Transfer(nip: NIP(value: 198_503_152_010_011_000 + UInt64(i)), decreeNo: number,
                                          decreeDate: Day(daysSinceEpoch: 19_000), kind: .mutation, region: region))
        }
        // and one row more of the first decree: found again, not numbered anew
        set.transfers.append(set.transfers[0])
        let (of, count) = set.decreeNumbers()
        #expect(count == rows)
        #expect(of == (0..<rows).map(Int32.init) + [0])
    }
}
