"""Writing the scored graph for Gephi, Cytoscape or igraph (GraphML, GEXF, JSON).

The records come from the columns (:func:`netmap.fastpath.exchange.exchange_records`),
never from a networkx graph, and are written in chunks of rows formatted with pyarrow
(:mod:`netmap.exchange_formats`, which also says how values are flattened and kept
well-formed): 200,000 people take seconds and memory stays bounded. The files are the
ones networkx's writers would make of the graph.

>>> import io
>>> from datetime import date
>>> from netmap.fastpath import ColumnNetwork
>>> from netmap.model import Contact, Dataset
>>> from netmap.weights import Weights
>>> net = ColumnNetwork.from_dataset(Dataset([Contact("a", "Ana & Bo", strength=4)], []), Weights(), date(2026, 1, 1))
>>> out = io.StringIO()
>>> write_exchange(net, "graphml", out)
>>> print(*(line for line in out.getvalue().splitlines() if "you know" in line))
      <data key="d19">you know Ana &amp; Bo (strength 4, no last contact)</data>
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from . import exchange_formats as formats
from .exchange_formats import CHUNK
from .fastpath.text import xml_text

__all__ = ["CHUNK", "EXCHANGE_FORMATS", "write_exchange", "xml_text"]

EXCHANGE_FORMATS = tuple(formats.FORMATTERS)


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
    chunks = formats.FORMATTERS[fmt](records)
    total = sum(len(p) for p in records.nodes) + len(records.edges)

    def emit(stream: Any) -> None:
        from collections import deque
        from concurrent.futures import Future, ThreadPoolExecutor

        sink = _Sink(stream)
        done = 0
        # chunks are formatted two at a time (pyarrow and numpy let go of the GIL), written in order
        window: deque[tuple[Any, int]] = deque()

        def flush(keep: int) -> None:
            nonlocal done
            while window and (len(window) > keep or not isinstance(window[0][0], Future) or window[0][0].done()):
                item, count = window.popleft()
                sink.write(item.result() if isinstance(item, Future) else item)
                if count:  # records done: said every CHUNK records, and at the end
                    said, done = done // formats.CHUNK, done + count
                    if progress and total > formats.CHUNK and (done // formats.CHUNK > said or done == total):
                        progress(f"writing {fmt}", done, total)

        try:
            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="netmap-export") as pool:
                for piece in chunks:
                    window.append((pool.submit(piece[0]), piece[1]) if isinstance(piece, tuple) else (piece, 0))
                    flush(3)
                flush(0)
        except BaseException:
            sink.close(failed=True)
            raise
        sink.close()

    if target is None or target == "-":
        emit(sys.stdout)
    elif isinstance(target, str | os.PathLike):
        from .writing import atomic_writer

        with atomic_writer(Path(target)) as stream:
            emit(stream)
    else:
        emit(target)


class _Sink:
    """Writes text and pyarrow string buffers to a text stream. A stream with bytes underneath
    (a file, stdout) is written by a thread, so the next chunk is formatted while this one is
    written (and, to a file, sent on to the disk, which leaves little for the final fsync);
    its errors (a full disk, a closed pipe) are raised here, at the next write or at
    :meth:`close`."""

    def __init__(self, stream: Any):
        import queue
        import threading

        self.stream = stream
        self.raw = getattr(stream, "buffer", None)
        self.error: BaseException | None = None
        self.fd: int | None = None
        if self.raw is not None:
            stream.flush()
            try:
                fd = stream.fileno()
                self.fd = fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
            except (AttributeError, OSError, ValueError):  # no file underneath (a test's stream)
                pass
            self.queue: queue.Queue[Any] = queue.Queue(maxsize=4)
            self.thread = threading.Thread(target=self._run, name="netmap-export-writer", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while (piece := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.raw.write(piece)  # type: ignore[union-attr]
                    if self.fd is not None and len(piece) > 1 << 20:
                        self.raw.flush()  # type: ignore[union-attr]
                        os.fdatasync(self.fd)
                except BaseException as error:  # handed to the caller
                    self.error = error

    def write(self, piece: Any) -> None:
        if isinstance(piece, str):
            piece = piece.encode("utf-8")
        if self.raw is None:
            self.stream.write(bytes(piece).decode("utf-8"))
            return
        if self.error is not None:
            raise self.error
        self.queue.put(piece)

    def close(self, *, failed: bool = False) -> None:
        """Wait for what is queued, then flush (``failed``: the caller is raising; the thread
        is told to drop the rest, and not waited for: a stalled pipe must not hold up Ctrl-C)."""
        if self.raw is None:
            if not failed:
                self.stream.flush()
            return
        if failed:
            import queue

            self.error = self.error or RuntimeError("export stopped")
            while True:  # make room for the stop sign, dropping what was queued
                try:
                    self.queue.put_nowait(None)
                    return
                except queue.Full:
                    try:
                        self.queue.get_nowait()
                    except queue.Empty:  # the thread took it meanwhile
                        pass
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.raw.flush()
