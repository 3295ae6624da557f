"""Who is who when importing: namesakes told apart by a display name or a phone number are
never merged (they are near matches), and a clean spelling wins over a damaged one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netmap.importers import import_files
from netmap.store import CsvDocument

IMPORTS = Path(__file__).parent / "data" / "imports"
TODAY = date(2026, 3, 1)


def run(folder: Path, *names: str, **kwargs):
    return import_files([IMPORTS / n for n in names], folder, today=TODAY, **kwargs)


def names(folder: Path) -> list[str]:
    return [r.values["name"] for r in CsvDocument.read(folder / "contacts.csv").rows]


def test_namesakes_the_owner_told_apart_stay_apart(tmp_path):
    plan = run(tmp_path, "google_legacy_namesakes.csv")
    assert plan.merged == []
    assert names(tmp_path) == [
        "Mario, Happy Store", "Mario, Zafniary", "Luigi Pizzeria Roma", "Luigi Bar Sport",
        "John Doe", "Eva Novak", "Eva Novak",
    ]  # fmt: skip


def test_same_name_other_phone_numbers_is_a_near_match_not_a_merge(tmp_path):
    plan = run(tmp_path, "google_legacy_namesakes.csv")
    assert [(n.name, n.source, n.candidate, n.where, n.reason) for n in plan.near_matches] == [
        ("Eva Novak", "google_legacy_namesakes.csv:8", "Eva Novak", "new, google_legacy_namesakes.csv:7",
         "same name but other phone numbers"),
    ]  # fmt: skip


def test_same_name_same_phone_number_in_another_format_merges(tmp_path):
    (tmp_path / "eva.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eva Novak\nTEL:00420 601 111 222\nEND:VCARD\n")
    run(tmp_path, "google_legacy_namesakes.csv")
    plan = import_files([tmp_path / "eva.vcf"], tmp_path, today=TODAY)
    assert plan.added == [] and plan.near_matches == []
    assert [m.reason for m in plan.merged] == [
        "same name, and neither has a company, e-mail or LinkedIn profile to tell them apart"
        " (the first of 2 such contacts)"
    ]


def test_a_display_name_disambiguator_against_the_plain_name_is_a_near_match(tmp_path):
    (tmp_path / "contacts.csv").write_text("id,name\nmario,Mario\n")
    plan = run(tmp_path, "google_legacy_namesakes.csv")
    near = [(n.name, n.candidate, n.reason) for n in plan.near_matches if n.candidate == "Mario"]
    assert near == [
        ("Mario, Happy Store", "Mario", "same name, but 'Happy Store' in the export's display name tells them apart"),
        ("Mario, Zafniary", "Mario", "same name, but 'Zafniary' in the export's display name tells them apart"),
    ]


def test_the_clean_spelling_wins_over_the_damaged_copy_in_either_order(tmp_path):
    damaged_first = tmp_path / "a"
    damaged_first.mkdir()
    plan = run(damaged_first, "linkedin_excel_damaged_Connections.csv", "linkedin_clean_Connections.csv")
    assert plan.conflicts == []
    assert names(damaged_first) == ["José Silva", "Zoë Okafor", "François Müller", "Inês Carvalho"]
    row = CsvDocument.read(damaged_first / "contacts.csv").rows[0].values
    assert row["company"] == "Café Lisboa"
    clean_first = tmp_path / "b"
    clean_first.mkdir()
    plan = run(clean_first, "linkedin_clean_Connections.csv", "linkedin_excel_damaged_Connections.csv")
    assert plan.conflicts == []
    assert names(clean_first) == ["José Silva", "Zoë Okafor", "François Müller", "Inês Carvalho"]


def test_the_clean_spelling_replaces_a_damaged_one_already_in_contacts(tmp_path):
    run(tmp_path, "linkedin_excel_damaged_Connections.csv")
    assert names(tmp_path)[0] == "Jos\ufffd Silva"
    plan = run(tmp_path, "linkedin_clean_Connections.csv")
    assert [(m.name, m.filled) for m in plan.merged][0] == (
        "Jos\ufffd Silva",
        ["name (clean spelling)", "company (clean spelling)"],
    )
    assert plan.conflicts == []
    assert names(tmp_path)[0] == "José Silva"


def test_names_match_regardless_of_case_and_accents(tmp_path):
    """The import matches names as the rest of netmap finds people (netmap.people.search_key)."""
    (tmp_path / "contacts.csv").write_text("id,name,company\nines,INES CARVALHO,Halcyon Maps\n")
    plan = run(tmp_path, "linkedin_excel_damaged_Connections.csv")
    assert [(m.name, m.reason) for m in plan.merged] == [("INES CARVALHO", "same name and company (Halcyon Maps)")]
    assert plan.conflicts == []  # the spelling you wrote stays, and differs only in case and accents
