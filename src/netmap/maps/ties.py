"""The ties a map draws: recorded ties, inferred ties of small groups, every hop of a ranked path.

A recorded tie is solid, or dotted when it is only an introduction still pending; an
inferred tie (same company, office or school) is dashed and drawn only for groups of at
most :attr:`~netmap.maps.model.MapOptions.inferred_clique_max` members on the map, so
the number of lines stays linear. An inferred hop of a ranked path is always drawn.
Ties are lean dicts (``id``, ``from``, ``to``, ``width``, ``baseColor``, ``why`` and
``style`` when not solid); the page derives vis-network's colour, tooltip and dashes
(:data:`~netmap.maps.style.DASHES`, sent once).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .model import MapOptions, MapPath
from .style import EDGE, INFERRED_EDGE, is_pending

GROUP_LABEL = {"company": "same company", "office": "same office", "school": "same school"}


@dataclass
class Ties:
    """The ties of one map as it is built, and the ids and labels they refer to."""

    G: nx.Graph
    options: MapOptions
    ids: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    #: inferred ties waiting to be drawn (after the explicit ones and the path hops)
    inferred: dict[tuple[str, str], tuple[float, str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)

    def _explicit(self, drawn: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
        G, drawn_set = self.G, set(drawn)
        order = {n: i for i, n in enumerate(drawn)}
        explicit = []
        for a in drawn:
            for b, d in G[a].items():
                if b in drawn_set and not d.get("inferred") and order[a] < order[b]:
                    explicit.append((a, b, d))
        for a, b, d in explicit:
            kinds = ", ".join(d.get("kinds", [])) or "tie"
            pending = is_pending(d)
            why = f"warmth {d.get('warmth', 0):.2f} ({kinds}{', pending' if pending else ''})"
            self._add_edge(a, b, float(d.get("warmth", 0.1)), "pending" if pending else "solid", why)
        return explicit

    def _any_pending(self) -> bool:
        return any(e.get("style") == "pending" for e in self.edges)

    def _add_edge(self, a: str, b: str, warmth: float, style: str, why: str) -> None:
        k = key(a, b)
        if k in self.pairs:
            return
        self.pairs[k] = len(self.edges)
        # the page script derives vis-network's `color` and the `title` ("A - B\nwhy")
        # from these, which keeps a 10,000-person file a third smaller
        edge = {
            "id": f"e{len(self.edges)}",
            "from": self.ids[a],
            "to": self.ids[b],
            "width": round(0.5 + 4 * warmth, 1),
            "baseColor": INFERRED_EDGE if style == "inferred" else EDGE,
            "why": why,
        }
        if style != "solid":  # most ties are solid: at 10,000 people this keeps 0.5 MB out of the file
            edge["style"] = style
        self.edges.append(edge)

    def _inferred_groups(self, persons: list[str]) -> dict[tuple[str, str], tuple[float, str]]:
        G = self.G
        members: dict[str, list[str]] = defaultdict(list)
        for n in persons:
            for g, d in G[n].items():
                if d.get("inferred") and G.nodes[g].get("kind") == "group":
                    members[g].append(n)
        pairs: dict[tuple[str, str], tuple[float, str]] = {}
        for g in sorted(members):
            group = members[g]
            if len(group) < 2 or len(group) > self.options.inferred_clique_max:
                continue
            why = self._group_why(g)
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    w = G[a][g]["warmth"] * G[b][g]["warmth"]
                    k = key(a, b)
                    if k not in self.pairs and (k not in pairs or pairs[k][0] < w):
                        pairs[k] = (w, why)
        return pairs

    def _group_why(self, g: str) -> str:
        node = self.G.nodes[g]
        kind = GROUP_LABEL.get(node.get("group", ""), "shared group")
        if self.options.redact and node.get("group") == "school":
            return f"{kind} (inferred)"
        return f"{kind}: {node.get('name', '')} (inferred)"

    def _add_inferred(self, pairs: dict[tuple[str, str], tuple[float, str]], drawn: list[str]) -> None:
        self.inferred = pairs
        self.order = {n: i for i, n in enumerate(drawn)}

    def _flush_inferred(self) -> None:
        order = self.order
        for (a, b), (w, why) in sorted(self.inferred.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])):
            self._add_edge(a, b, w, "inferred", why)
        self.inferred = {}

    def _paths(self, ranked: list[Any], hops: list[list[str]]) -> list[MapPath]:
        """The panel's rows; every hop of a ranked path is drawn, inferred or not."""
        pairs = self.inferred
        out = []
        for p, h in zip(ranked, hops, strict=True):
            for a, b in zip(h, h[1:], strict=False):
                k = key(a, b)
                if k not in self.pairs and k not in pairs:
                    pairs[k] = (inferred_warmth(self.G, a, b), "shared group (inferred)")
            out.append(
                MapPath(
                    p.rank,
                    round(float(p.score), 4),
                    [self.ids[n] for n in h],
                    [self.labels[n] for n in h],
                    bool(p.cold),
                    [] if self.options.redact else [str(r) for r in p.reasons],
                    inferred=[d.inferred for d in p.hop_details] if len(h) == len(p.path) else [],
                )
            )
        self._flush_inferred()
        return out


def key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def inferred_warmth(G: nx.Graph, a: str, b: str) -> float:
    """Warmth of the best shared group of ``a`` and ``b`` (0.05 when they share none)."""
    best = 0.05
    for g, d in G[a].items():
        if d.get("inferred") and G.has_edge(b, g):
            best = max(best, d["warmth"] * G[b][g]["warmth"])
    return best
