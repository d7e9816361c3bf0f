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

    public init(
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
    public static let plausibleDates = Day(year: 1945, month: 8, day: 17)!...Day(year: 2100, month: 12, day: 31)!

    /// The move touches a structural post (JPT, Administrator, Pengawas, V) before or after:
    /// an "official" in the sense of the election rules.
    public var touchesStructuralPost: Bool {
        (fromEchelon?.isStructural ?? false) || (toEchelon?.isStructural ?? false)
    }
}

/// An extra column kept from the input: header name and value.
public struct TransferAttribute: Sendable, Hashable {
    public var key: Symbol
    public var value: Symbol
    public init(key: Symbol, value: Symbol) { self.key = key; self.value = value }
}

/// Validated transfers from one or more files, with the strings they share.
public struct TransferSet: Sendable {
    public var strings = StringTable()
    public var transfers: [Transfer] = []
    public var attributes: [TransferAttribute] = []
    /// The files read, in order; `Transfer.fileIndex` points here.
    public var files: [String] = []

    public init() {}

    public subscript(_ s: Symbol) -> String { strings[s] }

    /// Empties the set, keeping the memory of its arrays and tables for the next use.
    package mutating func removeAllKeepingCapacity() {
        strings.removeAllKeepingCapacity()
        transfers.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        files.removeAll()
    }

    public func attributes(of t: Transfer) -> [(key: String, value: String)] {
        let r = Int(t.attributeStart) ..< Int(t.attributeStart) + Int(t.attributeCount)
        return attributes[r].map { (strings[$0.key], strings[$0.value]) }
    }

    /// What identifies a decree: its region and number, or when a file has no numbers, the region,
    /// date and signer (one signing on one day is read as one decree). Regions number their decrees
    /// independently (`821.2/0001/BKPSDM/2024` exists in many), so the region is part of the key.
    public func decreeKey(of t: Transfer) -> String {
        if !t.decreeNo.isEmpty { return "\(strings[t.region])\u{1F}\(strings[t.decreeNo])" }
        return "\(strings[t.region])\u{1F}\(t.decreeDate.iso) \(strings[t.signedBy])"
    }

    /// The same identity as `decreeKey(of:)`, without building strings: for each transfer the number
    /// of its decree (0, 1, 2… in order of first appearance), and how many decrees there are.
    ///
    /// An open-addressing table of the identities packed in two words (region and number, or region,
    /// date and signer): a national file has millions of decrees, and a `Dictionary` of them spent
    /// seconds in SipHash and in rehashing as it grew.
    public func decreeNumbers() -> (ofTransfer: [Int32], count: Int) {
        @inline(__always) func key(_ t: Transfer) -> (UInt64, UInt64) {
            t.decreeNo.isEmpty
                ? (UInt64(t.region.id) << 32, UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id))
                : (UInt64(t.region.id) << 32 | UInt64(t.decreeNo.id), UInt64.max)
        }
        var capacity = 1024
        while capacity < transfers.count { capacity <<= 1 }  // decrees <= transfers: at most half full
        capacity <<= 1
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var keys: [(UInt64, UInt64)] = []
        var out = [Int32](repeating: 0, count: transfers.count)
        for (i, t) in transfers.enumerated() {
            let k = key(t)
            var h = (k.0 &* 0x9E37_79B9_7F4A_7C15) ^ (k.1 &* 0xBF58_476D_1CE4_E5B9)
            h ^= h >> 31
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = slots[s]
                if e < 0 {
                    slots[s] = Int32(keys.count)
                    out[i] = Int32(keys.count)
                    keys.append(k)
                    break
                }
                if keys[Int(e)] == k { out[i] = e; break }
                s = (s + 1) & mask
            }
        }
        return (out, keys.count)
    }

    /// How many different people (NIPs) the transfers name.
    public func personCount() -> Int { personNumbers().count }

    /// Each transfer's person as a number (see `PersonNumbers`).
    public func personNumbers() -> PersonNumbers {
        var people = KeyNumbering(capacity: transfers.count / 2)
        var out = [Int32](repeating: 0, count: transfers.count)
        out.withUnsafeMutableBufferPointer { out in
            for (i, t) in transfers.enumerated() { out[i] = people.number(t.nip.value) }
        }
        return PersonNumbers(ofTransfer: out, nips: people.keys.map(NIP.init(value:)))
    }

    /// The rows of each region symbol, in file order: two counting passes over arrays, where a
    /// dictionary of row lists cost tens of millions of hashes and appends on a national file.
    package func rowsByRegion() -> RegionRows {
        var slot = [Int32](repeating: 0, count: strings.count)
        for t in transfers { slot[Int(t.region.id)] += 1 }
        var regions: [Symbol] = [], start = [0]
        for id in slot.indices where slot[id] > 0 {
            start.append(start[start.count - 1] + Int(slot[id]))
            slot[id] = Int32(regions.count)
            regions.append(Symbol(id: UInt32(id)))
        }
        var fill = start
        var rows = [Int](repeating: 0, count: transfers.count)
        for (i, t) in transfers.enumerated() {
            let r = Int(slot[Int(t.region.id)])
            rows[fill[r]] = i
            fill[r] += 1
        }
        return RegionRows(regions: regions, start: start, rows: rows)
    }

    /// How a decree is shown to people: its number, or the date and signer when it has none.
    public func decreeLabel(of t: Transfer) -> String {
        if !t.decreeNo.isEmpty { return strings[t.decreeNo] }
        return "\(t.decreeDate.iso) \(strings[t.signedBy])"
    }

    /// "file:line" of a record, for evidence.
    public func origin(of t: Transfer) -> String {
        let f = Int(t.fileIndex) < files.count ? files[Int(t.fileIndex)] : "?"
        return "\(f):\(t.line)"
    }
}

/// The rows of a set grouped by region symbol (`TransferSet.rowsByRegion()`).
package struct RegionRows {
    /// Every region symbol that has rows, in symbol order.
    package let regions: [Symbol]
    /// Region `r`'s rows are `rows[start[r] ..< start[r + 1]]`, in file order.
    let start: [Int]
    let rows: [Int]

    package func rows(of r: Int) -> ArraySlice<Int> { rows[start[r]..<start[r + 1]] }
}

/// For each transfer of a set the number of its person (0, 1, 2… in order of first appearance), and
/// the NIP of each number: lets a national analysis keep per-person data in arrays, not in
/// dictionaries of millions of NIPs. Worked out once (`TransferSet.personNumbers()`) and handed to
/// the network and its metrics.
public struct PersonNumbers: Sendable {
    public let ofTransfer: [Int32]
    public let nips: [NIP]
    public var count: Int { nips.count }
}
