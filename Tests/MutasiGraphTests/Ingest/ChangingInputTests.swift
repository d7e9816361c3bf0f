import Foundation
import Testing
import MutasiGraph

/// Input files that change while they are read, run through the built `mutasi` (a file cut short
/// under a mapping ends the process with a signal, which a test cannot catch in its own process).
@Suite(.serialized) struct ChangingInputTests {
    /// A transfer file of about `megabytes` MB: one block of rows written again and again, each time
    /// with its own decree numbers.
    static func bigFile(_ path: String, megabytes: Int) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? h.close() }
        try h.write(contentsOf: Data("nip,name,decree_no,decree_date,kind,to_unit,signed_by,region\n".utf8))
        var block = ""
        for i in 0..<2_000 {
            block += "1985031520100110\(String(format: "%02d", i % 100)),Budi Santoso \(i),821.2/BLK\(i)/BKPSDM/2024,2024-01-17,mutasi,Dinas Sosial,Drs. Hendra Kusuma,Kota A\n"
        }
        var written = 0, n = 0
        while written < megabytes << 20 {
            let data = Data(block.replacingOccurrences(of: "BLK", with: "\(n)-").utf8)
            try h.write(contentsOf: data)
            written += data.count
            n += 1
        }
    }

    @Test(Mutasi.isBuilt) func aFileCutShortWhileReadIsNamedNotACrash() throws {
        let binary = try mutasiBinary()
        let dir = try temporaryFolder("mutasi-change")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/transfers.csv"
        try Self.bigFile(file, megabytes: 150)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["validate", "--transfers", file]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // cut the file short as soon as the process has mapped it
        var cut = false
        for _ in 0..<3_000 where p.isRunning {
            if let maps = try? String(contentsOfFile: "/proc/\(p.processIdentifier)/maps", encoding: .utf8), maps.contains(file) {
                _ = truncate(file, 4_096)
                cut = true
                break
            }
            usleep(2_000)
        }
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(cut, "the file was read before it could be cut; make it bigger")
        #expect(p.terminationReason == .exit && p.terminationStatus == 2, "\(p.terminationReason) \(p.terminationStatus): \(said.prefix(300))")
        #expect(said.contains("\(file): changed while it was being read"), "\(said.prefix(300))")
        #expect(!said.contains("Backtrace") && !said.contains("Crash"))
    }

    /// Under `ulimit -v` a large file is refused at once with one sentence, not "failed to allocate"
    /// and a backtrace minutes in.
    @Test(Mutasi.isBuilt) func tooLittleMemoryIsSaidBeforeAnyWork() throws {
        let binary = try mutasiBinary()
        let dir = try temporaryFolder("mutasi-memory")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/transfers.csv"
        try Self.bigFile(file, megabytes: 150)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v 500000 && exec \"$0\" validate --transfers \"$1\"", binary, file]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2, "\(said.prefix(300))")
        #expect(said.contains("needs about") && said.contains("ulimit -v") && !said.contains("failed to allocate"), "\(said.prefix(300))")
    }

    @Test func theEstimateGrowsWithTheInputAndHeedsEachLimit() {
        let none = MemoryBudget.Limits(addressSpace: nil, cgroup: nil, virtualInUse: 80_000_000, residentInUse: 30_000_000)
        #expect(throws: Never.self) { try MemoryBudget.check(bytes: 300_000_000, file: "f", for: .analysis, limits: none) }
        var tight = none
        tight.addressSpace = 800_000_000
        #expect(throws: Never.self) { try MemoryBudget.check(bytes: 10_000_000, file: "f", for: .analysis, limits: tight) }
        #expect(throws: InputError.self) { try MemoryBudget.check(bytes: 300_000_000, file: "f", for: .reading, limits: tight) }
        var container = none
        container.cgroup = 512_000_000
        #expect(throws: Never.self) { try MemoryBudget.check(bytes: 100_000_000, file: "f", for: .reading, limits: container) }
        let e = #expect(throws: InputError.self) { try MemoryBudget.check(bytes: 300_000_000, file: "f", for: .analysis, limits: container) }
        #expect(e?.description.contains("memory.max") == true)
    }
}
