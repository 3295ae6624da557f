"""Loading a data folder with validation: every problem found at once, one line each.

>>> from netmap import load_dataset
>>> ds = load_dataset("sample_data")          # doctest: +SKIP
>>> len(ds.contacts) > 200                    # doctest: +SKIP
True
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .csvio import Table, read_table
from .errors import DataError, Problem
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
from .normalize import linkedin_slug, normalize_company, normalize_name, slugify, split_list

CONTACTS_FILE = "contacts.csv"
INTRODUCTIONS_FILE = "introductions.csv"
ALIASES_FILE = "companies.csv"

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y")
_ISO_LIKE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


def parse_date(text: str) -> date:
    """Parse a date as people and exports write it; raise ``ValueError`` with the reason.

    >>> parse_date("2026-02-08"), parse_date("08 Feb 2026"), parse_date("4-Apr-21")
    (datetime.date(2026, 2, 8), datetime.date(2026, 2, 8), datetime.date(2021, 4, 4))
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    ValueError: impossible date '2026-02-30' (day out of range for month)
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
    if not value.is_integer() or not 1 <= value <= 5:
        raise ValueError(f"'{text}' is outside 1-5")
    return int(value)


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...], n: int = 3) -> str:
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    return ", ".join(f"'{c}'" for c in close)


class _Rows:
    """Helper that walks a table's rows as dicts and files problems against the table."""

    def __init__(self, table: Table, known: tuple[str, ...], required: tuple[str, ...]):
        self.table = table
        self.name = str(table.path)
        self.problems: list[Problem] = []
        self.known = known
        cols = table.columns
        self.index = {c: i for i, c in enumerate(cols) if c in known}
        self.extra = [(i, h) for i, (h, c) in enumerate(zip(table.header, cols, strict=True)) if c not in known]
        self.header_line = table.rows[0][0] - 1 if table.rows else 1
        for col in required:
            if col not in self.index:
                self.error(self.header_line, col, f"missing required column '{col}'",
                           f"add a '{col}' column to the header row")  # fmt: skip
        for _, header in self.extra:
            norm = _norm_header(header)
            close = difflib.get_close_matches(norm, [k for k in known if k not in self.index], n=1, cutoff=0.8)
            if close:
                self.error(self.header_line, header, f"unknown column, did you mean '{close[0]}'?",
                           f"rename it to '{close[0]}'")  # fmt: skip
        self.ok = all(col in self.index for col in required)

    def error(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint))

    def warn(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint, "warning"))

    def records(self):
        for line, cells in self.table.rows:
            values = {col: cells[i].strip() for col, i in self.index.items()}
            extra = {header: cells[i] for i, header in self.extra}
            yield line, values, extra

    def strength(self, line: int, text: str) -> int | None:
        if not text:
            return None
        try:
            return _parse_strength(text)
        except ValueError as exc:
            self.error(line, "strength", str(exc), "use a whole number from 1 (barely) to 5 (close), or leave it blank")
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
        value = "_".join(text.lower().replace("-", " ").split())
        if value in choices:
            return value
        close = _did_you_mean(value, choices, 1)
        hint = f"did you mean {close}? " if close else ""
        self.error(line, column, f"unknown {column} '{text}'", f"{hint}use one of: {', '.join(choices)}")
        return None


def _norm_header(h: str) -> str:
    from .csvio import normalize_header

    return normalize_header(h)


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
            continue
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
            past_companies=split_list(v.get("past_companies", "")),
            tags=split_list(v.get("tags", "")),
            school=v.get("school", ""),
            notes=v.get("notes", ""),
            extra=extra,
            line=line,
        )
        if v.get("relationship"):
            contact.relationship = rows.choice(line, "relationship", v["relationship"], RELATIONSHIPS) or ""
        if given_id:
            if given_id.casefold() == ME:
                rows.error(line, "id", "'me' is reserved for you", "give this person another id")
                continue
            if given_id in first_line:
                rows.error(line, "id", f"duplicate id '{given_id}' (first used on line {first_line[given_id]})",
                           "give each person a unique id")  # fmt: skip
                continue
            first_line[given_id] = line
        else:
            contact.id = (
                linkedin_slug(contact.linkedin_url) or contact.email.lower() or slugify(name)
            )
            derived[contact.id].append(contact)
        contacts.append(contact)
    for base, group in derived.items():
        taken = base in first_line
        for n, contact in enumerate(group):
            if n == 0 and not taken:
                first_line[base] = contact.line
                continue
            suffix = n + 1
            while f"{base}-{suffix}" in first_line:
                suffix += 1
            contact.id = f"{base}-{suffix}"
            first_line[contact.id] = contact.line
            rows.warn(contact.line, "id", f"'{contact.name}' has the same derived id as line "
                      f"{group[0].line if not taken else first_line[base]}; using '{contact.id}'",
                      "fill in the id column to keep this stable")  # fmt: skip
    return contacts, rows.problems


