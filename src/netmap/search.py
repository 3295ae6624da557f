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
import math
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


def best_paths_by_first_hop(
    G: nx.Graph,
    source: str,
    targets: Collection[str],
    *,
    k: int,
    max_hops: float = 3,
    max_cost: float = math.inf,
    weight: str = "cost",
) -> dict[str, list[Found]]:
    """Up to ``k`` best paths from ``source`` to each target, each through a different first hop.

    One label-setting search whose labels remember their first hop: a node keeps a
    label only while fewer than ``k`` other first hops reached it at least as cheaply
    with no more hops, which is all the ``k`` best routes of anything beyond it can
    use. Paths come cheapest first; a direct tie to the target counts as its own route.
    The search ends once every target has ``k`` routes, or at ``max_cost``.

    >>> G = nx.Graph()
    >>> for u, v, c in [("me", "a", 0.1), ("me", "b", 0.2), ("a", "t", 0.1), ("b", "t", 0.5)]:
    ...     G.add_edge(u, v, cost=c, hops=1.0)
    >>> [(f.path, round(f.cost, 2)) for f in best_paths_by_first_hop(G, "me", {"t"}, k=2)["t"]]
    [(['me', 'a', 't'], 0.2), (['me', 'b', 't'], 0.7)]
    """
    if source not in G:
        raise nx.NodeNotFound(f"source {source!r} is not in the graph")
    limit = int(round(max_hops * 2))
    adj = G._adj
    wanted = set(targets)
    # per node: {first hop: fewest half-hops settled}
    settled: dict[str, dict[str, int]] = {}
    found: dict[str, list[Found]] = {t: [] for t in wanted}
    # a label: (cost, half, tie-break, node, first, parent label index)
    labels: list[tuple[str, int]] = [(source, -1)]  # (node, parent) per label index
    heap: list[tuple[float, int, int, str, str, int]] = []
    for nbr, data in adj[source].items():
        half = 1 if data.get("hops", 1.0) == 0.5 else 2
        if half <= limit:
            labels.append((nbr, 0))
            heapq.heappush(heap, (data[weight], half, len(labels) - 1, nbr, nbr, len(labels) - 1))
    waiting = {t for t in wanted if t != source}
    while heap and waiting:
        cost, half, _, node, first, me = heapq.heappop(heap)
        if cost > max_cost:
            break
        firsts = settled.setdefault(node, {})
        if firsts.get(first, limit + 1) <= half:
            continue  # this first hop already reached here as cheaply with no more hops
        if sum(1 for f, h in firsts.items() if f != first and h <= half) >= k:
            continue  # k other first hops got here as cheaply with no more hops
        new_first = first not in firsts
        firsts[first] = half
        if node in wanted and new_first and len(found[node]) < k:
            found[node].append(Found(cost, half / 2, _unwind_labels(labels, me)))
            if len(found[node]) == k:
                waiting.discard(node)
        for nbr, data in adj[node].items():
            if nbr == source:
                continue
            nhalf = half + (1 if data.get("hops", 1.0) == 0.5 else 2)
            if nhalf > limit or settled.get(nbr, {}).get(first, limit + 1) <= nhalf:
                continue
            labels.append((nbr, me))
            heapq.heappush(heap, (cost + data[weight], nhalf, len(labels) - 1, nbr, first, len(labels) - 1))
    return found


def _unwind_labels(labels: list[tuple[str, int]], index: int) -> list[str]:
    path = []
    while index >= 0:
        node, index = labels[index]
        path.append(node)
    path.reverse()
    return path
