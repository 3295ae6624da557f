"""What every importer shares: the parsed result, decoding, header finding, text clean-up."""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..csvio import sniff_delimiter
from ..errors import DataError, Problem
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
    ``phone`` says a phone number is on file (it counts in the strength estimate; the
    number itself is not imported). There is no ``strength``: only the user writes it.
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
    phone: bool = False

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

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
            parts.append(
                f"header on line {self.header_line} after a {self.header_line - 1}-line preamble"
            )
        text = ", ".join(parts)
        if self.rows == 0:
            return text + "; no rows below the header"
        reasons = ", ".join(f"{why}: {n}" for why, n in self.skipped.most_common())
        count = f"{self.rows} rows"
        if self.format == "vcard":
            count = f"{self.rows} card" + ("" if self.rows == 1 else "s")
        return f"{text}; {count}, none usable ({reasons})" if reasons else text


# -- decoding ------------------------------------------------------------------------------


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, list[Problem]]:
    """(text, encoding used, warnings). UTF-8 (with or without BOM) and UTF-16 with a BOM
    are recognised; other bytes are read as cp1252 (Windows exports) with a warning."""
    name = str(path)
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except LookupError:
            raise DataError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"unknown encoding '{encoding}'",
                        "pass a Python codec name such as utf-8, cp1252 or latin-1",
                    )
                ]
            ) from None
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DataError(
                [
                    Problem(
                        name,
                        line,
                        None,
                        f"cannot be read as {encoding} (byte 0x{data[exc.start]:02x})",
                        "check the --encoding value",
                    )
                ]
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16", []
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        used = "cp1252"
        try:
            text = data.decode(used)
        except UnicodeDecodeError:
            used = "latin-1"
            text = data.decode(used)
        warning = Problem(
            name,
            line,
            None,
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); read as {used}",
            "pass --encoding if names look wrong",
            "warning",
        )
        return text, used, [warning]


# -- CSV -----------------------------------------------------------------------------------


def header_key(cell: str) -> str:
    """How header cells are compared: trimmed, case-folded, single-spaced."""
    return " ".join(cell.strip().strip('"').casefold().split())


@dataclass(slots=True)
class CsvSource:
    """A CSV export positioned on its header row."""

    path: Path
    text: str
    encoding: str
    header: list[str]
    header_line: int  # 1-based physical line of the header
    offset: int  # character offset where the header line starts
    delimiter: str
    warnings: list[Problem] = field(default_factory=list)

    def index(self) -> dict[str, int]:
        """Header key -> first column index holding it."""
        out: dict[str, int] = {}
        for i, cell in enumerate(self.header):
            out.setdefault(header_key(cell), i)
        return out

    def records(self, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
        """(start line, cells padded to the header) for each non-blank row below the header."""
        body = self.text[self.offset :]
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=self.delimiter)
        width = len(self.header)
        previous_end = 0
        first = True
        try:
            for record in reader:
                start = self.header_line + previous_end
                previous_end = reader.line_num
                if first:
                    first = False
                    continue
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) > width:
                    if any(c.strip() for c in record[width:]):
                        problems.append(
                            Problem(
                                str(self.path),
                                start,
                                None,
                                f"row has {len(record)} fields but the header has {width}",
                                "extra fields were ignored; check the quoting",
                                "warning",
                            )
                        )
                    record = record[:width]
                elif len(record) < width:
                    record = record + [""] * (width - len(record))
                yield start, record
        except csv.Error as exc:
            problems.append(
                Problem(
                    str(self.path),
                    self.header_line + reader.line_num,
                    None,
                    f"unreadable CSV: {exc}",
                    "the rest of the file was skipped; fix the quoting",
                    "warning",
                )
            )


    def getter(self) -> Callable[..., str]:
        """``get(cells, *names)``: the first non-blank cell among the named columns, or ``""``."""
        index = self.index()

        def get(cells: list[str], *names: str) -> str:
            for name in names:
                i = index.get(name)
                if i is not None and cells[i].strip():
                    return cells[i]
            return ""

        return get

    def rows(self, result: ParsedFile, progress: Progress | None) -> Iterator[tuple[int, list[str]]]:
        """The records, counted into ``result.rows``, with progress every few thousand rows."""
        for n, (line, cells) in enumerate(self.records(result.problems), start=1):
            result.rows += 1
            if progress and n % PROGRESS_EVERY == 0:
                progress(f"reading {self.path.name}", n, 0)
            yield line, cells


