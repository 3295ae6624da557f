"""The informational-interview loop, step by step.

* :mod:`~netmap.outreach.events`: ``events.csv``, one row per interaction;
* :mod:`~netmap.outreach.log`: :class:`OutreachBook`, what ``netmap log``, ``done`` and ``snooze`` write;
* :mod:`~netmap.outreach.history`: the timeline of a person (``netmap history``);
* :mod:`~netmap.outreach.due`: what to do next (``netmap due``), and
  :mod:`~netmap.outreach.ics` for ``--ics``;
* :mod:`~netmap.outreach.drafts`: messages to send (``netmap draft``);
* :mod:`~netmap.outreach.prep`: a one-page brief before a meeting (``netmap prep``);
* :mod:`~netmap.outreach.report`: the snowball in figures (``netmap report``).

>>> from netmap.model import Contact, Dataset, Introduction
>>> from datetime import date
>>> ds = Dataset([Contact("ana", "Ana", strength=5), Contact("bo", "Bo")],
...              [Introduction("ana", "bo", date(2026, 3, 1), "suggested")])
>>> [(i.kind, i.name, i.overdue_days) for i in due(ds, today=date(2026, 3, 10))]
[('reach_out', 'Bo', 2), ('keep_in_touch', 'Ana', None)]
"""

from __future__ import annotations

from ._common import EVENT_COLUMNS, TIME_ASK, TRANSITIONS, find_person
from .due import DUE_KINDS, DueItem, DueOptions, due, load_due_options
from .events import EVENT_KINDS, EVENTS_FILE, Event, load_events
from .history import HistoryEntry, history
from .ics import due_calendar
from .log import LogResult, OutreachBook, edit
from .report import Chain, OutreachReport, Reach, Stage, outreach_report, referral_tree

__all__ = [
    "DUE_KINDS",
    "EVENTS_FILE",
    "EVENT_COLUMNS",
    "EVENT_KINDS",
    "TIME_ASK",
    "TRANSITIONS",
    "Chain",
    "DueItem",
    "DueOptions",
    "Event",
    "HistoryEntry",
    "LogResult",
    "OutreachBook",
    "OutreachReport",
    "Reach",
    "Stage",
    "due",
    "due_calendar",
    "edit",
    "find_person",
    "history",
    "load_due_options",
    "load_events",
    "outreach_report",
    "referral_tree",
]
