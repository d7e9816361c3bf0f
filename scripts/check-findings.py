#!/usr/bin/env python3
"""Validates a findings.json against docs/findings.schema.json and checks its counts add up.
Usage: check-findings.py FINDINGS.json"""
import json, os, sys
import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(root, "docs", "findings.schema.json"), encoding="utf-8"))
f = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.validate(f, schema, format_checker=jsonschema.FormatChecker())
s = f["summary"]
assert s["recordsRead"] == s["recordsAccepted"] + s["recordsRejected"], s
assert s["waves"] == len(f["waves"]) and s["loyalty"] == len(f["loyalty"]), s
assert s["violations"] == sum(1 for x in f["legalFlags"] if x["status"] == "violation"), s
print(f"ok: findings.json valid (schema {f['schemaVersion']}), {s['recordsRead']} rows, {s['waves']} waves, {s['violations']} violations")
