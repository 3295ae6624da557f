"""A validated :class:`~netmap.model.Dataset`'s rows as the columns the files give: what
:meth:`~netmap.fastpath.ColumnNetwork.from_dataset` and a pool member's view build on."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Contact, Introduction


def _text(values):
    import pyarrow as pa

    return pa.array(list(values), pa.string())


def _number(values):
    return _text("" if v is None else str(v) for v in values)


def contact_columns(people: Sequence[Contact]):
    """The columns of validated :class:`~netmap.model.Contact` rows, as a pyarrow table
    (the files' columns: text, dates as date32)."""
    import pyarrow as pa

    return pa.table({
        "id": _text(p.id for p in people), "name": _text(p.name for p in people),
        "company": _text(p.company for p in people), "title": _text(p.title for p in people),
        "office": _text(p.office for p in people), "email": _text(p.email for p in people),
        "linkedin_url": _text(p.linkedin_url for p in people),
        "relationship": _text(p.relationship for p in people), "strength": _number(p.strength for p in people),
        "last_contact": pa.array([p.last_contact for p in people], pa.date32()),
        "strength_estimate": _number(p.strength_estimate for p in people),
        "connected_on": pa.array([p.connected_on for p in people], pa.date32()),
        "past_companies": _text(";".join(p.past_companies) for p in people),
        "tags": _text(";".join(p.tags) for p in people), "school": _text(p.school for p in people),
        "notes": _text(p.notes for p in people),
    })  # fmt: skip


def introduction_columns(rows: Sequence[Introduction]):
    """The columns of validated :class:`~netmap.model.Introduction` rows, as a pyarrow table."""
    import pyarrow as pa

    return pa.table({
        "referrer": _text(i.referrer for i in rows), "contact": _text(i.contact for i in rows),
        "date": pa.array([i.date for i in rows], pa.date32()), "status": _text(i.status for i in rows),
        "strength": _number(i.strength for i in rows),
    })  # fmt: skip
