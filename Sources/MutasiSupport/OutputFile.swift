import Foundation

/// Writes output files so that a reader never sees half a file: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic within a file system).
package enum OutputFile {
    package static func write(_ data: Data, to path: String) throws(InputError) {
        try stream(to: path) { $0.add(bytes: data) }
    }

    package static func write(_ text: String, to path: String) throws(InputError) {
        try write(Data(text.utf8), to: path)
    }
}
