#!/usr/bin/env python3
"""A transfer file not made by `mutasi synth`, to check that the reading speed does not hold only for
synth's shape. Its rows look like a regional BKPSDM export: quoted names with academic titles, decree
numbers like 821.2/0042/BKPSDM/2019 shared by several people, long unit and position names, an
approval number on one row in five. About 274 bytes a row (synth's: 219), like the 263 MB per
million rows of the file issue #6 measured its figures on. Fixed seed: the same file every time.

Usage: other_file.py ROWS OUT.csv
"""
import random
import sys

FIRST = ["Ahmad", "Budi", "Siti", "Dewi", "Agus", "Rina", "Joko", "Sri", "Eko", "Wahyu", "Nur", "Dian", "Andi",
         "Putri", "Rudi", "Yuni", "Hendra", "Ratna", "Bambang", "Lestari", "Fajar", "Indah", "Teguh", "Wulan",
         "Arif", "Maya", "Dedi", "Sari", "Hadi", "Rini"]
LAST = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Setiawan", "Nugroho", "Siregar",
        "Nasution", "Harahap", "Simanjuntak", "Lubis", "Rahman", "Hakim", "Syahputra", "Gunawan", "Susanto",
        "Halim", "Purba"]
TITLES = ["", "", "", "S.Sos.", "S.E.", "S.H.", "S.T., M.T.", "S.Kom.", "M.Si.", "Drs.", "S.Pd.", "S.IP., M.AP."]
UNITS = ["Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "Badan Perencanaan Pembangunan Daerah",
         "Dinas Pekerjaan Umum dan Penataan Ruang", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
         "Sekretariat Daerah", "Inspektorat Daerah", "Dinas Sosial", "Dinas Perhubungan",
         "Badan Pengelolaan Keuangan dan Aset Daerah", "Dinas Kependudukan dan Pencatatan Sipil",
         "Satuan Polisi Pamong Praja", "Kecamatan Kota Barat", "Kecamatan Sukamaju",
         "Dinas Pertanian dan Ketahanan Pangan", "Rumah Sakit Umum Daerah"]
POSITIONS = [("Kepala Dinas", "II.b"), ("Sekretaris", "III.a"), ("Kepala Bidang Anggaran", "III.b"),
             ("Kepala Bagian Umum", "III.a"), ("Kepala Seksi Pelayanan", "IV.a"),
             ("Kepala Subbagian Kepegawaian", "IV.a"), ("Camat", "III.a"), ("Lurah", "IV.a"),
             ("Analis Kebijakan Ahli Muda", ""), ("Pengadministrasi Umum", ""), ("Pranata Komputer Ahli Pertama", "")]
KINDS = ["mutasi", "rotasi", "promosi", "demosi", "non-job", "pengangkatan", "plt"]
REASONS = ["", "", "penyegaran organisasi", "kebutuhan organisasi", "hasil uji kompetensi"]


def main():
    rows_wanted, path = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(42)
    regions = [f"Kabupaten Contoh {i}" for i in range(120)] + [f"Kota Contoh {i}" for i in range(30)]
    with open(path, "w") as out:
        out.write("nip,name,decree_no,decree_date,effective_date,kind,from_position,from_unit,from_echelon,"
                  "to_position,to_unit,to_echelon,signed_by,region,approval,reason,source\n")
        rows = decree = 0
        while rows < rows_wanted:
            region = rnd.randrange(len(regions))
            decree += 1
            y, m, d = rnd.randint(2015, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
            number = f"821.2/{decree % 9999:04d}/BKPSDM/{y}"
            signer = ("Bupati " if region < 120 else "Wali Kota ") + regions[region]
            for _ in range(rnd.choice([1, 1, 2, 3, 5, 8, 20])):
                if rows >= rows_wanted:
                    break
                by, bm, bd = rnd.randint(1960, 1998), rnd.randint(1, 12), rnd.randint(1, 28)
                nip = f"{by}{bm:02d}{bd:02d}{by + rnd.randint(22, 30)}{rnd.randint(1, 12):02d}{rnd.randint(1, 2)}{rnd.randint(0, 999):03d}"
                title = rnd.choice(TITLES)
                name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" + (f", {title}" if title else "")
                (fp, fe), (tp, te) = rnd.choice(POSITIONS), rnd.choice(POSITIONS)
                approval = f"100.2.2.6/{rnd.randint(1000, 9999)}/OTDA" if rnd.random() < 0.2 else ""
                effective = f"{y}-{m:02d}-{min(28, d + rnd.randint(0, 7)):02d}"
                out.write(f'{nip},"{name}",{number},{y}-{m:02d}-{d:02d},{effective},{rnd.choice(KINDS)},{fp},'
                          f'{rnd.choice(UNITS)},{fe},{tp},{rnd.choice(UNITS)},{te},{signer},{regions[region]},'
                          f'{approval},{rnd.choice(REASONS)},arsip BKPSDM\n')
                rows += 1


if __name__ == "__main__":
    main()
