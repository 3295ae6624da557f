"""vCard 2.1 (quoted-printable), 3.0 and 4.0 files, read with vobject one card at a time.

FN (else N), ORG (the first unit is the company), TITLE, every EMAIL (preferred first),
NOTE, CATEGORIES (tags), a LinkedIn URL (``URL`` or ``X-SOCIALPROFILE``) and RELATED.
vCard has no "referred by" relation, so a custom property is the convention:
``X-NETMAP-REFERRED-BY`` or ``X-REFERRED-BY`` (any ``X-...REFERRED...``) becomes an
introduction. A TEL is not imported, but that one is on file counts in the strength
estimate. RELATED is kept in the notes (``Related (colleague): Ana Ribeiro``); it
says two people know each other, not who introduced whom.
"""

from __future__ import annotations

import logging
import quopri
import re
from pathlib import Path

from ..errors import Problem
from ._common import (
    ImportedContact,
    ParsedFile,
    emails_in,
    fix_text,
    has_phone,
    join_name,
    linkedin_url_in,
)

_QP_START = re.compile(r"^[^:]*ENCODING=QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
#: The properties netmap reads (plus any ``X-...REFERRED...``); the others are dropped
#: before parsing, so that a broken PHOTO or a ``PROFILE:VCard`` never costs the person.
USED = frozenset(
    {"BEGIN", "END", "VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "NOTE",
     "CATEGORIES", "URL", "X-SOCIALPROFILE", "RELATED", "UID"}
)  # fmt: skip
_PROPERTY = re.compile(r"^(?:[\w-]+\.)?([\w-]+)[;:]")
_QP = re.compile(r"[;:]\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*[;:]", re.IGNORECASE)
_CHARSET = re.compile(r";\s*CHARSET\s*=\s*([^;:]+)", re.IGNORECASE)


def split_cards(text: str) -> list[tuple[int, str | None, str]]:
    """(first line, text, why broken) of each ``BEGIN:VCARD`` ... ``END:VCARD`` block.

    A card that has no ``END:VCARD`` before the next ``BEGIN:VCARD`` or the end of the
    file comes back with no text and the reason, so that the caller can warn about it.
    Quoted-printable soft line breaks (a line ending in ``=``) are joined first: vobject
    does not unfold them in 2.1 cards.

    >>> split_cards("BEGIN:VCARD\\nFN:Ana\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Bo\\n")
    [(1, 'BEGIN:VCARD\\r\\nFN:Ana\\r\\nEND:VCARD\\r\\n', ''), (4, None, 'before the end of the file')]
    """
    cards: list[tuple[int, str | None, str]] = []
    current: list[str] | None = None
    start = 0
    lines = text.lstrip("\ufeff").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if _QP_START.match(line):
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i]
        if _BEGIN.match(line.strip()):
            if current is not None:
                cards.append((start, None, f"before the next BEGIN:VCARD (line {number})"))
            current, start = [line.strip()], number
        elif current is not None:
            current.append(line)
            if _END.match(line.strip()):
                cards.append((start, "\r\n".join(current) + "\r\n", ""))
                current = None
        i += 1
    if current is not None:
        cards.append((start, None, "before the end of the file"))
    return cards


def _used(name: str) -> bool:
    name = name.upper()
    return name in USED or (name.startswith("X-") and "REFERRED" in name)


def _repair_qp(line: str) -> str:
    """A quoted-printable line whose bytes are not valid in its charset (a stray ``=80``),
    re-encoded without the bad bytes; other lines unchanged."""
    head, sep, value = line.partition(":")
    if not sep or not value.isascii():
        return line
    charset = _CHARSET.search(head)
    codec = charset[1].strip() if charset else "utf-8"
    raw = quopri.decodestring(value.encode("ascii"))
    try:
        raw.decode(codec)
        return line
    except LookupError:
        return line
    except UnicodeDecodeError:
        fixed = raw.decode(codec, errors="ignore").encode(codec)
    return head + ":" + "".join(chr(b) if 32 <= b < 127 and b != 61 else f"={b:02X}" for b in fixed)


def used_lines(block: str) -> str:
    """The card with only the properties netmap reads (folded lines kept with theirs);
    blank lines dropped and quoted-printable values with bytes invalid in their charset
    repaired.

    >>> used_lines("BEGIN:VCARD\\r\\nPROFILE:VCard\\r\\nFN:Ana\\r\\nPHOTO;ENCODING=b:AAA\\r\\n BBB\\r\\n"
    ...            "\\r\\nitem1.EMAIL:a@b.example\\r\\nEND:VCARD\\r\\n")
    'BEGIN:VCARD\\r\\nFN:Ana\\r\\nitem1.EMAIL:a@b.example\\r\\nEND:VCARD\\r\\n'
    >>> used_lines("ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=80x\\r\\n")
    'ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91x\\r\\n'
    """
    out: list[str] = []
    keep = False
    for line in block.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t":  # a folded continuation belongs to the property above
            if keep:
                out.append(line)
            continue
        match = _PROPERTY.match(line)
        keep = bool(match and _used(match[1]))
        if keep:
            out.append(_repair_qp(line) if _QP.search(line.partition(":")[0] + ":") else line)
    return "".join(line + "\r\n" for line in out)


