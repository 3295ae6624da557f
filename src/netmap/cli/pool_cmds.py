"""``netmap pool`` and ``netmap batch``: pooled networks for a job club or career centre."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ._app import cli
from ._options import DateType


@cli.command()
@click.argument("members", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the pooled network to (made if missing).",
)
@click.option(
    "--member-warmth",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help="Warmth of the tie between two members of the pool.",
)
def pool(members, out, member_warmth) -> None:
    """Pool several members' data folders into one network (a job club, a career centre).

    A folder joins only when its netmap.toml has [pool] share = true; only what each
    member shares is written (docs/pool.md).

    \b
    Example:
      netmap pool ana/ bruno/ carla/ -o club/
      netmap paths --data club/ --as Ana --company "Halcyon Maps"
    """
    from ..pool import build_pool

    summary = build_pool(members, out, member_warmth=member_warmth,
                         progress=lambda text: click.echo(text, err=True))  # fmt: skip
    shared = f"; also shared: {', '.join(summary.shared_columns)}" if summary.shared_columns else ""
    click.echo(f"Pooled {len(summary.members)} members ({', '.join(summary.members)}) into {summary.folder}: "
               f"{summary.people} people, {summary.ties} ties, {summary.introductions} introductions{shared}",
               err=True)  # fmt: skip


@cli.command()
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path),
    envvar="NETMAP_DATA",
    required=True,
    help="The pooled folder (made by netmap pool).",
)
@click.option(
    "--members",
    "members_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with a 'member' column of member ids or names.",
)
@click.option(
    "--targets",
    "targets_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV of targets (company, office, role columns), as for paths --targets.",
)
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="People per member and target.")
@click.option(
    "--max-hops",
    type=click.IntRange(1, 6),
    default=3,
    show_default=True,
    help="Longest path considered, in ties between people.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: this process; spark: Apache Spark (pip install 'netmap[spark]').",
)
@click.option(
    "--master",
    default="local[2]",
    show_default=True,
    help="Spark master (with --engine spark); spark-submit sets its own.",
)
@click.option("--today", type=DateType(), help="Treat this date as today (for reproducible output).")
@click.option("--raw", is_flag=True, help="CSV: do not neutralise cells starting with = + - @ (for machines).")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Result file: .parquet for Parquet, anything else CSV.",
)
def batch(data, members_file, targets_file, top, max_hops, engine, master, today, raw, out) -> None:
    """Rank the best people for every member and every target of a pool.

    Each member's rows are what 'netmap paths --as MEMBER --targets FILE --top K'
    gives, with member and member_name columns; ordered by member, target, rank.

    \b
    Example:
      netmap batch --data club/ --members members.csv --targets employers.csv -o paths.csv
      netmap batch --data club/ --members m.csv --targets t.csv --engine spark -o paths.parquet
    """
    from ..pool import load_pool
    from ..pool.batch import BatchJob, rank_batch_local, read_batch_targets, read_members, write_batch

    started = time.monotonic()
    pool_ = load_pool(data)
    members = read_members(pool_, members_file)
    targets, skipped = read_batch_targets(pool_, targets_file, today=today)
    for line in skipped:
        click.echo(f"Warning: {line}", err=True)
    if not targets:
        raise click.UsageError(f"none of the targets in {targets_file} is in the pool")
    job = BatchJob(tuple(members), tuple(targets), top=top, max_hops=max_hops, today=today)
    if engine == "spark":
        from ..pool.spark import rank_batch_spark

        rows = rank_batch_spark(pool_, job, master=master, progress=lambda t: click.echo(t, err=True))
    else:

        def progress(done: int, total: int) -> None:
            if done == total or done % max(1, total // 20) == 0:
                click.echo(f"{done}/{total} members ({time.monotonic() - started:.0f} s)", err=True)

        rows = list(rank_batch_local(pool_, job, progress=progress))
    write_batch(rows, out, safe=not raw)
    click.echo(f"Wrote {len(rows)} rows for {len(members)} members x {len(targets)} targets to {out}", err=True)