def find_header(
    text: str, accept: Callable[[set[str]], bool]
) -> tuple[int, int, str, list[str]] | None:
    """Scan the first lines for a header ``accept`` recognises: (line, offset, delimiter, cells)."""
    offset = 0
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if number > HEADER_SCAN_LINES:
            break
        stripped = line.strip()
        if stripped:
            delimiter = sniff_delimiter(stripped)
            cells = next(csv.reader([stripped], delimiter=delimiter), [])
            if accept({header_key(c) for c in cells}):
                return number, offset, delimiter, [c.strip() for c in cells]
        offset += len(line)
    return None


# -- values --------------------------------------------------------------------------------

_MOJIBAKE = re.compile(
    "[ÃÂÅÄ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
)
_CONTROL = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def fix_text(text: str, *, multiline: bool = False) -> str:
    """Trim, repair UTF-8 read as cp1252 ("JosÃ©" -> "José"), drop control and bidi
    characters; join lines unless ``multiline``."""
    if not multiline and text.isascii() and text.isprintable():
        return " ".join(text.split())
    if _MOJIBAKE.search(text):
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    text = _CONTROL.sub("", text)
    if multiline:
        return "\n".join(
            line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ).strip()
    return " ".join(text.split())


_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y, %H:%M",
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


@functools.lru_cache(maxsize=4096)
def parse_export_date(text: str) -> date | None:
    """A date as exports write it, or None when empty or a placeholder (Outlook's ``0/0/00``).

    >>> parse_export_date("08 Feb 2026"), parse_export_date("4-Apr-21")
    (datetime.date(2026, 2, 8), datetime.date(2021, 4, 4))
    >>> parse_export_date("1/29/26, 2:37 PM"), parse_export_date("2023-06-11 15:33:58 UTC")
    (datetime.date(2026, 1, 29), datetime.date(2023, 6, 11))
    >>> parse_export_date("0/0/00") is None
    True

    Raises ``ValueError`` for text that is not a date.
    """
    text = " ".join(text.split())
    if not text or text in ("0/0/00", "0/0/0000", "00.00.00"):
        return None
    iso = _ISO.match(text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # Day-first slashes (European Excel) when the first number cannot be a month.
    parts = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", text)
    if parts and int(parts[1]) > 12:
        year = int(parts[3]) + (2000 if len(parts[3]) == 2 else 0)
        return date(year, int(parts[2]), int(parts[1]))
    raise ValueError(f"'{text}' is not a date")


def split_multi(cell: str) -> list[str]:
    """Google's ``a ::: b`` multi-values as a list of trimmed, non-empty parts."""
    return [part.strip() for part in cell.split(":::") if part.strip()]


_EMAIL = re.compile(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+\.[^\s<>()\"',;:]+")


def emails_in(*cells: str) -> tuple[str, ...]:
    """Every e-mail address found in the cells, in order, without duplicates (case-insensitive)."""
    seen: dict[str, str] = {}
    for cell in cells:
        for found in _EMAIL.findall(cell or ""):
            found = found.strip(".").removeprefix("mailto:")
            seen.setdefault(found.casefold(), found)
    return tuple(seen.values())


def linkedin_url_in(*cells: str) -> str:
    """The first LinkedIn profile URL among the cells, else ``""``."""
    for cell in cells:
        for part in re.split(r"\s+|:::", cell or ""):
            if linkedin_slug(part):
                return part if "://" in part else "https://" + part
    return ""


_DIGIT = re.compile(r"\d")


def has_phone(*cells: str) -> bool:
    """True when any cell holds something dialable (a digit), not just a label or blanks.

    >>> has_phone("", "+351 912 345 678"), has_phone("Mobile", "  ")
    (True, False)
    """
    return any(_DIGIT.search(cell or "") for cell in cells)


def join_name(*parts: str) -> str:
    return " ".join(p for p in (fix_text(x) for x in parts) if p)
