"""Loading a data folder with validation: every problem found at once, one line each.

>>> from netmap import load_dataset
>>> ds = load_dataset("sample_data")          # doctest: +SKIP
>>> len(ds.contacts) > 200                    # doctest: +SKIP
True
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from .csvio import Table, normalize_header, read_table
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

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%b %d, %Y",
)
#: characters dropped from every value: C0 controls but tab and line breaks, DEL, C1 controls
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ISO_LIKE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


def parse_date(text: str) -> date:
    """Parse a date as people and exports write it; raise ``ValueError`` with the reason.

    >>> parse_date("2026-02-08"), parse_date("08 Feb 2026"), parse_date("4-Apr-21")
    (datetime.date(2026, 2, 8), datetime.date(2026, 2, 8), datetime.date(2021, 4, 4))
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    ValueError: impossible date '2026-02-30' (day is out of range for month)
    """
    text = text.strip()
    iso = _ISO_LIKE.match(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError as exc:
            raise ValueError(f"impossible date '{text}' ({exc})") from None
    if "T" in text[:11] and _ISO_LIKE.match(text[:10]):
        return parse_date(text[:10])
    for fmt in _DATE_FORMATS[2:]:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date")


def _parse_strength(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a number")
    if not 1 <= value <= 5:
        raise ValueError(f"'{text}' is outside 1-5")
    if not value.is_integer():
        raise ValueError(f"'{text}' is not a whole number")
    return int(value)


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...], n: int = 3) -> str:
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    return ", ".join(f"'{c}'" for c in close)


def check_header(header: list[str], known: tuple[str, ...], required: tuple[str, ...],
                 line: int = 1) -> list[tuple[str, str, str]]:  # fmt: skip
    """Problems of a header row as ``(column, message, hint)``: required columns missing,
    names that look like a misspelt known column. (Duplicates are found by the reader.)

    >>> check_header(["name", "tagz"], ("name", "tags"), ("name",))
    [('tagz', "unknown column, did you mean the column 'tags'?", "rename it to 'tags' in the header row")]
    """
    present = {normalize_header(h) for h in header}
    absent = [k for k in known if k not in present]
    misspelt: dict[str, str] = {}
    for h in header:
        if normalize_header(h) in known:
            continue
        close = difflib.get_close_matches(normalize_header(h), absent, n=1, cutoff=0.75)
        if close and close[0] not in misspelt.values():
            misspelt[h] = close[0]
    problems = [(col, f"missing required column '{col}'", f"add a '{col}' column to the header row (line {line})")
                for col in required if col not in present and col not in misspelt.values()]  # fmt: skip
    for h, col in misspelt.items():
        kind = "required column" if col in required else "column"
        message = f"unknown column, did you mean the {kind} '{col}'?"
        problems.append((h, message, f"rename it to '{col}' in the header row"))
    return problems


class _Rows:
    """Helper that walks a table's rows as dicts and files problems against the table."""

    def __init__(self, table: Table, known: tuple[str, ...], required: tuple[str, ...]):
        self.table = table
        self.name = str(table.path)
        self.problems: list[Problem] = []
        self.known = known
        self.header_line = table.header_line
        cols = table.columns
        self.index: dict[str, int] = {}
        for i, col in enumerate(cols):
            if col not in known:
                continue
            if col in self.index:
                first = self.index[col]
                self.error(
                    self.header_line,
                    table.header[i],
                    f"column appears twice (columns {first + 1} and {i + 1})",
                    "delete or rename one of them",
                )
                continue
            self.index[col] = i
        self.extra = [
            (i, h)
            for i, (h, c) in enumerate(zip(table.header, cols, strict=True))
            if c not in known
        ]
        for column, message, hint in check_header(table.header, known, required, self.header_line):
            self.error(self.header_line, column, message, hint)
        self.ok = all(col in self.index for col in required)

    def error(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint))

    def warn(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint, "warning"))

    def records(self):
        for line, cells in self.table.rows:
            values = {col: self._clean(line, col, cells[i]).strip() for col, i in self.index.items()}
            extra = {header: self._clean(line, header, cells[i]) for i, header in self.extra}
            yield line, values, extra

    def _clean(self, line: int, column: str, cell: str) -> str:
        """The cell without control characters (a warning says where they were)."""
        found = CONTROL_CHARACTERS.findall(cell)
        if not found:
            return cell
        shown = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
        self.warn(line, column, f"invisible control character removed ({shown})",
                  "delete it from the file: it can disturb terminals and other programs")  # fmt: skip
        return CONTROL_CHARACTERS.sub("", cell)

    def strength(self, line: int, text: str, column: str = "strength") -> int | None:
        if not text:
            return None
        try:
            return _parse_strength(text)
        except ValueError as exc:
            self.error(
                line,
                column,
                str(exc),
                "use a whole number from 1 (barely) to 5 (close), or leave it blank",
            )
            return None

    def date(self, line: int, column: str, text: str) -> date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.error(line, column, str(exc), "write dates as YYYY-MM-DD")
            return None

    def choice(self, line: int, column: str, text: str, choices: tuple[str, ...]) -> str | None:
        try:
            return parse_choice(text, choices, column)
        except ChoiceError as exc:
            self.error(line, column, exc.message, exc.hint)
            return None


