# ruff: noqa: E501  (the expected messages are exact one-line strings)
"""``netmap check`` on the bad-input corpus: one tiny data folder per problem, exact messages.

Each folder under ``tests/data/bad/`` is named for the problem it holds; ``tests/data/good/``
holds files netmap must accept (BOM, ``;``, CRLF, quoted newlines, UTF-16, extra columns).
Every other command loads through the same validation: ``netmap stats`` on the same
folders prints the same lines on stderr, prefixed ``Error:``, and exits 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.loading import load_dataset

DATA = Path(__file__).parent / "data"

#: folder -> (exit code of ``netmap check``, every line it prints; the last is the summary)
EXPECTED: dict[str, tuple] = {
    "contact_is_me": (
        1,
        "{d}/introductions.csv:2: contact: 'me' cannot be the contact: a row means 'referrer introduced me to contact' - put the person you were introduced to in contact",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "derived_id_collision": (
        0,
        "{d}/contacts.csv:3: warning: id: 'Ana Ribeiro' would get the id 'ana-ribeiro', already the id of line 2; using 'ana-ribeiro-2' - fill in the id column to keep ids stable",
        "{d}/contacts.csv:4: warning: id: 'Me' would get the id 'me', reserved for you; using 'me-2' - fill in the id column to keep ids stable",
        "3 people, 0 introductions, 0 company aliases; 0 errors, 2 warnings",
    ),
    "duplicate_column": (
        1,
        "{d}/contacts.csv:1: Name: column appears twice (columns 1 and 3) - delete or rename one of them",
        "1 person, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "duplicate_id": (
        1,
        "{d}/contacts.csv:4: id: duplicate id 'ana' (already used on line 2) - give each person a different id",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "empty_file": (
        1,
        "{d}/contacts.csv: file is empty - add a header row such as 'name,company,strength' and the rows under it",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "empty_introductions_file": (
        1,
        "{d}/introductions.csv: file is empty - add a header row such as 'referrer,contact,date,status' and the rows under it",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "impossible_date": (
        1,
        "{d}/contacts.csv:2: last_contact: impossible date '2025-02-30' (day is out of range for month) - write dates as YYYY-MM-DD",
        "{d}/introductions.csv:2: date: impossible date '2025-13-01' (month must be in 1..12) - write dates as YYYY-MM-DD",
        "1 person, 1 introduction, 0 company aliases; 2 errors, 0 warnings",
    ),
    "intro_ambiguous_name": (
        1,
        "{d}/introductions.csv:2: contact: 'Sam Lee' is ambiguous: 2 people have that name: 'sam-1' (line 2), 'sam-2' (line 3) - write the id instead of the name",
        "3 people, 1 introduction, 0 company aliases; 1 error, 0 warnings",
    ),
    "intro_names_nobody": (
        1,
        "{d}/introductions.csv:2: contact: 'Ana Ribero' matches no id or name in contacts.csv - did you mean 'Ana Ribeiro'? If not, add them to contacts.csv",
        "{d}/introductions.csv:3: contact: 'Bo' matches no id or name in contacts.csv - did you mean 'Bo Chen'? If not, add them to contacts.csv",
        "{d}/introductions.csv:4: contact: 'Zed Quinn' matches no id or name in contacts.csv - add them to contacts.csv, or fix the spelling (you are 'me')",
        "2 people, 0 introductions, 0 company aliases; 3 errors, 0 warnings",
    ),
    "line_numbers_after_quoted_newlines": (
        1,
        "{d}/contacts.csv:5: strength: '7' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "malformed_date": (
        1,
        "{d}/contacts.csv:2: last_contact: 'last week' is not a date - write dates as YYYY-MM-DD",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "missing_contacts_file": (
        1,
        "{d}/contacts.csv: file not found - check the path, or pass --data DIR (the folder holding it)",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "missing_required_column": (
        1,
        "{d}/contacts.csv:1: name: missing required column 'name' - add a 'name' column to the header row (line 1)",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "misspelt_column": (
        1,
        "{d}/contacts.csv:1: strenght: unknown column, did you mean the column 'strength'? - rename it to 'strength' in the header row",
        "1 person, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "misspelt_required_column": (
        1,
        "{d}/contacts.csv:1: nmae: unknown column, did you mean the required column 'name'? - rename it to 'name' in the header row",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "not_utf8_cp1252": (
        1,
        "{d}/contacts.csv:2: name: not UTF-8 (byte 0xe9); it looks like cp1252 - pass --encoding cp1252, or save the file as UTF-8 (CSV UTF-8 in Excel)",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "reserved_id_me": (
        1,
        "{d}/contacts.csv:2: id: 'me' is reserved for you - give this person another id",
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "self_introduction": (
        1,
        "{d}/introductions.csv:2: contact: 'Ana Ribeiro' is both the referrer and the contact - an introduction is between two different people: fix one of them",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "strength_not_a_number": (
        1,
        "{d}/contacts.csv:2: strength: 'close' is not a number - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "1 person, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "strength_out_of_range": (
        1,
        "{d}/contacts.csv:2: strength: '9' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "{d}/contacts.csv:3: strength: '0' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "{d}/contacts.csv:4: strength: '2.5' is not a whole number - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "{d}/introductions.csv:2: strength: '6' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), or leave it blank",
        "3 people, 1 introduction, 0 company aliases; 4 errors, 0 warnings",
    ),
    "unclosed_quote": (
        1,
        '{d}/contacts.csv:2: a quote opened on this line is never closed: the rest of the file reads as one field - close the quote, or double any " inside a quoted value ("")',
        "0 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "unknown_relationship": (
        1,
        "{d}/contacts.csv:2: relationship: unknown relationship 'freind' - did you mean 'friend'? Otherwise use one of: family, friend, colleague, former_colleague, classmate, teacher, neighbor, alumni, recruiter, acquaintance, other",
        "1 person, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "unknown_status": (
        1,
        "{d}/introductions.csv:2: status: unknown status 'maybe' - did you mean 'made'? Otherwise use one of: suggested, requested, made, met, thanked, declined, no_response",
        "2 people, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ),
    "wrong_field_count": (
        1,
        "{d}/contacts.csv:2: row has 2 fields but the header has 3 - add the missing fields (leave them empty: ',,' is fine)",
        "{d}/contacts.csv:3: row has 4 fields but the header has 3 - quote any value that contains ',', or remove the extra fields",
        "0 people, 0 introductions, 0 company aliases; 2 errors, 0 warnings",
    ),
    "misspelt_column_with_ids": (
        1,
        "{d}/contacts.csv:1: tagz: unknown column, did you mean the column 'tags'? - rename it to 'tags' in the header row",
        "2 people, 1 introduction, 0 company aliases; 1 error, 0 warnings",
    ),
    "date_year_zero": (
        1,
        "{d}/contacts.csv:2: last_contact: impossible date '0000-01-01' (year 0 is out of range) - write dates as YYYY-MM-DD",
        "2 people, 1 introduction, 0 company aliases; 1 error, 0 warnings",
    ),
    "header_form_feed": (
        0,
        "2 people, 1 introduction, 0 company aliases; 0 errors, 0 warnings",
    ),
    "long_note": (
        0,
        "2 people, 1 introduction, 0 company aliases; 0 errors, 0 warnings",
    ),
}


def _lines(case: str) -> tuple[int, list[str]]:
    code, *lines = EXPECTED[case]
    return code, [line.replace("{d}", f"bad/{case}") for line in lines]


def test_every_corpus_folder_has_an_expectation():
    """No folder is left untested and no expectation points at a missing folder."""
    assert sorted(p.name for p in (DATA / "bad").iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_reports_exact_lines(runner, corpus, case):
    """`netmap check` prints every problem as FILE:LINE: column: what - what to do, then a summary."""
    code, lines = _lines(case)
    result = runner.invoke(cli, ["check", "--data", f"bad/{case}"])
    assert result.stdout.splitlines() == lines
    assert result.stderr == ""
    assert result.exit_code == code


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_stats_fails_the_same_way(runner, corpus, case):
    """Another command loads through the same validation: same lines on stderr, exit 1, no traceback."""
    code, lines = _lines(case)
    problems = [line for line in lines[:-1] if ": warning: " not in line]
    result = runner.invoke(cli, ["stats", "--data", f"bad/{case}"])
    assert "Traceback" not in result.output
    if code == 0:
        assert result.exit_code == 0
        assert result.stderr == ""
        return
    n = len(problems)
    summary = (
        f"{n} error{'s' if n != 1 else ''} in the data - fix {'it' if n == 1 else 'them'} "
        "and run 'netmap check' to confirm"
    )
    assert result.stderr.splitlines() == [f"Error: {p}" for p in problems] + [summary]
    assert result.stdout == ""
    assert result.exit_code == 1


#: every command that reads the data folder, as run on a corpus folder (people ana and bo)
READERS = {
    "stats": ["stats"],
    "paths": ["paths", "--company", "Globex"],
    "paths --per-target": ["paths", "--company", "Globex", "--per-target", "2"],
    "paths --prefer reach": ["paths", "--company", "Globex", "--prefer", "reach"],
    "ask": ["ask", "--company", "Globex"],
    "mutual --company": ["mutual", "--company", "Globex"],
    "explain": ["explain", "bo"],
    "export": ["export", "--format", "graphml"],
    "map": ["map", "-o", "{tmp}/map.html"],
    "due": ["due"],
    "report": ["report"],
    "companies": ["companies"],
}


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_every_command_fails_the_same_way(runner, corpus, case, command, tmp_path):
    """One reader, one set of checks: a folder `check` rejects gives its very lines (on stderr)
    and exit 1 from every command that reads data; a folder it accepts is never refused."""
    code, lines = _lines(case)
    args = [a.replace("{tmp}", str(tmp_path)) for a in READERS[command]]
    result = runner.invoke(cli, [*args, "--data", f"bad/{case}"])
    assert "Traceback" not in result.output
    errors = [f"Error: {line}" for line in lines[:-1] if ": warning: " not in line]
    if code == 1:
        assert result.stderr.splitlines()[: len(errors)] == errors
        assert result.exit_code == 1
    else:
        assert result.exit_code in (0, 3), result.output  # 3: Globex or bo not in this folder
        assert not any(line.startswith(f"Error: bad/{case}") for line in result.stderr.splitlines())


def test_debug_shows_a_traceback(runner, corpus):
    """`--debug` is the one way to see a traceback."""
    result = runner.invoke(cli, ["--debug", "stats", "--data", "bad/duplicate_id"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-2].startswith("Error: bad/duplicate_id/contacts.csv:4: id:")


def test_encoding_option_reads_cp1252(runner, corpus):
    """`--encoding cp1252` makes the Windows-1252 file load, accents intact."""
    result = runner.invoke(cli, ["check", "--data", "bad/not_utf8_cp1252", "--encoding", "cp1252"])
    assert result.stdout == "2 people, 0 introductions, 0 company aliases; 0 errors, 0 warnings\n"
    assert result.exit_code == 0
    ds = load_dataset("bad/not_utf8_cp1252", encoding="cp1252")
    assert [(c.name, c.company, c.office) for c in ds.contacts] == [
        ("José Álvarez", "Café Lumière", "São Paulo"),
        ("Zoë Müller", "Straße GmbH", "Köln"),
    ]


def test_wrong_encoding_option_says_what_it_looks_like(runner, corpus):
    """A wrong --encoding fails on the first bad byte and suggests the encoding it looks like."""
    result = runner.invoke(cli, ["check", "--data", "bad/not_utf8_cp1252", "--encoding", "ascii"])
    assert result.stdout.splitlines()[0] == (
        "bad/not_utf8_cp1252/contacts.csv:2: name: cannot be read as ascii (byte 0xe9); "
        "it looks like cp1252 - pass --encoding cp1252, or save the file as UTF-8"
    )
    assert result.exit_code == 1


def test_unknown_encoding_name(runner, corpus):
    result = runner.invoke(cli, ["check", "--data", "good/utf8_bom", "--encoding", "klingon"])
    assert result.stdout.splitlines()[0] == (
        "good/utf8_bom/contacts.csv: unknown encoding 'klingon' given with --encoding - "
        "pass a Python codec name such as utf-8, cp1252, latin-1 or utf-16"
    )
    assert result.exit_code == 1


def test_explicit_utf8_still_drops_the_bom(runner, corpus):
    """`--encoding utf-8` on a file saved with a BOM still finds the 'name' column."""
    result = runner.invoke(cli, ["check", "--data", "good/utf8_bom", "--encoding", "utf-8"])
    assert result.exit_code == 0, result.stdout


GOOD = {
    "utf8_bom": "1 person, 0 introductions",
    "semicolon": "1 person, 0 introductions",
    "bom_semicolon": "1 person, 0 introductions",
    "crlf": "2 people, 0 introductions",
    "quoted_newlines": "2 people, 1 introduction",
    "utf16_bom": "1 person, 0 introductions",
    "extra_columns": "1 person, 1 introduction",
    "trailing_separators": "2 people, 0 introductions",
}


def test_every_good_folder_is_listed():
    assert sorted(p.name for p in (DATA / "good").iterdir()) == sorted(GOOD)


@pytest.mark.parametrize("case", sorted(GOOD))
def test_accepted_files_check_clean(runner, corpus, case):
    """Spreadsheet quirks are accepted: exit 0, nothing but the summary."""
    result = runner.invoke(cli, ["check", "--data", f"good/{case}"])
    assert result.stdout == f"{GOOD[case]}, 0 company aliases; 0 errors, 0 warnings\n"
    assert result.exit_code == 0


def test_accepted_files_read_correctly():
    """What the accepted quirks read as, cell by cell."""
    good = DATA / "good"

    def first(case: str):
        return load_dataset(good / case).contacts[0]

    assert (first("utf8_bom").name, first("utf8_bom").company) == ("Ana Ribeiro", "Acme")
    assert (first("semicolon").company, first("semicolon").title) == ("Acme, Inc.", "CTO")
    assert first("bom_semicolon").company == "Acme"
    assert first("crlf").notes.splitlines() == ["two", "lines"]
    assert (first("utf16_bom").name, first("utf16_bom").company) == ("José Álvarez", "Café")
    ds = load_dataset(good / "quoted_newlines")
    assert [c.name for c in ds.contacts] == ["Ana Ribeiro", 'Bo "Bobby" Chen']
    assert ds.contacts[0].notes == "met at PyCon\nsaid to write"
    assert ds.contacts[1].line == 4  # the row after a two-line cell starts on line 4
    assert ds.introductions[0].notes == "line one\nline two"
    extra = load_dataset(good / "extra_columns")
    assert extra.contacts[0].extra == {"Favourite Colour": "teal"}
    assert extra.introductions[0].extra == {"channel": "email"}
    trailing = load_dataset(good / "trailing_separators")
    assert [(c.name, c.company, c.extra) for c in trailing.contacts] == [
        ("Ana Ribeiro", "Acme", {}),
        ("Bo Chen", "Acme", {}),
    ]


def test_check_finds_every_problem_at_once(runner, write_data):
    """Problems from both files are reported together, each file in line order."""
    folder = write_data(
        "id,name,strength,last_contact\nana,Ana,9,\nbo,Bo,,soon\nana,Ann,,\n",
        intros="referrer,contact,status\nana,Zed,met\nme,bo,maybe\n",
    )
    result = runner.invoke(cli, ["check", "--data", str(folder)])
    got = [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in result.stdout.splitlines()[:-1]]
    assert got == [
        "contacts.csv:2",
        "contacts.csv:3",
        "contacts.csv:4",
        "introductions.csv:2",
        "introductions.csv:3",
    ]
    assert result.stdout.splitlines()[-1].endswith("; 5 errors, 0 warnings")
    assert result.exit_code == 1


def test_data_from_environment(runner, corpus, monkeypatch):
    """$NETMAP_DATA is the default data folder."""
    monkeypatch.setenv("NETMAP_DATA", "bad/duplicate_id")
    result = runner.invoke(cli, ["check"])
    assert result.stdout.startswith("bad/duplicate_id/contacts.csv:4: id: duplicate id 'ana'")
    assert result.exit_code == 1


def test_explicit_contacts_and_intros_paths(runner, corpus):
    """--contacts/--intros name the files directly; messages name the contacts file as given."""
    result = runner.invoke(
        cli,
        ["check", "--contacts", "bad/intro_names_nobody/contacts.csv",
         "--intros", "bad/intro_names_nobody/introductions.csv"],
    )  # fmt: skip
    assert result.stdout.splitlines() == _lines("intro_names_nobody")[1]
    assert result.exit_code == 1


def test_explicit_intros_must_exist(runner, corpus):
    result = runner.invoke(cli, ["check", "--data", "good/crlf", "--intros", "nowhere/intros.csv"])
    assert result.stdout.splitlines()[0] == (
        "nowhere/intros.csv: file not found - the folder 'nowhere' does not exist either: check --data / $NETMAP_DATA"
    )
    assert result.exit_code == 1


def test_sample_data_checks_clean(runner):
    """The shipped sample network passes `netmap check`."""
    sample = Path(__file__).parent.parent / "sample_data"
    if not (sample / "contacts.csv").exists():
        pytest.skip("sample_data/ not generated yet")
    result = runner.invoke(cli, ["check", "--data", str(sample)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith("0 errors, 0 warnings")


def test_check_reads_events_csv_too(runner, tmp_path):
    """events.csv (the outreach history) is part of the folder: its problems are listed with the rest."""
    (tmp_path / "contacts.csv").write_text("id,name,company\nines,Inês Carvalho,Halcyon Maps\n")
    (tmp_path / "events.csv").write_text(
        "date,kind,person,referrer,notes\n2026-01-05,meeting,ines carvalho,,coffee\n2026-02-01,call,Nobody Here,,\n"
    )
    result = runner.invoke(cli, ["check", "--data", str(tmp_path)])
    assert result.stdout.splitlines() == [
        f"{tmp_path}/events.csv:3: person: 'Nobody Here' matches no id or name in contacts.csv - "
        "write the id from contacts.csv",
        "1 person, 0 introductions, 0 company aliases; 1 error, 0 warnings",
    ]
    assert result.exit_code == 1
