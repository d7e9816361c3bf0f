@_spi(Inlining) import MutasiSupport

/// Text of 1 to 16 bytes as two words and a length, for comparing with one test: the first and
/// the last eight bytes, overlapping (`FastHash.shortWord` for shorter text), so every byte counts
/// and no byte past the text is read.
struct ShortKey: Equatable {
    let first: UInt64, last: UInt64, count: Int

    @inline(__always)
    init?(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        guard n > 0, n <= 16, let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        if n >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            first = FastHash.shortWord(p)
            last = 0
        }
        count = n
    }

    /// Empty: matches no text.
    static let none = ShortKey()
    private init() { first = 0; last = 0; count = 0 }

    var hash: Int { Int(truncatingIfNeeded: FastHash.words(first, last ^ UInt64(truncatingIfNeeded: count))) }
}

/// What short texts parsed to, in a direct-mapped table: a decree file repeats a few thousand dates
/// and a dozen codes millions of times, and a hit costs one compare instead of a parse (the dates
/// alone were a twentieth of reading). A text that collides with another just parses again.
struct ShortTextCache<Value> {
    private var keys: [ShortKey]
    private var values: [Value]

    /// - Parameter slots: a power of two.
    init(slots: Int, placeholder: Value) {
        keys = Array(repeating: .none, count: slots)
        values = Array(repeating: placeholder, count: slots)
    }

    @inline(__always)
    func lookup(_ k: ShortKey) -> Value? {
        let i = k.hash & (keys.count - 1)
        return keys[i] == k ? values[i] : nil
    }

    mutating func store(_ k: ShortKey, _ v: Value) {
        let i = k.hash & (keys.count - 1)
        keys[i] = k
        values[i] = v
    }
}