class ChoiceError(ValueError):
    """A value that is not one of the choices: ``message - hint``."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} - {hint}")
        self.message, self.hint = message, hint


def parse_choice(text: str, choices: tuple[str, ...], what: str) -> str:
    """The choice ``text`` names, forgiving case, spaces and hyphens; ChoiceError with a hint.

    >>> parse_choice("Former colleague", RELATIONSHIPS, "relationship")
    'former_colleague'
    >>> parse_choice("freind", RELATIONSHIPS, "relationship")
    Traceback (most recent call last):
    netmap.loading.ChoiceError: unknown relationship 'freind' - did you mean 'friend'? Otherwise use one of: ...
    """
    value = "_".join(text.lower().replace("-", " ").split())
    if value in choices:
        return value
    close = _did_you_mean(value, choices, 1)
    hint = f"did you mean {close}? Otherwise use" if close else "use"
    raise ChoiceError(f"unknown {what} '{text}'", f"{hint} one of: {', '.join(choices)}")


def parse_contacts(table: Table) -> tuple[list[Contact], list[Problem]]:
    """Turn a contacts table into :class:`Contact` objects plus every problem found."""
    rows = _Rows(table, CONTACT_COLUMNS, ("name",))
    if not rows.ok:
        return [], rows.problems
    contacts: list[Contact] = []
    first_line: dict[str, int] = {}
    derived: dict[str, list[Contact]] = defaultdict(list)
    for line, v, extra in rows.records():
        name = v.get("name", "")
        if not name:
            rows.error(line, "name", "name is empty", "fill in the person's name or delete the row")
        given_id = v.get("id", "")
        contact = Contact(
            id=given_id,
            name=name,
            company=v.get("company", ""),
            title=v.get("title", ""),
            office=v.get("office", ""),
            email=v.get("email", ""),
            linkedin_url=v.get("linkedin_url", ""),
            strength=rows.strength(line, v.get("strength", "")),
            last_contact=rows.date(line, "last_contact", v.get("last_contact", "")),
            strength_estimate=rows.strength(line, v.get("strength_estimate", ""), "strength_estimate"),
            connected_on=rows.date(line, "connected_on", v.get("connected_on", "")),
            past_companies=split_list(v.get("past_companies", "")),
            tags=split_list(v.get("tags", "")),
            school=v.get("school", ""),
            notes=v.get("notes", ""),
            extra=extra,
            line=line,
        )
        if v.get("relationship"):
            contact.relationship = (
                rows.choice(line, "relationship", v["relationship"], RELATIONSHIPS) or ""
            )
        if not name:  # every other problem of the row is reported above; the row itself is unusable
            continue
        if given_id:
            if given_id.casefold() == ME:
                rows.error(line, "id", "'me' is reserved for you", "give this person another id")
                continue
            if given_id in first_line:
                message = f"duplicate id '{given_id}' (already used on line {first_line[given_id]})"
                rows.error(line, "id", message, "give each person a different id")
                continue
            first_line[given_id] = line
        else:
            contact.id = (
                linkedin_slug(contact.linkedin_url) or contact.email.lower() or slugify(name)
            )
            derived[contact.id].append(contact)
        contacts.append(contact)
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
            why = (
                "reserved for you"
                if base.casefold() == ME
                else f"already the id of line {taken[base]}"
            )
            rows.warn(
                contact.line,
                "id",
                f"'{contact.name}' would get the id '{base}', {why}; using '{contact.id}'",
                "fill in the id column to keep ids stable",
            )
    return contacts, rows.problems


class PersonIndex(PersonResolver):
    """Transitional: :class:`~netmap.people.PersonResolver` over contacts whose ``resolve``
    returns ``(id, message, hint)``. Callers move to PersonResolver; then this goes."""

    def __init__(self, contacts: list[Contact], contacts_file: str = CONTACTS_FILE):
        super().__init__(PersonResolver.of_contacts(contacts).people.values(), source=contacts_file)

    def resolve(self, text: str, *, first_name: bool = True) -> tuple[str | None, str, str]:  # type: ignore[override]
        return self.find(text, first_name=first_name)


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
    people = PersonResolver.of_contacts(contacts, source=contacts_file)
    intros: list[Introduction] = []
    for line, v, extra in rows.records():
        ends: dict[str, str | None] = {}
        for col in ("referrer", "contact"):
            text = v.get(col, "")
            if not text:
                rows.error(
                    line,
                    col,
                    f"{col} is empty",
                    "fill in an id or a name from contacts (you are 'me')",
                )
                ends[col] = None
                continue
            pid, message, hint = people.find(text, first_name=False)
            if pid is None:
                rows.error(line, col, message, hint)
            ends[col] = pid
        status = (
            rows.choice(line, "status", v["status"], STATUSES) if v.get("status") else "suggested"
        )
        strength = rows.strength(line, v.get("strength", ""))
        when = rows.date(line, "date", v.get("date", ""))
        referrer, contact = ends["referrer"], ends["contact"]
        if referrer and contact and referrer == contact:
            rows.error(
                line,
                "contact",
                f"'{v['contact']}' is both the referrer and the contact",
                "an introduction is between two different people: fix one of them",
            )
            continue
        if contact == ME:
            message = "'me' cannot be the contact: a row means 'referrer introduced me to contact'"
            rows.error(line, "contact", message, "put the person you were introduced to in contact")
            continue
        if referrer and contact and status:
            intros.append(
                Introduction(
                    referrer, contact, when, status, strength, v.get("notes", ""), extra, line
                )
            )
    return intros, rows.problems


def parse_aliases(table: Table) -> tuple[dict[str, str], list[Problem]]:
    """``companies.csv``: map each normalised alias to its canonical company name."""
    rows = _Rows(table, ("alias", "canonical"), ("alias", "canonical"))
    if not rows.ok:
        return {}, rows.problems
    aliases: dict[str, str] = {}
    for line, v, _ in rows.records():
        if not v["alias"] or not v["canonical"]:
            rows.error(
                line, "alias" if not v["alias"] else "canonical", "is empty", "fill in both columns"
            )
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
        itable = read_table(
            intros_path, encoding=encoding, example_header="referrer,contact,date,status"
        )
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
    dataset = Dataset(
        people, intros, contacts_path, intros_path if intros_path.exists() else None, aliases
    )
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
