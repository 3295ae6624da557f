"""Ranking the people at a target by their warmest paths (and alternatives per introducer)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import networkx as nx

from ..model import ME
from ..search import Found, GraphSearch
from ..targets import Fit, Target, resolve_target, target_fit, target_people
from .rows import Prefer, RankedPath, cold_row, make_row, row_order

#: a contact "reaches" a person when their route scores at least this share of the best route
REACH_SHARE = 0.5
#: extra introducers per person searched for --max-per-introducer and --prefer reach
ALTERNATIVES_SPARE = 9
#: alternative routes are searched down to 1/100 of the warmth of the best one (a cost range of ln 100)
ALTERNATIVE_RANGE = math.log(100)


def routes_per_person(per_target: int, max_per_introducer: int | None, prefer: Prefer) -> int:
    """How many routes per person (through different first contacts) the rows are chosen among:
    0 when one row per person by the best path is all that is asked, else ``per_target`` and, for
    the per-introducer cap and reach, :data:`ALTERNATIVES_SPARE` more to choose from."""
    if prefer != "reach" and per_target <= 1 and max_per_introducer is None:
        return 0
    return per_target + (ALTERNATIVES_SPARE if max_per_introducer is not None or prefer == "reach" else 0)


def alternatives_pool(top: int) -> int:
    """How many of the best-placed people the alternatives are chosen among, for ``top`` people."""
    return max(top * 3, top + 20)


def alternative_paths(
    G: nx.Graph, person: str, *, max_hops: int = 3, source: str = ME, floor: float | None = None
) -> dict[str, list[str]]:
    """The best path to ``person`` through each of ``source``'s contacts: {first hop: node path}.

    Each of your contacts gets the warmest route that starts with them, warmest first.
    With ``floor``, only routes at least ``floor`` times as warm as the best route
    (the search stops there, which keeps it small in large networks).
    """
    return _alternatives_in(GraphSearch(G, source, max_hops=max_hops), person, floor)


def _alternatives_in(search: GraphSearch, person: str, floor: float | None) -> dict[str, list[str]]:
    max_cost = search.cost(person) - math.log(floor) if floor is not None else math.inf
    return {f.path[1]: f.path for f in search.routes(person, max_cost=max_cost)}


def rank_paths(
    G: nx.Graph,
    company: str | Target,
    *,
    office: str | None = None,
    role: str | tuple[str, ...] | None = None,
    max_hops: int = 3,
    top: int | None = 20,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    source: str = ME,
) -> list[RankedPath]:
    """Rank the people at a target by their warmest path from ``source`` (you).

    Returns up to ``top`` people (``per_target`` rows each, with different first
    introducers), best score first, then people with no path within ``max_hops`` as
    cold rows (``include_cold=False`` drops them). ``max_per_introducer`` keeps one
    contact from filling the list. ``prefer="reach"`` favours moderately weak final
    ties (see ``docs/scoring.md``).
    """
    return _rank_in(GraphSearch(G, source, max_hops=max_hops), G, company, office=office, role=role, top=top,
                    per_target=per_target, max_per_introducer=max_per_introducer, prefer=prefer,
                    include_cold=include_cold)  # fmt: skip


def _rank_in(search: GraphSearch, G: nx.Graph, company: str | Target, *, office: str | None = None,
             role: str | tuple[str, ...] | None = None, top: int | None = 20, per_target: int = 1,
             max_per_introducer: int | None = None, prefer: Prefer = "trust",
             include_cold: bool = True) -> list[RankedPath]:  # fmt: skip
    """:func:`rank_paths` on a search already made (``ask`` reuses it for the routes)."""
    import numpy as np

    from ..fastpath.target_search import search_target

    if prefer not in ("trust", "reach"):
        raise ValueError(f"prefer must be 'trust' or 'reach', not {prefer!r}")
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office, role=role)
    members = target_people(G, target)
    weights = G.graph["weights"]
    fits = {p: target_fit(G.nodes[p], target, weights) for p in members}
    # every reachable person's path: the rows are scored from the edges' warmth, which a notebook
    # may have changed apart from their cost, so the rows (not the search) choose the top people
    found = search_target(search.arrays, np.array([search.number[p] for p in members], np.int64),
                          [fits[p] for p in members], [G.nodes[p].get("office", "") for p in members],
                          [G.nodes[p]["name"] for p in members], max_hops=search.max_hops, top=None,
                          include_cold=include_cold)  # fmt: skip
    paths = {members[i]: Found(0.0, 0.0, search.path(p)) for i, p in found.paths.items()}
    k = routes_per_person(per_target, max_per_introducer, prefer)

    def routes(pool: list[RankedPath]) -> dict[str, list[Found]]:
        bound = max((-math.log(row.warmth) for row in pool), default=0.0) + ALTERNATIVE_RANGE
        return {row.person: search.routes(row.person, max_cost=bound, k=k) for row in pool}

    return assemble(G, target, members, fits, paths, max_hops=search.max_hops, top=top, per_target=per_target,
                    max_per_introducer=max_per_introducer, prefer=prefer, include_cold=include_cold,
                    source=search.nodes[0], cold=[members[i] for i in found.cold], routes=routes)  # fmt: skip


def assemble(
    G: nx.Graph,
    target: Target,
    members: list[str],
    fits: dict[str, Fit],
    found: dict[str, Found],
    *,
    max_hops: float,
    top: int | None,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    source: str = ME,
    cold: list[str] | None = None,
    routes: dict[str, list[Found]] | Callable[[list[RankedPath]], dict[str, list[Found]]] | None = None,
) -> list[RankedPath]:
    """Rows from the best paths found: warm ones by score, then cold ones.

    Cold people are the members without a path in ``found``, unless ``cold`` lists
    them (already in order) for a caller that knows them without full node data.
    ``routes``: each person's alternative routes (cheapest first, one per first hop), for
    ``per_target``, ``max_per_introducer`` and reach (a person without any keeps their best path),
    or a function giving them for the rows the alternatives are chosen among.
    """
    warm = [make_row(G, target, p, found[p].path, fits[p], "trust") for p in members if p in found and p != source]
    warm.sort(key=row_order)
    if routes_per_person(per_target, max_per_introducer, prefer):
        warm = _alternatives(G, target, warm, fits, top, per_target, max_per_introducer, prefer, routes or {})
    cold_rows: list[RankedPath] = []
    if include_cold:
        if cold is None:
            cold = [p for p in members if p not in found]
        cold_rows = [cold_row(G, target, p, fits[p], max_hops) for p in cold]
    # people in list order (a person's alternative routes stay together), cut at top people
    people: dict[str, list[RankedPath]] = {}
    for row in warm + cold_rows:
        people.setdefault(row.person, []).append(row)
    ordered = sorted(people.values(), key=lambda rows: row_order(rows[0]))
    if top is not None:
        ordered = ordered[:top]
    rows = [row for group in ordered for row in group]
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows


def _alternatives(G, target, warm, fits, top, per_target, max_per_introducer, prefer, routes):
    """Rows with several introducers per person, reach re-scoring and the per-introducer cap."""
    pool = warm if top is None else warm[: alternatives_pool(top)]
    if callable(routes):
        routes = routes(pool)
    per_person: list[list[RankedPath]] = []
    for row in pool:
        options = [make_row(G, target, row.person, f.path, fits[row.person], prefer)
                   for f in routes.get(row.person, ())]  # fmt: skip
        if not options:
            options = [row]
        options.sort(key=lambda r: (-r.score, r.hops, r.first_ask_name))
        per_person.append(options)
    per_person.sort(key=lambda opts: row_order(opts[0]))
    used: Counter[str] = Counter()
    groups: list[list[RankedPath]] = []
    for options in per_person:
        if top is not None and len(groups) >= top:
            break
        taken: list[RankedPath] = []
        for option in options:
            key = option.first_ask or ""
            if max_per_introducer is not None and key and used[key] >= max_per_introducer:
                continue
            taken.append(option)
            used[key] += 1
            if len(taken) >= per_target:
                break
        if taken:
            groups.append(taken)
    # the cap may have left a person only a weaker route: order people by what they kept
    groups.sort(key=lambda g: row_order(g[0]))
    return [row for group in groups for row in group]
