"""Merging imported people into ``contacts.csv`` without losing anything.

Identity, in order: the LinkedIn profile slug, then an e-mail address, then the
normalised name plus the (alias-aware) company; a person known only by a name
matches someone of the same normalised name who is also known only by a name (so
importing the same files again changes nothing). Every merge carries its reason.
The same name at another company (or where one side has no company), or a close
spelling at the same company, is a *near match*: listed for the user to confirm,
never merged.

Fields: an empty cell is filled; an equal value (compared normalised) is left as is;
a different value is a :class:`Conflict`, resolved by ``prefer`` (``existing``, the
default, keeps the user's text). ``tags`` and ``source`` are unions; ``last_contact``
takes the later date. ``strength`` and ``relationship`` are the user's and never
written; ``strength_estimate`` and ``connected_on`` are netmap's and replaced by what
the exports of the run say (:func:`netmap.importers.estimate.estimate_tie`). Columns
netmap does not know are kept; a ``source`` column (``linkedin;google``) records
where each person came from; imported text that a spreadsheet would run as a formula
is neutralised with a leading ``'``.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..csvio import FORMULA_PREFIXES, Table, neutralize, read_table
from ..errors import Problem
from ..graph import company_key
from ..loading import (
    ALIASES_FILE,
    CONTACTS_FILE,
    INTRODUCTIONS_FILE,
    parse_aliases,
    parse_contacts,
    parse_date,
)
from ..model import CONTACT_COLUMNS, INTRODUCTION_COLUMNS
from ..normalize import (
    linkedin_slug,
    normalize_company,
    normalize_name,
    normalize_text,
    slugify,
    split_list,
)
from ..store import CsvDocument, StoredRow
from ._common import PROGRESS_EVERY, ImportedContact, ParsedFile, Progress
from .estimate import estimate_tie
from .linkedin import Correspondent, Signals

PREFER = ("existing", "incoming")
_FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
COLUMNS = (*CONTACT_COLUMNS, "source")
#: Columns compared for conflicts (the others are unions, dates or netmap's estimate).
_COMPARED = ("name", "company", "title", "office", "email", "linkedin_url", "notes")
#: Sources that may hold a phone number, which counts in the estimate but is not stored.
_ADDRESS_BOOKS = frozenset({"google", "outlook", "vcard"})
#: The name LinkedIn shows for a deleted or hidden account: not one person.
_PLACEHOLDER_NAMES = frozenset({"linkedin member"})
_FUZZY_CUTOFF = 0.85
NAME_ONLY_REASON = (
    "same name, and neither has a company, e-mail or LinkedIn profile to tell them apart"
)


@dataclass(slots=True)
class Merge:
    """An incoming person merged into one already there (``into``), and why."""

    name: str
    into: str  # "contacts.csv:12" or "new, Connections.csv:7"
    source: str  # "Connections.csv:7"
    reason: str
    filled: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    """A field where the incoming value differs from the one there; ``kept`` says which won."""

    name: str
    where: str
    column: str
    existing: str
    incoming: str
    source: str
    kept: str  # "existing" or "incoming"


@dataclass(slots=True)
class NearMatch:
    """An incoming person added as new who may be someone already there."""

    name: str
    source: str
    candidate: str
    where: str
    reason: str


@dataclass(slots=True)
class Added:
    name: str
    id: str
    source: str
    values: dict[str, str]


@dataclass(slots=True)
class MergePlan:
    """Everything an import would change, before (or after) writing it."""

    added: list[Added] = field(default_factory=list)
    merged: list[Merge] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    near_matches: list[NearMatch] = field(default_factory=list)
    #: rows already in contacts.csv whose estimate, connected_on or last_contact changed
    updated: list[Merge] = field(default_factory=list)
    #: people given a strength_estimate by this import (new or not, changed or not)
    estimated: int = 0
    introductions: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # warnings
    files: list[ParsedFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    # what applying it does
    _updates: dict[int, tuple[StoredRow, dict[str, str]]] = field(default_factory=dict, repr=False)
    _new_rows: list[_Rec] = field(default_factory=list, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.added or self._updates or self.introductions)


@dataclass(eq=False, slots=True)
class _Rec:
    """A person in the working set: a row already in contacts.csv, or one being added."""

    values: dict[str, str]
    id: str
    where: str
    row: StoredRow | None = None
    changes: dict[str, str] = field(default_factory=dict)
    # what the contacts exports of this run said about the person
    sources: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    phone: bool = False
    connected: date | None = None

    def saw(self, c: ImportedContact) -> None:
        """Note that ``c`` (read from a contacts export) is this person."""
        self.sources.add(c.source)
        name = os.path.basename(c.file)
        if name not in self.files:
            self.files.append(name)
        self.phone = self.phone or c.phone
        if c.connected_on and (self.connected is None or c.connected_on > self.connected):
            self.connected = c.connected_on

    def set(self, column: str, value: str) -> None:
        self.values[column] = value
        if self.row is not None:
            self.changes[column] = value


def _where(c: ImportedContact) -> str:
    return f"{os.path.basename(c.file)}:{c.line}"


def _same(column: str, a: str, b: str) -> bool:
    if column in ("company", "office"):
        return normalize_company(a) == normalize_company(b)
    if column == "name":
        return normalize_name(a) == normalize_name(b)
    if column == "linkedin_url":
        return (linkedin_slug(a) or a.casefold()) == (linkedin_slug(b) or b.casefold())
    if column == "notes":
        return normalize_text(b) in normalize_text(a)
    return normalize_text(a) == normalize_text(b)


def _incoming_values(c: ImportedContact) -> dict[str, str]:
    values = {
        "name": c.name,
        "company": c.company,
        "title": c.title,
        "office": c.office,
        "email": c.email,
        "linkedin_url": c.linkedin_url,
        "tags": "; ".join(c.tags),
        "notes": c.notes,
        "source": c.source,
    }
    return {k: "'" + v if v[:1] in _FORMULA_STARTS else v for k, v in values.items()}


def _later(a: str, b: str) -> str:
    try:
        return b if parse_date(b) > parse_date(a) else a
    except ValueError:
        return a or b


class _Working:
    """The people known so far, indexed for matching."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = aliases
        self.recs: list[_Rec] = []
        self.by_slug: dict[str, _Rec] = {}
        self.by_email: dict[str, _Rec] = {}
        self.by_name_company: dict[tuple[str, str], _Rec] = {}
        self.by_name: dict[str, list[_Rec]] = defaultdict(list)
        self.by_word: dict[tuple[str, str, str], list[_Rec]] = defaultdict(list)
        self.ids: set[str] = set()
        self._keys: dict[str, str] = {}

    def key(self, company: str) -> str:
        key = self._keys.get(company)
        if key is None:
            key = self._keys[company] = company_key(company, self.aliases)
        return key

    def index(self, rec: _Rec, slug: str | None = None) -> None:
        v = rec.values
        slug = linkedin_slug(v.get("linkedin_url", "")) if slug is None else slug
        if slug:
            self.by_slug.setdefault(slug, rec)
        for email in split_list(v.get("email", "")):
            self.by_email.setdefault(email.casefold(), rec)
        name, ckey = normalize_name(v.get("name", "")), self.key(v.get("company", ""))
        words = name.split()
        if ckey and words:
            self.by_name_company.setdefault((name, ckey), rec)
            for key in ((ckey, "first", words[0]), (ckey, "last", words[-1])):
                if rec not in self.by_word[key]:
                    self.by_word[key].append(rec)
        if rec not in self.by_name[name]:
            self.by_name[name].append(rec)

    def add(self, rec: _Rec, slug: str | None = None) -> None:
        self.recs.append(rec)
        self.ids.add(rec.id)
        self.index(rec, slug)

    def _close_spelling(self, name: str, ckey: str) -> _Rec | None:
        """Someone at the same company whose name shares its first or last word and is
        spelled alike ("Jon Smith" and "John Smith")."""
        words = name.split()
        if not words:
            return None
        seen: set[int] = set()
        for key in ((ckey, "first", words[0]), (ckey, "last", words[-1])):
            for rec in self.by_word.get(key, ()):
                if id(rec) in seen:
                    continue
                seen.add(id(rec))
                other = normalize_name(rec.values["name"])
                matcher = difflib.SequenceMatcher(None, name, other)
                if other != name and matcher.quick_ratio() >= _FUZZY_CUTOFF:
                    if matcher.ratio() >= _FUZZY_CUTOFF:
                        return rec
        return None

    def new_id(self, values: dict[str, str], slug: str | None = None) -> str:
        base = (
            (linkedin_slug(values["linkedin_url"]) if slug is None else slug)
            or values["email"].lower()
            or slugify(values["name"])
        )
        candidate, n = base, 1
        while candidate in self.ids or candidate == "me":
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _name_only(self, rec: _Rec) -> bool:
        """Nothing but a name identifies ``rec``: no company, e-mail or LinkedIn URL."""
        v = rec.values
        return not (
            self.key(v.get("company", "")) or split_list(v.get("email", "")) or v.get("linkedin_url")
        )

    def match(
        self, c: ImportedContact, slug: str, where: str
    ) -> tuple[_Rec | None, str, NearMatch | None]:
        """(record, reason, near match) for an incoming person."""
        found, reason = None, ""
        if slug and slug in self.by_slug:
            return self.by_slug[slug], f"same LinkedIn profile ({slug})", None
        for email in c.emails:
            if email.casefold() in self.by_email:
                found, reason = self.by_email[email.casefold()], f"same e-mail ({email})"
                break
        name, ckey = normalize_name(c.name), self.key(c.company)
        if found is None and ckey and (name, ckey) in self.by_name_company:
            found, reason = (
                self.by_name_company[(name, ckey)],
                f"same name and company ({c.company})",
            )
        if found is not None:
            other = linkedin_slug(found.values.get("linkedin_url", ""))
            if slug and other and other != slug:
                return (
                    None,
                    "",
                    NearMatch(
                        c.name,
                        where,
                        found.values["name"],
                        found.where,
                        f"{reason} but another LinkedIn profile ({other})",
                    ),
                )
            return found, reason, None
        if not (slug or c.emails or ckey):
            twins = [r for r in self.by_name.get(name, []) if self._name_only(r)]
            if twins:
                more = f" (the first of {len(twins)} such contacts)" if len(twins) > 1 else ""
                return twins[0], NAME_ONLY_REASON + more, None
        for rec in self.by_name.get(name, []):
            theirs = rec.values.get("company", "")
            what = (
                f"company '{theirs}' vs '{c.company}'"
                if theirs or c.company
                else "no company to confirm"
            )
            return (
                None,
                "",
                NearMatch(c.name, where, rec.values["name"], rec.where, f"same name, {what}"),
            )
        if ckey:
            rec = self._close_spelling(name, ckey)
            if rec is not None:
                reason = f"close spelling at the same company ({c.company})"
                return None, "", NearMatch(c.name, where, rec.values["name"], rec.where, reason)
        return None, "", None


