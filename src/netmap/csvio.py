"""Reading CSV the way spreadsheets produce it (writing: :mod:`netmap.writing`).

Reading accepts a UTF-8 BOM, ``;`` or tab separators, CRLF and quoted newlines, and
reports problems (with file and line) instead of raising. The file is opened by
:func:`netmap.files.open_regular` (a pipe, device or folder is refused without waiting
on it) and decoded by :mod:`netmap.charset`.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import overload

from .arrowcsv import split_columns
from .charset import decode as _decode
from .charset import guess_encoding as _guess_encoding  # noqa: F401 - its old home
from .errors import DataError, Problem
from .files import open_regular, read_regular  # noqa: F401 - open_regular's old home
from .writing import FORMULA_PREFIXES, atomic_writer, neutralize, write_csv  # noqa: F401 - their old home


@dataclass(slots=True)
class Table:
    """The rows of one CSV file, each with the line it starts on (1-based).

    ``header_line`` is the line of the header row (1 unless blank lines precede it).
    """

    path: Path
    header: list[str]
    rows: Sequence[tuple[int, list[str]]] = field(default_factory=list)
    header_line: int = 1
    delimiter: str = ","
    encoding: str = "utf-8"
    problems: list[Problem] = field(default_factory=list)
    #: False when no cell holds a :data:`CONTROL_CHARACTERS` character (:func:`read_table` looks once)
    controls: bool = True
    #: the rows column by column, when :func:`read_table` found every row as wide as the header
    #: and one a line: ``grid[i][k]`` is cell ``i`` of ``rows[k]``, on line ``header_line + 1 + k``
    grid: Sequence[Sequence[str]] | None = None

    @property
    def columns(self) -> list[str]:
        """Header names normalised: trimmed, lower-case, spaces and hyphens as ``_``."""
        return [normalize_header(h) for h in self.header]


#: characters dropped from every value: C0 controls but tab and line breaks, DEL, C1 controls
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: the longest cell read (Python's csv stops at 128 KiB by default; pyarrow reads any)
LONGEST_CELL = 1 << 28


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (as a decorator, for a call).

    Reading a file makes millions of lists, strings and records and no reference cycles;
    each pass of the collector walks all of them again (as long as the reading itself at
    200,000 people). Reference counting still frees everything; collection resumes after.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def normalize_header(name: str) -> str:
    """A header name as netmap compares it.

    >>> normalize_header(' Last-Contact ')
    'last_contact'
    """
    return "_".join(name.strip().lower().replace("-", " ").split())


def sniff_delimiter(first_line: str) -> str:
    """The separator of a header line: ``,``, ``;`` or tab, whichever occurs most.

    >>> sniff_delimiter("name;company;title")
    ';'
    """
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


@gc_paused()
def read_table(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    example_header: str = "name,company",
) -> Table:
    """Read a CSV file into a :class:`Table`, collecting problems rather than raising.

    Missing files, empty files, undecodable bytes, unclosed quotes and rows with the
    wrong number of fields become :class:`~netmap.errors.Problem` entries in
    ``table.problems``. ``example_header`` is suggested when the file is empty.
    """
    path = Path(path)
    table = Table(path=path, header=[])
    name = str(path)
    if not path.exists():
        where = "check the path, or pass --data DIR (the folder holding it)"
        if not path.parent.exists():
            where = f"the folder '{path.parent}' does not exist either: check --data / $NETMAP_DATA"
        table.problems.append(Problem(name, None, None, "file not found", where))
        return table
    if path.is_dir():
        table.problems.append(Problem(name, None, None, "is a folder, not a CSV file", "pass the file inside it"))
        return table
    try:
        data = read_regular(path)  # a FIFO or device is refused, not read forever
    except DataError as exc:
        table.problems.extend(exc.problems)
        return table
    text, used, problem = _decode(path, data, encoding)
    table.encoding = used
    if problem:
        table.problems.append(problem)
        return table
    assert text is not None
    if not text.strip():
        table.problems.append(
            Problem(
                name,
                None,
                None,
                "file is empty",
                f"add a header row such as '{example_header}' and the rows under it",
            )
        )
        return table
    table.delimiter = sniff_delimiter(_first_line(text))
    table.controls = CONTROL_CHARACTERS.search(text) is not None
    csv.field_size_limit(max(csv.field_size_limit(), LONGEST_CELL))  # a pasted e-mail in notes is fine
    split = None if table.controls else split_columns(text, table.delimiter)  # None: csv splits it
    if split and _take_grid(table, 1, _header_of(split[0]), split[1]):
        return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    try:
        records = list(reader)
    except csv.Error:
        records = []  # the walk below says where
    if records and reader.line_num == len(records):  # no record spans lines: record k is on line k
        _take(table, records)
        return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)  # again, noting lines
    previous_end = 0
    start = 1
    record: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    table.rows = rows
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not "".join(record).strip():  # blank in every cell (one C call, not a loop per cell)
                continue
            if not table.header:
                table.header, table.header_line = _header_of(record), start
                continue
            _add_row(table, rows, start, record)
    except csv.Error as exc:
        table.problems.append(
            Problem(
                name,
                reader.line_num,
                None,
                f"unreadable CSV: {exc}",
                "fix the quoting on that line",
            )
        )
        return table
    if previous_end > start and any("\n" in cell for cell in record) and _unclosed(text, start, table.delimiter):
        message = "a quote opened on this line is never closed: the rest of the file reads as one field"
        hint = 'close the quote, or double any " inside a quoted value ("")'
        table.problems.append(Problem(name, start, None, message, hint))
        if rows and rows[-1][0] == start:
            rows.pop()
    return table


def _take(table: Table, records: list[list[str]]) -> None:
    """The header and rows of ``records``, record k (0-based) being line k + 1 of the file."""
    first = next((k for k, record in enumerate(records) if "".join(record).strip()), None)
    if first is None:
        return
    header, body = _header_of(records[first]), records[first + 1 :]
    if set(map(len, body)) <= {len(header)}:  # every column in one pass
        grid: list[Sequence[str]] = list(zip(*body, strict=True)) if body else [() for _ in header]
        if _take_grid(table, first + 1, header, grid):
            return
    table.header, table.header_line = header, first + 1
    rows: list[tuple[int, list[str]]] = []
    table.rows = rows
    for line, record in enumerate(body, first + 2):
        if "".join(record).strip():
            _add_row(table, rows, line, record)


def _take_grid(table: Table, line: int, header: list[str], grid: Sequence[Sequence[str]]) -> bool:
    """Take ``header`` (on ``line``) and the rows under it, column by column, one a line,
    unless they are not as wide as the header or one is blank in every cell (False)."""
    if len(grid) != len(header) or _any_blank_row(grid):
        return False
    table.header, table.header_line, table.grid = header, line, grid
    table.rows = _GridRows(grid, line + 1)
    return True


def _any_blank_row(grid: Sequence[Sequence[str]]) -> bool:
    """Whether a row of ``grid`` (columns) is blank in every cell: only a row whose first cell is can be."""
    first = grid[0]
    if all(map(str.strip, first)):
        return False
    maybe = [k for k, cell in enumerate(first) if not cell.strip()]
    return any(not "".join(column[k] for column in grid).strip() for k in maybe)


class _GridRows(Sequence[tuple[int, list[str]]]):
    """A grid's rows as ``(line, cells)``, row k on line ``first + k``, made when asked for.

    >>> rows = _GridRows([("a", "b"), ("1", "2")], 5)
    >>> rows[1], list(rows) == [(5, ["a", "1"]), (6, ["b", "2"])], len(rows)
    ((6, ['b', '2']), True, 2)
    """

    __slots__ = ("first", "grid")

    def __init__(self, grid: Sequence[Sequence[str]], first: int):
        self.grid, self.first = grid, first

    def __len__(self) -> int:
        return len(self.grid[0])

    @overload
    def __getitem__(self, k: int) -> tuple[int, list[str]]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[int, list[str]]]: ...

    def __getitem__(self, k: int | slice) -> tuple[int, list[str]] | list[tuple[int, list[str]]]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        k = range(len(self))[k]  # IndexError and negative k as a list's
        return self.first + k, [column[k] for column in self.grid]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return zip(count(self.first), map(list, zip(*self.grid, strict=True)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


def _header_of(record: list[str]) -> list[str]:
    """The header's names: trimmed, without the empty ones after the last (trailing separators)."""
    header = [cell.strip() for cell in record]
    while len(header) > 1 and not header[-1]:
        header.pop()
    return header


