"""``netmap paths``, ``ask``, ``mutual``, ``explain`` and ``export``."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from ._app import cli
from ._options import DataOptions, as_member_option, data_options, output_option, output_options

#: rows a table shows when --top is not given
TABLE_TOP = 20


MAX_HOPS = click.option("--max-hops", type=click.IntRange(1, 6), default=3, show_default=True,
                        help="Longest path considered, in ties between people.")  # fmt: skip


def _target_options(command):
    command = click.option(
        "--role",
        help="Role keywords matched in titles and tags, comma-separated (e.g. 'data,analytics').",
    )(command)
    command = click.option("--office", help="Target office (city or site) within the company.")(command)
    command = click.option("--company", help="Target company (aliases from companies.csv work).")(command)
    return command  # fmt: skip


@cli.command()
@data_options
@as_member_option
@_target_options
@click.option(
    "--targets",
    "targets_file",
    type=click.Path(dir_okay=False),
    help="CSV of targets (company, office, role columns) ranked together.",
)
@MAX_HOPS
@click.option(
    "--per-target",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Alternative paths per person, each through a different introducer.",
)
@click.option(
    "--max-per-introducer",
    type=click.IntRange(min=1),
    help="Let no contact be the first ask on more than N rows.",
)
@click.option(
    "--prefer",
    type=click.Choice(["trust", "reach"]),
    default="trust",
    show_default=True,
    help="trust: strongest ties; reach: favour moderately weak final ties.",
)
@click.option(
    "--cold/--no-cold",
    default=True,
    show_default=True,
    help="List people at the target with no warm path after the warm ones.",
)
@click.option(
    "--inferred/--no-inferred",
    default=True,
    show_default=True,
    help="Use ties only guessed from a shared company, office or school (marked ~ in paths).",
)
@output_options(table_top=TABLE_TOP)
def paths(opts: DataOptions, company, office, role, targets_file, max_hops, per_target, max_per_introducer,
          prefer, cold, inferred, fmt, output, bom, raw, top) -> None:  # fmt: skip
    """Rank the people at a target company or office by their warmest path from you.

    Each row: rank, person, title, company, office, score, hops, the path as
    names, the first person to ask, and the reasons behind the score.

    \b
    Example:
      netmap paths --data sample_data --company "Halcyon Maps" --office Lisbon --top 5
      netmap paths --company Halcyon --office Lisbon --format csv -o intros.csv
    """
    from ..ranking import PATH_COLUMNS

    if not company and not targets_file:
        raise click.UsageError("name a target with --company (and optionally --office) or --targets FILE")
    if company and targets_file:
        raise click.UsageError("use either --company or --targets, not both")
    net = opts.network()
    options = dict(max_hops=max_hops, top=top, per_target=per_target, max_per_introducer=max_per_introducer,
                   prefer=prefer, include_cold=cold, inferred=inferred)  # fmt: skip
    if targets_file:
        rows, skipped = net.paths_to_targets(targets_file, **options)
        for line in skipped:
            click.echo(f"Warning: {line}", err=True)
    else:
        rows = net.paths(company, office=office, role=role, **options)
    _write_paths(rows, PATH_COLUMNS, fmt, output, bom, raw, top)


def _cut(rows: list, top: int | None, fmt: str, key=lambda r: r.person) -> list:
    """Without --top a table stops at TABLE_TOP people and says on stderr how many it left out."""
    if top is not None or fmt != "table":
        return rows
    people = list(dict.fromkeys(key(r) for r in rows))
    if len(people) <= TABLE_TOP:
        return rows
    keep = set(people[:TABLE_TOP])
    click.echo(f"({len(people) - TABLE_TOP} more not shown: --top {len(people)} shows them all, "
               "--format csv writes them all)", err=True)  # fmt: skip
    return [r for r in rows if key(r) in keep]


GROUP_HEADINGS = {"company": "elsewhere in the company", "unknown": "office not on record"}


def _write_paths(rows, columns, fmt, output, bom, raw, top=None) -> None:
    from ..output import write_rows

    if rows and all(r.cold for r in rows):
        from ..targets import COLD_ADVICE

        click.echo(f"Nobody at {rows[0].target} is within reach of your network: ask the people who worked "
                   f"there before or know someone there (netmap mutual), try --max-hops 4, {COLD_ADVICE}",
                   err=True)  # fmt: skip
    rows = _cut(rows, top, fmt)
    flat = [r.as_row() for r in rows]
    headings: list[str] = []
    if fmt == "table":
        columns = ("rank", "name", "title", "office", "score", "hops", "path", "first_ask")
        if any(r.office_group for r in rows):
            headings = [f"at {r.target}" if r.office_group == "office" else GROUP_HEADINGS[r.office_group]
                        for r in rows]  # fmt: skip
    detail = None
    if fmt == "json":
        detail = [{**row, "path": r.names, "path_ids": r.path, "reasons": r.reasons,
                   "hops_detail": [asdict(h) for h in r.hop_details]}
                  for row, r in zip(flat, rows, strict=True)]  # fmt: skip
    write_rows(flat, columns, fmt, output, safe=not raw, bom=bom, json_rows=detail, headings=headings)


@cli.command()
@data_options
@as_member_option
@_target_options
@MAX_HOPS
@click.option(
    "--to-rate",
    is_flag=True,
    help="List the few contacts whose strength you have not stated and whose rating would most "
    "change this answer, each with its 'netmap rate' command.",
)
@output_options(table_top=TABLE_TOP)
def ask(opts: DataOptions, company, office, role, max_hops, to_rate, fmt, output, bom, raw, top) -> None:
    """Rank your own contacts by the paths they open into a target: who to ask first.

    A contact who works there themselves counts too: they are the one to ask.

    \b
    Example:
      netmap ask --data sample_data --company "Halcyon Maps" --office Lisbon
      netmap ask --company "Halcyon Maps" --to-rate
    """
    from ..output import write_rows
    from ..ranking import INTRODUCER_COLUMNS

    if not company:
        raise click.UsageError("name a target with --company (and optionally --office)")
    if to_rate:
        from ..to_rate import TO_RATE_COLUMNS

        advice = opts.network().to_rate(company, office=office, role=role, max_hops=max_hops, top=top or 5)
        if not advice:
            click.echo("Nothing to rate: every contact who opens a path there has a strength you stated.", err=True)
        columns: tuple[str, ...] = TO_RATE_COLUMNS
        if fmt == "table":
            columns = ("rank", "name", "company", "estimate", "best_score", "if_1", "if_5", "command")
        write_rows([a.as_row() for a in advice], columns, fmt, output, safe=not raw, bom=bom)
        return
    found = opts.network().ask(company, office=office, role=role, max_hops=max_hops, top=top)
    rows = [r.as_row() for r in _cut(found, top, fmt)]
    columns = INTRODUCER_COLUMNS
    if fmt == "table":
        columns = ("rank", "name", "company", "your_tie", "best_score", "reach", "best_path")
    write_rows(rows, columns, fmt, output, safe=not raw, bom=bom)


@cli.command()
@data_options
@as_member_option
@click.argument("people", nargs=-1)
@click.option("--company", help="Your contacts tied to someone at this company...")
@click.option("--office", help="...and office.")
@click.option("--inferred", is_flag=True, help="With two people: count shared office/company/school too.")
@output_options(top=50)
def mutual(opts: DataOptions, people, company, office, inferred, fmt, output, bom, raw, top) -> None:
    """People tied to both A and B, or your contacts tied into a target office.

    \b
    Example:
      netmap mutual --data sample_data beatriz-santos "Ines Carvalho"
      netmap mutual --data sample_data --company "Halcyon Maps" --office Lisbon
    """
    from ..output import write_rows
    from ..ranking import MUTUAL_COLUMNS

    if company and people:
        raise click.UsageError("give either two people or --company, not both")
    net = opts.network()
    if company:
        rows = net.mutual_at(company, office=office)
        columns = ("person_id", "name", "title", "company", "your_tie", "their_best_tie", "through")
        flat = [{**r.as_row(), "your_tie": round(r.warmth_a, 4), "their_best_tie": round(r.warmth_b, 4)}
                for r in rows[:top]]  # fmt: skip
    elif len(people) == 2:
        rows = net.mutual(*people, inferred=inferred)
        columns, flat = MUTUAL_COLUMNS, [r.as_row() for r in rows[:top]]
    else:
        raise click.UsageError("give two people (ids or names) or --company [--office]")
    write_rows(flat, columns, fmt, output, safe=not raw, bom=bom)


@cli.command()
@data_options
@as_member_option
@click.argument("person")
@click.option("--company", help="Score the person as a target at this company (fit included).")
@click.option("--office", help="Target office for the fit.")
@click.option("--role", help="Role keywords for the fit.")
@click.option(
    "-k",
    "--paths",
    "k",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="How many paths (different introducers).",
)
@MAX_HOPS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(opts: DataOptions, person, company, office, role, k, max_hops, fmt) -> None:
    """Explain the best paths to PERSON hop by hop, and what would raise each hop.

    \b
    Example:
      netmap explain --data sample_data "Inês Carvalho" --company "Halcyon Maps" --office Lisbon
    """
    result = opts.network().explain(person, company=company, office=office, role=role, k=k, max_hops=max_hops)
    if fmt == "json":
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2, default=str))
        return
    head = ", ".join(x for x in (result.title, result.company, result.office) if x)
    click.echo(f"{result.name}" + (f" ({head})" if head else ""))
    if not result.paths:
        click.echo(f"  no warm path within {max_hops} hops")
        return
    for p in result.paths:
        click.echo("")
        click.echo(f"{p.rank}. {p.path_text}")
        click.echo(f"   score {p.score:.3f} = path warmth {p.warmth:.3f} x fit {p.fit:.2f} ({p.reasons[-1][5:]})")
        for hop in p.hop_details:
            kind = f"{hop.kind}, inferred" if hop.inferred else "direct, estimated" if hop.estimated else hop.kind
            arrow = "~" if hop.inferred else "->"
            click.echo(f"   {hop.source_name} {arrow} {hop.target_name}: {hop.warmth:.2f} ({kind})")
            for line in hop.evidence:
                click.echo(f"      - {line}")
            if hop.suggestion:
                click.echo(f"      + {hop.suggestion}")


@cli.command()
@data_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json"]),
    default="graphml",
    show_default=True,
    help="Exchange format.",
)
@output_option()
def export(opts: DataOptions, fmt, output) -> None:
    """Export the scored graph for Gephi, Cytoscape or igraph.

    Every tie carries warmth, kind, inferred and its evidence as plain text
    attributes; dates are ISO text. The file is written straight from your
    data files (no graph is built in memory); a large one reports its progress
    on stderr.

    \b
    Example:
      netmap export --data sample_data --format gexf -o network.gexf
    """
    from ..exchange import write_exchange
    from .import_cmds import _progress

    write_exchange(opts.network(), fmt, output, progress=_progress)
    if output != "-":
        click.echo(f"Wrote {output}", err=True)
    sys.stdout.flush()
