"""The informational-interview loop: log what happened, see what is due, measure the snowball.

An introduction (a row of ``introductions.csv``) moves through statuses; see
:data:`TRANSITIONS`::

    suggested -> requested -> made -> met -> thanked
                  |  ^  |      |
                  |  |  +------+--> declined
                  v  |         v
              no_response <----+

Each step netmap logs also records its date in a column of its own (``requested_on``,
``nudged_on``, ``made_on``, ``met_on``, ``thanked_on``; added to the file the first
time it is needed). ``date`` stays the date the name was given.

Writing goes through :class:`netmap.store.CsvDocument`: atomic, with a ``.bak``,
untouched rows and columns byte for byte, and a :class:`~netmap.errors.ConflictError`
when a file changed on disk since it was read.

>>> from netmap.model import Contact, Dataset, Introduction
>>> from datetime import date
>>> ds = Dataset([Contact("ana", "Ana", strength=5), Contact("bo", "Bo")],
...              [Introduction("ana", "bo", date(2026, 3, 1), "suggested")])
>>> [(i.kind, i.name, i.overdue_days) for i in due(ds, today=date(2026, 3, 10))]
[('reach_out', 'Bo', 2), ('keep_in_touch', 'Ana', None)]
"""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path

from .csvio import Table, normalize_header
from .errors import DataError, NetmapError, NotFoundError
from .loading import (
    PersonIndex,
    parse_contacts,
    parse_date,
    parse_introductions,
)
from .model import ME, STATUSES, Contact, Dataset, Introduction
from .normalize import normalize_name, slugify
from .store import CsvDocument, StoredRow, open_for_edit

#: The statuses an introduction may move to from each status (``log intro``).
#: ``requested -> requested`` and ``no_response -> requested`` are nudges.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "suggested": ("requested", "made", "declined"),
    "requested": ("requested", "made", "met", "declined", "no_response"),
    "no_response": ("requested", "made", "declined"),
    "made": ("met", "declined", "no_response"),
    "met": ("thanked",),
    "thanked": (),
    "declined": (),
}

#: The column that records the date an introduction reached each status.
EVENT_COLUMNS = {
    "requested": "requested_on",
    "made": "made_on",
    "met": "met_on",
    "thanked": "thanked_on",
}
NUDGE_COLUMN = "nudged_on"

#: The order in which an introduction is preferred when several could be meant.
_ADVANCED = ("made", "requested", "no_response", "suggested", "declined", "met", "thanked")

#: Statuses before a meeting, which ``log meeting`` moves to ``met``.
BEFORE_MEETING = ("suggested", "requested", "made", "no_response", "declined")
MET = ("met", "thanked")

assert set(TRANSITIONS) == set(STATUSES)


# -- reading the event dates -------------------------------------------------------------


def _extra_date(intro: Introduction, column: str) -> date | None:
    """The date in one of the event columns (any header spelling), None when blank or unreadable."""
    for key, value in intro.extra.items():
        if normalize_header(key) == column and value.strip():
            try:
                return parse_date(value)
            except ValueError:
                return None
    return None


def _who(pid: str, people: dict[str, Contact]) -> str:
    return "you" if pid == ME else people[pid].name if pid in people else pid


# -- logging -----------------------------------------------------------------------------


@dataclass(slots=True)
class LogResult:
    """What a ``log`` command did: one message per change, and the files written."""

    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


