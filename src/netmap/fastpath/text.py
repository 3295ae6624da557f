r"""Columns of values as the text of an exchange file: pyarrow string arrays escaped for XML
text or attributes (as ElementTree escapes them, with what XML 1.0 forbids written as
``\xNN``) or for JSON (as ``json.dumps`` does), floats as Python writes them, and rows of
records joined, with pyarrow, a chunk at a time (see :mod:`netmap.exchange_formats`).

Values that need escaping are found with byte tests on the column's buffer; only those are
changed (the few holding a character XML forbids, in Python), so clean text costs one pass.

>>> import pyarrow as pa
>>> xml_column(pa.array(["Ana & Bo", "Cy" + chr(1)]), CDATA).to_pylist()
['Ana &amp; Bo', 'Cy\\x01']
>>> json_column(pa.array(['say "hi"'])).to_pylist()
['say \\"hi\\"']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# what ElementTree escapes in text, and in an attribute's value
CDATA = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
ATTRIB = (*CDATA, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def xml_text(text: str) -> str:
    r"""``text`` with the characters XML 1.0 forbids written as ``\xNN`` (``\uNNNN``).

    >>> xml_text("Ana\x01 Lima\x1b[2J")
    'Ana\\x01 Lima\\x1b[2J'
    """
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def escape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """``text`` made XML-safe (:func:`xml_text`), then escaped as ElementTree escapes it."""
    text = xml_text(text)
    for char, entity in table:
        text = text.replace(char, entity)
    return text


def _offsets(rows: Any) -> Any:
    """The offsets of a pyarrow string array's values into its data buffer (numpy, no copy)."""
    import numpy as np

    return np.frombuffer(rows.buffers()[1], np.int32)[rows.offset : rows.offset + len(rows) + 1]


def utf8_bytes(rows: Any) -> memoryview:
    """The UTF-8 bytes of a pyarrow string array's values, one after the other (no copy)."""
    data = rows.buffers()[2] if len(rows) else None
    if data is None:
        return memoryview(b"")
    bounds = _offsets(rows)
    return memoryview(data)[int(bounds[0]) : int(bounds[-1])]


# -- values as text ----------------------------------------------------------------------------


def _forbidden(b: Any) -> Any:
    """Which bytes (numpy uint8) belong to a character XML forbids: controls but tab, LF and CR;
    0xEF starts U+FFFE and U+FFFF (and other characters: those values are checked in Python)."""
    return ((b < 0x20) & (b != 0x09) & (b != 0x0A) & (b != 0x0D)) | (b == 0xEF)


def _controls(b: Any) -> Any:
    return b < 0x20


# what ElementTree escapes in text and in attribute values, and what JSON escapes (with controls)
_ESCAPED = {CDATA: b"&<>", ATTRIB: b'&<>"\r\n\t'}
_JSON_ESCAPED = b'"\\'


def _flagged(values: Any, chars: bytes = b"", test: Callable[[Any], Any] | None = None) -> Any:
    """Which values hold one of the ASCII ``chars`` or a byte that ``test`` marks (a numpy mask),
    or None when none does (the common case, found with ``bytes.find`` and one comparison)."""
    import numpy as np

    data = values.buffers()[2] if len(values) else None
    if data is None:
        return None
    bounds = _offsets(values)
    raw = memoryview(data)[int(bounds[0]) : int(bounds[-1])].tobytes()
    b = np.frombuffer(raw, np.uint8)
    found = [c for c in chars if raw.find(c) >= 0]
    marked = test is not None and bool((b < 0x20).any() or (b == 0xEF).any())
    if not found and not marked:
        return None
    hit = test(b) if marked and test is not None else np.zeros(len(b), bool)
    for c in found:
        hit |= b == c
    if not hit.any():
        return None
    mask = np.zeros(len(values), bool)
    mask[np.searchsorted(bounds, np.flatnonzero(hit) + bounds[0], side="right") - 1] = True
    return mask


def _patched(values: Any, fix: Callable[[str], str], base: Any = None, **which: Any) -> Any:
    """``base`` (default ``values``) with each value that :func:`_flagged` picks (``which``)
    replaced by ``fix(value)``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    base = values if base is None else base
    mask = _flagged(values, **which)
    if mask is None:
        return base
    fixed = pa.array([fix(v) for v in pc.filter(values, mask).to_pylist()], pa.string())
    return pc.replace_with_mask(base, pa.array(mask), fixed)


def xml_column(values: Any, table: tuple[tuple[str, str], ...]) -> Any:
    """A text column made XML-safe (:func:`xml_text`, in Python for the few values that need
    it) and escaped as ElementTree escapes text (``CDATA``) or attributes (``ATTRIB``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = _patched(values, xml_text, test=_forbidden)
    mask = _flagged(values, _ESCAPED[table]) if table else None
    if mask is None:
        return values
    chosen = pa.array(mask)
    some = pc.filter(values, chosen)
    for char, entity in table:
        some = pc.replace_substring(some, char, entity)
    return pc.replace_with_mask(values, chosen, some)


def json_column(values: Any) -> Any:
    """A text column as the inside of JSON strings (``json.dumps`` with ``ensure_ascii=False``,
    without the quotes): only values holding a quote, a backslash or a control character change."""
    return _patched(values, lambda v: json.dumps(v, ensure_ascii=False)[1:-1], chars=_JSON_ESCAPED, test=_controls)


#: how each format spells the floats that are not finite (GraphML: Python's ``str``)
_NOT_FINITE = {
    "cdata": {},
    "attrib": {"nan": "NaN", "inf": "INF", "-inf": "-INF"},  # networkx's GEXF writer
    "json": {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"},  # json.dumps
}


def float_text(values: Any, kind: str = "cdata") -> Any:
    """A float column as Python writes each value (``repr``): pyarrow's shortest round-trip text,
    which is Python's for values from 1e-4 to 1e16 that are not whole; the others by ``repr``
    (NaN and infinities as the format ``kind`` spells them)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = values.to_numpy(zero_copy_only=False)
    size = np.abs(numbers)
    other = ~((size >= 1e-4) & (size < 1e16) & (numbers != np.floor(numbers)))  # NaN too
    text = values.cast(pa.string())
    if not other.any():
        return text
    unique, inverse = np.unique(numbers[other], return_inverse=True)
    spelled = [repr(float(v)) for v in unique.tolist()]
    fixed = pa.array([_NOT_FINITE[kind].get(t, t) for t in spelled], pa.string()).take(pa.array(inverse.ravel()))
    return pc.replace_with_mask(text, pa.array(other), fixed)


def as_text(values: Any, kind: str) -> Any:
    """The values of one column as text for ``kind``: "cdata", "attrib" (XML) or "json" (a
    string's inside, without its quotes); nulls stay null. Booleans as Python writes them in
    GraphML, in lower case elsewhere."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = values.type
    if pa.types.is_boolean(t):
        return pc.if_else(values, "True", "False") if kind == "cdata" else pc.if_else(values, "true", "false")
    if pa.types.is_integer(t):
        return values.cast(pa.string())
    if pa.types.is_floating(t):
        return float_text(values, kind)
    if kind == "json":
        return json_column(values)
    return xml_column(values, CDATA if kind == "cdata" else ATTRIB)


def join_rows(head: list[Any], fields: Sequence[tuple[str, Any, str, str | None]], close: str, bare: Any = None) -> Any:
    """One string per row: ``head``, then each field's ``prefix + text + suffix`` (left out
    where its text is null; ``empty`` instead where the text is "" when ``empty`` is given),
    then ``close``; ``bare`` instead for a row none of whose fields is present."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    args = list(head)
    for prefix, text, suffix, empty in fields:
        empties = empty is not None and len(text) and bool(np.any(np.diff(_offsets(text)) == 0))
        if not text.null_count and not empties:
            args += [prefix, text, suffix]
            continue
        piece = pc.binary_join_element_wise(prefix, text, suffix, "")
        args.append(pc.if_else(pc.equal(text, ""), empty, piece) if empties else piece)
    args.append(close)
    merged: list[Any] = []
    for arg in args:  # adjacent literals joined: fewer arguments, a faster join
        if isinstance(arg, str) and merged and isinstance(merged[-1], str):
            merged[-1] += arg
        else:
            merged.append(arg)
    rows = pc.binary_join_element_wise(*merged, "", null_handling="replace", null_replacement="")
    if bare is not None and fields and all(text.null_count for _, text, _, _ in fields):
        none = np.logical_and.reduce([text.is_null().to_numpy(zero_copy_only=False) for _, text, _, _ in fields])
        rows = pc.if_else(pa.array(none), bare, rows)
    return rows
