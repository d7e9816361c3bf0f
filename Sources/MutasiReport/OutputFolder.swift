import CPlatform
import Crypto
import Foundation
import MutasiSupport

/// An output folder that holds one run's files: all the old run's or all the new one's, never a mix.
///
/// `take` checks the folder before any work is done and locks it (`flock` on `.DIR.mutasi-lock`
/// beside it), so a second run into the same folder is refused at once. The files are built in a
/// sibling folder `.DIR.mutasi-tmp-PID` (same file system), and `commit` writes `manifest.json`
/// last, then swaps the new folder in with one `renameat2(RENAME_EXCHANGE)` (where the file system
/// cannot, the old folder is renamed aside first) and removes the old one only after. Files in DIR
/// that the tool did not write are linked into the new folder before the swap, so they are never
/// lost. A run killed at any point leaves DIR as it was or as the new run made it; its temporary
/// folder is removed by the next run into DIR (which holds the lock, so nothing else is writing).
package final class OutputFolder: @unchecked Sendable {
    /// Where the outputs end up (links resolved).
    package let path: String
    /// The folder the outputs are built in; renamed over `path` by `commit`.
    package let staging: String
    /// Leftovers of killed runs removed when the folder was taken (for a note to the user).
    package private(set) var leftoversRemoved: [String] = []
    /// Names of the files this tool writes into such a folder: anything else in an existing folder
    /// is the user's, and carried over.
    package let ownNames: Set<String>
    private let lockPath: String
    private var lockFD: Int32 = -1
    private let name: String
    private let parent: String

    package static let manifestName = "manifest.json"

    /// Takes `dir` for a run's outputs, before any work: refuses it when it is or holds an input
    /// (`guard`), when it exists and `force` is not given, or when another run is writing it.
    package init(_ dir: String, force: Bool, ownNames: Set<String>, guard writeGuard: WriteGuard) throws(InputError) {
        try writeGuard.check(folder: dir)
        self.ownNames = ownNames.union([OutputFolder.manifestName])
        var url = URL(fileURLWithPath: dir).standardizedFileURL
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir)
        if exists && !isDir.boolValue {
            throw InputError(.unwritable, file: dir, "is a file", advice: "Name a folder for the outputs.")
        }
        if exists {
            // a link to a folder: the folder it names is replaced, the link stays
            url = url.resolvingSymlinksInPath()
        } else {
            let up = url.deletingLastPathComponent()
            do { try FileManager.default.createDirectory(at: up, withIntermediateDirectories: true) } catch {
                throw WriteFailure.error(error, file: up.path)
            }
            url = up.resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent)
        }
        path = url.path
        name = url.lastPathComponent
        parent = url.deletingLastPathComponent().path
        lockPath = parent + "/.\(name).mutasi-lock"
        staging = parent + "/.\(name).mutasi-tmp-\(getpid())"
        try lock(shownAs: dir)
        do throws(InputError) {
            leftoversRemoved = recoverAndClean()
            if FileManager.default.fileExists(atPath: path) && !force {
                throw InputError(.unwritable, file: dir, "already exists", advice: "Choose another folder, or add --force to replace its files.")
            }
            RunCleanup.register(path: staging)
            guard mkdir(staging, 0o755) == 0 else { throw WriteFailure.error(errno, file: staging, written: 0) }
        } catch {
            unlock()
            throw error
        }
    }

    deinit { unlock() }

    /// Where to write the output `name` before `commit`.
    package func file(_ name: String) -> String { staging + "/" + name }

    /// Writes the manifest, carries the user's files over and swaps the new folder in.
    package func commit() throws(InputError) {
        try carryOver()
        try writeManifest()
        try RunCleanup.critical { () throws(InputError) in
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                var r = mutasi_rename_exchange(staging, path)
                if r == -EINVAL || r == -ENOSYS {
                    // no exchange here (some file systems): the old folder aside, then the new one in;
                    // a kill between the two is undone by the next run (recoverAndClean)
                    let aside = parent + "/.\(name).mutasi-old-\(getpid())"
                    guard rename(path, aside) == 0 else { throw WriteFailure.error(errno, file: path, written: 0) }
                    if rename(staging, path) != 0 {
                        let e = errno
                        rename(aside, path)
                        throw WriteFailure.error(e, file: path, written: 0)
                    }
                    RunCleanup.register(path: aside)
                    RunCleanup.removeTree(aside)
                    RunCleanup.unregister(path: aside)
                    r = 0
                } else if r != 0 {
                    throw WriteFailure.error(-r, file: path, written: 0)
                }
                // `staging` now names the old folder
                RunCleanup.removeTree(staging)
            } else {
                var r = mutasi_rename_noreplace(staging, path)
                if r == -EINVAL || r == -ENOSYS { r = rename(staging, path) == 0 ? 0 : -errno }
                if r == -EEXIST || r == -ENOTEMPTY {
                    throw InputError(.unwritable, file: path, "was created by someone else while this run worked; the outputs are left in \(staging)",
                                      advice: "Move them where you want them.")
                }
                if r != 0 { throw WriteFailure.error(-r, file: path, written: 0) }
            }
            RunCleanup.unregister(path: staging)
        }
        unlock()
    }

    /// Removes the unfinished new folder and lets go of DIR, which is left as it was.
    package func abandon() {
        RunCleanup.removeTree(staging)
        RunCleanup.unregister(path: staging)
        unlock()
    }

    /// An error about a file in the temporary folder, told about the file's place in DIR, with
    /// the reassurance that DIR was left as it was.
    package func told(_ e: InputError) -> InputError {
        var e = e
        e.location.file = e.location.file.replacingOccurrences(of: staging, with: path)
        e.message = e.message.replacingOccurrences(of: staging, with: path)
        if e.advice.hasSuffix(".") { e.advice.removeLast() }
        e.advice += FileManager.default.fileExists(atPath: path) ? "; \(path) is unchanged." : "; nothing was written."
        return e
    }

    // MARK: - the lock

    private func lock(shownAs dir: String) throws(InputError) {
        for _ in 0..<10 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw WriteFailure.error(errno, file: lockPath, written: 0) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                var buf = [UInt8](repeating: 0, count: 32)
                let n = read(fd, &buf, 31)
                close(fd)
                let holder = n > 0 ? String(decoding: buf[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
                throw InputError(.unwritable, file: dir, "is being written by another mutasi run (process \(holder))",
                                 advice: "Wait for it to finish, or write to another folder.")
            }
            // the holder before us may have removed the lock file after we opened it: ours must be the one at the path
            var mine = stat(), there = stat()
            if fstat(fd, &mine) == 0, stat(lockPath, &there) == 0, mine.st_dev == there.st_dev, mine.st_ino == there.st_ino {
                let pid = Array("\(getpid())\n".utf8)
                ftruncate(fd, 0)
                _ = pwrite(fd, pid, pid.count, 0)
                lockFD = fd
                // a run stopped by a signal removes it too (the lock itself ends with the process)
                RunCleanup.register(path: lockPath)
                return
            }
            close(fd)
        }
        throw InputError(.unwritable, file: dir, "could not be locked (its lock file keeps changing)", advice: "Try again.")
    }

    private func unlock() {
        guard lockFD >= 0 else { return }
        unlink(lockPath)
        RunCleanup.unregister(path: lockPath)
        close(lockFD)
        lockFD = -1
    }

    // MARK: - leftovers

    /// With the lock held nothing else writes DIR: every `.DIR.mutasi-tmp-*` is a killed run's. A
    /// `.DIR.mutasi-old-*` without DIR is the old folder of a run killed in the middle of the
    /// fallback swap: it is put back. `.NAME.PID.tmp` files in DIR of dead processes go too.
    private func recoverAndClean() -> [String] {
        var removed: [String] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for e in entries.sorted() where e.hasPrefix(".\(name).mutasi-old-") {
            let p = parent + "/" + e
            if !FileManager.default.fileExists(atPath: path), rename(p, path) == 0 { continue }
            RunCleanup.removeTree(p)
            removed.append(p)
        }
        for e in entries where e.hasPrefix(".\(name).mutasi-tmp-") {
            RunCleanup.removeTree(parent + "/" + e)
            removed.append(parent + "/" + e)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            removed += OutputFile.removeDeadTemporaries(of: nil, in: path)
        }
        return removed
    }

    // MARK: - carrying the user's files over

    /// Links every entry of the old DIR that this tool does not write into the new folder (hard
    /// links: no copy, and the old folder keeps them until it is removed after the swap).
    private func carryOver() throws(InputError) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for e in entries where !ownNames.contains(e) && !isOwnTemporary(e) {
            let to = staging + "/" + e
            if FileManager.default.fileExists(atPath: to) { continue }
            try replicate(path + "/" + e, to: to)
        }
    }

    /// `.findings.json.123.tmp` and the like: a write of ours that never finished.
    private func isOwnTemporary(_ e: String) -> Bool {
        guard e.hasPrefix("."), e.hasSuffix(".tmp") else { return false }
        let parts = e.dropFirst().dropLast(4).split(separator: ".")
        guard parts.count >= 2, Int(parts.last!) != nil else { return false }
        return ownNames.contains(parts.dropLast().joined(separator: "."))
    }

    private func replicate(_ from: String, to: String) throws(InputError) {
        var s = stat()
        guard lstat(from, &s) == 0 else { return }
        switch s.st_mode & S_IFMT {
        case S_IFDIR:
            guard mkdir(to, s.st_mode & 0o7777) == 0 else { throw WriteFailure.error(errno, file: to, written: 0) }
            for e in (try? FileManager.default.contentsOfDirectory(atPath: from)) ?? [] {
                try replicate(from + "/" + e, to: to + "/" + e)
            }
        case S_IFLNK:
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from), symlink(target, to) == 0 else {
                throw WriteFailure.error(errno, file: to, written: 0)
            }
        default:
            if link(from, to) != 0 {
                // no hard link (another owner's file under protected_hardlinks, a FIFO): copy it
                do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                    throw WriteFailure.error(error, file: to)
                }
            }
        }
    }

    // MARK: - the manifest

    /// `manifest.json`: every file this run wrote, with its size and SHA-256, and the names kept
    /// from before. Written last, so a folder with a manifest is a finished run's.
    private func writeManifest() throws(InputError) {
        struct Entry: Encodable { var name: String; var bytes: Int; var sha256: String }
        struct Manifest: Encodable { var generator = "MutasiGraph"; var files: [Entry]; var kept: [String] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).sorted()
        var own: [String] = [], kept: [String] = []
        // an own folder (evidence/) is listed file by file, as "evidence/NAME"
        func add(_ n: String) {
            let full = staging + "/" + n
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), isDir.boolValue {
                for inner in ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted() { add(n + "/" + inner) }
                return
            }
            own.append(n)
        }
        for n in names where n != OutputFolder.manifestName {
            guard ownNames.contains(n) else { kept.append(n); continue }
            add(n)
        }
        // tens of thousands of evidence pages: hashed on every core, each worker with one buffer
        let hashes = Slots<(Int, String)?>(count: own.count, initial: nil)
        let workers = min(Cores.available, max(1, own.count)), paths = own.map { staging + "/" + $0 }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
            defer { block.deallocate() }
            for i in stride(from: w, to: paths.count, by: workers) { hashes.set(i, OutputFolder.sha256(of: paths[i], block: block)) }
        }
        var files: [Entry] = []
        files.reserveCapacity(own.count)
        for (i, n) in own.enumerated() {
            guard let (bytes, hash) = hashes.take(i) else {
                throw InputError(.unwritable, file: staging + "/" + n, "could not be read back for the manifest", advice: "Check the disk.")
            }
            files.append(Entry(name: n, bytes: bytes, sha256: hash))
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        let data: Data
        do { data = try enc.encode(Manifest(files: files, kept: kept)) } catch { throw WriteFailure.error(error, file: file(OutputFolder.manifestName)) }
        try OutputFile.write(data + Data("\n".utf8), to: file(OutputFolder.manifestName))
    }

    /// Size and SHA-256 (hex) of a file, read in blocks (a national file is never held whole); nil
    /// when it cannot be read.
    static func sha256(of path: String) -> (Int, String)? {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 22, alignment: 64)
        defer { block.deallocate() }
        return sha256(of: path, block: block)
    }

    /// The same, read through `block` (a caller hashing many files allocates it once).
    static func sha256(of path: String, block: UnsafeMutableRawBufferPointer) -> (Int, String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256(), total = 0
        while true {
            let n = read(fd, block.baseAddress!, block.count)
            if n < 0 { if errno == EINTR { continue } else { return nil } }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: block[..<n]))
            total += n
        }
        return (total, hex(hasher.finalize()))
    }

    /// Lower-case hex of a digest's bytes.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
