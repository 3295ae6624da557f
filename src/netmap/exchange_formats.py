"""The three exchange formats (GraphML, GEXF, JSON node-link), cut into chunks of rows.

Each formatter turns the records (:func:`netmap.fastpath.exchange.exchange_records`) into
the file networkx's writers would make of the graph (``nx.read_graphml``, ``nx.read_gexf``
and ``nx.node_link_graph`` read them back): same attributes, types, order and layout. It
yields text and ``(format rows, records)`` pieces that :func:`netmap.exchange.write_exchange`
runs and writes in order; the rows are joined with pyarrow (:mod:`netmap.fastpath.text`).

GraphML and GEXF accept only str/int/float/bool attributes, so every value is
flattened: dates as ISO text, lists joined by ``"; "``; missing values are left out.
Each tie carries ``warmth``, ``kind``, ``inferred`` and its evidence as text.

Every output is well-formed whatever the contacts hold: characters XML 1.0 cannot
carry (control characters) are written as ``\\xNN`` text in GraphML and GEXF; JSON
escapes them itself. GEXF follows the GEXF 1.2 schema: no ``name`` on ``<graph>``,
and ``lastmodifieddate`` is the network's ``today`` (``--today``), not the clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .fastpath.text import ATTRIB, as_text, escape, join_rows, json_column, utf8_bytes, xml_column

if TYPE_CHECKING:
    from .fastpath.exchange import ExchangeRecords, Part

__all__ = ["CHUNK", "FORMATTERS"]

#: Rows formatted at a time: the memory a chunk takes, and how often progress is reported.
CHUNK = 100_000

_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


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
    safe = xml_column(ids, ())
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


def _ends(edges: Part, a: int, b: int) -> tuple[Any, Any]:
    """The node numbers of edges ``a:b``, as pyarrow arrays."""
    import pyarrow as pa

    assert edges.source is not None and edges.target is not None
    return pa.array(edges.source[a:b]), pa.array(edges.target[a:b])


def _chunks(
    records: ExchangeRecords,
    nodes: Callable[[Part, int, int, int], memoryview] | None,
    edges: Callable[[Part, int, int], memoryview] | None,
    between: str = "",
) -> Iterator[Any]:
    """The node chunks (``nodes(part, its first node number, a, b)`` formats rows ``a:b`` of a
    part) and the edge chunks, as ``(formatter, records)`` for :func:`~netmap.exchange.write_exchange` to run,
    with ``between`` between them (JSON's ``",\\n"``; then a newline comes before the first)."""
    from functools import partial

    first = True
    if nodes is not None:
        start = 0
        for part in records.nodes:
            for a in range(0, len(part), CHUNK):
                b = min(a + CHUNK, len(part))
                yield ("\n" if first else between) if between else ""
                yield partial(nodes, part, start, a, b), b - a
                first = False
            start += len(part)
    if edges is not None:
        for a in range(0, len(records.edges), CHUNK):
            b = min(a + CHUNK, len(records.edges))
            yield ("\n" if first else between) if between else ""
            yield partial(edges, records.edges, a, b), b - a
            first = False


# -- GraphML -----------------------------------------------------------------------------------

_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml(records: ExchangeRecords) -> Iterator[Any]:
    """GraphML as ``nx.write_graphml`` writes it: keys (newest first), nodes, edges."""
    import pyarrow.compute as pc

    keys: dict[tuple[str, str], str] = {}
    for scope, parts in (("node", records.nodes), ("edge", [records.edges])):
        for name in _declared(parts):
            keys[(scope, name)] = f"d{len(keys)}"
    yield _GRAPHML_HEAD
    for (scope, name), key in reversed(keys.items()):
        kind = _XML_TYPES[records.types[scope][name]]
        yield f'  <key id="{key}" for="{scope}" attr.name="{escape(name, ATTRIB)}" attr.type="{kind}" />\n'
    yield '  <graph edgedefault="undirected">\n'
    _, safe = _node_ids(records)
    ids = xml_column(safe, ATTRIB)

    def fields(part: Part, scope: str, a: int, b: int) -> list[tuple[str, Any, str, str | None]]:
        out: list[tuple[str, Any, str, str | None]] = []
        for name, values in part.columns:
            key = keys.get((scope, name), "")
            text = as_text(values.slice(a, b - a), "cdata")
            out.append((f'      <data key="{key}">', text, "</data>\n", f'      <data key="{key}" />\n'))
        return out

    def nodes(part: Part, start: int, a: int, b: int) -> memoryview:
        node = ids.slice(start + a, b - a)
        bare = pc.binary_join_element_wise('    <node id="', node, '" />\n', "")
        return utf8_bytes(
            join_rows(['    <node id="', node, '">\n'], fields(part, "node", a, b), "    </node>\n", bare)
        )

    def edges(part: Part, a: int, b: int) -> memoryview:
        source, target = (ids.take(e) for e in _ends(part, a, b))
        head = ['    <edge source="', source, '" target="', target, '">\n']
        bare = pc.binary_join_element_wise('    <edge source="', source, '" target="', target, '" />\n', "")
        return utf8_bytes(join_rows(head, fields(part, "edge", a, b), "    </edge>\n", bare))

    yield from _chunks(records, nodes, edges)
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
                yield f'      <attribute id="{number}" title="{escape(name, ATTRIB)}" type="{kind}" />\n'
            yield "    </attributes>\n"
    _, safe = _node_ids(records)
    ids = xml_column(safe, ATTRIB)

    def fields(part: Part, scope: str, a: int, b: int) -> list[tuple[str, Any, str, str | None]]:
        out: list[tuple[str, Any, str, str | None]] = []
        for name, values in part.columns:
            if name in ids_of[scope]:
                text = as_text(values.slice(a, b - a), "attrib")
                out.append((f'          <attvalue for="{ids_of[scope][name]}" value="', text, '" />\n', None))
        return out

    values_open, values_close = "        <attvalues>\n", "        </attvalues>\n"

    def nodes(part: Part, start: int, a: int, b: int) -> memoryview:
        labels = dict(part.columns).get("label")
        node = ids.slice(start + a, b - a)
        label = node if labels is None else as_text(labels.slice(a, b - a), "attrib")
        head = ['      <node id="', node, '" label="', label, '">\n' + values_open]
        bare = pc.binary_join_element_wise('      <node id="', node, '" label="', label, '" />\n', "")
        return utf8_bytes(join_rows(head, fields(part, "node", a, b), values_close + "      </node>\n", bare))

    def edges(part: Part, a: int, b: int) -> memoryview:
        source, target = (ids.take(e) for e in _ends(part, a, b))
        number = pa.array(range(a, b), pa.int64()).cast(pa.string())
        head = ['      <edge source="', source, '" target="', target, '" id="', number, '">\n' + values_open]
        bare = pc.binary_join_element_wise('      <edge source="', source, '" target="', target, '" id="', number,
                                           '" />\n', "")  # fmt: skip
        return utf8_bytes(join_rows(head, fields(part, "edge", a, b), values_close + "      </edge>\n", bare))

    yield "    <nodes>\n"
    yield from _chunks(records, nodes, None)
    yield "    </nodes>\n"
    yield "    <edges>\n" if len(records.edges) else "    <edges />\n"
    yield from _chunks(records, None, edges)
    if len(records.edges):
        yield "    </edges>\n"
    yield "  </graph>\n</gexf>\n"


# -- JSON (node-link) --------------------------------------------------------------------------


def _json(records: ExchangeRecords) -> Iterator[Any]:
    """``json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=1)``, record
    by record (built here, so networkx 3.2, whose ``node_link_data`` lacks ``edges``, gives it too)."""
    import pyarrow as pa

    def objects(part: Part, a: int, b: int, ends: list[tuple[str, Any]]) -> memoryview:
        """The objects of rows ``a:b``, separated by ``",\\n"`` (the first field, "kind", is never missing)."""
        assert part.columns[0][1].null_count == 0
        fields: list[tuple[str, Any, str, str | None]] = []
        for j, (name, values) in enumerate([*part.columns, *ends]):
            text = values if j >= len(part.columns) else as_text(values.slice(a, b - a), "json")
            quote = '"' if pa.types.is_string(values.type) else ""
            fields.append((f"{',' if j else ''}\n   {json.dumps(name)}: {quote}", text, quote, None))
        return utf8_bytes(join_rows(["  {"], fields, "\n  },\n"))[:-2]

    ids, _ = _node_ids(records)
    quoted = json_column(ids)  # the ids' JSON text, without quotes

    def nodes(part: Part, start: int, a: int, b: int) -> memoryview:
        return objects(part, a, b, [("id", quoted.slice(start + a, b - a))])

    def edges(part: Part, a: int, b: int) -> memoryview:
        source, target = _ends(part, a, b)
        return objects(part, a, b, [("source", quoted.take(source)), ("target", quoted.take(target))])

    yield '{\n "directed": false,\n "multigraph": false,\n "graph": {},\n "nodes": ['
    yield from _chunks(records, nodes, None, ",\n")
    yield "\n ]" if any(len(p) for p in records.nodes) else "]"
    yield ',\n "edges": ['
    yield from _chunks(records, None, edges, ",\n")
    yield "\n ]" if len(records.edges) else "]"
    yield "\n}\n"


#: Each format's formatter: records -> the file's pieces, in order.
FORMATTERS: dict[str, Callable[[ExchangeRecords], Iterator[Any]]] = {"graphml": _graphml, "gexf": _gexf, "json": _json}
