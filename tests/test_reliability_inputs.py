"""No input makes netmap print a traceback or hang, and text leaving netmap is safe where it goes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.cli import cli
from netmap.csvio import open_regular, read_regular
from netmap.errors import DataError
from netmap.exchange import write_exchange, xml_text
from netmap.output import TerminalStream, render_table, terminal_safe

SMALL = Path(__file__).parent / "data" / "outreach" / "small"
CONTACTS = b"id,name,company,strength\nana,Ana Lima,Acme,4\nbo,Bo Chen,Acme,3\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def folder(tmp_path: Path, contacts: bytes = CONTACTS) -> Path:
    (tmp_path / "contacts.csv").write_bytes(contacts)
    return tmp_path


# -- files that are not files ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["contacts.csv", "introductions.csv", "companies.csv", "netmap.toml"])
@pytest.mark.parametrize("command", [["check"], ["paths", "--company", "Acme"]])
def test_a_fifo_in_place_of_a_data_file_is_refused_not_waited_on(tmp_path, name, command):
    data = folder(tmp_path)
    (data / name).unlink(missing_ok=True)
    os.mkfifo(data / name)
    done = subprocess.run([sys.executable, "-m", "netmap", *command, "--data", str(data)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert f"{data / name}: is a pipe (FIFO), not a file - point netmap at a plain file" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder, not a file - pass the file inside it"),
        (lambda p: os.mkfifo(p), "is a pipe (FIFO), not a file - point netmap at a plain file"),
        (lambda p: None, "file not found - check the path or pass --data DIR"),
        (lambda p: p.symlink_to(p), "cannot be opened (Too many levels of symbolic links) - check the path"),
    ],
)
def test_open_regular_refuses_anything_but_a_regular_file(tmp_path, make, message):
    path = tmp_path / "contacts.csv"
    make(path)
    with pytest.raises(DataError) as info:
        open_regular(path)
    assert str(info.value) == f"{path}: {message}"


def test_open_regular_refuses_a_device():
    with pytest.raises(DataError, match=r"^/dev/null: is a device, not a file - point netmap at a plain file$"):
        read_regular("/dev/null")


def test_permission_denied_is_one_line_naming_the_file(tmp_path, monkeypatch):
    data = folder(tmp_path)
    real_open = os.open

    def deny(path, flags, *args):
        if str(path).endswith("contacts.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr("netmap.csvio.os.open", deny)
    result = run("check", "--data", str(data))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{data / 'contacts.csv'}: permission denied - make it readable (chmod u+r), or run netmap as its owner"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: the monkeypatched test above stands in")
def test_an_unreadable_file_is_one_line(tmp_path):
    data = folder(tmp_path)
    (data / "contacts.csv").chmod(0)
    result = run("check", "--data", str(data))
    assert result.exit_code == 1
    assert "contacts.csv: permission denied - make it readable" in result.output


def test_an_unwritable_folder_is_one_line_and_nothing_is_written(tmp_path, monkeypatch):
    data = folder(tmp_path)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: not (Path(path) == data and mode & os.W_OK) and real_access(path, mode)
    )
    result = run("add", "Cy Diaz", "--data", str(data))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: cannot write in {data}: permission denied - check the folder's permissions\n"
    )  # fmt: skip
    assert (data / "contacts.csv").read_bytes() == CONTACTS


def test_an_os_error_anywhere_is_one_line(tmp_path, monkeypatch):
    """The CLI's last line of defence: an OSError the library did not expect (a full disk)."""
    data = folder(tmp_path)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(data / "contacts.csv"))

    monkeypatch.setattr("netmap.store.journal.write_temp", full)
    result = run("add", "Cy Diaz", "--data", str(data))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: cannot use {data / 'contacts.csv'}: no space left on device - free some disk space and run "
        "the command again\n",
    )  # fmt: skip


def test_an_unexpected_failure_is_one_line_with_exit_70_and_a_traceback_on_request(tmp_path, monkeypatch):
    data = folder(tmp_path)

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("netmap.stats.network_stats", bug)
    result = run("stats", "--data", str(data))
    assert (result.exit_code, result.stderr) == (
        70, "Error: netmap failed unexpectedly (ZeroDivisionError: division by zero) - this is a bug: "
        "re-run with --debug and report the traceback\n",
    )  # fmt: skip
    debug = run("--debug", "stats", "--data", str(data))
    assert debug.exit_code == 70 and "Traceback (most recent call last)" in debug.stderr


