import Foundation

/// Text built as UTF-8 bytes and handed on in blocks of about 1 MiB: a national network's GraphML
/// is gigabytes, which must neither sit in memory as one String nor be grown by String appends
/// (those took most of `analyze`'s time on a million rows).
struct ChunkedText {
    private(set) var bytes: [UInt8] = []
    private let flush: (([UInt8]) throws -> Void)?
    private var failure: Error?

    /// Collects everything (`bytes`), for callers that want the whole text.
    init() { flush = nil }

    /// Hands each block to `flush`; the first error stops further writes and is thrown by `finish`.
    init(flush: @escaping ([UInt8]) throws -> Void) {
        self.flush = flush
        bytes.reserveCapacity(1 << 20 + 4096)
    }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        spill()
    }

    mutating func add(bytes: Data) {
        bytes.withUnsafeBytes { self.bytes.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        spill()
    }

    /// XML-escaped (`Markup.escape`).
    mutating func escaped(_ s: String) { add(Markup.escape(s)) }

    mutating func int(_ v: Int) { add(String(v)) }

    private mutating func spill() {
        guard let flush, bytes.count >= 1 << 20, failure == nil else { return }
        do { try flush(bytes) } catch { failure = error }
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws {
        if let failure { throw failure }
        if let flush, !bytes.isEmpty { try flush(bytes); bytes.removeAll() }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// What `body` writes, as one String held in memory (the in-memory twin of `OutputFile.stream`).
    static func text(_ body: (inout ChunkedText) -> Void) -> String {
        var out = ChunkedText()
        body(&out)
        return out.text
    }
}

extension OutputFile {
    /// Writes what `body` produces to `path` in blocks, atomically (a temporary file renamed over it).
    /// Every output file goes through here.
    static func stream(to path: String, _ body: (inout ChunkedText) -> Void) throws(InputError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw InputError(.unreadable, file: path, "is a directory", advice: "Name an output file, not a folder.")
        }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        FileManager.default.createFile(atPath: tmp, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: tmp) else {
            throw InputError(.unreadable, file: path, "cannot be written", advice: "Check that its folder exists and is writable.")
        }
        do {
            var out = ChunkedText { block in try handle.write(contentsOf: block) }
            body(&out)
            try out.finish()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: tmp)
            throw InputError(.unreadable, file: path, "cannot be written: \(error)", advice: "Check that its folder is writable and the disk has room.")
        }
        if rename(tmp, path) != 0 {
            let err = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw InputError(.unreadable, file: path, "cannot be written: \(err)", advice: "Check that its folder exists and is writable.")
        }
    }
}
