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
        try reportingInputErrors {
            try writeGuard().check(file: path)
            try OutputFile.write(data, to: path)
        }
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

    /// The read stage's inputs: these transfer files (folders expanded) and the side files given.
    func inputs(elections: String? = nil, ties: String? = nil, units: String? = nil, approvals: String? = nil,
                rules: String? = nil, aliases: String? = nil, reports: String? = nil) throws -> Investigation.Inputs {
        var i = Investigation.Inputs(transfers: try reportingInputErrors { try files() }, elections: elections, ties: ties, units: units,
                                     approvals: approvals, rules: rules, aliases: aliases, reports: reports)
        i.sheet = sheet
        return i
    }
}

/// The aliases file, for the commands that read a calendar (the shared option beside --elections).
struct AliasInput: ParsableArguments {
    @Option(help: ArgumentHelp("Aliases file (CSV: kind, alias, canonical, region; kind person, region or unit) for spellings of signers, regions and units that cannot be inferred; needs --elections.", valueName: "file"))
    var aliases: String?

    /// Refuses an aliases file given without the calendar it belongs to, rather than ignoring it.
    func check(elections: String?) throws {
        if aliases != nil && elections == nil { throw ValidationError("--aliases is used with --elections; give the calendar too.") }
    }
}

/// Runs the read stage (`Investigation.read`, the one `analyze` runs) and says on standard error
/// what the side files rejected (their rows never vanish) and, unless `quiet`, what in the calendar
/// matched nothing or looks wrong. A file that cannot be read at all ends the command with its message.
func readInputs(_ inputs: Investigation.Inputs, _ p: Investigation.Parameters = .init(), quiet: Bool = false) throws -> Investigation.ReadInputs {
    let read = try reportingInputErrors { try Investigation.read(inputs, p) }
    for (file, report) in read.sideFiles where report.recordsRejected > 0 {
        warn("note: \(file): \(report.recordsRead) rows read, \(report.recordsAccepted) accepted, \(report.recordsRejected) rejected:")
        for r in report.rejects.prefix(20) { warn("  rejected: \(r)") }
        if report.rejects.count > 20 { warn("  … \(report.rejects.count - 20) more") }
    }
    for r in read.approvalRejects { warn("rejected: \(r)") }
    if !quiet {
        for w in read.calendarWarnings { warn("warning: \(w)") }
        for line in read.matching.map(matchLines) ?? [] { warn(line) }
    }
    return read
}

/// The match report as lines for a terminal: what matched nothing, near matches with their score.
func matchLines(_ r: MatchReport) -> [String] {
    var out: [String] = []
    for u in r.unmatchedRegions {
        out.append("warning: region '\(u.name)' (\(u.rows) rows) is not in the calendar" + (u.closest.map { "; closest: '\($0)' (\(u.closestScore ?? 0))" } ?? ""))
    }
    for u in r.unmatchedSigners {
        out.append("warning: signer '\(u.name)' in \(u.region) (\(u.rows) rows, \(u.firstDate ?? "?")..\(u.lastDate ?? "?")) matches no head in office" + (u.closest.map { "; closest: '\($0)' (\(u.closestScore ?? 0))" } ?? "")
                   + (u.closestScore == 1 ? ", the same name: the rows fall outside that head's term in the calendar" : ""))
    }
    for a in r.accepted {
        out.append("note: signer '\(a.name)' in \(a.region) (\(a.rows) rows) taken as '\(a.head)' by \(a.how.rawValue)" + (a.how == .near ? " (similarity \(a.score), threshold \(r.nearThreshold))" : ""))
    }
    for m in r.mixedScripts { out.append("warning: '\(m)' mixes scripts (look-alike letters folded for matching)") }
    return out
}

/// Where the pseudonymisation key comes from: a file, the environment, or (warned about) the
/// command line, where every user of the machine can read it in `ps`.
struct PseudonymKeyOptions: ParsableArguments {
    @Option(name: .customLong("key-file"), help: ArgumentHelp("A file whose first line is the pseudonymisation key (or set MUTASI_KEY).", valueName: "file"))
    var keyFile: String?
    @Option(help: ArgumentHelp("The key itself: other users see it in `ps`; prefer --key-file or MUTASI_KEY.", valueName: "key"))
    var key: String?