def _existing(doc: CsvDocument | None, work: _Working) -> None:
    if doc is None or not doc.rows:
        return
    table = Table(
        path=doc.path, header=list(doc.header), rows=[(r.line, list(r.cells)) for r in doc.rows]
    )
    contacts, _ = parse_contacts(table)
    ids = {c.line: c.id for c in contacts}
    work.ids |= set(ids.values())
    for row in doc.rows:
        if row.line not in ids:
            continue  # a row the loader rejects (no name, duplicate id) cannot be matched
        values = {col: row.get(col).strip() for col in COLUMNS}
        work.add(_Rec(values, ids[row.line], f"{doc.path.name}:{row.line}", row))


def plan_import(
    files: Sequence[ParsedFile],
    contacts: CsvDocument | None,
    introductions: CsvDocument | None = None,
    *,
    aliases: dict[str, str] | None = None,
    prefer: str = "existing",
    today: date | None = None,
    progress: Progress | None = None,
) -> MergePlan:
    """Match the people of ``files`` against ``contacts`` and say what would change.

    Nothing is written: pass the plan to :func:`apply_plan`. ``contacts`` is None when
    ``contacts.csv`` does not exist yet.
    """
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {PREFER}")
    today = today or date.today()
    plan = MergePlan(files=list(files))
    work = _Working(aliases or {})
    _existing(contacts, work)
    people = [c for f in files for c in f.contacts]
    total = len(people)
    rec_of: dict[int, _Rec] = {}
    for n, c in enumerate(people, start=1):
        if progress and n % PROGRESS_EVERY == 0:
            progress("merging", n, total)
        rec = _take(c, work, prefer, plan)
        rec.saw(c)
        rec_of[id(c)] = rec
    signals = Signals(i for f in files for i in f.interactions)
    _add_correspondents(files, signals, work, prefer, plan)
    exchanges_known = any(f.format == "linkedin-messages" for f in files)
    _estimate_ties(signals, work, today, plan, exchanges_known)
    _plan_introductions(people, rec_of, work, introductions, plan)
    for rec in plan._new_rows:
        plan.added.append(Added(rec.values["name"], rec.id, rec.values["source"], rec.values))
    for rec in work.recs:
        if rec.row is not None and rec.changes:
            plan._updates[rec.row.line] = (rec.row, rec.changes)
    for f in files:
        plan.problems += f.problems
    if progress and total >= PROGRESS_EVERY:
        progress("merging", total, total)
    return plan


