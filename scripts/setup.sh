#!/usr/bin/env bash
# Installs what MutasiGraph needs on a fresh Debian machine, and nothing that is already there:
# zlib's headers (for .gz inputs), Graphviz's C library and headers (libgvc, for in-process SVG/PNG/PDF rendering) and the `dot`
# command (used by tests to check that our DOT parses in the real thing, and to run layouts with a
# time limit).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
pkg-config --exists libgvc 2>/dev/null || need+=(libgraphviz-dev pkg-config)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
# zlib's headers: ZIPFoundation (.xlsx workbooks) and .gz transfer files use the system's zlib
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev pkg-config)
# SQLite's library and headers (the case database) and its shell (the tests open the file with it)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev pkg-config)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} (apt-get)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Python checkers the tests run against our outputs (networkx reads the exports, jsonschema checks
# findings.json); without them those checks are recorded as known issues, not run
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import networkx, jsonschema, pandas" 2>/dev/null; then
  echo "setup: installing networkx, jsonschema and pandas (pip)" >&2
  python3 -m pip install -q networkx jsonschema pandas >/dev/null 2>&1 || echo "setup: pip failed; the Python cross-checks will be skipped" >&2
fi
# DuckDB reads the case database through its sqlite extension, which it downloads from its own site
# (unreachable offline): the PyPI package of the extension is built for duckdb 1.4.4
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import duckdb, duckdb_ext" 2>/dev/null; then
  echo "setup: installing duckdb 1.4.4 and its sqlite extension (pip)" >&2
  python3 -m pip install -q "duckdb==1.4.4" "duckdb-ext-sqlite==1.4.4.20260205" >/dev/null 2>&1 || echo "setup: pip failed; the DuckDB check will be skipped" >&2
fi
# the commit-msg hook that keeps commit subjects to 72 characters (only in a git work tree)
if hooks=$(git rev-parse --git-path hooks 2>/dev/null); then
  mkdir -p "$hooks"
  if ! cmp -s scripts/commit-msg "$hooks/commit-msg" 2>/dev/null; then
    cp scripts/commit-msg "$hooks/commit-msg" && chmod +x "$hooks/commit-msg"
  fi
fi
echo "setup: libgvc $(pkg-config --modversion libgvc), $(dot -V 2>&1)" >&2
