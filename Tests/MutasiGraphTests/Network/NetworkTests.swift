import Testing
import MutasiGraph

@Suite struct NetworkTests {
    @Test func nodesDedupedEdgesTypedCSRConsistent() throws {
        let text = """
        nip,name,decree_no,decree_date,kind,from_unit,to_unit,to_position,signed_by,region
        198503152010011002,Budi,SK/1,2024-01-17,promosi,Dinas A,Dinas B,Kabid,Wali Kota,Kota A
        198503152010011003,Siti,SK/1,2024-01-17,mutasi,Dinas B,Dinas A,Kasi,Wali Kota,Kota A
        198503152010011002,Budi,SK/2,2025-03-01,non-job,Dinas B,Dinas C,Staf,Pj Wali Kota,Kota A
        """
        let (set, _) = try readTransfers(text)
        let cal = ElectionCalendar(elections: [Election(id: "e", name: "e", kind: .regional, region: "Kota A", votingDate: Day(iso: "2024-11-27")!,
                                                        candidates: [Candidate(id: "c1", name: "Calon Satu")])],
                                   heads: [RegionalHead(region: "Kota A", name: "Wali Kota", role: .elected, from: Day(iso: "2020-01-01")!, candidate: "c1")])
        let ties = [Tie(nip: NIP("198503152010011003")!, relatedTo: .candidate("c1"), relation: .campaignTeam, source: "Bawaslu")]
        let n = Network(transfers: set, ties: ties, calendar: cal)
        #expect(n.nodes(of: .person).count == 2)
        #expect(n.nodes(of: .signer).count == 2)
        #expect(n.nodes(of: .unit).count == 3)
        // the head who ran is one node: the candidate's tie points at the signer node
        #expect(n.nodes(of: .candidate).isEmpty)
        let head = n.nodes(of: .signer).first { n.labels[$0] == "Wali Kota" }!
        #expect(n.candidateOfSigner == [Int32(head): "c1"])
        #expect(n.edgeKinds.filter { $0 == .appointedBy }.count == 3)
        #expect(n.edgeKinds.filter { $0 == .movedTo }.count == 3)
        #expect(n.edgeKinds.filter { $0 == .tie }.count == 1)
        #expect(n.edgeKinds.filter { $0 == .ranAs }.isEmpty)
        #expect(n.offsets.count == n.nodeCount + 1 && n.offsets.last == n.edgeCount)
        #expect(n.targets.allSatisfy { Int($0) < n.nodeCount })
        let budi = n.nodes(of: .person).first { n.labels[$0] == "Budi" }!
        #expect(n.homeUnits[budi] == "Dinas C")
        #expect(n.edges(from: budi).contains { n.edgeMoves[$0] == .nonjob && n.edgeDecrees[$0] == "SK/2" })
        // a tie's source and relation are texts the set does not hold: they read back after its own
        let siti = n.nodes(of: .person).first { n.labels[$0] == "Siti" }!
        let tie = n.edges(from: siti).first { n.edgeKinds[$0] == .tie }!
        #expect(n.edgeDecrees[tie] == "Bawaslu" && n.edgeRelations[tie] == ties[0].relation.name)
        // relations are kept for tie edges only; every other edge reads an empty one
        #expect(n.edgeRelations.count == n.edgeCount && n.labels.count == n.nodeCount && n.homeUnits.count == n.nodeCount)
        #expect(n.edgeKinds.indices.filter { !n.edgeRelations[$0].isEmpty } == [tie])
        #expect(n.nodes(of: .unit).allSatisfy { n.homeUnits[$0].isEmpty })
        #expect(Int(n.targets[tie]) == head)
        #expect(n.edges(from: siti).filter { n.edgeKinds[$0] == .appointedBy }.map { n.edgeDecrees[$0] } == ["SK/1"])
        var o = Network.Options()
        o.includePositions = true
        #expect(Network(transfers: set, options: o).nodes(of: .position).count == 3)
    }

