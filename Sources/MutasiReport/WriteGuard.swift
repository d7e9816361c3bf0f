import Foundation
import MutasiSupport

/// Refuses any output that would go over an input: every write of every command is checked here.
///
/// Paths are compared as files, not as strings: by device and inode (`stat`), so a symlink, a hard
/// link, `inp/../inp/x.csv`, a relative or an absolute spelling of an input are all the input. A
/// folder target is refused when it is an input folder or lies inside one, when an input lies
/// inside it (through any of its ancestors), or when anything inside it is an input (a hard link).
package struct WriteGuard: Sendable {
    /// A file as the system knows it, whatever its name.
    struct FileID: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// The inputs as given (for messages), each with its identity when it exists.
    let inputs: [(path: String, id: FileID)]

    /// - Parameter inputs: every file the command reads (transfers, calendar, ties, units,
    ///   approvals, rules, any other); missing ones are skipped (the reader reports them).
    package init(inputs: [String]) {
        self.inputs = inputs.compactMap { p in WriteGuard.identity(p).map { (p, $0) } }
    }

    /// Refuses `target` when it is one of the inputs (through any spelling or link), or lies
    /// inside an input folder.
    package func check(file target: String) throws(InputError) {
        if let id = WriteGuard.identity(target), let hit = input(id) {
            throw refusal(target, is: hit)
        }
        try checkAncestors(of: target)
    }

    /// Refuses the folder `target` when it is an input, lies inside an input folder, holds an input
    /// (at any depth, through links too) or holds anything that is an input (a hard link).
    package func check(folder target: String) throws(InputError) {
        guard !inputs.isEmpty else { return }
        try check(file: target)
        guard let folderID = WriteGuard.identity(target) else { return }
        // an input whose folder, or a folder above it, is the target
        for (path, _) in inputs {
            var dir = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
            while true {
                if WriteGuard.identity(dir.path) == folderID {
                    throw InputError(.unwritable, file: target, "holds the input \(path); writing there could replace it",
                                     advice: "Choose an output folder that holds no input file.")
                }
                let up = dir.deletingLastPathComponent()
                if up.path == dir.path { break }
                dir = up
            }
        }
        // anything inside it that is an input under another name (a hard link, a link to it)
        guard let walk = FileManager.default.enumerator(atPath: target) else { return }
        while let name = walk.nextObject() as? String {
            let inside = target + "/" + name
            if let id = WriteGuard.identity(inside), let hit = input(id) {
                throw InputError(.unwritable, file: target, "holds \(name), which is the input \(hit) under another name",
                                 advice: "Choose an output folder that holds no input file.")
            }
        }
    }

    /// The target's folders, up to the root: none may be an input folder.
    private func checkAncestors(of target: String) throws(InputError) {
        var dir = URL(fileURLWithPath: target).standardizedFileURL.deletingLastPathComponent()
        while true {
            if let id = WriteGuard.identity(dir.path), let hit = input(id) {
                throw InputError(.unwritable, file: target, "lies inside the input folder \(hit)",
                                 advice: "Write the output outside the input folder.")
            }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { return }
            dir = up
        }
    }

    private func input(_ id: FileID) -> String? { inputs.first { $0.id == id }?.path }

    private func refusal(_ target: String, is input: String) -> InputError {
        let same = URL(fileURLWithPath: target).standardizedFileURL.path == URL(fileURLWithPath: input).standardizedFileURL.path
        return InputError(.unwritable, file: target, same ? "is the input \(input)" : "is the input \(input) under another name (a link or another spelling)",
                          advice: "Write the output to a new file; inputs are never written over.")
    }

    /// Device and inode of what `path` names, following symlinks; nil when it does not exist.
    static func identity(_ path: String) -> FileID? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileID(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
    }
}
