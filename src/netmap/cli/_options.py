"""Option groups shared by commands, as decorators, so each flag means the same everywhere."""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..loading import parse_date


class _HidePandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}")


@contextlib.contextmanager
def _without_pandas():
    """pyarrow imports pandas (0.4-0.6 s) the first time it converts Python values; a
    one-shot CLI process that needs no pandas tells it there is none. (Only the CLI
    does this: in a notebook pyarrow would remember the answer.)"""
    if "pandas" in sys.modules:
        yield
        return
    finder = _HidePandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(f"{exc} - write dates as YYYY-MM-DD", param, ctx)


@dataclass(slots=True)
class DataOptions:
    """Where the data is and how to read it, as given on the command line."""

    data: Path | None
    contacts: Path | None
    intros: Path | None
    encoding: str | None
    config: Path | None
    today: date | None
    member: str | None = None
    _network: Any = None

    def network(self):
        """The :class:`~netmap.network.Network` these options name (opened once per command)."""
        if self._network is None:
            from ..network import open_network

            self._network = open_network(self.data, contacts=self.contacts, introductions=self.intros,
                                         config=self.config, today=self.today, encoding=self.encoding,
                                         member=self.member)  # fmt: skip
            self._network.reading = _without_pandas
        return self._network

    def load(self):
        """The validated dataset."""
        return self.network().dataset()

    def weights(self):
        return self.network().weights

    def graph(self, inferred: bool = True):
        """The scored graph (from the columns when the files allow)."""
        return self.network().graph(inferred=inferred)


def _tidy(data: Path | None, contacts: Path | None, intros: Path | None) -> None:
    """Finish a change a killed netmap left half done, and remove its temporary files."""
    from ..folder import DataFolder
    from ..store import tidy

    tidy(DataFolder.locate(data, contacts, intros).folder)


def output_option(default: str = "-") -> Callable:
    """``-o/--output FILE`` (``-``: stdout), with its default shown in the help."""
    return click.option("-o", "--output", default=default, show_default=True,
                        type=click.Path(allow_dash=True, dir_okay=False),
                        help="Write to this file ('-' for stdout).")  # fmt: skip


def data_options(command: Callable) -> Callable:
    """``--data``, ``--contacts``, ``--intros``, ``--encoding``, ``--config``, ``--today``."""

    @click.option(
        "--data",
        "data",
        type=click.Path(path_type=Path),
        envvar="NETMAP_DATA",
        help="Data folder with contacts.csv and introductions.csv [default: $NETMAP_DATA or .].",
    )
    @click.option("--contacts", type=click.Path(path_type=Path), help="contacts.csv to use instead of DATA's.")
    @click.option("--intros", type=click.Path(path_type=Path), help="introductions.csv to use instead of DATA's.")
    @click.option("--encoding", help="Text encoding of the CSV files when not UTF-8 (e.g. cp1252).")
    @click.option(
        "--config",
        type=click.Path(path_type=Path),
        help="Scoring weights (TOML) [default: DATA/netmap.toml when present].",
    )
    @click.option("--today", type=DateType(), help="Treat this date as today (for reproducible output).")
    @functools.wraps(command)
    def wrapper(*args, data, contacts, intros, encoding, config, today, **kwargs):
        opts = DataOptions(data, contacts, intros, encoding, config, today)
        _tidy(data, contacts, intros)
        return command(*args, opts=opts, **kwargs)

    return wrapper  # fmt: skip


def as_member_option(command: Callable) -> Callable:
    """``--as MEMBER``: ask a pooled folder (netmap pool) as one of its members; a pool asked
    without it is a usage error naming the members. Goes under ``@data_options``."""

    @click.option(
        "--as",
        "as_member",
        metavar="MEMBER",
        help="In a pooled folder (netmap pool): answer as this member (an id or a name).",
    )
    @functools.wraps(command)
    def wrapper(*args, opts: DataOptions, as_member, **kwargs):
        opts.member = as_member
        if as_member is None:
            members = opts.network().pool_members()
            if members is not None:
                folder = opts.network().where.folder
                raise click.UsageError(f"{folder} is a pool of {len(members)} members - ask as one of them with "
                                       f"--as NAME ({', '.join(members)})")  # fmt: skip
        return command(*args, opts=opts, **kwargs)

    return wrapper  # fmt: skip


def output_options(formats: tuple[str, ...] = ("table", "csv", "json"), top: int | None = None,
                   table_top: int | None = None) -> Callable:  # fmt: skip
    """``--format``, ``-o/--output``, ``--bom``, ``--raw`` and (optionally) ``--top N``.

    ``table_top``: ``--top`` has no default; a table stops at this many (and says how
    many it left out), CSV and JSON hold every row.
    """

    def decorate(command: Callable) -> Callable:
        command = click.option(
            "--raw", is_flag=True, help="CSV: do not neutralise cells starting with = + - @ (for machines)."
        )(command)
        command = click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM (for Excel on Windows).")(
            command
        )
        command = output_option()(command)
        command = click.option(
            "--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True, help="Output format."
        )(command)
        if top is not None:
            command = click.option(
                "--top",
                type=click.IntRange(min=1),
                default=top,
                show_default=True,
                help="Show at most this many people (rows, for most commands).",
            )(command)
        elif table_top is not None:
            command = click.option("--top", type=click.IntRange(min=1), default=None,
                                   help=f"Show at most this many people [default: {table_top} in a table, "
                                        "every one in CSV and JSON].")(command)  # fmt: skip
        return command

    return decorate  # fmt: skip
