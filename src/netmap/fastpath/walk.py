"""Searching the columns: the hop-bounded cheapest paths from you (a layered Bellman-Ford over
edge arrays, with the rules of :mod:`netmap.search`), walking a path back, and who is tied to whom."""

from __future__ import annotations

import numpy as np

from .network import ColumnNetwork
from .read import Unsupported


def layered_costs(net: ColumnNetwork, max_hops: int,
                  inferred: bool = True) -> tuple[list[np.ndarray], list[np.ndarray]]:  # fmt: skip
    """``dist[t][s]``: cheapest cost from you to state s using at most t half-hops.

    The rules of :mod:`netmap.search` as a state graph: every node has a *known*
    copy (``v``: no inferred hop behind) and a *guessed* one (``v + total``); group
    nodes exist only guessed, and a person you know directly only known. Spent
    introductions (R -> C) are left out in that direction. A Bellman-Ford by layers
    (a tie between people is 2 half-hops, a group membership 1) that relaxes only
    the edges of states improved one or two layers back. The last search is kept on ``net``.
    """
    if net.searched is not None and net.searched[0] == (max_hops, inferred):
        return net.searched[1]  # the same question's search, already done
    total = net.total = net.n + 1 + net.n_groups
    guarded = np.zeros(total, bool)
    guarded[net.pair_hi[net.pair_lo == 0]] = True
    guarded[0] = True
    u = np.concatenate([net.pair_lo, net.pair_hi]).astype(np.int64)
    v = np.concatenate([net.pair_hi, net.pair_lo]).astype(np.int64)
    w = np.concatenate([net.pair_warmth, net.pair_warmth])
    if len(net.used_src):  # drop R -> C for every introduction that happened
        spent = np.isin(u * total + v, net.used_src * total + net.used_dst)
        u, v, w = u[~spent], v[~spent], w[~spent]
    into_guess = ~guarded[v]
    pairs = (np.concatenate([u, u[into_guess] + total]), np.concatenate([v, v[into_guess] + total]),
             np.concatenate([w, w[into_guess]]))  # fmt: skip
    mp, mg, mw = (net.member_person, net.member_group, net.member_warmth) if inferred else ([], [], [])
    mp, mg, mw = np.asarray(mp, np.int64), np.asarray(mg, np.int64), np.asarray(mw, float)
    out = ~guarded[mp] if len(mp) else np.zeros(0, bool)
    members = (np.concatenate([mp, mp + total, mg[out] + total]), np.concatenate([mg + total, mg + total,
               mp[out] + total]), np.concatenate([mw, mw, mw[out]]))  # fmt: skip
    net.edge_sets = []
    for src, dst, warmth in (pairs, members):
        src, dst = src.astype(np.int32), dst.astype(np.int32)
        cost = -np.log(warmth)
        order = np.argsort(src, kind="stable")
        indptr = np.zeros(2 * total + 1, np.int64)
        np.cumsum(np.bincount(src, minlength=2 * total), out=indptr[1:])
        net.edge_sets.append((indptr, dst[order], cost[order]))
    net.reverse_sets = None  # built by unwind when a path is wanted
    dist = [np.full(2 * total, np.inf)]
    dist[0][0] = 0.0
    improved = [np.array([0], np.int64)]
    for t in range(1, 2 * max_hops + 1):
        cur = dist[t - 1].copy()
        for hh, (indptr, nbr, cost) in zip((2, 1), net.edge_sets, strict=True):
            if t - hh < 0 or not len(improved[t - hh]):
                continue
            frontier = improved[t - hh]
            starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
            if not counts.sum():
                continue
            offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
            candidate = np.repeat(dist[t - hh][frontier], counts) + cost[offsets]
            np.minimum.at(cur, nbr[offsets], candidate)
        improved.append(np.flatnonzero(cur < dist[t - 1]))
        dist.append(cur)
    result = [np.minimum(d[:total], d[total:]) for d in dist], dist
    net.searched = ((max_hops, inferred), result)
    return result


def tied_to(net: ColumnNetwork, node: int, *, inferred: bool = False) -> np.ndarray:
    """The nodes with a tie to ``node`` (0 is you, row r is node r + 1), ascending; ``inferred``
    adds the people who share a group (company, office, school) with it."""
    out = [net.pair_hi[net.pair_lo == node], net.pair_lo[net.pair_hi == node]]
    if inferred and node:
        groups = net.member_group[net.member_person == node]
        out.append(net.member_person[np.isin(net.member_group, groups)])
    tied = np.unique(np.concatenate(out).astype(np.int64))
    return tied[tied != node]


def reverse_sets(net: ColumnNetwork) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The search's edges by the state they lead into (pointer, state before, cost), as
    :func:`layered_costs` left them; built once."""
    if net.reverse_sets is None:
        total = net.total
        net.reverse_sets = []
        for indptr, dst, cost in net.edge_sets:
            src = np.repeat(np.arange(2 * total), np.diff(indptr))
            order = np.argsort(dst, kind="stable")
            rptr = np.zeros(2 * total + 1, np.int64)
            np.cumsum(np.bincount(dst, minlength=2 * total), out=rptr[1:])
            net.reverse_sets.append((rptr, src[order], cost[order]))
    return net.reverse_sets


def unwind(net: ColumnNetwork, states: list[np.ndarray], v: int, t: int) -> list[int]:
    """Walk back from node v at layer t along ties that account for its cost exactly."""
    total = net.total
    s = v if states[t][v] <= states[t][v + total] else v + total
    path = [s]
    while s != 0:
        best = None
        for hh, (rptr, prev, cost) in zip((2, 1), reverse_sets(net), strict=True):
            if t - hh < 0:
                continue
            lo, hi = rptr[s], rptr[s + 1]
            cand = states[t - hh][prev[lo:hi]] + cost[lo:hi]
            for i in np.argsort(cand, kind="stable"):
                u = int(prev[lo + i])
                if any(u % total == x % total for x in path):
                    continue
                close = abs(cand[i] - states[t][s]) <= 1e-9 * max(1.0, states[t][s])
                if close and (best is None or cand[i] < best[0]):
                    best = (cand[i], u, hh)
                break
        if best is None:
            raise Unsupported("path reconstruction")
        _, s, hh = best
        t -= hh
        path.append(s)
    return [x % total for x in path[::-1]]
