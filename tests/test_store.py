"""netmap.store.CsvDocument: byte-preserving, atomic, conflict-safe edits of the data CSV files."""

from __future__ import annotations

import codecs
import csv
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.csvio import read_table
from netmap.errors import ConflictError, DataError
from netmap.loading import load_dataset
from netmap.store import CsvDocument

BOM = codecs.BOM_UTF8

# Files people really have: each must survive a read and a save unchanged, byte for byte.
ROUND_TRIP = {
    "plain": b"id,name,company\nana,Ana Lima,Acme\nbo,Bo,Globex\n",
    "crlf_bom_semicolon": BOM + b"id;name;company\r\nana;Ana Lima;Acme\r\nbo;Bo;Globex\r\n",
    "quoted_newlines": (b'id,name,notes\r\nana,"Lima, Ana","met at\r\nthe fair\nand again"\r\nbo,Bo,\r\n'),
    "needless_quotes": b'"id","name","company"\n"ana","Ana",""\nbo ,  Bo  ,Acme\n',
    "unknown_columns": b"id,name,Mood,company,My Column\nana,Ana,happy,Acme,x\nbo,Bo,,Globex,\n",
    "blank_lines_and_no_final_newline": b"\nid,name\n\nana,Ana\n,\nbo,Bo",
    "trailing_empty_fields": b"id,name\nana,Ana,,\nbo,Bo\n",
    "mixed_line_endings": b"id,name\r\nana,Ana\nbo,Bo\r\n",
    "tabs": b"id\tname\tcompany\nana\tAna\tAcme, Inc\n",
    "emoji_and_accents": "id,name\nzoe,Zoë 🚀 Ł\n".encode(),
    "header_with_trailing_separators": b"id,name,,\nana,Ana,,\n",
}


def write(tmp_path: Path, data: bytes, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(ROUND_TRIP))
def test_round_trip_is_byte_identical(tmp_path, name):
    """Reading and saving a file netmap did not change writes the very same bytes."""
    data = ROUND_TRIP[name]
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    assert doc.to_bytes() == data
    assert not doc.changed
    doc.save()
    assert path.read_bytes() == data


def test_round_trip_cp1252(tmp_path):
    """A file in a legacy encoding stays in that encoding."""
    data = "id;name\r\nze;José Müller\r\n".encode("cp1252")
    path = write(tmp_path, data)
    doc = CsvDocument.read(path, encoding="cp1252")
    assert doc.rows[0].values["name"] == "José Müller"
    doc.append({"id": "fr", "name": "François"})
    doc.save()
    assert path.read_bytes() == data + "fr;François\r\n".encode("cp1252")


def test_round_trip_utf16(tmp_path):
    """Excel's "Unicode text" (UTF-16 with a BOM, tabs) keeps its BOM and byte order."""
    data = codecs.BOM_UTF16_LE + "id\tname\r\nana\tAna\r\n".encode("utf-16-le")
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    assert (doc.delimiter, doc.newline) == ("\t", "\r\n")
    doc.save()
    assert path.read_bytes() == data


def test_attributes_describe_the_file(tmp_path):
    path = write(tmp_path, ROUND_TRIP["crlf_bom_semicolon"])
    doc = CsvDocument.read(path)
    assert doc.header == ["id", "name", "company"]
    assert (doc.delimiter, doc.encoding, doc.newline, doc.bom) == (";", "utf-8", "\r\n", BOM)
    assert [r.line for r in doc.rows] == [2, 3]
    assert doc.rows[0].raw == "ana;Ana Lima;Acme\r\n"
    assert doc.rows[1].values == {"id": "bo", "name": "Bo", "company": "Globex"}


def test_line_numbers_match_read_table(tmp_path):
    """Rows carry the same line numbers the loader reports problems with."""
    path = write(tmp_path, ROUND_TRIP["quoted_newlines"] + b"cy,Cy,x\r\n")
    doc = CsvDocument.read(path)
    assert [r.line for r in doc.rows] == [line for line, _ in read_table(path).rows] == [2, 5, 6]


def test_editing_one_cell_changes_only_that_row(tmp_path):
    data = BOM + b'id;name;company;Mood\r\nana;"Ana";Acme;"ok"\r\nbo;Bo;Globex;\r\ncy;"Cy\r\nCyrus";;x\r\n'
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    doc.update(doc.rows[1], {"company": "Initech; Ltd"})
    assert doc.rows[1].raw is None and doc.rows[0].raw is not None
    doc.save()
    assert path.read_bytes() == data.replace(b"bo;Bo;Globex;\r\n", b'bo;Bo;"Initech; Ltd";\r\n')


def test_update_with_the_same_value_leaves_the_row_untouched(tmp_path):
    path = write(tmp_path, b'id,name\nana,"Ana"\n')
    doc = CsvDocument.read(path)
    doc.update(doc.rows[0], {"name": "Ana"})
    assert doc.rows[0].raw == 'ana,"Ana"\n'
    assert not doc.changed


