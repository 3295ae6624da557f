"""Where the target map puts people: the answer in columns, the rest of the network as context.

The answer is you, the people on the ranked paths (in columns, see
:func:`~netmap.maps.layout.column_layout`), the rest of the target office in a block under
its column and the company's other offices in a block to the right. Everyone else is
context: company discs below the answer, hidden until the page shows them.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_nodes_from([("me", {}), ("a", {"name": "A"}), ("t", {"name": "T", "office_key": "x"}),
...                   ("u", {"name": "U"}), ("z", {"name": "Z", "company_key": "far"})])
>>> place = answer_layout(G, [["me", "a", "t"]], ["t", "u"], [], ["a", "t", "u", "z"])
>>> place.pos["me"], place.pos["a"], place.pos["t"], place.pos["u"]
((0.0, 0.0), (300.0, 0.0), (600.0, 0.0), (600.0, 126.0))
>>> sorted(place.answer), place.context
(['a', 'me', 't', 'u'], ['z'])
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ..model import ME
from .layout import cluster_layout, column_layout, grid_layout

COL_GAP = 300.0
ROW_GAP = 90.0
#: the grid of the office's and the other offices' people
CELL = (210.0, 70.0)


@dataclass
class Answer:
    """Positions of everyone, who is in the answer, and the two blocks' corners."""

    pos: dict[str, tuple[float, float]]
    answer: set[str]
    context: list[str]
    office_at: tuple[float, float] | None
    others_at: tuple[float, float] | None

    def blocks(self, office: str, company: str) -> list[tuple[str, float, float]]:
        """``(text, x, y)`` of the blocks' headings: the target office, the other offices."""
        out = []
        if self.office_at:
            out.append((office, *self.office_at))
        if self.others_at:
            out.append((f"{company}, other offices", *self.others_at))
        return out


def answer_layout(
    G: nx.Graph,
    paths: list[list[str]],
    at_office: list[str],
    elsewhere: list[str],
    persons: list[str],
    *,
    seed: int = 0,
) -> Answer:
    """Place the ranked ``paths``, the office's other people, the other offices and the context."""

    def by_name(n: str) -> tuple[str, str]:
        return (G.nodes[n].get("name", ""), n)

    columns = column_layout([p if p[0] == ME else [ME, *p] for p in paths], col_gap=COL_GAP, row_gap=ROW_GAP)
    pos: dict[str, tuple[float, float]] = dict(columns)
    pos.setdefault(ME, (0.0, 0.0))
    last_x = max(x for x, _ in pos.values())
    top_y = min(y for _, y in pos.values())
    bottom = max(y for _, y in pos.values())
    dx, dy = CELL
    office = sorted((p for p in at_office if p not in pos), key=by_name)
    pos.update(grid_layout(office, x=last_x, y=bottom + ROW_GAP * 1.4, cols=2, dx=dx, dy=dy))
    others = sorted(
        (p for p in elsewhere if p not in pos), key=lambda n: (G.nodes[n].get("office_key", ""), *by_name(n))
    )
    other_x = last_x + 2 * dx + 120
    cols = max(1, math.ceil(math.sqrt(len(others) / 2)))
    pos.update(grid_layout(others, x=other_x, y=top_y, cols=cols, dx=dx, dy=dy))
    answer = set(pos)

    context = [n for n in persons if n not in answer]
    if context:
        clusters: dict[str, list[str]] = defaultdict(list)
        for n in sorted(context, key=by_name):
            clusters[G.nodes[n].get("company_key", "")].append(n)
        ctx = cluster_layout([clusters[k] for k in sorted(clusters)], seed=seed)
        reach = max(max(abs(x), abs(y)) for x, y in ctx.values())
        shift = max(y for _, y in pos.values()) + 250 + reach
        for n, (x, y) in ctx.items():
            pos[n] = (round(x + last_x / 2, 1), round(y + shift, 1))
    return Answer(
        pos,
        answer,
        context,
        (last_x, top_y - 70) if at_office else None,
        (other_x, top_y - 70) if others else None,
    )
