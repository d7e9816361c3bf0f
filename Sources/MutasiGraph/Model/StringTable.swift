/// An interned string: repeated text (units, positions, signers, regions, decree numbers) is stored
/// once, and records hold 4-byte ids. At national scale this is what keeps memory proportional to
/// people and decrees rather than to the file.
public struct Symbol: Hashable, Comparable, Sendable {
    public let id: UInt32
    public init(id: UInt32) { self.id = id }
    /// The empty string; every table has it at id 0.
    public static let empty = Symbol(id: 0)
    public var isEmpty: Bool { id == 0 }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.id < b.id }
}

/// Owns the text behind `Symbol`s. Ids are dense, in first-seen order, starting with "" at 0.
public struct StringTable: Sendable {
    public private(set) var strings: [String] = [""]
    private var index: [String: UInt32] = ["": 0]

    public init() {}

    public var count: Int { strings.count }

    @discardableResult
    public mutating func intern(_ s: String) -> Symbol {
        // one hash: the default inserts the next id when `s` is new
        let next = UInt32(strings.count)
        let id = { (v: inout UInt32) in v }(&index[s, default: next])
        if id == next { strings.append(s) }
        return Symbol(id: id)
    }

    /// The symbol of `s` if it was interned, without adding it.
    public func lookup(_ s: String) -> Symbol? {
        index[s].map { Symbol(id: $0) }
    }

    public subscript(_ s: Symbol) -> String { strings[Int(s.id)] }
}
