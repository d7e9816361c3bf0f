import MutasiGraph

/// Any bytes as a transfer file (CSV, and JSON Lines when the first byte says so): must read or
/// throw an InputError, never crash, and the counts must add up.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for name in ["fuzz.csv", "fuzz.jsonl"] {
        var set = TransferSet()
        guard let r = try? TransferReader.read(bytes: bytes, name: name, into: &set) else { continue }
        precondition(r.recordsRead == r.recordsAccepted + r.recordsRejected, "counts do not add up")
        precondition(r.recordsAccepted == set.transfers.count + r.duplicatesMerged, "accepted rows lost")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzTransfers_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { fuzzOne($0, $1) }
}
