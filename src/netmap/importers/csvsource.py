"""CSV exports: finding the header below a preamble, and reading the rows under it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..csvio import sniff_delimiter
from ..errors import Problem
from .model import HEADER_SCAN_LINES, PROGRESS_EVERY, ParsedFile, Progress


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


def find_header(text: str, accept: Callable[[set[str]], bool]) -> tuple[int, int, str, list[str]] | None:
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
