import MutasiModel

/// The nodes' keys (a person's NIP, `unit:…`, `signer:…`): a person's is kept as its NIP and
/// written out when asked for, so a national network does not hold millions of 18-digit strings
/// (one allocation each, in the network's build on the critical path).
package struct NodeKeys: RandomAccessCollection, Sendable {
    /// a NIP's value, or `textFlag | index` into `texts`
    private var values: [UInt64] = []
    private var texts: [String] = []
    private static let textFlag: UInt64 = 1 << 63

    init() {}

    package var startIndex: Int { 0 }
    package var endIndex: Int { values.count }
    package subscript(i: Int) -> String {
        let v = values[i]
        return v & NodeKeys.textFlag != 0 ? texts[Int(v & ~NodeKeys.textFlag)] : NIP(value: v).description
    }

    mutating func reserveCapacity(_ n: Int) { values.reserveCapacity(n) }

    mutating func append(_ nip: NIP) { values.append(nip.value) }

    mutating func append(_ text: String) {
        values.append(NodeKeys.textFlag | UInt64(texts.count))
        texts.append(text)
    }
}
