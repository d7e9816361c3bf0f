#!/usr/bin/env python3
"""Prints the reference values in Tests/MutasiGraphTests/Analysis/StatisticsTests.swift
(scipy's Fisher exact p-value, conditional MLE odds ratio and its exact 95% interval)."""
from scipy.stats import fisher_exact
from scipy.stats.contingency import odds_ratio

for a, b, c, d in [(7, 2, 3, 40), (9, 7, 20, 580), (0, 5, 10, 30), (5, 0, 3, 10), (1, 1, 1, 1),
                   (12, 4, 30, 574), (3, 9, 2, 600)]:
    p = fisher_exact([[a, b], [c, d]]).pvalue
    r = odds_ratio([[a, b], [c, d]], kind="conditional")
    ci = r.confidence_interval(0.95)
    print(f"(({a}, {b}, {c}, {d}), {p!r}, {float(r.statistic)!r}, {ci.low!r}, {ci.high!r}),")
