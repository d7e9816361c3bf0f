import Foundation
import Testing

/// Runs one of the repository's Python check scripts; nil when a module it needs is not installed
/// (recorded as a known issue by the caller, never a silent pass).
func runCheckScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, missingModule: Bool) {
    let (status, output) = try runProgram("/usr/bin/env", ["python3", fixtures + "/../../../scripts/" + script] + arguments)
    return (status, output, output.contains("ModuleNotFoundError") || output.contains("No module named"))
}

/// Runs a program to its end; its exit status and what it printed (stdout and stderr together).
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, output)
}
