import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Text built as UTF-8 bytes and handed on in blocks of about 1 MiB: a national network's GraphML
/// is gigabytes, which must neither sit in memory as one String nor be grown by String appends
/// (those took most of `analyze`'s time on a million rows).
package struct ChunkedText {
    package private(set) var bytes: [UInt8] = []
    private let flush: (([UInt8]) throws -> Void)?
    private var failure: Error?

    /// Collects everything (`bytes`), for callers that want the whole text.
    package init() { flush = nil }

    /// Hands each block to `flush`; the first error stops further writes and is thrown by `finish`.
    package init(flush: @escaping ([UInt8]) throws -> Void) {
        self.flush = flush
        bytes.reserveCapacity(1 << 20 + 4096)
    }

    package mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        spill()
    }

    package mutating func add(bytes: Data) {
        bytes.withUnsafeBytes { self.bytes.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        spill()
    }

    /// XML-escaped (`Markup.escape`).
    package mutating func escaped(_ s: String) { add(Markup.escape(s)) }

    package mutating func int(_ v: Int) { add(String(v)) }

    private mutating func spill() {
        guard let flush, bytes.count >= 1 << 20, failure == nil else { return }
        do { try flush(bytes) } catch { failure = error }
        bytes.removeAll(keepingCapacity: true)
    }

    package mutating func finish() throws {
        if let failure { throw failure }
        if let flush, !bytes.isEmpty { try flush(bytes); bytes.removeAll() }
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// What `body` writes, as one String held in memory (the in-memory twin of `OutputFile.stream`).
    package static func text(_ body: (inout ChunkedText) -> Void) -> String {
        var out = ChunkedText()
        body(&out)
        return out.text
    }
}

extension OutputFile {
    /// Writes what `body` produces to `path` in blocks, atomically (a temporary file renamed over it).
    /// Every output file goes through here. A write that fails (a full disk, no permission) removes
    /// the temporary file and leaves `path` as it was; the error says which file, how much of it was
    /// written and how much room is left (`WriteFailure`), never a raw system error.
    package static func stream(to path: String, _ body: (inout ChunkedText) -> Void) throws(InputError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw InputError(.unreadable, file: path, "is a directory", advice: "Name an output file, not a folder.")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        removeDeadTemporariesOnce(in: folder)
        let tmp = folder + "/" + temporaryName(of: url.lastPathComponent, pid: getpid())
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure.error(errno, file: path, written: 0) }
        var written = 0
        var out = ChunkedText { block in
            try block.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw WriteFailure.error(errno, file: path, written: written + done)
                    }
                    done += n
                }
            }
            written += block.count
        }
        body(&out)
        do {
            try out.finish()
        } catch {
            close(fd)
            unlink(tmp)
            throw (error as? InputError) ?? WriteFailure.error(EIO, file: path, written: written)
        }
        // close reports a deferred write error on some file systems (NFS, a full quota)
        if close(fd) != 0 {
            let e = errno
            unlink(tmp)
            throw WriteFailure.error(e, file: path, written: written)
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw WriteFailure.error(e, file: path, written: written)
        }
    }

    /// Writes `text` as a new file at `path`, which must not exist yet, in a folder that no reader
    /// sees before it is swapped in whole (an `OutputFolder`'s staging folder): no temporary file and
    /// rename, which tens of thousands of evidence pages would pay for each. A write that fails
    /// removes the file, with the same errors as `stream`.
    package static func create(_ text: String, at path: String) throws(InputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure.error(errno, file: path, written: 0) }
        var text = text
        let failed: Int32? = text.withUTF8 { raw in
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        if let e = failed ?? (close(fd) != 0 ? errno : nil) {
            if failed != nil { close(fd) }
            unlink(path)
            throw WriteFailure.error(e, file: path, written: 0)
        }
    }

    /// `.NAME.PID.tmp`: the temporary file a write to NAME builds first.
    package static func temporaryName(of name: String, pid: pid_t) -> String { ".\(name).\(pid).tmp" }

    private static let sweptLock = NSLock()
    nonisolated(unsafe) private static var swept = Set<String>()

    /// `removeDeadTemporaries` for every name, once per folder and process: a dead run's leftovers
    /// do not appear while this one writes, and listing the folder before each of thousands of
    /// files (evidence pages) made writing them quadratic.
    package static func removeDeadTemporariesOnce(in folder: String) {
        sweptLock.lock()
        let first = swept.insert(folder).inserted
        sweptLock.unlock()
        if first { _ = removeDeadTemporaries(of: nil, in: folder) }
    }

    /// Removes `.NAME.PID.tmp` files in `folder` left by a write whose process is gone (killed
    /// while writing); a national GEXF's is gigabytes. Returns their paths.
    @discardableResult
    package static func removeDeadTemporaries(of name: String?, in folder: String) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for e in entries where e.hasPrefix(".") && e.hasSuffix(".tmp") {
            let parts = e.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let pid = pid_t(parts.last!), pid > 0 else { continue }
            if let name, parts.dropLast().joined(separator: ".") != name { continue }
            if !RunCleanup.isAlive(pid), unlink(folder + "/" + e) == 0 { removed.append(folder + "/" + e) }
        }
        return removed
    }
}