class OutreachBook:
    """A data folder opened for logging outreach.

    Reads ``contacts.csv`` and ``introductions.csv`` as editable documents, then loads
    and validates the folder with :func:`~netmap.loading.load_dataset` (so invalid
    data fails exactly as in every other command). Change it with :meth:`meeting`,
    :meth:`referral`, :meth:`intro` and :meth:`thanks`, then :meth:`save`.
    """

    def __init__(
        self,
        data: str | os.PathLike[str] | None = None,
        *,
        contacts: str | os.PathLike[str] | None = None,
        introductions: str | os.PathLike[str] | None = None,
        encoding: str | None = None,
    ):
        self.contacts_doc, intros_doc, self.dataset = open_for_edit(
            data, contacts=contacts, introductions=introductions, encoding=encoding
        )
        assert intros_doc is not None
        self.intros_doc = intros_doc
        self.people = self.dataset.by_id()
        self.index = PersonIndex(self.dataset.contacts, self.contacts_doc.path.name)
        self._contact_rows = {r.line: r for r in self.contacts_doc.rows}
        self._intro_rows = {r.line: r for r in self.intros_doc.rows}
        self.result = LogResult()

    # people and introductions

    def person(self, text: str, *, allow_me: bool = False) -> str:
        """The id of the person ``text`` names; :class:`NotFoundError` when unknown or ambiguous."""
        pid, message, hint = self.index.resolve(text)
        if pid is None:
            raise NotFoundError(f"{message} - {hint}")
        if pid == ME and not allow_me:
            raise NetmapError("'me' is you - name the person you met or were introduced to")
        return pid

    def _name(self, pid: str) -> str:
        return _who(pid, self.people)

    def _intro_row(self, intro: Introduction) -> StoredRow:
        return self._intro_rows[intro.line]

    def _lead(self, pid: str, via: str | None, wanted: tuple[str, ...], action: str):
        """The introduction that led to ``pid`` (from ``via`` when given), preferring ``wanted``."""
        intros = [i for i in self.dataset.introductions if i.contact == pid]
        if via is not None:
            ref = self.person(via, allow_me=True)
            intros = [i for i in intros if i.referrer == ref]
            if not intros:
                raise NetmapError(
                    f"no introduction from {self._name(ref)} to {self._name(pid)} in "
                    f"{self.intros_doc.path.name} - leave out --from, or record it with "
                    f"'netmap log referral --from {ref} --name {pid}'"
                )
        if not intros:
            return None
        fitting = [i for i in intros if i.status in wanted] or intros
        best = min(_ADVANCED.index(i.status) for i in fitting)
        fitting = [i for i in fitting if _ADVANCED.index(i.status) == best]
        if len(fitting) > 1:
            listed = ", ".join(
                f"from {self._name(i.referrer)} ({i.status}, line {i.line})" for i in fitting
            )
            raise NetmapError(
                f"{self._name(pid)} has {len(fitting)} introductions that could be {action}: "
                f"{listed} - pass --from REFERRER to pick one"
            )
        return fitting[0]

    def _move(self, intro: Introduction, status: str, on: date) -> str:
        """Set ``intro``'s status and its event date; return the message."""
        row = self._intro_row(intro)
        changes = {"status": status}
        nudge = status == "requested" and intro.status in ("requested", "no_response")
        column = NUDGE_COLUMN if nudge else EVENT_COLUMNS.get(status)
        if column:
            self.intros_doc.add_column(column)
            changes[column] = on.isoformat()
        if self.intros_doc.column("status") is None:
            self.intros_doc.add_column("status")
        self.intros_doc.update(row, changes)
        old = intro.status
        intro.status = status
        what = "nudged" if nudge else f"{old} -> {status}"
        return (
            f"Introduction from {self._name(intro.referrer)} to {self._name(intro.contact)}: "
            f"{what} ({on.isoformat()})"
        )

    def _touch(self, pid: str, on: date) -> str | None:
        """Move ``pid``'s last contact forward to ``on``; the message, or None when not later."""
        contact = self.people[pid]
        if contact.last_contact is not None and contact.last_contact >= on:
            return None
        self.contacts_doc.add_column("last_contact")
        self.contacts_doc.update(self._contact_rows[contact.line], {"last_contact": on.isoformat()})
        before = contact.last_contact.isoformat() if contact.last_contact else "none"
        contact.last_contact = on
        return f"Last contact with {contact.name}: {before} -> {on.isoformat()}"

    # the four log commands

    def meeting(
        self, person: str, *, on: date, today: date, notes: str = "", via: str | None = None
    ) -> LogResult:
        """An informational interview with ``person`` happened on ``on``."""
        pid = self.person(person)
        if on > today:
            raise NetmapError(
                f"the meeting date {on.isoformat()} is after today ({today.isoformat()}) - "
                "log a meeting once it has happened"
            )
        name = self._name(pid)
        out = self.result.messages
        out.append(f"Logged a meeting with {name} on {on.isoformat()}")
        touched = self._touch(pid, on)
        if touched:
            out.append(touched)
        if notes.strip():
            contact = self.people[pid]
            self.contacts_doc.add_column("notes")
            row = self._contact_rows[contact.line]
            old = row.get("notes")
            entry = f"{on.isoformat()} meeting: {' '.join(notes.split())}"
            self.contacts_doc.update(row, {"notes": f"{old} | {entry}" if old.strip() else entry})
            out.append(f"Notes added to {name}")
        already = [i for i in self.dataset.introductions if i.contact == pid and i.status in MET]
        if via is None and already:
            intro: Introduction | None = already[0]
        else:
            intro = self._lead(pid, via, BEFORE_MEETING, "the one that led to this meeting")
        if intro is None:
            out.append(f"No introduction led to {name}; only the last contact was updated")
        elif intro.status in MET:
            out.append(
                f"Introduction from {self._name(intro.referrer)} to {name} "
                f"was already {intro.status}"
            )
        else:
            out.append(self._move(intro, "met", on))
            out.append(
                f"Next: send {name} a written thank-you, then 'netmap log thanks {pid}'; "
                "and ask for more names"
            )
        return self.result

    def referral(
        self,
        referrer: str,
        name: str,
        *,
        on: date,
        company: str = "",
        office: str = "",
        title: str = "",
        email: str = "",
        notes: str = "",
    ) -> LogResult:
        """``referrer`` gave the name ``name``: add the person if new and an introduction row."""
        ref = self.person(referrer, allow_me=True)
        name = " ".join(name.split())
        if not name:
            raise NetmapError("the name is empty - pass --name 'First Last'")
        out = self.result.messages
        given = {"company": company, "office": office, "title": title, "email": email}
        given = {k: " ".join(v.split()) for k, v in given.items() if v.strip()}
        pid = self._match(name, given.get("email", ""))
        if pid is None:
            pid = self._add_contact(name, given)
            out.append(f"Added {name} to {self.contacts_doc.path.name} as '{pid}'")
        else:
            name = self.people[pid].name
            out.append(f"{name} is already in {self.contacts_doc.path.name} as '{pid}'")
            out += self._fill(pid, given)
        if pid == ref:
            raise NetmapError(f"{name} cannot refer themselves - check --from and --name")
        existing = [i for i in self.dataset.introductions if i.referrer == ref and i.contact == pid]
        if existing:
            i = existing[0]
            out.append(
                f"The introduction from {self._name(ref)} to {name} is already on "
                f"{self.intros_doc.path.name} line {i.line} ({i.status}); nothing added"
            )
            return self.result
        values = {
            "referrer": ref,
            "contact": pid,
            "date": on.isoformat(),
            "status": "suggested",
        }
        if notes.strip():
            values["notes"] = " ".join(notes.split())
        for column in values:
            self.intros_doc.add_column(column)
        self.intros_doc.append(values)
        out.append(f"Introduction from {self._name(ref)} to {name} recorded as suggested")
        return self.result

    def _match(self, name: str, email: str) -> str | None:
        """An existing person with this e-mail address, else with this name or id."""
        if email:
            for c in self.dataset.contacts:
                if c.email and c.email.casefold() == email.casefold():
                    return c.id
        pid, message, hint = self.index.resolve(name)
        if pid == ME:
            raise NetmapError("'me' is you - pass the name of the person you were given")
        if pid is None and "ambiguous" in message:
            raise NotFoundError(f"{message} - {hint}, or pass --email to tell them apart")
        return pid

    def _fill(self, pid: str, given: dict[str, str]) -> list[str]:
        """Fill the person's empty fields from ``given``; never overwrite what is there."""
        row = self._contact_rows[self.people[pid].line]
        out, changes = [], {}
        for column, value in given.items():
            current = row.get(column).strip()
            if not current:
                changes[column] = value
            elif current.casefold() != value.casefold():
                out.append(
                    f"Kept {column} '{current}' (you gave '{value}'): edit the file to change it"
                )
        for column in changes:
            self.contacts_doc.add_column(column)
        self.contacts_doc.update(row, changes)
        if changes:
            out.append(f"Filled in {', '.join(changes)} for {self.people[pid].name}")
        return out

    def _add_contact(self, name: str, given: dict[str, str]) -> str:
        values = {"name": name, **given}
        has_id = self.contacts_doc.column("id") is not None
        if has_id:
            taken = set(self.people) | {ME}
            base = slugify(name) or "person"
            pid, n = base, 2
            while pid in taken:
                pid, n = f"{base}-{n}", n + 1
            values["id"] = pid
        for column in values:
            self.contacts_doc.add_column(column)
        row = self.contacts_doc.append(values)
        contacts = self._validate()[0]
        new = next(c for c in contacts if c.line == self._fake_lines[id(row)])
        contact = Contact(new.id, new.name, new.company, new.title, new.office, new.email)
        contact.line = -len(self._fake_lines)  # not on disk yet
        self.people[new.id] = contact
        self._contact_rows[contact.line] = row
        self.index = PersonIndex(list(self.people.values()), self.contacts_doc.path.name)
        return new.id

    def intro(self, person: str, status: str, *, on: date, via: str | None = None) -> LogResult:
        """Move the introduction that led to ``person`` to ``status``."""
        if status not in STATUSES:
            raise NetmapError(f"unknown status '{status}' - use one of: {', '.join(STATUSES)}")
        pid = self.person(person)
        wanted = tuple(s for s, nexts in TRANSITIONS.items() if status in nexts)
        intro = self._lead(pid, via, wanted, f"moved to {status}")
        if intro is None:
            raise NetmapError(
                f"no introduction to {self._name(pid)} in {self.intros_doc.path.name} - "
                f"record one with 'netmap log referral --from REFERRER --name {pid}'"
            )
        allowed = TRANSITIONS[intro.status]
        if status not in allowed:
            where = (
                f"the introduction from {self._name(intro.referrer)} to {self._name(pid)} "
                f"is {intro.status}"
            )
            if allowed:
                hint = f"from {intro.status} it can move to: {', '.join(allowed)}"
                if status == "met":
                    hint += f"; or log the meeting itself: 'netmap log meeting {pid}'"
            else:
                hint = f"{intro.status} is final; add a new introduction to start again"
            raise NetmapError(f"cannot move it to {status}: {where} - {hint}")
        self.result.messages.append(self._move(intro, status, on))
        if status == "met":
            touched = self._touch(pid, on)
            if touched:
                self.result.messages.append(touched)
        return self.result

    def thanks(self, person: str, *, on: date, via: str | None = None) -> LogResult:
        """The written thank-you to ``person`` went out."""
        return self.intro(person, "thanked", on=on, via=via)

    # saving

    def _table(self, doc: CsvDocument, fake: dict[int, int]) -> Table:
        width = len(doc.header)
        last = max((r.line for r in doc.rows), default=1)
        rows = []
        for row in doc.rows:
            line = row.line
            if not line:
                last += 1
                line = fake.setdefault(id(row), last)
            rows.append((line, (row.cells + [""] * width)[:width]))
        return Table(doc.path, list(doc.header), rows, delimiter=doc.delimiter)

    def _validate(self) -> tuple[list[Contact], list[Introduction]]:
        """Parse the documents as they would be saved; DataError if netmap broke something."""
        self._fake_lines: dict[int, int] = {}
        contacts, problems = parse_contacts(self._table(self.contacts_doc, self._fake_lines))
        intros, found = parse_introductions(
            self._table(self.intros_doc, {}), contacts, contacts_file=self.contacts_doc.path.name
        )
        errors = [p for p in problems + found if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return contacts, intros

    def save(self) -> LogResult:
        """Write the changed files (contacts first); nothing at all if either changed on disk."""
        self._validate()
        docs = [d for d in (self.contacts_doc, self.intros_doc) if d.changed]
        for doc in docs:
            if doc.sha256 is not None or doc.path.exists():
                doc.check_unchanged()
        for doc in docs:
            doc.save(backup=True)
            self.result.written.append(doc.path)
        return self.result


# -- what is due -------------------------------------------------------------------------

DUE_KINDS = ("thank", "nudge", "close", "reach_out", "follow_up", "keep_in_touch")


@dataclass(frozen=True, slots=True)
class DueOptions:
    """Thresholds of :func:`due`, in days (``strong`` is a tie strength 1-5)."""

    thank_days: int = 1
    nudge_days: int = 7
    reach_days: int = 7
    keep_days: int = 90
    strong: int = 4
    ahead: int = 0


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing to do: ``kind`` (see :data:`DUE_KINDS`), for ``person``, by ``due_on``.

    ``overdue_days`` is how many days past ``due_on`` today is (negative: still ahead);
    both are None when the date it counts from is unknown. ``since`` is that date.
    """

    kind: str
    person: str
    name: str
    action: str
    due_on: date | None
    overdue_days: int | None
    since: date | None = None
    referrer: str = ""
    line: int = 0


def due(
    dataset: Dataset, *, today: date | None = None, options: DueOptions | None = None
) -> list[DueItem]:
    """Everything due by ``today`` (plus ``options.ahead`` days), most overdue first.

    * ``thank``: met, no thank-you logged ``thank_days`` after the meeting;
    * ``nudge``: requested, no answer ``nudge_days`` after asking (nudge once);
    * ``close``: nudged, still no answer ``nudge_days`` later: mark it no_response;
    * ``reach_out``: a name given (suggested) not acted on after ``reach_days``;
    * ``follow_up``: introduction made, no meeting ``reach_days`` later;
    * ``keep_in_touch``: a tie of strength ``strong`` or more not contacted for ``keep_days``
      (or never recorded).

    Introductions to someone you have already met are not chased again, nor names
    given twice when one introduction to that person is already requested or made.
    """
    today = today or date.today()
    opts = options or DueOptions()
    people = dataset.by_id()
    met = {i.contact for i in dataset.introductions if i.status in MET}
    asked = {i.contact for i in dataset.introductions if i.status in ("requested", "made")}
    horizon = date.fromordinal(today.toordinal() + opts.ahead)
    items: list[DueItem] = []

    def add(kind, pid, action, since, days, referrer="", line=0):
        due_on = None if since is None else date.fromordinal(since.toordinal() + days)
        if due_on is not None and due_on > horizon:
            return
        overdue = None if due_on is None else (today - due_on).days
        items.append(
            DueItem(kind, pid, _who(pid, people), action, due_on, overdue, since, referrer, line)
        )

    for i in dataset.introductions:
        name, ref = _who(i.contact, people), _who(i.referrer, people)
        if i.status == "met":
            since = _extra_date(i, "met_on") or people[i.contact].last_contact
            action = f"send {name} a written thank-you, then 'netmap log thanks {i.contact}'"
            add("thank", i.contact, action, since, opts.thank_days, i.referrer, i.line)
        if i.contact in met:
            continue
        if i.status == "requested":
            nudged = _extra_date(i, NUDGE_COLUMN)
            if nudged is None:
                since = _extra_date(i, "requested_on") or i.date
                who = f"{name}" if i.referrer == ME else f"{ref} about {name}"
                action = f"nudge {who} once, politely"
                add("nudge", i.contact, action, since, opts.nudge_days, i.referrer, i.line)
            else:
                action = (
                    f"no answer after a nudge: let it go "
                    f"('netmap log intro {i.contact} --status no_response')"
                )
                add("close", i.contact, action, nudged, opts.nudge_days, i.referrer, i.line)
        elif i.status == "suggested" and i.contact not in asked:
            if i.referrer == ME:
                action = f"write to {name} asking for 15-20 minutes"
            else:
                action = f"ask {ref} to introduce you to {name}"
            add("reach_out", i.contact, action, i.date, opts.reach_days, i.referrer, i.line)
        elif i.status == "made":
            since = _extra_date(i, "made_on") or i.date
            action = f"write to {name} to set up a 15-20 minute conversation"
            add("follow_up", i.contact, action, since, opts.reach_days, i.referrer, i.line)
    for c in dataset.contacts:
        if c.strength is not None and c.strength >= opts.strong:
            when = f"last contact {c.last_contact.isoformat()}" if c.last_contact else "no date"
            action = f"get back in touch with {c.name} ({when})"
            add("keep_in_touch", c.id, action, c.last_contact, opts.keep_days, "", c.line)
    order = {k: n for n, k in enumerate(DUE_KINDS)}
    items.sort(
        key=lambda d: (
            d.due_on is None,
            d.due_on or date.min,
            order[d.kind],
            normalize_name(d.name),
            d.line,
        )
    )
    return items


_TITLES = {
    "thank": "Thank",
    "nudge": "Nudge",
    "close": "Close",
    "reach_out": "Reach out",
    "follow_up": "Follow up",
    "keep_in_touch": "Keep in touch",
}


def due_calendar(items: Iterable[DueItem], *, today: date) -> bytes:
    """The items as an iCalendar file: one all-day event each, on its due date or today.

    Event UIDs are stable (kind, person, referrer), so re-importing updates the events.
    """
    from datetime import timedelta

    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//netmap//outreach due//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netmap: outreach due")
    stamp = datetime.combine(today, time(0), tzinfo=timezone.utc)  # noqa: UP017
    for item in items:
        day = max(item.due_on or today, today)
        event = icalendar.Event()
        uid_parts = [item.kind, slugify(item.person) or "x", slugify(item.referrer) or "x"]
        event.add("uid", f"{'-'.join(uid_parts)}@netmap")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{_TITLES[item.kind]}: {item.name}")
        late = ""
        if item.overdue_days is not None and item.overdue_days > 0:
            late = f" ({item.overdue_days} days overdue)"
        event.add("description", f"{item.action}{late}")
        event.add("categories", ["netmap", item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


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
        met_on = _extra_date(i, "met_on")
        start = _extra_date(i, "made_on") or i.date
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

    name = lambda pid: _who(pid, people)  # noqa: E731
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
    furthest = [
        Reach(pid, name(pid), len(children[pid]), below[pid], depth[pid]) for pid in children
    ]
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


__all__ = [
    "DUE_KINDS",
    "EVENT_COLUMNS",
    "TRANSITIONS",
    "Chain",
    "DueItem",
    "DueOptions",
    "LogResult",
    "OutreachBook",
    "OutreachReport",
    "Reach",
    "Stage",
    "due",
    "due_calendar",
    "outreach_report",
    "referral_tree",
]
