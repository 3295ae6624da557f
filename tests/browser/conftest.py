"""Headless Chromium for the map tests, with every network request blocked.

Uses Debian's ``/usr/bin/chromium`` through Playwright's Python API (never a
downloaded browser; see DEVELOPERS.md). When the browser cannot start the tests
are skipped locally but FAIL when ``CI=true``, so CI cannot silently pass without
them. ``NETMAP_CHROMIUM`` overrides the executable path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("NETMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"headless Chromium is required on CI: {reason}", pytrace=False)
    pytest.skip(f"headless Chromium unavailable: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A running headless Chromium (session-wide)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a test dependency
        _unavailable(f"playwright is not installed ({exc})")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} does not exist (apt-get install chromium)")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:
        manager.stop()
        _unavailable(f"{CHROMIUM} did not start: {str(exc).splitlines()[0]}")
    yield browser
    browser.close()
    manager.stop()


@dataclass
class OpenedMap:
    """A map page loaded with the network blocked, and what it tried to do."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def counts(self) -> tuple[int, int]:
        """Nodes and edges in the vis-network DataSets of the page."""
        return tuple(self.eval("() => [netmap.nodes.length, netmap.edges.length]"))  # type: ignore[return-value]

    def assert_clean(self) -> None:
        """No request left the page, nothing was logged as an error, no dialog opened."""
        assert self.blocked == []
        assert [r for r in self.requests if r != self.url] == []
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []


@pytest.fixture
def open_map(chromium: Any) -> Iterator[Any]:
    """``open_map(path)`` loads a map file and waits until it has drawn a frame."""
    contexts = []

    def load(path: Path, *, wait: str = "firstDraw", timeout: float = 60_000) -> OpenedMap:
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        url = Path(path).resolve().as_uri()
        opened = OpenedMap(page, url)

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda req: opened.requests.append(req.url))
        page.on(
            "console",
            lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: opened.page_errors.append(str(exc)))

        def dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url, wait_until="load")
        page.wait_for_function(f"() => window.netmap && window.netmap.state.{wait} !== null", timeout=timeout)
        return opened

    yield load
    for context in contexts:
        context.close()
