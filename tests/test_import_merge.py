"""Merging imports into an existing data folder: identity, conflicts, near matches, signals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netmap.importers import import_files
from netmap.loading import load_dataset
from netmap.model import CONTACT_COLUMNS
from netmap.store import CsvDocument

IMPORTS = Path(__file__).parent / "data" / "imports"
TODAY = date(2026, 3, 1)

EXISTING = (
    "id,name,company,title,email,linkedin_url,strength,notes,Mood\r\n"
    "bo,Bo Chen,Acme,PM (my words),,https://www.linkedin.com/in/bochen,,,curious\r\n"
    "ana,Ana Ribeiro,Halcyon Maps,,,https://www.linkedin.com/in/ana-ribeiro-12ab,,,\r\n"
    'dina,Dina Haddad,Initech,Recruiter,dina@example.org,,,"keep ""this"" row",\r\n'
    "jo,Jo Kim,Initech,,,,,,\r\n"
    "hana,Hana Sato,Globex,,,,,,\r\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "contacts.csv").write_bytes(EXISTING.encode())
    return tmp_path


def rows(folder: Path) -> dict[str, dict[str, str]]:
    return {r.values["name"]: r.values for r in CsvDocument.read(folder / "contacts.csv").rows}


def run(folder: Path, *names: str, **kwargs):
    return import_files([IMPORTS / n for n in names], folder, today=TODAY, **kwargs)


def test_same_linkedin_profile_merges_and_edited_fields_are_kept(folder):
    plan = run(folder, "linkedin_2025_Connections.csv")
    merged = {m.name: m.reason for m in plan.merged}
    assert merged == {
        "Bo Chen": "same LinkedIn profile (bochen)",
        "Ana Ribeiro": "same LinkedIn profile (ana-ribeiro-12ab)",
    }
    (conflict,) = [c for c in plan.conflicts if c.name == "Bo Chen"]
    assert (conflict.column, conflict.existing, conflict.incoming, conflict.kept) == (
        "title", "PM (my words)", "Product Manager", "existing",
    )  # fmt: skip
    bo = rows(folder)["Bo Chen"]
    assert (bo["title"], bo["email"], bo["Mood"], bo["source"]) == (
        "PM (my words)", "bo.chen@example.com", "curious", "linkedin",
    )  # fmt: skip
    assert (folder / "contacts.csv.bak").read_bytes() == EXISTING.encode()


def test_prefer_incoming_takes_the_incoming_value_and_reports_it(folder):
    plan = run(folder, "linkedin_2025_Connections.csv", prefer="incoming")
    assert [c.kept for c in plan.conflicts] == ["incoming"]
    assert rows(folder)["Bo Chen"]["title"] == "Product Manager"


def test_unknown_columns_and_untouched_rows_survive_byte_for_byte(folder):
    run(folder, "linkedin_2025_Connections.csv")
    lines = (folder / "contacts.csv").read_bytes().split(b"\r\n")
    assert lines[0] == (
        b"id,name,company,title,email,linkedin_url,strength,notes,Mood,strength_estimate,connected_on,source"
    )  # missing columns are added at the end, in netmap's order
    # the row is untouched: only the empty cells of the new columns are added at its end
    dina = b'dina,Dina Haddad,Initech,Recruiter,dina@example.org,,,"keep ""this"" row",'
    assert lines[3] == dina + b",,,"
    ds = load_dataset(folder)
    bo = ds.by_id()["bo"]
    assert bo.extra == {"Mood": "curious", "source": "linkedin"}
    assert (bo.strength, bo.strength_estimate, bo.connected_on) == (None, 2, date(2025, 1, 21))


def test_email_match_is_case_insensitive_and_name_plus_company_matches(folder):
    plan = run(folder, "outlook_web.csv")
    assert {m.name: m.reason for m in plan.merged} == {
        "Jo Kim": "same name and company (Initech)",
        "Dina Haddad": "same e-mail (DINA@example.org)",
    }
    jo = rows(folder)["Jo Kim"]
    assert (jo["email"], jo["title"], jo["source"]) == (
        "jo.kim@initech.example", "Engineering Manager", "outlook",
    )  # fmt: skip
    assert plan.added == []


def test_same_name_at_another_company_is_a_near_match_not_a_merge(folder):
    plan = run(folder, "google_contacts.csv")
    (near,) = plan.near_matches
    assert (near.name, near.candidate, near.where, near.reason) == (
        "Hana Sato", "Hana Sato", "contacts.csv:6", "same name, company 'Globex' vs 'Halcyon Maps'",
    )  # fmt: skip
    doc = CsvDocument.read(folder / "contacts.csv")
    hanas = [r.values["company"] for r in doc.rows if r.values["name"] == "Hana Sato"]
    assert hanas == ["Globex", "Halcyon Maps"]


def test_two_sources_in_one_run_become_one_contact(tmp_path):
    plan = run(tmp_path, "linkedin_2025_Connections.csv", "google_contacts.csv")
    assert [(m.name, m.reason) for m in plan.merged] == [("Bo Chen", "same LinkedIn profile (bochen)")]
    bo = rows(tmp_path)["Bo Chen"]
    assert (bo["source"], bo["tags"], bo["email"]) == (
        "linkedin; google",
        "Work",
        "bo.chen@example.com",
    )
    assert bo["notes"] == "Met at PyCon 2024.\nKnows the Lisbon team."
    assert CsvDocument.read(tmp_path / "contacts.csv").header == [*CONTACT_COLUMNS, "source"]


def test_every_imported_person_is_a_direct_tie_with_an_estimate_not_a_strength(tmp_path):
    """Connections get strength_estimate and connected_on; strength stays the user's (blank)."""
    run(
        tmp_path,
        "linkedin_2025_Connections.csv",
        "linkedin_messages.csv",
        "linkedin_Invitations.csv",
    )
    people = {c.name: c for c in load_dataset(tmp_path).contacts}
    assert {
        name: (c.strength, c.strength_estimate, c.connected_on, c.last_contact)
        for name, c in people.items()
    } == {
        # 3 messages, both ways, recent
        "Ana Ribeiro": (None, 4, date(2026, 2, 8), date(2026, 2, 2)),
        # e-mail on file; an incoming invitation without a note, 13 months ago
        "Bo Chen": (None, 2, date(2025, 1, 21), date(2025, 1, 20)),
        "NA Null": (None, 1, date(2024, 3, 3), None),
        "Zoë 🌱 Okafor": (None, 1, date(2023, 12, 15), None),
        "Carlos Mendes, PhD": (None, 1, date(2022, 7, 1), date(2022, 7, 3)),
        # only in messages.csv, messages both ways: a person now
        "Dev Patel": (None, 3, None, date(2025, 11, 4)),
    }  # fmt: skip
    assert all(c.is_direct and c.estimated for c in people.values())


