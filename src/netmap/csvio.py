"""Reading and writing CSV the way spreadsheets produce and expect it.

Reading accepts a UTF-8 BOM, ``;`` or tab separators, CRLF and quoted newlines, and
reports problems (with file and line) instead of raising. Writing is atomic,
UTF-8, and neutralises cells that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(slots=True)
class Table:
    """The rows of one CSV file, each with the line it starts on (1-based, header = 1)."""

    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"
    problems: list[Problem] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Header names normalised: trimmed, lower-case, spaces and hyphens as ``_``."""
        return [normalize_header(h) for h in self.header]


def normalize_header(name: str) -> str:
    """>>> normalize_header(' Last-Contact ')
    'last_contact'
    """
    return "_".join(name.strip().lower().replace("-", " ").split())


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best else None


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str | None, str, Problem | None]:
    """Return (text, encoding used, problem)."""
    name = str(path)
    if encoding:
        try:
            return data.decode(encoding), encoding, None
        except LookupError:
            return None, encoding, Problem(
                name, None, None, f"unknown encoding '{encoding}'",
                "pass a Python codec name such as utf-8, cp1252 or latin-1",
            )  # fmt: skip
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            return None, encoding, Problem(
                name, line, None, f"cannot be read as {encoding} (byte 0x{data[exc.start]:02x})",
                "check the --encoding value",
            )  # fmt: skip
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16", None
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(data) or "cp1252"
        return None, "", Problem(
            name, line, None,
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); it looks like {guess}",
            f"save it as UTF-8, or pass --encoding {guess}",
        )  # fmt: skip


def sniff_delimiter(first_line: str) -> str:
    """The separator of a header line: ``,``, ``;`` or tab, whichever occurs most.

    >>> sniff_delimiter("name;company;title")
    ';'
    """
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_table(path: str | os.PathLike[str], *, encoding: str | None = None) -> Table:
    """Read a CSV file into a :class:`Table`, collecting problems rather than raising.

    Missing files, empty files, undecodable bytes and rows with the wrong number of
    fields become :class:`~netmap.errors.Problem` entries in ``table.problems``.
    """
    path = Path(path)
    table = Table(path=path, header=[])
    name = str(path)
    if not path.exists():
        table.problems.append(Problem(name, None, None, "file not found", "check the path or pass --data DIR"))
        return table
    if path.is_dir():
        table.problems.append(Problem(name, None, None, "is a folder, not a CSV file", "pass the file inside it"))
        return table
    data = path.read_bytes()
    text, used, problem = _decode(path, data, encoding)
    table.encoding = used
    if problem:
        table.problems.append(problem)
        return table
    assert text is not None
    if not text.strip():
        table.problems.append(Problem(name, None, None, "file is empty", "add a header row, e.g. 'name,company'"))
        return table
    first_line = next(line for line in text.splitlines() if line.strip())
    table.delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if not table.header:
                table.header = [cell.strip() for cell in record]
                continue
            width = len(table.header)
            if len(record) > width and not any(c.strip() for c in record[width:]):
                record = record[:width]
            if len(record) != width:
                table.problems.append(
                    Problem(
                        name, start, None,
                        f"row has {len(record)} fields but the header has {width}",
                        "quote any field that contains the separator "
                        f"'{_show(table.delimiter)}', or add the missing fields",
                    )  # fmt: skip
                )
                continue
            table.rows.append((start, record))
    except csv.Error as exc:
        table.problems.append(Problem(name, reader.line_num, None, f"unreadable CSV: {exc}", "fix the quoting"))
    return table


def _show(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


def neutralize(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would treat as a formula (OWASP CSV injection).

    >>> neutralize("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> neutralize("Ana")
    'Ana'
    """
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def write_csv(
    target: str | os.PathLike[str] | io.TextIOBase,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    safe: bool = True,
    bom: bool = False,
) -> None:
    """Write rows as UTF-8 CSV to a path (atomically) or an open text stream.

    With ``safe`` (the default) every cell that starts with ``= + - @``, tab, CR or
    LF is neutralised by a leading ``'``. ``bom`` adds a UTF-8 BOM for Excel.
    """

    def cells(row: Sequence[object]) -> list[str]:
        out = ["" if v is None else str(v) for v in row]
        return [neutralize(c) for c in out] if safe else out

    def emit(stream: io.TextIOBase) -> None:
        if bom:
            stream.write("\ufeff")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(list(header))
        for row in rows:
            writer.writerow(cells(row))

    if isinstance(target, io.TextIOBase) or hasattr(target, "write"):
        emit(target)  # type: ignore[arg-type]
        return
    with atomic_writer(Path(target)) as stream:
        emit(stream)


class atomic_writer:
    """Write a text file through a temporary file in the same folder, then rename.

    An interrupted write leaves the old file untouched. ``backup=True`` keeps the
    previous version as ``NAME.bak``.
    """

    def __init__(self, path: Path, *, backup: bool = False, encoding: str = "utf-8"):
        self.path = Path(path)
        self.backup = backup
        self.encoding = encoding

    def __enter__(self) -> io.TextIOWrapper:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self.tmp = Path(tmp)
        self.stream = open(fd, "w", encoding=self.encoding, newline="")
        return self.stream

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.stream.flush()
                os.fsync(self.stream.fileno())
            self.stream.close()
            if exc_type is not None:
                return
            if self.backup and self.path.exists():
                shutil.copy2(self.path, self.path.with_name(self.path.name + ".bak"))
            os.replace(self.tmp, self.path)
        finally:
            if self.tmp.exists():
                self.tmp.unlink()
