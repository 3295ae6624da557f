"""Shared fixtures: a CliRunner, the tests/data corpus, and a helper to write tiny data folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"

# --doctest-modules would import this file a second time as module "conftest", which
# clashes with tests/browser/conftest.py ("import file mismatch"); it has no doctests.
collect_ignore = ["conftest.py"]


@pytest.fixture
def runner() -> CliRunner:
    """A Click runner; since Click 8.2 ``result.stdout`` and ``result.stderr`` are separate."""
    return CliRunner()


@pytest.fixture
def corpus(monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tests/data`` as the current folder, so messages show short relative paths."""
    monkeypatch.chdir(DATA)
    monkeypatch.delenv("NETMAP_DATA", raising=False)
    return DATA


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[..., Path]:
    """Write ``contacts.csv`` (and optionally ``introductions.csv``/``companies.csv``) to a folder.

    ``write_data("name\\nAna\\n", intros="referrer,contact\\nme,Ana\\n")`` returns the folder.
    """

    def write(contacts: str, intros: str | None = None, companies: str | None = None) -> Path:
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        (folder / "contacts.csv").write_text(contacts, encoding="utf-8")
        if intros is not None:
            (folder / "introductions.csv").write_text(intros, encoding="utf-8")
        if companies is not None:
            (folder / "companies.csv").write_text(companies, encoding="utf-8")
        return folder

    return write
