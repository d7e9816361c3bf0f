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

@Suite struct NameMatchingTests {
    @Test func titlesDegreesAndOfficeWordsAreDroppedWhereverTheyStand() {
        let one = ["H. Ahmad Sulaiman, S.H.", "Ahmad Sulaiman SH", "H. AHMAD SULAIMAN, S.H.", "H. Ahmad Sulaiman, SH.",
                   "Haji Ahmad Sulaiman", "Dr. H. Ahmad Sulaiman, M.H.", "Pj. Gubernur Drs. Ahmad Sulaiman",
                   "Plt. Wali Kota Ahmad Sulaiman, S.Sos., M.AP.", "Walikota Prof. Dr. Ir. Ahmad Sulaiman, M.Si.",
                   "Dr.H.Ahmad Sulaiman", "Penjabat Sementara Bupati Ahmad Sulaiman S.Kom", "AHMAD  SULAIMAN ,S.E.,M.M."]
        for s in one { #expect(PersonName.key(s) == "ahmadsulaiman", "\(s) -> \(PersonName.key(s))") }
        // a name that looks like a degree without its dots is kept
        #expect(PersonName.key("Sri Mulyani") == "srimulyani")
        #expect(PersonName.key("Ma Sulaiman") == "masulaiman")
        // nothing but titles: kept, so that something is left to match
        #expect(PersonName.key("Dr. H.") == "drh")
    }

    @Test func lookAlikeAndFullwidthLettersAreFoldedAndMixedScriptsNamed() {
        let cyrillic = "H. Ahmad Sul\u{0430}iman, S.H."  // U+0430 Cyrillic a
        #expect(PersonName.key(cyrillic) == "ahmadsulaiman")
        #expect(PersonName.key("ＡＨＭＡＤ ＳＵＬＡＩＭＡＮ") == "ahmadsulaiman")
        #expect(PersonName.key("Ahmad\u{200B} Sul\u{202E}aiman") == "ahmadsulaiman")
        #expect(MatchText.mixedScripts(cyrillic) == ["Latin", "Cyrillic"])
        #expect(MatchText.mixedScripts("Ahmad Sulaiman") == nil)
        #expect(MatchText.mixedScripts("Αλέξανδρος") == nil)
    }

    @Test func asciiTextFoldsAndSplitsAsTheUnicodePathDoes() {
        // the fast path for ASCII must give what normalising, folding and the property tables give
        let ascii = (0..<128).map { Unicode.Scalar(UInt8($0)) }
        for u in ascii {
            let s = "Ab" + String(Character(u)) + "Cd"
            #expect(MatchText.fold(s) == s.precomposedStringWithCompatibilityMapping.lowercased().folding(options: [.diacriticInsensitive], locale: nil),
                    "\(u.value)")
            #expect(MatchText.isWordScalar(u) == (u.properties.isAlphabetic || u.properties.numericType != nil), "\(u.value)")
        }
        #expect(RegionName.key("KAB. Bangka Barat") == RegionName.key("Kabupaten  Bangka-Barat"))
        #expect(MatchText.fold("Sulаiman É") == "sulaiman e")
    }

    @Test func regionsFoldTheirKindButKeepItApart() {
        #expect(RegionName.same("Kab. Tanah Merah", "Kabupaten Tanah Merah"))
        #expect(RegionName.same("KAB TANAH MERAH", "kabupaten tanah-merah"))
        #expect(RegionName.same("Kotamadya Tanjung Kelapa", "Kota Tanjung Kelapa"))
        #expect(RegionName.same("Kota Madya Tanjung Kelapa", "KOTA TANJUNG KELAPA"))
        #expect(RegionName.same("Prov. Sumatera Utara", "Provinsi Sumatera Utara"))
        #expect(!RegionName.same("Kota Bekasi", "Kabupaten Bekasi"))
    }

