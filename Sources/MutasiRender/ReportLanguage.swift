import MutasiModel
import MutasiAnalysis

/// The report's language. Bahasa Indonesia is the users' language (Bawaslu, BKN, inspectors);
/// English for researchers and foreign readers. Rule citations stay in their original form.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case id, en

    /// The label's text in this language. Both tables hold every label (`ReportLanguageTests`); the
    /// fallbacks only keep a report readable should one be missed.
    package func callAsFunction(_ label: ReportLabel) -> String {
        labels[label] ?? ReportLanguage.english[label] ?? label.rawValue
    }

    /// Every label's text in this language (what a test scans a report for).
    package var labels: [ReportLabel: String] {
        switch self {
        case .id: ReportLanguage.indonesian
        case .en: ReportLanguage.english
        }
    }

    /// A kind of move in the report's language (the data keeps the English key).
    package func kind(_ k: TransferKind) -> String {
        switch k {
        case .mutation: self(.kindMutation)
        case .promotion: self(.kindPromotion)
        case .demotion: self(.kindDemotion)
        case .nonjob: self(.kindNonjob)
        case .appointment: self(.kindAppointment)
        case .acting: self(.kindActing)
        case .dismissal: self(.kindDismissal)
        }
    }

    /// A regional head's role in the report's language.
    package func role(_ r: RegionalHead.Role) -> String {
        switch r {
        case .elected: self(.roleElected)
        case .acting: self(.roleActing)
        }
    }

    /// A signer's role, `unknown` when they match no head in the calendar.
    package func role(_ r: SignerRole) -> String {
        switch r {
        case .elected: self(.roleElected)
        case .acting: self(.roleActing)
        case .unknown: self(.roleUnknown)
        }
    }

    /// A rule-window flag's status.
    package func status(_ s: LegalFlag.Status) -> String {
        switch s {
        case .violation: self(.violation)
        case .approved: self(.approved)
        }
    }

    /// What a group test counts.
    package func event(_ e: LoyaltyAnalysis.GroupTest.Event) -> String {
        switch e {
        case .promotion: self(.promotion)
        case .pushedOut: self(.pushedOut)
        }
    }

    /// A relation as the findings hold it (`TieRelation.name`).
    package func relationName(_ name: String) -> String { relation(TieRelation(parsing: name)) }

    /// Why a move was flagged (`LoyaltyAnalysis.Flag.why`: "promotion", "remote unit"…).
    package func why(_ key: String) -> String {
        ReportLabel(rawValue: "why." + key).map { self($0) } ?? key
    }

    /// A detector's note (`Findings.notes`, `Wave.note`), translated like a reject reason.
    package func note(_ text: String) -> String { reason(text) }

    /// A rejected row's reason. The readers write them in English with the bad value quoted; the
    /// Indonesian report translates the known forms (`ReportLanguage.reasons`), keeping the quoted
    /// value, and shows any other as written.
    package func reason(_ text: String) -> String {
        guard self == .id else { return text }
        for (english, indonesian) in ReportLanguage.reasons {
            if let r = ReportLanguage.match(text, english) { return ReportLanguage.fill(indonesian, r) }
        }
        return text
    }

    /// Patterns of reject reasons: `{}` stands for any text (a quoted value, a number, a list).
    static let reasons: [(String, String)] = [
        ("NIP '{}' has {} digits; a NIP has 18", "NIP '{}' terdiri dari {} digit; NIP harus 18 digit"),
        ("NIP '{}' is not a valid 18-digit NIP", "NIP '{}' bukan NIP 18 digit yang sah"),
        ("NIP '{}' {}", "NIP '{}' tidak sah: {}"),
        ("missing NIP", "NIP kosong"),
        ("missing name", "nama kosong"),
        ("missing decree date", "tanggal SK kosong"),
        ("decree date '{}' is not a real date {}", "tanggal SK '{}' bukan tanggal yang ada (YYYY-MM-DD, DD/MM/YYYY atau '21 Mei 2024')"),
        ("decree date {} is outside {}; a typing error?", "tanggal SK {} di luar {}; salah ketik?"),
        ("unknown kind '{}' {}", "jenis mutasi '{}' tidak dikenal (mutasi/rotasi, promosi, demosi, non-job, pengangkatan/pelantikan, plt/plh, pemberhentian)"),
        ("unknown echelon '{}' {}", "eselon '{}' tidak dikenal (I.a … IV.b, V, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana, Fungsional)"),
        ("not valid JSON", "bukan JSON yang sah"),
        ("a JSON Lines row must be an object {}", "baris JSON Lines harus berupa objek {…}"),
        ("a quote opened on line {} is never closed; {}", "tanda kutip yang dibuka di baris {} tidak pernah ditutup; baris sesudahnya dibaca sebagai baris tersendiri"),
        ("missing related_to {}", "kolom terkait_dengan kosong (id calon atau NIP)"),
        ("missing relation", "hubungan kosong"),
        ("{} (value withheld){}", "{} (nilai disembunyikan){}"),
        // the detectors' notes
        ("{}: no winner recorded, no loyalty test", "{}: pemenang tidak tercatat, tidak ada uji loyalitas"),
        ("{}: no inauguration date and no head record for the winner, no loyalty test",
         "{}: tidak ada tanggal pelantikan maupun catatan kepala daerah untuk pemenang, tidak ada uji loyalitas"),
        ("{}: no transfers in {}", "{}: tidak ada mutasi di {}"),
        ("only {} calendar year(s) of history: the baseline is mostly the overall weekly mean, so the p-value is rough",
         "riwayat hanya {} tahun kalender: pola dasar sebagian besar rata-rata mingguan keseluruhan, jadi nilai p kasar"),
        ("{} of {} region(s) too small to test for a wave of three times their mean week (see regions: smallestDetectableWave)",
         "{} dari {} daerah terlalu kecil untuk diuji: gelombang tiga kali minggu rata-ratanya pun tidak akan terlihat (lihat regions: smallestDetectableWave)"),
    ]

    /// The texts `{}` stands for when `text` has the form of `pattern`, nil otherwise.
    static func match(_ text: String, _ pattern: String) -> [Substring]? {
        let parts = pattern.components(separatedBy: "{}")
        guard text.hasPrefix(parts[0]) else { return nil }
        var rest = text.dropFirst(parts[0].count)
        var holes: [Substring] = []
        for (i, part) in parts.enumerated().dropFirst() {
            if i == parts.count - 1 && part.isEmpty { holes.append(rest); rest = ""; break }
            guard let r = (i == parts.count - 1 ? rest.range(of: part, options: .backwards) : rest.range(of: part)) else { return nil }
            holes.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        return rest.isEmpty ? holes : nil
    }

    static func fill(_ pattern: String, _ holes: [Substring]) -> String {
        let parts = pattern.components(separatedBy: "{}")
        var out = parts[0]
        for (i, part) in parts.enumerated().dropFirst() { out += (i - 1 < holes.count ? String(holes[i - 1]) : "") + part }
        return out
    }

    /// A tie's relation; a word the ties file used that is not a known relation stays as written.
    package func relation(_ r: TieRelation) -> String {
        switch r {
        case .kin: self(.tieKin)
        case .spouse: self(.tieSpouse)
        case .campaignTeam: self(.tieCampaignTeam)
        case .reportedSupport: self(.tieReportedSupport)
        case .party: self(.tieParty)
        case .friend: self(.tieFriend)
        case .other(let s): s
        }
    }

    static let english: [ReportLabel: String] = [
        .title: "Civil-service transfers around elections",
        .subtitle: "MutasiGraph findings report",
        .summary: "Summary",
        .violations: "Rule-window violations",
        .waves: "Transfer waves",
        .loyalty: "Loyalty and retaliation",
        .network: "Patron-client network",
        .methods: "Methods and parameters",
        .rejects: "Rejected rows",
        .recordsRead: "Rows read",
        .recordsAccepted: "Rows accepted",
        .recordsRejected: "Rows rejected",
        .patronsCaption: "Patrons by clients (network of %d nodes, %d edges; %d Louvain communities, modularity %.3f)",
        .candidate: "Ran as", .clients: "People moved", .promotionsGiven: "Promotions given",
        .pushOutsGiven: "Push-outs given", .jptHeld: "JPT posts held by them", .pageRank: "PageRank",
        .otherRejected: "Rows rejected in ties, units and approvals files",
        .duplicates: "Duplicates merged",
        .warnings: "Warnings",
        .wavesFound: "Waves found",
        .violationsFound: "Decrees in a rule window without approval",
        .approvedFound: "Decrees in a rule window with approval",
        .loyaltyFlags: "Loyalty flags (winner-linked promotions)",
        .retaliationFlags: "Retaliation flags (loser-linked push-outs)",
        .people: "People",
        .decrees: "Decrees",
        .regions: "Regions",
        .decree: "Decree", .date: "Date", .signer: "Signer", .persons: "Persons", .officials: "Officials",
        .rule: "Rule", .citation: "Citation", .window: "Window", .daysToVote: "Days to the vote",
        .approval: "Approval", .status: "Status", .region: "Region", .election: "Election",
        .start: "Start", .end: "End", .expected: "Expected", .ratio: "Ratio", .pValue: "p-value",
        .units: "Units most affected", .inWindow: "In rule window",
        .nip: "NIP", .name: "Name", .linkedTo: "Linked to", .links: "Links", .move: "Move", .moves: "Moves", .why: "Why",
        .daysAfter: "Days after inauguration", .fromRank: "From rank", .toRank: "To rank",
        .winner: "Winner", .event: "Event", .linkedWith: "Linked with event", .linked: "Linked",
        .otherWith: "Others with event", .other: "Others", .oddsRatio: "Odds ratio", .ci: "95% CI",
        .file: "File", .line: "Line", .column: "Column", .reason: "Reason",
        .noViolations: "No decree falls in a rule window without approval.",
        .noWaves: "No wave above the regions' own baselines.",
        .nationalEvents: "National events: weeks in which many regions all moved far more people than usual (set aside in every region's scan, not regional waves).",
        .regionsAffected: "Regions affected", .meanPerWeek: "People a week", .smallestWave: "Smallest wave it could show",
        .untestableRegions: "Regions too small to test: a wave of three times their usual week could not be shown.",
        .noLoyalty: "No loyalty flag.", .noRetaliation: "No retaliation flag.", .noSanctions: "No discipline sanction among linked people.",
        .noRejects: "Every row was accepted.",
        .noTests: "No election with a recorded winner and inauguration.",
        .loyaltyTable: "Promotions of people linked to the winner",
        .retaliationTable: "Push-outs of people linked to a loser",
        .sanctionsTable: "Discipline sanctions (listed, not flagged)",
        .groupTests: "Group tests (Fisher's exact test over people, permutation test over decrees)",
        .fisherP: "Fisher p", .fisherQ: "Fisher q (elections)", .eventDecrees: "Event decrees / decrees",
        .decreeP: "Decree test p", .decreeQ: "Decree test q (elections)",
        .promotion: "promotion", .pushedOut: "pushed out",
        .violation: "violation", .approved: "approved",
        .inputs: "Input files (SHA-256)", .parameters: "Parameters",
        .derivedNote: "Links marked 'derived' come from a promotion signed by the candidate in the year before the vote: weaker evidence than a recorded tie.",
        .pseudonymNote: "NIPs and names of civil servants are keyed pseudonyms; the holder of the key can map them back with `mutasi reveal`.",
        .rejectsMore: "Only the first rows are shown; rejects.csv has them all.",
        .networkCaption: "Signers (patrons, dark blue) and the people their decrees moved (grouped by unit when the network is small enough for dot); green: promotion, red: push-out, double border: a recorded tie to a candidate, dashed: a tie between two people.",
        .patronCaption: "Patrons (dark blue) as hubs; the people whose latest move each signed, as groups: green promoted, red pushed out, grey moved otherwise, with how many now hold a JPT post and how many have a recorded tie; dashed purple lines: ties to candidates (yellow), as many people as the number says; gold: the candidate the patron ran as. The person-by-person network is in network-people.svg and network.graphml / network.gexf.",
        .overviewCaption: "The network is too big to draw person by person, so this is its overview: the regions with most findings (red: waves or rule-window violations, orange: loyalty or retaliation flags) and the signers (dark blue) who moved most people in each; a thicker line, more people moved. Draw one region in full with mutasi graph --region.",
        .timelineCaption: "Weekly moves (transfer rows) per region; election days marked, rule windows shaded, waves highlighted.",
        .generated: "Generated by MutasiGraph",
        .kindMutation: "mutation", .kindPromotion: "promotion", .kindDemotion: "demotion", .kindNonjob: "non-job",
        .kindAppointment: "appointment", .kindActing: "acting (Plt)", .kindDismissal: "dismissal",
        .roleElected: "elected head", .roleActing: "acting head (Pj)", .roleUnknown: "not in the calendar",
        .tieKin: "kin", .tieSpouse: "spouse", .tieCampaignTeam: "campaign team", .tieReportedSupport: "reported support",
        .tieParty: "party", .tieFriend: "friend",
        .noUnit: "(no unit given)",
        .summaryCaption: "Summary: %d decrees moving %d people are too many to draw person by person within 2,400 px; one row per decree (or per year and signer), with its kinds of move and the units it moved people to",
        .summaryDecrees: "%d decrees", .summaryPeople: "%d people", .summaryOfficials: "%d officials", .summaryTied: "%d with ties",
        .summaryMoreUnits: "+%d more units", .summaryMore: "… %d more rows (%d people) not shown: filter with --decree or --person",
        .patronOverviewCaption: "The %d of %d patrons with most clients (a client: the person whose latest move the patron signed);\npromoted, pushed out and moved clients collapsed into groups; dashed: recorded ties to a candidate, with their number",
        .patronOverviewPromoted: "promoted", .patronOverviewPushedOut: "pushed out", .patronOverviewMoved: "moved otherwise", .patronOverviewMoves: "moves signed",
        .patronOverviewClients: "clients", .patronOverviewTied: "tied to a candidate", .patronOverviewWinner: "won",
        .networkPeople: "The network person by person (signers, people, ties):",
        .legendTie: "tie (double border: to a candidate)", .legendRanAs: "signer ran as this candidate",
        .rules: "Rules (citation; window)", .violationDecrees: "Decrees in a rule window without approval",
        .violationFlags: "Rule flags on them (one per decree and rule)", .approvedDecrees: "Decrees in a rule window with approval",
        .evidenceNote: "Each decree number opens its evidence page (evidence/), printable on A4.",
        .generatedOn: "Made by MutasiGraph {version} on {date}", .bytes: "Bytes",
        .methodRulePack: "Rule pack", .methodSeed: "Seed", .methodAlpha: "Significance level (alpha)", .methodMonteCarlo: "Monte Carlo replications",
        .methodLoyaltyWindow: "Loyalty window", .methodMonths: "%d months", .methodGenerator: "Made by", .methodSchema: "findings schema", .methodGeneratedAt: "Made on",
        .methodGroupTestColumns: "Loyalty group tests, column by column. Fisher p: Fisher's exact test (two-sided) of the event among the winner-linked (or loser-linked) people against the others, over the people in service at the inauguration. Fisher q: its Benjamini-Hochberg q-value across the elections tested for the same event; with many elections read q, not p. Event decrees / decrees: the decrees signed in the window that carry the event, of all its decrees. Decree test p: one decree moves many people at once, so people are not independent draws; this one-sided test shuffles the event over the window's decrees instead of over people (seeded, 9,999 shuffles by default) and gives the share of shuffles in which event decrees moved at least as many linked people. Decree test q: its q-value across elections. A small Fisher p with a large decree-test p means the excess came in a few decrees. Derived links are left out of the groups unless asked for.",
        .methodsText: "Waves: weekly scan against each region's own history at the same time of year, Monte Carlo max-statistic p-values; the scan counts moves (decree rows), so expected and ratio are in moves, and people counts each person once. Rule windows: the rule pack above. Loyalty: Fisher's exact test, conditional MLE odds ratio, exact 95% interval. Details: docs/METHODS.md.",
        .caseTitle: "Case", .signerRole: "Signer's role", .noApproval: "none recorded",
        .evidenceDecree: "Decree", .evidenceRules: "Rules it falls under", .evidencePeople: "People moved",
        .evidenceDiagram: "Picture of the decree", .evidenceSources: "Source rows",
        .evidenceSourcesNote: "File and line of every row this page was made from (line 1 is the header).",
        .evidenceSubtitle: "Evidence sheet", .backToReport: "← Back to the report",
        .fromPost: "From (post, unit, echelon)", .toPost: "To (post, unit, echelon)", .effective: "Effective (TMT)", .source: "Source (file:line)",
        .noRows: "No row of this decree was read.", .noDiagram: "Not drawn (too many flagged decrees to draw each; see the table).",
        .diagramLeftOut: "Not drawn: pictures are drawn for the first decrees of the report's table only (a limit for national runs). To draw every one: mutasi analyze … --evidence-pictures all.",
        .evidenceLeftOut: "Evidence pages were written for the first {pages} of the {decrees} decrees in this table (violations first, then by date): {pagesLeftOut} are listed without a page, and {picturesLeftOut} pages are without a picture of the decree ({pictures} drawn). Every decree is in flags.csv and findings.json. To write them all: mutasi analyze … {option}.",
        .sheetCaption: "The signer and their role on top; the people grouped by the unit they were moved to, each with the post left, the post taken, the kind of move (colour) and recorded ties (purple).",
        .whyPromotion: "promotion", .whyRankUp: "rank up", .whyIntoAStructuralPost: "into a structural post",
        .whyLostStructuralPost: "lost structural post", .whyRankDown: "rank down", .whyRemoteUnit: "remote unit",
        .whyDemotion: "demotion", .whyNonjob: "non-job", .whyDismissal: "dismissal", .whyGradeUp: "grade up",
        .columnsCaption: "Transfer file columns read as no field, and costly fields missing",
        .columnsFile: "file",
        .columnsColumn: "column",
        .columnsHeader: "header",
        .columnsMeaning: "what it means",
        .knownExtraColumn: "known extra column (kept)",
        .unknownColumn: "not recognised: kept, used by no check",
        .missingField: "missing: ",
        .noUnreadColumns: "Every column was read as a field.",
        .matchingCaption: "Signers and regions that matched nothing in the calendar, and near matches (threshold {threshold})",
        .matchingKind: "kind",
        .matchingName: "name",
        .matchingRegion: "region",
        .matchingRows: "rows",
        .matchingClosest: "closest candidate (score)",
        .unmatchedSigner: "signer",
        .unmatchedRegion: "region",
        .noUnmatched: "Every signer and region matched.",
        .matchedByName: "name",
        .matchedByAlias: "alias",
        .matchedNear: "near",
    ]

    static let indonesian: [ReportLabel: String] = [
        .title: "Mutasi ASN di sekitar pemilihan",
        .subtitle: "Laporan temuan MutasiGraph",
        .summary: "Ringkasan",
        .violations: "Pelanggaran masa larangan",
        .waves: "Gelombang mutasi",
        .loyalty: "Loyalitas dan pembalasan",
        .network: "Jaringan patron-klien",
        .methods: "Metode dan parameter",
        .rejects: "Baris yang ditolak",
        .recordsRead: "Baris dibaca",
        .recordsAccepted: "Baris diterima",
        .recordsRejected: "Baris ditolak",
        .patronsCaption: "Patron menurut jumlah klien (jaringan %d simpul, %d sisi; %d komunitas Louvain, modularitas %.3f)",
        .candidate: "Calon", .clients: "ASN dimutasi", .promotionsGiven: "Promosi diberikan",
        .pushOutsGiven: "Penyingkiran", .jptHeld: "Jabatan JPT dipegang klien", .pageRank: "PageRank",
        .otherRejected: "Baris ditolak di berkas hubungan, unit dan izin",
        .duplicates: "Duplikat digabung",
        .warnings: "Peringatan",
        .wavesFound: "Gelombang ditemukan",
        .violationsFound: "SK dalam masa larangan tanpa izin Mendagri",
        .approvedFound: "SK dalam masa larangan dengan izin Mendagri",
        .loyaltyFlags: "Tanda loyalitas (promosi terkait pemenang)",
        .retaliationFlags: "Tanda pembalasan (penyingkiran terkait pihak kalah)",
        .people: "Orang",
        .decrees: "SK",
        .regions: "Daerah",
        .decree: "Nomor SK", .date: "Tanggal", .signer: "Penandatangan", .persons: "Orang", .officials: "Pejabat",
        .rule: "Aturan", .citation: "Dasar hukum", .window: "Masa larangan", .daysToVote: "Hari ke pemungutan suara",
        .approval: "Izin Mendagri", .status: "Status", .region: "Daerah", .election: "Pemilihan",
        .start: "Mulai", .end: "Selesai", .expected: "Harapan", .ratio: "Rasio", .pValue: "nilai p",
        .units: "Unit paling terdampak", .inWindow: "Dalam masa larangan",
        .nip: "NIP", .name: "Nama", .linkedTo: "Terkait dengan", .links: "Keterkaitan", .move: "Mutasi", .moves: "Jumlah mutasi", .why: "Alasan tanda",
        .daysAfter: "Hari setelah pelantikan", .fromRank: "Dari peringkat", .toRank: "Ke peringkat",
        .winner: "Pemenang", .event: "Kejadian", .linkedWith: "Terkait dengan kejadian", .linked: "Terkait",
        .otherWith: "Lainnya dengan kejadian", .other: "Lainnya", .oddsRatio: "Rasio odds", .ci: "SK 95%",
        .file: "Berkas", .line: "Baris", .column: "Kolom", .reason: "Alasan",
        .noViolations: "Tidak ada SK dalam masa larangan tanpa izin.",
        .noWaves: "Tidak ada gelombang di atas pola daerah itu sendiri.",
        .nationalEvents: "Peristiwa nasional: minggu ketika banyak daerah sekaligus memutasi jauh lebih banyak orang dari biasanya (disisihkan dari pemindaian tiap daerah, bukan gelombang daerah).",
        .regionsAffected: "Daerah terdampak", .meanPerWeek: "Orang per minggu", .smallestWave: "Gelombang terkecil yang dapat terlihat",
        .untestableRegions: "Daerah terlalu kecil untuk diuji: gelombang tiga kali minggu biasanya tidak dapat terlihat.",
        .noLoyalty: "Tidak ada tanda loyalitas.", .noRetaliation: "Tidak ada tanda pembalasan.", .noSanctions: "Tidak ada hukuman disiplin pada orang terkait.",
        .noRejects: "Semua baris diterima.",
        .noTests: "Tidak ada pemilihan dengan pemenang dan tanggal pelantikan.",
        .loyaltyTable: "Promosi orang yang terkait dengan pemenang",
        .retaliationTable: "Penyingkiran orang yang terkait dengan pihak kalah",
        .sanctionsTable: "Hukuman disiplin (dicatat, tidak ditandai)",
        .groupTests: "Uji kelompok (uji eksak Fisher atas orang, uji permutasi atas SK)",
        .fisherP: "p Fisher", .fisherQ: "q Fisher (pemilihan)", .eventDecrees: "SK dengan kejadian / SK",
        .decreeP: "p uji SK", .decreeQ: "q uji SK (pemilihan)",
        .promotion: "promosi", .pushedOut: "disingkirkan",
        .violation: "pelanggaran", .approved: "berizin",
        .inputs: "Berkas masukan (SHA-256)", .parameters: "Parameter",
        .derivedNote: "Keterkaitan bertanda 'turunan' berasal dari promosi yang ditandatangani calon dalam setahun sebelum pemungutan suara: bukti lebih lemah daripada keterkaitan yang tercatat.",
        .pseudonymNote: "NIP dan nama ASN diganti pseudonim berkunci; pemegang kunci dapat memetakannya kembali dengan `mutasi reveal`.",
        .rejectsMore: "Hanya baris pertama yang ditampilkan; rejects.csv memuat semuanya.",
        .networkCaption: "Penandatangan (patron, biru tua) dan orang yang dimutasi oleh SK-nya (dikelompokkan per unit bila jaringan cukup kecil untuk dot); hijau: promosi, merah: penyingkiran, bingkai ganda: keterkaitan tercatat dengan calon, putus-putus: keterkaitan antarorang.",
        .patronCaption: "Patron (biru tua) sebagai pusat; orang yang mutasi terakhirnya ditandatangani patron itu, dalam kelompok: hijau dipromosikan, merah disingkirkan, abu-abu dimutasi biasa, dengan jumlah yang kini memegang jabatan JPT dan yang punya keterkaitan tercatat; garis ungu putus-putus: keterkaitan dengan calon (kuning), sebanyak angka yang tertulis; emas: calon yang diusung patron itu. Jaringan per orang ada di network-people.svg dan network.graphml / network.gexf.",
        .overviewCaption: "Jaringan terlalu besar untuk digambar per orang, jadi ini ringkasannya: daerah dengan temuan terbanyak (merah: gelombang mutasi atau pelanggaran jendela larangan, oranye: tanda loyalitas atau pembalasan) dan penandatangan (biru tua) yang memutasi orang terbanyak di tiap daerah; makin tebal garis, makin banyak orang. Gambar satu daerah utuh dengan mutasi graph --region.",
        .timelineCaption: "Jumlah mutasi (baris SK) per minggu per daerah; hari pemungutan suara ditandai, masa larangan diarsir, gelombang disorot.",
        .generated: "Dibuat oleh MutasiGraph",
        .kindMutation: "mutasi", .kindPromotion: "promosi", .kindDemotion: "demosi", .kindNonjob: "non-job",
        .kindAppointment: "pengangkatan", .kindActing: "Plt", .kindDismissal: "pemberhentian",
        .roleElected: "kepala daerah definitif", .roleActing: "penjabat (Pj)", .roleUnknown: "tidak ada di kalender",
        .tieKin: "keluarga", .tieSpouse: "suami/istri", .tieCampaignTeam: "tim kampanye", .tieReportedSupport: "dukungan dilaporkan",
        .tieParty: "partai", .tieFriend: "teman",
        .noUnit: "(unit tidak disebut)",
        .summaryCaption: "Ringkasan: %d SK yang memindahkan %d orang terlalu banyak untuk digambar per orang dalam lebar 2.400 px; satu baris per SK (atau per tahun dan penandatangan), dengan jenis mutasi dan unit tujuan",
        .summaryDecrees: "%d SK", .summaryPeople: "%d orang", .summaryOfficials: "%d pejabat", .summaryTied: "%d punya keterkaitan",
        .summaryMoreUnits: "+%d unit lain", .summaryMore: "… %d baris lagi (%d orang) tidak ditampilkan: saring dengan --decree atau --person",
        .patronOverviewCaption: "%d dari %d patron dengan klien terbanyak (klien: orang yang mutasi terakhirnya ditandatangani patron itu);\nklien yang dipromosikan, disingkirkan dan dimutasi biasa dikelompokkan; putus-putus: keterkaitan tercatat dengan calon, beserta jumlahnya",
        .patronOverviewPromoted: "dipromosikan", .patronOverviewPushedOut: "disingkirkan", .patronOverviewMoved: "dimutasi biasa", .patronOverviewMoves: "mutasi ditandatangani",
        .patronOverviewClients: "klien", .patronOverviewTied: "terkait calon", .patronOverviewWinner: "menang",
        .networkPeople: "Jaringan per orang (penandatangan, ASN, keterkaitan):",
        .legendTie: "keterkaitan (bingkai ganda: dengan calon)", .legendRanAs: "penandatangan maju sebagai calon ini",
        .rules: "Aturan (dasar hukum; masa larangan)", .violationDecrees: "SK dalam masa larangan tanpa izin Mendagri",
        .violationFlags: "Tanda aturan pada SK tersebut (satu per SK dan aturan)", .approvedDecrees: "SK dalam masa larangan dengan izin Mendagri",
        .evidenceNote: "Setiap nomor SK membuka lembar buktinya (evidence/), siap cetak A4.",
        .generatedOn: "Dibuat oleh MutasiGraph {version} pada {date}", .bytes: "Bita",
        .methodRulePack: "Paket aturan", .methodSeed: "Benih acak", .methodAlpha: "Taraf signifikansi (alfa)", .methodMonteCarlo: "Ulangan Monte Carlo",
        .methodLoyaltyWindow: "Jendela loyalitas", .methodMonths: "%d bulan", .methodGenerator: "Dibuat dengan", .methodSchema: "skema temuan", .methodGeneratedAt: "Dibuat pada",
        .methodGroupTestColumns: "Uji kelompok loyalitas, kolom demi kolom. p Fisher: uji eksak Fisher (dua sisi) atas kejadian pada orang yang terkait pemenang (atau calon yang kalah) dibandingkan yang lain, di antara orang yang bertugas saat pelantikan. q Fisher: nilai q Benjamini-Hochberg-nya di antara pemilihan yang diuji untuk kejadian yang sama; bila banyak pemilihan diuji, bacalah q, bukan p. SK dengan kejadian / SK: SK yang ditandatangani dalam jendela dan memuat kejadian itu, dari semua SK dalam jendela. p uji SK: satu SK memindahkan banyak orang sekaligus, jadi orang bukan pengamatan yang saling bebas; uji satu sisi ini mengacak kejadian di antara SK dalam jendela, bukan di antara orang (berbenih, bawaannya 9.999 kali acak), dan memberi bagian pengacakan yang SK berkejadiannya memindahkan orang terkait paling sedikit sebanyak yang teramati. q uji SK: nilai q-nya di antara pemilihan. p Fisher kecil dengan p uji SK besar berarti kelebihannya datang dari sedikit SK. Keterkaitan turunan tidak dimasukkan ke dalam kelompok kecuali diminta.",
        .methodsText: "Gelombang: pemindaian mingguan terhadap riwayat daerah itu sendiri pada waktu yang sama dalam setahun, nilai p statistik maksimum Monte Carlo; pemindaian menghitung mutasi (baris SK), jadi harapan dan rasio dalam mutasi, dan orang menghitung tiap ASN sekali. Masa larangan: paket aturan di atas. Loyalitas: uji eksak Fisher, rasio odds MLE bersyarat, selang 95% eksak. Rincian: docs/METHODS.md.",
        .caseTitle: "Perkara", .signerRole: "Jabatan penandatangan", .noApproval: "tidak tercatat",
        .evidenceDecree: "Surat keputusan", .evidenceRules: "Aturan yang dilanggar atau diperiksa", .evidencePeople: "ASN yang dimutasi",
        .evidenceDiagram: "Gambar SK", .evidenceSources: "Baris sumber",
        .evidenceSourcesNote: "Berkas dan nomor baris setiap baris yang menjadi dasar lembar ini (baris 1 adalah judul kolom).",
        .evidenceSubtitle: "Lembar bukti", .backToReport: "← Kembali ke laporan",
        .fromPost: "Dari (jabatan, unit, eselon)", .toPost: "Ke (jabatan, unit, eselon)", .effective: "TMT", .source: "Sumber (berkas:baris)",
        .noRows: "Tidak ada baris SK ini yang terbaca.", .noDiagram: "Tidak digambar (terlalu banyak SK bertanda untuk digambar satu per satu; lihat tabel).",
        .diagramLeftOut: "Tidak digambar: gambar hanya dibuat untuk SK-SK pertama di tabel laporan (batas untuk analisis nasional). Untuk menggambar semuanya: mutasi analyze … --evidence-pictures all.",
        .evidenceLeftOut: "Lembar bukti ditulis untuk {pages} SK pertama dari {decrees} SK di tabel ini (pelanggaran dahulu, lalu menurut tanggal): {pagesLeftOut} SK tercantum tanpa lembar, dan {picturesLeftOut} lembar tanpa gambar SK ({pictures} digambar). Semua SK ada di flags.csv dan findings.json. Untuk menulis semuanya: mutasi analyze … {option}.",
        .sheetCaption: "Penandatangan dan jabatannya di atas; ASN dikelompokkan menurut unit tujuan, masing-masing dengan jabatan lama, jabatan baru, jenis mutasi (warna) dan keterkaitan tercatat (ungu).",
        .whyPromotion: "promosi", .whyRankUp: "naik peringkat", .whyIntoAStructuralPost: "masuk jabatan struktural",
        .whyLostStructuralPost: "kehilangan jabatan struktural", .whyRankDown: "turun peringkat", .whyRemoteUnit: "unit terpencil",
        .whyDemotion: "demosi", .whyNonjob: "non-job", .whyDismissal: "pemberhentian", .whyGradeUp: "naik tingkat eselon",
        .columnsCaption: "Kolom berkas mutasi yang tidak dibaca sebagai field, dan field penting yang tidak ada",
        .columnsFile: "berkas",
        .columnsColumn: "kolom",
        .columnsHeader: "judul kolom",
        .columnsMeaning: "keterangan",
        .knownExtraColumn: "kolom tambahan yang dikenal (disimpan)",
        .unknownColumn: "tidak dikenal: disimpan, tidak dipakai pemeriksaan apa pun",
        .missingField: "tidak ada: ",
        .noUnreadColumns: "Setiap kolom dibaca sebagai field.",
        .matchingCaption: "Penandatangan dan daerah yang tidak cocok dengan kalender, dan kecocokan mirip (ambang {threshold})",
        .matchingKind: "jenis",
        .matchingName: "nama",
        .matchingRegion: "daerah",
        .matchingRows: "baris",
        .matchingClosest: "calon terdekat (skor)",
        .unmatchedSigner: "penandatangan",
        .unmatchedRegion: "daerah",
        .noUnmatched: "Semua penandatangan dan daerah cocok.",
        .matchedByName: "nama sama",
        .matchedByAlias: "alias",
        .matchedNear: "ejaan mirip",
    ]
}
