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

@Suite(.serialized) struct WriteGuardTests {
    @Test func everySpellingOfAnInputIsTheInput() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = WriteGuard(inputs: inputs.all)
        let transfers = inputs.transfers[0]
        // the file itself, through .., through a symlinked folder, through a hard link, relative
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/inp")
        try FileManager.default.linkItem(atPath: inputs.elections!, toPath: dir + "/hard.yaml")
        let cwd = FileManager.default.currentDirectoryPath
        let relative = String(repeating: "../", count: cwd.split(separator: "/").count) + String(inputs.ties!.dropFirst())
        for target in [transfers, dir + "/inp/../inp/transfers-kota-tanjung-kelapa.csv", dir + "/link/ties.csv", dir + "/hard.yaml",
                       dir + "//inp/./units.csv", relative] {
            let e = try #require(throws: InputError.self) { try g.check(file: target) }
            #expect(e.kind == .unwritable)
            #expect(e.location.file == target && e.message.contains("is the input"))
        }
        // folders: the inputs' folder by a link, a folder above it, one holding a hard link
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try FileManager.default.linkItem(atPath: inputs.approvals!, toPath: dir + "/out/old.csv")
        for folder in [dir + "/link", dir + "/inp", dir, dir + "/out", dir + "/inp/.."] {
            #expect(throws: InputError.self) { try g.check(folder: folder) }
        }
        // an input given as a folder: nothing may be written inside it
        #expect(throws: InputError.self) { try WriteGuard(inputs: [dir + "/inp"]).check(file: dir + "/link/new.svg") }
        #expect(throws: InputError.self) { try WriteGuard(inputs: [dir + "/inp"]).check(folder: dir + "/inp/sub") }
        // new files and folders elsewhere pass
        try g.check(file: dir + "/new.svg")
        try g.check(file: dir + "/inp/new.svg")
        try g.check(folder: dir + "/fresh")
        try g.check(folder: dir + "/inp/fresh")
    }

    /// The issue's reproductions, through the binary: each refused with exit 2 naming both paths,
    /// every input unchanged.
    @Test(Mutasi.isBuilt) func commandsRefuseToWriteOverAnInput() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "inp")
        try FileManager.default.linkItem(atPath: inputs.ties!, toPath: dir + "/hard.csv")
        let before = inputs.all.map(sha)
        let t = inputs.transfers[0]
        // (arguments, the input written over, the output as given)
        let cases: [([String], String, String)] = [
            (["graph", "--transfers", t, "--format", "dot", "-o", t], t, t),
            (["graph", "--transfers", t, "--ties", inputs.ties!, "--format", "graphml", "-o", dir + "/hard.csv"], inputs.ties!, dir + "/hard.csv"),
            (["waves", "--transfers", t, "--elections", inputs.elections!, "--chart", inputs.elections!], inputs.elections!, inputs.elections!),
            (["waves", "--transfers", t, "--elections", inputs.elections!, "--approvals", inputs.approvals!, "--chart", dir + "/link/approvals.csv"],
             inputs.approvals!, dir + "/link/approvals.csv"),
            (["export", "--transfers", t, "--out", dir + "/inp/../inp/transfers-kota-tanjung-kelapa.csv"], t, dir + "/inp/../inp/transfers-kota-tanjung-kelapa.csv"),
            (analyzeArguments(inputs, out: dir + "/link") + ["--force"], "inp/", dir + "/link"),
            (analyzeArguments(inputs, out: dir + "/inp") + ["--force"], "inp/", dir + "/inp"),
        ]
        for (arguments, input, output) in cases {
            let (status, err) = try runMutasi(arguments)
            #expect(status == 2, "\(arguments)")
            #expect(err.contains(input), "\(err)")
            #expect(err.contains(output), "\(err)")
        }
        #expect(inputs.all.map(sha) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/inp").count == 5)
    }
}

