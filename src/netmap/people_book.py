"""Keeping a data folder's people by hand: adding someone and rating how well you know them.

:class:`PeopleBook` adds a person (:meth:`PeopleBook.add`) or records how well the user
knows someone (:meth:`PeopleBook.rate`). It holds the folder's write lock from reading
``contacts.csv`` to saving it (:func:`netmap.store.transaction`), and writes it
atomically, keeping the previous file as ``.bak`` (older ones ``.bak.2`` ...), every other
row and column byte for byte.

>>> import tempfile
>>> from netmap.datafolder import init_folder
>>> folder = Path(tempfile.mkdtemp()) / "network"
>>> _ = init_folder(folder, name="Maya Silva")
>>> book = PeopleBook(folder)
>>> book.add("Inês Carvalho", company="Acme", relationship="Former colleague").id
'ines-carvalho'
>>> book.rate("Inês Carvalho", 4).describe()
'Inês Carvalho: strength 4 (was: none)'
>>> [p.name for p in book.save()]
['contacts.csv']
>>> print((folder / "contacts.csv").read_text(encoding="utf-8").splitlines()[1])
ines-carvalho,Inês Carvalho,Acme,,,,,former_colleague,4,,,,,,,
"""

from __future__ import annotations

import os
import shlex
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from .cells import CONTROL_CHARACTERS
from .csvio import read_table
from .errors import DataError, NetmapError, NotFoundError, Problem
from .loading import load_dataset, parse_choice, parse_contacts, parse_introductions, resolve_paths
from .model import CONTACT_COLUMNS, ME, RELATIONSHIPS, Contact
from .normalize import linkedin_slug, normalize_company, normalize_name, split_list
from .people import PersonResolver
from .store import CsvDocument, StoredRow, open_for_edit, transaction

__all__ = ["PeopleBook", "Rating", "parse_relationship"]


def parse_relationship(text: str) -> str:
    """The relationship ``text`` names, forgiving case, spaces and hyphens as the loader does.

    >>> parse_relationship("Former colleague")
    'former_colleague'
    >>> try:
    ...     parse_relationship("freind")
    ... except ValueError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    unknown relationship 'freind' - did you mean 'friend'? Otherwise use one of: family, ...
    """
    return parse_choice(text, RELATIONSHIPS, "relationship")


