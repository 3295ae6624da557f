"""Company names as the ranking sees them: head counts and suspected duplicates.

Contacts are grouped under :func:`netmap.graph.company_key` (``companies.csv`` aliases,
then :func:`netmap.normalize.normalize_company`). Spellings that already share a key
("Acme, Inc." and "ACME") are counted together and listed as that company's
``spellings``; an alias row for them would change nothing, so they are not proposed.
Suspected duplicates are *different* keys, proposed as ``alias,canonical`` rows for
``companies.csv``: close spellings ("Halcyon Maps" and "Halycon Maps", or "Über" and
"Uber"), a :class:`difflib.SequenceMatcher` ratio of at least ``cutoff`` on the
normalised names, or equal once accents are dropped. Substrings are never enough:
"Meta" and "Metabase" are different companies.

>>> from netmap.model import Contact, Dataset
>>> ds = Dataset([Contact("a", "A", company="Acme, Inc."), Contact("b", "B", company="ACME"),
...               Contact("c", "C", company="Meta"), Contact("d", "D", company="Metabase"),
...               Contact("e", "E", company="Uber"), Contact("f", "F", company="Über")], [])
>>> report = company_report(ds)
>>> [(c.name, c.people, c.spellings) for c in report.companies][:2]
[('Acme, Inc.', 2, ['ACME', 'Acme, Inc.']), ('Meta', 1, ['Meta'])]
>>> [(d.alias, d.canonical, d.reason) for d in report.duplicates]
[('Über', 'Uber', 'same name without accents')]
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .graph import company_key
from .model import Dataset
from .normalize import normalize_company

DEFAULT_CUTOFF = 0.88


@dataclass(slots=True)
class CompanyCount:
    """One company: its display name, key, head count (current) and spellings seen."""

    name: str
    key: str
    people: int
    past: int = 0
    spellings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SuspectedDuplicate:
    """A spelling that is probably ``canonical``: a row to add to ``companies.csv``."""

    alias: str
    canonical: str
    reason: str
    people: int  # people under the alias spelling
    ratio: float = 1.0


@dataclass(slots=True)
class CompanyReport:
    companies: list[CompanyCount]
    duplicates: list[SuspectedDuplicate]


def _fold(key: str) -> str:
    return unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()


def company_report(dataset: Dataset, *, cutoff: float = DEFAULT_CUTOFF) -> CompanyReport:
    """Head counts per canonical company and the suspected duplicates among them.

    Companies are sorted by head count (most first), then name. ``cutoff`` is the
    lowest similarity ratio (0-1) that makes two different names suspects.
    """
    aliases = dataset.aliases
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    current: Counter[str] = Counter()
    past: Counter[str] = Counter()
    for c in dataset.contacts:
        key = company_key(c.company, aliases)
        if key:
            current[key] += 1
            spellings[key][" ".join(c.company.split())] += 1
        for name in {company_key(p, aliases): p for p in c.past_companies}.items():
            if name[0] and name[0] != key:
                past[name[0]] += 1
                spellings[name[0]][" ".join(name[1].split())] += 0
    companies: list[CompanyCount] = []
    display: dict[str, str] = {}
    for key, seen in spellings.items():
        canonical = _canonical(key, seen, aliases)
        display[key] = canonical
        names = sorted(seen, key=lambda s: (-seen[s], s))
        companies.append(CompanyCount(canonical, key, current[key], past[key], names))
    companies.sort(key=lambda c: (-c.people, -c.past, c.name.casefold()))
    # spellings of one key are already counted together: only different keys are proposed
    return CompanyReport(companies, _close_spellings(companies, cutoff))


def _canonical(key: str, seen: Counter[str], aliases: dict[str, str]) -> str:
    for spelling in seen:
        target = aliases.get(normalize_company(spelling))
        if target:
            return target
    # the most common spelling; on a tie, not all capitals, then the shortest
    return min(seen, key=lambda s: (-seen[s], s.isupper(), len(s), s))


def _close_spellings(companies: list[CompanyCount], cutoff: float) -> list[SuspectedDuplicate]:
    """Pairs of different keys spelled alike; the one with fewer people is the alias."""
    out: list[SuspectedDuplicate] = []
    ranked = {c.key: i for i, c in enumerate(companies)}  # lower index = more people
    by_initial: dict[str, list[CompanyCount]] = defaultdict(list)
    for c in companies:
        by_initial[_fold(c.key)[:1]].append(c)
    for group in by_initial.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                fa, fb = _fold(a.key), _fold(b.key)
                if fa == fb:
                    ratio, reason = 1.0, "same name without accents"
                else:
                    matcher = difflib.SequenceMatcher(None, a.key, b.key)
                    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                        continue
                    ratio = matcher.ratio()
                    if ratio < cutoff:
                        continue
                    reason = f"close spelling ({ratio:.2f})"
                keep, alias = (a, b) if ranked[a.key] < ranked[b.key] else (b, a)
                out.append(SuspectedDuplicate(alias.name, keep.name, reason, alias.people, ratio))
    out.sort(key=lambda d: (-d.ratio, d.canonical.casefold(), d.alias.casefold()))
    return out
