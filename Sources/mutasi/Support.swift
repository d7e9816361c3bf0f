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
    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Transfer files (CSV, TSV, JSON Lines, .xlsx, .gz) or folders of them; several after one --transfers (a shell's data/*.csv) or --transfers repeated, all merged.",
                               valueName: "file-or-folder"))
    var transfers: [String] = []
    @Flag(help: "Read the sub-folders of a --transfers folder too.") var recursive = false
    @Option(help: ArgumentHelp("In .xlsx workbooks, read only this sheet (default: every sheet with a NIP column).", valueName: "name"))
    var sheet: String?

    func validate() throws {
        if transfers.isEmpty { throw ValidationError("Give at least one --transfers file or folder.") }
    }

    /// The files to read: folders expanded (sorted), each file once.
    func files() throws(InputError) -> [String] {
        try InputFiles.expand(transfers, recursive: recursive)
    }
}

/// Reads a ties, units or approvals file; its rejected rows go to stderr (they never vanish) and
/// a file that cannot be read at all ends the command with its message.
func readSideTable<T>(_ path: String, _ read: (String) throws(InputError) -> ([T], IngestReport)) throws -> [T] {
    let (items, report) = try reportingInputErrors { try read(path) }
    if report.recordsRejected > 0 {
        warn("note: \(path): \(report.recordsRead) rows read, \(report.recordsAccepted) accepted, \(report.recordsRejected) rejected:")
        for r in report.rejects.prefix(20) { warn("  rejected: \(r)") }
        if report.rejects.count > 20 { warn("  … \(report.rejects.count - 20) more") }
    }
    return items
}
