from __future__ import annotations

import errno
import sys
import traceback

import click

from ..errors import DataError, NetmapError
from ..output import TerminalStream, terminal_safe

EPILOG = """\b
Exit codes: 0 ok, 1 invalid data, 2 wrong usage, 3 company/office/person
not found, 4 nothing written (a file changed on disk since it was read, or
another netmap command kept the folder busy), 70 a bug (re-run with --debug
and report it). A file netmap cannot read or write counts as invalid data (1).

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


#: exit code of an unexpected failure (BSD's EX_SOFTWARE): a bug, never bad input
EXIT_BUG = 70


def report_error(exc: NetmapError) -> None:
    """Print a library error as one line per problem on stderr (control characters escaped)."""
    if isinstance(exc, DataError):
        for problem in exc.problems:
            click.echo(f"Error: {terminal_safe(str(problem))}", err=True)
        n = len(exc.problems)
        click.echo(f"{plural(n, 'error')} in the data - fix {'it' if n == 1 else 'them'} "
                   "and run 'netmap check' to confirm", err=True)  # fmt: skip
    else:
        for line in str(exc).splitlines() or [""]:
            click.echo(f"Error: {terminal_safe(line)}" if line else "Error", err=True)


def os_error_message(exc: OSError) -> str:
    """One line for an operating-system error: the file, what happened, what to do.

    >>> os_error_message(PermissionError(13, "Permission denied", "data/contacts.csv"))
    "cannot use data/contacts.csv: permission denied - check the file's and its folder's permissions"
    """
    name = exc.filename if exc.filename is not None else "a file"
    what = (exc.strerror or exc.__class__.__name__).rstrip(".")
    what = what[:1].lower() + what[1:]
    hints = {
        PermissionError: "check the file's and its folder's permissions",
        IsADirectoryError: "it is a folder: name a file",
        NotADirectoryError: "a part of the path is a file, not a folder: check the path",
        FileNotFoundError: "check the path",
    }
    hint = next((h for kind, h in hints.items() if isinstance(exc, kind)), "check the file and the disk")
    if exc.errno == errno.ENOSPC:
        hint = "free some disk space and run the command again"
    return f"cannot use {name}: {what} - {hint}"


class NetmapGroup(click.Group):
    """A Click group that turns library errors into messages and exit codes."""

    def invoke(self, ctx: click.Context):
        streams = sys.stdout, sys.stderr
        sys.stderr = TerminalStream(sys.stderr)  # type: ignore[assignment]  # messages only: always escaped
        if _isatty(sys.stdout):  # to a terminal; in a pipe or a file, CSV and JSON stay data
            sys.stdout = TerminalStream(sys.stdout)  # type: ignore[assignment]
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
            streams[1].close() if isinstance(exc, BrokenPipeError) else None
            ctx.exit(130 if isinstance(exc, KeyboardInterrupt) else 1)
        except OSError as exc:  # permission denied, a folder for a file, a full disk...
            if ctx.meta.get("netmap.debug"):
                traceback.print_exc()
            click.echo(f"Error: {terminal_safe(os_error_message(exc))}", err=True)
            ctx.exit(1)
        except RecursionError:
            if ctx.meta.get("netmap.debug"):
                traceback.print_exc()
            click.echo("Error: an input is nested too deeply to read - simplify it", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: one line, a distinct exit code, the traceback on request
            if ctx.meta.get("netmap.debug"):
                traceback.print_exc()
            what = terminal_safe(f"{type(exc).__name__}: {exc}")[:300]
            click.echo(f"Error: netmap failed unexpectedly ({what}) - this is a bug: "
                       "re-run with --debug and report the traceback", err=True)  # fmt: skip
            ctx.exit(EXIT_BUG)
        finally:
            sys.stdout, sys.stderr = streams


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


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
