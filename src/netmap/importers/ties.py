"""netmap's 1-5 ``strength_estimate`` of every direct tie an import touches, with its reason.

Direct: read from a contacts export, messaged both ways, or already estimated. The
formula is :func:`netmap.importers.estimate.estimate_tie`; ``connected_on`` and
``last_contact`` are filled on the way. Rows the run says nothing about are left alone.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from ..loading import parse_date
from ..normalize import linkedin_slug, split_list
from .estimate import estimate_tie
from .identity import Index
from .linkedin import Correspondent, Signals
from .results import Merge, MergePlan, Record

#: Sources that may hold a phone number, which counts in the estimate but is not stored.
_ADDRESS_BOOKS = frozenset({"google", "outlook", "vcard"})


def later(a: str, b: str) -> str:
    """The later of two dates as written (``a`` when ``b`` is not a date)."""
    try:
        return b if parse_date(b) > parse_date(a) else a
    except ValueError:
        return a or b


def lookup(signals: Signals, rec: Record) -> Correspondent | None:
    v = rec.values
    return signals.lookup(linkedin_slug(v.get("linkedin_url", "")), v.get("name", ""))


def _date(text: str) -> date | None:
    try:
        return parse_date(text) if text.strip() else None
    except ValueError:
        return None


def _on_file(rec: Record) -> bool | None:
    """Is an e-mail or a phone number on file? None when unknown: the row came from an
    address book not read this time, and phone numbers are not stored."""
    if rec.phone or split_list(rec.values.get("email", "")):
        return True
    before = set()
    if rec.row is not None:
        before = {s.casefold() for s in split_list(rec.row.get("source"))}
    return None if (before & _ADDRESS_BOOKS) - rec.sources else False


def _estimate(rec: Record, person: Correspondent | None, today: date, exchanges_known: bool) -> int:
    """The person's strength_estimate from what this run knows about them.

    netmap stores neither phone numbers nor messages, so a run that does not read them
    (no messages.csv; an address book the person came from is not among the files)
    cannot tell whether they counted last time: the estimate already in contacts.csv
    is kept when it lies between the lowest and the highest value this run allows,
    and moved to the nearest of the two otherwise. A run that sees everything gives
    the exact value.
    """
    connected = rec.connected or _date(rec.values.get("connected_on", ""))
    seen: dict[str, Any] = {
        "messages": person.messages if person else 0,
        "reciprocal": person.reciprocal if person else False,
        "last_exchange": person.last if person else None,
    }
    on_file = _on_file(rec)
    low = estimate_tie(today, on_file=bool(on_file), connected_on=connected, **seen)
    if not exchanges_known:  # more messages, both ways, recent: all possible
        seen = {"messages": 10, "reciprocal": True, "last_exchange": today}
    high = estimate_tie(today, on_file=on_file is not False, connected_on=connected, **seen)
    stored = rec.values.get("strength_estimate", "").strip()
    if low == high or stored not in ("1", "2", "3", "4", "5"):
        return low
    return min(max(int(stored), low), high)


def _why(rec: Record, person: Correspondent | None, before: str, after: str) -> str:
    """The reason printed for an updated row: the estimate, its change and its evidence."""
    evidence = []
    if _on_file(rec):
        evidence.append("e-mail or phone on file")
    if person is not None:
        n, k = person.messages, len(person.interactions) - person.messages
        counts = [f"{n} message{'' if n == 1 else 's'}"] if n else []
        counts += [f"{k} invitation{'' if k == 1 else 's'}"] if k else []
        way = "reciprocal" if person.reciprocal else "one-way"
        evidence.append(f"{', '.join(counts)}, {way}, last {person.last}")
    elif rec.values.get("connected_on"):
        evidence.append(f"connected {rec.values['connected_on']}")
    change = f"{before} -> {after}" if before and before != after else after
    return f"estimate {change}: " + ", ".join(evidence) if after else ", ".join(evidence)


def estimate_ties(signals: Signals, work: Index, today: date, plan: MergePlan, exchanges_known: bool) -> None:
    """Give every direct tie of this run its strength_estimate; fill connected_on and
    last_contact. Direct: read from a contacts export, messaged both ways, or already
    estimated. Rows this run says nothing about are left alone."""
    watched = ("strength_estimate", "connected_on", "last_contact")
    for rec in work.recs:
        v = rec.values
        person = lookup(signals, rec) if signals else None
        if not (rec.sources or person):
            continue
        before = {col: v.get(col, "") for col in watched}
        if person is not None:
            last = later(v.get("last_contact", ""), person.last.isoformat())
            if last != v.get("last_contact", ""):
                rec.set("last_contact", last)
        if rec.connected and rec.connected.isoformat() != v.get("connected_on", ""):
            rec.set("connected_on", rec.connected.isoformat())
        stored = before["strength_estimate"]
        if rec.sources or stored or (person is not None and person.messaged_both_ways):
            plan.estimated += 1
            estimate = str(_estimate(rec, person, today, exchanges_known))
            if estimate != stored:
                rec.set("strength_estimate", estimate)
        changed = [col for col in watched if v.get(col, "") != before[col]]
        if changed and rec.row is not None:
            files = list(rec.files)
            if person is not None:
                for i in person.interactions:
                    name = os.path.basename(i.file)
                    if name not in files:
                        files.append(name)
            reason = _why(rec, person, stored, v.get("strength_estimate", ""))
            plan.updated.append(Merge(v["name"], rec.where, ", ".join(files), reason, changed))
