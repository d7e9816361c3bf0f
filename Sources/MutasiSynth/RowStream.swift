import Foundation
import MutasiSupport

/// Buffered writes to a file: rows go out in 1 MiB blocks, never held all at once.
final class RowStream {
    private let handle: FileHandle
    private var buffer = Data()

    private let path: String
    private var failure: InputError?
    private var written = 0

    init(path: String) throws {
        self.path = path
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else {
            throw InputError(.unreadable, file: path, "cannot be written", advice: "Check that its folder is writable.")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// A failed write (a full disk) is kept and thrown by `close` as one sentence, not a crash.
    private func flush() {
        if failure == nil {
            do { try handle.write(contentsOf: buffer); written += buffer.count } catch { failure = WriteFailure.error(error, file: path, written: written) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try? handle.close()
        if let failure { throw failure }
    }
}