/// Turns a failed write's `errno` into one sentence: which file, what went wrong, and for a full
/// disk how much was written and how much room is left.
package enum WriteFailure {
    package static func error(_ code: Int32, file: String, written: Int) -> InputError {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        switch code {
        case ENOSPC, EDQUOT:
            let free = freeBytes(folder).map { ", \(bytes($0)) free there now" } ?? ""
            return InputError(.unwritable, file: file,
                              "could not be written: the disk is full (\(code == EDQUOT ? "quota reached" : "no space left")\(written > 0 ? " after \(bytes(written)) of it" : "")\(free))",
                              advice: "Make room on that disk\(written > 0 ? " (the file needs more than \(bytes(written)))" : ""), or write to another one.")
        case EACCES, EPERM:
            return InputError(.unwritable, file: file, "could not be written: permission denied", advice: "Write to a folder you may write to.")
        case EROFS:
            return InputError(.unwritable, file: file, "could not be written: the disk is read-only", advice: "Write to another disk.")
        case ENOENT, ENOTDIR:
            return InputError(.unwritable, file: file, "could not be written: its folder does not exist", advice: "Create the folder first, or name another.")
        default:
            return InputError(.unwritable, file: file, "could not be written: \(String(cString: strerror(code)))",
                              advice: "Check the disk and the folder's permissions.")
        }
    }

    /// The system error inside an error thrown by Foundation (`NSCocoaErrorDomain` codes such as
    /// 640, out of space, wrap a POSIX one), as a sentence; a raw `NSError` dump is never shown.
    package static func error(_ error: any Error, file: String, written: Int = 0) -> InputError {
        if let e = error as? InputError { return e }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return self.error(Int32(ns.code), file: file, written: written) }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return self.error(Int32(u.code), file: file, written: written)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case CocoaError.fileWriteOutOfSpace.rawValue: return self.error(ENOSPC, file: file, written: written)
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: return self.error(EACCES, file: file, written: written)
            case CocoaError.fileWriteVolumeReadOnly.rawValue: return self.error(EROFS, file: file, written: written)
            case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return self.error(ENOENT, file: file, written: written)
            default: break
            }
        }
        return self.error(EIO, file: file, written: written)
    }

    package static func freeBytes(_ folder: String) -> Int? {
        var s = statvfs()
        guard statvfs(folder, &s) == 0 else { return nil }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    /// 1.2 GB, 412 MB, 56 KB, 12 bytes.
    package static func bytes(_ n: Int) -> String {
        if n >= 1_000_000_000 { return String(format: "%.1f GB", Double(n) / 1e9) }
        if n >= 1_000_000 { return "\(n / 1_000_000) MB" }
        if n >= 1_000 { return "\(n / 1_000) KB" }
        return "\(n) bytes"
    }
}