def test_strength_the_user_stated_is_never_written_nor_a_conflict(folder):
    """Bo's strength 5 stays; his estimate is written beside it; no conflict is reported."""
    text = EXISTING.replace("https://www.linkedin.com/in/bochen,,", "https://www.linkedin.com/in/bochen,5,")
    (folder / "contacts.csv").write_bytes(text.encode())
    plan = run(folder, "linkedin_2025_Connections.csv", "linkedin_messages.csv", "linkedin_Invitations.csv")
    assert [(c.name, c.column) for c in plan.conflicts] == [("Bo Chen", "title")]
    bo, ana = rows(folder)["Bo Chen"], rows(folder)["Ana Ribeiro"]
    assert (bo["strength"], bo["strength_estimate"], bo["title"]) == ("5", "2", "PM (my words)")
    assert (ana["strength"], ana["strength_estimate"]) == ("", "4")


def test_signals_alone_estimate_people_messaged_both_ways_and_date_the_others(folder):
    """messages.csv and Invitations.csv without a contacts export: Ana (messages both ways)
    gets an estimate; Bo (an invitation only) only gets his last_contact."""
    text = EXISTING.replace("https://www.linkedin.com/in/bochen,,", "https://www.linkedin.com/in/bochen,5,")
    (folder / "contacts.csv").write_bytes(text.encode())
    plan = run(folder, "linkedin_messages.csv", "linkedin_Invitations.csv")
    assert [(m.name, m.filled, m.reason) for m in plan.updated] == [
        ("Bo Chen", ["last_contact"], "1 invitation, one-way, last 2025-01-20"),
        ("Ana Ribeiro", ["strength_estimate", "last_contact"],
         "estimate 4: 3 messages, 1 invitation, reciprocal, last 2026-02-02"),
    ]  # fmt: skip
    assert plan.conflicts == []
    after = rows(folder)
    assert (after["Bo Chen"]["strength"], after["Bo Chen"]["strength_estimate"]) == ("5", "")
    assert after["Ana Ribeiro"]["strength_estimate"] == "4"
    assert [a.name for a in plan.added] == ["Dev Patel"]


