import Foundation
import MutasiSupport
import MutasiModel
import MutasiAnalysis
import MutasiNetwork

/// Writes a realistic synthetic case with ground truth (`mutasi synth`): regions with an echelon
/// ladder, routine January/July rounds and single moves, elected heads and the 2024 calendar, ties,
/// and optionally planted waves (before the 2024 vote, without approval) and loyalty-linked moves
/// (after the inauguration). Rows are streamed to the file, so national sizes fit in memory.
public enum Synth {
    public struct Options: Sendable {
        public var regions = 10
        public var years = 6
        public var seed: UInt64 = 1
        public var peoplePerRegion = 400
        public var plantWaves = false
        public var plantLoyalty = false
        public init() {}
    }

    public struct Truth: Sendable, Codable {
        public struct PlantedWave: Sendable, Codable { public var region: String; public var decree: String; public var date: String; public var persons: Int }
        public var waves: [PlantedWave] = []
        /// Decrees (number) planted in a rule window without approval.
        public var violations: [String] = []
        public var loyalty: [String] = []
        public var retaliation: [String] = []
        public var rows = 0
    }

    static let units = ["Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Dinas Sosial",
                        "Badan Keuangan Daerah", "BKPSDM", "Inspektorat", "Kecamatan Kota", "Kecamatan Pesisir",
                        "Kecamatan Pulau Terluar", "UPTD Puskesmas Pulau"]
    static let remote: Set<String> = ["Kecamatan Pulau Terluar", "UPTD Puskesmas Pulau"]
    static let first = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Joko", "Eko", "Maya", "Tuti", "Hasan", "Indah", "Wahyu", "Nur", "Fajar"]
    static let last = ["Saputra", "Wijaya", "Hidayat", "Pratama", "Kusuma", "Santoso", "Lubis", "Harahap", "Utami", "Rahman"]
    static let ladder = ["II.b", "III.a", "III.b", "IV.a", "Pelaksana"]

    /// Writes transfers.csv, elections.yaml, ties.csv, units.csv and truth.json into `dir`.
    @discardableResult
    public static func write(_ o: Options, to dir: String) throws -> Truth {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var rng = SeededGenerator(seed: o.seed)
        var truth = Truth()
        let out = try RowStream(path: dir + "/transfers.csv")
        out.write("nip,name,decree_no,decree_date,effective_date,kind,from_position,from_unit,from_echelon,to_position,to_unit,to_echelon,signed_by,region,approval,reason,source\n")
        var calendar = "elections:\n  - {id: pemilu-2024, name: Pemilu 2024, kind: national, region: \"*\", voting_date: 2024-02-14}\n"
        var heads = "heads:\n"
        var ties = "nip,related_to,relation,since,until,source\n"
        var unitsCSV = "unit,parent,category,remote\n"
        for r in 0..<o.regions {
            // one generator and one truth run through all regions, in region order
            var g = RegionSynth(r, options: o, rng: rng, truth: truth, out: out)
            unitsCSV += g.unitsCSV
            calendar += g.calendarEntry
            heads += g.headLines
            g.routineRounds()
            g.singleMoves()
            if o.plantWaves { g.plantWave() }
            if o.plantLoyalty { g.plantLoyalty() }
            rng = g.rng
            truth = g.truth
            ties += g.ties
        }
        try out.close()
        try OutputFile.write(calendar + heads, to: dir + "/elections.yaml")
        try OutputFile.write(ties, to: dir + "/ties.csv")
        try OutputFile.write(unitsCSV, to: dir + "/units.csv")
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(enc.encode(truth), to: dir + "/truth.json")
        return truth
    }

    /// One region's people, heads and moves, written in the order the generator draws them.
    struct RegionSynth {
        struct Person { var nip: String; var name: String; var unit: String; var echelon: String }

