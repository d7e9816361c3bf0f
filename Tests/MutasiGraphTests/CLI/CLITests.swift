import Foundation
import Testing
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

/// The built `mutasi` on Examples/, as a user runs it: exit codes, what it prints and writes,
/// compared with what make_example.py planted and wrote (Examples/truth.json).
@Suite(.serialized) struct CLITests {
    /// A clean file: exit 0 and the counts of its rows; the city's file, with its three broken
    /// rows, passes without --strict and fails with it.
    @Test(Mutasi.isBuilt) func validateCountsTheExampleRows() throws {
        let regency = try runMutasiCapturing(["validate", "--transfers", Example.regency])
        #expect(regency.status == 0, "\(regency.stderr)")
        let rows = try #require(Example.truth.rows(of: "transfers-kabupaten-sungai-rambai.csv"))
        #expect(regency.stdout.contains("rows read         \(rows[0])\naccepted          \(rows[1])\nrejected          0\n"), "\(regency.stdout)")

        let city = try runMutasiCapturing(["validate", "--transfers", Example.city, "--format", "json"])
        #expect(city.status == 0, "\(city.stderr)")
        let report = try JSONDecoder().decode(IngestReport.self, from: Data(city.stdout.utf8))
        #expect(rowCounts(report) == Example.truth.rows(of: "transfers-kota-tanjung-kelapa.csv"))
        #expect(report.rejects.allSatisfy { $0.file == Example.city && $0.line > 1 })

        let strict = try runMutasiCapturing(["validate", "--transfers", Example.city, "--strict"])
        #expect(strict.status == 1)
    }

    /// `mutasi rules` prints each built-in pack as shipped in the module's resources, and a pack
    /// so printed is one `--rules` reads.
    @Test(Mutasi.isBuilt) func rulesPrintsTheBuiltInPacks() throws {
        for b in RulePack.BuiltIn.allCases {
            let printed = try runMutasiCapturing(["rules", "--pack", b.rawValue])
            #expect(printed.status == 0 && printed.stdout == b.yaml, "\(b) \(printed.stderr)")
            #expect(try RulePack.load(yaml: printed.stdout) == b.pack)
        }
        let unknown = try runMutasiCapturing(["rules", "--pack", "chile"])
        #expect(unknown.status != 0 && unknown.stderr.contains("indonesia") && unknown.stderr.contains("brazil"), "\(unknown.stderr)")
    }

    /// A file that cannot be read as transfers: a non-zero exit and one line on stderr naming the
    /// file and line, never a trace.
    @Test(Mutasi.isBuilt) func validateNamesTheFileAndLineOfABadFile() throws {
        let dir = try temporaryFolder("mutasi-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/no-nip.csv"
        try "nama,tanggal_sk,jenis\nBudi Santoso,2024-01-17,mutasi\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let (status, stdout, stderr) = try runMutasiCapturing(["validate", "--transfers", bad])
        #expect(status == 2, "\(stderr)")
        #expect(stderr.hasPrefix("error: \(bad):1:"), "\(stderr)")
        #expect(stdout.isEmpty)
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Backtrace"))
    }

    /// `analyze` writes one run's files (each listed in the manifest with its hash), and what
    /// findings.json says is what was planted in the city.
    @Test(Mutasi.isBuilt) func analyzeWritesTheFindingsOfTheExample() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        let (status, stderr) = try runMutasi(analyzeArguments(inputs, out: out))
        #expect(status == 0, "\(stderr)")
        #expect(try holdsOneRun(out))
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        for name in ["findings.json", "report.html", "flags.csv", "rejects.csv", "manifest.json", "evidence"] {
            #expect(written.contains(name), "\(name) missing from \(written.sorted())")
        }

        struct Findings: Decodable {
            struct Summary: Decodable { var recordsRead, recordsRejected: Int }
            struct Flag: Decodable { var decreeNo, status: String }
            struct Person: Decodable { var nip: String }
            var summary: Summary
            var legalFlags: [Flag]
            var loyalty: [Person]
        }
        let f = try JSONDecoder().decode(Findings.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/findings.json")))
        let rows = try #require(Example.truth.rows(of: "transfers-kota-tanjung-kelapa.csv"))
        #expect(f.summary.recordsRead == rows[0] && f.summary.recordsRejected == rows[2])
        let violations = Set(f.legalFlags.filter { $0.status == "violation" }.map(\.decreeNo))
        #expect(Set(Example.truth.violations).isSubset(of: violations), "\(violations.sorted())")
        #expect(Set(f.legalFlags.filter { $0.status == "approved" }.map(\.decreeNo)) == Set(Example.truth.approved))
        #expect(Set(f.loyalty.map(\.nip)) == Set(Example.truth.loyalty))
    }

    /// `waves --format json` is JSON holding one wave per planted week, where it was planted.
    @Test(Mutasi.isBuilt) func wavesJSONHoldsThePlantedWaves() throws {
        let (status, stdout, stderr) = try runMutasiCapturing(["waves", "--transfers", Example.city, Example.regency,
                                                               "--elections", Example.path("elections.yaml"),
                                                               "--approvals", Example.path("approvals.csv"), "--format", "json"])
        #expect(status == 0, "\(stderr)")
        struct Out: Decodable {
            struct W: Decodable { var region, start: String }
            var waves: [W]
        }
        let out = try JSONDecoder().decode(Out.self, from: Data(stdout.utf8))
        let weeks = Example.truth.waveWeeks
        #expect(out.waves.count == weeks.count)
        #expect(out.waves.map(\.start) == weeks.map(\.first))
        #expect(out.waves.map(\.region) == weeks.map(\.region))
    }

    /// An output named as one of the inputs (here the second output of `careers`, which the
    /// existing cases in OutputSafetyTests do not cover): exit 2 naming it, the input unchanged,
    /// and not even the first output written.
    @Test(Mutasi.isBuilt) func aWriteOverAnInputExitsTwo() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transfers = inputs.transfers[0]
        let before = sha(transfers)
        let (status, stdout, stderr) = try runMutasiCapturing(["careers", "--transfers", transfers, "-o", dir + "/moves.csv",
                                                               "--people", transfers])
        #expect(status == 2, "\(stderr)")
        #expect(stderr.hasPrefix("error: \(transfers)"), "\(stderr)")
        #expect(stdout.isEmpty)
        #expect(sha(transfers) == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/moves.csv"))
    }

