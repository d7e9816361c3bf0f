#!/usr/bin/env python3
"""Prints the reference values in Tests/MutasiGraphTests/Analysis/EventStudyTests.swift: the event
study of Tests/MutasiGraphTests/Fixtures/panel/event-study-panel.csv fitted by statsmodels (OLS and
Poisson GLM, errors clustered by region with statsmodels' default small-sample correction
G/(G-1)*(N-1)/(N-K), Stata's CR1). The design is the one docs/METHODS.md describes for
`mutasi event-study`: event months -24..23 binned at the ends, reference -1, region, calendar-month
and (when votes fall in different years) year dummies.

    pip install statsmodels pandas
    python3 scripts/event-study-reference.py            # prints the Swift table
    python3 scripts/event-study-reference.py --make     # rewrites the fixture (seeded)
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

FIXTURE = Path(__file__).resolve().parent.parent / "Tests/MutasiGraphTests/Fixtures/panel/event-study-panel.csv"
LO, HI, REF = -24, 23, -1


def make():
    rng = np.random.default_rng(27)
    rows = []
    for g in range(14):
        region = f"Kabupaten R{g:02d}"
        vote = None if g == 13 else 2024 * 12 + 10 + (0 if g < 6 else (-14 if g < 10 else 9))
        first, last = 2020 * 12 + int(rng.integers(0, 6)), 2026 * 12 + 10 - int(rng.integers(0, 4))
        base = rng.uniform(1.0, 6.0)
        for m in range(2020 * 12, 2026 * 12 + 11):
            k = None if vote is None else m - vote
            bump = 0 if k is None else (3.0 if -6 <= k <= -1 else 0) + (4.0 if 1 <= k <= 4 else 0)
            y = rng.poisson(base * (1 + 0.3 * np.sin(m % 12)) + bump)
            complete = 1 if first < m < last else 0
            rows.append((region, f"{m // 12}-{m % 12 + 1:02d}", "" if k is None else -k, complete, y))
    with open(FIXTURE, "w") as f:
        f.write("region,period,months_to_vote,complete,people_moved\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")


def design(df):
    df = df[df.complete == 1]
    df = df[df.months_to_vote.notna()].copy()
    year, month = df.period.str[:4].astype(int), df.period.str[5:7].astype(int)
    df["m"] = year * 12 + month - 1
    df["k"] = (-df.months_to_vote).astype(int).clip(LO, HI)
    vote_years = ((df.m + df.months_to_vote.astype(int)) // 12).unique()
    X = pd.DataFrame({"intercept": 1.0}, index=df.index)
    regions = list(dict.fromkeys(df.region))
    for r in regions[1:]:
        X[f"region={r}"] = (df.region == r).astype(float)
    months = sorted(set(df.m % 12))
    for mo in months[1:]:
        X[f"month={mo + 1}"] = (df.m % 12 == mo).astype(float)
    if len(vote_years) > 1:
        for y in sorted(set(df.m // 12))[1:]:
            X[f"year={y}"] = (df.m // 12 == y).astype(float)
    for k in range(LO, HI + 1):
        if k != REF:
            X[f"k={k}"] = (df.k == k).astype(float)
    return df, X


def main():
    if "--make" in sys.argv:
        make()
    df, X = design(pd.read_csv(FIXTURE))
    y, groups = df.people_moved.astype(float), pd.factorize(df.region)[0]
    ols = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": groups})
    ppml = sm.GLM(y, X, family=sm.families.Poisson()).fit(cov_type="cluster", cov_kwds={"groups": groups}, tol=1e-13)
    print(f"// statsmodels {sm.__version__}: n = {len(y)}, regions = {len(set(groups))}, parameters = {X.shape[1]}")
    for name, fit in (("ols", ols), ("poisson", ppml)):
        print(f"static let {name}: [(Int, Double, Double)] = [")
        for k in range(LO, HI + 1):
            if k != REF:
                c = f"k={k}"
                print(f"    ({k}, {float(fit.params[c])!r}, {float(fit.bse[c])!r}),")
        print("]")


main()
