"""Where a data folder's files are: the one place that decides it.

Explicit file paths win, then the folder given, then ``$NETMAP_DATA``, then the current
folder. Every command, the library's :func:`netmap.open_network`, the importers and the
writers ask here.

>>> where = DataFolder.locate("club")
>>> where.contacts.as_posix(), where.config.as_posix(), where.events.as_posix()
('club/contacts.csv', 'club/netmap.toml', 'club/events.csv')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ALIASES_FILE", "CONFIG_FILE", "CONTACTS_FILE", "EVENTS_FILE", "INTRODUCTIONS_FILE", "DataFolder",
           "resolve_paths"]  # fmt: skip

CONTACTS_FILE = "contacts.csv"
INTRODUCTIONS_FILE = "introductions.csv"
ALIASES_FILE = "companies.csv"
EVENTS_FILE = "events.csv"
CONFIG_FILE = "netmap.toml"

PathLike = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class DataFolder:
    """The files of one data folder. ``introductions_named``: the introductions file was
    given explicitly, so it must exist."""

    contacts: Path
    introductions: Path
    introductions_named: bool = False

    @classmethod
    def locate(
        cls, data: PathLike | None = None, contacts: PathLike | None = None, introductions: PathLike | None = None
    ) -> DataFolder:
        """The folder's files: explicit paths, else ``data``, ``$NETMAP_DATA``, the current folder."""
        folder = Path(data or os.environ.get("NETMAP_DATA") or ".")
        return cls(
            Path(contacts) if contacts else folder / CONTACTS_FILE,
            Path(introductions) if introductions else folder / INTRODUCTIONS_FILE,
            introductions is not None,
        )

    @property
    def folder(self) -> Path:
        """The folder holding contacts.csv (and so companies.csv, netmap.toml, events.csv)."""
        return self.contacts.parent

    @property
    def aliases(self) -> Path:
        return self.folder / ALIASES_FILE

    @property
    def config(self) -> Path:
        return self.folder / CONFIG_FILE

    @property
    def events(self) -> Path:
        return self.folder / EVENTS_FILE


def resolve_paths(
    data: PathLike | None = None, contacts: PathLike | None = None, introductions: PathLike | None = None
) -> tuple[Path, Path, bool]:
    """``(contacts, introductions, introductions_named)`` of :meth:`DataFolder.locate`."""
    where = DataFolder.locate(data, contacts, introductions)
    return where.contacts, where.introductions, where.introductions_named
