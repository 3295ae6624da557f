"""``netmap init``, ``netmap add`` and ``netmap rate``: start without a spreadsheet."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click
from click.core import ParameterSource
from click.shell_completion import CompletionItem

from ..model import RELATIONSHIPS
from ._app import cli
from ._options import DataOptions, data_options


class RelationshipType(click.ParamType):
    """A relationship from :data:`netmap.model.RELATIONSHIPS`; case, spaces and hyphens forgiven."""

    name = "relationship"

    def convert(self, value, param, ctx) -> str:
        from ..datafolder import parse_relationship

        try:
            return parse_relationship(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        return [CompletionItem(r) for r in RELATIONSHIPS if r.startswith(incomplete)]


RELATIONSHIP = click.option(
    "--relationship",
    type=RelationshipType(),
    help="How you know them: " + ", ".join(RELATIONSHIPS) + ".",
)


def _strength_option(required: bool):
    return click.option(
        "--strength",
        type=click.IntRange(1, 5),
        metavar="1-5",
        required=required,
        help="How well you know them: 1 (barely) to 5 (close)."
        + ("" if required else " Leave it out for someone you do not know directly."),
    )


def _saved(book, created: bool) -> None:
    for path in book.save():
        click.echo(f"Created {path.name}" if created else f"Saved {path.name} (previous as .bak)")


@cli.command()
@click.argument("folder", metavar="[DIR]", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="NETMAP_DATA",
    help="The folder, as in the other commands (the same as DIR) [default: $NETMAP_DATA or .].",
)
@click.option("--name", default="", help="Your name, written into netmap.toml's [me] section.")
def init(folder: Path | None, data: Path | None, name: str) -> None:
    """Start a data folder: empty CSV files and a netmap.toml.

    Creates DIR if needed (default: $NETMAP_DATA, else the current folder).
    contacts.csv and introductions.csv get their header rows only; netmap.toml
    gets a [me] section about you and a commented example of a scoring weight.
    A file that is already there is kept as it is. Exits 0 when the folder is
    ready to use, 1 when a kept file has errors.

    \b
    Example:
      netmap init my-network --name "Maya Silva"
    """
    from ..datafolder import CONFIG_FILE, init_folder

    ctx = click.get_current_context()
    explicit = ctx.get_parameter_source("data") == ParameterSource.COMMANDLINE
    if folder is not None and data is not None and explicit and folder != data:
        raise click.UsageError(f"two folders given ({folder} and --data {data}) - give one")
    result = init_folder(folder or data, name=name)
    if result.made_folder:
        click.echo(f"Created folder {result.folder}")
    notes = {
        "contacts.csv": " (header only)",
        "introductions.csv": " (header only)",
        CONFIG_FILE: " (about you under [me]; weight overrides commented out)",
    }
    for path in result.created:
        click.echo(f"Created {path}{notes[path.name]}")
    for path in result.kept:
        click.echo(f"Kept {path} (already there, left as it was)")
    config = result.folder / CONFIG_FILE
    if name.strip() and config in result.kept:
        click.echo(f"--name not written: {config} was already there - edit its [me] section")
    result.validate()
    default = Path(os.environ.get("NETMAP_DATA") or ".")
    where = "" if result.folder.resolve() == default.resolve() else f" --data {shlex.quote(str(result.folder))}"
    click.echo(
        f'Next: netmap import Connections.csv{where}   (or: netmap add "Ana Lima" --company Acme --strength 4{where})'
    )


@cli.command()
@click.argument("name")
@click.option("--company", default="", help="Where they work now.")
@click.option("--office", default="", help="The city or site they work at.")
@click.option("--title", default="", help="Their job title.")
@click.option("--email", default="", help="Their e-mail address.")
@click.option("--linkedin-url", default="", help="Their LinkedIn profile URL.")
@RELATIONSHIP
@_strength_option(required=False)
@click.option("--tags", default="", help="Free labels, separated by ; or , (e.g. 'mentor; python').")
@click.option("--id", "pid", default="", help="Their id [default: derived, as for a blank id cell].")
@data_options
def add(
    name: str,
    company: str,
    office: str,
    title: str,
    email: str,
    linkedin_url: str,
    relationship: str | None,
    strength: int | None,
    tags: str,
    pid: str,
    opts: DataOptions,
) -> None:
    """Add one person, NAME, to contacts.csv.

    The file is started, with every column, if the folder has none. Without
    --id the person gets the id netmap derives for a blank id cell (their
    LinkedIn slug, else e-mail, else name, with -2, -3... when taken), written
    into the id column. Someone already there (same id, LinkedIn profile,
    e-mail, or name and company) is refused with exit 1, naming their row;
    another person of the same name and company needs a new --id. Every other
    row stays byte for byte as it was; exit 4 when contacts.csv changed on disk
    meanwhile.

    \b
    Example:
      netmap add "Inês Carvalho" --company Acme --office Lisbon --strength 4 --relationship friend
    """
    from ..datafolder import PeopleBook

    book = PeopleBook(opts.data, contacts=opts.contacts, introductions=opts.intros, encoding=opts.encoding,
                      create=True)  # fmt: skip
    created = book.created
    person = book.add(
        name,
        company=company,
        office=office,
        title=title,
        email=email,
        linkedin_url=linkedin_url,
        relationship=relationship or "",
        strength=strength,
        tags=tags,
        id=pid,
    )
    at = f" ({person.company})" if person.company else ""
    click.echo(f"Added {person.name}{at} to {book.path.name} as '{person.id}'")
    if not person.is_direct:
        click.echo(
            f"Without --strength or --relationship, {person.name} counts as someone you do not know "
            f"directly; if you do: netmap rate {shlex.quote(person.id)} --strength N"
        )
    _saved(book, created)


@cli.command()
@click.argument("person")
@_strength_option(required=True)
@RELATIONSHIP
@data_options
def rate(person: str, strength: int, relationship: str | None, opts: DataOptions) -> None:
    """Say how well you know PERSON (an id or a name): --strength 1-5.

    Writes the strength column (and relationship, when given) of their row in
    contacts.csv: your word wins over netmap's estimate from an export
    (strength_estimate, left as it is). Every other row stays byte for byte as
    it was. Exit 3 when no one, or more than one person, has that name; exit 4
    when contacts.csv changed on disk meanwhile.

    \b
    Example:
      netmap rate "Inês Carvalho" --strength 4 --relationship former_colleague
    """
    from ..datafolder import PeopleBook

    book = PeopleBook(opts.data, contacts=opts.contacts, introductions=opts.intros, encoding=opts.encoding)
    click.echo(book.rate(person, strength, relationship=relationship).describe())
    _saved(book, created=False)
