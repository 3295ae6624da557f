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

from .explain import Explanation, explain
from .introducers import INTRODUCER_COLUMNS, Introducer, rank_introducers
from .many_targets import rank_targets
from .mutual import MUTUAL_COLUMNS, Mutual, find_person, mutual, mutual_at
from .rows import OFFICE_GROUPS, PATH_COLUMNS, Prefer, RankedPath, office_group, row_order
from .target_paths import alternative_paths, assemble, rank_paths

__all__ = [
    "INTRODUCER_COLUMNS",
    "MUTUAL_COLUMNS",
    "OFFICE_GROUPS",
    "PATH_COLUMNS",
    "Explanation",
    "Introducer",
    "Mutual",
    "Prefer",
    "RankedPath",
    "alternative_paths",
    "assemble",
    "explain",
    "find_person",
    "mutual",
    "mutual_at",
    "office_group",
    "rank_introducers",
    "rank_paths",
    "rank_targets",
    "row_order",
]
