"""Summary figures of a network: size, reach, largest companies, top brokers.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.graph import build_graph
>>> G = build_graph(Dataset([Contact("a", "A", company="X", strength=3), Contact("b", "B", company="X")], []),
...                 today=date(2026, 1, 1))
>>> s = network_stats(G)
>>> (s.people, s.direct_ties, s.unreachable)
(2, 1, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .graph import companies_bridged, people
from .model import ME

EXACT_BETWEENNESS_LIMIT = 2000


@dataclass(slots=True)
class Broker:
    id: str
    name: str
    company: str
    betweenness: float


@dataclass(slots=True)
class NetworkStats:
    """The figures ``netmap stats`` prints."""

    people: int
    direct_ties: int
    introductions: int
    ties: int
    companies: int
    offices: int
    components: int
    unreachable: int
    largest_companies: list[tuple[str, int]] = field(default_factory=list)
    brokers: list[Broker] = field(default_factory=list)
    broker_measure: str = "betweenness"


def network_stats(G: nx.Graph, *, top: int = 5) -> NetworkStats:
    """Compute :class:`NetworkStats` for a graph made by :func:`~netmap.graph.build_graph`.

    Brokers are ranked by betweenness over shortest paths between people (inferred
    ties included, group nodes never counted as ends). Above 2,000 nodes, where exact
    betweenness takes minutes, by the number of other companies a person's explicit
    ties reach (``broker_measure`` says which).
    """
    persons = people(G)
    companies: Counter[str] = Counter()
    offices: set[tuple[str, str]] = set()
    for p in persons:
        data = G.nodes[p]
        if data["company_key"]:
            companies[data["company_key"]] += 1
            if data["office_key"]:
                offices.add((data["company_key"], data["office_key"]))
    explicit = [(u, v) for u, v, inferred in G.edges(data="inferred") if not inferred]
    introductions = sum(
        1 for u, v in explicit for e in G[u][v]["evidence"] if e.kind == "introduction"
    )
    components = [c for c in nx.connected_components(G) if any(G.nodes[n]["kind"] != "group" for n in c)]
    reachable = nx.node_connected_component(G, ME)
    names = G.graph.get("company_names", {})
    n = G.number_of_nodes()
    exact = n <= EXACT_BETWEENNESS_LIMIT
    if exact:  # only paths between people count: a lone member of a group node is no broker
        ends = [*persons, ME]
        centrality = nx.betweenness_centrality_subset(G, ends, ends, normalized=True)
    else:
        centrality = {p: float(companies_bridged(G, p)) for p in persons}
    ranked = sorted(persons, key=lambda p: (-centrality[p], G.nodes[p]["name"]))[:top]
    return NetworkStats(
        people=len(persons),
        direct_ties=G.degree(ME),
        introductions=introductions,
        ties=len(explicit),
        companies=len(companies),
        offices=len(offices),
        components=len(components),
        unreachable=sum(1 for p in persons if p not in reachable),
        largest_companies=[(names.get(k, k), count) for k, count in companies.most_common(top)],
        brokers=[
            Broker(p, G.nodes[p]["name"], G.nodes[p]["company"], round(centrality[p], 4))
            for p in ranked
            if centrality[p] > 0
        ],
        broker_measure="betweenness" if exact else "companies bridged",
    )
