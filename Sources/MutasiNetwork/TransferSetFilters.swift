import MutasiSupport
import MutasiModel

extension TransferSet {
    /// The transfers that satisfy `keep`, sharing this set's strings.
    public func filtered(_ keep: (Transfer) -> Bool) -> TransferSet {
        var out = self
        out.transfers = transfers.filter(keep)
        return out
    }

    /// Transfers in `region` (case, spaces and punctuation ignored).
    public func filtered(region: String) -> TransferSet {
        let key = RegionName.key(region)
        var match: [Symbol: Bool] = [:]
        return filtered { t in
            if let m = match[t.region] { return m }
            let m = RegionName.key(self[t.region]) == key
            match[t.region] = m
            return m
        }
    }

    /// Transfers in the decree numbered `decree`.
    public func filtered(decree: String) -> TransferSet {
        let d = decree.trimmed
        return filtered { self.decreeLabel(of: $0) == d }
    }

    /// An ego network's transfers: the person's own, and those of everyone moved by the same
    /// decrees (at most `maxPerDecree` others per decree, so one 140-person decree stays readable).
    public func ego(of nip: NIP, maxPerDecree: Int = 60) -> TransferSet {
        let decrees = Set(transfers.filter { $0.nip == nip }.map { decreeKey(of: $0) })
        var perDecree: [String: Int] = [:]
        return filtered { t in
            if t.nip == nip { return true }
            let k = decreeKey(of: t)
            guard decrees.contains(k) else { return false }
            perDecree[k, default: 0] += 1
            return perDecree[k]! <= maxPerDecree
        }
    }
}
