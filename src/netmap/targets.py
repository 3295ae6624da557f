"""Naming a target: company and office matching, seniority and role fit.

Companies match after normalisation (case, punctuation, legal suffixes) and through
the aliases in ``companies.csv``, never by substring: "Meta" does not match "Metabase".

>>> seniority_level("Senior Data Engineer"), seniority_level("VP Sales"), seniority_level("Head of Data")
('senior', 'vp', 'head')
>>> seniority_level("Associate Director, Analytics"), seniority_level("Summer Intern")
('director', 'intern')
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from .errors import NotFoundError
from .graph import company_key, people
from .normalize import normalize_company
from .weights import Weights

_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.IGNORECASE))
    for level, pattern in (
        ("c_level", r"\b(ceo|cto|cfo|coo|cmo|cio|cpo|chief|founder|co-founder|president|partner)\b"),
        ("vp", r"\b(vp|svp|evp|vice[- ]president)\b"),
        ("head", r"\bhead\b"),
        ("director", r"\bdirector\b"),
        ("manager", r"\bmanager\b"),
        ("intern", r"\b(intern|trainee|apprentice|working student)\b"),
        ("staff", r"\b(staff|principal|distinguished)\b"),
        ("senior", r"\b(senior|sr\.?|lead)\b"),
        ("junior", r"\b(junior|jr\.?|associate|assistant|graduate|entry)\b"),
    )
)


@lru_cache(maxsize=1 << 14)
def seniority_level(title: str) -> str:
    """The seniority level of a job title, one of the keys of ``Weights.seniority``."""
    for level, pattern in _LEVELS:
        if pattern.search(title):
            return level
    return "mid"


def role_matches(title: str, tags: tuple[str, ...], keywords: tuple[str, ...]) -> str | None:
    """The first keyword found as a whole word in the title or tags, else None.

    >>> role_matches("Head of Data", (), ("data", "analytics"))
    'data'
    >>> role_matches("Database Admin", (), ("data",)) is None
    True
    """
    text = " ".join((title, *tags))
    for word in keywords:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            return word
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved target: a company key, optionally an office key and role keywords."""

    company: str
    company_name: str
    office: str | None = None
    office_name: str | None = None
    role: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"{self.company_name}, {self.office_name}" if self.office_name else self.company_name
        return f"{where} ({'/'.join(self.role)})" if self.role else where


def _suggest(word: str, choices: dict[str, str]) -> str:
    """Known names really close to ``word``: a near spelling, or one holding it as whole words.

    "Google" never suggests "Globex", and "Meta" never "Metabase".
    """
    key = normalize_company(word)
    close = difflib.get_close_matches(key, list(choices), n=3, cutoff=0.75)
    if not close and key:  # a word of the name, spelt nearly so ("halcyon" for "Halcyon Maps")
        close = [
            k
            for k in choices
            if re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", k)
            or (" " not in key and difflib.get_close_matches(key, k.split(), n=1, cutoff=0.8))
        ][:3]
    return ", ".join(f"'{choices[c]}'" for c in close)


#: what to do when nobody in the data can open a door
COLD_ADVICE = ("or go cold: call or write to the office and ask for 15 minutes of advice, not a job, "
               "then add the person with 'netmap add'")  # fmt: skip


def past_employees(G: nx.Graph, key: str) -> list[str]:
    """Names of the people whose past companies include the company ``key``."""
    aliases = G.graph.get("aliases", {})
    return sorted(G.nodes[p]["name"] for p in people(G)
                  if any(company_key(c, aliases) == key for c in G.nodes[p].get("past_companies", ())))  # fmt: skip


def resolve_target(
    G: nx.Graph, company: str, *, office: str | None = None, role: str | tuple[str, ...] | None = None
) -> Target:
    """Resolve names given by the user to a :class:`Target`, or raise NotFoundError.

    The error lists the closest known company (or office of that company) names.
    """
    key = company_key(company, G.graph.get("aliases", {}))
    offices = Counter(
        (G.nodes[p]["office_key"], G.nodes[p]["office"])
        for p in people(G)
        if G.nodes[p]["company_key"] == key and G.nodes[p]["office_key"]
    ) if office else Counter()  # fmt: skip
    return resolve_target_in(G.graph.get("company_names", {}), G.graph.get("aliases", {}), offices, company,
                             office=office, role=role, past=lambda k: past_employees(G, k))  # fmt: skip


def resolve_target_in(
    names: dict[str, str],
    aliases: dict[str, str],
    offices: Counter[tuple[str, str]],
    company: str,
    *,
    office: str | None = None,
    role: str | tuple[str, ...] | None = None,
    past: Callable[[str], list[str]] | None = None,
) -> Target:
    """:func:`resolve_target` from its parts: company names by key, and the target company's
    ``(office key, office as written)`` counts; ``past(key)`` names people who worked there before."""
    key = company_key(company, aliases)
    if key not in names:
        close = _suggest(company, names)
        before = past(key) if past is not None and key else []
        if close:  # most likely a typo
            raise NotFoundError(f"unknown company '{company}' - did you mean {close}?")
        hints = []
        if before:
            shown = ", ".join(before[:3]) + (f" and {len(before) - 3} more" if len(before) > 3 else "")
            hints.append(f"{shown} worked there before: ask them who to talk to (netmap explain NAME)")
        hints.append("netmap companies lists the companies in your data")
        hints.append(COLD_ADVICE)
        raise NotFoundError(f"nobody in your data works at '{company}' now - " + "; ".join(hints))
    office_key = office_name = None
    if office:
        known: dict[str, str] = {}
        for (k, label), _ in offices.most_common():
            known.setdefault(k, label)
        office_key = normalize_company(office)
        if office_key not in known:
            close = _suggest(office, known)
            listed = close or ", ".join(f"'{v}'" for v in list(known.values())[:8]) or "none recorded"
            raise NotFoundError(f"unknown office '{office}' at {names[key]} - known offices: {listed}")
        office_name = known[office_key]
    if isinstance(role, str):
        role = tuple(w.strip() for w in role.split(",") if w.strip())
    return Target(key, names[key], office_key, office_name, tuple(role or ()))


@dataclass(frozen=True, slots=True)
class Fit:
    """How well a person matches the target: the product of its factors."""

    value: float
    level: str
    seniority: float
    office: float
    role: float
    in_office: bool | None
    role_word: str | None


def target_fit(node: dict, target: Target, weights: Weights) -> Fit:
    """The target-fit factor of a person (node attributes) for ``target``."""
    level = seniority_level(node.get("title", ""))
    seniority = weights.seniority.get(level, weights.seniority["mid"])
    in_office = None
    office = 1.0
    if target.office is not None:
        in_office = node.get("office_key") == target.office
        office = weights.office_match if in_office else weights.office_mismatch
    role_word = None
    role = 1.0
    if target.role:
        role_word = role_matches(node.get("title", ""), tuple(node.get("tags", ())), target.role)
        role = weights.role_match if role_word else weights.role_mismatch
    return Fit(seniority * office * role, level, seniority, office, role, in_office, role_word)


def target_people(G: nx.Graph, target: Target) -> list[str]:
    """Ids of the people currently at the target company (every office)."""
    return [p for p in people(G) if G.nodes[p]["company_key"] == target.company]


def read_targets(
    resolve: Callable[..., Target], path, *, encoding: str | None = None
) -> tuple[list[Target], list[str]]:
    """Read a CSV of targets (``company`` required; ``office``, ``role`` optional).

    ``resolve(company, office=..., role=...)`` turns each row into a :class:`Target`
    (e.g. ``functools.partial(resolve_target, G)``).

    Returns the resolved targets and one message per row naming a company or office
    nobody in the network is at (skipped: a list of employers need not all be known).
    Structural problems (missing file, missing column) raise DataError.
    """
    from .csvio import read_table
    from .errors import DataError, Problem

    table = read_table(path, encoding=encoding)
    problems = list(table.problems)
    cols = table.columns
    if table.header and "company" not in cols:
        problems.append(Problem(str(path), 1, "company", "missing required column 'company'",
                                "add a 'company' column (and optionally 'office', 'role')"))  # fmt: skip
    if problems:
        raise DataError(problems)
    targets, skipped = [], []
    for line, cells in table.rows:
        row = dict(zip(cols, cells, strict=True))
        company = row.get("company", "").strip()
        if not company:
            continue
        try:
            targets.append(resolve(company, office=row.get("office", "").strip() or None,
                                   role=row.get("role", "").strip() or None))  # fmt: skip
        except NotFoundError as exc:
            skipped.append(f"{path}:{line}: {exc} (skipped)")
    return targets, skipped
