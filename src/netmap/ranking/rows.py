"""Ranked rows: one (target person, path) with its score, reasons and office group."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from ..graph import is_group
from ..model import ME
from ..paths import Hop, describe_path, name_of
from ..targets import Fit, Target

Prefer = Literal["trust", "reach"]


@dataclass(slots=True)
class RankedPath:
    """One ranked (target person, path) row: shared by the CLI, CSV/JSON export, map and notebook."""

    rank: int
    person: str
    name: str
    title: str
    company: str
    office: str
    score: float
    warmth: float
    fit: float
    hops: int | None
    path: list[str]
    names: list[str]
    first_ask: str | None
    first_ask_name: str
    reasons: list[str]
    cold: bool = False
    hop_details: list[Hop] = field(default_factory=list)
    fit_detail: Fit | None = None
    target: str = ""
    #: with an office: "office" (there), "company" (elsewhere in the company) or "unknown" (no office on record)
    office_group: str = ""

    @property
    def inferred_hops(self) -> int:
        """How many hops of the path are only inferred (a shared company, office, school)."""
        return sum(1 for h in self.hop_details if h.inferred)

    @property
    def path_text(self) -> str:
        """The path as names, ``~`` before a person reached by an inferred hop, ``>`` otherwise.

        >>> from netmap.paths import Hop
        >>> row = RankedPath(1, "b", "Bo", "", "", "", 0.1, 0.1, 1.0, 2, ["me", "z", "b"], ["You", "Zoe", "Bo"],
        ...                  "z", "Zoe", [], hop_details=[Hop("me", "z", "you", "Zoe", 0.8, "direct", False),
        ...                                             Hop("z", "b", "Zoe", "Bo", 0.1, "same company", True)])
        >>> row.path_text
        'You > Zoe ~ Bo'
        """
        if not self.names:
            return ""
        marks = [" ~ " if h.inferred else " > " for h in self.hop_details]
        return self.names[0] + "".join(m + n for m, n in zip(marks, self.names[1:], strict=False))

    def as_row(self) -> dict:
        """The stable flat columns of the CSV export (see ``docs/scoring.md``)."""
        return {
            "rank": self.rank, "person_id": self.person, "name": self.name, "title": self.title,
            "company": self.company, "office": self.office, "score": round(self.score, 4),
            "warmth": round(self.warmth, 4), "fit": round(self.fit, 4), "hops": self.hops,
            "path": self.path_text, "first_ask": self.first_ask_name,
            "first_ask_id": self.first_ask or "", "reasons": "; ".join(self.reasons),
            "status": "cold" if self.cold else "warm", "target": self.target,
            "inferred_hops": self.inferred_hops if not self.cold else "", "office_group": self.office_group,
        }  # fmt: skip


PATH_COLUMNS = ("rank", "person_id", "name", "title", "company", "office", "score", "warmth", "fit",
                "hops", "path", "first_ask", "first_ask_id", "reasons", "status", "target", "inferred_hops",
                "office_group")  # fmt: skip

#: the order of office groups when a target names an office
OFFICE_GROUPS = ("office", "company", "unknown")


def office_group(node: dict, fit: Fit) -> str:
    """Where a person stands against the target's office: "office", "company", "unknown" ("" without one)."""
    if fit.in_office is None:
        return ""
    if fit.in_office:
        return "office"
    return "company" if node.get("office") else "unknown"


def row_order(row: RankedPath) -> tuple:
    """How rows are listed: office group first (with an office), warm before cold, then by score."""
    group = OFFICE_GROUPS.index(row.office_group) if row.office_group else 0
    if row.cold:
        return (group, 1, -row.fit, 0, row.name)
    return (group, 0, -row.score, row.hops, row.name)


def _persons_only(G: nx.Graph, path: list[str]) -> list[str]:
    return [n for n in path if not is_group(G, n)]


def _reach_factor(w: float, peak: float) -> float:
    """--prefer reach: the inverted U on the final tie's warmth, 1 at the peak."""
    return min(w / peak, peak / w) if peak > 0 else 1.0


def make_row(G: nx.Graph, target: Target, person: str, path: list[str], fit: Fit, prefer: Prefer) -> RankedPath:
    node = G.nodes[person]
    hops = describe_path(G, path)
    warmth = math.prod(h.warmth for h in hops)
    score = warmth * fit.value
    if prefer == "reach" and hops:  # the final tie counts by the inverted U, not its warmth
        last = hops[-1].warmth
        score = score / last * _reach_factor(last, G.graph["weights"].reach_peak)
    persons = _persons_only(G, path)
    first = persons[1] if len(persons) > 2 else None
    reasons = [h.evidence[0] if h.inferred else _short(G, h) for h in hops]
    if len(persons) > 2 and G.has_edge(persons[0], person) and not G[persons[0]][person].get("inferred"):
        direct = G[persons[0]][person]["warmth"]
        reasons.append(f"you also know {node['name']} directly ({direct:.2f}): this route through known ties "
                       "is warmer")  # fmt: skip
    reasons.append(_fit_reason(node, fit))
    return RankedPath(
        rank=0, person=person, name=node["name"], title=node.get("title", ""), company=node.get("company", ""),
        office=node.get("office", ""), score=score, warmth=warmth, fit=fit.value, hops=len(hops),
        path=persons, names=[name_of(G, n) if n != ME else "You" for n in persons], first_ask=first,
        first_ask_name=name_of(G, first) if first else "", reasons=reasons, hop_details=hops, fit_detail=fit,
        target=target.describe(), office_group=office_group(node, fit),
    )  # fmt: skip


def _short(G: nx.Graph, hop: Hop) -> str:
    return f"{hop.evidence[0]} [{hop.warmth:.2f}]" if hop.evidence else f"{hop.source_name} - {hop.target_name}"


def _fit_reason(node: dict, fit: Fit) -> str:
    parts = [f"{fit.level.replace('_', '-')} x{fit.seniority:g}"]
    if fit.in_office is not None:
        parts.append(f"{'in' if fit.in_office else 'not in'} the office x{fit.office:g}")
    if fit.role_word is not None or fit.role != 1.0:
        parts.append(f"role {'matches ' + repr(fit.role_word) if fit.role_word else 'does not match'} x{fit.role:g}")
    return "fit: " + ", ".join(parts)


def cold_row(G: nx.Graph, target: Target, person: str, fit: Fit, max_hops: float) -> RankedPath:
    node = G.nodes[person]
    return RankedPath(
        rank=0, person=person, name=node["name"], title=node.get("title", ""), company=node.get("company", ""),
        office=node.get("office", ""), score=0.0, warmth=0.0, fit=fit.value, hops=None, path=[], names=[],
        first_ask=None, first_ask_name="", reasons=[f"no warm path within {max_hops} hops", _fit_reason(node, fit)],
        cold=True, fit_detail=fit, target=target.describe(), office_group=office_group(node, fit),
    )  # fmt: skip
