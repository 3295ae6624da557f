"""What an import plan says: who is added, merged (and why), in conflict, a near match.

The plan's own working records (:class:`Record`) are here too: a row already in
``contacts.csv`` or one being added, with what this run's exports said about the person.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Problem
from ..model import CONTACT_COLUMNS
from ..store import StoredRow
from .model import ImportedContact, ParsedFile

PREFER = ("existing", "incoming")
COLUMNS = (*CONTACT_COLUMNS, "source")


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
    _new_rows: list[Record] = field(default_factory=list, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.added or self._updates or self.introductions)


@dataclass(eq=False, slots=True)
class Record:
    """A person in the working set: a row already in contacts.csv, or one being added."""

    values: dict[str, str]
    id: str
    where: str
    row: StoredRow | None = None
    changes: dict[str, str] = field(default_factory=dict)
    # what the contacts exports of this run said about the person
    sources: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # numbers seen this run (never stored)
    connected: date | None = None

    @property
    def phone(self) -> bool:
        return bool(self.phones)

    def saw(self, c: ImportedContact) -> None:
        """Note that ``c`` (read from a contacts export) is this person."""
        self.sources.add(c.source)
        name = os.path.basename(c.file)
        if name not in self.files:
            self.files.append(name)
        self.phones += [p for p in c.phones if p not in self.phones]
        if c.connected_on and (self.connected is None or c.connected_on > self.connected):
            self.connected = c.connected_on

    def set(self, column: str, value: str) -> None:
        self.values[column] = value
        if self.row is not None:
            self.changes[column] = value
