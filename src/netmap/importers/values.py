"""Cleaning the values exports hold: text, dates, e-mail addresses, URLs, phones, names."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

from ..normalize import linkedin_slug

_MOJIBAKE = re.compile(
    "[ÃÂÅÄ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
)
_CONTROL = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def fix_text(text: str, *, multiline: bool = False) -> str:
    """Trim, repair UTF-8 read as cp1252 ("JosÃ©" -> "José"), drop control and bidi
    characters; join lines unless ``multiline``."""
    if not multiline and text.isascii() and text.isprintable():
        return " ".join(text.split())
    if _MOJIBAKE.search(text):
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    text = _CONTROL.sub("", text)
    if multiline:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    return " ".join(text.split())


_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y, %H:%M",
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


@functools.lru_cache(maxsize=4096)
def parse_export_date(text: str) -> date | None:
    """A date as exports write it, or None when empty or a placeholder (Outlook's ``0/0/00``).

    >>> parse_export_date("08 Feb 2026"), parse_export_date("4-Apr-21")
    (datetime.date(2026, 2, 8), datetime.date(2021, 4, 4))
    >>> parse_export_date("1/29/26, 2:37 PM"), parse_export_date("2023-06-11 15:33:58 UTC")
    (datetime.date(2026, 1, 29), datetime.date(2023, 6, 11))
    >>> parse_export_date("0/0/00") is None
    True

    Raises ``ValueError`` for text that is not a date.
    """
    text = " ".join(text.split())
    if not text or text in ("0/0/00", "0/0/0000", "00.00.00"):
        return None
    iso = _ISO.match(text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # Day-first slashes (European Excel) when the first number cannot be a month.
    parts = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", text)
    if parts and int(parts[1]) > 12:
        year = int(parts[3]) + (2000 if len(parts[3]) == 2 else 0)
        return date(year, int(parts[2]), int(parts[1]))
    raise ValueError(f"'{text}' is not a date")


def split_multi(cell: str) -> list[str]:
    """Google's ``a ::: b`` multi-values as a list of trimmed, non-empty parts."""
    return [part.strip() for part in cell.split(":::") if part.strip()]


_EMAIL = re.compile(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+\.[^\s<>()\"',;:]+")


def emails_in(*cells: str) -> tuple[str, ...]:
    """Every e-mail address found in the cells, in order, without duplicates (case-insensitive)."""
    seen: dict[str, str] = {}
    for cell in cells:
        for found in _EMAIL.findall(cell or ""):
            found = found.strip(".").removeprefix("mailto:")
            seen.setdefault(found.casefold(), found)
    return tuple(seen.values())


def linkedin_url_in(*cells: str) -> str:
    """The first LinkedIn profile URL among the cells, else ``""``."""
    for cell in cells:
        for part in re.split(r"\s+|:::", cell or ""):
            if linkedin_slug(part):
                return part if "://" in part else "https://" + part
    return ""


_DIGIT = re.compile(r"\d")


def has_phone(*cells: str) -> bool:
    """True when any cell holds something dialable (a digit), not just a label or blanks.

    >>> has_phone("", "+351 912 345 678"), has_phone("Mobile", "  ")
    (True, False)
    """
    return any(_DIGIT.search(cell or "") for cell in cells)


def join_name(*parts: str) -> str:
    return " ".join(p for p in (fix_text(x) for x in parts) if p)


def phone_numbers(*cells: str) -> tuple[str, ...]:
    """The dialable numbers in the cells, as digits only (a leading 00 read as +), without
    duplicates; Google's `` ::: `` and ``;`` separate several numbers in one cell.

    >>> phone_numbers("+351 912 345 678 ::: (0)21-555", "Mobile", "00351912345678")
    ('351912345678', '021555')
    """
    out: list[str] = []
    for cell in cells:
        for part in re.split(r":::|;|/|\n", cell or ""):
            digits = "".join(ch for ch in part if ch.isdigit())
            if part.strip().startswith("00"):
                digits = digits[2:]
            if len(digits) >= 3 and digits not in out:
                out.append(digits)
    return tuple(out)


def same_phone(a: str, b: str) -> bool:
    """Two numbers from :func:`phone_numbers` are one line when one ends with the other's
    last 9 digits (or all of them, if shorter): country codes and trunk zeros differ.

    >>> same_phone("351912345678", "912345678"), same_phone("912345678", "912345679")
    (True, False)
    """
    n = min(9, len(a), len(b))
    return a[-n:] == b[-n:]


def display_name(display: str, *parts: str) -> tuple[str, str]:
    """(name, disambiguator) from the export's own display name and the name parts.

    The parts joined make the name unless the display name holds words they lack (the
    owner's way to tell namesakes apart, ``Mario, Happy Store``): then the display name
    is the name, whole, and the extra words are returned as the disambiguator. An empty
    display name, or one made of the parts only (``Doe, John``), gives the joined parts.

    >>> display_name("Mario, Happy Store", "Mario", "")
    ('Mario, Happy Store', 'Happy Store')
    >>> display_name("Doe, John", "John", "Doe"), display_name("", "Ana", "Lima")
    (('John Doe', ''), ('Ana Lima', ''))
    """
    joined = join_name(*parts)
    display = fix_text(display)
    if not display:
        return joined, ""
    if not joined:
        return display, ""
    extra = disambiguator(display, joined)
    return (display, extra) if extra else (joined, "")


def disambiguator(display: str, plain: str) -> str:
    """The words of ``display`` that ``plain`` lacks, honorifics (Mr., Dr., Jr., PhD...)
    aside: what the owner added to tell this person from a namesake.

    >>> disambiguator("Dr. Mario Rossi (Zafniary)", "Mario Rossi"), disambiguator("Mr. Ana Q. Lima Jr.", "Ana Lima")
    ('Zafniary', '')
    """
    known = {w.casefold().rstrip(".") for w in _WORD.findall(plain)} | HONORIFICS
    words = (w for w in _WORD.findall(display) if len(w.rstrip(".")) > 1)  # initials aside
    return " ".join(w for w in words if w.casefold().rstrip(".") not in known)


#: Words around a name that do not tell two people apart.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame jr sr ii iii iv phd md esq herr frau sr sra srta dott ing".split()
)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*\.?", re.UNICODE)


def last_first(text: str) -> str:
    """``Love, Barbara`` as ``Barbara Love``; text without exactly one comma unchanged.

    Only for fields whose format says they hold ``Last, First`` (Outlook's ``File As``,
    a comma in Outlook's First Name with no Last Name).

    >>> last_first("Love, Barbara"), last_first("Barbara Love"), last_first("a, b, c")
    ('Barbara Love', 'Barbara Love', 'a, b, c')
    """
    if text.count(",") != 1:
        return text
    last, first = (p.strip() for p in text.split(","))
    return join_name(first, last) if first and last else text


def damaged(text: str) -> bool:
    """True when ``text`` carries the marks of a broken decoding (U+FFFD, or its UTF-8
    bytes read as cp1252): a clean spelling of the same value should win over it."""
    return "\ufffd" in text or "ï¿½" in text


#: Labels address books add themselves: not the user's tags.
SYSTEM_LABELS = frozenset({"mycontacts", "my contacts", "starred", "starred in android"})


def user_tags(labels) -> tuple[str, ...]:
    """The user's own tags among ``labels``: trimmed, without the ``*`` marker of system
    labels, without the system labels (``myContacts``, ``starred``), without duplicates.

    >>> user_tags(["* myContacts", "Work", "* starred", " work ", "MBPT officers"])
    ('Work', 'MBPT officers')
    """
    tags: list[str] = []
    for label in labels:
        label = fix_text(str(label).lstrip("*"))
        if label and label.casefold() not in SYSTEM_LABELS and label.casefold() not in {t.casefold() for t in tags}:
            tags.append(label)
    return tuple(tags)
