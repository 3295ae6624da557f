"""How a map looks: one palette per data folder, line styles, legend rows, vis-network options.

Colours (see docs/maps.md):

- companies: the :data:`PALETTE` largest companies *of the whole folder* (by people
  in it) get their own colour, in that order; every other company is
  :data:`OTHER_COLOR`, people without a company :data:`NO_COMPANY_COLOR`. The order
  depends only on the folder, so a company keeps its colour in every map of it.
  The palette is Paul Tol's "muted" scheme, made to stay distinct for colour-blind
  readers;
- introduction statuses (the referral tree) use Okabe-Ito green, orange and
  vermillion, which no company uses;
- highlighting (a selected path or chain) is never a colour: the selected ties are
  drawn thick in :data:`INK`, the rest fade to a pale tint of their own colour (the page
  mixes 15% of it with white).

Line styles never mean two things: solid is a tie you recorded, long dashes an
inferred tie (same company, office or school), dots an introduction still pending.

>>> pal = Palette.of_counts({"acme": 9, "globex": 4, "initech": 4, "tiny": 1}, names={"acme": "Acme"})
>>> pal.color("acme") == PALETTE[0], pal.color("globex") == PALETTE[1], pal.color("zzz") == OTHER_COLOR
(True, True, True)
>>> pal.color("") == NO_COMPANY_COLOR
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

#: company colours: Paul Tol's colour-blind-safe "muted" scheme, most distinct first
PALETTE = (
    "#332288",
    "#88CCEE",
    "#DDCC77",
    "#44AA99",
    "#CC6677",
    "#882255",
    "#117733",
    "#AA4499",
    "#999933",
)
OTHER_COLOR = "#9AA5B1"
NO_COMPANY_COLOR = "#D5DBE1"
USER_COLOR = "#1F2933"
#: highlighting: thick ink lines (never a status or company colour)
INK = "#1F2933"
#: explicit ties: one colour (warmth shows as width), so vis-network need not parse one per tie
EDGE = "rgba(82,96,109,0.55)"
INFERRED_EDGE = "rgba(82,96,109,0.4)"
#: line styles (vis-network ``dashes``): inferred ties and pending introductions differ
INFERRED_DASHES = [8, 6]
PENDING_DASHES = [2, 5]
#: a tie's ``style`` -> its vis-network ``dashes`` (the page applies it; solid ties have no style)
DASHES = {"inferred": INFERRED_DASHES, "pending": PENDING_DASHES}
PENDING_STATUSES = ("suggested", "requested", "made")
#: label size of a person on a network map unless they matter more (vis-network's default here)
PERSON_FONT = 10
#: introduction statuses of the referral tree (Okabe-Ito; no company colour is one of these)
MET_COLOR = "#009E73"
CLOSED_COLOR = "#D55E00"
PENDING_COLOR = "#E69F00"
STARTER_COLOR = "#0072B2"


@dataclass(frozen=True, slots=True)
class Palette:
    """Company key -> colour, fixed for a data folder (largest companies first)."""

    colors: dict[str, str]
    names: dict[str, str]
    others: int

    @classmethod
    def of_counts(cls, counts: dict[str, int], names: dict[str, str] | None = None) -> Palette:
        """The palette of companies with these head counts (ties broken by key)."""
        ranked = sorted((k for k in counts if k), key=lambda k: (-counts[k], k))
        colors = {k: PALETTE[i] for i, k in enumerate(ranked[: len(PALETTE)])}
        return cls(colors, dict(names or {}), max(0, len(ranked) - len(PALETTE)))

    @classmethod
    def of_graph(cls, G: nx.Graph) -> Palette:
        """The palette of the folder ``G`` was built from: every person counts, drawn or not (a
        part of a network carries the whole folder's ``company_sizes``)."""
        counts = G.graph.get("company_sizes") or Counter(
            d.get("company_key", "") for _, d in G.nodes(data=True) if d.get("kind") == "person"
        )
        return cls.of_counts(counts, G.graph.get("company_names", {}))

    def color(self, company_key: str) -> str:
        if not company_key:
            return NO_COMPANY_COLOR
        return self.colors.get(company_key, OTHER_COLOR)

    def legend(self, shown: set[str]) -> list[dict[str, str]]:
        """Legend rows for the companies in ``shown`` (keys), in palette order, then the greys."""
        rows = [swatch(self.names.get(k, k), c) for k, c in self.colors.items() if k in shown]
        if any(k and k not in self.colors for k in shown):
            rows.append(swatch("Other companies", OTHER_COLOR))
        if "" in shown:
            rows.append(swatch("No company on record", NO_COMPANY_COLOR))
        return rows


def swatch(name: str, color: str, mark: str = "dot") -> dict[str, str]:
    """One legend row: ``mark`` is a shape (dot, star, diamond) or a line (solid, dashed, dotted, ink).

    >>> swatch("Acme", "#332288")
    {'name': 'Acme', 'color': '#332288', 'mark': 'dot'}
    """
    return {"name": name, "color": color, "mark": mark}


def network_legend(*, inferred: bool, pending: bool, target: str | None = None) -> list[dict[str, str]]:
    """The rows explaining shapes and lines (the company colours come from :class:`Palette`)."""
    rows = [swatch("You", USER_COLOR, "star")]
    if target:
        rows.append(swatch(f"Person at {target} (the target)", "#52606D", "diamond"))
    rows.append(swatch("Person (colour: company)", "#52606D", "dot"))
    rows.append(swatch("Tie you recorded (width: warmth)", EDGE, "solid"))
    if inferred:
        rows.append(swatch("Inferred tie: same company, office or school", EDGE, "dashed"))
    if pending:
        rows.append(swatch("Introduction still pending", EDGE, "dotted"))
    if target:
        rows.append(swatch("Selected path (label: warmth of the hop)", INK, "ink"))
    return rows


def is_pending(d: dict[str, Any]) -> bool:
    """An explicit tie made only of introductions that are still pending (suggested, requested, made)."""
    kinds = d.get("kinds")
    if not kinds:
        return False
    for k in kinds:  # plain loops: this runs once per tie drawn
        if k != "introduction" and k != "introduced":
            return False
    for e in d.get("evidence") or ():
        if e.status not in PENDING_STATUSES:
            return False
    return True


def user_node(x: float, y: float, **extra: Any) -> dict[str, Any]:
    """The vis-network node of the user: a pinned dark star labelled "You"."""
    return {
        "id": "me", "label": "You", "kind": "user", "shape": "star", "size": 30, "x": x, "y": y, **extra,
        "fixed": True, "color": {"background": USER_COLOR, "border": USER_COLOR}, "baseColor": USER_COLOR,
        "title": "You", "company": "", "office": "", "tags": [],
        "font": {"size": 18, "bold": True},
    }  # fmt: skip


def label_node(nid: str, label: str, x: float, y: float, size: int) -> dict[str, Any]:
    """A company or block name drawn as text on the map (not a person, not clickable)."""
    return {
        "id": nid, "label": label, "kind": "label", "shape": "text", "x": round(x, 1), "y": round(y, 1),
        "font": {"size": size, "color": "#3E4C59", "bold": True}, "physics": False, "chosen": False,
        "company": "", "office": "", "tags": [], "baseColor": "#3E4C59",
    }  # fmt: skip


def vis_options(physics: bool, size: int, seed: int) -> dict[str, Any]:
    """vis-network options: straight edges, seeded, physics bounded or off, labels by zoom."""
    large = size > 2000
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "springLength": 60,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": physics, "iterations": 120, "updateInterval": 40, "fit": False},
            "minVelocity": 1.0,
            "maxVelocity": 40,
        },
        "edges": {
            "smooth": False,
            "color": {"color": EDGE, "inherit": False},
            # hop warmth on the selected path: above the line, on a white halo
            "font": {"size": 13, "align": "top", "color": INK, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "size": PERSON_FONT,
                "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            # a label is drawn once its size on screen reaches 8 px: big labels (your own
            # ties, brokers) show first, the rest as you zoom in
            "scaling": {"label": {"enabled": False, "drawThreshold": 9}},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
    }
