"""``netmap map``: an interactive, offline HTML map of the network."""

from __future__ import annotations

import click

from ._app import cli, plural
from ._options import DataOptions, as_member_option, data_options, output_option


@cli.command("map")
@data_options
@as_member_option
@click.option("--company", help="Highlight the ranked warm paths to this company (as 'netmap paths').")
@click.option("--office", help="Target office within --company.")
@click.option("--role", help="Role keywords for the target fit (as 'netmap paths').")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="With --company: list and highlight this many ranked paths; with --referrals: list this many longest chains.",
)
@click.option(
    "--max-hops",
    type=click.IntRange(1, 6),
    default=3,
    show_default=True,
    help="With --company: longest path considered, in ties.",
)
@click.option(
    "--around",
    metavar="PERSON",
    help="Map one person's neighbourhood (id, name in any case and with or without accents, "
    "or a first name only they have).",
)
@click.option(
    "--depth",
    type=click.IntRange(1, 4),
    default=2,
    show_default=True,
    help="With --around: how many ties away from PERSON to draw.",
)
@click.option(
    "--referrals",
    is_flag=True,
    help="Draw the referral tree: who gave you whose name, from you down the chains.",
)
@click.option("--details", is_flag=True, help="Put e-mail, LinkedIn and notes in the tooltips (private map).")
@click.option(
    "--redact",
    is_flag=True,
    help="A map to share: initials, titles as four levels, company and office; "
    "no ids, tags, notes, dates, schools or evidence (docs/maps.md).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the layout.")
@click.option("--title", help="Page title [default: what the map shows].")
@output_option("network.html")
def map_(
    opts: DataOptions,
    company,
    office,
    role,
    top,
    max_hops,
    around,
    depth,
    referrals,
    details,
    redact,
    seed,
    title,
    output,
) -> None:
    """Draw the network as one self-contained HTML page you open in a browser.

    The whole network by default, grouped by company, your own ties labelled
    first (zoom in for the rest). With --company, a picture of the answer: you on
    the left, the people to ask in the middle, the people at the target (office)
    on the right, each hop of the selected path labelled with its warmth; the
    side panel lists the --top ranked paths, the rest of the network is one
    button away. With --around, one person's neighbourhood in rings (ties away
    from them). With --referrals, the referral tree (below). Click a person for
    the explanation of the best paths to them and the next step to take.

    One palette per data folder: its largest companies keep their colour in
    every map, the rest are grey. Solid lines are ties you recorded, dashed
    ones inferred (same company, office or school; drawn only for groups of at
    most 8 people on the map), dotted ones introductions still pending. The
    legend sits beside the map and folds away.

    The page works offline and loads nothing from the internet. Contact text is
    shown as text, never run. E-mail, LinkedIn and notes are left out unless
    --details; --redact keeps initials, a title level, company and office.

    --referrals draws who gave you whose name as a tree, from you to the
    contacts who started a chain, then the people they referred, and so on
    (the chains of 'netmap report'). Arrows run from referrer to contact,
    coloured and labelled by the introduction's status: met or thanked, pending
    (dotted), declined or no response. People are sized by how many names their
    referrals led to. The side panel lists the --top longest chains.

    \b
    Example:
      netmap map --data sample_data -o network.html
      netmap map --data sample_data --company "Halcyon Maps" --office Lisbon --top 5
      netmap map --data sample_data --around "beatriz santos" --depth 1 --redact -o share.html
      netmap map --data sample_data --referrals -o referrals.html
    """
    from ..maps import MapOptions, referral_map, write_map

    if office and not company:
        raise click.UsageError("--office needs --company")
    if role and not company:
        raise click.UsageError("--role needs --company")
    if company and around:
        raise click.UsageError("use either --company or --around, not both")
    if referrals and company:
        raise click.UsageError("use either --company or --referrals, not both")
    if referrals and around:
        raise click.UsageError("use either --around or --referrals, not both")
    if details and redact:
        raise click.UsageError("--details and --redact cannot be combined")
    source = click.get_current_context().get_parameter_source("depth")
    if not around and source is not None and source.name == "COMMANDLINE":
        raise click.UsageError("--depth needs --around")
    where = "stdout" if output == "-" else output
    if referrals:
        tree = referral_map(
            opts.network().own_records(),
            top=top,
            options=MapOptions(details=details, redact=redact, seed=seed, title=title),
        )
        write_map(tree, output)
        given = sum(1 for n in tree.nodes if n.get("level", 0) > 1)
        longest = max((int(p.score) for p in tree.paths), default=0)
        summary = f"{plural(tree.people, 'person', 'people')}, {plural(given, 'referral')}"
        click.echo(f"Wrote {where}: {summary}, longest chain {longest}", err=True)
        return
    data = opts.network().map(company=company, office=office, role=role, top=top, around=around, depth=depth,
                              redact=redact, details=details, max_hops=max_hops, seed=seed, title=title)  # fmt: skip
    write_map(data, output)
    ties = len(data.edges)
    summary = f"{plural(data.people, 'person', 'people')}, {plural(ties, 'tie')}"
    if company:
        warm = sum(1 for p in data.paths if not p.cold)
        summary += f", {plural(warm, 'warm path')} highlighted"
    click.echo(f"Wrote {where}: {summary}", err=True)
