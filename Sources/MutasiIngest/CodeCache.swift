import MutasiSupport

/// Parses a small vocabulary (kinds, echelons) once per distinct spelling: national files repeat
/// "mutasi" and "III.a" millions of times, and parsing them is string work.
struct CodeCache<T> {
    private var interner = ByteInterner(capacity: 64)
    private var table = StringTable()
    private var results: [T?] = [nil]
    private var recent = ShortTextCache<T?>(slots: 256, placeholder: nil)
    let parse: (String) -> T?

    init(parse: @escaping (String) -> T?) { self.parse = parse }

    /// The parsed value, or nil when the text is not in the vocabulary. Empty input is nil too.
    mutating func value(_ p: UnsafeBufferPointer<UInt8>) -> T? {
        let key = ShortKey(p)
        if let key, let hit = recent.lookup(key) { return hit }
        let v = parsed(p)
        if let key { recent.store(key, v) }
        return v
    }

    private mutating func parsed(_ p: UnsafeBufferPointer<UInt8>) -> T? {
        let (sym, _) = interner.intern(p, into: &table)
        let id = Int(sym.id)
        if id < results.count { return results[id] }
        while results.count <= id { results.append(nil) }
        results[id] = parse(table[sym])
        return results[id]
    }
}