def _take(c: ImportedContact, work: _Working, prefer: str, plan: MergePlan) -> _Rec:
    """Merge ``c`` into the person it matches, or add it; the record it ends up in."""
    values = _incoming_values(c)
    where, slug = _where(c), c.slug
    rec, reason, near = work.match(c, slug, where)
    if rec is None:
        values["id"] = work.new_id(values, slug)
        rec = _Rec({col: values.get(col, "") for col in COLUMNS}, values["id"], f"new, {where}")
        work.add(rec, slug)
        plan._new_rows.append(rec)
        if near:
            plan.near_matches.append(near)
    else:
        merge = Merge(rec.values["name"], rec.where, where, reason)
        _merge_fields(rec, values, where, prefer, plan, merge)
        work.index(rec)
        plan.merged.append(merge)
    return rec


def _merge_fields(
    rec: _Rec, values: dict[str, str], where: str, prefer: str, plan: MergePlan, merge: Merge
) -> None:
    for column in _COMPARED:
        new, old = values.get(column, ""), rec.values.get(column, "")
        if not new or _same(column, old, new):
            continue
        if not old:
            rec.set(column, new)
            merge.filled.append(column)
            continue
        plan.conflicts.append(
            Conflict(rec.values["name"], rec.where, column, old, new, where, prefer)
        )
        if prefer == "incoming":
            rec.set(column, new)
    for column in ("tags", "source"):
        joined = _join(rec.values.get(column, ""), values.get(column, ""))
        if joined != rec.values.get(column, ""):
            rec.set(column, joined)
            if column == "tags":
                merge.filled.append(column)


