"""Ranking the people at a target by their warmest paths (and alternatives per introducer)."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx

from ..graph import adjacency, is_group
from ..model import ME
from ..search import Found, best_paths, best_paths_by_first_hop
from ..targets import Fit, Target, resolve_target, target_fit, target_people
from .rows import Prefer, RankedPath, cold_row, make_row, row_order

#: a contact "reaches" a person when their route scores at least this share of the best route
REACH_SHARE = 0.5
#: extra introducers per person searched for --max-per-introducer and --prefer reach
ALTERNATIVES_SPARE = 9
#: alternative routes are searched down to 1/100 of the warmth of the best one (a cost range of ln 100)
ALTERNATIVE_RANGE = math.log(100)


def alternative_paths(
    G: nx.Graph, person: str, *, max_hops: int = 3, source: str = ME, floor: float | None = None
) -> dict[str, list[str]]:
    """The best path to ``person`` through each of ``source``'s contacts: {first hop: node path}.

    One search from ``person`` back towards you (never through you), so each of your
    contacts gets the warmest route that starts with them. With ``floor``, routes
    warmer than ``floor`` times the best route are guaranteed; colder ones may be
    left out (the search stops there, which keeps it small in large networks).
    """
    stop = None
    if floor is not None:
        best = best_paths(G, source, max_hops=max_hops, stop=lambda cost, found: person in found)
        if person not in best:
            return {}
        cheapest_first = min((d["cost"] for n, d in adjacency(G)[source].items()), default=0.0)
        limit = best[person].cost - math.log(floor) - cheapest_first

        def stop(cost: float, found: dict[str, Found]) -> bool:
            return cost > limit

    back = best_paths(G, person, max_hops=max_hops - 1, exclude=(source,), stop=stop, toward=source)
    routes: dict[str, tuple[float, list[str]]] = {}
    for first, data in adjacency(G)[source].items():
        if first == person:
            routes[first] = (data["cost"], [source, person])
        elif first in back and not is_group(G, first):
            found = back[first]
            routes[first] = (data["cost"] + found.cost, [source, *reversed(found.path)])
    return {k: v[1] for k, v in sorted(routes.items(), key=lambda kv: kv[1][0])}


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
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office, role=role)
    if prefer not in ("trust", "reach"):
        raise ValueError(f"prefer must be 'trust' or 'reach', not {prefer!r}")
    weights = G.graph["weights"]
    members = target_people(G, target)
    fits = {p: target_fit(G.nodes[p], target, weights) for p in members}
    best_fit = max((f.value for f in fits.values()), default=1.0)
    # early stop on the score bound: only when rows are ordered by score alone (no office groups)
    simple = (per_target == 1 and max_per_introducer is None and prefer == "trust" and top is not None
              and target.office is None)  # fmt: skip

    def stop(cost: float, found: dict[str, Found]) -> bool:
        # every target not yet settled scores at most exp(-cost) * best_fit
        if not simple:
            return False
        bound = math.exp(-cost) * best_fit
        done = sum(1 for p in members if p in found and math.exp(-found[p].cost) * fits[p].value >= bound)
        return done >= top  # type: ignore[operator]

    found = best_paths(G, source, max_hops=max_hops, stop=_throttle(stop) if simple else None)
    return assemble(G, target, members, fits, found, max_hops=max_hops, top=top, per_target=per_target,
                    max_per_introducer=max_per_introducer, prefer=prefer, include_cold=include_cold,
                    source=source)  # fmt: skip


def assemble(
    G: nx.Graph,
    target: Target,
    members: list[str],
    fits: dict[str, Fit],
    found: dict[str, Found],
    *,
    max_hops: int,
    top: int | None,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    source: str = ME,
    cold: list[str] | None = None,
    routes: dict[str, list[Found]] | None = None,
) -> list[RankedPath]:
    """Rows from the best paths found: warm ones by score, then cold ones.

    Cold people are the members without a path in ``found``, unless ``cold`` lists
    them (already in order) for a caller that knows them without full node data.
    ``routes``: each person's alternative routes (cheapest first, one per first hop),
    when the caller has searched them; else they are searched on ``G``.
    """
    warm = [make_row(G, target, p, found[p].path, fits[p], "trust") for p in members if p in found and p != source]
    warm.sort(key=row_order)
    if prefer == "reach" or per_target > 1 or max_per_introducer is not None:
        warm = _alternatives(G, target, warm, fits, max_hops, top, per_target, max_per_introducer, prefer, source,
                             routes)  # fmt: skip
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


def _throttle(stop):
    """Evaluate the stopping rule only every 64 settled nodes (it scans the targets)."""
    calls = itertools.count(1)

    def wrapped(cost: float, found: dict[str, Found]) -> bool:
        return next(calls) % 64 == 0 and stop(cost, found)

    return wrapped


def _alternatives(G, target, warm, fits, max_hops, top, per_target, max_per_introducer, prefer, source,
                  routes=None):  # fmt: skip
    """Rows with several introducers per person, reach re-scoring and the per-introducer cap."""
    pool = warm if top is None else warm[: max(top * 3, top + 20)]
    if routes is None:
        # enough distinct introducers per person for the cap and for reach to choose among
        k = per_target + (ALTERNATIVES_SPARE if max_per_introducer is not None or prefer == "reach" else 0)
        worst_best = max((-math.log(row.warmth) for row in pool), default=0.0)
        routes = best_paths_by_first_hop(G, source, [row.person for row in pool], k=k, max_hops=max_hops,
                                         max_cost=worst_best + ALTERNATIVE_RANGE)  # fmt: skip
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
