import Testing
import MutasiGraph

@Suite struct WaveTests {
    @Test func exampleWavesFoundAndRoutineRoundsNot() throws {
        let root = fixtures + "/../../../Examples"
        let (set, _) = try TransferReader.read(paths: [root + "/transfers-kota-tanjung-kelapa.csv", root + "/transfers-kabupaten-sungai-rambai.csv"])
        let cal = try CalendarReader.read(path: root + "/elections.yaml")
        let flags = RuleWindowCheck().flags(for: set, calendar: cal)
        let waves = WaveDetector().waves(in: set, calendar: cal, legalFlags: flags)
        // the four planted waves (truth.json), and nothing in the quiet regency
        #expect(waves.map(\.start) == ["2023-12-27", "2024-01-17", "2024-05-21", "2026-05-12"])
        #expect(waves.allSatisfy { $0.region == "Kota Tanjung Kelapa" && $0.pValue < 0.05 })
        // January 2024: the 140 planted and one single move in the week after (the window is whole weeks)
        #expect(waves.map(\.persons) == [46, 141, 79, 17])
        let may = waves[2]
        // in the Pilkada's rule window (Pasal 71), so read against the Pilkada, not the nearer Pemilu
        #expect(may.election == "pilkada-2024-tanjung-kelapa" && may.daysToVoting == 190)
        // outside any window anchored on the city's own vote: the nearest vote, the Pemilu
        #expect(waves[1].election == "pemilu-2024" && waves[1].daysToVoting == 28)
        #expect(may.inWindow == ["pp49-2008-p132a", "uu10-2016-p71-2"])
        #expect(waves[3].inWindow.contains("uu10-2016-p162-3"))
    }

    @Test func repeatableWithTheSameSeed() throws {
        let root = fixtures + "/../../../Examples"
        let (set, _) = try TransferReader.read(paths: [root + "/transfers-kota-tanjung-kelapa.csv"])
        var o = WaveDetector.Options()
        o.replications = 199
        let a = WaveDetector(options: o).waves(in: set), b = WaveDetector(options: o).waves(in: set)
        #expect(a == b)
    }
}

@Suite struct WaveCalibrationTests {
    /// A small seeded calibration run (the full one, 200 regions at several sizes, is
    /// `mutasi-bench calibrate` and docs/METHODS.md): false alarms within alpha, and at least 95% of
    /// planted waves of 3x the region's mean weekly count found.
    @Test func falseAlarmsWithinAlphaAndPlantedWavesFound() {
        var o = WaveDetector.Options()
        o.replications = 199
        let r = WaveCalibration.run(regions: 40, scale: 5, seed: 99, detector: WaveDetector(options: o))
        #expect(r.nullRegionsWithWave <= 0.05, "false alarms \(r.nullRegionsWithWave)")
        #expect(r.plantedFound >= 0.95, "found \(r.plantedFound)")
    }
}
