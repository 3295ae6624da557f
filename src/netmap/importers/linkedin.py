"""LinkedIn's data export: ``Connections.csv``, ``Invitations.csv`` and ``messages.csv``.

Connections of every era: with or without the ``Notes:`` preamble, with or without
``URL``, dates as LinkedIn (``08 Feb 2026``) and Excel (``4-Apr-21``, ``2/8/2026``)
write them. Rows of hidden profiles (only a date) are counted, not imported.

Invitations and messages are the evidence behind the strength estimate
(:func:`netmap.importers.estimate.estimate_tie`): :class:`Signals` groups them by the
person they are with. Someone you messaged both ways is a person even without a
connection; a one-way message or an invitation alone is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..errors import Problem
from ..normalize import linkedin_slug, normalize_name
from .csvsource import CsvSource
from .model import ImportedContact, Interaction, ParsedFile, Progress
from .values import emails_in, fix_text, join_name, parse_export_date


def parse_connections(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Fill ``result`` with the people of a ``Connections.csv``."""
    get = src.getter()
    name = str(src.path)
    for line, cells in src.rows(result, progress):
        first, last = get(cells, "first name"), get(cells, "last name")
        url = get(cells, "url", "profile url").strip()
        email, company, position = (
            get(cells, "email address"),
            get(cells, "company"),
            get(cells, "position"),
        )
        when = get(cells, "connected on")
        if not any(x.strip() for x in (first, last, url, email, company, position)):
            result.skipped["hidden profile" if when.strip() else "empty row"] += 1
            continue
        full = join_name(first, last)
        if not full:
            result.skipped["no name"] += 1
            continue
        connected = None
        try:
            connected = parse_export_date(when)
        except ValueError as exc:
            result.problems.append(Problem(name, line, "Connected On", str(exc), "the date was left out", "warning"))
        result.contacts.append(
            ImportedContact(
                name=full,
                source="linkedin",
                file=name,
                line=line,
                company=fix_text(company),
                title=fix_text(position),
                emails=emails_in(email),
                linkedin_url=url if linkedin_slug(url) else "",
                connected_on=connected,
            )
        )


