"""A pool seen from one member: the member is "me", their own ties are the direct ties.

:func:`member_view` turns the pooled folder into the :class:`~netmap.model.Dataset`
the member's own folder would give, plus what the pool adds:

* the member's rows of ``ties.csv`` are their direct ties (as in their own folder);
* every other member is a direct tie of the kind ``pool_member`` (warmth:
  ``[pool] member_warmth`` in the pool's netmap.toml), unless the member rated them;
* another member's tie to a person is a tie between the two: an introduction row
  from that member to the person (its strength, its date);
* the member's own introductions are theirs ("me"); another member's introductions
  are ties between referrer and contact, never introductions of this member: their
  status gets :data:`~netmap.model.MEMBER_STATUS_PREFIX` (scored as a suggested one).

So netmap's one ranking core ranks a member's paths unchanged: :func:`member_network`
(the view as columns, with whose record each introduction is, so that the evidence
reads "Rui Costa referred Ana Lima to Inês Carvalho", never "referred you"), then
``rank_paths_in``, or :func:`member_graph` and ``rank_paths``, ``explain`` or a map.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, DataError, NotFoundError, Problem
from ..model import ME, MEMBER_STATUS_PREFIX, POOL_MEMBER, TIE_STATUS, Contact, Dataset, Introduction
from ..weights import Weights, load_weights
from .build import MEMBER_COLUMN, MEMBER_WARMTH, TIES_FILE
from .consent import CONFIG

if TYPE_CHECKING:
    import numpy as np

    from ..fastpath import ColumnNetwork

#: how another member's introduction scores in a member's view, by its status: as a suggested one
#: (made, met and thanked introduced that member, not you) or as it is; declined and no_response
#: keep their own status (they penalise the tie and the referrer's track record)
_SCORED_AS = {"suggested": "suggested", "requested": "requested", "made": "suggested", "met": "suggested",
              "thanked": "suggested"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Tie:
    """One row of ``ties.csv``: ``member`` knows ``person`` directly."""

    member: str
    person: str
    relationship: str = ""
    strength: int | None = None
    strength_estimate: int | None = None
    last_contact: date | None = None
    connected_on: date | None = None


@dataclass
class Pool:
    """A pooled folder read once: its people, ties, introductions, members and weights."""

    folder: Path
    dataset: Dataset
    ties: list[Tie]
    members: list[str]
    weights: Weights

    def member_name(self, member: str) -> str:
        return self.member_names[member]

    @cached_property
    def member_names(self) -> dict[str, str]:
        """Members' names by id."""
        wanted = set(self.members)
        return {c.id: c.name for c in self.dataset.contacts if c.id in wanted}

    @cached_property
    def _member_keys(self) -> dict[str, list[str]]:
        """Member ids by the search key of their name (:func:`netmap.people.search_key`)."""
        from ..people import search_key

        keys: dict[str, list[str]] = {}
        for m, name in self.member_names.items():
            keys.setdefault(search_key(name), []).append(m)
        return keys

    def others_records(self) -> list[tuple[str, str, str, Introduction]]:
        """Every member's introductions and ties as another member sees them, computed once:
        (whose, end, other end, the introduction row in that view)."""
        return self._others

    @cached_property
    def _others(self) -> list[tuple[str, str, str, Introduction]]:
        records = []
        for i in self.dataset.introductions:
            # another member's introduction: a tie between referrer and contact, never "you were introduced"
            said = i.status or "suggested"
            status = MEMBER_STATUS_PREFIX + said if said in _SCORED_AS else said
            records.append((i.extra.get("member", ""), i.referrer, i.contact, replace(i, status=status)))
        for t in self.ties:
            strength = t.strength if t.strength is not None else t.strength_estimate
            row = Introduction(t.member, t.person, t.last_contact or t.connected_on, TIE_STATUS, strength,
                               extra={"member": t.member, "tie": "yes"})  # fmt: skip
            records.append((t.member, t.member, t.person, row))
        return records

    @cached_property
    def _rows(self) -> _Rows:
        return _Rows.of(self)

    @cached_property
    def _columns(self) -> _Columns:
        return _Columns(self)


def _strength(text: str, where: str, column: str) -> int | None:
    if not text:
        return None
    if text not in ("1", "2", "3", "4", "5"):
        raise DataError(
            [
                Problem(
                    where.split(":")[0],
                    int(where.split(":")[1]),
                    column,
                    f"'{text}' is not a strength 1-5",
                    "make the pool again with 'netmap pool'",
                )
            ]
        )
    return int(text)


