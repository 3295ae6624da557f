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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import compress
from operator import itemgetter
from typing import Any, TypeVar

from .csvio import CONTROL_CHARACTERS, Table, normalize_header
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
_ISO_LIKE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_T = TypeVar("_T")
STRENGTH_HINT = "use a whole number from 1 (barely) to 5 (close), or leave it blank"
DATE_HINT = "write dates as YYYY-MM-DD"


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
        self._strengths: dict[str, tuple[int | None, str]] = {}
        self._dates: dict[str, tuple[date | None, str]] = {}
        self._choices: dict[tuple[str, str, tuple[str, ...]], tuple[str | None, ChoiceError | None]] = {}
        self._lines: list[int] = []
        self._pending: list[tuple[int, tuple[int, int], Problem]] = []

    def error(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint))

    def warn(self, line: int | None, column: str | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, line, column, message, hint, "warning"))

    def records(self) -> Iterator[tuple[int, dict[str, str], dict[str, str]]]:
        """Each row as ``(line, {known column: stripped value}, {other column: value})``.

        A row without control characters (nearly every row) is checked with one search of
        its joined cells instead of one per cell; the others are cleaned cell by cell.
        """
        names, pick = tuple(self.index), _picker(tuple(self.index.values()))
        has_control = CONTROL_CHARACTERS.search
        for line, cells in self.table.rows:
            if not self.table.controls or has_control("".join(cells)) is None:
                values = dict(zip(names, map(str.strip, pick(cells)), strict=True))
                extra = {header: cells[i] for i, header in self.extra}
            else:
                values = {col: self._clean(line, col, cells[i]).strip() for col, i in self.index.items()}
                extra = {header: self._clean(line, header, cells[i]) for i, header in self.extra}
            yield line, values, extra

    def _clean(self, line: int, column: str, cell: str) -> str:
        """The cell without control characters (a warning says where they were)."""
        found = CONTROL_CHARACTERS.findall(cell)
        if not found:
            return cell
        self.problems.append(_control_warning(self.name, line, column, found))
        return CONTROL_CHARACTERS.sub("", cell)

    # The table column by column: each rule runs once over a column (each distinct text
    # parsed once) and files its problems with the row and the rule's place in the row;
    # settle() puts them in the order the row-by-row walk reports them.

    def columns(self) -> Columns:
        """Every row at once: each known column cleaned of control characters and stripped
        (blanks where the file has no such column), the other columns as a dict per row.
        The control-character warnings come first in their row, in column order."""
        table = self.table
        used = [*self.index.items(), *((header, i) for i, header in self.extra)]
        grid: dict[int, Sequence[str]]
        if table.grid is not None:  # as read_table makes them: the columns, a row a line
            self._lines = lines = list(range(table.header_line + 1, table.header_line + 1 + len(table.rows)))
            grid = dict(enumerate(table.grid))
        else:  # a table made in code (rows of any length): the columns used, one by one
            self._lines = lines = list(map(itemgetter(0), table.rows))
            cells = list(map(itemgetter(1), table.rows))
            grid = {i: list(map(itemgetter(i), cells)) for _, i in used}
        cleaned = [self._clean_column(column, grid[i], (0, position)) for position, (column, i) in enumerate(used)]
        values = {col: [""] * len(lines) for col in self.known}
        for col, column_values in zip(self.index, cleaned, strict=False):
            values[col] = list(map(str.strip, column_values))
        headers = [header for _, header in self.extra]
        if headers:
            extra = [dict(zip(headers, row, strict=True)) for row in zip(*cleaned[len(self.index) :], strict=True)]
        else:
            extra = [{} for _ in lines]
        return Columns(lines, values, extra)

    def _clean_column(self, column: str, cells: Sequence[str], order: tuple[int, int]) -> Sequence[str]:
        if not self.table.controls or CONTROL_CHARACTERS.search("".join(cells)) is None:
            return cells
        cleaned = list(cells)
        for row, cell in enumerate(cells):
            found = CONTROL_CHARACTERS.findall(cell)
            if found:
                self.later(row, order, _control_warning(self.name, self._lines[row], column, found))
                cleaned[row] = CONTROL_CHARACTERS.sub("", cell)
        return cleaned

    def parse_column(self, column: str, texts: Sequence[str], parse: Callable[[str], _T], order: int,
                     hint: str = "", blank: _T | None = None, *, parse_blank: bool = False,
                     known: dict[str, _T] | None = None) -> tuple[list[_T | None], list[int]]:  # fmt: skip
        """``parse`` of each text (``blank`` for a blank one unless ``parse_blank``; None where
        it fails: a problem naming ``column`` with the reason and ``hint``, or a CellError's
        own hint), and the rows where it failed. Each distinct text is parsed once; the
        texts in ``known`` are not parsed at all (``known[text]`` is what they give)."""
        parsed = _Parsed(parse, hint)
        parsed.update(known or {})
        if not parse_blank:
            parsed[""] = blank
        values = list(map(parsed.__getitem__, texts))
        return values, self.flag(column, texts, parsed.failures, order)

    def flag(self, column: str, texts: Sequence[str], failures: dict[str, tuple[str, str]], order: int) -> list[int]:
        """An error ``(message, hint) = failures[text]`` on every row whose text failed; those rows."""
        if not failures:
            return []
        rows = list(compress(range(len(texts)), map(failures.__contains__, texts)))
        for row in rows:
            message, hint = failures[texts[row]]
            self.later(row, (1, order), Problem(self.name, self._lines[row], column, message, hint))
        return rows

    def later(self, row: int, order: tuple[int, int], problem: Problem) -> None:
        """File ``problem`` of the ``row``-th row (0-based) at ``order`` within the row."""
        self._pending.append((row, order, problem))

    def settle(self) -> list[Problem]:
        """Every problem, the ones filed with :meth:`later` in row order, then by order."""
        self._pending.sort(key=lambda pending: pending[:2])
        self.problems += [problem for _, _, problem in self._pending]
        self._pending = []
        return self.problems

    # Each distinct text is parsed once per table (a column repeats a few values: dates,
    # strengths, statuses); a cached failure is reported again on every line that has it.

    def strength(self, line: int, text: str, column: str = "strength") -> int | None:
        if not text:
            return None
        try:
            value, message = self._strengths[text]
        except KeyError:
            value, message = self._strengths[text] = _attempt(_parse_strength, text)
        if message:
            self.error(line, column, message, STRENGTH_HINT)
        return value

    def date(self, line: int, column: str, text: str) -> date | None:
        if not text:
            return None
        try:
            value, message = self._dates[text]
        except KeyError:
            value, message = self._dates[text] = _attempt(parse_date, text)
        if message:
            self.error(line, column, message, DATE_HINT)
        return value

    def choice(self, line: int, column: str, text: str, choices: tuple[str, ...]) -> str | None:
        key = (text, column, choices)
        try:
            value, failure = self._choices[key]
        except KeyError:
            try:
                value, failure = self._choices[key] = parse_choice(text, choices, column), None
            except ChoiceError as exc:
                value, failure = self._choices[key] = None, exc
        if failure:
            self.error(line, column, failure.message, failure.hint)
        return value


