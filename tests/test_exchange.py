"""The exchange files (GraphML, GEXF, JSON) written from the columns are, byte for byte, the files
networkx's own writers make of the scored graph; the export never builds that graph."""

from __future__ import annotations

import io
import json
import math
import re
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import netmap.exchange_formats as exchange_formats
import netmap.fastpath.text as text
from netmap.cli import cli
from netmap.exchange import write_exchange, xml_text
from netmap.fastpath import ColumnNetwork, graph_of
from netmap.model import ME, Contact, Dataset, Introduction
from netmap.network import open_network
from netmap.paths import evidence_text
from netmap.weights import Weights

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TODAY = date(2026, 11, 15)


# -- the reference: networkx's writers on graph_of's graph, flattened as netmap always has -----


def _flat(value):
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(_flat(v)) for v in value)
    return str(value)


def reference(net: ColumnNetwork, fmt: str) -> str:
    """What netmap wrote before the columns: graph_of, its attributes made plain, networkx's writer."""
    import xml.etree.ElementTree as ET

    G = graph_of(net)
    H = nx.Graph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, data in G.edges(data=True):
        evidence = data.get("evidence", [])
        H.add_edge(u, v, warmth=round(float(data["warmth"]), 6), kind="; ".join(data.get("kinds", [])),
                   inferred=bool(data.get("inferred", False)),
                   evidence=" | ".join(evidence_text(G, e) for e in evidence),
                   directions="; ".join(f"{e.source}>{e.target}" for e in evidence if e.kind == "introduction"),
                   statuses="; ".join(e.status for e in evidence if e.status), role=data.get("role", ""))  # fmt: skip
    if fmt == "json":
        data = {"directed": False, "multigraph": False, "graph": {},
                "nodes": [{**d, "id": n} for n, d in H.nodes(data=True)],
                "edges": [{**d, "source": u, "target": v} for u, v, d in H.edges(data=True)]}  # fmt: skip
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    ids, taken = {}, set()
    for node in H.nodes:
        text = xml_text(str(node))
        while text in taken:
            text += "_"
        ids[node] = text
        taken.add(text)

    def clean(attrs: dict) -> dict:
        return {xml_text(str(k)): xml_text(v) if isinstance(v, str) else v for k, v in attrs.items()}

    X = nx.Graph()
    X.add_nodes_from((ids[n], clean(d)) for n, d in H.nodes(data=True))
    X.add_edges_from((ids[u], ids[v], clean(d)) for u, v, d in H.edges(data=True))
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(X, buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    nx.write_gexf(X, buffer, encoding="utf-8")
    namespace = "http://www.gexf.net/1.2draft"
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(buffer.getvalue())
    for graph in root.iter(f"{{{namespace}}}graph"):
        graph.attrib.pop("name", None)
    for meta in root.iter(f"{{{namespace}}}meta"):
        meta.set("lastmodifieddate", net.today.isoformat())
        for creator in meta.iter(f"{{{namespace}}}creator"):
            creator.text = "netmap"
    ET.indent(root)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="unicode") + "\n"


def written(net: ColumnNetwork, fmt: str) -> str:
    out = io.StringIO()
    write_exchange(net, fmt, out)
    return out.getvalue()


def awkward() -> ColumnNetwork:
    """Every kind of evidence and value: an estimated tie, a date known only as 'connected on',
    introductions both ways (two kinds on one tie), one that happened (introduced), one by you,
    lists, quotes, tabs, CR, markup and characters XML forbids, as the loader hands rows over."""
    people = [
        Contact("ana", 'Ana "A" <Lima>', company="Acme & Co", title="VP\tSales\r\nEMEA", office="Lisbon",
                relationship="friend", strength=4, last_contact=date(2026, 11, 14), tags=["ml", "data"],
                past_companies=["Globex", "Initech"], school="Técnico", notes="line one\nline two ]]>"),
        Contact("bo", "Bo\x0bChen", company="Acme & Co", office="Lisbon", strength_estimate=3,
                connected_on=date(2024, 2, 29)),
        Contact("cy", "Cy \ufffe Diaz", company="Globex", relationship="colleague", last_contact=date(2026, 9, 1)),
        Contact("dee", "Dee", company="Initech", school="Técnico"),
        Contact("eve\x01", "Eve", company=""),
        Contact("eve\\x01", "Eve Two"),
    ]  # fmt: skip
    intros = [
        Introduction("ana", "bo", date(2025, 5, 1), "met", 3),
        Introduction("bo", "ana", date(2025, 6, 1), "thanked"),
        Introduction("cy", "dee", None, "suggested"),
        Introduction(ME, "dee", date(2026, 1, 2), "requested", 2),
        Introduction("dee", "cy", date(1999, 12, 31), "declined"),
    ]
    return ColumnNetwork.from_dataset(Dataset(people, intros), Weights(), TODAY)


def networks() -> dict[str, ColumnNetwork]:
    lonely = ColumnNetwork.from_dataset(Dataset([Contact("solo", "Solo")], []), Weights(), TODAY)
    return {"sample": open_network(SAMPLE, today=TODAY).columns(), "awkward": awkward(), "no edges": lonely}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", ["sample", "awkward", "no edges"])
def test_the_file_is_what_networkx_writes_of_the_graph(name: str, fmt: str):
    net = networks()[name]
    assert written(net, fmt) == reference(net, fmt)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_chunks_and_threads_change_nothing(fmt: str, monkeypatch: pytest.MonkeyPatch):
    """Records formatted 7 at a time, by the thread pool, come out as one piece would."""
    net = open_network(SAMPLE, today=TODAY).columns()
    whole = written(net, fmt)
    monkeypatch.setattr(exchange_formats, "CHUNK", 7)
    assert written(net, fmt) == whole