def _join(a: str, b: str) -> str:
    """``a`` with the ``;``-separated parts of ``b`` it lacks appended (case-insensitive)."""
    parts = list(split_list(a))
    seen = {p.casefold() for p in parts}
    for p in split_list(b):
        if p.casefold() not in seen:
            seen.add(p.casefold())
            parts.append(p)
    return a if len(parts) == len(split_list(a)) else "; ".join(parts)


def _lookup(signals: Signals, rec: _Rec) -> Correspondent | None:
    v = rec.values
    return signals.lookup(linkedin_slug(v.get("linkedin_url", "")), v.get("name", ""))


def _add_correspondents(
    files: Sequence[ParsedFile], signals: Signals, work: _Working, prefer: str, plan: MergePlan
) -> None:
    """Add the people messaged both ways who are in no contacts file (nor contacts.csv).

    One-way messages and invitations alone do not make a person; neither does a
    ``messages.csv`` in which the user cannot be told from the other participants.
    """
    if not signals:
        return
    unsure = {str(f.path) for f in files if f.me_unsure}
    claimed = {id(p) for rec in work.recs if (p := _lookup(signals, rec)) is not None}
    for person in signals.people:
        if id(person) in claimed or not person.messaged_both_ways:
            continue
        first = person.first
        if first.file in unsure or (
            not person.slug and normalize_name(person.name) in _PLACEHOLDER_NAMES
        ):
            continue
        url = f"https://www.linkedin.com/in/{person.slug}" if person.slug else ""
        c = ImportedContact(person.name, "linkedin", first.file, first.line, linkedin_url=url)
        _take(c, work, prefer, plan)


def _date(text: str) -> date | None:
    try:
        return parse_date(text) if text.strip() else None
    except ValueError:
        return None


def _on_file(rec: _Rec) -> bool | None:
    """Is an e-mail or a phone number on file? None when unknown: the row came from an
    address book not read this time, and phone numbers are not stored."""
    if rec.phone or split_list(rec.values.get("email", "")):
        return True
    before = set()
    if rec.row is not None:
        before = {s.casefold() for s in split_list(rec.row.get("source"))}
    return None if (before & _ADDRESS_BOOKS) - rec.sources else False


