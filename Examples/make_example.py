#!/usr/bin/env python3
"""Writes the example case in this folder (deterministic: run it again and nothing changes).

A fictional city, Kota Tanjung Kelapa, follows the pattern seed 001 reports for Kota Pangkalpinang:
mass transfer waves around the 2024 votes and a 2025 re-run (dozens at the end of 2023, 140 in
January 2024, 79 in May 2024, 17 eselon II officials in May 2026), an acting head (Pj) in between,
and after the re-run the winner's people promoted and the loser's pushed out. A second, quiet regency,
Kabupaten Sungai Rambai, has only routine rounds and single moves: the control.

Every name is invented. The city's file is an Excel-style export (`;`, BOM, CRLF, DD/MM/YYYY,
Indonesian headers) with three broken rows, as regional offices send them; the regency's file is a
plain comma-separated UTF-8 file with English headers.
"""
import csv, io, random, datetime as dt, os, json

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240214)

FIRST_M = ["Agus", "Bambang", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Kurniawan", "Made",
           "Nur", "Rizal", "Slamet", "Taufik", "Wahyu", "Yusuf", "Zainal", "Arif", "Budi", "Hasan"]
FIRST_F = ["Ani", "Dewi", "Endang", "Fitri", "Indah", "Lestari", "Maya", "Nining", "Putri", "Rina",
           "Siti", "Tuti", "Wulan", "Yanti", "Ratna", "Sri", "Kartika", "Nurul", "Dian", "Mega"]
LAST = ["Saputra", "Wijaya", "Hidayat", "Pratama", "Kusuma", "Setiawan", "Nugroho", "Santoso",
        "Rahman", "Siregar", "Lubis", "Harahap", "Simanjuntak", "Suryadi", "Gunawan", "Permana",
        "Hakim", "Fauzi", "Syahputra", "Firmansyah", "Utami", "Anggraini", "Rahmawati", "Purnama"]
TITLES = ["S.Sos.", "S.E.", "S.H.", "S.Pd.", "S.T.", "S.Kom.", "M.Si.", "M.M.", "S.IP.", "A.Md."]


def person_name(sex):
    first = rng.choice(FIRST_M if sex == 1 else FIRST_F)
    name = f"{first} {rng.choice(LAST)}"
    r = rng.random()
    if r < 0.15:
        name = "Drs. " + name if sex == 1 else "Dra. " + name
    if r > 0.35:
        name += ", " + rng.choice(TITLES)
    return name


class Region:
    def __init__(self, name, code, units, remote_units, size):
        self.name, self.code = name, code
        self.units, self.remote = units, remote_units
        self.people = []
        self.seq = 0
        self.decree_no = 0
        for _ in range(size):
            self.people.append(self.new_person())
        # names as they really come: a nickname in quotes
        self.people[7]["name"] = 'Ir. Made "Dek" Suardana'
        self.people[7]["sex"] = 1
        # the ladder: one head per unit (II.b), a secretary (III.a), heads of division (III.b),
        # section heads (IV.a), staff and functional posts for the rest
        staff = list(self.people)
        rng.shuffle(staff)
        for u in units:
            for ech, title in [("II.b", "Kepala"), ("III.a", "Sekretaris"), ("III.b", "Kepala Bidang"),
                               ("IV.a", "Kepala Seksi"), ("IV.a", "Kepala Subbagian")]:
                if not staff:
                    break
                p = staff.pop()
                p["unit"], p["echelon"], p["position"] = u, ech, self.title(title, u)
        for p in staff:
            p["unit"] = rng.choice(units)
            if rng.random() < 0.3:
                p["echelon"], p["position"] = "Fungsional", rng.choice(["Guru Ahli Muda", "Perawat Terampil", "Analis Kebijakan", "Auditor Muda"])
            else:
                p["echelon"], p["position"] = "Pelaksana", rng.choice(["Pengadministrasi Umum", "Pengelola Keuangan", "Pengolah Data", "Staf"])

    def new_person(self):
        self.seq += 1
        sex = rng.choice([1, 2])
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 30 * 365))
        appointed = (birth.year + rng.randrange(22, 31), rng.randrange(1, 13))
        nip = f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{sex}{self.seq % 1000:03d}"
        return {"nip": nip, "name": person_name(sex), "sex": sex}

    @staticmethod
    def title(kind, unit):
        if kind == "Kepala":
            return f"Kepala {unit}" if not unit.startswith("Kecamatan") else f"Camat {unit[10:]}"
        return f"{kind} {unit}"

    def next_decree(self, day):
        self.decree_no += 1
        return f"821.2/{self.decree_no:04d}/BKPSDM/{day.year}"


