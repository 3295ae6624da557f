"""Several targets (a CSV of company, office, role) ranked together."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import NotFoundError
from ..targets import Target
from .rows import RankedPath


def rank_targets(
    rank: Callable[[Target], list[RankedPath]], targets: list[Target], *, top: int | None = 20
) -> list[RankedPath]:
    """Rank the people at several targets together (``--targets FILE``).

    ``rank(target)`` ranks one target (with ``top`` and the other options already
    chosen, e.g. :meth:`netmap.Network.paths`). Each person appears once, under the
    target that scores them best. No target at all (every row named a company nobody
    in the network is at) is a NotFoundError.
    """
    if not targets:
        raise NotFoundError("none of the targets is a company in your network - check the names "
                            "against 'netmap companies'")  # fmt: skip
    best: dict[str, list[RankedPath]] = {}
    for target in dict.fromkeys(targets):  # the same target twice (e.g. by an alias) counts once
        rows_here: dict[str, list[RankedPath]] = {}
        for row in rank(target):
            rows_here.setdefault(row.person, []).append(row)
        for person, rows in rows_here.items():
            if person not in best or rows[0].score > best[person][0].score:
                best[person] = rows
    groups = sorted(best.values(), key=lambda rows: (rows[0].cold, -rows[0].score, rows[0].name))
    if top is not None:
        groups = groups[:top]
    rows = [r for group in groups for r in group]
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows
