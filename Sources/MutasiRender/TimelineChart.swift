import Foundation
import MutasiSupport
import MutasiModel
import MutasiAnalysis

/// Weekly moves per region against the election calendar, as SVG written in pure Swift (no
/// script): one row per region, votes marked, rule windows shaded, waves highlighted. A bar counts
/// transfer rows, as the wave scan does: a person moved twice in a week counts twice. Every text
/// from input is escaped.
public enum TimelineChart {
    /// The chart's own words, so a report in Bahasa Indonesia has an Indonesian chart.
    public struct Labels: Sendable {
        public var title = "Weekly moves", perWeek = "moves per week", wave = "wave", window = "rule window"
        public var vote = "vote", max = "max %d moves/week", some = " (the %d of %d regions with the most waves and violations)"
        /// Penetapan pasangan calon: the day candidates are determined, anchor of Pasal 71's window.
        public var determination = "candidates determined"
        public init() {}
        public static let indonesian: Labels = {
            var l = Labels()
            l.title = "Jumlah mutasi per minggu"; l.perWeek = "mutasi per minggu"; l.wave = "gelombang"
            l.window = "masa larangan"; l.vote = "pemungutan suara"; l.max = "maks. %d mutasi/minggu"
            l.some = " (%d dari %d daerah dengan gelombang dan pelanggaran terbanyak)"
            l.determination = "penetapan paslon"
            return l
        }()
    }

    /// Rows drawn at most; above, the regions with the most waves and violations.
    package static let maxRegions = 40

