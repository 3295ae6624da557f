"""Who to ask first: your contacts ranked by the paths they open into a target."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ..model import ME
from ..search import GraphSearch
from ..targets import Target, resolve_target, target_fit
from .rows import OFFICE_GROUPS, RankedPath, make_row
from .target_paths import REACH_SHARE, _alternatives_in, _rank_in


@dataclass(slots=True)
class Introducer:
    """One of your contacts, ranked by the paths they open into a target (``netmap ask``)."""

    rank: int
    person: str
    name: str
    title: str
    company: str
    tie: float
    best_score: float
    reach: int
    people: list[str]
    best_path: list[str]
    #: the best path as text, ``~`` before a person reached by an inferred hop
    best_path_text: str = ""

    def as_row(self) -> dict:
        return {
            "rank": self.rank, "person_id": self.person, "name": self.name, "title": self.title,
            "company": self.company, "your_tie": round(self.tie, 4), "best_score": round(self.best_score, 4),
            "reach": self.reach, "people": "; ".join(self.people),
            "best_path": self.best_path_text or " > ".join(self.best_path),
        }  # fmt: skip


INTRODUCER_COLUMNS = ("rank", "person_id", "name", "title", "company", "your_tie", "best_score", "reach",
                      "people", "best_path")  # fmt: skip


def rank_introducers(
    G: nx.Graph,
    company: str | Target,
    *,
    office: str | None = None,
    role: str | tuple[str, ...] | None = None,
    max_hops: int = 3,
    candidates: int = 50,
    top: int | None = 20,
    source: str = ME,
) -> list[Introducer]:
    """Your contacts ranked by the value of the paths they open into the target: who to ask first.

    For the ``candidates`` best-placed people at the target, every contact's warmest
    route to them is found. A contact *reaches* a person when their route scores at
    least half the best route to that person (yours included, when you know them
    directly; a contact at the target reaches themselves); contacts who reach nobody
    are left out. Contacts rank by their best score (with an office: their best score
    for someone at that office first), then by how many people they reach.
    """
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office, role=role)
    search = GraphSearch(G, source, max_hops=max_hops)
    ranked = _rank_in(search, G, target, top=candidates, include_cold=False)
    routes = {row.person: _alternatives_in(search, row.person, REACH_SHARE) for row in ranked}
    return introducers_from(G, target, ranked, routes, top=top, source=source)


def introducers_from(
    G: nx.Graph,
    target: Target,
    ranked: list[RankedPath],
    routes: dict[str, dict[str, list[str]]],
    *,
    top: int | None = 20,
    source: str = ME,
) -> list[Introducer]:
    """The contacts of :func:`rank_introducers` from the target's best-placed people (``ranked``)
    and every contact's route to each (``routes[person][contact]``: a node path; routes colder
    than half the best may be left out). ``G`` holds at least the people and ties of those paths."""
    weights = G.graph["weights"]
    scores: dict[str, list[tuple[int, float, str, str, list[str], str]]] = defaultdict(list)
    best_for = {row.person: row.score for row in ranked}  # the best route to each, direct or not
    for row in ranked:
        fit = target_fit(G.nodes[row.person], target, weights)
        for first, path in routes[row.person].items():
            # first == row.person: you know them yourself; they are the one to ask
            made = make_row(G, target, row.person, path, fit, "trust")
            if made.score >= REACH_SHARE * best_for[row.person]:
                group = OFFICE_GROUPS.index(made.office_group) if made.office_group else 0
                scores[first].append((group, made.score, row.person, row.name, made.names, made.path_text))
    result = []
    best_group: dict[str, int] = {}
    for person, items in scores.items():
        items.sort(key=lambda t: (t[0], -t[1], t[3]))  # people at the office first, then by score
        node = G.nodes[person]
        best_group[person] = items[0][0]
        result.append(Introducer(0, person, node["name"], node.get("title", ""), node.get("company", ""),
                                 G[source][person]["warmth"], items[0][1], len(items),
                                 [t[3] for t in items], items[0][4], items[0][5]))  # fmt: skip
    result.sort(key=lambda r: (best_group[r.person], -r.best_score, -r.reach, r.name))
    result = result[:top] if top is not None else result
    for i, r in enumerate(result, 1):
        r.rank = i
    return result