def test_columns_may_be_named_in_normalised_form(tmp_path):
    path = write(tmp_path, b"Name,Last Contact\nAna,2020-01-01\n")
    doc = CsvDocument.read(path)
    assert doc.column("last_contact") == "Last Contact"
    assert doc.rows[0].get("last_contact") == "2020-01-01"
    doc.update(doc.rows[0], {"last_contact": "2026-03-01"})
    doc.save()
    assert path.read_bytes() == b"Name,Last Contact\nAna,2026-03-01\n"


def test_unknown_column_is_a_programming_error(tmp_path):
    doc = CsvDocument.read(write(tmp_path, b"id,name\nana,Ana\n"))
    with pytest.raises(KeyError, match="no column 'met_on'"):
        doc.update(doc.rows[0], {"met_on": "2026-01-01"})


def test_append_after_a_file_without_final_newline(tmp_path):
    path = write(tmp_path, b"id;name\r\nana;Ana")
    doc = CsvDocument.read(path)
    row = doc.append({"id": "bo", "name": "Bo; Jr"})
    doc.save()
    assert path.read_bytes() == b'id;name\r\nana;Ana\r\nbo;"Bo; Jr"\r\n'
    assert row.line == 3 and row.raw == 'bo;"Bo; Jr"\r\n'


def test_add_column_keeps_header_and_rows_bytes(tmp_path):
    """A new column is appended: existing header and rows keep their bytes, plus one separator."""
    data = b'"id";"name"\r\nana;"Ana"\r\nbo;Bo\r\n'
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    doc.add_column("met_on")
    doc.add_column("Met On")  # the same column once normalised: nothing added
    doc.update(doc.rows[1], {"met_on": "2026-02-01"})
    doc.save()
    assert path.read_bytes() == b'"id";"name";met_on\r\nana;"Ana";\r\nbo;Bo;2026-02-01\r\n'
    assert read_table(path).rows == [(2, ["ana", "Ana", ""]), (3, ["bo", "Bo", "2026-02-01"])]


def test_user_rows_and_columns_survive_and_the_loader_still_reads_the_file(tmp_path):
    data = b"id,name,strength,Favourite Food\nana,Ana,4,tacos\nme2,Someone I added,,\n"
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    doc.update(doc.rows[0], {"strength": "5"})
    doc.append({"id": "bo", "name": "Bo"})
    doc.save()
    ds = load_dataset(contacts=path)
    assert [(c.id, c.strength, c.extra) for c in ds.contacts] == [
        ("ana", 5, {"Favourite Food": "tacos"}),
        ("me2", None, {"Favourite Food": ""}),
        ("bo", None, {"Favourite Food": ""}),
    ]


def test_add_column_after_a_header_with_trailing_separators(tmp_path):
    path = write(tmp_path, b"id,name,,\nana,Ana,,\n")
    doc = CsvDocument.read(path)
    assert doc.header == ["id", "name"]
    doc.add_column("met_on")
    doc.save()
    assert path.read_bytes() == b"id,name,met_on\nana,Ana,,\n"
    assert read_table(path).rows == [(2, ["ana", "Ana", ""])]


def test_unclosed_quote_is_a_data_error(tmp_path):
    path = write(tmp_path, b'id,name\nana,"Ana\nbo,Bo\n')
    with pytest.raises(DataError, match="contacts.csv:2: a quote opened on this line is never"):
        CsvDocument.read(path)


def test_save_twice(tmp_path):
    """After a save the document describes the new file and can be edited and saved again."""
    path = write(tmp_path, b"id,name\nana,Ana\n")
    doc = CsvDocument.read(path)
    doc.add_column("notes")
    doc.append({"id": "bo", "name": "Bo"})
    doc.save()
    doc.update(doc.rows[0], {"notes": "hi, there"})
    doc.save()
    assert path.read_bytes() == b'id,name,notes\nana,Ana,"hi, there"\nbo,Bo,\n'


def test_backup_keeps_the_previous_version(tmp_path):
    data = b"id,name\nana,Ana\n"
    path = write(tmp_path, data)
    doc = CsvDocument.read(path)
    doc.append({"id": "bo", "name": "Bo"})
    doc.save()
    assert (tmp_path / "contacts.csv.bak").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv", "contacts.csv.bak"]


def test_no_backup_when_asked(tmp_path):
    path = write(tmp_path, b"id,name\nana,Ana\n")
    CsvDocument.read(path).save(backup=False)
    assert not (tmp_path / "contacts.csv.bak").exists()


def test_file_mode_is_kept(tmp_path):
    path = write(tmp_path, b"id,name\nana,Ana\n")
    path.chmod(0o640)
    doc = CsvDocument.read(path)
    doc.append({"id": "bo", "name": "Bo"})
    doc.save()
    assert path.stat().st_mode & 0o777 == 0o640


def test_conflict_when_the_file_changed_on_disk(tmp_path):
    """A file edited by someone else after netmap read it is not overwritten."""
    path = write(tmp_path, b"id,name\nana,Ana\n")
    doc = CsvDocument.read(path)
    doc.append({"id": "bo", "name": "Bo"})
    edited = b"id,name\nana,Ana Lima\n"
    path.write_bytes(edited)
    with pytest.raises(ConflictError) as info:
        doc.save()
    assert str(info.value) == f"{path} changed on disk since netmap read it - re-run the command"
    assert info.value.exit_code == 4
    assert path.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]


