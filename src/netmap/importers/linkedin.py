"""LinkedIn's data export: ``Connections.csv``, ``Invitations.csv`` and ``messages.csv``.

Connections of every era: with or without the ``Notes:`` preamble, with or without
``URL``, dates as LinkedIn (``08 Feb 2026``) and Excel (``4-Apr-21``, ``2/8/2026``)
write them. Rows of hidden profiles (only a date) are counted, not imported.

Invitations and messages are not people: they are the signals behind
:func:`estimate_strength`, which turns frequency, recency and reciprocity of your
exchanges with a connection into a 1-5 strength and a ``last_contact`` date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import Problem
from ..normalize import linkedin_slug, normalize_name
from ._common import (
    CsvSource,
    ImportedContact,
    Interaction,
    ParsedFile,
    Progress,
    emails_in,
    fix_text,
    join_name,
    parse_export_date,
)


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
            result.problems.append(
                Problem(name, line, "Connected On", str(exc), "the date was left out", "warning")
            )
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
            result.problems.append(
                Problem(name, line, "Sent At", str(exc), "the row was left out", "warning")
            )
            continue
        if when is None or not (fix_text(other) or linkedin_slug(url)):
            result.skipped["no person or date"] += 1
            continue
        personal = bool(get(cells, "message").strip())
        result.interactions.append(
            Interaction(fix_text(other), linkedin_slug(url), when, outgoing, "invitation", personal)
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
        if get(cells, "folder").strip().upper() == "DRAFT" or get(
            cells, "is message draft"
        ).strip().lower() in ("yes", "true"):
            result.skipped["draft"] += 1
            continue
        sender = (fix_text(get(cells, "from")), linkedin_slug(get(cells, "sender profile url")))
        recipients = _participants(get(cells, "to"), get(cells, "recipient profile urls"))
        try:
            when = parse_export_date(get(cells, "date"))
        except ValueError as exc:
            result.problems.append(
                Problem(name, line, "DATE", str(exc), "the message was left out", "warning")
            )
            continue
        if when is None or not sender[0]:
            result.skipped["no sender or date"] += 1
            continue
        conversation = get(cells, "conversation id") or f"line {line}"
        presence.update((conversation, normalize_name(who[0])) for who in [sender, *recipients])
        rows.append((when, sender, recipients, conversation))
    people: Counter[str] = Counter(person for _, person in presence)
    if not people:
        return
    me = people.most_common(1)[0][0]
    for when, sender, recipients, _ in rows:
        if normalize_name(sender[0]) == me:
            for other in recipients:
                if normalize_name(other[0]) != me:
                    result.interactions.append(
                        Interaction(other[0], other[1], when, True, "message")
                    )
        else:
            result.interactions.append(Interaction(sender[0], sender[1], when, False, "message"))


# -- strength -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TieEstimate:
    """What the exchanges with one person say about the tie."""

    strength: int
    last_contact: date
    messages: int
    reciprocal: bool


def estimate_strength(interactions: Iterable[Interaction], today: date) -> TieEstimate | None:
    """Estimate a 1-5 strength from the exchanges with one person (None when there are none).

    ``strength = 1 + frequency + reciprocity + recency``, where

    * frequency: 0 for fewer than 3 messages, 1 for 3-9, 2 for 10 or more;
    * reciprocity: 1 when both of you reached out (a message, or an invitation carrying
      a personal note), 0 when only one side did (one-way contact is not a relationship);
    * recency: 1 when the last exchange is at most 365 days before ``today``.

    An accepted invitation alone gives 1 (or 2 if recent). ``last_contact`` is the
    date of the last message or invitation.

    >>> from datetime import date
    >>> msgs = [Interaction("Ana", "", date(2026, 1, d), d % 2 == 0, "message")
    ...         for d in range(1, 11)]
    >>> estimate_strength(msgs, date(2026, 2, 1)).strength
    5
    >>> estimate_strength([Interaction("Bo", "", date(2019, 5, 1), True, "invitation", False)],
    ...                   date(2026, 2, 1)).strength
    1
    """
    items = list(interactions)
    if not items:
        return None
    messages = sum(1 for i in items if i.kind == "message")
    out = any(i.outgoing and (i.kind == "message" or i.personal) for i in items)
    inc = any(not i.outgoing and (i.kind == "message" or i.personal) for i in items)
    last = max(i.when for i in items)
    frequency = 2 if messages >= 10 else 1 if messages >= 3 else 0
    recency = 1 if (today - last).days <= 365 else 0
    strength = 1 + frequency + (1 if out and inc else 0) + recency
    return TieEstimate(min(5, strength), last, messages, out and inc)


class Signals:
    """Interactions grouped by person, looked up by LinkedIn slug, then by name."""

    def __init__(self, interactions: Iterable[Interaction]):
        self.by_slug: dict[str, list[Interaction]] = defaultdict(list)
        self.by_name: dict[str, list[Interaction]] = defaultdict(list)
        slug_names: dict[str, str] = {}
        for i in interactions:
            if i.slug:
                self.by_slug[i.slug].append(i)
                slug_names[normalize_name(i.name)] = i.slug
            else:
                self.by_name[normalize_name(i.name)].append(i)
        # A name seen with a slug elsewhere joins that slug's exchanges.
        for name, slug in slug_names.items():
            self.by_slug[slug].extend(self.by_name.pop(name, []))
            self.by_name.setdefault(name, []).extend(self.by_slug[slug])

    def __bool__(self) -> bool:
        return bool(self.by_slug or self.by_name)

    def lookup(self, slug: str, name: str) -> list[Interaction]:
        if slug and slug in self.by_slug:
            return self.by_slug[slug]
        return self.by_name.get(normalize_name(name), [])
