"""The timeline of one person: what happened with them and around their introductions.

It merges ``events.csv`` with what ``introductions.csv`` and ``contacts.csv`` say (the
dates ``requested_on`` ... ``thanked_on``, the date a name was given, ``last_contact``),
so a folder without events.csv has a history too; the same step recorded in both
files shows once.

>>> from netmap.model import Contact, Dataset, Introduction
>>> from datetime import date
>>> ds = Dataset([Contact("ana", "Ana"), Contact("bo", "Bo")],
...              [Introduction("ana", "bo", date(2026, 3, 1), "met", extra={"met_on": "2026-03-09"})])
>>> [(str(e.date), e.kind, e.referrer_name) for e in history(ds, [], "bo")]
[('2026-03-01', 'referral', 'Ana'), ('2026-03-09', 'meeting', 'Ana')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Dataset
from ._common import EVENT_COLUMNS, NUDGE_COLUMN, extra_date, who
from .events import EVENTS_FILE, ITEM_KINDS, STATUS_EVENTS, Event

HISTORY_COLUMNS = ("date", "kind", "name", "referrer", "notes", "source")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One step of a timeline; ``date`` is None when the files do not say when.

    ``source`` is where it is recorded (``events.csv:4``, ``introductions.csv:12``).
    """

    date: date | None
    kind: str
    person: str
    name: str
    referrer: str
    referrer_name: str
    notes: str
    source: str

    def as_row(self) -> dict:
        return {"date": self.date, "kind": self.kind, "name": self.name,
                "referrer": self.referrer_name, "notes": self.notes, "source": self.source}  # fmt: skip


def history(dataset: Dataset, events: Iterable[Event], person: str) -> list[HistoryEntry]:
    """The timeline of ``person`` (an id) and of the introductions to and from them, oldest first.

    Undated steps (a status with no date column) sit right after the introduction they belong to.
    """
    people = dataset.by_id()
    intros_file = dataset.introductions_path.name if dataset.introductions_path else "introductions.csv"
    contacts_file = dataset.contacts_path.name if dataset.contacts_path else "contacts.csv"
    out: list[tuple[date, int, HistoryEntry]] = []
    seen: set[tuple[str, str, str, date]] = set()

    def add(on: date | None, kind: str, pid: str, ref: str, notes: str, source: str, anchor: date | None) -> None:
        entry = HistoryEntry(on, kind, pid, who(pid, people), ref, who(ref, people) if ref else "", notes, source)
        out.append((on or anchor or date.min, len(out), entry))

    for e in events:
        if e.kind in ITEM_KINDS or person not in (e.person, e.referrer):
            continue
        seen.add((e.kind, e.person, e.referrer, e.date))
        add(e.date, e.kind, e.person, e.referrer, e.notes, f"{EVENTS_FILE}:{e.line}", None)
    for i in dataset.introductions:
        if person not in (i.contact, i.referrer):
            continue
        source = f"{intros_file}:{i.line}"
        if ("referral", i.contact, i.referrer, i.date) not in seen:
            add(i.date, "referral", i.contact, i.referrer, i.notes, source, None)
        steps = [(STATUS_EVENTS[s], extra_date(i, c)) for s, c in EVENT_COLUMNS.items()]
        steps.append(("nudge", extra_date(i, NUDGE_COLUMN)))
        dated = {kind for kind, on in steps if on is not None}
        for kind, on in steps:
            if on is not None and (kind, i.contact, i.referrer, on) not in seen:
                add(on, kind, i.contact, i.referrer, "", source, None)
        status_kind = STATUS_EVENTS.get(i.status)
        if status_kind and status_kind not in dated and not _recorded(seen, status_kind, i.contact, i.referrer):
            if status_kind == "meeting":  # dated by its introduction, as netmap due does
                on = extra_date(i, "made_on") or extra_date(i, "requested_on") or i.date
                add(on, status_kind, i.contact, i.referrer, "date not recorded: the introduction's", source, None)
            else:
                add(None, status_kind, i.contact, i.referrer, "date not recorded", source, i.date)
    contact = people.get(person)
    if contact is not None and contact.last_contact is not None:
        if not any(e.date == contact.last_contact and e.person == person for _, _, e in out):
            add(contact.last_contact, "last_contact", person, "", "", f"{contacts_file}:{contact.line}", None)
    out.sort(key=lambda t: (t[0], t[1]))
    return [entry for _, _, entry in out]


def _recorded(seen: set[tuple[str, str, str, date]], kind: str, person: str, referrer: str) -> bool:
    return any(k == kind and p == person and r == referrer for k, p, r, _ in seen)


__all__ = ["HISTORY_COLUMNS", "HistoryEntry", "history"]
