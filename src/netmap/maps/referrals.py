"""The referral-tree map (``netmap map --referrals``): who gave you whose name.

The tree is :func:`netmap.outreach.referral_tree` (the earliest introduction to a
person counts; introductions from ``me`` start nothing; one that would close a
cycle is ignored) under one root, you: you -> the contacts who started a chain ->
the people they referred -> ... As plain data, like :func:`~netmap.maps.map_data`:

- arrows run from referrer to contact, coloured and labelled by the status of
  that introduction: met or thanked (green), declined or no response
  (vermillion), still pending (orange, dashed: suggested, requested, made);
- a person's size grows with the names their referrals led to (everyone below
  them); their tooltip says how many directly and how deep the chains go;
- the layout is layered (level = referrals from you) and computed in Python
  (:func:`~netmap.maps.layout.tree_layout`), physics off;
- the side panel lists the longest chains, the same as ``netmap report``'s
  "Longest referral chains"; the longest is highlighted at load.

The same privacy rules as the other maps: e-mail, LinkedIn and notes (also the
introduction's) only with ``details``; ``redact`` gives initials, ``p1, p2, ...``
ids, no tags, notes or dates.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset, Introduction
>>> ds = Dataset([Contact("ana", "Ana"), Contact("bo", "Bo"), Contact("cy", "Cy")],
...              [Introduction("ana", "bo", date(2026, 1, 5), "met"),
...               Introduction("bo", "cy", date(2026, 1, 9), "declined")])
>>> m = referral_map(ds)
>>> [(n["label"], n["level"]) for n in m.nodes]
[('You', 0), ('Ana', 1), ('Bo', 2), ('Cy', 3)]
>>> [(e["from"], e["to"], e["label"]) for e in m.edges]
[('me', 'ana', ''), ('ana', 'bo', 'met'), ('bo', 'cy', 'declined')]
>>> [(p.names, p.badge) for p in m.paths]
[(['Ana', 'Bo', 'Cy'], '2 referrals')]
"""

from __future__ import annotations

import copy
import math
from collections import defaultdict
from typing import Any

from ..model import ME, Contact, Dataset, Introduction
from ..normalize import normalize_name
from .labels import tooltip
from .layout import tree_layout
from .model import MapData, MapOptions, MapPath, initials, one_line, text
from .style import (
    CLOSED_COLOR,
    INK,
    MET_COLOR,
    PENDING_COLOR,
    STARTER_COLOR,
    USER_COLOR,
    swatch,
    user_node,
    vis_options,
)

#: status groups of an introduction, with their colour (Okabe-Ito) and legend text
MET_STATUSES = ("met", "thanked")
CLOSED_STATUSES = ("declined", "no_response")
START_EDGE = "rgba(82,96,109,0.6)"
LEGEND = [
    swatch("You", USER_COLOR, "star"),
    swatch("Started a chain (your contact)", STARTER_COLOR),
    swatch("Met or thanked", MET_COLOR),
    swatch("Pending: suggested, requested, made (dotted arrow)", PENDING_COLOR),
    swatch("Declined or no response", CLOSED_COLOR),
    swatch("Selected chain: thick arrows (colour: status)", INK, "ink"),
]
HINT = (
    "Arrows: who gave you whose name, labelled with the introduction's status "
    "(dotted: pending). Size: names their referrals led to."
)


def status_color(status: str) -> str:
    """The colour of an introduction's status group.

    >>> status_color("thanked"), status_color("no_response"), status_color("made")
    ('#009E73', '#D55E00', '#E69F00')
    """
    if status in MET_STATUSES:
        return MET_COLOR
    if status in CLOSED_STATUSES:
        return CLOSED_COLOR
    return PENDING_COLOR


def _counting_intro(dataset: Dataset, parent: dict[str, str]) -> dict[str, Introduction]:
    """The introduction :func:`referral_tree` took for each person (earliest, by date then line)."""
    from datetime import date

    chosen: dict[str, Introduction] = {}
    for i in sorted(dataset.introductions, key=lambda i: (i.date or date.max, i.line)):
        if parent.get(i.contact) == i.referrer and i.contact not in chosen:
            chosen[i.contact] = i
    return chosen


