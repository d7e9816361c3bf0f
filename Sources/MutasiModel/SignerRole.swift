import MutasiSupport

/// What a decree's signer was when they signed: the role of the calendar's head they match, or
/// `unknown` when they match none (written as these words in findings.json and the CSVs).
public enum SignerRole: String, Sendable, Codable, CaseIterable {
    case elected, acting, unknown

    package init(_ head: RegionalHead?) {
        switch head?.role {
        case .elected: self = .elected
        case .acting: self = .acting
        case nil: self = .unknown
        }
    }
}
