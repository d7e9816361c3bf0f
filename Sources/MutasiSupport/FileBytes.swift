import Foundation
import CPlatform
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of an input file, memory-mapped so a multi-gigabyte export is read without copying
/// it into the heap; the pages are the kernel's page cache.
package final class FileBytes: @unchecked Sendable {
    package let path: String
    private let base: UnsafeMutableRawPointer?
    package let count: Int
    private let mapped: Bool
    /// The file's size and modification time when it was opened, to tell if it changed meanwhile.
    private var opened: (size: Int, modified: timespec)?
    /// The slot watching the mapping for a fault (`mutasi_watch_mapping`), -1 for none.
    private var watch: Int32 = -1

    /// Bytes held in memory (tests, fuzzing, JSON values).
    package init(bytes: [UInt8], name: String) {
        path = name
        count = bytes.count
        mapped = false
        if bytes.isEmpty {
            base = nil
        } else {
            let p = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 8)
            bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            base = p
        }
    }

    /// Opens and maps `path`, refusing what is not a regular file with advice.
    package init(path: String, what: String) throws(InputError) {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw InputError(.unreadable, file: path, "cannot be opened: \(String(cString: strerror(errno)))",
                             advice: "Check the path of the \(what).")
        }
        let kind = st.st_mode & S_IFMT
        guard kind != S_IFDIR else {
            throw InputError(.unreadable, file: path, "is a directory", advice: "Give the \(what) itself, not its folder.")
        }
        guard kind == S_IFREG else {
            throw InputError(.unreadable, file: path, "is not a regular file (a pipe, socket or device)",
                             advice: "Save the \(what) to a regular file first.")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(.unreadable, file: path, "cannot be read: \(String(cString: strerror(errno)))", advice: "Check its permissions.")
        }
        defer { close(fd) }
        count = Int(st.st_size)
        if count == 0 {
            base = nil
            mapped = false
            return
        }
        // the file's pages and one more that faults when touched: reading past the last byte of a
        // file that ends where a page ends stops the process at once, instead of reading whatever
        // mapping lies after it
        let area = mmap(nil, FileBytes.mappedLength(count), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let area, area != MAP_FAILED else {
            throw InputError(.unreadable, file: path, "cannot be mapped: \(String(cString: strerror(errno)))",
                             advice: "Check free memory and that the file is readable.")
        }
        let p = mmap(area, count, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0)
        guard let p, p != MAP_FAILED else {
            let reason = String(cString: strerror(errno))
            munmap(area, FileBytes.mappedLength(count))
            throw InputError(.unreadable, file: path, "cannot be mapped: \(reason)",
                             advice: "Check free memory and that the file is readable.")
        }
        madvise(p, count, MADV_SEQUENTIAL)
        base = p
        mapped = true
        opened = (count, st.st_mtim)
        // a file cut short while it is mapped makes reading past its new end fault (SIGBUS): the
        // process then says which file changed and exits with status 2, instead of a crash
        watch = mutasi_watch_mapping(p, FileBytes.mappedLength(count), "error: \(FileBytes.changed(path).description)\n")
    }

    /// The error for a file that changed while it was read.
    package static func changed(_ path: String) -> InputError {
        InputError(.unreadable, file: path, "changed while it was being read",
                   advice: "Read a copy that nothing writes to, or wait until whatever writes it has finished")
    }

    /// Throws if the file's size or modification time is not what it was when it was opened: what
    /// was read may mix two versions of it.
    package func checkUnchanged() throws(InputError) {
        guard let opened else { return }
        var st = stat()
        guard stat(path, &st) == 0, Int(st.st_size) == opened.size,
              st.st_mtim.tv_sec == opened.modified.tv_sec, st.st_mtim.tv_nsec == opened.modified.tv_nsec else {
            throw FileBytes.changed(path)
        }
    }

    /// The file's whole pages and the guard page after them.
    private static func mappedLength(_ count: Int) -> Int {
        (count + Pages.size - 1) / Pages.size * Pages.size + Pages.size
    }

    deinit {
        if watch >= 0 { mutasi_unwatch_mapping(watch) }
        guard let base else { return }
        if mapped { munmap(base, FileBytes.mappedLength(count)) } else { base.deallocate() }
    }

    /// Gives back the memory of `range` once it has been read (its text is copied into the set):
    /// a mapped file's pages are dropped from the process (the kernel may keep them cached), so a
    /// national file is not held whole while the records are built. Reading the range again would
    /// fetch it from the file again (so only because the mapping is private and read-only: a
    /// writable one would lose what was written). Bytes held in memory are kept.
    package func release(_ range: Range<Int>) {
        #if os(Linux)
        guard mapped, let base, range.lowerBound < count else { return }
        Pages.advise(base + range.lowerBound, bytes: min(range.upperBound, count) - range.lowerBound, MADV_DONTNEED)
        #endif
    }

    package var buffer: UnsafeBufferPointer<UInt8> {
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }
}

/// Advice to the kernel about memory, which it takes for whole pages only.
package enum Pages {
    package static let size = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// `madvise` on the whole pages inside the `bytes` from `start` (none when they hold none).
    package static func advise(_ start: UnsafeMutableRawPointer, bytes: Int, _ advice: Int32) {
        #if os(Linux)
        let lo = (Int(bitPattern: start) + size - 1) / size * size
        let hi = (Int(bitPattern: start) + bytes) / size * size
        guard hi > lo else { return }
        madvise(UnsafeMutableRawPointer(bitPattern: lo), hi - lo, advice)
        #endif
    }
}
