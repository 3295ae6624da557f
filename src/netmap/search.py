"""Hop-bounded best-path search on a scored graph, under the rules that keep paths honest.

The cost of a tie is ``-log(warmth)``, so the warmest path (largest product of
warmths) is the cheapest. A path may use at most ``max_hops`` ties between people;
an inferred tie through a group node counts as one hop (two half-hop edges).

Two rules say which paths may be reported at all (:func:`path_allowed` states them):

* **A guess never beats a real tie.** A person the source knows directly is never
  reached after an inferred hop (a shared company, office or school): the route to
  them is their direct tie, or a route of known ties only.
* **An introduction is not used twice.** When ``R`` already introduced you to ``C``
  (status made, met or thanked: ``C`` is now your own tie), a path never goes from
  ``R`` to ``C`` over that introduction. Edges carry the referrers concerned in
  ``introduced_by``.

The search is a label-setting Dijkstra over (node, hops used, inferred yet?) states
that keeps, per node, only labels with fewer hops than every cheaper label already
settled with no more constraints: exact for the hop bound, and on equal cost it
prefers fewer hops.

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

from .graph import adjacency


@dataclass(frozen=True, slots=True)
class Found:
    """The best path found to a node: its cost, hops and the node ids along it."""

    cost: float
    hops: float
    path: list[str]


def _half(data: dict) -> int:
    return 1 if data.get("hops", 1.0) == 0.5 else 2


def _guarded(G: nx.Graph, owner: str) -> set[str]:
    """The people ``owner`` knows directly: never to be reached through a guess."""
    return {n for n, d in adjacency(G)[owner].items() if not d.get("inferred")}


def path_allowed(G: nx.Graph, path: list[str]) -> bool:
    """True when a node path from its first node obeys both rules of this module.

    >>> G = nx.Graph()
    >>> G.add_edge("me", "b", inferred=False); G.add_edge("me", "z", inferred=False)
    >>> G.add_edge("z", "g", inferred=True); G.add_edge("g", "b", inferred=True)
    >>> path_allowed(G, ["me", "z", "g", "b"])      # b is known directly: not through a guess
    False
    >>> G.add_edge("r", "c", introduced_by=("r",))
    >>> path_allowed(G, ["r", "c"]), path_allowed(G, ["c", "r"])   # r already introduced you to c
    (False, True)
    """
    guarded = _guarded(G, path[0])
    guessed = False
    for u, v in zip(path, path[1:], strict=False):
        data = G[u][v]
        if u in data.get("introduced_by", ()):
            return False
        guessed = guessed or bool(data.get("inferred"))
        if guessed and v in guarded:
            return False
    return True


def best_paths(
    G: nx.Graph,
    source: str,
    *,
    max_hops: float = 3,
    exclude: Collection[str] = (),
    stop: Callable[[float, dict[str, Found]], bool] | None = None,
    weight: str = "cost",
    toward: str | None = None,
) -> dict[str, Found]:
    """Best allowed path from ``source`` to every node reachable within ``max_hops``.

    ``exclude`` nodes are never entered. ``stop(cost, found)`` is asked before each
    new node is settled, with the cost of the cheapest open label; return True to end
    early (every node already in ``found`` is then final).

    ``toward=owner`` searches backwards: each path found, reversed and with ``owner``
    in front (``[owner, *reversed(path)]``, ``owner`` first reaching the node found),
    obeys the rules as a path from ``owner``. :func:`netmap.ranking.alternative_paths`
    uses it to find every contact's best route to one person in one search.
    """
    if source not in G:
        raise nx.NodeNotFound(f"source {source!r} is not in the graph")
    limit = int(round(max_hops * 2))
    adj = adjacency(G)
    excluded = set(exclude)
    backwards = toward is not None
    guarded = _guarded(G, toward if toward is not None else source)
    # fewest half-hops among the settled labels of (node, constrained?)
    fewest: dict[tuple[str, bool], int] = {}
    found: dict[str, Found] = {}
    start = (source, 0, backwards and source in guarded)
    parent: dict[tuple[str, int, bool], tuple[str, int, bool] | None] = {start: None}
    label_cost: dict[tuple[str, int, bool], float] = {start: 0.0}
    heap: list[tuple[float, int, bool, str]] = [(0.0, 0, start[2], source)]
    never = limit + 1
    while heap:
        cost, half, flag, node = heapq.heappop(heap)
        state = (node, half, flag)
        if label_cost[state] < cost or fewest.get((node, False), never) <= half:
            continue  # a stale heap entry, or dominated by a freer label
        if flag and fewest.get((node, True), never) <= half:
            continue
        if node not in found:
            if stop is not None and stop(cost, found):
                break
            found[node] = Found(cost, half / 2, _unwind(parent, state))
        fewest[(node, flag)] = half
        for nbr, data in adj[node].items():
            if nbr in excluded:
                continue
            nhalf = half + _half(data)
            if nhalf > limit:
                continue
            inferred = bool(data.get("inferred"))
            if backwards:  # the path runs nbr -> node; flag: a person you know lies beyond
                if nbr in data.get("introduced_by", ()) or (flag and inferred):
                    continue
                nflag = flag or nbr in guarded
            else:  # flag: an inferred hop lies behind
                if node in data.get("introduced_by", ()):
                    continue
                nflag = flag or inferred
                if nflag and nbr in guarded:
                    continue
            if fewest.get((nbr, False), never) <= nhalf or (nflag and fewest.get((nbr, True), never) <= nhalf):
                continue
            nstate = (nbr, nhalf, nflag)
            ncost = cost + data[weight]
            if ncost < label_cost.get(nstate, math.inf):
                label_cost[nstate] = ncost
                parent[nstate] = state
                heapq.heappush(heap, (ncost, nhalf, nflag, nbr))
    return found


def _unwind(parent: dict, state: tuple) -> list[str]:
    path = []
    current = state
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
    """Up to ``k`` best allowed paths from ``source`` to each target, each through a different first hop.

    One label-setting search whose labels remember their first hop: a node keeps a
    label only while fewer than ``k`` other first hops reached it at least as cheaply
    with no more hops (and no more constraints), which is all the ``k`` best routes of
    anything beyond it can use. Paths come cheapest first; a direct tie to the target
    counts as its own route. The search ends once every target has ``k`` routes, or
    at ``max_cost``.

    >>> G = nx.Graph()
    >>> for u, v, c in [("me", "a", 0.1), ("me", "b", 0.2), ("a", "t", 0.1), ("b", "t", 0.5)]:
    ...     G.add_edge(u, v, cost=c, hops=1.0)
    >>> [(f.path, round(f.cost, 2)) for f in best_paths_by_first_hop(G, "me", {"t"}, k=2)["t"]]
    [(['me', 'a', 't'], 0.2), (['me', 'b', 't'], 0.7)]
    """
    if source not in G:
        raise nx.NodeNotFound(f"source {source!r} is not in the graph")
    limit = int(round(max_hops * 2))
    adj = adjacency(G)
    wanted = set(targets)
    guarded = _guarded(G, source)
    # per node: {(first hop, inferred yet?): fewest half-hops settled}
    settled: dict[str, dict[tuple[str, bool], int]] = {}
    found: dict[str, list[Found]] = {t: [] for t in wanted}
    labels: list[tuple[str, int]] = [(source, -1)]  # (node, parent label index) per label
    # a heap entry: (cost, half, tie-break, node, first, inferred yet?, label index)
    heap: list[tuple[float, int, int, str, str, bool, int]] = []
    for nbr, data in adj[source].items():
        half = _half(data)
        if half <= limit:
            labels.append((nbr, 0))
            index = len(labels) - 1
            heapq.heappush(heap, (data[weight], half, index, nbr, nbr, bool(data.get("inferred")), index))
    waiting = {t for t in wanted if t != source}
    while heap and waiting:
        cost, half, _, node, first, flag, me = heapq.heappop(heap)
        if cost > max_cost:
            break
        marks = settled.setdefault(node, {})
        if _dominated(marks, first, flag, half, k):
            continue
        new_first = all(f != first for f, _ in marks)
        marks[(first, flag)] = half
        if node in wanted and new_first and len(found[node]) < k:
            found[node].append(Found(cost, half / 2, _unwind_labels(labels, me)))
            if len(found[node]) == k:
                waiting.discard(node)
        for nbr, data in adj[node].items():
            if nbr == source or node in data.get("introduced_by", ()):
                continue
            nhalf = half + _half(data)
            nflag = flag or bool(data.get("inferred"))
            if nhalf > limit or (nflag and nbr in guarded):
                continue
            if _dominated(settled.get(nbr, {}), first, nflag, nhalf, k, own_only=True):
                continue
            labels.append((nbr, me))
            index = len(labels) - 1
            heapq.heappush(heap, (cost + data[weight], nhalf, index, nbr, first, nflag, index))
    return found


def _dominated(
    marks: dict[tuple[str, bool], int], first: str, flag: bool, half: int, k: int, own_only: bool = False
) -> bool:
    """Whether a label (first, flag, half) can be dropped given the settled ``marks`` of its node."""
    never = 1 << 30
    if marks.get((first, False), never) <= half or (flag and marks.get((first, True), never) <= half):
        return True
    if own_only:
        return False
    others = {f for (f, g), h in marks.items() if f != first and h <= half and (flag or not g)}
    return len(others) >= k


def _unwind_labels(labels: list[tuple[str, int]], index: int) -> list[str]:
    path = []
    while index >= 0:
        node, index = labels[index]
        path.append(node)
    path.reverse()
    return path
