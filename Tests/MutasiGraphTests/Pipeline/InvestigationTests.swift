import Foundation
import Testing
import MutasiGraph

@Suite(.serialized) struct InvestigationTests {
    func hostileInputs(_ dir: String) throws -> Investigation.Inputs {
        var text = try String(contentsOfFile: Example.path("transfers-kota-tanjung-kelapa.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Irwan Harahap", with: "<script>alert(1)</script> Irwan")
        text = text.replacingOccurrences(of: "Dewi Lestari", with: "Dewi\"]; evil -> x; [\" Lestari")
        try text.write(toFile: dir + "/transfers.csv", atomically: true, encoding: .utf8)
        return Investigation.Inputs(transfers: [dir + "/transfers.csv"], elections: Example.path("elections.yaml"),
                                    ties: Example.path("ties.csv"), units: Example.path("units.csv"),
                                    approvals: Example.path("approvals.csv"))
    }

    /// A column the tool reads as no field is named in findings.json and in the report's methods,
    /// never dropped without a word (issue #25).
    @Test func unrecognisedColumnsAreNamedInTheReport() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = try String(contentsOfFile: Example.path("transfers-kabupaten-sungai-rambai.csv"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let delimiter = lines[0].contains(";") ? ";" : ","
        let widened = lines.enumerated().map { i, l in l.isEmpty ? "" : l + delimiter + (i == 0 ? "Catatan Pemeriksa" : "cek") }
        try widened.joined(separator: "\n").write(toFile: dir + "/transfers.csv", atomically: true, encoding: .utf8)
        let inputs = Investigation.Inputs(transfers: [dir + "/transfers.csv"], elections: Example.path("elections.yaml"))
        var p = Investigation.Parameters()
        p.replications = 199
        let r = try Investigation.run(inputs, p)
        let column = r.findings.columns.first?.columns.first { $0.header == "Catatan Pemeriksa" }
        #expect(column != nil && column?.field == nil && column?.knownExtra == false)
        try Investigation.write(r, inputs: inputs, to: dir + "/out", force: false)
        let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
        #expect(html.contains("Catatan Pemeriksa") && html.contains("tidak dikenal"))
    }

    @Test func reportEscapesAndHasEverySection() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputs = try hostileInputs(dir)
        var p = Investigation.Parameters()
        p.replications = 199
        p.lang = .en
        let r = try Investigation.run(inputs, p)
        try Investigation.write(r, inputs: inputs, to: dir + "/out", force: false)
        let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
        // the report's picture is the patrons' overview; the hostile name is in the person-level one
        let people = try String(contentsOfFile: dir + "/out/network-people.svg", encoding: .utf8)
        #expect(people.contains("&lt;script&gt;"))
        #expect(!htmlTags(people).contains { $0.lowercased().hasPrefix("<script") })
        for page in try FileManager.default.contentsOfDirectory(atPath: dir + "/out/evidence") {
            let text = try String(contentsOfFile: dir + "/out/evidence/" + page, encoding: .utf8)
            #expect(!htmlTags(text).contains { $0.lowercased().hasPrefix("<script") })
        }
        #expect(!htmlTags(html).contains { $0.lowercased().hasPrefix("<script") })
        for id in ["summary", "violations", "waves", "loyalty", "network", "methods", "rejects"] { #expect(html.contains("id=\"\(id)\"")) }
        // nothing is fetched from the network when the report is opened
        #expect(!html.contains("src=\"http") && !html.contains("url(http"))
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/findings.json"))) as! [String: Any]
        #expect(findings["schemaVersion"] as? Int == 1)
        for k in ["summary", "rejects", "waves", "legalFlags", "loyalty", "retaliation", "groupTests"] { #expect(findings[k] != nil, "\(k)") }
        // the loyalty group tests show what findings.json has: Fisher's q across elections and the
        // decree test's p and q, each column explained in the methods (issue 26)
        for label in ["Fisher q (elections)", "Event decrees / decrees", "Decree test p", "Decree test q (elections)",
                      "Loyalty group tests, column by column"] {
            #expect(html.contains(label), "\(label)")
        }
        let groupTests = try #require(findings["groupTests"] as? [[String: Any]])
        for g in groupTests {
            let d = try #require(g["decreesWithEvent"] as? Int), n = try #require(g["decrees"] as? Int)
            #expect(html.contains("\(d) / \(n)"))
        }
        // findings.json against docs/findings.schema.json (Python's jsonschema, as researchers would)
        let (status, said, missing) = try runCheckScript("check-findings.py", [dir + "/out/findings.json"])
        if missing {
            withKnownIssue("jsonschema is not installed here (pip install jsonschema)") { Issue.record(Comment(rawValue: said)) }
        } else {
            #expect(status == 0, "\(said)")
        }
        let dot = try String(contentsOfFile: dir + "/out/network.dot", encoding: .utf8)
        #expect(GraphvizRenderer.nodeAndEdgeCount(dot: dot) != nil)
        // an existing folder is refused without force; a folder holding an input always
        #expect(throws: InputError.self) { try Investigation.write(r, inputs: inputs, to: dir + "/out", force: false) }
        #expect(throws: InputError.self) { try Investigation.write(r, inputs: inputs, to: dir, force: true) }
    }

    /// The warnings (not the rejects) of the transfer files are counted in the summary, though their
    /// list is not kept.
    @Test func warningsAreCountedInTheSummary() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputs = try hostileInputs(dir)
        var text = try String(contentsOfFile: dir + "/transfers.csv", encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline)  // CRLF is one Character
        text += rows[1] + "\n" + rows[2] + "\n"  // two rows again: two merges, each with its warning
        try text.write(toFile: dir + "/transfers.csv", atomically: true, encoding: .utf8)
        var p = Investigation.Parameters()
        p.replications = 99
        let r = try Investigation.run(inputs, p)
        var set = TransferSet()
        let direct = try TransferReader.read(path: dir + "/transfers.csv", into: &set)
        #expect(direct.duplicatesMerged == 2 && direct.warnings.count >= 2)
        #expect(r.findings.summary.duplicatesMerged == 2)
        #expect(r.findings.summary.warnings == direct.warnings.count)
    }

    @Test func rejectedRowsOfTheOtherFilesAreListedNotLost() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var inputs = try hostileInputs(dir)
        var ties = try String(contentsOfFile: Example.path("ties.csv"), encoding: .utf8)
        ties += "19710615199504202,darmawan,keluarga,,\n"
        try ties.write(toFile: dir + "/ties.csv", atomically: true, encoding: .utf8)
        try "unit,parent,category,remote\nDinas X,,,maybe\n".write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        inputs.ties = dir + "/ties.csv"
        inputs.units = dir + "/units.csv"
        var p = Investigation.Parameters()
        p.replications = 99
        let r = try Investigation.run(inputs, p)
        #expect(r.findings.summary.otherFilesRowsRejected == 2)
        let tieLines = ties.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(r.findings.rejects.contains { $0.file.hasSuffix("ties.csv") && $0.line == tieLines && $0.reason.contains("NIP") })
        #expect(r.findings.rejects.contains { $0.file.hasSuffix("units.csv") && $0.line == 2 && $0.reason.contains("maybe") })
    }

    /// Free text holding personal data in every way the hostile review found: NIPs in spaces and
    /// dots, a civil servant's full name in a tie's relation and source, Excel's apostrophe NIP,
    /// a NIP whose birth date is impossible, a short name.
    func privacyHostileInputs(_ dir: String) throws -> (Investigation.Inputs, victim: (nip: String, name: String)) {
        var inputs = try hostileInputs(dir)
        let rows = try String(contentsOfFile: dir + "/transfers.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        let fields = rows[5].split(separator: ";", omittingEmptySubsequences: false)
        let victim = (nip: String(fields[0]), name: String(fields[1]))
        let spaced = "\(victim.nip.prefix(8)) \(victim.nip.dropFirst(8).prefix(6)) \(victim.nip.dropFirst(14).prefix(1)) \(victim.nip.suffix(3))"
        var extra = rows[6].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        extra[15] = "menggantikan \(victim.name) (NIP \(spaced))"
        var apostrophe = extra
        apostrophe[0] = "'" + victim.nip.dropLast()
        apostrophe[15] = ""
        var badBirth = extra
        badBirth[0] = "198531152010011002"
        badBirth[15] = ""
        var short = extra
        short[0] = "197001011995031999"; short[1] = "Ani"; short[15] = ""
        let text = (rows + [extra, apostrophe, badBirth, short].map { Substring($0.joined(separator: ";")) }).joined(separator: "\n") + "\n"
        try text.write(toFile: dir + "/transfers.csv", atomically: true, encoding: .utf8)
        var ties = try String(contentsOfFile: Example.path("ties.csv"), encoding: .utf8)
        // quoted: a name with a title ("…, S.E.") holds a comma
        ties += "\(fields[0]),sulastri,\"adik kandung \(victim.name)\",2024-01-01,\"\(victim.name) (NIP \(victim.nip.prefix(8)).\(victim.nip.dropFirst(8)))\"\n"
        ties += "197001011995031999,darmawan,teman,2024-01-01,Ani\n"
        try ties.write(toFile: dir + "/ties.csv", atomically: true, encoding: .utf8)
        inputs.ties = dir + "/ties.csv"
        return (inputs, victim)
    }

    @Test func pseudonymisedRunLeaksNoNIPOrName() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (inputs, victim) = try privacyHostileInputs(dir)
        var p = Investigation.Parameters()
        p.replications = 199
        p.pseudonymKey = "kunci-rahasia-uji-2024"
        let r = try Investigation.run(inputs, p)
        try Investigation.write(r, inputs: inputs, to: dir + "/out", force: false)
        var original = TransferSet()
        _ = try TransferReader.read(path: inputs.transfers[0], into: &original)
        let ties = try TieReader.read(path: inputs.ties!).0
        let nips = Set(original.transfers.map(\.nip.description) + ties.map(\.nip.description))
        let signers = Set(original.transfers.map { original[$0.signedBy] })
        let names = Set(original.transfers.map { original[$0.name] }.filter { n in n.count >= 4 && !signers.contains { $0.contains(n) } })
        // independent of the library's scan: plain byte search for each NIP (whole, in spaces, its
        // first 8 digits) and each name (as written and escaped), and the short name as a field
        var needles: [String] = []
        for n in nips { needles += [n, "\(n.prefix(8)) \(n.dropFirst(8).prefix(6))", String(n.prefix(8)), String(n.prefix(17))] }
        for n in names { needles += [n, Markup.escape(n)] }
        needles += [">Ani<", "\"Ani\"", ",Ani,", "19853115", "\(victim.nip.prefix(8)).\(victim.nip.dropFirst(8).prefix(4))"]
        let data = needles.map { Data($0.utf8) }
        // the evidence pages too
        let files = (FileManager.default.enumerator(atPath: dir + "/out")?.allObjects as? [String] ?? []).filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir + "/out/" + $0, isDirectory: &isDir) && !isDir.boolValue
        }
        #expect(files.contains { $0.hasPrefix("evidence/") })
        for file in files {
            // Foundation's byte search: String.contains over megabytes is slow in a debug build
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/" + file))
            let leaked = zip(needles, data).filter { bytes.range(of: $0.1) != nil }.map(\.0)
            #expect(leaked.isEmpty, "\(file) leaks \(leaked.prefix(3))")
        }
        #expect(r.findings.summary.pseudonymised)
        #expect(r.findings.loyalty.count == Example.truth.loyalty.count)
        // the city's broken rows and the two added above (a NIP cut short, an impossible birth
        // date), none quoting the NIP it rejects
        let cityRejects = try #require(Example.truth.files["transfers-kota-tanjung-kelapa.csv"]).rejected
        #expect(r.findings.rejects.count == cityRejects + 2, "\(r.findings.rejects.map { "\($0.file.split(separator: "/").last!):\($0.line) \($0.reason)" })")
        #expect(r.findings.rejects.allSatisfy { !$0.reason.contains("1985") })
    }

    /// Pseudonymising changes who is named, never what is found.
    @Test func pseudonymisationChangesNoFinding() throws {
        let inputs = Example.inputs
        var p = Investigation.Parameters()
        p.replications = 199
        let plain = try Investigation.run(inputs, p).findings
        p.pseudonymKey = "kunci-rahasia-uji-2024"
        let hidden = try Investigation.run(inputs, p).findings
        func counts(_ f: Investigation.Findings) -> [Int] {
            [f.summary.waves, f.summary.violations, f.summary.approved, f.summary.loyalty, f.summary.retaliation, f.summary.sanctions,
             f.summary.people, f.summary.decrees, f.summary.recordsRejected, f.network.nodes, f.network.edges]
        }
        // not an empty comparison: every planted violation is found (the total also counts routine
        // decrees inside rule windows, which truth.json does not list)
        let violations = Set(plain.legalFlags.filter { $0.status == .violation }.map(\.decreeNo))
        #expect(Set(Example.truth.violations).isSubset(of: violations))
        #expect(counts(plain) == counts(hidden))
        #expect(plain.legalFlags.map(\.signerRole) == hidden.legalFlags.map(\.signerRole))
    }

    /// An output that holds a NIP, a prefix of one or a name fails the run and removes the outputs.
    @Test func aLeakFoundAfterWritingRemovesTheOutputs() throws {
        let dir = try temporaryFolder("mutasi-inv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var set = TransferSet()
        set.transfers = [Transfer(nip: NIP("198503152010011002")!, name: set.strings.intern("Budi Santoso"), decreeDate: Day(iso: "2024-01-17")!, kind: .mutation)]
        var ties: [Tie] = []
        let data = try Pseudonymizer(key: "kunci-rahasia-uji-2024").apply(to: &set, ties: &ties)
        for (content, kind) in [("ok 1985-03-15", nil), ("NIP 19850315 201001 1 002", "NIP"), ("x 198503152010", "digits"), ("<b>BUDI SANTOSO</b>", "name")] {
            try "clean".write(toFile: dir + "/findings.json", atomically: true, encoding: .utf8)
            try content.write(toFile: dir + "/report.html", atomically: true, encoding: .utf8)
            if let kind {
                let e = #expect(throws: InputError.self) { try data.checkOutputs(in: dir, files: ["findings.json", "report.html"]) }
                #expect(e?.description.contains("report.html") == true && e?.description.contains(kind) == true, "\(String(describing: e))")
                #expect(e?.description.contains("1985") == false)
                #expect(!FileManager.default.fileExists(atPath: dir + "/findings.json") && !FileManager.default.fileExists(atPath: dir + "/report.html"))
            } else {
                try data.checkOutputs(in: dir, files: ["findings.json", "report.html"])
                #expect(FileManager.default.fileExists(atPath: dir + "/report.html"))
            }
        }
    }
}
