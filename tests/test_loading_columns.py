"""The validating reader works column by column and still reports row by row.

Each rule runs once over a column (each distinct date, strength, status or name is parsed
once), yet the problems come out as a walk of the rows reports them: by line, and within a
line in the order of the rules (control characters, name, strengths, dates, relationship, id).
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.csvio import Table, gc_paused, read_table
from netmap.loading import check_data, parse_contacts, parse_introductions
from netmap.model import ME, Contact


def _problems(folder: Path) -> list[str]:
    return [str(p).removeprefix(str(folder) + "/") for p in check_data(folder).problems]


def test_one_contacts_row_reports_its_problems_in_rule_order(write_data):
    """A row with five problems lists them in the order of the rules, not of the columns."""
    folder = write_data(
        "relationship,last_contact,strength,company,name,id\nfreind,2024-02-30,9,Ac\x07me,Ana,a1\nfriend,,,Acme,Bo,a1\n"
    )
    assert _problems(folder) == [
        "contacts.csv:2: warning: company: invisible control character removed (U+0007) - delete it from the file: "
        "it can disturb terminals and other programs",
        "contacts.csv:2: strength: '9' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), "
        "or leave it blank",
        "contacts.csv:2: last_contact: impossible date '2024-02-30' (day is out of range for month) - "
        "write dates as YYYY-MM-DD",
        "contacts.csv:2: relationship: unknown relationship 'freind' - did you mean 'friend'? Otherwise use one "
        "of: family, friend, colleague, former_colleague, classmate, teacher, neighbor, alumni, recruiter, "
        "acquaintance, other",
        "contacts.csv:3: id: duplicate id 'a1' (already used on line 2) - give each person a different id",
    ]


def test_one_introductions_row_reports_its_problems_in_rule_order(write_data):
    """Control characters, referrer, contact, status, strength, date: in that order on each line."""
    folder = write_data(
        "id,name\nana,Ana Lima\nbo,Bo Chen\n",
        intros="date,strength,status,contact,referrer,notes\n"
        "soon,7,madee,,zed,hi\x01\n"
        "2024-01-02,3,made,ana,Ana Lima,\n"
        "2024-01-02,3,made,me,bo,\n",
    )
    assert _problems(folder) == [
        "introductions.csv:2: warning: notes: invisible control character removed (U+0001) - delete it from the file: "
        "it can disturb terminals and other programs",
        "introductions.csv:2: referrer: 'zed' matches no id or name in contacts.csv - add them to contacts.csv, "
        "or fix the spelling (you are 'me')",
        "introductions.csv:2: contact: contact is empty - fill in an id or a name from contacts (you are 'me')",
        "introductions.csv:2: status: unknown status 'madee' - did you mean 'made'? Otherwise use one of: "
        "suggested, requested, made, met, thanked, declined, no_response",
        "introductions.csv:2: strength: '7' is outside 1-5 - use a whole number from 1 (barely) to 5 (close), "
        "or leave it blank",
        "introductions.csv:2: date: 'soon' is not a date - write dates as YYYY-MM-DD",
        "introductions.csv:3: contact: 'ana' is both the referrer and the contact - an introduction is between "
        "two different people: fix one of them",
        "introductions.csv:4: contact: 'me' cannot be the contact: a row means 'referrer introduced me to "
        "contact' - put the person you were introduced to in contact",
    ]


def test_a_value_parsed_once_is_reported_on_every_line_that_has_it(write_data):
    """The same bad date on three lines: three problems, each with its own line, in line order."""
    folder = write_data("name,last_contact,strength\nAna,someday,\nBo,,x\nCy,someday,\nDi,someday,x\n")
    assert [(p.line, p.column) for p in check_data(folder).problems] == [
        (2, "last_contact"),
        (3, "strength"),
        (4, "last_contact"),
        (5, "strength"),
        (5, "last_contact"),
    ]


def test_introductions_by_name_and_by_id_resolve_alike(write_data):
    """Ids need no name lookup; a name in the same column still goes through the resolver."""
    folder = write_data(
        "id,name\nana,Ana Lima\nbo,Bo Chen\n",
        intros="referrer,contact\nana,bo\nANA LIMA,bo\nme,Bo Chen\n",
    )
    intros = check_data(folder).dataset.introductions
    assert [(i.referrer, i.contact, i.line) for i in intros] == [("ana", "bo", 2), ("ana", "bo", 3), (ME, "bo", 4)]


def test_an_id_that_reads_as_me_is_still_you():
    """A hand-made contact whose id is 'Me' does not shadow the user (the resolver's first rule)."""
    contacts = [Contact("Me", "Someone"), Contact("bo", "Bo")]
    table = Table(Path("introductions.csv"), ["referrer", "contact"], [(2, ["Me", "bo"])])
    intros, problems = parse_introductions(table, contacts)
    assert [(i.referrer, i.contact) for i in intros] == [(ME, "bo")]
    assert problems == []


def test_a_table_made_in_code_may_have_longer_rows():
    """Rows wider than the header (a table built in code, not read) use the header's columns."""
    table = Table(Path("contacts.csv"), ["name", "strength"], [(2, ["Ana", "3", "x"]), (3, ["Bo", "4"])])
    contacts, problems = parse_contacts(table)
    assert [(c.id, c.strength) for c in contacts] == [("ana", 3), ("bo", 4)]
    assert problems == []


def test_line_numbers_with_and_without_records_spanning_lines(tmp_path):
    """One record a line is read at once; a quoted line break shifts the lines of the rows after it."""
    plain, quoted = tmp_path / "plain.csv", tmp_path / "quoted.csv"
    plain.write_text("name,notes\n\nAna,a\nBo,b\n", encoding="utf-8")
    quoted.write_text('name,notes\n\nAna,"a\nb"\nBo,b\n', encoding="utf-8")
    assert read_table(plain).rows == [(3, ["Ana", "a"]), (4, ["Bo", "b"])]
    assert read_table(quoted).rows == [(3, ["Ana", "a\nb"]), (5, ["Bo", "b"])]


def test_blank_and_ragged_rows_among_regular_ones(tmp_path):
    """A blank row (separators only) is skipped, a short one reported, trailing separators dropped."""
    path = tmp_path / "c.csv"
    path.write_text("name,company\nAna,Acme\n , \nBo\nCy,X,,\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows == [(2, ["Ana", "Acme"]), (5, ["Cy", "X"])]
    assert [(p.line, p.message) for p in table.problems] == [(4, "row has 1 field but the header has 2")]


def test_gc_paused_restores_the_collector():
    """The collector resumes after an error, and stays off if the caller had turned it off."""
    with pytest.raises(ZeroDivisionError), gc_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


_CELLS = {
    "name": ["Ana", "Bo Chen", "", " Cy ", "D\x07i"],
    "strength": ["", "3", "9", "x", "2.5", " 4 "],
    "last_contact": ["", "2024-01-02", "2024-02-30", "someday", "0000-01-01"],
    "relationship": ["", "friend", "Former colleague", "freind", "zzz"],
    "tags": ["", "a; b", ";;"],
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _CELLS.items()}), min_size=1, max_size=8))
def test_a_table_reports_what_its_rows_report_one_by_one(rows):
    """Column by column, a table gives the problems and people its rows give one at a time, in order."""
    header = ["id", *_CELLS]

    def table(numbered: list[tuple[int, dict[str, str]]]) -> Table:
        cells = [(line, [f"p{line}", *(row[k] for k in _CELLS)]) for line, row in numbered]
        return Table(Path("contacts.csv"), header, cells)

    numbered = list(enumerate(rows, 2))
    people, problems = parse_contacts(table(numbered))
    one_by_one = [parse_contacts(table([item])) for item in numbered]
    assert problems == [p for _, found in one_by_one for p in found]
    assert people == [c for found, _ in one_by_one for c in found]
