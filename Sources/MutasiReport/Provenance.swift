import Foundation

/// What made an output and when: printed on every page of the report and the evidence sheets, and
/// written in findings.json, so an attached page says which run it came from.
public enum Provenance {
    /// MutasiGraph's version (`mutasi --version` shows the same).
    public static let version = "0.1.0"

    /// The moment of making, ISO 8601 in UTC to the second. `SOURCE_DATE_EPOCH` (seconds since
    /// 1970, the reproducible-builds convention) fixes it, so two runs on the same inputs give the
    /// same bytes.
    package static func generatedAt(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) -> String {
        let date = environment["SOURCE_DATE_EPOCH"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .map { Date(timeIntervalSince1970: $0) } ?? now
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
