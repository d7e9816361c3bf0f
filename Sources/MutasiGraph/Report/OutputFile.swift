import Foundation

/// Writes output files so that a reader never sees half a file: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic within a file system).
public enum OutputFile {
    public static func write(_ data: Data, to path: String) throws(InputError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw InputError(.unreadable, file: path, "is a directory", advice: "Name an output file, not a folder.")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: tmp, options: [])
            if rename(tmp.path, path) != 0 {
                let err = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: tmp)
                throw InputError(.unreadable, file: path, "cannot be written: \(err)", advice: "Check that its folder exists and is writable.")
            }
        } catch let e as InputError {
            throw e
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw InputError(.unreadable, file: path, "cannot be written: \(error.localizedDescription)",
                             advice: "Check that its folder exists and is writable.")
        }
    }

    public static func write(_ text: String, to path: String) throws(InputError) {
        try write(Data(text.utf8), to: path)
    }
}