def referral_map(dataset: Dataset, *, top: int = 5, options: MapOptions | None = None) -> MapData:
    """The referral tree of ``dataset`` as a map; ``top`` longest chains in the side panel."""
    from ..outreach import outreach_report, referral_tree

    options = options or MapOptions()
    people = dataset.by_id()
    parent = referral_tree(dataset)
    intro = _counting_intro(dataset, parent)

    def name(pid: str) -> str:
        c = people.get(pid)
        return c.name if c is not None and c.name else pid

    def sort_key(pid: str) -> tuple[str, str]:
        return (normalize_name(name(pid)), pid)

    children: dict[str, list[str]] = defaultdict(list)
    for child, ref in parent.items():
        children[ref].append(child)
    starters = sorted({r for r in parent.values() if r not in parent}, key=sort_key)
    children[ME] = starters
    for pid in children:
        if pid != ME:
            children[pid].sort(key=sort_key)

    pos = tree_layout(children, ME, seed=options.seed)
    drawn = sorted(pos, key=lambda n: (pos[n][1], pos[n][0]))  # by level, then left to right
    # names downstream and deepest chain below each person, leaves first
    led_to: dict[str, int] = defaultdict(int)
    depth: dict[str, int] = defaultdict(int)
    for n in reversed(drawn):
        if n in parent:
            up = parent[n]
            led_to[up] += 1 + led_to[n]
            depth[up] = max(depth[up], depth[n] + 1)
    level = {ME: 0}
    for n in drawn[1:]:
        level[n] = level[parent.get(n, ME)] + 1

    if options.redact:
        ids = {n: (ME if n == ME else f"p{i}") for i, n in enumerate(drawn)}
    else:
        ids = {n: n for n in drawn}

    def label(pid: str) -> str:
        if pid == ME:
            return "You"
        return initials(name(pid)) if options.redact else name(pid)

    def how(i: Introduction) -> str:
        text = i.status.replace("_", " ")
        if i.date and not options.redact:
            text += f", name given {i.date.isoformat()}"
        return text

    nodes: list[dict[str, Any]] = []
    for n in drawn:
        x, y = pos[n]
        if n == ME:
            nodes.append(user_node(x, y, level=0))
            continue
        c = people.get(n) or Contact(n, n)
        fill = status_color(intro[n].status) if n in intro else STARTER_COLOR
        extra = []
        if n in intro:
            extra.append(f"Name from {label(parent[n])}: {how(intro[n])}")
        else:
            extra.append("Started a chain")
        if children.get(n):
            extra.append(
                f"Referred you to {len(children[n])} directly; {led_to[n]} "
                f"name{'' if led_to[n] == 1 else 's'} in all, chains {depth[n]} deep"
            )
        title = tooltip(_contact_fields(c), label(n), 0, options)
        title = "\n".join([title] + [one_line(t) for t in extra])
        nodes.append(
            {
                "id": ids[n],
                "label": label(n),
                "kind": "person",
                "shape": "dot",
                "size": round(10 + 6 * math.sqrt(led_to[n]), 1),
                "x": x,
                "y": y,
                "level": level[n],
                "color": {"background": fill, "border": fill},
                "borderWidth": 1,
                "baseColor": fill,
                "font": {"size": 14},
                "target": False,
                "title": title,
                "company": text(c.company),
                "office": text(c.office),
                "tags": [] if options.redact else [str(t) for t in c.tags],
            }
        )

    edges: list[dict[str, Any]] = []
    for n in drawn:
        if n == ME:
            continue
        up = parent.get(n, ME)
        if n in intro:
            i = intro[n]
            colour = status_color(i.status)
            why = f"gave you the name: {how(i)}"
            if options.details and not options.redact and i.notes:
                why += f"\nNotes: {one_line(i.notes)}"
            status_text, dashes = i.status.replace("_", " "), colour == PENDING_COLOR
        else:
            colour, why, status_text, dashes = START_EDGE, "your contact, who started a chain", "", False
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[up],
                "to": ids[n],
                "label": status_text,
                "width": 2,
                **({"style": "pending"} if dashes else {}),
                "keepColor": True,
                "arrows": "to",
                "color": {"color": colour, "inherit": False},
                "baseColor": colour,
                "why": why,
            }
        )

    chains = outreach_report(dataset, top=top).chains
    paths = [
        MapPath(
            rank,
            float(chain.length),
            [ME] + [ids[p] for p in chain.people],
            [label(p) for p in chain.people],
            False,
            [
                one_line(f"{label(a)} \u2192 {label(b)}: {how(intro[b])}")
                for a, b in zip(chain.people, chain.people[1:], strict=False)
                if b in intro
            ],
            f"{chain.length} referral{'' if chain.length == 1 else 's'}",
        )
        for rank, chain in enumerate(chains, 1)
    ]

    vis = vis_options(False, len(nodes), options.seed)
    vis["edges"] = copy.deepcopy(vis["edges"])
    vis["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.6}}
    vis["edges"]["font"] = {
        "size": 11,
        "align": "middle",
        "color": "#52606d",
        "strokeWidth": 3,
        "strokeColor": "#ffffff",
    }
    filters = {
        "companies": sorted({n["company"] for n in nodes if n["company"]}, key=str.casefold),
        "offices": sorted({n["office"] for n in nodes if n["office"]}, key=str.casefold),
        "tags": sorted({t for n in nodes for t in n["tags"]}, key=str.casefold),
    }
    from ..people import Person, PersonResolver

    people_drawn = [Person(n["id"], n["label"]) for n in nodes if n["kind"] == "person"]
    return MapData(
        title=options.title or "Your referral tree",
        search=PersonResolver(people_drawn).search_keys(),
        nodes=nodes,
        edges=edges,
        options=vis,
        legend=list(LEGEND),
        paths=paths,
        filters=filters,
        physics=False,
        panel_title="Longest referral chains",
        redacted=options.redact,
        hint=HINT,
    )


def _contact_fields(c: Contact) -> dict[str, Any]:
    """A contact as the attribute dict :func:`~netmap.maps.labels.tooltip` reads."""
    return {
        "title": c.title,
        "company": c.company,
        "office": c.office,
        "relationship": c.relationship,
        "strength": c.strength,
        "last_contact": c.last_contact,
        "tags": list(c.tags),
        "email": c.email,
        "linkedin_url": c.linkedin_url,
        "notes": c.notes,
    }
