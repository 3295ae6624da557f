"""``netmap map``: an interactive, offline HTML map of the network."""

from __future__ import annotations

import click

from ._app import cli, plural
from ._options import DataOptions, data_options


@cli.command("map")
@data_options
@click.option(
    "--company", help="Highlight the ranked warm paths to this company (as 'netmap paths')."
)
@click.option("--office", help="Target office within --company.")
@click.option("--role", help="Role keywords for the target fit (as 'netmap paths').")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="With --company: list and highlight this many ranked paths; "
    "with --referrals: list this many longest chains.",
)
@click.option(
    "--max-hops",
    type=click.IntRange(1, 6),
    default=3,
    show_default=True,
    help="With --company: longest path considered, in ties.",
)
@click.option(
    "--around", metavar="PERSON", help="Map one person's neighbourhood (id or unambiguous name)."
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
@click.option(
    "--details", is_flag=True, help="Put e-mail, LinkedIn and notes in the tooltips (private map)."
)
@click.option(
    "--redact", is_flag=True, help="Initials only, no ids, tags or notes: a map to share."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the layout.")
@click.option("--title", help="Page title [default: what the map shows].")
@click.option(
    "-o",
    "--output",
    default="network.html",
    show_default=True,
    type=click.Path(allow_dash=True, dir_okay=False),
    help="Write to this file ('-' for stdout).",
)
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

    The whole network by default; with --company the ranked warm paths to it are
    highlighted (the first at load, the others in a side panel with their scores);
    with --around one person's neighbourhood; with --referrals the referral tree
    (below). In the page: search a person, filter
    by company, office or tag, click a person to light up their ties, and switch
    the physics on or off.

    The page works offline and loads nothing from the internet. Contact text is
    shown as text, never run. E-mail, LinkedIn and notes are left out unless
    --details; --redact keeps initials only. People are coloured by company and
    sized by how many other companies their ties reach. Inferred ties (same
    company, office or school) are dashed, and drawn only for groups of at most 8
    people on the map; bigger groups show as a cluster of one colour.

    --referrals draws who gave you whose name as a tree, from you to the
    contacts who started a chain, then the people they referred, and so on
    (the chains of 'netmap report'). Arrows run from referrer to contact,
    coloured and labelled by the introduction's status: met or thanked, pending
    (dashed), declined or no response. People are sized by how many names their
    referrals led to. The side panel lists the --top longest chains.

    \b
    Example:
      netmap map --data sample_data -o network.html
      netmap map --data sample_data --company "Halcyon Maps" --office Lisbon --top 5
      netmap map --data sample_data --around "Beatriz Santos" --depth 1 --redact -o share.html
      netmap map --data sample_data --referrals -o referrals.html
    """
    from ..maps import MapOptions, map_data, referral_map, write_map

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
    options = MapOptions(details=details, redact=redact, seed=seed, title=title)
    where = "stdout" if output == "-" else output
    if referrals:
        tree = referral_map(opts.load(), top=top, options=options)
        write_map(tree, output)
        given = sum(1 for n in tree.nodes if n.get("level", 0) > 1)
        longest = max((int(p.score) for p in tree.paths), default=0)
        summary = f"{plural(tree.people, 'person', 'people')}, {plural(given, 'referral')}"
        click.echo(f"Wrote {where}: {summary}, longest chain {longest}", err=True)
        return
    G = opts.graph()
    extra = {"max_hops": max_hops} if company else {}
    data = map_data(
        G,
        company=company,
        office=office,
        role=role,
        top=top,
        around=around,
        depth=depth,
        options=options,
        **extra,
    )
    write_map(data, output)
    ties = len(data.edges)
    summary = f"{plural(data.people, 'person', 'people')}, {plural(ties, 'tie')}"
    if company:
        warm = sum(1 for p in data.paths if not p.cold)
        summary += f", {plural(warm, 'warm path')} highlighted"
    click.echo(f"Wrote {where}: {summary}", err=True)
