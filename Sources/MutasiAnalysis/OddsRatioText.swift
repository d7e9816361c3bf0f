import Foundation

extension KeyedEncodingContainer {
    /// JSON has no infinity or NaN: an unbounded or undefined value (an odds ratio with an empty
    /// cell, its interval's open end) is written as null.
    mutating func encodeFinite(_ value: Double, forKey key: Key) throws {
        if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Why a value written as null by `encodeFinite` is null, so readers can tell the two apart:
    /// `infinite` (an odds ratio whose group all had the event, or whose other group none did) or
    /// `undefined` (0/0: an empty group). Nothing is written for a finite value.
    mutating func encodeNonFiniteReason(_ value: Double, forKey key: Key) throws {
        if let why = OddsRatioText.nonFinite(value) { try encode(why, forKey: key) }
    }
}

/// How an odds ratio is written wherever it is shown (JSON, text, report, SQLite), so that an
/// infinite one (a zero cell: every event in one group) is never confused with an undefined one
/// (0/0: a group or margin with nothing to compare).
package enum OddsRatioText {
    /// `infinite`, `minus_infinite` or `undefined` for a value that is not finite; nil otherwise.
    package static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "undefined" }
        if value.isInfinite { return value > 0 ? "infinite" : "minus_infinite" }
        return nil
    }

    /// The value with `digits` decimals, or its `nonFinite` label.
    package static func text(_ value: Double, digits: Int = 2) -> String {
        nonFinite(value) ?? String(format: "%.\(digits)f", value)
    }
}
