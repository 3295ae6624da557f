"""netmap init, add and rate: starting a data folder and keeping its people without a spreadsheet."""

from __future__ import annotations

import codecs
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.cells import CONTROL_CHARACTERS
from netmap.cli import cli
from netmap.datafolder import PeopleBook, config_text
from netmap.errors import NetmapError
from netmap.loading import load_dataset
from netmap.model import CONTACT_COLUMNS, INTRODUCTION_COLUMNS
from netmap.store import CsvDocument, create_new
from netmap.weights import PROFILE_KEYS, Weights, load_profile, load_weights

SMALL = Path(__file__).parent / "data" / "outreach" / "small"
HEADER = ",".join(CONTACT_COLUMNS).encode() + b"\n"


def run(*args: str, env: dict[str, str] | None = None):
    env = {"NETMAP_DATA": None, **(env or {})}
    return CliRunner().invoke(cli, list(args), env=env, prog_name="netmap")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The outreach test folder: an id column, an unknown column ('Favourite Food'), introductions."""
    for name in ("contacts.csv", "introductions.csv"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


# -- init -------------------------------------------------------------------------------------


def test_init_in_an_empty_folder(tmp_path):
    """init writes header-only CSV files and a netmap.toml that loads, then says what to do next."""
    folder = tmp_path / "net"
    result = run("init", str(folder))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created folder {folder}\n"
        f"Created {folder / 'contacts.csv'} (header only)\n"
        f"Created {folder / 'introductions.csv'} (header only)\n"
        f"Created {folder / 'netmap.toml'} (about you under [me]; weight overrides commented out)\n"
        f"Next: netmap import Connections.csv --data {folder}   "
        f'(or: netmap add "Ana Lima" --company Acme --strength 4 --data {folder})\n'
    )
    assert sorted(p.name for p in folder.iterdir()) == ["contacts.csv", "introductions.csv", "netmap.toml"]
    assert (folder / "contacts.csv").read_bytes() == HEADER
    assert (folder / "introductions.csv").read_bytes() == ",".join(INTRODUCTION_COLUMNS).encode() + b"\n"
    assert load_weights(folder / "netmap.toml") == Weights()
    assert load_profile(folder / "netmap.toml") == dict.fromkeys(PROFILE_KEYS, "")
    ds = load_dataset(folder)
    assert (ds.contacts, ds.introductions) == ([], [])
    assert run("check", "--data", str(folder)).exit_code == 0


def test_init_in_the_current_folder(tmp_path, monkeypatch):
    """Without DIR: $NETMAP_DATA, else the current folder; the next step then needs no --data."""
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Created contacts.csv (header only)"
    assert result.stdout.splitlines()[-1] == (
        'Next: netmap import Connections.csv   (or: netmap add "Ana Lima" --company Acme --strength 4)'
    )
    result = run("init", env={"NETMAP_DATA": "net"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Created folder net"
    assert (tmp_path / "net" / "netmap.toml").exists()


def test_init_name_fills_me(tmp_path):
    """--name goes into [me], quoted for TOML whatever it holds."""
    name = 'Maya "M" Silva \\ Inês'
    result = run("init", str(tmp_path), "--name", name)
    assert result.exit_code == 0
    assert load_profile(tmp_path / "netmap.toml") == {
        "name": name,
        "email": "",
        "linkedin_url": "",
        "signature": "",
        "about": "",
    }


def test_config_comments_say_what_each_key_is_for():
    text = config_text(name="Maya")
    assert 'name = "Maya"' in text
    for key in PROFILE_KEYS:
        before = text.split(f"\n{key} = ")[0].splitlines()[-1]
        assert before.startswith("# ") and len(before) > 15


def test_config_examples_load_when_uncommented(tmp_path):
    """Removing the # in front of the example settings gives a file that loads, with those values."""
    text = config_text()
    for example in ("half_life_days = ", "[inferred]", "same_office = "):
        text = text.replace(f"# {example}", example)
    path = tmp_path / "netmap.toml"
    path.write_text(text, encoding="utf-8")
    weights = load_weights(path)
    assert (weights.half_life_days, weights.inferred["same_office"]) == (365.0, 0.25)
    assert tomllib.loads(text)["inferred"] == {"same_office": 0.25}
    assert load_profile(path)["name"] == ""


