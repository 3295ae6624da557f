"""Searching the columns: the hop-bounded cheapest paths from you (a layered Bellman-Ford over
edge arrays, with the rules of :mod:`netmap.search`), walking a path back, and who is tied to whom."""

from __future__ import annotations

import numpy as np

from .arrays import SearchArrays, stable_order
from .read import Unsupported


def layered_costs(net: SearchArrays, max_hops: float,
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
    net.guarded = guarded
    net.edge_sets = [_tie_csr(net, guarded, total)]
    members = []
    if inferred:
        mp, mg = net.member_person.astype(np.int32), net.member_group.astype(np.int32)
        mc = net.membership_costs()
        out = ~guarded[mp]  # into a group, then out of it to a person not known directly
        members = [(mp, mg + total, mc), (mp + total, mg + total, mc), (mg[out] + total, mp[out] + total, mc[out])]
    net.edge_sets.append(_csr(members, 2 * total))
    net.reverse_sets = None  # built when a backward search needs them (netmap.fastpath.routes)
    dist = [np.full(2 * total, np.inf)]
    dist[0][0] = 0.0
    improved = [np.array([0], np.int64)]
    for t in range(1, int(round(2 * max_hops)) + 1):
        cur = dist[t - 1].copy()
        for hh, (indptr, nbr, cost) in zip((2, 1), net.edge_sets, strict=True):
            if t - hh < 0 or not len(improved[t - hh]):
                continue
            frontier = improved[t - hh]
            _relax(cur, frontier, dist[t - hh][frontier], indptr, nbr, cost)
        improved.append(np.flatnonzero(cur < dist[t - 1]))
        dist.append(cur)
    result = [np.minimum(d[:total], d[total:]) for d in dist], dist
    net.searched = ((max_hops, inferred), result)
    return result


#: edges relaxed at once: bounds the search's working memory (a layer can touch 20M edges at 1M people)
RELAX_CHUNK = 1 << 22


def _relax(cur: np.ndarray, frontier: np.ndarray, values: np.ndarray, indptr: np.ndarray, nbr: np.ndarray,
           cost: np.ndarray) -> None:  # fmt: skip
    """``cur[v] = min(cur[v], values[i] + cost)`` over every edge out of ``frontier[i]``, in chunks
    of about :data:`RELAX_CHUNK` edges (a minimum does not depend on the order)."""
    starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
    ends = np.cumsum(counts)
    lo = 0
    while lo < len(frontier):
        hi = max(int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + RELAX_CHUNK, side="right")), lo + 1)
        c = counts[lo:hi]
        n = int(c.sum())
        if n:
            offsets = np.repeat(starts[lo:hi] - np.cumsum(c) + c, c) + np.arange(n)
            np.minimum.at(cur, nbr[offsets], np.repeat(values[lo:hi], c) + cost[offsets])
        lo = hi