def test_an_output_path_in_a_missing_folder_is_one_line(tmp_path):
    data = folder(tmp_path)
    result = run("paths", "--company", "Acme", "--data", str(data), "-o", str(tmp_path / "no" / "out.csv"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot write {tmp_path / 'no' / 'out.csv'}: folder {tmp_path / 'no'} does not exist "
        "- create it first\n",
    )  # fmt: skip


# -- netmap.toml -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("x = " + "[" * 2000 + "]" * 2000 + "\n",
         "nested 2000 levels deep (netmap reads at most 50) - keep settings as key = value lines under [sections]"),
        ("half_life_days = 1" + "0" * 400 + "\n",
         "half_life_days: must be a number above 0 up to 36500, got 1000000000000000000000000000000000000... "
         "- fix the value"),
        ("half_life_days = 1e309\n", "half_life_days: must be a number above 0 up to 36500, got inf - fix the value"),
        ("reach_peak = 1e-300\n", "reach_peak: must be a number from 0.01 to 1, got 1e-300 - fix the value"),
        ("[inferred]\nsame_office = nan\n",
         "inferred.same_office: must be a number above 0 up to 1, got nan - fix the value"),
    ],
)  # fmt: skip
def test_bad_configs_are_one_line_config_errors(tmp_path, toml, message):
    data = folder(tmp_path)
    (data / "netmap.toml").write_text(toml, encoding="utf-8")
    result = run("paths", "--company", "Acme", "--data", str(data))
    assert (result.exit_code, result.stderr) == (1, f"Error: {data / 'netmap.toml'}: {message}\n")


def test_a_config_with_a_utf8_bom_is_read(tmp_path):
    data = folder(tmp_path)
    (data / "netmap.toml").write_bytes(b"\xef\xbb\xbfhalf_life_days = 180\n")
    result = run("check", "--data", str(data))
    assert result.exit_code == 0, result.output


def test_a_config_not_in_utf8_names_its_line(tmp_path):
    data = folder(tmp_path)
    (data / "netmap.toml").write_bytes(b"# ok\n# caf\xe9\n")
    result = run("paths", "--company", "Acme", "--data", str(data))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {data / 'netmap.toml'}:2: not UTF-8 (byte 0xe9) - save it as UTF-8\n"
    )  # fmt: skip


# -- text that leaves netmap ----------------------------------------------------------------


def test_terminal_safe_escapes_every_control_and_bidi_character():
    hostile = "A\x00\x01\x07\x1b[2J\x1b]0;t\x07\x7f\x85\x9b\u202e\u2066B"
    assert terminal_safe(hostile) == "A\\x00\\x01\\x07\\x1b[2J\\x1b]0;t\\x07\\x7f\\x85\\x9b\\u202e\\u2066B"
    assert terminal_safe("a\tb\nc", newlines=True) == "a\tb\nc"
    assert terminal_safe("a\tb\nc") == "a\\x09b\\x0ac"


def test_a_terminal_stream_escapes_what_is_written_through_it():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    stream = TerminalStream(tty)
    stream.write("Bo \x1b]0;pwned\x07Chen\n")
    assert tty.getvalue() == "Bo \\x1b]0;pwned\\x07Chen\n"
    assert stream.isatty() and not hasattr(stream, "buffer")  # click must not write around it


def test_table_cells_are_escaped():
    table = render_table([{"name": "Cy \x1b[2J Diaz"}], ["name"])
    assert "\x1b" not in table and "Cy \\x1b[2J Diaz" in table


def test_csv_on_a_pipe_stays_data(tmp_path):
    """CSV is not escaped for a terminal when it goes to a pipe: values stay as they are."""
    data = folder(tmp_path, b"id,name,company\nana,Ana \xe2\x80\xae Lima,Acme\n")
    result = run("paths", "--company", "Acme", "--data", str(data), "--format", "csv")
    assert result.exit_code == 0
    assert "Ana \u202e Lima" in result.stdout


