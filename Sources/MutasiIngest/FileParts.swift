import Foundation
import MutasiSupport

/// Where the parts of a large file start: after the first line feed past each equal split, with
/// the physical line each starts on when `countingLines` (line breaks counted as the tokenizer
/// counts them: LF, CRLF or a lone CR, inside quotes too). A file under `minimumPart` a part, or
/// one without line feeds, is one part.
struct FileParts {
    /// Small parts: a part's tables stay in the cache and take little memory, a part taken in
    /// gives its emptied set to a later one sooner, and the last part, whose taking in is left when
    /// the reading ends, is short (the sizes tried: docs/benchmark-history.md). With
    /// many parts a file with line breaks inside quotes has some wrong guesses of where a part
    /// starts; each costs that part alone a second read.
    static let minimumPart = 8 << 20
    static let maximumParts = 1024

    /// The file's length: where the last part ends.
    let fileEnd: Int
    private(set) var starts: [Int] = []
    private(set) var lines: [Int] = []

    /// - Parameter countingLines: false leaves `lines` empty but for the first part's, for a reader
    ///   that learns each part's first line by reading the parts before it.
    /// - Parameter source: the mapped file `b` comes from, whose pages are given back as soon as
    ///   their breaks are counted: kept, the whole file stays in the process until its parts are
    ///   read, and the peak is the file's size on top of its records'.
    init(_ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, count wantedParts: Int, minimumPart: Int = FileParts.minimumPart,
         countingLines: Bool = true, source: FileBytes? = nil) {
        fileEnd = b.count
        let size = b.count - start
        let wanted = min(wantedParts, max(1, size / max(1, minimumPart)), FileParts.maximumParts)
        starts = [start]
        for k in 1..<max(wanted, 1) {
            var i = start + size / wanted * k
            while i < b.count && b[i] != 0x0A { i += 1 }
            if i + 1 < b.count && i + 1 > starts.last! { starts.append(i + 1) }
        }
        guard countingLines else {
            lines = [line]
            return
        }
        // a part's first line needs the breaks of the parts before it, never the last part's
        let breaks = Slots<Int>(count: starts.count, initial: 0)
        let s = starts
        nonisolated(unsafe) let buffer = b
        DispatchQueue.concurrentPerform(iterations: s.count - 1) { k in
            breaks.set(k, FileParts.lineBreaks(buffer, s[k], s[k + 1]))
            source?.release(s[k] ..< s[k + 1])
        }
        let counted = breaks.values
        var l = line
        for k in starts.indices {
            lines.append(l)
            l += counted[k]
        }
    }

    func end(of k: Int) -> Int { k + 1 < starts.count ? starts[k + 1] : fileEnd }

    /// LF, CRLF and lone CR in `b[s..<e]`, 16 bytes at a time: a byte is a break when it is an LF,
    /// or a CR not followed by an LF. A part never ends between the CR and LF of a pair: parts
    /// start after a line feed.
    static func lineBreaks(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard let base = b.baseAddress, s < e else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D)
        // a comparison's mask is 0xFF where true (`SIMDMask` stores its lanes as all-ones or zero);
        // as bytes, subtracting it counts one
        func ones(_ m: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> { unsafeBitCast(m, to: SIMD16<UInt8>.self) }
        var total = 0
        var i = s
        while i + 17 <= e {
            // per-lane counts in bytes, added up before any lane can pass 255
            var lanes = SIMD16<UInt8>()
            var rounds = 0
            while rounds < 255 && i + 17 <= e {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let next = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
                lanes &-= ones(v .== lf) | (ones(v .== cr) & ~ones(next .== lf))
                i += 16
                rounds += 1
            }
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < e {
            let c = b[i]
            if c == 0x0A || (c == 0x0D && !(i + 1 < e && b[i + 1] == 0x0A)) { total += 1 }
            i += 1
        }
        return total
    }
}
