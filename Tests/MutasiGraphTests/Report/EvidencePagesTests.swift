import Foundation
import Testing
import MutasiGraph
@testable import MutasiReport

@Suite(.serialized) struct EvidencePagesTests {
    static func run(lang: ReportLanguage, title: String?) throws -> (dir: String, result: Investigation.Result) {
        // a path not yet made: the report's folder must not exist
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-ev-\(UUID().uuidString)").path
        var p = Investigation.Parameters()
        p.replications = 199
        p.lang = lang
        p.title = title
        let r = try Investigation.run(Example.inputs, p)
        try Investigation.write(r, inputs: Example.inputs, to: dir, force: false)
        return (dir, r)
    }

    /// One page per decree in a rule window, each linked from the report and holding the evidence.
    @Test func onePagePerFlaggedDecree() throws {
        let (dir, r) = try Self.run(lang: .en, title: "Case <A> & B")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let flagged = Set(r.findings.legalFlags.map { RegionName.key($0.region) + "/" + $0.decreeNo })
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir + "/evidence").filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == flagged.count && flagged.count > 10, "\(pages.count) pages, \(flagged.count) flagged decrees")
        let report = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        for page in pages { #expect(report.contains("href=\"evidence/\(page)\"")) }
        // the violations table has one row per decree
        let table = report.components(separatedBy: "id=\"violations\"")[1].components(separatedBy: "</section>")[0]
        #expect(table.components(separatedBy: "<tr>").count - 2 == flagged.count)
        for flag in r.findings.legalFlags {
            let name = try #require(pages.first { $0.contains(flag.decreeNo.replacingOccurrences(of: "/", with: "-")) && (try? String(contentsOfFile: dir + "/evidence/" + $0, encoding: .utf8))?.contains(flag.region) == true })
            let html = try String(contentsOfFile: dir + "/evidence/" + name, encoding: .utf8)
            #expect(html.contains("Case &lt;A&gt; &amp; B"))
            #expect(html.contains(flag.decreeNo) && html.contains(flag.decreeDate.iso) && html.contains(Markup.escape(flag.signer)))
            #expect(html.contains(Markup.escape(flag.citation)) && html.contains(flag.windowStart.iso) && html.contains(flag.windowEnd?.iso ?? "…"))
            #expect(html.contains("<svg"), "\(name) has no picture")
            #expect(html.contains("transfers-k") && html.contains(".csv:"), "\(name) names no source row")
            #expect(html.contains(r.findings.generatedAt) && html.contains(r.findings.version))
            #expect(html.contains("@page{size:A4"))
        }
    }

    /// Limits keep the first pages of the report's table (violations first), say in the report and
    /// findings.json what they left out and which options write it all; every decree stays listed.
    @Test func limitsLeaveOutTheEndOfTheTableAndSaySo() throws {
        func temporary() -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-ev-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        }
        var p = Investigation.Parameters()
        p.replications = 199
        p.lang = .en
        let r = try Investigation.run(Example.inputs, p)
        let flagged = Set(r.findings.legalFlags.map { RegionName.key($0.region) + "/" + $0.decreeNo })
        let dir = temporary(), all = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir); try? FileManager.default.removeItem(atPath: all) }
        try Investigation.write(r, inputs: Example.inputs, to: dir, force: false, evidence: .init(pages: 5, pictures: 2))
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir + "/evidence").filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.map { String($0.prefix(4)) } == ["001-", "002-", "003-", "004-", "005-"])
        let html = try pages.map { try String(contentsOfFile: dir + "/evidence/" + $0, encoding: .utf8) }
        #expect(html.map { $0.contains("<svg") } == [true, true, false, false, false])
        #expect(html.dropFirst(2).allSatisfy { $0.contains("--evidence-pictures all") })
        // the first pages are violations: an approved decree never takes a violation's place
        let statuses = Dictionary(grouping: r.findings.legalFlags) { RegionName.key($0.region) + "/" + $0.decreeNo }
            .mapValues { $0.contains { $0.status == .violation } }
        #expect(statuses.values.filter { $0 }.count >= 5)
        for h in html { #expect(h.contains("<dt>Status</dt><dd>violation</dd>")) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/findings.json"))) as! [String: Any]
        let e = try #require(json["evidence"] as? [String: Any])
        #expect(e["flaggedDecrees"] as? Int == flagged.count && e["pages"] as? Int == 5 && e["pagesLeftOut"] as? Int == flagged.count - 5)
        #expect(e["pictures"] as? Int == 2 && e["picturesLeftOut"] as? Int == 3)
        #expect(e["toWriteAll"] as? String == "--evidence-pages all --evidence-pictures all")
        let report = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        let table = report.components(separatedBy: "id=\"violations\"")[1].components(separatedBy: "</section>")[0]
        #expect(table.components(separatedBy: "<tr>").count - 2 == flagged.count)
        #expect(table.components(separatedBy: "href=\"evidence/").count - 1 == 5)
        #expect(table.contains("\(flagged.count - 5) are listed without a page") && table.contains("--evidence-pages all --evidence-pictures all"))
        let csv = try String(contentsOfFile: dir + "/flags.csv", encoding: .utf8)
        for f in r.findings.legalFlags { #expect(csv.contains(f.decreeNo)) }
        // without limits: every page, every picture, and nothing said
        try Investigation.write(r, inputs: Example.inputs, to: all, force: false, evidence: .all)
        #expect(try FileManager.default.contentsOfDirectory(atPath: all + "/evidence").count == flagged.count)
        let whole = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: all + "/findings.json"))) as! [String: Any]
        #expect(whole["evidence"] == nil)
    }

    /// The Indonesian report and pages carry none of the English table's labels.
    @Test func indonesianReportIsIndonesian() throws {
        let (dir, _) = try Self.run(lang: .id, title: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let en = ReportLanguage.en.labels, id = ReportLanguage.id.labels
        // labels the same in both languages (NIP, Status, PageRank) say nothing about the language
        let english = en.filter { id[$0.key] != $0.value && $0.value.count >= 4 }.map(\.value)
        var files = ["report.html"]
        files += try FileManager.default.contentsOfDirectory(atPath: dir + "/evidence").map { "evidence/" + $0 }
        for file in files {
            var html = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            // the style sheet's class names are not shown
            while let a = html.range(of: "<style>"), let b = html.range(of: "</style>", range: a.upperBound..<html.endIndex) { html.removeSubrange(a.lowerBound..<b.upperBound) }
            // the visible text: tags (and the embedded pictures' attributes) removed
            var text = "", inTag = false
            for ch in html { if ch == "<" { inTag = true } else if ch == ">" { inTag = false; text.append(" ") } else if !inTag { text.append(ch) } }
            let words = Set(text.split { !$0.isLetter && $0 != "-" && $0 != "'" }.map(String.init))
            for label in english {
                // a one-word label is matched as a word ("promotion" but not "promotions"), longer ones as text
                let found = label.contains(" ") ? text.contains(label) : words.contains(label)
                #expect(!found, "\(file) shows the English label '\(label)'")
            }
        }
    }

    /// Pages written during the run, while the network metrics finish (`run(evidenceInto:)`, as
    /// `analyze` does), are the pages `write` makes after it, and the report links them alike.
    @Test func pagesWrittenDuringTheRunAreThoseWrittenAfterIt() throws {
        func temporary() -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent("mutasi-ev-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        }
        var p = Investigation.Parameters()
        p.replications = 199
        p.title = "Perkara"
        let early = temporary(), late = temporary()
        defer { try? FileManager.default.removeItem(atPath: early); try? FileManager.default.removeItem(atPath: late) }
        let folder = try OutputFolder(early, force: false, ownNames: Investigation.outputNames, guard: WriteGuard(inputs: Example.inputs.all))
        var r = try Investigation.run(Example.inputs, p, evidenceInto: (folder.staging, .init(pages: 7, pictures: 3)))
        #expect(r.evidence?.coverage?.pages == 7)
        try Investigation.write(r, into: folder)
        try folder.commit()
        // the same findings (and date) written the usual way
        r.evidence = nil
        try Investigation.write(r, inputs: Example.inputs, to: late, force: false, evidence: .init(pages: 7, pictures: 3))
        let pages = try FileManager.default.contentsOfDirectory(atPath: early + "/evidence").sorted()
        let latePages = try FileManager.default.contentsOfDirectory(atPath: late + "/evidence").sorted()
        #expect(pages.count == 7 && pages == latePages)
        for file in pages.map({ "evidence/" + $0 }) + ["report.html", "findings.json"] {
            #expect(FileManager.default.contents(atPath: early + "/" + file) == FileManager.default.contents(atPath: late + "/" + file), "\(file)")
        }
    }

    /// The date of making is fixed by SOURCE_DATE_EPOCH; version and date are in findings.json.
    @Test func provenance() throws {
        #expect(Provenance.generatedAt(environment: ["SOURCE_DATE_EPOCH": "1765000000"]) == "2025-12-06T05:46:40Z")
        #expect(Provenance.generatedAt(environment: [:], now: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        let r = try Investigation.run(Example.inputs, { var p = Investigation.Parameters(); p.replications = 99; p.title = "Perkara X"; return p }())
        let enc = JSONEncoder()
        let json = try JSONSerialization.jsonObject(with: enc.encode(r.findings)) as! [String: Any]
        #expect(json["version"] as? String == Provenance.version)
        #expect((json["generatedAt"] as? String)?.count == 20)
        #expect(json["title"] as? String == "Perkara X")
    }
}