def parse_invitations(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Invitations you sent (``OUTGOING``) and received (``INCOMING``) as interactions."""
    get = src.getter()
    name = str(src.path)
    for line, cells in src.records(result.problems):
        result.rows += 1
        direction = get(cells, "direction").strip().upper()
        if direction not in ("INCOMING", "OUTGOING"):
            result.skipped["no direction"] += 1
            continue
        outgoing = direction == "OUTGOING"
        other = get(cells, "to" if outgoing else "from")
        url = get(cells, "inviteeprofileurl" if outgoing else "inviterprofileurl")
        try:
            when = parse_export_date(get(cells, "sent at"))
        except ValueError as exc:
            result.problems.append(Problem(name, line, "Sent At", str(exc), "the row was left out", "warning"))
            continue
        if when is None or not (fix_text(other) or linkedin_slug(url)):
            result.skipped["no person or date"] += 1
            continue
        personal = bool(get(cells, "message").strip())
        result.interactions.append(
            Interaction(
                fix_text(other),
                linkedin_slug(url),
                when,
                outgoing,
                "invitation",
                personal,
                name,
                line,
            )  # fmt: skip
        )


def _participants(cell: str, urls: str) -> list[tuple[str, str]]:
    """(name, slug) of each recipient; several only when several profile URLs are listed."""
    slugs = [linkedin_slug(u) for u in urls.split(",") if linkedin_slug(u)]
    names = [fix_text(n) for n in cell.split(",")] if len(slugs) > 1 else [fix_text(cell)]
    if len(names) != len(slugs):
        return [(n, slugs[0] if len(slugs) == 1 and len(names) == 1 else "") for n in names if n]
    return list(zip(names, slugs, strict=True))


def parse_messages(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Messages to and from you as interactions (drafts are left out).

    You are the participant present in the most conversations.
    """
    get = src.getter()
    name = str(src.path)
    rows = []
    presence: set[tuple[str, str]] = set()
    for line, cells in src.records(result.problems):
        result.rows += 1
        if get(cells, "folder").strip().upper() == "DRAFT" or get(cells, "is message draft").strip().lower() in (
            "yes",
            "true",
        ):
            result.skipped["draft"] += 1
            continue
        sender = (fix_text(get(cells, "from")), linkedin_slug(get(cells, "sender profile url")))
        recipients = _participants(get(cells, "to"), get(cells, "recipient profile urls"))
        try:
            when = parse_export_date(get(cells, "date"))
        except ValueError as exc:
            result.problems.append(Problem(name, line, "DATE", str(exc), "the message was left out", "warning"))
            continue
        if when is None or not sender[0]:
            result.skipped["no sender or date"] += 1
            continue
        conversation = get(cells, "conversation id") or f"line {line}"
        presence.update((conversation, normalize_name(who[0])) for who in [sender, *recipients])
        rows.append((when, sender, recipients, conversation, line))
    people: Counter[str] = Counter(person for _, person in presence)
    if not people:
        return
    ranked = people.most_common(2)
    me = ranked[0][0]
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        result.me_unsure = True
        result.problems.append(
            Problem(
                name,
                None,
                None,
                f"cannot tell you from the other participants: nobody is in more than"
                f" {ranked[0][1]} of the conversations",
                "nobody is added from this file; import the whole messages.csv",
                "warning",
            )
        )
    for when, sender, recipients, _, line in rows:
        if normalize_name(sender[0]) == me:
            for other in recipients:
                if normalize_name(other[0]) != me:
                    result.interactions.append(Interaction(other[0], other[1], when, True, "message", True, name, line))
        else:
            result.interactions.append(Interaction(sender[0], sender[1], when, False, "message", True, name, line))


# -- who the exchanges are with ---------------------------------------------------------------


@dataclass(slots=True)
class Correspondent:
    """One person the user exchanged LinkedIn messages or invitations with."""

    name: str
    slug: str
    interactions: list[Interaction] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return sum(1 for i in self.interactions if i.kind == "message")

    @property
    def messaged_both_ways(self) -> bool:
        """At least one message from the user and one to the user."""
        ways = {i.outgoing for i in self.interactions if i.kind == "message"}
        return ways == {True, False}

    @property
    def reciprocal(self) -> bool:
        """Both sides reached out: a message, or an invitation with a personal note, each way."""
        ways = {i.outgoing for i in self.interactions if i.kind == "message" or i.personal}
        return ways == {True, False}

    @property
    def last(self) -> date:
        return max(i.when for i in self.interactions)

    @property
    def first(self) -> Interaction:
        """The earliest message (else invitation), for saying where the person was found."""
        return min(self.interactions, key=lambda i: (i.kind != "message", i.when, i.line))


class Signals:
    """Interactions grouped by person: by LinkedIn slug, else by name.

    An interaction without a slug joins the slug of another interaction with the same name.
    """

    def __init__(self, interactions: Iterable[Interaction]):
        items = list(interactions)
        self.people: list[Correspondent] = []
        self.by_slug: dict[str, Correspondent] = {}
        self.by_name: dict[str, Correspondent] = {}
        slug_of: dict[str, str] = {}
        for i in items:
            if i.slug:
                slug_of.setdefault(normalize_name(i.name), i.slug)
        name_only: dict[str, Correspondent] = {}
        for i in items:
            key = normalize_name(i.name)
            slug = i.slug or slug_of.get(key, "")
            index, k = (self.by_slug, slug) if slug else (name_only, key)
            person = index.get(k)
            if person is None:
                person = index[k] = Correspondent(i.name, slug)
                self.people.append(person)
            person.interactions.append(i)
        for person in self.people:
            self.by_name.setdefault(normalize_name(person.name), person)

    def __bool__(self) -> bool:
        return bool(self.people)

    def lookup(self, slug: str, name: str) -> Correspondent | None:
        """The exchanges with the person of profile ``slug`` (else ``name``), or None.

        A name never picks the exchanges of someone with another LinkedIn profile.
        """
        if slug and slug in self.by_slug:
            return self.by_slug[slug]
        person = self.by_name.get(normalize_name(name))
        if person is not None and slug and person.slug and person.slug != slug:
            return None
        return person
