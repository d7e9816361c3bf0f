import Foundation
import Testing
import MutasiGraph

@Suite struct SynthTests {
    /// A planted case read back through the whole pipeline: every row valid, every planted wave,
    /// violation, promotion and push-out found.
    @Test func plantedTruthIsFound() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-synth-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = Synth.Options()
        o.regions = 4; o.seed = 11; o.plantWaves = true; o.plantLoyalty = true
        let truth = try Synth.write(o, to: dir)
        let inputs = Investigation.Inputs(transfers: [dir + "/transfers.csv"], elections: dir + "/elections.yaml",
                                          ties: dir + "/ties.csv", units: dir + "/units.csv")
        var p = Investigation.Parameters()
        p.replications = 199
        let f = try Investigation.run(inputs, p).findings
        #expect(f.summary.recordsRejected == 0 && f.summary.recordsRead == truth.rows)
        for w in truth.waves {
            #expect(f.waves.contains { $0.region == w.region && $0.start.iso <= w.date && w.date <= $0.end.iso }, "wave \(w.decree) missed")
        }
        #expect(f.waves.count == truth.waves.count)
        let violations = Set(f.legalFlags.filter { $0.status == .violation }.map(\.decreeNo))
        #expect(truth.violations.allSatisfy(violations.contains))
        #expect(Set(f.loyalty.map(\.nip)) == Set(truth.loyalty))
        #expect(Set(truth.retaliation).isSubset(of: Set(f.retaliation.map(\.nip))))
        #expect(f.groupTests.filter { $0.event == .promotion }.allSatisfy { $0.pValue < 0.01 })
    }
}
