"""``netmap import`` of several files: every bad file named in one run, nothing imported
unless ``--skip-bad``; the real exports of each trait import end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.errors import DataError
from netmap.importers import import_files
from netmap.store import CsvDocument

IMPORTS = Path(__file__).parent / "data" / "imports"
KNOWN = "known formats: linkedin, linkedin-invitations, linkedin-messages, google, outlook, vcard"


@pytest.fixture
def exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Some exports, a file that is not one, an empty file; an empty data folder beside."""
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("outlook_web.csv", "not_an_export.csv", "vcard_v21_commas.vcf"):
        shutil.copy(IMPORTS / name, folder / name)
    (folder / "notes.txt").write_text("hello\n")
    (folder / "empty.csv").write_text("")
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NETMAP_DATA", raising=False)
    return folder


def test_every_bad_file_is_named_in_one_run_and_nothing_is_imported(runner, exports):
    files = ["outlook_web.csv", "not_an_export.csv", "notes.txt", "vcard_v21_commas.vcf", "empty.csv"]
    result = runner.invoke(cli, ["import", "--data", "../data", *files])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: not_an_export.csv: format not recognised (utf-8, first line 'name,company') - {KNOWN};"
        " pass --format NAME to force one",
        f"Error: notes.txt: format not recognised (utf-8, first line 'hello') - {KNOWN};"
        " pass --format NAME to force one",
        "Error: empty.csv: file is empty - export it again",
        "3 of 5 files cannot be imported; nothing was imported - fix or leave them out,"
        " or pass --skip-bad to import the others",
    ]
    assert list((exports.parent / "data").iterdir()) == []


def test_skip_bad_imports_the_good_files_and_warns_about_each_bad_one(runner, exports):
    files = ["outlook_web.csv", "not_an_export.csv", "notes.txt", "vcard_v21_commas.vcf"]
    result = runner.invoke(cli, ["import", "--data", "../data", "--skip-bad", *files])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "not_an_export.csv: warning: format not recognised (utf-8, first line 'name,company')"
        " - the file was skipped (--skip-bad)",
        "notes.txt: warning: format not recognised (utf-8, first line 'hello') - the file was skipped (--skip-bad)",
    ]
    assert result.stdout.splitlines()[:2] == [
        "read      outlook_web.csv: outlook, 2 people",
        "read      vcard_v21_commas.vcf: vcard, 3 people",
    ]
    names = [r.values["name"] for r in CsvDocument.read(exports.parent / "data" / "contacts.csv").rows]
    assert names == ["Jo Kim", "Dina Haddad", "Doe, John", "Ana Lima", "contact number two"]


def test_skip_bad_with_no_good_file_is_still_an_error(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "--skip-bad", "notes.txt", "empty.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "2 of 2 files cannot be imported; nothing was imported - fix or leave them out, and check that they are exports"
    )


def test_the_library_raises_one_error_listing_every_bad_file(exports):
    with pytest.raises(DataError) as info:
        import_files(["outlook_web.csv", "notes.txt", "empty.csv"], "../data")
    assert [p.file for p in info.value.problems] == ["notes.txt", "empty.csv"]


def test_a_single_bad_file_keeps_the_usual_one_line_error(runner, exports):
    result = runner.invoke(cli, ["import", "--data", "../data", "notes.txt"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: notes.txt: format not recognised (utf-8, first line 'hello') - {KNOWN};"
        " pass --format NAME to force one"
    )


def test_localised_and_legacy_exports_import_end_to_end(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(IMPORTS)
    files = ["outlook_de.csv", "outlook_zh_cn.csv", "google_outlook_format.csv", "vcard_v30_gmail_apple.vcf"]
    result = runner.invoke(cli, ["import", "--data", str(tmp_path), "--today", "2026-03-01", *files])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "outlook_de.csv:1: warning: not UTF-8 (byte 0xdf); read as cp1252 - pass --encoding if names look wrong",
        "outlook_zh_cn.csv:1: warning: not UTF-8 (byte 0xce); read as gb18030 - pass --encoding if names look wrong",
    ]
    rows = {r.values["name"]: r.values for r in CsvDocument.read(tmp_path / "contacts.csv").rows}
    assert sorted(rows) == sorted(
        ["Jürgen Weiß", "王伟", "Grete Strauss", "Barbara Love", "sam@example.net",
         "Mr. John Richter, James Doe Sr.", "Dee Park"]
    )  # fmt: skip
    # "Referred By: Grete Strauss" in two exports, Grete herself in a third: two introductions
    assert "intro     grete@mbpt.example -> juergen-weiss (suggested)" in result.stdout
    assert "intro     grete@mbpt.example -> wang.wei@huawei.example (suggested)" in result.stdout
    assert rows["Mr. John Richter, James Doe Sr."]["company"] == "IBM, Inc."
    assert rows["Grete Strauss"]["tags"] == "MBPT officers"
