import Foundation
import MutasiSupport
import MutasiModel

/// What happened after a neutrality report: was the civil servant sanctioned, left alone, or
/// promoted instead? And did the winner's supporters get off more often than the others'?
///
/// The seeds' complaint: the regional head who must sanction (the PPK) is often the candidate the
/// civil servant campaigned for. For each report the follow-up window runs `followUpDays` from the
/// recommendation (from the report when none is recorded). A report is
/// - `sanctioned` when a sanction decree is recorded in the report, or the transfers hold a heavy
///   discipline move (demotion, release from post or non-job, dismissal, or a lower rank) whose
///   reason names discipline or PP 94/2021, dated on or after the start of the window;
/// - otherwise `promoted_instead` when the transfers hold a rise (promotion, higher rank, into a
///   structural post) after the report, within `riseMonths`;
/// - otherwise `pending` when the window ends after the last decree of the report's region;
/// - otherwise `not_followed_up`, with the reason (a light or medium sanction is its own decree,
///   not a transfer, so without one recorded nothing shows).
///
/// Per election (and per deciding head when there were several), the follow-up rate of the
/// winner's supporters is compared with the other candidates' by Fisher's exact test, with the
/// conditional MLE odds ratio and its exact interval (as `LoyaltyAnalysis`).
public struct SanctionFollowUp: Sendable {
    public struct Options: Sendable {
        /// Days after the recommendation in which a sanction counts as the follow-up. Default 90.
        public var followUpDays = 90
        /// Months after the report in which a rise counts as a promotion instead. Default 24.
        public var riseMonths = 24
        public var confidence = 0.95
        public init() {}
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case sanctioned
        case notFollowedUp = "not_followed_up"
        case promotedInstead = "promoted_instead"
        case pending
    }

    /// Whose supporter the reported civil servant was.
    public enum Side: String, Sendable, Codable {
        /// The election's winner.
        case winner
        /// Another candidate of the election.
        case other
        /// No winner is recorded (the empty box won, or no result yet), or no election matched.
        case undecided
    }

