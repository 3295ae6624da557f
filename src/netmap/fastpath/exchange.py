"""The records of an exchange file (GraphML, GEXF, JSON) straight from the columns.

:func:`exchange_records` gives the whole scored graph's nodes and edges as columns of plain
values (text, int, float, bool; null where a value is missing and left out), in the order
:func:`graph_of` and networkx would list them, without building the graph:
:mod:`netmap.exchange` writes them in chunks. Each tie's evidence is written in the words of
:func:`netmap.paths.evidence_text`, called once per distinct kind, strength, relationship,
date and status (names filled in by column), so 200,000 people take seconds.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.weights import Weights
>>> net = ColumnNetwork.from_dataset(Dataset([Contact("a", "Ana", strength=4)], []), Weights(), date(2026, 1, 1))
>>> records = exchange_records(net)
>>> [len(p) for p in records.nodes], len(records.edges)
([1, 1, 0], 1)
>>> dict(records.edges.columns)["evidence"].to_pylist()
['you know Ana (strength 4, no last contact)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ..model import ME, Evidence
from ..normalize import normalize_company, split_list
from .network import MEMBER_ROLES, ColumnNetwork
from .read import _col

#: Evidence kinds by their code in :attr:`ColumnNetwork.piece_kind` (as ``_evidence_objects`` names them).
KINDS = ("direct", "introduction", "introduced")
_SRC, _DST = "\x00source\x00", "\x00target\x00"  # placeholder names: no text cell holds a NUL


@dataclass
class Part:
    """Records that share their attributes, in one order: nodes (``ids``) or edges (``source``
    and ``target``, node numbers: positions in the concatenated node parts).

    ``columns`` holds ``(name, pyarrow array)`` pairs in the attributes' order; a null value is
    an attribute that record leaves out.
    """

    columns: list[tuple[str, Any]]
    ids: Any = None
    source: np.ndarray | None = None
    target: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.columns[0][1]) if self.columns else 0


@dataclass
class ExchangeRecords:
    """Nodes (parts in node order: you, people, groups) and edges (in ``G.edges()`` order)."""

    nodes: list[Part]
    edges: Part
    today: date
    #: attribute types, by name, for each scope: "node" and "edge"
    types: dict[str, dict[str, type]] = field(default_factory=dict)


def exchange_records(net: ColumnNetwork) -> ExchangeRecords:
    """The scored graph of :func:`~netmap.fastpath.graph_of` (with its groups) as exchange records:
    dates as ISO text, lists joined by ``"; "``, warmth rounded to 6 places, and on each tie its
    ``kind``, ``inferred``, ``evidence`` (sentences joined by ``" | "``), ``directions``,
    ``statuses`` and ``role``."""
    import pyarrow as pa

    nodes = [
        Part([("kind", pa.array(["user"])), ("name", pa.array(["You"])), ("label", pa.array(["You"]))],
             ids=pa.array([ME])),
        _people(net),
        _groups(net),
    ]  # fmt: skip
    edges = _edges(net)
    types: dict[str, dict[str, type]] = {"node": {}, "edge": {}}
    for scope, parts in (("node", nodes), ("edge", [edges])):
        for part in parts:
            for name, values in part.columns:
                types[scope].setdefault(name, _py_type(values.type))
    return ExchangeRecords(nodes, edges, net.today, types)


def _py_type(arrow_type) -> type:
    import pyarrow as pa

    if pa.types.is_boolean(arrow_type):
        return bool
    if pa.types.is_integer(arrow_type):
        return int
    if pa.types.is_floating(arrow_type):
        return float
    return str


# -- nodes ------------------------------------------------------------------------------------


def _by_value(column, fn) -> Any:
    """``fn`` of every value of a text column, computed once per distinct value."""
    import pyarrow as pa

    encoded = column.dictionary_encode()
    return pa.array([fn(v) for v in encoded.dictionary.to_pylist()], pa.string()).take(encoded.indices)


def _ints(column) -> Any:
    """A text column of whole numbers as int64, null where empty."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column).cast(pa.int64())


def _iso(table, name: str) -> Any:
    """A date column as ISO text (null where empty, or all null when the file has no such column)."""
    import pyarrow as pa

    codes, days = _encode(_date_column(table, name))
    text = [None if d is None else d.isoformat() for d in days]
    return pa.array(text, pa.string()).take(pa.array(codes))


