"""``netmap due --ics``: the to-do list as all-day calendar events (RFC 5545).

All-day VEVENTs (Google Calendar ignores VTODO): future items on their due dates,
overdue ones on the day of export, stale ones left out. The UID is the item's id
followed by ``@netmap``, so importing again updates the events. Every text value is
one line without control characters; the icalendar package escapes the rest.

>>> from datetime import date
>>> from netmap.outreach.due import DueItem
>>> item = DueItem("thank-bo-20260309", "thank", "bo", "Bo\\x1b;\\r\\nEND:VEVENT", "thank Bo", date(2026, 3, 10), 0)
>>> b"END:VEVENT\\r\\nEND:VCALENDAR" in due_calendar([item], today=date(2026, 3, 10))
True
>>> b"\\x1b" in due_calendar([item], today=date(2026, 3, 10))
False
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta, timezone

from ._common import one_line
from .due import DueItem

_TITLES = {
    "thank": "Thank",
    "nudge": "Nudge",
    "close": "Close",
    "reach_out": "Reach out",
    "follow_up": "Follow up",
    "keep_in_touch": "Keep in touch",
}


def due_calendar(items: Iterable[DueItem], *, today) -> bytes:
    """The items (stale ones left out) as an iCalendar file: one all-day event each."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//netmap//outreach due//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netmap: outreach due")
    stamp = datetime.combine(today, time(0), tzinfo=timezone.utc)  # noqa: UP017
    for item in items:
        if item.stale:
            continue
        day = max(item.due_on or today, today)
        event = icalendar.Event()
        event.add("uid", one_line(f"{item.id}@netmap"))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        try:
            event.add("dtend", day + timedelta(days=1))
        except OverflowError:  # 9999-12-31: an event without an end lasts the day
            pass
        event.add("summary", one_line(f"{_TITLES[item.kind]}: {item.name}"))
        late = ""
        if item.overdue_days is not None and item.overdue_days > 0:
            late = f" ({item.overdue_days} days overdue)"
        event.add("description", one_line(f"{item.action}{late} [netmap done {item.id}]"))
        event.add("categories", ["netmap", item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


__all__ = ["due_calendar"]
