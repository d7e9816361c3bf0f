#!/usr/bin/env bash
# Feeds `mutasi` a set of hostile and broken files and checks that each one ends with a clear
# message and an exit code of 0 (read, bad rows reported), 1 or 2 (refused with a message), never a
# crash (128+signal) or a hang, and prints time and peak memory for each.
#   scripts/hostile-files.sh [DIR]        # DIR: where to write the files (default: a temp folder)
# Needs about 1.3 GB of disk for the largest file. Uses the release build.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-$(mktemp -d /tmp/mutasi-hostile.XXXXXX)}
mkdir -p "$dir"
swift build -c release --product mutasi > /tmp/mutasi-hostile-build.log 2>&1 || { tail -20 /tmp/mutasi-hostile-build.log; exit 1; }
bin=$(swift build -c release --show-bin-path)/mutasi
cd "$dir"

H='nip,name,decree_no,decree_date,kind,from_echelon,to_echelon,to_unit,signed_by,region'
R='198503152010011002,Made Suardana,800/1/2024,21/05/2024,mutasi,III.b,III.b,Dinas Sosial,Drs. Hendra Kusuma,Kota A'
row() { echo "19850315201001$(printf %04d "$1"),Sri $1,800/1/2024,21/05/2024,mutasi,,,Dinas A,Drs. Hendra Kusuma,Kota A"; }

echo "making files in $dir" >&2
{ echo "$H"; echo "$R"; printf '198503152010011003,"'; head -c 200000000 /dev/zero | tr '\0' 'x'; printf '",800/1/2024,21/05/2024,mutasi,,,Dinas A,X,Kota A\n'; row 4; } > field-200mb.csv
{ echo "$H"; echo "$R"; printf '198503152010011003'; head -c 100000 /dev/zero | tr '\0' ','; echo; row 4; } > columns-100k.csv
{ echo "$H"; printf '198503152010011003,J\xf6rg M\xfcller,800/1/2024,21/05/2024,mutasi,,,Dinas \xc3,X,Kota A\n'; printf '198503152010011004,\xff\xfe\xfd,800/1/2024,21/05/2024,mutasi,,,Dinas A,X,Kota A\n'; } > latin1-and-invalid-utf8.csv
{ echo "$H"; printf '198503152010011003,Nu\0ll,800/1/2024,21/05/2024,mutasi,,,Din\0as,X,Kota A\n'; printf '\0\0\0\n'; row 5; } > nul-bytes.csv
# 1 GB of valid rows, then a quote that never closes
{ echo "$H"; yes "$R" | head -c 1000000000 | head -n -1; echo '198503152010011009,"Unclosed,800/1/2024,21/05/2024,mutasi,,,Dinas A,X,Kota A'; } > quote-at-end-1gb.csv
{ echo "$H"; echo "$R"; row 3 | sed 's/21\/05\/2024/0001-01-01/'; row 4 | sed 's/21\/05\/2024/31\/12\/9999/'; row 5 | sed 's/21\/05\/2024/21\/05\/100000/'; } > far-dates.csv
# 100,000 different people (birth month, day and sequence number vary) in one decree
{ echo "$H"; for i in $(seq 0 99999); do printf '1985%02d%02d2010%02d1%03d,Pegawai %d,800/9/2024,21/05/2024,mutasi,IV.a,IV.a,Dinas %d,Drs. Hendra Kusuma,Kota A\n' $((i / 28000 + 1)) $((i / 1000 % 28 + 1)) $((i % 12 + 1)) $((i % 999 + 1)) "$i" $((i % 40)); done; } > decree-100k-people.csv
: > empty.csv
# as offices send them: Excel's "Unicode text" (UTF-16 LE, BOM, tabs), gzip whole and cut, an old
# .xls, and a ZIP that is no workbook
{ echo "$H"; echo "$R"; } | tr ',' '\t' | iconv -f UTF-8 -t UTF-16 > unicode-text.txt
{ echo "$H"; echo "$R"; } | gzip -c > transfers.csv.gz
head -c 40 transfers.csv.gz > cut.csv.gz
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' > old-excel.xls
(echo "$H" > inner.csv && rm -f not-a-workbook.xlsx && python3 -c "import zipfile; zipfile.ZipFile('not-a-workbook.xlsx','w').write('inner.csv')")
echo "$H" > header-only.csv
mkdir -p a-directory.csv
rm -f a-fifo.csv; mkfifo a-fifo.csv
python3 - <<'EOF'
# billion laughs: nine levels of ten aliases each
# (defined inside `elections`, the one key the calendar reads, so the reader must compose them all)
items = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    items.append(f'&a{i} [' + ",".join([f"*a{i-1}"] * 10) + ']')
open("billion-laughs.yaml", "w").write("elections: [" + ", ".join(items) + ", *a9]\n")
open("deep-nesting.yaml", "w").write("elections: " + "[" * 100000 + "]" * 100000 + "\n")
open("deep-nesting.json", "w").write('{"elections": ' + "[" * 100000 + "]" * 100000 + "}\n")
EOF
printf 'nip,related_to,relation\n198503152010011002,"cand\n' > ties-open-quote.csv
{ echo 'nip,related_to,relation'; printf '198503152010011002'; head -c 100000 /dev/zero | tr '\0' ','; echo; } > ties-100k-columns.csv

