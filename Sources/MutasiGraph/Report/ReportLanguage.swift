/// The report's language. Bahasa Indonesia is the users' language (Bawaslu, BKN, inspectors);
/// English for researchers and foreign readers. Rule citations stay in their original form.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case id, en

    /// Labels by key; a missing key falls back to English, then to the key itself.
    public func callAsFunction(_ key: String) -> String {
        let table = self == .id ? ReportLanguage.indonesian : ReportLanguage.english
        return table[key] ?? ReportLanguage.english[key] ?? key
    }

    /// A kind of move in the report's language (the data keeps the English key).
    public func kind(_ k: TransferKind) -> String { self("kind." + k.rawValue) }

    /// A regional head's role in the report's language.
    public func role(_ r: RegionalHead.Role) -> String { self("role." + r.rawValue) }

    /// A signer role as `LegalFlag.signerRole` holds it (`elected`, `acting`, `unknown`).
    public func role(_ key: String) -> String { self("role." + key) }

    /// A tie's relation; a word the ties file used that is not a known relation stays as written.
    public func relation(_ r: TieRelation) -> String {
        if case .other(let s) = r { return s }
        return self("tie." + r.name)
    }

    static let english: [String: String] = [
        "title": "Civil-service transfers around elections",
        "subtitle": "MutasiGraph findings report",
        "summary": "Summary",
        "violations": "Rule-window violations",
        "waves": "Transfer waves",
        "loyalty": "Loyalty and retaliation",
        "network": "Patron-client network",
        "methods": "Methods and parameters",
        "rejects": "Rejected rows",
        "recordsRead": "Rows read",
        "recordsAccepted": "Rows accepted",
        "recordsRejected": "Rows rejected",
        "patronsCaption": "Patrons by clients (network of %d nodes, %d edges; %d Louvain communities, modularity %.3f)",
        "candidate": "Ran as", "clients": "People moved", "promotionsGiven": "Promotions given",
        "pushOutsGiven": "Push-outs given", "jptHeld": "JPT posts held by them", "pageRank": "PageRank",
        "otherRejected": "Rows rejected in ties, units and approvals files",
        "duplicates": "Duplicates merged",
        "warnings": "Warnings",
        "wavesFound": "Waves found",
        "violationsFound": "Decrees in a rule window without approval",
        "approvedFound": "Decrees in a rule window with approval",
        "loyaltyFlags": "Loyalty flags (winner-linked promotions)",
        "retaliationFlags": "Retaliation flags (loser-linked push-outs)",
        "people": "People",
        "decrees": "Decrees",
        "regions": "Regions",
        "decree": "Decree", "date": "Date", "signer": "Signer", "persons": "Persons", "officials": "Officials",
        "rule": "Rule", "citation": "Citation", "window": "Window", "daysToVote": "Days to the vote",
        "approval": "Approval", "status": "Status", "region": "Region", "election": "Election",
        "start": "Start", "end": "End", "expected": "Expected", "ratio": "Ratio", "pValue": "p-value",
        "units": "Units most affected", "inWindow": "In rule window",
        "nip": "NIP", "name": "Name", "linkedTo": "Linked to", "links": "Links", "move": "Move", "why": "Why",
        "daysAfter": "Days after inauguration", "fromRank": "From rank", "toRank": "To rank",
        "winner": "Winner", "event": "Event", "linkedWith": "Linked with event", "linked": "Linked",
        "otherWith": "Others with event", "other": "Others", "oddsRatio": "Odds ratio", "ci": "95% CI",
        "file": "File", "line": "Line", "column": "Column", "reason": "Reason",
        "noViolations": "No decree falls in a rule window without approval.",
        "noWaves": "No wave above the regions' own baselines.",
        "noLoyalty": "No loyalty flag.", "noRetaliation": "No retaliation flag.", "noSanctions": "No discipline sanction among linked people.",
        "noRejects": "Every row was accepted.",
        "noTests": "No election with a recorded winner and inauguration.",
        "loyaltyTable": "Promotions of people linked to the winner",
        "retaliationTable": "Push-outs of people linked to a loser",
        "sanctionsTable": "Discipline sanctions (listed, not flagged)",
        "groupTests": "Group tests (Fisher's exact test)",
        "promotion": "promotion", "pushed_out": "pushed out",
        "violation": "violation", "approved": "approved",
        "inputs": "Input files (SHA-256)", "parameters": "Parameters",
        "derivedNote": "Links marked 'derived' come from a promotion signed by the candidate in the year before the vote: weaker evidence than a recorded tie.",
        "pseudonymNote": "NIPs and names of civil servants are keyed pseudonyms; the holder of the key can map them back with `mutasi reveal`.",
        "rejectsMore": "Only the first rows are shown; rejects.csv has them all.",
        "networkCaption": "Signers (patrons, dark blue) and the people their decrees moved (grouped by unit when the network is small enough for dot); green: promotion, red: push-out, double border: a recorded tie to a candidate, dashed: a tie between two people.",
        "overviewCaption": "The network is too big to draw person by person, so this is its overview: the regions with most findings (red: waves or rule-window violations, orange: loyalty or retaliation flags) and the signers (dark blue) who moved most people in each; a thicker line, more people moved. Draw one region in full with mutasi graph --region.",
        "timelineCaption": "Weekly people moved per region; election days marked, rule windows shaded, waves highlighted.",
        "generated": "Generated by MutasiGraph",
        "kind.mutation": "mutation", "kind.promotion": "promotion", "kind.demotion": "demotion", "kind.nonjob": "non-job",
        "kind.appointment": "appointment", "kind.acting": "acting (Plt)", "kind.dismissal": "dismissal",
        "role.elected": "elected head", "role.acting": "acting head (Pj)", "role.unknown": "not in the calendar", "roleUnknown": "not in the calendar",
        "tie.kin": "kin", "tie.spouse": "spouse", "tie.campaign_team": "campaign team", "tie.reported_support": "reported support",
        "tie.party": "party", "tie.friend": "friend",
        "noUnit": "(no unit given)",
    ]

    static let indonesian: [String: String] = [
        "title": "Mutasi ASN di sekitar pemilihan",
        "subtitle": "Laporan temuan MutasiGraph",
        "summary": "Ringkasan",
        "violations": "Pelanggaran masa larangan",
        "waves": "Gelombang mutasi",
        "loyalty": "Loyalitas dan pembalasan",
        "network": "Jaringan patron-klien",
        "methods": "Metode dan parameter",
        "rejects": "Baris yang ditolak",
        "recordsRead": "Baris dibaca",
        "recordsAccepted": "Baris diterima",
        "recordsRejected": "Baris ditolak",
        "patronsCaption": "Patron menurut jumlah klien (jaringan %d simpul, %d sisi; %d komunitas Louvain, modularitas %.3f)",
        "candidate": "Calon", "clients": "ASN dimutasi", "promotionsGiven": "Promosi diberikan",
        "pushOutsGiven": "Penyingkiran", "jptHeld": "Jabatan JPT dipegang klien", "pageRank": "PageRank",
        "otherRejected": "Baris ditolak di berkas hubungan, unit dan izin",
        "duplicates": "Duplikat digabung",
        "warnings": "Peringatan",
        "wavesFound": "Gelombang ditemukan",
        "violationsFound": "SK dalam masa larangan tanpa izin Mendagri",
        "approvedFound": "SK dalam masa larangan dengan izin Mendagri",
        "loyaltyFlags": "Tanda loyalitas (promosi terkait pemenang)",
        "retaliationFlags": "Tanda pembalasan (penyingkiran terkait pihak kalah)",
        "people": "Orang",
        "decrees": "SK",
        "regions": "Daerah",
        "decree": "Nomor SK", "date": "Tanggal", "signer": "Penandatangan", "persons": "Orang", "officials": "Pejabat",
        "rule": "Aturan", "citation": "Dasar hukum", "window": "Masa larangan", "daysToVote": "Hari ke pemungutan suara",
        "approval": "Izin Mendagri", "status": "Status", "region": "Daerah", "election": "Pemilihan",
        "start": "Mulai", "end": "Selesai", "expected": "Harapan", "ratio": "Rasio", "pValue": "nilai p",
        "units": "Unit paling terdampak", "inWindow": "Dalam masa larangan",
        "nip": "NIP", "name": "Nama", "linkedTo": "Terkait dengan", "links": "Keterkaitan", "move": "Mutasi", "why": "Alasan tanda",
        "daysAfter": "Hari setelah pelantikan", "fromRank": "Dari peringkat", "toRank": "Ke peringkat",
        "winner": "Pemenang", "event": "Kejadian", "linkedWith": "Terkait dengan kejadian", "linked": "Terkait",
        "otherWith": "Lainnya dengan kejadian", "other": "Lainnya", "oddsRatio": "Rasio odds", "ci": "SK 95%",
        "file": "Berkas", "line": "Baris", "column": "Kolom", "reason": "Alasan",
        "noViolations": "Tidak ada SK dalam masa larangan tanpa izin.",
        "noWaves": "Tidak ada gelombang di atas pola daerah itu sendiri.",
        "noLoyalty": "Tidak ada tanda loyalitas.", "noRetaliation": "Tidak ada tanda pembalasan.", "noSanctions": "Tidak ada hukuman disiplin pada orang terkait.",
        "noRejects": "Semua baris diterima.",
        "noTests": "Tidak ada pemilihan dengan pemenang dan tanggal pelantikan.",
        "loyaltyTable": "Promosi orang yang terkait dengan pemenang",
        "retaliationTable": "Penyingkiran orang yang terkait dengan pihak kalah",
        "sanctionsTable": "Hukuman disiplin (dicatat, tidak ditandai)",
        "groupTests": "Uji kelompok (uji eksak Fisher)",
        "promotion": "promosi", "pushed_out": "disingkirkan",
        "violation": "pelanggaran", "approved": "berizin",
        "inputs": "Berkas masukan (SHA-256)", "parameters": "Parameter",
        "derivedNote": "Keterkaitan bertanda 'turunan' berasal dari promosi yang ditandatangani calon dalam setahun sebelum pemungutan suara: bukti lebih lemah daripada keterkaitan yang tercatat.",
        "pseudonymNote": "NIP dan nama ASN diganti pseudonim berkunci; pemegang kunci dapat memetakannya kembali dengan `mutasi reveal`.",
        "rejectsMore": "Hanya baris pertama yang ditampilkan; rejects.csv memuat semuanya.",
        "networkCaption": "Penandatangan (patron, biru tua) dan orang yang dimutasi oleh SK-nya (dikelompokkan per unit bila jaringan cukup kecil untuk dot); hijau: promosi, merah: penyingkiran, bingkai ganda: keterkaitan tercatat dengan calon, putus-putus: keterkaitan antarorang.",
        "overviewCaption": "Jaringan terlalu besar untuk digambar per orang, jadi ini ringkasannya: daerah dengan temuan terbanyak (merah: gelombang mutasi atau pelanggaran jendela larangan, oranye: tanda loyalitas atau pembalasan) dan penandatangan (biru tua) yang memutasi orang terbanyak di tiap daerah; makin tebal garis, makin banyak orang. Gambar satu daerah utuh dengan mutasi graph --region.",
        "timelineCaption": "Jumlah orang dimutasi per minggu per daerah; hari pemungutan suara ditandai, masa larangan diarsir, gelombang disorot.",
        "generated": "Dibuat oleh MutasiGraph",
        "kind.mutation": "mutasi", "kind.promotion": "promosi", "kind.demotion": "demosi", "kind.nonjob": "non-job",
        "kind.appointment": "pengangkatan", "kind.acting": "Plt", "kind.dismissal": "pemberhentian",
        "role.elected": "kepala daerah definitif", "role.acting": "penjabat (Pj)", "role.unknown": "tidak ada di kalender", "roleUnknown": "tidak ada di kalender",
        "tie.kin": "keluarga", "tie.spouse": "suami/istri", "tie.campaign_team": "tim kampanye", "tie.reported_support": "dukungan dilaporkan",
        "tie.party": "partai", "tie.friend": "teman",
        "noUnit": "(unit tidak disebut)",
    ]
}
