import Foundation
import MutasiSupport
import MutasiAnalysis

/// The coefficient plot of an event study as SVG in pure Swift: each event month's estimate with
/// its confidence interval, the reference month at zero (hollow), the zero line and the vote's month
/// marked.
package enum EventStudyPlot {
    package static func svg(_ r: EventStudy.Result, title: String? = nil) -> String {
        let e = Markup.escape
        let width = 900.0, height = 420.0, left = 70.0, right = 20.0, top = 50.0, bottom = 60.0
        var points = r.coefficients.map { (k: $0.k, est: $0.estimate, lo: $0.ciLow, hi: $0.ciHigh, reference: false) }
        points.append((r.reference, 0, 0, 0, true))
        points.sort { $0.k < $1.k }
        let kLo = Double(r.windowStart) - 0.5, kHi = Double(r.windowEnd) + 0.5
        var yLo = min(0, points.map(\.lo).min() ?? 0), yHi = max(0, points.map(\.hi).max() ?? 0)
        if yHi - yLo < 1e-12 { yLo -= 1; yHi += 1 }
        let pad = (yHi - yLo) * 0.06
        yLo -= pad; yHi += pad
        func x(_ k: Double) -> Double { left + (width - left - right) * (k - kLo) / (kHi - kLo) }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (yHi - v) / (yHi - yLo) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        let heading = title ?? "Event study: \(r.outcome) around the vote (\(r.estimator == .ols ? "OLS" : "PPML"))"
        s += "<text x=\"\(left)\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(e(heading))</text>\n"
        let level = String(format: "%g", r.confidence * 100)
        s += "<text x=\"\(left)\" y=\"39\" font-size=\"11\" fill=\"#455a64\">\(level)% intervals, errors clustered by region (CR1); n = \(r.n), \(r.regions) regions; reference month \(r.reference); \(r.dropped) incomplete periods left out</text>\n"
        // axes and grid
        let ticks = niceTicks(yLo, yHi)
        for t in ticks {
            s += "<line x1=\"\(left)\" y1=\"\(f(y(t)))\" x2=\"\(width - right)\" y2=\"\(f(y(t)))\" stroke=\"#eceff1\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(f(y(t) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#455a64\">\(e(tickLabel(t)))</text>\n"
        }
        s += "<line x1=\"\(left)\" y1=\"\(f(y(0)))\" x2=\"\(width - right)\" y2=\"\(f(y(0)))\" stroke=\"#90a4ae\"/>\n"
        var k = (r.windowStart / 6) * 6
        while k <= r.windowEnd {
            if k >= r.windowStart {
                s += "<line x1=\"\(f(x(Double(k))))\" y1=\"\(height - bottom)\" x2=\"\(f(x(Double(k))))\" y2=\"\(height - bottom + 4)\" stroke=\"#455a64\"/>"
                s += "<text x=\"\(f(x(Double(k))))\" y=\"\(height - bottom + 16)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#455a64\">\(k)</text>\n"
            }
            k += 6
        }
        s += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#455a64\"/>\n"
        s += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(height - 18)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#263238\">months from the vote\(r.endpoints == .bin ? " (end points bin the months beyond)" : "")</text>\n"
        s += "<text x=\"16\" y=\"\(f((top + height - bottom) / 2))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#263238\" transform=\"rotate(-90 16 \(f((top + height - bottom) / 2)))\">coefficient (\(e(r.outcome)))</text>\n"
        // the vote
        s += "<line x1=\"\(f(x(0)))\" y1=\"\(top)\" x2=\"\(f(x(0)))\" y2=\"\(height - bottom)\" stroke=\"#0b4f8a\" stroke-dasharray=\"5,4\"/>"
        s += "<text x=\"\(f(x(0) + 4))\" y=\"\(top + 12)\" font-size=\"11\" fill=\"#0b4f8a\">vote</text>\n"
        for p in points {
            let px = f(x(Double(p.k)))
            if p.reference {
                s += "<circle cx=\"\(px)\" cy=\"\(f(y(0)))\" r=\"3.5\" fill=\"white\" stroke=\"#37474f\"/>\n"
                continue
            }
            s += "<line x1=\"\(px)\" y1=\"\(f(y(p.lo)))\" x2=\"\(px)\" y2=\"\(f(y(p.hi)))\" stroke=\"#78909c\" stroke-width=\"1.5\"/>"
            s += "<circle cx=\"\(px)\" cy=\"\(f(y(p.est)))\" r=\"3\" fill=\"\(p.k >= 0 ? "#c62828" : "#37474f")\"><title>k = \(p.k): \(String(format: "%.4g", p.est)) [\(String(format: "%.4g", p.lo)), \(String(format: "%.4g", p.hi))]</title></circle>\n"
        }
        return s + "</svg>\n"
    }

    /// About six round steps covering [lo, hi].
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + 1e-12 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    static func tickLabel(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%g", v)
    }
}
