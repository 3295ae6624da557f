"""Writing an import: read every export (reporting every bad file at once), plan, write.

>>> from netmap.importers import import_files                        # doctest: +SKIP
>>> plan = import_files(["Connections.csv", "contacts.vcf"], "data", dry_run=True)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..csvio import read_table
from ..errors import DataError, Problem
from ..folder import INTRODUCTIONS_FILE, DataFolder
from ..loading import parse_aliases
from ..model import INTRODUCTION_COLUMNS
from ..store import CsvDocument, save_all
from .model import ParsedFile, Progress
from .plan import plan_import
from .results import COLUMNS, MergePlan


def read_exports(
    paths: Iterable[str | os.PathLike[str]],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> tuple[list[ParsedFile], list[Problem]]:
    """(files read, problems of the files left out) for every path, like ``netmap check``:
    every file is tried and every bad one named, not only the first.

    Raises :class:`~netmap.errors.DataError` listing every bad file (and nothing is
    imported) unless ``skip_bad``; then the bad files are returned as warnings, and the
    error is raised only when no file can be read.
    """
    from .read import read_export

    paths = list(paths)
    files: list[ParsedFile] = []
    bad: list[Problem] = []
    for path in paths:
        try:
            files.append(read_export(path, fmt=fmt, encoding=encoding, progress=progress))
        except DataError as exc:
            bad += exc.problems
    if not bad:
        return files, []
    if skip_bad and files:
        skipped = [
            Problem(p.file, p.line, p.column, p.message, "the file was skipped (--skip-bad)", "warning") for p in bad
        ]
        return files, skipped
    raise DataError(bad)


def apply_plan(
    plan: MergePlan,
    contacts: CsvDocument,
    introductions: CsvDocument | None = None,
    introductions_path: Path | None = None,
) -> None:
    """Write a plan: contacts first, then introductions, each atomically with a ``.bak``.

    ``introductions_path`` is where a new introductions file goes (default: beside
    ``contacts.csv``) when ``introductions`` is None.
    """
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
    changed = []
    if contacts.changed and (contacts.rows or contacts.sha256 is not None):  # no empty new file
        changed.append(contacts)
    if plan.introductions:
        path = introductions_path or contacts.path.with_name(INTRODUCTIONS_FILE)
        doc = introductions or CsvDocument.new(path, list(INTRODUCTION_COLUMNS))
        for column in INTRODUCTION_COLUMNS:
            doc.add_column(column)
        for values in plan.introductions:
            doc.append(values)
        changed.append(doc)
    # one change: contacts.csv and introductions.csv land together or not at all
    plan.written.extend(save_all(changed, backup=True))


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
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> MergePlan:
    """Read every export, merge them into the data folder and (unless ``dry_run``) write.

    Raises :class:`~netmap.errors.DataError` naming every unreadable export, or one that
    yields nobody (with ``skip_bad``, those are left out with a warning in the plan's
    ``problems``), and :class:`~netmap.errors.ConflictError` when ``contacts.csv``
    changed on disk while the import ran.
    """
    files, skipped = read_exports(paths, fmt=fmt, encoding=encoding, skip_bad=skip_bad, progress=progress)
    where = DataFolder.locate(data, contacts_path, introductions_path)
    cpath, ipath, apath = where.contacts, where.introductions, where.aliases
    contacts = CsvDocument.read(cpath) if cpath.exists() else CsvDocument.new(cpath, list(COLUMNS))
    intros = CsvDocument.read(ipath) if ipath.exists() else None
    aliases: dict[str, str] = {}
    if apath.exists():
        table = read_table(apath)
        if table.header:
            aliases, _ = parse_aliases(table)
    plan = plan_import(files, contacts, intros, aliases=aliases, prefer=prefer, today=today, progress=progress)
    plan.problems[:0] = skipped
    if not dry_run:
        apply_plan(plan, contacts, intros, ipath)
    return plan
