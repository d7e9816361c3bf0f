#!/usr/bin/env python3
"""Reads MutasiGraph's network exports back with networkx and checks they agree with each other:
the same nodes and edges, typed attributes present, GEXF dynamic with dated edges.
Usage: check-exports.py STEM   (reads STEM.graphml, STEM.gexf, STEM.json, STEM.csv)"""
import csv, json, sys
import networkx as nx

stem = sys.argv[1]
g = nx.read_graphml(stem + ".graphml")
x = nx.read_gexf(stem + ".gexf")
with open(stem + ".json", encoding="utf-8") as f:
    j = nx.node_link_graph(json.load(f), edges="links")
with open(stem + ".csv", encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))

n, m = g.number_of_nodes(), g.number_of_edges()
assert x.number_of_nodes() == n and j.number_of_nodes() == n, (n, x.number_of_nodes(), j.number_of_nodes())
assert x.number_of_edges() == m and j.number_of_edges() == m and len(rows) == m, (m, x.number_of_edges(), j.number_of_edges(), len(rows))
kinds = {d["kind"] for _, d in g.nodes(data=True)}
assert "person" in kinds and "signer" in kinds, kinds
dated = [d for *_, d in x.edges(data=True) if d.get("start")]
assert dated, "GEXF edges carry start dates"
assert x.graph.get("mode") == "dynamic", x.graph
print(f"ok: {n} nodes, {m} edges in GraphML, GEXF ({len(dated)} dated edges), JSON and CSV; node kinds {sorted(kinds)}")
