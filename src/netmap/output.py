"""Rendering rows as an aligned text table, CSV or JSON, to a file or a stream.

Rows are dicts with the same keys (``columns`` fixes their order). CSV output is
neutralised against formula injection unless ``safe=False``. Text meant for a
terminal (tables, messages) has its control characters escaped by
:func:`terminal_safe`, so a contact's name cannot retitle or clear the terminal;
CSV and JSON stay data.

>>> import io
>>> out = io.StringIO()
>>> write_rows([{"name": "Ana", "score": 0.5}], ["name", "score"], "table", out)
>>> print(out.getvalue(), end="")
name  score
----  -----
Ana   0.5
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .csvio import atomic_writer, write_csv

FORMATS = ("table", "csv", "json")


# C0 controls but tab and newline, DEL, C1 controls, and the bidi controls that reorder text
_UNSAFE = {i: None for i in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
for _i in list(_UNSAFE):
    _UNSAFE[_i] = f"\\x{_i:02x}" if _i < 0x100 else f"\\u{_i:04x}"  # type: ignore[assignment]
_KEEP_NEWLINES = dict(_UNSAFE)
del _KEEP_NEWLINES[0x0A], _KEEP_NEWLINES[0x09]


def terminal_safe(text: str, *, newlines: bool = False) -> str:
    r"""``text`` with control characters shown as escapes, safe to print on a terminal.

    Escape sequences (ESC, CSI), C0/C1 controls, DEL and bidi overrides become
    ``\x1b``-style text; with ``newlines`` line feeds and tabs are kept.

    >>> terminal_safe("Ana\x1b]0;pwned\x07 Lima\u202e")
    'Ana\\x1b]0;pwned\\x07 Lima\\u202e'
    """
    return text.translate(_KEEP_NEWLINES if newlines else _UNSAFE)


class TerminalStream:
    """A text stream that writes through :func:`terminal_safe` (newlines and tabs kept).

    Wraps ``sys.stderr`` (always) and ``sys.stdout`` (on a terminal) while a command runs.
    """

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text, newlines=True))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> Any:  # encoding, errors, fileno, closed ... (not buffer)
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (wide CJK characters count twice)."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}" if value < 1e-3 else f"{value:.3f}".rstrip("0").rstrip(".") or "0"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return terminal_safe(" ".join(str(value).split()))  # one line per row in a table


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], headings: Sequence[str] = ()) -> str:
    """An aligned plain-text table with a header and a rule; ``headings`` (one per row,
    when given) are printed on a line of their own wherever they change."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)]
        return "  ".join(padded).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    current = None
    for i, r in enumerate(cells):
        if headings and headings[i] != current:
            current = headings[i]
            out.append(f"# {_cell(current)}")
        out.append(line(r))
    return "\n".join(out) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def write_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    target: str | os.PathLike[str] | TextIO | None = None,
    *,
    safe: bool = True,
    bom: bool = False,
    json_rows: Sequence[Any] | None = None,
    headings: Sequence[str] = (),
) -> None:
    """Write ``rows`` as ``fmt`` to ``target`` (a path, ``"-"``/None for stdout, or a stream).

    Files are written atomically. ``json_rows`` lets JSON carry more detail than the
    flat columns (e.g. per-hop evidence).
    """
    if fmt == "csv":
        text_rows = [[_csv_cell(row.get(c)) for c in columns] for row in rows]
        if target is None or target == "-":
            write_csv(sys.stdout, columns, text_rows, safe=safe, bom=bom)
        elif isinstance(target, str | os.PathLike):
            write_csv(Path(target), columns, text_rows, safe=safe, bom=bom)
        else:
            write_csv(target, columns, text_rows, safe=safe, bom=bom)  # type: ignore[arg-type]
        return
    if fmt == "json":
        payload = list(json_rows) if json_rows is not None else [{c: row.get(c) for c in columns} for row in rows]
        text = json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    elif fmt == "table":
        text = render_table(rows, columns, headings)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    write_text(text, target)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_csv_cell(v) for v in value)
    return str(value)


def write_text(text: str, target: str | os.PathLike[str] | TextIO | None) -> None:
    """Write text to stdout (``None`` or ``"-"``), a stream, or a path (atomically)."""
    if target is None or target == "-":
        sys.stdout.write(text)
    elif isinstance(target, str | os.PathLike):
        with atomic_writer(Path(target)) as stream:
            stream.write(text)
    else:
        target.write(text)


__all__ = ["FORMATS", "TerminalStream", "display_width", "render_table", "terminal_safe", "write_rows", "write_text"]
