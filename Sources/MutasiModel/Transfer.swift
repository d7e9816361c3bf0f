import MutasiSupport

/// One person's move in one decree (SK): a row of the transfer file once validated.
///
/// Text fields are `Symbol`s into the owning `TransferSet`'s string table, so a record is 80
/// bytes whatever the length of the names.
public struct Transfer: Sendable {
    // Declared widest first: Swift lays a struct out in declaration order, and this order leaves
    // one byte of padding (80 bytes, not the 88 of the order the columns come in): 8 bytes less
    // to write and copy a row.
    public var nip: NIP
    public var name: Symbol
    /// Nomor SK, e.g. `821.2/1293/BKPSDM/2024`. Empty when the file has none.
    public var decreeNo: Symbol
    public var fromPosition: Symbol
    public var fromUnit: Symbol
    public var toPosition: Symbol
    public var toUnit: Symbol
    /// The signer (penandatangan / PPK): the patron, matched to the calendar's heads by name.
    public var signedBy: Symbol
    public var region: Symbol
    /// Reference of the Home Minister's written approval (izin Mendagri), empty when none.
    public var approval: Symbol
    /// Alasan, e.g. a discipline sanction under PP 94/2021.
    public var reason: Symbol
    public var source: Symbol
    /// Tanggal SK.
    public var decreeDate: Day
    /// The physical line the row came from (header = 1).
    public var line: UInt32
    /// Extra columns of the row: `TransferSet.attributes[attributeStart ..< attributeStart + attributeCount]`.
    public var attributeStart: UInt32
    /// TMT (terhitung mulai tanggal), when given.
    public var effectiveDate: Day?
    public var kind: TransferKind
    /// True when the file had no kind and it was read from the echelon change.
    public var kindWasInferred: Bool
    public var fromEchelon: Echelon?
    public var toEchelon: Echelon?
    /// The file the row came from: index into `TransferSet.files`.
    public var fileIndex: UInt16
    public var attributeCount: UInt16

    @inlinable public init(
        nip: NIP, name: Symbol = .empty, decreeNo: Symbol = .empty, decreeDate: Day,
        effectiveDate: Day? = nil, kind: TransferKind, kindWasInferred: Bool = false,
        fromPosition: Symbol = .empty, fromUnit: Symbol = .empty, fromEchelon: Echelon? = nil,
        toPosition: Symbol = .empty, toUnit: Symbol = .empty, toEchelon: Echelon? = nil,
        signedBy: Symbol = .empty, region: Symbol = .empty, approval: Symbol = .empty,
        reason: Symbol = .empty, source: Symbol = .empty,
        fileIndex: UInt16 = 0, line: UInt32 = 0, attributeStart: UInt32 = 0, attributeCount: UInt16 = 0
    ) {
        self.nip = nip; self.name = name; self.decreeNo = decreeNo; self.decreeDate = decreeDate
        self.effectiveDate = effectiveDate; self.kind = kind; self.kindWasInferred = kindWasInferred
        self.fromPosition = fromPosition; self.fromUnit = fromUnit; self.fromEchelon = fromEchelon
        self.toPosition = toPosition; self.toUnit = toUnit; self.toEchelon = toEchelon
        self.signedBy = signedBy; self.region = region; self.approval = approval
        self.reason = reason; self.source = source
        self.fileIndex = fileIndex; self.line = line
        self.attributeStart = attributeStart; self.attributeCount = attributeCount
    }

    /// Decree and TMT dates outside this range are typing errors (`0001-01-01`, `9999-12-31`), not
    /// history: the civil service dates from 17 August 1945, and a date far ahead would stretch
    /// every weekly series (and the wave scan over it) across centuries.
    /// (Days since 1970 written out: a `static let` was a lazy global's check and call on every
    /// row of the reader, in another target.)
    @inlinable public static var plausibleDates: ClosedRange<Day> {
        Day(daysSinceEpoch: -8_903)...Day(daysSinceEpoch: 47_846) // 1945-08-17 ... 2100-12-31
    }

    /// The move touches a structural post (JPT, Administrator, Pengawas, V) before or after:
    /// an "official" in the sense of the election rules.
    package var touchesStructuralPost: Bool {
        (fromEchelon?.isStructural ?? false) || (toEchelon?.isStructural ?? false)
    }
}
