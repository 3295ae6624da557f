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
