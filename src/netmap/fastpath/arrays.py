"""The network as the search reads it: numbered nodes, ties and group memberships as arrays.

Node 0 is the person searched from (you), nodes ``1..n`` the other people, ``n + 1..``
the groups (a company, office or school: an inferred tie is a path through one). Both the
columns of a data folder (:class:`~netmap.fastpath.ColumnNetwork`) and any scored networkx
graph (:meth:`SearchArrays.of_graph`) become these arrays, so one search
(:mod:`netmap.fastpath.walk`, :mod:`netmap.fastpath.routes`) answers both.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np


class SearchArrays:
    """Ties and memberships as arrays, and the search's working state.

    * ``pair_lo < pair_hi``, ``pair_warmth``: one tie between two people (or you) per
      entry, sorted by ``pair_key = pair_lo * (n + 1) + pair_hi``;
    * ``used_src -> used_dst``: introductions that happened, never walked that way again;
    * ``member_person``, ``member_group``, ``member_warmth``: one membership edge each.
    """

    n: int
    n_groups: int
    pair_lo: np.ndarray
    pair_hi: np.ndarray
    pair_key: np.ndarray
    pair_warmth: np.ndarray
    used_src: np.ndarray
    used_dst: np.ndarray
    member_person: np.ndarray
    member_group: np.ndarray
    member_warmth: np.ndarray

    #: costs (``-log`` warmth) when the arrays were given costs (a graph's): exact, even where
    #: the warmth would underflow; else worked out from the warmths
    pair_cost: np.ndarray | None = None
    member_cost: np.ndarray | None = None

    def tie_costs(self, at: np.ndarray | slice = slice(None)) -> np.ndarray:
        """The cost of the ties ``at`` (default: every tie)."""
        return self.pair_cost[at] if self.pair_cost is not None else -np.log(self.pair_warmth[at])

    def membership_costs(self, at: np.ndarray | slice = slice(None)) -> np.ndarray:
        """The cost of the memberships ``at`` (default: every membership)."""
        if self.member_cost is not None:
            return self.member_cost[at]
        return -np.log(np.asarray(self.member_warmth[at], float))

    def __init__(self) -> None:
        # the search's edge arrays, built when first needed (netmap.fastpath.walk)
        self.total = 0
        self.edge_sets: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.reverse_sets: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
        #: the people you know directly (and you), by node: the search never reaches them after a guess
        self.guarded = np.zeros(0, bool)
        #: the last layered search: ((max_hops, inferred), its costs)
        self.searched: tuple[tuple[float, bool], tuple[list[np.ndarray], list[np.ndarray]]] | None = None

    @classmethod
    def of_graph(cls, G: nx.Graph, source: str, weight: str = "cost") -> tuple[SearchArrays, list[Any]]:
        """The arrays of a scored graph searched from ``source``, and the node of each number.

        A node whose ``kind`` is ``"group"`` is a group; every other node is a person. An
        edge's cost (``-log`` warmth) is its ``weight`` attribute; an edge's
        ``introduced_by`` names the referrers whose introduction it records (spent in that
        direction). Raises ``nx.NodeNotFound`` when ``source`` is not in ``G`` and ValueError
        for a directed graph or a multigraph, an edge without a cost (a number >= 0), or one the
        search cannot mean: between two groups, or an ``inferred`` tie between two people
        (netmap infers a tie only through a group).

        >>> G = nx.Graph()
        >>> G.add_edge("me", "a", cost=0.5); G.add_edge("a", "b", cost=1.0, introduced_by=("a",))
        >>> arrays, nodes = SearchArrays.of_graph(G, "me")
        >>> nodes, arrays.pair_lo.tolist(), arrays.pair_hi.tolist(), arrays.used_src.tolist()
        (['me', 'a', 'b'], [0, 1], [1, 2], [1])
        """
        if G.is_directed() or G.is_multigraph():
            raise ValueError("the search reads an undirected nx.Graph (a tie runs both ways, one edge a pair): "
                             "convert it with nx.Graph(G)")  # fmt: skip
        if source not in G:
            raise nx.NodeNotFound(f"source {source!r} is not in the graph")
        kinds = G.nodes(data="kind")
        groups = [v for v, kind in kinds if kind == "group" and v != source]
        people = [v for v, kind in kinds if kind != "group" and v != source]
        nodes = [source, *people, *groups]
        index = {v: i for i, v in enumerate(nodes)}
        n = len(people)
        pairs: list[tuple[int, int, float]] = []
        members: list[tuple[int, int, float]] = []
        used: list[tuple[int, int]] = []
        for u, v, d in G.edges(data=True):
            a, b = sorted((index[u], index[v]))
            if a == b:
                continue
            cost = d.get(weight)
            if not isinstance(cost, int | float) or not cost >= 0:  # also NaN
                raise ValueError(f"the edge {u!r} - {v!r} has {weight!r} {cost!r}: give every edge a cost, "
                                 "a number >= 0 (-log warmth)")  # fmt: skip
            if a > n:
                raise ValueError(f"the edge {u!r} - {v!r} joins two groups: a group is reached only from a person")
            if b > n:
                members.append((a, b, cost))
                continue
            if d.get("inferred"):
                raise ValueError(f"the tie {u!r} - {v!r} is inferred but joins two people: "
                                 "an inferred tie runs through a group node")  # fmt: skip
            pairs.append((a, b, cost))
            for referrer in d.get("introduced_by", ()):
                if referrer in (u, v):
                    start = index[referrer]
                    used.append((start, a + b - start))
        arrays = cls()
        arrays.n, arrays.n_groups = n, len(groups)
        pair = np.array(pairs, dtype=np.float64).reshape(-1, 3)
        lo, hi = pair[:, 0].astype(np.int64), pair[:, 1].astype(np.int64)
        order = np.argsort(lo * (n + 1) + hi, kind="stable")
        arrays.pair_lo, arrays.pair_hi, arrays.pair_cost = lo[order], hi[order], pair[order, 2]
        arrays.pair_warmth = np.exp(-arrays.pair_cost)
        arrays.pair_key = arrays.pair_lo * (n + 1) + arrays.pair_hi
        spent = np.array(used, dtype=np.int64).reshape(-1, 2)
        arrays.used_src, arrays.used_dst = spent[:, 0], spent[:, 1]
        member = np.array(members, dtype=np.float64).reshape(-1, 3)
        arrays.member_person, arrays.member_group = member[:, 0].astype(np.int64), member[:, 1].astype(np.int64)
        arrays.member_cost = member[:, 2]
        arrays.member_warmth = np.exp(-arrays.member_cost)
        return arrays, nodes


def stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for non-negative integer keys, two to five times faster:
    one plain sort of ``key * len + position`` (all distinct, so any sort keeps equal keys in
    their order) wherever that fits in 64 bits.

    >>> stable_order(np.array([3, 1, 3, 0, 1])).tolist()
    [3, 1, 4, 0, 2]
    """
    n = len(keys)
    if n == 0:
        return np.zeros(0, np.int64)
    top = int(keys.max())
    if int(keys.min()) < 0 or (top + 1) * n >= 1 << 63:
        return np.argsort(keys, kind="stable")
    order = keys.astype(np.int64) * n
    order += np.arange(n)
    order.sort()
    order %= n
    return order


