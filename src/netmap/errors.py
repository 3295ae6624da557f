"""The one exception hierarchy netmap raises.

The library raises these; only :mod:`netmap.cli` turns them into exit codes and
one-line messages. Every error says what is wrong and what to do about it.

Exit codes (documented in the README):

====  ==========================================================
0     success (``netmap check`` may still print warnings)
1     the data is invalid (:class:`DataError`, :class:`ConfigError`)
2     wrong invocation: unknown option, bad value (Click's usage errors)
3     a named company, office or person was not found (:class:`NotFoundError`)
4     nothing written: a file changed on disk since netmap read it, the folder
      stayed locked by another command, or an interrupted change cannot be
      finished (:class:`ConflictError` and its children in :mod:`netmap.store`)
70    an unexpected failure: a bug (``--debug`` shows the traceback)
====  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file.

    ``str(problem)`` is the one-line form ``FILE:LINE: column: what is wrong - what to do``,
    control characters (newlines too) shown as escapes.

    >>> str(Problem("contacts.csv", 7, "strength", "'9' is outside 1-5", "use a whole number from 1 to 5"))
    "contacts.csv:7: strength: '9' is outside 1-5 - use a whole number from 1 to 5"
    """

    file: str
    line: int | None
    column: str | None
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        if self.severity == "warning":
            text = f"{where}: warning: " + text[len(where) + 2 :]
        from .output import terminal_safe  # one line, whatever the values quoted in it hold

        return terminal_safe(f"{text} - {self.hint}" if self.hint else text)


class NetmapError(Exception):
    """Base class of every error netmap raises on purpose."""

    exit_code = 1


class DataError(NetmapError):
    """Input data is invalid. ``problems`` lists every problem found, one line each."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity == "warning"]
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(NetmapError):
    """A configuration file (``netmap.toml``) or option value is invalid."""

    exit_code = 1


class NotFoundError(NetmapError):
    """A named company, office or person does not exist; the message lists close names."""

    exit_code = 3


class ConflictError(NetmapError):
    """A file changed on disk since it was read; netmap refuses to overwrite it."""

    exit_code = 4