elections=$root/Examples/elections.yaml
small=$root/Examples/transfers-kota-tanjung-kelapa.csv
status=0
printf '%-28s %5s %8s %9s  %s\n' file exit seconds "peak MB" "message (first line of stderr, or of stdout)"
check() {
  local name=$1; shift
  local out err rc t
  out=$(mktemp); err=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$out.time" timeout 300 "$@" > "$out" 2> "$err" < /dev/null
  rc=$?
  t=$(tail -1 "$out.time")
  msg=$(grep -m1 -E 'error|rejected|warning|note|[a-z]' "$err" || true)
  # validate's summary: rows read, accepted, rejected, and the first reason
  [ -z "$msg" ] && grep -q '^files ' "$out" && msg=$(awk '/^rows read/{r=$3} /^accepted/{a=$2} /^rejected +[0-9]/{j=$2} /^warnings +[0-9]/{w=$2}
                             /^  /{if(!f)f=$0} END{printf "read %s, accepted %s, rejected %s, warnings %s; %s", r, a, j, w, f}' "$out")
  [ -z "$msg" ] && msg=$(grep -m1 -E 'rejected|accepted|waves' "$out" || true)
  printf '%-28s %5s %8s %9s  %s\n' "$name" "$rc" "${t% *}" "$(( ${t#* } / 1024 ))" "${msg:0:110}"
  if [ "$rc" -ge 124 ]; then echo "  FAILED: exit $rc (crash, signal or timeout)"; status=1; fi
  if [ "$rc" -ne 0 ] && ! grep -q 'error' "$err"; then echo "  FAILED: refused without an error message"; status=1; fi
  rm -f "$out" "$out.time" "$err"
}
for f in field-200mb.csv columns-100k.csv latin1-and-invalid-utf8.csv nul-bytes.csv quote-at-end-1gb.csv far-dates.csv \
         decree-100k-people.csv empty.csv header-only.csv a-directory.csv a-fifo.csv \
         unicode-text.txt transfers.csv.gz cut.csv.gz old-excel.xls not-a-workbook.xlsx; do
  check "$f" "$bin" validate --transfers "$f"
done
check "decree-100k: analyze" "$bin" analyze --transfers decree-100k-people.csv --elections "$elections" --out analyze-100k --force --quiet
check "decree-100k: graph svg" "$bin" graph --transfers decree-100k-people.csv --decree 800/9/2024 --format svg -o decree.svg
for f in billion-laughs.yaml deep-nesting.yaml deep-nesting.json; do
  check "$f" "$bin" waves --transfers "$small" --elections "$f"
done
check "ties-open-quote.csv" "$bin" loyalty --transfers "$small" --elections "$elections" --ties ties-open-quote.csv
check "ties-100k-columns.csv" "$bin" loyalty --transfers "$small" --elections "$elections" --ties ties-100k-columns.csv
check "output over an input" "$bin" export --transfers "$small" --out "$small"
exit $status