def test_the_awkward_file_reads_back():
    back = nx.read_graphml(io.StringIO(written(awkward(), "graphml")))
    assert back.nodes["ana"]["title"] == "VP\tSales\nEMEA"  # the XML reader folds CR LF, as before
    assert back.nodes["bo"]["name"] == "Bo\\x0bChen" and back.nodes["cy"]["name"] == "Cy \\ufffe Diaz"
    assert back.nodes["bo"]["strength_estimate"] == 3 and back.nodes["bo"]["connected_on"] == "2024-02-29"
    assert back["ana"]["bo"]["kind"] == "introduction" and back["ana"]["bo"]["directions"] == "ana>bo; bo>ana"
    assert back["me"]["bo"]["kind"] == "direct; introduced"  # Ana's introduction happened: you know Bo too
    assert back["me"]["bo"]["statuses"] == "met"
    assert "eve\\x01_" in back.nodes  # two ids that would read alike stay two
    assert back["me"]["bo"]["evidence"].startswith("you know Bo\\x0bChen (strength 3 estimated from your exports")


# -- the CLI --------------------------------------------------------------------------------------


def test_export_does_not_build_the_networkx_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import netmap.fastpath.build as build
    import netmap.network as network

    def refuse(*args, **kwargs):
        raise AssertionError("the export built the networkx graph")

    monkeypatch.setattr(build, "graph_of", refuse)
    monkeypatch.setattr(network.Network, "graph", refuse)
    out = tmp_path / "net.graphml"
    result = CliRunner().invoke(cli, ["export", "--data", str(SAMPLE), "--today", "2026-11-15", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out}\n"
    assert nx.read_graphml(out).number_of_nodes() > 100


def test_a_long_export_shows_progress_on_stderr_only(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(exchange_formats, "CHUNK", 100)
    result = CliRunner().invoke(cli, ["export", "--data", str(SAMPLE), "--today", "2026-11-15", "--format", "json"])
    assert result.exit_code == 0
    said = [re.fullmatch(r"netmap: writing json: (\d+)/1428", line) for line in result.stderr.splitlines()]
    done = [int(m[1]) for m in said if m]
    assert len(done) == len(said) >= 10 and done == sorted(set(done)) and done[-1] == 1428  # once per 100 records
    net = open_network(SAMPLE, today=TODAY).columns()
    assert result.stdout == reference(net, "json")  # stdout is the file, nothing else


def test_a_short_export_says_only_where_it_wrote(tmp_path: Path):
    out = tmp_path / "net.gexf"
    result = CliRunner().invoke(cli, ["export", "--data", str(SAMPLE), "--format", "gexf", "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Wrote {out}\n")


def test_a_failed_export_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "net.graphml"
    out.write_text("the old export\n", encoding="utf-8")
    calls = []

    def fail_later(*args, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise RuntimeError("stop")
        return real(*args, **kwargs)

    real = exchange_formats.join_rows
    monkeypatch.setattr(exchange_formats, "join_rows", fail_later)
    monkeypatch.setattr(exchange_formats, "CHUNK", 20)
    with pytest.raises(RuntimeError, match="stop"):
        write_exchange(open_network(SAMPLE, today=TODAY), "graphml", out)
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]  # no temporary file left


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'dot'; use one of graphml, gexf, json"):
        write_exchange(awkward(), "dot", io.StringIO())


# -- the vectorised pieces against Python's own ---------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=20))
def test_text_is_escaped_as_elementtree_and_json_escape_it(values: list[str]):
    values = [v for v in values if not re.search("[\ud800-\udfff]", v)]  # no such text reaches pyarrow
    column = pa.array(values, pa.string())
    for table in (text.CDATA, text.ATTRIB):
        assert text.xml_column(column, table).to_pylist() == [text.escape(v, table) for v in values]
    expected = [json.dumps(v, ensure_ascii=False)[1:-1] for v in values]
    assert text.json_column(column).to_pylist() == expected


def test_floats_are_written_as_python_writes_them():
    rng = np.random.default_rng(7)
    edges = [0.0, 1.0, -1.0, 1e16, 9.999e15, 1e-4, 9.99e-5, math.inf, -math.inf, math.nan]
    values = np.concatenate([rng.random(20000), rng.random(2000) * 1e-3, 10.0 ** rng.integers(-8, 20, 500), edges])
    written_text = text.float_text(pa.array(values)).to_pylist()
    assert written_text == [repr(float(v)) for v in values]
    odd = pa.array([math.nan, math.inf, -math.inf])
    assert text.float_text(odd, "attrib").to_pylist() == ["NaN", "INF", "-INF"]  # networkx's GEXF writer
    assert text.float_text(odd, "json").to_pylist() == ["NaN", "Infinity", "-Infinity"]  # as json.dumps


def test_warmth_is_rounded_as_python_rounds():
    from netmap.fastpath.exchange import _rounded

    rng = np.random.default_rng(8)
    halves = np.round(rng.random(5000), 6) + 5e-7  # near the halfway points numpy's rint can miss
    values = np.concatenate([rng.random(20000), halves, rng.random(1000) * 1e5, [0.0000005, 0.0000015, 2.5e-7]])
    assert _rounded(values).to_pylist() == [round(float(v), 6) for v in values]
