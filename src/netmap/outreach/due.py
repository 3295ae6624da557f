"""``netmap due``: what to do next in the outreach loop, in the order to do it.

Thank-you notes first (every meeting owes one, due the day after), then nudges,
follow-ups, names never contacted and strong ties going cold. Each item has a stable
``id`` (``netmap done ID``, ``netmap snooze ID``; the calendar UID is ``ID@netmap``).

>>> from netmap.model import Contact, Dataset, Introduction
>>> from datetime import date
>>> ds = Dataset([Contact("ana", "Ana", strength=5), Contact("bo", "Bo")],
...              [Introduction("ana", "bo", date(2026, 3, 1), "suggested")])
>>> [(i.id, i.overdue_days) for i in due(ds, today=date(2026, 3, 10))]
[('reach-out-bo-ana', 2), ('keep-in-touch-ana', None)]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..model import ME, Dataset
from ..normalize import normalize_name, slugify
from ._common import MET, NUDGE_COLUMN, add_days, extra_date, who
from .events import CONTACT_KINDS, Event

#: Kinds of item, in the order they are listed (what to do first).
DUE_KINDS = ("thank", "nudge", "close", "follow_up", "reach_out", "keep_in_touch")

#: The largest number of days any threshold may be (100 years).
MAX_DAYS = 36500


@dataclass(frozen=True, slots=True)
class DueOptions:
    """Thresholds of :func:`due`, in days (``strong`` is a tie strength 1-5).

    Items more than ``stale_days`` overdue are marked ``stale`` (``netmap due`` hides them).
    """

    thank_days: int = 1
    nudge_days: int = 7
    reach_days: int = 7
    keep_days: int = 90
    strong: int = 4
    ahead: int = 0
    stale_days: int = 90


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing to do: ``kind`` (see :data:`DUE_KINDS`) for ``person``, by ``due_on``.

    ``overdue_days`` is how many days past ``due_on`` today is (negative: still ahead);
    both are None when the date it counts from (``since``) is unknown.
    """

    id: str
    kind: str
    person: str
    name: str
    action: str
    due_on: date | None
    overdue_days: int | None
    since: date | None = None
    referrer: str = ""
    line: int = 0
    stale: bool = False
    snoozed_until: date | None = None


@lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    return slugify(text) or "x"


def _id(*parts: str) -> str:
    return "-".join(_slug(p) for p in parts)


def due(
    dataset: Dataset,
    events: Iterable[Event] = (),
    *,
    today: date | None = None,
    options: DueOptions | None = None,
) -> list[DueItem]:
    """Everything due by ``today`` (plus ``options.ahead`` days), in the order to do it.

    * ``thank``: a meeting (an event, or an introduction ``met``: dated ``met_on``, else by
      the introduction) with no thank-you since, ``thank_days`` after it;
    * ``nudge``: requested, no answer ``nudge_days`` after asking (nudge once);
    * ``close``: nudged, still no answer ``nudge_days`` later: mark it no_response;
    * ``follow_up``: introduction made, no meeting ``reach_days`` later;
    * ``reach_out``: a name given (suggested) not acted on after ``reach_days``;
    * ``keep_in_touch``: a tie of strength ``strong`` or more not contacted (a meeting,
      call, message or thank-you) for ``keep_days``; none on record: listed last, undated.

    ``done`` events take an item off; ``snooze`` events move its date to their ``until``.
    Introductions to someone already met are not chased again, nor names given twice
    when one introduction to that person is already requested or made. Items with a date
    beyond year 9999 never fall due.
    """
    today = today or date.today()
    opts = options or DueOptions()
    events = list(events)
    people = dataset.by_id()
    horizon = add_days(today, opts.ahead) or date.max
    held = meetings(dataset, events)
    met = {i.contact for i in dataset.introductions if i.status in MET} | {pid for pid, _, _, _ in held}
    asked = {i.contact for i in dataset.introductions if i.status in ("requested", "made")}
    done: dict[str, date] = {}
    snoozed: dict[str, tuple[date, date]] = {}
    for e in events:
        if e.kind == "done":
            done[e.item] = max(done.get(e.item, date.min), e.date)
        elif e.kind == "snooze" and e.until is not None:
            snoozed[e.item] = (e.date, e.until)
    items: list[DueItem] = []

    def add(item_id, kind, pid, action, since, days, referrer="", line=0, done_moves_since=False):
        due_on = add_days(since, days)
        if since is not None and due_on is None:
            return  # beyond year 9999: never
        if not done_moves_since and item_id in done and (since is None or done[item_id] >= since):
            return
        until = None
        if item_id in snoozed and (since is None or snoozed[item_id][0] >= since):
            until = snoozed[item_id][1]
            due_on = max(due_on or until, until)
        if due_on is not None and due_on > horizon:
            return
        overdue = None if due_on is None else (today - due_on).days
        stale = overdue is not None and overdue > opts.stale_days
        items.append(DueItem(item_id, kind, pid, who(pid, people), action, due_on, overdue, since,
                             referrer, line, stale, until))  # fmt: skip

    last_thanks = _last_thanks(dataset, events)
    for pid, on, referrer, line in held:
        if pid not in people:
            continue
        name = people[pid].name
        if last_thanks.get(pid, date.min) < on:
            action = f"send {name} a written thank-you, then 'netmap log thanks {pid}'"
            add(_id("thank", pid, on.strftime("%Y%m%d")), "thank", pid, action, on, opts.thank_days, referrer, line)
    for i in dataset.introductions:
        if i.contact in met:
            continue
        name, ref = who(i.contact, people), who(i.referrer, people)
        if i.status == "requested":
            nudged = extra_date(i, NUDGE_COLUMN)
            if nudged is None:
                since = extra_date(i, "requested_on") or i.date
                whom = f"{name}" if i.referrer == ME else f"{ref} about {name}"
                action = f"nudge {whom} once, politely"
                add(_id("nudge", i.contact, i.referrer), "nudge", i.contact, action, since, opts.nudge_days,
                    i.referrer, i.line)  # fmt: skip
            else:
                action = (f"no answer after a nudge: let it go "
                          f"('netmap log intro {i.contact} --status no_response')")  # fmt: skip
                add(_id("close", i.contact, i.referrer), "close", i.contact, action, nudged, opts.nudge_days,
                    i.referrer, i.line)  # fmt: skip
        elif i.status == "suggested" and i.contact not in asked:
            if i.referrer == ME:
                action = f"write to {name} asking for 15-20 minutes"
            else:
                action = f"ask {ref} to introduce you to {name}"
            add(_id("reach_out", i.contact, i.referrer), "reach_out", i.contact, action, i.date, opts.reach_days,
                i.referrer, i.line)  # fmt: skip
        elif i.status == "made":
            since = extra_date(i, "made_on") or i.date
            action = f"write to {name} to set up a 15-20 minute conversation"
            add(_id("follow_up", i.contact, i.referrer), "follow_up", i.contact, action, since, opts.reach_days,
                i.referrer, i.line)  # fmt: skip
    last_touch: dict[str, date] = {}
    for e in events:
        if e.kind in CONTACT_KINDS and e.person:
            last_touch[e.person] = max(last_touch.get(e.person, date.min), e.date)
    for c in dataset.contacts:
        if c.strength is not None and c.strength >= opts.strong:
            item_id = _id("keep_in_touch", c.id)
            dates = [d for d in (c.last_contact, last_touch.get(c.id), done.get(item_id)) if d is not None]
            last = max(dates) if dates else None
            when = f"last contact {last.isoformat()}" if last else "no date"
            action = f"get back in touch with {c.name} ({when})"
            add(item_id, "keep_in_touch", c.id, action, last, opts.keep_days, "", c.line, done_moves_since=True)
    order = {k: n for n, k in enumerate(DUE_KINDS)}
    items.sort(key=lambda d: (order[d.kind], d.due_on is None, d.due_on or date.min, normalize_name(d.name), d.line))
    return _unique(items)


