import Testing
import MutasiGraph

@Suite struct RuleWindowTests {
    func example() throws -> (TransferSet, ElectionCalendar, [String: String]) {
        var set = TransferSet()
        _ = try TransferReader.read(path: Example.city, into: &set)
        let cal = try CalendarReader.read(path: Example.path("elections.yaml"))
        let approvals = ApprovalReader.index(try ApprovalReader.read(path: Example.path("approvals.csv")).0, for: set)
        return (set, cal, approvals)
    }

    @Test func exampleWavesAreFlaggedUnderTheRightRules() throws {
        let (set, cal, approvals) = try example()
        let flags = RuleWindowCheck(approvals: approvals).flags(for: set, calendar: cal)
        func flag(_ decree: String, _ rule: String) -> LegalFlag? { flags.first { $0.decreeNo == decree && $0.rule == rule } }
        // the decrees below are the planted waves' (truth.json), their sizes the people planted
        let truth = Example.truth
        #expect(truth.violations == ["821.2/0016/BKPSDM/2023", "821.2/0004/BKPSDM/2024", "821.2/0010/BKPSDM/2024", "821.2/0017/BKPSDM/2026"])
        #expect(truth.approved == ["821.2/0003/BKPSDM/2024"])
        // December 2023 and January 2024: the acting head (Pj) transfers officials without approval
        #expect(flag("821.2/0016/BKPSDM/2023", "pp49-2008-p132a")?.status == .violation)
        #expect(flag("821.2/0016/BKPSDM/2023", "pp49-2008-p132a")?.signerRole == .acting)
        #expect(flag("821.2/0004/BKPSDM/2024", "pp49-2008-p132a")?.status == .violation)
        // the 100 of January 2024 had the Minister's approval: listed, not a violation
        let approved = try #require(flag("821.2/0003/BKPSDM/2024", "pp49-2008-p132a"))
        #expect(approved.status == .approved && approved.approval == "100.2.2.6/215/OTDA")
        #expect(approved.persons == truth.persons(of: approved.decreeNo))
        // May 2024 is inside Pasal 71's window: from 22 Mar 2024 (6 months before 22 Sep 2024)
        let may = try #require(flag("821.2/0010/BKPSDM/2024", "uu10-2016-p71-2"))
        #expect(may.windowStart.iso == "2024-03-22" && may.election == "pilkada-2024-tanjung-kelapa")
        #expect(may.persons == truth.persons(of: may.decreeNo))
        #expect(may.daysToVoting == 190)  // 2024-05-21 to the vote of 2024-11-27
        // before the window, Pasal 71 does not apply
        #expect(flag("821.2/0016/BKPSDM/2023", "uu10-2016-p71-2") == nil)
        // May 2026: five months after the inauguration of 15 Dec 2025, Pasal 162 ayat (3), whose
        // window closes six months after it; all the people planted are eselon II officials
        let p162 = try #require(flag("821.2/0017/BKPSDM/2026", "uu10-2016-p162-3"))
        #expect(p162.status == .violation && p162.windowEnd?.iso == "2026-06-15" && p162.signerRole == .elected)
        #expect(p162.officials == truth.persons(of: p162.decreeNo))
        // no approved decree is ever a violation
        #expect(!flags.contains { $0.approval != nil && $0.status == .violation })
    }

    @Test func staffOnlyMovesDoNotCount() throws {
        let text = """
        nip,name,decree_no,decree_date,from_echelon,to_echelon,signed_by,region
        198503152010011002,A,SK/1,2024-05-01,Pelaksana,Pelaksana,Pj,Kota A
        198503152010011003,B,SK/2,2024-05-01,IV.a,IV.a,Pj,Kota A
        """
        let (set, _) = try readTransfers(text)
        let cal = ElectionCalendar(heads: [RegionalHead(region: "Kota A", name: "Pj", role: .acting, from: Day(iso: "2024-01-01")!, to: Day(iso: "2025-01-01"))])
        let flags = RuleWindowCheck().flags(for: set, calendar: cal)
        #expect(flags.map(\.decreeNo) == ["SK/2"])
    }

    /// An acting head whose term the calendar leaves open: the window has no last day, and
    /// findings.json says so with null instead of a date thousands of years away.
    @Test func anOpenActingTermHasNoWindowEnd() throws {
        let text = """
        nip,name,decree_no,decree_date,from_echelon,to_echelon,signed_by,region
        198503152010011003,B,SK/2,2024-05-01,IV.a,IV.a,Pj,Kota A
        """
        let (set, _) = try readTransfers(text)
        let cal = ElectionCalendar(heads: [RegionalHead(region: "Kota A", name: "Pj", role: .acting, from: Day(iso: "2024-01-01")!, to: nil)])
        let flags = RuleWindowCheck().flags(for: set, calendar: cal)
        #expect(flags.map(\.decreeNo) == ["SK/2"])
        #expect(flags.first?.windowStart.iso == "2024-01-01" && flags.first?.windowEnd == nil)
    }

