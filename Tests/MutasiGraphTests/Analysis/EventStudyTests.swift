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

@Suite struct EventStudyTests {
    /// From `scripts/event-study-reference.py` on Fixtures/panel/event-study-panel.csv: (k, estimate, SE).
    // statsmodels 0.15.0: n = 997, regions = 13, parameters = 77
    static let ols: [(Int, Double, Double)] = [
        (-24, -2.5905259325936023, 1.0204871020087725),
        (-23, -2.2653805278791084, 1.0584145244122154),
        (-22, -2.741629723954237, 1.187838439969831),
        (-21, -1.707329304508668, 1.029943230917219),
        (-20, -2.40281169024351, 1.2156148517973295),
        (-19, -2.5356966114797164, 1.0439391670352425),
        (-18, -2.710966318454697, 0.9530823750971936),
        (-17, -3.6236483369006116, 1.1732589833980678),
        (-16, -3.6922511833403004, 1.0382905705510959),
        (-15, -2.489980135584435, 1.2571816654831292),
        (-14, -2.6619356166441004, 1.0159552884710445),
        (-13, -2.20296263142515, 1.117677798877659),
        (-12, -3.042910000162798, 0.9060433460593164),
        (-11, -2.4695351949391764, 1.117596184215248),
        (-10, -3.9941264940096053, 1.3525008777987926),
        (-9, -3.5752106899486518, 0.993839032795538),
        (-8, -3.5542727584249, 1.1109799046813034),
        (-7, -3.1788878262084115, 1.1252717369335068),
        (-6, 1.3381501591243001, 1.2419010322655883),
        (-5, -0.7283780131677631, 0.9925500397980438),
        (-4, 0.04917298654639793, 1.0328952961580427),
        (-3, 1.8668286496868867, 0.8884879956531686),
        (-2, 0.38718086093489873, 1.2578838553333713),
        (0, -3.301485830276104, 1.087104679199418),
        (1, 0.8103505134090572, 1.1511939471073127),
        (2, 1.2253758443209413, 1.4762801677417619),
        (3, -0.04801604392580343, 1.3989252873939457),
        (4, -0.1362292579886549, 1.2676689604028462),
        (5, -1.7562040320198686, 1.0619595486926565),
        (6, -3.316089123610227, 0.9941811067991989),
        (7, -2.9210788343638225, 1.1039706104984397),
        (8, -1.912758603880442, 1.0220812794833392),
        (9, -2.8643337099707202, 1.242001503556861),
        (10, -2.728596883338091, 1.3600315119638047),
        (11, -3.3465469750422177, 0.8337338130236873),
        (12, -3.0493757056741795, 1.0876727297847053),
        (13, -3.357289127831867, 1.2446420143776897),
        (14, -2.734459220538371, 1.3371110157775261),
        (15, -3.4922608306443044, 1.1236077498815185),
        (16, -2.5398387630102683, 1.1188135768084992),
        (17, -2.02837345362207, 1.1807426052786334),
        (18, -3.0847220453683977, 0.942851756582213),
        (19, -3.0630629681696093, 1.1384906898203022),
        (20, -3.122314008116068, 1.288849478138864),
        (21, -3.212574897669099, 1.2996311968009027),
        (22, -1.3005026945552773, 1.4662850831992496),
        (23, -3.1825154143357994, 0.9905257708402324),
    ]
    static let poisson: [(Int, Double, Double)] = [
        (-24, -0.4696069707175282, 0.18837701158685569),
        (-23, -0.38435591375150424, 0.21470091471336566),
        (-22, -0.49196686626555813, 0.2718843912470766),
        (-21, -0.24254700911057397, 0.19229024500320965),
        (-20, -0.43060014785270695, 0.2325998051146435),
        (-19, -0.46210613250489585, 0.22550448885694052),
        (-18, -0.5136650949308321, 0.1879056700370468),
        (-17, -0.8293840201053849, 0.31319752177146126),
        (-16, -0.9085911188731757, 0.2721612332280269),
        (-15, -0.4406096993438934, 0.2693536412015995),
        (-14, -0.50123291614614, 0.17869049895207334),
        (-13, -0.3747798423316566, 0.2228007114244531),
        (-12, -0.6067494098917875, 0.16867019781313566),
        (-11, -0.45227779580957206, 0.21283070801156515),
        (-10, -0.9303635326157048, 0.31686797488732926),
        (-9, -0.8074643159857119, 0.17924370200809475),
        (-8, -0.776473097547285, 0.2013506069309902),
        (-7, -0.661176560068483, 0.23222743115524194),
        (-6, 0.19548947681440065, 0.19631057332917634),
        (-5, -0.060868086245428686, 0.17129388849311536),
        (-4, 0.08814012725017623, 0.17556667244970048),
        (-3, 0.344869769267371, 0.13491828305635348),
        (-2, 0.0794539807171462, 0.19771269483703738),
        (0, -0.7021429677112019, 0.20322747707118977),
        (1, 0.15444326671951095, 0.1953074536782313),
        (2, 0.186257388000686, 0.2018576578142983),
        (3, 0.008476829415093107, 0.23891980262333978),
        (4, -0.06729921002497123, 0.2226034117928808),
        (5, -0.3391374244593991, 0.18803454901987657),
        (6, -0.7315370803797, 0.1869287388044146),
        (7, -0.6103980558065563, 0.2296286101155788),
        (8, -0.3426827068814764, 0.18045319568056045),
        (9, -0.5959826831873469, 0.28210655617982905),
        (10, -0.5675301709098551, 0.2921197585089988),
        (11, -0.7245912814036554, 0.1319472175186305),
        (12, -0.6507475349646036, 0.197538466427057),
        (13, -0.7657780135328701, 0.26723891747192785),
        (14, -0.5597216622872027, 0.25355202630773815),
        (15, -0.7731110452164328, 0.26207857966414694),
        (16, -0.5399330440599918, 0.21056085624038282),
        (17, -0.4260832042004523, 0.24717977997874038),
        (18, -0.6795742070784233, 0.1810242839414666),
        (19, -0.6712480674474001, 0.26669204350221287),
        (20, -0.6928093507997594, 0.29526172741471485),
        (21, -0.6981412488881021, 0.27859026667496894),
        (22, -0.276053482432461, 0.27158220941462324),
        (23, -0.7041179921281251, 0.1971942298570481),
    ]

