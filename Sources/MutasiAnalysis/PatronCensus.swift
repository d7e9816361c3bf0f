import MutasiSupport
import MutasiModel
import MutasiNetwork

/// What each signer did, counted over the transfers in a few passes over arrays: a national file has
/// millions of people and tens of millions of rows, and sets of NIPs per signer spent most of the
/// metrics stage in hashing.
struct PatronCensus {
    /// The signers in order of first appearance, and per signer:
    var signers: [Symbol] = []
    /// distinct people moved by their decrees,
    var clients: [Int] = []
    var promotions: [Int] = []
    var pushOuts: [Int] = []
    /// people whose latest post is JPT in one of the signer's regions,
    var jptHolders: [Int] = []
    /// and how many of those the signer moved at least once.
    var jptHeldByClients: [Int] = []

    init(_ set: TransferSet, people: PersonNumbers) {
        let personOf = people.ofTransfer
        let people = people.count
        let pass = countSigners(set, personOf: personOf, people: people)
        let n = signers.count
        clients = [Int](repeating: 0, count: n)
        jptHolders = [Int](repeating: 0, count: n)
        jptHeldByClients = [Int](repeating: 0, count: n)
        let (start, signerByPerson) = PatronCensus.signersByPerson(set, personOf: personOf, people: people, pass: pass)
        // people whose latest post is JPT, by region
        var jptIn: [Symbol: Int] = [:]
        var latestJPTRegion = [Symbol?](repeating: nil, count: people)
        for p in 0..<people {
            let t = set.transfers[Int(pass.latest[p])]
            if (t.toEchelon?.level).map({ $0 <= .jptPratama }) ?? false {
                jptIn[t.region, default: 0] += 1
                latestJPTRegion[p] = t.region
            }
        }
        for pair in pass.signerRegions {
            jptHolders[Int(pair >> 32)] += jptIn[Symbol(id: UInt32(truncatingIfNeeded: pair))] ?? 0
        }
        var moved: [Int32] = []
        for p in 0..<people {
            moved.removeAll(keepingCapacity: true)
            for j in Int(start[p])..<Int(start[p + 1]) where !moved.contains(signerByPerson[j]) {
                moved.append(signerByPerson[j])
            }
            for k in moved {
                clients[Int(k)] += 1
                if let r = latestJPTRegion[p], pass.signerRegions.contains(UInt64(UInt32(k)) << 32 | UInt64(r.id)) {
                    jptHeldByClients[Int(k)] += 1
                }
            }
        }
    }

    /// What the first pass over the transfers finds besides the signers and their counts.
    struct FirstPass {
        /// Each signer symbol's number, -1 for a symbol that signed nothing.
        var signerOf: [Int32]
        /// Each person's latest transfer (the later row on a tie).
        var latest: [Int32]
        /// Each person's signed transfers, counted at `[p + 1]`.
        var signed: [Int32]
        /// (signer number, region symbol) pairs.
        var signerRegions = Set<UInt64>()
    }

    /// Numbers the signers in order of first appearance and counts their promotions and push-outs.
    mutating func countSigners(_ set: TransferSet, personOf: [Int32], people: Int) -> FirstPass {
        var pass = FirstPass(signerOf: [Int32](repeating: -1, count: set.strings.count),
                             latest: [Int32](repeating: -1, count: people), signed: [Int32](repeating: 0, count: people + 1))
        var lastPair = UInt64.max
        for (i, t) in set.transfers.enumerated() {
            let p = Int(personOf[i])
            if pass.latest[p] < 0 || set.transfers[Int(pass.latest[p])].decreeDate <= t.decreeDate { pass.latest[p] = Int32(i) }
            guard !t.signedBy.isEmpty else { continue }
            pass.signed[p + 1] += 1
            var k = pass.signerOf[Int(t.signedBy.id)]
            if k < 0 {
                k = Int32(signers.count)
                pass.signerOf[Int(t.signedBy.id)] = k
                signers.append(t.signedBy)
                promotions.append(0)
                pushOuts.append(0)
            }
            let pair = UInt64(UInt32(k)) << 32 | UInt64(t.region.id)
            if pair != lastPair { pass.signerRegions.insert(pair); lastPair = pair }
            if Moves.rise(t) != nil { promotions[Int(k)] += 1 }
            if t.kind.isPushOut { pushOuts[Int(k)] += 1 }
        }
        return pass
    }

    /// The signers of each person's transfers, grouped by person: person `p`'s are
    /// `signers[start[p] ..< start[p + 1]]`.
    static func signersByPerson(_ set: TransferSet, personOf: [Int32], people: Int, pass: FirstPass) -> (start: [Int32], signers: [Int32]) {
        var start = pass.signed
        for p in 0..<people { start[p + 1] += start[p] }
        var fill = start
        var signerByPerson = [Int32](repeating: 0, count: Int(start[people]))
        for (i, t) in set.transfers.enumerated() where !t.signedBy.isEmpty {
            let p = Int(personOf[i])
            signerByPerson[Int(fill[p])] = pass.signerOf[Int(t.signedBy.id)]
            fill[p] += 1
        }
        return (start, signerByPerson)
    }
}
