"""``events.csv``: every interaction of the outreach loop, one row each, oldest or newest first.

The file sits beside ``contacts.csv`` and is as human-editable as the rest::

    date,kind,person,referrer,notes,item,until
    2026-09-12,meeting,afonso-pires,beatriz-santos,"data team grows in 2027",,
    2026-09-13,thanks,afonso-pires,beatriz-santos,,,
    2026-11-15,snooze,,,,nudge-leonor-sa-daniel-costa,2026-11-22

``person`` and ``referrer`` take an id or a name, as ``introductions.csv`` does. A folder
without ``events.csv`` works as before: its history comes from the other files.

>>> from netmap.model import Contact, Dataset
>>> from netmap.csvio import Table
>>> from pathlib import Path
>>> ds = Dataset([Contact("ana", "Ana Lima")], [])
>>> table = Table(Path("events.csv"), ["date", "kind", "person"], [(2, ["2026-03-02", "meeting", "Ana Lima"])])
>>> events, problems = parse_events(table, ds)
>>> events[0].kind, events[0].person, problems
('meeting', 'ana', [])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..cells import _did_you_mean, _Rows
from ..csvio import Table, read_table
from ..errors import DataError, NetmapError, NotFoundError, Problem
from ..model import Dataset
from ..people import PersonResolver
from ._common import person_resolver, resolve_with

EVENTS_FILE = "events.csv"

#: The columns of events.csv, in the order netmap writes them.
EVENTS_HEADER = ("date", "kind", "person", "referrer", "notes", "item", "until")

#: Every kind of event, and what it means (docs/data-model.md has the same table).
EVENT_KINDS: dict[str, str] = {
    "meeting": "an informational interview or a meeting; owes a thank-you the day after",
    "call": "a phone or video call",
    "message": "a message or e-mail exchanged",
    "referral": "the referrer gave you the person's name",
    "request": "you asked for an introduction (referrer) or for a conversation",
    "nudge": "a polite follow-up to an unanswered request",
    "introduced": "the referrer made the introduction",
    "declined": "the request was declined",
    "no_response": "the request was given up without an answer",
    "thanks": "the written thank-you went out",
    "done": "an item of 'netmap due' was done (item: its id)",
    "snooze": "an item of 'netmap due' was put off (item: its id; until: the date)",
    "note": "anything else worth remembering",
}

#: The event ``log intro --status S`` records for each status.
STATUS_EVENTS = {
    "requested": "request",
    "made": "introduced",
    "met": "meeting",
    "thanked": "thanks",
    "declined": "declined",
    "no_response": "no_response",
}

#: Kinds that are about an item of ``netmap due`` rather than a person.
ITEM_KINDS = ("done", "snooze")

#: Kinds that are contact with the person (they move ``last_contact``).
CONTACT_KINDS = ("meeting", "call", "message", "thanks")


@dataclass(frozen=True, slots=True)
class Event:
    """One row of ``events.csv``: ``kind`` (see :data:`EVENT_KINDS`) with ``person`` on ``date``.

    ``referrer`` names the introduction the event belongs to (``""``: none); ``item``
    and ``until`` are for ``done`` and ``snooze``. ``line`` is the file's line (0: new).
    """

    date: dt.date
    kind: str
    person: str = ""
    referrer: str = ""
    notes: str = ""
    item: str = ""
    until: dt.date | None = None
    line: int = 0

    def as_row(self) -> dict[str, str]:
        """The row as written to events.csv."""
        return {
            "date": self.date.isoformat(), "kind": self.kind, "person": self.person,
            "referrer": self.referrer, "notes": self.notes, "item": self.item,
            "until": self.until.isoformat() if self.until else "",
        }  # fmt: skip


def events_path(dataset: Dataset) -> Path:
    """Where the folder's events.csv is (beside contacts.csv)."""
    folder = dataset.contacts_path.parent if dataset.contacts_path else Path(".")
    return folder / EVENTS_FILE