def _tie_csr(net: SearchArrays, guarded: np.ndarray, total: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ties between people as state edges grouped by source state (pointer, target, cost):
    each tie both ways between known copies, and between guessed copies into a person not known
    directly; an introduction that happened (R -> C) is left out in that direction. A known
    row holds the ties to higher nodes, then to lower ones; a guessed row is its known row
    without the people known directly. Built in place: at 1M people these are 17M edges."""
    lo, hi = net.pair_lo, net.pair_hi
    forth, back = np.ones(len(lo), bool), np.ones(len(lo), bool)  # lo -> hi, hi -> lo
    if len(net.used_src):
        a, b = net.used_src.astype(np.int64), net.used_dst.astype(np.int64)
        key = np.minimum(a, b) * (net.n + 1) + np.maximum(a, b)
        at = np.minimum(np.searchsorted(net.pair_key, key), len(lo) - 1)
        tie = net.pair_key[at] == key  # the tie the introduction made (always there)
        forth[at[tie & (a < b)]] = False
        back[at[tie & (a > b)]] = False
    known = int(forth.sum()) + int(back.sum())
    guessed = int(np.count_nonzero(forth & ~guarded[hi])) + int(np.count_nonzero(back & ~guarded[lo]))
    indptr, dst, cost = _csr([(lo[forth], hi[forth], forth), (hi[back], lo[back], back)], 2 * total,
                             known + guessed, net.tie_costs())  # fmt: skip
    # the guessed rows: the known rows' edges into people not known directly, moved up by total
    keep = ~guarded[dst[:known]]
    kept = np.zeros(known + 1, np.int32 if known < 1 << 31 else np.int64)
    np.cumsum(keep, out=kept[1:])  # kept[i]: how many of the first i edges are kept
    indptr[total + 1 :] = kept[indptr[1 : total + 1]]
    indptr[total + 1 :] += known
    del kept
    np.compress(keep, dst[:known], out=dst[known:])
    dst[known:] += total
    np.compress(keep, cost[:known], out=cost[known:])
    return indptr, dst, cost


def _csr(
    blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    size: int,
    capacity: int | None = None,
    costs: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges grouped by source state: (pointer, target, cost). ``blocks`` of (source, target,
    cost) arrays, each source's edges in block then input order: a stable sort of the blocks
    joined, done block by block (a block already in source order, as the ties are, costs no sort).
    With ``costs``, a block's third array picks its costs out of ``costs`` (a mask or indices);
    ``capacity`` leaves room after the edges for the caller to fill."""
    counts = [np.bincount(src, minlength=size) for src, _, _ in blocks]
    indptr = np.zeros(size + 1, np.int64)
    np.cumsum(np.sum(counts, axis=0) if counts else np.zeros(size, np.int64), out=indptr[1:])
    filled = int(indptr[-1])
    dst_out = np.empty(max(filled, capacity or 0), np.int32)
    cost_out = np.empty(max(filled, capacity or 0))
    offset = indptr[:-1].copy()
    for (src, dst, cost), count in zip(blocks, counts, strict=True):
        if costs is not None:
            cost = costs[cost]
        if len(src) and not np.all(src[1:] >= src[:-1]):
            order = stable_order(src)
            src, dst, cost = src[order], dst[order], cost[order]
        first = np.cumsum(count) - count  # where each source starts in this block
        at = offset[src] + np.arange(len(src)) - first[src]
        dst_out[at], cost_out[at] = dst, cost
        offset += count
    return indptr, dst_out, cost_out


def tied_to(net: SearchArrays, node: int, *, inferred: bool = False) -> np.ndarray:
    """The nodes with a tie to ``node`` (0 is you, row r is node r + 1), ascending; ``inferred``
    adds the people who share a group (company, office, school) with it."""
    out = [net.pair_hi[net.pair_lo == node], net.pair_lo[net.pair_hi == node]]
    if inferred and node:
        groups = net.member_group[net.member_person == node]
        out.append(net.member_person[np.isin(net.member_group, groups)])
    tied = np.unique(np.concatenate(out).astype(np.int64))
    return tied[tied != node]


def reverse_sets(net: SearchArrays) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The search's edges by the state they lead into (pointer, state before, cost), as
    :func:`layered_costs` left them; built once."""
    if net.reverse_sets is None:
        total = net.total
        net.reverse_sets = []
        for indptr, dst, cost in net.edge_sets:
            src = np.repeat(np.arange(2 * total), np.diff(indptr))
            order = stable_order(dst)
            rptr = np.zeros(2 * total + 1, np.int64)
            np.cumsum(np.bincount(dst, minlength=2 * total), out=rptr[1:])
            net.reverse_sets.append((rptr, src[order], cost[order]))
    return net.reverse_sets


def unwind(net: SearchArrays, states: list[np.ndarray], v: int, t: int) -> list[int]:
    """Walk back from node v at layer t along ties that account for its cost exactly.

    The edges into a state are found from the forward edge sets (ties run both ways at the
    level of people, so a state's neighbours are the rows of its node's two copies), with no
    reverse index: building one costs more than the whole walk (seconds at 1M people).
    """
    total = net.total
    s = v if states[t][v] <= states[t][v + total] else v + total
    path = [s]
    while s != 0:
        best = None
        for value, hh, u in _edges_into(net, states, s, t):  # cheapest first
            if any(u % total == x % total for x in path):
                continue
            if abs(value - states[t][s]) <= 1e-9 * max(1.0, states[t][s]):
                best = (value, u, hh)
            break
        if best is None:
            raise Unsupported("path reconstruction")
        _, s, hh = best
        t -= hh
        path.append(s)
    return [x % total for x in path[::-1]]


def _edges_into(net: SearchArrays, states: list[np.ndarray], s: int, t: int) -> list[tuple[float, int, int]]:
    """``(cost to here through it, 2 or 1 half-hops, state before)`` for every edge into state s
    from a state reached by layer t - half-hops, cheapest first; ties between people before
    groups on equal cost, then the lower state. Vectorised: a company's thousands of members
    are one array operation, not a loop."""
    total = net.total
    v = s % total
    guessed = s >= total
    found: list[tuple[np.ndarray, np.ndarray, int]] = []  # (values, states before, 0 ties / 1 groups)
    if t >= 2 and v <= net.n:  # a tie between people runs both ways at the same cost
        indptr, dst, cost = net.edge_sets[0]
        near, c = dst[indptr[v] : indptr[v + 1]].astype(np.int64), cost[indptr[v] : indptr[v + 1]]
        if len(net.used_src):
            back = net.used_dst[net.used_src == v].astype(np.int64)  # v -> u spent: u is not in v's row
            if len(back):
                key = np.minimum(back, v) * (net.n + 1) + np.maximum(back, v)
                near = np.concatenate([near, back])
                c = np.concatenate([c, net.tie_costs(np.searchsorted(net.pair_key, key))])
            spent = np.isin(near, net.used_src[net.used_dst == v])  # u -> v spent: no edge into v
            near, c = near[~spent], c[~spent]
        before = near + total if guessed else near
        found.append((states[t - 2][before] + c, before, 0))
    if t >= 1:
        indptr, dst, cost = net.edge_sets[1]
        if v > net.n:  # a group: from each member, known or guessed
            at = np.flatnonzero(net.member_group == v)
            people, c = net.member_person[at].astype(np.int64), net.membership_costs(at)
            for before in (people, people + total):
                found.append((states[t - 1][before] + c, before, 1))
        elif guessed:  # a person reached by a guess: from their groups
            groups, c = dst[indptr[v] : indptr[v + 1]].astype(np.int64), cost[indptr[v] : indptr[v + 1]]
            found.append((states[t - 1][groups] + c, groups, 1))
    if not found:
        return []
    values = np.concatenate([f[0] for f in found])
    before = np.concatenate([f[1] for f in found])
    kind = np.concatenate([np.full(len(f[0]), f[2]) for f in found])
    ok = np.isfinite(values)
    values, before, kind = values[ok], before[ok], kind[ok]
    order = np.lexsort((before, kind, values))
    return [(float(values[i]), 2 if kind[i] == 0 else 1, int(before[i])) for i in order]