def _people(net: ColumnNetwork) -> Part:
    """Each contact's node attributes, as :func:`netmap.graph.person_attrs` sets them."""
    import pyarrow as pa

    c = net.contacts

    def text(name: str):
        return _col(c, name).fill_null("")

    def joined(name: str):
        return _by_value(text(name), lambda v: "; ".join(split_list(v)))

    name = text("name")
    columns = [
        ("kind", pa.repeat("person", net.n)), ("name", name), ("label", name), ("company", text("company")),
        ("company_key", pa.array(net.person_key.tolist() if net.n else [], pa.string())), ("title", text("title")),
        ("office", text("office")), ("office_key", _by_value(text("office"), normalize_company)),
        ("email", text("email")), ("linkedin_url", text("linkedin_url")), ("relationship", text("relationship")),
        ("strength", _ints(text("strength"))), ("last_contact", _iso(c, "last_contact")),
        ("strength_estimate", _ints(text("strength_estimate"))), ("connected_on", _iso(c, "connected_on")),
        ("past_companies", joined("past_companies")), ("tags", joined("tags")), ("school", text("school")),
        ("notes", text("notes")),
    ]  # fmt: skip
    return Part(columns, ids=net.ids)


def _groups(net: ColumnNetwork) -> Part:
    """The group nodes (company, office, school), numbered and labelled as :func:`graph_of` adds them."""
    import pyarrow as pa

    infos = [net.group_info(gi) for gi in range(net.n_groups)]
    label = pa.array([i[2] for i in infos], pa.string())
    columns = [("kind", pa.repeat("group", len(infos))), ("group", pa.array([i[1] for i in infos], pa.string())),
               ("name", label), ("label", label), ("size", pa.array(net.group_size, pa.int64()))]  # fmt: skip
    return Part(columns, ids=pa.array([i[0] for i in infos], pa.string()))


# -- edges ------------------------------------------------------------------------------------


def _rounded(values: np.ndarray) -> Any:
    """``round(v, 6)`` of each value, exactly as Python rounds: numpy's ``rint(v * 1e6) / 1e6``
    is that value (the division is correctly rounded) unless ``v * 1e6`` lies so near a half
    that its own rounding may have crossed it: those few go through Python's ``round``."""
    import pyarrow as pa

    scaled = values * 1e6
    out = np.rint(scaled) / 1e6
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    near |= ~(np.abs(values) < 1e3)  # v * 1e6 within 1e-7 of its true value below 1e3 (NaN too)
    if near.any():
        out[near] = [round(float(v), 6) for v in values[near].tolist()]
    return pa.array(out)


def _joined(offsets: np.ndarray, values, separator: str) -> Any:
    """The values of each list (``offsets`` into ``values``) joined by ``separator``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values), separator)


def _edges(net: ColumnNetwork) -> Part:
    """Every edge: the ties between people (you included), with their evidence in words, and
    each person's ties to their groups (inferred), in the order ``G.edges()`` lists them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    by_tie = np.lexsort((net.piece_order, net.piece_key))  # each tie's pieces, in build_graph's order
    bounds = np.append(np.searchsorted(net.piece_key[by_tie], net.pair_key), len(by_tie))
    ties, members = len(net.pair_key), len(net.member_person)
    # networkx lists an edge from its earlier node, in the order that node's edges were added:
    # ties in the order of their first evidence (graph_of), then memberships
    added = net.piece_order[by_tie[bounds[:-1]]] if ties else np.zeros(0, np.int64)
    lo = np.concatenate([net.pair_lo, net.member_person]).astype(np.int64)
    hi = np.concatenate([net.pair_hi, net.member_group]).astype(np.int64)
    order = np.lexsort((np.concatenate([added, added.max(initial=0) + 1 + np.arange(members)]), lo))
    # the pieces of every edge in that order (a membership has none)
    count = np.concatenate([np.diff(bounds), np.zeros(members, np.int64)])[order]
    offsets = np.concatenate([[0], np.cumsum(count)])
    start = np.concatenate([bounds[:-1], np.zeros(members, np.int64)])[order]
    pieces = by_tie[np.repeat(start - offsets[:-1], count) + np.arange(offsets[-1])]
    kinds = net.piece_kind[pieces]

    def within(mask: np.ndarray) -> np.ndarray:
        """Offsets of each edge's pieces that ``mask`` keeps."""
        return np.concatenate([[0], np.cumsum(mask)])[offsets]

    node_ids = pa.concat_arrays([pa.array([ME]), net.ids])
    rows = net.piece_row[pieces]
    intro, said = kinds == 1, kinds != 0  # an introduction's direction; a status (a direct tie has none)
    ends = [node_ids.take(pa.array(e)) for e in (net.intro_src[rows[intro]], net.piece_b[pieces][intro])]
    bits = np.zeros(ties + members, np.int64)  # the kinds on each edge (bit k: KINDS[k]); 0 for a membership
    if ties:
        bits[count > 0] = np.bitwise_or.reduceat(1 << kinds.astype(np.int64), offsets[:-1][count > 0])
    named = ("; ".join(sorted(KINDS[k] for k in range(3) if m >> k & 1)) for m in range(1, 8))
    kind_text = pa.array(["member", *named])
    roles = pa.concat_arrays([pa.repeat("", ties), _roles(net)]).take(pa.array(order))
    columns = [
        ("warmth", _rounded(np.concatenate([net.pair_warmth, net.member_warmth])[order])),
        ("kind", kind_text.take(pa.array(bits))), ("inferred", pa.array(order >= ties)),
        ("evidence", _joined(offsets, _sentences(net, pieces), " | ")),
        ("directions", _joined(within(intro), pc.binary_join_element_wise(ends[0], ends[1], ">"), "; ")),
        ("statuses", _joined(within(said), net.status.take(pa.array(rows[said], pa.int64())), "; ")),
        ("role", roles),
    ]  # fmt: skip
    return Part(columns, source=lo[order], target=hi[order])