    @Test func similarityIsOneMinusTheNormalisedEditDistance() {
        #expect(Similarity.normalised("abc", "abc") == 1)
        #expect(Similarity.normalised("", "") == 1)
        #expect(Similarity.normalised("abcd", "abce") == 0.75)
        #expect(PersonName.similarity("Achmad Sulaiman", "H. Ahmad Sulaiman, S.H.") > HeadResolver.nearThreshold)
        #expect(PersonName.similarity("Ahmad Syukur", "Ahmad Sulaiman") < HeadResolver.nearThreshold)
    }

    func calendar() -> ElectionCalendar {
        ElectionCalendar(elections: [], heads: [
            RegionalHead(region: "Provinsi Tanah Air", name: "H. Ahmad Sulaiman, S.H.", role: .elected, from: Day(year: 2019, month: 1, day: 1)!, to: Day(year: 2023, month: 12, day: 31)!),
            RegionalHead(region: "Provinsi Tanah Air", name: "Drs. Budi Santoso, M.Si.", role: .acting, from: Day(year: 2024, month: 1, day: 1)!),
            RegionalHead(region: "Kabupaten Tanah Merah", name: "Ir. Sulastri Wibowo", role: .elected, from: Day(year: 2019, month: 1, day: 1)!),
            RegionalHead(region: "Kabupaten Lain", name: "Ahmad Sulaiman", role: .elected, from: Day(year: 2019, month: 1, day: 1)!),
        ])
    }

    @Test func signersResolveByRegionProvinceDateAliasAndNearSpelling() {
        var cal = calendar()
        let day = Day(year: 2022, month: 6, day: 1)!
        // the governor signing a regency's transfer: two heads share the name, so without the
        // province it is ambiguous and matches nothing; with it, the governor
        #expect(HeadResolver(cal).match(signedAs: "Ahmad Sulaiman SH", in: "Kab. Tanah Merah", on: day) == nil)
        cal.provinces[RegionName.key("Kabupaten Tanah Merah")] = "Provinsi Tanah Air"
        let r = HeadResolver(cal)
        #expect(r.match(signedAs: "Ahmad Sulaiman SH", in: "Kab. Tanah Merah", on: day)?.head.region == "Provinsi Tanah Air")
        #expect(r.match(signedAs: "Gubernur H. AHMAD SULAIMAN", in: "Kabupaten Tanah Merah", on: day)?.kind == .name)
        // a regency's own head first
        #expect(r.match(signedAs: "Ahmad Sulaiman", in: "Kabupaten Lain", on: day)?.head.region == "Kabupaten Lain")
        // out of term: nothing
        #expect(r.match(signedAs: "Ahmad Sulaiman SH", in: "Kabupaten Tanah Merah", on: Day(year: 2024, month: 6, day: 1)!) == nil)
        // near spelling, with its score
        let near = r.match(signedAs: "Ir. Sulastri Wibowa", in: "Kabupaten Tanah Merah", on: day)
        #expect(near?.kind == .near && near!.score >= HeadResolver.nearThreshold && near!.score < 1)
        #expect(r.match(signedAs: "Sutrisno Wibowo", in: "Kabupaten Tanah Merah", on: day) == nil)
        // an alias for what cannot be inferred
        cal.aliases = [NameAlias(kind: .person, alias: "Bu Lastri", canonical: "Ir. Sulastri Wibowo", region: "Kab. Tanah Merah")]
        #expect(HeadResolver(cal).match(signedAs: "Bu Lastri", in: "Kabupaten Tanah Merah", on: day)?.kind == .alias)
        #expect(HeadResolver(cal).match(signedAs: "Bu Lastri", in: "Kabupaten Lain", on: day) == nil)
    }

