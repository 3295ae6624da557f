"""Seeded positions for a map, computed in Python so the browser draws at once.

All deterministic for a given input and seed, all linear (or n log n) in time:

- :func:`cluster_layout` (the whole network): each cluster (a company) is a
  sunflower disc of its members, and the discs sit on a golden-angle spiral around
  the user, the most important first. Members are spaced about ``spacing`` apart, a
  scale tuned to vis-network's node sizes so a large map is not a dark blob; nothing
  pulls people into a pile around the user.
- :func:`column_layout` (a target): the user on the left, the people to ask in
  the middle, the target's people in the last column, ordered so paths rarely
  cross; :func:`grid_layout` places the rest of the answer in tidy blocks.
- :func:`ring_layout` (a neighbourhood): the person in the middle, ring ``k`` at
  ``k`` ties, so no outlier can shrink the first view to a blob.
- :func:`tree_layout` (a tree or forest under one root, linear time): layered,
  each level one row, leaves side by side and every parent centred over its
  children (the referral view).

>>> pos = cluster_layout([["a", "b", "c"], ["d"]], centre="me")
>>> pos["me"]
(0.0, 0.0)
>>> sorted(pos) == ["a", "b", "c", "d", "me"]
True
>>> cluster_layout([["a", "b", "c"], ["d"]], centre="me") == pos
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

#: a node id
N = TypeVar("N", bound=Hashable)

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _disc(n: int, step: float) -> list[tuple[float, float]]:
    """``n`` points of a sunflower (Vogel) disc, neighbours about ``step * 1.8`` apart."""
    return [
        (
            step * math.sqrt(k + 0.5) * math.cos(k * GOLDEN_ANGLE),
            step * math.sqrt(k + 0.5) * math.sin(k * GOLDEN_ANGLE),
        )
        for k in range(n)
    ]


def cluster_discs(
    sizes: Sequence[int], *, spacing: float = 40.0, seed: int = 0, room: float | None = None
) -> list[tuple[float, float, float, float]]:
    """``(x, y, radius, turn)`` of the disc of each cluster of ``sizes`` members, in input order.

    Discs are placed in the order given (put the most important first) on a
    golden-angle spiral around the origin, leaving ``room`` (default ``2 * spacing``)
    free at the centre for the user.
    """
    rng = random.Random(seed)
    step = spacing / 1.8
    used_area = math.pi * (room if room is not None else 2 * spacing) ** 2
    discs = []
    for placed, size in enumerate(sizes):
        radius = step * math.sqrt(max(size, 1)) + spacing
        distance = math.sqrt(used_area / math.pi) + radius
        angle = placed * GOLDEN_ANGLE
        discs.append((distance * math.cos(angle), distance * math.sin(angle), radius, rng.uniform(0, 2 * math.pi)))
        used_area += math.pi * (radius + spacing / 2) ** 2 * 1.15
    return discs


def cluster_layout(
    clusters: Sequence[Sequence[N]],
    *,
    centre: N | None = None,
    spacing: float = 40.0,
    seed: int = 0,
    ordered: bool = False,
) -> dict[N, tuple[float, float]]:
    """Positions for nodes grouped in ``clusters`` (each a list, in the order to place members).

    ``centre`` (the user) is put at the origin. Clusters are placed largest first on
    a spiral (in the order given when ``ordered``); the first members of a cluster
    sit at the middle of its disc. The ``seed`` turns each disc by a reproducible angle.
    """
    step = spacing / 1.8
    pos: dict[N, tuple[float, float]] = {}
    if centre is not None:
        pos[centre] = (0.0, 0.0)
    order = list(range(len(clusters)))
    if not ordered:
        order.sort(key=lambda i: -len(clusters[i]))
    order = [i for i in order if clusters[i]]
    discs = cluster_discs([len(clusters[i]) for i in order], spacing=spacing, seed=seed)
    for i, (cx, cy, _radius, turn) in zip(order, discs, strict=True):
        members = clusters[i]
        cos_t, sin_t = math.cos(turn), math.sin(turn)
        for node, (x, y) in zip(members, _disc(len(members), step), strict=True):
            pos[node] = (round(cx + x * cos_t - y * sin_t, 1), round(cy + x * sin_t + y * cos_t, 1))
    return pos


def ring_layout(
    rings: Sequence[Sequence[N]], *, gap: float = 170.0, spacing: float = 120.0
) -> dict[N, tuple[float, float]]:
    """Concentric rings: ``rings[0]`` (the centre person) at the origin, ring ``k`` around it.

    Members keep the order given (group them, e.g. by company, so a company is one
    arc); a ring's radius grows so neighbours on ring ``k`` stay ``spacing / k``
    apart (the first ring, the closest people, has room for their labels). Nothing
    can drift away: every node is within the last ring.

    >>> pos = ring_layout([["c"], ["a", "b"]], gap=100)
    >>> pos["c"], pos["a"], pos["b"]
    ((0.0, 0.0), (0.0, -100.0), (0.0, 100.0))
    """
    pos: dict[N, tuple[float, float]] = {}
    radius = 0.0
    for k, ring in enumerate(rings):
        if k == 0:
            for node in ring:
                pos[node] = (0.0, 0.0)
            continue
        radius = max(radius + gap, len(ring) * spacing / k / (2 * math.pi))
        for j, node in enumerate(ring):
            angle = -math.pi / 2 + 2 * math.pi * j / len(ring) + (k - 1) * 0.3
            pos[node] = (round(radius * math.cos(angle) + 0.0, 1), round(radius * math.sin(angle) + 0.0, 1))
    return pos


def column_layout(
    paths: Sequence[Sequence[N]], *, col_gap: float = 280.0, row_gap: float = 90.0, sweeps: int = 4
) -> dict[N, tuple[float, float]]:
    """Paths drawn left to right: the start at ``x = 0``, the ends in the last column.

    Each path is ``[start, ..., end]``. A node sits in the column of its earliest
    place on any path, except that every end is in the last column. Within a column
    nodes are ordered by the mean row of their neighbours (a few up and down sweeps,
    the barycentre heuristic), so paths rarely cross, and spaced ``row_gap`` apart
    around ``y = 0``.

    >>> pos = column_layout([["me", "a", "t"], ["me", "b", "c", "u"]], col_gap=10, row_gap=10)
    >>> [pos[n] for n in ("me", "a", "b", "c", "t", "u")]
    [(0.0, 0.0), (10.0, -5.0), (10.0, 5.0), (20.0, 0.0), (30.0, -5.0), (30.0, 5.0)]
    """
    if not paths:
        return {}
    last = max(1, max(len(p) for p in paths) - 1)
    ends = {p[-1] for p in paths if len(p) > 1}
    column: dict[N, int] = {}
    first_seen: dict[N, int] = {}
    for rank, p in enumerate(paths):
        for i, node in enumerate(p):
            c = last if node in ends else i
            column[node] = min(column.get(node, c), c)
            first_seen.setdefault(node, rank)
    neighbours: dict[N, set[N]] = {n: set() for n in column}
    for p in paths:
        for a, b in zip(p, p[1:], strict=False):
            neighbours[a].add(b)
            neighbours[b].add(a)
    columns: list[list[N]] = [[] for _ in range(last + 1)]
    for node in sorted(column, key=lambda n: (first_seen[n], column[n])):
        columns[column[node]].append(node)
    row = {n: float(i) for col in columns for i, n in enumerate(col)}

    def reorder(c: int, towards: int) -> None:
        def centre(n: N) -> float:
            near = [row[m] for m in neighbours[n] if (column[m] - c) * towards > 0]
            return sum(near) / len(near) if near else row[n]

        columns[c].sort(key=lambda n: (centre(n), row[n]))
        for i, n in enumerate(columns[c]):
            row[n] = float(i)

    for _ in range(sweeps):
        for c in range(1, last + 1):
            reorder(c, -1)
        for c in range(last - 1, 0, -1):
            reorder(c, 1)
    pos = {}
    for c, col in enumerate(columns):
        for i, n in enumerate(col):
            pos[n] = (round(float(c * col_gap), 1), round((i - (len(col) - 1) / 2) * row_gap, 1))
    return pos


def grid_layout(
    nodes: Sequence[N], *, x: float, y: float, cols: int, dx: float = 200.0, dy: float = 70.0
) -> dict[N, tuple[float, float]]:
    """``nodes`` row by row in a grid of ``cols`` columns whose top-left node is at ``(x, y)``.

    >>> grid_layout(["a", "b", "c"], x=0, y=0, cols=2, dx=10, dy=5)
    {'a': (0.0, 0.0), 'b': (10.0, 0.0), 'c': (0.0, 5.0)}
    """
    cols = max(1, cols)
    return {
        n: (round(float(x + (i % cols) * dx), 1), round(float(y + (i // cols) * dy), 1)) for i, n in enumerate(nodes)
    }


def tree_layout(
    children: Mapping[N, Sequence[N]],
    root: N,
    *,
    spacing: float = 70.0,
    level_gap: float = 220.0,
    seed: int = 0,
) -> dict[N, tuple[float, float]]:
    """Layered positions for the tree under ``root``: level ``k`` at ``y = k * level_gap``.

    Leaves sit ``spacing`` apart in depth-first order; a parent is centred over its
    first and last child, so no two subtrees overlap. Children are placed in the
    order given when ``seed`` is 0, else in a reproducible shuffle of it. ``root``
    is at ``x = 0``. No recursion: a chain may be long.

    >>> pos = tree_layout({"me": ["a", "b"], "a": ["c", "d"]}, "me", spacing=10, level_gap=100)
    >>> pos["me"], pos["a"], pos["c"], pos["d"], pos["b"]
    ((0.0, 0.0), (-7.5, 100.0), (-12.5, 200.0), (-2.5, 200.0), (7.5, 100.0))
    """
    rng = random.Random(seed)

    def kids(node: N) -> list[N]:
        out = list(children.get(node, ()))
        if seed:
            rng.shuffle(out)
        return out

    x: dict[N, float] = {}
    level: dict[N, int] = {root: 0}
    order: dict[N, list[N]] = {}
    next_slot = 0
    stack: list[tuple[N, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            below = order[node]
            x[node] = (x[below[0]] + x[below[-1]]) / 2
            continue
        order[node] = [k for k in kids(node) if k not in level]
        for k in order[node]:
            level[k] = level[node] + 1
        if not order[node]:
            x[node] = next_slot * spacing
            next_slot += 1
            continue
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(order[node]))
    shift = x[root]
    return {n: (round(x[n] - shift, 1), round(float(level[n] * level_gap), 1)) for n in x}
