/// A regional unit (OPD) from the optional units file.
public struct UnitInfo: Hashable, Sendable {
    public var unit: String
    public var parent: String
    public var category: String
    /// Far from the seat of government: a move there can be a punishment ("dibuang").
    public var remote: Bool

    public init(unit: String, parent: String = "", category: String = "", remote: Bool = false) {
        self.unit = unit; self.parent = parent; self.category = category; self.remote = remote
    }
}
