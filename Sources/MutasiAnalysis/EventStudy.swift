import Foundation

/// An event study of an outcome per region and month around each region's vote: the outcome
/// regressed on event-time dummies with region, calendar-month and (when votes fall in different
/// years) year fixed effects, and standard errors clustered by region (CR1, as Stata's and
/// statsmodels' `cov_type="cluster"`).
///
/// Event time k is the period's month minus the vote's month (`-Panel.Row.monthsToVote`). Months
/// beyond the window are binned into its end points (k below the window counts as its first month,
/// above as its last) unless `Options.endpoints` is `.drop`; the reference month has no dummy.
/// Incomplete periods and rows with no vote are left out and counted.
///
/// All regressors are 0/1 dummies, so X'X is counted, not multiplied; it is solved by Cholesky in
/// Double, dropping a column whose pivot falls below 1e-9 of its diagonal (collinear, reported in
/// `omitted`). Poisson pseudo-maximum likelihood (PPML) is fitted by iteratively reweighted least
/// squares on the same design, after dropping observations whose dummy has no positive outcome
/// (separated: their fixed effect would be minus infinity).
package struct EventStudy: Sendable {
    package enum Estimator: String, Sendable, Codable, CaseIterable { case ols, poisson }
    /// What happens to months outside the window.
    package enum Endpoints: String, Sendable, Codable, CaseIterable {
        /// Binned into the window's first and last month.
        case bin
        /// Left out (counted in `Result.outsideWindow`).
        case drop
    }

    package struct Options: Sendable {
        package var window: ClosedRange<Int> = -24...23
        /// The event month without a dummy: the coefficients are differences from it.
        package var reference = -1
        package var estimator: Estimator = .ols
        package var endpoints: Endpoints = .bin
        package var confidence = 0.95
        package init() {}
    }

    /// One region in one month.
    package struct Observation: Sendable {
        package var region: String
        /// `Panel.index(of:by: .month)`: `year * 12 + month - 1`.
        package var month: Int
        /// Month minus the vote's month; nil when the region has no vote.
        package var eventTime: Int?
        package var outcome: Double
        package var complete: Bool
        package init(region: String, month: Int, eventTime: Int?, outcome: Double, complete: Bool) {
            self.region = region; self.month = month; self.eventTime = eventTime; self.outcome = outcome; self.complete = complete
        }
    }

    package struct Coefficient: Sendable, Codable, Equatable {
        /// Event month.
        package var k: Int
        package var estimate: Double
        package var se: Double
        package var ciLow: Double
        package var ciHigh: Double
    }

    package struct Result: Sendable, Codable {
        package var estimator: Estimator
        package var outcome: String
        /// One per event month of the window but the reference (and those omitted as collinear).
        package var coefficients: [Coefficient]
        /// Observations in the fit.
        package var n: Int
        /// Regions (clusters) in the fit.
        package var regions: Int
        package var reference: Int
        package var windowStart: Int
        package var windowEnd: Int
        package var endpoints: Endpoints
        /// Incomplete periods left out.
        package var dropped: Int
        /// Rows of regions with no vote, left out.
        package var noVote: Int
        /// Rows outside the window left out (`endpoints == .drop`).
        package var outsideWindow: Int
        /// PPML: observations left out as separated (their dummy's outcomes all zero).
        package var separated: Int
        package var yearFixedEffects: Bool
        /// Parameters, fixed effects included (the K of the small-sample factor).
        package var parameters: Int
        /// Regressors dropped as collinear, by name.
        package var omitted: [String]
        /// The intervals' level.
        package var confidence: Double
        /// The t quantile of the intervals: t with regions - 1 degrees of freedom, as Stata.
        package var criticalValue: Double
        /// PPML: IRLS iterations.
        package var iterations: Int
    }

    package enum FitError: Error, CustomStringConvertible, Equatable {
        case tooFewRegions(Int)
        case tooFewObservations(n: Int, parameters: Int)
        case noConvergence(iterations: Int)
        case badOption(String)
        package var description: String {
            switch self {
            case .tooFewRegions(let g): return "\(g) region(s) with a vote and complete periods: clustered errors need at least 2"
            case .tooFewObservations(let n, let k): return "\(n) observations for \(k) parameters: nothing left to estimate the errors"
            case .noConvergence(let i): return "PPML did not converge in \(i) iterations"
            case .badOption(let s): return s
            }
        }
    }

    package var options: Options
    package init(options: Options = Options()) { self.options = options }

    /// The observations of a panel (monthly) with `outcome` as the outcome (a `Panel.columns` count).
    package static func observations(_ panel: Panel, outcome: String) -> [Observation]? {
        guard let value = Panel.count(outcome) else { return nil }
        return panel.rows.map { r in
            Observation(region: r.region, month: Panel.index(of: r.periodStart, by: .month), eventTime: r.monthsToVote.map { -$0 },
                        outcome: Double(value(r)), complete: r.complete)
        }
    }

    /// Fits the model.
    /// - Complexity: O(N * d^2 + K^3) for N observations with d = 3 or 4 dummies each and K parameters.
    package func fit(_ observations: [Observation], outcome: String = "outcome") throws(FitError) -> Result {
        let o = options
        guard o.window.contains(o.reference) else { throw .badOption("the reference month \(o.reference) is outside the window \(o.window)") }
        let sample = Sample(observations, options: o)
        var design = Design(sample, options: o)
        let separated = o.estimator == .poisson ? design.dropSeparated() : 0
        let omitted = design.keepIndependentColumns()
        let K = design.parameters, N = design.rows.count
        let G = Set(design.cluster).count
        guard G >= 2 else { throw .tooFewRegions(G) }
        guard N > K else { throw .tooFewObservations(n: N, parameters: K) }
        let estimate = try o.estimator == .ols ? design.leastSquares() : design.poissonPML()
        let t = StudentT.quantile(0.5 + o.confidence / 2, degreesOfFreedom: Double(G - 1))
        let coefficients = design.clusteredCoefficients(estimate, window: o.window, clusters: G, criticalValue: t)
        return Result(estimator: o.estimator, outcome: outcome, coefficients: coefficients, n: N, regions: G, reference: o.reference,
                      windowStart: o.window.lowerBound, windowEnd: o.window.upperBound, endpoints: o.endpoints,
                      dropped: sample.dropped, noVote: sample.noVote, outsideWindow: sample.outside, separated: separated,
                      yearFixedEffects: sample.yearFixedEffects, parameters: K, omitted: omitted, confidence: o.confidence,
                      criticalValue: t, iterations: estimate.iterations)
    }

    /// The observations that enter the fit, with event time binned or dropped at the window's ends,
    /// and counts of those left out.
    struct Sample {
        var rows: [(region: Int, month: Int, k: Int, y: Double)] = []
        var regionNames: [String] = []
        var dropped = 0, noVote = 0, outside = 0
        /// Year fixed effects, when the votes (month - k, before binning) fall in different years.
        var yearFixedEffects = false

        init(_ observations: [Observation], options o: Options) {
            var regionIndex: [String: Int] = [:]
            for ob in observations {
                guard ob.complete else { dropped += 1; continue }
                guard let k = ob.eventTime else { noVote += 1; continue }
                var kk = k
                if !o.window.contains(k) {
                    if o.endpoints == .drop { outside += 1; continue }
                    kk = min(max(k, o.window.lowerBound), o.window.upperBound)
                }
                let r: Int
                if let known = regionIndex[ob.region] { r = known } else {
                    r = regionNames.count; regionIndex[ob.region] = r; regionNames.append(ob.region)
                }
                rows.append((r, ob.month, kk, ob.outcome))
            }
            var voteYears = Set<Int>()
            for ob in observations where ob.complete { if let k = ob.eventTime { voteYears.insert((ob.month - k) / 12) } }
            yearFixedEffects = voteYears.count > 1
        }
    }

    /// The design: every row is a set of 0/1 columns (intercept, region, calendar month, year,
    /// event month), with its outcome and its cluster.
    struct Design {
        var names = ["intercept"]
        /// The column of each event month that has one.
        var eventCol: [Int: Int] = [:]
        var rows: [[Int]]
        var y: [Double]
        var cluster: [Int]
        let regionCount: Int
        /// Each column's place among those kept, -1 when left out (`keepIndependentColumns`).
        var position: [Int] = []
        /// The columns kept: K.
        var parameters = 0

        init(_ sample: Sample, options o: Options) {
            let rows = sample.rows
            regionCount = sample.regionNames.count
            var regionCol = [Int](repeating: -1, count: regionCount)
            for r in sample.regionNames.indices.dropFirst() { regionCol[r] = names.count; names.append("region=\(sample.regionNames[r])") }
            var monthCol = [Int](repeating: -1, count: 12)
            let monthsPresent = Set(rows.map { $0.month % 12 }).sorted()
            for m in monthsPresent.dropFirst() { monthCol[m] = names.count; names.append("month=\(m + 1)") }
            var yearCol: [Int: Int] = [:]
            if sample.yearFixedEffects {
                for y in Set(rows.map { $0.month / 12 }).sorted().dropFirst() { yearCol[y] = names.count; names.append("year=\(y)") }
            }
            for k in o.window where k != o.reference { eventCol[k] = names.count; names.append("k=\(k)") }
            let eventCol = self.eventCol
            self.rows = rows.map { row in
                var c = [0]
                if regionCol[row.region] >= 0 { c.append(regionCol[row.region]) }
                if monthCol[row.month % 12] >= 0 { c.append(monthCol[row.month % 12]) }
                if let y = yearCol[row.month / 12] { c.append(y) }
                if let e = eventCol[row.k] { c.append(e) }
                return c
            }
            y = rows.map(\.y)
            cluster = rows.map(\.region)
        }

        /// PPML: a dummy whose rows have no positive outcome has a fixed effect of minus infinity;
        /// those rows say nothing and go (repeated, as dropping rows can separate another dummy).
        /// Returns the rows dropped.
        mutating func dropSeparated() -> Int {
            var separated = 0
            while true {
                var total = [Double](repeating: 0, count: names.count), count = [Int](repeating: 0, count: names.count)
                for (i, cols) in rows.enumerated() { for c in cols { total[c] += y[i]; count[c] += 1 } }
                let bad = Set(names.indices.filter { $0 > 0 && count[$0] > 0 && total[$0] <= 0 })
                guard !bad.isEmpty else { break }
                let rest = rows.indices.filter { !rows[$0].contains(where: bad.contains) }
                separated += rows.count - rest.count
                rows = rest.map { rows[$0] }; y = rest.map { y[$0] }; cluster = rest.map { cluster[$0] }
            }
            return separated
        }

        /// Leaves out the columns no row uses, then collinear ones, and renumbers the rows' columns
        /// to those kept; returns the names of the columns left out that matter (used or event months).
        mutating func keepIndependentColumns() -> [String] {
            var used = [Bool](repeating: false, count: names.count)
            for cols in rows { for c in cols { used[c] = true } }
            let xtx = EventStudy.crossProduct(rows, weights: nil, size: names.count)
            let kept = EventStudy.independentColumns(xtx, candidates: names.indices.filter { used[$0] })
            position = [Int](repeating: -1, count: names.count)
            for (p, c) in kept.enumerated() { position[c] = p }
            parameters = kept.count
            let position = self.position
            let omitted = names.indices.filter { position[$0] < 0 && (used[$0] || names[$0].hasPrefix("k=")) }.map { names[$0] }
            rows = rows.map { $0.compactMap { position[$0] >= 0 ? position[$0] : nil } }
            return omitted
        }

        /// Coefficients, fitted means, and X'WX at the solution.
        struct Estimate {
            var beta: [Double]
            var mu: [Double]
            var xtx: [Double]
            var iterations = 0
        }

        func leastSquares() -> Estimate {
            let K = parameters, N = rows.count
            let xtx = EventStudy.crossProduct(rows, weights: nil, size: K)
            var xty = [Double](repeating: 0, count: K)
            for (i, cols) in rows.enumerated() { for c in cols { xty[c] += y[i] } }
            let beta = EventStudy.solve(xtx, xty, K)
            var mu = [Double](repeating: 0, count: N)
            for i in 0..<N { mu[i] = rows[i].reduce(0) { $0 + beta[$1] } }
            return Estimate(beta: beta, mu: mu, xtx: xtx)
        }

        /// Poisson pseudo-maximum likelihood by iteratively reweighted least squares, until the
        /// deviance changes by under 1e-12 of itself.
        func poissonPML() throws(FitError) -> Estimate {
            let K = parameters, N = rows.count
            var beta = [Double](repeating: 0, count: K)
            let mean = y.reduce(0, +) / Double(N)
            var mu = y.map { ($0 + mean) / 2 }
            var eta = mu.map { log($0) }
            var deviance = Double.infinity
            var iterations = 0
            while true {
                iterations += 1
                let xtx = EventStudy.crossProduct(rows, weights: mu, size: K)
                var xtz = [Double](repeating: 0, count: K)
                for (i, cols) in rows.enumerated() {
                    let z = eta[i] + (y[i] - mu[i]) / mu[i]
                    for c in cols { xtz[c] += mu[i] * z }
                }
                beta = EventStudy.solve(xtx, xtz, K)
                for i in 0..<N { eta[i] = rows[i].reduce(0) { $0 + beta[$1] }; mu[i] = exp(eta[i]) }
                var d = 0.0
                for i in 0..<N { d += 2 * ((y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i])) }
                if abs(d - deviance) <= 1e-12 * (abs(d) + 1) { break }
                deviance = d
                guard iterations < 200 else { throw .noConvergence(iterations: iterations) }
            }
            return Estimate(beta: beta, mu: mu, xtx: EventStudy.crossProduct(rows, weights: mu, size: K), iterations: iterations)
        }

        /// The event months' coefficients with cluster-robust (CR1) errors: a sandwich of the bread
        /// (X'WX)^-1's rows of the event dummies and the meat summed per region.
        func clusteredCoefficients(_ e: Estimate, window: ClosedRange<Int>, clusters G: Int, criticalValue t: Double) -> [Coefficient] {
            let K = parameters, N = rows.count
            let eventPositions = window.compactMap { k -> (Int, Int)? in
                guard let c = eventCol[k], position[c] >= 0 else { return nil }
                return (k, position[c])
            }
            let L = EventStudy.cholesky(e.xtx, K)
            let breadRows = eventPositions.map { (_, p) -> [Double] in
                var unit = [Double](repeating: 0, count: K); unit[p] = 1
                return EventStudy.solve(cholesky: L, unit, K)
            }
            var score = [[Double]](repeating: [Double](repeating: 0, count: K), count: regionCount)
            for i in 0..<N {
                let u = y[i] - e.mu[i]
                for c in rows[i] { score[cluster[i]][c] += u }
            }
            let factor = Double(G) / Double(G - 1) * Double(N - 1) / Double(N - K)
            var variance = [Double](repeating: 0, count: eventPositions.count)
            for s in score {
                for (j, b) in breadRows.enumerated() {
                    var v = 0.0
                    for c in 0..<K { v += b[c] * s[c] }
                    variance[j] += v * v
                }
            }
            return eventPositions.enumerated().map { (j, ep) -> Coefficient in
                let se = (variance[j] * factor).squareRoot()
                return Coefficient(k: ep.0, estimate: e.beta[ep.1], se: se, ciLow: e.beta[ep.1] - t * se, ciHigh: e.beta[ep.1] + t * se)
            }
        }
    }

    /// X'WX of 0/1 rows (a row is the list of its columns), K × K row-major.
    static func crossProduct(_ design: [[Int]], weights: [Double]?, size K: Int) -> [Double] {
        var a = [Double](repeating: 0, count: K * K)
        for (i, cols) in design.enumerated() {
            let w = weights?[i] ?? 1
            for c in cols { for d in cols { a[c * K + d] += w } }
        }
        return a
    }

    /// The candidate columns that are linearly independent, in order: a Cholesky factorisation that
    /// skips a column whose pivot is below 1e-9 of its diagonal.
    static func independentColumns(_ a: [Double], candidates: [Int]) -> [Int] {
        let K = Int(Double(a.count).squareRoot())
        var kept: [Int] = []
        var L: [[Double]] = []  // rows of the factor for the kept columns
        for c in candidates {
            var row = [Double](repeating: 0, count: kept.count)
            for (j, d) in kept.enumerated() {
                var s = a[c * K + d]
                for m in 0..<j { s -= row[m] * L[j][m] }
                row[j] = s / L[j][j]
            }
            let pivot = a[c * K + c] - row.reduce(0) { $0 + $1 * $1 }
            guard pivot > 1e-9 * a[c * K + c], pivot > 0 else { continue }
            row.append(pivot.squareRoot())
            kept.append(c)
            L.append(row)
        }
        return kept
    }

    /// Lower Cholesky factor of a symmetric positive definite K × K matrix, row-major.
    static func cholesky(_ a: [Double], _ K: Int) -> [Double] {
        var L = [Double](repeating: 0, count: K * K)
        for i in 0..<K {
            for j in 0...i {
                var s = a[i * K + j]
                for m in 0..<j { s -= L[i * K + m] * L[j * K + m] }
                L[i * K + j] = i == j ? max(s, .leastNonzeroMagnitude).squareRoot() : s / L[j * K + j]
            }
        }
        return L
    }

    static func solve(cholesky L: [Double], _ b: [Double], _ K: Int) -> [Double] {
        var z = b
        for i in 0..<K {
            var s = z[i]
            for m in 0..<i { s -= L[i * K + m] * z[m] }
            z[i] = s / L[i * K + i]
        }
        for i in stride(from: K - 1, through: 0, by: -1) {
            var s = z[i]
            for m in (i + 1)..<max(i + 1, K) { s -= L[m * K + i] * z[m] }
            z[i] = s / L[i * K + i]
        }
        return z
    }

    static func solve(_ a: [Double], _ b: [Double], _ K: Int) -> [Double] {
        solve(cholesky: cholesky(a, K), b, K)
    }
}
