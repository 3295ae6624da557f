"""netmap.search on a networkx graph: a notebook's graph, or one it changed, is searched by the one core."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from netmap.fastpath.arrays import SearchArrays
from netmap.search import GraphSearch, best_paths, best_paths_by_first_hop


def chain() -> nx.Graph:
    G = nx.Graph()
    for u, v, c in [("me", "a", 0.1), ("a", "t", 0.1), ("me", "b", 0.3), ("b", "t", 0.3), ("me", "t", 2.0)]:
        G.add_edge(u, v, cost=c)
    return G


def test_a_changed_graph_is_searched_as_it_now_is():
    G = chain()
    assert best_paths(G, "me")["t"].path == ["me", "a", "t"]
    G["a"]["t"]["cost"] = 5.0  # the notebook cools a tie
    assert best_paths(G, "me")["t"].path == ["me", "b", "t"]
    G.add_edge("me", "c", cost=0.01)
    G.add_edge("c", "t", cost=0.01)  # and adds a warmer one
    assert best_paths(G, "me", targets=["t"])["t"].path == ["me", "c", "t"]


def test_weight_names_the_cost_attribute():
    G = chain()
    for _, _, d in G.edges(data=True):
        d["plain"] = 1.0
    assert best_paths(G, "me", weight="plain")["t"].path == ["me", "t"]  # one hop is cheapest
    assert math.isclose(best_paths(G, "me", weight="plain")["t"].cost, 1.0)


def test_the_hop_bound_holds_and_prefers_fewer_hops_on_equal_cost():
    G = nx.Graph()
    G.add_edge("me", "a", cost=0.5)
    G.add_edge("a", "t", cost=0.5)
    G.add_edge("me", "t", cost=1.0)
    found = best_paths(G, "me")["t"]
    assert (found.path, found.hops) == (["me", "t"], 1.0)
    G["me"]["t"]["cost"] = 1.5
    assert best_paths(G, "me", max_hops=1)["t"].path == ["me", "t"]
    assert best_paths(G, "me", max_hops=2)["t"].path == ["me", "a", "t"]


def test_a_spent_introduction_is_not_walked_again_in_its_direction():
    G = nx.Graph()
    G.add_edge("me", "r", cost=0.1)
    G.add_edge("r", "c", cost=0.1, introduced_by=("r",))
    G.add_edge("me", "c", cost=3.0)
    assert best_paths(G, "me")["c"].path == ["me", "c"]  # never me > r > c over the spent introduction
    assert best_paths(G, "c")["r"].path == ["c", "r"]  # the other way round is fine


def test_a_guess_never_beats_a_real_tie():
    G = nx.Graph()
    G.add_node("acme", kind="group")
    G.add_edge("me", "z", cost=0.1)
    G.add_edge("me", "b", cost=4.0)
    for person in ("z", "b", "x"):
        G.add_edge(person, "acme", cost=0.1, inferred=True)
    best = best_paths(G, "me")
    assert best["b"].path == ["me", "b"]  # known directly: not through the company
    assert best["x"].path == ["me", "z", "acme", "x"] and best["x"].hops == 2.0


def test_routes_give_one_route_per_first_contact_cheapest_first():
    routes = best_paths_by_first_hop(chain(), "me", ["t"], k=3)["t"]
    assert [f.path for f in routes] == [["me", "a", "t"], ["me", "b", "t"], ["me", "t"]]
    capped = GraphSearch(chain(), "me").routes("t", max_cost=0.6)
    assert [f.path for f in capped] == [["me", "a", "t"], ["me", "b", "t"]]


def test_an_unreachable_node_has_no_path_and_no_routes():
    G = chain()
    G.add_edge("far", "away", cost=0.1)
    search = GraphSearch(G, "me")
    assert search.best("far") is None and search.cost("far") == math.inf
    assert search.routes("far") == [] and "far" not in best_paths(G, "me")


def test_a_graph_the_search_cannot_mean_is_refused_plainly():
    G = chain()
    with pytest.raises(nx.NodeNotFound, match="source 'nobody' is not in the graph"):
        GraphSearch(G, "nobody")
    G.add_edge("a", "b", cost=0.2, inferred=True)
    with pytest.raises(ValueError, match="the tie 'a' - 'b' is inferred but joins two people"):
        SearchArrays.of_graph(G, "me")
    H = nx.Graph()
    H.add_node("g1", kind="group")
    H.add_node("g2", kind="group")
    H.add_edge("me", "g1", cost=0.1)
    H.add_edge("g1", "g2", cost=0.1)
    with pytest.raises(ValueError, match="the edge 'g1' - 'g2' joins two groups"):
        SearchArrays.of_graph(H, "me")
    J = chain()
    J.add_edge("a", "z")  # no cost
    with pytest.raises(ValueError, match="the edge 'a' - 'z' has 'cost' None: give every edge a cost"):
        best_paths(J, "me")


def test_directed_and_multigraphs_are_refused():
    for cls in (nx.DiGraph, nx.MultiGraph):
        G = cls()
        G.add_edge("me", "a", cost=0.1)
        with pytest.raises(ValueError, match=r"undirected nx.Graph .* convert it with nx.Graph\(G\)"):
            best_paths(G, "me")


@pytest.mark.parametrize("cost", [-0.5, float("nan"), "0.3", None])
def test_a_cost_that_is_not_a_number_at_least_0_is_refused(cost):
    G = chain()
    G["a"]["t"]["cost"] = cost
    with pytest.raises(ValueError, match=r"the edge 'a' - 't' has 'cost' .*a number >= 0"):
        best_paths(G, "me")


def test_large_costs_stay_exact():
    """Costs are searched as given: no warmth that underflows (exp(-800) is 0.0)."""
    G = nx.Graph()
    G.add_edge("me", "a", distance=800.0)
    G.add_edge("a", "t", distance=5.0)
    G.add_edge("me", "b", distance=0.1)
    G.add_edge("b", "c", distance=0.2)
    best = best_paths(G, "me", weight="distance")
    assert (best["t"].path, best["t"].cost) == (["me", "a", "t"], 805.0)
    assert best["c"].cost == 0.1 + 0.2  # the very sum, not a round trip through exp and log


def test_half_hops_and_unknown_targets():
    G = nx.Graph()
    G.add_node("acme", kind="group")
    G.add_edge("me", "a", cost=0.1)
    G.add_edge("a", "acme", cost=0.1, inferred=True)
    G.add_edge("acme", "b", cost=0.1, inferred=True)
    assert set(best_paths(G, "me", max_hops=1.5)) == {"me", "a", "acme"}  # b needs 2 hops
    assert best_paths(G, "me", max_hops=2)["b"].path == ["me", "a", "acme", "b"]
    assert best_paths_by_first_hop(G, "me", ["nobody"], k=2) == {"nobody": []}
    assert best_paths(G, "me", targets=["nobody"]) == {}


def test_rank_paths_on_an_edited_graph_lists_the_top_of_its_own_full_list():
    """A notebook that changes a tie's cost (not its warmth) still gets a top 5 that is the head
    of the full list: the rows, scored from the warmth, choose the people."""
    from datetime import date
    from pathlib import Path

    import netmap
    from netmap.ranking import rank_paths

    sample = Path(__file__).resolve().parents[1] / "sample_data"
    G = netmap.open_network(sample, today=date(2026, 11, 15)).graph()
    G["me"]["zoe-muller"]["cost"] += 5
    top = [r.person for r in rank_paths(G, "Halcyon", top=5, include_cold=False)]
    everyone = [r.person for r in rank_paths(G, "Halcyon", top=None, include_cold=False)]
    assert top == everyone[:5] and "zoe-muller" in top
