import MutasiSupport

/// An extra column kept from the input: header name and value.
public struct TransferAttribute: Sendable, Hashable {
    public var key: Symbol
    public var value: Symbol
    public init(key: Symbol, value: Symbol) { self.key = key; self.value = value }
}
