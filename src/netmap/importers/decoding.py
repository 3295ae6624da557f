"""Turning an export's bytes into text without spoiling the names that were fine.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. A file that is
mostly UTF-8 but has a few damaged lines (an Excel round trip leaves lone cp1252 bytes
among valid UTF-8) is decoded line by line: the valid lines as UTF-8, only the damaged
ones as cp1252, with one warning naming them. "Mostly": at least as many lines hold
valid non-ASCII UTF-8 as are damaged. A file with no valid UTF-8 beyond ASCII is a
Windows export: read as cp1252 unless its bytes fit another legacy encoding better
(a Chinese Outlook writes GBK), with a warning naming the encoding used.

>>> text, used, warnings = decode(Path("c.csv"), "Inês,ok\\n".encode() + b"Jos\\xe9,bad\\n", None)
>>> text, used
('Inês,ok\\nJosé,bad\\n', 'utf-8 (1 line cp1252)')
>>> print(warnings[0].message)
1 line is not UTF-8 (line 2): read as cp1252, the other lines as UTF-8
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..csvio import _guess_encoding
from ..errors import DataError, Problem

#: How many damaged line numbers a warning lists before "...".
SHOWN_LINES = 5


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, list[Problem]]:
    """(text, encoding used, warnings) for the bytes of ``path``; ``encoding`` forces one."""
    name = str(path)
    if encoding:
        return _forced(name, data, encoding), encoding, []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16", []
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    lines = [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    good_non_ascii, bad = 0, []
    for number, raw in enumerate(lines, start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            good_non_ascii += 1
        except UnicodeDecodeError:
            bad.append(number)
    if good_non_ascii >= len(bad):
        return _by_line(name, lines, bad)
    line = data.count(b"\n", 0, first_bad) + 1
    used = _guess_encoding(data)  # cp1252 unless the bytes say otherwise (a GBK zh-CN export)
    try:
        text = data.decode(used)
    except (UnicodeDecodeError, LookupError):
        used = "latin-1"
        text = data.decode(used)
    warning = Problem(
        name,
        line,
        None,
        f"not UTF-8 (byte 0x{data[first_bad]:02x}); read as {used}",
        "pass --encoding if names look wrong",
        "warning",
    )
    return text, used, [warning]


def _by_line(name: str, lines: list[bytes], bad: list[int]) -> tuple[str, str, list[Problem]]:
    """Decode each line by itself: UTF-8, else cp1252 (else latin-1)."""
    bad_set = set(bad)
    parts = []
    for number, line in enumerate(lines, start=1):
        if number not in bad_set:
            parts.append(line.decode("utf-8"))
            continue
        try:
            parts.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            parts.append(line.decode("latin-1"))
    shown = ", ".join(str(n) for n in bad[:SHOWN_LINES]) + (", ..." if len(bad) > SHOWN_LINES else "")
    many = len(bad) > 1
    what = f"{len(bad)} line{'s are' if many else ' is'} not UTF-8 (line{'s' if many else ''} {shown})"
    warning = Problem(
        name,
        bad[0],
        None,
        f"{what}: read as cp1252, the other lines as UTF-8",
        f"check the names on {'those lines' if many else 'that line'}; pass --encoding if they look wrong",
        "warning",
    )
    used = f"utf-8 ({len(bad)} line{'s' if many else ''} cp1252)"
    return "".join(parts), used, [warning]


def _forced(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        problem = Problem(
            name,
            None,
            None,
            f"unknown encoding '{encoding}'",
            "pass a Python codec name such as utf-8, cp1252 or latin-1",
        )
        raise DataError([problem]) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = Problem(
            name,
            line,
            None,
            f"cannot be read as {encoding} (byte 0x{data[exc.start]:02x})",
            "check the --encoding value",
        )
        raise DataError([problem]) from None