def test_formula_cells_are_neutralised_on_write(tmp_path):
    run(tmp_path, "linkedin_2025_Connections.csv")
    assert rows(tmp_path)["Zoë 🌱 Okafor"]["company"] == '\'=HYPERLINK("http://evil.example")'


def test_referrals_become_introductions_with_ids_and_unknown_referrers_are_added(folder):
    plan = run(folder, "outlook_desktop_cp1252.csv", "contacts_v40.vcf")
    assert [(i["referrer"], i["contact"], i["status"], i["notes"]) for i in plan.introductions] == [
        ("ana", "f.muller@socgen.example", "suggested",
         "Referred By in outlook_desktop_cp1252.csv:2"),
        ("nadia-unknown", "grete.strauss@initech.example", "suggested",
         "Referred By in outlook_desktop_cp1252.csv:4"),
        ("bo", "eve-adams", "suggested", "Referred By in contacts_v40.vcf:1"),
    ]  # fmt: skip
    ds = load_dataset(folder)
    assert [(i.referrer, i.contact, i.status) for i in ds.introductions][0] == (
        "ana", "f.muller@socgen.example", "suggested",
    )  # fmt: skip


def test_importing_the_same_files_twice_changes_nothing_the_second_time(folder):
    names = ("linkedin_2025_Connections.csv", "outlook_desktop_cp1252.csv", "google_contacts.csv")
    run(folder, *names)
    before = (folder / "contacts.csv").read_bytes(), (folder / "introductions.csv").read_bytes()
    plan = run(folder, *names)
    assert plan.added == [] and plan.introductions == [] and plan.written == []
    assert (
        (folder / "contacts.csv").read_bytes(),
        (folder / "introductions.csv").read_bytes(),
    ) == before


def test_dry_run_writes_nothing(folder):
    plan = run(folder, "linkedin_2025_Connections.csv", "outlook_desktop_cp1252.csv", dry_run=True)
    assert len(plan.added) == 6 and plan.introductions and plan.written == []
    assert plan.estimated == 7  # 5 connections, 2 Outlook contacts; not the referrer
    assert (folder / "contacts.csv").read_bytes() == EXISTING.encode()
    assert not (folder / "contacts.csv.bak").exists() and not (folder / "introductions.csv").exists()


def test_companies_csv_aliases_count_for_name_plus_company_matching(folder):
    (folder / "companies.csv").write_text("alias,canonical\nInitech Germany GmbH,Initech\n")
    source = folder / "in.csv"
    source.write_text("First Name,Last Name,E-mail Address,Company,Job Title\nJo,Kim,,Initech Germany GmbH,CTO\n")
    plan = import_files([source], folder, today=TODAY)
    assert [(m.name, m.reason) for m in plan.merged] == [
        ("Jo Kim", "same name and company (Initech Germany GmbH)"),
    ]
