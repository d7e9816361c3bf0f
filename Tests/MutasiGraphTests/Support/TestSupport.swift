import Foundation
import Testing
import ZIPFoundation
@testable import MutasiGraph
@testable import MutasiSupport
@testable import MutasiModel
@testable import MutasiIngest
@testable import MutasiNetwork
@testable import MutasiAnalysis
@testable import MutasiSynth
@testable import MutasiRender
@testable import MutasiReport
@testable import MutasiPipeline

// The helpers more than one test file uses: where fixtures and examples are, running programs and
// the built `mutasi`, and the small cases several suites build on.

// MARK: - Where things are

/// The test target's own fixtures, copied into its bundle (`resources: [.copy("Fixtures")]`).
let fixtures: String = {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        fatalError("Fixtures/ is not in the test bundle \(Bundle.module.bundlePath); is it still declared in Package.swift?")
    }
    return url.path
}()

/// The package's root: the first folder above this file holding Package.swift. Examples/ and
/// scripts/ belong to the repository, not to the test target, so they are read from there.
let packageRoot: String = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir.path }
        dir.deleteLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
}()

/// The example case of Examples/ and what was planted in it.
enum Example {
    static let folder = packageRoot + "/Examples"

    /// A file of the example, by name.
    static func path(_ name: String) -> String { folder + "/" + name }

    static let city = path("transfers-kota-tanjung-kelapa.csv")
    static let regency = path("transfers-kabupaten-sungai-rambai.csv")

    /// Both regions with every side file, as `mutasi demo` reads them.
    static var inputs: Investigation.Inputs {
        Investigation.Inputs(transfers: [city, regency], elections: path("elections.yaml"), ties: path("ties.csv"),
                             units: path("units.csv"), approvals: path("approvals.csv"))
    }

    /// Examples/truth.json, written by Examples/make_example.py with the files: what it planted and
    /// what it wrote (its "about" entry says where each number comes from).
    static let truth: Truth = {
        do {
            return try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: path("truth.json"))))
        } catch {
            fatalError("Examples/truth.json: \(error)")
        }
    }()

    struct Truth: Decodable {
        struct PlantedWave: Decodable { var region, date, decree: String; var persons: Int }
        /// A Monday-to-Sunday week holding a planted wave, counted over every row of its region.
        struct WaveWeek: Decodable {
            var region, monday, first, last: String
            /// Rows dated in the week; the people they move (one counted once); rows of the next week.
            var moves, persons, movesNextWeek: Int
            enum CodingKeys: String, CodingKey {
                case region, monday, first, last, moves, persons
                case movesNextWeek = "moves_next_week"
            }
        }
        struct Rows: Decodable { var rows: Int; var rejected: Int }
        var waves: [PlantedWave]
        var violations, approved, loyalty, retaliation, sanctions: [String]
        var waveWeeks: [WaveWeek]
        var files: [String: Rows]
        var elections: Int
        var heads: Int

        enum CodingKeys: String, CodingKey {
            case waves, violations, approved, loyalty, retaliation, sanctions, files, elections, heads
            case waveWeeks = "wave_weeks"
        }

        /// The people a planted wave's decree moves.
        func persons(of decree: String) -> Int? { waves.first { $0.decree == decree }?.persons }

        /// The rows a file was written with: read, accepted (read less the broken ones), rejected.
        func rows(of file: String) -> [Int]? { files[file].map { [$0.rows, $0.rows - $0.rejected, $0.rejected] } }
    }
}

/// A fresh empty folder under the temporary directory; the caller removes it.
func temporaryFolder(_ prefix: String = "mutasi-test") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

// MARK: - Programs

/// Runs one of the repository's Python check scripts; `missingModule` when a module it needs is
/// not installed (recorded as a known issue by the caller, never a silent pass).
func runCheckScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, missingModule: Bool) {
    let (status, output) = try runProgram("/usr/bin/env", ["python3", packageRoot + "/scripts/" + script] + arguments)
    return (status, output, output.contains("ModuleNotFoundError") || output.contains("No module named"))
}

/// Runs a program to its end; its exit status and what it printed (stdout and stderr together).
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, output)
}

/// The built `mutasi`, beside the test bundle: `swift test` builds every product of the package
/// first (a change to mutasi's code relinks it), so it is missing only when the tests are run some
/// other way; then the tests that run it are skipped, saying why.
enum Mutasi {
    static let found: (binary: String?, problem: String?) = {
        let candidates = [Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("mutasi").path,
                          packageRoot + "/.build/debug/mutasi"]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return (nil, "mutasi is not built (looked for \(candidates.joined(separator: ", "))): run swift build")
        }
        return (binary, nil)
    }()

    static var binary: String? { found.binary }

    /// For `@Test(Mutasi.isBuilt)`: runs the test only where the executable was found.
    static var isBuilt: ConditionTrait {
        .enabled(if: found.binary != nil, Comment(rawValue: found.problem ?? ""))
    }
}

