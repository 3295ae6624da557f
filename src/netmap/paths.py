"""Turning node paths into hops with their evidence, in words a user can check.

A node path from :mod:`netmap.search` may pass through group nodes (an inferred
tie through a shared office, company or school); :func:`describe_path` folds each
``person - group - person`` run into one :class:`Hop`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

import networkx as nx

from .graph import combine, is_group, recency_factor
from .model import ME, MEMBER_STATUS_PREFIX, POOL_MEMBER, TIE_STATUS, Evidence


@dataclass(slots=True)
class Hop:
    """One tie along a path, from ``source`` to ``target`` (person ids)."""

    source: str
    target: str
    source_name: str
    target_name: str
    warmth: float
    kind: str
    inferred: bool
    evidence: list[str] = field(default_factory=list)
    via: str | None = None
    suggestion: str | None = None
    #: a direct tie whose strength netmap estimated from an export
    estimated: bool = False


def _age(when: date | None, today: date) -> str:
    if when is None:
        return "date unknown"
    days = (today - when).days
    if days < 45:
        return f"{days} days ago" if days != 1 else "yesterday"
    months = round(days / 30.44)
    return f"{months} months ago" if months < 24 else f"{days / 365.25:.1f} years ago"


def name_of(G: nx.Graph, node: str) -> str:
    return "you" if node == ME else G.nodes[node].get("name", node)


def evidence_text(G: nx.Graph, e: Evidence) -> str:
    """One evidence item as a sentence.

    In a pool member's view another member's introduction or tie (``recorded_by``) is worded
    as theirs, never as one of yours.

    >>> from netmap.model import Evidence
    >>> G = nx.Graph(today=date(2026, 1, 1)); G.add_node("me"); G.add_node("a", name="Ana")
    >>> evidence_text(G, Evidence("direct", "me", "a", 0.5, date(2025, 12, 2), "", 4, "friend"))
    'you know Ana (friend, strength 4, last contact 2025-12-02, 30 days ago)'
    >>> G.add_node("r", name="Rui")
    >>> evidence_text(G, Evidence("introduction", "r", "a", 0.5, date(2025, 12, 2), "member:made",
    ...                           recorded_by="Bo"))
    'Rui referred Bo to Ana (made, 2025-12-02)'
    """
    today = G.graph.get("today") or date.today()
    src, dst = name_of(G, e.source), name_of(G, e.target)
    when = e.date.isoformat() if e.date else "no date"
    if e.kind == "direct":
        if e.estimated:
            parts = [p for p in (e.relationship, f"strength {e.strength} estimated from your exports") if p]
            parts.append(f"last seen {e.date.isoformat()}, {_age(e.date, today)}" if e.date else "no date")
            return f"you know {dst} ({', '.join(parts)})"
        pool = e.relationship == POOL_MEMBER  # both of you are members of one pool
        parts = [p for p in ("" if pool else e.relationship, f"strength {e.strength}" if e.strength else "") if p]
        parts.append(f"last contact {e.date.isoformat()}, {_age(e.date, today)}" if e.date else "no last contact")
        return f"you know {dst}{' from your pool' if pool else ''} ({', '.join(parts)})"
    if e.kind == "introduction":
        strength = f", strength {e.strength}" if e.strength else ""
        if e.status == TIE_STATUS:  # a pool member's own tie, not an introduction
            seen = f"last contact {when}" if e.date else "no last contact"
            return f"{src} knows {dst} ({seen}{strength})"
        if e.recorded_by:  # another pool member's introduction: it was made to them
            said = f"({e.status.removeprefix(MEMBER_STATUS_PREFIX)}, {when}{strength})"
            if src == e.recorded_by:  # "me" in that member's folder
                return f"{src} reached out to {dst} {said}"
            return f"{src} referred {e.recorded_by} to {dst} {said}"
        return f"{src} referred you to {dst} ({e.status}, {when}{strength})"
    return f"{src} put you in touch with {dst} ({e.status}, {when})"


GROUP_KIND = {"office": "same office", "school": "same school"}


def _group_hop(G: nx.Graph, a: str, g: str, b: str) -> Hop:
    ga, gb = G[a][g], G[g][b]
    group = G.nodes[g]
    kind = GROUP_KIND.get(group["group"])
    if kind is None:
        kind = "same company" if ga["role"] == gb["role"] == "current" else "past company"
    label = group["name"]
    text = f"{name_of(G, a)} and {name_of(G, b)}: {kind}, {label} (inferred)"
    return Hop(a, b, name_of(G, a), name_of(G, b), ga["warmth"] * gb["warmth"], kind, True, [text], label)


def describe_path(G: nx.Graph, path: list[str]) -> list[Hop]:
    """The hops of a node path, group nodes folded into inferred hops."""
    hops: list[Hop] = []
    i = 0
    while i < len(path) - 1:
        a, b = path[i], path[i + 1]
        if is_group(G, b):
            hops.append(_group_hop(G, a, b, path[i + 2]))
            i += 2
            continue
        data = G[a][b]
        kinds = data["kinds"]
        kind = "direct" if "direct" in kinds else "introduced" if "introduced" in kinds else "introduction"
        evidence = [evidence_text(G, e) for e in data["evidence"]]
        if data.get("bonus", 1.0) != 1.0:
            evidence.append(f"x{data['bonus']:.2f} for {_bonus_reason(G, data)} (see docs/scoring.md)")
        estimated = any(e.kind == "direct" and e.estimated for e in data["evidence"])
        hops.append(Hop(a, b, name_of(G, a), name_of(G, b), data["warmth"], kind, False, evidence, estimated=estimated))
        i += 1
    return hops


def _bonus_reason(G: nx.Graph, data: dict) -> str:
    items = data["evidence"]
    directions = {(e.source, e.target) for e in items if e.kind == "introduction"}
    reasons = []
    if any((t, s) in directions for s, t in directions):
        reasons.append("introductions both ways")
    if data["bonus"] != G.graph["weights"].reciprocity or not reasons:
        reasons.append("their track record of introductions")
    return " and ".join(reasons)


def path_warmth(G: nx.Graph, path: list[str]) -> float:
    """The product of the warmths of the ties along a node path."""
    return math.exp(-sum(G[u][v]["cost"] for u, v in zip(path, path[1:], strict=False)))


def suggest(G: nx.Graph, hop: Hop) -> str | None:
    """What would raise this hop's warmth, with the figure it would reach, if anything."""
    if hop.inferred:
        w = G.graph["weights"]
        would = w.introduction_default * w.status["made"]
        return (f"this tie is only inferred ({hop.kind}); an introduction between {hop.source_name} and "
                f"{hop.target_name} would make it a real one (about {max(would, hop.warmth):.2f})")  # fmt: skip
    data = G[hop.source][hop.target]
    weights, today = G.graph["weights"], G.graph["today"]
    items: list[Evidence] = data["evidence"]
    for e in items:
        if e.kind == "introduction" and e.status in ("declined", "no_response"):
            whose = f" of {e.recorded_by}" if e.recorded_by and e.recorded_by != name_of(G, e.source) else ""
            return (f"{name_of(G, e.source)}'s introduction{whose} to {name_of(G, e.target)} was "
                    f"{e.status.replace('_', ' ')}"
                    f" ({e.date.isoformat() if e.date else 'no date'}): this hop is penalised x"
                    f"{weights.status[e.status]:g}; another introducer may be warmer")  # fmt: skip
    direct = [e for e in items if e.kind == "direct"]
    if direct and direct[0].estimated:
        return (f"this strength is netmap's estimate: say how well you know {hop.target_name} with "
                f"'netmap rate \"{hop.target_name}\" --strength N' (1-5)")  # fmt: skip
    if direct and direct[0].date is not None and (today - direct[0].date).days > 90:
        e = direct[0]
        fresh = e.warmth / recency_factor(e.date, today, weights)
        raised = combine([replace(e, warmth=fresh)] + [x for x in items if x is not e], weights, data["bonus"])
        if raised > hop.warmth + 0.005:
            return (f"last contact with {name_of(G, e.target)} {_age(e.date, today)}: a recent contact would raise "
                    f"this hop from {hop.warmth:.2f} to {raised:.2f}")  # fmt: skip
    if direct and direct[0].relationship == POOL_MEMBER:  # no row of yours: the pool's default tie
        return (f"{hop.target_name} is your tie only through the pool: add them to your own contacts.csv "
                "(strength, last_contact) and pool again to make this hop precise")  # fmt: skip
    if direct and direct[0].date is None:
        return f"no last contact recorded for {hop.target_name}: add last_contact to make this hop precise"
    pending = [e for e in items if e.kind == "introduction" and e.status in ("suggested", "requested")]
    if pending:
        e = pending[0]
        up = replace(e, warmth=e.warmth * weights.status["met"], status="met")
        raised = combine([up] + [x for x in items if x is not e], weights, data["bonus"])
        return (f"the introduction from {name_of(G, e.source)} to {name_of(G, e.target)} is {e.status}: once you "
                f"have met, this hop rises from {hop.warmth:.2f} to {raised:.2f}")  # fmt: skip
    return None
