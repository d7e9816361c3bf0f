#!/usr/bin/env bash
# Generates a case with `mutasi synth` (fixed seed and sizes), times each stage of MutasiGraph and of
# the pandas + networkx (+ igraph) route in Benchmarks/peers on the same files, in the same session,
# and prints a table of medians with ratios.
#   Benchmarks/run.sh tiny|1m|20m [RUNS]      # RUNS: repetitions per stage (default 3; tiny: 1)
# Sizes: tiny = 10 regions (~7 k rows, what CI runs so the harness never rots); 1m = 500 regions x
# 1,130 people x 6 years (1.05 M rows, 230 MB); 20m = 500 regions x 22,600 people (~21 M rows, 4.6 GB).
set -euo pipefail
size=${1:-tiny}
cd "$(dirname "$0")"
bench=$(pwd)
case "$size" in
  tiny) synth=(--regions 10 --people 400 --years 6); runs=${2:-1} ;;
  1m)   synth=(--regions 500 --people 1130 --years 6); runs=${2:-3} ;;
  20m)  synth=(--regions 500 --people 22600 --years 6); runs=${2:-3} ;;
  *) echo "usage: run.sh tiny|1m|20m [RUNS]" >&2; exit 2 ;;
esac
data=${MUTASI_BENCH_DATA:-$bench/.build-data}/$size
mkdir -p "$data"

python3 -c "import pandas, networkx, igraph" 2>/dev/null || {
  echo "installing the peer's packages (pandas, networkx, igraph) with pip" >&2
  python3 -m pip install -q pandas networkx igraph >/dev/null 2>&1 || echo "pip failed: the peer columns will be empty" >&2
}
echo "building (release)" >&2
(cd .. && swift build -c release --product mutasi > "$data/build.log" 2>&1) || { tail -20 "$data/build.log"; exit 1; }
swift build -c release > "$data/build-bench.log" 2>&1 || { tail -20 "$data/build-bench.log"; exit 1; }
mutasi=$(cd .. && swift build -c release --show-bin-path)/mutasi
mb=$(swift build -c release --show-bin-path)/mutasi-bench

if [ ! -s "$data/transfers.csv" ]; then
  echo "generating: mutasi synth ${synth[*]} --seed 7 --plant-waves --plant-loyalty" >&2
  "$mutasi" synth "${synth[@]}" --seed 7 --plant-waves --plant-loyalty --out "$data" >&2
fi
file=$data/transfers.csv
rows=$(($(wc -l < "$file") - 1)); bytes=$(stat -c %s "$file")
echo "data: $file, $rows rows, $((bytes / 1000000)) MB" >&2

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
json() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1], {}, d))" "$1"; }

results=$data/results.txt; : > "$results"
# outputs of a run that stopped before its end (they are removed at the end otherwise)
rm -rf "$data"/out "$data"/out-*
# the first core this process may run on (CPU 0 may not be among a container's), for the one-core read
cpu=$(taskset -pc $$ 2>/dev/null | sed 's/.*: *//; s/[-,].*//' || true)
for i in $(seq "$runs"); do
  "$mb" ingest "$file" >> "$data/ingest.jsonl"
  # the same read held to one core (the issue's 2 M rows/s target; pandas uses one)
  { [ -n "$cpu" ] && taskset -c "$cpu" "$mb" ingest "$file" >> "$data/ingest1.jsonl"; } || echo '{}' >> "$data/ingest1.jsonl"
  "$mb" network "$file" >> "$data/network.jsonl"
  # each run into a folder never used before, all removed after the timings: on ext4 without a
  # journal (this machine's disk), files made within minutes of deleting as many are slow to create
  # (the kernel passes over inodes freed lately), and the 20m run writes 28 k evidence pages
  /usr/bin/time -f '%e %M' -o "$data/analyze.time" "$mutasi" analyze --transfers "$file" --elections "$data/elections.yaml" \
    --ties "$data/ties.csv" --units "$data/units.csv" --out "$data/out-$i" --quiet > /dev/null
  cat "$data/analyze.time" >> "$data/analyze.txt"
  if [ "$size" = 20m ]; then
    # pandas holds ~10x the file (2.46 GB for the 230 MB one): ~50 GB here, on a 24 GB machine;
    # networkx's Louvain would take hours. The peer columns stay empty at this size.
    echo '{}' >> "$data/peer.jsonl"
  else
    python3 peers/pipeline.py "$file" --json >> "$data/peer.jsonl" || echo '{}' >> "$data/peer.jsonl"
  fi
