"""Reads an .xlsx workbook's first sheet with pandas (calamine or openpyxl engine) or openpyxl's
read-only mode, as a peer of `mutasi validate` on the same workbook; prints rows and seconds.
    python3 read_xlsx.py calamine|openpyxl|openpyxl-rows FILE [HEADER_ROW]
"""
import sys, time

t0 = time.perf_counter()
how, path = sys.argv[1], sys.argv[2]
skip = int(sys.argv[3]) if len(sys.argv) > 3 else 2
if how in ("calamine", "openpyxl"):
    import pandas as pd
    df = pd.read_excel(path, engine=how, skiprows=skip, dtype={"nip": str})
    # dates as dates, as mutasi makes them
    for c in ("decree_date", "effective_date"):
        df[c] = pd.to_datetime(df[c])
    n = len(df)
else:
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) - 1 - skip
print(f"{how} rows={n} seconds={time.perf_counter() - t0:.2f}")