    /// One decree (or recorded sanction) behind a status.
    public struct Evidence: Hashable, Sendable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// A sanction decree recorded in the reports file.
            case recordedSanction = "recorded_sanction"
            /// A heavy-discipline move in the transfers (its reason names discipline).
            case disciplineTransfer = "discipline_transfer"
            /// A rise after the report.
            case rise
            /// A push-out after the recommendation whose reason names no discipline: not counted as
            /// the sanction, shown because it may be one (or retaliation).
            case pushOutWithoutDisciplineReason = "push_out_without_discipline_reason"
        }
        public var kind: Kind
        public var decreeNo: String
        /// The decree date; nil for a recorded sanction without one.
        public var date: Day?
        /// Days from the recommendation (the report when none) to the decree: the days taken.
        public var daysAfterRecommendation: Int?
        public var daysAfterReport: Int?
        /// Who signed: the decree's signer, the recorded one, or the head in office per the calendar.
        public var signer: String
        /// `decree`, `report` (as recorded) or `calendar` (the region's head in office that day).
        public var signerFrom: String
        /// The transfer's kind (`demotion`, `promotion`…), empty for a recorded sanction.
        public var move: String
        /// Why it counts: `demotion`, `rank up`, `into a structural post`, a recorded level…
        public var why: String
        public var reason: String
        /// file:line of the decree row or of the report row.
        public var origin: String
    }

    /// The status of one report, with its evidence.
    public struct Outcome: Hashable, Sendable, Codable {
        public var nip: String
        public var name: String
        public var region: String
        public var reportDate: Day
        public var conduct: String
        public var candidate: String
        public var election: String?
        public var side: Side
        public var source: String
        public var level: DisciplineLevel?
        public var recommendationDate: Day?
        /// The follow-up window: from the recommendation (or report) for `followUpDays`.
        public var windowStart: Day
        public var windowEnd: Day
        public var status: Status
        /// Why, in a sentence.
        public var why: String
        /// Days from the recommendation to the sanction, when sanctioned and dated.
        public var daysTaken: Int?
        /// Sanctioned after the window closed.
        public var late: Bool
        /// The sanction (first), the rise, and any push-out without a discipline reason.
        public var evidence: [Evidence]
        /// The region's head in office when the window opened: who had to decide.
        public var decidingHead: String?
        /// The candidate id that head ran as, if any.
        public var decidingHeadCandidate: String?
        /// file:line of the report row.
        public var report: String
        /// `why` as data, for wording it in another language; not in findings.json (nil when read
        /// back from it).
        public var reason: Reason? = nil

        enum CodingKeys: String, CodingKey {
            case nip, name, region, reportDate, conduct, candidate, election, side, source, level, recommendationDate
            case windowStart, windowEnd, status, why, daysTaken, late, evidence, decidingHead, decidingHeadCandidate, report
        }
    }

    /// The winner's supporters against the other candidates' supporters: how many were sanctioned.
    /// Pending reports are left out. `head` is nil for the whole election.
    public struct GroupTest: Hashable, Sendable, Encodable {
        public var election: String
        public var region: String
        public var winner: String
        public var head: String?
        public var headCandidate: String?
        public var winnerSupporters: Int
        public var winnerSanctioned: Int
        public var winnerPromotedInstead: Int
        public var otherSupporters: Int
        public var otherSanctioned: Int
        public var otherPromotedInstead: Int
        public var pendingLeftOut: Int
        /// Odds of a sanction for the winner's supporters over the others' (below 1: the winner's
        /// are sanctioned less). Conditional MLE. In JSON an infinite value (a zero cell) or an
        /// undefined one (an empty group) is null, and `oddsRatioNonFinite` says which.
        public var oddsRatio: Double
        public var ciLow: Double
        public var ciHigh: Double
        public var pValue: Double

        package var winnerRate: Double { winnerSupporters == 0 ? .nan : Double(winnerSanctioned) / Double(winnerSupporters) }
        package var otherRate: Double { otherSupporters == 0 ? .nan : Double(otherSanctioned) / Double(otherSupporters) }

        enum CodingKeys: String, CodingKey {
            case election, region, winner, head, headCandidate, winnerSupporters, winnerSanctioned, winnerPromotedInstead
            case otherSupporters, otherSanctioned, otherPromotedInstead, pendingLeftOut, winnerRate, otherRate
            case oddsRatio, oddsRatioNonFinite, ciLow, ciHigh, pValue
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(election, forKey: .election)
            try c.encode(region, forKey: .region)
            try c.encode(winner, forKey: .winner)
            try c.encode(head, forKey: .head)
            try c.encode(headCandidate, forKey: .headCandidate)
            try c.encode(winnerSupporters, forKey: .winnerSupporters)
            try c.encode(winnerSanctioned, forKey: .winnerSanctioned)
            try c.encode(winnerPromotedInstead, forKey: .winnerPromotedInstead)
            try c.encode(otherSupporters, forKey: .otherSupporters)
            try c.encode(otherSanctioned, forKey: .otherSanctioned)
            try c.encode(otherPromotedInstead, forKey: .otherPromotedInstead)
            try c.encode(pendingLeftOut, forKey: .pendingLeftOut)
            try c.encodeFinite(winnerRate, forKey: .winnerRate)
            try c.encodeFinite(otherRate, forKey: .otherRate)
            try c.encodeFinite(oddsRatio, forKey: .oddsRatio)
            try c.encodeNonFiniteReason(oddsRatio, forKey: .oddsRatioNonFinite)
            try c.encodeFinite(ciLow, forKey: .ciLow)
            try c.encodeFinite(ciHigh, forKey: .ciHigh)
            try c.encode(pValue, forKey: .pValue)
        }
    }

    public struct Result: Sendable {
        public var reports: [Outcome] = []
        public var groupTests: [GroupTest] = []
        /// Elections not tested and why; reports matched to no election.
        public var notes: [String] = []
        /// How many reports have each status.
        public func count(_ s: Status) -> Int { reports.filter { $0.status == s }.count }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// - Complexity: O(T + R * (E + t)) for T transfers, R reports, E elections and t transfers of
    ///   a reported person.
    public func run(reports: [NeutralityReport], transfers set: TransferSet, calendar: ElectionCalendar) -> Result {
        var result = Result()
        var search = FollowUpSearch(options: options, reports: reports, transfers: set, calendar: calendar)
        for r in reports {
            let (outcome, note) = search.outcome(of: r)
            if let note { result.notes.append(note) }
            result.reports.append(outcome)
        }
        groupTests(&result, calendar: calendar)
        return result
    }

    /// The tests per election, and per deciding head when an election's reports had more than one.
    private func groupTests(_ result: inout Result, calendar: ElectionCalendar) {
        var order: [String] = []
        var byElection: [String: [Outcome]] = [:]
        for o in result.reports {
            guard let e = o.election else { continue }
            if byElection[e] == nil { order.append(e) }
            byElection[e, default: []].append(o)
        }
        for id in order {
            guard let election = calendar.elections.first(where: { $0.id == id }) else { continue }
            guard let winner = election.winner else {
                result.notes.append("\(id): no winner recorded (the empty box won, or no result yet): its \(byElection[id]!.count) report(s) are not tested")
                continue
            }
            let outcomes = byElection[id]!
            result.groupTests.append(test(election, winner, head: nil, outcomes))
            var heads: [String] = []
            for o in outcomes { let h = o.decidingHead ?? ""; if !heads.contains(h) { heads.append(h) } }
            if heads.count > 1 {
                for h in heads {
                    result.groupTests.append(test(election, winner, head: h, outcomes.filter { ($0.decidingHead ?? "") == h }))
                }
            }
        }
    }

    private func test(_ e: Election, _ winner: String, head: String?, _ outcomes: [Outcome]) -> GroupTest {
        let decided = outcomes.filter { $0.status != .pending }
        let w = decided.filter { $0.side == .winner }, o = decided.filter { $0.side == .other }
        let a = w.filter { $0.status == .sanctioned }.count, c = o.filter { $0.status == .sanctioned }.count
        let f = FisherExactTest(a: a, b: w.count - a, c: c, d: o.count - c, confidence: options.confidence)
        return GroupTest(election: e.id, region: e.region, winner: winner, head: head,
                         headCandidate: head.flatMap { h in outcomes.first { ($0.decidingHead ?? "") == h }?.decidingHeadCandidate },
                         winnerSupporters: w.count, winnerSanctioned: a, winnerPromotedInstead: w.filter { $0.status == .promotedInstead }.count,
                         otherSupporters: o.count, otherSanctioned: c, otherPromotedInstead: o.filter { $0.status == .promotedInstead }.count,
                         pendingLeftOut: outcomes.count - decided.count,
                         oddsRatio: f.oddsRatio, ciLow: f.ciLow, ciHigh: f.ciHigh, pValue: f.pValue)
    }

    /// The election a report belongs to: one covering the report's region in which its candidate
    /// ran; of several, the first voted on or after the report (a campaign comes before its vote),
    /// else the last before it.
    package static func election(for r: NeutralityReport, in calendar: ElectionCalendar) -> Election? {
        let es = calendar.elections.filter { ($0.region == "*" || sameRegion($0.region, r.region)) && $0.candidates.contains { $0.id == r.candidate } }
        return es.filter { $0.votingDate >= r.reportDate }.min { $0.votingDate < $1.votingDate }
            ?? es.max { $0.votingDate < $1.votingDate }
    }

    /// A rise: `Moves.rise`, or a higher grade of the same structural level (III.b to III.a).
    static func rise(_ t: Transfer) -> String? {
        if let why = Moves.rise(t) { return why }
        guard !t.kind.isPushOut, let from = t.fromEchelon, let to = t.toEchelon, from.isStructural, to.isStructural,
              from.level == to.level, from.grade != 0, to.grade != 0, to.grade < from.grade else { return nil }
        return "grade up"
    }

    /// The head of `region` in office on `day`, per the calendar.
    static func head(of region: String, on day: Day, in calendar: ElectionCalendar) -> RegionalHead? {
        calendar.heads.first { sameRegion($0.region, region) && $0.inOffice(on: day) }
    }

    /// A region's name with its usual abbreviations written out ("Kab. X", "Pemkab X" and
    /// "Pemerintah Kabupaten X" are "Kabupaten X"), then compared as `RegionName.key` does: reports
    /// come from Bawaslu and the transfers from a personnel office, each writing the name its way.
    package static func regionKey(_ s: String) -> String {
        var words = s.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if words.first == "pemerintah" { words.removeFirst() }
        if let first = words.first {
            switch first {
            case "kab", "kabupaten", "pemkab": words[0] = "kabupaten"
            case "kota", "pemkot", "kotamadya", "kodya": words[0] = "kota"
            case "prov", "provinsi", "pemprov": words[0] = "provinsi"
            default: break
            }
        }
        return words.joined()
    }

    package static func sameRegion(_ a: String, _ b: String) -> Bool { RegionName.same(a, b) || regionKey(a) == regionKey(b) }

    /// The reason names a discipline sanction: `Moves.isDisciplineSanction`'s words, and PP 94/2021
    /// written out ("PP Nomor 94 Tahun 2021", "Peraturan Pemerintah No. 94 Tahun 2021").
    package static func isDisciplineReason(_ reason: String) -> Bool {
        if Moves.isDisciplineSanction(reason) { return true }
        let compact = reason.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "/" }
        return compact.contains("94tahun2021") || compact.contains("94/2021") || compact.contains("pp94")
    }
}

