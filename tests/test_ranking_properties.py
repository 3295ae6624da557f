"""The first path returned is optimal under the documented score (brute force on random graphs)."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.graph import build_graph
from netmap.model import ME, STATUSES, Contact, Dataset, Introduction
from netmap.ranking import rank_paths, row_order
from netmap.search import path_allowed
from netmap.targets import resolve_target, target_fit

TODAY = date(2026, 1, 1)
TITLES = ["Intern", "Analyst", "Senior Analyst", "Manager", "Director", "VP Sales", "CEO"]


@st.composite
def networks(draw):
    n = draw(st.integers(3, 9))
    contacts = []
    for i in range(n):
        at_target = draw(st.booleans())
        contacts.append(
            Contact(
                id=f"p{i}",
                name=f"P{i}",
                company="Target" if at_target else draw(st.sampled_from(["Other", "Else", ""])),
                office=draw(st.sampled_from(["Lisbon", "Berlin", ""])),
                title=draw(st.sampled_from(TITLES)),
                strength=draw(st.one_of(st.none(), st.integers(1, 5))),
                last_contact=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), TODAY))),
                past_companies=tuple(draw(st.lists(st.sampled_from(["Target", "Old"]), max_size=1))),
                school=draw(st.sampled_from(["", "Uni"])),
            )
        )
    contacts[0].company = "Target"  # at least one person at the target
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=2 * n))
    intros = [
        Introduction(
            f"p{a}",
            f"p{b}",
            draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), TODAY))),
            draw(st.sampled_from(STATUSES)),
            draw(st.one_of(st.none(), st.integers(1, 5))),
        )  # fmt: skip
        for a, b in pairs
        if a != b
    ]
    return Dataset(contacts, intros)


def brute_force(G, person, max_hops, fit):
    """Best score over every simple path from you to person with at most max_hops person-hops."""
    best = 0.0
    for path in nx.all_simple_paths(G, ME, person, cutoff=2 * max_hops):
        if not path_allowed(G, path):
            continue
        hops = sum(G[u][v]["hops"] for u, v in zip(path, path[1:], strict=False))
        if hops <= max_hops:
            best = max(best, math.prod(G[u][v]["warmth"] for u, v in zip(path, path[1:], strict=False)) * fit)
    return best


@settings(max_examples=120, deadline=None)
@given(networks(), st.integers(1, 3), st.sampled_from([None, "Lisbon"]))
def test_first_path_is_optimal_and_list_is_consistent(dataset, max_hops, office):
    """Each person's path scores as well as any simple path within the hop limit; the list is sorted."""
    G = build_graph(dataset, today=TODAY)
    if office and not any(c.office == office and c.company == "Target" for c in dataset.contacts):
        office = None
    rows = rank_paths(G, "Target", office=office, max_hops=max_hops, top=None)
    target = resolve_target(G, "Target", office=office)
    warm = [r for r in rows if not r.cold]
    for row in warm:
        fit = target_fit(G.nodes[row.person], target, G.graph["weights"]).value
        assert math.isclose(row.score, brute_force(G, row.person, max_hops, fit), rel_tol=1e-9)
        assert len(set(row.path)) == len(row.path), "no person twice in a path"
        assert row.path[0] == ME and row.path[-1] == row.person
        assert row.hops <= max_hops
        for hop in row.hop_details:
            if not hop.inferred:
                assert G.has_edge(hop.source, hop.target), "every hop is an existing tie"
            else:
                assert G.nodes[hop.source]["kind"] == "person" or hop.source == ME
    assert [row_order(r) for r in rows] == sorted(row_order(r) for r in rows), "office group, warm, then score"
    if office is None:
        assert [r.score for r in warm] == sorted((r.score for r in warm), reverse=True)
    for row in rows:
        if row.cold:
            fit = target_fit(G.nodes[row.person], target, G.graph["weights"]).value
            assert brute_force(G, row.person, max_hops, fit) == 0.0, "cold only when no path exists"
    if office is None:
        assert all(r.cold for r in rows[len(warm) :]), "cold people come after the warm ones"


@settings(max_examples=60, deadline=None)
@given(networks(), st.integers(1, 20))
def test_top_n_equals_prefix_of_full_ranking(dataset, top):
    """Stopping the search early never changes which people make the top N or their scores."""
    G = build_graph(dataset, today=TODAY)
    full = [r for r in rank_paths(G, "Target", top=None) if not r.cold]
    short = [r for r in rank_paths(G, "Target", top=top) if not r.cold]
    assert [round(r.score, 12) for r in short] == [round(r.score, 12) for r in full[:top]]


@settings(max_examples=150, deadline=None)
@given(networks(), st.integers(1, 3), st.integers(1, 4))
def test_k_routes_by_first_hop_match_exhaustive_alternatives(dataset, max_hops, k):
    """The single k-label search finds the same k best distinct-introducer routes as one search per person."""
    from netmap.ranking import alternative_paths
    from netmap.search import best_paths_by_first_hop
    from netmap.targets import target_people

    G = build_graph(dataset, today=TODAY)
    members = target_people(G, resolve_target(G, "Target"))
    fast = best_paths_by_first_hop(G, ME, members, k=k, max_hops=max_hops)
    for person in members:
        routes = alternative_paths(G, person, max_hops=max_hops)
        exact = sorted(sum(G[u][v]["cost"] for u, v in zip(p, p[1:], strict=False)) for p in routes.values())[:k]
        got = [f.cost for f in fast[person]]
        assert len(got) == len(exact)
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(got, exact, strict=True))
        firsts = [f.path[1] for f in fast[person]]
        assert len(set(firsts)) == len(firsts), "each route through a different first hop"
        for f in fast[person]:
            assert len(set(f.path)) == len(f.path) and f.path[-1] == person
