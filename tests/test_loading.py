"""Loading contacts and introductions: ids, names, lists, extra columns, every problem at once."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.errors import DataError
from netmap.loading import check_data, load_dataset, parse_date
from netmap.model import ME, Contact
from netmap.people import PersonResolver


def test_derived_ids_linkedin_then_email_then_name(write_data):
    """No id column: the LinkedIn slug, else the e-mail (lower-case), else the slugified name."""
    folder = write_data(
        "name,email,linkedin_url\n"
        "Ana Ribeiro,ana@x.pt,https://www.linkedin.com/in/Ana-Ribeiro-12ab/?trk=x\n"
        "Bo Chen,Bo.Chen@Example.com,\n"
        "José Álvarez,,\n"
        "王伟,,\n"
    )
    ids = [c.id for c in load_dataset(folder).contacts]
    assert ids == ["ana-ribeiro-12ab", "bo.chen@example.com", "jose-alvarez", "王伟"]


def test_given_id_wins_and_is_kept_verbatim(write_data):
    folder = write_data("id,name,linkedin_url\nAna-1,Ana,https://linkedin.com/in/ana\n")
    assert load_dataset(folder).contacts[0].id == "Ana-1"


def test_derived_id_collisions_get_suffixes_and_warnings(write_data):
    """Same derived id twice: the second gets '-2', with a warning; 'me' is never a person's id."""
    folder = write_data("id,name\n,Ana\nana-2,Someone\n,Ana\n,Me\n")
    report = check_data(folder)
    assert [c.id for c in report.dataset.contacts] == ["ana", "ana-2", "ana-3", "me-2"]
    assert report.errors == []
    assert [(w.line, w.column) for w in report.warnings] == [(4, "id"), (5, "id")]
    assert "using 'ana-3'" in report.warnings[0].message


def test_me_resolution(write_data):
    """`me`, in any case and with spaces around it, is the user."""
    folder = write_data("id,name\nana,Ana\n", intros="referrer,contact\nme,ana\nME,ana\n me ,ana\n")
    assert [i.referrer for i in load_dataset(folder).introductions] == [ME, ME, ME]


def test_introductions_accept_ids_or_names(write_data):
    """Ids match exactly; names match ignoring case and repeated spaces."""
    folder = write_data(
        "id,name\nana,Ana Ribeiro\nbo,Bo Chen\ncy,José Álvarez\n",
        intros="referrer,contact,date,status,strength,notes\n"
        "ana,bo,2025-03-01,met,4,coffee\n"
        "ANA  ribeiro,José Álvarez,,,,\n",
    )
    first, second = load_dataset(folder).introductions
    assert (
        first.referrer,
        first.contact,
        first.date,
        first.status,
        first.strength,
        first.notes,
    ) == ("ana", "bo", date(2025, 3, 1), "met", 4, "coffee")
    assert (second.referrer, second.contact, second.status, second.strength) == (
        "ana",
        "cy",
        "suggested",
        None,
    )
    assert (first.line, second.line) == (2, 3)


def test_id_beats_a_name_that_looks_the_same(write_data):
    """A cell equal to one person's id resolves to that id even if another person is named so."""
    folder = write_data("id,name\nbo,Ana\nana,Bo\n", intros="referrer,contact\nme,bo\n")
    assert load_dataset(folder).introductions[0].contact == "bo"


def test_list_columns_split_on_semicolons(write_data):
    folder = write_data('name,past_companies,tags\nAna,"Globex; Initech ;;",mentor;  python\n')
    c = load_dataset(folder).contacts[0]
    assert c.past_companies == ("Globex", "Initech")
    assert c.tags == ("mentor", "python")


def test_every_known_column_is_read(write_data):
    folder = write_data(
        "id,name,company,title,office,email,linkedin_url,relationship,strength,strength_estimate,last_contact,"
        "connected_on,past_companies,tags,school,notes\n"
        "ana,Ana,Acme,CTO,Lisbon,a@x.pt,https://linkedin.com/in/ana,Former Colleague,4.0,2,"
        "08 Feb 2026,2021-04-04,Globex,python,Uni Porto,hi\n"
    )
    c = load_dataset(folder).contacts[0]
    assert c == Contact(
        id="ana", name="Ana", company="Acme", title="CTO", office="Lisbon", email="a@x.pt",
        linkedin_url="https://linkedin.com/in/ana", relationship="former_colleague", strength=4,
        last_contact=date(2026, 2, 8), strength_estimate=2, connected_on=date(2021, 4, 4),
        past_companies=("Globex",), tags=("python",), school="Uni Porto", notes="hi", line=2,
    )  # fmt: skip


def test_strength_estimate_out_of_range_names_its_column(write_data):
    """A bad estimate is reported against the strength_estimate column, not strength."""
    folder = write_data("name,strength_estimate\nAna,7\n")
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'contacts.csv'}:2: strength_estimate: '7' is outside 1-5 - use a whole number from 1 "
        "(barely) to 5 (close), or leave it blank"
    ]


def test_headers_are_matched_loosely(write_data):
    """Header case, spaces and hyphens do not matter: 'Last-Contact ' is last_contact."""
    folder = write_data("Name, Last-Contact ,LinkedIn URL\nAna,2025-01-02,https://linkedin.com/in/ana\n")
    c = load_dataset(folder).contacts[0]
    assert (c.id, c.last_contact) == ("ana", date(2025, 1, 2))


