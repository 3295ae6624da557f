"""What the reader does with text no person typed: control characters, codecs that are not for files."""

from __future__ import annotations

from click.testing import CliRunner

from netmap.cli import cli

CONTACTS = (
    b"id,name,company,office,strength\nana,Ana\x00 Lima,Acme,Lisbon,4\nbo,Bo \x1b]0;pwned\x07Chen,Globex,Porto,3\n"
)


def _folder(tmp_path, contacts=CONTACTS):
    (tmp_path / "contacts.csv").write_bytes(contacts)
    (tmp_path / "introductions.csv").write_bytes(b"referrer,contact,status\nana,bo,made\n")
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_control_characters_are_dropped_with_a_warning_naming_line_and_column(tmp_path):
    d = _folder(tmp_path)
    result = run("check", "--data", str(d))
    assert result.stdout.splitlines() == [
        f"{d}/contacts.csv:2: warning: name: invisible control character removed (U+0000) - "
        "delete it from the file: it can disturb terminals and other programs",
        f"{d}/contacts.csv:3: warning: name: invisible control character removed (U+001B, U+0007) - "
        "delete it from the file: it can disturb terminals and other programs",
        "2 people, 1 introduction, 0 company aliases; 0 errors, 2 warnings",
    ]
    assert result.exit_code == 0


def test_no_control_character_reaches_any_output(tmp_path):
    """The columnar reader leaves such files to the loader, so every command sees the cleaned names."""
    d = _folder(tmp_path)
    for args in (["paths", "--company", "Globex", "--format", "csv"], ["stats", "--format", "json"],
                 ["export", "--format", "graphml"], ["explain", "bo"]):  # fmt: skip
        result = run(*args, "--data", str(d))
        assert result.exit_code == 0, (args, result.output)
        assert not any(c in result.stdout for c in "\x00\x1b\x07"), args
    assert "Bo ]0;pwnedChen" in run("paths", "--company", "Globex", "--data", str(d)).stdout


def test_a_codec_that_is_not_for_text_files_is_one_line(tmp_path):
    d = _folder(tmp_path, b"name,company\nAna,Acme\n")
    result = run("paths", "--company", "Acme", "--encoding", "undefined", "--data", str(d))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: {d}/contacts.csv: cannot be read as undefined: it is not an encoding for text files - "
        "pass a text encoding such as utf-8, cp1252, latin-1 or utf-16"
    )
