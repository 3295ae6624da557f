"""``netmap log referral``: a name given at the end of a meeting (part of :class:`~netmap.outreach.OutreachBook`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..errors import NetmapError, NotFoundError
from ..model import ME, Contact, Dataset
from ..normalize import slugify
from ..people import PersonResolver
from .events import Event

if TYPE_CHECKING:
    from ..store import CsvDocument, StoredRow
    from .log import LogResult


class ReferralLog:
    """The referral step of :class:`~netmap.outreach.OutreachBook` (which provides the attributes below)."""

    contacts_doc: CsvDocument
    intros_doc: CsvDocument
    people: dict[str, Contact]
    dataset: Dataset
    index: PersonResolver
    result: LogResult
    _contact_rows: dict[int, StoredRow]
    _fake_lines: dict[int, int]

    if TYPE_CHECKING:

        def person(self, text: str, *, allow_me: bool = False) -> str: ...
        def _name(self, pid: str) -> str: ...
        def _event(self, event: Event) -> None: ...
        def _validate(self) -> tuple: ...

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
        self._event(Event(on, "referral", pid, ref, values.get("notes", "")))
        out.append(f"Introduction from {self._name(ref)} to {name} recorded as suggested")
        return self.result

    def _match(self, name: str, email: str) -> str | None:
        """An existing person with this e-mail address, else with this name or id."""
        if email:
            for c in self.dataset.contacts:
                if c.email and c.email.casefold() == email.casefold():
                    return c.id
        pid, message, hint = self.index.find(name)
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
                out.append(f"Kept {column} '{current}' (you gave '{value}'): edit the file to change it")
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
        self.index = PersonResolver.of_contacts(self.people.values(), source=self.contacts_doc.path.name)
        return new.id
