#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) and runs it on its corpus.
#   scripts/fuzz.sh FuzzCalendar 600     # ten minutes
# Crashes are written to Fuzz/crashes/; each one found becomes a regression test.
set -euo pipefail
target=${1:?usage: fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
cd "$(dirname "$0")/../Fuzz"
corpus=corpus/$(echo "${target#Fuzz}" | tr '[:upper:]' '[:lower:]')
scratch=.build-fuzz-corpus/$target
mkdir -p "$corpus" crashes "$scratch"
swift build -c debug --scratch-path .build-fuzz --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld 2>&1 | grep -vE "ld.gold: warning" | tail -3
bin=$(swift build -c debug --scratch-path .build-fuzz --show-bin-path -Xswiftc -use-ld=lld)/$target
# new inputs go to a scratch folder per target; the committed corpus stays the small seed set
"$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=crashes/ "$scratch" "$corpus"
