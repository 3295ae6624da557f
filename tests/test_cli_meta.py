"""Meta-tests of the command line: version, help with an example everywhere, usage errors."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import click
import pytest

from netmap.cli import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


COMMANDS = list(_commands(cli))


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.stdout == f"netmap, version {version('netmap')}\n"
    assert result.exit_code == 0


def test_check_and_stats_are_registered():
    assert {("check",), ("stats",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", [()] + COMMANDS, ids=lambda p: " ".join(p) or "netmap")
def test_every_command_has_help_with_an_example(runner, path):
    """`--help` works on every command and ends with an Example: block."""
    result = runner.invoke(cli, [*path, "--help"], prog_name="netmap")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert result.stdout.startswith(f"Usage: netmap {' '.join(path)}".rstrip() + " ")


def test_short_help_flag(runner):
    assert runner.invoke(cli, ["check", "-h"]).exit_code == 0


def test_help_documents_exit_codes_and_completion(runner):
    out = runner.invoke(cli, ["--help"]).stdout
    assert "Exit codes: 0 ok, 1 invalid data, 2 wrong usage" in out
    assert "_NETMAP_COMPLETE=bash_source netmap" in out


def test_python_dash_m(tmp_path):
    """`python -m netmap --help` runs the same CLI."""
    result = subprocess.run(
        [sys.executable, "-m", "netmap", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: netmap ")


def test_unknown_option_exits_2(runner):
    result = runner.invoke(cli, ["check", "--no-such-option"], prog_name="netmap")
    assert result.stderr == (
        "Usage: netmap check [OPTIONS]\n"
        "Try 'netmap check --help' for help.\n\n"
        "Error: No such option '--no-such-option'.\n"
    )
    assert result.stdout == ""
    assert result.exit_code == 2


def test_unknown_command_exits_2(runner):
    result = runner.invoke(cli, ["chekc"])
    assert result.exit_code == 2
    assert "No such command 'chekc'" in result.stderr


def test_bad_option_value_exits_2(runner, write_data):
    folder = write_data("name\nAna\n")
    result = runner.invoke(cli, ["stats", "--data", str(folder), "--format", "xml"])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["stats", "--data", str(folder), "--today", "2026-02-30"])
    assert result.exit_code == 2
    assert "impossible date '2026-02-30'" in result.stderr
