"""Planning an import: match every imported person against ``contacts.csv`` and say
what would change, without writing anything (:mod:`netmap.importers.apply` writes).

Fields: an empty cell is filled; an equal value (compared normalised) is left as is;
a different value is a :class:`~netmap.importers.results.Conflict`, resolved by
``prefer`` (``existing``, the default, keeps the user's text). A spelling damaged by a
broken decoding (U+FFFD) never wins over the clean spelling of the same value, nor is
it reported as a conflict. ``tags`` and ``source`` are unions; ``last_contact`` takes
the later date. ``strength`` and ``relationship`` are the user's and never written;
``strength_estimate`` and ``connected_on`` are netmap's (:mod:`.ties`). Columns netmap
does not know are kept; a ``source`` column (``linkedin;google``) records where each
person came from; imported text that a spreadsheet would run as a formula is
neutralised with a leading ``'``. Who matches whom is :mod:`.identity`'s business.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import date

from ..csvio import FORMULA_PREFIXES, Table, neutralize
from ..errors import Problem
from ..loading import parse_contacts
from ..normalize import linkedin_slug, normalize_company, normalize_name, normalize_text, split_list
from ..people import search_key
from ..store import CsvDocument
from .identity import Index
from .linkedin import Signals
from .model import PROGRESS_EVERY, ImportedContact, ParsedFile, Progress
from .results import COLUMNS, PREFER, Added, Conflict, Merge, MergePlan, Record
from .ties import estimate_ties, lookup
from .values import damaged

_FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
#: Columns compared for conflicts (the others are unions, dates or netmap's estimate).
_COMPARED = ("name", "company", "title", "office", "email", "linkedin_url", "notes")
#: The name LinkedIn shows for a deleted or hidden account: not one person.
_PLACEHOLDER_NAMES = frozenset({"linkedin member"})


def _where(c: ImportedContact) -> str:
    return f"{os.path.basename(c.file)}:{c.line}"


def _same(column: str, a: str, b: str) -> bool:
    if column in ("company", "office"):
        return normalize_company(a) == normalize_company(b)
    if column == "name":
        return search_key(a) == search_key(b)
    if column == "linkedin_url":
        return (linkedin_slug(a) or a.casefold()) == (linkedin_slug(b) or b.casefold())
    if column == "notes":
        return normalize_text(b) in normalize_text(a)
    return normalize_text(a) == normalize_text(b)


def _skeleton(text: str) -> str:
    """The ASCII letters and digits of ``text``, lower case: what a damaged spelling and
    the clean one still share (``Jos\ufffd`` and ``José`` give ``jos``)."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


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


def _existing(doc: CsvDocument | None, work: Index) -> None:
    if doc is None or not doc.rows:
        return
    table = Table(path=doc.path, header=list(doc.header), rows=[(r.line, list(r.cells)) for r in doc.rows])
    contacts, _ = parse_contacts(table)
    ids = {c.line: c.id for c in contacts}
    work.ids |= set(ids.values())
    for row in doc.rows:
        if row.line not in ids:
            continue  # a row the loader rejects (no name, duplicate id) cannot be matched
        values = {col: row.get(col).strip() for col in COLUMNS}
        work.add(Record(values, ids[row.line], f"{doc.path.name}:{row.line}", row))


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

    Nothing is written: pass the plan to :func:`~netmap.importers.apply.apply_plan`. ``contacts`` is None when
    ``contacts.csv`` does not exist yet.
    """
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {PREFER}")
    today = today or date.today()
    plan = MergePlan(files=list(files))
    work = Index(aliases or {})
    _existing(contacts, work)
    people = [c for f in files for c in f.contacts]
    total = len(people)
    rec_of: dict[int, Record] = {}
    for n, c in enumerate(people, start=1):
        if progress and n % PROGRESS_EVERY == 0:
            progress("merging", n, total)
        rec = _take(c, work, prefer, plan)
        rec.saw(c)
        rec_of[id(c)] = rec
    signals = Signals(i for f in files for i in f.interactions)
    _add_correspondents(files, signals, work, prefer, plan)
    exchanges_known = any(f.format == "linkedin-messages" for f in files)
    estimate_ties(signals, work, today, plan, exchanges_known)
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


def _take(c: ImportedContact, work: Index, prefer: str, plan: MergePlan) -> Record:
    """Merge ``c`` into the person it matches, or add it; the record it ends up in."""
    values = _incoming_values(c)
    where, slug = _where(c), c.slug
    rec, reason, near = work.match(c, slug, where)
    if rec is None:
        values["id"] = work.new_id(values, slug)
        rec = Record({col: values.get(col, "") for col in COLUMNS}, values["id"], f"new, {where}")
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


def _merge_fields(rec: Record, values: dict[str, str], where: str, prefer: str, plan: MergePlan, merge: Merge) -> None:
    for column in _COMPARED:
        new, old = values.get(column, ""), rec.values.get(column, "")
        if not new or _same(column, old, new):
            continue
        if damaged(new) != damaged(old) and _skeleton(new) == _skeleton(old):
            if damaged(old):  # the clean spelling of the same value wins, silently
                rec.set(column, new)
                merge.filled.append(f"{column} (clean spelling)")
            continue
        if not old:
            rec.set(column, new)
            merge.filled.append(column)
            continue
        plan.conflicts.append(Conflict(rec.values["name"], rec.where, column, old, new, where, prefer))
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


def _add_correspondents(
    files: Sequence[ParsedFile], signals: Signals, work: Index, prefer: str, plan: MergePlan
) -> None:
    """Add the people messaged both ways who are in no contacts file (nor contacts.csv).

    One-way messages and invitations alone do not make a person; neither does a
    ``messages.csv`` in which the user cannot be told from the other participants.
    """
    if not signals:
        return
    unsure = {str(f.path) for f in files if f.me_unsure}
    claimed = {id(p) for rec in work.recs if (p := lookup(signals, rec)) is not None}
    for person in signals.people:
        if id(person) in claimed or not person.messaged_both_ways:
            continue
        first = person.first
        if first.file in unsure or (not person.slug and normalize_name(person.name) in _PLACEHOLDER_NAMES):
            continue
        url = f"https://www.linkedin.com/in/{person.slug}" if person.slug else ""
        c = ImportedContact(person.name, "linkedin", first.file, first.line, linkedin_url=url)
        _take(c, work, prefer, plan)


def _plan_introductions(
    people: list[ImportedContact],
    rec_of: dict[int, Record],
    work: Index,
    doc: CsvDocument | None,
    plan: MergePlan,
) -> None:
    referred = [c for c in people if c.referred_by]
    if not referred:
        return
    by_id = {rec.id: rec for rec in work.recs}

    def resolve(text: str) -> tuple[Record | None, str]:
        text = text.strip()
        if text in by_id:
            return by_id[text], ""
        slug = linkedin_slug(text)
        if slug and slug in work.by_slug:
            return work.by_slug[slug], ""
        if "@" in text and text.strip("<>").removeprefix("mailto:").casefold() in work.by_email:
            return work.by_email[text.strip("<>").removeprefix("mailto:").casefold()], ""
        found = work.by_name.get(search_key(text), [])
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
            referrer = Record(values, work.new_id(values), f"new, referrer in {where}")
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