    public static func svg(transfers set: TransferSet, calendar: ElectionCalendar?, waves: [Wave], flags: [LegalFlag],
                           labels: Labels = Labels()) -> String {
        guard let first = set.transfers.lazy.map(\.decreeDate).min(), let last = set.transfers.lazy.map(\.decreeDate).max() else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"40\"><text x=\"10\" y=\"25\">no transfers</text></svg>"
        }
        let chart = Chart(set, first: first, last: last, calendar: calendar, waves: waves, flags: flags, labels: labels)
        let (regions, title) = chart.regionsShown()
        let rows = regions.map { chart.row($0) }
        let height = chart.top + rows.reduce(0) { $0 + $1.height } + 10
        var s = chart.head(title: title, height: height)
        var y0 = chart.top
        for row in rows {
            s += chart.draw(row, at: y0)
            y0 += row.height
        }
        return s + "</svg>\n"
    }

    /// A chart's frame (years from the first transfer's to the last's, across 1,200 points) and
    /// what it draws: weekly counts by region, each region's flags and waves, the elections.
    struct Chart {
        let start: Day, end: Day
        let width = 1200.0, left = 190.0, right = 20.0, top = 58.0
        var plotW: Double { width - left - right }
        let span: Double
        let labels: Labels
        let byRegion: [String: [Day: Int]]
        var flagsOf: [String: [LegalFlag]] = [:], wavesOf: [String: [Wave]] = [:]
        let lookup: CalendarLookup?

        init(_ set: TransferSet, first: Day, last: Day, calendar: ElectionCalendar?, waves: [Wave], flags: [LegalFlag], labels: Labels) {
            start = Day(year: first.year, month: 1, day: 1)!; end = Day(year: last.year, month: 12, day: 31)!
            span = Double(start.days(to: end))
            self.labels = labels
            byRegion = Chart.weeklyCounts(set)
            for f in flags { flagsOf[RegionName.key(f.region), default: []].append(f) }
            for w in waves { wavesOf[RegionName.key(w.region), default: []].append(w) }
            lookup = calendar.map { CalendarLookup($0) }
        }

        func x(_ d: Day) -> Double { left + plotW * Double(start.days(to: d)) / span }

        /// Moves (transfer rows) per region and week (weeks start on the weekday 0). Rows come in runs of
        /// one region and week: each run is added once, by symbol, and the regions are named at
        /// the end (a national file has tens of millions of rows).
        static func weeklyCounts(_ set: TransferSet) -> [String: [Day: Int]] {
            var bySymbol: [Symbol: [Day: Int]] = [:]
            var runRegion = Symbol.empty, runWeek: Day? = nil, runCount = 0
            func endRun() { if let w = runWeek { bySymbol[runRegion, default: [:]][w, default: 0] += runCount } }
            for t in set.transfers {
                let wk = t.decreeDate.adding(days: -t.decreeDate.weekday)
                if t.region != runRegion || wk != runWeek { endRun(); runRegion = t.region; runWeek = wk; runCount = 0 }
                runCount += 1
            }
            endRun()
            var byRegion: [String: [Day: Int]] = [:]
            for (r, weeks) in bySymbol { byRegion[set[r]] = weeks }
            return byRegion
        }

        /// The regions drawn, and the title. A national picture shows the regions with the most
        /// findings, not 500 rows nobody reads.
        func regionsShown() -> ([String], String) {
            var regions = byRegion.keys.sorted()
            var title = labels.title
            if regions.count > maxRegions {
                var weight: [String: (waves: Int, violations: Int)] = [:]
                for r in regions {
                    let k = RegionName.key(r)
                    weight[r] = (wavesOf[k]?.count ?? 0, flagsOf[k]?.filter { $0.status == .violation }.count ?? 0)
                }
                let total = regions.count
                regions = Array(regions.sorted { (weight[$0]!.waves, weight[$0]!.violations, $1) > (weight[$1]!.waves, weight[$1]!.violations, $0) }
                    .prefix(maxRegions)).sorted()
                title += String(format: labels.some, regions.count, total)
            }
            return (regions, title)
        }

        struct Row { var region: String; var windows: [Lanes.Placed]; var events: [Lanes.Placed]; var height: Double }

        /// A region's row, its labels laid out in lanes first, so the row is as tall as its lanes need.
        func row(_ region: String) -> Row {
            var windows = Lanes(), events = Lanes()
            windows.limit = width - 2; events.limit = width - 2
            var seen = Set<String>()
            for f in flagsOf[RegionName.key(region)] ?? [] {
                let key = "\(f.rule) \(f.windowStart) \(f.windowEnd?.iso ?? "")"
                // an open window (a term with no end in the calendar) is drawn to the chart's end
                guard seen.insert(key).inserted else { continue }
                let a = f.windowStart, b = f.windowEnd ?? end
                let xa = max(left, x(a)), xb = min(width - right, x(b))
                guard xb > xa else { continue }
                windows.place(text: f.rule, x: xa + 3, width: max(textWidth(f.rule, size: 8) + 6, 0), extent: (xa, xb), colour: "#b3261e")
            }
            for el in lookup?.elections(in: region) ?? [] {
                if el.votingDate >= start && el.votingDate <= end {
                    let text = "\(labels.vote) \(el.votingDate.iso) · \(el.name)"
                    events.place(text: text, x: x(el.votingDate), width: textWidth(text, size: 8) + 6, extent: (x(el.votingDate), x(el.votingDate)), colour: "#0b4f8a")
                }
                if let d = el.candidateDeterminationDate, d >= start && d <= end {
                    let text = "\(labels.determination) \(d.iso)"
                    events.place(text: text, x: x(d), width: textWidth(text, size: 8) + 6, extent: (x(d), x(d)), colour: "#ef6c00")
                }
            }
            let height = 20 + Double(windows.count) * 10 + 86 + 16 + Double(events.count) * 11 + 8
            return Row(region: region, windows: windows.placed, events: events.placed, height: height)
        }

        /// The picture's opening: size, background, title and legend.
        func head(title: String, height: Double) -> String {
            let e = Markup.escape
            var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            s += "<text x=\"\(left)\" y=\"22\" font-size=\"16\" font-weight=\"bold\">\(e(title))</text>\n"
            let legend: [(String, String, Double)] = [("#90a4ae", labels.perWeek, 1), ("#c62828", labels.wave, 1), ("#fdecea", labels.window, 1),
                                                       ("#0b4f8a", labels.vote, 1), ("#ef6c00", labels.determination, 1)]
            var lx = left
            for (colour, text, _) in legend {
                s += "<rect x=\"\(lx)\" y=\"32\" width=\"12\" height=\"10\" fill=\"\(colour)\" stroke=\"#cfd8dc\"/><text x=\"\(lx + 16)\" y=\"41\" font-size=\"11\" fill=\"#455a64\">\(e(text))</text>\n"
                lx += 8 + 16 + textWidth(text, size: 11) + 14
            }
            return s
        }

        /// A region's row with its top at `y0`: name and peak, rule windows, weekly bars (red in a
        /// wave), wave sizes, votes and determinations, the axis with its years.
        func draw(_ row: Row, at y0: Double) -> String {
            let e = Markup.escape
            let region = row.region
            let windowsTop = y0 + 20, plotTop = windowsTop + Double(Set(row.windows.map(\.lane)).count) * 10
            let base = plotTop + 86
            let counts = byRegion[region]!
            let peak = Double(counts.values.max() ?? 1)
            var s = "<g>\n<text x=\"10\" y=\"\(y0 + 20)\" font-size=\"12\" font-weight=\"bold\">\(e(region))</text>\n"
            s += "<text x=\"10\" y=\"\(y0 + 36)\" font-size=\"10\" fill=\"#5b6470\">\(e(String(format: labels.max, Int(peak))))</text>\n"
            // rule windows: a band from the label's lane to the axis, labels in lanes that never overlap
            for w in row.windows {
                let ly = windowsTop + Double(w.lane) * 10
                s += "<rect x=\"\(w.extent.0)\" y=\"\(ly - 8)\" width=\"\(w.extent.1 - w.extent.0)\" height=\"\(base - ly + 8)\" fill=\"#fdecea\" fill-opacity=\"0.45\"/>"
                s += "<text x=\"\(w.x)\" y=\"\(ly)\" font-size=\"8\" fill=\"\(w.colour)\">\(e(w.text))</text>\n"
            }
            s += bars(region, counts: counts, peak: peak, plotTop: plotTop, base: base)
            s += events(row.events, plotTop: plotTop, base: base)
            s += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(width - right)\" y2=\"\(base)\" stroke=\"#455a64\"/>\n"
            for year in start.year...end.year {
                let xy = x(Day(year: year, month: 1, day: 1)!)
                s += "<line x1=\"\(xy)\" y1=\"\(base)\" x2=\"\(xy)\" y2=\"\(base + 4)\" stroke=\"#455a64\"/><text x=\"\(xy + 2)\" y=\"\(base + 14)\" font-size=\"10\" fill=\"#455a64\">\(year)</text>\n"
            }
            return s + "</g>\n"
        }

        /// The weekly bars, red in a wave, and each wave's size over its start.
        func bars(_ region: String, counts: [Day: Int], peak: Double, plotTop: Double, base: Double) -> String {
            var s = ""
            let regionWaves = wavesOf[RegionName.key(region)] ?? []
            let waveWeeks = regionWaves.map { w in DayRange(start: w.start.adding(days: -w.start.weekday), end: w.end) }
            let barW = max(1.0, plotW * 7 / span - 0.3)
            let barTop = plotTop + 14
            for (wk, c) in counts.sorted(by: { $0.key < $1.key }) {
                let h = (base - barTop) * Double(c) / peak
                let inWave = waveWeeks.contains { $0.contains(wk) }
                s += "<rect x=\"\(x(wk))\" y=\"\(base - h)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(inWave ? "#c62828" : "#90a4ae")\"/>"
            }
            s += "\n"
            for w in regionWaves {
                let a = w.start
                s += "<text x=\"\(x(a))\" y=\"\(base - (base - barTop) * min(1, Double(w.persons) / peak) - 4)\" font-size=\"10\" fill=\"#c62828\" text-anchor=\"middle\">\(w.persons)</text>\n"
            }
            return s
        }

        /// Votes and candidate determinations: a line through the plot, the label in its lane below
        /// the axis. Lines first, labels over them with a white halo, so no line crosses a label's text.
        func events(_ events: [Lanes.Placed], plotTop: Double, base: Double) -> String {
            var s = ""
            let eventsTop = base + 26
            for ev in events {
                let ly = eventsTop + Double(ev.lane) * 11
                let dash = ev.colour == "#ef6c00" ? "2 2" : "4 2"
                s += "<line x1=\"\(ev.extent.0)\" y1=\"\(plotTop)\" x2=\"\(ev.extent.0)\" y2=\"\(ly - 8)\" stroke=\"\(ev.colour)\" stroke-width=\"1.3\" stroke-dasharray=\"\(dash)\"/>"
            }
            for ev in events {
                let ly = eventsTop + Double(ev.lane) * 11
                s += "<text x=\"\(ev.x + 2)\" y=\"\(ly)\" font-size=\"8\" fill=\"\(ev.colour)\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">\(Markup.escape(ev.text))</text>\n"
            }
            return s
        }
    }
}
