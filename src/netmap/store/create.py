"""Creating a file only where none exists: ``netmap init`` never replaces a user's file."""

from __future__ import annotations

import os
from pathlib import Path

from .journal import default_mode, fsync_dir, write_temp

__all__ = ["create_new"]


def create_new(path: str | os.PathLike[str], data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless ``path`` exists; True when it was written.

    A file that exists, or appears meanwhile, is never replaced: the new file is linked
    into place, which fails when the name is taken. (On a file system without hard links
    it is created exclusively instead, which a crash mid-write may leave half written.)
    """
    path = Path(path)
    if path.exists() or path.is_symlink():
        return False
    tmp = write_temp(path, data, default_mode())
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system: exclusive creation instead
            try:
                with open(path, "xb") as stream:
                    stream.write(data)
            except FileExistsError:
                return False
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return True