def move(region, p, day, decree, kind, signer, to_unit=None, to_echelon=None, to_position=None,
         approval="", reason="", source=""):
    """Moves a person and returns the decree row (the person's record is updated)."""
    row = {
        "nip": p["nip"], "name": p["name"], "decree_no": decree, "decree_date": day,
        "effective_date": day + dt.timedelta(days=rng.choice([0, 0, 1, 3, 7])),
        "kind": kind, "from_position": p["position"], "from_unit": p["unit"], "from_echelon": p["echelon"],
        "signed_by": signer, "region": region.name, "approval": approval, "reason": reason, "source": source,
    }
    if to_unit is None:
        to_unit = rng.choice([u for u in region.units if u != p["unit"]] or region.units)
    if to_echelon is None:
        to_echelon = p["echelon"]
    if to_position is None:
        if to_echelon in ("Pelaksana", "Fungsional"):
            to_position = p["position"] if p["echelon"] == to_echelon else "Pengadministrasi Umum"
        else:
            to_position = Region.title({"II.a": "Kepala", "II.b": "Kepala", "III.a": "Sekretaris",
                                        "III.b": "Kepala Bidang", "IV.a": "Kepala Seksi", "IV.b": "Kepala Seksi"}[to_echelon], to_unit)
    row.update({"to_position": to_position, "to_unit": to_unit, "to_echelon": to_echelon})
    p["unit"], p["echelon"], p["position"] = to_unit, to_echelon, to_position
    return row


UP = {"III.a": "II.b", "III.b": "III.a", "IV.a": "III.b", "IV.b": "IV.a", "Pelaksana": "IV.a"}
DOWN = {"II.b": "III.a", "III.a": "III.b", "III.b": "IV.a", "IV.a": "Pelaksana"}


def routine_and_single(region, start_year, end_year, signer_on, rows, round_size):
    """January and July rounds every year, and scattered single moves: the region's normal."""
    for year in range(start_year, end_year + 1):
        for month in (1, 7):
            day = dt.date(year, month, rng.randrange(6, 26))
            if day > LAST_DAY:
                continue
            decree = region.next_decree(day)
            for p in rng.sample(region.people, rng.randrange(round_size[0], round_size[1])):
                kind = "mutasi"
                ech = p["echelon"]
                if rng.random() < 0.12 and ech in UP:
                    ech, kind = UP[ech], "promosi"
                rows.append(move(region, p, day, decree, kind, signer_on(day), to_echelon=ech))
        for month in range(1, 13):
            for _ in range(rng.choice([0, 1, 1, 2])):
                day = dt.date(year, month, rng.randrange(1, 28))
                if day > LAST_DAY:
                    continue
                p = rng.choice(region.people)
                rows.append(move(region, p, day, region.next_decree(day), rng.choice(["mutasi", "rotasi"]), signer_on(day)))


LAST_DAY = dt.date(2026, 10, 31)


