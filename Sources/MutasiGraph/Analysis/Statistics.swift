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
public struct FisherExactTest: Sendable, Equatable {
    public let a: Int, b: Int, c: Int, d: Int
    /// Two-sided p-value.
    public let pValue: Double
    /// Conditional MLE of the odds ratio; `.infinity` when every event is in the group, 0 when none is,
    /// nan when a margin is empty (nothing to compare).
    public let oddsRatio: Double
    public let ciLow: Double
    public let ciHigh: Double
    public let confidence: Double

    /// - Complexity: O(min(a+b, a+c)) per evaluation of the distribution, a few hundred evaluations
    ///   for the interval.
    public init(a: Int, b: Int, c: Int, d: Int, confidence: Double = 0.95) {
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

/// Fisher's noncentral hypergeometric distribution of the top-left cell of a 2x2 table with row
/// totals m, n and first column total k.
struct NoncentralHypergeometric {
    let m: Int, n: Int, k: Int
    let lo: Int, hi: Int
    /// log C(m, x) + log C(n, k - x) for x in lo...hi.
    let logWeights: [Double]

    init(m: Int, n: Int, k: Int) {
        self.m = m; self.n = n; self.k = k
        lo = max(0, k - n)
        hi = min(k, m)
        var w: [Double] = []
        if lo <= hi {
            for x in lo...hi {
                w.append(Self.logChoose(m, x) + Self.logChoose(n, k - x))
            }
        }
        logWeights = w
    }

    static func logChoose(_ n: Int, _ r: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(r + 1)) - lgamma(Double(n - r + 1))
    }

    /// Probabilities of lo...hi under odds ratio psi, computed in log space for stability.
    func probabilities(psi: Double) -> [Double] {
        let lp = log(psi)
        var terms = [Double](repeating: 0, count: logWeights.count)
        var maxT = -Double.infinity
        for i in 0..<logWeights.count {
            let x = Double(lo + i)
            let t = logWeights[i] + (psi == 1 ? 0 : x * lp)
            terms[i] = t
            if t > maxT { maxT = t }
        }
        var total = 0.0
        for i in 0..<terms.count {
            terms[i] = exp(terms[i] - maxT)
            total += terms[i]
        }
        return terms.map { $0 / total }
    }

    func cdf(_ x: Int, psi: Double) -> Double {
        if x < lo { return 0 }
        if x >= hi { return 1 }
        let p = probabilities(psi: psi)
        return min(1, p[0...(x - lo)].reduce(0, +))
    }

    func mean(psi: Double) -> Double {
        let p = probabilities(psi: psi)
        var s = 0.0
        for i in 0..<p.count { s += Double(lo + i) * p[i] }
        return s
    }

    func twoSidedP(observed: Int) -> Double {
        let p = probabilities(psi: 1)
        let pObs = p[observed - lo]
        var s = 0.0
        for v in p where v <= pObs * (1 + 1e-7) { s += v }
        return min(1, s)
    }

    func conditionalMLE(observed: Int) -> Double {
        if observed == lo { return 0 }
        if observed == hi { return .infinity }
        return solve(increasingIn: { self.mean(psi: $0) }, target: Double(observed))
    }

    /// The psi at which an increasing function of psi reaches `target`, by bisection on log psi.
    func solve(increasingIn f: (Double) -> Double, target: Double) -> Double {
        var lo = -60.0, hi = 60.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if f(exp(mid)) < target { lo = mid } else { hi = mid }
            if hi - lo < 1e-12 { break }
        }
        return exp((lo + hi) / 2)
    }
}

extension KeyedEncodingContainer {
    /// JSON has no infinity or NaN: an unbounded or undefined value (an odds ratio with an empty
    /// cell, its interval's open end) is written as null.
    mutating func encodeFinite(_ value: Double, forKey key: Key) throws {
        if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Why a value written as null by `encodeFinite` is null, so readers can tell the two apart:
    /// `infinite` (an odds ratio whose group all had the event, or whose other group none did) or
    /// `undefined` (0/0: an empty group). Nothing is written for a finite value.
    mutating func encodeNonFiniteReason(_ value: Double, forKey key: Key) throws {
        if let why = OddsRatioText.nonFinite(value) { try encode(why, forKey: key) }
    }
}

/// How an odds ratio is written wherever it is shown (JSON, text, report, SQLite), so that an
/// infinite one (a zero cell: every event in one group) is never confused with an undefined one
/// (0/0: a group or margin with nothing to compare).
public enum OddsRatioText {
    /// `infinite`, `minus_infinite` or `undefined` for a value that is not finite; nil otherwise.
    public static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "undefined" }
        if value.isInfinite { return value > 0 ? "infinite" : "minus_infinite" }
        return nil
    }

    /// The value with `digits` decimals, or its `nonFinite` label.
    public static func text(_ value: Double, digits: Int = 2) -> String {
        nonFinite(value) ?? String(format: "%.\(digits)f", value)
    }
}
