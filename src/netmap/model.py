"""Plain data: the people and introductions netmap reads, shared by every module."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: The node id of the user, the person whose network this is.
ME = "me"

RELATIONSHIPS = (
    "family",
    "friend",
    "colleague",
    "former_colleague",
    "classmate",
    "teacher",
    "neighbor",
    "alumni",
    "recruiter",
    "acquaintance",
    "other",
)

STATUSES = ("suggested", "requested", "made", "met", "thanked", "declined", "no_response")
#: the status of an introduction row that only records a tie between two people (another pool
#: member's ties.csv row in a member's view): no one was introduced, nothing is pending
TIE_STATUS = "tie"
#: in a pool member's view, another member's introduction keeps its status after this prefix
#: ("member:met"; declined and no_response stay as they are, for the referrer's track record): it
#: scores as a suggested one (a requested one as requested), since no one introduced *you*, and
#: nothing about it is pending for you
MEMBER_STATUS_PREFIX = "member:"
#: the relationship of the tie between two members of one pool (netmap pool)
POOL_MEMBER = "pool_member"

CONTACT_COLUMNS = (
    "id",
    "name",
    "company",
    "title",
    "office",
    "email",
    "linkedin_url",
    "relationship",
    "strength",
    "strength_estimate",
    "last_contact",
    "connected_on",
    "past_companies",
    "tags",
    "school",
    "notes",
)

INTRODUCTION_COLUMNS = ("referrer", "contact", "date", "status", "strength", "notes")


@dataclass(slots=True)
class Contact:
    """One person from ``contacts.csv``.

    ``strength`` is how well the user says they know them (1-5); ``strength_estimate``
    is netmap's estimate from an export (source, ``connected_on``, messages), used only
    when ``strength`` is blank. ``extra`` keeps columns netmap does not know, unchanged.
    """

    id: str
    name: str
    company: str = ""
    title: str = ""
    office: str = ""
    email: str = ""
    linkedin_url: str = ""
    relationship: str = ""
    strength: int | None = None
    last_contact: date | None = None
    strength_estimate: int | None = None
    connected_on: date | None = None
    past_companies: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    school: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    line: int = 0

    @property
    def is_direct(self) -> bool:
        """True when the user knows this person directly: a stated strength or relationship,
        or an estimate from an export (a connection, a saved contact, messages both ways)."""
        return self.strength is not None or bool(self.relationship) or self.strength_estimate is not None

    @property
    def estimated(self) -> bool:
        """True when the tie's strength is netmap's estimate, not the user's word."""
        return self.strength is None and self.strength_estimate is not None


@dataclass(slots=True)
class Introduction:
    """One "who referred whom" event: ``referrer`` introduced the user to ``contact``.

    Both ends are resolved contact ids (or :data:`ME`).
    """

    referrer: str
    contact: str
    date: date | None = None
    status: str = "suggested"
    strength: int | None = None
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(slots=True)
class Dataset:
    """Everything loaded from a data folder, validated."""

    contacts: list[Contact]
    introductions: list[Introduction]
    contacts_path: Path | None = None
    introductions_path: Path | None = None
    aliases: dict[str, str] = field(default_factory=dict)

    def by_id(self) -> dict[str, Contact]:
        return {c.id: c for c in self.contacts}


@dataclass(slots=True)
class Evidence:
    """One piece of evidence behind a tie, kept on the graph edge.

    ``kind`` is ``direct`` (a contacts row: you know them), ``introduction``
    (``source`` referred you to ``target``, so they know each other) or
    ``introduced`` (an introduction put you in touch with ``target``).
    ``warmth`` is this piece's own contribution before the pair's evidence is combined.
    """

    kind: str
    source: str
    target: str
    warmth: float
    date: date | None = None
    status: str = ""
    strength: int | None = None
    relationship: str = ""
    line: int = 0
    #: a direct tie whose strength is netmap's estimate from an export, not the user's word
    estimated: bool = False
    #: in a pool member's view, the name of the other member whose introduction or tie this is
    #: ("" for your own): ``source`` referred that member to ``target``, not you
    recorded_by: str = ""
