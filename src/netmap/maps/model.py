"""What a map page is made of, as plain JSON-ready data (no HTML, no pyvis).

:class:`MapData` holds the vis-network nodes, ties and options plus what netmap's
own page script reads (legend, ranked paths, filters, search keys, the panel text
of each person). :class:`MapOptions` says how to draw it.

>>> m = MapData("Your network", [], [], {})
>>> m.people, sorted(m.page_data())[:3]
(0, ['context', 'dashes', 'explain'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .style import DASHES


@dataclass(frozen=True, slots=True)
class MapOptions:
    """How to draw a map. The defaults suit a private map on a laptop."""

    #: include e-mail, LinkedIn and notes in tooltips
    details: bool = False
    #: initials, four title levels, opaque ids, no tags, notes, dates or schools: a map to share
    redact: bool = False
    #: seed of the layout (same input and seed, same file)
    seed: int = 0
    #: draw inferred ties of a shared group only when it has at most this many members on the map
    inferred_clique_max: int = 8
    #: ``around``: a shared group with at most this many members counts as a tie
    around_group_max: int = 12
    #: page title; a default is derived from what the map shows
    title: str | None = None
    #: a sentence added to the page's hint, e.g. that only part of a large network is drawn
    note: str = ""


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
    #: legend rows: ``{"name", "color", "mark"}``; mark is a shape or a line style (see style.py)
    legend: list[dict[str, str]] = field(default_factory=list)
    paths: list[MapPath] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    focus: str | None = None
    physics: bool = False
    #: heading of the side panel's path list (default: the title)
    panel_title: str = ""
    #: the legend's note on sizes (default: none)
    hint: str = ""
    #: node ids the first view fits (default: every node shown)
    fit: list[str] = field(default_factory=list)
    #: node ids hidden at load, shown by the "rest of the network" button
    context: list[str] = field(default_factory=list)
    #: node id -> lines of the click panel (explanation and next steps), plain text
    explain: dict[str, list[str]] = field(default_factory=dict)
    #: node id -> search keys (folded full name, first name, each word), computed in Python
    search: dict[str, list[str]] = field(default_factory=dict)
    #: a redacted map (the panel then suggests no commands: they would name people)
    redacted: bool = False
    #: options the panel adds to ``netmap explain "NAME"`` for people it has no explanation of
    explain_flags: str = ""

    @property
    def people(self) -> int:
        """People drawn (the user not counted)."""
        return sum(1 for n in self.nodes if n["kind"] == "person")

    def page_data(self) -> dict[str, Any]:
        """The extra data the page script reads (everything but nodes, edges, options)."""
        return {
            "title": self.title,
            "legend": self.legend,
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
            "fit": self.fit,
            "context": self.context,
            "explain": self.explain,
            "search": self.search,
            "redacted": self.redacted,
            "explainFlags": self.explain_flags,
            "dashes": DASHES,
        }


def initials(name: str) -> str:
    """The initials of a name, for a redacted map.

    >>> initials("Ana  de Sousa"), initials("李小龙"), initials("")
    ('A.D.S.', '李.', '?')
    """
    parts = name.split()
    return "".join(p[0].upper() + "." for p in parts) or "?"


def text(value: Any) -> str:
    """A field value as one plain string (dates ISO, lists joined).

    >>> text(None), text(date(2026, 1, 2)), text(("a", "b"))
    ('', '2026-01-02', 'a, b')
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    return str(value)


def one_line(value: str) -> str:
    """Whitespace runs (line breaks too) as one space: a value cannot forge another line.

    >>> one_line(" a\\n b  c ")
    'a b c'
    """
    return " ".join(value.split())
