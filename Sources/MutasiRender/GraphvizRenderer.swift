import CGraphviz
import CPlatform
import Foundation
import MutasiSupport

/// Lays out and renders DOT in-process through libgvc (Graphviz's C library).
///
/// Graphviz is not thread-safe, not even for reads, so every C call runs under one lock with one
/// context. Every graph is closed (`agclose`) whatever happens; Graphviz's error text is captured
/// through `agseterrf` and the error state reset (`agreseterrors`) after every call, so one bad
/// graph never makes the next render fail. This is the only file that imports CGraphviz.
public enum GraphvizRenderer {
    public enum Engine: String, Sendable, CaseIterable {
        case dot, neato, fdp, sfdp
    }

    public enum Format: String, Sendable, CaseIterable {
        case svg, png, pdf
    }

    public struct RenderError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var advice: String
        public var description: String { "\(message). \(advice)" }
    }

    /// `dot` slows fast with the nodes and fails ("trouble in init_rank") past a few thousand;
    /// `sfdp` with straight edges lasts longer but takes minutes in the tens of thousands (the
    /// times: docs/benchmark-history.md, "Layout limits"). Time is not the only limit: one signer
    /// moves hundreds of people, and `dot` puts them all on one rank, a picture thousands of points wide.
    /// So the automatic choice is `dot` with unit clusters up to `dotReadable` nodes (a decree, a
    /// person, a small region), `sfdp` with straight edges up to `maxNodes`, and nothing above (minutes of layout, an unreadable picture): filter instead.
    /// `dot` chosen by hand is allowed up to `dotLimit`.
    package static let dotReadable = 200
    package static let dotLimit = 3_000
    package static let maxNodes = 20_000

    /// The engine for a graph of `nodes` nodes, or an error advising a filter.
    package static func automaticEngine(nodes: Int) throws(RenderError) -> Engine {
        if nodes <= dotReadable { return .dot }
        if nodes <= maxNodes { return .sfdp }
        throw RenderError(message: "a picture of \(nodes) nodes would take minutes to lay out and be unreadable",
                          advice: "Draw a part of it: --region, --person or --decree, or export GraphML/GEXF for Gephi")
    }

    /// Edges count as much as nodes for the force-directed engines: above this many, refuse too.
    package static let maxEdges = 100_000

    /// Renders with a time limit: the layout runs in a child `dot -K<engine>` process (from the same
    /// Graphviz package), which is killed at the deadline, because a layout in-process cannot be
    /// stopped. Without a `dot` executable on the PATH it renders in-process with the size guards only.
    ///
    /// The child runs in a process group of its own and dies with this process, even on `kill -9`
    /// (`mutasi_spawn_guarded`: `PR_SET_PDEATHSIG`); its files (the DOT holds every name) are in a
    /// mode-0700 folder inside the run's temporary folder (`RunCleanup`), removed afterwards and
    /// on SIGINT or SIGTERM.
    public static func render(dot: String, engine: Engine = .dot, format: Format = .svg, timeLimit: Double) throws(RenderError) -> Data {
        guard let exe = executable("dot") else { return try render(dot: dot, engine: engine, format: format) }
        let dir: String
        do {
            dir = try RunCleanup.runFolder() + "/render-\(UUID().uuidString)"
            guard mkdir(dir, 0o700) == 0 else { throw WriteFailure.error(errno, file: dir, written: 0) }
            RunCleanup.register(path: dir)
            try OutputFile.write(dot, to: dir + "/in.dot")
        } catch {
            throw RenderError(message: "could not write a temporary file for Graphviz: \(error)", advice: "Check that \(RunCleanup.temporaryBase) is writable")
        }
        defer {
            RunCleanup.removeTree(dir)
            RunCleanup.unregister(path: dir)
        }
        let arguments = [exe, "-K\(engine.rawValue)", "-T\(format.rawValue)", "-o", dir + "/out", dir + "/in.dot"]
        // stderr to a file, not a pipe: a pipe nobody reads fills at 64 KiB of warnings and stalls
        // dot until the deadline, which would be reported as a slow layout
        let errPath = dir + "/err"
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let pid = mutasi_spawn_guarded(exe, &argv, errPath)
        guard pid > 0 else { return try render(dot: dot, engine: engine, format: format) }
        RunCleanup.register(group: pid)
        defer { RunCleanup.unregister(group: pid) }
        let deadline = Date().addingTimeInterval(timeLimit)
        var status: Int32 = 0
        var finished = false
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { finished = true; break }
            usleep(20_000)
        }
        if !finished {
            kill(-pid, SIGTERM)
            let grace = Date().addingTimeInterval(2)
            while waitpid(pid, &status, WNOHANG) == 0 && Date() < grace { usleep(20_000) }
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw RenderError(message: "the \(engine.rawValue) layout was stopped after \(String(format: "%g", timeLimit)) s",
                              advice: "Draw a smaller part (--region, --person, --decree), try another engine, or export GraphML/GEXF for Gephi")
        }
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let err = String(decoding: (FileManager.default.contents(atPath: errPath) ?? Data()).prefix(4096), as: UTF8.self)
        guard exited, code == 0, let data = FileManager.default.contents(atPath: dir + "/out") else {
            throw RenderError(message: "Graphviz layout with \(engine.rawValue) failed: \(clean(err, or: "exit status \(code)"))",
                              advice: "Try another engine (--engine sfdp) or draw a smaller part of the network")
        }
        return data
    }

    static func executable(_ name: String) -> String? {
        for d in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var context: OpaquePointer?
    nonisolated(unsafe) private static var messages = ""

    /// Renders `dot` with `engine` into `format`. Serialised: concurrent callers wait their turn.
    public static func render(dot: String, engine: Engine = .dot, format: Format = .svg) throws(RenderError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        if context == nil { context = gvContext() }
        guard let gvc = context else {
            throw RenderError(message: "Graphviz could not start (gvContext failed)", advice: "Reinstall libgraphviz (scripts/setup.sh)")
        }
        messages = ""
        _ = agseterr(AGWARN)
        _ = agseterrf { text in
            if let text { GraphvizRenderer.messages += String(cString: text) }
            return 0
        }
        defer {
            _ = agreseterrors()
            _ = agseterrf(nil)
        }
        guard let g = agmemread(dot) else {
            throw RenderError(message: "Graphviz could not read the graph: \(clean(messages, or: "syntax error"))",
                              advice: "This is a bug in the DOT given to it; report it with the input")
        }
        defer { agclose(g) }
        guard gvLayout(gvc, g, engine.rawValue) == 0 else {
            throw RenderError(message: "Graphviz layout with \(engine.rawValue) failed: \(clean(messages, or: "no message"))",
                              advice: "Try another engine (--engine sfdp) or draw a smaller part of the network")
        }
        defer { gvFreeLayout(gvc, g) }
        var result: UnsafeMutablePointer<CChar>?
        var length = RenderLength()
        guard gvRenderData(gvc, g, format.rawValue, &result, &length) == 0, let result else {
            throw RenderError(message: "Graphviz could not render \(format.rawValue): \(clean(messages, or: "no message"))",
                              advice: "Check that Graphviz was built with this format (dot -T\(format.rawValue))")
        }
        defer { gvFreeRenderData(result) }
        return Data(bytes: result, count: Int(length))
    }

    /// `gvRenderData`'s length is `unsigned int*` in Graphviz 2.43 and `size_t*` from 13.x on;
    /// the one place that knows.
    typealias RenderLength = UInt32

    /// Counts the nodes Graphviz reads in `dot` (tests use it to check that escaping kept every
    /// name inside its node). Nil when Graphviz cannot read it.
    public static func nodeAndEdgeCount(dot: String) -> (nodes: Int, edges: Int)? {
        lock.lock()
        defer { lock.unlock() }
        messages = ""
        _ = agseterrf { text in
            if let text { GraphvizRenderer.messages += String(cString: text) }
            return 0
        }
        defer { _ = agreseterrors(); _ = agseterrf(nil) }
        guard let g = agmemread(dot) else { return nil }
        defer { agclose(g) }
        return (Int(agnnodes(g)), Int(agnedges(g)))
    }

    private static func clean(_ s: String, or fallback: String) -> String {
        let t = s.trimmed
        return t.isEmpty ? fallback : t.replacingOccurrences(of: "\n", with: " ")
    }
}
