"""Writing the scored graph for Gephi, Cytoscape or igraph (GraphML, GEXF, JSON).

GraphML and GEXF accept only str/int/float/bool attributes, so every value is
flattened: dates as ISO text, lists joined by ``"; "``; missing values are left out.
Each tie carries ``warmth``, ``kind``, ``inferred`` and its evidence as text.

Every output is well-formed whatever the contacts hold: characters XML 1.0 cannot
carry (control characters) are written as ``\\xNN`` text in GraphML and GEXF; JSON
escapes them itself. GEXF follows the GEXF 1.2 schema: no ``name`` on ``<graph>``,
and ``lastmodifieddate`` is the graph's ``today`` (``--today``), not the clock.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.graph import build_graph
>>> G = build_graph(Dataset([Contact("a", "Ana", strength=4, last_contact=date(2025, 1, 2))], []),
...                 today=date(2026, 1, 1))
>>> H = exchange_graph(G)
>>> H.nodes["a"]["last_contact"], H["me"]["a"]["kind"]
('2025-01-02', 'direct')
"""

from __future__ import annotations

import io
import json
import os
import re
from datetime import date
from typing import Any

import networkx as nx

from .paths import evidence_text

EXCHANGE_FORMATS = ("graphml", "gexf", "json")


def _flat(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(_flat(v)) for v in value)
    return str(value)


def exchange_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with plain attributes only (the input is left untouched)."""
    H: nx.Graph = nx.Graph()
    for node, data in G.nodes(data=True):
        # a missing value is left out, not written as "": a key must keep one type
        H.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, data in G.edges(data=True):
        evidence = data.get("evidence", [])
        attrs = {
            "warmth": round(float(data["warmth"]), 6),
            "kind": "; ".join(data.get("kinds", [])),
            "inferred": bool(data.get("inferred", False)),
            "evidence": " | ".join(evidence_text(G, e) for e in evidence),
            "directions": "; ".join(f"{e.source}>{e.target}" for e in evidence if e.kind == "introduction"),
            "statuses": "; ".join(e.status for e in evidence if e.status),
            "role": data.get("role", ""),
        }
        H.add_edge(u, v, **attrs)
    return H


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""``text`` with the characters XML 1.0 forbids written as ``\xNN`` (``\uNNNN``).

    >>> xml_text("Ana\x01 Lima\x1b[2J")
    'Ana\\x01 Lima\\x1b[2J'
    """
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _xml_graph(H: nx.Graph) -> nx.Graph:
    """``H`` with node ids and text attributes made safe for XML (ids stay distinct)."""

    def clean(attrs: dict) -> dict:
        return {xml_text(str(k)): xml_text(v) if isinstance(v, str) else v for k, v in attrs.items()}

    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for node in H.nodes:
        text = xml_text(str(node))
        while text in taken:  # two ids that differ only by a forbidden character
            text += "_"
        ids[node] = text
        taken.add(text)
    X: nx.Graph = nx.Graph()
    X.add_nodes_from((ids[n], clean(d)) for n, d in H.nodes(data=True))
    X.add_edges_from((ids[u], ids[v], clean(d)) for u, v, d in H.edges(data=True))
    return X


def node_link(H: nx.Graph) -> dict:
    """``H`` as node-link data, as ``nx.node_link_data(H, edges="edges")`` gives it on every
    networkx version (3.2's has no ``edges`` argument)."""
    return {
        "directed": H.is_directed(),
        "multigraph": H.is_multigraph(),
        "graph": {},
        "nodes": [{**data, "id": node} for node, data in H.nodes(data=True)],
        "edges": [{**data, "source": u, "target": v} for u, v, data in H.edges(data=True)],
    }


def _gexf(H: nx.Graph, today: date | None) -> str:
    """GEXF 1.2 text of ``H``: networkx's writer, then the schema's rules on ``<graph>`` and ``<meta>``."""
    import xml.etree.ElementTree as ET

    buffer = io.BytesIO()
    nx.write_gexf(H, buffer, encoding="utf-8")
    namespace = "http://www.gexf.net/1.2draft"
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(buffer.getvalue())
    for graph in root.iter(f"{{{namespace}}}graph"):
        graph.attrib.pop("name", None)  # not an attribute of <graph> in the schema
    for meta in root.iter(f"{{{namespace}}}meta"):
        meta.set("lastmodifieddate", (today or date.today()).isoformat())
        for creator in meta.iter(f"{{{namespace}}}creator"):
            creator.text = "netmap"
    ET.indent(root)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="unicode") + "\n"


def write_exchange(G: nx.Graph, fmt: str, target: str | os.PathLike[str] | None) -> None:
    """Write ``G`` as ``graphml``, ``gexf`` or ``json`` (node-link) to a path or stdout."""
    from .output import write_text

    H = exchange_graph(G)
    if fmt == "json":
        text = json.dumps(node_link(H), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(_xml_graph(H), buffer, encoding="utf-8")
        text = buffer.getvalue().decode("utf-8")
    elif fmt == "gexf":
        today = G.graph.get("today")
        text = _gexf(_xml_graph(H), today if isinstance(today, date) else None)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(EXCHANGE_FORMATS)}")
    write_text(text, target)
