"""Writing the scored graph for Gephi, Cytoscape or igraph (GraphML, GEXF, JSON).

GraphML and GEXF accept only str/int/float/bool attributes, so every value is
flattened: dates as ISO text, lists joined by ``"; "``; missing values are left out.
Each tie carries ``warmth``, ``kind``, ``inferred`` and its evidence as text.

The records come from the columns (:func:`netmap.fastpath.exchange.exchange_records`),
never from a networkx graph, and are written in chunks of rows formatted with pyarrow:
200,000 people take seconds and memory stays bounded. The files are the ones networkx's
writers would make of the graph (``nx.read_graphml``, ``nx.read_gexf`` and
``nx.node_link_graph`` read them back): same attributes, types, order and layout.

Every output is well-formed whatever the contacts hold: characters XML 1.0 cannot
carry (control characters) are written as ``\\xNN`` text in GraphML and GEXF; JSON
escapes them itself. GEXF follows the GEXF 1.2 schema: no ``name`` on ``<graph>``,
and ``lastmodifieddate`` is the network's ``today`` (``--today``), not the clock.

>>> import io
>>> from datetime import date
>>> from netmap.fastpath import ColumnNetwork
>>> from netmap.model import Contact, Dataset
>>> from netmap.weights import Weights
>>> net = ColumnNetwork.from_dataset(Dataset([Contact("a", "Ana & Bo", strength=4)], []), Weights(), date(2026, 1, 1))
>>> out = io.StringIO()
>>> write_exchange(net, "graphml", out)
>>> print(out.getvalue().splitlines()[-5])
      <data key="d14">you know Ana &amp; Bo (strength 4, no last contact)</data>
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .fastpath.exchange import ExchangeRecords, Part

EXCHANGE_FORMATS = ("graphml", "gexf", "json")

#: Rows formatted at a time: the memory a chunk takes, and how often progress is reported.
CHUNK = 100_000

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# the same characters for pyarrow's RE2 (UTF-8 text holds no surrogates)
_XML_ILLEGAL_RE2 = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}]"
# what ElementTree escapes in text, and in an attribute's value
_CDATA = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIB = (*_CDATA, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def xml_text(text: str) -> str:
    r"""``text`` with the characters XML 1.0 forbids written as ``\xNN`` (``\uNNNN``).

    >>> xml_text("Ana\x01 Lima\x1b[2J")
    'Ana\\x01 Lima\\x1b[2J'
    """
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _escape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """``text`` made XML-safe (:func:`xml_text`), then escaped as ElementTree escapes it."""
    text = xml_text(text)
    for char, entity in table:
        text = text.replace(char, entity)
    return text


def write_exchange(
    network: Any,
    fmt: str,
    target: str | os.PathLike[str] | TextIO | None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Write the scored graph as ``graphml``, ``gexf`` or ``json`` (node-link, as
    ``nx.node_link_data(G, edges="edges")`` gives it) to a path (atomically), a text stream,
    or stdout (``"-"`` or None).

    ``network`` is a :class:`~netmap.network.Network` or its
    :class:`~netmap.fastpath.ColumnNetwork`. ``progress(stage, done, total)`` hears of
    each chunk of records written when there is more than one.
    """
    from .fastpath.exchange import exchange_records

    if fmt not in EXCHANGE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(EXCHANGE_FORMATS)}")
    net = network.columns() if hasattr(network, "columns") else network
    records = exchange_records(net)
    chunks = {"graphml": _graphml, "gexf": _gexf, "json": _json}[fmt](records)
    total = sum(len(p) for p in records.nodes) + len(records.edges)

    def emit(stream: Any) -> None:
        sink = _Sink(stream)
        done = 0
        for piece in chunks:
            if isinstance(piece, int):  # records done: said every CHUNK records, and at the end
                if progress and total > CHUNK and ((done + piece) // CHUNK > done // CHUNK or done + piece == total):
                    progress(f"writing {fmt}", done + piece, total)
                done += piece
            else:
                sink.write(piece)
        sink.flush()

    if target is None or target == "-":
        emit(sys.stdout)
    elif isinstance(target, str | os.PathLike):
        from .writing import atomic_writer

        with atomic_writer(Path(target)) as stream:
            emit(stream)
    else:
        emit(target)


class _Sink:
    """Writes text and pyarrow string buffers to a text stream, through its bytes when it has them."""

    def __init__(self, stream: Any):
        self.stream = stream
        self.raw = getattr(stream, "buffer", None)
        if self.raw is not None:
            stream.flush()

    def write(self, piece: Any) -> None:
        if isinstance(piece, str):
            piece = piece.encode("utf-8")
        if self.raw is not None:
            self.raw.write(piece)
        else:
            self.stream.write(bytes(piece).decode("utf-8"))

    def flush(self) -> None:
        (self.raw if self.raw is not None else self.stream).flush()


def _buffer(rows: Any) -> memoryview:
    """The UTF-8 bytes of a pyarrow string array's values, one after the other (no copy)."""
    import numpy as np

    if len(rows) == 0:
        return memoryview(b"")
    rows = rows.cast("string") if str(rows.type) != "string" else rows
    _, offsets, data = rows.buffers()
    bounds = np.frombuffer(offsets, np.int32)[rows.offset : rows.offset + len(rows) + 1]
    return memoryview(data)[int(bounds[0]) : int(bounds[-1])] if data is not None else memoryview(b"")


# -- values as text ----------------------------------------------------------------------------


def _xml_column(values: Any, table: tuple[tuple[str, str], ...]) -> Any:
    """A text column made XML-safe and escaped for text (``_CDATA``) or an attribute (``_ATTRIB``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    bad = pc.match_substring_regex(values, _XML_ILLEGAL_RE2)
    if pc.any(bad).as_py():
        fixed = pa.array([xml_text(v) for v in pc.filter(values, bad).to_pylist()], pa.string())
        values = pc.replace_with_mask(values, bad, fixed)
    for char, entity in table:
        values = pc.replace_substring(values, char, entity)
    return values


def _json_column(values: Any) -> Any:
    """A text column as JSON strings (``json.dumps`` with ``ensure_ascii=False``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    quoted = pc.binary_join_element_wise('"', values, '"', "")
    special = pc.match_substring_regex(values, '["\\\\\\x00-\\x1f]')
    if pc.any(special).as_py():
        fixed = pa.array([json.dumps(v, ensure_ascii=False) for v in pc.filter(values, special).to_pylist()])
        quoted = pc.replace_with_mask(quoted, special, fixed)
    return quoted


def _floats(values: Any) -> Any:
    """A float column as Python writes each value (``repr``), once per distinct value."""
    import numpy as np
    import pyarrow as pa

    numbers = values.to_numpy(zero_copy_only=False)
    unique, inverse = np.unique(numbers, return_inverse=True)
    return pa.array([repr(float(v)) for v in unique.tolist()], pa.string()).take(pa.array(inverse.ravel()))


def _texts(values: Any, kind: str) -> Any:
    """The values of one column as text for ``kind``: "cdata", "attrib" (XML) or "json";
    nulls stay null. Booleans as Python writes them in GraphML, in lower case elsewhere."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = values.type
    if pa.types.is_boolean(t):
        return pc.if_else(values, "True", "False") if kind == "cdata" else pc.if_else(values, "true", "false")
    if pa.types.is_integer(t):
        return values.cast(pa.string())
    if pa.types.is_floating(t):
        return _floats(values)
    if kind == "json":
        return _json_column(values)
    return _xml_column(values, _CDATA if kind == "cdata" else _ATTRIB)


# -- what is declared up front -----------------------------------------------------------------


def _declared(parts: list[Part], skip: tuple[str, ...] = ()) -> list[str]:
    """Attribute names in the order networkx first meets them (record by record)."""
    import numpy as np

    seen: dict[str, tuple[int, int]] = {}
    start = 0
    for part in parts:
        for j, (name, values) in enumerate(part.columns):
            if name in skip or len(values) == 0 or values.null_count == len(values):
                continue
            first = 0 if values.null_count == 0 else int(np.argmax(values.is_valid().to_numpy(zero_copy_only=False)))
            seen[name] = min(seen.get(name, (start + first, j)), (start + first, j))
        start += len(part)
    return sorted(seen, key=seen.__getitem__)


def _node_ids(records: ExchangeRecords) -> tuple[Any, Any]:
    """(ids as they are, ids made XML-safe): distinct ids stay distinct (a ``_`` is added)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = pa.concat_arrays([p.ids for p in records.nodes])
    safe = _xml_column(ids, ())
    if pc.count_distinct(safe).as_py() < len(safe):  # two ids that differ only by a forbidden character
        taken: set[str] = set()
        unique = []
        for text in safe.to_pylist():
            while text in taken:
                text += "_"
            unique.append(text)
            taken.add(text)
        safe = pa.array(unique, pa.string())
    return ids, safe


def _chunks(part: Part) -> Iterator[tuple[int, int]]:
    for start in range(0, len(part), CHUNK):
        yield start, min(start + CHUNK, len(part))


def _body(part: Part, a: int, b: int, fragment: Callable[[str, Any], Any], skip: tuple[str, ...] = ()) -> Any:
    """Rows ``a:b`` of a part: each present attribute's fragment, joined (absent ones left out)."""
    import pyarrow.compute as pc

    pieces = [fragment(name, values.slice(a, b - a)) for name, values in part.columns if name not in skip]
    return pc.binary_join_element_wise(*pieces, "", null_handling="replace", null_replacement="")


def _record(head: Any, body: Any, close: str, empty: Any) -> Any:
    """``head + body + close`` per row, or the element ``empty`` when a row has no attributes."""
    import pyarrow.compute as pc

    full = pc.binary_join_element_wise(head, body, close, "")
    return pc.if_else(pc.equal(body, ""), empty, full)


# -- GraphML -----------------------------------------------------------------------------------

_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml(records: ExchangeRecords) -> Iterator[Any]:
    """GraphML as ``nx.write_graphml`` writes it: keys (newest first), nodes, edges."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys: dict[tuple[str, str], str] = {}
    for scope, parts in (("node", records.nodes), ("edge", [records.edges])):
        for name in _declared(parts):
            keys[(scope, name)] = f"d{len(keys)}"
    yield _GRAPHML_HEAD
    for (scope, name), key in reversed(keys.items()):
        kind = _XML_TYPES[records.types[scope][name]]
        yield f'  <key id="{key}" for="{scope}" attr.name="{_escape(name, _ATTRIB)}" attr.type="{kind}" />\n'
    yield '  <graph edgedefault="undirected">\n'
    _, safe = _node_ids(records)
    ids = _xml_column(safe, _ATTRIB)

    def fragment(scope: str):
        def data(name: str, values: Any) -> Any:
            text = _texts(values, "cdata")
            key = keys.get((scope, name), "")
            full = pc.binary_join_element_wise(f'      <data key="{key}">', text, "</data>\n", "")
            return pc.if_else(pc.equal(text, ""), f'      <data key="{key}" />\n', full)

        return data

    start = 0
    for part in records.nodes:
        for a, b in _chunks(part):
            node = pc.binary_join_element_wise('    <node id="', ids.slice(start + a, b - a), '"', "")
            body = _body(part, a, b, fragment("node"))
            yield _buffer(_record(pc.binary_join_element_wise(node, ">\n", ""), body, "    </node>\n",
                                  pc.binary_join_element_wise(node, " />\n", "")))  # fmt: skip
            yield b - a
        start += len(part)
    edges = records.edges
    for a, b in _chunks(edges):
        ends = [ids.take(pa.array(e[a:b])) for e in (edges.source, edges.target)]  # type: ignore[index]
        edge = pc.binary_join_element_wise('    <edge source="', ends[0], '" target="', ends[1], '"', "")
        body = _body(edges, a, b, fragment("edge"))
        yield _buffer(_record(pc.binary_join_element_wise(edge, ">\n", ""), body, "    </edge>\n",
                              pc.binary_join_element_wise(edge, " />\n", "")))  # fmt: skip
        yield b - a
    yield "  </graph>\n</graphml>\n"


# -- GEXF --------------------------------------------------------------------------------------

_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
)


def _gexf(records: ExchangeRecords) -> Iterator[Any]:
    """GEXF 1.2 as ``nx.write_gexf`` writes it, with the schema's rules on ``<graph>`` and
    ``<meta>`` (no graph name; the network's today as the date; netmap as the creator)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids_of: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    count = 0
    for scope, parts, skip in (("node", records.nodes, ("label",)), ("edge", [records.edges], ())):
        for name in _declared(parts, skip):
            ids_of[scope][name] = str(count)
            count += 1
    yield _GEXF_HEAD
    yield f'  <meta lastmodifieddate="{records.today.isoformat()}">\n    <creator>netmap</creator>\n  </meta>\n'
    yield '  <graph defaultedgetype="undirected" mode="static">\n'
    for scope in ("edge", "node"):  # networkx puts each new class first
        if ids_of[scope]:
            yield f'    <attributes mode="static" class="{scope}">\n'
            for name, number in ids_of[scope].items():
                kind = _XML_TYPES[records.types[scope][name]]
                yield f'      <attribute id="{number}" title="{_escape(name, _ATTRIB)}" type="{kind}" />\n'
            yield "    </attributes>\n"
    _, safe = _node_ids(records)
    ids = _xml_column(safe, _ATTRIB)

    def fragment(scope: str):
        def attvalue(name: str, values: Any) -> Any:
            number = ids_of[scope].get(name, "")
            return pc.binary_join_element_wise(f'          <attvalue for="{number}" value="', _texts(values, "attrib"),
                                               '" />\n', "")  # fmt: skip

        return attvalue

    open_values, close_values = "        <attvalues>\n", "        </attvalues>\n"
    yield "    <nodes>\n"
    start = 0
    for part in records.nodes:
        labels = dict(part.columns).get("label")
        for a, b in _chunks(part):
            node_ids = ids.slice(start + a, b - a)
            label = node_ids if labels is None else _texts(labels.slice(a, b - a), "attrib")
            node = pc.binary_join_element_wise('      <node id="', node_ids, '" label="', label, '"', "")
            body = _body(part, a, b, fragment("node"), ("label",))
            head = pc.binary_join_element_wise(node, ">\n" + open_values, "")
            empty = pc.binary_join_element_wise(node, " />\n", "")
            yield _buffer(_record(head, body, close_values + "      </node>\n", empty))
            yield b - a
        start += len(part)
    yield "    </nodes>\n"
    edges = records.edges
    yield "    <edges>\n" if len(edges) else "    <edges />\n"
    for a, b in _chunks(edges):
        ends = [ids.take(pa.array(e[a:b])) for e in (edges.source, edges.target)]  # type: ignore[index]
        number = pa.array(range(a, b), pa.int64()).cast(pa.string())
        edge = pc.binary_join_element_wise('      <edge source="', ends[0], '" target="', ends[1], '" id="', number,
                                           '"', "")  # fmt: skip
        body = _body(edges, a, b, fragment("edge"))
        head = pc.binary_join_element_wise(edge, ">\n" + open_values, "")
        empty = pc.binary_join_element_wise(edge, " />\n", "")
        yield _buffer(_record(head, body, close_values + "      </edge>\n", empty))
        yield b - a
    if len(edges):
        yield "    </edges>\n"
    yield "  </graph>\n</gexf>\n"


# -- JSON (node-link) --------------------------------------------------------------------------


def _json(records: ExchangeRecords) -> Iterator[Any]:
    """``json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=1)``, record
    by record (built here, so networkx 3.2, whose ``node_link_data`` lacks ``edges``, gives it too)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def field(name: str, values: Any) -> Any:
        return pc.binary_join_element_wise(f"   {json.dumps(name)}: ", _texts(values, "json"), "")

    def objects(fields: list[Any]) -> memoryview:
        """The objects of a chunk, separated by ``",\\n"``."""
        body = pc.binary_join_element_wise(*fields, ",\n", null_handling="skip")
        return _buffer(pc.binary_join_element_wise("  {\n", body, "\n  },\n", ""))[:-2]

    ids, _ = _node_ids(records)
    quoted = _json_column(ids)
    yield '{\n "directed": false,\n "multigraph": false,\n "graph": {},\n "nodes": ['
    start, first = 0, True
    for part in records.nodes:
        for a, b in _chunks(part):
            fields = [field(name, values.slice(a, b - a)) for name, values in part.columns]
            fields.append(pc.binary_join_element_wise('   "id": ', quoted.slice(start + a, b - a), ""))
            yield "\n" if first else ",\n"
            yield objects(fields)
            first = False
            yield b - a
        start += len(part)
    yield "\n ]" if not first else "]"
    yield ',\n "edges": ['
    edges, first = records.edges, True
    for a, b in _chunks(edges):
        fields = [field(name, values.slice(a, b - a)) for name, values in edges.columns]
        for label, e in (("source", edges.source), ("target", edges.target)):
            fields.append(pc.binary_join_element_wise(f'   "{label}": ', quoted.take(pa.array(e[a:b])), ""))  # type: ignore[index]
        yield "\n" if first else ",\n"
        yield objects(fields)
        first = False
        yield b - a
    yield "\n ]" if not first else "]"
    yield "\n}\n"