def read_ties(path: Path, people: set[str]) -> list[Tie]:
    """The rows of a pool's ``ties.csv``; a row naming an unknown id is a DataError."""
    from ..csvio import read_table
    from ..loading import parse_date

    table = read_table(path)
    problems = list(table.problems)
    cols = table.columns
    missing = [c for c in ("member", "person") if table.header and c not in cols]
    if missing:
        problems.append(Problem(str(path), table.header_line, missing[0], f"missing column '{missing[0]}'",
                                "make the pool again with 'netmap pool'"))  # fmt: skip
    if problems:
        raise DataError(problems)
    ties = []
    for line, cells in table.rows:
        row = dict(zip(cols, (c.strip() for c in cells), strict=True))
        where = f"{path}:{line}"
        for end in ("member", "person"):
            if row[end] not in people:
                raise DataError([Problem(str(path), line, end, f"'{row[end]}' is not an id in contacts.csv",
                                         "make the pool again with 'netmap pool'")])  # fmt: skip
        dates = {}
        for column in ("last_contact", "connected_on"):
            try:
                dates[column] = parse_date(row[column]) if row.get(column) else None
            except ValueError as exc:
                raise DataError([Problem(str(path), line, column, str(exc), "write dates as YYYY-MM-DD")]) from None
        ties.append(Tie(row["member"], row["person"], row.get("relationship", ""),
                        _strength(row.get("strength", ""), where, "strength"),
                        _strength(row.get("strength_estimate", ""), where, "strength_estimate"),
                        dates["last_contact"], dates["connected_on"]))  # fmt: skip
    return ties


def pool_weights(folder: Path, config: Path | None = None) -> Weights:
    """The pool's weights: its netmap.toml (or ``config``), and the ``pool_member`` tie's warmth."""
    path = config or folder / CONFIG
    weights = load_weights(path if path.is_file() else None)
    warmth = MEMBER_WARMTH
    if path.is_file():
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("pool", {})
        value = section.get("member_warmth", MEMBER_WARMTH) if isinstance(section, dict) else MEMBER_WARMTH
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise ConfigError(f"{path}: pool.member_warmth: must be a number above 0 up to 1, got {value!r} "
                              "- fix the value")  # fmt: skip
        warmth = float(value)
    # another member's tie scores as a suggested introduction, worded as a tie; another member's
    # introduction ("member:met") scores as _SCORED_AS says
    status = {**weights.status, TIE_STATUS: weights.status["suggested"],
              **{MEMBER_STATUS_PREFIX + s: weights.status[a] for s, a in _SCORED_AS.items()}}  # fmt: skip
    return replace(weights, relationship={**weights.relationship, POOL_MEMBER: warmth}, status=status)


def is_pool(folder: str | Path) -> bool:
    """True when ``folder`` holds a pool made by ``netmap pool`` (it has a ties.csv)."""
    return (Path(folder) / TIES_FILE).is_file()


def load_pool(folder: str | Path, *, config: Path | None = None, encoding: str | None = None) -> Pool:
    """Read a pooled folder once (validated), for any number of member views."""
    from ..loading import load_dataset

    folder = Path(folder)
    if not is_pool(folder):
        raise ConfigError(f"{folder}: not a pool (no {TIES_FILE}) - make one with 'netmap pool MEMBER_DIR... -o "
                          f"{folder}'")  # fmt: skip
    ds = load_dataset(folder, encoding=encoding)
    ids = {c.id for c in ds.contacts}
    members = [c.id for c in ds.contacts if c.extra.get(MEMBER_COLUMN, "").strip().lower() == "yes"]
    return Pool(folder, ds, read_ties(folder / TIES_FILE, ids), members, pool_weights(folder, config))


def find_member(pool: Pool, text: str) -> str:
    """The id of the member named ``text`` (an id, or a name ignoring case and accents)."""
    from ..people import search_key

    names = pool.member_names
    if text in names:
        return text
    hits = pool._member_keys.get(search_key(text), [])
    if len(hits) == 1:
        return hits[0]
    shown = list(names.values())
    names_text = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
    if len(hits) > 1:
        raise NotFoundError(f"'{text}' names {len(hits)} members of the pool {pool.folder} - use the id: "
                            f"{', '.join(hits)}")  # fmt: skip
    raise NotFoundError(f"'{text}' is not a member of the pool {pool.folder} - members: {names_text}")


