"""Ranking warm introduction paths to the people at a target company or office.

A path's warmth is the product of its ties' warmths; its score multiplies in the
target fit of the person reached (seniority, office, role). ``docs/scoring.md``
gives the formula so any score can be recomputed by hand.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset, Introduction
>>> from netmap.graph import build_graph
>>> ds = Dataset([Contact("bo", "Bo", company="Acme", office="Lisbon", strength=5),
...               Contact("ana", "Ana", company="Acme", office="Lisbon", title="Head of Data")], [])
>>> G = build_graph(ds, today=date(2026, 1, 1))
>>> best = rank_paths(G, "ACME Inc.", office="lisbon")
>>> [(p.name, p.names) for p in best]
[('Bo', ['You', 'Bo']), ('Ana', ['You', 'Bo', 'Ana'])]
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from .errors import NotFoundError
from .graph import is_group
from .model import ME
from .paths import Hop, describe_path, name_of, suggest
from .search import Found, best_paths, best_paths_by_first_hop
from .targets import Fit, Target, resolve_target, target_fit, target_people

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


def _make(G: nx.Graph, target: Target, person: str, path: list[str], fit: Fit, prefer: Prefer) -> RankedPath:
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


def _cold(G: nx.Graph, target: Target, person: str, fit: Fit, max_hops: int) -> RankedPath:
    node = G.nodes[person]
    return RankedPath(
        rank=0, person=person, name=node["name"], title=node.get("title", ""), company=node.get("company", ""),
        office=node.get("office", ""), score=0.0, warmth=0.0, fit=fit.value, hops=None, path=[], names=[],
        first_ask=None, first_ask_name="", reasons=[f"no warm path within {max_hops} hops", _fit_reason(node, fit)],
        cold=True, fit_detail=fit, target=target.describe(), office_group=office_group(node, fit),
    )  # fmt: skip


#: a contact "reaches" a person when their route scores at least this share of the best route
REACH_SHARE = 0.5
#: extra introducers per person searched for --max-per-introducer and --prefer reach
ALTERNATIVES_SPARE = 9
#: alternative routes are searched down to 1/100 of the warmth of the best one (a cost range of ln 100)
ALTERNATIVE_RANGE = math.log(100)


def alternative_paths(
    G: nx.Graph, person: str, *, max_hops: int = 3, source: str = ME, floor: float | None = None
) -> dict[str, list[str]]:
    """The best path to ``person`` through each of ``source``'s contacts: {first hop: node path}.

    One search from ``person`` back towards you (never through you), so each of your
    contacts gets the warmest route that starts with them. With ``floor``, routes
    warmer than ``floor`` times the best route are guaranteed; colder ones may be
    left out (the search stops there, which keeps it small in large networks).
    """
    stop = None
    if floor is not None:
        best = best_paths(G, source, max_hops=max_hops, stop=lambda cost, found: person in found)
        if person not in best:
            return {}
        cheapest_first = min((d["cost"] for n, d in G._adj[source].items()), default=0.0)
        limit = best[person].cost - math.log(floor) - cheapest_first

        def stop(cost: float, found: dict[str, Found]) -> bool:
            return cost > limit

    back = best_paths(G, person, max_hops=max_hops - 1, exclude=(source,), stop=stop, toward=source)
    routes: dict[str, tuple[float, list[str]]] = {}
    for first, data in G._adj[source].items():
        if first == person:
            routes[first] = (data["cost"], [source, person])
        elif first in back and not is_group(G, first):
            found = back[first]
            routes[first] = (data["cost"] + found.cost, [source, *reversed(found.path)])
    return {k: v[1] for k, v in sorted(routes.items(), key=lambda kv: kv[1][0])}


def rank_paths(
    G: nx.Graph,
    company: str | Target,
    *,
    office: str | None = None,
    role: str | tuple[str, ...] | None = None,
    max_hops: int = 3,
    top: int | None = 20,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    source: str = ME,
) -> list[RankedPath]:
    """Rank the people at a target by their warmest path from ``source`` (you).

    Returns up to ``top`` people (``per_target`` rows each, with different first
    introducers), best score first, then people with no path within ``max_hops`` as
    cold rows (``include_cold=False`` drops them). ``max_per_introducer`` keeps one
    contact from filling the list. ``prefer="reach"`` favours moderately weak final
    ties (see ``docs/scoring.md``).
    """
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office, role=role)
    if prefer not in ("trust", "reach"):
        raise ValueError(f"prefer must be 'trust' or 'reach', not {prefer!r}")
    weights = G.graph["weights"]
    members = target_people(G, target)
    fits = {p: target_fit(G.nodes[p], target, weights) for p in members}
    best_fit = max((f.value for f in fits.values()), default=1.0)
    # early stop on the score bound: only when rows are ordered by score alone (no office groups)
    simple = (per_target == 1 and max_per_introducer is None and prefer == "trust" and top is not None
              and target.office is None)  # fmt: skip

    def stop(cost: float, found: dict[str, Found]) -> bool:
        # every target not yet settled scores at most exp(-cost) * best_fit
        if not simple:
            return False
        bound = math.exp(-cost) * best_fit
        done = sum(1 for p in members if p in found and math.exp(-found[p].cost) * fits[p].value >= bound)
        return done >= top  # type: ignore[operator]

    found = best_paths(G, source, max_hops=max_hops, stop=_throttle(stop) if simple else None)
    return assemble(G, target, members, fits, found, max_hops=max_hops, top=top, per_target=per_target,
                    max_per_introducer=max_per_introducer, prefer=prefer, include_cold=include_cold,
                    source=source)  # fmt: skip


def assemble(
    G: nx.Graph,
    target: Target,
    members: list[str],
    fits: dict[str, Fit],
    found: dict[str, Found],
    *,
    max_hops: int,
    top: int | None,
    per_target: int = 1,
    max_per_introducer: int | None = None,
    prefer: Prefer = "trust",
    include_cold: bool = True,
    source: str = ME,
    cold: list[str] | None = None,
) -> list[RankedPath]:
    """Rows from the best paths found: warm ones by score, then cold ones.

    Cold people are the members without a path in ``found``, unless ``cold`` lists
    them (already in order) for a caller that knows them without full node data.
    """
    warm = [_make(G, target, p, found[p].path, fits[p], "trust") for p in members if p in found and p != source]
    warm.sort(key=row_order)
    if prefer == "reach" or per_target > 1 or max_per_introducer is not None:
        warm = _alternatives(G, target, warm, fits, max_hops, top, per_target, max_per_introducer, prefer, source)
    cold_rows: list[RankedPath] = []
    if include_cold:
        if cold is None:
            cold = [p for p in members if p not in found]
        cold_rows = [_cold(G, target, p, fits[p], max_hops) for p in cold]
    # people in list order (a person's alternative routes stay together), cut at top people
    people: dict[str, list[RankedPath]] = {}
    for row in warm + cold_rows:
        people.setdefault(row.person, []).append(row)
    ordered = sorted(people.values(), key=lambda rows: row_order(rows[0]))
    if top is not None:
        ordered = ordered[:top]
    rows = [row for group in ordered for row in group]
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows


def _throttle(stop):
    """Evaluate the stopping rule only every 64 settled nodes (it scans the targets)."""
    calls = itertools.count(1)

    def wrapped(cost: float, found: dict[str, Found]) -> bool:
        return next(calls) % 64 == 0 and stop(cost, found)

    return wrapped


def _alternatives(G, target, warm, fits, max_hops, top, per_target, max_per_introducer, prefer, source):
    """Rows with several introducers per person, reach re-scoring and the per-introducer cap."""
    pool = warm if top is None else warm[: max(top * 3, top + 20)]
    # enough distinct introducers per person for the cap and for reach to choose among
    k = per_target + (ALTERNATIVES_SPARE if max_per_introducer is not None or prefer == "reach" else 0)
    worst_best = max((-math.log(row.warmth) for row in pool), default=0.0)
    routes = best_paths_by_first_hop(G, source, [row.person for row in pool], k=k, max_hops=max_hops,
                                     max_cost=worst_best + ALTERNATIVE_RANGE)  # fmt: skip
    per_person: list[list[RankedPath]] = []
    for row in pool:
        options = [_make(G, target, row.person, f.path, fits[row.person], prefer) for f in routes[row.person]]
        if not options:
            options = [row]
        options.sort(key=lambda r: (-r.score, r.hops, r.first_ask_name))
        per_person.append(options)
    per_person.sort(key=lambda opts: row_order(opts[0]))
    used: Counter[str] = Counter()
    groups: list[list[RankedPath]] = []
    for options in per_person:
        if top is not None and len(groups) >= top:
            break
        taken: list[RankedPath] = []
        for option in options:
            key = option.first_ask or ""
            if max_per_introducer is not None and key and used[key] >= max_per_introducer:
                continue
            taken.append(option)
            used[key] += 1
            if len(taken) >= per_target:
                break
        if taken:
            groups.append(taken)
    # the cap may have left a person only a weaker route: order people by what they kept
    groups.sort(key=lambda g: row_order(g[0]))
    return [row for group in groups for row in group]


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
    ranked = rank_paths(G, target, max_hops=max_hops, top=candidates, include_cold=False, source=source)
    weights = G.graph["weights"]
    scores: dict[str, list[tuple[int, float, str, str, list[str]]]] = defaultdict(list)
    best_for = {row.person: row.score for row in ranked}  # the best route to each, direct or not
    for row in ranked:
        fit = target_fit(G.nodes[row.person], target, weights)
        routes = alternative_paths(G, row.person, max_hops=max_hops, source=source, floor=REACH_SHARE)
        for first, path in routes.items():
            # first == row.person: you know them yourself; they are the one to ask
            made = _make(G, target, row.person, path, fit, "trust")
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
    from .people import PersonResolver

    return PersonResolver.from_graph(G).resolve(text)


def mutual(G: nx.Graph, a: str, b: str, *, inferred: bool = False) -> list[Mutual]:
    """People tied to both ``a`` and ``b`` (ids), warmest first; ``inferred`` adds shared groups."""

    def ties(x: str) -> dict[str, float]:
        out = {n: d["warmth"] for n, d in G._adj[x].items() if not is_group(G, n)}
        if inferred:
            for g, dg in G._adj[x].items():
                if is_group(G, g):
                    for n, dn in G._adj[g].items():
                        if n != x:
                            out[n] = max(out.get(n, 0.0), dg["warmth"] * dn["warmth"])
        return out

    ta, tb = ties(a), ties(b)
    rows = [
        Mutual(n, name_of(G, n) if n != ME else "You", G.nodes[n].get("title", ""), G.nodes[n].get("company", ""),
               ta[n], tb[n])  # fmt: skip
        for n in ta.keys() & tb.keys()
        if n not in (a, b)
    ]
    rows.sort(key=lambda m: (-(m.warmth_a * m.warmth_b), m.name))
    return rows


def mutual_at(
    G: nx.Graph, company: str | Target, *, office: str | None = None, source: str = ME
) -> list[Mutual]:
    """Your contacts tied to someone at the target (office when given), by their best such tie.

    ``warmth_a`` is your tie to the contact, ``warmth_b`` their best tie into the
    target: an explicit tie, 1 for a contact who works there themselves, or the
    inferred same-company warmth for a contact elsewhere in the same company.
    """
    weights = G.graph["weights"]
    target = company if isinstance(company, Target) else resolve_target(G, company, office=office)
    inside = {
        p for p in target_people(G, target) if target.office is None or G.nodes[p]["office_key"] == target.office
    }
    rows = []
    for contact, data in G._adj[source].items():
        if is_group(G, contact):
            continue
        links = {n: d["warmth"] for n, d in G._adj[contact].items() if n in inside}
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


@dataclass(slots=True)
class Explanation:
    """The best paths to one person, hop by hop, with what would raise each hop."""

    person: str
    name: str
    title: str
    company: str
    office: str
    paths: list[RankedPath]


def explain(
    G: nx.Graph,
    person: str,
    *,
    company: str | None = None,
    office: str | None = None,
    role: str | None = None,
    k: int = 3,
    max_hops: int = 3,
    source: str = ME,
) -> Explanation:
    """Explain the ``k`` best paths (different introducers) to ``person`` (an id or name).

    With ``company`` the score includes the target fit for that company/office/role;
    otherwise the fit is the person's seniority alone.
    """
    pid = find_person(G, person)
    if pid == source:
        raise NotFoundError("that is you - name someone else to explain the paths to them")
    node = G.nodes[pid]
    if company:
        target = resolve_target(G, company, office=office, role=role)
        if node.get("company_key") != target.company:
            where = f"at {node['company']}" if node.get("company") else "at no company on record"
            raise NotFoundError(f"{node['name']} is not at {target.company_name} ({where}) - "
                                "leave out --company or name their company")  # fmt: skip
    else:
        target = Target(node.get("company_key", ""), node.get("company", ""))
    fit = target_fit(node, target, G.graph["weights"])
    best = best_paths(G, source, max_hops=max_hops, stop=lambda cost, found: pid in found).get(pid)
    limit = best.cost + ALTERNATIVE_RANGE if best else -1.0
    routes = best_paths_by_first_hop(G, source, [pid], k=k, max_hops=max_hops, max_cost=limit)[pid]
    paths = [_make(G, target, pid, f.path, fit, "trust") for f in routes]
    paths.sort(key=lambda r: (-r.score, r.hops, r.first_ask_name))
    paths = paths[:k]
    for i, p in enumerate(paths, 1):
        p.rank = i
        for hop in p.hop_details:
            hop.suggestion = suggest(G, hop)
    return Explanation(pid, node["name"], node.get("title", ""), node.get("company", ""), node.get("office", ""), paths)


def rank_targets(
    G: nx.Graph, targets: list[Target], *, top: int | None = 20, **options
) -> list[RankedPath]:
    """Rank the people at several targets together (``--targets FILE``).

    Each person appears once, under the target that scores them best. No target at
    all (every row named a company nobody in the network is at) is a NotFoundError.
    """
    if not targets:
        raise NotFoundError("none of the targets is a company in your network - check the names "
                            "against 'netmap companies'")  # fmt: skip
    best: dict[str, list[RankedPath]] = {}
    for target in dict.fromkeys(targets):  # the same target twice (e.g. by an alias) counts once
        rows_here: dict[str, list[RankedPath]] = {}
        for row in rank_paths(G, target, top=top, **options):
            rows_here.setdefault(row.person, []).append(row)
        for person, rows in rows_here.items():
            if person not in best or rows[0].score > best[person][0].score:
                best[person] = rows
    groups = sorted(best.values(), key=lambda rows: (rows[0].cold, -rows[0].score, rows[0].name))
    if top is not None:
        groups = groups[:top]
    rows = [r for group in groups for r in group]
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows
