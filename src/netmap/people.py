"""The one person resolver: what a user typed -> a person's id.

Every command, the data files (introductions.csv names) and the map's search box find
people the same way: an id, ``me``, a name regardless of case, accents and extra spaces,
and (where a person is typed on the command line) a unique first name.

>>> people = PersonResolver([Person("ines", "Inês Carvalho", "Halcyon Maps", "Head of Data"),
...                          Person("zoe", "Zoe Park"), Person("ana1", "Ana Lima"), Person("ana2", "Ana Lima")])
>>> people.resolve("INES CARVALHO"), people.resolve("Zoe"), people.resolve("me")
('ines', 'zoe', 'me')
>>> people.find("Ana Lima")[1]
"'Ana Lima' is ambiguous: 2 people have that name: 'ana1', 'ana2'"
>>> people.find("Ines Carvalo")[2]
"did you mean 'Inês Carvalho'? If not, add them to contacts.csv"
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import NotFoundError
from .folder import CONTACTS_FILE
from .model import ME

if TYPE_CHECKING:
    import networkx as nx

    from .model import Contact

__all__ = ["Person", "PersonResolver", "search_key"]

#: how alike (:meth:`difflib.SequenceMatcher.ratio`) a name or id must be to be suggested
SUGGEST_CUTOFF = 0.7


def search_key(text: str) -> str:
    """The form names are compared in: case-folded, without accents, single-spaced.

    >>> search_key("  Inês   CARVALHO ")
    'ines carvalho'
    """
    if text.isascii():  # nothing to decompose (most names): the same key, ten times faster
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@dataclass(frozen=True, slots=True)
class Person:
    """What the resolver knows of a person: enough to tell namesakes apart."""

    id: str
    name: str
    company: str = ""
    title: str = ""
    line: int | None = None

    def describe(self) -> str:
        """``'ana1' (Engineer at Acme, line 4)``: how a candidate is listed."""
        role = " at ".join(p for p in (self.title, self.company) if p)
        details = ", ".join(p for p in (role, f"line {self.line}" if self.line else "") if p)
        return f"'{self.id}' ({details})" if details else f"'{self.id}'"


class PersonResolver:
    """Find people by id or name; ``source`` names the contacts file in messages.

    ``first_name=True`` (the default, for names typed on the command line) also takes a
    first name that only one person has; data files pass ``first_name=False``.
    """

    def __init__(self, people: Iterable[Person], *, source: str = CONTACTS_FILE):
        self.people = {p.id: p for p in people}
        self.source = source
        self._names: dict[str, list[str]] = defaultdict(list)
        self._first: dict[str, list[str]] = defaultdict(list)
        self._keys: dict[str, str] = {}  # id -> the search key of the name, folded once
        for p in self.people.values():
            key = self._keys[p.id] = search_key(p.name)
            self._names[key].append(p.id)
            if key:
                self._first[key.split()[0]].append(p.id)

    @classmethod
    def from_graph(cls, G: nx.Graph, *, source: str = CONTACTS_FILE) -> PersonResolver:
        """A resolver over the person nodes of a netmap graph."""
        return cls(
            (
                Person(n, d.get("name", n), d.get("company", ""), d.get("title", ""))
                for n, d in G.nodes(data=True)
                if d.get("kind") == "person"
            ),  # fmt: skip
            source=source,
        )

    @classmethod
    def of_contacts(cls, contacts: Iterable[Contact], *, source: str = CONTACTS_FILE) -> PersonResolver:
        """A resolver over :class:`~netmap.model.Contact` rows (their line numbers listed)."""
        return cls((Person(c.id, c.name, c.company, c.title, c.line or None) for c in contacts), source=source)

    def find(self, text: str, *, first_name: bool = True) -> tuple[str | None, str, str]:
        """``(id, message, hint)``; the id is None when ``text`` is unknown or ambiguous."""
        text = text.strip()
        if text.casefold() == ME:
            return ME, "", ""
        if text in self.people:
            return text, "", ""
        key = search_key(text)
        found = self._names.get(key, [])
        how = "have that name"
        if not found and first_name and key and " " not in key:
            found, how = self._first.get(key, []), f"are called '{text}'"
        if len(found) == 1:
            return found[0], "", ""
        if found:
            listed = ", ".join(self.people[i].describe() for i in found)
            message = f"'{text}' is ambiguous: {len(found)} people {how}: {listed}"
            return None, message, "write the id instead of the name"
        close = self.suggest(text)
        if close:
            hint = f"did you mean {' or '.join(close)}? If not, add them to {self.source}"
        else:
            hint = f"add them to {self.source}, or fix the spelling (you are 'me')"
        return None, f"'{text}' matches no id or name in {self.source}", hint

    def resolve(self, text: str, *, first_name: bool = True) -> str:
        """The id ``text`` means; NotFoundError with candidates or suggestions otherwise."""
        found, message, hint = self.find(text, first_name=first_name)
        if found is None:
            raise NotFoundError(f"{message} - {hint}")
        return found

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` people ``text`` may mean, quoted as they should be written.

        Part of a name ("Ana" for "Ana Ribeiro"), a typo, a missing accent or a near id
        all count; a person is shown by name, or by id when the name is shared.
        """
        key = search_key(text)
        words = set(key.split())
        close = _Closeness(key, SUGGEST_CUTOFF)
        by_name: dict[str, float] = {}  # a name's score, worked out once however many people share it
        scored: list[tuple[float, str, str]] = []
        for p in self.people.values():
            name_key = self._keys[p.id]
            score = by_name.get(name_key)
            if score is None:
                score = by_name[name_key] = 1.0 if words and words <= set(name_key.split()) else close(name_key)
            if score < 1.0:
                score = max(score, close(p.id.casefold()))
            if score >= SUGGEST_CUTOFF:
                scored.append((score, p.name, p.id))
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        out = []
        for _, name, pid in scored[:n]:
            shared = len(self._names[search_key(name)]) > 1
            out.append(f"'{pid}' ({name})" if shared else f"'{name}'")
        return out

    def search_keys(self) -> dict[str, list[str]]:
        """Every key a search box may be given -> the ids it finds: the whole name, each
        word of it (a first name, a surname) and the id, all as :func:`search_key` makes them.

        >>> PersonResolver([Person("ines", "Inês Carvalho")]).search_keys()["carvalho"]
        ['ines']
        """
        keys: dict[str, list[str]] = defaultdict(list)
        for p in self.people.values():
            name_key = self._keys[p.id]
            for k in dict.fromkeys([name_key, *name_key.split(), search_key(p.id)]):
                if k:
                    keys[k].append(p.id)
        return dict(keys)


class _Closeness:
    """``SequenceMatcher(None, key, other).ratio()`` where that is at least ``cutoff``, else 0.0.

    Most people are nothing like ``key``; two upper bounds of the ratio rule them out
    before the costly one: how many of their characters occur in ``key`` at all (one
    ``str.translate``), then :meth:`~difflib.SequenceMatcher.quick_ratio` (the characters
    both have, counted). A ratio never exceeds either, so the answer is the same.

    >>> close = _Closeness("ines carvalo", 0.7)
    >>> close("ines carvalho") == difflib.SequenceMatcher(None, "ines carvalo", "ines carvalho").ratio()
    True
    >>> close("p0000297"), close("zoe muller")
    (0.0, 0.0)
    """

    def __init__(self, key: str, cutoff: float):
        self.key, self.cutoff = key, cutoff
        self._without_key = str.maketrans(dict.fromkeys(key))  # deletes the characters of key
        self._counts = difflib.SequenceMatcher(None, "", key)  # keeps key's character counts

    def __call__(self, other: str) -> float:
        size = len(self.key) + len(other)
        shared = len(other) - len(other.translate(self._without_key))  # characters of other found in key
        if size and 2.0 * min(shared, len(self.key)) / size < self.cutoff:
            return 0.0
        self._counts.set_seq1(other)
        if self._counts.quick_ratio() < self.cutoff:
            return 0.0
        ratio = difflib.SequenceMatcher(None, self.key, other).ratio()
        return ratio if ratio >= self.cutoff else 0.0