def _strength(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise NetmapError(f"strength {value!r} is not a whole number from 1 to 5 - use 1 (barely) to 5 (close)")
    return value


def _who(c: Contact) -> str:
    return f"{c.name} ({c.company})" if c.company else c.name


@dataclass(frozen=True, slots=True)
class Rating:
    """What :meth:`PeopleBook.rate` changed: the stated strength (and relationship), before and after."""

    id: str
    name: str
    strength: int
    was_strength: int | None
    was_estimate: int | None
    relationship: str | None = None
    was_relationship: str = ""

    def describe(self) -> str:
        """One line: ``Inês Carvalho: strength 4 (was: estimated 2)``."""
        if self.was_strength == self.strength:
            was = "unchanged"
        elif self.was_strength is not None:
            was = f"was: {self.was_strength}"
        elif self.was_estimate is not None:
            was = f"was: estimated {self.was_estimate}"
        else:
            was = "was: none"
        text = f"{self.name}: strength {self.strength} ({was})"
        if self.relationship is not None:
            before = self.was_relationship or "none"
            was = "unchanged" if before == self.relationship else f"was: {before}"
            text += f", relationship {self.relationship} ({was})"
        return text


class PeopleBook:
    """The people of a data folder, opened to add someone or rate how well the user knows them.

    Reads ``contacts.csv`` as an editable document and validates the folder with
    :func:`~netmap.loading.load_dataset`, so invalid data fails as in every other
    command. With ``create=True`` a missing ``contacts.csv`` is started (with every
    column of :data:`~netmap.model.CONTACT_COLUMNS`) when :meth:`save` writes it.
    A method that raises may leave the book half changed: open a new one to go on.
    """

    def __init__(
        self,
        data: str | os.PathLike[str] | None = None,
        *,
        contacts: str | os.PathLike[str] | None = None,
        introductions: str | os.PathLike[str] | None = None,
        encoding: str | None = None,
        create: bool = False,
    ):
        self.path, self.intros_path, self._intros_required = resolve_paths(data, contacts, introductions)
        self.encoding = encoding
        if not self.path.parent.is_dir():
            if create:
                raise NetmapError(
                    f"no folder {self.path.parent} - create it with 'netmap init {self.path.parent}', "
                    "or pass --data DIR"
                )
            load_dataset(data, contacts=contacts, introductions=introductions, encoding=encoding)
        # The folder stays locked from this read until save() or close(): a second writer waits.
        opening = transaction(self.path.parent)
        self._tx = opening.__enter__()
        self._open = opening
        try:
            if create and not self.path.exists():
                self.doc = self._tx.add(CsvDocument.new(self.path, list(CONTACT_COLUMNS)))
                self.contacts: list[Contact] = []
                self.contacts = self._parse()  # introductions.csv, if any, must still resolve
            else:
                self.doc, _, dataset = open_for_edit(
                    data,
                    contacts=contacts,
                    introductions=introductions,
                    encoding=encoding,
                    with_introductions=False,
                    tx=self._tx,
                )
                self.contacts = dataset.contacts
        except BaseException:
            self.close()
            raise
        self._ids = {c.line: c.id for c in self.contacts}  # nobody's id may change

    _open: AbstractContextManager | None = None

    def __del__(self) -> None:  # a book dropped without save() or close() frees the folder
        self.close()

    @property
    def created(self) -> bool:
        """True while the contacts file does not exist yet (:meth:`save` creates it)."""
        return self.doc.sha256 is None

    # -- people ----------------------------------------------------------------------------

    def person(self, text: str) -> Contact:
        """The person ``text`` (an id or a name) names; NotFoundError when unknown or ambiguous."""
        pid, message, hint = PersonResolver.of_contacts(self.contacts, source=self.path.name).find(text)
        if pid is None:
            raise NotFoundError(f"{message} - {hint}")
        if pid == ME:
            raise NetmapError("'me' is you - name someone from " + self.path.name)
        return next(c for c in self.contacts if c.id == pid)

    def _rows(self) -> dict[int, StoredRow]:
        """Each row by the line it is (or will be) on, as the loader numbers contacts."""
        return {line: row for (line, _), row in zip(self.doc.table().rows, self.doc.rows, strict=True)}

    def _parse(self) -> list[Contact]:
        """The contacts as they would be saved; DataError when the edit breaks the folder."""
        contacts, problems = parse_contacts(self.doc.table())
        if self.intros_path.exists() or self._intros_required:
            table = read_table(self.intros_path, encoding=self.encoding)
            found: list[Problem] = []
            if table.header:
                found = parse_introductions(table, contacts, contacts_file=self.path.name)[1]
            problems += table.problems + found
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return contacts

    def _already(self, name: str, company: str, email: str, linkedin_url: str, pid: str) -> None:
        """Refuse someone who is already in the file (NetmapError naming the row)."""
        where = self.path.name
        if pid:
            if pid.casefold() == ME:
                raise NetmapError("the id 'me' is reserved for you - pick another --id")
            for c in self.contacts:
                if c.id == pid:
                    raise NetmapError(
                        f"the id '{pid}' is already taken in {where}: line {c.line}, {_who(c)} - "
                        "pick another --id, or leave it out to derive one"
                    )
        slug = linkedin_slug(linkedin_url)
        emails = {e.casefold() for e in split_list(email)}
        key = (normalize_name(name), normalize_company(company))
        for c in self.contacts:
            if slug and linkedin_slug(c.linkedin_url) == slug:
                why = f"same LinkedIn profile {slug}"
            elif emails & {e.casefold() for e in split_list(c.email)}:
                why = f"same e-mail {c.email}"
            elif not pid and key == (normalize_name(c.name), normalize_company(c.company)):
                why = "same name and company" if company else "same name, no company"
            else:
                continue
            other = "; someone else of that name needs a new --id" if why.startswith("same name") else ""
            raise NetmapError(
                f"{_who(c)} is already in {where}: line {c.line}, id '{c.id}' ({why}) - "
                f"to change how well you know them: netmap rate {shlex.quote(c.id)} --strength N{other}"
            )

    def add(
        self,
        name: str,
        *,
        company: str = "",
        title: str = "",
        office: str = "",
        email: str = "",
        linkedin_url: str = "",
        relationship: str = "",
        strength: int | None = None,
        tags: str = "",
        id: str = "",  # noqa: A002 - the column's name
    ) -> Contact:
        """Append a row for a new person; return them as the loader will read them.

        Without ``id`` the person gets the id the loader derives (LinkedIn slug, else
        e-mail, else the name as a slug, with a suffix when taken), written into the
        ``id`` column when the file has one. Someone already in the file (same id,
        LinkedIn profile, e-mail, or name and company) is refused with a NetmapError
        naming their row; two people of the same name and company need an explicit ``id``.
        ``tags`` may be separated by ``;`` or ``,``.
        """
        name = " ".join(CONTROL_CHARACTERS.sub("", name).split())  # as the loader will read it
        if not name:
            raise NetmapError('the name is empty - give the person\'s name, e.g. netmap add "Ana Lima"')
        try:
            relationship = parse_relationship(relationship) if relationship.strip() else ""
        except ValueError as exc:
            raise NetmapError(str(exc)) from None
        given = {
            "id": id.strip(),
            "company": company,
            "title": title,
            "office": office,
            "email": email,
            "linkedin_url": linkedin_url,
            "relationship": relationship,
            "strength": "" if strength is None else str(_strength(strength)),
            "tags": "; ".join(split_list(tags.replace(",", ";"))),
        }
        values = {"name": name} | {k: " ".join(v.split()) for k, v in given.items() if v.strip()}
        self._already(name, values.get("company", ""), email, linkedin_url, values.get("id", ""))
        for column in values:
            self.doc.add_column(column)
        row = self.doc.append(values)
        contacts = self._parse()
        line = next(line for line, r in self._rows().items() if r is row)
        new = next(c for c in contacts if c.line == line)
        if "id" not in values and self.doc.column("id") is not None:
            self.doc.update(row, {"id": new.id})  # keep the id when rows are added or reordered
            contacts = self._parse()
        self._keep_ids(contacts)
        self.contacts = contacts
        return next(c for c in contacts if c.line == line)

    def rate(self, person: str, strength: int, *, relationship: str | None = None) -> Rating:
        """Set how well the user says they know ``person`` (an id or a name): ``strength`` 1-5.

        Writes the ``strength`` column (and ``relationship`` when given), never
        ``strength_estimate``: the user's word wins over netmap's estimate. A cell that
        already says the same (``4.0`` for 4, ``Former colleague`` for former_colleague)
        is left as written.
        """
        strength = _strength(strength)
        if relationship is not None:
            try:
                relationship = parse_relationship(relationship)
            except ValueError as exc:
                raise NetmapError(str(exc)) from None
        contact = self.person(person)
        changes = {}
        if contact.strength != strength:
            changes["strength"] = str(strength)
        if relationship is not None and contact.relationship != relationship:
            changes["relationship"] = relationship
        rating = Rating(
            contact.id,
            contact.name,
            strength,
            contact.strength,
            contact.strength_estimate,
            relationship,
            contact.relationship,
        )
        if changes:
            for column in changes:
                self.doc.add_column(column)
            self.doc.update(self._rows()[contact.line], changes)
            contacts = self._parse()
            self._keep_ids(contacts)
            self.contacts = contacts
        return rating

    def _keep_ids(self, contacts: list[Contact]) -> None:
        for c in contacts:
            if c.line in self._ids and self._ids[c.line] != c.id:
                raise NetmapError(
                    f"this would change the id of {c.name} (line {c.line}) from '{self._ids[c.line]}' "
                    f"to '{c.id}' - fill in the id column of {self.path.name} first"
                )

    def save(self) -> list[Path]:
        """Write the contacts file if anything changed (ConflictError if it changed on disk),
        then release the folder; the book cannot be saved twice."""
        try:
            return self._tx.commit() if self.doc.changed else []
        finally:
            self.close()

    def close(self) -> None:
        """Release the folder without writing (save() does it too); safe to call twice."""
        if self._open is not None:
            opened, self._open = self._open, None
            opened.__exit__(None, None, None)

    def __enter__(self) -> PeopleBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