def _estimate(rec: _Rec, person: Correspondent | None, today: date, exchanges_known: bool) -> int:
    """The person's strength_estimate from what this run knows about them.

    netmap stores neither phone numbers nor messages, so a run that does not read them
    (no messages.csv; an address book the person came from is not among the files)
    cannot tell whether they counted last time: the estimate already in contacts.csv
    is kept when it lies between the lowest and the highest value this run allows,
    and moved to the nearest of the two otherwise. A run that sees everything gives
    the exact value.
    """
    connected = rec.connected or _date(rec.values.get("connected_on", ""))
    seen = {
        "messages": person.messages if person else 0,
        "reciprocal": person.reciprocal if person else False,
        "last_exchange": person.last if person else None,
    }
    on_file = _on_file(rec)
    low = estimate_tie(today, on_file=bool(on_file), connected_on=connected, **seen)
    if not exchanges_known:  # more messages, both ways, recent: all possible
        seen = {"messages": 10, "reciprocal": True, "last_exchange": today}
    high = estimate_tie(today, on_file=on_file is not False, connected_on=connected, **seen)
    stored = rec.values.get("strength_estimate", "").strip()
    if low == high or stored not in ("1", "2", "3", "4", "5"):
        return low
    return min(max(int(stored), low), high)


def _why(rec: _Rec, person: Correspondent | None, before: str, after: str) -> str:
    """The reason printed for an updated row: the estimate, its change and its evidence."""
    evidence = []
    if _on_file(rec):
        evidence.append("e-mail or phone on file")
    if person is not None:
        n, k = person.messages, len(person.interactions) - person.messages
        counts = [f"{n} message{'' if n == 1 else 's'}"] if n else []
        counts += [f"{k} invitation{'' if k == 1 else 's'}"] if k else []
        way = "reciprocal" if person.reciprocal else "one-way"
        evidence.append(f"{', '.join(counts)}, {way}, last {person.last}")
    elif rec.values.get("connected_on"):
        evidence.append(f"connected {rec.values['connected_on']}")
    change = f"{before} -> {after}" if before and before != after else after
    return f"estimate {change}: " + ", ".join(evidence) if after else ", ".join(evidence)


def _estimate_ties(
    signals: Signals, work: _Working, today: date, plan: MergePlan, exchanges_known: bool
) -> None:
    """Give every direct tie of this run its strength_estimate; fill connected_on and
    last_contact. Direct: read from a contacts export, messaged both ways, or already
    estimated. Rows this run says nothing about are left alone."""
    watched = ("strength_estimate", "connected_on", "last_contact")
    for rec in work.recs:
        v = rec.values
        person = _lookup(signals, rec) if signals else None
        if not (rec.sources or person):
            continue
        before = {col: v.get(col, "") for col in watched}
        if person is not None:
            later = _later(v.get("last_contact", ""), person.last.isoformat())
            if later != v.get("last_contact", ""):
                rec.set("last_contact", later)
        if rec.connected and rec.connected.isoformat() != v.get("connected_on", ""):
            rec.set("connected_on", rec.connected.isoformat())
        stored = before["strength_estimate"]
        if rec.sources or stored or (person is not None and person.messaged_both_ways):
            plan.estimated += 1
            estimate = str(_estimate(rec, person, today, exchanges_known))
            if estimate != stored:
                rec.set("strength_estimate", estimate)
        changed = [col for col in watched if v.get(col, "") != before[col]]
        if changed and rec.row is not None:
            files = list(rec.files)
            if person is not None:
                for i in person.interactions:
                    name = os.path.basename(i.file)
                    if name not in files:
                        files.append(name)
            reason = _why(rec, person, stored, v.get("strength_estimate", ""))
            plan.updated.append(Merge(v["name"], rec.where, ", ".join(files), reason, changed))