        let r: Int
        let o: Options
        let region: String
        var rng: SeededGenerator
        var truth: Truth
        let out: RowStream
        var people: [Person] = []
        let incumbent: String, challenger: String
        let winner: String, loser: String, newHead: String
        let inauguration = Day(iso: "2025-02-20")!
        let firstYear: Int
        let start: Day, end = Day(iso: "2026-10-31")!
        /// The region's units.csv rows, election (elections.yaml) and heads, and ties.csv rows.
        var unitsCSV = "", calendarEntry = "", headLines = "", ties = ""
        /// Decrees numbered so far.
        private var seq = 0

        init(_ r: Int, options o: Options, rng: SeededGenerator, truth: Truth, out: RowStream) {
            self.r = r; self.o = o; self.rng = rng; self.truth = truth; self.out = out
            region = "Kabupaten Sintetis \(r + 1)"
            firstYear = 2026 - o.years + 1
            start = Day(year: firstYear, month: 1, day: 1)!
            for u in units { unitsCSV += "\(u),\(region),\(u.hasPrefix("Kecamatan") ? "kecamatan" : "opd"),\(remote.contains(u))\n" }
            for i in 0..<o.peoplePerRegion { people.append(RegionSynth.person(i, r: r, rng: &self.rng)) }
            incumbent = "H. Kepala \(r + 1), S.E."; challenger = "Dr. Penantang \(r + 1)"
            let winnerIsChallenger = self.rng.nextInt(below: 2) == 0
            winner = winnerIsChallenger ? "r\(r + 1)-chal" : "r\(r + 1)-inc"
            loser = winnerIsChallenger ? "r\(r + 1)-inc" : "r\(r + 1)-chal"
            newHead = winnerIsChallenger ? challenger : incumbent
            calendarEntry = """
              - id: pilkada-2024-r\(r + 1)
                kind: regional
                region: \(region)
                candidate_determination_date: 2024-09-22
                voting_date: 2024-11-27
                inauguration_date: 2025-02-20
                candidates:
                  - {id: r\(r + 1)-inc, name: "\(incumbent)", incumbent: true}
                  - {id: r\(r + 1)-chal, name: "\(challenger)"}
                winner: \(winner)

            """
            headLines = "  - {region: \(region), name: \"\(incumbent)\", role: elected, from: 2019-02-20, to: 2025-02-19, candidate: r\(r + 1)-inc}\n"
            headLines += "  - {region: \(region), name: \"\(newHead)\", role: elected, from: 2025-02-20, candidate: \(winner)}\n"
        }

        /// Person `i` of region `r`: a NIP from a drawn birth date, a name, a unit, an echelon by rank.
        static func person(_ i: Int, r: Int, rng: inout SeededGenerator) -> Person {
            let y = 1965 + rng.nextInt(below: 30), m = 1 + rng.nextInt(below: 12), d = 1 + rng.nextInt(below: 28)
            let nip = String(format: "%04d%02d%02d%04d%02d%d%03d", y, m, d, y + 24, 1 + rng.nextInt(below: 12), 1 + rng.nextInt(below: 2), (r * 7 + i) % 1000 == 0 ? 999 : (r * 7 + i) % 1000)
            let ech = i < 12 ? "II.b" : (i < 40 ? "III.a" : (i < 80 ? "III.b" : (i < 150 ? "IV.a" : "Pelaksana")))
            return Person(nip: nip, name: "\(first[rng.nextInt(below: first.count)]) \(last[rng.nextInt(below: last.count)])",
                          unit: units[rng.nextInt(below: units.count)], echelon: ech)
        }

        mutating func poisson(_ l: Double) -> Int { Poisson.sample(l, rng: &rng) }

        func signer(_ d: Day) -> String { d < inauguration ? incumbent : newHead }

        mutating func decree(_ d: Day) -> String { seq += 1; return "800/\(String(format: "%04d", seq))/R\(r + 1)/\(d.year)" }

