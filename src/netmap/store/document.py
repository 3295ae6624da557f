"""Editing the data folder's CSV files without disturbing what netmap does not touch.

The CSV files stay the user's: they edit them in a spreadsheet or a text editor, add
columns and rows netmap knows nothing about. :class:`CsvDocument` reads a file,
lets netmap change a few cells or append rows, and writes it back so that

* every row netmap did not change, and the header unless a column was added, is
  written back byte for byte: same quoting, line endings, BOM, separator, encoding;
* changed and new rows are written with :mod:`csv` using the file's separator and
  line ending;
* a file that changed on disk since it was read is not overwritten
  (:class:`~netmap.errors.ConflictError`, exit 4);
* the write is atomic (a temporary file in the same folder, then :func:`os.replace`),
  so a crash or a kill mid-write leaves the old file whole; it happens under the
  folder's lock, and the replaced versions are kept as ``NAME.bak``, ``NAME.bak.2`` ...
  (:mod:`netmap.store.journal`). A symlink is written through to its target, and the
  file's mode is kept.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "contacts.csv"
>>> _ = path.write_bytes(b'id;name;Mood\\r\\nana;"Ana ""A"" Lima";happy\\r\\n')
>>> doc = CsvDocument.read(path)
>>> doc.delimiter, doc.newline, doc.rows[0].values["name"]
(';', '\\r\\n', 'Ana "A" Lima')
>>> _ = doc.append({"id": "bo", "name": "Bo"})
>>> doc.save()
>>> path.read_bytes()
b'id;name;Mood\\r\\nana;"Ana ""A"" Lima";happy\\r\\nbo;Bo;\\r\\n'
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..csvio import Table, _decode, _unclosed, read_regular, sniff_delimiter
from ..errors import ConflictError, DataError, Problem
from .journal import sha256
from .row import StoredRow, column_index

__all__ = ["CsvDocument", "StoredRow"]


def _ending(text: str) -> str:
    """The line ending a chunk of text finishes with ('' when none)."""
    if text.endswith("\r\n"):
        return "\r\n"
    if text.endswith(("\n", "\r")):
        return text[-1]
    return ""


class CsvDocument:
    """A CSV file as read from disk, editable without disturbing what netmap does not touch.

    Read one with :meth:`read` (or start a file that does not exist yet with
    :meth:`new`), change it with :meth:`update`, :meth:`append` and :meth:`add_column`,
    then :meth:`save`. Columns may be named as in the file (``Last Contact``) or in
    their normalised form (``last_contact``).

    Attributes: ``path``; ``header`` (the header names, trimmed); ``delimiter``;
    ``encoding`` (the codec, without the BOM); ``bom`` (the BOM bytes found, or
    ``b""``); ``newline`` (``"\\r\\n"`` or ``"\\n"``, as found); ``rows``
    (:class:`StoredRow`); ``sha256`` (of the bytes read, ``None`` for a new file).
    """

    def __init__(
        self,
        path: Path,
        header: list[str],
        *,
        delimiter: str = ",",
        encoding: str = "utf-8",
        newline: str = "\n",
        bom: bytes = b"",
    ):
        self.path = Path(path)
        self.header = list(header)
        self.delimiter = delimiter
        self.encoding = encoding
        self.newline = newline
        self.bom = bom
        self.rows: list[StoredRow] = []
        self.sha256: str | None = None
        # Everything in file order: text chunks (blank lines, the header) and rows.
        self._chunks: list[str | StoredRow] = []
        self._header_pos: int | None = None  # where the header's text is in _chunks; None: not yet written
        self._header_cells: list[str] = list(header)  # the header's fields as read (untrimmed)
        self._header_fields = len(header)  # fields in the header's text, empty trailing ones too
        self._added: list[str] = []  # columns added since the header was last written

    # -- reading -------------------------------------------------------------------------

    @classmethod
    def new(cls, path: str | os.PathLike[str], header: list[str], **kwargs) -> CsvDocument:
        """An empty document for a file that does not exist yet; :meth:`save` creates it.

        Saving fails with :class:`~netmap.errors.ConflictError` if the file appeared meanwhile.
        """
        doc = cls(Path(path), list(header), **kwargs)
        doc._chunks = []
        return doc

    @classmethod
    def read(cls, path: str | os.PathLike[str], *, encoding: str | None = None) -> CsvDocument:
        """Read ``path``; raise :class:`~netmap.errors.DataError` when it cannot be read as CSV.

        A missing file is a ``DataError`` too; use :meth:`new` to start one.
        """
        path = Path(path)
        name = str(path)
        data = read_regular(path)  # DataError for a missing, unreadable or non-regular file
        bom, codec, body = _split_bom(data, encoding)
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            problem = _decode(path, data, encoding)[2] or Problem(
                name, None, None, f"cannot be read as {codec}", "check the --encoding value"
            )
            raise DataError([problem]) from None
        if not text.strip():
            raise DataError([Problem(name, None, None, "file is empty", "add a header row, e.g. 'name,company'")])
        first_line = next(line for line in text.splitlines() if line.strip())
        first_break = next((line for line in io.StringIO(text, newline="") if _ending(line)), "")
        doc = cls(
            path,
            [],
            delimiter=sniff_delimiter(first_line),
            encoding=codec,
            newline="\r\n" if _ending(first_break) == "\r\n" else "\n",
            bom=bom,
        )
        doc.sha256 = sha256(data)
        doc._parse(text)
        return doc

    def _parse(self, text: str) -> None:
        name = str(self.path)
        lines = list(io.StringIO(text, newline=""))
        reader = csv.reader(iter(lines), delimiter=self.delimiter)
        previous_end = 0
        problems: list[Problem] = []
        try:
            for record in reader:
                start, previous_end = previous_end + 1, reader.line_num
                raw = "".join(lines[start - 1 : previous_end])
                if not any(cell.strip() for cell in record):
                    self._chunks.append(raw)
                    continue
                if self._header_pos is None:
                    self.header = [cell.strip() for cell in record]
                    while len(self.header) > 1 and not self.header[-1]:
                        self.header.pop()  # trailing separators after the last name, as read_table
                    self._header_cells = record[: len(self.header)]
                    self._header_fields = len(record)
                    self._header_pos = len(self._chunks)
                    self._chunks.append(raw)
                    continue
                width = len(self.header)
                fields = len(record)
                if len(record) > width and not any(c.strip() for c in record[width:]):
                    record = record[:width]
                if len(record) != width:
                    message = f"row has {len(record)} fields but the header has {width}"
                    hint = "quote any field that contains the separator, or add the missing fields"
                    problems.append(Problem(name, start, None, message, hint))
                    continue
                row = StoredRow(list(record), start, raw, self.header, fields)
                self.rows.append(row)
                self._chunks.append(row)
        except csv.Error as exc:
            problems.append(Problem(name, reader.line_num, None, f"unreadable CSV: {exc}", "fix the quoting"))
        last = self._chunks[-1] if self._chunks else None
        if isinstance(last, StoredRow) and last.raw and last.raw.count("\n") > 1:
            if _unclosed(text, last.line, self.delimiter):
                message = "a quote opened on this line is never closed"
                hint = 'close the quote, or double any " inside a quoted value ("")'
                problems.append(Problem(name, last.line, None, message, hint))
        if problems:
            raise DataError(problems)

    # -- editing -------------------------------------------------------------------------

    def column(self, name: str) -> str | None:
        """The header name for ``name`` (exact, or matching once normalised), None when absent.

        >>> CsvDocument(Path("x.csv"), ["Name", "Last Contact"]).column("last_contact")
        'Last Contact'
        """
        index = column_index(self.header, name)
        return None if index is None else self.header[index]

    def _index(self, name: str) -> int:
        index = column_index(self.header, name)
        if index is None:
            raise KeyError(f"{self.path.name} has no column '{name}'; call add_column first")
        return index

    def add_column(self, name: str) -> None:
        """Add a column at the end of the header (no-op when it exists); rows get it empty."""
        if self.column(name) is not None:
            return
        self.header.append(name)
        self._header_cells.append(name)
        self._added.append(name)

    def append(self, values: Mapping[str, str]) -> StoredRow:
        """Add a row at the end of the file; missing columns are empty."""
        cells = [""] * len(self.header)
        for key, value in values.items():
            cells[self._index(key)] = value
        row = StoredRow(cells, 0, None, self.header, len(cells))
        self.rows.append(row)
        self._chunks.append(row)
        return row

    def update(self, row: StoredRow, changes: Mapping[str, str]) -> None:
        """Change some cells of ``row``; it is rewritten on save only if a value really changed."""
        for key, value in changes.items():
            index = self._index(key)
            while len(row.cells) <= index:
                row.cells.append("")
            if row.cells[index] != value:
                row.cells[index] = value
                row.raw = None

    def table(self) -> Table:
        """The document as :meth:`save` would write it, as a :class:`~netmap.csvio.Table`.

        For the loader's parsers (:func:`netmap.loading.parse_contacts`), so an edit can be
        validated, and the ids the loader derives learnt, before anything is written.
        ``table().rows[i]`` is ``rows[i]``, numbered with the line it would be written on.
        """
        texts, owners = self._render()
        header_at = 0 if self._header_pos is None else self._header_pos
        width = len(self.header)
        rows: list[tuple[int, list[str]]] = []
        line = header_line = 1
        for i, (text, owner) in enumerate(zip(texts, owners, strict=True)):
            if i == header_at:
                header_line = line
            if owner is not None:
                rows.append((line, (owner.cells + [""] * width)[:width]))
            line += sum(1 for _ in io.StringIO(text, newline=""))
        return Table(self.path, list(self.header), rows, header_line, self.delimiter, self.encoding)

    @property
    def changed(self) -> bool:
        """True when saving would write something different from what was read."""
        return bool(self._added) or self.sha256 is None or any(r.raw is None for r in self.rows)

    # -- writing -------------------------------------------------------------------------

    def _format(self, cells: list[str]) -> str:
        # "\r\n" as the writer's terminator makes it quote a cell holding either character
        # (with "\n" alone it leaves a bare "\r" unquoted, which splits the row on reading).
        out = io.StringIO()
        csv.writer(out, delimiter=self.delimiter, lineterminator="\r\n").writerow(cells)
        return out.getvalue()[:-2] + self.newline

    def _pad(self, raw: str, fields: int) -> str:
        """``raw`` widened to the header by empty fields before its line ending."""
        missing = len(self.header) - fields
        if missing <= 0:
            return raw
        end = _ending(raw)
        return raw[: len(raw) - len(end)] + self.delimiter * missing + end

    def _pieces(self) -> Iterator[tuple[str, StoredRow | None]]:
        """The file's text in order, with the row each piece belongs to."""
        if self._header_pos is None:
            yield self._format(self._header_cells), None
        for i, chunk in enumerate(self._chunks):
            if isinstance(chunk, str):
                if (
                    i == self._header_pos and self._added and self._header_fields > len(self._header_cells)
                ):  # the header ends in empty names: write it anew
                    yield self._format(self._header_cells), None
                elif i == self._header_pos and self._added:
                    end = _ending(chunk)
                    new = self._format(self._added).rstrip("\r\n")
                    yield (
                        chunk[: len(chunk) - len(end)] + self.delimiter + new + (end or self.newline),
                        None,
                    )
                else:
                    yield chunk, None
            elif chunk.raw is not None:
                yield self._pad(chunk.raw, chunk._fields), chunk
            else:
                cells = chunk.cells + [""] * (len(self.header) - len(chunk.cells))
                yield self._format(cells), chunk

    def to_text(self) -> str:
        """The file's new text (without the BOM)."""
        return "".join(self._render()[0])

    def _render(self) -> tuple[list[str], list[StoredRow | None]]:
        texts: list[str] = []
        owners: list[StoredRow | None] = []
        for text, owner in self._pieces():
            if texts and not _ending(texts[-1]):
                texts[-1] += self.newline  # the old last line had no line ending
            texts.append(text)
            owners.append(owner)
        return texts, owners

    def to_bytes(self) -> bytes:
        """The bytes :meth:`save` would write."""
        text = self.to_text()
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            bad = text[exc.start : exc.end]
            raise DataError([Problem(
                str(self.path), None, None, f"'{bad}' cannot be stored in {self.encoding}",
                "save the file as UTF-8 (CSV UTF-8 in a spreadsheet) and run the command again",
            )]) from None  # fmt: skip

    def check_unchanged(self) -> None:
        """Raise :class:`~netmap.errors.ConflictError` if the file on disk is not what was read."""
        try:
            current: str | None = sha256(self.path.read_bytes())
        except FileNotFoundError:
            current = None
        if current != self.sha256:
            raise ConflictError(f"{self.path} changed on disk since netmap read it - re-run the command")

    def save(self, *, backup: bool = True) -> None:
        """Write the document back atomically under the folder's lock, keeping backups.

        The replaced version becomes ``NAME.bak`` (older ones ``NAME.bak.2`` ...; see
        :mod:`netmap.store.journal`). Raises :class:`~netmap.errors.ConflictError`
        (and writes nothing) when the file's bytes changed since :meth:`read`. To
        write several files together use :func:`netmap.store.transaction`.
        """
        from .transaction import save_all

        self.to_bytes()  # an encoding error before the lock is taken
        save_all([self], backup=backup)

    def _after_save(self, texts: list[str], owners: list[StoredRow | None], data: bytes) -> None:
        """Make the document describe the file just written, so it can be edited and saved again."""
        if self._header_pos is None:
            self._header_pos = 0
        self.sha256 = sha256(data)
        if self._added:
            self._header_fields = len(self.header)
        self._added = []
        self._chunks = []
        line = 1
        for text, owner in zip(texts, owners, strict=True):
            if owner is None:
                self._chunks.append(text)
            else:
                owner.raw, owner.line, owner._fields = text, line, len(self.header)
                self._chunks.append(owner)
            line += sum(1 for _ in io.StringIO(text, newline=""))

    def __repr__(self) -> str:
        return f"CsvDocument({str(self.path)!r}, {len(self.rows)} rows)"


def _split_bom(data: bytes, encoding: str | None) -> tuple[bytes, str, bytes]:
    """(BOM bytes, codec for the rest, the rest) of a file's bytes."""
    family = codecs.lookup(encoding).name if encoding and _known(encoding) else None
    if data.startswith(codecs.BOM_UTF8) and family in (None, "utf-8", "utf-8-sig"):
        return codecs.BOM_UTF8, "utf-8", data[3:]
    if family in (None, "utf-16"):
        if data.startswith(codecs.BOM_UTF16_LE):
            return codecs.BOM_UTF16_LE, "utf-16-le", data[2:]
        if data.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE, "utf-16-be", data[2:]
    return b"", encoding or "utf-8", data


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True
