import Foundation
import MutasiSupport

/// One pass over UTF-8 text finding names and NIPs.
enum TextMatch {
    enum Kind: Equatable {
        case name(NameIndex.Owner)
        /// 18 digits of a known NIP (its value), or a NIP-like number of unknown owner (nil).
        case nip(UInt64?)
        case nipPrefix
    }

    struct Hit { var range: Range<Int>; var kind: Kind }

    /// Zero-width and direction-control characters: skipped inside a word, so that they cannot hide
    /// a name from the match.
    @inline(__always) static func invisible(_ v: UInt32) -> Bool {
        (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x2069).contains(v) || v == 0xFEFF || v == 0xAD
    }

    /// The next scalar at `i`: its value and length (an invalid byte is U+FFFD, one byte long).
    @inline(__always) static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        let n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        guard n > 1, i + n <= b.count else { return (0xFFFD, 1) }
        var v = UInt32(c) & (0xFF >> (n + 1))
        for k in 1..<n {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            v = v << 6 | UInt32(d & 0x3F)
        }
        return (v, n)
    }

    @inline(__always) static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        guard let u = Unicode.Scalar(v) else { return false }
        return u.properties.isAlphabetic || u.properties.generalCategory == .nonspacingMark
    }

    @inline(__always) static func lower(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v | 0x20 : v }
        guard let u = Unicode.Scalar(v), u.properties.changesWhenLowercased, let l = u.properties.lowercaseMapping.unicodeScalars.first else { return v }
        return l.value
    }

    /// Calls `word` with each word's hash (letters lowercased), start and end.
    static func words(_ b: UnsafeBufferPointer<UInt8>, _ word: (UInt64, Int, Int) -> Void) {
        var i = 0, start = -1, end = 0
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < b.count {
            let (v, n) = scalar(b, i)
            if isLetter(v) {
                if start < 0 { start = i; h = 0xcbf2_9ce4_8422_2325 }
                h = (h ^ UInt64(lower(v))) &* 0x100_0000_01b3
                end = i + n
            } else if start >= 0 && !invisible(v) {
                word(h, start, end); start = -1
            }
            i += n
        }
        if start >= 0 { word(h, start, end) }
    }

    /// Every name and NIP in `b`, in order, not overlapping.
    /// - Parameter scanning: for a finished output, where numbers that only look like a NIP's start
    ///   (coordinates run together, hexadecimal digests) must not fail a run: digits in several
    ///   groups must match 10 digits of a NIP and digits touching a-f letters 14; free text is
    ///   scrubbed at 8, and a 15-20 digit number of no known person is withheld there too.
    static func hits(in b: UnsafeBufferPointer<UInt8>, data: PersonalData, scanning: Bool, firstOnly: Bool, names: Bool = true) -> [Hit] {
        var scan = Scan(b, data: data, scanning: scanning, longest: names ? max(1, data.names.longest) : 0)
        var i = 0
        while i < b.count {
            if firstOnly && !scan.hits.isEmpty { break }
            let (v, n) = scalar(b, i)
            scan.word(v, at: i, length: n)
            scan.number(v, at: i)
            if !invisible(v) { scan.previous = v }
            i += n
        }
        scan.finish()
        var hits = scan.hits
        if firstOnly, let first = hits.min(by: { $0.range.lowerBound < $1.range.lowerBound }) { return [first] }
        // names and numbers found in two passes' order: sorted, overlaps dropped
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [Hit] = []
        for x in hits where out.last.map({ $0.range.upperBound <= x.range.lowerBound }) ?? true { out.append(x) }
        return out
    }

    /// `hits`' walk through the bytes, one scalar at a time: the digit run being read, and the
    /// window of the last few words, matched against the names from its first word when it is full.
    struct Scan {
        let b: UnsafeBufferPointer<UInt8>
        let data: PersonalData
        let index: NameIndex
        let scanning: Bool
        /// Words in the longest name; 0 when names are not looked for.
        let longest: Int
        var hits: [Hit] = []
        /// The last visible scalar before the current one.
        var previous: UInt32 = 0
        // the digit run
        private var digits = [UInt8](repeating: 0, count: 20)
        private var count = 0, groups = 0, runStart = -1, runEnd = 0, pendingSeparator = false
        private var groupLengths: [Int] = [], dashes = 0, hexBefore = false
        // the words
        private var window: [(hash: UInt64, start: Int, end: Int)] = []
        private var wstart = 0
        private var wordStart = -1, wordEnd = 0
        private var h: UInt64 = 0

        init(_ b: UnsafeBufferPointer<UInt8>, data: PersonalData, scanning: Bool, longest: Int) {
            self.b = b; self.data = data; index = data.names; self.scanning = scanning; self.longest = longest
        }

        private static func isHexLetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x66 }

        /// Adds the scalar `v` at `i` to the word being read, or ends that word.
        @inline(__always) mutating func word(_ v: UInt32, at i: Int, length n: Int) {
            if isLetter(v) {
                if wordStart < 0 { wordStart = i; h = 0xcbf2_9ce4_8422_2325 }
                h = (h ^ UInt64(lower(v))) &* 0x100_0000_01b3
                wordEnd = i + n
            } else if wordStart >= 0 && !invisible(v) {
                if longest > 0 {
                    window.append((h, wordStart, wordEnd))
                    if window.count - wstart >= longest { matchFirst() }
                }
                wordStart = -1
            }
        }

        /// Adds the scalar `v` at `i` to the digit run, or ends the run (one space, dot or dash
        /// between groups of digits does not end it).
        @inline(__always) mutating func number(_ v: UInt32, at i: Int) {
            if v >= 0x30 && v <= 0x39 {
                if runStart < 0 {
                    runStart = i; hexBefore = Scan.isHexLetter(previous); groups = 1; groupLengths = [0]
                } else if pendingSeparator {
                    groups += 1; groupLengths.append(0); pendingSeparator = false
                }
                if count < 20 { digits[count] = UInt8(v - 0x30) }
                count += 1; groupLengths[groupLengths.count - 1] += 1
                runEnd = i + 1
            } else if runStart >= 0 {
                if !pendingSeparator && (v == 0x20 || v == 0x2E || v == 0x2D) {
                    pendingSeparator = true
                    if v == 0x2D { dashes += 1 }
                } else {
                    endRun(next: v)
                }
            }
        }

        /// Ends the last run and word, and matches the words left in the window.
        mutating func finish() {
            if runStart >= 0 { endRun(next: 0) }
            if wordStart >= 0 && longest > 0 { window.append((h, wordStart, wordEnd)) }
            while longest > 0 && wstart < window.count { matchFirst() }
        }

        private mutating func endRun(next: UInt32) {
            defer { runStart = -1; count = 0; groups = 0; groupLengths.removeAll(keepingCapacity: true); dashes = 0; pendingSeparator = false }
            guard runStart >= 0, count >= 8 else { return }
            // an ISO date (2024-01-17) is a date, not the start of a NIP
            if groups == 3 && dashes == 2 && groupLengths == [4, 2, 2] { return }
            let hexAdjacent = hexBefore || (!pendingSeparator && Scan.isHexLetter(next))
            let length = digits.withUnsafeBufferPointer { data.knownPrefixLength($0, count: count) }
            let needed = !scanning ? 8 : hexAdjacent ? 14 : groups > 1 ? 10 : 8
            if length >= needed {
                var value: UInt64 = 0
                for k in 0..<min(count, 18) { value = value * 10 + UInt64(digits[k]) }
                hits.append(Hit(range: runStart..<runEnd, kind: length == 18 && count == 18 ? .nip(value) : .nipPrefix))
            } else if !scanning && (15...20).contains(count) {
                hits.append(Hit(range: runStart..<runEnd, kind: .nip(nil)))
            }
        }

        /// Matches the longest name starting at the window's first word (a public name wins a
        /// tie and is left as it is), or a short name alone, and moves past it.
        private mutating func matchFirst() {
            let first = window[wstart]
            var best: (length: Int, owner: NameIndex.Owner)?
            if let candidates = index.byFirst[first.hash] {
                for c in candidates {
                    let e = index.entries[Int(c)]
                    guard e.tokens.count <= window.count - wstart else { continue }
                    var same = true
                    for k in 1..<max(1, e.tokens.count) where window[wstart + k].hash != e.tokens[k] { same = false; break }
                    guard same else { continue }
                    if best == nil || e.tokens.count > best!.length || (e.tokens.count == best!.length && e.owner == .publicName) {
                        best = (e.tokens.count, e.owner)
                    }
                }
            }
            if let best {
                if best.owner != .publicName {
                    hits.append(Hit(range: first.start..<window[wstart + best.length - 1].end, kind: .name(best.owner)))
                }
                wstart += best.length
            } else {
                if index.hasShortNames, let o = index.shortNameOwner(b, first.start, first.end) {
                    hits.append(Hit(range: first.start..<first.end, kind: .name(o)))
                }
                wstart += 1
            }
            if wstart > 64 { window.removeFirst(wstart); wstart = 0 }
        }
    }
}
