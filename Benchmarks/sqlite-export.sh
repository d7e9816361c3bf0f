#!/usr/bin/env bash
# Times `mutasi export --format sqlite` (the case database) on the 1.05 M-row synthetic case, in two
# ways run alternately in one session: the transfers alone, and with the calendar, ties and units
# (elections, heads, rule flags, loyalty, panel; the wave scan's Monte Carlo left out with
# --replications 0, so the time is the export's, not the detector's). Prints the database write
# ("wrote … in X s, CPU Y s", SQLite alone; on one core, so its CPU time is its wall time on an idle
# machine), the whole command's wall time and peak memory, then opens the
# last file with sqlite3, pandas and DuckDB (scripts/check-case-db.py).
#   Benchmarks/sqlite-export.sh [RUNS]      (default 3; MUTASI=path/to/mutasi to skip the build)
set -euo pipefail
runs=${1:-3}
cd "$(dirname "$0")/.."
data=${MUTASI_BENCH_DATA:-Benchmarks/.build-data}/1m
mkdir -p "$data"
if [ -z "${MUTASI:-}" ]; then
  echo "building (release)" >&2
  swift build -c release --product mutasi > "$data/build.log" 2>&1 || { tail -20 "$data/build.log"; exit 1; }
  MUTASI=$(swift build -c release --show-bin-path)/mutasi
fi
if [ ! -s "$data/transfers.csv" ]; then
  "$MUTASI" synth --regions 500 --people 1130 --years 6 --seed 7 --plant-waves --plant-loyalty --out "$data" >&2
fi
rows=$(($(wc -l < "$data/transfers.csv") - 1))
side=(--elections "$data/elections.yaml" --ties "$data/ties.csv" --units "$data/units.csv" --replications 0)
: > "$data/sqlite-times.txt"
for i in $(seq "$runs"); do
  for mode in bare full; do
    extra=(); [ "$mode" = full ] && extra=("${side[@]}")
    rm -f "$data/case-$mode.sqlite"
    /usr/bin/time -f '%e %M' -o "$data/sqlite.time" "$MUTASI" export --transfers "$data/transfers.csv" --format sqlite \
      --out "$data/case-$mode.sqlite" "${extra[@]}" 2> "$data/sqlite.err" > /dev/null
    write=$(sed -n 's/.* in \([0-9.]*\) s, CPU \([0-9.]*\) s (schema.*/\1 \2/p' "$data/sqlite.err")
    echo "$mode $write $(cat "$data/sqlite.time") $(stat -c %s "$data/case-$mode.sqlite")" >> "$data/sqlite-times.txt"
  done
done
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v m="$1" -v c="$2" '$1 == m {print $c}' "$data/sqlite-times.txt" | median; }
echo "mutasi export --format sqlite, $rows rows; medians of $runs alternated runs; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| inputs | SQLite write, wall | its CPU time | whole command | peak RSS | file |"
echo "|---|---|---|---|---|---|"
for mode in bare full; do
  label="transfers only"; [ "$mode" = full ] && label="+ calendar, ties, units (--replications 0)"
  echo "| $label | $(col $mode 2) s | $(col $mode 3) s | $(col $mode 4) s | $(col $mode 5 | awk '{printf "%d", $1 / 1024}') MB | $(col $mode 6 | awk '{printf "%d", $1 / 1e6}') MB |"
done
echo
python3 scripts/check-case-db.py "$data/case-full.sqlite"