def parse_events(table: Table, dataset: Dataset) -> tuple[list[Event], list[Problem]]:
    """The events of a table read from events.csv, and every problem with file, line and column."""
    rows = _Rows(table, EVENTS_HEADER, ("date", "kind"))
    if not rows.ok:
        return [], table.problems + rows.problems
    events: list[Event] = []
    people = _People(dataset)
    for line, values, _extra in rows.records():
        on = rows.date(line, "date", values.get("date", ""))
        if on is None and not values.get("date"):
            rows.error(line, "date", "no date", "write the date it happened as YYYY-MM-DD")
        kind = values.get("kind", "").strip().lower().replace("-", "_").replace(" ", "_")
        if kind not in EVENT_KINDS:
            close = _did_you_mean(kind, list(EVENT_KINDS), 1)
            hint = f"did you mean {close}? Otherwise use" if close else "use"
            rows.error(line, "kind", f"unknown kind '{values.get('kind', '')}'",
                       f"{hint} one of: {', '.join(EVENT_KINDS)}")  # fmt: skip
            continue
        person = _person(rows, line, "person", values.get("person", ""), people)
        referrer = _person(rows, line, "referrer", values.get("referrer", ""), people, me=True)
        item = values.get("item", "")
        until = rows.date(line, "until", values.get("until", ""))
        if kind in ITEM_KINDS and not item:
            rows.error(line, "item", f"a {kind} event needs the item's id", "copy the id 'netmap due' shows")
        elif kind not in ITEM_KINDS and not values.get("person"):
            rows.error(line, "person", f"a {kind} event needs a person", "write their id or name")
        if kind == "snooze" and until is None and not values.get("until"):
            rows.error(line, "until", "a snooze needs the date it ends", "write it as YYYY-MM-DD")
        if on is not None and person is not None and referrer is not None:
            events.append(Event(on, kind, person, referrer, values.get("notes", ""), item, until, line))
    problems = table.problems + rows.problems
    return (events if not any(p.severity == "error" for p in problems) else []), problems


class _People:
    """The folder's people for :func:`parse_events`: one resolver for every row (built on first use)."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._resolver: PersonResolver | None = None

    def find(self, text: str, *, allow_me: bool) -> str:
        """:func:`~netmap.outreach._common.find_person` of ``text``, without a resolver a row."""
        if self._resolver is None:
            self._resolver = person_resolver(self.dataset)
        return resolve_with(self._resolver, text, allow_me=allow_me)


def _person(rows: _Rows, line: int, column: str, text: str, people: _People, me: bool = False) -> str | None:
    if not text:
        return ""
    try:
        return people.find(text, allow_me=me)
    except NotFoundError as exc:
        rows.error(line, column, str(exc).split(" - ")[0], "write the id from contacts.csv")
    except NetmapError:
        rows.error(line, column, f"'{text}' is you", "name someone else, or leave it blank")
    return None


def check_events(dataset: Dataset, *, encoding: str | None = None) -> list[Problem]:
    """Every problem of the folder's events.csv (none when there is no such file), for ``netmap check``."""
    path = events_path(dataset)
    if not path.exists():
        return []
    table = read_table(path, encoding=encoding, example_header=",".join(EVENTS_HEADER))
    if any(p.message == "file is empty" for p in table.problems):
        return []
    return parse_events(table, dataset)[1]


def load_events(dataset: Dataset, *, encoding: str | None = None) -> list[Event]:
    """The events of the folder's events.csv, oldest first ([] when there is none).

    Raises :class:`~netmap.errors.DataError` listing every problem (file, line, column).
    """
    path = events_path(dataset)
    if not path.exists():
        return []
    table = read_table(path, encoding=encoding, example_header=",".join(EVENTS_HEADER))
    if any(p.message == "file is empty" for p in table.problems):
        return []
    events, problems = parse_events(table, dataset)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return sorted(events, key=lambda e: (e.date, e.line))


__all__ = [
    "CONTACT_KINDS", "EVENTS_FILE", "EVENTS_HEADER", "EVENT_KINDS", "ITEM_KINDS", "STATUS_EVENTS",
    "Event", "check_events", "events_path", "load_events", "parse_events",
]  # fmt: skip