/// The built `mutasi`'s path (tests using it carry `Mutasi.isBuilt`).
func mutasiBinary() throws -> String {
    try #require(Mutasi.binary, Comment(rawValue: Mutasi.found.problem ?? ""))
}

/// Runs `mutasi` to the end: exit status and standard error.
@discardableResult
func runMutasi(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
    let p = try startMutasi(arguments, environment: environment)
    let err = String(decoding: (p.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, err)
}

/// Runs `mutasi` to the end: exit status, standard output and standard error apart. Standard
/// output goes through a file, so neither stream can fill its pipe while the other is read.
func runMutasiCapturing(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let out = try temporaryFolder("mutasi-stdout")
    defer { try? FileManager.default.removeItem(atPath: out) }
    _ = FileManager.default.createFile(atPath: out + "/stdout", contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out + "/stdout"))
    let p = try startMutasi(arguments, stdout: handle)
    let err = String(decoding: (p.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    try handle.close()
    return (p.terminationStatus, try String(contentsOfFile: out + "/stdout", encoding: .utf8), err)
}

/// Starts `mutasi`; standard error is a `Pipe` for the caller to read.
func startMutasi(_ arguments: [String], environment: [String: String] = [:], stdout: FileHandle = .nullDevice) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try mutasiBinary())
    p.arguments = arguments
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    p.standardOutput = stdout
    p.standardError = Pipe()
    try p.run()
    return p
}

// MARK: - Output folders

func sha(_ path: String) -> String? { OutputFolder.sha256(of: path)?.1 }

/// A fresh folder with copies of the example city's inputs in `inp/`.
func inputsFolder() throws -> (dir: String, inputs: Investigation.Inputs) {
    let dir = try temporaryFolder("mutasi-safety")
    try FileManager.default.createDirectory(atPath: dir + "/inp", withIntermediateDirectories: true)
    for f in ["transfers-kota-tanjung-kelapa.csv", "elections.yaml", "ties.csv", "approvals.csv", "units.csv"] {
        try FileManager.default.copyItem(atPath: Example.path(f), toPath: dir + "/inp/" + f)
    }
    let i = dir + "/inp/"
    return (dir, Investigation.Inputs(transfers: [i + "transfers-kota-tanjung-kelapa.csv"], elections: i + "elections.yaml",
                                      ties: i + "ties.csv", units: i + "units.csv", approvals: i + "approvals.csv"))
}

func analyzeArguments(_ inputs: Investigation.Inputs, out: String) -> [String] {
    ["analyze", "--transfers", inputs.transfers[0], "--elections", inputs.elections!, "--ties", inputs.ties!, "--units", inputs.units!,
     "--approvals", inputs.approvals!, "--out", out, "--quiet"]
}

/// Whether `dir` holds exactly one run's files: every file of the manifest with its size and hash,
/// and no file mutasi writes that the manifest does not list.
func holdsOneRun(_ dir: String) throws -> Bool {
    struct Entry: Decodable { var name: String; var bytes: Int; var sha256: String }
    struct Manifest: Decodable { var files: [Entry] }
    guard let data = FileManager.default.contents(atPath: dir + "/manifest.json") else { return false }
    let m = try JSONDecoder().decode(Manifest.self, from: data)
    for f in m.files {
        guard let (bytes, hash) = OutputFolder.sha256(of: dir + "/" + f.name), bytes == f.bytes, hash == f.sha256 else { return false }
    }
    // a folder of ours (evidence/) is listed file by file: compare the top-level names
    let listed = Set(m.files.map { String($0.name.split(separator: "/")[0]) } + ["manifest.json"])
    let present = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).intersection(Investigation.outputNames)
    return present == listed
}

// MARK: - Small cases and readers

/// Reads CSV text given in the test as a file named `name`.
func readTransfers(_ text: String, name: String = "t.csv") throws -> (TransferSet, IngestReport) {
    var set = TransferSet()
    let report = try TransferReader.read(bytes: Array(text.utf8), name: name, into: &set)
    return (set, report)
}

/// A report's rows read, accepted and rejected, to compare with `Example.truth.rows(of:)`.
func rowCounts(_ r: IngestReport) -> [Int] { [r.recordsRead, r.recordsAccepted, r.recordsRejected] }

