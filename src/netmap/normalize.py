"""Normalising names, companies and ids so that the same thing compares equal.

>>> normalize_company("Halcyon Maps, Inc.")
'halcyon maps'
>>> normalize_company("ACME  GmbH") == normalize_company("Acme")
True
>>> normalize_name("  José   Álvarez ")
'josé álvarez'
>>> slugify("José Álvarez")
'jose-alvarez'
>>> linkedin_slug("https://www.linkedin.com/in/ana-ribeiro-12ab/?trk=x")
'ana-ribeiro-12ab'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LEGAL_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "corp",
        "corporation", "co", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
        "oy", "ab", "as", "aps", "kk", "pty", "pte", "lda", "sl", "kg", "se",
    }
)  # fmt: skip

_PUNCT = re.compile(r"[^\w\s&]+", re.UNICODE)
#: dotted abbreviations such as S.A., S.p.A., B.V., L.L.C. (letters joined by dots)
_DOTTED = re.compile(r"(?<!\w)(?:\w\.){2,}|(?<!\w)(?:\w\.)+\w(?!\w)", re.UNICODE)
_SPACE = re.compile(r"\s+")
_LINKEDIN_SLUG = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Case-fold, NFC-normalise and collapse whitespace."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def normalize_name(name: str) -> str:
    """The form person names are compared in: case-folded, single-spaced."""
    return normalize_text(name)


@lru_cache(maxsize=1 << 16)
def normalize_company(name: str) -> str:
    """The form company and office names are compared in.

    Case, punctuation, whitespace and trailing legal suffixes (Inc, LLC, GmbH, S.A.,
    S.p.A....) are ignored. Whole names are compared, never substrings: "Meta" and "Metabase"
    stay different.
    """
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), normalize_text(name))
    words = _PUNCT.sub(" ", text).split()
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] == "&"):
        words.pop()  # "Chase & Co." -> "chase"
    return " ".join(words)


def slugify(text: str) -> str:
    """An ASCII id from free text; falls back to the case-folded text for non-Latin scripts."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    return re.sub(r"\s+", "-", normalize_text(text))


def linkedin_slug(url: str) -> str:
    """The ``/in/<slug>`` part of a LinkedIn profile URL, or ``""``."""
    match = _LINKEDIN_SLUG.search(url)
    return match.group(1).lower() if match else ""


def split_list(cell: str) -> tuple[str, ...]:
    """Split a ``;``-separated cell into its trimmed, non-empty parts.

    >>> split_list(" a; b ;;c ")
    ('a', 'b', 'c')
    """
    return tuple(part.strip() for part in cell.split(";") if part.strip())
