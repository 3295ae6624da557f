"""Answers from the columns: the ranked rows of ``netmap paths`` and the whole scored graph."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from ..graph import (
    combine,
    company_key,
    spent_introductions,
)
from ..model import ME
from ..normalize import split_list
from ..ranking import Prefer, RankedPath, assemble
from ..search import Found
from ..targets import Fit, Target, resolve_target_in, target_fit
from ..weights import Weights
from .arrays import unique_first_inverse
from .evidence import (
    _evidence,
    _evidence_objects,
    _member_columns,
    _node_id,
    _past_employees,
    _person_attrs,
    _pieces_of,
)
from .network import MEMBER_ROLES, ColumnNetwork
from .read import Unsupported
from .target_search import search_target


def rank_paths_from_files(
    contacts_path: Path,
    intros_path: Path,
    company: str,
    *,
    weights: Weights | None = None,
    today: date | None = None,
    aliases: dict[str, str] | None = None,
    encoding: str | None = None,
    **options: Any,
) -> list[RankedPath]:
    """Rank the people at a target straight from the CSV files: :func:`rank_paths_in` (and its
    ``options``) on :meth:`ColumnNetwork.from_files`.

    Raises :class:`Unsupported` when the files need the full loader, and the library's
    :class:`~netmap.errors.NotFoundError` for an unknown company or office.
    """
    net = ColumnNetwork.from_files(Path(contacts_path), Path(intros_path), aliases or {}, weights or Weights(),
                                   today or date.today(), encoding)  # fmt: skip
    return rank_paths_in(net, company, **options)


def target_in(net: ColumnNetwork, company: str | Target, *, office: str | None = None, role: str | None = None):
    """``(Target, rows of the company's people, their columns)``; NotFoundError (with
    suggestions, past employees, the cold approach) for a company or office nobody is at.
    A :class:`~netmap.targets.Target` already resolved is taken as it is."""
    if isinstance(company, Target):
        rows = np.flatnonzero(net.person_key == company.company)
        return company, rows, _member_columns(net, rows)
    key = company_key(company, net.aliases)
    rows = np.flatnonzero(net.person_key == key) if key in net.company_names else np.array([], np.int64)
    m = _member_columns(net, rows)
    offices = Counter((k, o) for k, o in zip(m["office_key"], m["office"], strict=True) if k) if office else Counter()
    target = resolve_target_in(net.company_names, net.aliases, offices, company, office=office, role=role,
                               past=lambda k: _past_employees(net, k))  # fmt: skip
    return target, rows, m


def rank_paths_in(
    net: ColumnNetwork,
    company: str | Target,
    *,
    office: str | None = None,
    role: str | None = None,
    max_hops: int = 3,
    top: int | None = 20,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    inferred: bool = True,
) -> list[RankedPath]:
    """The rows of :func:`netmap.ranking.rank_paths` for a target, from the columns: the best path
    to every person at once (and, for the options that need them, every contact's route to the
    best-placed people), then a small graph of just those paths for the rows."""
    if prefer not in ("trust", "reach"):
        raise ValueError(f"prefer must be 'trust' or 'reach', not {prefer!r}")
    target, members_rows, m = target_in(net, company, office=office, role=role)
    members = m["id"]
    fits = _fits(net, target, m)
    found = search_target(net, members_rows + 1, [fits[p] for p in members], m["office"], m["name"],
                          max_hops=max_hops, top=top, per_target=per_target, max_per_introducer=max_per_introducer,
                          prefer=prefer, include_cold=include_cold, inferred=inferred)  # fmt: skip
    G = paths_graph(net, [*found.paths.values(), *(r.nodes for rs in found.routes.values() for r in rs)],
                    [int(members_rows[i]) for i in found.cold])  # fmt: skip
    paths = {members[i]: Found(0.0, 0.0, [_node_id(net, v) for v in p]) for i, p in found.paths.items()}
    routes = None
    if found.routes:
        routes = {members[i]: [Found(r.cost, r.half_hops / 2, [_node_id(net, v) for v in r.nodes]) for r in rs]
                  for i, rs in found.routes.items()}  # fmt: skip
    return assemble(G, target, members, fits, paths, max_hops=max_hops, top=top, per_target=per_target,
                    max_per_introducer=max_per_introducer, prefer=prefer, include_cold=include_cold,
                    cold=[members[i] for i in found.cold], routes=routes)  # fmt: skip


def _fits(net: ColumnNetwork, target: Target, m: dict[str, list]) -> dict[str, Fit]:
    """Each person's fit for the target (computed once per distinct title, tags and office)."""
    fit_of: dict[tuple[str, str, str], Fit] = {}  # few distinct titles, many people
    fits = {}
    for pid, t, g, k in zip(m["id"], m["title"], m["tags"], m["office_key"], strict=True):
        if (t, g, k) not in fit_of:
            fit_of[(t, g, k)] = target_fit({"title": t, "tags": split_list(g), "office_key": k}, target, net.weights)
        fits[pid] = fit_of[(t, g, k)]
    return fits


def _memberships_of(net: ColumnNetwork, ties: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The membership row of each (person, group) tie, in either order, found in one pass."""
    if not ties:
        return {}
    span = net.n + 1 + net.n_groups
    keys = net.member_person.astype(np.int64) * span + net.member_group
    order = np.argsort(keys, kind="stable")
    wanted = np.array([min(u, v) * span + max(u, v) for u, v in ties], np.int64)  # the person is the lower
    at = order[np.searchsorted(keys[order], wanted)]
    return {tie: int(i) for tie, i in zip(ties, at.tolist(), strict=True)}


def paths_graph(net: ColumnNetwork, paths: Iterable[list[int]], rows: Iterable[int] = ()) -> nx.Graph:
    """A small scored graph of just these node paths (and the people of ``rows``): their people
    and groups, their ties with full evidence, the people that evidence names, and your own tie
    to the end of a longer path (a warmer route beats it: the reasons say so)."""
    weights = net.weights
    G: nx.Graph = nx.Graph(today=net.today, weights=weights, aliases=dict(net.aliases),
                           company_names=net.company_names)  # fmt: skip
    G.add_node(ME, kind="user", name="You", label="You")
    paths = list(paths)
    nodes = sorted({v for p in paths for v in p})
    pair_sorted = net.pair_key
    ties = list(dict.fromkeys((u, v) for p in paths for u, v in zip(p, p[1:], strict=False)))
    for p in paths:
        at = np.searchsorted(pair_sorted, p[-1])  # the key of (you, end) is the end's node number
        if len(p) > 2 and at < len(pair_sorted) and pair_sorted[at] == p[-1]:
            ties.append((0, p[-1]))
    pair_keys = [min(u, v) * (net.n + 1) + max(u, v) for u, v in ties if u <= net.n and v <= net.n]
    pieces = _pieces_of(net, np.array(pair_keys, np.int64))
    evidence = _evidence(net, pieces)
    # the people the evidence names: each piece's two ends (a node number: 0 is you)
    named = np.concatenate([net.intro_src[net.piece_row[pieces[net.piece_kind[pieces] > 0]]], net.piece_b[pieces]])
    persons = {v - 1 for v in nodes if 0 < v <= net.n} | set(rows) | set((named[named > 0] - 1).tolist())
    for row, attrs in _person_attrs(net, sorted(persons)).items():
        G.add_node(net.ids[row].as_py(), **attrs)
    for v in nodes:
        if v > net.n:
            gid, kind, label = net.group_info(v - net.n - 1)
            G.add_node(gid, kind="group", group=kind, name=label, label=label,
                       size=int(net.group_size[v - net.n - 1]))  # fmt: skip
    member_at = _memberships_of(net, [(u, v) for u, v in ties if u > net.n or v > net.n])
    for u, v in ties:
        a, b = _node_id(net, u), _node_id(net, v)
        if G.has_edge(a, b):
            continue
        if u <= net.n and v <= net.n:
            k = min(u, v) * (net.n + 1) + max(u, v)
            items = evidence[k]
            bonus = float(net.pair_bonus[np.searchsorted(pair_sorted, k)])
            warmth = combine(items, weights, bonus)
            G.add_edge(a, b, warmth=warmth, cost=-math.log(warmth), hops=1.0, inferred=False,
                       kinds=sorted({e.kind for e in items}), evidence=items, bonus=bonus)  # fmt: skip
            spent = spent_introductions(items, weights)
            if spent:
                G[a][b]["introduced_by"] = spent
        else:
            i = member_at[(u, v)]
            w = float(net.member_warmth[i])
            G.add_edge(a, b, warmth=w, cost=-math.log(w), hops=0.5, inferred=True, kinds=["member"],
                       role=MEMBER_ROLES[net.member_role[i]])  # fmt: skip
    return G


def graph_from_files(
    contacts_path: Path,
    intros_path: Path,
    *,
    weights: Weights | None = None,
    today: date | None = None,
    aliases: dict[str, str] | None = None,
    encoding: str | None = None,
    inferred: bool = True,
) -> nx.Graph:
    """The graph :func:`~netmap.graph.build_graph` makes, built from the columns.

    Same nodes, ties, evidence and attributes, in the same order, without the
    row-by-row loader: several times faster on large folders. Raises
    :class:`Unsupported` where the validating loader is needed.
    """
    net = ColumnNetwork.from_files(Path(contacts_path), Path(intros_path), aliases or {}, weights or Weights(),
                                   today or date.today(), encoding)  # fmt: skip
    if not net.one_row_per_line:
        raise Unsupported("multi-line cells: line numbers need the loader")
    return graph_of(net, inferred=inferred)


def _with_referrers(net: ColumnNetwork, rows: Iterable[int]) -> list[int]:
    """``rows`` and the referrers named in the evidence of their ties to you (an introduction
    that happened makes the contact your own tie, "introduced by" the referrer)."""
    kept = np.zeros(net.n + 1, bool)
    kept[np.fromiter(rows, np.int64) + 1] = True
    introduced = (net.piece_kind == 2) & kept[net.piece_b]
    kept[net.intro_src[net.piece_row[introduced]]] = True
    return (np.flatnonzero(kept[1:])).tolist()


def graph_of(net: ColumnNetwork, *, inferred: bool = True, rows: Iterable[int] | None = None) -> nx.Graph:
    """The scored networkx graph of the columns (see :func:`netmap.graph.build_graph`).

    ``rows`` (0-based contact rows) keeps only those people, you, the ties among them and
    their groups: the part of the network a question reads, built in a fraction of the time.
    Such a part keeps the whole folder's people per company in ``G.graph["company_sizes"]``
    (so a map of it colours companies as every map of the folder does).
    """
    weights, today, aliases = net.weights, net.today, net.aliases
    G: nx.Graph = nx.Graph(today=today, weights=weights, aliases=dict(aliases), company_names=net.company_names)
    G.add_node(ME, kind="user", name="You", label="You")
    ids = net.ids.to_pylist()
    kept = list(range(net.n)) if rows is None else _with_referrers(net, rows)
    if rows is not None:
        G.graph["company_sizes"] = dict(Counter(net.person_key.tolist()))
    person_attrs = _person_attrs(net, kept)
    G.add_nodes_from((ids[r], person_attrs[r]) for r in kept)

    # evidence, grouped by tie in the order build_graph first meets each tie
    order = np.argsort(net.piece_order, kind="stable")
    keep_node = None
    if rows is not None:
        keep_node = np.zeros(net.n + 1, bool)
        keep_node[0] = True
        keep_node[np.array(kept, np.int64) + 1] = True
        k = net.piece_key[order]
        order = order[keep_node[k // (net.n + 1)] & keep_node[k % (net.n + 1)]]
    keys = net.piece_key[order]
    uniq, first, inverse = unique_first_inverse(keys)
    rank = np.empty(len(uniq), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    by_tie = np.argsort(rank[inverse], kind="stable")
    pieces = order[by_tie]
    bounds = np.searchsorted(rank[inverse][by_tie], np.arange(len(uniq) + 1))
    node = [ME, *ids]
    evidence = _evidence_objects(net, pieces)
    pair_order = np.argsort(first, kind="stable")
    if rows is not None:  # the ties kept, as indices into the pair arrays (ascending keys)
        pair_order = np.searchsorted(net.pair_key, uniq)[pair_order]
    lo, hi = net.pair_lo[pair_order].tolist(), net.pair_hi[pair_order].tolist()
    warmths, bonuses = net.pair_warmth[pair_order].tolist(), net.pair_bonus[pair_order].tolist()
    costs = (-np.log(net.pair_warmth[pair_order])).tolist()
    cuts = bounds.tolist()
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for r in range(len(lo)):
        items = evidence[cuts[r] : cuts[r + 1]]
        a, b = node[lo[r]], node[hi[r]]
        kinds = sorted({e.kind for e in items}) if len(items) > 1 else [items[0].kind]
        attrs: dict[str, Any] = {"warmth": warmths[r], "cost": costs[r], "hops": 1.0, "inferred": False,
                                 "kinds": kinds, "evidence": items, "bonus": bonuses[r]}  # fmt: skip
        spent = spent_introductions(items, weights)
        if spent:
            attrs["introduced_by"] = spent
        edges.append((a, b, attrs) if a < b else (b, a, attrs))
    G.add_edges_from(edges)

    if not inferred:
        return G
    # groups are numbered in the order build_graph creates them, so add them first, in order
    member_person, member_group = net.member_person, net.member_group
    member_warmth, member_role = net.member_warmth, net.member_role
    groups = np.arange(net.n_groups)
    if keep_node is not None:
        mine = keep_node[member_person]
        member_person, member_group = member_person[mine], member_group[mine]
        member_warmth, member_role = member_warmth[mine], member_role[mine]
        groups = np.unique(member_group - net.n - 1)
    infos = {int(gi): net.group_info(int(gi)) for gi in groups}
    sizes = net.group_size.tolist()
    G.add_nodes_from((gid, {"kind": "group", "group": kind, "name": label, "label": label, "size": sizes[gi]})
                     for gi, (gid, kind, label) in infos.items())  # fmt: skip
    mw = member_warmth.tolist()
    mc = (-np.log(member_warmth)).tolist() if len(mw) else []
    G.add_edges_from(
        (node[p], infos[g - net.n - 1][0], {"warmth": w, "cost": c, "hops": 0.5, "inferred": True,
                                            "kinds": ["member"], "role": role})
        for p, g, w, c, role in zip(member_person.tolist(), member_group.tolist(), mw, mc,
                                    [MEMBER_ROLES[r] for r in member_role.tolist()], strict=True)
    )  # fmt: skip
    return G
