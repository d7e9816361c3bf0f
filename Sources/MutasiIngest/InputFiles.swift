import Foundation
import MutasiSupport

/// Turns the transfer inputs a user names (files, folders) into the files to read: a folder gives
/// the files in it whose names end in a known extension, sorted by path, so that a run over a
/// folder reads the same files in the same order on every machine.
package enum InputFiles {
    /// Extensions read from a folder (lower-cased; `.gz` whatever it wraps).
    package static let extensions = ["csv", "tsv", "txt", "jsonl", "ndjson", "xlsx", "gz"]

    /// The files to read, in order: a file named is kept as it is (whatever its extension: the
    /// user chose it); a folder gives its files with a known extension, sorted, and with
    /// `recursive` those of its sub-folders too. Hidden files (`.name`) and Excel's lock files
    /// (`~$name.xlsx`) are left out. A path named twice is read once.
    /// - Throws: `InputError` for a path that does not exist, or a folder with no file to read.
    package static func expand(_ paths: [String], recursive: Bool = false) throws(InputError) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw InputError(.unreadable, file: p, "does not exist", advice: "Check the path of the transfer file or folder.")
            }
            if !isDir.boolValue {
                if seen.insert(p).inserted { out.append(p) }
                continue
            }
            let found = try files(in: p, recursive: recursive)
            guard !found.isEmpty else {
                throw InputError(.unreadable, file: p, "is a folder with no \(extensions.map { "." + $0 }.joined(separator: ", ")) file\(recursive ? "" : " directly in it")",
                                 advice: recursive ? "Put the transfer files in it." : "Put the transfer files in it, or add --recursive to read its sub-folders.")
            }
            for f in found where seen.insert(f).inserted { out.append(f) }
        }
        return out
    }

    static func files(in dir: String, recursive: Bool) throws(InputError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw InputError(.unreadable, file: dir, "cannot be listed: \(error.localizedDescription)", advice: "Check its permissions.")
        }
        var out: [String] = []
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("~$") {
            let path = base + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                if recursive { out += try files(in: path, recursive: true) }
            } else if let ext = name.split(separator: ".").last.map({ $0.lowercased() }), name.contains("."), extensions.contains(ext) {
                out.append(path)
            }
        }
        return out.sorted()
    }
}
