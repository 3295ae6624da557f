"""Reading one export file: decode, detect the format, find the header, parse."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DataError, Problem
from . import SIGNAL_FORMATS
from .decoding import decode
from .detect import detect_format, is_vcard, locate_csv, unknown_format
from .google import parse_google
from .linkedin import parse_connections, parse_invitations, parse_messages
from .model import FORMATS, ParsedFile, Progress
from .outlook import parse_outlook
from .vcard import parse_vcards

_CSV_PARSERS = {
    "linkedin": parse_connections,
    "linkedin-invitations": parse_invitations,
    "linkedin-messages": parse_messages,
    "google": parse_google,
    "outlook": parse_outlook,
}


def read_export(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Read one export file; ``fmt`` forces a format (see :data:`FORMATS`).

    Raises :class:`~netmap.errors.DataError` when the file is missing, unreadable, of
    no known format, or yields nobody: the message says how it was read and why it
    came out empty.
    """
    path = Path(path)
    name = str(path)
    if fmt is not None and fmt not in FORMATS:
        raise DataError([Problem(name, None, None, f"unknown format '{fmt}'", f"use one of: {', '.join(FORMATS)}")])
    if not path.exists():
        raise DataError([Problem(name, None, None, "file not found", "check the path")])
    if path.is_dir():
        raise DataError([Problem(name, None, None, "is a folder, not an export file", "pass the file inside it")])
    text, used, warnings = decode(path, path.read_bytes(), encoding)
    if not text.strip():
        raise DataError([Problem(name, None, None, "file is empty", "export it again")])
    fmt = fmt or detect_format(text)
    if fmt is None:
        raise unknown_format(path, text, used)
    result = ParsedFile(path, fmt, used)
    result.problems += warnings
    if fmt == "vcard":
        if not is_vcard(text):
            raise DataError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"not a vCard file ({used}): it does not start with BEGIN:VCARD",
                        "check the file or the --format value",
                    )
                ]
            )
        parse_vcards(path, text, result)
    else:
        src = locate_csv(path, text, used, fmt)
        result.delimiter, result.header_line = src.delimiter, src.header_line
        _CSV_PARSERS[fmt](src, result, progress)
    if fmt in SIGNAL_FORMATS:
        if not result.interactions:
            raise DataError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"no messages or invitations found: {result.why_empty()}",
                        "check that this is the right file",
                    )
                ]
            )
    elif not result.contacts:
        hint = "check that this is the right file"
        if used != "utf-8" and not encoding:
            hint += ", or pass --encoding"
        raise DataError([Problem(name, None, None, f"no people found: {result.why_empty()}", hint)])
    return result
