"""What a map says about a person: tooltip, redacted title, search keys, click-panel text.

Every string here is plain text (the page shows it with ``textContent``), one field
per line so a value with a line break cannot forge another field. A redacted map
says the same things about everyone (see docs/maps.md): initials, the title reduced
to one of :data:`LEVELS`, company and office; no e-mail, profile, tags, notes, dates,
schools or evidence.

>>> title_level("Head of Data"), title_level("Staff Engineer"), title_level("VP Sales")
('director', 'individual contributor', 'executive')
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from .model import MapOptions, MapPath, initials, one_line, text

#: the four title levels of a redacted map, mapped from the scoring's seniority levels
LEVELS = ("individual contributor", "manager", "director", "executive")
_LEVEL_OF = {
    "c_level": "executive", "vp": "executive", "head": "director", "director": "director",
    "manager": "manager", "staff": "individual contributor", "senior": "individual contributor",
    "mid": "individual contributor", "junior": "individual contributor",
    "intern": "individual contributor",
}  # fmt: skip


def title_level(title: str) -> str:
    """One of :data:`LEVELS` for a job title (through :func:`netmap.targets.seniority_level`)."""
    from ..targets import seniority_level

    return _LEVEL_OF.get(seniority_level(title or ""), "individual contributor")


def display_name(name: str, options: MapOptions) -> str:
    """The name as the map shows it: initials when redacted."""
    return initials(name) if options.redact else name


def search_keys(people: list[tuple[str, str]]) -> dict[str, list[str]]:
    """What the page's search box looks up: each key -> the ids it finds, for ``(id, label)`` pairs.

    The keys are those of :meth:`netmap.people.PersonResolver.search_keys` (the whole
    name, each word of it, the id, all as :func:`netmap.people.search_key` makes them),
    made here with one fold per person: at 10,000 people building a resolver for
    this would cost a second. A test checks both agree on the sample.

    >>> search_keys([("ines", "Inês Carvalho")])
    {'ines carvalho': ['ines'], 'ines': ['ines'], 'carvalho': ['ines']}
    """
    from ..people import search_key

    keys: dict[str, list[str]] = {}
    for pid, label in people:
        whole = search_key(label)
        folded_id = pid if pid.isascii() and pid.islower() and " " not in pid else search_key(pid)
        for k in dict.fromkeys([whole, *whole.split(), folded_id]):
            if k:
                keys.setdefault(k, []).append(pid)
    return keys


def through_text(paths: list[MapPath]) -> dict[str, list[str]]:
    """The panel of a person to ask: the ranked paths through them and what to ask for."""
    out: dict[str, list[str]] = defaultdict(list)
    for p in paths:
        for i, nid in enumerate(p.ids[1:-1], 1):
            shown = p.names[0] + "".join(
                (" ~ " if p.inferred and p.inferred[k - 1] else " \u2192 ") + p.names[k] for k in range(1, len(p.names))
            )
            out[nid].append(f"On ranked path {p.rank}: {shown}")
            out[nid].append(f"  ask them to introduce you to {p.names[i + 1]}" if i == 1
                            else f"  they could introduce you to {p.names[i + 1]}")  # fmt: skip
    return dict(out)


def flags(**options: str | None) -> str:
    """Command-line options as the panel suggests them: ``--company "Acme" --office Lisbon``.

    >>> flags(company="Halcyon Maps", office="Lisbon", role="")
    ' --company "Halcyon Maps" --office "Lisbon"'
    """
    return "".join(f' --{k} "{v}"' for k, v in options.items() if v)


def tooltip(d: dict[str, Any], label: str, bridged: int, options: MapOptions) -> str:
    """The hover text of a person (``d``: the node's or contact's fields)."""
    lines = [label]
    title = text(d.get("title"))
    if options.redact and title:
        title = title_level(title)
    role = " at ".join(x for x in (title, text(d.get("company"))) if x)
    if role:
        lines.append(role)
    if d.get("office"):
        lines.append(f"Office: {text(d['office'])}")
    if d.get("relationship") or d.get("strength"):
        rel = text(d.get("relationship")) or "known"
        lines.append(f"Relationship: {rel}" + (f" (strength {d['strength']}/5)" if d.get("strength") else ""))
    if d.get("last_contact") and not options.redact:
        lines.append(f"Last contact: {text(d['last_contact'])}")
    if bridged:
        lines.append(f"Ties reach {bridged} other compan{'y' if bridged == 1 else 'ies'}")
    if not options.redact and d.get("tags"):
        lines.append(f"Tags: {text(d['tags'])}")
    if options.details and not options.redact:
        for name, key in (("E-mail", "email"), ("LinkedIn", "linkedin_url"), ("Notes", "notes")):
            if d.get(key):
                lines.append(f"{name}: {text(d[key])}")
    return "\n".join(one_line(line) for line in lines)


def panel_text(
    G: nx.Graph,
    pid: str,
    label: dict[str, str],
    options: MapOptions,
    *,
    company: str | None = None,
    office: str | None = None,
    role: str | None = None,
    max_hops: int = 3,
) -> list[str]:
    """The click panel of ``pid``: :func:`netmap.ranking.explain` as lines, then the next step.

    ``label`` maps node ids to the names the map shows (initials when redacted); a
    redacted panel has no evidence, suggestions or commands (they would name people).
    """
    from ..errors import NetmapError
    from ..ranking import explain

    try:
        result = explain(G, pid, company=company, office=office, role=role, k=2, max_hops=max_hops)
    except NetmapError:  # not at the target company: their paths without the target fit
        result = explain(G, pid, k=2, max_hops=max_hops)
    return paths_text(G, pid, result.paths, label, options, max_hops=max_hops)


def paths_text(
    G: nx.Graph, pid: str, paths: list[Any], label: dict[str, str], options: MapOptions, *, max_hops: int = 3
) -> list[str]:
    """Ranked paths to ``pid`` (:class:`netmap.ranking.RankedPath`) as panel lines, then the next step."""

    def name(n: str) -> str:
        return label.get(n) or display_name(G.nodes[n].get("name", n), options)

    lines: list[str] = []
    if not paths:
        lines.append(f"No warm path to {name(pid)} within {max_hops} hops.")
    for p in paths:
        hops = [name(n) for n in p.path]
        shown = hops[0] + "".join(
            (" ~ " if h.inferred else " \u2192 ") + hops[i + 1] for i, h in enumerate(p.hop_details)
        )
        lines.append(f"{p.rank}. {shown}")
        lines.append(f"   score {p.score:.3f} = path warmth {p.warmth:.3f} x fit {p.fit:.2f}")
        for h in p.hop_details:
            kind = f"{h.kind}, inferred" if h.inferred else h.kind
            arrow = "~" if h.inferred else "\u2192"
            lines.append(f"   {name(h.source)} {arrow} {name(h.target)}: {h.warmth:.2f} ({kind})")
            if not options.redact:
                lines.extend(f"      - {e}" for e in h.evidence)
                if h.suggestion:
                    lines.append(f"      + {h.suggestion}")
    if paths and len(paths[0].path) > 1:
        best = paths[0].path
        first = best[1]
        if len(best) == 2:
            lines.append(f"Next: you know {name(first)} directly; ask them.")
        else:
            lines.append(_sentence(f"Next: ask {name(first)} to introduce you to {name(best[2])}"))
        if not options.redact:
            whole = one_line(G.nodes[pid].get("name", pid)).replace('"', "'")
            if len(best) > 2:
                lines.append(f'  netmap draft intro-request "{whole}"')
            lines.append(f'  netmap prep "{whole}"')
    return [_clean(line) for line in lines]


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (initials already end in one).

    >>> _sentence("ask A.P."), _sentence("ask Ana")
    ('ask A.P.', 'ask Ana.')
    """
    return text if text.endswith(".") else text + "."


def _clean(line: str) -> str:
    """``line`` on one line, its leading indent kept."""
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + one_line(body)
