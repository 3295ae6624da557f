"""How strong an imported tie is: netmap's ``strength_estimate`` (1-5), never the user's ``strength``.

Everyone imported from a contacts export (LinkedIn connections, Google, Outlook, vCard),
and everyone messaged both ways on LinkedIn, is a direct tie of the user; how strong is
estimated from what the exports show. ``docs/import.md`` ("How strong is an imported
tie") explains the formula to users; :func:`estimate_tie` is the one place it lives.
"""

from __future__ import annotations

from datetime import date

#: A last exchange (or connection) at most this many days before today is recent.
RECENT_DAYS = 365


def estimate_tie(
    today: date,
    *,
    on_file: bool = False,
    messages: int = 0,
    reciprocal: bool = False,
    last_exchange: date | None = None,
    connected_on: date | None = None,
) -> int:
    """netmap's 1-5 estimate of a tie from an export.

    ``strength_estimate = min(5, 1 + on_file + frequency + reciprocity + recency)``:

    * on_file: 1 when an e-mail address or a phone number is on file for the person;
    * frequency: 0 for fewer than 3 LinkedIn messages, 1 for 3-9, 2 for 10 or more;
    * reciprocity: 1 when both sides reached out (``reciprocal``: a message, or an
      invitation with a personal note, each way);
    * recency: 1 when ``last_exchange`` (the last message or invitation), or else
      ``connected_on``, is at most :data:`RECENT_DAYS` days before ``today`` (a date
      after ``today`` counts as recent).

    Parameters
    ----------
    today : date
        The day recency is measured from (``--today``).
    on_file, messages, reciprocal, last_exchange, connected_on
        What the exports say about the person.

    Examples
    --------
    A LinkedIn connection from 2019, no messages, no e-mail; one connected this year;
    a Google contact with an e-mail; a recent, reciprocal correspondent:

    >>> from datetime import date
    >>> today = date(2026, 3, 1)
    >>> estimate_tie(today, connected_on=date(2019, 5, 1))
    1
    >>> estimate_tie(today, connected_on=date(2026, 2, 8))
    2
    >>> estimate_tie(today, on_file=True)
    2
    >>> estimate_tie(today, messages=12, reciprocal=True, last_exchange=date(2026, 2, 2))
    5
    >>> estimate_tie(today, on_file=True, messages=12, reciprocal=True,
    ...              last_exchange=date(2026, 2, 2))  # capped at 5
    5

    An old last message outweighs a recent connection date (it is only the fallback):

    >>> estimate_tie(today, messages=1, last_exchange=date(2020, 1, 1),
    ...              connected_on=date(2026, 2, 8))
    1
    """
    frequency = 2 if messages >= 10 else 1 if messages >= 3 else 0
    last = last_exchange or connected_on
    recency = 1 if last is not None and (today - last).days <= RECENT_DAYS else 0
    return min(5, 1 + int(on_file) + frequency + int(reciprocal) + recency)
