"""Importing the same files again changes nothing; name-only people are matched by name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.importers import import_files

IMPORTS = Path(__file__).parent / "data" / "imports"
TODAY = date(2026, 3, 1)

#: Every fixture that yields people (alone, or with what it gives signals about).
FIXTURES = [
    ("linkedin_2025_Connections.csv",),
    ("linkedin_2019_Connections.csv",),
    ("linkedin_excel_Connections.csv",),
    ("linkedin_excel_unicode_text.txt",),
    ("linkedin_2025_Connections.csv", "linkedin_Invitations.csv", "linkedin_messages.csv"),
    ("google_contacts.csv",),
    ("google_legacy.csv",),
    ("outlook_web.csv",),
    ("outlook_desktop_cp1252.csv",),
    ("contacts_v21.vcf",),
    ("contacts_v30.vcf",),
    ("contacts_v40.vcf",),
    ("name_only.vcf",),
    ("unterminated.vcf",),
    tuple(
        f for f in sorted(p.name for p in IMPORTS.iterdir())
        if f not in {"empty_google.csv", "not_an_export.csv",
                     "linkedin_hidden_only_Connections.csv"}
    ),
]  # fmt: skip


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".bak")}


@pytest.mark.parametrize("names", FIXTURES, ids=lambda names: "+".join(names)[:60])
def test_importing_the_same_files_twice_adds_nobody_and_changes_no_byte(tmp_path, names):
    """The second import of the same exports merges everyone into what the first wrote."""
    paths = [IMPORTS / n for n in names]
    first = import_files(paths, tmp_path, today=TODAY)
    assert first.added
    before = _snapshot(tmp_path)
    second = import_files(paths, tmp_path, today=TODAY)
    assert (second.added, second.near_matches, second.introductions) == ([], [], [])
    # files that disagree with each other (2019 vs 2025 titles) disagree again, no more
    assert {(c.name, c.column) for c in second.conflicts} <= {(c.name, c.column) for c in first.conflicts}
    assert not second.changed
    assert second.written == []
    assert _snapshot(tmp_path) == before


def test_name_only_card_twice_through_the_cli_says_nothing_to_write(runner, tmp_path):
    """The reviewer's case: name-only cards imported twice are merged, with the reason."""
    args = ["import", "--data", str(tmp_path), str(IMPORTS / "name_only.vcf")]
    assert runner.invoke(cli, args).exit_code == 0
    before = (tmp_path / "contacts.csv").read_bytes()
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    reason = "same name, and neither has a company, e-mail or LinkedIn profile to tell them apart"
    assert result.stdout.splitlines() == [
        "read      name_only.vcf: vcard, 2 people",
        f"merged    name_only.vcf:1 into José QP (contacts.csv:2): {reason}",
        f"merged    name_only.vcf:5 into <script>x</script> (contacts.csv:3): {reason}",
        "estimated 2 direct ties from the exports (strength_estimate; set your own with"
        " 'netmap rate PERSON --strength N')",
        "Summary: 0 added, 2 merged, 0 updated, 0 conflicts, 0 near matches, 0 introductions; nothing to write",
    ]
    assert (tmp_path / "contacts.csv").read_bytes() == before


def _vcf(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "in.vcf"
    path.write_text(f"BEGIN:VCARD\nVERSION:3.0\n{body}\nEND:VCARD\n", encoding="utf-8")
    return path


def test_name_only_is_still_a_near_match_for_someone_with_a_company(tmp_path):
    """A name alone does not merge into a contact whose company could make them a namesake."""
    (tmp_path / "contacts.csv").write_text("id,name,company\nana,Ana Silva,Acme\n")
    plan = import_files([_vcf(tmp_path, "FN:ana  SILVA")], tmp_path, dry_run=True)
    assert [a.id for a in plan.added] == ["ana-silva"]
    (near,) = plan.near_matches
    assert near.reason == "same name, company 'Acme' vs ''"


def test_name_only_matches_the_name_only_twin_not_the_namesake_with_a_company(tmp_path):
    """With a namesake at Acme and a name-only twin, the twin is the match."""
    (tmp_path / "contacts.csv").write_text("id,name,company,email\nana,Ana Silva,Acme,\nana-2,Ana Silva,,\n")
    plan = import_files([_vcf(tmp_path, "FN:Ana Silva\nTITLE:Engineer")], tmp_path)
    assert plan.added == [] and plan.near_matches == []
    ((into, filled),) = [(m.into, m.filled) for m in plan.merged]
    assert (into, filled) == ("contacts.csv:3", ["title"])


@pytest.mark.parametrize(
    "existing",
    [
        "id,name,company,email\nana,Ana Silva,Acme,\n",
        "id,name,company,email\nana,Ana Silva,,ana@example.org\n",
        "id,name,linkedin_url\nana,Ana Silva,https://www.linkedin.com/in/anasilva\n",
    ],
)
def test_incoming_with_a_company_email_or_profile_never_merges_by_name_alone(tmp_path, existing):
    """Only a record with nothing but a name is matched on the name."""
    (tmp_path / "contacts.csv").write_text(existing)
    card = "FN:Ana Silva\nORG:Globex\nEMAIL:other@example.org\nURL:https://linkedin.com/in/other"
    plan = import_files([_vcf(tmp_path, card)], tmp_path, dry_run=True)
    assert plan.merged == []
    assert [a.name for a in plan.added] == ["Ana Silva"]
