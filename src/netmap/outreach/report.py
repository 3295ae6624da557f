"""The snowball in figures: the pipeline with rates, names per meeting, referral chains.

>>> from netmap.model import Contact, Dataset, Introduction
>>> from datetime import date
>>> ds = Dataset([Contact("ana", "Ana"), Contact("bo", "Bo"), Contact("cy", "Cy")],
...              [Introduction("ana", "bo", date(2026, 3, 1), "met"),
...               Introduction("bo", "cy", date(2026, 3, 9), "suggested")])
>>> referral_tree(ds)
{'bo': 'ana', 'cy': 'bo'}
>>> outreach_report(ds).names_per_meeting
1.0
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..model import ME, Dataset
from ..normalize import normalize_name
from ._common import MET, extra_date, who

# -- the snowball ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the pipeline: how many introductions reached it, and the share of ``of``."""

    stage: str
    count: int
    rate: float | None
    of: str = ""


@dataclass(frozen=True, slots=True)
class Chain:
    """A referral chain: each person gave the user the next one's name."""

    started_by: str
    started_by_name: str
    people: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def length(self) -> int:
        """Referrals in the chain (people minus one)."""
        return len(self.people) - 1


@dataclass(frozen=True, slots=True)
class Reach:
    """How far one person's referrals led: direct names, all names downstream, longest chain."""

    person: str
    name: str
    direct: int
    names_led_to: int
    depth: int


@dataclass(frozen=True, slots=True)
class OutreachReport:
    """The snowball in figures; see :func:`outreach_report`."""

    pipeline: list[Stage]
    declined: int
    no_response: int
    meetings: int
    names_gained: int
    names_per_meeting: float | None
    days_to_meeting: list[int]
    chains: list[Chain]
    furthest: list[Reach]

    @property
    def accepted_share(self) -> float | None:
        """Share of asks that were accepted (agreed / asked)."""
        return next(s.rate for s in self.pipeline if s.stage == "agreed")

    def days_to_meeting_summary(self) -> dict[str, float | int | None]:
        d = self.days_to_meeting
        return {
            "count": len(d),
            "median": statistics.median(d) if d else None,
            "mean": round(statistics.fmean(d), 1) if d else None,
            "min": min(d) if d else None,
            "max": max(d) if d else None,
        }


def referral_tree(dataset: Dataset) -> dict[str, str]:
    """Who gave the user each person's name: ``{person: referrer}``, a forest.

    The earliest introduction to a person counts (by date, then line); introductions
    from ``me`` start nothing, and one that would close a cycle is ignored.
    """
    parent: dict[str, str] = {}
    root: dict[str, str] = {}  # union-find over the trees, to see cycles without walking up

    def find(node: str) -> str:
        top = node
        while root.get(top, top) != top:
            top = root[top]
        while node != top:
            node, root[node] = root.get(node, node), top
        return top

    ordered = sorted(dataset.introductions, key=lambda i: (i.date or date.max, i.line))
    for i in ordered:
        if i.referrer == ME or i.contact in parent or i.referrer == i.contact:
            continue
        # the contact has no referrer yet, so it is the root of its tree: a cycle iff
        # it is also the root of the referrer's tree
        top = find(i.referrer)
        if top != i.contact:
            parent[i.contact] = i.referrer
            root[i.contact] = top
    return parent


def outreach_report(dataset: Dataset, *, top: int = 5) -> OutreachReport:
    """The pipeline with rates, names per meeting, chains and the farthest-reaching referrers.

    Pipeline stages count introductions by the furthest status reached: *introductions*
    (all), *asked* (any status after suggested), *agreed* (made, met, thanked), *met*,
    *thanked*, and *referred on* (met, and the person then gave at least one name).
    Each rate is the share of the stage before; *agreed* over *asked* is the share of
    asks accepted. *Names per meeting*: introductions from people met through an
    introduction, per such meeting. *Days to meeting*: ``met_on`` minus ``made_on``
    (or ``date`` when no ``made_on``).
    """
    intros = dataset.introductions
    people = dataset.by_id()
    referrers = {i.referrer for i in intros}
    counts = {
        "introductions": len(intros),
        "asked": sum(i.status != "suggested" for i in intros),
        "agreed": sum(i.status in ("made", "met", "thanked") for i in intros),
        "met": sum(i.status in MET for i in intros),
        "thanked": sum(i.status == "thanked" for i in intros),
        "referred on": sum(i.status in MET and i.contact in referrers for i in intros),
    }
    previous = {"asked": "introductions", "agreed": "asked", "met": "agreed", "thanked": "met"}
    previous["referred on"] = "met"
    pipeline = [
        Stage(
            name,
            n,
            (n / counts[previous[name]]) if name in previous and counts[previous[name]] else None,
            previous.get(name, ""),
        )
        for name, n in counts.items()
    ]
    met_people = {i.contact for i in intros if i.status in MET}
    meetings = counts["met"]
    gained = sum(i.referrer in met_people for i in intros)
    days = []
    for i in intros:
        met_on = extra_date(i, "met_on")
        start = extra_date(i, "made_on") or i.date
        if i.status in MET and met_on and start and met_on >= start:
            days.append((met_on - start).days)

    parent = referral_tree(dataset)
    children: dict[str, list[str]] = defaultdict(list)
    for child, ref in parent.items():
        children[ref].append(child)

    def root_path(node: str) -> list[str]:
        path = [node]
        while path[-1] in parent:
            path.append(parent[path[-1]])
        return path[::-1]

    name = lambda pid: who(pid, people)  # noqa: E731
    chains = [
        Chain(p[0], name(p[0]), tuple(p), tuple(name(x) for x in p))
        for p in (root_path(leaf) for leaf in parent if leaf not in children)
    ]
    chains.sort(key=lambda c: (-c.length, normalize_name(c.started_by_name), c.names))

    # names downstream and depth of every node, leaves first (no recursion: chains may be long)
    level: dict[str, int] = {}
    for node in set(parent) | set(children):
        path = []
        while node not in level and node in parent:
            path.append(node)
            node = parent[node]
        base = level.setdefault(node, 0)
        for n, up in enumerate(reversed(path), 1):
            level[up] = base + n
    below: dict[str, int] = defaultdict(int)
    depth: dict[str, int] = defaultdict(int)
    for node in sorted(level, key=lambda n: -level[n]):
        if node in parent:
            up = parent[node]
            below[up] += 1 + below[node]
            depth[up] = max(depth[up], depth[node] + 1)
    furthest = [Reach(pid, name(pid), len(children[pid]), below[pid], depth[pid]) for pid in children]
    furthest.sort(key=lambda r: (-r.depth, -r.names_led_to, normalize_name(r.name), r.person))
    return OutreachReport(
        pipeline=pipeline,
        declined=sum(i.status == "declined" for i in intros),
        no_response=sum(i.status == "no_response" for i in intros),
        meetings=meetings,
        names_gained=gained,
        names_per_meeting=(gained / meetings) if meetings else None,
        days_to_meeting=sorted(days),
        chains=chains[:top],
        furthest=furthest[:top],
    )


__all__ = ["Chain", "OutreachReport", "Reach", "Stage", "outreach_report", "referral_tree"]
