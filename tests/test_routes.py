"""The columnar search of every contact's route to one person (alternatives, ``ask``), checked
against every simple path on random networks."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.fastpath import ColumnNetwork, graph_of
from netmap.fastpath.routes import routes_to
from netmap.fastpath.walk import layered_costs
from netmap.model import ME
from netmap.search import path_allowed
from netmap.weights import Weights
from test_ranking_properties import TODAY, networks


def exhaustive(G: nx.Graph, person: str, max_hops: int) -> dict[str, float]:
    """The cheapest allowed route to ``person`` through each first hop, over every simple path."""
    best: dict[str, float] = {}
    for path in nx.all_simple_paths(G, ME, person, cutoff=2 * max_hops):
        hops = sum(G[u][v]["hops"] for u, v in zip(path, path[1:], strict=False))
        if hops > max_hops or not path_allowed(G, path):
            continue
        cost = sum(G[u][v]["cost"] for u, v in zip(path, path[1:], strict=False))
        best[path[1]] = min(best.get(path[1], math.inf), cost)
    return best


@settings(max_examples=150, deadline=None)
@given(networks(), st.integers(1, 3), st.sampled_from([math.inf, 1.0, 3.0]))
def test_each_contact_gets_its_warmest_route_down_to_the_bound(dataset, max_hops, bound):
    net = ColumnNetwork.from_dataset(dataset, Weights(), TODAY)
    G = graph_of(net)
    states = layered_costs(net, max_hops)[1]
    node = {pid: i + 1 for i, pid in enumerate(net.ids.to_pylist())}
    for person in net.ids.to_pylist():
        expected = {f: c for f, c in exhaustive(G, person, max_hops).items() if c <= bound + 1e-9}
        routes = routes_to(net, states, node[person], max_hops, bound)
        ids = [[_node_id(net, v) for v in r.nodes] for r in routes]
        got = {path[1]: r.cost for path, r in zip(ids, routes, strict=True)}
        assert got.keys() == expected.keys()
        for first, cost in expected.items():
            assert math.isclose(got[first], cost, rel_tol=1e-9, abs_tol=1e-12)
        assert [r.cost for r in routes] == sorted(r.cost for r in routes), "cheapest first"
        for path, r in zip(ids, routes, strict=True):
            assert path[0] == ME and path[-1] == person and len(set(path)) == len(path)
            assert path_allowed(G, path), path
            steps = list(zip(path, path[1:], strict=False))
            assert math.isclose(sum(G[u][v]["cost"] for u, v in steps), r.cost, rel_tol=1e-9, abs_tol=1e-12)
            assert sum(G[u][v]["hops"] for u, v in steps) == r.half_hops / 2 <= max_hops


def _node_id(net: ColumnNetwork, v: int) -> str:
    from netmap.fastpath.build import _node_id as node_id

    return node_id(net, v)