def test_init_twice_keeps_every_file(tmp_path):
    """A second init changes nothing and says so; exit 0 because the folder is usable."""
    assert run("init", str(tmp_path), "--name", "Maya").exit_code == 0
    (tmp_path / "contacts.csv").write_bytes(HEADER + b"ana,Ana Lima,Acme,,,,,,5,,,,,,,\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run("init", str(tmp_path), "--name", "Someone Else")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Kept {tmp_path / 'contacts.csv'} (already there, left as it was)\n"
        f"Kept {tmp_path / 'introductions.csv'} (already there, left as it was)\n"
        f"Kept {tmp_path / 'netmap.toml'} (already there, left as it was)\n"
        f"--name not written: {tmp_path / 'netmap.toml'} was already there - edit its [me] section\n"
        f"Next: netmap import Connections.csv --data {tmp_path}   "
        f'(or: netmap add "Ana Lima" --company Acme --strength 4 --data {tmp_path})\n'
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_init_completes_a_folder(folder):
    """An existing contacts.csv is kept; only the missing file is created."""
    (folder / "introductions.csv").unlink()
    before = (folder / "contacts.csv").read_bytes()
    result = run("init", str(folder))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        f"Created {folder / 'introductions.csv'} (header only)",
        f"Created {folder / 'netmap.toml'} (about you under [me]; weight overrides commented out)",
        f"Kept {folder / 'contacts.csv'} (already there, left as it was)",
    ]
    assert (folder / "contacts.csv").read_bytes() == before