def build():
    tk_units = ["Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum",
                "Dinas Sosial", "Dinas Perhubungan", "Dinas Lingkungan Hidup", "Dinas Kependudukan",
                "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan Daerah", "BKPSDM",
                "Inspektorat", "Satpol PP", "Dinas Pariwisata", "Dinas Koperasi dan UKM",
                "Kecamatan Bukit Intan", "Kecamatan Taman Sari", "Kecamatan Gerunggang",
                "Kecamatan Pulau Seberang", "UPTD Puskesmas Pulau Ketapang"]
    tk = Region("Kota Tanjung Kelapa", "tk", tk_units, {"Kecamatan Pulau Seberang", "UPTD Puskesmas Pulau Ketapang"}, 620)
    sr_units = ["Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pertanian",
                "Dinas Perikanan", "Badan Keuangan Daerah", "BKPSDM", "Inspektorat",
                "Kecamatan Sungai Liat", "Kecamatan Belinyu", "Kecamatan Riau Silip"]
    sr = Region("Kabupaten Sungai Rambai", "sr", sr_units, set(), 300)

    # the heads (patrons). Darmawan's term ends in Sep 2023; a Pj holds office until the re-run
    # winner, Sulastri, is inaugurated in Dec 2025. In 2024 Darmawan ran alone and lost to the
    # empty box (kotak kosong), as in Pangkalpinang.
    darmawan, pj, sulastri = "H. Darmawan Saputra, S.E.", "Drs. Hendra Kusuma, M.Si.", "Ir. Sulastri Wibowo, M.T."
    inaug = dt.date(2025, 12, 15)

    def tk_signer(day):
        if day <= dt.date(2023, 9, 24):
            return darmawan
        if day < inaug:
            return pj
        return sulastri

    sr_head = "Drs. H. Rusli Hamzah"
    rows_tk, rows_sr = [], []
    routine_and_single(tk, 2019, 2026, tk_signer, rows_tk, (12, 24))
    routine_and_single(sr, 2019, 2026, lambda d: sr_head, rows_sr, (8, 18))

    truth = {"waves": [], "violations": [], "approved": [], "loyalty": [], "retaliation": [], "sanctions": []}

    def wave(day, n, approval="", officials_only=False, label=""):
        decree = tk.next_decree(day)
        pool = [p for p in tk.people if p["echelon"] not in ("Pelaksana", "Fungsional")] if officials_only else tk.people
        chosen = rng.sample(pool, n)
        for p in chosen:
            ech, kind = p["echelon"], "mutasi"
            r = rng.random()
            if ech in UP and r < 0.15:
                ech, kind = UP[ech], "promosi"
            elif ech in DOWN and r > 0.93:
                ech, kind = DOWN[ech], "demosi"
            rows_tk.append(move(tk, p, day, decree, kind, tk_signer(day), to_echelon=ech, approval=approval))
        truth["waves"].append({"region": tk.name, "date": day.isoformat(), "decree": decree, "persons": n, "label": label})
        (truth["approved"] if approval else truth["violations"]).append(decree)
        return chosen

    # 1. "dozens" at the end of 2023, seven weeks before the 14 Feb 2024 vote (the Pj signs)
    wave(dt.date(2023, 12, 27), 46, label="end of 2023, before Pemilu 2024")
    # 2. 140 in January 2024: the bulk with the Minister's written approval, 40 without
    wave(dt.date(2024, 1, 17), 100, approval="100.2.2.6/215/OTDA", label="January 2024 (approved part)")
    wave(dt.date(2024, 1, 17), 40, label="January 2024 (unapproved part)")
    # 3. 79 in May 2024, inside the Pasal 71 window (from 22 Mar 2024)
    wave(dt.date(2024, 5, 21), 79, label="May 2024, Pasal 71 window")

    # ties: the re-run's winner (Sulastri) and loser (Darmawan) each have their people
    officials = [p for p in tk.people if p["echelon"] not in ("Pelaksana", "Fungsional", "II.b")]
    rng.shuffle(officials)
    winners_people, losers_people = officials[:16], officials[16:28]
    ties = []
    w_rel = ["tim_kampanye"] * 7 + ["keluarga"] * 3 + ["dukungan_dilaporkan"] * 4 + ["teman"] * 2
    l_rel = ["tim_kampanye"] * 6 + ["dukungan_dilaporkan"] * 4 + ["keluarga"] * 2
    for p, rel in zip(winners_people, w_rel):
        src = "Temuan Bawaslu Kota Tanjung Kelapa 2025" if rel == "dukungan_dilaporkan" else "Liputan media lokal"
        ties.append({"nip": p["nip"], "terkait_dengan": "sulastri", "hubungan": rel, "sejak": "2025-06-01", "sumber": src})
    for p, rel in zip(losers_people, l_rel):
        src = "Temuan Bawaslu Kota Tanjung Kelapa 2024" if rel == "dukungan_dilaporkan" else "SK Tim Kampanye 2024"
        ties.append({"nip": p["nip"], "terkait_dengan": "darmawan", "hubungan": rel, "sejak": "2024-08-01", "sumber": src})
    # a kinship between two civil servants
    ties.append({"nip": winners_people[0]["nip"], "terkait_dengan": winners_people[1]["nip"], "hubungan": "keluarga", "sejak": "", "sumber": "Akta perkawinan"})

    # 4. 17 eselon II officials in May 2026, five months after Sulastri's inauguration
    #    (Pasal 162 ayat 3): her people take the top posts, Darmawan's lose them
    day = dt.date(2026, 5, 12)
    decree = tk.next_decree(day)
    promoted = [p for p in winners_people if p["echelon"] in UP][:9]
    for p in promoted:
        rows_tk.append(move(tk, p, day, decree, "promosi", sulastri, to_echelon="II.b"))
        truth["loyalty"].append(p["nip"])
    removed = [p for p in tk.people if p["echelon"] == "II.b" and p not in promoted][:8]
    for p in removed:
        rows_tk.append(move(tk, p, day, decree, "mutasi", sulastri, to_echelon="II.b"))
    truth["waves"].append({"region": tk.name, "date": day.isoformat(), "decree": decree, "persons": len(promoted) + len(removed),
                           "label": "May 2026, 17 eselon II, Pasal 162(3) window"})
    truth["violations"].append(decree)

    # retaliation against the loser's people, in the months after the inauguration
    for i, p in enumerate(losers_people[:9]):
        day = dt.date(2026, 2 + i % 6, 3 + 2 * i)
        d = tk.next_decree(day)
        if i % 3 == 0:
            rows_tk.append(move(tk, p, day, d, "non-job", sulastri, to_unit=p["unit"], to_echelon="Pelaksana", to_position="Staf"))
        elif i % 3 == 1:
            remote = sorted(tk.remote)[i % 2]
            rows_tk.append(move(tk, p, day, d, "mutasi", sulastri, to_unit=remote, to_echelon="Pelaksana", to_position="Staf"))
        else:
            rows_tk.append(move(tk, p, day, d, "demosi", sulastri, to_echelon=DOWN.get(p["echelon"], "Pelaksana")))
        truth["retaliation"].append(p["nip"])
    # a lawful discipline sanction (PP 94/2021): a demotion that is not retaliation
    p = losers_people[10]
    day = dt.date(2026, 3, 9)
    rows_tk.append(move(tk, p, day, tk.next_decree(day), "demosi", sulastri, to_echelon=DOWN.get(p["echelon"], "Pelaksana"),
                        reason="Hukuman disiplin berat PP 94/2021 (penurunan jabatan 12 bulan)"))
    truth["sanctions"].append(p["nip"])

    reports = neutrality_reports(tk, sr, rows_tk, rows_sr, winners_people, losers_people, promoted, truth)

    # the regency's own Pilkada 2024 is calm; its head was re-elected
    return tk, sr, rows_tk, rows_sr, ties, truth, reports, (darmawan, pj, sulastri, sr_head, inaug)


