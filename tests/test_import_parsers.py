"""Each export format and era, read field by field from fixtures shaped like real exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netmap.errors import DataError
from netmap.importers import detect_format, read_export
from netmap.importers.linkedin import Interaction
from netmap.importers.values import fix_text, parse_export_date

IMPORTS = Path(__file__).parent / "data" / "imports"


def people(name: str, **kwargs):
    return {c.name: c for c in read_export(IMPORTS / name, **kwargs).contacts}


def test_linkedin_current_export_with_preamble_and_url():
    """The Notes: preamble is skipped, hidden profiles are counted, not imported."""
    parsed = read_export(IMPORTS / "linkedin_2025_Connections.csv")
    assert (parsed.format, parsed.header_line, parsed.rows) == ("linkedin", 4, 7)
    assert parsed.skipped == {"hidden profile": 2}
    assert [c.name for c in parsed.contacts] == [
        "Ana Ribeiro", "Bo Chen", "NA Null", "Zoë 🌱 Okafor", "Carlos Mendes, PhD",
    ]  # fmt: skip
    ana = parsed.contacts[0]
    assert (ana.company, ana.title, ana.linkedin_url, ana.slug, ana.emails, ana.line) == (
        "Halcyon Maps", "Staff Engineer, Routing", "https://www.linkedin.com/in/ana-ribeiro-12ab",
        "ana-ribeiro-12ab", (), 5,
    )  # fmt: skip
    assert ana.connected_on == date(2026, 2, 8)
    assert parsed.contacts[1].emails == ("bo.chen@example.com",)
    assert parsed.contacts[1].company == "Acme, Inc."


def test_linkedin_strings_pandas_would_turn_into_nan_stay_text():
    na = people("linkedin_2025_Connections.csv")["NA Null"]
    assert (na.company, na.title) == ("None", "N/A")


def test_linkedin_untrusted_text_is_kept_verbatim_for_now():
    """Formulas and HTML are neutralised on write and escaped when rendered, not dropped."""
    zoe = people("linkedin_2025_Connections.csv")["Zoë 🌱 Okafor"]
    assert zoe.company == '=HYPERLINK("http://evil.example")'
    assert zoe.title == "<b>Founder</b> & CEO"


def test_linkedin_quoted_newline_joins_into_one_line():
    carlos = people("linkedin_2025_Connections.csv")["Carlos Mendes, PhD"]
    assert (carlos.title, carlos.line) == ("Research Lead Lisbon Lab", 10)


def test_linkedin_old_export_without_preamble_or_url():
    parsed = read_export(IMPORTS / "linkedin_2019_Connections.csv")
    assert parsed.header_line == 1
    dina, ed = parsed.contacts
    assert (dina.name, dina.emails, dina.company, dina.title, dina.linkedin_url) == (
        "Dina Haddad", ("dina@example.org",), "Initech", "Recruiter", "",
    )  # fmt: skip
    assert (ed.name, ed.connected_on) == ("Ed Ng", date(2018, 1, 2))


def test_linkedin_resaved_by_excel_bom_crlf_padded_preamble_and_excel_dates():
    parsed = read_export(IMPORTS / "linkedin_excel_Connections.csv")
    assert parsed.header_line == 4
    assert [(c.name, c.connected_on) for c in parsed.contacts] == [
        ("Fay Lund", date(2021, 4, 4)), ("Gus Ortiz", date(2026, 2, 8)),
    ]  # fmt: skip
    assert parsed.skipped == {"hidden profile": 1}


def test_linkedin_only_hidden_profiles_is_an_error_that_says_why():
    with pytest.raises(DataError) as info:
        read_export(IMPORTS / "linkedin_hidden_only_Connections.csv")
    assert str(info.value).endswith(
        "linkedin_hidden_only_Connections.csv: no people found: read as linkedin"
        " (LinkedIn Connections.csv), utf-8, header on line 4 after a 3-line preamble;"
        " 2 rows, none usable (hidden profile: 2)"
        " - check that this is the right file"
    )


def test_linkedin_invitations_and_messages_are_interactions():
    inv = read_export(IMPORTS / "linkedin_Invitations.csv").interactions
    assert inv == [
        Interaction("Ana Ribeiro", "ana-ribeiro-12ab", date(2026, 1, 29), True, "invitation", True),
        Interaction("Bo Chen", "bochen", date(2025, 1, 20), False, "invitation", False),
    ]
    parsed = read_export(IMPORTS / "linkedin_messages.csv")
    assert parsed.skipped == {"draft": 1}
    assert [(i.name, i.when, i.outgoing) for i in parsed.interactions] == [
        ("Ana Ribeiro", date(2026, 1, 30), True),
        ("Ana Ribeiro", date(2026, 1, 31), False),
        ("Ana Ribeiro", date(2026, 2, 2), True),
        ("Carlos Mendes", date(2022, 7, 3), False),
        ("Dev Patel", date(2025, 11, 3), False),
        ("Dev Patel", date(2025, 11, 4), True),
        ("Eli Recruiter", date(2026, 1, 5), False),
    ]
    assert [(i.file, i.line) for i in parsed.interactions[:2]] == [
        (str(IMPORTS / "linkedin_messages.csv"), 2), (str(IMPORTS / "linkedin_messages.csv"), 3),
    ]  # fmt: skip
    assert not parsed.me_unsure and parsed.problems == []


def test_google_current_export_multi_values_labels_notes_and_linkedin_website():
    parsed = read_export(IMPORTS / "google_contacts.csv")
    assert parsed.skipped == {"only an organisation": 1}
    bo = parsed.contacts[0]
    assert bo.name == "Bo Chen"
    assert bo.emails == ("bo.chen@example.com", "bo@acme.example", "bochen@gmail.example")
    assert (bo.company, bo.title) == ("Acme Corp", "Senior Product Manager")
    assert bo.tags == ("Work",)  # "* myContacts" and "* starred" are system labels
    assert bo.phones == ("351912345678",)
    assert bo.notes == "Met at PyCon 2024.\nKnows the Lisbon team."
    assert bo.linkedin_url == "https://www.linkedin.com/in/bochen"
    assert parsed.contacts[2].name == "no-name@example.com"  # e-mail only: kept, named by address


def test_google_legacy_export_in_utf16():
    parsed = read_export(IMPORTS / "google_legacy.csv")
    assert parsed.encoding == "utf-16"
    (ivo,) = parsed.contacts
    assert (ivo.name, ivo.company, ivo.title, ivo.emails, ivo.tags, ivo.notes) == (
        "Ivo Petrov", "Globex", "CTO", ("ivo@example.bg",), ("Friends",), "Old friend from Sofia",
    )  # fmt: skip
    assert ivo.slug == "ivo-petrov"


def test_outlook_web_export():
    jo, dina = read_export(IMPORTS / "outlook_web.csv").contacts
    assert (jo.name, jo.company, jo.title, jo.office, jo.emails, jo.notes) == (
        "Jo Kim", "Initech", "Engineering Manager", "Berlin", ("jo.kim@initech.example",),
        "Hiring in Q3",
    )  # fmt: skip
    assert dina.emails == ("DINA@example.org",)


def test_outlook_desktop_cp1252_semicolons_referred_by_and_exchange_address():
    parsed = read_export(IMPORTS / "outlook_desktop_cp1252.csv")
    assert (parsed.encoding, parsed.delimiter) == ("cp1252", ";")
    assert [str(p) for p in parsed.problems] == [
        f"{IMPORTS / 'outlook_desktop_cp1252.csv'}:2: warning: not UTF-8 (byte 0xe7);"
        " read as cp1252 - pass --encoding if names look wrong"
    ]
    fr, grete = parsed.contacts
    assert (fr.name, fr.company, fr.title, fr.office, fr.tags) == (
        "François Müller", "Société Générale", "Directeur", "Paris", ("Finance", "VIP"),
    )  # fmt: skip
    assert fr.notes == "Rencontré à Paris\nDeuxième ligne"
    assert fr.referred_by == "Ana Ribeiro"
    assert grete.emails == ("grete.strauss@initech.example",)  # from the display name, not the X.500 path


def test_outlook_explicit_encoding_is_honoured():
    parsed = read_export(IMPORTS / "outlook_desktop_cp1252.csv", encoding="cp1252")
    assert parsed.problems == [] and parsed.contacts[0].name == "François Müller"


def test_vcard_21_quoted_printable_and_x_referral():
    (j,) = read_export(IMPORTS / "contacts_v21.vcf").contacts
    assert (j.name, j.company, j.title) == ("Jürgen Müller", "Halcyon Maps", "Routing Engineer")
    assert j.emails == ("juergen.mueller@halcyon.example", "juergen@private.example")  # PREF first
    assert j.notes == "Met at FOSDEM 2024\nAsk about the Lisbon office"
    assert j.referred_by == "Bo Chen"


def test_vcard_30_escaped_org_categories_url_and_email_only_card():
    cy, orphan = read_export(IMPORTS / "contacts_v30.vcf").contacts
    assert (cy.name, cy.company, cy.tags, cy.notes, cy.slug) == (
        "Cy Dao", "Globex, Inc.", ("conference", "ml"), "Line one\nline two", "cy-dao",
    )  # fmt: skip
    assert orphan.name == "orphan@example.com"


def test_vcard_40_related_by_uid_and_netmap_referral_property():
    eve, finn = read_export(IMPORTS / "contacts_v40.vcf").contacts
    assert eve.notes == "Related (colleague): Finn Berg"
    assert eve.referred_by == "https://www.linkedin.com/in/bochen"
    assert eve.slug == "eve-adams"
    assert finn.notes == "Related (friend): Zoë Okafor"


def test_vcard_last_card_without_end_is_a_warning_and_the_cards_before_it_are_read():
    """A truncated file keeps its complete cards; the broken one is named by its line."""
    parsed = read_export(IMPORTS / "unterminated.vcf")
    assert [c.name for c in parsed.contacts] == ["Ana Ribeiro"]
    assert [str(p) for p in parsed.problems] == [
        f"{IMPORTS / 'unterminated.vcf'}:6: warning: card has no END:VCARD before the end of"
        " the file - the card was left out; add END:VCARD or export the file again"
    ]
    assert parsed.skipped == {"no END:VCARD": 1}


def test_vcard_card_without_end_before_the_next_card_is_a_warning(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo\nEND:VCARD\n")
    parsed = read_export(path)
    assert [c.name for c in parsed.contacts] == ["Bo"]
    assert [(p.line, p.message) for p in parsed.problems] == [
        (1, "card has no END:VCARD before the next BEGIN:VCARD (line 4)")
    ]


def test_vcard_whose_only_card_lacks_end_says_so_not_no_rows(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo\n")
    with pytest.raises(DataError) as info:
        read_export(path)
    assert str(info.value) == (
        f"{path}: no people found: read as vcard (vCard 2.1/3.0/4.0 (.vcf)), utf-8;"
        " 1 card, none usable (no END:VCARD: 1) - check that this is the right file"
    )


def test_unknown_format_lists_formats_and_suggests_format_option():
    with pytest.raises(DataError) as info:
        read_export(IMPORTS / "not_an_export.csv")
    assert str(info.value) == (
        f"{IMPORTS / 'not_an_export.csv'}: format not recognised (utf-8, first line 'name,company')"
        " - known formats: linkedin, linkedin-invitations, linkedin-messages, google, outlook,"
        " vcard; pass --format NAME to force one"
    )


def test_forced_format_that_does_not_fit_says_what_header_it_expected():
    with pytest.raises(DataError, match="no Outlook CSV \\(web or desktop\\) header found \\(utf-8\\) - expected"):
        read_export(IMPORTS / "linkedin_2025_Connections.csv", fmt="outlook")


def test_header_only_export_is_an_error_not_a_silent_success():
    with pytest.raises(DataError, match="no people found: read as google .*; no rows below the header"):
        read_export(IMPORTS / "empty_google.csv")


def test_detection_uses_content_not_file_name(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((IMPORTS / "contacts_v30.vcf").read_bytes())
    assert read_export(renamed).format == "vcard"
    assert detect_format("First Name,Last Name,E-mail Address,Company,Job Title\n") == "outlook"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("JosÃ© MÃ¼ller", "José Müller"),
        ("JOÃO", "JOÃO"),
        ("Ärzte", "Ärzte"),
        ("a\u202eb\u200b", "ab"),
    ],
)
def test_fix_text_repairs_mojibake_only_when_it_is_mojibake(text, fixed):
    assert fix_text(text) == fixed


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08 Feb 2026", date(2026, 2, 8)), ("4-Apr-21", date(2021, 4, 4)),
     ("2/8/2026", date(2026, 2, 8)),
     ("25/12/2024", date(2024, 12, 25)), ("1/29/26, 2:37 PM", date(2026, 1, 29)),
     ("2023-06-11 15:33:58 UTC", date(2023, 6, 11)), ("0/0/00", None), ("", None)],
)  # fmt: skip
def test_export_dates(text, expected):
    assert parse_export_date(text) == expected


def test_excel_unicode_text_is_utf16_with_tabs():
    parsed = read_export(IMPORTS / "linkedin_excel_unicode_text.txt")
    assert (parsed.format, parsed.encoding, parsed.delimiter) == ("linkedin", "utf-16", "\t")
    (jose,) = parsed.contacts
    assert (jose.name, jose.company, jose.title) == (
        "José Álvarez",
        "Globex, Inc.",
        'Head of "Growth"',
    )


def test_vcard_fields_netmap_does_not_use_never_cost_the_person(capfd):
    """A PHOTO with broken base64, a stray =80 in a QP ORG, PROFILE:VCard (Lotus Notes) and
    an iPhone PHOTO folded over \\r\\r\\n: all four people are read; the one damaged field
    netmap uses is named in a warning (line and property), nothing else is said."""
    parsed = read_export(IMPORTS / "broken_fields.vcf")
    assert [(c.name, c.company, c.emails, c.phone) for c in parsed.contacts] == [
        ("Ana Ribeiro", "", (), True),
        ("Bo Chen", "Acme Café", ("bo@acme.example",), False),
        ("Cy Dao", "", ("cy@globex.example",), False),
        ("Dee Park", "", ("dee@example.org",), False),
    ]
    assert [str(p) for p in parsed.problems] == [
        f"{IMPORTS / 'broken_fields.vcf'}:15: warning: ORG: byte 0x80 is not valid UTF-8; it was left out"
        " - the rest of the card was read"
    ]
    assert parsed.skipped == {}
    assert capfd.readouterr().err == ""  # no library log on stderr


def test_vcard_unreadable_card_is_counted_so_the_zero_people_error_says_why(tmp_path):
    """A card whose only name is unreadable (a broken base64 FN) is skipped with its reason."""
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=BASE64:QUJD=X\nEND:VCARD\n")
    with pytest.raises(DataError) as info:
        read_export(path)
    assert str(info.value) == (
        f"{path}: no people found: read as vcard (vCard 2.1/3.0/4.0 (.vcf)), utf-8;"
        " 1 card, none usable (no name or e-mail: 1) - check that this is the right file"
    )


def test_linkedin_names_with_post_nominals_quotes_apostrophes_and_symbols_stay_whole():
    """Traits of real Connections.csv files: commas and doubled quotes inside a last name,
    curly apostrophes and a percent-encoded slug, ® and ™, emoji, trailing spaces, and a
    ``urn:li:member`` where the e-mail address would be."""
    parsed = read_export(IMPORTS / "linkedin_traits_Connections.csv")
    assert [(c.name, c.company, c.title, c.emails, c.slug) for c in parsed.contacts] == [
        ("Priya Nayak, MSc, MBA, PHR", "Globex", "HR Lead", (), "priya-nayak"),
        ('James "Tyler" Brooks', "Initech", "Engineer", (), "james-tyler-brooks"),
        ("Ken O’Brien", "Acme® Labs™", "CTO", (), "ken-o%e2%80%99brien-12ab"),
        ("🟢 Max Weber", "Halcyon Maps", "Designer", (), "max-weber"),
    ]
    assert parsed.skipped == {"hidden profile": 1}


def test_outlook_rows_shorter_than_the_header_and_multi_line_addresses(tmp_path):
    """Desktop Outlook writes rows of 86 and 87 fields under a 92-column header, and postal
    addresses over several quoted lines: the missing cells are empty, the person whole."""
    header = (IMPORTS / "outlook_desktop_cp1252.csv").read_bytes().decode("cp1252").splitlines()[0]
    columns = [c.strip('"') for c in header.split(";")]
    assert len(columns) == 92

    def row(width: int, **cells: str) -> str:
        values = [cells.get(c, "") for c in columns][:width]
        return ";".join(f'"{v}"' for v in values)

    street = "Rua Augusta 1\nAndar 2"
    lines = [
        header,
        row(86, **{"First Name": "Ana", "Last Name": "Lima", "Company": "Acme", "Business Street": street}),
        row(87, **{"First Name": "Bo", "Last Name": "Chen", "E-mail Address": "bo@acme.example"}),
    ]
    path = tmp_path / "outlook.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    parsed = read_export(path)
    assert [(c.name, c.company, c.emails, c.line) for c in parsed.contacts] == [
        ("Ana Lima", "Acme", (), 2),
        ("Bo Chen", "", ("bo@acme.example",), 4),
    ]
    assert parsed.problems == []
