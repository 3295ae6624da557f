# ruff: noqa: E501  (expected messages are exact one-line strings)
"""Reading CSV as spreadsheets write it, and writing it safely."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.csvio import atomic_writer, neutralize, read_table, sniff_delimiter, write_csv


def table_of(tmp_path: Path, data: bytes | str, **kw):
    path = tmp_path / "t.csv"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return read_table(path, **kw)


def test_rows_carry_their_start_line(tmp_path):
    """Quoted newlines and blank lines do not shift the line numbers of later rows."""
    t = table_of(tmp_path, 'a,b\n1,"x\ny\nz"\n\n2,w\n')
    assert [line for line, _ in t.rows] == [2, 6]
    assert t.rows[0][1] == ["1", "x\ny\nz"]
    assert t.header_line == 1


def test_header_after_blank_lines(tmp_path):
    t = table_of(tmp_path, "\n\na,b\n1,2\n")
    assert (t.header, t.header_line, t.rows) == (["a", "b"], 3, [(4, ["1", "2"])])


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        ("\ufeffa;b\n1;2\n".encode(), ";"),
        (b"a\tb\r\n1\t2\r\n", "\t"),
        ("a\tb\r\n1\t2\r\n".encode("utf-16"), "\t"),
        (b"a,b\r\n1,2\r\n", ","),
    ],
)
def test_quirks_accepted(tmp_path, data, delimiter):
    t = table_of(tmp_path, data)
    assert (t.header, t.rows, t.delimiter, t.problems) == (
        ["a", "b"],
        [(2, ["1", "2"])],
        delimiter,
        [],
    )


def test_sniff_delimiter():
    assert sniff_delimiter("name;company;title") == ";"
    assert sniff_delimiter("name\tcompany") == "\t"
    assert sniff_delimiter("name") == ","
    assert sniff_delimiter("a,b;c") == ","  # a tie goes to the comma


def test_trailing_separators_are_ignored(tmp_path):
    t = table_of(tmp_path, "a,b,,\n1,2,,\n3,4\n")
    assert (t.header, t.rows, t.problems) == (["a", "b"], [(2, ["1", "2"]), (3, ["3", "4"])], [])


def test_wrong_width_rows_are_reported_and_skipped(tmp_path):
    t = table_of(tmp_path, "a,b\n1\n2,3\n4,5,6\n")
    assert t.rows == [(3, ["2", "3"])]
    assert [str(p).split(": ", 1)[1] for p in t.problems] == [
        "row has 1 field but the header has 2 - add the missing fields (leave them empty: ',,' is fine)",
        "row has 3 fields but the header has 2 - quote any value that contains ',', or remove the extra fields",
    ]


def test_unclosed_quote(tmp_path):
    t = table_of(tmp_path, 'a,b\n1,"open\n2,x\n')
    assert t.rows == []
    (p,) = t.problems
    assert (p.line, p.message) == (
        2,
        "a quote opened on this line is never closed: the rest of the file reads as one field",
    )


def test_cp1252_is_named_with_line_and_column(tmp_path):
    """The undecodable byte is located by record and field, even after a quoted multi-line cell."""
    data = 'name,notes,city\nAna,"two\nlines, with comma",Porto\nBo,"say ""hi""",Tr\xe8s\n'.encode("cp1252")
    (p,) = table_of(tmp_path, data).problems
    assert (p.line, p.column) == (4, "city")
    assert p.message == "not UTF-8 (byte 0xe8); it looks like cp1252"
    assert p.hint == "pass --encoding cp1252, or save the file as UTF-8 (CSV UTF-8 in Excel)"


def test_explicit_encoding(tmp_path):
    t = table_of(tmp_path, "name\nJosé\n".encode("cp1252"), encoding="cp1252")
    assert (t.rows, t.encoding) == ([(2, ["José"])], "cp1252")


def test_missing_empty_and_folder(tmp_path):
    (missing,) = read_table(tmp_path / "nope.csv").problems
    assert missing.message == "file not found"
    (folder,) = read_table(tmp_path).problems
    assert folder.message == "is a folder, not a CSV file"
    (empty,) = table_of(tmp_path, " \n\n", example_header="referrer,contact").problems
    assert str(empty).endswith("file is empty - add a header row such as 'referrer,contact' and the rows under it")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_neutralize_formulas(cell):
    assert neutralize(cell) == "'" + cell


def test_write_csv_neutralises_unless_raw():
    out = io.StringIO()
    write_csv(out, ["name"], [['=HYPERLINK("http://x")'], [None]])
    assert out.getvalue() == 'name\n"\'=HYPERLINK(""http://x"")"\n""\n'
    raw = io.StringIO()
    write_csv(raw, ["name"], [["=1"]], safe=False, bom=True)
    assert raw.getvalue() == "\ufeffname\n=1\n"


def test_atomic_writer_keeps_the_old_file_on_error(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_writer(path) as stream:
        stream.write("new\n")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_atomic_writer_backup(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n")
    with atomic_writer(path, backup=True) as stream:
        stream.write("new\n")
    assert (path.read_text(), (tmp_path / "out.csv.bak").read_text()) == ("new\n", "old\n")


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, min_size=2, max_size=2), min_size=1, max_size=5))
def test_write_then_read_round_trips(tmp_path_factory, rows):
    """Whatever write_csv writes (raw), read_table reads back, cell for cell (blank rows aside)."""
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    write_csv(path, ["a", "b"], rows, safe=False)
    t = read_table(path)
    assert t.problems == []
    kept = [r for r in rows if any(c.strip() for c in r)]
    assert [cells for _, cells in t.rows] == kept
