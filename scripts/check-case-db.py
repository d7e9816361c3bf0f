#!/usr/bin/env python3
"""Opens a case database (`mutasi export --format sqlite`) with sqlite3, pandas and DuckDB, and checks
that each sees as many transfers as the read accepted, and that the tables join.

DuckDB reads SQLite through its sqlite extension. Offline, `INSTALL sqlite` cannot download it; the
extension is also on PyPI as `duckdb-ext-sqlite`, built for one DuckDB version, so when neither
`duckdb` nor the extension loads the script pip-installs the matching pair (duckdb==1.4.4,
duckdb-ext-sqlite==1.4.4.20260205) and loads the extension file from there.

Usage: check-case-db.py CASE.sqlite [ACCEPTED]
  ACCEPTED: the accepted row count to expect (default: the file's own meta records_accepted).
Prints `ok: ...` and exits 0; exits 1 on a mismatch. A reader that cannot run is named on a
`skipped <reader>: <why>` line (the tests record it as a known issue)."""
import glob, importlib, os, sqlite3, subprocess, sys

path = sys.argv[1]
con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
meta = dict(con.execute("SELECT key, value FROM meta"))
accepted = int(sys.argv[2]) if len(sys.argv) > 2 else int(meta["records_accepted"])
said, skipped = [], []

# sqlite3
assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
(version,), = con.execute("SELECT version FROM schema_version")
n = con.execute("SELECT count(*) FROM transfers").fetchone()[0]
assert n == accepted, f"sqlite3: {n} transfers, {accepted} accepted"
assert int(meta["records_accepted"]) == accepted, f"meta says {meta['records_accepted']} accepted, expected {accepted}"
orphans = con.execute("SELECT count(*) FROM transfers t LEFT JOIN decrees d USING (decree_id) WHERE d.decree_id IS NULL").fetchone()[0]
assert orphans == 0, f"{orphans} transfers without their decree"
tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
said.append(f"sqlite3 {n} transfers (schema {version}, {len(tables)} tables)")

# pandas
try:
    import pandas as pd
    df = pd.read_sql_query("SELECT * FROM transfers", con)
    assert len(df) == accepted, f"pandas: {len(df)} transfers, {accepted} accepted"
    assert str(df["line"].dtype) == "int64" and str(df["decree_id"].dtype) == "int64", df.dtypes.to_dict()
    people = pd.read_sql_query("SELECT nip, moves FROM people", con)
    assert people["moves"].sum() == accepted, f"pandas: people's moves sum to {people['moves'].sum()}, not {accepted}"
    said.append(f"pandas {len(df)} rows ({len(df.columns)} columns), people's moves sum to them")
except ModuleNotFoundError as e:
    skipped.append(f"pandas: {e}")
con.close()

# DuckDB, through its sqlite extension
def load_duckdb():
    import duckdb
    db = duckdb.connect()
    errors = []
    for how in ("LOAD sqlite", "extension file", "INSTALL sqlite"):
        try:
            if how == "extension file":
                ext = importlib.import_module("duckdb_ext")
                files = [f for d in ext.__path__ for f in glob.glob(os.path.join(d, "extensions", f"v{duckdb.__version__}", "*", "sqlite_scanner.duckdb_extension"))]
                if not files:
                    raise RuntimeError(f"no duckdb-ext-sqlite for duckdb {duckdb.__version__}")
                db.execute(f"LOAD '{files[0]}'")
            elif how == "INSTALL sqlite":
                db.execute("INSTALL sqlite"); db.execute("LOAD sqlite")
            else:
                db.execute(how)
            return db, how
        except Exception as e:  # each way may fail offline; the next is tried
            errors.append(f"{how}: {str(e).splitlines()[0]}")
    raise RuntimeError("; ".join(errors))

db = None
for attempt in range(2):
    try:
        db, how = load_duckdb()
        break
    except (ModuleNotFoundError, RuntimeError) as e:
        if attempt == 0:
            print(f"duckdb or its sqlite extension is missing ({e}); pip-installing duckdb==1.4.4 duckdb-ext-sqlite", file=sys.stderr)
            r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "duckdb==1.4.4", "duckdb-ext-sqlite==1.4.4.20260205"],
                               capture_output=True, text=True)
            importlib.invalidate_caches()
            for m in [m for m in sys.modules if m.startswith("duckdb")]:
                del sys.modules[m]
            if r.returncode != 0:
                skipped.append(f"duckdb: {e}; pip failed: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}")
                break
        else:
            skipped.append(f"duckdb: {e}")
if db is not None:
    import duckdb
    quoted = path.replace("'", "''")
    (m,), = db.execute(f"SELECT count(*) FROM sqlite_scan('{quoted}', 'transfers')").fetchall()
    assert m == accepted, f"duckdb: {m} transfers, {accepted} accepted"
    (joined,), = db.execute(f"SELECT count(*) FROM sqlite_scan('{quoted}', 'transfers') t "
                            f"JOIN sqlite_scan('{quoted}', 'decrees') d USING (decree_id)").fetchall()
    assert joined == accepted, f"duckdb: {joined} transfers join their decree, {accepted} accepted"
    said.append(f"duckdb {duckdb.__version__} {m} transfers, all joined to decrees (extension by {how})")

for s in skipped:
    print("skipped " + s)
print(f"ok: {accepted} accepted rows; " + "; ".join(said))
