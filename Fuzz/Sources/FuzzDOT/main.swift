import MutasiGraph

/// Arbitrary names, units and decree numbers through the DOT writer: Graphviz must parse the output
/// and find one node per person and signer (no name may become DOT syntax).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
    var set = TransferSet()
    for (i, p) in parts.prefix(20).enumerated() {
        let s = set.strings.intern(p)
        set.transfers.append(Transfer(nip: NIP(value: 198001012005011000 + UInt64(i)), name: s, decreeNo: s,
                                      decreeDate: Day(iso: "2024-01-17")!, kind: .promotion, toUnit: s, signedBy: s, region: s))
    }
    let n = Network(transfers: set)
    let dot = DOTWriter().write(n)
    guard let counts = GraphvizRenderer.nodeAndEdgeCount(dot: dot) else { fatalError("Graphviz cannot read the DOT written for \(parts)") }
    let drawn = n.nodes(of: .person).count + n.nodes(of: .signer).count
    precondition(counts.nodes == drawn, "node count \(counts.nodes) != \(drawn): a name escaped its label")
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzDOT_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { fuzzOne($0, $1) }
}
