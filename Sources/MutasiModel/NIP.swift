/// A civil servant's identity number (Nomor Induk Pegawai): 18 digits,
/// birth date `YYYYMMDD` + first appointment `YYYYMM` + sex (1/2) + a 3-digit sequence.
///
/// Stored as one `UInt64` (18 digits fit), so people can be keyed and sorted without strings.
public struct NIP: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: UInt64

    @inlinable public init(value: UInt64) { self.value = value }

    /// What is wrong with a candidate NIP; `nil` from `check` means it is valid.
    public enum Problem: Error, Sendable, Equatable {
        /// Not exactly 18 ASCII digits.
        case notEighteenDigits(count: Int)
        /// The first 8 digits are not a real birth date.
        case impossibleBirthDate(String)
    }

    /// Parses and validates. Digits 13-14 that are not a month are accepted (PPPK numbers) and
    /// reported by `appointmentMonthIsValid`.
    @inlinable public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<NIP, Problem> {
        guard bytes.count == 18 else {
            return .failure(.notEighteenDigits(count: bytes.count))
        }
        // eight digits at a time in a 64-bit word: every row read has a NIP, and a loop over its
        // digits was a good part of the row's work
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        guard let high = ASCIIDigits.eight(raw.loadUnaligned(as: UInt64.self)),
              let middle = ASCIIDigits.eight(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
              case let d16 = bytes[16] &- 48, d16 <= 9, case let d17 = bytes[17] &- 48, d17 <= 9 else {
            return .failure(.notEighteenDigits(count: bytes.count))
        }
        let nip = NIP(value: high &* 10_000_000_000 &+ middle &* 100 &+ UInt64(d16) &* 10 &+ UInt64(d17))
        guard Day.isReal(year: nip.birthYear, month: nip.birthMonth, day: nip.birthDay) else {
            return .failure(.impossibleBirthDate(String(nip.description.prefix(8))))
        }
        return .success(nip)
    }

    public static func parse(_ text: String) -> Result<NIP, Problem> {
        var t = text
        return t.withUTF8 { parse($0) }
    }

    /// Nil when `text` is not a valid NIP.
    public init?(_ text: String) {
        guard case let .success(n) = NIP.parse(text) else { return nil }
        self = n
    }

    // digits of the 18-digit form, by division by constants (which compile to multiplications):
    // every row read checks them
    @inlinable var birthYear: Int { Int(value / 100_000_000_000_000) }
    @inlinable var birthMonth: Int { Int(value / 1_000_000_000_000 % 100) }
    @inlinable var birthDay: Int { Int(value / 10_000_000_000 % 100) }

    /// The birth date in digits 1-8, nil if it is not a real date.
    public var birthDate: Day? {
        Day(year: birthYear, month: birthMonth, day: birthDay)
    }

    /// Digits 13-14 are a month (1-12). PPPK (contract) numbers need not satisfy this.
    @inlinable public var appointmentMonthIsValid: Bool {
        let m = Int(value / 10_000 % 100)
        return m >= 1 && m <= 12
    }

    /// Digit 15, the holder's sex, is 1 (male) or 2 (female).
    @inlinable public var sexDigitIsValid: Bool {
        let d = value / 1_000 % 10
        return d == 1 || d == 2
    }

    /// The appointment month (digits 9-14, `YYYYMM`) is before the month of the 18th birthday:
    /// no one is appointed a civil servant that young.
    @inlinable public var appointedBeforeEighteen: Bool {
        let appointed = Int(value / 10_000 % 1_000_000)
        return (appointed / 100) * 12 + appointed % 100 < (birthYear + 18) * 12 + birthMonth
    }

    /// The 18-digit form, with leading zeros kept.
    public var description: String {
        let s = String(value)
        return String(repeating: "0", count: max(0, 18 - s.count)) + s
    }

    @inlinable public static func < (a: NIP, b: NIP) -> Bool { a.value < b.value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let n = NIP(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a valid 18-digit NIP: '\(s)'")
        }
        self = n
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
