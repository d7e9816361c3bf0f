import ArgumentParser
import Foundation
import MutasiGraph

/// Writes to standard error: progress and diagnostics never mix with the output on stdout.
func warn(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Output for stdout or a file, written whole.
func emit(_ text: String, to path: String?) throws {
    try emit(Data(text.utf8), to: path)
}

func emit(_ data: Data, to path: String?) throws {
    if let path {
        try OutputFile.write(data, to: path)
    } else {
        FileHandle.standardOutput.write(data)
    }
}

/// Runs a library call; an `InputError` becomes a located message and exit code 2 instead of a trace.
func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as InputError {
        warn("error: \(e)")
        throw ExitCode(2)
    }
}

enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The inputs most commands read.
struct TransferInputs: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A transfer file (CSV or JSON Lines); repeat to merge several.", valueName: "file"))
    var transfers: [String] = []

    func validate() throws {
        if transfers.isEmpty { throw ValidationError("Give at least one --transfers file.") }
    }
}