def _plan_introductions(
    people: list[ImportedContact],
    rec_of: dict[int, _Rec],
    work: _Working,
    doc: CsvDocument | None,
    plan: MergePlan,
) -> None:
    referred = [c for c in people if c.referred_by]
    if not referred:
        return
    by_id = {rec.id: rec for rec in work.recs}

    def resolve(text: str) -> tuple[_Rec | None, str]:
        text = text.strip()
        if text in by_id:
            return by_id[text], ""
        slug = linkedin_slug(text)
        if slug and slug in work.by_slug:
            return work.by_slug[slug], ""
        if "@" in text and text.strip("<>").removeprefix("mailto:").casefold() in work.by_email:
            return work.by_email[text.strip("<>").removeprefix("mailto:").casefold()], ""
        found = work.by_name.get(normalize_name(text), [])
        if len(found) > 1:
            return None, f"'{text}' is ambiguous: {len(found)} people have that name"
        return (found[0], "") if found else (None, "")

    pairs: set[tuple[str, str]] = set()
    for row in doc.rows if doc else []:
        a, _ = resolve(row.get("referrer"))
        b, _ = resolve(row.get("contact"))
        if a and b:
            pairs.add((a.id, b.id))
    for c in referred:
        contact = rec_of[id(c)]
        where = _where(c)
        referrer, problem = resolve(c.referred_by)
        if problem:
            plan.problems.append(
                Problem(
                    c.file,
                    c.line,
                    "referred by",
                    problem,
                    "add the introduction to introductions.csv by id",
                    "warning",
                )
            )
            continue
        if referrer is None:
            values = {col: "" for col in COLUMNS}
            values.update(name=neutralize(c.referred_by), source=c.source)
            if "@" in c.referred_by:
                values["email"] = c.referred_by.strip("<>").removeprefix("mailto:")
            referrer = _Rec(values, work.new_id(values), f"new, referrer in {where}")
            work.add(referrer)
            by_id[referrer.id] = referrer
            plan._new_rows.append(referrer)
        if referrer is contact or (referrer.id, contact.id) in pairs:
            continue
        pairs.add((referrer.id, contact.id))
        plan.introductions.append(
            {
                "referrer": referrer.id,
                "contact": contact.id,
                "date": "",
                "status": "suggested",
                "strength": "",
                "notes": neutralize(f"Referred By in {where}"),
            }
        )


def apply_plan(
    plan: MergePlan, contacts: CsvDocument, introductions: CsvDocument | None = None
) -> None:
    """Write a plan: contacts first, then introductions, each atomically with a ``.bak``."""
    new_rows = [{k: v for k, v in rec.values.items() if v} | {"id": rec.id} for rec in plan._new_rows]
    needed = {column for _, changes in plan._updates.values() for column in changes}
    needed |= {column for values in new_rows for column in values}
    if new_rows:
        needed.add("source")
    for column in COLUMNS:  # missing columns are added at the end, in netmap's order
        if column in needed:
            contacts.add_column(column)
    for row, changes in plan._updates.values():
        contacts.update(row, changes)
    for values in new_rows:
        contacts.append(values)
    if contacts.changed and (contacts.rows or contacts.sha256 is not None):  # no empty new file
        contacts.save(backup=True)
        plan.written.append(contacts.path)
    if plan.introductions:
        doc = introductions or CsvDocument.new(
            contacts.path.with_name(INTRODUCTIONS_FILE), list(INTRODUCTION_COLUMNS)
        )
        for column in INTRODUCTION_COLUMNS:
            doc.add_column(column)
        for values in plan.introductions:
            doc.append(values)
        doc.save(backup=True)
        plan.written.append(doc.path)


def import_files(
    paths: Iterable[str | os.PathLike[str]],
    data: str | os.PathLike[str] | None = None,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    prefer: str = "existing",
    dry_run: bool = False,
    today: date | None = None,
    contacts_path: str | os.PathLike[str] | None = None,
    introductions_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> MergePlan:
    """Read every export, merge them into the data folder and (unless ``dry_run``) write.

    Raises :class:`~netmap.errors.DataError` for an unreadable export or one that
    yields nobody, and :class:`~netmap.errors.ConflictError` when ``contacts.csv``
    changed on disk while the import ran.
    """
    from .read import read_export

    files = [read_export(p, fmt=fmt, encoding=encoding, progress=progress) for p in paths]
    folder = Path(data or os.environ.get("NETMAP_DATA") or ".")
    cpath = Path(contacts_path) if contacts_path else folder / CONTACTS_FILE
    ipath = Path(introductions_path) if introductions_path else cpath.with_name(INTRODUCTIONS_FILE)
    contacts = CsvDocument.read(cpath) if cpath.exists() else CsvDocument.new(cpath, list(COLUMNS))
    intros = CsvDocument.read(ipath) if ipath.exists() else None
    aliases: dict[str, str] = {}
    apath = cpath.with_name(ALIASES_FILE)
    if apath.exists():
        table = read_table(apath)
        if table.header:
            aliases, _ = parse_aliases(table)
    plan = plan_import(
        files, contacts, intros, aliases=aliases, prefer=prefer, today=today, progress=progress
    )
    if not dry_run:
        apply_plan(plan, contacts, intros)
    return plan