def test_unknown_columns_kept_in_extra(write_data):
    """Columns netmap does not know are kept as written, header and value untouched."""
    folder = write_data(
        "name,Favourite Colour,Met At\nAna, teal ,PyCon\n",
        intros="referrer,contact,Channel\nme,Ana,email\n",
    )
    ds = load_dataset(folder)
    assert ds.contacts[0].extra == {"Favourite Colour": " teal ", "Met At": "PyCon"}
    assert ds.introductions[0].extra == {"Channel": "email"}


def test_introductions_file_is_optional(write_data):
    ds = load_dataset(write_data("name\nAna\n"))
    assert (ds.introductions, ds.introductions_path) == ([], None)


def test_companies_aliases(write_data):
    folder = write_data(
        "name,company\nAna,HM\n",
        companies="alias,canonical\nHM,Halcyon Maps\nHalcyon Inc.,Halcyon Maps\n",
    )
    assert load_dataset(folder).aliases == {"hm": "Halcyon Maps", "halcyon": "Halcyon Maps"}


def test_companies_file_problems(write_data):
    folder = write_data("name\nAna\n", companies="alias,canonical\nHM,\n")
    (p,) = check_data(folder).errors
    assert str(p).endswith("companies.csv:2: canonical: is empty - fill in both columns")


def test_load_raises_data_error_with_every_problem(write_data):
    folder = write_data("id,name,strength\nana,Ana,x\nana,Bo,\n,,\n, ,3\n")
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert [(p.line, p.column) for p in info.value.problems] == [
        (2, "strength"),
        (3, "id"),
        (5, "name"),
    ]
    assert str(info.value).count("\n") == 2  # one line per problem


def test_warnings_do_not_stop_loading(write_data):
    ds = load_dataset(write_data("name\nAna\nAna\n"))
    assert [c.id for c in ds.contacts] == ["ana", "ana-2"]


def test_header_line_after_blank_lines(write_data):
    """Problems on the header name the line it is really on."""
    (p,) = check_data(write_data("\n\ncompany\nAcme\n")).errors
    assert (p.line, p.column, p.message) == (3, "name", "missing required column 'name'")


def test_duplicate_known_column(write_data):
    (p,) = check_data(write_data("name,Name\nAna,Ana\n")).errors
    assert (p.line, p.column, p.message) == (1, "Name", "column appears twice (columns 1 and 2)")


def test_introductions_not_resolved_when_contacts_unreadable(write_data):
    """A broken contacts file is reported once, not as a 'matches nobody' per introduction."""
    folder = write_data("company\nAcme\n", intros="referrer,contact\nme,Ana\nme,Bo\n")
    assert [p.column for p in check_data(folder).problems] == ["name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-08", date(2026, 2, 8)),
        ("2026/2/8", date(2026, 2, 8)),
        ("08 Feb 2026", date(2026, 2, 8)),
        ("8 February 2026", date(2026, 2, 8)),
        ("Feb 8, 2026", date(2026, 2, 8)),
        ("4-Apr-21", date(2021, 4, 4)),
        ("2026-02-08T10:30:00", date(2026, 2, 8)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "impossible date '2026-02-30' (day is out of range for month)"),
        ("2025-13-01", "impossible date '2025-13-01' (month must be in 1..12)"),
        ("13/01/2024", "'13/01/2024' is not a date"),
        ("soon", "'soon' is not a date"),
    ],
)
def test_parse_date_errors(text, message):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert str(info.value) == message


class TestPersonResolverOverContacts:
    people = [
        Contact("ana", "Ana Ribeiro"),
        Contact("jose", "José Álvarez"),
        Contact("s1", "Sam Lee", line=4),
        Contact("s2", "Sam Lee", line=5),
        Contact("zhang", "张伟"),
    ]
    index = PersonResolver.of_contacts(people)

    def test_resolves(self):
        assert self.index.find("ana") == ("ana", "", "")
        assert self.index.find("  ana ribeiro ") == ("ana", "", "")
        assert self.index.find("张伟") == ("zhang", "", "")
        assert self.index.find("Me") == (ME, "", "")

    def test_ambiguous(self):
        assert self.index.find("sam lee") == (
            None,
            "'sam lee' is ambiguous: 2 people have that name: 's1' (line 4), 's2' (line 5)",
            "write the id instead of the name",
        )

    @pytest.mark.parametrize(
        ("text", "suggested"),
        [
            ("Ana Ribero", ["'Ana Ribeiro'"]),  # a typo
            ("Ana", ["'Ana Ribeiro'"]),  # a part of the name
            ("Ribeiro", ["'Ana Ribeiro'"]),
            ("Jose Alvarez", ["'José Álvarez'"]),  # accents left out
            ("jsoe", ["'José Álvarez'"]),  # near the id
            ("Sam", ["'s1' (Sam Lee)", "'s2' (Sam Lee)"]),  # shared name: shown by id
            ("Zed Quinn", []),
        ],
    )
    def test_did_you_mean(self, text, suggested):
        assert self.index.suggest(text) == suggested

    def test_unknown_message_names_the_contacts_file(self):
        pid, message, hint = PersonResolver.of_contacts(self.people, source="people.csv").find("Zed")
        assert (pid, message) == (None, "'Zed' matches no id or name in people.csv")
        assert hint == "add them to people.csv, or fix the spelling (you are 'me')"


def test_a_row_without_a_name_still_reports_its_other_problems(tmp_path):
    """Every problem at once: an empty name does not hide a bad strength or date on the same row."""
    from netmap.loading import check_data

    (tmp_path / "contacts.csv").write_text("id,name,strength,last_contact\nbo,,x,13/01/2024\n", encoding="utf-8")
    report = check_data(tmp_path)
    assert [(p.line, p.column) for p in report.errors] == [(2, "name"), (2, "strength"), (2, "last_contact")]
    assert report.dataset.contacts == []
