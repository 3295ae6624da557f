"""Screenshots of every map kind from the sample, for docs/maps.md and the README.

Writes the maps with ``netmap map`` (through the CLI, as a user would) into a
temporary folder, opens each in Debian's headless Chromium at 1400x900 with the
network blocked, and saves ``docs/img/map-<kind>.png``:

    python scripts/screenshots.py [--out docs/img] [--keep DIR]

Kinds: target (``--company "Halcyon Maps" --office Lisbon --top 5``), whole,
around (``--around "Beatriz Santos"``), referrals, redacted (the target map with
``--redact``), and target-click (the target map after clicking Inês Carvalho).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
#: the day of the sample's story (README): the scores in the pictures are the README's
TODAY = "2026-11-15"
TARGET = ["--company", "Halcyon Maps", "--office", "Lisbon", "--top", "5"]
KINDS = {
    "target": TARGET,
    "whole": [],
    "around": ["--around", "Beatriz Santos"],
    "referrals": ["--referrals"],
    "redacted": [*TARGET, "--redact"],
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def write_maps(folder: Path) -> dict[str, Path]:
    """Every map kind of the sample, written by the CLI."""
    from click.testing import CliRunner

    from netmap.cli import cli

    out = {}
    for kind, extra in KINDS.items():
        path = folder / f"{kind}.html"
        result = CliRunner().invoke(cli, ["map", "--data", str(SAMPLE), "--today", TODAY, *extra, "-o", str(path)])
        if result.exit_code != 0:
            sys.exit(f"netmap map {' '.join(extra)} failed: {result.output}")
        out[kind] = path
    return out


def _only(url: str):
    """A route handler that lets the map file load and aborts every other request."""

    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    return handle


def shoot(maps: dict[str, Path], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for kind, path in maps.items():
            url = path.resolve().as_uri()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", _only(url))
            page.on("pageerror", lambda exc, kind=kind: print(f"{kind}: {exc}", file=sys.stderr))
            page.goto(url)
            page.wait_for_function("() => window.netmap && netmap.state.firstDraw !== null")
            page.wait_for_timeout(300)
            shots.append(out / f"map-{kind}.png")
            page.screenshot(path=str(shots[-1]))
            if kind == "target":
                page.evaluate("() => netmap.focusPerson('ines carvalho')")
                page.wait_for_timeout(200)
                shots.append(out / "map-target-click.png")
                page.screenshot(path=str(shots[-1]))
            page.close()
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--keep", type=Path, help="keep the generated maps in this folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="netmap-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    for shot in shoot(write_maps(folder), args.out):
        print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)


if __name__ == "__main__":
    main()
