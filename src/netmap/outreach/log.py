"""Logging the outreach loop: meetings, names given, introductions, thank-yous, done and snooze.

An introduction (a row of ``introductions.csv``) moves through statuses; see
:data:`~netmap.outreach.TRANSITIONS`::

    suggested -> requested -> made -> met -> thanked
                  |  ^  |      |
                  |  |  +------+--> declined
                  v  |         v
              no_response <----+

Every step is also a row of ``events.csv`` (see :mod:`netmap.outreach.events`), so a
second meeting never overwrites the first; ``contacts.csv`` (``last_contact``) and
``introductions.csv`` (the status and its date column: ``requested_on``, ``nudged_on``,
``made_on``, ``met_on``, ``thanked_on``) stay the summaries they were.

Writing goes through :class:`netmap.store.CsvDocument`: atomic, with a ``.bak``,
untouched rows and columns byte for byte, and a :class:`~netmap.errors.ConflictError`
when a file changed on disk since it was read.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..csvio import Table
from ..errors import DataError, NetmapError, NotFoundError
from ..loading import parse_contacts, parse_introductions
from ..model import ME, STATUSES, Contact, Introduction
from ..people import PersonResolver
from ..store import CsvDocument, StoredRow, Transaction, open_for_edit, save_all, transaction
from ._common import BEFORE_MEETING, EVENT_COLUMNS, MET, NUDGE_COLUMN, TRANSITIONS, resolve_person, who
from .events import EVENTS_HEADER, STATUS_EVENTS, Event, events_path, load_events
from .referrals import ReferralLog

#: The order in which an introduction is preferred when several could be meant.
_ADVANCED = ("made", "requested", "no_response", "suggested", "declined", "met", "thanked")


# -- logging -----------------------------------------------------------------------------


@dataclass(slots=True)
class LogResult:
    """What a ``log`` command did: one message per change, and the files written."""

    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


class OutreachBook(ReferralLog):
    """A data folder opened for logging outreach.

    Reads ``contacts.csv`` and ``introductions.csv`` as editable documents, then loads
    and validates the folder with :func:`~netmap.loading.load_dataset` (so invalid
    data fails exactly as in every other command); ``events.csv`` too, when there is
    one. Change it with :meth:`meeting`, :meth:`contact`, :meth:`referral`, :meth:`intro`,
    :meth:`thanks`, :meth:`done` and :meth:`snooze`, then :meth:`save`.
    """

    def __init__(
        self,
        data: str | os.PathLike[str] | None = None,
        *,
        contacts: str | os.PathLike[str] | None = None,
        introductions: str | os.PathLike[str] | None = None,
        encoding: str | None = None,
        tx: Transaction | None = None,
    ):
        self._tx = tx
        self.contacts_doc, intros_doc, self.dataset = open_for_edit(
            data, contacts=contacts, introductions=introductions, encoding=encoding, tx=tx
        )
        assert intros_doc is not None
        self.intros_doc = intros_doc
        self.people = self.dataset.by_id()
        self.index = PersonResolver.of_contacts(self.dataset.contacts, source=self.contacts_doc.path.name)
        self._contact_rows = {r.line: r for r in self.contacts_doc.rows}
        self._intro_rows = {r.line: r for r in self.intros_doc.rows}
        self._encoding = encoding
        self.events_doc: CsvDocument | None = None  # read when the first event is recorded
        self.events = load_events(self.dataset, encoding=encoding)
        self.result = LogResult()

    # people and introductions

    def person(self, text: str, *, allow_me: bool = False) -> str:
        """The id of the person ``text`` names; :class:`NotFoundError` when unknown or ambiguous."""
        pid = resolve_person(list(self.people.values()), text, file=self.contacts_doc.path.name, allow_me=True)
        if pid == ME and not allow_me:
            raise NetmapError("'me' is you - name the person you met or were introduced to")
        return pid

    def _event(self, event: Event) -> None:
        """Append ``event`` to events.csv (created with its header the first time)."""
        if self.events_doc is None:
            path = events_path(self.dataset)
            if self._tx is not None:
                self.events_doc = self._tx.read(path.absolute(), header=EVENTS_HEADER, encoding=self._encoding)
            elif path.exists():
                self.events_doc = CsvDocument.read(path, encoding=self._encoding)
            else:
                self.events_doc = CsvDocument.new(path, list(EVENTS_HEADER))
        values = {k: v for k, v in event.as_row().items() if v}
        for column in values:
            self.events_doc.add_column(column)
        self.events_doc.append(values)
        self.events.append(event)

    def _name(self, pid: str) -> str:
        return who(pid, self.people)

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
            listed = ", ".join(f"from {self._name(i.referrer)} ({i.status}, line {i.line})" for i in fitting)
            raise NetmapError(
                f"{self._name(pid)} has {len(fitting)} introductions that could be {action}: "
                f"{listed} - pass --from REFERRER to pick one"
            )
        return fitting[0]

    def _move(self, intro: Introduction, status: str, on: date, record: bool = True) -> str:
        """Set ``intro``'s status and its date column, record the event (``record``); the message."""
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
        kind = "nudge" if nudge else STATUS_EVENTS[status]
        if record:
            self._event(Event(on, kind, intro.contact, intro.referrer))
        what = "nudged" if nudge else f"{old} -> {status}"
        return (
            f"Introduction from {self._name(intro.referrer)} to {self._name(intro.contact)}: {what} ({on.isoformat()})"
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

    # the log commands

    def meeting(self, person: str, *, on: date, today: date, notes: str = "", via: str | None = None) -> LogResult:
        """An informational interview with ``person`` happened on ``on``.

        Always a new ``meeting`` event (an earlier one is never overwritten); the last
        contact moves forward, and the introduction that led there becomes ``met``.
        """
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
        notes = " ".join(notes.split())
        if notes:
            contact = self.people[pid]
            self.contacts_doc.add_column("notes")
            row = self._contact_rows[contact.line]
            old = row.get("notes")
            entry = f"{on.isoformat()} meeting: {notes}"
            self.contacts_doc.update(row, {"notes": f"{old} | {entry}" if old.strip() else entry})
            out.append(f"Notes added to {name}")
        already = [i for i in self.dataset.introductions if i.contact == pid and i.status in MET]
        if via is None and already:
            intro: Introduction | None = already[0]
        else:
            intro = self._lead(pid, via, BEFORE_MEETING, "the one that led to this meeting")
        if intro is None:
            out.append(f"No introduction led to {name}")
        elif intro.status in MET:
            out.append(f"Introduction from {self._name(intro.referrer)} to {name} was already {intro.status}")
        else:
            out.append(self._move(intro, "met", on, record=False))
        self._event(Event(on, "meeting", pid, intro.referrer if intro else "", notes))
        out.append(f"Next: send {name} a written thank-you, then 'netmap log thanks {pid}'; and ask for more names")
        return self.result

    def contact(self, kind: str, person: str, *, on: date, today: date, notes: str = "") -> LogResult:
        """A ``call`` or ``message`` with ``person`` on ``on``: an event, and the last contact moves."""
        if kind not in ("call", "message"):
            raise NetmapError(f"unknown kind '{kind}' - use call or message")
        pid = self.person(person)
        if on > today:
            raise NetmapError(f"the date {on.isoformat()} is after today ({today.isoformat()}) - "
                              f"log a {kind} once it has happened")  # fmt: skip
        self.result.messages.append(f"Logged a {kind} with {self._name(pid)} on {on.isoformat()}")
        touched = self._touch(pid, on)
        if touched:
            self.result.messages.append(touched)
        self._event(Event(on, kind, pid, "", " ".join(notes.split())))
        return self.result

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
            where = f"the introduction from {self._name(intro.referrer)} to {self._name(pid)} is {intro.status}"
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
        """The written thank-you to ``person`` went out.

        The introduction that led to them becomes ``thanked``; without one (a direct
        contact) only the ``thanks`` event is recorded.
        """
        pid = self.person(person)
        if via is None and not any(i.contact == pid and i.status == "met" for i in self.dataset.introductions):
            self.result.messages.append(f"Logged a thank-you to {self._name(pid)} on {on.isoformat()}")
            self._event(Event(on, "thanks", pid))
            return self.result
        return self.intro(person, "thanked", on=on, via=via)

    def _item(self, item: str, today: date) -> str:
        """The id of an item of ``netmap due`` (listed, stale or ahead); NotFoundError otherwise."""
        from .due import MAX_DAYS, DueOptions, due

        items = due(self.dataset, self.events, today=today, options=DueOptions(ahead=MAX_DAYS, strong=1))
        ids = {i.id: i for i in items}
        item = item.strip()
        if item in ids:
            return item
        close = difflib.get_close_matches(item, list(ids), n=3, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "copy an id from 'netmap due --all'"
        raise NotFoundError(f"no item '{item}' in 'netmap due' - {hint}")

    def done(self, item: str, *, on: date, today: date) -> LogResult:
        """An item of ``netmap due`` is done: a ``done`` event takes it off the list."""
        item = self._item(item, today)
        self._event(Event(on, "done", item=item))
        self.result.messages.append(f"Done: {item} ({on.isoformat()})")
        return self.result

    def snooze(self, item: str, *, until: date, on: date, today: date) -> LogResult:
        """Put an item of ``netmap due`` off until ``until`` (it comes back due that day)."""
        if until <= today:
            raise NetmapError(f"--until {until.isoformat()} is not after today ({today.isoformat()}) - "
                              "give a later date")  # fmt: skip
        item = self._item(item, today)
        self._event(Event(on, "snooze", item=item, until=until))
        self.result.messages.append(f"Snoozed {item} until {until.isoformat()}")
        return self.result

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
        """Write the changed files (contacts, introductions, events) together, or none of them.

        Inside :func:`edit` the change is the transaction's; otherwise the documents are
        written in one all-or-nothing commit. A file changed on disk meanwhile: ConflictError.
        """
        self._validate()
        if self._tx is not None:
            written = self._tx.commit()
        else:
            docs = [self.contacts_doc, self.intros_doc, self.events_doc]
            written = save_all([d for d in docs if d is not None and d.changed])
        self.result.written.extend(written)
        return self.result


@contextmanager
def edit(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> Iterator[OutreachBook]:
    """The data folder opened for logging under its write lock: read, change, :meth:`~OutreachBook.save`.

    A second writer waits for the lock; leaving without saving writes nothing.
    """
    from ..loading import resolve_paths

    folder = resolve_paths(data, contacts, introductions)[0].parent
    with transaction(folder) as tx:
        yield OutreachBook(data, contacts=contacts, introductions=introductions, encoding=encoding, tx=tx)


__all__ = ["LogResult", "OutreachBook", "edit"]