RISE_ORDER = {"II.a": 1, "II.b": 1, "III.a": 2, "III.b": 2, "IV.a": 3, "IV.b": 3}


def neutrality_reports(tk, sr, rows_tk, rows_sr, winners_people, losers_people, promoted, truth):
    """Bawaslu's neutrality findings of the 2025 re-run campaign (and two of 2024), with the
    recommendation and, where the personnel office recorded one, the sanction decree. Draws no
    random numbers, so the transfer files stay as they were. The winner's supporters are left alone
    or promoted; the loser's are sanctioned by recorded light and medium decrees and by the
    discipline demotion already in the transfers, or pushed out without a sanction reason."""
    conducts = ["mengunggah dukungan di media sosial", "menghadiri kampanye calon", "mengarahkan bawahan memilih calon",
                "memfasilitasi kegiatan calon di kantor"]
    reports, n = [], 0

    def report(p, region, candidate, reported, level, recommended, decree="", decree_date=None):
        nonlocal n
        n += 1
        reports.append({"NIP": p["nip"], "Nama": p["name"], "Daerah": region, "Tanggal Laporan": reported.isoformat(),
                        "Perbuatan": conducts[n % len(conducts)], "Calon Didukung": candidate,
                        "Nomor Temuan": f"{n:03d}/TM/PL/{reported.year}", "Tingkat Rekomendasi": level,
                        "Tanggal Rekomendasi": recommended.isoformat() if recommended else "",
                        "Nomor SK Hukuman": decree, "Tanggal SK Hukuman": decree_date.isoformat() if decree_date else ""})

    rerun_report, first_rec = dt.date(2025, 7, 28), dt.date(2025, 12, 22)
    levels = ["ringan", "sedang", "berat"]
    others = [p for p in winners_people if p not in promoted]
    for i, p in enumerate(winners_people):
        rec = dt.date(2026, 9, 7) if p is others[-1] else first_rec + dt.timedelta(days=2 * i)
        report(p, tk.name, "sulastri", rerun_report + dt.timedelta(days=i), levels[i % 3], rec)
    sanction_no = 0
    for i, p in enumerate(losers_people):
        reported = rerun_report + dt.timedelta(days=i + 1)
        rec = first_rec + dt.timedelta(days=2 * i + 1)
        if i == 10:    # the discipline demotion of 9 Mar 2026 in the transfers
            report(p, tk.name, "darmawan", reported, "berat", dt.date(2026, 1, 5))
        elif i in (0, 1, 2, 4, 9, 11):  # light or medium sanctions the personnel office recorded
            sanction_no += 1
            report(p, tk.name, "darmawan", reported, levels[i % 2], rec, f"800.1.6.3/{sanction_no:03d}/BKPSDM/2026",
                   rec + dt.timedelta(days=14 + 3 * i))
        elif i == 8:   # recommended late: the window outlives the data
            report(p, tk.name, "darmawan", reported, "sedang", dt.date(2026, 9, 1))
        else:          # heavy or medium, no sanction recorded (some were pushed out all the same)
            report(p, tk.name, "darmawan", reported, "berat" if i in (3, 5) else "sedang", rec)
    # the 2024 vote the empty box won: a report with no winner to compare against
    report(losers_people[0], tk.name, "darmawan", dt.date(2024, 10, 15), "ringan", dt.date(2024, 11, 20))
    # the regency, written the way its Bawaslu office writes it
    report(sr.people[3], "Kab. Sungai Rambai", "rusli", dt.date(2024, 10, 2), "sedang", dt.date(2024, 12, 2))
    report(sr.people[4], "Kab. Sungai Rambai", "yohanes", dt.date(2024, 10, 3), "sedang", dt.date(2024, 12, 2),
           "800.1.6.3/041/BKPSDM/2025", dt.date(2025, 1, 10))

    # the truth, read from the rows as they are (a routine round may have promoted someone too)
    last = {}
    for rows in (rows_tk, rows_sr):
        for r in rows:
            last[r["region"]] = max(last.get(r["region"], r["decree_date"]), r["decree_date"])
    region_of = {tk.name: tk.name, "Kab. Sungai Rambai": sr.name}
    truth["neutrality"] = []
    for rep in reports:
        nip, reported = rep["NIP"], dt.date.fromisoformat(rep["Tanggal Laporan"])
        start = dt.date.fromisoformat(rep["Tanggal Rekomendasi"])
        moves = [r for r in rows_tk + rows_sr if r["nip"] == nip]
        discipline = [r for r in moves if r["decree_date"] >= start and "PP 94/2021" in r["reason"]]
        rises = [r for r in moves if reported < r["decree_date"] <= reported + dt.timedelta(days=730)
                 and (r["kind"] == "promosi" or (r["to_echelon"] in RISE_ORDER and (r["from_echelon"] not in RISE_ORDER
                      or RISE_ORDER[r["to_echelon"]] < RISE_ORDER[r["from_echelon"]])))]
        if rep["Nomor SK Hukuman"] or discipline:
            status = "sanctioned"
        elif rises:
            status = "promoted_instead"
        elif start + dt.timedelta(days=90) > last[region_of[rep["Daerah"]]]:
            status = "pending"
        else:
            status = "not_followed_up"
        truth["neutrality"].append({"nip": nip, "candidate": rep["Calon Didukung"], "reported": rep["Tanggal Laporan"], "status": status})
    return reports