    /// True when a key was named on the command line (a file or the key itself).
    var given: Bool { keyFile != nil || key != nil }

    /// The key from --key-file, --key (with a warning) or MUTASI_KEY, checked; nil when there is none.
    func resolve() throws -> String? {
        if keyFile != nil && key != nil { throw ValidationError("Give the key once: --key-file or --key, not both.") }
        var k: String?
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ValidationError("Cannot read the key file \(keyFile).")
            }
            k = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        } else if let key {
            warn("warning: --key is visible to every user of this machine (ps, /proc); use --key-file FILE or MUTASI_KEY instead.")
            k = key
        } else if let env = ProcessInfo.processInfo.environment["MUTASI_KEY"] {
            k = env
        }
        guard let k else { return nil }
        do { try Pseudonymizer.check(k) } catch { throw ValidationError(error.description.prefix(1).uppercased() + error.description.dropFirst() + ".") }
        return k
    }
}

/// A command that writes files names every file it reads and every place it writes; `Mutasi.main`
/// checks each output against the inputs (`WriteGuard`) before the command does any work, and every
/// write to a file (`emit`) checks again. A command that writes without conforming stops at its
/// first write (a programming error, caught by its first test).
protocol WritesFiles {
    /// Every input file option: transfers, calendar, ties, units, approvals, rules, any other.
    var inputFiles: [String] { get }
    /// Output files (nil when the output goes to standard output).
    var outputFiles: [String?] { get }
    /// Output folders.
    var outputFolders: [String] { get }
}

extension WritesFiles {
    var outputFiles: [String?] { [] }
    var outputFolders: [String] { [] }
}

nonisolated(unsafe) private var registeredGuard: WriteGuard?

/// The guard of the running command's inputs.
func writeGuard() -> WriteGuard {
    guard let g = registeredGuard else { preconditionFailure("a command that writes files conforms to WritesFiles") }
    return g
}

/// Registers the command's inputs and refuses, with exit 2, any output that is one of them (by
/// device and inode: links, `..` and other spellings too) before the command starts.
func checkOutputs(of command: any WritesFiles) throws {
    let g = WriteGuard(inputs: command.inputFiles)
    registeredGuard = g
    try reportingInputErrors {
        for f in command.outputFiles.compactMap({ $0 }) { try g.check(file: f) }
        for d in command.outputFolders { try g.check(folder: d) }
    }
}

/// SIGINT, SIGTERM and SIGHUP stop the run cleanly: child layouts are killed and temporary folders
/// removed (`RunCleanup`), then the process exits with 128 + the signal's number. The signals are
/// blocked in every thread and taken by one thread of their own (`sigwait`), so the cleanup runs as
/// ordinary code, not inside a signal handler. Called first thing, before any thread is started.
func stopCleanlyOnSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let signals = set
    let t = Thread {
        var mine = signals, sig: Int32 = 0
        while sigwait(&mine, &sig) != 0 {}
        RunCleanup.perform()
        _exit(128 + sig)
    }
    t.stackSize = 1 << 16
    t.start()
    atexit { RunCleanup.perform() }
}

/// How many evidence pages and pictures `analyze` and `demo` write (`Investigation.EvidenceLimits`).
struct EvidenceOptions: ParsableArguments {
    /// A count or `all`.
    struct Limit: ExpressibleByArgument {
        var value: Int?
        init(_ value: Int?) { self.value = value }
        init?(argument: String) {
            if argument == "all" { value = nil } else if let n = Int(argument), n >= 0 { value = n } else { return nil }
        }
        var defaultValueDescription: String { value.map(String.init) ?? "all" }
    }

    @Option(help: ArgumentHelp("Evidence pages written at most, in the report table's order (violations first, then by date): a number or all. Decrees past it stay in the table, flags.csv and findings.json, without a page; the report and findings.json (\"evidence\") say how many.", valueName: "n|all"))
    var evidencePages = Limit(Investigation.EvidenceLimits.defaultPages)
    @Option(help: ArgumentHelp("Evidence pages with a picture of the decree at most (each is a Graphviz layout), the first ones written: a number or all.", valueName: "n|all"))
    var evidencePictures = Limit(Investigation.EvidenceLimits.defaultPictures)

    var limits: Investigation.EvidenceLimits { .init(pages: evidencePages.value, pictures: evidencePictures.value) }
}
