"""What the importers produce: the people and exchanges read from one export file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Problem
from ..normalize import linkedin_slug

#: Every format ``netmap import`` reads, with what a user would call it.
FORMATS: dict[str, str] = {
    "linkedin": "LinkedIn Connections.csv",
    "linkedin-invitations": "LinkedIn Invitations.csv",
    "linkedin-messages": "LinkedIn messages.csv",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV (web or desktop)",
    "vcard": "vCard 2.1/3.0/4.0 (.vcf)",
}

#: Where the header may be at most: LinkedIn's preamble pushes it to line 4.
HEADER_SCAN_LINES = 20

#: How often (in rows) parsers report progress.
PROGRESS_EVERY = 5000

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class ImportedContact:
    """One person read from an export, in netmap's terms (not yet merged).

    ``emails`` keeps every address (the first is written to ``email``); ``line`` is
    where the person starts in ``file``. ``referred_by`` is free text naming who
    referred the user to this person (Outlook ``Referred By``, vCard ``X-...``).
    ``phones`` are the numbers on file, digits only: they are not written to contacts.csv,
    but one on file counts in the strength estimate, and two people of the same name with
    different numbers are never merged. ``disambiguator`` is what the export's display
    name adds to first and last name (``Happy Store`` in ``Mario, Happy Store``).
    There is no ``strength``: only the user writes it.
    """

    name: str
    source: str
    file: str = ""
    line: int = 0
    company: str = ""
    title: str = ""
    office: str = ""
    emails: tuple[str, ...] = ()
    linkedin_url: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    connected_on: date | None = None
    referred_by: str = ""
    phones: tuple[str, ...] = ()
    disambiguator: str = ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def phone(self) -> bool:
        return bool(self.phones)

    @property
    def slug(self) -> str:
        return linkedin_slug(self.linkedin_url)


@dataclass(frozen=True, slots=True)
class Interaction:
    """One LinkedIn message or invitation between the user and ``name``.

    ``outgoing`` is True when the user wrote or invited; ``personal`` when it carried text.
    ``file`` and ``line`` say where it was read (not compared).
    """

    name: str
    slug: str
    when: date
    outgoing: bool
    kind: str  # "message" or "invitation"
    personal: bool = True
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


@dataclass(slots=True)
class ParsedFile:
    """What one export file yielded.

    ``skipped`` counts rows not imported, by reason (``hidden profile``, ``no name``...).
    ``problems`` are warnings about single rows; they never stop an import.
    ``me_unsure`` is set for a ``messages.csv`` in which the user cannot be told apart
    from the other participants (nobody is added from it).
    """

    path: Path
    format: str
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1
    rows: int = 0
    contacts: list[ImportedContact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    me_unsure: bool = False

    @property
    def label(self) -> str:
        return FORMATS.get(self.format, self.format)

    def why_empty(self) -> str:
        """A sentence saying how the file was read, for the zero-people error."""
        parts = [f"read as {self.format} ({self.label})", self.encoding]
        if self.delimiter != ",":
            shown = "\\t" if self.delimiter == "\t" else self.delimiter
            parts.append(f"'{shown}'-separated")
        if self.header_line > 1:
            parts.append(f"header on line {self.header_line} after a {self.header_line - 1}-line preamble")
        text = ", ".join(parts)
        if self.rows == 0:
            return text + "; no rows below the header"
        reasons = ", ".join(f"{why}: {n}" for why, n in self.skipped.most_common())
        count = f"{self.rows} rows"
        if self.format == "vcard":
            count = f"{self.rows} card" + ("" if self.rows == 1 else "s")
        return f"{text}; {count}, none usable ({reasons})" if reasons else text