    static func observations() throws -> [EventStudy.Observation] {
        let text = try String(contentsOfFile: PanelFixture.eventStudy, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let month = Int(f[1].prefix(4))! * 12 + Int(f[1].suffix(2))! - 1
            return EventStudy.Observation(region: f[0], month: month, eventTime: Int(f[2]).map { -$0 },
                                          outcome: Double(f[4])!, complete: f[3] == "1")
        }
    }

    static func check(_ r: EventStudy.Result, against reference: [(Int, Double, Double)]) {
        #expect(r.coefficients.count == reference.count)
        for (c, (k, estimate, se)) in zip(r.coefficients, reference) {
            #expect(c.k == k)
            #expect(abs(c.estimate - estimate) <= 1e-6, "k = \(k): \(c.estimate) vs \(estimate)")
            #expect(abs(c.se - se) <= 1e-4 * max(1, se), "k = \(k): SE \(c.se) vs \(se)")
            #expect(abs((c.ciHigh - c.ciLow) / 2 - r.criticalValue * c.se) < 1e-9)
        }
    }

    @Test func olsAgreesWithStatsmodels() throws {
        let r = try EventStudy().fit(try Self.observations())
        #expect(r.n == 997 && r.regions == 13 && r.parameters == 77)
        #expect(r.yearFixedEffects && r.omitted.isEmpty)
        #expect(r.dropped == 1162 - 997 - r.noVote && r.noVote > 0)
        Self.check(r, against: Self.ols)
        // Stata's t(G - 1) for the intervals: t(12) at 97.5% is 2.1788128...
        #expect(abs(r.criticalValue - 2.178812829663418) < 1e-9)
    }

    @Test func poissonAgreesWithStatsmodels() throws {
        var o = EventStudy.Options()
        o.estimator = .poisson
        let r = try EventStudy(options: o).fit(try Self.observations())
        #expect(r.n == 997 && r.separated == 0)
        Self.check(r, against: Self.poisson)
    }

    @Test func collinearAndSeparatedColumnsAreReported() throws {
        // every region votes in the same month: calendar months then follow from event time and
        // one of them is left out as collinear, not solved into noise
        var obs: [EventStudy.Observation] = []
        for g in 0..<6 {
            for m in 0..<60 {
                let y: Double = m == 35 ? 0 : Double((g * 7 + m * 3) % 5 + 1)
                obs.append(EventStudy.Observation(region: "R\(g)", month: 2022 * 12 + m, eventTime: m - 30, outcome: y, complete: true))
            }
        }
        var o = EventStudy.Options()
        o.window = -6...5
        o.endpoints = .drop
        let r = try EventStudy(options: o).fit(obs)
        #expect(!r.yearFixedEffects)
        #expect(r.outsideWindow == 6 * 48)
        #expect(!r.omitted.isEmpty)
        #expect(r.coefficients.count + r.omitted.filter { $0.hasPrefix("k=") }.count == 11)
        #expect(r.coefficients.allSatisfy { $0.se.isFinite && $0.estimate.isFinite })
        o.estimator = .poisson
        let p = try EventStudy(options: o).fit(obs)
        #expect(p.separated == 6)  // k = 5: all zeros
        #expect(throws: EventStudy.FitError.tooFewRegions(1)) { try EventStudy().fit(obs.filter { $0.region == "R0" }) }
    }
}
