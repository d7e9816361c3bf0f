import Foundation

/// Student's t distribution: the quantile for confidence intervals.
enum StudentT {
    /// P(T <= t) with `df` degrees of freedom, through the regularised incomplete beta function.
    static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let x = df / (df + t * t)
        let tail = 0.5 * IncompleteBeta.regularized(a: df / 2, b: 0.5, x: x)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with `cdf(t) == p`, by bisection (to 1e-12).
    static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        var lo = -1e3, hi = 1e3
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, degreesOfFreedom: df) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-12 { break }
        }
        return (lo + hi) / 2
    }
}

/// The regularised incomplete beta function I_x(a, b) by its continued fraction (Numerical Recipes 6.4).
enum IncompleteBeta {
    static func regularized(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let front = exp(logGammas + logPowers)
        if x < (a + 1) / (a + b + 2) { return front * fraction(a: a, b: b, x: x) / a }
        return 1 - front * fraction(a: b, b: a, x: 1 - x) / b
    }

    static func fraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            var num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
