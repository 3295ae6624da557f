"""What every part of the outreach loop shares: statuses, dates, names, clean text.

>>> one_line("Ana\\r\\nBcc: x\\x1b[31m\\u202egnp.exe")
'Ana Bcc: x [31m gnp.exe'
>>> add_days(date(9999, 12, 30), 5) is None
True
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from ..cells import parse_date
from ..csvio import normalize_header
from ..errors import NetmapError
from ..model import ME, STATUSES, Contact, Dataset, Introduction

if TYPE_CHECKING:
    from ..people import PersonResolver

#: The statuses an introduction may move to from each status (``log intro``).
#: ``requested -> requested`` and ``no_response -> requested`` are nudges.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "suggested": ("requested", "made", "declined"),
    "requested": ("requested", "made", "met", "declined", "no_response"),
    "no_response": ("requested", "made", "declined"),
    "made": ("met", "declined", "no_response"),
    "met": ("thanked",),
    "thanked": (),
    "declined": (),
}

#: The column of introductions.csv that records the date an introduction reached each status.
EVENT_COLUMNS = {
    "requested": "requested_on",
    "made": "made_on",
    "met": "met_on",
    "thanked": "thanked_on",
}
NUDGE_COLUMN = "nudged_on"

#: Statuses before a meeting, which ``log meeting`` moves to ``met``.
BEFORE_MEETING = ("suggested", "requested", "made", "no_response", "declined")
MET = ("met", "thanked")

#: What you ask for: advice, not a job.
TIME_ASK = "15-20 minutes"

assert set(TRANSITIONS) == set(STATUSES)

#: C0 and C1 controls, DEL, line/paragraph separators and the bidi controls that reorder text
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def extra_date(intro: Introduction, column: str) -> date | None:
    """The date in one of the event columns (any header spelling), None when blank or unreadable."""
    for key, value in intro.extra.items():
        if normalize_header(key) == column and value.strip():
            try:
                return parse_date(value)
            except ValueError:
                return None
    return None


def who(pid: str, people: dict[str, Contact]) -> str:
    """A person's name for messages ("you" for ``me``, the id when unknown)."""
    return "you" if pid == ME else people[pid].name if pid in people else pid


def one_line(text: str) -> str:
    """``text`` with every control character (CR, LF, ESC, ...) a space, single-spaced.

    Contact data is hostile: this is what goes into a header, a terminal line or a draft.
    """
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())


def add_days(day: date | None, days: int) -> date | None:
    """``day`` plus ``days``; None when ``day`` is None or the result is past year 9999."""
    if day is None:
        return None
    try:
        return date.fromordinal(day.toordinal() + days)
    except (OverflowError, ValueError):
        return None


def find_person(dataset: Dataset, text: str, *, allow_me: bool = False) -> str:
    """The id of the person ``text`` names (an id, or a name in any case, with or without accents).

    Raises :class:`~netmap.errors.NotFoundError` (exit 3) with "did you mean" when
    nobody or several people fit.

    >>> from netmap.model import Contact, Dataset
    >>> find_person(Dataset([Contact("ines", "Inês Carvalho")], []), "ines carvalho")
    'ines'
    """
    return resolve_with(person_resolver(dataset), text, allow_me=allow_me)


def person_resolver(dataset: Dataset) -> PersonResolver:
    """The resolver :func:`find_person` uses (build it once to find many people)."""
    from ..people import PersonResolver

    file = dataset.contacts_path.name if dataset.contacts_path else "contacts.csv"
    return PersonResolver.of_contacts(dataset.contacts, source=file)


def resolve_person(contacts: list[Contact], text: str, *, file: str = "contacts.csv", allow_me: bool = False) -> str:
    """:func:`find_person` over a list of contacts (``file`` names it in messages)."""
    from ..people import PersonResolver

    return resolve_with(PersonResolver.of_contacts(contacts, source=file), text, allow_me=allow_me)


def resolve_with(people: PersonResolver, text: str, *, allow_me: bool = False) -> str:
    """:func:`find_person` with a resolver already built."""
    pid = people.resolve(text)
    if pid == ME and not allow_me:
        raise NetmapError("'me' is you - name someone else")
    return pid