    /// Each stage's options are taken by every command that runs the stage (docs/ARCHITECTURE.md's
    /// table), with the same check: a value the stage refuses is refused by each of them.
    @Test(Mutasi.isBuilt) func everyCommandRunningAStageTakesItsOptions() throws {
        let readingCalendars = ["analyze", "validate", "waves", "loyalty", "sanctions", "network", "graph", "person", "panel", "event-study",
                                "careers", "export"]
        let stages: [(stage: String, options: [String], commands: [String])] = [
            ("read transfers", ["--transfers", "--recursive", "--sheet"], readingCalendars + ["reveal"]),
            ("read the calendar", ["--elections", "--aliases"], readingCalendars),
            ("rule windows", ["--rules", "--approvals"], ["analyze", "waves", "panel", "event-study", "export"]),
            ("waves", ["--alpha", "--fdr", "--replications", "--seed"], ["analyze", "waves", "panel", "event-study", "export"]),
            ("loyalty", ["--months", "--permutations", "--no-derived-links", "--derived-in-group-test", "--seed", "--ties", "--units", "--reports"],
             ["analyze", "loyalty", "export"]),
            ("sanctions", ["--follow-up-days", "--rise-months", "--reports"], ["analyze", "sanctions"]),
            ("network", ["--seed", "--ties"], ["analyze", "network"]),
        ]
        for s in stages {
            for command in s.commands {
                let help = try runMutasiCapturing([command, "--help"])
                #expect(help.status == 0, "\(help.stderr)")
                for option in s.options { #expect(help.stdout.contains(option + " "), "mutasi \(command) runs \(s.stage) but lacks \(option)") }
            }
        }
        // the inputs need not exist: options are checked before anything is read
        let required = ["analyze": ["--elections", "e.yaml", "--out", "out"], "waves": ["--elections", "e.yaml"],
                        "loyalty": ["--elections", "e.yaml", "--ties", "t.csv"], "sanctions": ["--elections", "e.yaml", "--reports", "r.csv"],
                        "panel": ["--elections", "e.yaml"], "event-study": ["--elections", "e.yaml"], "export": ["--out", "o.sqlite"]]
        let leading = ["person": ["123456789012345678"]]
        let refused: [(commands: [String], option: [String], message: String)] = [
            (["analyze", "waves", "panel", "event-study", "export"], ["--replications", "5"], "--replications must be at least 19."),
            (["analyze", "waves", "panel", "event-study", "export"], ["--fdr", "1.5"], "--fdr must be between 0 and 1."),
            (["analyze", "loyalty", "export"], ["--permutations", "5"], "--permutations must be at least 19."),
            (["analyze", "loyalty", "export"], ["--months", "0"], "--months must be at least 1."),
            (["analyze", "sanctions"], ["--rise-months", "0"], "--rise-months must be at least 1."),
            // where the calendar is optional, its aliases without it are refused, not ignored
            (["validate", "network", "graph", "person", "careers", "export"], ["--aliases", "a.csv"], "--aliases is used with --elections"),
        ]
        for r in refused {
            for command in r.commands {
                let run = try runMutasiCapturing([command] + leading[command, default: []] + ["--transfers", "x.csv"] + required[command, default: []] + r.option)
                #expect(run.status == 64 && run.stderr.contains(r.message), "mutasi \(command) \(r.option): \(run.status) \(run.stderr)")
            }
        }
    }
}