def count_truth(truth, rows_of, calendar, files):
    """Adds to the truth what the written files hold (no random numbers: the files stay as they are).

    wave_weeks: for each planted wave's date, the Monday-to-Sunday week holding it in its region:
    the first and last decree date in that week, its moves (rows, by any decree), the people they
    move (a person in two decrees counts once), the moves of the week after, and the people of the
    two weeks together (a wave's window can take both)."""
    truth["wave_weeks"] = []
    for region, date in sorted({(w["region"], w["date"]) for w in truth["waves"]}, key=lambda rd: rd[1]):
        day = dt.date.fromisoformat(date)
        monday = day - dt.timedelta(days=day.weekday())
        def week(after):
            return [r for r in rows_of[region] if after <= r["decree_date"] <= after + dt.timedelta(days=6)]
        rows, nxt = week(monday), week(monday + dt.timedelta(days=7))
        truth["wave_weeks"].append({"region": region, "monday": monday.isoformat(),
                                    "first": min(r["decree_date"] for r in rows).isoformat(),
                                    "last": max(r["decree_date"] for r in rows).isoformat(),
                                    "moves": len(rows), "persons": len({r["nip"] for r in rows}),
                                    "moves_next_week": len(nxt),
                                    "persons_with_next_week": len({r["nip"] for r in rows + nxt})})
    truth["files"] = {name: {"rows": rows, "rejected": rejected} for name, (rows, rejected) in files.items()}
    truth["elections"] = calendar.count("\n  - id: ")
    truth["heads"] = calendar.split("\nheads:\n")[1].count("  - {")
    truth["about"] = {
        "waves": "each planted wave: its decree, date and the people it moves",
        "violations, approved": "the planted waves' decrees without and with the Minister's approval",
        "loyalty, retaliation, sanctions": "NIPs of the planted promotions, push-outs and the lawful discipline sanction",
        "neutrality": "each neutrality report's follow-up, read from the rows as written",
        "wave_weeks": count_truth.__doc__.split("wave_weeks: ")[1].replace("\n   ", "").replace("  ", " ").strip(),
        "files": "data rows written to each file (header and blank lines not counted) and how many were written broken",
        "elections, heads": "entries in elections.yaml",
        "source": "all of it written by make_example.py with the files it describes; run it again and nothing changes",
    }


