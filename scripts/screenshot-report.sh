#!/usr/bin/env bash
# Opens a report.html in headless Chromium (Debian's package, installed if missing) and saves a
# screenshot, to look at the report as a person would.
#   scripts/screenshot-report.sh mutasi-demo/report.html report.png [WIDTH HEIGHT]
set -euo pipefail
report=${1:?usage: screenshot-report.sh REPORT.html OUT.png [WIDTH HEIGHT]}
out=${2:?usage: screenshot-report.sh REPORT.html OUT.png [WIDTH HEIGHT]}
w=${3:-1300}; h=${4:-1500}
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
# --no-sandbox: CI and these machines run as root; the page is a local file with no script
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$w,$h" \
  --screenshot="$(realpath -m "$out")" "file://$(realpath "$report")" 2>/dev/null
echo "wrote $out"
