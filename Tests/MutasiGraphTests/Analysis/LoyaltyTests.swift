import Foundation
import Testing
@testable import MutasiGraph

@Suite struct LoyaltyTests {
    func scenario() -> LoyaltyCase {
        var c = LoyaltyCase()
        for p in 0..<40 { c.move(p, "2023-01-10", .mutation, from: "Pelaksana", to: "Pelaksana", signer: "Loser") }
        for p in 0..<6 { c.tie(p, "w", "tim_kampanye") }
        for p in 6..<10 { c.tie(p, "l", "dukungan_dilaporkan") }
        for p in 0..<5 { c.move(p, "2025-06-0\(p + 1)", .promotion, from: "IV.a", to: "III.b") }  // 5 of 6 winner-linked rise
        c.move(20, "2025-06-10", .promotion, from: "IV.a", to: "III.b")                              // one other rises
        c.move(6, "2025-07-01", .nonjob, from: "III.a", to: nil)
        c.move(7, "2025-07-02", .mutation, from: "III.a", to: "Pelaksana")                           // lost the post
        c.move(8, "2025-07-03", .mutation, from: "IV.a", to: "IV.a", toUnit: "Pulau Jauh")           // sent far away
        c.move(9, "2025-07-04", .demotion, from: "III.a", to: "III.b", reason: "Hukuman disiplin berat PP 94/2021")
        c.move(30, "2028-01-01", .promotion, from: "IV.a", to: "III.b")                              // outside the window
        c.move(21, "2024-06-01", .promotion, from: "IV.a", to: "III.b", signer: "Loser")             // derived link to l
        return c
    }

