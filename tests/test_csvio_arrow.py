"""pyarrow splits a large plain CSV file into columns only where it gives what Python's csv gives.

Files under :data:`netmap.arrowcsv.SPLIT_FROM` characters are split by :mod:`csv`; the tests
lower that bound to make pyarrow split tiny files, then compare with :mod:`csv`'s reading.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.arrowcsv import split_columns
from netmap.cli import cli
from netmap.csvio import read_table
from netmap.loading import check_data

DATA = Path(__file__).parent / "data"
CASES = [f"bad/{p.name}" for p in sorted((DATA / "bad").iterdir())] + [
    f"good/{p.name}" for p in sorted((DATA / "good").iterdir())
]


def by_csv():
    """Python's csv splits every file."""
    return mock.patch("netmap.arrowcsv.SPLIT_FROM", float("inf"))


def by_arrow():
    """pyarrow splits every file it can vouch for, however small."""
    return mock.patch("netmap.arrowcsv.SPLIT_FROM", 0)


def spied(returned: list):
    """read_table's split_columns, noting what it returns in ``returned``."""

    def spy(*args, **kwargs):
        returned.append(split_columns(*args, **kwargs))
        return returned[-1]

    return mock.patch("netmap.csvio.split_columns", spy)


def read(text: str | bytes, folder: Path, **kw):
    path = folder / "t.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_table(path, **kw)


def seen(table):
    """Everything read_table says of a file."""
    return table.header, table.header_line, list(table.rows), [str(p) for p in table.problems], table.delimiter


@pytest.mark.parametrize(
    "text",
    [
        'id,name\n1,"Ana ""A"" Lima"\n2,Bo\n',
        'id;name\r\n1;"Ana; Lima"\r\n2;Bo',
        "id\tname\n1\tAna\n",
        'id,name\n1,a"b\n2,"ab"c\n',
        "id,name\n1,\n,x\n",
        "only\nA\nB\n",
    ],
)
def test_a_plain_file_is_split_by_pyarrow_as_csv_splits_it(tmp_path, text):
    """Quotes, doubled quotes, a quote inside a value, CRLF, ; and tab, blank cells: the same table."""
    returned: list = []
    with by_arrow(), spied(returned):
        arrow = read(text, tmp_path)
    assert returned[0] is not None  # pyarrow did split it
    with by_csv():
        assert seen(arrow) == seen(read(text, tmp_path))
    assert arrow.grid is not None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("id,name\n1,Ana\n\n2,Bo\n", "an empty line (pyarrow skips it: the lines after would shift)"),
        ("id,name\n1,Ana\n2,Bo\n\n", "an empty line at the end"),
        ("id,name\r1,Ana\r\n2,Bo\n", "a carriage return alone ends a line for csv"),
        ('id,name\n1,"Ana\nLima"\n2,Bo\n', "a record over two lines"),
        ('"id\nx",name\n1,Ana\n', "a header over two lines"),
        ("\nid,name\n1,Ana\n", "the header is not line 1"),
        ("id,name\n1,Ana\n2\n", "a row of another width"),
        ("id,name\n1,Ana,\n", "a trailing separator"),
        ("id,name\n", "no rows"),
    ],
)
def test_pyarrow_does_not_split_what_it_cannot_vouch_for(text, why):
    assert split_columns(text, ",", smallest=0) is None, why


def test_a_cell_csv_would_stop_at_is_left_to_csv():
    """csv refuses a cell as long as its field_size_limit (read_table says where); so does the split."""
    limit = csv.field_size_limit(6)
    try:
        assert split_columns("id,name\n1,Ana\n", ",", smallest=0) is not None
        assert split_columns("id,name\n1,Ana Lima\n", ",", smallest=0) is None
        assert split_columns("id,name\n1,Anaïs\n", ",", smallest=0) is None  # 5 characters, 6 bytes: to csv
    finally:
        csv.field_size_limit(limit)


def test_small_files_are_left_to_csv():
    assert split_columns("id,name\n1,Ana\n", ",") is None


@pytest.mark.parametrize(
    "text",
    [
        "id,name\n ,  \n1,Ana\n",  # a row blank in every cell is skipped
        "id,name,,\n1,Ana,,\n",  # trailing separators after the header and the rows
        "id,name\n1,Ana\x01\n",  # a control character (the reader warns where)
        'id,name\n1,"open\n2,Bo\n',  # a quote never closed
    ],
)
def test_files_pyarrow_declines_read_as_csv_reads_them(tmp_path, text):
    with by_arrow():
        arrow = read(text, tmp_path)
    with by_csv():
        assert seen(arrow) == seen(read(text, tmp_path))