@Suite(.serialized) struct OutputFolderTests {
    @Test(Mutasi.isBuilt) func userFilesKeptManifestLastStaleOutputsGone() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        #expect(try runMutasi(analyzeArguments(inputs, out: out)).status == 0)
        #expect(try holdsOneRun(out))
        #expect(FileManager.default.fileExists(atPath: out + "/network.graphml"))
        try "notes".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out + "/sub", withIntermediateDirectories: true)
        try "x".write(toFile: out + "/sub/a.txt", atomically: true, encoding: .utf8)
        // without --force: refused at once, nothing touched
        let refused = try runMutasi(analyzeArguments(inputs, out: out))
        #expect(refused.status == 2 && refused.stderr.contains("already exists"))
        // a killed run's half-written file in the folder (its process is gone)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = out + "/.network.gexf.\(gone.processIdentifier).tmp"
        try "half".write(toFile: stale, atomically: false, encoding: .utf8)
        let (status, err) = try runMutasi(analyzeArguments(inputs, out: out) + ["--force", "--network-files", "never"])
        #expect(status == 0, "\(err)")
        #expect(try holdsOneRun(out))
        #expect(!FileManager.default.fileExists(atPath: out + "/network.graphml"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8) == "notes")
        #expect(try String(contentsOfFile: out + "/sub/a.txt", encoding: .utf8) == "x")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["inp", "out"])
    }

    /// Another run holding the folder's lock: refused at once; then two real runs at once.
    @Test(Mutasi.isBuilt) func secondRunIntoTheSameFolderIsRefused() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        let fd = open(dir + "/.out.mutasi-lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let (status, err) = try runMutasi(analyzeArguments(inputs, out: out))
        close(fd)
        #expect(status == 2 && err.contains("being written by another mutasi run"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: out))
        for round in 0..<3 {
            let a = try startMutasi(analyzeArguments(inputs, out: out) + ["--force", "--lang", "en"])
            let b = try startMutasi(analyzeArguments(inputs, out: out) + ["--force", "--lang", "id"])
            // which of the two takes the lock first is a race: one finishes, and the other either
            // finishes after it or is refused with exit 2 and the lock's message
            var finished = 0
            for p in [a, b] {
                let err = String(decoding: (p.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                if p.terminationStatus == 0 { finished += 1; continue }
                #expect(p.terminationStatus == 2, "round \(round): \(err)")
                #expect(err.contains("being written by another"), "round \(round): \(err)")
            }
            #expect(finished >= 1, "round \(round): both runs refused")
            #expect(try holdsOneRun(out))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["inp", "out"])
    }

    /// `kill -9` at spread-out moments of a `--force` run over a good folder: the folder always
    /// holds one run's files, and the next run removes what the killed one left.
    @Test(Mutasi.isBuilt) func killedForceRunLeavesOneRunsFiles() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        #expect(try runMutasi(analyzeArguments(inputs, out: out) + ["--lang", "en"]).status == 0)
        var killed = 0
        for k in 0..<8 {
            let p = try startMutasi(analyzeArguments(inputs, out: out) + ["--force", "--lang", k % 2 == 0 ? "id" : "en"])
            usleep(UInt32(150_000 + k * 300_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
            #expect(try holdsOneRun(out), "killed after \(150 + k * 300) ms")
        }
        #expect(killed > 0)
        // SIGTERM: the run removes its temporary folder and lock file itself, exit 128 + 15
        let t = try startMutasi(analyzeArguments(inputs, out: out) + ["--force"])
        usleep(600_000)
        if t.isRunning {
            kill(t.processIdentifier, SIGTERM)
            t.waitUntilExit()
            #expect(t.terminationStatus == 128 + SIGTERM)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["inp", "out"])
            #expect(try holdsOneRun(out))
        }
        let (status, err) = try runMutasi(analyzeArguments(inputs, out: out) + ["--force"])
        #expect(status == 0, "\(err)")
        #expect(try holdsOneRun(out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["inp", "out"])
    }

    /// A full disk (a 6 MB tmpfs in a user namespace): one sentence naming the file, and the old
    /// folder whole.
    @Test(Mutasi.isBuilt) func fullDiskLeavesTheOldFolderWhole() throws {
        let (dir, inputs) = try inputsFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let small = dir + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        let m = try mutasiBinary()
        let args = analyzeArguments(inputs, out: small + "/out").map { "'\($0)'" }.joined(separator: " ")
        let script = """
        mount -t tmpfs -o size=6m none '\(small)' || exit 99
        '\(m)' \(args) || exit 98
        sha256sum '\(small)'/out/* > '\(dir)/sums'
        dd if=/dev/zero of='\(small)/filler' bs=1k count=2700 2>/dev/null
        '\(m)' \(args) --force 2> '\(dir)/err'
        echo $? > '\(dir)/status'
        sha256sum --quiet -c '\(dir)/sums' || exit 97
        ls -A '\(small)' > '\(dir)/listing'
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["unshare", "-rm", "sh", "-c", script]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus == 99 || p.terminationStatus == 1 && !FileManager.default.fileExists(atPath: dir + "/sums") {
            withKnownIssue("no user namespaces here to mount a small tmpfs") { Issue.record("not run") }
            return
        }
        #expect(p.terminationStatus == 0)
        #expect(try String(contentsOfFile: dir + "/status", encoding: .utf8) == "2\n")
        let err = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        #expect(err.hasPrefix("error: \(small)/out/") && err.contains("the disk is full") && err.contains("is unchanged"), "\(err)")
        #expect(!err.contains("NSCocoaErrorDomain") && err.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: dir + "/listing", encoding: .utf8) == "filler\nout\n")
    }

    @Test func foundationWriteErrorsBecomeSentences() {
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: 640, userInfo: nil)
        let e = WriteFailure.error(cocoa, file: "/x/out/findings.json", written: 3_000_000)
        #expect(e.kind == .unwritable && e.message.contains("the disk is full") && e.message.contains("3 MB"))
        #expect(!e.description.contains("NSCocoaErrorDomain"))
        let posix = NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        #expect(WriteFailure.error(posix, file: "/x/f").message.contains("permission denied"))
    }
}

@Suite(.serialized) struct LayoutProcessTests {
    /// A layout long enough to be caught running: sfdp on two synthetic regions (about 10 s).
    func startLongLayout(_ dir: String, tmp: String) throws -> Process {
        var o = Synth.Options()
        o.regions = 2; o.peoplePerRegion = 3000
        if !FileManager.default.fileExists(atPath: dir + "/syn/transfers.csv") { try Synth.write(o, to: dir + "/syn") }
        return try startMutasi(["graph", "--transfers", dir + "/syn/transfers.csv", "--engine", "sfdp", "-o", dir + "/g.svg"],
                               environment: ["TMPDIR": tmp])
    }

    /// The `dot` children of `pid` (from /proc).
    func children(of pid: pid_t) -> [pid_t] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return all.compactMap { pid_t($0) }.filter { child in
            guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == pid
        }
    }

    func waitForChild(of pid: pid_t) -> pid_t? {
        for _ in 0..<600 {
            if let c = children(of: pid).first { return c }
            usleep(50_000)
        }
        return nil
    }

    func gone(_ pid: pid_t) -> Bool {
        for _ in 0..<100 {
            if kill(pid, 0) != 0 { return true }
            // a zombie waiting for its new parent (PID 1 or a subreaper) to reap it counts as gone
            if let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), s.contains(") Z ") { return true }
            usleep(50_000)
        }
        return false
    }

    @Test(Mutasi.isBuilt) func layoutDiesWithTheToolAndLeavesNoFiles() throws {
        let dir = try temporaryFolder("mutasi-layout")
        let tmp = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // SIGTERM: the child is killed, the folder removed, exit 128 + 15
        let a = try startLongLayout(dir, tmp: tmp)
        let childA = try #require(waitForChild(of: a.processIdentifier))
        // the layout's folder is private while it exists
        let runFolders = try FileManager.default.contentsOfDirectory(atPath: tmp)
        #expect(runFolders.count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: tmp + "/" + runFolders[0])
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        kill(a.processIdentifier, SIGTERM)
        a.waitUntilExit()
        #expect(a.terminationReason == .exit && a.terminationStatus == 128 + SIGTERM)
        #expect(gone(childA))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)

        // kill -9: nothing runs in the tool, the kernel kills the child; the next run removes the folder
        let b = try startLongLayout(dir, tmp: tmp)
        let childB = try #require(waitForChild(of: b.processIdentifier))
        kill(b.processIdentifier, SIGKILL)
        b.waitUntilExit()
        #expect(gone(childB))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).count == 1)
        let (status, err) = try runMutasi(["graph", "--transfers", Example.city, "-o", dir + "/small.svg"],
                                          environment: ["TMPDIR": tmp])
        #expect(status == 0, "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
    }
}
