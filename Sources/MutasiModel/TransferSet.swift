@_spi(Inlining) import MutasiSupport

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

    package func attributes(of t: Transfer) -> [(key: String, value: String)] {
        let r = Int(t.attributeStart) ..< Int(t.attributeStart) + Int(t.attributeCount)
        return attributes[r].map { (strings[$0.key], strings[$0.value]) }
    }

    /// What identifies a decree: its region and number, or when a file has no numbers, the region,
    /// date and signer (one signing on one day is read as one decree). Regions number their decrees
    /// independently (`821.2/0001/BKPSDM/2024` exists in many), so the region is part of the key.
    package func decreeKey(of t: Transfer) -> String {
        if !t.decreeNo.isEmpty { return "\(strings[t.region])\u{1F}\(strings[t.decreeNo])" }
        return "\(strings[t.region])\u{1F}\(t.decreeDate.iso) \(strings[t.signedBy])"
    }

    /// The same identity as `decreeKey(of:)`, without building strings: for each transfer the number
    /// of its decree (0, 1, 2… in order of first appearance), and how many decrees there are.
    ///
    /// An `OpenTable` of the identities packed in two words (region and number, or region, date and
    /// signer): a national file has millions of decrees, and a `Dictionary` of them spent seconds in
    /// SipHash and in rehashing as it grew.
    package func decreeNumbers() -> (ofTransfer: [Int32], count: Int) {
        @inline(__always) func key(_ t: Transfer) -> (UInt64, UInt64) {
            t.decreeNo.isEmpty
                ? (UInt64(t.region.id) << 32, UInt64(UInt32(bitPattern: t.decreeDate.daysSinceEpoch)) << 32 | UInt64(t.signedBy.id))
                : (UInt64(t.region.id) << 32 | UInt64(t.decreeNo.id), UInt64.max)
        }
        // room for a decree per two rows before growing: a decree moves one person or many, and a
        // table sized for a decree per row is fresh memory the kernel must clear (512 MB at 20 M rows)
        var index = OpenTable(capacity: transfers.count / 2, minimumSlots: 1024)
        var keys: [(UInt64, UInt64)] = []
        var out = [Int32](repeating: 0, count: transfers.count)
        for (i, t) in transfers.enumerated() {
            let k = key(t)
            let h = FastHash.words(k.0, k.1)
            switch keys.withUnsafeBufferPointer({ keys in index.find(hash: h) { keys[Int($0)] == k } }) {
            case .found(let n): out[i] = Int32(n)
            case .absent(let slot):
                out[i] = Int32(keys.count)
                keys.append(k)
                if index.insert(UInt32(keys.count - 1), hash: h, at: slot) {
                    let keys = keys
                    index.grow { FastHash.words(keys[Int($0)].0, keys[Int($0)].1) }
                }
            }
        }
        return (out, keys.count)
    }

    /// How many different people (NIPs) the transfers name.
    public func personCount() -> Int { personNumbers().count }

    /// Each transfer's person as a number (see `PersonNumbers`).
    package func personNumbers() -> PersonNumbers {
        var people = KeyNumbering(capacity: transfers.count / 2)
        var out = [Int32](repeating: 0, count: transfers.count)
        let ahead = KeyNumbering.prefetchDistance, pays = people.prefetchPays
        out.withUnsafeMutableBufferPointer { out in
            transfers.withUnsafeBufferPointer { ts in
                for i in ts.indices {
                    if pays, i + ahead < ts.count { people.prefetch(ts[i + ahead].nip.value) }
                    out[i] = people.number(ts[i].nip.value)
                }
            }
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
    package func decreeLabel(of t: Transfer) -> String {
        if !t.decreeNo.isEmpty { return strings[t.decreeNo] }
        return "\(t.decreeDate.iso) \(strings[t.signedBy])"
    }

    /// "file:line" of a record, for evidence.
    package func origin(of t: Transfer) -> String {
        let f = Int(t.fileIndex) < files.count ? files[Int(t.fileIndex)] : "?"
        return "\(f):\(t.line)"
    }
}
