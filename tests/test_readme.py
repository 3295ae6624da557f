"""The sessions shown in the README are what netmap really prints."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```console\n\$ (netmap [^\n]+)\n(.*?)```", re.DOTALL)
SESSIONS = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_sessions():
    assert len(SESSIONS) >= 3


@pytest.mark.parametrize("command,expected", SESSIONS, ids=[c[:60] for c, _ in SESSIONS])
def test_readme_session_output(command: str, expected: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NETMAP_DATA", raising=False)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli, args, env={k: v for k, v in os.environ.items() if k != "NETMAP_DATA"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


LINKEDIN = re.search(
    r"## Start from a LinkedIn export\n.*?```text\n(.*?)```",
    (ROOT / "README.md").read_text(encoding="utf-8"),
    re.DOTALL,
)


def test_readme_linkedin_session_replays_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """init, import, paths, ask --to-rate, rate, paths: each command prints what the README shows."""
    assert LINKEDIN is not None
    (tmp_path / "sample_data").symlink_to(ROOT / "sample_data")
    monkeypatch.chdir(tmp_path)
    steps = re.findall(r"^\$ (netmap [^\n]+)\n((?:(?!\$ )[^\n]*\n)*)", LINKEDIN.group(1), re.MULTILINE)
    assert len(steps) == 6
    env = {k: v for k, v in os.environ.items() if k != "NETMAP_DATA"}
    for command, expected in steps:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], env=env)
        assert result.exit_code == 0, (command, result.stderr)
        if expected:
            assert result.stdout == expected, command