def _add_row(table: Table, rows: list[tuple[int, list[str]]], line: int, record: list[str]) -> None:
    """Add a record that is not blank under the header to ``rows``, or the problem with its width."""
    width = len(table.header)
    if len(record) > width and not any(c.strip() for c in record[width:]):
        record = record[:width]  # trailing separators, as spreadsheets write them
    if len(record) != width:
        table.problems.append(_width_problem(str(table.path), line, len(record), width, table.delimiter))
        return
    rows.append((line, record))


def _first_line(text: str) -> str:
    """The first line of ``text`` that is not blank (it must have one), split as
    :meth:`str.splitlines` splits, without splitting the whole file.

    >>> _first_line("\\n  \\r\\nname;company\\r\\nAna;Acme")
    'name;company'
    """
    size = 1 << 12
    while True:
        lines = text[:size].splitlines()
        whole = lines if size >= len(text) else lines[:-1]  # the last may be cut short
        found = next((line for line in whole if line.strip()), None)
        if found is not None:
            return found
        size <<= 2


def _width_problem(name: str, line: int, got: int, width: int, delimiter: str) -> Problem:
    fields = f"{got} field{'s' if got != 1 else ''}"
    if got > width:
        hint = f"quote any value that contains '{_show(delimiter)}', or remove the extra fields"
    else:
        hint = f"add the missing fields (leave them empty: '{_show(delimiter) * 2}' is fine)"
    return Problem(name, line, None, f"row has {fields} but the header has {width}", hint)


def _unclosed(text: str, start: int, delimiter: str) -> bool:
    """Whether the record starting on line ``start`` runs into the end of the file inside quotes."""
    rest = "".join(text.splitlines(keepends=True)[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return True
    return False


def _show(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter
