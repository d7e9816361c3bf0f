import Foundation

/// What a run must not leave behind when it is stopped: its temporary folders (a layout's input
/// holds every NIP and name) and its child processes (a `dot` layout can run for minutes).
///
/// The library registers them here while they exist; the CLI calls `perform()` on SIGINT, SIGTERM
/// and at exit. A `kill -9` runs nothing: the children die with the process (`PR_SET_PDEATHSIG`),
/// and the next run removes the folders of runs whose process is gone (`removeDeadRunFolders`).
package enum RunCleanup {
    // recursive: the swap in `critical` registers and removes paths itself
    private static let lock = NSRecursiveLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var runFolderPath: String?

    package static func register(path: String) { lock.withLock { _ = paths.insert(path) } }
    package static func unregister(path: String) { lock.withLock { _ = paths.remove(path) } }
    package static func register(group: pid_t) { lock.withLock { _ = groups.insert(group) } }
    package static func unregister(group: pid_t) { lock.withLock { _ = groups.remove(group) } }

    /// Runs `body` with `perform` held off: a folder being swapped into place is never half removed.
    package static func critical<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Kills every registered child process group and removes every registered temporary path.
    /// For the CLI's signal handler and exit; safe to call more than once.
    package static func perform() {
        lock.lock()
        defer { lock.unlock() }
        for g in groups { kill(-g, SIGKILL) }
        groups = []
        for p in paths.sorted(by: >) { removeTree(p) }
        paths = []
        if let r = runFolderPath { removeTree(r) }
        runFolderPath = nil
    }

    /// This run's own temporary folder, `$TMPDIR/mutasi-PID-XXXXXX`, mode 0700 (only this user can
    /// read what is put there), made on first use and removed by `perform`. Folders of earlier runs
    /// whose process is gone are removed first.
    package static func runFolder() throws(InputError) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let r = runFolderPath { return r }
        let base = temporaryBase
        removeDeadRunFolders(in: base)
        var template = Array("\(base)/mutasi-\(getpid())-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw WriteFailure.error(errno, file: base + "/mutasi-\(getpid())-…", written: 0)
        }
        let r = String(cString: made)
        runFolderPath = r
        return r
    }

    package static var temporaryBase: String {
        let t = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return t.hasSuffix("/") && t.count > 1 ? String(t.dropLast()) : t
    }

    /// Removes `mutasi-PID-…` and `mutasi-render-PID-…` folders in `base` whose process is gone
    /// (a run killed with `kill -9`). Returns what it removed.
    @discardableResult
    package static func removeDeadRunFolders(in base: String = temporaryBase) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        var removed: [String] = []
        for e in entries where e.hasPrefix("mutasi-") {
            let rest = e.hasPrefix("mutasi-render-") ? e.dropFirst("mutasi-render-".count) : e.dropFirst("mutasi-".count)
            guard let pid = pid_t(rest.prefix { $0.isNumber }), pid > 0, rest.dropFirst(String(pid).count).first == "-",
                  !isAlive(pid) else { continue }
            var s = stat()
            // only our own leftovers: someone else's folder of that name is not ours to remove
            guard lstat(base + "/" + e, &s) == 0, (s.st_mode & S_IFMT) == S_IFDIR, s.st_uid == getuid() else { continue }
            removeTree(base + "/" + e)
            removed.append(base + "/" + e)
        }
        return removed
    }

    /// Whether a process with this id exists (a reused id counts as alive: its leftovers wait).
    package static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    package static func removeTree(_ path: String) {
        // a writer on another thread may add a file while the folder is emptied: try again
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: path)
            var s = stat()
            if lstat(path, &s) != 0 { return }
        }
    }
}
