"""Which of your estimated ties to rate first: the few whose strength would most change an answer.

An imported tie's strength is netmap's estimate (``strength_estimate``). Rating every
connection is a chore; rating the handful who open the best doors into a target is
not. For each contact whose strength you have not stated and who opens a path into
the target (``netmap ask``), the score of their best path is recomputed as if you
rated the tie 1 and 5: the wider that range, the more your word matters.

>>> from netmap import open_network
>>> net = open_network("sample_data", today="2026-11-15")
>>> [(r.name, r.estimate) for r in net.to_rate("Halcyon Maps", office="Lisbon", top=2)]
[('Daniel Costa', None), ('Afonso Pires', None)]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .graph import combine, direct_evidence
from .model import ME, Contact
from .ranking import Introducer


@dataclass(slots=True)
class RatingAdvice:
    """One contact to rate, with the range their best score would span."""

    rank: int
    person: str
    name: str
    company: str
    estimate: int | None
    best_score: float
    if_1: float
    if_5: float
    best_path: str

    @property
    def command(self) -> str:
        return f'netmap rate "{self.name}" --strength N'

    def as_row(self) -> dict:
        return {"rank": self.rank, "person_id": self.person, "name": self.name, "company": self.company,
                "estimate": self.estimate or "", "best_score": round(self.best_score, 4),
                "if_1": round(self.if_1, 4), "if_5": round(self.if_5, 4),
                "best_path": self.best_path, "command": self.command}  # fmt: skip


TO_RATE_COLUMNS = ("rank", "person_id", "name", "company", "estimate", "best_score", "if_1", "if_5", "best_path",
                   "command")  # fmt: skip


def _tie_if_rated(G: nx.Graph, person: str, strength: int) -> float:
    """Your tie to ``person`` recomputed with a stated ``strength`` (other evidence unchanged)."""
    node, data = G.nodes[person], G[ME][person]
    weights, today = G.graph["weights"], G.graph["today"]
    contact = Contact(person, node["name"], relationship=node.get("relationship", ""), strength=strength,
                      last_contact=node.get("last_contact"), connected_on=node.get("connected_on"))  # fmt: skip
    stated = direct_evidence(contact, weights, today)
    items = [e for e in data["evidence"] if e.kind != "direct"] + [stated]
    return combine(items, weights, data.get("bonus", 1.0))


def people_to_rate(G: nx.Graph, introducers: list[Introducer], *, top: int | None = 5) -> list[RatingAdvice]:
    """Your unrated contacts whose stated strength would most move their best path into the target.

    ``introducers``: every contact who opens a path there (``netmap ask``, ``top=None``);
    ``G`` holds at least those contacts and your ties to them.
    """
    advice = []
    for row in introducers:
        node = G.nodes[row.person]
        if node.get("strength") is not None or not G.has_edge(ME, row.person):
            continue
        now = G[ME][row.person]["warmth"]
        low, high = (row.best_score * _tie_if_rated(G, row.person, s) / now for s in (1, 5))
        advice.append(RatingAdvice(0, row.person, row.name, row.company, node.get("strength_estimate"),
                                   row.best_score, low, high, row.best_path_text))  # fmt: skip
    advice.sort(key=lambda a: (-(a.if_5 - a.if_1), a.name))
    advice = advice[:top] if top is not None else advice
    for i, a in enumerate(advice, 1):
        a.rank = i
    return advice
