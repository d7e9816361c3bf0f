import MutasiSupport

/// Who headed a region when: the signer of its decrees (PPK).
public struct RegionalHead: Hashable, Sendable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Elected head (gubernur, bupati, wali kota).
        case elected
        /// Acting head (Pj / Plt), appointed by the Home Minister.
        case acting
    }

    public var region: String
    /// As it appears in the decrees' signedBy column.
    public var name: String
    public var role: Role
    public var from: Day
    /// Inclusive end of term; nil while in office.
    public var to: Day?
    /// The candidate id this person ran as, if they ran.
    public var candidate: String?

    public init(region: String, name: String, role: Role, from: Day, to: Day? = nil, candidate: String? = nil) {
        self.region = region; self.name = name; self.role = role
        self.from = from; self.to = to; self.candidate = candidate
    }

    package func inOffice(on day: Day) -> Bool {
        day >= from && (to.map { day <= $0 } ?? true)
    }
}
