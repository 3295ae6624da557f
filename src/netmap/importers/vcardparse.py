"""Reading vCard 2.1, 3.0 and 4.0 text into cards of properties, the way writers mean them.

Only the properties netmap uses are decoded, so a broken PHOTO, a ``PROFILE:VCard``
line or binary junk never costs the person. What differs between versions and writers:

- Lines end in ``\\r\\n``, ``\\n`` or ``\\r\\r\\n``; a line starting with a space or a TAB
  continues the one above; a quoted-printable value ending in ``=`` continues on the next
  line (2.1 soft line breaks); a bare CR or a TAB inside a value is kept.
- ``ENCODING=QUOTED-PRINTABLE`` may be written as a bare ``QUOTED-PRINTABLE`` parameter
  and in lower case; bytes are decoded with the ``CHARSET`` parameter (UTF-8 if none,
  cp1252 when that fails). A byte invalid in the declared charset is dropped with a
  warning, never the person.
- Escapes: 3.0 and 4.0 write ``\\,`` ``\\;`` ``\\\\`` and ``\\n``; Apple also ``\\:``. In 2.1
  a comma is literal (``FN:Doe, John``) and only ``\\;`` is escaped. Gmail writes
  unescaped commas in 3.0 too. A comma therefore never cuts a value here: only
  list-valued properties (CATEGORIES) are split at commas, structured ones (N, ORG) at
  unescaped semicolons.

>>> card = read_cards("BEGIN:VCARD\\r\\nVERSION:2.1\\r\\nFN:Doe, John\\r\\nORG:Company, The;Sales\\r\\n"
...                   "NOTE;QUOTED-PRINTABLE:a=0D=0Ab, c=\\r\\n=3D d\\r\\nEND:VCARD\\r\\n")[0]
>>> card.text("FN"), card.parts("ORG"), card.text("NOTE")
('Doe, John', ['Company, The', 'Sales'], 'a\\r\\nb, c= d')
>>> card = read_cards("BEGIN:VCARD\\nVERSION:3.0\\nFN:Mr. Richter, James\\nTITLE:VP\\\\, Sales\\n"
...                   "CATEGORIES:a\\\\, b,c\\nEND:VCARD\\n")[0]
>>> card.text("FN"), card.text("TITLE"), card.items("CATEGORIES")
('Mr. Richter, James', 'VP, Sales', ['a', 'b', 'c'])
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from dataclasses import dataclass, field

from ..errors import Problem

#: The properties netmap reads (plus any ``X-...REFERRED...``); the others are never decoded.
USED = frozenset(
    {"VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "NOTE", "CATEGORIES", "URL",
     "X-SOCIALPROFILE", "RELATED", "UID"}
)  # fmt: skip
_LINE_END = re.compile(r"\r*\n")
_PROPERTY = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):")
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED_30 = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}
_ESCAPED_21 = {";": ";", "\\": "\\"}


def used(name: str) -> bool:
    """Is the property ``name`` (upper case, no group) one netmap reads?"""
    return name in USED or (name.startswith("X-") and "REFERRED" in name)


@dataclass(slots=True)
class Prop:
    """One property as written: ``name`` upper case without its group, ``params`` with
    upper-case keys (2.1's bare ``WORK`` is a ``TYPE``), ``raw`` the value before decoding."""

    name: str
    params: dict[str, list[str]]
    raw: str
    line: int

    @property
    def types(self) -> set[str]:
        types = {t.casefold() for t in self.params.get("TYPE", [])}
        return types | ({"pref"} if "PREF" in self.params else set())


@dataclass(slots=True)
class Card:
    """One ``BEGIN:VCARD`` ... ``END:VCARD`` block with the properties netmap uses.

    ``text``, ``parts`` and ``items`` decode a property's value; a value that cannot be
    decoded is left out with a warning in ``problems`` (file, line, property).
    """

    line: int
    file: str = ""
    version: str = "3.0"
    props: list[Prop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def value(self, prop: Prop) -> str | None:
        """The property's text after transfer decoding (QP, base64), still escaped."""
        encoding = {v.upper() for v in prop.params.get("ENCODING", [])}
        charset = (prop.params.get("CHARSET") or [""])[0].strip() or None
        if encoding & {"QUOTED-PRINTABLE"}:
            return self._quoted_printable(prop, charset)
        if encoding & {"B", "BASE64"}:
            try:
                data = base64.b64decode(prop.raw.strip(), validate=True)
            except (binascii.Error, ValueError):
                self._warn(prop, "unreadable base64 value")
                return None
            return self._bytes(prop, data, charset)
        return prop.raw

    def text(self, name: str) -> str:
        """The first non-empty value of ``name``, whole (commas kept), unescaped."""
        for value in self.texts(name):
            if value.strip():
                return value
        return ""

    def texts(self, name: str) -> list[str]:
        return [self.unescape(v) for p in self.all(name) if (v := self.value(p)) is not None]

    def parts(self, name: str) -> list[str]:
        """The components of the first ``name`` (N, ORG): split at unescaped ``;``."""
        for prop in self.all(name):
            value = self.value(prop)
            if value is not None and value.strip(" ;"):
                return [self.unescape(part) for part in _split(value, ";")]
        return []

    def items(self, name: str) -> list[str]:
        """Every item of the list-valued ``name`` (CATEGORIES): split at commas, escaped or
        not (Thunderbird escapes the commas between its categories), and at ``;``."""
        out: list[str] = []
        for prop in self.all(name):
            value = self.value(prop)
            for item in re.split(r"\\?[,;]", value or ""):
                item = self.unescape(item).strip()
                if item and item not in out:
                    out.append(item)
        return out

    def unescape(self, value: str) -> str:
        table = _ESCAPED_21 if self.version.startswith("2") else _ESCAPED_30
        return _ESCAPE.sub(lambda m: table.get(m[1], m[0]), value)

    def _quoted_printable(self, prop: Prop, charset: str | None) -> str:
        data = quopri.decodestring(prop.raw.encode("utf-8"))
        return self._bytes(prop, data, charset)

    def _bytes(self, prop: Prop, data: bytes, charset: str | None) -> str:
        try:
            return data.decode(charset or "utf-8")
        except LookupError:
            self._warn(prop, f"unknown charset '{charset}'; read as UTF-8")
            charset = None
        except UnicodeDecodeError as exc:
            if charset is None:
                return data.decode("cp1252", errors="replace")
            bad = data[exc.start : exc.end]
            self._warn(prop, f"byte 0x{bad[0]:02x} is not valid {charset}; it was left out")
            return data.decode(charset, errors="ignore")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")

    def _warn(self, prop: Prop, message: str) -> None:
        self.problems.append(
            Problem(self.file, prop.line, prop.name, message, "the rest of the card was read", "warning")
        )


def read_cards(text: str, file: str = "") -> list[Card | tuple[int, str]]:
    """The cards of a ``.vcf`` text, in order; a card with no ``END:VCARD`` comes back as
    (first line, why) so that the caller can say so.

    >>> read_cards("BEGIN:VCARD\\nFN:Ana\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Bo\\n")[1]
    (4, 'before the end of the file')
    """
    cards: list[Card | tuple[int, str]] = []
    lines = _LINE_END.split(text.lstrip("\ufeff"))
    current: list[tuple[int, str]] | None = None
    start = 0
    depth = 0  # a 2.1 AGENT may hold a whole vCard inside the card
    for number, line in enumerate(lines, start=1):
        bare = line.strip().upper()
        if bare == "BEGIN:VCARD":
            if current is not None and current and current[-1][1].strip().upper() == "AGENT:":
                depth += 1
                continue
            if current is not None:
                cards.append((start, f"before the next BEGIN:VCARD (line {number})"))
            current, start, depth = [], number, 0
        elif current is None:
            continue
        elif bare == "END:VCARD":
            if depth:
                depth -= 1
                continue
            cards.append(_card(start, current, file))
            current = None
        elif not depth:
            current.append((number, line))
    if current is not None:
        cards.append((start, "before the end of the file"))
    return cards


def _card(start: int, lines: list[tuple[int, str]], file: str) -> Card:
    """Unfold the lines of one card into properties, keeping only those netmap uses."""
    card = Card(start, file)
    logical: list[tuple[int, str]] = []
    qp_open = False
    for number, line in lines:
        if logical and (qp_open or (line[:1] in (" ", "\t"))):
            first, text = logical[-1]
            if qp_open:
                logical[-1] = (first, text[:-1] + line)  # soft line break: drop the "="
            else:
                logical[-1] = (first, text + line[1:])
        elif not line.strip():
            continue
        else:
            logical.append((number, line))
        first, text = logical[-1]
        head = text.partition(":")[0].upper()
        qp_open = "QUOTED-PRINTABLE" in head and text.endswith("=")
    unread: list[int] = []
    keep = False  # the property above is one netmap reads
    for number, text in logical:
        match = _PROPERTY.match(text)
        if match is None:
            if keep:  # junk after a skipped PHOTO is that PHOTO's business
                unread.append(number)
            continue
        name = match[2].upper()
        keep = used(name)
        if name == "VERSION":
            card.version = text[match.end() :].strip()
        if keep:
            card.props.append(Prop(name, _params(match[3]), text[match.end() :], number))
    if unread:
        more = ""
        if len(unread) > 1:
            shown = ", ".join(str(n) for n in unread[1:6]) + (", ..." if len(unread) > 6 else "")
            more = f" (and line{'s' if len(unread) > 2 else ''} {shown})"
        card.problems.append(
            Problem(
                file,
                unread[0],
                None,
                f"not a vCard property line{more}",
                "the line was skipped; the rest of the card was read",
                "warning",
            )
        )
    return card


def _params(text: str) -> dict[str, list[str]]:
    """``;TYPE=work,voice;PREF;CHARSET=UTF-8`` -> {"TYPE": ["work", "voice", "PREF"], ...}."""
    params: dict[str, list[str]] = {}
    for part in _split(text, ";", quotes=True):
        part = part.strip()
        if not part:
            continue
        key, eq, value = part.partition("=")
        key = key.strip().upper()
        if not eq:  # 2.1 bare parameter
            if key in _ENCODINGS:
                params.setdefault("ENCODING", []).append(key)
            elif key == "PREF":
                params.setdefault("PREF", []).append("1")
            else:
                params.setdefault("TYPE", []).append(key)
            continue
        values = [v.strip().strip('"') for v in _split(value, ",", quotes=True)]
        if key == "TYPE" and any(v.casefold() == "pref" for v in values):
            params.setdefault("PREF", []).append("1")
        params.setdefault(key, []).extend(values)
    return params


def _split(text: str, sep: str, *, quotes: bool = False) -> list[str]:
    """``text`` split at every ``sep`` not escaped by a backslash (nor, with ``quotes``,
    inside double quotes: parameter values may quote a ``;``)."""
    parts, current, i, quoted = [], [], 0, False
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == '"' and quotes:
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts
