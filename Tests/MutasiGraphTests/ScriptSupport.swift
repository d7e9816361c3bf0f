import Foundation
import Testing

/// Runs one of the repository's Python check scripts; nil when a module it needs is not installed
/// (recorded as a known issue by the caller, never a silent pass).
func runCheckScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, missingModule: Bool) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", fixtures + "/../../../scripts/" + script] + arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, output, output.contains("ModuleNotFoundError") || output.contains("No module named"))
}