def hostile_network():
    """Contacts whose ids, names and companies hold what XML cannot carry or must escape (built
    from rows, as the loader hands them over: the CSV reader drops control characters)."""
    from netmap.fastpath import ColumnNetwork
    from netmap.model import Contact, Dataset, Introduction
    from netmap.weights import Weights

    people = [Contact("a\x01", "Ana \x01 Lima\x1b[2J", company="]]> <b>&amp;", strength=4),
              Contact("a\x02", "Bo\x0c", company="]]> <b>&amp;"), Contact("a\\x01", "Cy")]  # fmt: skip
    intros = [Introduction("a\x01", "a\x02", date(2025, 5, 1), "met", 3)]
    return ColumnNetwork.from_dataset(Dataset(people, intros), Weights(), date(2026, 1, 2))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_stay_well_formed_with_control_characters(fmt):
    out = io.StringIO()
    write_exchange(hostile_network(), fmt, out)
    ET.fromstring(out.getvalue().encode("utf-8"))
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(out.getvalue().encode()))
    people = sorted(n for n in back.nodes if "::" not in n)
    assert people == ["a\\x01", "a\\x01_", "a\\x02", "me"]  # distinct ids kept distinct
    assert back.nodes["a\\x01"]["label"] == "Ana \\x01 Lima\\x1b[2J"  # shown, never raw
    assert back.nodes["a\\x01"]["company"] == "]]> <b>&amp;"
    evidence = "Ana \\x01 Lima\\x1b[2J referred you to Bo\\x0c (met, 2025-05-01, strength 3)"
    assert back["a\\x01"]["a\\x02"]["evidence"] == evidence


def test_xml_text_keeps_what_xml_allows():
    assert xml_text("tab\tnl\ncr\r é 🚀 \x7f\x85") == "tab\tnl\ncr\r é 🚀 \x7f\x85"  # XML 1.0 allows these
    assert xml_text("\x00\x0b\x1b\ufffe") == "\\x00\\x0b\\x1b\\ufffe"


def test_gexf_follows_the_1_2_schema_rules():
    out = io.StringIO()
    write_exchange(hostile_network(), "gexf", out)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.fromstring(out.getvalue().encode())
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"
    assert root.find("g:meta", ns).get("lastmodifieddate") == "2026-01-02"  # --today, not the clock
    graph = root.find("g:graph", ns)
    assert "name" not in graph.attrib  # the schema has no name attribute on <graph>
    assert graph.get("defaultedgetype") == "undirected"
    ids = {a.get("id") for a in graph.iter(f"{{{ns['g']}}}attribute")}
    assert ids and all(v.get("for") in ids for v in graph.iter(f"{{{ns['g']}}}attvalue"))
    nodes = {n.get("id") for n in graph.iter(f"{{{ns['g']}}}node")}
    assert all(n.get("label") is not None for n in graph.iter(f"{{{ns['g']}}}node"))
    assert all({e.get("source"), e.get("target")} <= nodes for e in graph.iter(f"{{{ns['g']}}}edge"))


def test_json_export_does_not_need_networkx_3_4(monkeypatch):
    """networkx 3.2's node_link_data has no ``edges`` argument; netmap writes the data itself."""

    def old_signature(G, *, source="source", target="target", name="id", key="key", link="links"):
        raise AssertionError("not to be called")

    monkeypatch.setattr(nx, "node_link_data", old_signature)
    out = io.StringIO()
    write_exchange(hostile_network(), "json", out)
    data = json.loads(out.getvalue())
    assert [n["id"] for n in data["nodes"]][:4] == ["me", "a\x01", "a\x02", "a\\x01"]  # JSON escapes them itself
    assert {e["source"] for e in data["edges"]} >= {"me", "a\x01"} and "links" not in data


# -- Hypothesis: every reader, hostile values and damaged files ------------------------------

HOSTILE = st.sampled_from(["\x00", "\x01", "\x1b]0;t\x07", "\x1b[2J", "\u202e", "\u200b", "=1+1", "@x", '"', "\r",
                           "\n", ",", ";", "]]>", "<&>", "9999-12-31", "1e309", "99999999999999999999", "-1",
                           "é", "和夫", "🚀", "\\", " ", "", "\ufeff", "0000-00-00", "NaN"])  # fmt: skip
CELL = st.lists(st.one_of(HOSTILE, st.text(max_size=6)), max_size=3).map("".join)
COLUMNS = ["id", "name", "company", "title", "office", "email", "relationship", "strength", "last_contact", "notes"]
READERS = [["check"], ["stats"], ["companies"], ["paths", "--company", "Acme"], ["ask", "--company", "Acme"],
           ["explain", "bo"], ["export", "--format", "gexf"], ["due", "--all"], ["history", "ana"],
           ["report"]]  # fmt: skip


