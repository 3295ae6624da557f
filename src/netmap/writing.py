"""Writing files atomically, and CSV that a spreadsheet opens safely.

Files are written through a temporary file in the same folder and renamed into place,
so an interrupted write leaves the old file whole. CSV is UTF-8 and neutralises cells
that a spreadsheet would run as a formula. (The data folder's own files are written by
:mod:`netmap.store`, which adds a lock, a journal and backups.)
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import NetmapError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would treat as a formula (OWASP CSV injection).

    >>> neutralize("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> neutralize("Ana")
    'Ana'
    """
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def write_csv(
    target: str | os.PathLike[str] | io.TextIOBase | TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    safe: bool = True,
    bom: bool = False,
) -> None:
    """Write rows as UTF-8 CSV to a path (atomically) or an open text stream.

    With ``safe`` (the default) every cell that starts with ``= + - @``, tab, CR or
    LF is neutralised by a leading ``'``. ``bom`` adds a UTF-8 BOM for Excel.
    """

    def cells(row: Sequence[object]) -> list[str]:
        out = ["" if v is None else str(v) for v in row]
        return [neutralize(c) for c in out] if safe else out

    def emit(stream: Any) -> None:
        if bom:
            stream.write("\ufeff")
        # csv quotes a field only for the characters of its lineterminator: with "\n" a
        # lone "\r" inside a cell would go out unquoted and split the row on reading.
        # So write with "\r\n" (every CR/LF cell gets quoted) and end each row with "\n".
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")

        def put(values: list[str]) -> None:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(values)
            stream.write(buffer.getvalue()[:-2] + "\n")

        put([str(h) for h in header])
        for row in rows:
            put(cells(row))

    if isinstance(target, io.TextIOBase) or hasattr(target, "write"):
        emit(target)  # type: ignore[arg-type]
        return
    with atomic_writer(Path(target)) as stream:
        emit(stream)


class atomic_writer:
    """Write a text file through a temporary file in the same folder, then rename.

    An interrupted write leaves the old file untouched. A symlink is written through
    to its target and an existing file keeps its mode; a pipe or device (``-o
    /dev/stdout``) is written to directly. ``backup=True`` keeps the previous version
    as ``NAME.bak``. Every failure is one-line :class:`~netmap.errors.NetmapError`.
    """

    def __init__(self, path: Path, *, backup: bool = False, encoding: str = "utf-8"):
        self.path = Path(path)
        self.backup = backup
        self.encoding = encoding
        self.tmp: Path | None = None

    def _fail(self, why: str, hint: str) -> NetmapError:
        return NetmapError(f"cannot write {self.path}: {why} - {hint}")

    def __enter__(self) -> io.TextIOWrapper:
        real = Path(os.path.realpath(self.path))
        folder = real.parent
        if not folder.is_dir():
            raise self._fail(f"folder {self.path.parent} does not exist", "create it first")
        try:
            mode: int | None = real.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise self._fail(exc.strerror or "cannot be reached", "choose another -o path") from None
        if mode is not None and stat.S_ISDIR(mode):
            raise self._fail("it is a folder", "name a file")
        try:
            if mode is not None and not stat.S_ISREG(mode):  # a pipe or a terminal: no rename
                self.stream = open(real, "w", encoding=self.encoding, newline="")
                return self.stream
            fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=folder)
        except PermissionError:
            raise self._fail("permission denied", "choose another -o path") from None
        except OSError as exc:
            raise self._fail(exc.strerror or "cannot be written", "choose another -o path") from None
        # mkstemp makes the file private (0600): give it the mode the user would get
        if mode is not None:
            os.chmod(tmp, mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        self.real = real
        self.tmp = Path(tmp)
        self.stream = open(fd, "w", encoding=self.encoding, newline="")
        return self.stream

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.tmp is None:
            self.stream.close()
            return
        try:
            try:
                if exc_type is None:
                    self.stream.flush()
                    os.fsync(self.stream.fileno())
                self.stream.close()
            except OSError as error:  # e.g. the disk is full
                if exc_type is None:
                    hint = "free some space or choose another -o path"
                    raise self._fail(error.strerror or "write failed", hint) from None
                return
            if exc_type is not None:
                return
            if self.backup and self.real.exists():
                backup = self.path.with_name(self.path.name + ".bak")
                backup.write_bytes(self.real.read_bytes())
            os.replace(self.tmp, self.real)
        finally:
            if self.tmp.exists():
                self.tmp.unlink()