def test_init_with_a_kept_file_that_has_errors_exits_1(tmp_path):
    (tmp_path / "netmap.toml").write_text("half_lif_days = 3\n", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"Kept {tmp_path / 'netmap.toml'} (already there, left as it was)"
    assert result.stderr == (
        f"Error: {tmp_path / 'netmap.toml'}: unknown setting 'half_lif_days' - did you mean 'half_life_days'?\n"
    )


def test_init_two_folders_is_a_usage_error(tmp_path):
    result = run("init", str(tmp_path / "a"), "--data", str(tmp_path / "b"))
    assert result.exit_code == 2
    a, b = tmp_path / "a", tmp_path / "b"
    assert result.stderr.endswith(f"Error: two folders given ({a} and --data {b}) - give one\n")
    assert list(tmp_path.iterdir()) == []


def test_init_on_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "x").write_text("")
    result = run("init", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_new_files_get_the_users_mode(tmp_path):
    """Files netmap creates are readable as the umask allows, not private like a temporary file."""
    old = os.umask(0o022)
    try:
        assert create_new(tmp_path / "a.toml", b"x = 1\n")
        assert not create_new(tmp_path / "a.toml", b"overwritten\n")
        doc = CsvDocument.new(tmp_path / "b.csv", ["name"])
        doc.save()
    finally:
        os.umask(old)
    assert (tmp_path / "a.toml").read_bytes() == b"x = 1\n"
    assert (tmp_path / "a.toml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.csv").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.csv"]


# -- add --------------------------------------------------------------------------------------


def test_add_then_check_passes(tmp_path):
    assert run("init", str(tmp_path)).exit_code == 0
    result = run(
        "add", "Inês Carvalho", "--company", "Acme", "--office", "Lisbon", "--title", "Data Engineer",
        "--email", "ines@acme.example", "--linkedin-url", "https://www.linkedin.com/in/Ines-C/?x=1",
        "--relationship", "Former colleague", "--strength", "4", "--tags", "mentor, python",
        "--data", str(tmp_path),
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Added Inês Carvalho (Acme) to contacts.csv as 'ines-c'\nSaved contacts.csv (previous as .bak)\n"
    )
    assert (tmp_path / "contacts.csv").read_bytes() == HEADER + (
        "ines-c,Inês Carvalho,Acme,Data Engineer,Lisbon,ines@acme.example,"
        "https://www.linkedin.com/in/Ines-C/?x=1,former_colleague,4,,,,,mentor; python,,\n"
    ).encode()
    assert (tmp_path / "contacts.csv.bak").read_bytes() == HEADER
    check = run("check", "--data", str(tmp_path))
    assert (check.exit_code, check.stdout) == (
        0,
        "1 person, 0 introductions, 0 company aliases; 0 errors, 0 warnings\n",
    )


def test_add_without_strength_says_how_to_rate(tmp_path):
    """Someone added without strength or relationship is not a direct tie: the output says so."""
    result = run("add", "Bo Chen", "--data", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == (
        "Added Bo Chen to contacts.csv as 'bo-chen'\n"
        "Without --strength or --relationship, Bo Chen counts as someone you do not know directly; "
        "if you do: netmap rate bo-chen --strength N\n"
        "Created contacts.csv\n"
    )
    assert (tmp_path / "contacts.csv").read_bytes() == HEADER + b"bo-chen,Bo Chen,,,,,,,,,,,,,,\n"
    assert not (tmp_path / "contacts.csv.bak").exists()


def test_add_to_a_missing_folder_exits_1(tmp_path):
    result = run("add", "Bo", "--data", str(tmp_path / "nope"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: no folder {tmp_path / 'nope'} - create it with 'netmap init {tmp_path / 'nope'}', or pass --data DIR\n"
    )
    assert not (tmp_path / "nope").exists()


def test_add_keeps_every_other_byte(folder):
    """Appending touches no existing row; unknown columns stay; the id is the loader's."""
    before = (folder / "contacts.csv").read_bytes()
    result = run("add", "Ana Lima", "--company", "Globex", "--strength", "2", "--data", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Added Ana Lima (Globex) to contacts.csv as 'ana-lima'"
    assert (folder / "contacts.csv").read_bytes() == before + b"ana-lima,Ana Lima,Globex,,,,,2,,,\n"


def test_add_derives_the_id_as_the_loader_does(tmp_path):
    """In a file without an id column no id column is added; the loader derives the same id."""
    path = tmp_path / "contacts.csv"
    data = codecs.BOM_UTF8 + b"Name;Company;Phone\r\nAna Lima;Acme;+351 1\r\n"
    path.write_bytes(data)
    result = run("add", "Ana Lima", "--company", "Globex", "--data", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Added Ana Lima (Globex) to contacts.csv as 'ana-lima-2'"
    assert path.read_bytes() == data + b"Ana Lima;Globex;\r\n"
    assert [c.id for c in load_dataset(tmp_path).contacts] == ["ana-lima", "ana-lima-2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Ana  lima", "--company", "ACME Inc."],
            "Ana Lima (Acme) is already in contacts.csv: line 2, id 'ana' (same name and company) - "
            "to change how well you know them: netmap rate ana --strength N; "
            "someone else of that name needs a new --id",
        ),
        (
            ["Hal Ito"],
            "Hal Ito is already in contacts.csv: line 9, id 'hal' (same name, no company) - "
            "to change how well you know them: netmap rate hal --strength N; "
            "someone else of that name needs a new --id",
        ),
        (
            ["Ana L.", "--email", "ANA@acme.example"],
            "Ana Lima (Acme) is already in contacts.csv: line 2, id 'ana' (same e-mail ana@acme.example) - "
            "to change how well you know them: netmap rate ana --strength N",
        ),
        (
            ["Anna Lima", "--id", "ana"],
            "the id 'ana' is already taken in contacts.csv: line 2, Ana Lima (Acme) - "
            "pick another --id, or leave it out to derive one",
        ),
        (["Anna Lima", "--id", "ME"], "the id 'me' is reserved for you - pick another --id"),
    ],
    ids=["name-and-company", "name-no-company", "email", "id", "me"],
)
def test_add_someone_already_there_exits_1(folder, args, message):
    """A person already in the file is refused with one line naming their row; nothing is written."""
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("add", *args, "--data", str(folder))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {message}\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
            lambda s: bool(CONTROL_CHARACTERS.sub("", s).split())  # something visible is left
        ),
        min_size=1,
        max_size=4,
    ),
    company=st.sampled_from(["", "Acme", 'Q "and" A, Ltd']),
)
def test_add_round_trips_through_the_loader(tmp_path_factory, names, company):
    """Whatever the names, the loader reads back each person added, with the id add reported."""
    folder = tmp_path_factory.mktemp("net")
    added = {}
    for name in names:
        book = PeopleBook(folder, create=True)
        try:
            person = book.add(name, company=company)
        except NetmapError as exc:  # only a person already there may be refused
            assert "is already in contacts.csv" in str(exc)
            continue
        book.save()
        added[person.id] = " ".join(CONTROL_CHARACTERS.sub("", name).split())  # dropped, as the loader does
    contacts = load_dataset(folder).contacts
    assert {c.id: c.name for c in contacts} == added
    assert all(c.company == company for c in contacts)


def test_add_same_name_and_company_with_a_new_id(folder):
    result = run("add", "Ana Lima", "--company", "Acme", "--id", "ana-2", "--data", str(folder))
    assert result.exit_code == 0, result.stderr
    assert lines(folder / "contacts.csv")[-1] == b"ana-2,Ana Lima,Acme,,,,,,,,\n"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--strength", "9"], "Invalid value for '--strength': 9 is not in the range 1<=x<=5."),
        (["--strength", "four"], "Invalid value for '--strength': 'four' is not a valid integer range."),
        (
            ["--relationship", "freind"],
            "Invalid value for '--relationship': unknown relationship 'freind' - did you mean 'friend'? "
            "Otherwise use one of: family, friend, colleague, former_colleague, classmate, teacher, "
            "neighbor, alumni, recruiter, acquaintance, other",
        ),
    ],
)
def test_add_bad_value_exits_2(folder, args, error):
    before = (folder / "contacts.csv").read_bytes()
    result = run("add", "Zoe", *args, "--data", str(folder))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Usage: netmap add [OPTIONS] NAME\nTry 'netmap add --help' for help.\n\nError: {error}\n"
    assert (folder / "contacts.csv").read_bytes() == before


