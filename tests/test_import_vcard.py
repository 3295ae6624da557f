"""vCard values read the way each version and writer means them: whole, never cut at a comma,
and never a person lost to a field netmap does not use."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from netmap.errors import DataError
from netmap.importers import read_export
from netmap.importers.vcardparse import read_cards

IMPORTS = Path(__file__).parent / "data" / "imports"


def people(name: str):
    return read_export(IMPORTS / name).contacts


def test_v21_commas_are_literal_in_names_companies_titles_and_notes():
    doe, ana, two = people("vcard_v21_commas.vcf")
    assert (doe.name, doe.company, doe.title, doe.notes) == (
        "Doe, John", "Company, The", "VP, Sales", "Met in Lisbon, then Porto, then Madrid",
    )  # fmt: skip
    assert doe.emails == ("jdoe@example.com",)


def test_v21_quoted_printable_with_soft_line_breaks_and_charset():
    ana = people("vcard_v21_commas.vcf")[1]
    assert ana.company == "Café Central, Lda"
    assert ana.notes == "Café owner, knows everyone\nSecond line, with a comma"


def test_a_bare_lower_case_quoted_printable_parameter_is_decoded():
    """Thunderbird's old 2.1 export: ``note;quoted-printable:``, lower case, VERSION last."""
    two = people("vcard_v21_commas.vcf")[2]
    assert (two.name, two.title, two.notes) == ("contact number two", '"worker"', "here's some unicode text…")


def test_an_email_property_is_kept_even_without_a_dot_in_the_domain():
    assert people("vcard_v21_commas.vcf")[2].emails == ("contact2@invalid",)


def test_gmail_unescaped_comma_in_fn_keeps_the_whole_name():
    doe = people("vcard_v30_gmail_apple.vcf")[0]
    assert doe.name == "Mr. John Richter, James Doe Sr."


def test_v30_escapes_are_undone_and_commas_kept():
    doe = people("vcard_v30_gmail_apple.vcf")[0]
    assert (doe.company, doe.title) == ("IBM, Inc.", "VP, Sales")
    assert doe.notes == "Likes commas, semicolons; and colons: all\nSecond line"
    assert doe.linkedin_url == "http://www.linkedin.com/in/john-doe-42"  # http\: unescaped
    assert doe.tags == ("VIP", "Lisbon")


def test_grouped_email_and_thunderbird_escaped_category_commas():
    dee = people("vcard_v30_gmail_apple.vcf")[1]
    assert dee.emails == ("dee@example.org",)  # item1.EMAIL
    assert dee.tags == ("category1", "category2", "category3")


def test_iphone_crcrlf_big_photo_thunderbird_tab_and_bare_cr_and_binary_junk():
    hana, tab, jpeg = people("vcard_iphone_thunderbird.vcf")
    assert (hana.name, hana.company, hana.emails, hana.phones) == (
        "Hana Sato", "Halcyon Maps", ("hana@halcyon.example",), ("819012345678",),
    )  # fmt: skip
    assert (tab.name, tab.emails, tab.notes) == ("Tab and CR", ("tab@invalid",), "first\tcolumn\nsecond")
    assert (jpeg.name, jpeg.notes) == ("Binary JPEG", "Photo above is binary")
    assert read_export(IMPORTS / "vcard_iphone_thunderbird.vcf").problems == []


def test_no_library_log_reaches_stderr(capfd, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("vcard_iphone_thunderbird.vcf", "broken_fields.vcf", "vcard_v21_commas.vcf"):
        read_export(IMPORTS / name)
    assert capfd.readouterr().err == ""
    assert caplog.records == []


def test_a_junk_line_after_a_field_netmap_reads_is_a_warning_with_its_line(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nthis is not a property\nEMAIL:ana@x.example\nEND:VCARD\n")
    parsed = read_export(path)
    assert [(c.name, c.emails) for c in parsed.contacts] == [("Ana Lima", ("ana@x.example",))]
    assert [str(p) for p in parsed.problems] == [
        f"{path}:4: warning: not a vCard property line - the line was skipped; the rest of the card was read"
    ]


def test_a_broken_base64_name_costs_the_field_not_the_person_who_has_an_email(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=b:QUJD=X\nN:Lima;Ana;;;\nEMAIL:ana@x.example\nEND:VCARD\n")
    parsed = read_export(path)
    assert [c.name for c in parsed.contacts] == ["Ana Lima"]
    assert [str(p) for p in parsed.problems] == [
        f"{path}:3: warning: FN: unreadable base64 value - the rest of the card was read"
    ]


def test_a_one_card_file_whose_card_is_unusable_says_why(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b:!!!\nEND:VCARD\n")
    with pytest.raises(DataError) as info:
        read_export(path)
    assert str(info.value) == (
        f"{path}: no people found: read as vcard (vCard 2.1/3.0/4.0 (.vcf)), utf-8;"
        " 1 card, none usable (no name or e-mail: 1) - check that this is the right file"
    )


def test_display_name_words_beyond_n_tell_namesakes_apart():
    (card,) = read_cards("BEGIN:VCARD\nVERSION:3.0\nFN:Mario (Happy Store)\nN:;Mario;;;\nEND:VCARD\n")
    assert card.text("FN") == "Mario (Happy Store)"
    contact = read_export_text("BEGIN:VCARD\nVERSION:3.0\nFN:Mario (Happy Store)\nN:;Mario;;;\nEND:VCARD\n")
    assert (contact.name, contact.disambiguator) == ("Mario (Happy Store)", "Happy Store")


def read_export_text(text: str):
    from netmap.importers.model import ParsedFile
    from netmap.importers.vcard import parse_vcards

    result = ParsedFile(Path("x.vcf"), "vcard")
    parse_vcards(Path("x.vcf"), text, result)
    (contact,) = result.contacts
    return contact


def test_a_2_1_agent_card_inside_a_card_is_not_a_second_person():
    cards = read_cards(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nEND:VCARD\n"
        "EMAIL:boss@x.example\nEND:VCARD\n"
    )
    assert [(c.text("FN"), c.text("EMAIL")) for c in cards] == [("Boss", "boss@x.example")]