    @Test func unitsArePerRegionAndLabelledWhereTheNameRepeats() throws {
        let text = """
        nip,name,decree_no,decree_date,kind,from_unit,to_unit,signed_by,region
        198503152010011002,Budi,SK/1,2024-01-17,mutasi,Dinas Sosial,Dinas Pendidikan,A,Kota A
        198503152010011003,Siti,SK/2,2024-01-17,mutasi,Dinas Sosial,Inspektorat,B,Kabupaten B
        198503152010011004,Ani,SK/3,2024-01-17,mutasi,Dinas Sosial,Bappeda,C,Kabupaten C
        """
        let (set, _) = try readTransfers(text)
        let n = Network(transfers: set)
        let units = n.nodes(of: .unit).map { n.labels[$0] }.sorted()
        #expect(units == ["Bappeda", "Dinas Pendidikan", "Dinas Sosial (Kabupaten B)", "Dinas Sosial (Kabupaten C)", "Dinas Sosial (Kota A)", "Inspektorat"])
    }

    /// A person's row holds their transfers' edges in file order (appointed-by, moved-from,
    /// moved-to, holds for each), then their ties. 300 rows of 30 people, each person's rows spread
    /// over the whole file, some decrees without a number.
    @Test func eachPersonsEdgesAreInFileOrder() throws {
        var text = "nip,name,decree_no,decree_date,kind,from_unit,to_unit,to_position,signed_by,region\n"
        let start = Day(iso: "2020-01-01")!
        for k in 0..<300 {
            let nip = "1985031520100110\(String(format: "%02d", k % 30 + 1))"
            let decree = k % 11 == 0 ? "" : "SK/\(k)"
            text += "\(nip),P\(k % 30),\(decree),\(start.adding(days: k).iso),mutasi,Dinas \(k % 7),Dinas \((k + 1) % 7),Jabatan \(k % 5),Kepala \(k % 3),Kota A\n"
        }
        let (set, report) = try readTransfers(text)
        #expect(report.recordsAccepted == 300)
        let ties = [Tie(nip: NIP("198503152010011005")!, relatedTo: .person(NIP("198503152010011006")!), relation: .kin, source: "x")]
        var options = Network.Options()
        options.includePositions = true
        let n = Network(transfers: set, ties: ties, options: options)
        for v in n.nodes(of: .person) {
            let mine = set.transfers.filter { $0.nip.description == n.keys[v] }
            var expected: [(Network.EdgeKind, String, String)] = []  // kind, target label, date
            for t in mine {
                expected.append((.appointedBy, set[t.signedBy], t.decreeDate.iso))
                expected.append((.movedFrom, set[t.fromUnit], t.decreeDate.iso))
                expected.append((.movedTo, set[t.toUnit], t.decreeDate.iso))
                expected.append((.holds, set[t.toPosition], t.decreeDate.iso))
            }
            let row = n.edges(from: v).filter { n.edgeKinds[$0] != .tie }
            #expect(row.count == expected.count)
            for (e, x) in zip(row, expected) {
                #expect(n.edgeKinds[e] == x.0 && n.labels[Int(n.targets[e])] == x.1 && n.edgeDates[e]?.iso == x.2, "\(n.keys[v])")
            }
            if n.keys[v] == "198503152010011005" { #expect(n.edgeKinds[n.edges(from: v).last!] == .tie) }
        }
        #expect(n.edgeKinds.filter { $0 == .appointedBy }.count == 300)
    }

    @Test func filters() throws {
        let text = """
        nip,name,decree_no,decree_date,signed_by,region
        198503152010011002,A,SK/1,2024-01-17,X,Kota A
        198503152010011003,B,SK/1,2024-01-17,X,Kota A
        198503152010011004,C,SK/2,2024-02-17,X,Kota A
        198503152010011005,D,SK/9,2024-02-17,Y,Kabupaten B
        """
        let (set, _) = try readTransfers(text)
        #expect(set.filtered(region: "KOTA A").transfers.count == 3)
        #expect(set.filtered(decree: "SK/1").transfers.count == 2)
        #expect(set.ego(of: NIP("198503152010011002")!).transfers.map { set[$0.name] } == ["A", "B"])
    }
}