    /// The design must not be Indonesia-shaped: Brazil's rule runs on the same code, from data.
    @Test func brazilsLawFromItsOwnPack() throws {
        let text = """
        nip,name,decree_no,decree_date,signed_by,region
        198503152010011002,A,P/1,2024-06-01,Prefeito,Niteroi
        198503152010011003,B,P/2,2024-08-01,Prefeito,Niteroi
        198503152010011004,C,P/3,2024-12-20,Secretario,Niteroi
        198503152010011005,D,P/4,2025-02-01,Prefeito,Niteroi
        """
        let (set, _) = try readTransfers(text)
        let cal = ElectionCalendar(elections: [Election(id: "municipal-2024", name: "Eleicoes municipais 2024", kind: .regional, region: "Niteroi",
                                                        votingDate: Day(iso: "2024-10-06")!, inaugurationDate: Day(iso: "2025-01-01"))])
        let flags = RuleWindowCheck(pack: .brazil).flags(for: set, calendar: cal)
        #expect(flags.map(\.decreeNo) == ["P/2", "P/3"])
        #expect(flags.allSatisfy { $0.citation == "Lei 9.504/1997, art. 73, V" && $0.windowStart.iso == "2024-07-06" && $0.windowEnd?.iso == "2025-01-01" })
        #expect(flags.first { $0.decreeNo == "P/3" }?.signerRole == .unknown)
        // approvals do not exempt under Brazil's rule
        let approved = RuleWindowCheck(pack: .brazil, approvals: [set.decreeKey(of: set.transfers[1]): "X"]).flags(for: set, calendar: cal)
        #expect(approved.first?.status == .violation)
    }

    @Test func badPacksAreRefusedWithTheRule() {
        let bad = RulePack.BuiltIn.brazil.yaml.replacingOccurrences(of: "anchor: voting", with: "anchor: polling_day")
        do { _ = try RulePack.load(yaml: bad); Issue.record("must throw") } catch {
            #expect(error.message.contains("lei9504-1997-art73-v") && error.message.contains("polling_day"))
            // every anchor the pack may use, from the enum itself
            #expect(RulePack.Rule.Anchor.allCases.allSatisfy { error.message.contains($0.rawValue) }, "\(error)")
        }
        #expect(throws: InputError.self) { try RulePack.load(yaml: "rules: 3") }
        #expect(RulePack.indonesia.rules.count == 3)
    }

    /// The packs shipped as Resources/rules/*.yaml load through the module's bundle, as files a
    /// user could pass to --rules.
    @Test func bothBuiltInPacksLoadFromTheBundle() throws {
        #expect(RulePack.BuiltIn.allCases.map(\.rawValue) == ["indonesia", "brazil"])
        for b in RulePack.BuiltIn.allCases {
            #expect(b.url.lastPathComponent == b.rawValue + ".yaml")
            let pack = try RulePack.load(path: b.url.path)
            #expect(pack == b.pack && !pack.rules.isEmpty, "\(b)")
        }
        #expect(RulePack.indonesia.rules.map(\.id) == ["uu10-2016-p71-2", "uu10-2016-p162-3", "pp49-2008-p132a"])
        #expect(RulePack.brazil.rules.map(\.id) == ["lei9504-1997-art73-v"])
        #expect(RulePack.brazil.rules[0].window.from.anchor == .voting && RulePack.brazil.rules[0].exemption == .none)
    }

    /// A broken rule pack is named by file:line:column (from 1) with what to write, never a
    /// `DecodingError` dump.
    @Test func aBrokenRulePackSaysWhereAndWhat() {
        let cases: [(String, line: Int, column: Int, says: String)] = [
            ("name: x\nrules:\n  - id: a\n    window: {from: [\n", 5, 1, "YAML syntax"),
            ("name: x\nrules:\n  - id: a\n    citation: c\n", 3, 5, "has no `binds`"),
            ("name: x\nrules:\n  - id: a\n    citation: [1, 2]\n", 4, 15, "rules[0].citation should be a text"),
            ("name: x\nrules:\n  - id: a\n    citation: c\n    binds: [elected, mayor]\n", 5, 22,
             "rule 'a', rules[0].binds[1]: 'mayor' is not one of: elected, acting, any"),
            ("name: x\nrules:\n  - id: a\n    citation: c\n    binds: [any]\n    elections: [regional]\n    window: {from: {anchor: voting}, to: {anchor: voting}}\n    counts: [any]\n    exemption: maybe\n",
             9, 16, "'maybe' is not one of: approval, none"),
        ]
        for c in cases {
            let e = #expect(throws: InputError.self) { try RulePack.load(yaml: c.0, file: "r.yaml") }
            #expect(e?.location == SourceLocation(file: "r.yaml", line: c.line, column: c.column), "\(String(describing: e))")
            #expect(e?.description.contains(c.says) == true && e?.description.contains("DecodingError") == false, "\(String(describing: e))")
        }
    }
}
