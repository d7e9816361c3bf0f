import Foundation

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
