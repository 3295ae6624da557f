"""The ``netmap`` command line: a thin Click layer over the library.

Commands live in small modules beside this one; each calls the library and lets
its :class:`~netmap.errors.NetmapError` propagate. :class:`NetmapGroup` alone turns
those into one-line messages and the documented exit codes.
"""

from __future__ import annotations

from ._app import cli, main
from . import data_cmds  # noqa: F401  (registers commands)
from . import rank_cmds  # noqa: F401
from . import outreach_cmds  # noqa: F401
from . import map_cmds  # noqa: F401
from . import import_cmds  # noqa: F401

__all__ = ["cli", "main"]