def judged(result) -> str:
    """'' when the command ended as documented (exit 0-4, no traceback, no ESC on stderr)."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        return f"traceback: {type(exc).__name__}: {exc}"
    if result.exit_code not in (0, 1, 2, 3, 4):
        return f"exit {result.exit_code}: {result.stderr}"
    if "\x1b" in result.stderr:
        return "ESC on stderr"
    return ""


def write_csv(path: Path, header: list[str], rows: list[list[str]], newline: str) -> None:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(st.lists(CELL, min_size=10, max_size=10), min_size=1, max_size=4),
    intro=st.lists(CELL, min_size=4, max_size=4),
    newline=st.sampled_from(["\n", "\r\n"]),
    command=st.sampled_from(READERS),
)
def test_hostile_values_in_well_formed_files_never_crash_a_reader(tmp_path_factory, cells, intro, newline, command):
    data = tmp_path_factory.mktemp("fuzz")
    rows = [["ana", "Ana Lima", "Acme", "", "", "", "friend", "4", "2025-12-01", ""],
            ["bo", "Bo Chen", "Acme", "", "", "", "", "", "", ""], *cells]  # fmt: skip
    write_csv(data / "contacts.csv", COLUMNS, rows, newline)
    write_csv(data / "introductions.csv", ["referrer", "contact", "status", "date"], [intro], newline)
    result = CliRunner().invoke(cli, [*command, "--data", str(data), "--today", "2026-03-10"])
    assert judged(result) == "", (command, rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    toml=st.one_of(
        st.text(max_size=60),
        st.builds(lambda k, v: f"{k} = {v}\n", st.sampled_from(["half_life_days", "reach_peak", "recency_floor"]),
                  st.one_of(st.integers(), st.floats(allow_nan=True).map(repr), HOSTILE.map(json.dumps))),
        st.builds(lambda t, k, v: f"[{t}]\n{k} = {v}\n", st.sampled_from(["inferred", "me", "store", "due", "x"]),
                  st.sampled_from(["same_office", "name", "backups", "nudge_days", "y"]),
                  st.one_of(st.integers(), HOSTILE.map(json.dumps), st.just("[[[]]]"))),
    ),
    bom=st.booleans(),
    command=st.sampled_from(READERS),
)  # fmt: skip
def test_any_netmap_toml_is_read_or_refused_in_one_line(tmp_path_factory, toml, bom, command):
    data = tmp_path_factory.mktemp("toml")
    (data / "contacts.csv").write_bytes(CONTACTS)
    (data / "netmap.toml").write_bytes((b"\xef\xbb\xbf" if bom else b"") + toml.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(cli, [*command, "--data", str(data), "--today", "2026-03-10"])
    assert judged(result) == "", toml
    if result.exit_code == 1 and "netmap.toml" in result.stderr:
        assert len(result.stderr.splitlines()) == 1


EXPORTS = {
    "linkedin": ("csv", ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
    "google": ("csv", ["Name", "Given Name", "Family Name", "E-mail 1 - Value", "Organization 1 - Name"]),
    "outlook": ("csv", ["First Name", "Last Name", "E-mail Address", "Company", "Job Title"]),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fmt=st.sampled_from([*EXPORTS, "vcard"]),
    cells=st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=1, max_size=3),
    junk=st.binary(max_size=20),
)
def test_any_export_is_imported_or_refused_in_one_line(tmp_path_factory, fmt, cells, junk):
    data = tmp_path_factory.mktemp("import")
    (data / "contacts.csv").write_bytes(CONTACTS)
    if fmt == "vcard":
        cards = [f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{c[0]}\r\nN:{c[1]};{c[2]};;;\r\nORG:{c[3]}\r\nEMAIL:{c[4]}\r\n"
                 f"NOTE:{c[5]}\r\nEND:VCARD\r\n" for c in cells]  # fmt: skip
        export = data / "export.vcf"
        export.write_bytes("".join(cards).encode("utf-8", "surrogatepass") + junk)
    else:
        export = data / "export.csv"
        header = EXPORTS[fmt][1]
        write_csv(export, header, [c[: len(header)] for c in cells], "\n")
        export.write_bytes(export.read_bytes() + junk)
    result = CliRunner().invoke(cli, ["import", "--dry-run", str(export), "--data", str(data)])
    assert judged(result) == "", (fmt, cells, junk)


def test_a_bare_cr_inside_the_header_is_a_data_error_on_the_columnar_path(tmp_path):
    data = folder(tmp_path, b"id,name,company,e\rmail\nana,Ana,Acme,a@x\n")
    result = run("paths", "--company", "Acme", "--data", str(data))
    assert judged(result) == "" and result.exit_code == 1
