import Foundation
import Testing
import MutasiGraph

@Suite struct NetworkMetricsTests {
    @Test func patronsOfTheExample() throws {
        let (set, _) = try TransferReader.read(paths: [Example.city])
        let ties = try TieReader.read(path: Example.path("ties.csv")).0
        let cal = try CalendarReader.read(path: Example.path("elections.yaml"))
        let n = Network(transfers: set, ties: ties, calendar: cal)
        let m = try NetworkMetrics(network: n, transfers: set, seed: 7)
        // every decree of the city is signed by one of its heads in the calendar (make_example.py)
        #expect(m.patrons.count == Set(cal.heads.filter { $0.region == "Kota Tanjung Kelapa" }.map(\.name)).count)
        let pj = try #require(m.patrons.first)
        #expect(pj.signer == "Drs. Hendra Kusuma, M.Si." && pj.candidate == nil)   // the acting head moved the most people
        let mayor = try #require(m.patrons.first { $0.candidate == "sulastri" })
        // at least the planted promotions to eselon II (truth.json's loyalty); people she moved
        // between eselon II posts count too
        #expect(mayor.jptHeldByClients >= Example.truth.loyalty.count)
        #expect(abs(m.nodes.map(\.pageRank).reduce(0, +) - 1) < 1e-9)
        #expect(m.modularity > 0.3 && m.betweennessExact)
        #expect(m.brokers.contains { $0.kind == "signer" })
        let again = try NetworkMetrics(network: n, transfers: set, seed: 7)
        #expect(again.nodes.map(\.community) == m.nodes.map(\.community))
    }

    /// The patrons, counted in arrays for national files, are what their definitions give when
    /// counted the obvious way with sets, on a planted case with promotions to JPT in several regions.
    @Test func patronCountsFollowTheirDefinitions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-patrons-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = Synth.Options()
        o.regions = 3; o.seed = 5; o.plantLoyalty = true
        _ = try Synth.write(o, to: dir)
        let (set, _) = try TransferReader.read(paths: [dir + "/transfers.csv"])
        let m = try NetworkMetrics(network: Network(transfers: set), transfers: set, seed: 1)

        var latest: [NIP: Transfer] = [:]
        var clients: [String: Set<NIP>] = [:], regions: [String: Set<String>] = [:]
        var promotions: [String: Int] = [:], pushOuts: [String: Int] = [:]
        for t in set.transfers {
            if latest[t.nip].map({ $0.decreeDate <= t.decreeDate }) ?? true { latest[t.nip] = t }
            let s = set[t.signedBy]
            guard !s.isEmpty else { continue }
            clients[s, default: []].insert(t.nip)
            regions[s, default: []].insert(set[t.region])
            if Moves.rise(t) != nil { promotions[s, default: 0] += 1 }
            if t.kind.isPushOut { pushOuts[s, default: 0] += 1 }
        }
        let jpt = latest.values.filter { ($0.toEchelon?.level).map { $0 <= .jptPratama } ?? false }
        #expect(m.patrons.count == clients.count)
        var anyHeld = false
        for p in m.patrons {
            let holders = jpt.filter { regions[p.signer]!.contains(set[$0.region]) }
            let held = holders.filter { clients[p.signer]!.contains($0.nip) }.count
            #expect(p.clients == clients[p.signer]!.count, "\(p.signer)")
            #expect(p.promotionsGiven == promotions[p.signer, default: 0] && p.pushOutsGiven == pushOuts[p.signer, default: 0])
            #expect(p.jptHeldByClients == held && p.jptShare == (holders.isEmpty ? 0 : Double(held) / Double(holders.count)))
            anyHeld = anyHeld || held > 0
        }
        #expect(anyHeld)
        #expect(m.patrons.map(\.clients) == m.patrons.map(\.clients).sorted(by: >))
    }

    /// A JPT holder counts for a signer only in the regions the signer signs in: P2 was promoted by
    /// the regent of X, then moved within JPT by the regent of Y, so P2 is Y's holder, not X's.
    @Test func jptHoldersCountOnlyInTheSignersRegions() throws {
        let csv = """
        NIP;Nama;Nomor SK;Tanggal SK;Jenis Mutasi;Eselon Lama;Eselon Baru;Penandatangan;Daerah
        198001012005011001;P1;SK/1;01/02/2020;promosi;III.a;II.b;Bupati A;Kab X
        198101012006011002;P2;SK/1;01/02/2020;promosi;III.a;II.b;Bupati A;Kab X
        198201012007011003;P3;SK/10;01/04/2021;promosi;III.a;II.a;Bupati B;Kab Y
        198101012006011002;P2;SK/9;01/03/2021;mutasi;II.b;II.b;Bupati B;Kab Y
        198301012008011004;P4;SK/2;01/05/2020;mutasi;III.b;III.b;Bupati A;Kab X
        """
        var set = TransferSet()
        let report = try TransferReader.read(bytes: Array(csv.utf8), name: "t.csv", into: &set)
        #expect(report.recordsAccepted == 5)
        let m = try NetworkMetrics(network: Network(transfers: set), transfers: set, seed: 1)
        let a = try #require(m.patrons.first { $0.signer == "Bupati A" })
        let b = try #require(m.patrons.first { $0.signer == "Bupati B" })
        #expect((a.clients, a.promotionsGiven, a.jptHeldByClients, a.jptShare) == (3, 2, 1, 1.0))
        #expect((b.clients, b.promotionsGiven, b.jptHeldByClients, b.jptShare) == (2, 1, 2, 1.0))
    }

    /// Person numbers: one per NIP, in order of first appearance, and handing them to the network
    /// builds the same network as letting it work them out.
    @Test func personNumbersAreOnePerNIPInOrderOfAppearance() throws {
        let (set, _) = try TransferReader.read(paths: [Example.city])
        let ties = try TieReader.read(path: Example.path("ties.csv")).0
        let people = set.personNumbers()
        var firstSeen: [NIP] = []
        for t in set.transfers where !firstSeen.contains(t.nip) { firstSeen.append(t.nip) }
        #expect(people.nips == firstSeen && people.count == set.personCount())
        #expect(set.transfers.indices.allSatisfy { people.nips[Int(people.ofTransfer[$0])] == set.transfers[$0].nip })
        // every person of the decrees and of the ties is one node, keyed by NIP, whatever the numbering
        let n = Network(transfers: set, ties: ties, people: people)
        var named = Set(set.transfers.map(\.nip.description))
        for tie in ties {
            named.insert(tie.nip.description)
            if case .person(let other) = tie.relatedTo { named.insert(other.description) }
        }
        let personKeys = n.nodes(of: .person).map { n.keys[$0] }
        #expect(personKeys.count == named.count && Set(personKeys) == named)
        #expect(named.count > people.count)  // the ties name people in no decree
    }
}