def _sentences(net: ColumnNetwork, pieces: np.ndarray) -> Any:
    """Each piece of evidence as :func:`netmap.paths.evidence_text` words it.

    The words depend on the names at either end and on a few values with few distinct
    combinations (kind, relationship, strength, date, status, estimated): the sentence is
    made once per combination with placeholder names, then the names are put in by column.
    """
    import networkx as nx
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..paths import evidence_text, name_of

    c, r = net.contacts, net.intros
    kinds, rows = net.piece_kind[pieces], net.piece_row[pieces]
    direct, intro = kinds == 0, kinds == 1

    def field(for_direct, for_intros, intros: np.ndarray, default: Any) -> tuple[np.ndarray, list]:
        """Per piece, a code into the returned values: from the contact row of a direct tie,
        from the introduction row of the ``intros`` pieces, else ``default``."""
        d_codes, d_values = for_direct if for_direct is not None else (np.zeros(0, np.int64), [])
        i_codes, i_values = for_intros if for_intros is not None else (np.zeros(0, np.int64), [])
        values = [*d_values, *i_values, default]
        code = np.full(len(pieces), len(values) - 1, np.int64)
        if for_direct is not None:
            code[direct] = d_codes[rows[direct]]
        if for_intros is not None:
            code[intros] = len(d_values) + i_codes[rows[intros]]
        return code, values

    stated = pc.if_else(pc.equal(_col(c, "strength"), ""), _col(c, "strength_estimate"), _col(c, "strength"))
    fields = [
        field(_encode(_col(c, "relationship")), None, intro, ""),
        field(_encode(stated), _encode(_col(r, "strength")), intro, ""),
        field(_encode(pc.coalesce(_date_column(c, "last_contact"), _date_column(c, "connected_on"))),
              _encode(_date_column(r, "date")), ~direct, None),
        field(None, _encode(net.status), ~direct, ""),
        field((net.estimated.astype(np.int64), [False, True]), None, intro, False),
    ]  # fmt: skip
    key = kinds.astype(np.int64)
    for code, values in fields:
        key = key * len(values) + code
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    probe: nx.Graph = nx.Graph(today=net.today)
    probe.add_nodes_from([("s", {"name": _SRC}), ("t", {"name": _DST})])
    templates = []
    for p in first.tolist():
        rel, s, when, status, estimated = (values[code[p]] for code, values in fields)
        e = Evidence(KINDS[int(kinds[p])], "s", "t", 0.0, when, status, int(s) if s else None, rel, 0, estimated)
        templates.append(re.split(f"({_SRC}|{_DST})", evidence_text(probe, e)))
    # the names at either end: you (for a direct tie or an introduction by you), or the person's
    sources = np.zeros(len(pieces), np.int64)
    sources[~direct] = net.intro_src[rows[~direct]]
    ends = {_SRC: sources, _DST: net.piece_b[pieces].astype(np.int64)}
    names = pa.concat_arrays([pa.array([name_of(probe, ME)]), _col(c, "name").fill_null(""), pa.array([""])])
    parts = []
    for i in range(5):  # literal, name, literal, name, literal
        cells = [t[i] if i < len(t) else "" for t in templates]
        if i % 2 == 0:
            parts.append(pa.array(cells, pa.string()).take(pa.array(inverse)))
            continue
        node = np.full(len(pieces), len(names) - 1)  # no name: ""
        for mark, end in ends.items():
            here = np.array([cell == mark for cell in cells], bool)[inverse]
            node[here] = end[here]
        parts.append(names.take(pa.array(node)))
    return pc.binary_join_element_wise(*parts, "")


def _encode(column) -> tuple[np.ndarray, list]:
    """Integer codes of a column's values (nulls too) and the distinct values (None for null)."""
    encoded = column.dictionary_encode(null_encoding="encode")
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist()


def _date_column(table, name: str) -> Any:
    """A date32 column of a table, all null when the file has none."""
    import pyarrow as pa

    if name in table.column_names and pa.types.is_date(table.column(name).type):
        return table.column(name).combine_chunks()
    return pa.nulls(table.num_rows, pa.date32())


def _roles(net: ColumnNetwork) -> Any:
    """Each membership's role as text."""
    import pyarrow as pa

    return pa.array(MEMBER_ROLES, pa.string()).take(pa.array(net.member_role))
