"""Reading contacts.csv and introductions.csv into columns, with the checks that can be vectorised.

Anything they cannot vouch for raises :class:`Unsupported`; the validating loader then reads
the files and reports every problem as ``netmap check`` does.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..cells import check_header
from ..csvio import normalize_header, sniff_delimiter
from ..graph import (
    recency_after,
)
from ..model import ME, RELATIONSHIPS, STATUSES
from ..weights import Weights

STRENGTHS = ("", "1", "2", "3", "4", "5")


class Unsupported(Exception):
    """These files need the full validating loader (it will report any problem exactly)."""


def _read(
    path: Path, known: tuple[str, ...], required: tuple[str, ...], encoding: str | None, dates: tuple[str, ...] = ()
):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if encoding and encoding.replace("_", "-").lower() not in ("utf-8", "utf8", "utf-8-sig"):
        raise Unsupported("encoding")
    if not path.is_file() or path.stat().st_size == 0:
        raise Unsupported("missing or empty")
    with path.open("rb") as f:
        head = f.read(65536)
    try:  # the header ends at the first newline, as for the CSV parsers (not at \f or \v)
        first = head.decode("utf-8-sig", errors="strict").split("\n", 1)[0].removesuffix("\r")
    except UnicodeDecodeError:
        raise Unsupported("header") from None
    delimiter = sniff_delimiter(first)
    if "\r" in first:
        raise Unsupported("line break inside the header")  # the loader says where
    header = next(csv.reader([first], delimiter=delimiter), [])
    if not header or any(h != normalize_header(h) for h in header) or check_header(header, known, required):
        raise Unsupported("header")  # the loader names the problem
    wanted = [h for h in header if h in known]
    types = {h: (pa.date32() if h in dates else pa.string()) for h in header}

    def parse(newlines_in_values: bool):
        return pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False, include_columns=wanted),
        )  # fmt: skip

    try:
        # parsing in parallel needs no newlines inside quoted values: keep the result only
        # when every line of the file is one row (else a quoted newline split a row)
        table = parse(False)
        one_per_line = table.num_rows + 1 == _count_lines(path)
        if not one_per_line:
            table = parse(True)
    except pa.ArrowException:
        one_per_line = False
        try:
            table = parse(True)
        except pa.ArrowException:
            raise Unsupported("unreadable") from None  # e.g. an impossible date: the loader says which
    table = table.combine_chunks()
    if _any_control_characters(table):
        raise Unsupported("control characters")  # the loader drops them with a warning
    for name in dates:
        if name in table.column_names and not _dates_in_range(table.column(name)):
            raise Unsupported("date out of range")  # year 0 and the like: the loader says which
    return table, one_per_line


def _any_control_characters(table) -> bool:
    """Whether a text cell holds a character :data:`netmap.loading.CONTROL_CHARACTERS` drops."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pattern = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x{9f}]"
    for column in table.columns:
        if column.type != pa.string():
            continue
        other = pc.invert(pc.ascii_is_printable(column))  # fast; the slow test only on the rest
        if pc.any(other).as_py() and pc.any(pc.match_substring_regex(pc.filter(column, other), pattern)).as_py():
            return True
    return False


def _dates_in_range(column) -> bool:
    """Whether every date of a date32 column is one Python can hold (years 1 to 9999)."""
    import pyarrow.compute as pc

    low, high = pc.min_max(column.cast("int32")).values()
    first, last = (date(1, 1, 1) - date(1970, 1, 1)).days, (date(9999, 12, 31) - date(1970, 1, 1)).days
    return low.as_py() is None or (low.as_py() >= first and high.as_py() <= last)


def _count_lines(path: Path) -> int:
    """Lines in a file (a last line without a newline counts), read in chunks."""
    count, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 24):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _col(table, name: str):
    import pyarrow as pa

    if name in table.column_names:
        return table.column(name).combine_chunks()
    return pa.array([""] * table.num_rows, pa.string())


def _check(condition: Any, why: str) -> None:
    value = condition.as_py() if hasattr(condition, "as_py") else condition
    if value is not None and not value:  # pyarrow's all() of no values is null: nothing failed
        raise Unsupported(why)


def _days_since(column, today: date) -> np.ndarray:
    """Days from each date (a date32 column, or all blank strings) to today; NaN where blank."""
    import pyarrow as pa

    if column.type != pa.date32():  # the column is absent
        return np.full(len(column), np.nan)
    days = column.cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.float64)  # nulls become NaN
    return (today - date(1970, 1, 1)).days - days


def _recency(days: np.ndarray, w: Weights) -> np.ndarray:
    """recency_factor for each age in days (NaN: no date), by the graph's own function on the
    few distinct ages, so every value is the very float build_graph computes."""
    known = ~np.isnan(days)
    age = np.maximum(days[known], 0).astype(np.int64)
    out = np.full(len(days), w.unknown_recency)
    if len(age):  # one factor per distinct age, looked up by age (ages span a few thousand days)
        low = int(age.min())
        age -= low
        seen = np.flatnonzero(np.bincount(age))
        factor = np.zeros(len(seen) and int(seen[-1]) + 1)
        factor[seen] = [recency_after(int(a) + low, w) for a in seen.tolist()]
        out[known] = factor[age]
    return out


def _lookup(column, mapping: dict[str, float]) -> np.ndarray:
    """Map string values to floats (NaN where absent)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = list(mapping)
    idx = pc.index_in(column, value_set=pa.array(keys, pa.string())).fill_null(len(keys))
    values = np.array([mapping[k] for k in keys] + [np.nan])
    return values[idx.to_numpy(zero_copy_only=False)]


def read_aliases(path: Path, *, encoding: str | None = None) -> dict[str, str]:
    """The aliases of ``companies.csv`` (empty when absent); Unsupported on any problem."""
    from ..csvio import read_table
    from ..loading import parse_aliases

    if not path.exists():
        return {}
    table = read_table(path, encoding=encoding)
    aliases, problems = parse_aliases(table) if table.header else ({}, [])
    if table.problems or problems or not table.header:
        raise Unsupported("aliases")
    return aliases


def _check_values(contacts, intros) -> None:
    """The checks that can be vectorised (:class:`Unsupported` when the loader must judge)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = contacts.num_rows
    for name in ("id", "name", "company", "office", "title", "strength", "strength_estimate", "relationship",
                 "past_companies", "school", "tags"):  # fmt: skip
        col = _col(contacts, name)
        _check(pc.all(pc.equal(col, pc.utf8_trim_whitespace(col))) if n else True, "whitespace")
    ids = _col(contacts, "id")
    _check(n > 0, "no rows")
    _check(pc.all(pc.greater(pc.utf8_length(ids), 0)), "blank id")
    _check(pc.all(pc.greater(pc.utf8_length(_col(contacts, "name")), 0)), "blank name")
    _check(pc.equal(pc.count_distinct(ids), n), "duplicate id")
    _check(pc.all(pc.not_equal(pc.utf8_lower(ids), ME)), "id me")
    for name in ("strength", "strength_estimate"):
        _check(pc.all(pc.is_in(_col(contacts, name), value_set=pa.array(STRENGTHS))), name)
    _check(pc.all(pc.is_in(_col(contacts, "relationship"), value_set=pa.array(("",) + RELATIONSHIPS))), "relationship")
    # (a referrer or contact with spaces around it matches no id: the numbering below says so)
    _check(pc.all(pc.is_in(_col(intros, "status"), value_set=pa.array(("",) + STATUSES))), "status")
    _check(pc.all(pc.is_in(_col(intros, "strength"), value_set=pa.array(STRENGTHS))), "strength")
