import Foundation
import Testing
@testable import MutasiGraph

/// An infinite odds ratio (a zero cell) and an undefined one (0/0) are told apart with the same
/// labels in the sanctions JSON, the loyalty JSON and the text outputs.
@Suite struct OddsRatioLabelTests {
    func sanctionsJSON(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws -> [String: Any] {
        let f = FisherExactTest(a: a, b: b, c: c, d: d)
        let g = SanctionFollowUp.GroupTest(election: "e", region: "r", winner: "w", head: nil, headCandidate: nil,
                                           winnerSupporters: a + b, winnerSanctioned: a, winnerPromotedInstead: 0,
                                           otherSupporters: c + d, otherSanctioned: c, otherPromotedInstead: 0, pendingLeftOut: 0,
                                           oddsRatio: f.oddsRatio, ciLow: f.ciLow, ciHigh: f.ciHigh, pValue: f.pValue)
        return try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(g)) as? [String: Any])
    }

    @Test func sanctionsJSONSaysWhyAnOddsRatioIsNull() throws {
        // every sanction among the winner's supporters: infinite; nobody on the winner's side: undefined
        let infinite = try sanctionsJSON(4, 0, 1, 9), undefined = try sanctionsJSON(0, 0, 2, 9), finite = try sanctionsJSON(2, 3, 1, 9)
        #expect(infinite["oddsRatio"] is NSNull && infinite["oddsRatioNonFinite"] as? String == "infinite")
        #expect(undefined["oddsRatio"] is NSNull && undefined["oddsRatioNonFinite"] as? String == "undefined")
        #expect(finite["oddsRatio"] is Double && finite["oddsRatioNonFinite"] == nil)
    }

    @Test func textLabelsAreTheJSONLabels() {
        #expect(OddsRatioText.text(FisherExactTest(a: 4, b: 0, c: 1, d: 9).oddsRatio) == "infinite")
        #expect(OddsRatioText.text(FisherExactTest(a: 0, b: 0, c: 2, d: 9).oddsRatio) == "undefined")
        #expect(OddsRatioText.text(2.345) == "2.35" && OddsRatioText.text(0) == "0.00")
        #expect(OddsRatioText.nonFinite(1.5) == nil)
    }
}