    @Test func flagsWinnerPromotionsAndLoserPushOuts() {
        let c = scenario()
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: c.calendar, ties: c.ties,
                                      units: [UnitInfo(unit: "Pulau Jauh", remote: true)])
        #expect(Set(r.loyalty.map(\.nip)) == Set(c.people[0..<5].map(\.description)))
        #expect(r.loyalty.allSatisfy { $0.linkedTo == "w" && $0.links.first?.relation == "campaign_team" })
        #expect(r.loyalty.first?.daysAfterInauguration == 101)
        #expect(Set(r.retaliation.map(\.nip)) == Set([6, 7, 8].map { c.people[$0].description }))
        #expect(r.retaliation.first { $0.nip == c.people[8].description }?.why == "remote unit")
        #expect(r.sanctions.map(\.nip) == [c.people[9].description])
        #expect(!r.loyalty.contains { $0.nip == c.people[30].description })
    }

    /// An election over every region (`*`) takes its people from all transfers in date order: the
    /// same city's promotions are flagged as for its own election.
    @Test func anElectionOverEveryRegionTestsEveryRegionsTransfers() {
        let c = scenario()
        let own = c.calendar.elections[0]
        let national = ElectionCalendar(
            elections: [Election(id: "pilpres", name: "Pilpres", kind: .national, region: "*",
                                 candidateDeterminationDate: own.candidateDeterminationDate, votingDate: own.votingDate,
                                 inaugurationDate: own.inaugurationDate, candidates: own.candidates, winner: "w")],
            heads: c.calendar.heads)
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: national, ties: c.ties)
        #expect(Set(r.loyalty.map(\.nip)) == Set(c.people[0..<5].map(\.description)))
        #expect(r.loyalty.allSatisfy { $0.election == "pilpres" })
        #expect(r.groupTests.first { $0.event == .promotion }?.linkedWithEvent == 5)
    }

    @Test func groupTestIsExact() {
        let c = scenario()
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: c.calendar, ties: c.ties,
                                      units: [UnitInfo(unit: "Pulau Jauh", remote: true)])
        let promo = r.groupTests.first { $0.event == .promotion }!
        #expect(promo.linked == 6 && promo.linkedWithEvent == 5)
        #expect(promo.other == 34 && promo.otherWithEvent == 1)
        let reference = FisherExactTest(a: 5, b: 1, c: 1, d: 33)
        #expect(promo.pValue == reference.pValue)
        #expect(promo.pValue < 0.001)
        let push = r.groupTests.first { $0.event == .pushedOut }!
        // people 6-9 linked by ties; 21's derived link (promoted by the candidate before the vote)
        // stays out of the group test unless asked for
        #expect(push.linked == 4 && push.linkedWithEvent == 3 && !push.derivedLinksIncluded)
        var o = LoyaltyAnalysis.Options()
        o.derivedLinksInGroupTest = true
        let withDerived = LoyaltyAnalysis(options: o).run(transfers: c.set, calendar: c.calendar, ties: c.ties,
                                                          units: [UnitInfo(unit: "Pulau Jauh", remote: true)])
        let push2 = withDerived.groupTests.first { $0.event == .pushedOut }!
        #expect(push2.linked == 5 && push2.derivedLinksIncluded)
    }

    /// The comparison group is the people in service at the inauguration: moved or seen in the
    /// region in the 24 months before the vote (to the inauguration), not everyone ever moved there.
    @Test func comparisonGroupIsThePeopleInService() {
        var c = scenario()
        let base = c.groupTest(.promotion)
        // 40 people moved in 2023 are in service; someone moved only in 2019 is not, nor is someone
        // first seen after the inauguration, nor a linked person last seen in 2019
        let old = NIP("197001012000011001")!, newcomer = NIP("199901012025011002")!, oldLinked = NIP("197101012000011003")!
        for (nip, date) in [(old, "2019-03-01"), (newcomer, "2025-05-01"), (oldLinked, "2019-03-02")] {
            c.set.transfers.append(Transfer(nip: nip, name: c.set.strings.intern("X"), decreeNo: c.set.strings.intern("SK/X/\(date)"),
                                            decreeDate: Day(iso: date)!, kind: .promotion,
                                            fromEchelon: Echelon(parsing: "IV.a"), toEchelon: Echelon(parsing: "III.b"),
                                            signedBy: c.set.strings.intern("Winner"), region: c.set.strings.intern("Kota A")))
        }
        c.ties.append(Tie(nip: oldLinked, relatedTo: .candidate("w"), relation: TieRelation(parsing: "tim_kampanye"), source: "Bawaslu"))
        let g = c.groupTest(.promotion)
        #expect(g.other == base.other && g.otherWithEvent == base.otherWithEvent)
        #expect(g.linked == base.linked && g.linkedNotInService == 1)
        #expect(g.pValue == base.pValue)
    }

    /// The decree test counts decrees, not people: five linked people promoted by one decree are
    /// weaker evidence than five promoted by five decrees; seeded, so repeatable.
    @Test func decreeTestRespectsDecrees() {
        func withOneDecree(_ one: Bool) -> LoyaltyCase {
            var c = LoyaltyCase()
            for p in 0..<40 { c.move(p, "2023-01-10", .mutation, from: "Pelaksana", to: "Pelaksana", signer: "Loser") }
            for p in 0..<6 { c.tie(p, "w", "tim_kampanye") }
            // 30 ordinary decrees in the window moving the others, and the linked ones once each
            for p in 10..<40 { c.move(p, "2025-0\(3 + p % 6)-\(10 + p % 18)", .mutation, from: "Pelaksana", to: "Pelaksana") }
            for p in 0..<6 { c.move(p, "2025-09-\(10 + p)", .mutation, from: "Pelaksana", to: "Pelaksana") }
            for p in 0..<5 { c.move(p, one ? "2025-06-01" : "2025-06-0\(p + 1)", .promotion, from: "IV.a", to: "III.b") }
            return c
        }
        let spread = withOneDecree(false).groupTest(.promotion), batch = withOneDecree(true).groupTest(.promotion)
        #expect(spread.linkedInEventDecrees == 5 && batch.linkedInEventDecrees == 5)
        #expect(spread.decreesWithEvent == 5 && batch.decreesWithEvent == 1)
        #expect(spread.decreePValue < 0.01)
        #expect(batch.decreePValue > spread.decreePValue)
        // Fisher's test over people cannot tell the two apart
        #expect(spread.pValue == batch.pValue)
        #expect(withOneDecree(true).groupTest(.promotion) == batch)
    }

    /// q-values across elections: Benjamini-Hochberg over the same event's tests.
    @Test func qValuesAcrossElections() {
        let q = WaveDetector.benjaminiHochberg([0.01, 0.04, 0.03, 0.5])
        #expect(zip(q, [0.04, 0.16 / 3, 0.16 / 3, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        let c = scenario()
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: c.calendar, ties: c.ties)
        #expect(r.groupTests.allSatisfy { $0.qValue == $0.pValue })  // one election: q = p
    }

    /// The group test compares people of the election's region: a tie of someone with no transfer
    /// there (moved only in another region, or never moved) is not a linked person of this one.
    @Test func tiesOfPeopleOutsideTheRegionAreNotCounted() {
        var c = scenario()
        let elsewhere = NIP("198501012010011001")!, never = NIP("198601012011011002")!
        c.set.transfers.append(Transfer(nip: elsewhere, name: c.set.strings.intern("Elsewhere"), decreeNo: c.set.strings.intern("SK/B"),
                                        decreeDate: Day(iso: "2025-06-01")!, kind: .promotion,
                                        fromEchelon: Echelon(parsing: "IV.a"), toEchelon: Echelon(parsing: "III.b"),
                                        signedBy: c.set.strings.intern("Winner"), region: c.set.strings.intern("Kota B")))
        c.ties.append(Tie(nip: elsewhere, relatedTo: .candidate("w"), relation: TieRelation(parsing: "tim_kampanye"), source: "Bawaslu"))
        c.ties.append(Tie(nip: never, relatedTo: .candidate("w"), relation: TieRelation(parsing: "tim_kampanye"), source: "Bawaslu"))
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: c.calendar, ties: c.ties)
        let promo = r.groupTests.first { $0.event == .promotion }!
        #expect(promo.linked == 6 && promo.linkedWithEvent == 5)
        #expect(promo.other == 34 && promo.otherWithEvent == 1)
    }

    @Test func derivedLinksAreMarkedAndCanBeTurnedOff() {
        var c = scenario()
        c.move(21, "2025-08-01", .nonjob, from: "III.b", to: nil)
        let r = LoyaltyAnalysis().run(transfers: c.set, calendar: c.calendar, ties: c.ties)
        let f = r.retaliation.first { $0.nip == c.people[21].description }
        #expect(f?.links == [LoyaltyAnalysis.Link(relation: "appointed_by_candidate", source: "SK/2024-06-01", derived: true)])
        var o = LoyaltyAnalysis.Options()
        o.useDerivedLinks = false
        let r2 = LoyaltyAnalysis(options: o).run(transfers: c.set, calendar: c.calendar, ties: c.ties)
        #expect(!r2.retaliation.contains { $0.nip == c.people[21].description })
    }
}