def test_add_empty_name_exits_1(folder):
    result = run("add", "  ", "--data", str(folder))
    assert (result.exit_code, result.stderr) == (
        1,
        'Error: the name is empty - give the person\'s name, e.g. netmap add "Ana Lima"\n',
    )


def test_add_that_would_make_an_introduction_ambiguous_is_refused(tmp_path):
    """introductions.csv names 'Ana Lima': a second Ana Lima would break it, so nothing is written."""
    (tmp_path / "contacts.csv").write_bytes(b"name,company,strength\nAna Lima,Acme,4\n")
    (tmp_path / "introductions.csv").write_bytes(b"referrer,contact\nme,Ana Lima\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run("add", "Ana Lima", "--company", "Globex", "--data", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"Error: {tmp_path / 'introductions.csv'}:2: contact: 'Ana Lima' is ambiguous: 2 people have "
        "that name: 'ana-lima' (Acme, line 2), 'ana-lima-2' (Globex, line 3) - write the id instead of the name"
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_add_refuses_invalid_data(folder):
    """As every command, add stops at invalid data rather than append to it."""
    path = folder / "contacts.csv"
    path.write_bytes(path.read_bytes() + b"zed,Zed,,,,,,9,,,\n")
    before = path.read_bytes()
    result = run("add", "Yan", "--data", str(folder))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:10: strength: '9' is outside 1-5")
    assert path.read_bytes() == before


# -- rate -------------------------------------------------------------------------------------


def test_rate_by_name(folder):
    """Only the rated person's row changes; the previous file is kept as .bak."""
    before = lines(folder / "contacts.csv")
    result = run("rate", "bo chen", "--strength", "3", "--data", str(folder))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Bo Chen: strength 3 (was: none)\nSaved contacts.csv (previous as .bak)\n"
    after = lines(folder / "contacts.csv")
    assert after[:2] + after[3:] == before[:2] + before[3:]
    assert after[2] == b"bo,Bo Chen,Globex,PM,Porto,,,3,,,\n"
    assert (folder / "contacts.csv.bak").read_bytes() == b"".join(before)


def test_rate_by_id_with_relationship(folder):
    result = run("rate", "ana", "--strength", "4", "--relationship", "Former-Colleague", "--data", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Ana Lima: strength 4 (was: 5), relationship former_colleague (was: friend)"
    )
    assert lines(folder / "contacts.csv")[1] == (
        b'ana,Ana Lima,Acme,Engineer,Lisbon,ana@acme.example,former_colleague,4,2025-12-01,"met at PyCon, 2019",tacos\n'
    )


def test_rate_writes_strength_never_the_estimate(tmp_path):
    """The user's word goes in strength; netmap's estimate stays as it was."""
    path = tmp_path / "contacts.csv"
    data = "name,strength_estimate,connected_on\r\nInês Carvalho,2,2021-04-04\r\nBo,,\r\n".encode()
    path.write_bytes(data)
    result = run("rate", "Inês Carvalho", "--strength", "4", "--data", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("Inês Carvalho: strength 4 (was: estimated 2)\nSaved contacts.csv (previous as .bak)\n")
    assert (
        path.read_bytes()
        == ("name,strength_estimate,connected_on,strength\r\nInês Carvalho,2,2021-04-04,4\r\nBo,,,\r\n").encode()
    )
    ines = load_dataset(tmp_path).contacts[0]
    assert (ines.strength, ines.strength_estimate, ines.estimated) == (4, 2, False)


def test_rate_the_same_writes_nothing(folder):
    """A cell that already says so (5.0 is 5) is left as written, and no file is saved."""
    path = folder / "contacts.csv"
    path.write_bytes(path.read_bytes().replace(b"friend,5,", b"Friend,5.0,"))
    before = path.read_bytes()
    result = run("rate", "Ana Lima", "--strength", "5", "--relationship", "friend", "--data", str(folder))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Ana Lima: strength 5 (unchanged), relationship friend (unchanged)\n"
    assert path.read_bytes() == before
    assert not (folder / "contacts.csv.bak").exists()


def test_rate_keeps_other_rows_bytes(folder):
    """CRLF, a BOM, quoting and rows netmap does not understand survive byte for byte."""
    path = folder / "contacts.csv"
    original = codecs.BOM_UTF8 + (
        (SMALL / "contacts.csv").read_bytes().replace(b"\n", b"\r\n")
        + b'\r\n"zed","Zed, Q.",,,,,,,,"two\nlines","\xc3\xa9"\r\n'
    )
    path.write_bytes(original)
    result = run("rate", "Zed, Q.", "--strength", "2", "--data", str(folder))
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == original.replace(
        b'"zed","Zed, Q.",,,,,,,,"two\nlines","\xc3\xa9"\r\n', b'zed,"Zed, Q.",,,,,,2,,"two\nlines",\xc3\xa9\r\n'
    )
    assert path.read_bytes().count(b"\r\n") == original.count(b"\r\n")


def test_rate_unknown_person_exits_3(folder):
    before = (folder / "contacts.csv").read_bytes()
    result = run("rate", "Bo Chan", "--strength", "3", "--data", str(folder))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "Error: 'Bo Chan' matches no id or name in contacts.csv - did you mean 'Bo Chen'? "
        "If not, add them to contacts.csv\n"
    )
    assert (folder / "contacts.csv").read_bytes() == before


def test_rate_ambiguous_name_exits_3(folder):
    path = folder / "contacts.csv"
    path.write_bytes(path.read_bytes() + b"bo2,Bo Chen,Initech,,,,,,,,\n")
    result = run("rate", "Bo Chen", "--strength", "3", "--data", str(folder))
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: 'Bo Chen' is ambiguous: 2 people have that name: 'bo' (PM at Globex, line 3), "
        "'bo2' (Initech, line 10) - write the id instead of the name\n"
    )