done
rm -rf "$data"/out-*
ing=$(tail -n "$runs" "$data/ingest.jsonl" | while read -r l; do echo "$l" | json seconds; done | median)
ingrss=$(tail -n "$runs" "$data/ingest.jsonl" | while read -r l; do echo "$l" | json peakRSSMB; done | median)
ing1=$(tail -n "$runs" "$data/ingest1.jsonl" | while read -r l; do echo "$l" | json seconds 2>/dev/null || echo nan; done | median)
net() { tail -n "$runs" "$data/network.jsonl" | while read -r l; do echo "$l" | json "$1"; done | median; }
an=$(tail -n "$runs" "$data/analyze.txt" | awk '{print $1}' | median)
anrss=$(tail -n "$runs" "$data/analyze.txt" | awk '{print $2/1024}' | median)
peer() { tail -n "$runs" "$data/peer.jsonl" | while read -r l; do echo "$l" | json "$1" 2>/dev/null || echo nan; done | median; }
ping=$(peer ingest_s); prss=$(peer peak_rss_mb)
nxpr=$(peer "networkx_s['pagerank']"); nxlv=$(peer "networkx_s['louvain']")
igpr=$(peer "igraph_s['pagerank']"); iglv=$(peer "igraph_s['louvain']"); igbt=$(peer "igraph_s['betweenness']")
ratio() { python3 -c "import sys,math; a,b=float(sys.argv[1]),float(sys.argv[2]); print('-' if math.isnan(a) or math.isnan(b) or b==0 else f'{a/b:.1f}x')" "$1" "$2"; }
f() { python3 -c "import sys; print(f'{float(sys.argv[1]):.3g}')" "$1"; }
cat <<TABLE
size $size: $rows rows, $((bytes / 1000000)) MB; medians of $runs run(s); $(nproc) cores; $(date -u +%Y-%m-%d)

| stage | MutasiGraph | peer (same file, same session) | peer / MutasiGraph |
|---|---|---|---|
| ingest with validation | $(f "$ing") s ($(python3 -c "print(f'{$rows/$ing/1e6:.2f}')") M rows/s), peak $(f "$ingrss") MB | pandas read_csv + checks: $(f "$ping") s, peak $(f "$prss") MB | $(ratio "$ping" "$ing") |
| the same, held to one core (\`taskset -c $cpu\`) | $(f "$ing1") s ($(python3 -c "import math; x=float('$ing1'); print('-' if math.isnan(x) else f'{$rows/x/1e6:.2f}')") M rows/s, $(python3 -c "import math; x=float('$ing1'); print('-' if math.isnan(x) else f'{$bytes/x/1e6:.0f}')") MB/s) | the same pandas run (it uses one core) | $(ratio "$ping" "$ing1") |
| PageRank, person-signer-unit graph ($(net nodes) nodes, $(net edges) edges) | $(f "$(net pagerankSeconds)") s | networkx $(f "$nxpr") s; igraph $(f "$igpr") s | nx $(ratio "$nxpr" "$(net pagerankSeconds)"), igraph $(ratio "$igpr" "$(net pagerankSeconds)") |
| Louvain, same graph undirected | $(f "$(net louvainSeconds)") s | networkx $(f "$nxlv") s; igraph $(f "$iglv") s | nx $(ratio "$nxlv" "$(net louvainSeconds)"), igraph $(ratio "$iglv" "$(net louvainSeconds)") |
| betweenness, 256 sampled sources | $(f "$(net betweenness256Seconds)") s | igraph $(f "$igbt") s | igraph $(ratio "$igbt" "$(net betweenness256Seconds)") |
| whole \`mutasi analyze\` (waves, rules, loyalty, network, every output) | $(f "$an") s wall, peak $(f "$anrss") MB | - | - |
TABLE
