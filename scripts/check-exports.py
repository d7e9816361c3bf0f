#!/usr/bin/env python3
"""Reads MutasiGraph's network exports back with networkx and checks they agree with each other:
the same nodes and edges under the same edge ids (parallel edges kept apart), GraphML keys typed
as their values are (networkx returns int, float, bool for int, double, boolean keys), a tie's
source apart from decree numbers, GEXF dynamic with spans (a person from first to last decree, a
decree edge until the person's next decree) and within the GEXF 1.3 schema's rules checked below
(no copy of the XSD is needed).
Usage: check-exports.py STEM   (reads STEM.graphml, STEM.gexf, STEM.json, STEM.csv)"""
import collections, csv, json, re, sys
import xml.etree.ElementTree as ET
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

# GraphML: every key typed as its values are, and networkx returns that Python type
G = "{http://graphml.graphdrawing.org/xmlns}"
root = ET.parse(stem + ".graphml").getroot()
declared = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(G + "key")}
parses = {"int": lambda v: re.fullmatch(r"-?[0-9]+", v), "boolean": lambda v: v in ("true", "false"),
          "double": lambda v: float(v) is not None, "string": lambda v: True}
values = collections.defaultdict(list)
for d in root.iter(G + "data"):
    values[d.get("key")].append(d.text or "")
for key, vs in values.items():
    _, name, typ = declared[key]
    bad = [v for v in vs if not parses[typ](v)]
    assert not bad, f"GraphML key {name} is declared {typ} but holds {bad[:3]}"
    if typ == "double":
        assert not all(parses["int"](v) for v in vs), f"GraphML key {name}: every value is an integer, declare it int"
python = {"int": int, "double": float, "boolean": bool, "string": str}
for dom, items in (("node", [d for _, d in g.nodes(data=True)]), ("edge", [d for *_, d in g.edges(data=True)])):
    for key, (for_, name, typ) in declared.items():
        if for_ != dom:
            continue
        got = {type(d[name]) for d in items if name in d}
        assert got <= {python[typ]}, f"networkx read GraphML {dom} {name} ({typ}) as {got}"
assert {type(d["weight"]) for *_, d in g.edges(data=True)} == {int}
assert {type(d["in_metrics"]) for *_, d in g.edges(data=True)} == {bool}
assert all(d["in_metrics"] == (d["kind"] in ("appointed_by", "tie", "ran_as")) for *_, d in g.edges(data=True))
assert all(isinstance(d["in_metrics"], bool) for *_, d in j.edges(data=True)), "JSON in_metrics is a boolean"
assert [r["in_metrics"] for r in rows] == ["true" if g.edges[u, v, k]["in_metrics"] else "false" for u, v, k in
        sorted(g.edges(keys=True), key=lambda e: int(e[2][1:]))], "CSV in_metrics as in GraphML"
typed = sorted({f"{n}:{t}" for _, n, t in declared.values() if t != "string"})

# GEXF 1.3: the rules of its schema that this file could break
X = "{http://gexf.net/1.3}"
gx = ET.parse(stem + ".gexf").getroot()
assert gx.tag == X + "gexf" and gx.get("version") == "1.3", (gx.tag, gx.get("version"))
graph = gx.find(X + "graph")
assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date" and graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
attributes = {}
for block in graph.findall(X + "attributes"):
    assert block.get("class") in ("node", "edge"), block.get("class")
    for a in block.findall(X + "attribute"):
        assert a.get("type") in ("integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI",
                                 "listboolean", "listinteger", "listlong", "listfloat", "listdouble"), a.get("type")
        attributes[(block.get("class"), a.get("id"))] = a.get("type")
date = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
def check_element(el, cls):
    for end in ("start", "end"):
        if el.get(end) is not None:
            assert date.fullmatch(el.get(end)), (cls, el.get("id"), end, el.get(end))
    if el.get("start") and el.get("end"):
        assert el.get("start") <= el.get("end"), (cls, el.get("id"), el.get("start"), el.get("end"))
    for av in el.iter(X + "attvalue"):
        typ = attributes[(cls, av.get("for"))]
        if typ == "boolean":
            assert av.get("value") in ("true", "false"), av.get("value")
node_span, node_ids = {}, set()
for nd in graph.iter(X + "node"):
    check_element(nd, "node")
    assert nd.get("id") not in node_ids
    node_ids.add(nd.get("id"))
    node_span[nd.get("id")] = (nd.get("start"), nd.get("end"))
kind_of = lambda el: next(av.get("value") for av in el.iter(X + "attvalue") if av.get("for") == "kind")
decree_kinds = ("appointed_by", "moved_from", "moved_to", "holds")
moves = collections.defaultdict(set)
edges = list(graph.iter(X + "edge"))
for e in edges:
    check_element(e, "edge")
    assert e.get("source") in node_ids and e.get("target") in node_ids
    float(e.get("weight"))
    if kind_of(e) in decree_kinds:
        moves[e.get("source")].add(e.get("start"))
spanned = 0
for e in edges:
    if kind_of(e) not in decree_kinds:
        continue
    later = sorted(d for d in moves[e.get("source")] if d > e.get("start"))
    assert e.get("end") == (later[0] if later else None), ("a decree edge ends at the person's next decree", e.get("id"), e.get("end"), later[:1])
    first, last = node_span[e.get("source")]
    assert first == min(moves[e.get("source")]) and last == max(moves[e.get("source")]), ("person span", e.get("source"), first, last)
    spanned += 1
people_spanned = sum(1 for s in node_span.values() if s[0])
print(f"ok: {n} nodes, {m} edges in GraphML, GEXF ({len(dated)} dated edges), JSON and CSV; node kinds {sorted(kinds)}; "
      f"{parallel} edges parallel to another; {len(ties)} ties ({sourced} with tie_source); weights numeric; "
      f"GraphML typed {', '.join(typed)}; GEXF spans on {people_spanned} people and {spanned} decree edges")
