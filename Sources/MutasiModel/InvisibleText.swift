import MutasiSupport

/// Characters that change how text is shown without being seen: direction overrides and isolates
/// (U+202A-202E, U+2066-2069) and zero-width ones (U+200B-200D, U+2060, U+FEFF). In a name they
/// let "Budi" and "Bu\u{200B}di" be two people, or make a signer's name read backwards in a report;
/// they are removed from every text of the input as it is read.
package enum InvisibleText {
    @inline(__always) static func isInvisible(_ v: UInt32) -> Bool {
        (0x200B...0x200D).contains(v) || (0x202A...0x202E).contains(v) || v == 0x2060 || (0x2066...0x2069).contains(v) || v == 0xFEFF
    }

    /// Whether the UTF-8 `p` holds one: their encodings start E2 80, E2 81 or EF BB.
    static func occurs(in p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 3 else { return false }
        for i in 0 ..< p.count - 2 where p[i] == 0xE2 || p[i] == 0xEF {
            let b = p[i + 1], c = p[i + 2]
            if p[i] == 0xE2 && b == 0x80 && ((0x8B...0x8D).contains(c) || (0xAA...0xAE).contains(c)) { return true }
            if p[i] == 0xE2 && b == 0x81 && (c == 0xA0 || (0xA6...0xA9).contains(c)) { return true }
            if p[i] == 0xEF && b == 0xBB && c == 0xBF { return true }
        }
        return false
    }

    /// `s` without them.
    package static func removed(from s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isInvisible(u.value) { out.append(u) }
        return String(out)
    }
}

extension TransferSet {
    /// Removes invisible characters (`InvisibleText`) from every text of the set; returns how many
    /// texts changed. Only the texts that hold one are rewritten, and the records only then.
    @discardableResult
    package mutating func removeInvisibleCharacters() -> Int {
        var changed: [UInt32: String] = [:]
        strings.forEachText { sym, p in
            if InvisibleText.occurs(in: p) { changed[sym.id] = InvisibleText.removed(from: String(decoding: p, as: UTF8.self)) }
        }
        guard !changed.isEmpty else { return 0 }
        var table = StringTable()
        var map = [Symbol](repeating: .empty, count: strings.count)
        for id in 1 ..< strings.count {
            let s = Symbol(id: UInt32(id))
            map[id] = table.intern(changed[UInt32(id)] ?? strings[s])
        }
        func m(_ s: Symbol) -> Symbol { map[Int(s.id)] }
        for i in transfers.indices {
            var t = transfers[i]
            t.name = m(t.name); t.decreeNo = m(t.decreeNo); t.fromPosition = m(t.fromPosition); t.fromUnit = m(t.fromUnit)
            t.toPosition = m(t.toPosition); t.toUnit = m(t.toUnit); t.signedBy = m(t.signedBy); t.region = m(t.region)
            t.approval = m(t.approval); t.reason = m(t.reason); t.source = m(t.source)
            transfers[i] = t
        }
        attributes = attributes.map { TransferAttribute(key: m($0.key), value: m($0.value)) }
        strings = table
        return changed.count
    }
}
