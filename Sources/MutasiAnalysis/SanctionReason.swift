import MutasiModel

extension SanctionFollowUp {
    /// Why a report has its status, as data. `english` is `Outcome.why`, the sentence findings.json
    /// carries; the report words the same data in its own language, so no sentence is parsed back.
    public struct Reason: Hashable, Sendable {
        public enum Finding: Hashable, Sendable {
            /// The follow-up: a sanction recorded in the report, or a move whose reason names
            /// discipline.
            case sanction(Evidence)
            /// No sanction, and a rise after the report.
            case rise(Evidence)
            /// The window ends after the region's last decree (nil: the region has none), so
            /// nothing can be said yet.
            case windowOpen(end: Day, dataEnd: Day?)
            /// Nothing found; what could have shown depends on the level recommended.
            case nothing(level: DisciplineLevel?)
        }

        public var finding: Finding
        /// The follow-up window's length in days.
        public var windowDays: Int
        /// Days are counted from the recommendation; false: from the report, none being recorded.
        public var fromRecommendation: Bool
        /// The sanction came after the window closed.
        public var late: Bool
        /// Not sanctioned, but pushed out afterwards by a move whose reason names no discipline.
        public var pushedOutAfterwards: Bool

        /// The reason in an English sentence (`Outcome.why`).
        package var english: String {
            var s: String
            switch finding {
            case .sanction(let e):
                s = e.kind == .recordedSanction ? "a sanction decree recorded in the report" : "a \(e.why) whose reason names discipline"
                if !e.decreeNo.isEmpty { s += " (\(e.decreeNo))" }
                if let d = e.daysAfterRecommendation { s += ", \(d) days after the \(fromRecommendation ? "recommendation" : "report")" }
                if late { s += ", after the \(windowDays)-day window" }
                if !e.signer.isEmpty { s += ", signed by \(e.signer)" }
            case .rise(let e):
                s = "no sanction; \(e.why) by \(e.decreeNo) on \(e.date?.iso ?? "?"), \(e.daysAfterReport ?? 0) days after the report"
                if !e.signer.isEmpty { s += ", signed by \(e.signer)" }
            case .windowOpen(let end, let dataEnd):
                s = "the \(windowDays)-day window ends \(end.iso), after the region's last decree (\(dataEnd?.iso ?? "none"))"
            case .nothing(let level?) where level != .heavy:
                s = "a \(level.rawValue) sanction is a decree of its own, not a transfer, and none is recorded in the reports file"
            case .nothing(.heavy?):
                s = "no sanction decree recorded, and no demotion, release from post or dismissal naming discipline in the transfers within \(windowDays) days of the recommendation"
            case .nothing:
                s = "no recommendation and no sanction recorded, and no discipline move in the transfers"
            }
            if pushedOutAfterwards { s += "; pushed out afterwards without a discipline reason (see the evidence)" }
            return s
        }
    }
}