def _unique(items: list[DueItem]) -> list[DueItem]:
    """Make ids unique (two people whose ids slugify alike): the later one gets -2, -3, ..."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        n = seen.get(item.id, 0) + 1
        seen[item.id] = n
        out.append(item if n == 1 else replace(item, id=f"{item.id}-{n}"))
    return out


def meetings(dataset: Dataset, events: list[Event]) -> list[tuple[str, date, str, int]]:
    """Every meeting: (person, date, referrer, line), from events and from introductions met.

    An introduction met without ``met_on`` is dated by the introduction (made_on,
    requested_on, date); one whose ``met_on`` matches a meeting event is that meeting.
    """
    found = {(e.person, e.date): (e.referrer, e.line) for e in events if e.kind == "meeting"}
    for i in dataset.introductions:
        if i.status not in MET:
            continue
        on = extra_date(i, "met_on") or extra_date(i, "made_on") or extra_date(i, "requested_on") or i.date
        if on is not None and (i.contact, on) not in found:
            found[(i.contact, on)] = (i.referrer, i.line)
    return sorted((pid, on, ref, line) for (pid, on), (ref, line) in found.items())


def _last_thanks(dataset: Dataset, events: list[Event]) -> dict[str, date]:
    """The date of the last thank-you to each person (date.max: thanked, date not recorded).

    A meeting is thanked when a thank-you went out on or after it.
    """
    last: dict[str, date] = {}
    for e in events:
        if e.kind == "thanks" and e.person:
            last[e.person] = max(last.get(e.person, date.min), e.date)
    for i in dataset.introductions:
        if i.status == "thanked":
            when = extra_date(i, "thanked_on") or date.max
            last[i.contact] = max(last.get(i.contact, date.min), when)
    return last


def load_due_options(path: str | Path | None, **given: int | None) -> DueOptions:
    """:class:`DueOptions` from the ``[due]`` section of a netmap.toml, then ``given`` (not None) on top."""
    values: dict[str, int] = {}
    if path is not None and Path(path).is_file():
        try:
            section = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("due", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read ({exc}) - fix the syntax") from None
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: 'due' must be a table like [due] - fix the section")
        known = [f.name for f in fields(DueOptions) if f.name != "ahead"]
        for key, value in section.items():
            if key not in known:
                raise ConfigError(f"{path}: unknown key '{key}' in [due] - use one of: {', '.join(known)}")
            top = 5 if key == "strong" else MAX_DAYS
            low = 1 if key in ("strong", "nudge_days", "keep_days") else 0
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= top:
                raise ConfigError(f"{path}: due.{key}: must be a whole number from {low} to {top}, "
                                  f"got {value!r} - fix the value")  # fmt: skip
            values[key] = value
    values.update({k: v for k, v in given.items() if v is not None})
    return DueOptions(**values)


__all__ = ["DUE_KINDS", "MAX_DAYS", "DueItem", "DueOptions", "due", "load_due_options", "meetings"]
