#!/usr/bin/env bash
# Counts the instructions `mutasi-bench ingest` spends per data row of a CSV file, by function, under
# cachegrind (valgrind; Debian's package, installed if missing), held to one core. Instruction counts
# do not move with the machine's spells as seconds do: compare two builds of the reader with them,
# and time them in alternating runs. Startup (about 35 M instructions) is in the total: use files of
# 100 k rows or more.
#   Benchmarks/instructions.sh FILE.csv [FUNCTIONS]     # FUNCTIONS: how many to list (default 15)
set -euo pipefail
file=$(realpath "${1:?usage: instructions.sh FILE.csv [FUNCTIONS]}")
top=${2:-15}
cd "$(dirname "$0")"
if ! command -v valgrind >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq valgrind >/dev/null
fi
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/mutasi-bench
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read this toolchain's debug information; the symbols are enough
strip --strip-debug -o "$work/mutasi-bench" "$bin"
MUTASI_NO_HUGE_PAGES=1 taskset -c 0 valgrind --tool=cachegrind --cache-sim=no \
  --cachegrind-out-file="$work/out" "$work/mutasi-bench" ingest "$file" >"$work/json" 2>"$work/log" \
  || { tail -5 "$work/log"; exit 1; }
# the rows the reader counted (data rows, whatever their line breaks)
rows=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"])' "$work/json")
echo "instructions per row ($rows rows of $file; one core)"
cg_annotate "$work/out" 2>/dev/null | python3 -c '
import re, subprocess, sys
rows, top = int(sys.argv[1]), int(sys.argv[2])
listed = 0
for line in sys.stdin:
    m = re.match(r"^\s*([0-9,]+)\s+\(\s*[0-9.]+%\)\s+(.*)", line)
    if not m:
        continue
    name = re.sub(r"^\?\?\?:", "", m.group(2))
    if name.startswith("$s"):
        name = subprocess.run(["swift", "demangle", "--simplified", "--compact", name], capture_output=True, text=True).stdout.strip() or name
    print("%8.0f  %s" % (int(m.group(1).replace(",", "")) / rows, name[:110]))
    listed += 1
    if listed > top:
        break
' "$rows" "$top"
