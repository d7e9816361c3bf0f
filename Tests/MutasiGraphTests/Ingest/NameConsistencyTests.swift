import Foundation
import Testing
@testable import MutasiIngest
import MutasiModel
import MutasiSupport

/// Two names on one NIP are warned about once a row, in reading order, however many ways the NIPs
/// are split among the cores.
@Suite struct NameConsistencyTests {
    /// 400 NIPs, each first as "Person k"; every fifth again with a degree (the same name), every
    /// seventh again under another name, and every fourteenth under that other name a second time.
    static func set() throws -> (TransferSet, IngestReport) {
        var lines = ["nip,nama,tgl_sk,ppk,daerah"]
        let nip = { (k: Int) in "198503152010011" + String(format: "%03d", k) }
        for k in 1...400 { lines.append("\(nip(k)),Person \(k),2024-01-05,B,K") }
        for k in stride(from: 400, through: 1, by: -1) {
            if k % 5 == 0 { lines.append("\(nip(k)),\"Drs. PERSON \(k), M.Si.\",2024-02-05,B,K") }
            if k % 7 == 0 { lines.append("\(nip(k)),Other \(k),2024-03-05,B,K") }
        }
        for k in 1...400 where k % 14 == 0 { lines.append("\(nip(k)),Other \(k),2024-04-05,B,K") }
        var set = TransferSet()
        let report = try TransferReader.read(bytes: Array(lines.joined(separator: "\n").utf8), name: "t.csv", into: &set)
        return (set, report)
    }

    @Test func everySplitOfTheNIPsWarnsTheSameRowsInReadingOrder() throws {
        let (set, report) = try Self.set()
        #expect(report.recordsRejected == 0)
        let one = NameConsistency.warnings(set, columns: report.columns, shares: 1)
        // 57 NIPs of 400 are multiples of 7 (one other name each), 28 of 14 (that name again)
        #expect(one.count == 57 + 28)
        #expect(one.allSatisfy { $0.column == 2 && $0.reason.contains("carries the name 'Other ") })
        #expect(one.map(\.line) == one.map(\.line).sorted())
        for shares in 2...5 {
            #expect(NameConsistency.warnings(set, columns: report.columns, shares: shares) == one)
        }
    }
}
