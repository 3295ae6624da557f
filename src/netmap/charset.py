"""A CSV file's bytes as text: UTF-8 with or without a BOM, UTF-16 by its BOM, or the
encoding given with ``--encoding``; a byte that does not decode is placed at its line and
column, with the encoding the file most likely is in.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from .errors import Problem


def guess_encoding(data: bytes) -> str:
    """The legacy encoding ``data`` most likely is in, for the "not UTF-8" message.

    charset-normalizer's first choice is unreliable on a few hundred bytes (it may
    say cp1250 for plain French or Portuguese text), so when Windows-1252, by far
    the commonest spreadsheet encoding after UTF-8, fits the bytes as well as the
    best guess does, say cp1252.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        if match.chaos <= best.chaos and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _locate(data: bytes, offset: int, delimiter: str) -> tuple[int, int]:
    """(line the record starts on, 0-based field index) of byte ``offset`` of CSV bytes.

    Quote-aware like :mod:`csv`, so a byte inside a quoted multi-line field is placed
    in its record and field. Works on bytes: it needs no decoding of an undecodable file.
    """
    delim, quote, newline = ord(delimiter), ord('"'), ord("\n")
    line = record_line = 1
    field_index = 0
    quoted = just_closed = False
    at_field_start = True
    for byte in data[:offset]:
        if byte == newline:
            line += 1
        if quoted:
            if byte == quote:
                quoted, just_closed = False, True
            continue
        if byte == quote and (at_field_start or just_closed):
            quoted = True  # an opening quote, or the second half of a doubled ""
        elif byte == delim:
            field_index += 1
        elif byte == newline:
            field_index, record_line = 0, line
        just_closed = False
        at_field_start = byte in (delim, newline, ord("\r"))
    return record_line, field_index


def _column_at(data: bytes, offset: int, encoding: str) -> tuple[int, str | None]:
    """The line and the header's column name where byte ``offset`` of a CSV file lies."""
    from .csvio import sniff_delimiter  # (csvio reads files with this module)

    lines = data.split(b"\n")
    header_index = next((i for i, raw in enumerate(lines) if raw.strip()), 0)
    header_text = lines[header_index].decode(encoding, errors="replace").lstrip("\ufeff").rstrip("\r")
    delimiter = sniff_delimiter(header_text)
    record_line, index = _locate(data, offset, delimiter)
    if record_line <= header_index + 1:
        return record_line, None
    try:
        header = next(csv.reader(io.StringIO(header_text, newline=""), delimiter=delimiter), [])
    except csv.Error:  # a bare CR or an unclosed quote in the header: no column name to give
        header = []
    column = header[index].strip() if index < len(header) else ""
    return record_line, column or None


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str | None, str, Problem | None]:
    """Return (text, encoding used, problem)."""
    name = str(path)
    if encoding:
        try:
            text = data.decode(encoding)
            return text.removeprefix("\ufeff"), encoding, None  # a BOM is never data
        except LookupError:
            message = f"unknown encoding '{encoding}' given with --encoding"
            hint = "pass a Python codec name such as utf-8, cp1252, latin-1 or utf-16"
            return None, encoding, Problem(name, None, None, message, hint)
        except UnicodeDecodeError as exc:
            guess = guess_encoding(data)
            line, column = _column_at(data, exc.start, guess)
            if codecs.lookup(guess).name == codecs.lookup(encoding).name:
                advice, hint = "the file may be damaged", "save it again as UTF-8"
            else:
                advice, hint = (
                    f"it looks like {guess}",
                    f"pass --encoding {guess}, or save the file as UTF-8",
                )
            return (
                None,
                encoding,
                Problem(
                    name,
                    line,
                    column,
                    f"cannot be read as {encoding} (byte 0x{data[exc.start]:02x}); {advice}",
                    hint,
                ),
            )
        except UnicodeError:  # a codec for something else than files: punycode, idna, undefined
            message = f"cannot be read as {encoding}: it is not an encoding for text files"
            hint = "pass a text encoding such as utf-8, cp1252, latin-1 or utf-16"
            return None, encoding, Problem(name, None, None, message, hint)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError:
            message = "starts like UTF-16 but is not valid UTF-16"
            hint = "save the file again as UTF-8 (CSV UTF-8 in Excel)"
            return None, "utf-16", Problem(name, None, None, message, hint)
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data)
        line, column = _column_at(data, exc.start, guess)
        message = f"not UTF-8 (byte 0x{data[exc.start]:02x}); it looks like {guess}"
        hint = f"pass --encoding {guess}, or save the file as UTF-8 (CSV UTF-8 in Excel)"
        return None, "", Problem(name, line, column, message, hint)
