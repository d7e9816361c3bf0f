import MutasiModel
import MutasiAnalysis
import MutasiRender

/// Why a neutrality report has its status, in the report's language: English is the sentence of
/// findings.json (`Outcome.why`); Indonesian is worded from the same `SanctionFollowUp.Reason`
/// case by case, so the switch below has to cover every reason the detector can give.
enum FollowUpWording {
    static func text(_ o: SanctionFollowUp.Outcome, _ lang: ReportLanguage) -> String {
        guard lang == .id, let r = o.reason else { return o.why }
        return indonesian(r, lang)
    }

    static func indonesian(_ r: SanctionFollowUp.Reason, _ L: ReportLanguage) -> String {
        var s: String
        switch r.finding {
        case .sanction(let e):
            s = e.kind == .recordedSanction ? "SK hukuman yang tercatat dalam laporan" : "\(L.why(e.why)) dengan alasan disiplin"
            if !e.decreeNo.isEmpty { s += " (\(e.decreeNo))" }
            if let d = e.daysAfterRecommendation { s += ", \(d) hari sesudah \(r.fromRecommendation ? "rekomendasi" : "laporan")" }
            if r.late { s += ", sesudah jangka \(r.windowDays) hari" }
            if !e.signer.isEmpty { s += ", ditandatangani \(e.signer)" }
        case .rise(let e):
            s = "tidak dihukum; \(L.why(e.why)) dengan SK \(e.decreeNo) tanggal \(e.date?.iso ?? "?"), \(e.daysAfterReport ?? 0) hari sesudah laporan"
            if !e.signer.isEmpty { s += ", ditandatangani \(e.signer)" }
        case .windowOpen(let end, let dataEnd):
            s = "jangka \(r.windowDays) hari berakhir \(end.iso), sesudah SK terakhir daerah itu (\(dataEnd?.iso ?? "tidak ada"))"
        case .nothing(let level?) where level != .heavy:
            s = "hukuman \(level == .light ? "ringan" : "sedang") adalah SK tersendiri, bukan mutasi, dan tidak ada yang tercatat dalam berkas laporan"
        case .nothing(.heavy?):
            s = "tidak ada SK hukuman yang tercatat, dan tidak ada penurunan jabatan, pembebasan dari jabatan atau pemberhentian karena disiplin dalam data mutasi dalam \(r.windowDays) hari sejak rekomendasi"
        case .nothing:
            s = "tidak ada rekomendasi maupun hukuman yang tercatat, dan tidak ada mutasi karena disiplin dalam data mutasi"
        }
        if r.pushedOutAfterwards { s += "; sesudahnya dikeluarkan dari jabatan tanpa alasan disiplin (lihat bukti)" }
        return s
    }
}