def test_rate_me_exits_1(folder):
    result = run("rate", "me", "--strength", "3", "--data", str(folder))
    assert (result.exit_code, result.stderr) == (1, "Error: 'me' is you - name someone from contacts.csv\n")


def test_rate_needs_strength(folder):
    result = run("rate", "ana", "--data", str(folder))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Missing option '--strength'.\n")


@pytest.mark.parametrize("command", [["rate", "eli", "--strength", "3"], ["add", "Yan Bo"]])
def test_file_changed_on_disk_exits_4(folder, monkeypatch, command):
    """A contacts.csv edited while netmap worked is not overwritten."""
    original_save = PeopleBook.save

    def save_after_someone_edits(self):
        with (folder / "contacts.csv").open("a") as f:
            f.write("yan,Yan,,,,,,,,,\n")
        return original_save(self)

    monkeypatch.setattr(PeopleBook, "save", save_after_someone_edits)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run(*command, "--data", str(folder))
    assert result.exit_code == 4
    assert "Saved" not in result.stdout
    assert result.stderr == (
        f"Error: {folder / 'contacts.csv'} changed on disk since netmap read it - re-run the command\n"
    )
    before["contacts.csv"] += b"yan,Yan,,,,,,,,,\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# -- a newcomer's first session -------------------------------------------------------------


def test_first_session_from_an_empty_folder(tmp_path, monkeypatch):
    """init, add a few people, rate one, check, and find a way into a company."""
    monkeypatch.chdir(tmp_path)
    steps = [
        ["init", "--name", "Maya Silva"],
        ["add", "Inês Carvalho", "--company", "Acme", "--office", "Lisbon", "--title", "Data Engineer"],
        ["add", "Bruno Costa", "--company", "Globex", "--strength", "5", "--relationship", "friend"],
        ["add", "Carla Dias", "--company", "Acme", "--office", "Lisbon", "--title", "Engineering Manager"],
        ["rate", "Inês Carvalho", "--strength", "4", "--relationship", "former colleague"],
    ]
    for step in steps:
        result = run(*step)
        assert (result.exit_code, result.stderr) == (0, ""), step
    assert run("rate", "Inês Carvalho", "--strength", "4").stdout == "Inês Carvalho: strength 4 (unchanged)\n"
    check = run("check")
    assert (check.exit_code, check.stdout) == (
        0,
        "3 people, 0 introductions, 0 company aliases; 0 errors, 0 warnings\n",
    )
    paths = run("paths", "--company", "Acme", "--format", "csv")
    assert paths.exit_code == 0, paths.stderr
    rows = [line.split(",")[:3] for line in paths.stdout.splitlines()[1:]]
    assert rows == [["1", "ines-carvalho", "Inês Carvalho"], ["2", "carla-dias", "Carla Dias"]]
    assert load_profile(tmp_path / "netmap.toml")["name"] == "Maya Silva"
