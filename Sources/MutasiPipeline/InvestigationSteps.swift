import MutasiSupport
import MutasiIngest
import MutasiModel
import MutasiAnalysis
import MutasiNetwork
import MutasiReport

/// The steps of `Investigation.run` after reading: the detectors, the network beside them, and the
/// summary of what they found.
extension Investigation {
    /// What the detectors found.
    struct Detected {
        var decrees: Int
        var flags: [LegalFlag]
        var waves: WaveScan
        var loyalty: LoyaltyAnalysis.Result
    }

    /// Rule windows, waves and loyalty, one after the other, each on every core.
    static func detect(in set: TransferSet, calendar: ElectionCalendar, pack: RulePack, approvals: [String: String], ties: [Tie],
                       units: [UnitInfo], _ p: Parameters, progress: (String) -> Void) -> Detected {
        progress("checking rule windows")
        let decrees = set.decreeNumbers()
        let flags = RuleWindowCheck(pack: pack, approvals: approvals).flags(for: set, calendar: calendar, decrees: decrees)
        progress("scanning for waves")
        let rowsByRegion = set.rowsByRegion()
        let waves = WaveDetector(options: p.waveOptions).scan(in: set, calendar: calendar, legalFlags: flags, regions: rowsByRegion)
        progress("testing loyalty and retaliation")
        let loyalty = LoyaltyAnalysis(options: p.loyaltyOptions).run(transfers: set, calendar: calendar, ties: ties, units: units, regions: rowsByRegion)
        return Detected(decrees: decrees.count, flags: flags, waves: waves, loyalty: loyalty)
    }

    /// The network and its metrics, on threads of their own.
    static func startNetwork(_ set: TransferSet, ties: [Tie], calendar: ElectionCalendar, seed: UInt64,
                             people: Background<PersonNumbers>) -> Background<Swift.Result<(Network, NetworkMetrics), any Error>> {
        Background { () -> Swift.Result<(Network, NetworkMetrics), any Error> in
            let network = Network(transfers: set, ties: ties, calendar: calendar, people: people.value)
            return Swift.Result { (network, try NetworkMetrics(network: network, transfers: set, seed: seed, nodeScores: false, people: people.value)) }
        }
    }

    /// Distinct regions among the transfers.
    static func regionCount(_ set: TransferSet) -> Int {
        var seen = [Bool](repeating: false, count: set.strings.count), count = 0
        for t in set.transfers where !seen[Int(t.region.id)] { seen[Int(t.region.id)] = true; count += 1 }
        return count
    }

    static func networkSummary(_ network: Network, _ m: NetworkMetrics) -> NetworkSummary {
        NetworkSummary(nodes: network.nodeCount, edges: network.edgeCount, communities: m.communities,
                       modularity: m.modularity, louvainSeed: m.louvainSeed, betweennessExact: m.betweennessExact,
                       betweennessSources: m.betweennessSources, patrons: Array(m.patrons.prefix(50)),
                       brokers: Array(m.brokers.sorted { $0.betweenness > $1.betweenness }.prefix(20)))
    }

    static func summarise(_ report: IngestReport, warnings: Int, otherRejects: Int, people: Int, regions: Int, found: Detected,
                          pseudonymised: Bool) -> Summary {
        Summary(recordsRead: report.recordsRead, recordsAccepted: report.recordsAccepted, recordsRejected: report.recordsRejected,
                otherFilesRowsRejected: otherRejects, duplicatesMerged: report.duplicatesMerged, warnings: warnings,
                people: people, decrees: found.decrees, regions: regions, waves: found.waves.waves.count,
                violations: found.flags.filter { $0.status == .violation }.count, approved: found.flags.filter { $0.status == .approved }.count,
                loyalty: found.loyalty.loyalty.count, retaliation: found.loyalty.retaliation.count, sanctions: found.loyalty.sanctions.count,
                pseudonymised: pseudonymised)
    }
}
