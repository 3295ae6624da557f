"""Hop-bounded best-path search on a scored graph.

The cost of a tie is ``-log(warmth)``, so the warmest path (largest product of
warmths) is the cheapest. A path may use at most ``max_hops`` ties between people;
an inferred tie through a group node counts as one hop (two half-hop edges).

The search is a label-setting Dijkstra over (node, hops used) states that keeps, per
node, only labels with fewer hops than every cheaper label already settled: exact
for the hop bound, and on equal cost it prefers fewer hops.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("me", "a", cost=0.1, hops=1.0); G.add_edge("a", "t", cost=0.1, hops=1.0)
>>> G.add_edge("me", "t", cost=0.5, hops=1.0)
>>> best = best_paths(G, "me", max_hops=2)
>>> best["t"].path, round(best["t"].cost, 2)
(['me', 'a', 't'], 0.2)
>>> best_paths(G, "me", max_hops=1)["t"].path
['me', 't']
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True, slots=True)
class Found:
    """The best path found to a node: its cost, hops and the node ids along it."""

    cost: float
    hops: float
    path: list[str]


def best_paths(
    G: nx.Graph,
    source: str,
    *,
    max_hops: float = 3,
    exclude: Collection[str] = (),
    stop: Callable[[float, dict[str, Found]], bool] | None = None,
    weight: str = "cost",
) -> dict[str, Found]:
    """Best path from ``source`` to every node reachable within ``max_hops``.

    ``exclude`` nodes are never entered. ``stop(cost, found)`` is asked before each
    new node is settled, with the cost of the cheapest open label; return True to end
    early (every node already in ``found`` is then final).
    """
    if source not in G:
        raise nx.NodeNotFound(f"source {source!r} is not in the graph")
    limit = int(round(max_hops * 2))
    adj = G._adj
    excluded = set(exclude)
    fewest: dict[str, int] = {}  # fewest half-hops among the settled labels of a node
    found: dict[str, Found] = {}
    parent: dict[tuple[str, int], tuple[str, int] | None] = {(source, 0): None}
    label_cost: dict[tuple[str, int], float] = {(source, 0): 0.0}
    heap: list[tuple[float, int, str]] = [(0.0, 0, source)]
    while heap:
        cost, half, node = heapq.heappop(heap)
        if fewest.get(node, limit + 1) <= half or label_cost[(node, half)] < cost:
            continue  # dominated, or a stale heap entry
        if node not in found:
            if stop is not None and stop(cost, found):
                break
            found[node] = Found(cost, half / 2, _unwind(parent, (node, half)))
        fewest[node] = half
        for nbr, data in adj[node].items():
            if nbr in excluded:
                continue
            nhalf = half + (1 if data.get("hops", 1.0) == 0.5 else 2)
            if nhalf > limit or fewest.get(nbr, limit + 1) <= nhalf:
                continue
            state = (nbr, nhalf)
            ncost = cost + data[weight]
            if ncost < label_cost.get(state, float("inf")):
                label_cost[state] = ncost
                parent[state] = (node, half)
                heapq.heappush(heap, (ncost, nhalf, nbr))
    return found


def _unwind(parent: dict[tuple[str, int], tuple[str, int] | None], state: tuple[str, int]) -> list[str]:
    path = []
    current: tuple[str, int] | None = state
    while current is not None:
        path.append(current[0])
        current = parent[current]
    path.reverse()
    return path
