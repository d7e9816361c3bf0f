#!/usr/bin/env python3
"""The route a researcher would take without MutasiGraph: pandas for the table, networkx (and igraph,
when it is installed) for the network. Each stage is timed the same way as `mutasi bench`, on the
same files, so BENCHMARKS.md can give every figure as a ratio measured side by side.

Usage: pipeline.py TRANSFERS.csv [--stages ingest,waves,graph] [--json]
"""
import argparse, json, resource, sys, time

import pandas as pd


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(path):
    """Read with validation comparable to MutasiGraph's: 18-digit NIPs with a real birth date,
    dates parsed strictly, required fields present. Returns the accepted frame and the counts."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, on_bad_lines="skip")
    read = len(df)
    nip = df["nip"]
    ok = nip.str.fullmatch(r"\d{18}")
    birth = pd.to_datetime(nip.str.slice(0, 8), format="%Y%m%d", errors="coerce")
    ok &= birth.notna()
    df["decree_date"] = pd.to_datetime(df["decree_date"], format="%Y-%m-%d", errors="coerce")
    df["effective_date"] = pd.to_datetime(df["effective_date"], format="%Y-%m-%d", errors="coerce")
    ok &= df["decree_date"].notna() & (df["name"] != "")
    accepted = df[ok]
    return accepted, read, int(ok.sum())


def waves(df):
    """The per-region daily series every wave detector starts from."""
    return df.groupby(["region", "decree_date"]).size()


def graph_networkx(df, k=256, seed=1):
    import networkx as nx
    g = nx.DiGraph()
    persons = "p:" + df["nip"]
    g.add_edges_from(zip(persons, "s:" + df["signed_by"]))
    g.add_edges_from(zip(persons, "u:" + df["to_unit"]))
    t = {}
    s = time.perf_counter(); nx.pagerank(g); t["pagerank"] = time.perf_counter() - s
    u = g.to_undirected()
    s = time.perf_counter(); nx.community.louvain_communities(u, seed=seed); t["louvain"] = time.perf_counter() - s
    if g.number_of_nodes() <= 50_000:
        s = time.perf_counter(); nx.betweenness_centrality(g, k=min(k, g.number_of_nodes()), seed=seed); t["betweenness"] = time.perf_counter() - s
    return g.number_of_nodes(), g.number_of_edges(), t


def graph_igraph(df, k=256, seed=1):
    try:
        import igraph as ig
    except ImportError:
        return None
    import random
    persons = ("p:" + df["nip"]).tolist()
    edges = list(zip(persons, ("s:" + df["signed_by"]).tolist())) + list(zip(persons, ("u:" + df["to_unit"]).tolist()))
    s = time.perf_counter()
    g = ig.Graph.TupleList(edges, directed=True)
    t = {"build": time.perf_counter() - s}
    s = time.perf_counter(); g.pagerank(); t["pagerank"] = time.perf_counter() - s
    u = g.as_undirected(mode="collapse")
    s = time.perf_counter(); u.community_multilevel(); t["louvain"] = time.perf_counter() - s
    random.seed(seed)
    sources = random.sample(range(g.vcount()), min(k, g.vcount()))
    s = time.perf_counter(); g.betweenness(sources=sources, targets=None) if hasattr(g, "betweenness") else None; t["betweenness"] = time.perf_counter() - s
    return g.vcount(), g.ecount(), t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("transfers")
    ap.add_argument("--stages", default="ingest,waves,graph")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    stages = a.stages.split(",")
    out = {"tool": "pandas " + pd.__version__}
    s = time.perf_counter()
    df, read, accepted = ingest(a.transfers)
    out["ingest_s"] = time.perf_counter() - s
    out["rows_read"], out["rows_accepted"] = read, accepted
    if "waves" in stages:
        s = time.perf_counter(); waves(df); out["waves_series_s"] = time.perf_counter() - s
    if "graph" in stages:
        import networkx as nx
        out["networkx"] = nx.__version__
        n, m, t = graph_networkx(df)
        out["graph_nodes"], out["graph_edges"], out["networkx_s"] = n, m, t
        r = graph_igraph(df)
        if r:
            out["igraph_s"] = r[2]
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out, indent=None if a.json else 2))


if __name__ == "__main__":
    main()
