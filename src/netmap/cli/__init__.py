"""The ``netmap`` command line: a thin Click layer over the library.

Commands live in small modules beside this one; each calls the library and lets
its :class:`~netmap.errors.NetmapError` propagate. :class:`NetmapGroup` alone turns
those into one-line messages and the documented exit codes.
"""

from __future__ import annotations

from . import (
    data_cmds,  # noqa: F401  (registers commands)
    import_cmds,  # noqa: F401
    map_cmds,  # noqa: F401
    outreach_cmds,  # noqa: F401
    pool_cmds,  # noqa: F401
    rank_cmds,  # noqa: F401
    setup_cmds,  # noqa: F401
)
from ._app import cli, main

__all__ = ["cli", "main"]
