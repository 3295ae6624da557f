"""Seeded positions for a map, computed in Python so the browser draws at once.

Three layouts, all deterministic for a given input and seed:

- :func:`cluster_layout` (any size, linear time): each cluster (a company) is a
  sunflower disc of its members, and the discs sit on a golden-angle spiral around
  the user, largest first. Members are spaced about ``spacing`` apart, a scale tuned
  to vis-network's node sizes so a large map is not a dark blob.
- :func:`spring_layout` (small maps): networkx's Fruchterman-Reingold started from
  the cluster layout, with the user pinned at the origin. It needs only numpy and
  is quadratic, so it is used below :data:`SPRING_LIMIT` nodes.
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
from collections.abc import Hashable, Iterable, Sequence

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

#: maps with at most this many nodes are refined by a force-directed layout in Python
SPRING_LIMIT = 200


def _disc(n: int, step: float) -> list[tuple[float, float]]:
    """``n`` points of a sunflower (Vogel) disc, neighbours about ``step * 1.8`` apart."""
    return [
        (
            step * math.sqrt(k + 0.5) * math.cos(k * GOLDEN_ANGLE),
            step * math.sqrt(k + 0.5) * math.sin(k * GOLDEN_ANGLE),
        )
        for k in range(n)
    ]


def cluster_layout(
    clusters: Sequence[Sequence[Hashable]],
    *,
    centre: Hashable | None = None,
    spacing: float = 40.0,
    seed: int = 0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for nodes grouped in ``clusters`` (each a list, in the order to place members).

    ``centre`` (the user) is put at the origin. Clusters are placed largest first on
    a spiral; the ``seed`` turns each disc by a reproducible angle.
    """
    rng = random.Random(seed)
    step = spacing / 1.8
    pos: dict[Hashable, tuple[float, float]] = {}
    if centre is not None:
        pos[centre] = (0.0, 0.0)
    order = sorted(range(len(clusters)), key=lambda i: -len(clusters[i]))
    used_area = math.pi * (2 * spacing) ** 2  # room for the user
    for placed, i in enumerate(order):
        members = clusters[i]
        if not members:
            continue
        radius = step * math.sqrt(len(members)) + spacing
        distance = math.sqrt(used_area / math.pi) + radius
        angle = placed * GOLDEN_ANGLE
        cx, cy = distance * math.cos(angle), distance * math.sin(angle)
        turn = rng.uniform(0, 2 * math.pi)
        cos_t, sin_t = math.cos(turn), math.sin(turn)
        for node, (x, y) in zip(members, _disc(len(members), step), strict=True):
            pos[node] = (round(cx + x * cos_t - y * sin_t, 1), round(cy + x * sin_t + y * cos_t, 1))
        used_area += math.pi * (radius + spacing / 2) ** 2 * 1.15
    return pos


def spring_layout(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    initial: dict[Hashable, tuple[float, float]],
    *,
    pinned: Hashable | None = None,
    spacing: float = 40.0,
    seed: int = 0,
) -> dict[Hashable, tuple[float, float]]:
    """Refine ``initial`` positions with networkx's seeded spring layout (small graphs only).

    ``edges`` are ``(u, v, weight)``; stronger ties pull harder. The result is scaled
    so neighbours sit about ``spacing`` apart and ``pinned`` stays at the origin.
    """
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_weighted_edges_from(edges)
    if len(H) < 3:
        return {n: initial[n] for n in nodes}
    span = max(1.0, max(max(abs(x), abs(y)) for x, y in initial.values()))
    start = {n: (initial[n][0] / span, initial[n][1] / span) for n in nodes}
    fixed = [pinned] if pinned is not None and pinned in H else None
    raw = nx.spring_layout(
        H,
        pos=start,
        fixed=fixed,
        seed=seed,
        iterations=60,
        weight="weight",
        k=1.5 / math.sqrt(len(H)),
    )
    scale = spacing * math.sqrt(len(H)) * 0.9
    origin = raw[pinned] if fixed else (0.0, 0.0)
    out = {}
    for n in nodes:
        x, y = raw[n]
        out[n] = (round(float(x - origin[0]) * scale, 1), round(float(y - origin[1]) * scale, 1))
    return out


def tree_layout(
    children: dict[Hashable, Sequence[Hashable]],
    root: Hashable,
    *,
    spacing: float = 70.0,
    level_gap: float = 130.0,
    seed: int = 0,
) -> dict[Hashable, tuple[float, float]]:
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

    def kids(node: Hashable) -> list[Hashable]:
        out = list(children.get(node, ()))
        if seed:
            rng.shuffle(out)
        return out

    x: dict[Hashable, float] = {}
    level: dict[Hashable, int] = {root: 0}
    order: dict[Hashable, list[Hashable]] = {}
    next_slot = 0
    stack: list[tuple[Hashable, bool]] = [(root, False)]
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