@Suite struct LoyaltyJSONTests {
    /// JSON has no infinity: an infinite odds ratio and an undefined one are both null, told apart
    /// by `oddsRatioNonFinite`.
    @Test func infiniteOddsRatioIsToldApartFromUndefined() throws {
        func json(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws -> [String: Any] {
            let f = FisherExactTest(a: a, b: b, c: c, d: d)
            let g = LoyaltyAnalysis.GroupTest(event: .promotion, election: "e", region: "r", winner: "w", group: ["w"],
                                      linkedWithEvent: a, linked: a + b, otherWithEvent: c, other: c + d,
                                      oddsRatio: f.oddsRatio, ciLow: f.ciLow, ciHigh: f.ciHigh, pValue: f.pValue)
            return try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(g)) as? [String: Any])
        }
        let infinite = try json(5, 0, 2, 10), undefined = try json(0, 0, 3, 10), finite = try json(3, 2, 2, 10)
        #expect(infinite["oddsRatio"] is NSNull && infinite["oddsRatioNonFinite"] as? String == "infinite")
        #expect(undefined["oddsRatio"] is NSNull && undefined["oddsRatioNonFinite"] as? String == "undefined")
        #expect(finite["oddsRatio"] is Double && finite["oddsRatioNonFinite"] == nil)
    }
}
