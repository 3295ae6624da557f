"""``netmap import`` (exports into the data folder) and ``netmap companies``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import DataError
from ..importers import FORMATS
from ..output import terminal_safe
from ._app import cli, plural
from ._options import DataOptions, data_options, output_options


def _progress(stage: str, done: int, total: int) -> None:
    """Progress of a large import, on stderr only (stdout carries the report)."""
    shown = f"{done}/{total}" if total else f"{done} rows"
    click.echo(f"netmap: {stage}: {shown}", err=True)


def _quote(text: str) -> str:
    return repr(" ".join(text.split()))


def report_lines(plan, *, dry_run: bool) -> list[str]:
    """The import report, one line per change, then a summary line."""
    lines = []
    for f in plan.files:
        found = f"{plural(len(f.contacts), 'person', 'people')}" if f.contacts else ""
        if f.interactions:
            found = plural(len(f.interactions), "exchange")
        skipped = ", ".join(f"{n} skipped: {why}" for why, n in f.skipped.most_common())
        lines.append(f"read      {f.path.name}: {f.format}, {found}" + (f" ({skipped})" if skipped else ""))
    for a in plan.added:
        lines.append(f"added     {a.name} ({a.source}) as {a.id}")
    for m in plan.merged:
        filled = f"; filled {', '.join(m.filled)}" if m.filled else ""
        lines.append(f"merged    {m.source} into {m.name} ({m.into}): {m.reason}{filled}")
    for m in plan.updated:
        lines.append(f"updated   {m.name} ({m.into}): {', '.join(m.filled)} from {m.source} ({m.reason})")
    for c in plan.conflicts:
        head = f"conflict  {c.name} ({c.where}): {c.column}:"
        if c.kept == "existing":
            what = f"kept {_quote(c.existing)}, not {_quote(c.incoming)} from {c.source}"
            lines.append(f"{head} {what} - pass --prefer incoming to take it")
        else:
            what = f"took {_quote(c.incoming)} from {c.source} over {_quote(c.existing)}"
            lines.append(f"{head} {what} - the old value is in the .bak file")
    for n in plan.near_matches:
        lines.append(
            f"near      {n.name} ({n.source}) may be {n.candidate} ({n.where}): {n.reason} - added "
            "separately; give both the same e-mail or LinkedIn URL to merge them"
        )
    for i in plan.introductions:
        lines.append(f"intro     {i['referrer']} -> {i['contact']} ({i['status']})")
    if plan.estimated:
        lines.append(
            f"estimated {plural(plan.estimated, 'direct tie')} from the exports (strength_estimate;"
            " set your own with 'netmap rate PERSON --strength N')"
        )
    counts = ", ".join(
        [
            f"{len(plan.added)} added",
            f"{len(plan.merged)} merged",
            f"{len(plan.updated)} updated",
            plural(len(plan.conflicts), "conflict"),
            plural(len(plan.near_matches), "near match", "near matches"),
            plural(len(plan.introductions), "introduction"),
        ]
    )
    if dry_run:
        tail = "dry run, nothing written"
    elif plan.written:
        tail = "wrote " + ", ".join(str(p) for p in plan.written) + " (previous versions kept as .bak)"
    else:
        tail = "nothing to write"
    lines.append(f"Summary: {counts}; {tail}")
    return lines


def _bad_files(exc: DataError, given: int) -> None:
    """Every export that cannot be imported, one line each, and what to do: exit 1."""
    for problem in exc.problems:
        click.echo(f"Error: {terminal_safe(str(problem))}", err=True)
    bad = len({p.file for p in exc.problems})
    how = "or pass --skip-bad to import the others" if bad < given else "and check that they are exports"
    click.echo(f"{bad} of {given} files cannot be imported; nothing was imported - fix or leave them out, {how}",
               err=True)  # fmt: skip
    raise click.exceptions.Exit(DataError.exit_code)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="Read every FILE as this format instead of detecting it from the content.",
)
@click.option(
    "--prefer",
    type=click.Choice(["existing", "incoming"]),
    default="existing",
    show_default=True,
    help="Which value wins when an incoming field differs from one already in contacts.csv.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what would change (added, merged, conflicts); write nothing.",
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Import the files that can be read and warn about the others (by default a bad"
    " file stops the whole import, and every bad file is named).",
)
@data_options
def import_(
    opts: DataOptions, files: tuple[Path, ...], fmt: str | None, prefer: str, dry_run: bool, skip_bad: bool
) -> None:
    """Import exports (LinkedIn, Google Contacts, Outlook, vCard) into the data folder.

    The format of each FILE is detected from its content: LinkedIn Connections.csv
    (plus messages.csv and Invitations.csv), Google Contacts CSV, Outlook CSV, and
    vCard 2.1/3.0/4.0. Everyone imported, and everyone you messaged both ways, is a
    direct tie with netmap's 1-5 strength_estimate (see docs/import.md); your own
    strength column is never written. People are matched by LinkedIn profile, then
    e-mail, then name and company; every merge is reported with its reason, near
    matches are listed, fields you edited are kept unless you pass --prefer
    incoming. --encoding applies to the FILEs. Every FILE is read before anything
    is written: when some cannot be imported, each is named and nothing is imported
    (or, with --skip-bad, the others are). contacts.csv and introductions.csv are
    written atomically, keeping .bak copies.

    \b
    Example:
      netmap import --data mynet Connections.csv messages.csv contacts.vcf --dry-run
    """
    from ..importers import import_files

    try:
        plan = import_files(
            files,
            opts.data,
            fmt=fmt,
            encoding=opts.encoding,
            prefer=prefer,
            dry_run=dry_run,
            today=opts.today,
            contacts_path=opts.contacts,
            introductions_path=opts.intros,
            skip_bad=skip_bad,
            progress=_progress,
        )
    except DataError as exc:
        if len(files) < 2 or not {p.file for p in exc.problems} <= {str(f) for f in files}:
            raise
        _bad_files(exc, len(files))
    for problem in plan.problems:
        click.echo(str(problem), err=True)
    click.echo("\n".join(report_lines(plan, dry_run=dry_run)))


@cli.command()
@click.option(
    "--duplicates",
    is_flag=True,
    help="List only the suspected duplicates, as alias,canonical rows for companies.csv.",
)
@click.option(
    "--cutoff",
    type=click.FloatRange(0.5, 1.0),
    default=0.88,
    show_default=True,
    help="How alike two names must be (0.5-1) to be suspected duplicates.",
)
@data_options
@output_options()
def companies(opts: DataOptions, duplicates: bool, cutoff: float, fmt: str, output: str, bom: bool,
              raw: bool) -> None:  # fmt: skip
    """List companies with head counts, and suspected duplicate spellings.

    Companies are grouped as the ranking groups them (companies.csv aliases, then
    case, punctuation and legal suffixes ignored); spellings grouped that way are
    listed together. Suspected duplicates are companies still counted apart whose
    names are spelled alike or equal without accents (never mere substrings: Meta
    is not Metabase); add the ones you agree with to companies.csv.

    \b
    Example:
      netmap companies --data sample_data
      netmap companies --data sample_data --duplicates --format csv -o new_aliases.csv
    """
    from dataclasses import asdict

    from ..companies import company_report
    from ..output import write_rows, write_text

    report = company_report(opts.load(), cutoff=cutoff)
    company_cols = ["company", "people", "past", "spellings"]
    company_rows = [
        {"company": c.name, "people": c.people, "past": c.past, "spellings": c.spellings} for c in report.companies
    ]
    dup_cols = ["alias", "canonical", "reason", "people"]
    dup_rows = [{k: getattr(d, k) for k in dup_cols} for d in report.duplicates]
    if duplicates:
        write_rows(dup_rows, dup_cols, fmt, output, safe=not raw, bom=bom)
    elif fmt == "json":
        payload = {"companies": [asdict(c) for c in report.companies],
                   "duplicates": [asdict(d) for d in report.duplicates]}  # fmt: skip
        write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "csv":
        write_rows(company_rows, company_cols, fmt, output, safe=not raw, bom=bom)
    else:
        from ..output import render_table

        text = render_table(company_rows, company_cols)
        if dup_rows:
            text += "\nSuspected duplicates (add the right ones to companies.csv as alias,canonical):\n"
            text += render_table(dup_rows, dup_cols)
        write_text(text, output)
    if fmt == "csv" and not duplicates and dup_rows and output not in (None, "-"):
        click.echo(
            f"{plural(len(dup_rows), 'suspected duplicate')}: see netmap companies --duplicates",
            err=True,
        )
    if not report.companies:
        click.echo("No companies: fill in the company column of contacts.csv", err=True)
    sys.stdout.flush()