def _tied(c: Contact, tie: Tie) -> Contact:
    """Person ``c`` as a direct tie of the member who recorded ``tie``."""
    return replace(c, relationship=tie.relationship, strength=tie.strength, strength_estimate=tie.strength_estimate,
                   last_contact=tie.last_contact, connected_on=tie.connected_on)  # fmt: skip


def _as_member(c: Contact) -> Contact:
    """Member ``c`` as another member sees them (unless that member rated them)."""
    return replace(c, relationship=POOL_MEMBER)


@dataclass(frozen=True, slots=True)
class _Rows:
    """The pool's people, ties and records as row numbers (computed once per pool): what a member's
    view is chosen by. A person is their row in contacts.csv; a text that is no id is -1."""

    tie_member: np.ndarray
    tie_person: np.ndarray
    member_rows: np.ndarray
    intro_whose: np.ndarray
    intro_contact: np.ndarray
    others_whose: np.ndarray
    others_a: np.ndarray
    others_b: np.ndarray
    row_of: dict[str, int]

    @classmethod
    def of(cls, pool: Pool) -> _Rows:
        """Made once per pool: ``pool._rows``."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        ids = [c.id for c in pool.dataset.contacts]
        row_of = {c: r for r, c in enumerate(ids)}
        value_set = pa.array(ids, pa.string())

        def rows(texts) -> np.ndarray:
            found = pc.index_in(pa.array(list(texts), pa.string()), value_set=value_set)
            return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)

        others = pool.others_records()
        return cls(rows(t.member for t in pool.ties), rows(t.person for t in pool.ties), rows(pool.members),
                   rows(i.extra.get("member", "") for i in pool.dataset.introductions),
                   rows(i.contact for i in pool.dataset.introductions), rows(o[0] for o in others),
                   rows(o[1] for o in others), rows(o[2] for o in others), row_of)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Choice:
    """What one member sees of the pool, as row numbers (see :func:`_choose`)."""

    #: each person of the view, in order: a row of contacts.csv (as it is), ``n + j`` (the person of tie
    #: ``j``, as :func:`_tied` makes them) or ``n + len(ties) + k`` (member ``k``, as :func:`_as_member`)
    people: np.ndarray
    #: the member's own introductions: rows of introductions.csv
    own: np.ndarray
    #: the other members' records: rows of :meth:`Pool.others_records`
    others: np.ndarray


def _choose(pool: Pool, me: str, *, others: bool = True) -> _Choice:
    """The rows of the pool that member ``me`` (an id) sees (the rules of :func:`member_view`)."""
    import numpy as np

    rows = pool._rows
    n, me_row = len(pool.dataset.contacts), rows.row_of[me]
    people = np.arange(n, dtype=np.int64)
    people[rows.member_rows] = n + len(pool.ties) + np.arange(len(rows.member_rows))
    # the member's own ties: a person's last row counts (a later row rates them anew)
    mine = np.flatnonzero(rows.tie_member == me_row)[::-1]
    _, last = np.unique(rows.tie_person[mine], return_index=True)
    people[rows.tie_person[mine[last]]] = n + mine[last]
    people = np.delete(people, me_row)
    own = np.flatnonzero((rows.intro_whose == me_row) & (rows.intro_contact != me_row))
    if others:
        seen = np.flatnonzero((rows.others_whose != me_row) & (rows.others_a != me_row) & (rows.others_b != me_row))
    else:
        seen = np.zeros(0, np.int64)
    return _Choice(people, own, seen)


def _own_introductions(pool: Pool, me: str, choice: _Choice) -> list[Introduction]:
    """The member's own introductions as their view has them: theirs are "me"'s."""
    rows = pool.dataset.introductions
    return [replace(i, referrer=ME) if i.referrer == me else i for i in (rows[r] for r in choice.own.tolist())]


def member_view(pool: Pool | str | Path, member: str, *, others: bool = True) -> Dataset:
    """The pool as ``member`` (an id or name) sees it: the Dataset their ranking runs on.

    ``others=False`` leaves out what the other members recorded: the member's own
    introductions only (who gave *them* whose name: ``netmap map --referrals --as``).

    >>> from netmap.model import Contact, Dataset
    >>> ds = Dataset([Contact("p1", "Ana", extra={"pool_member": "yes"}),
    ...               Contact("p2", "Bo", extra={"pool_member": "yes"}), Contact("p3", "Cy")], [])
    >>> pool = Pool(Path("."), ds, [Tie("p2", "p3", strength=4)], ["p1", "p2"], Weights())
    >>> view = member_view(pool, "Ana")
    >>> [(c.id, c.relationship) for c in view.contacts]
    [('p2', 'pool_member'), ('p3', '')]
    >>> [(i.referrer, i.contact, i.strength) for i in view.introductions]
    [('p2', 'p3', 4)]
    """
    if not isinstance(pool, Pool):
        pool = load_pool(pool)
    me = find_member(pool, member)
    choice = _choose(pool, me, others=others)
    people, ties, rows = pool.dataset.contacts, pool.ties, pool._rows
    n, t = len(people), len(ties)
    contacts = [people[r] if r < n else _tied(people[rows.tie_person[r - n]], ties[r - n]) if r < n + t
                else _as_member(people[rows.member_rows[r - n - t]]) for r in choice.people.tolist()]  # fmt: skip
    records = pool.others_records()
    intros = _own_introductions(pool, me, choice) + [records[r][3] for r in choice.others.tolist()]
    return Dataset(contacts, intros, pool.dataset.contacts_path, pool.dataset.introductions_path,
                   dict(pool.dataset.aliases))  # fmt: skip


class _Columns:
    """The pool as columns, once per pool (and per Spark worker, which keeps its Pool): every
    person a view can hold (as they are, as each tie's person, as each member seen by another)
    and every other member's record, with whose it is; a member's view takes rows of them."""

    def __init__(self, pool: Pool) -> None:
        import numpy as np
        import pyarrow as pa

        from ..fastpath.dataset_columns import contact_columns, introduction_columns

        rows, people = pool._rows, pool.dataset.contacts
        shown = [*people, *(_tied(people[p], t) for p, t in zip(rows.tie_person.tolist(), pool.ties, strict=True)),
                 *(_as_member(people[r]) for r in rows.member_rows.tolist())]  # fmt: skip
        self.people = contact_columns(shown)
        self.people_lines = np.array([c.line for c in shown], np.int64)
        del shown
        records = pool.others_records()
        self.others = introduction_columns([r[3] for r in records])
        self.others_lines = np.array([r[3].line for r in records], np.int64)
        names = pool.member_names
        self.others_by = pa.array([names.get(r[0], "") for r in records], pa.string())


def member_network(pool: Pool, member: str, today: date) -> ColumnNetwork:
    """:func:`member_view` as columns (:class:`~netmap.fastpath.ColumnNetwork`) with the pool's weights,
    its introductions carrying ``recorded_by``: the name of the other member whose introduction or tie
    each row is ("" for the member's own), which the evidence words instead of "you".

    The columns are rows taken from the pool's columns (``pool._columns``, made once per pool), the
    rows :func:`member_view` chooses: the same table ``ColumnNetwork.from_dataset(member_view(...))``
    would hold, without a Python object per row."""
    import numpy as np
    import pyarrow as pa

    from ..fastpath import ColumnNetwork
    from ..fastpath.dataset_columns import introduction_columns

    me = find_member(pool, member)
    choice = _choose(pool, me)
    cols = pool._columns
    own = _own_introductions(pool, me, choice)
    take = pa.array(choice.others)
    intros = pa.concat_tables([introduction_columns(own), cols.others.take(take)]).combine_chunks()
    recorded_by = pa.concat_arrays([pa.array([""] * len(own), pa.string()), cols.others_by.take(take)])
    net = ColumnNetwork.from_columns(
        cols.people.take(pa.array(choice.people)).combine_chunks(), intros, dict(pool.dataset.aliases), pool.weights,
        today, contact_lines=cols.people_lines[choice.people],
        intro_lines=np.concatenate([np.array([i.line for i in own], np.int64), cols.others_lines[choice.others]]),
    )  # fmt: skip
    net.intros = net.intros.append_column("recorded_by", recorded_by)
    return net


def member_graph(pool: Pool, member: str, *, today: date | None = None, inferred: bool = True):
    """The scored graph of :func:`member_network` (as ``netmap.build_graph`` makes one, with the pool's weights)."""
    from ..fastpath import graph_of

    return graph_of(member_network(pool, member, today or date.today()), inferred=inferred)
