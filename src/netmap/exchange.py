"""Writing the scored graph for Gephi, Cytoscape or igraph (GraphML, GEXF, JSON).

GraphML and GEXF accept only str/int/float/bool attributes, so every value is
flattened: dates as ISO text, lists joined by ``"; "``; missing values are left out.
Each tie carries ``warmth``, ``kind``, ``inferred`` and its evidence as text.

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
    H = nx.Graph()
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
            "directions": "; ".join(
                f"{e.source}>{e.target}" for e in evidence if e.kind == "introduction"
            ),
            "statuses": "; ".join(e.status for e in evidence if e.status),
            "role": data.get("role", ""),
        }
        H.add_edge(u, v, **attrs)
    return H


def write_exchange(G: nx.Graph, fmt: str, target: str | os.PathLike[str] | None) -> None:
    """Write ``G`` as ``graphml``, ``gexf`` or ``json`` (node-link) to a path or stdout."""
    from .output import write_text

    H = exchange_graph(G)
    if fmt == "json":
        text = json.dumps(nx.node_link_data(H, edges="edges"), ensure_ascii=False, indent=1) + "\n"
    elif fmt in ("graphml", "gexf"):
        buffer = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(H, buffer, encoding="utf-8")
        text = buffer.getvalue().decode("utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(EXCHANGE_FORMATS)}")
    write_text(text, target)
