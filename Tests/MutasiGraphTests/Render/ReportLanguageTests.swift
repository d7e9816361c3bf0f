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

/// The report's labels are enums; each language's table must hold every case, with the same
/// placeholders, or a report would show a key or `String(format:)` would read a missing argument.
@Suite struct ReportLanguageTests {
    @Test func everyLanguageHasEveryLabel() {
        for lang in ReportLanguage.allCases {
            let missing = ReportLabel.allCases.filter { (lang.labels[$0] ?? "").isEmpty }
            #expect(missing.isEmpty, "\(lang) has no text for \(missing.map(\.rawValue))")
            let neutrality = lang == .id ? NeutralityLabel.indonesian : NeutralityLabel.english
            let missingNeutrality = NeutralityLabel.allCases.filter { (neutrality[$0] ?? "").isEmpty }
            #expect(missingNeutrality.isEmpty, "\(lang) has no text for \(missingNeutrality.map(\.rawValue))")
        }
        #expect(ReportLanguage.english.count == ReportLabel.allCases.count && ReportLanguage.indonesian.count == ReportLabel.allCases.count)
    }

    /// `%d`, `%.3f`, `{version}`: the same placeholders in the same order in both languages.
    @Test func bothLanguagesHaveTheSamePlaceholders() throws {
        let placeholder = try NSRegularExpression(pattern: "%[-0-9.]*[a-z@]|\\{[a-z]+\\}")
        func holes(_ s: String) -> [String] {
            placeholder.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
        }
        for label in ReportLabel.allCases {
            #expect(holes(ReportLanguage.en(label)) == holes(ReportLanguage.id(label)), "\(label.rawValue)")
        }
        for label in NeutralityLabel.allCases {
            #expect(holes(label.text(.en)) == holes(label.text(.id)), "\(label.rawValue)")
        }
        // a placeholder the check must see
        #expect(holes(ReportLanguage.en(.patronsCaption)) == ["%d", "%d", "%d", "%.3f"])
    }

    /// The language is read from the command line and written to findings.json as `id` or `en`.
    @Test func languageIsWrittenAsItsCode() throws {
        let json = try JSONEncoder().encode([ReportLanguage.id, .en])
        #expect(String(decoding: json, as: UTF8.self) == #"["id","en"]"#)
        #expect(ReportLanguage.id(.roleUnknown) == "tidak ada di kalender" && ReportLanguage.en.role(SignerRole.unknown) == "not in the calendar")
    }
}
