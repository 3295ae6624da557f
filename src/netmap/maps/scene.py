"""What a map shows and where: people, ties, positions, legend, paths, panel text.

:func:`map_data` makes one of three scenes from a graph of :func:`netmap.build_graph`:

- the whole network: people grouped by company (one disc per company, labelled,
  the companies with most of your own ties nearest you), labels sized by
  importance (your strong ties, then your ties, then brokers) so vis-network shows
  the important ones first and the rest as you zoom in;
- a target (``company``): a picture of the answer. You on the left, the people to
  ask in the middle, the people at the target office on the right with the rest
  of the office below them and the company's other offices apart; every hop of a
  ranked path labelled with its warmth. The first view fits the ranked paths; the
  rest of the network is hidden context one button away;
- a neighbourhood (``around``): the person in the middle, ring ``k`` at ``k`` ties.

Group nodes (shared company, office, school) are never drawn as people; which ties
are drawn, and how, is :mod:`netmap.maps.ties`. Colours come from
the folder's :class:`~netmap.maps.style.Palette`, so a company keeps its colour in
every map.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.graph import build_graph
>>> G = build_graph(Dataset([Contact("ana", "Ana Ribeiro", company="Acme", strength=4),
...                          Contact("bo", "Bo Li", company="Acme")], []), today=date(2026, 1, 1))
>>> m = map_data(G)
>>> [n["label"] for n in m.nodes if n["kind"] != "label"]
['You', 'Ana Ribeiro', 'Bo Li']
>>> [(e["from"], e["to"], e.get("style", "solid")) for e in m.edges]
[('me', 'ana', 'solid'), ('ana', 'bo', 'inferred')]
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..csvio import gc_paused
from ..graph import companies_bridged
from ..model import ME
from .answer import answer_layout
from .labels import display_name, flags, panel_text, paths_text, search_keys, through_text, tooltip
from .layout import cluster_discs, cluster_layout, ring_layout
from .model import MapData, MapOptions, MapPath, text
from .style import (
    INK,
    PERSON_FONT,
    Palette,
    label_node,
    network_legend,
    user_node,
    vis_options,
)
from .ties import Ties, key

if TYPE_CHECKING:
    from ..ranking import RankedPath

#: a whole-network company disc gets a name label when it has at least this many people
LABEL_MIN = 6
#: a target map explains its first path's end with ranking.explain (one search) up to this
#: many people; above, that one search costs as much as the rest of the map
EXPLAIN_LIMIT = 1000


@gc_paused()  # see the docstring's last paragraph
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
    ranked: list[RankedPath] | None = None,
    **rank_options: Any,
) -> MapData:
    """Prepare a map of ``G``: the whole network, the paths to ``company``, or a neighbourhood.

    With ``company`` the ``top`` paths of :func:`netmap.ranking.rank_paths` (given
    ``office``, ``role`` and any other ``rank_options``) are drawn as the answer, the
    first one highlighted; ``ranked`` gives those rows when the caller has ranked them
    (:meth:`netmap.Network.map` does, from the columns). With ``around`` (anything :class:`netmap.people.PersonResolver`
    takes: an id, a name without accents, a unique first name) only the people within
    ``depth`` explicit ties of that person are drawn. Raises
    :class:`~netmap.errors.NotFoundError` for an unknown company or person.

    Python's cyclic garbage collector is paused meanwhile: a map makes tens of thousands of
    dicts and lists and no reference cycles, and each full pass of the collector walks the
    whole graph and every module loaded again (pyarrow's and pandas' too, since the columns
    build the graph): at 2,000 people one such pass takes about 0.07 s, the target map without
    it 0.1 s.
    """
    options = options or MapOptions()
    scene = _Scene(G, options)
    if company is not None:
        return scene.target(company, office, role, top, rank_options, ranked)
    if around is not None:
        return scene.around(around, depth)
    return scene.whole()


@dataclass
class _Scene(Ties):
    """One map being built: the ties (see :class:`~netmap.maps.ties.Ties`), then people and text."""

    palette: Palette = field(init=False)
    labels_drawn: list[str] = field(default_factory=list)
    taken: set[str] | None = None

    def __post_init__(self) -> None:
        self.palette = Palette.of_graph(self.G)

    # ---- the three kinds -------------------------------------------------------------

    def whole(self) -> MapData:
        G = self.G
        persons = [n for n, kind in G.nodes(data="kind") if kind == "person"]
        drawn = [ME, *persons]
        self._name(drawn)
        self._explicit(drawn)
        inferred = self._inferred_groups(persons)
        self._add_inferred(inferred, drawn)
        clusters: dict[str, list[str]] = defaultdict(list)
        mine = {n for n in G[ME] if not G[ME][n].get("inferred")} if ME in G else set()
        for n in sorted(persons, key=lambda n: (n not in mine, -_warmth(G, n), G.nodes[n].get("name", ""), n)):
            clusters[G.nodes[n].get("company_key", "")].append(n)
        keys = sorted(clusters, key=lambda k: (-sum(n in mine for n in clusters[k]), -len(clusters[k]), k))
        groups = [clusters[k] for k in keys]
        pos = cluster_layout(groups, centre=ME, seed=self.options.seed, ordered=True)
        discs = cluster_discs([len(g) for g in groups], seed=self.options.seed)
        nodes = [self._node(n, pos[n], mine=mine) for n in drawn]
        # company names readable in the first view, which fits the whole spiral
        extent = max((max(abs(cx), abs(cy)) + r for cx, cy, r, _ in discs), default=1.0)
        overview = min(200, max(20, round(14 * extent / 400)))
        for k, (cx, cy, radius, _turn) in zip(keys, discs, strict=True):
            if k and len(clusters[k]) >= LABEL_MIN:
                # the palette's companies are named at first sight, the others once you zoom in
                size = overview if k in self.palette.colors else 20
                nodes.append(self._label(self._company(k), cx, cy - radius - size * 0.6, size))
        return self._data(
            nodes,
            title=self.options.title or "Your network",
            legend=network_legend(inferred=bool(inferred), pending=self._any_pending()),
            hint="Size: companies a person's ties reach. Bigger labels: your own ties first; zoom in for the rest.",
        )

    def around(self, who: str, depth: int) -> MapData:
        from ..people import PersonResolver

        G = self.G
        centre = PersonResolver.from_graph(G).resolve(who)
        level = _neighbourhood(G, centre, depth, self.options.around_group_max)
        order = {n: i for i, n in enumerate(G)}
        drawn = sorted(level, key=order.__getitem__)
        self._name(drawn)
        self._explicit(drawn)
        inferred = self._inferred_groups([n for n in drawn if n != ME])
        self._add_inferred(inferred, drawn)
        rings: list[list[str]] = [[] for _ in range(max(level.values()) + 1)]
        for n in sorted(drawn, key=lambda n: (G.nodes[n].get("company_key", ""), G.nodes[n].get("name", ""), n)):
            rings[level[n]].append(n)
        pos = ring_layout(rings)
        fonts = {0: 18, 1: 15}
        nodes = [self._node(n, pos[n], focus=n == centre, font=fonts.get(level[n], 10)) for n in drawn]
        explained = [centre]
        return self._data(
            nodes,
            title=self.options.title or f"Around {self.labels[centre]}",
            legend=network_legend(inferred=bool(inferred), pending=self._any_pending()),
            hint=f"Rings: ties away from {self.labels[centre]}. Size: companies a person's ties reach.",
            focus=self.ids[centre],
            explain=self._explain(explained),
        )

    def target(
        self, company: str, office: str | None, role: str | None, top: int, rank_options: dict[str, Any],
        ranked: list[RankedPath] | None = None,
    ) -> MapData:  # fmt: skip
        from ..ranking import rank_paths
        from ..targets import resolve_target, target_people

        G = self.G
        target = resolve_target(G, company, office=office, role=role)
        if ranked is None:
            ranked = rank_paths(G, target, top=top, **rank_options)
        staff = target_people(G, target)
        at_office = [p for p in staff if target.office is None or G.nodes[p].get("office_key") == target.office]
        elsewhere = [p for p in staff if p not in set(at_office)]
        hops = [[n for n in (p.path or [p.person])] for p in ranked]
        persons = [n for n, kind in G.nodes(data="kind") if kind == "person"]
        drawn = [ME, *(n for n in persons)]
        self._name(drawn)
        self._explicit(drawn)
        # only the hops of the ranked paths are inferred ties here: a column of colleagues
        # joined by dashes would run through their labels
        self._add_inferred({}, drawn)
        map_paths = self._paths(ranked, hops)

        where = target.describe()
        place = answer_layout(G, hops, at_office, elsewhere, persons, seed=self.options.seed)
        pos, answer, context = place.pos, place.answer, place.context
        nodes = [self._label(text, x, y, 18) for text, x, y in place.blocks(where, target.company_name)]
        targets = set(at_office)
        nodes[:0] = [
            self._node(n, pos[n], target=n in targets, hidden=n not in answer, font=15 if n in answer else None)
            for n in drawn
        ]
        for p, h in zip(ranked, hops, strict=True):  # each hop labelled with the warmth the ranking used
            if len(h) == len(p.path):
                for a, b, d in zip(h, h[1:], p.hop_details, strict=False):
                    self.edges[self.pairs[key(a, b)]]["hop"] = f"{d.warmth:.2f}"
        fit = list(dict.fromkeys(i for p in map_paths for i in ([ME] if p.ids[0] != ME else []) + p.ids))
        ends = list(dict.fromkeys(h[-1] for h, p in zip(hops, ranked, strict=True) if not p.cold))
        return self._data(
            nodes,
            title=self.options.title or f"Warm paths to {where}",
            legend=network_legend(
                inferred=any(e.get("style") == "inferred" for e in self.edges),
                pending=self._any_pending(),
                target=where,
            ),
            hint="Left: you. Middle: who to ask. Right: the people there. "
            "Click a person for the why and the next step." + (f" {self.options.note}" if self.options.note else ""),
            paths=map_paths,
            fit=fit or [self.ids[n] for n in answer],
            context=[self.ids[n] for n in context],
            explain=self._target_panels(
                map_paths,
                ranked,
                ends,
                company=company,
                office=office,
                role=role,
                max_hops=int(rank_options.get("max_hops", 3)),
            ),  # fmt: skip
            explain_flags=flags(company=target.company_name, office=target.office_name, role=" ".join(target.role)),
            shown={G.nodes[n].get("company_key", "") for n in answer if n != ME},
        )

    # ---- shared pieces ---------------------------------------------------------------

    def _name(self, drawn: list[str]) -> None:
        redact = self.options.redact
        for i, n in enumerate(drawn):
            self.ids[n] = n if not redact or n == ME else f"p{i}"
            self.labels[n] = "You" if n == ME else display_name(self.G.nodes[n].get("name", n), self.options)

    def _label(self, label: str, x: float, y: float, size: int) -> dict[str, Any]:
        """A company or block name drawn as text (an id no person has)."""
        if self.taken is None:
            self.taken = set(self.ids.values())
        nid = f"label:{len(self.labels_drawn)}"
        while nid in self.taken:
            nid += "_"
        self.labels_drawn.append(nid)
        return label_node(nid, label, x, y, size)

    def _company(self, key: str) -> str:
        return self.palette.names.get(key, key)

    def _node(
        self,
        n: str,
        xy: tuple[float, float],
        *,
        mine: set[str] | None = None,
        target: bool = False,
        focus: bool = False,
        hidden: bool = False,
        font: int | None = None,
    ) -> dict[str, Any]:
        x, y = xy
        if n == ME:
            return user_node(x, y, physics=False, hidden=hidden)
        G, d = self.G, self.G.nodes[n]
        bridged = companies_bridged(G, n)
        ckey = d.get("company_key", "")
        fill = self.palette.color(ckey)
        if font is None:
            mine = mine if mine is not None else set()
            strong = n in mine and (d.get("strength") or 0) >= 4
            font = 20 if strong else 15 if n in mine else 12 if bridged >= 2 else 10
        border = INK if target or focus else fill
        node: dict[str, Any] = {
            "id": self.ids[n],
            "label": self.labels[n],
            "kind": "person",
            "shape": "diamond" if target else "dot",
            "size": round(10 + 5 * math.sqrt(bridged), 1) + (4 if target else 0),
            "x": x,
            "y": y,
            "color": {"background": fill, "border": border},
            "borderWidth": 4 if focus else 2 if target else 1,
            "baseColor": fill,
            "target": target,
            "title": tooltip(d, self.labels[n], bridged, self.options),
            "company": self._company(ckey) if ckey else "",
            "office": text(d.get("office")),
            "tags": [] if self.options.redact else [str(t) for t in d.get("tags", ())],
        }
        if hidden:
            node["hidden"] = True
        if font != PERSON_FONT:
            node["font"] = {"size": font}
        return node

    def _target_panels(
        self, map_paths: list[MapPath], ranked: list[Any], ends: list[str], **where: Any
    ) -> dict[str, list[str]]:
        """Panels of a target map: the people to ask by the paths through them; the first path's
        end by :func:`netmap.ranking.explain` (its best routes, with suggestions); the other ends
        by their ranked paths (one explain search each would triple the time of a large map;
        above :data:`EXPLAIN_LIMIT` people the first end too)."""
        panels = through_text(map_paths)
        max_hops = where.pop("max_hops")
        explained = ends[:1] if len(self.ids) <= EXPLAIN_LIMIT else []
        for n in ends[len(explained) :]:
            rows = [p for p in ranked if p.path and p.path[-1] == n]
            panels[self.ids[n]] = paths_text(self.G, n, rows, self.labels, self.options, max_hops=max_hops)
        panels.update(self._explain(explained, max_hops=max_hops, **where))
        return panels

    def _explain(self, people: list[str], **where: Any) -> dict[str, list[str]]:
        return {self.ids[n]: panel_text(self.G, n, self.labels, self.options, **where) for n in people}

    def _data(self, nodes: list[dict[str, Any]], *, title: str, legend: list[dict[str, str]], hint: str,
              shown: set[str] | None = None, **extra: Any) -> MapData:  # fmt: skip
        self._flush_inferred()
        people = [n for n in nodes if n["kind"] == "person"]
        if shown is None:
            shown = {self.G.nodes[n].get("company_key", "") for n in self.ids if n != ME}
        legend = legend + self.palette.legend(shown)
        search = search_keys([(n["id"], n["label"]) for n in people])
        filters = {
            "companies": sorted({n["company"] for n in people if n["company"]}, key=str.casefold),
            "offices": sorted({n["office"] for n in people if n["office"]}, key=str.casefold),
            "tags": sorted({t for n in people for t in n["tags"]}, key=str.casefold),
        }
        return MapData(
            title=title,
            nodes=nodes,
            edges=self.edges,
            options=vis_options(False, len(nodes), self.options.seed),
            legend=legend,
            filters=filters,
            physics=False,
            hint=hint,
            search=search,
            redacted=self.options.redact,
            **extra,
        )


def _warmth(G: nx.Graph, n: str) -> float:
    d = G.get_edge_data(ME, n)
    return float(d.get("warmth", 0.0)) if d and not d.get("inferred") else 0.0


def _neighbourhood(G: nx.Graph, centre: str, depth: int, group_max: int) -> dict[str, int]:
    """Nodes within ``depth`` ties of ``centre`` -> their distance; the user is reached but not crossed.

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
    return seen
