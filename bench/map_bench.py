"""Benchmark of ``netmap map``: file generation in Python, then drawing in headless Chromium.

For synthetic networks of 250 (physics on), 500, 2,000 and 10,000 people (Zipf-sized companies with
offices, colleague introductions, cross-company introductions by preferential
attachment, the user tied to ~8% of people) it measures:

- graph: ``build_graph`` (not part of the map, shown for context);
- generate: ``map_data`` + ``render_map`` + writing the file;
- first frame: from navigation start to vis-network's first ``afterDrawing``;
- still: to a still picture (physics off: the first frame; on: ``stabilized``).

Goal: 2,000 people drawn in < 3 s, 10,000 in < 10 s, generation < 5 s at 10,000.
Chromium is Debian's ``/usr/bin/chromium`` with the network blocked. Not a test.

    python bench/map_bench.py [--sizes 500,2000,10000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from netmap.model import RELATIONSHIPS, Contact, Dataset, Introduction

FIRST = [
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Emeka",
    "Farah",
    "Goran",
    "Hana",
    "Ines",
    "Jon",
    "Kemal",
    "Lea",
    "Mio",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rui",
    "Sofia",
    "Tomás",
    "Uma",
    "Vik",
    "Wen",
    "Yara",
]
LAST = [
    "Lima",
    "Okafor",
    "Santos",
    "Novak",
    "Haddad",
    "Kim",
    "Moreau",
    "Costa",
    "Ivanova",
    "Schmidt",
    "Tanaka",
    "Silva",
    "Brennan",
    "Rossi",
    "Mendes",
    "Park",
    "Dubois",
    "Nakamura",
    "Ferreira",
    "Berg",
]
CITIES = [
    "Lisbon",
    "Berlin",
    "London",
    "Paris",
    "Madrid",
    "Amsterdam",
    "Warsaw",
    "Dublin",
    "Porto",
    "Oslo",
]
TITLES = [
    "Engineer",
    "Senior Engineer",
    "Product Manager",
    "Designer",
    "Engineering Manager",
    "Director",
    "Data Scientist",
    "Recruiter",
    "VP Engineering",
    "Analyst",
]
STATUSES = ["suggested", "made", "met", "thanked", "declined"]


def synthetic_dataset(n: int, *, seed: int = 0) -> Dataset:
    """A reproducible, roughly realistic network of ``n`` people."""
    rng = random.Random(seed)
    n_companies = max(5, n // 12)
    sizes = [1 / (k + 1) ** 1.1 for k in range(n_companies)]
    total = sum(sizes)
    companies = [f"Company {k:04d}" if k else "Halcyon Maps" for k in range(n_companies)]
    offices = {
        c: rng.sample(CITIES, k=1 + min(3, int(sizes[k] / total * n) // 40))
        for k, c in enumerate(companies)
    }
    contacts = []
    by_company: dict[str, list[str]] = {}
    today = date(2026, 1, 1)
    for i in range(n):
        company = rng.choices(companies, weights=sizes)[0]
        direct = rng.random() < 0.08
        c = Contact(
            id=f"p{i:05d}",
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            company=company,
            title=rng.choice(TITLES),
            office=rng.choice(offices[company]),
            relationship=rng.choice(RELATIONSHIPS) if direct else "",
            strength=rng.randint(1, 5) if direct else None,
            last_contact=today - timedelta(days=rng.randint(0, 1500)) if direct else None,
            past_companies=(rng.choice(companies),) if rng.random() < 0.2 else (),
            tags=(rng.choice(["mentor", "hiring", "alumni", "investor"]),)
            if rng.random() < 0.1
            else (),
        )
        contacts.append(c)
        by_company.setdefault(company, []).append(c.id)
    intros = []
    degree = [1] * n
    ids = [c.id for c in contacts]
    seen = set()
    for i, c in enumerate(contacts):
        colleagues = by_company[c.company]
        for _ in range(2):
            if len(colleagues) > 1:
                other = rng.choice(colleagues)
                if other != c.id and (c.id, other) not in seen:
                    seen.add((c.id, other))
                    intros.append(
                        Introduction(c.id, other, status=rng.choice(STATUSES), line=len(intros) + 2)
                    )
        j = rng.choices(range(n), weights=degree)[0] if i % 2 else rng.randrange(n)
        if ids[j] != c.id and (c.id, ids[j]) not in seen:
            seen.add((c.id, ids[j]))
            degree[j] += 1
            intros.append(
                Introduction(c.id, ids[j], status=rng.choice(STATUSES), line=len(intros) + 2)
            )
    return Dataset(contacts, intros)


def _only(url: str):
    """A route handler that lets the map file load and aborts every other request."""

    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    return handle


def measure_browser(paths: list[Path], repeat: int) -> dict[Path, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for path in paths:
            url = path.resolve().as_uri()
            firsts, stills = [], []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.route("**/*", _only(url))
                page.goto(url, wait_until="commit")
                page.wait_for_function(
                    "() => window.netmap && netmap.state.stable !== null", timeout=600_000
                )
                first, still = page.evaluate("() => [netmap.state.firstDraw, netmap.state.stable]")
                firsts.append(first / 1000)
                stills.append(still / 1000)
                page.close()
            results[path] = (statistics.median(firsts), statistics.median(stills))
        browser.close()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,2000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated maps in this folder")
    args = parser.parse_args(argv)

    from netmap.graph import build_graph
    from netmap.maps import map_data, write_map

    folder = args.keep or Path(tempfile.mkdtemp(prefix="netmap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        ds = synthetic_dataset(n, seed=n)
        t0 = time.perf_counter()
        G = build_graph(ds, today=date(2026, 1, 1))
        t_graph = time.perf_counter() - t0
        gens = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            data = map_data(G)
            write_map(data, folder / f"map_{n}.html")
            gens.append(time.perf_counter() - t0)
        size = (folder / f"map_{n}.html").stat().st_size
        rows.append(
            [n, len(data.edges), data.physics, t_graph, statistics.median(gens), size / 1e6]
        )
        print(f"generated {n} people", file=sys.stderr)
    drawn = measure_browser([folder / f"map_{r[0]}.html" for r in rows], args.repeat)
    print(
        f"{'people':>7} {'ties drawn':>10} {'physics':>7} {'graph s':>8} {'generate s':>10} "
        f"{'MB':>5} "
        f"{'first frame s':>13} {'still s':>7}"
    )
    for (n, ties, physics, t_graph, t_gen, mb), path in zip(rows, drawn, strict=True):
        first, still = drawn[path]
        print(
            f"{n:>7} {ties:>10} {'on' if physics else 'off':>7} {t_graph:>8.2f} {t_gen:>10.2f} "
            f"{mb:>5.1f} "
            f"{first:>13.2f} {still:>7.2f}"
        )
    print(f"(median of {args.repeat}; maps in {folder})")


if __name__ == "__main__":
    main()
