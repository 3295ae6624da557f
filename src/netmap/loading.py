"""Loading a data folder with validation: every problem found at once, one line each.

>>> from netmap import load_dataset
>>> ds = load_dataset("sample_data")          # doctest: +SKIP
>>> len(ds.contacts) > 200                    # doctest: +SKIP
True
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import eq
from typing import Any

from .cells import (  # noqa: F401 (re-exported)
    CONTROL_CHARACTERS,
    DATE_HINT,
    STRENGTH_HINT,
    CellError,
    ChoiceError,
    _did_you_mean,
    _parse_strength,
    _Rows,
    check_header,
    parse_choice,
    parse_date,
)
from .csvio import Table, gc_paused, read_table
from .errors import DataError, Problem
from .folder import ALIASES_FILE, CONTACTS_FILE, INTRODUCTIONS_FILE, DataFolder, resolve_paths  # noqa: F401
from .model import (
    CONTACT_COLUMNS,
    INTRODUCTION_COLUMNS,
    ME,
    RELATIONSHIPS,
    STATUSES,
    Contact,
    Dataset,
    Introduction,
)
from .normalize import linkedin_slug, normalize_company, slugify, split_list
from .people import PersonResolver


@gc_paused()
def parse_contacts(table: Table) -> tuple[list[Contact], list[Problem]]:
    """Turn a contacts table into :class:`Contact` objects plus every problem found."""
    rows = _Rows(table, CONTACT_COLUMNS, ("name",))
    if not rows.ok:
        return [], rows.problems
    table_columns = rows.columns()  # each rule runs over a column; problems come out row by row
    v, lines = table_columns.values, table_columns.lines
    nameless = rows.flag("name", v["name"], {"": ("name is empty", "fill in the person's name or delete the row")}, 1)
    strengths = rows.parse_column("strength", v["strength"], _parse_strength, 2, STRENGTH_HINT)[0]
    last_contact = rows.parse_column("last_contact", v["last_contact"], parse_date, 3, DATE_HINT)[0]
    estimates = rows.parse_column("strength_estimate", v["strength_estimate"], _parse_strength, 4, STRENGTH_HINT)[0]
    connected_on = rows.parse_column("connected_on", v["connected_on"], parse_date, 5, DATE_HINT)[0]

    def relationship(text: str) -> str:
        return parse_choice(text, RELATIONSHIPS, "relationship")

    relationships, failed = rows.parse_column("relationship", v["relationship"], relationship, 6, blank="")
    for row in failed:
        relationships[row] = ""
    lists = {text: split_list(text) for text in {*v["past_companies"], *v["tags"]}}  # each split once
    ids, given = list(v["id"]), v["id"]
    keep, is_derived = [False] * len(lines), [False] * len(lines)
    first_line: dict[str, int] = {}
    skipped = set(nameless)  # every other problem of a nameless row is reported; the row is unusable
    for row, given_id in enumerate(given):
        if row in skipped:
            continue
        if given_id:
            if given_id.casefold() == ME:
                rows.later(row, (1, 7), Problem(rows.name, lines[row], "id", "'me' is reserved for you",
                                                "give this person another id"))  # fmt: skip
                continue
            if given_id in first_line:
                message = f"duplicate id '{given_id}' (already used on line {first_line[given_id]})"
                hint = "give each person a different id"
                rows.later(row, (1, 7), Problem(rows.name, lines[row], "id", message, hint))
                continue
            first_line[given_id] = lines[row]
        else:
            email, name = v["email"][row].lower(), v["name"][row]
            ids[row] = linkedin_slug(v["linkedin_url"][row]) or email or slugify(name)
            is_derived[row] = True
        keep[row] = True
    past, tags = list(map(lists.__getitem__, v["past_companies"])), list(map(lists.__getitem__, v["tags"]))
    fields: list[list[Any]] = [
        ids,
        v["name"],
        v["company"],
        v["title"],
        v["office"],
        v["email"],
        v["linkedin_url"],
        relationships,
        strengths,
        last_contact,
        estimates,
        connected_on,
        past,
        tags,
        v["school"],
        v["notes"],
        table_columns.extra,
        lines,
    ]  # fmt: skip  (Contact's order)
    if not all(keep):
        fields = [list(compress(column, keep)) for column in fields]
        is_derived = list(compress(is_derived, keep))
    contacts: list[Contact] = list(map(Contact, *fields))
    rows.settle()
    derived: dict[str, list[Contact]] = defaultdict(list)
    if any(is_derived):
        for contact in compress(contacts, is_derived):
            derived[contact.id].append(contact)
    taken = dict(first_line)  # id -> the line that holds it
    for base, group in derived.items():
        for contact in group:
            if base not in taken and base.casefold() != ME:
                taken[base] = contact.line
                continue
            suffix = 2
            while f"{base}-{suffix}" in taken:
                suffix += 1
            contact.id = f"{base}-{suffix}"
            taken[contact.id] = contact.line
            why = "reserved for you" if base.casefold() == ME else f"already the id of line {taken[base]}"
            rows.warn(
                contact.line,
                "id",
                f"'{contact.name}' would get the id '{base}', {why}; using '{contact.id}'",
                "fill in the id column to keep ids stable",
            )
    return contacts, rows.problems


@gc_paused()
def parse_introductions(
    table: Table, contacts: list[Contact], *, contacts_file: str = CONTACTS_FILE
) -> tuple[list[Introduction], list[Problem]]:
    """Turn an introductions table into :class:`Introduction` objects with resolved ids.

    A row means: ``referrer`` introduced the user to ``contact``. Each is an id or an
    unambiguous name from ``contacts``; ``me`` is the user.
    """
    rows = _Rows(table, INTRODUCTION_COLUMNS, ("referrer", "contact"))
    if not rows.ok:
        return [], rows.problems
    table_columns = rows.columns()
    v, lines = table_columns.values, table_columns.lines
    ids = {c.id: c.id for c in contacts if c.id.casefold() != ME}  # an id is itself (as the resolver finds it)
    people: list[PersonResolver] = []  # built for the first text that is not an id

    def person(text: str) -> str:
        if not people:
            people.append(PersonResolver.of_contacts(contacts, source=contacts_file))
        pid, message, hint = people[0].find(text, first_name=False)
        if pid is None:
            raise CellError(message, hint)
        return pid

    ends: list[list[str | None]] = []
    dropped: set[int] = set()  # rows that give no introduction
    for order, col in enumerate(("referrer", "contact"), 1):

        def end(text: str, col: str = col) -> str:
            if not text:
                raise CellError(f"{col} is empty", "fill in an id or a name from contacts (you are 'me')")
            return person(text)

        found, failed = rows.parse_column(col, v[col], end, order, parse_blank=True, known=ids)
        ends.append(found)
        dropped.update(failed)
    referrers, people_met = ends

    def status(text: str) -> str:
        return parse_choice(text, STATUSES, "status")

    statuses, failed = rows.parse_column("status", v["status"], status, 3, blank="suggested")
    dropped.update(failed)
    strengths = rows.parse_column("strength", v["strength"], _parse_strength, 4, STRENGTH_HINT)[0]
    dates = rows.parse_column("date", v["date"], parse_date, 5, DATE_HINT)[0]
    same = set(compress(range(len(lines)), map(eq, referrers, people_met)))
    same -= {row for row in same if referrers[row] is None}  # both unknown is not "the same"
    for row in sorted(same):
        message = f"'{v['contact'][row]}' is both the referrer and the contact"
        hint = "an introduction is between two different people: fix one of them"
        rows.later(row, (1, 6), Problem(rows.name, lines[row], "contact", message, hint))
    to_me = set(compress(range(len(lines)), map(eq, people_met, repeat(ME)))) - same if ME in people_met else set()
    for row in sorted(to_me):
        message = "'me' cannot be the contact: a row means 'referrer introduced me to contact'"
        hint = "put the person you were introduced to in contact"
        rows.later(row, (1, 7), Problem(rows.name, lines[row], "contact", message, hint))
    dropped |= same | to_me
    kept: list[list[Any]] = [referrers, people_met, dates, statuses, strengths, v["notes"], table_columns.extra, lines]
    if dropped:
        keep = [row not in dropped for row in range(len(lines))]
        kept = [list(compress(column, keep)) for column in kept]
    intros = list(map(Introduction, *kept))
    return intros, rows.settle()


def parse_aliases(table: Table) -> tuple[dict[str, str], list[Problem]]:
    """``companies.csv``: map each normalised alias to its canonical company name."""
    rows = _Rows(table, ("alias", "canonical"), ("alias", "canonical"))
    if not rows.ok:
        return {}, rows.problems
    aliases: dict[str, str] = {}
    for line, v, _ in rows.records():
        if not v["alias"] or not v["canonical"]:
            rows.error(line, "alias" if not v["alias"] else "canonical", "is empty", "fill in both columns")
            continue
        aliases[normalize_company(v["alias"])] = v["canonical"]
    return aliases, rows.problems


@dataclass(slots=True)
class CheckReport:
    """The result of :func:`check_data`: the dataset (when readable) and every problem."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_data(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> CheckReport:
    """Load and validate a data folder, returning every problem instead of raising.

    Problems come file by file (contacts, introductions, companies), each file's in
    line order. Introductions are resolved only when the contacts file was readable,
    so one broken file does not bury its own error under a hundred "matches nobody".
    """
    return check_folder(DataFolder.locate(data, contacts, introductions), encoding=encoding)


@gc_paused()
def check_folder(where: DataFolder, *, encoding: str | None = None) -> CheckReport:
    """:func:`check_data` of a located :class:`~netmap.folder.DataFolder`."""
    contacts_path, intros_path, intros_required = where.contacts, where.introductions, where.introductions_named
    problems: list[Problem] = []
    table = read_table(contacts_path, encoding=encoding, example_header="name,company,strength")
    people, found = parse_contacts(table) if table.header else ([], [])
    problems += _in_line_order(table.problems + found)
    contacts_ok = "name" in table.columns  # people were read, so names can be resolved
    intros: list[Introduction] = []
    if intros_path.exists() or intros_required:
        itable = read_table(intros_path, encoding=encoding, example_header="referrer,contact,date,status")
        found = []
        if itable.header and contacts_ok:
            intros, found = parse_introductions(itable, people, contacts_file=contacts_path.name)
        problems += _in_line_order(itable.problems + found)
    aliases: dict[str, str] = {}
    aliases_path = contacts_path.parent / ALIASES_FILE
    if aliases_path.exists():
        atable = read_table(aliases_path, encoding=encoding, example_header="alias,canonical")
        found = []
        if atable.header:
            aliases, found = parse_aliases(atable)
        problems += _in_line_order(atable.problems + found)
    dataset = Dataset(people, intros, contacts_path, intros_path if intros_path.exists() else None, aliases)
    return CheckReport(dataset, problems)


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """One file's problems sorted by line (file-wide ones first), stable otherwise."""
    return sorted(problems, key=lambda p: p.line or 0)


def load_dataset(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> Dataset:
    """Load and validate a data folder; raise :class:`~netmap.errors.DataError` with every error."""
    return load_folder(DataFolder.locate(data, contacts, introductions), encoding=encoding)


def load_folder(where: DataFolder, *, encoding: str | None = None) -> Dataset:
    """:func:`load_dataset` of a located :class:`~netmap.folder.DataFolder`."""
    report = check_folder(where, encoding=encoding)
    if report.errors:
        raise DataError(report.problems)
    return report.dataset
