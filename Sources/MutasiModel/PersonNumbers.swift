import MutasiSupport

/// For each transfer of a set the number of its person (0, 1, 2… in order of first appearance), and
/// the NIP of each number: lets a national analysis keep per-person data in arrays, not in
/// dictionaries of millions of NIPs. Worked out once (`TransferSet.personNumbers()`) and handed to
/// the network and its metrics.
package struct PersonNumbers: Sendable {
    package let ofTransfer: [Int32]
    package let nips: [NIP]
    package var count: Int { nips.count }
}
