"""``netmap import`` through the CLI: report, errors, exit codes, progress, interrupted writes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.loading import load_dataset

IMPORTS = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the import fixtures as the current folder, with an empty data folder beside."""
    folder = tmp_path / "exports"
    shutil.copytree(IMPORTS, folder)
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NETMAP_DATA", raising=False)
    return folder


def test_import_reports_every_change_and_writes(runner, exports):
    files = ["linkedin_2025_Connections.csv", "google_contacts.csv", "linkedin_messages.csv"]
    args = ["import", "--data", "../data", "--today", "2026-03-01", *files]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "read      linkedin_2025_Connections.csv: linkedin, 5 people (2 skipped: hidden profile)",
        "read      google_contacts.csv: google, 3 people (1 skipped: only an organisation)",
        "read      linkedin_messages.csv: linkedin-messages, 7 exchanges (1 skipped: draft)",
        "added     Ana Ribeiro (linkedin) as ana-ribeiro-12ab",
        "added     Bo Chen (linkedin; google) as bochen",
        "added     NA Null (linkedin) as na-null",
        "added     Zoë 🌱 Okafor (linkedin) as zoe-okafor",
        "added     Carlos Mendes, PhD (linkedin) as carlosmendes",
        "added     Hana Sato (google) as hana.sato@halcyon.example",
        "added     no-name@example.com (google) as no-name@example.com",
        "added     Dev Patel (linkedin) as dev-patel-9",
        "merged    google_contacts.csv:2 into Bo Chen (new, linkedin_2025_Connections.csv:6): "
        "same LinkedIn profile (bochen); filled notes, tags",
        "conflict  Bo Chen (new, linkedin_2025_Connections.csv:6): title: kept 'Product Manager',"
        " not 'Senior Product Manager' from google_contacts.csv:2"
        " - pass --prefer incoming to take it",
        "estimated 8 direct ties from the exports (strength_estimate; set your own with"
        " 'netmap rate PERSON --strength N')",
        "Summary: 8 added, 1 merged, 0 updated, 1 conflict, 0 near matches, 0 introductions; "
        "wrote ../data/contacts.csv (previous versions kept as .bak)",
    ]
    contacts = load_dataset("../data").contacts
    assert [(c.name, c.strength, c.strength_estimate) for c in contacts] == [
        ("Ana Ribeiro", None, 4), ("Bo Chen", None, 2), ("NA Null", None, 1),
        ("Zoë 🌱 Okafor", None, 1), ("Carlos Mendes, PhD", None, 1),
        ("Hana Sato", None, 2), ("no-name@example.com", None, 2), ("Dev Patel", None, 3),
    ]  # fmt: skip


def test_dry_run_prints_the_changes_and_writes_nothing(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "--dry-run", "outlook_web.csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == [
        "estimated 2 direct ties from the exports (strength_estimate; set your own with"
        " 'netmap rate PERSON --strength N')",
        "Summary: 2 added, 0 merged, 0 updated, 0 conflicts, 0 near matches, 0 introductions; dry run, nothing written",
    ]
    assert list((exports.parent / "data").iterdir()) == []


def test_truncated_vcard_imports_the_complete_cards_and_warns_about_the_last(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "unterminated.vcf"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "unterminated.vcf:6: warning: card has no END:VCARD before the end of the file"
        " - the card was left out; add END:VCARD or export the file again\n"
    )
    assert result.stdout.splitlines()[:2] == [
        "read      unterminated.vcf: vcard, 1 person (1 skipped: no END:VCARD)",
        "added     Ana Ribeiro (vcard) as ana-ribeiro",
    ]
    assert [c.name for c in load_dataset(exports.parent / "data").contacts] == ["Ana Ribeiro"]


def test_zero_people_is_an_error_with_the_reason(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "linkedin_hidden_only_Connections.csv"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: linkedin_hidden_only_Connections.csv: no people found: read as linkedin"
        " (LinkedIn Connections.csv), utf-8, header on line 4 after a 3-line preamble;"
        " 2 rows, none usable (hidden profile: 2) - check that this is the right file\n"
        "1 error in the data - fix it and run 'netmap check' to confirm\n"
    )
    assert list((exports.parent / "data").iterdir()) == []


