import Foundation

/// Exact inference for a 2x2 table, for the small counts loyalty tests see (a dozen linked people,
/// a handful promoted), where normal approximations (chi-square, Woolf's logit interval) mislead.
///
/// ```
///              event   no event
///   group       a         b
///   others      c         d
/// ```
/// Conditioning on the margins, `a` follows Fisher's noncentral hypergeometric distribution with
/// parameter psi, the odds ratio. The p-value is Fisher's exact test (two-sided, summing tables no
/// more likely than the observed one, with R's 1e-7 relative tolerance); the estimate is the
/// conditional maximum-likelihood odds ratio and the interval is the exact (Cornfield) one, as in
/// R's `fisher.test` and scipy's `odds_ratio(kind="conditional")`.
package struct FisherExactTest: Sendable, Equatable {
    package let a: Int, b: Int, c: Int, d: Int
    /// Two-sided p-value.
    package let pValue: Double
    /// Conditional MLE of the odds ratio; `.infinity` when every event is in the group, 0 when none is,
    /// nan when a margin is empty (nothing to compare).
    package let oddsRatio: Double
    package let ciLow: Double
    package let ciHigh: Double
    package let confidence: Double

    /// - Complexity: O(min(a+b, a+c)) per evaluation of the distribution, a few hundred evaluations
    ///   for the interval.
    package init(a: Int, b: Int, c: Int, d: Int, confidence: Double = 0.95) {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "counts are non-negative")
        self.a = a; self.b = b; self.c = c; self.d = d
        self.confidence = confidence
        let dist = NoncentralHypergeometric(m: a + b, n: c + d, k: a + c)
        guard dist.lo < dist.hi else {
            // one table only: no evidence either way
            pValue = 1; oddsRatio = .nan; ciLow = 0; ciHigh = .infinity
            return
        }
        pValue = dist.twoSidedP(observed: a)
        oddsRatio = dist.conditionalMLE(observed: a)
        let alpha = (1 - confidence) / 2
        ciLow = a == dist.lo ? 0 : dist.solve(increasingIn: { 1 - dist.cdf(a - 1, psi: $0) }, target: alpha)
        ciHigh = a == dist.hi ? .infinity : dist.solve(increasingIn: { 1 - dist.cdf(a, psi: $0) }, target: 1 - alpha)
    }
}
