import Testing
import MutasiGraph

@Suite struct StatisticsTests {
    /// From scipy 1.17.1 (`scripts/fisher-reference.py`): table, p, conditional MLE OR, CI low, CI high.
    static let reference: [((Int, Int, Int, Int), Double, Double, Double, Double)] = [
        ((7, 2, 3, 40), 2.859957694805603e-05, 39.64792439857198, 5.039832273083675, 560.4865114377876),
        ((9, 7, 20, 580), 2.794264627299417e-09, 36.4470907692219, 10.883826436206219, 128.23164123386383),
        ((0, 5, 10, 30), 0.5714375748408649, 0, 0, 3.897010803311583),
        ((5, 0, 3, 10), 0.0065359477124183, .infinity, 1.700844706367419, .infinity),
        ((1, 1, 1, 1), 1.0, 1.0, 0.006400016357890016, 156.2496006379585),
        ((12, 4, 30, 574), 2.7591411133195847e-12, 56.14253137516936, 15.851689853088986, 253.23457192685916),
        ((3, 9, 2, 600), 5.604564030255287e-05, 94.3616660470752, 9.648907921117384, 1257.7924566117267),
    ]

    static func close(_ x: Double, _ y: Double, rel: Double = 1e-6) -> Bool {
        if x.isInfinite || y.isInfinite { return x == y }
        return abs(x - y) <= rel * max(abs(y), 1e-300) || abs(x - y) < 1e-12
    }

    @Test(arguments: reference.indices)
    func agreesWithScipy(_ i: Int) {
        let ((a, b, c, d), p, or, lo, hi) = Self.reference[i]
        let t = FisherExactTest(a: a, b: b, c: c, d: d)
        #expect(Self.close(t.pValue, p, rel: 1e-9), "p \(t.pValue) vs \(p)")
        #expect(Self.close(t.oddsRatio, or), "OR \(t.oddsRatio) vs \(or)")
        #expect(Self.close(t.ciLow, lo, rel: 1e-5), "low \(t.ciLow) vs \(lo)")
        #expect(Self.close(t.ciHigh, hi, rel: 1e-5), "high \(t.ciHigh) vs \(hi)")
    }

    @Test func degenerateTablesGiveNoEvidence() {
        let t = FisherExactTest(a: 0, b: 0, c: 3, d: 10)
        #expect(t.pValue == 1)
        #expect(t.oddsRatio.isNaN)
    }
}
