#!/usr/bin/env python3
"""Rebuilds the graph `mutasi network` computes on from a GraphML export, as docs/FORMATS.md says,
runs networkx's PageRank and betweenness on it, and compares them with `mutasi network --format
json` node by node.

The recipe: every node of the export; only the edges with `in_metrics` true; directed, parallel
edges merged into one whose weight is the sum of their `weight`s (a DiGraph). PageRank is
networkx's `pagerank(G, weight="weight")` on that DiGraph; betweenness is
`betweenness_centrality(G.to_undirected())` (normalised, path length in hops, weights ignored),
exact when the JSON says `betweennessExact`.

Usage: check-metrics-graph.py NETWORK.graphml METRICS.json [TOLERANCE]   (default 1e-9)"""
import json, sys
import networkx as nx

graphml, metrics_path = sys.argv[1], sys.argv[2]
tolerance = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-9
export = nx.read_graphml(graphml, force_multigraph=True)
g = nx.DiGraph()
g.add_nodes_from(export.nodes)
kept = 0
for u, v, d in export.edges(data=True):
    if not d["in_metrics"]:
        continue
    kept += 1
    if g.has_edge(u, v):
        g[u][v]["weight"] += d["weight"]
    else:
        g.add_edge(u, v, weight=d["weight"])
with open(metrics_path, encoding="utf-8") as f:
    metrics = json.load(f)
scores = {f"n{s['node']}": s for s in metrics["nodes"]}
assert set(scores) == set(g.nodes), "the JSON scores every node of the export"
pagerank = nx.pagerank(g, weight="weight")
worst_pr = max(abs(pagerank[v] - scores[v]["pageRank"]) for v in g)
assert worst_pr <= tolerance, f"PageRank differs by {worst_pr}"
whole = nx.pagerank(nx.DiGraph(export), weight=None)
apart = max(abs(whole[v] - scores[v]["pageRank"]) for v in g)
message = f"ok: {g.number_of_nodes()} nodes, {kept} of {export.number_of_edges()} edges in metrics ({g.number_of_edges()} after merging); PageRank within {worst_pr:.1e}"
if metrics["betweennessExact"]:
    betweenness = nx.betweenness_centrality(g.to_undirected())
    worst_bt = max(abs(betweenness[v] - scores[v]["betweenness"]) for v in g)
    assert worst_bt <= tolerance, f"betweenness differs by {worst_bt}"
    assert all("betweennessStandardError" not in s for s in metrics["nodes"]), "no standard error on exact betweenness"
    message += f", betweenness within {worst_bt:.1e}"
else:
    message += ", betweenness sampled (not compared)"
print(message + f"; PageRank on the whole export instead would be {apart:.3f} apart")