@dataclass(slots=True)
class Columns:
    """A table's rows as columns (:meth:`_Rows.columns`): ``values[column][k]`` is on ``lines[k]``."""

    lines: list[int]
    values: dict[str, list[str]]
    extra: list[dict[str, str]]


def _control_warning(name: str, line: int, column: str, found: list[str]) -> Problem:
    shown = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
    return Problem(name, line, column, f"invisible control character removed ({shown})",
                   "delete it from the file: it can disturb terminals and other programs", "warning")  # fmt: skip


def _attempt(parse: Callable[[str], _T], text: str) -> tuple[_T | None, str]:
    """``(parse(text), "")``, or ``(None, the reason)`` when it raises ValueError."""
    try:
        return parse(text), ""
    except ValueError as exc:
        return None, str(exc)


def _picker(where: tuple[int, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function taking the cells at ``where`` out of a row, as a tuple.

    >>> _picker((2, 0))(["a", "b", "c"]), _picker((1,))(["a", "b"]), _picker(())(["a"])
    (('c', 'a'), ('b',), ())
    """
    if len(where) > 1:
        return itemgetter(*where)
    return lambda cells: tuple(cells[i] for i in where)


class CellError(ValueError):
    """A cell netmap cannot use: ``message - hint``."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} - {hint}")
        self.message, self.hint = message, hint


class ChoiceError(CellError):
    """A value that is not one of the choices: ``message - hint``."""


class _Parsed(dict[str, Any]):
    """``text -> parse(text)``, each text parsed the first time it is looked up; None and
    ``failures[text] = (message, hint)`` for a text that raises ValueError.

    >>> parsed = _Parsed(int, "write digits")
    >>> list(map(parsed.__getitem__, ["1", "x", "1"])), parsed.failures
    ([1, None, 1], {'x': ("invalid literal for int() with base 10: 'x'", 'write digits')})
    """

    def __init__(self, parse: Callable[[str], Any], hint: str):
        super().__init__()
        self.parse, self.hint = parse, hint
        self.failures: dict[str, tuple[str, str]] = {}

    def __missing__(self, text: str) -> Any:
        try:
            value = self.parse(text)
        except CellError as exc:
            value, self.failures[text] = None, (exc.message, exc.hint)
        except ValueError as exc:
            value, self.failures[text] = None, (str(exc), self.hint)
        self[text] = value
        return value


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