/// Every tag in an HTML or SVG document, `<` to `>`: escaped input contains neither.
func htmlTags(_ html: String) -> [String] {
    var out: [String] = []
    var cur: String?
    for ch in html {
        if ch == "<" { cur = "<" } else if ch == ">", let c = cur { out.append(c + ">"); cur = nil } else { cur?.append(ch) }
    }
    return out
}

/// The pixel size of a PNG (its IHDR chunk).
func pngSize(_ data: Data) -> (width: Int, height: Int) {
    let b = [UInt8](data.prefix(24))
    func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    return (be(16), be(20))
}

/// The panel fixture (Fixtures/panel/transfers.csv) and the calendar its regions vote by.
enum PanelFixture {
    static let transfers = fixtures + "/panel/transfers.csv"
    static let eventStudy = fixtures + "/panel/event-study-panel.csv"

    static let calendar = ElectionCalendar(
        elections: [
            Election(id: "pemilu", name: "Pemilu", kind: .national, region: "*", votingDate: Day(iso: "2024-02-14")!),
            Election(id: "pilkada-alpha", name: "Pilkada Alpha", kind: .regional, region: "Kota Alpha",
                     candidateDeterminationDate: Day(iso: "2024-09-22"), votingDate: Day(iso: "2024-11-27")!,
                     candidates: [Candidate(id: "a1", name: "A1", votes: 5200), Candidate(id: "a2", name: "A2", votes: 4800)], winner: "a1"),
            Election(id: "pilkada-beta", name: "Pilkada Beta", kind: .regional, region: "Kabupaten Beta",
                     candidateDeterminationDate: Day(iso: "2024-04-01"), votingDate: Day(iso: "2024-06-15")!),
        ],
        heads: [
            RegionalHead(region: "Kota Alpha", name: "Wali Alpha", role: .elected, from: Day(iso: "2019-01-01")!, to: Day(iso: "2023-12-20")),
            RegionalHead(region: "Kota Alpha", name: "Pj Alpha", role: .acting, from: Day(iso: "2023-12-21")!),
            RegionalHead(region: "Kabupaten Beta", name: "Bupati Beta", role: .elected, from: Day(iso: "2019-01-01")!),
        ])
}

/// A small city: 40 staff, an election won by "w" over "l", inaugurated 2025-02-20.
struct LoyaltyCase {
    var set = TransferSet()
    var ties: [Tie] = []
    let calendar: ElectionCalendar
    let people: [NIP]

    init() {
        people = (1...40).map { NIP("198001012005011" + String(1000 + $0).dropFirst())! }
        calendar = ElectionCalendar(
            elections: [Election(id: "pilkada", name: "Pilkada", kind: .regional, region: "Kota A",
                                 candidateDeterminationDate: Day(iso: "2024-09-22"), votingDate: Day(iso: "2024-11-27")!,
                                 inaugurationDate: Day(iso: "2025-02-20"),
                                 candidates: [Candidate(id: "w", name: "Winner"), Candidate(id: "l", name: "Loser", incumbent: true)],
                                 winner: "w")],
            heads: [RegionalHead(region: "Kota A", name: "Loser", role: .elected, from: Day(iso: "2020-02-20")!,
                                 to: Day(iso: "2025-02-19"), candidate: "l"),
                    RegionalHead(region: "Kota A", name: "Winner", role: .elected, from: Day(iso: "2025-02-20")!, candidate: "w")])
    }

    mutating func move(_ p: Int, _ date: String, _ kind: TransferKind, from: String?, to: String?,
                       toUnit: String = "Dinas B", reason: String = "", signer: String = "Winner") {
        let t = Transfer(nip: people[p], name: set.strings.intern("Person \(p)"), decreeNo: set.strings.intern("SK/\(date)"),
                         decreeDate: Day(iso: date)!, kind: kind,
                         fromUnit: set.strings.intern("Dinas A"), fromEchelon: from.flatMap { Echelon(parsing: $0) },
                         toUnit: set.strings.intern(toUnit), toEchelon: to.flatMap { Echelon(parsing: $0) },
                         signedBy: set.strings.intern(signer), region: set.strings.intern("Kota A"),
                         reason: set.strings.intern(reason), line: UInt32(set.transfers.count + 2))
        set.transfers.append(t)
    }

    mutating func tie(_ p: Int, _ cid: String, _ relation: String) {
        ties.append(Tie(nip: people[p], relatedTo: .candidate(cid), relation: TieRelation(parsing: relation), source: "Bawaslu"))
    }

    func groupTest(_ event: LoyaltyAnalysis.GroupTest.Event) -> LoyaltyAnalysis.GroupTest {
        LoyaltyAnalysis().run(transfers: set, calendar: calendar, ties: ties).groupTests.first { $0.event == event }!
    }
}

