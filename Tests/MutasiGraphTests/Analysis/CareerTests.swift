import Testing
import MutasiGraph

@Suite struct CareerTests {
    @Test func timelineInDateOrderWithSignerRoleAndTies() throws {
        var c = LoyaltyCase()
        c.move(3, "2025-06-01", .promotion, from: "IV.a", to: "III.b")
        c.move(3, "2023-01-10", .mutation, from: "Pelaksana", to: "IV.a", signer: "Loser")
        c.move(4, "2025-06-01", .promotion, from: "IV.a", to: "III.b")
        c.tie(3, "w", "tim_kampanye")
        c.ties.append(Tie(nip: c.people[5], relatedTo: .person(c.people[3]), relation: .kin, source: "akta"))
        let career = try #require(Career(nip: c.people[3], transfers: c.set, ties: c.ties, calendar: c.calendar))
        #expect(career.steps.map(\.date) == ["2023-01-10", "2025-06-01"])
        #expect(career.steps[0].signerRole == .elected)
        #expect(career.steps[0].signerCandidate == "l")
        #expect(career.steps[1].decreeSize == 2)
        #expect(career.steps[1].toEchelon == "III.b")
        #expect(career.ties.map(\.direction) == ["outgoing", "incoming"])
        #expect(career.ties[0].relatedName == "Winner")
        #expect(Career(nip: c.people[39], transfers: c.set) == nil)
    }
}
