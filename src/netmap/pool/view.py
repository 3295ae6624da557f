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
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, DataError, NotFoundError, Problem
from ..model import ME, MEMBER_STATUS_PREFIX, POOL_MEMBER, TIE_STATUS, Contact, Dataset, Introduction
from ..weights import Weights, load_weights
from .build import MEMBER_COLUMN, MEMBER_WARMTH, TIES_FILE
from .consent import CONFIG

if TYPE_CHECKING:
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
        return self._names()[member]

    def _names(self) -> dict[str, str]:
        """Members' names by id (computed once)."""
        cached = getattr(self, "_member_names", None)
        if cached is None:
            wanted = set(self.members)
            cached = {c.id: c.name for c in self.dataset.contacts if c.id in wanted}
            object.__setattr__(self, "_member_names", cached)
        return cached

    def others_records(self) -> list[tuple[str, str, str, Introduction]]:
        """Every member's introductions and ties as another member sees them, computed once:
        (whose, end, other end, the introduction row in that view)."""
        cached = getattr(self, "_others", None)
        if cached is None:
            cached = []
            for i in self.dataset.introductions:
                # another member's introduction: a tie between referrer and contact, never "you were introduced"
                said = i.status or "suggested"
                status = MEMBER_STATUS_PREFIX + said if said in _SCORED_AS else said
                cached.append((i.extra.get("member", ""), i.referrer, i.contact, replace(i, status=status)))
            for t in self.ties:
                strength = t.strength if t.strength is not None else t.strength_estimate
                row = Introduction(t.member, t.person, t.last_contact or t.connected_on, TIE_STATUS, strength,
                                   extra={"member": t.member, "tie": "yes"})  # fmt: skip
                cached.append((t.member, t.member, t.person, row))
            object.__setattr__(self, "_others", cached)
        return cached


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

    names = pool._names()
    if text in names:
        return text
    keys = getattr(pool, "_member_keys", None)
    if keys is None:
        keys = {}
        for m, name in names.items():
            keys.setdefault(search_key(name), []).append(m)
        object.__setattr__(pool, "_member_keys", keys)
    hits = keys.get(search_key(text), [])
    if len(hits) == 1:
        return hits[0]
    shown = list(names.values())
    names_text = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
    if len(hits) > 1:
        raise NotFoundError(f"'{text}' names {len(hits)} members of the pool {pool.folder} - use the id: "
                            f"{', '.join(hits)}")  # fmt: skip
    raise NotFoundError(f"'{text}' is not a member of the pool {pool.folder} - members: {names_text}")


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
    members = set(pool.members)
    mine = {t.person: t for t in pool.ties if t.member == me}
    contacts: list[Contact] = []
    for c in pool.dataset.contacts:
        if c.id == me:
            continue
        tie = mine.get(c.id)
        if tie is not None:
            c = replace(c, relationship=tie.relationship, strength=tie.strength,
                        strength_estimate=tie.strength_estimate,
                        last_contact=tie.last_contact, connected_on=tie.connected_on)  # fmt: skip
        elif c.id in members:
            c = replace(c, relationship=POOL_MEMBER)
        contacts.append(c)
    intros: list[Introduction] = []
    for i in pool.dataset.introductions:
        if i.extra.get("member", "") == me and i.contact != me:
            intros.append(replace(i, referrer=ME) if i.referrer == me else i)
    if others:
        intros += [row for whose, a, b, row in pool.others_records() if whose != me and me != a and me != b]
    return Dataset(contacts, intros, pool.dataset.contacts_path, pool.dataset.introductions_path,
                   dict(pool.dataset.aliases))  # fmt: skip


def member_network(pool: Pool, member: str, today: date) -> ColumnNetwork:
    """:func:`member_view` as columns (:class:`~netmap.fastpath.ColumnNetwork`) with the pool's weights,
    its introductions carrying ``recorded_by``: the name of the other member whose introduction or tie
    each row is ("" for the member's own), which the evidence words instead of "you"."""
    import pyarrow as pa

    from ..fastpath import ColumnNetwork

    me = find_member(pool, member)
    view = member_view(pool, me)
    net = ColumnNetwork.from_dataset(view, pool.weights, today)
    names = pool._names()
    whose = [i.extra.get("member", "") for i in view.introductions]
    net.intros = net.intros.append_column("recorded_by", pa.array([names.get(w, "") if w != me else ""
                                                                   for w in whose], pa.string()))  # fmt: skip
    return net


def member_graph(pool: Pool, member: str, *, today: date | None = None, inferred: bool = True):
    """The scored graph of :func:`member_network` (as ``netmap.build_graph`` makes one, with the pool's weights)."""
    from ..fastpath import graph_of

    return graph_of(member_network(pool, member, today or date.today()), inferred=inferred)
