#!/usr/bin/env python3
"""Reads MutasiGraph's network exports back with networkx and checks they agree with each other:
the same nodes and edges under the same edge ids (parallel edges kept apart), numeric attributes
read as numbers, a tie's source apart from decree numbers, GEXF dynamic with dated edges.
Usage: check-exports.py STEM   (reads STEM.graphml, STEM.gexf, STEM.json, STEM.csv)"""
import collections, csv, json, sys
import networkx as nx

stem = sys.argv[1]
g = nx.read_graphml(stem + ".graphml", force_multigraph=True)
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

# one id per edge, the same edge under the same id everywhere
graphml_ids = {k: (u, v) for u, v, k in g.edges(keys=True)}
assert len(graphml_ids) == m, "GraphML edge ids are distinct"
assert {k: (u, v) for u, v, k in j.edges(keys=True)} == graphml_ids, "JSON link keys are the GraphML edge ids"
assert {d["id"]: (u, v) for u, v, d in x.edges(data=True)} == graphml_ids, "GEXF edge ids are the GraphML edge ids"
assert [r["id"] for r in rows] == sorted(graphml_ids, key=lambda k: int(k[1:])), "CSV ids in edge order"
pairs = collections.Counter((u, v) for u, v, _ in g.edges(keys=True))
parallel = sum(c for c in pairs.values() if c > 1)

# numeric attributes load as numbers, not text
for name, graph in (("GraphML", g), ("GEXF", x), ("JSON", j)):
    weights = [d.get("weight") for *_, d in graph.edges(data=True)]
    # JSON has one number type: 1.0 is written 1
    assert all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights), (name, {type(w).__name__ for w in weights})
assert all(float(r["weight"]) > 0 for r in rows)

# a tie's source is its own attribute; decree numbers are on decree edges only
ties = [d for *_, d in g.edges(data=True) if d["kind"] == "tie"]
assert all("decree" not in d for d in ties), "tie edges have no decree"
assert all("decree" not in d for *_, d in j.edges(data=True) if d["kind"] == "tie")
assert all(r["decree"] == "" for r in rows if r["kind"] == "tie")
sourced = sum("tie_source" in d for d in ties)
print(f"ok: {n} nodes, {m} edges in GraphML, GEXF ({len(dated)} dated edges), JSON and CSV; node kinds {sorted(kinds)}; "
      f"{parallel} edges parallel to another; {len(ties)} ties ({sourced} with tie_source); weights numeric")
