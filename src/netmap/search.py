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

There is one search: the hop-layered search over arrays of :mod:`netmap.fastpath.walk`
(and every contact's route to one person, :func:`netmap.fastpath.routes.routes_to`), exact
for the hop bound and, on equal cost, preferring fewer hops. A data folder's columns are
searched directly; a networkx graph (a notebook's, or one it changed) is turned into the
same arrays (:meth:`~netmap.fastpath.arrays.SearchArrays.of_graph`) by :class:`GraphSearch`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from .graph import adjacency

if TYPE_CHECKING:
    from .fastpath.routes import Route


@dataclass(frozen=True, slots=True)
class Found:
    """The best path found to a node: its cost, hops and the node ids along it."""

    cost: float
    hops: float
    path: list[str]


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


class GraphSearch:
    """One search of a scored graph from ``source``, within ``max_hops`` hops: its best paths
    and every contact's routes to a person, as :class:`Found` paths of node ids.

    ``weight`` names the edge attribute holding each tie's cost (``-log`` warmth). The
    graph is read once, when the search is made; a graph changed afterwards needs a new one.

    >>> G = nx.Graph()
    >>> for u, v, c in [("me", "a", 0.1), ("me", "b", 0.2), ("a", "t", 0.1), ("b", "t", 0.5)]:
    ...     G.add_edge(u, v, cost=c)
    >>> search = GraphSearch(G, "me", max_hops=2)
    >>> search.best("t").path, [f.path for f in search.routes("t")]
    (['me', 'a', 't'], [['me', 'a', 't'], ['me', 'b', 't']])
    """

    def __init__(self, G: nx.Graph, source: str, *, max_hops: float = 3, weight: str = "cost") -> None:
        from .fastpath.arrays import SearchArrays
        from .fastpath.walk import layered_costs

        self.arrays, self.nodes = SearchArrays.of_graph(G, source, weight)
        self.number = {v: i for i, v in enumerate(self.nodes)}
        self.max_hops = max_hops
        self.costs, self.states = layered_costs(self.arrays, max_hops)

    def cost(self, node: Any) -> float:
        """The cost of the best path to ``node`` (``inf`` when none is within the hop bound)."""
        return float(self.costs[-1][self.number[node]]) if node in self.number else math.inf

    def best(self, node: Any) -> Found | None:
        """The best allowed path to ``node``, or None when there is none within the hop bound."""
        from .fastpath.walk import unwind

        if node not in self.number:
            return None
        v = self.number[node]
        layers = [float(c[v]) for c in self.costs]
        if not math.isfinite(layers[-1]):
            return None
        half = next(t for t, c in enumerate(layers) if c <= layers[-1])  # fewest hops among the cheapest
        return Found(layers[-1], half / 2, self.path(unwind(self.arrays, self.states, v, half)))

    def routes(self, node: Any, *, max_cost: float = math.inf, k: int | None = None) -> list[Found]:
        """The warmest route to ``node`` through each of the source's contacts, cheapest first
        (a direct tie is its own route), every one costing at most ``max_cost``; the first ``k``.
        A route starts with a tie to a person (never into a group)."""
        from .fastpath.routes import routes_to

        if node not in self.number:
            return []
        bound = min(max_cost, _NO_BOUND)
        return self.found(routes_to(self.arrays, self.states, self.number[node], self.max_hops, bound)[:k])

    def path(self, numbers: Iterable[int]) -> list[Any]:
        """The node ids of a path of node numbers."""
        return [self.nodes[i] for i in numbers]

    def found(self, routes: Iterable[Route]) -> list[Found]:
        """Routes of :func:`~netmap.fastpath.routes.routes_to` as :class:`Found` paths of node ids."""
        return [Found(r.cost, r.half_hops / 2, self.path(r.nodes)) for r in routes]


#: the bound of a search for every route: finite, so that unreachable states never pass it
_NO_BOUND = 1e300


def best_paths(
    G: nx.Graph,
    source: str,
    *,
    max_hops: float = 3,
    targets: Collection[Any] | None = None,
    weight: str = "cost",
) -> dict[Any, Found]:
    """Best allowed path from ``source`` to each of ``targets`` (default: every node) that
    has one within ``max_hops``.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("me", "a", cost=0.1); G.add_edge("a", "t", cost=0.1); G.add_edge("me", "t", cost=0.5)
    >>> best = best_paths(G, "me", max_hops=2)
    >>> best["t"].path, round(best["t"].cost, 2)
    (['me', 'a', 't'], 0.2)
    >>> best_paths(G, "me", max_hops=1)["t"].path
    ['me', 't']
    """
    search = GraphSearch(G, source, max_hops=max_hops, weight=weight)
    found = {}
    for node in search.nodes if targets is None else targets:
        best = search.best(node)
        if best is not None:
            found[node] = best
    return found


def best_paths_by_first_hop(
    G: nx.Graph,
    source: str,
    targets: Collection[Any],
    *,
    k: int,
    max_hops: float = 3,
    max_cost: float = math.inf,
    weight: str = "cost",
) -> dict[Any, list[Found]]:
    """Up to ``k`` best allowed paths from ``source`` to each target, each through a different
    first hop (a direct tie to the target counts as its own route), cheapest first, each
    costing at most ``max_cost``.

    >>> G = nx.Graph()
    >>> for u, v, c in [("me", "a", 0.1), ("me", "b", 0.2), ("a", "t", 0.1), ("b", "t", 0.5)]:
    ...     G.add_edge(u, v, cost=c)
    >>> [(f.path, round(f.cost, 2)) for f in best_paths_by_first_hop(G, "me", {"t"}, k=2)["t"]]
    [(['me', 'a', 't'], 0.2), (['me', 'b', 't'], 0.7)]
    """
    search = GraphSearch(G, source, max_hops=max_hops, weight=weight)
    return {t: search.routes(t, max_cost=max_cost, k=k) for t in targets}