extension SanctionFollowUp {
    /// What one run looks up for every report: the reported people's transfers by date, each
    /// region's last decree (where its data end), and which reasons name discipline.
    fileprivate struct FollowUpSearch {
        let options: Options
        let set: TransferSet
        let calendar: ElectionCalendar
        var moves: [NIP: [Int]] = [:]
        var lastByRegion: [String: Day] = [:]
        var overallLast: Day?
        var disciplineReason: [UInt32: Bool] = [:]

        init(options: Options, reports: [NeutralityReport], transfers set: TransferSet, calendar: ElectionCalendar) {
            self.options = options; self.set = set; self.calendar = calendar
            let reported = Set(reports.map(\.nip))
            var lastBySymbol: [UInt32: Day] = [:]
            for (i, t) in set.transfers.enumerated() {
                if reported.contains(t.nip) { moves[t.nip, default: []].append(i) }
                if lastBySymbol[t.region.id].map({ t.decreeDate > $0 }) ?? true { lastBySymbol[t.region.id] = t.decreeDate }
                if overallLast.map({ t.decreeDate > $0 }) ?? true { overallLast = t.decreeDate }
            }
            for (id, d) in lastBySymbol {
                let k = SanctionFollowUp.regionKey(set.strings[Symbol(id: id)])
                if lastByRegion[k].map({ d > $0 }) ?? true { lastByRegion[k] = d }
            }
            for k in moves.keys { moves[k]!.sort { (set.transfers[$0].decreeDate, $0) < (set.transfers[$1].decreeDate, $1) } }
        }

        mutating func isDiscipline(_ s: Symbol) -> Bool {
            if let v = disciplineReason[s.id] { return v }
            let v = SanctionFollowUp.isDisciplineReason(set.strings[s])
            disciplineReason[s.id] = v
            return v
        }

        /// The report's outcome, and a note when its candidate runs in no election of its region.
        mutating func outcome(of r: NeutralityReport) -> (Outcome, note: String?) {
            let election = SanctionFollowUp.election(for: r, in: calendar)
            let side: Side
            if let e = election, let w = e.winner { side = w == r.candidate ? .winner : .other } else { side = .undecided }
            let note = election != nil ? nil
                : "\(r.origin): candidate '\(r.candidate)' runs in no election of \(r.region): outcome given, left out of the group tests"
            let start = r.recommendationDate ?? r.reportDate
            let windowEnd = start.adding(days: options.followUpDays)
            let head = SanctionFollowUp.head(of: r.region, on: start, in: calendar)
            let found = decrees(after: r, from: start)
            let v = verdict(r, found, windowEnd: windowEnd, dataEnd: lastByRegion[SanctionFollowUp.regionKey(r.region)] ?? overallLast)
            let outcome = Outcome(
                nip: r.nip.description, name: r.name, region: r.region, reportDate: r.reportDate, conduct: r.conduct,
                candidate: r.candidate, election: election?.id, side: side, source: r.source, level: r.level,
                recommendationDate: r.recommendationDate, windowStart: start, windowEnd: windowEnd, status: v.status, why: v.reason.english,
                daysTaken: v.daysTaken, late: v.reason.late, evidence: v.evidence, decidingHead: head?.name, decidingHeadCandidate: head?.candidate,
                report: r.origin, reason: v.reason)
            return (outcome, note)
        }

        /// The sanctions (the earliest first), the first rise, and the other moves worth showing.
        struct Found {
            var sanctions: [Evidence] = [], others: [Evidence] = []
            var rise: Evidence?
        }

        /// The recorded sanction and the reported person's moves from `start` (rises from the report).
        mutating func decrees(after r: NeutralityReport, from start: Day) -> Found {
            var found = Found()
            if r.hasRecordedSanction {
                var signer = r.sanctionSigner, from = "report"
                if signer.isEmpty, let d = r.sanctionDate, let h = SanctionFollowUp.head(of: r.region, on: d, in: calendar) { signer = h.name; from = "calendar" }
                found.sanctions.append(Evidence(kind: .recordedSanction, decreeNo: r.sanctionDecreeNo, date: r.sanctionDate,
                                                daysAfterRecommendation: r.sanctionDate.map { start.days(to: $0) },
                                                daysAfterReport: r.sanctionDate.map { r.reportDate.days(to: $0) },
                                                signer: signer, signerFrom: signer.isEmpty ? "" : from, move: "",
                                                why: r.level.map { "recorded sanction (recommended \($0.rawValue))" } ?? "recorded sanction",
                                                reason: "", origin: r.origin))
            }
            let riseEnd = r.reportDate.adding(months: options.riseMonths)
            let set = self.set
            for i in moves[r.nip] ?? [] {
                let t = set.transfers[i]
                func ev(_ kind: Evidence.Kind, _ why: String) -> Evidence {
                    Evidence(kind: kind, decreeNo: set.decreeLabel(of: t), date: t.decreeDate,
                             daysAfterRecommendation: start.days(to: t.decreeDate), daysAfterReport: r.reportDate.days(to: t.decreeDate),
                             signer: set[t.signedBy], signerFrom: "decree", move: t.kind.rawValue, why: why,
                             reason: set[t.reason], origin: set.origin(of: t))
                }
                if t.decreeDate >= start, let why = Moves.pushOut(t, isRemote: { _ in false }) {
                    if isDiscipline(t.reason) { found.sanctions.append(ev(.disciplineTransfer, why)) }
                    else { found.others.append(ev(.pushOutWithoutDisciplineReason, why)) }
                } else if t.decreeDate > r.reportDate, t.decreeDate <= riseEnd, let why = SanctionFollowUp.rise(t) {
                    if found.rise == nil { found.rise = ev(.rise, why) } else { found.others.append(ev(.rise, why)) }
                }
            }
            // the follow-up is the earliest sanction; a recorded one without a date comes first (the
            // personnel office tied it to this report)
            found.sanctions.sort { ($0.date?.daysSinceEpoch ?? Int32.min) < ($1.date?.daysSinceEpoch ?? Int32.min) }
            return found
        }

        struct Verdict {
            var status: Status
            var reason: Reason
            var daysTaken: Int?
            var evidence: [Evidence]
        }

        /// The status, its reason, and the evidence with the deciding decree first.
        func verdict(_ r: NeutralityReport, _ found: Found, windowEnd: Day, dataEnd: Day?) -> Verdict {
            var v = Verdict(status: .notFollowedUp,
                            reason: Reason(finding: .nothing(level: r.level), windowDays: options.followUpDays,
                                           fromRecommendation: r.recommendationDate != nil, late: false, pushedOutAfterwards: false),
                            evidence: Array(found.sanctions.dropFirst()) + found.others)
            if let s = found.sanctions.first {
                v.status = .sanctioned
                v.daysTaken = s.daysAfterRecommendation
                v.reason.finding = .sanction(s)
                v.reason.late = s.date.map { $0 > windowEnd } ?? false
                v.evidence.insert(s, at: 0)
                if let up = found.rise { v.evidence.append(up) }
            } else if let up = found.rise {
                v.status = .promotedInstead
                v.reason.finding = .rise(up)
                v.evidence.insert(up, at: 0)
            } else if dataEnd.map({ windowEnd > $0 }) ?? true {
                v.status = .pending
                v.reason.finding = .windowOpen(end: windowEnd, dataEnd: dataEnd)
            }
            v.reason.pushedOutAfterwards = v.status != .sanctioned && v.evidence.contains { $0.kind == .pushOutWithoutDisciplineReason }
            return v
        }
    }
}