def test_unknown_format_lists_the_formats_and_suggests_format(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "not_an_export.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: not_an_export.csv: format not recognised (utf-8, first line 'name,company')"
        " - known formats: linkedin, linkedin-invitations, linkedin-messages, google, outlook,"
        " vcard; pass --format NAME to force one"
    )


def test_format_option_forces_a_format_and_rejects_unknown_names(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "--format", "vcard", "outlook_web.csv"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: outlook_web.csv: not a vCard file (utf-8): it does not start with BEGIN:VCARD"
    )
    result = runner.invoke(cli, ["import", "--format", "csv", "outlook_web.csv"])
    assert result.exit_code == 2
    assert "'csv' is not one of 'linkedin', 'linkedin-invitations'" in result.stderr


def test_warnings_go_to_stderr(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "outlook_desktop_cp1252.csv"])
    assert result.exit_code == 0
    assert result.stderr == (
        "outlook_desktop_cp1252.csv:2: warning: not UTF-8 (byte 0xe7); read as cp1252"
        " - pass --encoding if names look wrong\n"
    )
    assert "intro     nadia-unknown -> grete.strauss@initech.example (suggested)" in result.stdout


def test_contacts_changed_during_the_import_is_a_conflict_exit_4(runner, exports, monkeypatch):
    data = exports.parent / "data"
    (data / "contacts.csv").write_text("name\nAna\n")
    from netmap.importers import apply

    real = apply.plan_import

    def edit_meanwhile(*args, **kwargs):
        plan = real(*args, **kwargs)
        (data / "contacts.csv").write_text("name\nAna\nBo\n")
        return plan

    monkeypatch.setattr(apply, "plan_import", edit_meanwhile)
    result = runner.invoke(cli, ["import", "--data", "../data", "outlook_web.csv"])
    assert result.exit_code == 4
    assert result.stderr == ("Error: ../data/contacts.csv changed on disk since netmap read it - re-run the command\n")
    assert (data / "contacts.csv").read_text() == "name\nAna\nBo\n"


@pytest.mark.slow
def test_large_import_shows_progress_on_stderr_and_keeps_stdout_clean(runner, tmp_path):
    """100,000 LinkedIn rows: progress lines on stderr, only the report on stdout."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Company {i % 997},Engineer,08 Feb 2026" for i in range(100_000)
    ]
    source = tmp_path / "Connections.csv"
    source.write_text("\n".join(lines) + "\n")
    result = runner.invoke(cli, ["import", "--data", str(tmp_path), "--dry-run", str(source)])
    assert result.exit_code == 0, result.stderr
    progress = result.stderr.splitlines()
    assert "netmap: reading Connections.csv: 50000 rows" in progress
    assert progress[-1] == "netmap: merging: 100000/100000"
    out = result.stdout.splitlines()
    assert len(out) == 1 + 100_000 + 2
    assert out[-2].startswith("estimated 100000 direct ties from the exports")
    assert all(line.startswith(("read ", "added ", "estimated ", "Summary: ")) for line in out)
    assert "netmap:" not in result.stdout


CHILD = textwrap.dedent(
    """
    import sys, time
    import netmap.store as store
    from netmap.cli import cli

    def half_then_hang(stream, data):
        stream.write(data[: len(data) // 2])
        stream.flush()
        print("half written", flush=True)
        time.sleep(600)

    store._write_all = half_then_hang
    cli(["import", "--data", sys.argv[1], sys.argv[2]])
    """
)


def test_import_killed_mid_write_leaves_the_data_folder_readable_and_whole(tmp_path):
    """SIGKILL while contacts.csv is being replaced: the old file is intact and loads."""
    data = tmp_path / "data"
    data.mkdir()
    original = b"id,name,company,Mood\nana,Ana Ribeiro,Halcyon Maps,calm\n"
    (data / "contacts.csv").write_bytes(original)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(IMPORTS / "linkedin_2025_Connections.csv")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert child.stdout.readline() == b"half written\n", child.stderr.read().decode()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert (data / "contacts.csv").read_bytes() == original
    assert [c.name for c in load_dataset(data).contacts] == ["Ana Ribeiro"]
    assert not (data / "introductions.csv").exists()
