"""What a map shows: the nodes, ties, legend and ranked paths, as plain JSON-ready data.

No HTML here and no pyvis: :func:`map_data` turns a graph from
:func:`netmap.build_graph` into a :class:`MapData` that :mod:`netmap.maps.render`
writes out. Every string in it is plain text; the page shows it as text.

Design decisions (also in ``netmap map --help`` and DEVELOPERS.md):

- Group nodes (shared company, office, school) are never drawn as people. An
  inferred tie between two members is drawn as a faint dashed line only when the
  group has at most :attr:`MapOptions.inferred_clique_max` members on the map, so
  the number of lines stays linear; larger groups show as clusters (one colour, one
  disc) instead. An inferred hop on a highlighted path is always drawn.
- People are coloured by current company (the largest :data:`PALETTE` companies get
  a colour, the rest share grey), sized by how many *other* companies their own ties
  reach (a cheap, linear measure of brokerage), and placed by a seeded layout.
- Private by default: e-mail, LinkedIn and notes only with ``details``; ``redact``
  shows initials, replaces ids with ``p1, p2, ...`` and leaves out tags and notes.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.graph import build_graph
>>> G = build_graph(Dataset([Contact("ana", "Ana Ribeiro", company="Acme", strength=4),
...                          Contact("bo", "Bo Li", company="Acme")], []), today=date(2026, 1, 1))
>>> m = map_data(G)
>>> [n["label"] for n in m.nodes]
['You', 'Ana Ribeiro', 'Bo Li']
>>> [(e["from"], e["to"], e["dashes"]) for e in m.edges]
[('me', 'ana', False), ('ana', 'bo', True)]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from ..errors import NotFoundError
from ..graph import companies_bridged
from ..model import ME
from .layout import SPRING_LIMIT, cluster_layout, spring_layout

#: company colours, colour-blind friendly first (Okabe-Ito, then Tableau)
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#4E79A7",
    "#59A14F",
    "#B07AA1",
    "#9C755F",
    "#76B7B2",
)
OTHER_COLOR = "#9AA5B1"
NO_COMPANY_COLOR = "#CBD2D9"
USER_COLOR = "#1F2933"
TARGET_BORDER = "#C2185B"
PATH_COLOR = "#D9480F"
#: ties: one colour (warmth shows as width), so vis-network need not parse a colour per tie
EDGE = "rgba(82,96,109,0.6)"
INFERRED_EDGE = "rgba(107,124,147,0.35)"
GROUP_LABEL = {"company": "same company", "office": "same office", "school": "same school"}


@dataclass(frozen=True, slots=True)
class MapOptions:
    """How to draw a map. The defaults suit a private map on a laptop."""

    #: include e-mail, LinkedIn and notes in tooltips
    details: bool = False
    #: initials only, opaque ids, no tags or notes: a map to share
    redact: bool = False
    #: seed of the layout (same input and seed, same file)
    seed: int = 0
    #: draw inferred ties of a shared group only when it has at most this many members on the map
    inferred_clique_max: int = 8
    #: ``around``: a shared group with at most this many members counts as a tie
    around_group_max: int = 12
    #: physics (the moving layout) is on only for maps with at most this many nodes
    physics_limit: int = 300
    #: maps with at most this many nodes get a force-directed layout computed in Python
    spring_limit: int = SPRING_LIMIT
    #: page title; a default is derived from what the map shows
    title: str | None = None


@dataclass(slots=True)
class MapPath:
    """One ranked path as the page lists it (ids are the map's node ids)."""

    rank: int
    score: float
    ids: list[str]
    names: list[str]
    cold: bool
    reasons: list[str]
    #: shown at the right of the row instead of the score (e.g. "4 referrals")
    badge: str = ""
    #: per hop: True when only inferred (the list shows "~" before that person, as the CLI does)
    inferred: list[bool] = field(default_factory=list)


@dataclass(slots=True)
class MapData:
    """Everything a map page needs, JSON-ready."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: list[tuple[str, str]] = field(default_factory=list)
    paths: list[MapPath] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    focus: str | None = None
    physics: bool = False
    #: heading of the side panel (default: the title)
    panel_title: str = ""
    #: the legend's note on sizes and line styles (default: the whole-network one)
    hint: str = ""

    @property
    def people(self) -> int:
        """People drawn (the user not counted)."""
        return sum(1 for n in self.nodes if n["kind"] == "person")

    def page_data(self) -> dict[str, Any]:
        """The extra data the page script reads (everything but nodes, edges, options)."""
        return {
            "title": self.title,
            "legend": [{"name": n, "color": c} for n, c in self.legend],
            "paths": [
                {
                    "rank": p.rank,
                    "score": p.score,
                    "ids": p.ids,
                    "names": p.names,
                    "cold": p.cold,
                    "reasons": p.reasons,
                    "badge": p.badge,
                    "inferred": p.inferred,
                }
                for p in self.paths
            ],
            "filters": self.filters,
            "focus": self.focus,
            "physics": self.physics,
            "panelTitle": self.panel_title,
            "hint": self.hint,
        }


def initials(name: str) -> str:
    """The initials of a name, for a redacted map.

    >>> initials("Ana  de Sousa"), initials("李小龙"), initials("")
    ('A.D.S.', '李.', '?')
    """
    parts = name.split()
    return "".join(p[0].upper() + "." for p in parts) or "?"


def map_data(
    G: nx.Graph,
    *,
    company: str | None = None,
    office: str | None = None,
    role: str | None = None,
    top: int = 5,
    around: str | None = None,
    depth: int = 2,
    options: MapOptions | None = None,
    **rank_options: Any,
) -> MapData:
    """Prepare a map of ``G``: the whole network, the paths to ``company``, or a neighbourhood.

    With ``company`` the ``top`` paths of :func:`netmap.ranking.rank_paths` (given
    ``office``, ``role`` and any other ``rank_options``) are highlighted, the first one
    at load. With ``around`` (an id or an unambiguous name) only the people within
    ``depth`` explicit ties of that person are drawn. Raises
    :class:`~netmap.errors.NotFoundError` for an unknown company or person.
    """
    options = options or MapOptions()
    paths: list[Any] = []
    targets: set[str] = set()
    where = None
    if company is not None:
        from ..ranking import rank_paths
        from ..targets import resolve_target, target_people

        target = resolve_target(G, company, office=office, role=role)
        where = target.describe()
        paths = rank_paths(G, target, top=top, **rank_options)
        targets = {
            p for p in target_people(G, target)
            if target.office is None or G.nodes[p].get("office_key") == target.office
        }  # fmt: skip
    if around is not None:
        centre = resolve_person(G, around)
        drawn = _neighbourhood(G, centre, depth, options.around_group_max)
    else:
        centre = None
        drawn = [ME] + [n for n, kind in G.nodes(data="kind") if kind == "person"]
    return _build(G, drawn, paths, targets, centre, where, options)


def resolve_person(G: nx.Graph, text: str) -> str:
    """The node id of a person given by id or unambiguous name; NotFoundError otherwise."""
    from ..loading import PersonIndex
    from ..model import Contact

    index = PersonIndex(
        [Contact(n, d["name"]) for n, d in G.nodes(data=True) if d.get("kind") == "person"]
    )
    found, message, hint = index.resolve(text)
    if found is None:
        raise NotFoundError(f"{message} - {hint}" if hint else message)
    return found


def _neighbourhood(G: nx.Graph, centre: str, depth: int, group_max: int) -> list[str]:
    """Nodes within ``depth`` ties of ``centre``; the user is reached but not crossed.

    A shared group (company, office, school) counts as one tie to its members when it
    has at most ``group_max`` members, so a large employer does not pull in everyone.
    """
    seen = {centre: 0}
    queue = deque([centre])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth or (node == ME and centre != ME):
            continue
        for other, d in G[node].items():
            if G.nodes[other].get("kind") == "group":
                if G.degree(other) > group_max:
                    continue
                reached = [m for m in G[other] if m != node]
            elif d.get("inferred"):
                continue
            else:
                reached = [other]
            for m in reached:
                if m not in seen:
                    seen[m] = seen[node] + 1
                    queue.append(m)
    order = {n: i for i, n in enumerate(G)}
    return sorted(seen, key=order.__getitem__)


def user_node(x: float, y: float, **extra: Any) -> dict[str, Any]:
    """The vis-network node of the user: a pinned dark star labelled "You"."""
    return {
        "id": ME, "label": "You", "kind": "user", "shape": "star", "size": 30, "x": x, "y": y, **extra,
        "fixed": True, "color": {"background": USER_COLOR, "border": USER_COLOR}, "baseColor": USER_COLOR,
        "title": "You", "company": "", "office": "", "tags": [], "font": {"size": 18, "bold": True},
    }  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _tooltip(d: dict[str, Any], name: str, bridged: int, options: MapOptions) -> str:
    lines = [name]
    role = " at ".join(x for x in (_text(d.get("title")), _text(d.get("company"))) if x)
    if role:
        lines.append(role)
    if d.get("office"):
        lines.append(f"Office: {d['office']}")
    if d.get("relationship") or d.get("strength"):
        rel = _text(d.get("relationship")) or "known"
        lines.append(
            f"Relationship: {rel}" + (f" (strength {d['strength']}/5)" if d.get("strength") else "")
        )
    if d.get("last_contact"):
        lines.append(f"Last contact: {_text(d['last_contact'])}")
    if bridged:
        lines.append(f"Ties reach {bridged} other compan{'y' if bridged == 1 else 'ies'}")
    if not options.redact and d.get("tags"):
        lines.append(f"Tags: {_text(d['tags'])}")
    if options.details and not options.redact:
        for label, key in (("E-mail", "email"), ("LinkedIn", "linkedin_url"), ("Notes", "notes")):
            if d.get(key):
                lines.append(f"{label}: {_text(d[key])}")
    # one line per field: a value with a line break must not forge another field
    return "\n".join(" ".join(line.split()) for line in lines)


def _build(
    G: nx.Graph,
    drawn: list[str],
    ranked: list[Any],
    targets: set[str],
    centre: str | None,
    where: str | None,
    options: MapOptions,
) -> MapData:
    drawn_set = set(drawn)
    persons = [n for n in drawn if n != ME]
    names = G.graph.get("company_names", {})

    # display ids and names
    if options.redact:
        ids = {n: (ME if n == ME else f"p{i}") for i, n in enumerate(drawn)}
    else:
        ids = {n: n for n in drawn}

    def label(n: str) -> str:
        if n == ME:
            return "You"
        name = G.nodes[n].get("name", n)
        return initials(name) if options.redact else name

    # colours by company, largest first
    counts = Counter(G.nodes[n].get("company_key", "") for n in persons)
    counts.pop("", None)
    ranked_keys = sorted(counts, key=lambda k: (-counts[k], k))
    colour = {k: PALETTE[i] for i, k in enumerate(ranked_keys[: len(PALETTE)])}
    legend = [("You", USER_COLOR)] + [
        (names.get(k, k), colour[k]) for k in ranked_keys[: len(PALETTE)]
    ]
    if len(ranked_keys) > len(PALETTE):
        legend.append((f"{len(ranked_keys) - len(PALETTE)} other companies", OTHER_COLOR))
    if any(not G.nodes[n].get("company_key") for n in persons):
        legend.append(("No company", NO_COMPANY_COLOR))

    # ties: explicit ones, then inferred pairs of small groups, then inferred hops on paths
    edges: list[dict[str, Any]] = []
    pair_index: dict[tuple[str, str], int] = {}

    def key(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)

    def add_edge(a: str, b: str, warmth: float, inferred: bool, why: str) -> None:
        k = key(a, b)
        if k in pair_index:
            return
        pair_index[k] = len(edges)
        base = INFERRED_EDGE if inferred else EDGE
        # the page script derives vis-network's `color` and the `title` ("A - B\nwhy")
        # from these, which keeps a 10,000-person file a third smaller
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[a],
                "to": ids[b],
                "width": round(0.5 + 4 * warmth, 1),
                "dashes": inferred,
                "baseColor": base,
                "why": why,
            }
        )

    order = {n: i for i, n in enumerate(drawn)}
    explicit = []
    for a in drawn:
        for b, d in G[a].items():
            if b in drawn_set and not d.get("inferred") and order[a] < order[b]:
                explicit.append((a, b, d))
    for a, b, d in explicit:
        kinds = ", ".join(d.get("kinds", [])) or "tie"
        add_edge(
            a, b, float(d.get("warmth", 0.1)), False, f"warmth {d.get('warmth', 0):.2f} ({kinds})"
        )

    members: dict[str, list[str]] = defaultdict(list)
    for n in persons:
        for g, d in G[n].items():
            if d.get("inferred") and G.nodes[g].get("kind") == "group":
                members[g].append(n)
    inferred_pairs: dict[tuple[str, str], tuple[float, str]] = {}
    for g in sorted(members):
        group = members[g]
        if len(group) < 2 or len(group) > options.inferred_clique_max:
            continue
        kind = GROUP_LABEL.get(G.nodes[g].get("group", ""), "shared group")
        why = f"{kind}: {G.nodes[g].get('name', '')} (inferred)"
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                w = G[a][g]["warmth"] * G[b][g]["warmth"]
                k = key(a, b)
                if k not in pair_index and (k not in inferred_pairs or inferred_pairs[k][0] < w):
                    inferred_pairs[k] = (w, why)

    # ranked paths: every hop must be drawn, inferred or not
    map_paths: list[MapPath] = []
    for p in ranked:
        # a cold row has no path: show the person alone
        hops = [n for n in (p.path or [p.person]) if n in drawn_set]
        for a, b in zip(hops, hops[1:], strict=False):
            k = key(a, b)
            if k not in pair_index and k not in inferred_pairs:
                inferred_pairs[k] = (_inferred_warmth(G, a, b), "shared group (inferred)")
        map_paths.append(
            MapPath(
                p.rank,
                round(float(p.score), 4),
                [ids[n] for n in hops],
                [label(n) for n in hops],
                bool(p.cold),
                [] if options.redact else [str(r) for r in p.reasons],
                inferred=[h.inferred for h in p.hop_details] if len(hops) == len(p.path) else [],
            )
        )
    for (a, b), (w, why) in sorted(
        inferred_pairs.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])
    ):
        add_edge(a, b, w, True, why)

    # nodes
    big = len(drawn) > options.spring_limit
    clusters: dict[str, list[str]] = defaultdict(list)
    for n in sorted(
        persons, key=lambda n: (G.nodes[n].get("office_key", ""), G.nodes[n].get("name", ""), n)
    ):
        clusters[G.nodes[n].get("company_key", "")].append(n)
    pos = cluster_layout(
        [clusters[k] for k in sorted(clusters)],
        centre=ME if ME in drawn_set else None,
        seed=options.seed,
    )
    if not big:
        pos = spring_layout(
            drawn,
            [(a, b, max(0.05, G[a][b].get("warmth", 0.1))) for a, b, _ in explicit]
            + [(a, b, w) for (a, b), (w, _) in inferred_pairs.items()],
            pos,
            pinned=ME if ME in drawn_set else centre,
            seed=options.seed,
        )

    nodes: list[dict[str, Any]] = []
    for n in drawn:
        d = G.nodes[n]
        x, y = pos[n]
        if n == ME:
            nodes.append(user_node(x, y, physics=False))
            continue
        bridged = companies_bridged(G, n)
        ckey = d.get("company_key", "")
        fill = colour.get(ckey, OTHER_COLOR) if ckey else NO_COMPANY_COLOR
        is_target = n in targets
        node = {
            "id": ids[n],
            "label": label(n),
            "kind": "person",
            "shape": "diamond" if is_target else "dot",
            "size": round(10 + 5 * math.sqrt(bridged), 1),
            "x": x,
            "y": y,
            "color": {"background": fill, "border": TARGET_BORDER if is_target else fill},
            "borderWidth": 3 if is_target else 1,
            "baseColor": fill,
            "target": is_target,
            "title": _tooltip(d, label(n), bridged, options),
            "company": names.get(ckey, _text(d.get("company"))) if ckey else "",
            "office": _text(d.get("office")),
            "tags": [] if options.redact else [str(t) for t in d.get("tags", ())],
        }
        if n == centre:
            node["borderWidth"] = 4
            node["color"]["border"] = USER_COLOR
        nodes.append(node)

    physics = len(drawn) <= options.physics_limit
    filters = {
        "companies": sorted({n["company"] for n in nodes if n["company"]}, key=str.casefold),
        "offices": sorted({n["office"] for n in nodes if n["office"]}, key=str.casefold),
        "tags": sorted({t for n in nodes for t in n["tags"]}, key=str.casefold),
    }
    if options.title:
        title = options.title
    elif where is not None:
        title = f"Warm paths to {where}"
    elif centre is not None:
        title = f"Around {label(centre)}"
    else:
        title = "Your network"
    return MapData(
        title=title,
        nodes=nodes,
        edges=edges,
        options=vis_options(physics, len(drawn), options.seed),
        legend=legend,
        paths=map_paths,
        filters=filters,
        focus=ids[centre] if centre else None,
        physics=physics,
    )


def _inferred_warmth(G: nx.Graph, a: str, b: str) -> float:
    """Warmth of the best shared group of ``a`` and ``b`` (0.05 when they share none)."""
    best = 0.05
    for g, d in G[a].items():
        if d.get("inferred") and G.has_edge(b, g):
            best = max(best, d["warmth"] * G[b][g]["warmth"])
    return best


def vis_options(physics: bool, size: int, seed: int) -> dict[str, Any]:
    """vis-network options: straight edges, seeded, physics bounded or off."""
    large = size > 2000
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "springLength": 60,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.2,
            },
            "stabilization": {
                "enabled": physics,
                "iterations": 120,
                "updateInterval": 40,
                "fit": True,
            },
            "minVelocity": 1.0,
            "maxVelocity": 40,
        },
        "edges": {
            "smooth": False,
            "color": {"color": EDGE, "inherit": False},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"enabled": False, "drawThreshold": 7}},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
    }
