"""Recognising an export from its content (the header, or ``BEGIN:VCARD``), not its name."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, Problem
from .csvsource import CsvSource, find_header
from .model import FORMATS, HEADER_SCAN_LINES
from .outlook_headers import language


def _linkedin(h: set[str]) -> bool:
    return {"first name", "last name", "connected on"} <= h


def _invitations(h: set[str]) -> bool:
    return {"from", "to", "sent at", "direction"} <= h


def _messages(h: set[str]) -> bool:
    return {"from", "to", "date"} <= h and bool({"conversation id", "content"} & h)


def _google(h: set[str]) -> bool:
    current = {"first name", "last name"} <= h and bool({"labels", "e-mail 1 - value", "organization name"} & h)
    older = {"given name", "family name"} <= h and bool({"group membership", "e-mail 1 - value"} & h)
    return current or older


def _outlook(h: set[str]) -> bool:
    """Outlook's header in any language it writes (see :mod:`.outlook_headers`).

    >>> _outlook({"名", "中间名", "姓", "单位", "职务", "电子邮件地址"}), _outlook({"first name", "company"})
    (True, False)
    """
    return language(h) is not None


#: Header signatures, most specific first.
SIGNATURES = {
    "linkedin": _linkedin,
    "linkedin-invitations": _invitations,
    "linkedin-messages": _messages,
    "google": _google,
    "outlook": _outlook,
}

HEADER_HINTS = {
    "linkedin": "a row with 'First Name', 'Last Name' and 'Connected On'",
    "linkedin-invitations": "a row with 'From', 'To', 'Sent At' and 'Direction'",
    "linkedin-messages": "a row with 'FROM', 'TO', 'DATE' and 'CONVERSATION ID'",
    "google": "a row with 'First Name', 'Last Name' and 'Labels' (or 'Given Name', 'Family Name')",
    "outlook": "a row with 'First Name', 'Last Name', 'E-mail Address' and 'Company' (or the same"
    " columns in German, French, Spanish, Italian, Portuguese, Dutch or Chinese)",
}


def is_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD")


def detect_format(text: str) -> str | None:
    """The format of an export's text, or None.

    >>> detect_format('Notes:\\n"When exporting..."\\n\\nFirst Name,Last Name,URL,Email Address,'
    ...               'Company,Position,Connected On\\n')
    'linkedin'
    >>> detect_format("BEGIN:VCARD\\nVERSION:3.0\\nFN:Ana\\nEND:VCARD\\n")
    'vcard'
    >>> detect_format("name,company\\nAna,Acme\\n") is None
    True
    """
    if is_vcard(text):
        return "vcard"
    for fmt, accept in SIGNATURES.items():
        if find_header(text, accept):
            return fmt
    return None


def locate_csv(path: Path, text: str, encoding: str, fmt: str) -> CsvSource:
    """Position on the header of a CSV export of format ``fmt``, or explain why not."""
    found = find_header(text, SIGNATURES[fmt])
    if found is None:
        hint = f"expected {HEADER_HINTS[fmt]} in the first {HEADER_SCAN_LINES} lines"
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"no {FORMATS[fmt]} header found ({encoding})",
                    f"{hint}; check the file or the --format value",
                )
            ]
        )
    line, offset, delimiter, header = found
    return CsvSource(path, text, encoding, header, line, offset, delimiter)


def unknown_format(path: Path, text: str, encoding: str) -> DataError:
    """The error for a file no signature recognises: what it looks like, the formats known."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    shown = (first[:60] + "...") if len(first) > 60 else first
    known = ", ".join(FORMATS)
    what = f"first line '{shown}'" if first else "the file is empty"
    return DataError(
        [
            Problem(
                str(path),
                None,
                None,
                f"format not recognised ({encoding}, {what})",
                f"known formats: {known}; pass --format NAME to force one",
            )
        ]
    )
