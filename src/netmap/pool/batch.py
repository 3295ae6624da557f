"""``netmap batch``: the K best people for every member and every target of a pool.

Each member's rows are exactly what ``netmap paths --as MEMBER`` ranks: the
member's view as columns (:func:`~netmap.pool.view.member_network`) and the columnar
ranking of ``paths`` - netmap's one core, run once per member. The engines differ only in
who runs it: this process (``local``) or Spark tasks (:mod:`netmap.pool.spark`).

Rows are the ``paths`` CSV columns plus ``member`` and ``member_name``, ordered by
member (as the members file lists them), target (as the targets file lists them), rank.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DataError, NotFoundError, Problem
from ..ranking import PATH_COLUMNS
from ..targets import Target
from .view import Pool, find_member, member_network

#: the columns of a batch result, in order
BATCH_COLUMNS = ("member", "member_name", *PATH_COLUMNS)
_INTS = ("rank", "hops", "inferred_hops")
_FLOATS = ("score", "warmth", "fit")


@dataclass(frozen=True, slots=True)
class BatchJob:
    """What to rank: members (ids, in order), targets (in order), and the ``paths`` options."""

    members: tuple[str, ...]
    targets: tuple[Target, ...]
    top: int = 5
    max_hops: int = 3
    today: date | None = None


def read_members(pool: Pool, path: str | Path) -> list[str]:
    """Member ids from a CSV with a ``member`` column of ids or names (first mention kept)."""
    from ..csvio import read_table

    table = read_table(path)
    problems = list(table.problems)
    if table.header and "member" not in table.columns:
        problems.append(Problem(str(path), table.header_line, "member", "missing required column 'member'",
                                "add a 'member' column of member ids or names"))  # fmt: skip
    if problems:
        raise DataError(problems)
    col = table.columns.index("member")
    out: dict[str, None] = {}
    for line, cells in table.rows:
        text = cells[col].strip()
        if not text:
            continue
        try:
            out.setdefault(find_member(pool, text))
        except NotFoundError as exc:
            raise NotFoundError(f"{path}:{line}: member: {exc}") from None
    if not out:
        raise DataError([Problem(str(path), None, "member", "no members listed", "add one member a row")])
    return list(out)


def read_batch_targets(pool: Pool, path: str | Path, *, today: date | None = None) -> tuple[list[Target], list[str]]:
    """Targets as ``paths --targets`` reads them (resolved on the pool's people), and skip messages."""
    from ..graph import build_graph
    from ..model import Dataset
    from ..targets import read_targets, resolve_target

    people = Dataset(pool.dataset.contacts, [], aliases=dict(pool.dataset.aliases))  # targets need people only
    G = build_graph(people, weights=pool.weights, today=today, inferred=False)
    return read_targets(functools.partial(resolve_target, G), path)


def typed(row: dict) -> dict:
    """A result row with the types both engines and both file formats share."""
    out: dict[str, object] = {}
    for key in BATCH_COLUMNS:
        value = row.get(key)
        if key in _INTS:
            out[key] = None if value in (None, "") else int(value)
        elif key in _FLOATS:
            out[key] = float(value or 0.0)
        else:
            out[key] = "" if value is None else str(value)
    return out


def rank_member(pool: Pool, member: str, job: BatchJob) -> list[dict]:
    """Every target's top rows for one member, in target then rank order (the one core)."""
    from ..fastpath import rank_paths_in

    # the member's view as columns, read once; each target ranked by the columnar search of `paths`
    net = member_network(pool, member, job.today or date.today())
    name = pool.member_name(member)
    rows = []
    for target in job.targets:
        for r in rank_paths_in(net, target, max_hops=job.max_hops, top=job.top):
            rows.append(typed({"member": member, "member_name": name, **r.as_row()}))
    return rows


def rank_batch_local(pool: Pool, job: BatchJob, *, progress: Callable[[int, int], None] | None = None
                     ) -> Iterator[dict]:  # fmt: skip
    """Rows for every member in order, one member at a time; ``progress(done, total)`` after each."""
    for n, member in enumerate(job.members, 1):
        yield from rank_member(pool, member, job)
        if progress:
            progress(n, len(job.members))


def write_batch(rows: Sequence[dict], out: str | Path, *, safe: bool = True) -> None:
    """Write rows to ``out``: Parquet for ``.parquet``, else CSV (cells neutralised unless ``safe=False``).

    Both are written to a temporary file beside ``out`` and renamed.
    """
    out = Path(out)
    if out.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(list(rows), schema=arrow_schema())
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
        return
    from ..csvio import write_csv

    write_csv(out, BATCH_COLUMNS, ([r[c] for c in BATCH_COLUMNS] for r in rows), safe=safe)


def arrow_schema():
    """The Arrow schema of a batch result (shared by the Parquet output and Spark)."""
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string())
                      for c in BATCH_COLUMNS])  # fmt: skip
