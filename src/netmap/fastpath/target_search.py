"""The search's part of ranking a target: which of its people get a path, the path, their
alternative routes, and the cold ones; on node numbers, for the columns and for a graph alike."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..ranking.rows import OFFICE_GROUPS, Prefer, office_group
from ..ranking.target_paths import ALTERNATIVE_RANGE, alternatives_pool, routes_per_person
from ..targets import Fit
from .arrays import SearchArrays
from .routes import Route, routes_to
from .walk import layered_costs, unwind


@dataclass(slots=True)
class TargetSearch:
    """What :func:`search_target` found, by index into the target's people."""

    #: the warmest path (node numbers, from 0) of each person chosen for the rows
    paths: dict[int, list[int]] = field(default_factory=dict)
    #: each chosen person's routes, one per first contact, cheapest first (options that need them)
    routes: dict[int, list[Route]] = field(default_factory=dict)
    #: the people with no path within the hop bound, in row order (when cold rows are wanted)
    cold: list[int] = field(default_factory=list)


def search_target(
    net: SearchArrays,
    nodes: np.ndarray,
    fits: list[Fit],
    offices: list[str],
    names: list[str],
    *,
    max_hops: float = 3,
    top: int | None = 20,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    inferred: bool = True,
) -> TargetSearch:
    """The paths :func:`netmap.ranking.assemble` makes rows of, for the people at ``nodes``
    (with their fit, office and name, in the same order): the best path to every node at once,
    then only the ``top`` people's paths walked back (in :func:`~netmap.ranking.row_order`),
    with, for ``per_target``, ``max_per_introducer`` or reach, every contact's route to them."""
    dist, states = layered_costs(net, max_hops, inferred=inferred)
    layers = np.stack([d[nodes] for d in dist]) if len(nodes) else np.zeros((len(dist), 0))
    final = layers[-1]
    warm = np.flatnonzero(np.isfinite(final))
    score = np.exp(-final[warm]) * np.array([fits[i].value for i in warm])
    first_layer = np.argmax(layers[:, warm] <= final[warm], axis=0)  # fewest hops among the cheapest
    # the order of netmap.ranking.row_order: office group, warm before cold, score
    group = [OFFICE_GROUPS.index(g) if g else 0 for g in
             (office_group({"office": o}, f) for o, f in zip(offices, fits, strict=True))]  # fmt: skip
    keys = [(group[int(i)], 0, -score[j], int(first_layer[j]), names[int(i)], j) for j, i in enumerate(warm)]
    keys.sort(key=lambda k: k[:5])
    k = routes_per_person(per_target, max_per_introducer, prefer)
    # with alternatives, the pool of people they are chosen among (netmap.ranking.assemble)
    kept = top if top is None or not k else alternatives_pool(top)
    chosen = [k[5] for k in keys[:kept]]
    found = TargetSearch()
    if include_cold:
        cold = sorted((group[i], -fits[i].value, names[i], i) for i in np.flatnonzero(~np.isfinite(final)))
        found.cold = [int(c[3]) for c in cold[:top]]
    for j in chosen:
        i = int(warm[j])
        found.paths[i] = unwind(net, states, int(nodes[i]), int(first_layer[j]))
    if k and chosen:
        bound = max(float(final[warm[j]]) for j in chosen) + ALTERNATIVE_RANGE
        for j in chosen:
            i = int(warm[j])
            found.routes[i] = routes_to(net, states, int(nodes[i]), max_hops, bound)[:k]
    return found


def best_routes(net: SearchArrays, node: int, *, k: int, max_hops: int = 3) -> list[Route]:
    """The ``k`` warmest routes to ``node``, each through a different contact (``explain``'s):
    down to :data:`~netmap.ranking.target_paths.ALTERNATIVE_RANGE` colder than the best."""
    costs, states = layered_costs(net, max_hops)
    best = float(costs[-1][node])  # inf: no path within max_hops, so no routes
    return routes_to(net, states, node, max_hops, best + ALTERNATIVE_RANGE)[:k]