@pytest.mark.parametrize("case", CASES)
def test_check_prints_the_same_whoever_splits_the_files(runner, corpus, case):
    """Every corpus folder, good and bad: the same lines and exit code with pyarrow splitting."""
    with by_csv():
        expected = runner.invoke(cli, ["check", "--data", case])
    with by_arrow():
        result = runner.invoke(cli, ["check", "--data", case])
    assert (result.exit_code, result.output) == (expected.exit_code, expected.output)


def test_a_large_file_is_split_by_pyarrow_and_checked_the_same(tmp_path):
    """Over SPLIT_FROM as it is: problems on their lines, names resolved, as with csv."""
    rows = [f'p{k},"Person {k}",Acme {k % 7},{k % 5 + 1},2025-0{k % 9 + 1}-1{k % 3}' for k in range(30_000)]
    rows[5] = 'p5,"Person 5",Acme,9,2025-02-30'
    (tmp_path / "contacts.csv").write_text("id,name,company,strength,last_contact\n" + "\n".join(rows) + "\n")
    intros = ["referrer,contact,status"] + [f"p{k},p{k + 1},made" for k in range(0, 29_000, 3)]
    intros[7] = "Person 3,Persn 4,met"
    (tmp_path / "introductions.csv").write_text("\n".join(intros) + "\n")
    assert (tmp_path / "contacts.csv").stat().st_size > 1 << 20
    returned: list = []
    with spied(returned):
        report = check_data(tmp_path)
    assert returned[0] is not None  # contacts.csv, split by pyarrow
    with by_csv():
        expected = check_data(tmp_path)
    assert [str(p) for p in report.problems] == [str(p) for p in expected.problems]
    assert report.dataset.contacts == expected.dataset.contacts
    assert report.dataset.introductions == expected.dataset.introductions
    assert [(p.line, p.column) for p in report.problems][:3] == [(7, "strength"), (7, "last_contact"), (8, "contact")]


cells = st.text(alphabet='ab ,;"\t\r\né', max_size=40)
plain = st.from_regex(r'([ab é]{1,3}("[ab é]{0,2})?)?', fullmatch=True)  # a quote inside a value is kept
quoted = st.text(alphabet='ab ,;"\t', max_size=6).map(lambda v: '"' + v.replace('"', '""') + '"')
broken = st.sampled_from(['"a\nb"', '"a\r\n"', '"open', 'x"y"z', '"a"b'])  # over two lines, unclosed, odd


@st.composite
def tables(draw):
    """A CSV text with rows of one width: values plain or quoted, LF or CRLF; or, as often,
    the same with now and then a value over two lines, unclosed or oddly quoted, a row of
    another width or an empty line."""
    width, messy = draw(st.integers(1, 4)), draw(st.booleans())
    cell = st.one_of(*[plain, quoted] * 6, broken) if messy else st.one_of(plain, quoted)
    row = st.lists(cell, min_size=width, max_size=width)
    odd = st.one_of(st.just(""), st.lists(plain, min_size=1, max_size=5))  # an empty line, any width
    rest = st.one_of(*[row] * 12, odd) if messy else row
    rows = [draw(row), *draw(st.lists(rest, min_size=1, max_size=8))]
    sep, end = draw(st.sampled_from([",", ";", "\t"])), draw(st.sampled_from(["\n", "\r\n"]))
    last = draw(st.sampled_from([end, ""]))
    return end.join(r if isinstance(r, str) else sep.join(r) for r in rows) + last


@settings(max_examples=400, deadline=None)
@given(cells)
def test_any_text_reads_the_same_whoever_splits_it(text):
    """Quotes in any place, line breaks of every kind, blank lines: pyarrow's split, where it is
    taken, is csv's (header, lines, rows and problems)."""
    with tempfile.TemporaryDirectory() as folder:
        with by_arrow():
            arrow = read(text, Path(folder))
        with by_csv():
            assert seen(arrow) == seen(read(text, Path(folder)))


@settings(max_examples=400, deadline=None)
@given(tables())
def test_any_table_reads_the_same_whoever_splits_it(text):
    """Texts shaped like tables (most of which pyarrow splits): pyarrow's split is csv's."""
    with tempfile.TemporaryDirectory() as folder:
        with by_arrow():
            arrow = read(text, Path(folder))
        with by_csv():
            assert seen(arrow) == seen(read(text, Path(folder)))
