"""The library's front door: a data folder opened once, every question asked of it.

:func:`open_network` finds the files (:class:`~netmap.folder.DataFolder`), reads
netmap.toml and companies.csv, and returns a :class:`Network`. Its methods are the
CLI's commands, returning the same dataclasses the CLI prints, writes as CSV/JSON and
draws; ``.graph()`` is the scored networkx graph for notebooks and exports.

>>> net = open_network("sample_data", today="2026-11-15")
>>> best = net.paths("Halcyon Maps", office="Lisbon", top=1)[0]
>>> best.path_text, round(best.score, 3)
('You > Afonso Pires > Inês Carvalho', 0.204)
>>> [row.name for row in net.ask("Halcyon Maps", office="Lisbon", top=2)]
['Afonso Pires', 'Daniel Costa']
>>> net.explain("ines carvalho").name
'Inês Carvalho'
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NotFoundError
from .folder import DataFolder
from .model import ME

if TYPE_CHECKING:
    import networkx as nx

    from .fastpath import ColumnNetwork
    from .maps import MapData
    from .model import Dataset
    from .people import PersonResolver
    from .ranking import Explanation, Introducer, Mutual, RankedPath
    from .stats import NetworkStats
    from .targets import Target
    from .to_rate import RatingAdvice
    from .weights import Weights

__all__ = ["Network", "open_network"]

PathLike = str | os.PathLike[str]


def open_network(
    folder: PathLike | None = None,
    *,
    contacts: PathLike | None = None,
    introductions: PathLike | None = None,
    config: PathLike | None = None,
    today: date | str | None = None,
    encoding: str | None = None,
    member: str | None = None,
) -> Network:
    """Open a data folder (default ``$NETMAP_DATA``, else the current folder).

    ``contacts`` / ``introductions`` name files elsewhere; ``config`` a netmap.toml other
    than the folder's; ``today`` (a date or ``YYYY-MM-DD``) makes answers reproducible;
    ``member`` (an id or name) asks a pooled folder (``netmap pool``) as that member.
    Problems in netmap.toml raise :class:`~netmap.errors.ConfigError` here; problems in the
    CSV files raise :class:`~netmap.errors.DataError` at the first question.
    """
    from .loading import parse_date
    from .weights import load_weights

    where = DataFolder.locate(folder, contacts, introductions)
    if config is None and where.config.exists():
        config = where.config
    when = parse_date(today) if isinstance(today, str) else today
    config_path = Path(config) if config else None
    return Network(where, load_weights(config_path), today=when, encoding=encoding, member=member, config=config_path)


class Network:
    """A data folder and how to read it; answers are computed on demand.

    Every question starts from the columns (:meth:`columns`, read once): straight from
    the files when the vectorised checks vouch for them, else from the validating loader's
    rows, which reports every problem exactly as ``netmap check`` does. Every question is
    answered from the columns, on a graph of just the paths or people it reports; the whole
    scored graph (:meth:`graph`) is built only for notebooks and the whole-network maps.
    """

    def __init__(self, where: DataFolder, weights: Weights, *, today: date | None = None,
                 encoding: str | None = None, member: str | None = None,
                 config: Path | None = None):  # fmt: skip
        self.where = where
        self.weights = weights
        self.today = today
        self.encoding = encoding
        #: wraps columnar reading; the CLI hides pandas from pyarrow there (a process-wide choice)
        self.reading: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext
        #: the pool member the questions are asked as (a pooled folder only)
        self.member = member
        #: the netmap.toml read (None: the defaults); a pool's own weights are read from it too
        self.config = config
        self._graphs: dict[bool, nx.Graph] = {}
        self._columns: ColumnNetwork | None = None
        self._dataset: Dataset | None = None

    def __repr__(self) -> str:
        return f"Network({str(self.where.folder)!r})"

    # -- reading -------------------------------------------------------------------------------

    def dataset(self) -> Dataset:
        """The validated rows (:class:`~netmap.model.Dataset`); DataError lists every problem."""
        if self._dataset is None:
            from .loading import load_folder

            self._dataset = load_folder(self.where, encoding=self.encoding)
        return self._dataset

    def own_records(self) -> Dataset:
        """The rows the user recorded: :meth:`dataset`, or asked as a pool member, the member's
        own view without what the other members recorded (their referral tree)."""
        if self.member is None:
            return self.dataset()
        from .pool import member_view

        return member_view(self._pool(), self.member, others=False)

    def _read_aliases(self) -> dict[str, str]:
        from .fastpath import read_aliases

        return read_aliases(self.where.aliases, encoding=self.encoding)

    def pool_members(self) -> list[str] | None:
        """The members' names when the folder is a pool (``netmap pool``), else None."""
        from .pool import is_pool, load_pool

        if not is_pool(self.where.folder):
            return None
        pool = load_pool(self.where.folder, config=self.config, encoding=self.encoding)
        names = pool.dataset.by_id()
        return [names[m].name for m in pool.members]

    def columns(self) -> ColumnNetwork:
        """The network as columns (:class:`~netmap.fastpath.ColumnNetwork`), read once: straight
        from the files when the vectorised checks vouch for them, else from the loader's
        validated rows (which raises DataError with every problem); a pool member's view from
        the pool's rows."""
        if self._columns is None:
            from .fastpath import ColumnNetwork, Unsupported

            net = None
            with self.reading():
                if self.member is not None:
                    from .pool import member_network

                    net = member_network(self._pool(), self.member, self.today or date.today())
                elif not (self.where.introductions_named and not self.where.introductions.exists()):
                    try:
                        net = ColumnNetwork.from_files(self.where.contacts, self.where.introductions,
                                                       self._read_aliases(), self.weights, self.today or date.today(),
                                                       self.encoding)  # fmt: skip
                    except Unsupported:
                        net = None
                    if net is not None and not net.one_row_per_line:
                        net = None  # quoted line breaks: the loader knows each row's line
                if net is None:
                    net = ColumnNetwork.from_dataset(self.dataset(), self.weights, self.today or date.today())
            self._columns = net
        return self._columns

    def _pool(self):
        from .errors import NotFoundError
        from .pool import is_pool, load_pool

        if not is_pool(self.where.folder):
            raise NotFoundError(f"{self.where.folder} is not a pool, so there is no member '{self.member}' "
                                "- leave out --as, or pool folders with 'netmap pool'")  # fmt: skip
        return load_pool(self.where.folder, config=self.config, encoding=self.encoding)

    def graph(self, *, inferred: bool = True) -> nx.Graph:
        """The scored graph (see :func:`netmap.graph.build_graph`); ``inferred=False`` leaves out
        the groups (shared company, office, school) and the ties guessed through them."""
        if inferred not in self._graphs:
            from .fastpath import graph_of

            net = self.columns()
            with self.reading():
                self._graphs[inferred] = graph_of(net, inferred=inferred)
        return self._graphs[inferred]

    # -- questions -----------------------------------------------------------------------------

    def paths(self, company: str | Target, office: str | None = None, role: str | None = None, *, max_hops: int = 3,
              top: int | None = None, per_target: int = 1, max_per_introducer: int | None = None,
              prefer: str = "trust", include_cold: bool = True, inferred: bool = True) -> list[RankedPath]:  # fmt: skip
        """The people at ``company`` (``office``, ``role``) ranked by their warmest path from you
        (see :func:`netmap.ranking.rank_paths` for the options)."""
        from .fastpath import rank_paths_in

        net = self.columns()
        with self.reading():
            return rank_paths_in(net, company, office=office, role=role, max_hops=max_hops, top=top,
                                 per_target=per_target, max_per_introducer=max_per_introducer,
                                 prefer=prefer, include_cold=include_cold, inferred=inferred)  # type: ignore[arg-type]  # fmt: skip

    def paths_to_targets(self, targets_file: PathLike, **options: Any) -> tuple[list[RankedPath], list[str]]:
        """Rank every target of a CSV (company, office, role columns) together; also returns
        the lines skipped, as warnings."""
        from .fastpath import target_in
        from .ranking import rank_targets
        from .targets import read_targets

        net = self.columns()
        with self.reading():

            def resolve(company: str, **where: Any) -> Target:
                return target_in(net, company, **where)[0]

            targets, skipped = read_targets(resolve, targets_file, encoding=self.encoding)
        return rank_targets(lambda target: self.paths(target, **options), targets, top=options.get("top")), skipped

    def ask(self, company: str, office: str | None = None, role: str | None = None, *, max_hops: int = 3,
            top: int | None = None) -> list[Introducer]:  # fmt: skip
        """Your own contacts ranked by the paths they open into the target: who to ask first."""
        from .fastpath.introducers import rank_introducers_in

        net = self.columns()
        with self.reading():
            return rank_introducers_in(net, company, office=office, role=role, max_hops=max_hops, top=top)

    def to_rate(self, company: str, office: str | None = None, role: str | None = None, *, max_hops: int = 3,
                top: int | None = 5) -> list[RatingAdvice]:  # fmt: skip
        """Your unrated contacts whose stated strength would most change :meth:`ask`'s answer
        (``netmap ask --to-rate``; see :mod:`netmap.to_rate`)."""
        from .fastpath import graph_of
        from .to_rate import people_to_rate

        introducers = self.ask(company, office=office, role=role, max_hops=max_hops, top=None)
        net = self.columns()
        with self.reading():
            row = {pid: i for i, pid in enumerate(net.ids.to_pylist())}
            G = graph_of(net, inferred=False, rows=[row[r.person] for r in introducers])
        return people_to_rate(G, introducers, top=top)

    def mutual(self, a: str, b: str, *, inferred: bool = False) -> list[Mutual]:
        """People tied to both ``a`` and ``b`` (ids or names, found as every command finds people)."""
        import numpy as np

        from .fastpath import graph_of
        from .fastpath.walk import tied_to
        from .ranking import mutual

        net = self.columns()
        with self.reading():
            people = self._people(net)
            ends = [people.resolve(a), people.resolve(b)]
            node = [0 if pid == ME else net.ids.index(pid).as_py() + 1 for pid in ends]
            both = np.intersect1d(tied_to(net, node[0], inferred=inferred), tied_to(net, node[1], inferred=inferred))
            rows = [*(v - 1 for v in node if v), *(both[(both > 0) & (both <= net.n)] - 1).tolist()]
            return mutual(graph_of(net, inferred=inferred, rows=rows), *ends, inferred=inferred)

    def mutual_at(self, company: str, office: str | None = None) -> list[Mutual]:
        """Your contacts tied to someone at the target, by their best such tie."""
        from .fastpath import graph_of, target_in
        from .ranking import mutual_at

        net = self.columns()
        with self.reading():
            target, inside, _ = target_in(net, company, office=office)
            yours = net.pair_hi[net.pair_lo == 0] - 1  # your contacts' rows
            return mutual_at(graph_of(net, inferred=False, rows=[*yours.tolist(), *inside.tolist()]), target)

    def explain(self, person: str, company: str | None = None, office: str | None = None,
                role: str | None = None, *, k: int = 3, max_hops: int = 3) -> Explanation:  # fmt: skip
        """The best ``k`` paths to ``person``, hop by hop, with what would raise each hop."""
        from .fastpath import target_in
        from .fastpath.build import _node_id, paths_graph
        from .fastpath.target_search import best_routes
        from .ranking import explain
        from .search import Found

        net = self.columns()
        with self.reading():
            pid = self._people(net).resolve(person)
            if pid == ME:
                raise NotFoundError("that is you - name someone else to explain the paths to them")
            row = net.ids.index(pid).as_py()
            target = target_in(net, company, office=office, role=role)[0] if company else None
            routes = best_routes(net, row + 1, k=k, max_hops=max_hops)
            G = paths_graph(net, [r.nodes for r in routes], [row])
            found = [Found(r.cost, r.half_hops / 2, [_node_id(net, v) for v in r.nodes]) for r in routes]
            return explain(G, pid, company=target, k=k, max_hops=max_hops, routes=found)

    def map(self, *, company: str | None = None, office: str | None = None, role: str | None = None, top: int = 5,
            around: str | None = None, depth: int = 2, redact: bool = False, details: bool = False,
            max_hops: int = 3, seed: int = 0, title: str | None = None) -> MapData:  # fmt: skip
        """What ``netmap map`` draws (:class:`~netmap.maps.MapData`; ``netmap.maps.render_map``
        turns it into the offline HTML page): the whole network, the ranked paths to
        ``company``, or the people ``around`` someone (see :class:`~netmap.maps.MapOptions`
        for ``redact``, ``details``, ``seed`` and ``title``). Above :data:`MAP_PEOPLE` people
        a target map draws the part of the network around the answer, and says so."""
        from .maps import MapOptions, map_data

        options = MapOptions(redact=redact, details=details, seed=seed, title=title)
        if not company:
            return map_data(self.graph(), around=around, depth=depth, options=options)
        # the answer ranked from the columns; in a large network, drawn with the part around it
        ranked = self.paths(company, office, role, max_hops=max_hops, top=top)
        net = self.columns()
        G = self._graphs.get(True)
        if G is None and net.n > MAP_PEOPLE:
            from .fastpath import graph_of, target_in

            with self.reading():
                target, rows, m = target_in(net, company, office=office, role=role)
                G = graph_of(net, rows=_map_rows(net, ranked, target, rows, m["office_key"]))
            drawn = sum(1 for _, kind in G.nodes(data="kind") if kind == "person")
            note = (f"Drawn: {drawn:,} of {net.n:,} people - the paths, then people at {target.company_name} "
                    f"(the office first) and your contacts, up to {MAP_PEOPLE:,}; 'netmap map' without --company "
                    "draws everyone.")  # fmt: skip
            options = dataclasses.replace(options, note=note)
        return map_data(G if G is not None else self.graph(), company=company, office=office, role=role, top=top,
                        options=options, ranked=ranked, max_hops=max_hops)  # fmt: skip

    def _people(self, net: ColumnNetwork) -> PersonResolver:
        """The one person resolver over every person of the columns."""
        from .people import Person, PersonResolver

        def column(name: str) -> list[str]:
            return net.contacts.column(name).to_pylist() if name in net.contacts.column_names else [""] * net.n

        return PersonResolver((Person(*values) for values in zip(net.ids.to_pylist(), column("name"),
                                                                  column("company"), column("title"), strict=True)),
                              source=self.where.contacts.name)  # fmt: skip

    def stats(self, *, top: int = 5) -> NetworkStats:
        """Counts, strongest ties, brokers and companies of the network."""
        from .stats import network_stats

        net = self.columns()
        with self.reading():
            return network_stats(net, top=top)


#: a target map of a network larger than this draws only the part around the answer (about
#: this many people): the paths, the target's people (its office first) and your contacts
MAP_PEOPLE = 2000


def _map_rows(
    net: ColumnNetwork, ranked: list[RankedPath], target: Target, rows: Any, office_keys: list[str]
) -> list[int]:
    """The contact rows a large network's target map draws, most needed first, :data:`MAP_PEOPLE` of them
    (the people on the ranked paths always; graph_of adds the referrers their ties name)."""
    import numpy as np

    row_of = {pid: i for i, pid in enumerate(net.ids.to_pylist())}
    on_paths = [row_of[n] for r in ranked for n in (r.path or [r.person]) if n in row_of]
    at_office = [int(r) for r, k in zip(rows, office_keys, strict=True) if target.office and k == target.office]
    yours = (net.pair_hi[net.pair_lo == 0] - 1).tolist()
    keep = dict.fromkeys(on_paths)
    for more in (at_office, np.asarray(rows).tolist(), yours):
        for r in more:
            if len(keep) >= MAP_PEOPLE:
                return list(keep)
            keep.setdefault(r)
    return list(keep)
