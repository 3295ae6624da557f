"""One writer at a time per data folder: an advisory lock on the folder itself.

The lock is :func:`fcntl.flock` on the folder's own descriptor, so no lock file is
left behind and the kernel releases it when the process dies (``kill -9`` included).
A second writer waits for it up to ``timeout`` seconds, then gets
:class:`LockTimeout` (exit 4) having written nothing. The lock is re-entrant within
one process, so a transaction may call code that takes it again.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with FolderLock(folder, timeout=1):
...     with FolderLock(folder, timeout=0):  # the same process: re-entered, not waited for
...         held(folder)
True
>>> held(folder)
False
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..errors import ConflictError, NetmapError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, a single writer is assumed
    fcntl = None  # type: ignore[assignment]

#: seconds a writer waits for another one before giving up (netmap.toml [store] lock_timeout)
DEFAULT_TIMEOUT = 10.0

_held: dict[str, list[int]] = {}  # folder (real path) -> [descriptor, depth]


class LockTimeout(ConflictError):
    """Another netmap command kept the data folder locked longer than the timeout (exit 4)."""


def _key(folder: str | os.PathLike[str]) -> str:
    return os.path.realpath(folder)


def held(folder: str | os.PathLike[str]) -> bool:
    """True when this process holds the lock of ``folder``."""
    return _key(folder) in _held


class FolderLock:
    """The write lock of a data folder, as a context manager (see the module docstring).

    ``timeout`` 0 tries once. ``FolderLock(folder, blocking=False)`` never raises
    LockTimeout: ``acquired`` tells whether it got the lock (used to tidy a folder
    only when no writer is at work).
    """

    def __init__(self, folder: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT,
                 blocking: bool = True):  # fmt: skip
        self.folder = Path(folder)
        self.timeout = timeout
        self.blocking = blocking
        self.acquired = False

    def __enter__(self) -> FolderLock:
        key = _key(self.folder)
        if key in _held:
            _held[key][1] += 1
            self.acquired = True
            return self
        if fcntl is None:  # pragma: no cover
            _held[key] = [-1, 1]
            self.acquired = True
            return self
        try:
            fd = os.open(key, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except FileNotFoundError:
            if not self.blocking:
                return self
            raise NetmapError(f"no folder {self.folder} - create it with 'netmap init {self.folder}'") from None
        except OSError as exc:
            if not self.blocking:
                return self
            raise NetmapError(f"cannot open the folder {self.folder}: {exc.strerror} - check its permissions") from None
        deadline = time.monotonic() + max(self.timeout, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not self.blocking or time.monotonic() >= deadline:
                    os.close(fd)
                    if not self.blocking:
                        return self
                    raise LockTimeout(
                        f"{self.folder} is being changed by another netmap command (waited "
                        f"{self.timeout:g} s) - nothing was written; run the command again when it is done"
                    ) from None
                time.sleep(0.02)
            except OSError:  # a file system without flock: go on unlocked, as before locks
                break
        _held[key] = [fd, 1]
        self.acquired = True
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.acquired:
            return
        key = _key(self.folder)
        entry = _held[key]
        entry[1] -= 1
        if entry[1] == 0:
            del _held[key]
            if entry[0] >= 0:
                os.close(entry[0])  # closing the descriptor releases the flock
        self.acquired = False


__all__ = ["DEFAULT_TIMEOUT", "FolderLock", "LockTimeout", "held"]
