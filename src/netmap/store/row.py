"""A data row of a CSV file as netmap keeps it for editing (:class:`~netmap.store.CsvDocument`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..csvio import normalize_header

__all__ = ["StoredRow", "column_index"]


@dataclass(slots=True, eq=False)
class StoredRow:
    """One data row of a :class:`~netmap.store.CsvDocument`.

    ``cells`` are the fields in header order, as read (not stripped). ``line`` is the
    line the row starts on (1-based, the header is usually line 1; 0 for a row not yet
    saved). ``raw`` is the row's original text including its line ending, ``None``
    once netmap changed the row or for a new row.
    """

    cells: list[str]
    line: int = 0
    raw: str | None = None
    _header: list[str] = field(default_factory=list, repr=False)
    _fields: int = field(default=0, repr=False)  # how many fields ``raw`` holds

    @property
    def values(self) -> dict[str, str]:
        """The row as ``{header name: text}``; change it with :meth:`~netmap.store.CsvDocument.update`."""
        out: dict[str, str] = {}
        for i, name in enumerate(self._header):
            out.setdefault(name, self.cells[i] if i < len(self.cells) else "")
        return out

    def get(self, column: str, default: str = "") -> str:
        """The text of ``column`` (a header name or its normalised form), else ``default``."""
        index = column_index(self._header, column)
        return self.cells[index] if index is not None and index < len(self.cells) else default


def column_index(header: list[str], name: str) -> int | None:
    """Where ``name`` (a header name, or its normalised form) is in ``header``; None when absent."""
    if name in header:
        return header.index(name)
    wanted = normalize_header(name)
    for i, h in enumerate(header):
        if normalize_header(h) == wanted:
            return i
    return None