    @Test func calendarTakesEveryActingRoleAndWarnsAboutOverlapsAndFarDates() throws {
        let yaml = """
        elections:
          - {id: e, region: Kabupaten X, voting_date: 2024-11-27, inauguration_date: 2052-02-20}
        heads:
          - {region: Kabupaten X, name: A, role: elected, from: 2019-02-20}
          - {region: Kab. X, name: B, role: Pjs, from: 2024-09-25, to: 2024-11-23}
          - {region: Kabupaten Y, name: C, role: Plh., from: 2024-01-01}
          - {region: Kabupaten Z, name: D, role: Penjabat Sementara, from: 2024-01-01}
          - {region: Kabupaten W, name: E, role: pelaksana tugas, from: 2024-01-01}
          - {region: Kabupaten W, name: F, role: elected, from: 2024-06-01}
        """
        let cal = try CalendarReader.read(text: yaml, file: "cal.yaml")
        #expect(cal.heads.dropFirst().dropLast().allSatisfy { $0.role == .acting })
        // the Pjs inside the elected head's term (campaign leave) is no overlap; F after the open Plt E is
        #expect(cal.warnings.count == 1 && cal.warnings[0].line == 9 && cal.warnings[0].reason.contains("overlaps"))
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array("nip,name,decree_no,decree_date,signed_by,region\n198004132006011464,X,1,2024-01-02,A,Kabupaten X\n".utf8), name: "t.csv", into: &set)
        let far = cal.plausibilityWarnings(transfers: set).filter { $0.reason.contains("2052") }
        #expect(far.count == 1 && far[0].line == 2 && far[0].column > 1)
    }

    @Test func whatMatchesNothingIsListedWithRowsAndTheClosestCandidate() throws {
        var cal = calendar()
        cal.provinces[RegionName.key("Kabupaten Tanah Merah")] = "Provinsi Tanah Air"
        cal.aliases = [NameAlias(kind: .unit, alias: "Dinsos", canonical: "Dinas Sosial")]
        let csv = """
        nip,name,decree_no,decree_date,from_unit,to_unit,signed_by,region
        198503152010011002,A,SK/1,2022-01-17,Dinsos,Bappeda,Gubernur H. AHMAD SULAIMAN SH,Kab. Tanah Merah
        198503152010011003,B,SK/2,2022-01-18,Dinsos,Bappeda,Ir. Sulastri Wibowa,KAB TANAH MERAH
        198503152010011004,C,SK/3,2022-01-19,Dinsos,Bappeda,Someone Else,Kabupaten Tanah Merah
        198503152010011005,D,SK/4,2022-01-20,Dinsos,Bappeda,Someone Else,Kabupaten Tanah Merah
        198503152010011006,E,SK/5,2022-01-21,Dinsos,Bappeda,Ir. Sulastri Wibowo,Kabupaten Tanah Meran
        """
        var set = TransferSet()
        _ = try TransferReader.read(bytes: Array(csv.utf8), name: "t.csv", into: &set)
        let m = NameResolution.apply(to: &set, calendar: cal)
        // rows read in the calendar's spellings
        #expect(set.transfers.map { set[$0.region] } == ["Kabupaten Tanah Merah", "Kabupaten Tanah Merah", "Kabupaten Tanah Merah",
                                                           "Kabupaten Tanah Merah", "Kabupaten Tanah Meran"])
        #expect(set[set.transfers[0].signedBy] == "H. Ahmad Sulaiman, S.H." && set[set.transfers[1].signedBy] == "Ir. Sulastri Wibowo")
        #expect(set.transfers.allSatisfy { set[$0.fromUnit] == "Dinas Sosial" })
        // the last row's region is unknown, so is its province: the one head of that name in office anywhere
        #expect(m.signerRowsMatched == 3 && m.signerRowsUnmatched == 2)
        #expect(m.accepted.count == 1 && m.accepted[0].how == .near && m.accepted[0].score == 0.929 && m.accepted[0].rows == 1)
        #expect(m.unmatchedSigners.map(\.name) == ["Someone Else"])
        #expect(m.unmatchedSigners[0].rows == 2 && m.unmatchedSigners[0].firstDate == "2022-01-19" && m.unmatchedSigners[0].lastDate == "2022-01-20")
        #expect(m.unmatchedRegions.count == 1 && m.unmatchedRegions[0].name == "Kabupaten Tanah Meran" && m.unmatchedRegions[0].rows == 1
                && m.unmatchedRegions[0].closest == "Kabupaten Tanah Merah" && (m.unmatchedRegions[0].closestScore ?? 0) > 0.9)
    }

    /// The held-out style case: the example with its signers and regions respelled the ways real
    /// files spell them gives the same findings as the example itself.
    @Test func respelledSignersAndRegionsGiveTheSameFindings() throws {
        let examples = Example.folder
        let dir = try temporaryFolder("respelled")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spellings: [String: [String]] = [
            "H. Darmawan Saputra, S.E.": ["DARMAWAN SAPUTRA SE", "Haji Darmawan Saputra", "H. D\u{0430}rmawan Saputra, S.E."],
            "Drs. Hendra Kusuma, M.Si.": ["Pj. Wali Kota Drs. Hendra Kusuma, M.Si.", "Hendra Kusuma", "Plt. Walikota Hendra Kusuma MSi"],
            "Ir. Sulastri Wibowo, M.T.": ["Sulastri Wibowo MT", "ＳＵＬＡＳＴＲＩ ＷＩＢＯＷＯ"],
            "Drs. H. Rusli Hamzah": ["Bupati Rusli Hamzah", "H. RUSLI HAMZAH", "Drs.H.Rusli Hamzah"],
            "Kota Tanjung Kelapa": ["KOTA TANJUNG KELAPA", "Kotamadya Tanjung Kelapa"],
            "Kabupaten Sungai Rambai": ["Kab. Sungai Rambai", "KAB SUNGAI RAMBAI"],
        ]
        for f in try FileManager.default.contentsOfDirectory(atPath: examples) {
            var text = try String(contentsOfFile: examples + "/" + f, encoding: .utf8)
            if f.hasPrefix("transfers-") {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { (i, line) -> String in
                    var l = String(line)
                    for (name, variants) in spellings {
                        // quoted fields keep their quotes: the comma file quotes names with commas
                        let v = variants[i % variants.count]
                        l = l.replacingOccurrences(of: "\"\(name)\"", with: "\"\(v)\"").replacingOccurrences(of: name, with: v)
                    }
                    return l
                }
                text = lines.joined(separator: "\n")
            }
            try text.write(toFile: dir + "/" + f, atomically: true, encoding: .utf8)
        }
        func run(_ root: String) throws -> (String, Investigation.Result) {
            let inputs = Investigation.Inputs(transfers: [root + "/transfers-kota-tanjung-kelapa.csv", root + "/transfers-kabupaten-sungai-rambai.csv"],
                                              elections: root + "/elections.yaml", ties: root + "/ties.csv", units: root + "/units.csv",
                                              approvals: root + "/approvals.csv")
            var p = Investigation.Parameters()
            p.replications = 199
            let r = try Investigation.run(inputs, p)
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let f = r.findings
            let parts = [try enc.encode(f.waves), try enc.encode(f.legalFlags), try enc.encode(f.loyalty), try enc.encode(f.retaliation),
                         try enc.encode(f.sanctions), try enc.encode(f.groupTests)]
            return (parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").replacingOccurrences(of: root + "/", with: ""), r)
        }
        let (clean, cleanRun) = try run(examples)
        let (respelled, respelledRun) = try run(dir)
        // not an empty comparison: the planted waves, violations and promotions are found (truth.json)
        let flagged = Set(cleanRun.findings.legalFlags.filter { $0.status == .violation }.map(\.decreeNo))
        #expect(Set(Example.truth.violations).isSubset(of: flagged))
        let starts = Set(cleanRun.findings.waves.map(\.start.iso))
        #expect(Set(Example.truth.waveWeeks.map(\.first)).isSubset(of: starts), "\(starts.sorted())")
        #expect(Set(cleanRun.findings.loyalty.map(\.nip)) == Set(Example.truth.loyalty))
        #expect(clean == respelled)
        #expect(respelledRun.findings.matching.unmatchedRegions.isEmpty)
        // one signer node per head however spelled
        #expect(respelledRun.network.nodes(of: .signer).count == cleanRun.network.nodes(of: .signer).count)
    }
}
