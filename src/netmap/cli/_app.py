from __future__ import annotations

import sys
import traceback

import click

from ..errors import DataError, NetmapError

EPILOG = """\b
Exit codes: 0 ok, 1 invalid data, 2 wrong usage, 3 company/office/person
not found, 4 file changed on disk since it was read.

\b
Shell completion (bash; use zsh_source or fish_source for those shells):
  eval "$(_NETMAP_COMPLETE=bash_source netmap)"
"""


def plural(n: int, one: str, many: str | None = None) -> str:
    """Count and noun.

    >>> plural(1, "error"), plural(2, "person", "people")
    ('1 error', '2 people')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def report_error(exc: NetmapError) -> None:
    """Print a library error as one line per problem on stderr."""
    if isinstance(exc, DataError):
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        n = len(exc.problems)
        click.echo(f"{plural(n, 'error')} in the data - fix {'it' if n == 1 else 'them'} "
                   "and run 'netmap check' to confirm", err=True)  # fmt: skip
    else:
        click.echo(f"Error: {exc}", err=True)


class NetmapGroup(click.Group):
    """A Click group that turns library errors into messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NetmapError as exc:
            if ctx.meta.get("netmap.debug"):
                traceback.print_exc()
            report_error(exc)
            ctx.exit(exc.exit_code)
        except (BrokenPipeError, KeyboardInterrupt) as exc:
            if isinstance(exc, KeyboardInterrupt):
                click.echo("Interrupted", err=True)
            sys.stderr.close() if isinstance(exc, BrokenPipeError) else None
            ctx.exit(130 if isinstance(exc, KeyboardInterrupt) else 1)


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["netmap.debug"] = value
    return value


@click.group(cls=NetmapGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netmap", prog_name="netmap")
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
              help="Show a traceback when something fails.")  # fmt: skip
def cli() -> None:
    """Find a warm way into a company: rank introduction paths through your network.

    Your contacts live in a data folder (contacts.csv, introductions.csv and an
    optional companies.csv of aliases). Point netmap at it with --data DIR or
    $NETMAP_DATA; by default it uses the current folder.

    \b
    Example:
      netmap check --data sample_data
    """


def main() -> None:
    """Entry point of the ``netmap`` console script."""
    cli(prog_name="netmap")
