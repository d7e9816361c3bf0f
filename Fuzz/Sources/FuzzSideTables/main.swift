import MutasiGraph

/// Any bytes as a ties, units or approvals file: must read or throw an InputError, never crash, and
/// every row read must be accepted or rejected.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let (ties, r) = try? TieReader.read(bytes: bytes, name: "ties.csv") {
        precondition(r.recordsRead == r.recordsAccepted + r.recordsRejected && ties.count == r.recordsAccepted, "ties: counts do not add up")
    }
    if let (units, r) = try? UnitReader.read(bytes: bytes, name: "units.csv") {
        precondition(r.recordsRead == r.recordsAccepted + r.recordsRejected && units.count == r.recordsAccepted, "units: counts do not add up")
    }
    if let (approvals, r) = try? ApprovalReader.read(bytes: bytes, name: "approvals.csv") {
        precondition(r.recordsRead == r.recordsAccepted + r.recordsRejected && approvals.count == r.recordsAccepted, "approvals: counts do not add up")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ cb: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable target's entry point as `<Target>_main`; hand over to libFuzzer.
@_cdecl("FuzzSideTables_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { fuzzOne($0, $1) }
}
