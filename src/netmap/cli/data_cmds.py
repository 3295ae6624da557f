"""``netmap check`` and ``netmap stats``."""

from __future__ import annotations

import json

import click

from ..errors import ConfigError, Problem
from ._app import cli, plural
from ._options import DataOptions, data_options, output_options


@cli.command()
@data_options
def check(opts: DataOptions) -> None:
    """Validate the data folder and report every problem at once.

    Each problem is one line, FILE:LINE: column: what is wrong - what to do.
    Exits 1 when there are errors, 0 when there are only warnings.

    \b
    Example:
      netmap check --data sample_data
    """
    from ..csvio import gc_paused

    with gc_paused():  # the data is dropped before the collector resumes, so it never walks it
        problems, summary = _checked(opts)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    try:  # the scoring weights (netmap.toml or --config) are part of the data too
        opts.weights()
    except ConfigError as exc:
        click.echo(str(exc))
        errors += 1
    click.echo(f"{summary}; {plural(errors, 'error')}, {plural(warnings, 'warning')}")
    if errors:
        raise click.exceptions.Exit(1)


def _checked(opts: DataOptions) -> tuple[list[Problem], str]:
    """Every problem of the folder and its events, and what it holds ("3 people, ...")."""
    from ..loading import check_data

    report = check_data(opts.data, contacts=opts.contacts, introductions=opts.intros, encoding=opts.encoding)
    problems = list(report.problems)
    if not report.errors:  # events name people: read them once the people are known
        from ..outreach.events import check_events

        problems += check_events(report.dataset, encoding=opts.encoding)
    ds = report.dataset
    summary = (
        f"{plural(len(ds.contacts), 'person', 'people')}, "
        f"{plural(len(ds.introductions), 'introduction')}, "
        f"{plural(len(ds.aliases), 'company alias', 'company aliases')}"
    )
    return problems, summary


@cli.command()
@data_options
@output_options(top=5)
def stats(opts: DataOptions, fmt: str, output: str, bom: bool, raw: bool, top: int) -> None:
    """Summarise the network: size, reach, largest companies, top brokers.

    \b
    Example:
      netmap stats --data sample_data --format json
    """
    from ..output import write_rows, write_text

    s = opts.network().stats(top=top)
    rows = [
        {"figure": "people", "value": s.people},
        {"figure": "your ties", "value": s.direct_ties},
        {"figure": "introductions", "value": s.introductions},
        {"figure": "ties between people", "value": s.ties},
        {"figure": "companies", "value": s.companies},
        {"figure": "offices", "value": s.offices},
        {"figure": "connected components", "value": s.components},
        {"figure": "unreachable from you", "value": s.unreachable},
    ]
    note = "" if s.broker_measure == "betweenness" else f" [{s.broker_measure}]"
    rows += [{"figure": f"company: {name}", "value": count} for name, count in s.largest_companies]
    rows += [{"figure": f"broker: {b.name} ({b.company})" + note, "value": b.betweenness} for b in s.brokers]
    if fmt == "json":
        from dataclasses import asdict

        write_text(json.dumps(asdict(s), ensure_ascii=False, indent=2) + "\n", output)
    else:
        write_rows(rows, ["figure", "value"], fmt, output, safe=not raw, bom=bom)
