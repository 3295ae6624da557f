"""People tied to two people, or your contacts tied into a target office."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..graph import adjacency, is_group
from ..model import ME
from ..paths import name_of
from ..targets import Target, resolve_target, target_people


@dataclass(slots=True)
class Mutual:
    """Someone tied to both people asked about, or one of your contacts tied into a target."""

    person: str
    name: str
    title: str
    company: str
    warmth_a: float
    warmth_b: float
    through: list[str] = field(default_factory=list)

    def as_row(self) -> dict:
        return {"person_id": self.person, "name": self.name, "title": self.title, "company": self.company,
                "warmth_a": round(self.warmth_a, 4), "warmth_b": round(self.warmth_b, 4),
                "through": "; ".join(self.through)}  # fmt: skip


MUTUAL_COLUMNS = ("person_id", "name", "title", "company", "warmth_a", "warmth_b", "through")


def find_person(G: nx.Graph, text: str) -> str:
    """The person node ``text`` means (see :class:`netmap.people.PersonResolver`)."""
    from ..people import PersonResolver

    if G.nodes.get(text, {}).get("kind") == "person":  # an id: the resolver would say so too, after reading everyone
        return text
    return PersonResolver.from_graph(G).resolve(text)


def mutual(G: nx.Graph, a: str, b: str, *, inferred: bool = False) -> list[Mutual]:
    """People tied to both ``a`` and ``b`` (ids), warmest first; ``inferred`` adds shared groups."""

    def ties(x: str) -> dict[str, float]:
        out = {n: d["warmth"] for n, d in adjacency(G)[x].items() if not is_group(G, n)}
        if inferred:
            for g, dg in adjacency(G)[x].items():
                if is_group(G, g):
                    for n, dn in adjacency(G)[g].items():
                        if n != x:
                            out[n] = max(out.get(n, 0.0), dg["warmth"] * dn["warmth"])
        return out

    ta, tb = ties(a), ties(b)
    rows = [
        Mutual(
            n,
            name_of(G, n) if n != ME else "You",
            G.nodes[n].get("title", ""),
            G.nodes[n].get("company", ""),
            ta[n],
            tb[n],
        )  # fmt: skip
        for n in ta.keys() & tb.keys()
        if n not in (a, b)
    ]
    rows.sort(key=lambda m: (-(m.warmth_a * m.warmth_b), m.name))
    return rows


def mutual_at(G: nx.Graph, company: str | Target, *, office: str | None = None, source: str = ME) -> list[Mutual]:
    """Your contacts tied to someone at the target (office when given), by their best such tie.

    ``warmth_a`` is your tie to the contact, ``warmth_b`` their best tie into the
    target: an explicit tie, 1 for a contact who works there themselves, or the
    inferred same-company warmth for a contact elsewhere in the same company.
    """
    weights = G.graph["weights"]
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office)
    inside = {p for p in target_people(G, target) if target.office is None or G.nodes[p]["office_key"] == target.office}
    rows = []
    for contact, data in adjacency(G)[source].items():
        if is_group(G, contact):
            continue
        links = {n: d["warmth"] for n, d in adjacency(G)[contact].items() if n in inside}
        through = [G.nodes[n]["name"] for n in sorted(links, key=lambda n: -links[n])]
        if contact in inside:
            links[contact] = 1.0
            through.insert(0, "(works there)")
        elif G.nodes[contact].get("company_key") == target.company and inside:
            links[contact] = weights.inferred["same_company"]
            through.append(f"(same company, {G.nodes[contact].get('office') or 'office unknown'})")
        if links:
            node = G.nodes[contact]
            rows.append(Mutual(contact, node["name"], node.get("title", ""), node.get("company", ""),
                               data["warmth"], max(links.values()), through))  # fmt: skip
    rows.sort(key=lambda m: (-(m.warmth_a * m.warmth_b), -len(m.through), m.name))
    return rows
