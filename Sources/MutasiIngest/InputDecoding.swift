import CZlib
import Foundation
import MutasiSupport

/// What a file's first bytes say it is, before it is read as text: gzip is inflated, UTF-16 with
/// a byte-order mark (Excel's "Unicode text") is turned into UTF-8, and an old Excel workbook is
/// refused with what to do. Everything else is read as it is (UTF-8, or Windows-1252 repaired
/// field by field), memory-mapped.
enum InputDecoding {
    /// A gzip stream's magic bytes.
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]
    /// An OLE compound file: Excel 97-2003's `.xls` (BIFF).
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0]
    /// A ZIP archive: an `.xlsx` workbook (or another ZIP).
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Inflated data larger than this is refused: a small `.gz` can expand without bound.
    static let maxInflated = 16 << 30

    /// The file to read as text: `file` itself, or its inflated or transcoded bytes under its name.
    /// - Throws: `InputError` for a damaged gzip stream or an `.xls` workbook.
    static func textBytes(_ file: FileBytes, what: String) throws(InputError) -> FileBytes {
        var current = file
        let b = file.buffer
        if starts(b, with: gzipMagic) {
            current = FileBytes(bytes: try gunzip(b, path: file.path), name: file.path)
        }
        let c = current.buffer
        if starts(c, with: oleMagic) {
            throw InputError(.malformed, file: file.path, "is an Excel 97-2003 workbook (.xls), which is not read",
                             advice: "Open it in Excel or LibreOffice and save it as .xlsx or CSV (UTF-8).")
        }
        if starts(c, with: zipMagic) {
            // transfer files go to the workbook reader before this; a ties, units or approvals file does not
            throw InputError(.malformed, file: file.path, "is a ZIP file (an .xlsx workbook?); a \(what) is read from CSV only",
                             advice: "Save its sheet as CSV (UTF-8) and give that.")
        }
        if c.count >= 2, (c[0] == 0xFF && c[1] == 0xFE) || (c[0] == 0xFE && c[1] == 0xFF) {
            current = FileBytes(bytes: utf8(fromUTF16: c, bigEndian: c[0] == 0xFE), name: file.path)
        }
        return current
    }

    /// Opens `path` and gives the text to read (see `textBytes`).
    static func open(path: String, what: String) throws(InputError) -> FileBytes {
        try textBytes(FileBytes(path: path, what: what), what: what)
    }

    static func starts(_ b: UnsafeBufferPointer<UInt8>, with magic: [UInt8]) -> Bool {
        b.count >= magic.count && magic.indices.allSatisfy { b[$0] == magic[$0] }
    }

    /// The path without a final `.gz`, for choosing a format by extension.
    static func formatPath(_ path: String) -> String {
        path.lowercased().hasSuffix(".gz") ? String(path.dropLast(3)) : path
    }

    /// UTF-16 text after its byte-order mark, as UTF-8 without one. A lone surrogate becomes
    /// U+FFFD (shown as such in the value, never dropped); an odd last byte is dropped.
    static func utf8(fromUTF16 b: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        let units = (b.count - 2) / 2
        var out: [UInt8] = []
        out.reserveCapacity(units + units / 8)
        var i = 0
        let it = AnyIterator<UInt16> {
            guard i < units else { return nil }
            let lo = b[2 + 2 * i], hi = b[3 + 2 * i]
            i += 1
            return bigEndian ? UInt16(lo) << 8 | UInt16(hi) : UInt16(hi) << 8 | UInt16(lo)
        }
        _ = transcode(it, from: UTF16.self, to: UTF8.self, stoppingOnError: false) { out.append($0) }
        return out
    }

    /// Every gzip member of `b`, inflated and joined (`cat a.gz b.gz` is a valid gzip file).
    static func gunzip(_ b: UnsafeBufferPointer<UInt8>, path: String) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(b.count * 4, 1 << 30))
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer, checked
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(.unreadable, file: path, "zlib could not start", advice: "Unpack it with gunzip first.")
        }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        stream.next_in = UnsafeMutablePointer(mutating: b.baseAddress)
        stream.avail_in = UInt32(clamping: b.count)
        while true {
            let status: Int32 = buffer.withUnsafeMutableBufferPointer { o in
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(chunk)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk - Int(stream.avail_out)
            out.append(contentsOf: buffer[0 ..< produced])
            if out.count > maxInflated {
                throw InputError(.tooLarge, file: path, "inflates to more than \(maxInflated >> 30) GiB", advice: "Unpack it with gunzip and give the file itself.")
            }
            let used = Int(bitPattern: stream.next_in) - Int(bitPattern: b.baseAddress)
            switch status {
            case Z_STREAM_END:
                // another member follows (`cat a.gz b.gz`): start again on it; anything else after
                // the end (padding zeros) is left
                guard used + 1 < b.count, b[used] == 0x1F, b[used + 1] == 0x8B, inflateReset(&stream) == Z_OK else { return out }
                stream.next_in = UnsafeMutablePointer(mutating: b.baseAddress! + used)
                stream.avail_in = UInt32(clamping: b.count - used)
            case Z_OK, Z_BUF_ERROR:
                // the input is given in pieces of at most 4 GiB (avail_in is 32 bits)
                if stream.avail_in == 0 && used < b.count {
                    stream.avail_in = UInt32(clamping: b.count - used)
                } else if status == Z_BUF_ERROR || (stream.avail_in == 0 && produced == 0) {
                    throw InputError(.malformed, file: path, "is a gzip file that ends early (truncated)",
                                     advice: "Copy or download it again, or unpack what gunzip can and give that.")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw InputError(.malformed, file: path, "is a damaged gzip file (\(message))",
                                 advice: "Copy or download it again, or unpack it with gunzip to see what is left.")
            }
        }
    }
}