def test_conflict_when_the_file_was_deleted(tmp_path):
    path = write(tmp_path, b"id,name\nana,Ana\n")
    doc = CsvDocument.read(path)
    path.unlink()
    with pytest.raises(ConflictError):
        doc.save()
    assert not path.exists()


def test_new_file_is_created_with_its_header(tmp_path):
    path = tmp_path / "introductions.csv"
    doc = CsvDocument.new(path, ["referrer", "contact", "date", "status"])
    doc.append({"referrer": "me", "contact": "ana", "status": "suggested"})
    doc.save()
    assert path.read_bytes() == b"referrer,contact,date,status\nme,ana,,suggested\n"
    assert not (tmp_path / "introductions.csv.bak").exists()


def test_new_file_conflicts_with_a_file_that_appeared(tmp_path):
    path = tmp_path / "introductions.csv"
    doc = CsvDocument.new(path, ["referrer", "contact"])
    path.write_bytes(b"referrer,contact\nme,ana\n")
    with pytest.raises(ConflictError):
        doc.save()
    assert path.read_bytes() == b"referrer,contact\nme,ana\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "contacts.csv: file not found - check the path or pass --data DIR"),
        (b"  \n", "contacts.csv: file empty"),
        (b"id,name\nana,Ana,extra\n", "contacts.csv:2: row has 3 fields but the header has 2"),
        (b"id,name\n\xe9,x\n", "contacts.csv:2: "),  # the loader's own wording follows
    ],
)
def test_unreadable_files_are_data_errors(tmp_path, monkeypatch, data, message):
    monkeypatch.chdir(tmp_path)
    if data is not None:
        write(tmp_path, data)
    with pytest.raises(DataError) as info:
        CsvDocument.read("contacts.csv")
    assert str(info.value).startswith(message.replace("file empty", "file is empty"))


def test_value_the_encoding_cannot_hold_is_a_data_error(tmp_path):
    path = write(tmp_path, "id,name\nze,José\n".encode("cp1252"))
    doc = CsvDocument.read(path, encoding="cp1252")
    doc.append({"id": "ka", "name": "Kazuo 和夫"})
    with pytest.raises(DataError, match="'和夫' cannot be stored in cp1252 - save the file as UTF"):
        doc.save()
    assert path.read_bytes() == "id,name\nze,José\n".encode("cp1252")


CHILD = textwrap.dedent(
    """
    import sys, time
    import netmap.store as store

    def half_then_hang(stream, data):
        stream.write(data[: len(data) // 2])
        stream.flush()
        print("half written", flush=True)
        time.sleep(600)

    store._write_all = half_then_hang
    doc = store.CsvDocument.read(sys.argv[1])
    doc.update(doc.rows[0], {"notes": "x" * 100_000})
    doc.save()
    """
)


def test_process_killed_mid_write_leaves_the_file_whole(tmp_path):
    """SIGKILL while the new file is half written: the original is still there, unchanged."""
    data = BOM + b"id;name;notes\r\nana;Ana;hello\r\nbo;Bo;\r\n"
    path = write(tmp_path, data)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b"half written\n", child.stderr.read().decode()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == data
    doc = CsvDocument.read(path)
    assert [r.values["name"] for r in doc.rows] == ["Ana", "Bo"]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".contacts.csv.")  # never read as data
    doc.update(doc.rows[1], {"notes": "later"})
    doc.save()
    assert path.read_bytes() == data.replace(b"bo;Bo;\r\n", b"bo;Bo;later\r\n")


cells = st.text(alphabet=st.sampled_from(list('ab ,;"\n\r\té')), max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=5),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    newline=st.sampled_from(["\n", "\r\n"]),
    delimiter=st.sampled_from([",", ";"]),
    bom=st.booleans(),
)
def test_round_trip_property(tmp_path, rows, quoting, newline, delimiter, bom):
    """Any file a csv writer produced reads as read_table reads it and saves byte for byte."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerow(["id", "name", "notes"])
    writer.writerows(rows)
    data = (BOM if bom else b"") + out.getvalue().encode()
    path = write(tmp_path, data, "round.csv")
    table = read_table(path)
    if table.problems:  # e.g. a bare "\r" the writer left unquoted: the loader refuses it too
        with pytest.raises(DataError):
            CsvDocument.read(path)
        return
    doc = CsvDocument.read(path)
    assert [(r.line, r.cells) for r in doc.rows] == table.rows
    assert doc.to_bytes() == data
    if doc.rows:
        value = 'new "value",\r\n;x\r'
        doc.update(doc.rows[-1], {"notes": value})
        again = read_table(write(tmp_path, doc.to_bytes(), "again.csv"))
        assert not again.problems
        assert [c for _, c in again.rows] == [c for _, c in table.rows[:-1]] + [table.rows[-1][1][:2] + [value]]