        mutating func move(_ i: Int, _ d: Day, _ no: String, kind: String, to ech: String? = nil, unit: String? = nil) {
            let p = people[i]
            let toUnit = unit ?? units[rng.nextInt(below: units.count)]
            let toEch = ech ?? p.echelon
            out.write("\(p.nip),\(p.name),\(no),\(d.iso),\(d.iso),\(kind),Jabatan \(p.echelon),\(p.unit),\(p.echelon),Jabatan \(toEch),\(toUnit),\(toEch),\"\(signer(d))\",\(region),,,synth\n")
            people[i].unit = toUnit
            people[i].echelon = toEch
            truth.rows += 1
        }

        /// The January and July rounds: about 5% of the people each.
        mutating func routineRounds() {
            for year in firstYear...2026 {
                for month in [1, 7] {
                    let d = Day(year: year, month: month, day: 6 + rng.nextInt(below: 20))!
                    guard d <= end else { continue }
                    let no = decree(d)
                    for i in rng.sample(min(o.peoplePerRegion, poisson(Double(o.peoplePerRegion) * 0.05)), from: o.peoplePerRegion) { move(i, d, no, kind: "mutasi") }
                }
            }
        }

        /// Single moves, week by week: 0.4% of the people a week.
        mutating func singleMoves() {
            var d = start
            while d <= end {
                for _ in 0..<poisson(Double(o.peoplePerRegion) * 0.004) {
                    let day = d.adding(days: rng.nextInt(below: 5))
                    move(rng.nextInt(below: o.peoplePerRegion), day, decree(day), kind: "rotasi")
                }
                d = d.adding(days: 7)
            }
        }

        /// One mass decree in 2024 between the two votes, three weeks' moves and ten more.
        mutating func plantWave() {
            let weekly = Double(o.peoplePerRegion) * (0.004 + 0.1 / 52)
            let month = [4, 5, 6, 8, 9, 10][rng.nextInt(below: 6)]
            let day = Day(year: 2024, month: month, day: 8 + rng.nextInt(below: 14))!
            let n = Int((3 * weekly).rounded(.up)) + 10
            let no = decree(day)
            // officials among them, so the decree falls under Pasal 71's window (from 22 Mar 2024)
            let n2 = min(n, o.peoplePerRegion)
            for i in rng.sample(n2, from: min(o.peoplePerRegion, max(150, n2))) { move(i, day, no, kind: "mutasi") }
            truth.waves.append(.init(region: region, decree: no, date: day.iso, persons: min(n, o.peoplePerRegion)))
            truth.violations.append(no)
        }

        /// Ties to the winner (friends) and the loser (foes); after the inauguration, up to eight
        /// friends promoted and eight foes pushed out.
        mutating func plantLoyalty() {
            let candidates = o.peoplePerRegion >= 150 ? Array(40..<150) : Array(0..<o.peoplePerRegion)
            let picked = rng.sample(min(24, candidates.count), from: candidates.count).map { candidates[$0] }
            let friends = Array(picked.prefix(picked.count / 2)), foes = Array(picked.suffix(picked.count - picked.count / 2))
            for i in friends { ties += "\(people[i].nip),\(winner),campaign_team,2024-06-01,,Temuan Bawaslu (synth)\n" }
            for i in foes { ties += "\(people[i].nip),\(loser),reported_support,2024-06-01,,Temuan Bawaslu (synth)\n" }
            for i in friends.prefix(8) {
                let day = inauguration.adding(days: 30 + rng.nextInt(below: 300))
                let up = ["III.a": "II.b", "III.b": "III.a", "IV.a": "III.b"][people[i].echelon] ?? "II.b"
                move(i, day, decree(day), kind: "promosi", to: up)
                truth.loyalty.append(people[i].nip)
            }
            for (k, i) in foes.prefix(8).enumerated() {
                let day = inauguration.adding(days: 30 + rng.nextInt(below: 300))
                if k % 2 == 0 { move(i, day, decree(day), kind: "non-job", to: "Pelaksana") }
                else { move(i, day, decree(day), kind: "mutasi", to: "Pelaksana", unit: "Kecamatan Pulau Terluar") }
                truth.retaliation.append(people[i].nip)
            }
        }
    }
}