def use_returning_pool() -> None:
    """Make pyarrow allocate from jemalloc, where the installed pyarrow has it and the user has
    not chosen a pool (``ARROW_DEFAULT_MEMORY_POOL``): it gives freed memory back to the system,
    which keeps the peak of ranking a million people about 300 MB lower than with mimalloc,
    pyarrow's default, at the same speed (bench/README.md). Arrays already made keep their pool.
    """
    import os

    import pyarrow as pa

    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ and "jemalloc" in pa.supported_memory_backends():
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def release_freed_memory() -> None:
    """Give the memory freed by a large build back to the system.

    Both allocators keep freed memory for reuse: pyarrow's pool, and glibc's heap, where
    numpy's temporaries of a few MB land. After the columns of a million-person network are
    built that is hundreds of MB that the search would otherwise add to the process's peak.
    Elsewhere than glibc (macOS, musl) only pyarrow's pool is asked.
    """
    import ctypes
    import ctypes.util

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def unique_first_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(keys, return_index=True, return_inverse=True)`` for non-negative integer keys,
    by :func:`stable_order` (np.unique sorts with a slower stable sort).

    >>> [a.tolist() for a in unique_first_inverse(np.array([5, 2, 5, 9]))]
    [[2, 5, 9], [1, 0, 3], [1, 0, 1, 2]]
    """
    order = stable_order(keys)
    ordered = keys[order]
    start = np.ones(len(ordered), bool)
    np.not_equal(ordered[1:], ordered[:-1], out=start[1:])
    inverse = np.empty(len(keys), np.int64)
    inverse[order] = np.cumsum(start) - 1
    return ordered[start], order[start], inverse
