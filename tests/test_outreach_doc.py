"""docs/outreach.md walks the loop on the sample with what netmap really prints: replay it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "outreach.md").read_text(encoding="utf-8")
WALK = DOC[DOC.index("## The loop on the sample") : DOC.index("## Reference")]
STEPS = [
    step
    for block in re.findall(r"```console\n(.*?)```", WALK, re.DOTALL)
    for step in re.findall(r"^\$ (netmap [^\n]+)\n((?:(?!\$ netmap )[^\n]*\n)*)", block, re.MULTILINE)
]


def test_the_walk_covers_the_whole_loop():
    commands = [shlex.split(c)[1] for c, _ in STEPS]
    for command in ("paths", "history", "draft", "log", "prep", "due", "snooze", "done"):
        assert command in commands
    assert len(STEPS) == 17


def test_the_walk_replays_in_a_copy_of_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each command prints exactly what the doc shows (stdout, then stderr), in one folder, in order."""
    folder = tmp_path / "maya"
    shutil.copytree(ROOT / "sample_data", folder)
    toml = re.search(r"```toml\n(\[me\].*?)```", DOC, re.DOTALL)
    assert toml is not None
    (folder / "netmap.toml").write_text(toml.group(1), encoding="utf-8")
    monkeypatch.chdir(folder)
    env = {k: v for k, v in os.environ.items() if k != "NETMAP_DATA"}
    for command, expected in STEPS:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], env=env)
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stdout + result.stderr == expected, command
    msg = BytesParser(policy=policy.default).parsebytes((folder / "thanks.eml").read_bytes())
    assert (msg["To"].addresses[0].display_name, msg["X-Unsent"]) == ("Inês Carvalho", "1")
    import icalendar

    events = icalendar.Calendar.from_ical((folder / "due.ics").read_bytes()).walk("VEVENT")
    assert len(events) == 8  # as the doc's 'Wrote 8 events' says


def test_the_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    code = re.search(r"## Library\n\n```python\n(.*?)```", DOC, re.DOTALL)
    assert code is not None
    shutil.copytree(ROOT / "tests" / "data" / "outreach" / "small", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(code.group(1), "docs/outreach.md", "exec"), scope)
    assert scope["text"].startswith("To: Ana Lima <ana@acme.example>\nSubject: Thank you, Ana\n")
    assert [i.id for i in scope["items"]][:2] == ["thank-cy-20260204", "thank-ana-20260302"]
    assert scope["page"].startswith("# Meeting brief: Ana Lima\n")
