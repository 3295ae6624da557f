"""Every route to one person, one per contact of yours: the columnar search behind alternatives
(``paths --per-target``, ``--max-per-introducer``, ``--prefer reach``), ``ask`` and ``explain``.

The search runs backwards from the person over the state graph of :func:`~netmap.fastpath.walk.layered_costs`
(so the rules of :mod:`netmap.search` hold), layer by layer of half-hops, never through you. A state
is kept only while the cheapest way from you to it still leaves the route within ``bound``: with the
forward costs already known, colder routes are cut before they spread, so the search stays small.
Each contact of yours then gets the warmest route that starts with them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import SearchArrays
from .walk import reverse_sets


@dataclass(frozen=True, slots=True)
class Route:
    """One route from you (node 0): its cost (``-log`` warmth), half-hops and node numbers."""

    cost: float
    half_hops: int
    nodes: list[int]


def routes_to(net: SearchArrays, states: list[np.ndarray], node: int, max_hops: float, bound: float) -> list[Route]:
    """The warmest route to ``node`` through each of your contacts, cheapest first, down to ``bound``.

    ``states``: the forward state costs of :func:`~netmap.fastpath.walk.layered_costs` (same
    ``net``, ``max_hops``). Every route costing at most ``bound`` is found; on equal cost the
    one with fewer hops is kept. A direct tie to ``node`` is its own route ``[0, node]``.
    """
    total = net.total
    limit = int(round(2 * max_hops))
    bound = bound + 1e-9 * max(1.0, abs(bound))
    back = [np.full(2 * total, np.inf)]
    back[0][[node, node + total]] = 0.0
    improved = [np.array([node, node + total], np.int64)]
    via: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0, np.int64), np.zeros(0, np.int8))]
    for b in range(1, limit - 1):  # leave two half-hops for the tie from you to your contact
        cur = back[b - 1].copy()
        found = []
        for hh, (rptr, prev, cost) in zip((2, 1), reverse_sets(net), strict=True):
            if b - hh < 0 or not len(improved[b - hh]):
                continue
            frontier = improved[b - hh]
            starts, counts = rptr[frontier], rptr[frontier + 1] - rptr[frontier]
            n = int(counts.sum())
            if not n:
                continue
            offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(n)
            candidate = np.repeat(back[b - hh][frontier], counts) + cost[offsets]
            before = prev[offsets]
            # you must still reach `before` within the half-hops left, and not be on the route
            keep = (candidate + states[limit - b][before] <= bound) & (before % total != 0)
            found.append((before[keep], candidate[keep], np.repeat(frontier, counts)[keep], hh))
        nxt = np.full(2 * total, -1, np.int64)
        step = np.zeros(2 * total, np.int8)
        if found:
            d = np.concatenate([f[0] for f in found])
            c = np.concatenate([f[1] for f in found])
            s = np.concatenate([f[2] for f in found])
            h = np.concatenate([np.full(len(f[0]), f[3], np.int8) for f in found])
            order = np.lexsort((s, c, d))  # per state: the cheapest, then the lowest next node
            d, c, s, h = d[order], c[order], s[order], h[order]
            first = np.ones(len(d), bool)
            first[1:] = d[1:] != d[:-1]
            better = first & (c < cur[d])
            d, c = d[better], c[better]
            cur[d], nxt[d], step[d] = c, s[better], h[better]
            improved.append(d)
        else:
            improved.append(np.zeros(0, np.int64))
        back.append(cur)
        via.append((nxt, step))
    indptr, dst, cost = net.edge_sets[0]  # your ties: whole-hop edges out of node 0
    firsts, first_cost = dst[indptr[0] : indptr[1]], cost[indptr[0] : indptr[1]]
    layers = np.stack(back)[:, firsts]
    rest = layers.min(axis=0)
    totals = first_cost + rest
    routes = []
    for i in np.flatnonzero(np.isfinite(totals) & (totals <= bound)):
        f = int(firsts[i])
        b = int(np.argmax(layers[:, i] <= rest[i]))  # fewest half-hops among the cheapest
        path, state = [0, f], f
        half = b + 2
        while b > 0:
            nxt, step = via[b]
            state, b = int(nxt[state]), b - int(step[state])
            path.append(state)
        routes.append(Route(float(totals[i]), half, [x % total for x in path]))
    routes.sort(key=lambda r: (r.cost, r.half_hops, r.nodes[1]))
    return routes
