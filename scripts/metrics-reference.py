#!/usr/bin/env python3
"""Reference values for the network metrics in Sources/MutasiNetwork.

Builds a few small graphs, writes each as an edge-list CSV fixture (source,target,weight; an
undirected edge once) in Tests/MutasiGraphTests/Fixtures/metrics/, and writes networkx's results
(PageRank, betweenness exact and sampled, Louvain modularity per seed, modularity of a given
partition) as JSON beside it. The Swift tests (Tests/MutasiGraphTests/Network) compare against
these files.

Weights are multiples of 0.5 so that path lengths add up exactly in floating point, which makes
tie-breaking between equal shortest paths the same in both implementations.

Usage: python3 scripts/metrics-reference.py     (networkx 3.6, numpy, scipy)
"""
import csv
import json
import random
from pathlib import Path

import networkx as nx

OUT = Path(__file__).resolve().parent.parent / "Tests" / "MutasiGraphTests" / "Fixtures" / "metrics"
# networkx's RNG (Python's random) and ours differ, so seed 0 here is not seed 0 there: the tests
# compare the distribution over these seeds (networkx's own seed-to-seed spread is ~6% on karate).
LOUVAIN_SEEDS = list(range(20))
SAMPLE_K = 12
SAMPLE_SEED = 42


def karate():
    g = nx.karate_club_graph()  # Zachary's weights (interaction counts, 1..7)
    clubs = sorted({g.nodes[v]["club"] for v in g})
    partition = [[v for v in g if g.nodes[v]["club"] == c] for c in clubs]
    return g, partition


def random_directed():
    rng = random.Random(7)
    g = nx.gnp_random_graph(60, 0.08, seed=7, directed=True)
    for u, v in g.edges:
        g[u][v]["weight"] = rng.randint(1, 8) / 2
    # Dangling nodes (no out-edges) and a self-loop, which PageRank and modularity must handle.
    for v in (57, 58, 59):
        g.remove_edges_from(list(g.out_edges(v)))
    g.add_edge(3, 3, weight=1.5)
    partition = [[v for v in g if v % 4 == r] for r in range(4)]
    return g, partition


def patron_client():
    """Patrons (1-4) under a regional head (0), each with clients; ties between clients of different
    patrons create equal-length alternative paths; a separate pair and an isolated node."""
    g = nx.Graph()
    g.add_nodes_from(range(40))
    for p in range(1, 5):
        g.add_edge(0, p, weight=2)
    client = 5
    for p in range(1, 5):
        for _ in range(7):
            g.add_edge(p, client, weight=1 + (client % 3))
            client += 1
    # client == 33; ties across patrons (equal lengths on purpose).
    for u, v in [(5, 12), (6, 13), (12, 19), (19, 26), (26, 5), (8, 15), (15, 22), (9, 30)]:
        g.add_edge(u, v, weight=1)
    g.add_edge(33, 34, weight=1)
    g.add_edge(34, 35, weight=2.5)
    g.add_edge(35, 33, weight=1)
    g.add_edge(36, 37, weight=1)  # separate component; 38, 39 isolated
    partition = [[0, 1, 5, 6, 7, 8, 9, 10, 11], [2] + list(range(12, 19)), [3] + list(range(19, 26)),
                 [4] + list(range(26, 33)), list(range(33, 40))]
    return g, partition


def planted():
    g = nx.random_partition_graph([40] * 5, 0.25, 0.02, seed=3)
    rng = random.Random(3)
    for u, v in g.edges:
        g[u][v]["weight"] = rng.randint(1, 6) / 2
    partition = [sorted(b) for b in g.graph["partition"]]
    return nx.Graph(g), partition


def summed_undirected(g):
    """Undirected graph whose edge weight sums u->v and v->u (what CSRGraph.undirected() does)."""
    if not g.is_directed():
        return g
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def floats(d, g):
    return [float(d[v]) for v in sorted(g)]


def reference(name, g, partition):
    nodes = sorted(g)
    assert nodes == list(range(len(nodes)))
    with open(OUT / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "weight"])
        for a, b, wt in sorted(g.edges(data="weight")):
            w.writerow([a, b, repr(float(wt))])

    sample = random.Random(SAMPLE_SEED).sample(list(g.nodes()), SAMPLE_K)
    und = summed_undirected(g)
    louvain = []
    for seed in LOUVAIN_SEEDS:
        for resolution in (1.0, 0.5):
            comms = nx.community.louvain_communities(und, weight="weight", resolution=resolution, seed=seed)
            louvain.append({
                "seed": seed, "resolution": resolution, "communities": len(comms),
                "modularity": nx.community.modularity(und, comms, weight="weight", resolution=resolution),
            })
    expected = {
        "graph": name,
        "networkx": nx.__version__,
        "nodes": len(nodes),
        "directed": g.is_directed(),
        "pagerank": floats(nx.pagerank(g, alpha=0.85, weight="weight"), g),
        "pagerank_unweighted": floats(nx.pagerank(g, alpha=0.85, weight=None), g),
        "betweenness_hops": floats(nx.betweenness_centrality(g, normalized=True), g),
        "betweenness_hops_raw": floats(nx.betweenness_centrality(g, normalized=False), g),
        "betweenness_weight": floats(nx.betweenness_centrality(g, normalized=True, weight="weight"), g),
        "betweenness_sampled": {
            "k": SAMPLE_K, "seed": SAMPLE_SEED, "sources": sample,
            "scores": floats(nx.betweenness_centrality(g, k=SAMPLE_K, seed=SAMPLE_SEED, normalized=True), g),
            "scores_weight": floats(nx.betweenness_centrality(g, k=SAMPLE_K, seed=SAMPLE_SEED, normalized=True,
                                                              weight="weight"), g),
        },
        "louvain": louvain,
        "partition": partition,
        "partition_modularity": nx.community.modularity(g, partition, weight="weight"),
        "partition_modularity_res07": nx.community.modularity(g, partition, weight="weight", resolution=0.7),
        "in_strength": floats(dict(g.in_degree(weight="weight")) if g.is_directed() else dict(g.degree(weight="weight")), g),
        "out_strength": floats(dict(g.out_degree(weight="weight")) if g.is_directed() else dict(g.degree(weight="weight")), g),
    }
    with open(OUT / f"{name}.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in [("karate", karate), ("random-directed", random_directed),
                       ("patron-client", patron_client), ("planted", planted)]:
        g, partition = make()
        reference(name, g, partition)
        print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")


if __name__ == "__main__":
    main()