def write():
    tk, sr, rows_tk, rows_sr, ties, truth, reports, (darmawan, pj, sulastri, sr_head, inaug) = build()
    # number decrees in date order, per year, as a BKPSDM register does
    for rows in (rows_tk, rows_sr):
        first = {}
        for r in rows:
            first.setdefault(r["decree_no"], r["decree_date"])
        renumber, seq = {}, {}
        for old, day in sorted(first.items(), key=lambda kv: (kv[1], kv[0])):
            seq[day.year] = seq.get(day.year, 0) + 1
            renumber[old] = f"821.2/{seq[day.year]:04d}/BKPSDM/{day.year}"
        for r in rows:
            r["decree_no"] = renumber[r["decree_no"]]
        if rows is rows_tk:
            for w in truth["waves"]:
                w["decree"] = renumber[w["decree"]]
            truth["violations"] = [renumber[d] for d in truth["violations"]]
            truth["approved"] = [renumber[d] for d in truth["approved"]]
        rows.sort(key=lambda r: (r["decree_date"], r["decree_no"], r["nip"]))

    # the city: Excel-style export
    id_headers = ["NIP", "Nama", "Nomor SK", "Tanggal SK", "TMT", "Jenis Mutasi", "Jabatan Lama", "Unit Lama",
                  "Eselon Lama", "Jabatan Baru", "Unit Baru", "Eselon Baru", "Penandatangan", "Daerah",
                  "Izin Mendagri", "Alasan", "Sumber"]
    keys = ["nip", "name", "decree_no", "decree_date", "effective_date", "kind", "from_position", "from_unit",
            "from_echelon", "to_position", "to_unit", "to_echelon", "signed_by", "region", "approval", "reason", "source"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(id_headers)
    broken_at = {150: "nip", 420: "date", 610: "kind"}
    for i, r in enumerate(rows_tk):
        out = []
        for k in keys:
            v = r[k]
            if isinstance(v, dt.date):
                v = v.strftime("%d/%m/%Y")
            out.append(v)
        w.writerow(out)
        # three broken rows, as real exports have: a NIP typed short, an impossible date, a kind
        # nobody recognises
        if i in broken_at:
            bad = list(out)
            if broken_at[i] == "nip":
                bad[0] = bad[0][:-1]
            elif broken_at[i] == "date":
                bad[3] = "31/02/2024"
            else:
                bad[5] = "naik pangkat"
            w.writerow(bad)
    with open(os.path.join(HERE, "transfers-kota-tanjung-kelapa.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())

    # the regency: a plain export
    with open(os.path.join(HERE, "transfers-kabupaten-sungai-rambai.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(keys)
        for r in rows_sr:
            w.writerow([r[k].isoformat() if isinstance(r[k], dt.date) else r[k] for k in keys])

    with open(os.path.join(HERE, "ties.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["nip", "terkait_dengan", "hubungan", "sejak", "sumber"], lineterminator="\n")
        w.writeheader()
        w.writerows(ties)

    # neutrality reports, as Bawaslu's recap comes: Indonesian headers, one row with a level
    # nobody recognises
    with open(os.path.join(HERE, "neutrality-reports.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(reports[0].keys()), lineterminator="\n")
        w.writeheader()
        for i, r in enumerate(reports):
            w.writerow(r)
            if i == 3:
                w.writerow(dict(r, **{"Tingkat Rekomendasi": "tegas"}))

    with open(os.path.join(HERE, "units.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "parent", "category", "remote"])
        for region in (tk, sr):
            for u in region.units:
                cat = "kecamatan" if u.startswith("Kecamatan") else ("uptd" if u.startswith("UPTD") else "opd")
                w.writerow([u, region.name, cat, "true" if u in region.remote else "false"])

    with open(os.path.join(HERE, "approvals.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["decree_no", "approval", "approval_date", "region"])
        w.writerow([truth["approved"][0], "100.2.2.6/215/OTDA", "2024-01-12", tk.name])

    calendar = f"""# Election calendar for the example case. Dates are the 2024 cycle's (PKPU 2/2024) and the
# 2025 re-run's; the people are invented.
elections:
  - id: pemilu-2024
    name: Pemilu 2024 (presiden dan legislatif)
    kind: national
    region: "*"
    voting_date: 2024-02-14
  - id: pilkada-2024-tanjung-kelapa
    name: Pilkada Kota Tanjung Kelapa 2024
    kind: regional
    region: Kota Tanjung Kelapa
    candidate_determination_date: 2024-09-22
    voting_date: 2024-11-27
    candidates:
      - {{id: darmawan, name: "{darmawan}", incumbent: true}}
    winner: null          # the empty box (kotak kosong) won
  - id: pilkada-ulang-2025-tanjung-kelapa
    name: Pilkada ulang Kota Tanjung Kelapa 2025
    kind: rerun
    region: Kota Tanjung Kelapa
    candidate_determination_date: 2025-07-22
    voting_date: 2025-08-27
    inauguration_date: {inaug.isoformat()}
    candidates:
      - {{id: darmawan, name: "{darmawan}", incumbent: true}}
      - {{id: sulastri, name: "{sulastri}"}}
    winner: sulastri
  - id: pilkada-2024-sungai-rambai
    name: Pilkada Kabupaten Sungai Rambai 2024
    kind: regional
    region: Kabupaten Sungai Rambai
    candidate_determination_date: 2024-09-22
    voting_date: 2024-11-27
    inauguration_date: 2025-02-20
    candidates:
      - {{id: rusli, name: "{sr_head}", incumbent: true}}
      - {{id: yohanes, name: "Yohanes Pardede, S.H."}}
    winner: rusli
heads:
  - {{region: Kota Tanjung Kelapa, name: "{darmawan}", role: elected, from: 2018-09-24, to: 2023-09-24, candidate: darmawan}}
  - {{region: Kota Tanjung Kelapa, name: "{pj}", role: acting, from: 2023-09-25, to: {(inaug - dt.timedelta(days=1)).isoformat()}}}
  - {{region: Kota Tanjung Kelapa, name: "{sulastri}", role: elected, from: {inaug.isoformat()}, candidate: sulastri}}
  - {{region: Kabupaten Sungai Rambai, name: "{sr_head}", role: elected, from: 2019-02-20, candidate: rusli}}
"""
    with open(os.path.join(HERE, "elections.yaml"), "w", encoding="utf-8") as f:
        f.write(calendar)
    # what the files hold, counted here from the rows written, for tests that read the example
    count_truth(truth, {tk.name: rows_tk, sr.name: rows_sr}, calendar, files={
        "transfers-kota-tanjung-kelapa.csv": (len(rows_tk) + len(broken_at), len(broken_at)),
        "transfers-kabupaten-sungai-rambai.csv": (len(rows_sr), 0),
        "ties.csv": (len(ties), 0),
        "neutrality-reports.csv": (len(reports) + 1, 1),
        "units.csv": (len(tk.units) + len(sr.units), 0),
        "approvals.csv": (1, 0),
    })
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2)
        f.write("\n")
    print(f"{len(rows_tk)} + 3 broken rows (city), {len(rows_sr)} rows (regency), {len(ties)} ties, "
          f"{len(reports)} + 1 broken neutrality reports")


if __name__ == "__main__":
    write()