// MARK: - Graph metrics against networkx

/// A graph written by scripts/metrics-reference.py with networkx's results beside it
/// (Fixtures/metrics).
struct ReferenceCase {
    struct Sampled: Decodable {
        let k: Int
        let seed: UInt64
        let sources: [Int32]
        let scores: [Double]
        let scores_weight: [Double]
    }
    struct LouvainRun: Decodable {
        let seed: UInt64
        let resolution: Double
        let communities: Int
        let modularity: Double
    }
    struct Expected: Decodable {
        let graph: String
        let nodes: Int
        let directed: Bool
        let pagerank: [Double]
        let pagerank_unweighted: [Double]
        let betweenness_hops: [Double]
        let betweenness_hops_raw: [Double]
        let betweenness_weight: [Double]
        let betweenness_sampled: Sampled
        let louvain: [LouvainRun]
        let partition: [[Int32]]
        let partition_modularity: Double
        let partition_modularity_res07: Double
        let in_strength: [Double]
        let out_strength: [Double]
    }

    static let names = ["karate", "random-directed", "patron-client", "planted"]
    static let directory = URL(fileURLWithPath: fixtures).appendingPathComponent("metrics")

    let name: String
    let graph: CSRGraph
    let expected: Expected

    init(_ name: String) throws {
        self.name = name
        let json = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).json"))
        expected = try JSONDecoder().decode(Expected.self, from: json)
        let csv = try String(contentsOf: Self.directory.appendingPathComponent("\(name).csv"), encoding: .utf8)
        var edges: [(Int32, Int32, Double)] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 3, let s = Int32(f[0]), let t = Int32(f[1]), let w = Double(f[2]) else {
                throw FixtureError.badLine(String(line))
            }
            edges.append((s, t, w))
        }
        graph = try CSRGraph(nodeCount: expected.nodes, edges: edges, directed: expected.directed)
    }

    static func all() throws -> [ReferenceCase] { try names.map { try ReferenceCase($0) } }
}

enum FixtureError: Error { case badLine(String) }

/// Largest absolute difference between two equally long vectors (infinity when lengths differ).
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Writes small `.xlsx` workbooks for the tests, the way Excel lays them out: shared strings,
/// inline strings, numbers, and dates as serials in a date style, in the 1900 or 1904 system.
struct TestWorkbook {
    enum Cell {
        case text(String)
        case inline(String)
        case number(String)
        /// An Excel date serial in a `dd/mm/yyyy` style.
        case date(Double)
        case empty
    }

    var sheets: [(name: String, rows: [[Cell]])] = []
    var date1904 = false

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func letters(_ c: Int) -> String {
        var n = c + 1, s = ""
        while n > 0 { s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s; n = (n - 1) / 26 }
        return s
    }

    func parts() -> [(String, String)] {
        var shared: [String] = [], index: [String: Int] = [:]
        var out: [(String, String)] = []
        out.append(("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """))
        out.append(("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """))
        var wb = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        wb += date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>"
        wb += "<sheets>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, s) in sheets.enumerated() {
            wb += "<sheet name=\"\(TestWorkbook.escape(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, row) in s.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = "\(TestWorkbook.letters(c))\(r + 1)"
                    switch cell {
                    case .text(let t):
                        let k = index[t] ?? shared.count
                        if k == shared.count { shared.append(t); index[t] = k }
                        xml += "<c r=\"\(ref)\" t=\"s\"><v>\(k)</v></c>"
                    case .inline(let t): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(TestWorkbook.escape(t))</t></is></c>"
                    case .number(let n): xml += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                    case .date(let d): xml += "<c r=\"\(ref)\" s=\"1\"><v>\(d)</v></c>"
                    case .empty: break
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            out.append(("xl/worksheets/sheet\(i + 1).xml", xml))
        }
        wb += "</sheets></workbook>"
        rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        out.append(("xl/workbook.xml", wb))
        out.append(("xl/_rels/workbook.xml.rels", rels))
        out.append(("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
        """))
        var ss = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(shared.count)\" uniqueCount=\"\(shared.count)\">"
        for t in shared { ss += "<si><t>\(TestWorkbook.escape(t))</t></si>" }
        ss += "</sst>"
        out.append(("xl/sharedStrings.xml", ss))
        return out
    }

    func write(to path: String) throws {
        try TestWorkbook.write(parts().map { ($0.0, Data($0.1.utf8)) }, to: path)
    }

    /// Writes parts as they are (a test may have damaged them).
    static func write(_ parts: [(String, Data)], to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
    }
}
