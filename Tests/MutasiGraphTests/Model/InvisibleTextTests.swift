import Foundation
import Testing
import MutasiGraph

/// Direction overrides and zero-width characters never reach matching or an output.
@Suite struct InvisibleTextTests {
    @Test func removedFromEveryTextAsItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-invisible-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = [
            "nip,name,decree_no,decree_date,kind,to_unit,signed_by,region,reason",
            "198503152010011002,Bu\u{200B}di Santoso,821.2/1/BKPSDM/2024,2024-01-17,mutasi,Dinas Sosial,\u{202E}asuK ardneH .srD,Kota A,x\u{2066}y\u{2069}",
            "199001012015032001,Budi Santoso,821.2/2/BKPSDM/2024,2024-01-18,mutasi,Dinas\u{FEFF} Sosial,Drs. Hendra\u{2060} Kusuma,Kota A,",
        ]
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (set, report) = try TransferReader.read(paths: [path])
        #expect(report.recordsAccepted == 2)
        let all = set.strings.strings.joined(separator: "|")
        for v: UInt32 in [0x200B, 0x202E, 0x2066, 0x2069, 0xFEFF, 0x2060] {
            #expect(!all.unicodeScalars.contains { $0.value == v }, "U+\(String(v, radix: 16)) survives")
        }
        // the same text once its invisible characters are gone: the same symbol
        #expect(set.transfers[0].name == set.transfers[1].name && set.transfers[0].toUnit == set.transfers[1].toUnit)
        #expect(set[set.transfers[1].signedBy] == "Drs. Hendra Kusuma" && set[set.transfers[0].reason] == "xy")
        #expect(InvisibleText.removed(from: "A\u{200C}\u{200D}B\u{202A}") == "AB")
    }
}
