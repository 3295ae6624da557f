"""Who an imported person is: the rules that merge two records, or only report them.

In order: the LinkedIn profile slug, then an e-mail address, then the name (as
:func:`netmap.people.search_key` folds it: no case, accents or extra spaces) plus the
(alias-aware) company; a person known only by a name matches someone of the
same name who is also known only by a name (so importing the same files again changes
nothing). Name-based matches (no shared profile or e-mail) are refused when the two
records carry different phone numbers, or when one display name tells the person apart
(``Mario, Happy Store``): those, the same name at another company, and a close spelling
at the same company are *near matches*, listed for the user and never merged.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from ..graph import company_key
from ..normalize import linkedin_slug, slugify, split_list
from ..people import search_key
from .model import ImportedContact
from .results import NearMatch, Record
from .values import same_phone

_FUZZY_CUTOFF = 0.85
NAME_ONLY_REASON = "same name, and neither has a company, e-mail or LinkedIn profile to tell them apart"


def other_phones(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> bool:
    """Both have phone numbers and none is the same line.

    >>> other_phones(["351912345678"], ["912345678"]), other_phones(["912"], []), other_phones(["111"], ["222"])
    (False, False, True)
    """
    return bool(a and b) and not any(same_phone(x, y) for x in a for y in b)


class Index:
    """The people known so far (rows of contacts.csv, then those being added), indexed
    for matching."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = aliases
        self.recs: list[Record] = []
        self.by_slug: dict[str, Record] = {}
        self.by_email: dict[str, Record] = {}
        self.by_name_company: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self.by_name: dict[str, list[Record]] = defaultdict(list)
        self.by_word: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
        self.ids: set[str] = set()
        self._keys: dict[str, str] = {}

    def key(self, company: str) -> str:
        key = self._keys.get(company)
        if key is None:
            key = self._keys[company] = company_key(company, self.aliases)
        return key

    def index(self, rec: Record, slug: str | None = None) -> None:
        v = rec.values
        slug = linkedin_slug(v.get("linkedin_url", "")) if slug is None else slug
        if slug:
            self.by_slug.setdefault(slug, rec)
        for email in split_list(v.get("email", "")):
            self.by_email.setdefault(email.casefold(), rec)
        name, ckey = search_key(v.get("name", "")), self.key(v.get("company", ""))
        words = name.split()
        if ckey and words:
            if rec not in self.by_name_company[(name, ckey)]:
                self.by_name_company[(name, ckey)].append(rec)
            for key in ((ckey, "first", words[0]), (ckey, "last", words[-1])):
                if rec not in self.by_word[key]:
                    self.by_word[key].append(rec)
        if rec not in self.by_name[name]:
            self.by_name[name].append(rec)

    def add(self, rec: Record, slug: str | None = None) -> None:
        self.recs.append(rec)
        self.ids.add(rec.id)
        self.index(rec, slug)

    def new_id(self, values: dict[str, str], slug: str | None = None) -> str:
        base = (
            (linkedin_slug(values["linkedin_url"]) if slug is None else slug)
            or values["email"].lower()
            or slugify(values["name"])
        )
        candidate, n = base, 1
        while candidate in self.ids or candidate == "me":
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def match(self, c: ImportedContact, slug: str, where: str) -> tuple[Record | None, str, NearMatch | None]:
        """(record, reason, near match) for an incoming person."""
        if slug and slug in self.by_slug:
            return self.by_slug[slug], f"same LinkedIn profile ({slug})", None
        found, reason = None, ""
        for email in c.emails:
            if email.casefold() in self.by_email:
                found, reason = self.by_email[email.casefold()], f"same e-mail ({email})"
                break
        if found is not None:
            other = linkedin_slug(found.values.get("linkedin_url", ""))
            if slug and other and other != slug:
                why = f"{reason} but another LinkedIn profile ({other})"
                return None, "", self._near(c, where, found, why)
            return found, reason, None
        return self._by_name(c, slug, where)

    def _by_name(self, c: ImportedContact, slug: str, where: str) -> tuple[Record | None, str, NearMatch | None]:
        """Name-based matching: the same name at the same company, or the same name where
        neither side has anything else; never across different phone numbers."""
        name, ckey = search_key(c.name), self.key(c.company)
        candidates, reason = [], ""
        if ckey and self.by_name_company.get((name, ckey)):
            candidates, reason = self.by_name_company[(name, ckey)], f"same name and company ({c.company})"
        elif not (slug or c.emails or ckey):
            candidates = [r for r in self.by_name.get(name, []) if self._name_only(r)]
            more = f" (the first of {len(candidates)} such contacts)" if len(candidates) > 1 else ""
            reason = NAME_ONLY_REASON + more
        if candidates:
            found = self._pick(c, candidates)
            if found is None:
                why = f"{reason.partition(',')[0]} but other phone numbers"
                return None, "", self._near(c, where, candidates[0], why)
            return found, reason, None
        for rec in self.by_name.get(name, []):
            theirs = rec.values.get("company", "")
            what = f"company '{theirs}' vs '{c.company}'" if theirs or c.company else "no company to confirm"
            return None, "", self._near(c, where, rec, f"same name, {what}")
        if c.disambiguator:
            plain = " ".join(w for w in name.split() if w not in set(search_key(c.disambiguator).split()))
            for rec in self.by_name.get(plain.strip(" ,"), []):
                why = f"same name, but '{c.disambiguator}' in the export's display name tells them apart"
                return None, "", self._near(c, where, rec, why)
        close = self._close_spelling(name, ckey) if ckey else None
        if close is not None:
            return None, "", self._near(c, where, close, f"close spelling at the same company ({c.company})")
        return None, "", None

    @staticmethod
    def _pick(c: ImportedContact, candidates: list[Record]) -> Record | None:
        """The first candidate whose phone numbers do not contradict ``c``'s, one this run
        has not matched yet first (so that importing namesakes again finds each its own)."""
        fitting = [r for r in candidates if not other_phones(c.phones, r.phones)]
        fresh = [r for r in fitting if not r.sources]
        return next(iter(fresh or fitting), None)

    @staticmethod
    def _near(c: ImportedContact, where: str, rec: Record, why: str) -> NearMatch:
        return NearMatch(c.name, where, rec.values["name"], rec.where, why)

    def _name_only(self, rec: Record) -> bool:
        """Nothing but a name identifies ``rec``: no company, e-mail or LinkedIn URL."""
        v = rec.values
        return not (self.key(v.get("company", "")) or split_list(v.get("email", "")) or v.get("linkedin_url"))

    def _close_spelling(self, name: str, ckey: str) -> Record | None:
        """Someone at the same company whose name shares its first or last word and is
        spelled alike ("Jon Smith" and "John Smith")."""
        words = name.split()
        if not words:
            return None
        seen: set[int] = set()
        for key in ((ckey, "first", words[0]), (ckey, "last", words[-1])):
            for rec in self.by_word.get(key, ()):
                if id(rec) in seen:
                    continue
                seen.add(id(rec))
                other = search_key(rec.values["name"])
                matcher = difflib.SequenceMatcher(None, name, other)
                if other != name and matcher.quick_ratio() >= _FUZZY_CUTOFF:
                    if matcher.ratio() >= _FUZZY_CUTOFF:
                        return rec
        return None
