"""Reading one cell or one header: dates, strengths, choices, control characters, column names.

The loader (:mod:`netmap.loading`), the columnar reader (:mod:`netmap.fastpath`) and the events
log share these, so a value means the same and fails in the same words everywhere.

>>> parse_date("4-Apr-21"), parse_choice("Friend", ("friend", "family"), "relationship")
(datetime.date(2021, 4, 4), 'friend')
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime

from .csvio import Table, normalize_header
from .errors import Problem

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
        self.extra = [(i, h) for i, (h, c) in enumerate(zip(table.header, cols, strict=True)) if c not in known]
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

    >>> from netmap.model import RELATIONSHIPS
    >>> parse_choice("Former colleague", RELATIONSHIPS, "relationship")
    'former_colleague'
    >>> parse_choice("freind", RELATIONSHIPS, "relationship")
    Traceback (most recent call last):
    netmap.cells.ChoiceError: unknown relationship 'freind' - did you mean 'friend'? Otherwise use one of: ...
    """
    value = "_".join(text.lower().replace("-", " ").split())
    if value in choices:
        return value
    close = _did_you_mean(value, choices, 1)
    hint = f"did you mean {close}? Otherwise use" if close else "use"
    raise ChoiceError(f"unknown {what} '{text}'", f"{hint} one of: {', '.join(choices)}")