class PersonIndex:
    """Resolve a person given as an id or an unambiguous name (``me`` is the user)."""

    def __init__(self, contacts: list[Contact]):
        self.ids = {c.id: c for c in contacts}
        self.names: dict[str, list[str]] = defaultdict(list)
        for c in contacts:
            self.names[normalize_name(c.name)].append(c.id)

    def resolve(self, text: str) -> tuple[str | None, str, str]:
        """Return ``(id, message, hint)``; id is None when unknown or ambiguous."""
        text = text.strip()
        if text.casefold() == ME:
            return ME, "", ""
        if text in self.ids:
            return text, "", ""
        found = self.names.get(normalize_name(text), [])
        if len(found) == 1:
            return found[0], "", ""
        if len(found) > 1:
            return None, f"'{text}' is ambiguous: {len(found)} people have that name ({', '.join(found)})", \
                "use the id instead of the name"  # fmt: skip
        names = [c.name for c in self.ids.values()]
        close = difflib.get_close_matches(text, names + list(self.ids), n=3, cutoff=0.6)
        if not close:
            lowered = {normalize_name(n): n for n in names}
            close = [lowered[m] for m in difflib.get_close_matches(normalize_name(text), list(lowered), n=3, cutoff=0.6)]
        hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        hint = (hint + " " if hint else "") + "add the person to contacts.csv or fix the spelling"
        return None, f"'{text}' matches nobody in contacts", hint


def parse_introductions(table: Table, contacts: list[Contact]) -> tuple[list[Introduction], list[Problem]]:
    """Turn an introductions table into :class:`Introduction` objects with resolved ids."""
    rows = _Rows(table, INTRODUCTION_COLUMNS, ("referrer", "contact"))
    if not rows.ok:
        return [], rows.problems
    people = PersonIndex(contacts)
    intros: list[Introduction] = []
    for line, v, extra in rows.records():
        ends: dict[str, str | None] = {}
        for col in ("referrer", "contact"):
            text = v.get(col, "")
            if not text:
                rows.error(line, col, f"{col} is empty", "fill in an id or a name (you are 'me')")
                ends[col] = None
                continue
            pid, message, hint = people.resolve(text)
            if pid is None:
                rows.error(line, col, message, hint)
            ends[col] = pid
        status = rows.choice(line, "status", v["status"], STATUSES) if v.get("status") else "suggested"
        strength = rows.strength(line, v.get("strength", ""))
        when = rows.date(line, "date", v.get("date", ""))
        referrer, contact = ends["referrer"], ends["contact"]
        if referrer and contact and referrer == contact:
            rows.error(line, "contact", f"'{v['contact']}' is introduced to themselves",
                       "the referrer and the contact must be two different people")  # fmt: skip
            continue
        if referrer and contact and status:
            intros.append(Introduction(referrer, contact, when, status, strength, v.get("notes", ""), extra, line))
    return intros, rows.problems


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


def resolve_paths(
    data: str | os.PathLike[str] | None = None,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
) -> tuple[Path, Path, bool]:
    """Where the files are: explicit paths win, then ``data``, ``$NETMAP_DATA``, the current folder.

    The boolean says whether the introductions file was named explicitly (then it must exist).
    """
    folder = Path(data or os.environ.get("NETMAP_DATA") or ".")
    return (
        Path(contacts) if contacts else folder / CONTACTS_FILE,
        Path(introductions) if introductions else folder / INTRODUCTIONS_FILE,
        introductions is not None,
    )


def check_data(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> CheckReport:
    """Load and validate a data folder, returning every problem instead of raising."""
    contacts_path, intros_path, intros_required = resolve_paths(data, contacts, introductions)
    problems: list[Problem] = []
    table = read_table(contacts_path, encoding=encoding)
    problems += table.problems
    people, found = parse_contacts(table) if table.header else ([], [])
    problems += found
    intros: list[Introduction] = []
    if intros_path.exists() or intros_required:
        itable = read_table(intros_path, encoding=encoding)
        problems += itable.problems
        if itable.header:
            intros, found = parse_introductions(itable, people)
            problems += found
    aliases: dict[str, str] = {}
    aliases_path = contacts_path.parent / ALIASES_FILE
    if aliases_path.exists():
        atable = read_table(aliases_path, encoding=encoding)
        problems += atable.problems
        if atable.header:
            aliases, found = parse_aliases(atable)
            problems += found
    dataset = Dataset(people, intros, contacts_path, intros_path if intros_path.exists() else None, aliases)
    return CheckReport(dataset, problems)


def load_dataset(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> Dataset:
    """Load and validate a data folder; raise :class:`~netmap.errors.DataError` listing every error."""
    report = check_data(data, contacts=contacts, introductions=introductions, encoding=encoding)
    if report.errors:
        raise DataError(report.problems)
    return report.dataset