def _values(card, name: str) -> list:
    return card.contents.get(name, [])


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def _types(prop) -> set[str]:
    types = {t.lower() for t in prop.params.get("TYPE", [])}
    types |= {p.lower() for p in getattr(prop, "singletonparams", [])}
    if "PREF" in prop.params:
        types.add("pref")
    return types


def parse_vcards(path: Path, text: str, result: ParsedFile) -> None:
    """Fill ``result`` with the people of a ``.vcf`` file; a broken card is a warning."""
    import vobject

    name = str(path)
    parsed: list = []
    # vobject logs "Skipped line" errors to stderr itself: not for users (problems are).
    logs = [logging.getLogger(n) for n in ("vobject", "vobject.base")]
    were = [log.disabled for log in logs]
    for log in logs:
        log.disabled = True
    try:
        for line, block, broken in split_cards(text):
            _read_card(vobject, name, line, block, broken, result, parsed)
    finally:
        for log, was in zip(logs, were, strict=True):
            log.disabled = was
    names_by_uid = {}
    for _, card in parsed:
        for uid in _values(card, "uid"):
            fn = _values(card, "fn")
            if fn:
                names_by_uid[_text(uid.value).strip()] = fix_text(_text(fn[0].value))
    for line, card in parsed:
        contact = _card(card, names_by_uid, name, line)
        if contact is None:
            result.skipped["no name or e-mail"] += 1
        else:
            result.contacts.append(contact)


def _read_card(vobject, name: str, line: int, block: str | None, broken: str,
               result: ParsedFile, parsed: list) -> None:  # fmt: skip
    """Parse one card into ``parsed``, or count and report why it was left out."""
    result.rows += 1
    if block is None:
        result.skipped["no END:VCARD"] += 1
        result.problems.append(
            Problem(
                name,
                line,
                None,
                f"card has no END:VCARD {broken}",
                "the card was left out; add END:VCARD or export the file again",
                "warning",
            )
        )
        return
    try:
        parsed.append((line, vobject.readOne(used_lines(block), ignoreUnreadable=True)))
    except Exception as exc:  # vobject raises several unrelated types on bad input
        result.skipped["unreadable vCard"] += 1
        result.problems.append(
            Problem(
                name,
                line,
                None,
                f"unreadable vCard ({str(exc).splitlines()[0][:80]})",
                "the card was left out",
                "warning",
            )
        )


def _card(card, names_by_uid: dict[str, str], file: str, line: int) -> ImportedContact | None:
    fn = _values(card, "fn")
    full = fix_text(_text(fn[0].value)) if fn else ""
    if not full and _values(card, "n"):
        n = _values(card, "n")[0].value
        full = join_name(
            _text(getattr(n, "prefix", "")),
            _text(getattr(n, "given", "")),
            _text(getattr(n, "additional", "")),
            _text(getattr(n, "family", "")),
        )
    email_props = sorted(_values(card, "email"), key=lambda p: "pref" not in _types(p))
    emails = emails_in(*(_text(p.value) for p in email_props))
    if not full:
        full = emails[0] if emails else ""
    if not full:
        return None
    org = _values(card, "org")
    units = org[0].value if org else []
    units = [units] if isinstance(units, str) else list(units)
    titles = _values(card, "title")
    notes = [fix_text(_text(p.value), multiline=True) for p in _values(card, "note")]
    for rel in _values(card, "related"):
        value = _text(rel.value).strip()
        value = names_by_uid.get(value, value)
        kinds = ", ".join(sorted(_types(rel) - {"pref"}))
        notes.append(
            f"Related ({kinds}): {fix_text(value)}" if kinds else f"Related: {fix_text(value)}"
        )
    tags: list[str] = []
    for cat in _values(card, "categories"):
        values = cat.value if isinstance(cat.value, list) else str(cat.value).split(",")
        tags += [
            fix_text(str(v)) for v in values if fix_text(str(v)) and fix_text(str(v)) not in tags
        ]
    urls = [_text(p.value) for key in ("url", "x-socialprofile") for p in _values(card, key)]
    referred = ""
    for key, props in card.contents.items():
        if key.startswith("x-") and "referred" in key and props:
            referred = fix_text(_text(props[0].value))
            break
    return ImportedContact(
        name=full,
        source="vcard",
        file=file,
        line=line,
        company=fix_text(str(units[0])) if units else "",
        title=fix_text(_text(titles[0].value)) if titles else "",
        emails=emails,
        linkedin_url=linkedin_url_in(*urls),
        tags=tuple(tags),
        notes="\n".join(n for n in notes if n),
        referred_by=referred,
        phone=has_phone(*(_text(p.value) for p in _values(card, "tel"))),
    )
