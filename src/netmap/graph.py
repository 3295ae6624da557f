"""Building the network graph: people, the user, and every tie with its evidence.

One node per person (``kind="person"``) plus the user (``"me"``, ``kind="user"``). A
tie between two people carries every piece of :class:`~netmap.model.Evidence`
behind it and a derived ``warmth`` in (0, 1] (``cost = -log(warmth)``).

Inferred ties (a shared office, current or past company, or school) are modelled as
membership in a group node (``kind="group"``) so they stay linear in the number of
people: a path ``A - [office] - B`` is one inferred hop whose warmth is the product
of its two membership edges (each ``sqrt`` of the inferred base warmth).

>>> from netmap.model import Contact, Dataset, Introduction
>>> ds = Dataset([Contact("ana", "Ana", strength=5), Contact("bo", "Bo")],
...              [Introduction("ana", "bo", status="met")])
>>> G = build_graph(ds, today=date(2026, 1, 1))
>>> sorted(G["ana"]["bo"]["kinds"])
['introduction']
>>> 0 < G["me"]["ana"]["warmth"] <= 1
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from .model import ME, Contact, Dataset, Evidence
from .normalize import normalize_company
from .weights import Weights

GROUP_PREFIX = {"company": "company::", "office": "office::", "school": "school::"}


def recency_factor(when: date | None, today: date, weights: Weights) -> float:
    """How much of a tie's warmth survives since ``when`` (a half-life decay to a floor).

    >>> w = Weights()
    >>> recency_factor(date(2026, 1, 1), date(2026, 1, 1), w)
    1.0
    >>> round(recency_factor(date(2025, 1, 1), date(2026, 1, 1), w), 3)
    0.7
    """
    if when is None:
        return weights.unknown_recency
    return recency_after(max(0, (today - when).days), weights)


def recency_after(days: int, weights: Weights) -> float:
    """:func:`recency_factor` of a tie last seen ``days`` ago (0 or more)."""
    floor = weights.recency_floor
    return floor + (1 - floor) * 0.5 ** (days / weights.half_life_days)


def direct_warmth(contact: Contact, weights: Weights) -> float:
    """Base warmth of your tie to a contact from strength and relationship kind.

    The strength is the one you stated, else netmap's estimate from an export.
    """
    strength = contact.strength if contact.strength is not None else contact.strength_estimate
    by_strength = weights.strength.get(str(strength)) if strength else None
    by_kind = weights.relationship.get(contact.relationship) if contact.relationship else None
    if by_strength is not None and by_kind is not None:
        share = weights.strength_share
        return share * by_strength + (1 - share) * by_kind
    if by_strength is not None:
        return by_strength
    return by_kind if by_kind is not None else weights.relationship["other"]


def direct_evidence(contact: Contact, weights: Weights, today: date) -> Evidence:
    """The evidence of your direct tie to a contact: :func:`direct_warmth` decayed since the
    last contact (else the date you connected), with the strength it rests on."""
    when = contact.last_contact or contact.connected_on
    strength = contact.strength if contact.strength is not None else contact.strength_estimate
    warmth = direct_warmth(contact, weights) * recency_factor(when, today, weights)
    return Evidence("direct", ME, contact.id, warmth, when, "", strength, contact.relationship, contact.line,
                    contact.estimated)  # fmt: skip


def combine(evidence: Iterable[Evidence], weights: Weights, bonus: float = 1.0) -> float:
    """Warmth of a tie from its evidence: noisy-OR of the positive pieces, times penalties.

    Declined or unanswered introductions over the tie multiply it by their status
    factor (< 1); ``bonus`` carries reciprocity and track record. Clamped to [0.01, 1].
    """
    missing = 1.0
    penalty = 1.0
    for e in evidence:
        missing *= 1 - min(e.warmth, 0.99)
        if e.kind == "introduction":
            penalty *= min(1.0, weights.status.get(e.status, 1.0))
    return min(1.0, max(0.01, (1 - missing) * penalty * bonus))


def spent_introductions(evidence: Iterable[Evidence], weights: Weights) -> tuple[str, ...]:
    """The referrers whose introduction over this tie already happened (made, met, thanked):
    the contact is now your own tie, so no path goes from them to the contact again."""
    return tuple(
        dict.fromkeys(
            e.source for e in evidence if e.kind == "introduction" and e.status in weights.introduced and e.source != ME
        )
    )


def person_attrs(c: Contact, company_key: str) -> dict:
    """The attributes of a person's node (``company_key`` as :func:`company_key` gives it)."""
    return dict(
        kind="person", name=c.name, label=c.name, company=c.company, company_key=company_key,
        title=c.title, office=c.office, office_key=normalize_company(c.office), email=c.email,
        linkedin_url=c.linkedin_url, relationship=c.relationship, strength=c.strength,
        last_contact=c.last_contact, strength_estimate=c.strength_estimate, connected_on=c.connected_on,
        past_companies=c.past_companies, tags=c.tags,
        school=c.school, notes=c.notes,
    )  # fmt: skip


def company_key(name: str, aliases: dict[str, str]) -> str:
    """The key a company is grouped under: its alias target if any, normalised."""
    norm = normalize_company(name)
    return normalize_company(aliases.get(norm, name)) if norm else ""


def build_graph(
    dataset: Dataset,
    *,
    weights: Weights | None = None,
    today: date | None = None,
    inferred: bool = True,
) -> nx.Graph:
    """Turn a :class:`~netmap.model.Dataset` into a scored ``networkx.Graph``.

    ``today`` anchors recency (default: the real today). ``inferred=False`` leaves
    out the group nodes for shared office, company and school.
    """
    from .fastpath import ColumnNetwork, graph_of

    net = ColumnNetwork.from_dataset(dataset, weights or Weights(), today or date.today())
    return graph_of(net, inferred=inferred)


def inferred_factor(size: int, weights: Weights) -> float:
    """How much of an inferred base survives in a group of ``size`` people (1 up to
    ``inferred_full_size``, then falling with the square root of the size).

    >>> w = Weights()
    >>> inferred_factor(5, w), inferred_factor(40, w)
    (1.0, 0.5)
    """
    return min(1.0, math.sqrt(weights.inferred_full_size / size)) if size > 0 else 1.0


def adjacency(G: nx.Graph) -> dict[str, dict[str, dict[str, Any]]]:
    """The graph's adjacency as the plain dicts networkx keeps (``G._adj``): the searches read
    millions of ties, and the public views wrap every lookup."""
    return G._adj  # type: ignore[attr-defined]


def companies_bridged(G: nx.Graph, node: str) -> int:
    """How many companies other than their own a person's explicit ties reach (a cheap
    measure of brokerage, linear in the ties)."""
    own = G.nodes[node].get("company_key", "")
    reached = set()
    for other, d in adjacency(G)[node].items():
        if d.get("inferred") or other == ME:
            continue
        key = G.nodes[other].get("company_key", "")
        if key and key != own:
            reached.add(key)
    return len(reached)


def people(G: nx.Graph) -> list[str]:
    """The ids of every person node (not the user, not group nodes)."""
    return [n for n, kind in G.nodes(data="kind") if kind == "person"]


def is_group(G: nx.Graph, node: str) -> bool:
    return G.nodes[node].get("kind") == "group"
