"""``netmap ask`` from the columns: every contact's route to the target's best-placed people."""

from __future__ import annotations

import math

from ..ranking import Introducer
from ..ranking.introducers import introducers_from
from ..ranking.target_paths import REACH_SHARE
from ..targets import Target
from .build import _node_id, paths_graph, rank_paths_in, target_in
from .network import ColumnNetwork
from .routes import routes_to
from .walk import layered_costs


def rank_introducers_in(
    net: ColumnNetwork,
    company: str | Target,
    *,
    office: str | None = None,
    role: str | None = None,
    max_hops: int = 3,
    candidates: int = 50,
    top: int | None = 20,
) -> list[Introducer]:
    """The rows of :func:`netmap.ranking.rank_introducers`, from the columns: the ``candidates``
    best-placed people at the target, then each one's routes through every contact of yours
    down to half the warmth of their best route (the least a contact must open to count)."""
    target = target_in(net, company, office=office, role=role)[0]
    ranked = rank_paths_in(net, target, max_hops=max_hops, top=candidates, include_cold=False)
    costs, states = layered_costs(net, max_hops)  # the search rank_paths_in just made
    node_of = {pid: i + 1 for i, pid in enumerate(net.ids.to_pylist())} if ranked else {}
    routes = {}
    for row in ranked:
        node = node_of[row.person]
        routes[row.person] = routes_to(net, states, node, max_hops, float(costs[-1][node]) - math.log(REACH_SHARE))
    G = paths_graph(net, [r.nodes for rs in routes.values() for r in rs])
    as_ids = {person: {_node_id(net, r.nodes[1]): [_node_id(net, v) for v in r.nodes] for r in rs}
              for person, rs in routes.items()}  # fmt: skip
    return introducers_from(G, target, ranked, as_ids, top=top)


__all__ = ["rank_introducers_in"]
