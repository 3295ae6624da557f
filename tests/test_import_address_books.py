"""Google and Outlook exports as real programs write them: display names that tell namesakes
apart, system labels, localised Outlook headers, ``Last, First`` names, legacy encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.importers import detect_format, read_export

IMPORTS = Path(__file__).parent / "data" / "imports"


def test_google_legacy_display_names_keep_namesakes_apart():
    parsed = read_export(IMPORTS / "google_legacy_namesakes.csv")
    assert [(c.name, c.disambiguator) for c in parsed.contacts] == [
        ("Mario, Happy Store", "Happy Store"),
        ("Mario, Zafniary", "Zafniary"),
        ("Luigi Pizzeria Roma", "Pizzeria Roma"),  # told apart in Name Suffix
        ("Luigi Bar Sport", "Bar Sport"),
        ("John Doe", ""),  # "Doe, John" and the title "Dr." add nothing
        ("Eva Novak", ""),
        ("Eva Novak", ""),
    ]
    assert parsed.skipped == {"only an organisation": 1}


def test_google_system_labels_are_not_tags():
    mario = read_export(IMPORTS / "google_legacy_namesakes.csv").contacts[0]
    assert mario.tags == ()  # "* myContacts ::: * starred"
    assert mario.phones == ("393331112222",)


def test_googles_outlook_csv_export_drops_mycontacts_and_reads_last_first():
    parsed = read_export(IMPORTS / "google_outlook_format.csv")
    assert parsed.format == "outlook"
    assert [(c.name, c.company, c.emails, c.tags) for c in parsed.contacts] == [
        ("Grete Strauss", "MBPT", ("grete@mbpt.example",), ("MBPT officers",)),
        ("Barbara Love", "Initech", ("barbara@example.org",), ()),  # "Love, Barbara" in First Name
        ("sam@example.net", "", ("sam@example.net",), ()),  # an address typed as the first name
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("outlook_de.csv", ("Jürgen Weiß", "Müller & Söhne GmbH", "Geschäftsführer", "München",
                            ("j.weiss@mueller.example",), ("Kunden", "Bayern"), ("491712345678",), "Grete Strauss")),
        ("outlook_fr.csv", ("Hélène Dupré", "Société Générale", "Directrice commerciale", "Paris",
                            ("h.dupre@socgen.example",), ("Finance",), ("33612345678",), "")),
        ("outlook_zh_cn.csv", ("王伟", "华为", "经理", "深圳", ("wang.wei@huawei.example",), ("客户",),
                               ("8613800138000",), "Grete Strauss")),
    ],
)  # fmt: skip
def test_localised_outlook_headers_are_detected_and_mapped(name, expected):
    parsed = read_export(IMPORTS / name)
    assert parsed.format == "outlook"
    (c,) = parsed.contacts
    assert (c.name, c.company, c.title, c.office, c.emails, c.tags, c.phones, c.referred_by) == expected


def test_the_assistants_phone_is_not_the_persons():
    (c,) = read_export(IMPORTS / "outlook_de.csv").contacts
    assert c.phones == ("491712345678",)  # "Telefon Assistent" +49 89 111111 left out


def test_a_gbk_chinese_export_is_read_in_its_encoding_with_a_warning():
    parsed = read_export(IMPORTS / "outlook_zh_cn.csv")
    assert parsed.encoding == "gb18030"
    assert [str(p) for p in parsed.problems] == [
        f"{IMPORTS / 'outlook_zh_cn.csv'}:1: warning: not UTF-8 (byte 0xce); read as gb18030"
        " - pass --encoding if names look wrong"
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Vorname;Nachname;Firma;Position;E-Mail-Adresse",
        "Prénom;Nom;Société;Titre;Adresse de messagerie",
        "Nombre,Apellidos,Organización,Puesto,E-mail Address",
        "Nome,Cognome,Società,Posizione,Indirizzo posta elettronica",
        "Primeiro nome,Sobrenome,Empresa,Cargo,E-mail Address",
        "Primeiro nome,Apelido,Empresa,Cargo,Endereço de correio electrónico",
        "Voornaam,Achternaam,Bedrijf,Functie,E-mailadres",
    ],
)
def test_outlook_headers_of_every_supported_language_are_recognised(header):
    assert detect_format(header + "\n") == "outlook"


def test_damaged_lines_of_a_mostly_utf8_export_spoil_only_themselves():
    parsed = read_export(IMPORTS / "linkedin_excel_damaged_Connections.csv")
    assert parsed.encoding == "utf-8 (1 line cp1252)"
    assert [c.name for c in parsed.contacts] == ["Jos\ufffd Silva", "Zoë Okafor", "François Müller", "Inês Carvalho"]
    assert [str(p) for p in parsed.problems] == [
        f"{IMPORTS / 'linkedin_excel_damaged_Connections.csv'}:7: warning: 1 line is not UTF-8 (line 7):"
        " read as cp1252, the other lines as UTF-8 - check the names on that line; pass --encoding if they look wrong"
    ]
