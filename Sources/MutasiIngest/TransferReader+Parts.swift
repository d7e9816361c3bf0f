import Foundation
import MutasiSupport
import MutasiModel

// Reading a large CSV file in parts: on all cores, or in turn on one.
extension TransferReader {
    /// Reads the parts of a large file on all cores, each with a decoder of its own, and takes them
    /// into `decoder` in file order as they finish (`RowDecoder.absorb`), so the set, the line
    /// numbers, the merged duplicates and every count are those a one-core read gives. The parts are
    /// many and small (`FileParts.minimumPart`): taking a part in is one core's work, and it
    /// overlaps the reading of the parts after it, so only the last part's is left when the reading
    /// ends. A part's start is a guess (the line after a split point); when the part before it did
    /// not end exactly there (a quoted field ran over the line break), the guess was wrong: that
    /// part alone is read again, into `decoder`, from where the one before really ended, and the
    /// parts after it stand when it ends where they start.
    static func readParts(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, parts: FileParts, decoder: inout RowDecoder,
                          source: FileBytes? = nil) {
        let n = parts.starts.count
        let decoders = Slots<RowDecoder?>(count: n, initial: nil)
        let ends = Slots<(position: Int, line: Int)>(count: n, initial: (0, 0))
        let finished = (0..<n).map { _ in DispatchSemaphore(value: 0) }
        // moved, not copied: a copy left in `decoder` would share its arrays, and the first write
        // to each (the index's slots, the reserved transfers) would copy it whole onto fresh pages
        let files = decoder.set.files, fileIndex = decoder.fileIndex
        decoders.set(0, consume decoder)
        let spare = SpareTables(partsToStart: n - 1)
        nonisolated(unsafe) let buffer = bytes, header = header
        let map = header.map
        for k in 0..<n {
            DispatchQueue.global().async {
                var d: RowDecoder
                if k == 0 {
                    d = decoders.take(0)!
                    decoders.set(0, nil) // the only reference: appends do not copy the arrays
                } else {
                    d = partDecoder(set: spare.take(), files: files, file: file, fileIndex: fileIndex,
                                    expectedRows: (parts.end(of: k) - parts.starts[k]) / 200, header: map)
                }
                ends.set(k, scanRows(buffer, file: file, header: header, from: (parts.starts[k], parts.lines[k]), until: parts.end(of: k), sink: &d))
                // the part's text is copied into its set: its pages go back at once (a part read
                // again, after a wrong guess, is read from the file again)
                source?.release(parts.starts[k] ..< parts.end(of: k))
                decoders.set(k, d)
                finished[k].signal()
            }
        }
        finished[0].wait()
        decoder = decoders.take(0)!
        decoders.set(0, nil)
        var end = ends.take(0)
        // every part is waited for: none may still be reading the buffer when this returns
        for k in 1..<n {
            finished[k].wait()
            var part = decoders.take(k)!
            decoders.set(k, nil)
            if end.position == parts.starts[k] {
                decoder.absorb(part)
                end = ends.take(k)
            } else {
                end = scanRows(bytes, file: file, header: header, from: end, until: parts.end(of: k), sink: &decoder)
                source?.release(parts.starts[k] ..< parts.end(of: k))
            }
            part.set.removeAllKeepingCapacity()
            spare.put(part.set)
        }
    }

    /// `readParts` for one core: each part is read and taken in before the next starts, on this
    /// thread, so every part after the first writes into the pages of the one before (its emptied
    /// set) instead of fresh ones the kernel must clear, and no thread waits for another. Still in
    /// parts, not as one: a part's tables are small enough to stay in the cache, and taking one in
    /// looks its rows up in the file's large tables in batches whose cache misses overlap.
    static func readPartsInTurn(_ bytes: UnsafeBufferPointer<UInt8>, file: String, header: Header, parts: FileParts,
                                decoder: inout RowDecoder, source: FileBytes? = nil) {
        var end = scanRows(bytes, file: file, header: header, from: (parts.starts[0], parts.lines[0]), until: parts.end(of: 0), sink: &decoder)
        source?.release(parts.starts[0] ..< parts.end(of: 0))
        var spare = TransferSet()
        for k in 1..<parts.starts.count {
            // a part starts where the one before really ended: past its guessed start when a
            // quoted field ran over the line break there, past its end when over the whole part
            guard end.position < parts.end(of: k) else {
                source?.release(parts.starts[k] ..< parts.end(of: k))
                continue
            }
            var part = partDecoder(set: consume spare, files: decoder.set.files, file: file, fileIndex: decoder.fileIndex,
                                   expectedRows: (parts.end(of: k) - end.position) / 200, header: header.map)
            end = scanRows(bytes, file: file, header: header, from: end, until: parts.end(of: k), sink: &part)
            source?.release(parts.starts[k] ..< parts.end(of: k))
            decoder.absorb(part)
            part.set.removeAllKeepingCapacity()
            spare = part.set
        }
    }

    /// A decoder for a later part, writing into `set` (one already taken in and emptied, when there
    /// is one): moved into the decoder, so that its arrays keep their memory.
    static func partDecoder(set: consuming TransferSet, files: [String], file: String, fileIndex: UInt16,
                                    expectedRows: Int, header: HeaderMap) -> RowDecoder {
        set.files = files
        var d = RowDecoder(file: file, fileIndex: fileIndex, set: consume set, expectedRows: expectedRows, mergesDuplicates: false)
        d.setHeader(header)
        return d
    }
}
