"""Opening the files netmap reads: a regular file only, never waiting on a pipe or device.

:func:`open_regular` is the one way netmap opens an input file; every failure (not found,
a folder, a FIFO, permission denied) is a one-line :class:`~netmap.errors.DataError`.
"""

from __future__ import annotations

import io
import os
import stat

from .errors import DataError, Problem


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str]) -> io.BufferedReader:
    """Open ``path`` for reading in binary, refusing anything but a regular file.

    Never blocks: a FIFO is opened without waiting for a writer, then refused. Every
    failure is a :class:`~netmap.errors.DataError` with one problem naming the file
    and what to do (not found, a folder, a pipe or device, permission denied, ...).
    A symlink to a regular file is followed.

    >>> import tempfile
    >>> open_regular(tempfile.gettempdir())
    Traceback (most recent call last):
    netmap.errors.DataError: ...: is a folder, not a file - pass the file inside it
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise DataError([Problem(name, None, None, "file not found", "check the path or pass --data DIR")]) from None
    except PermissionError:
        hint = "make it readable (chmod u+r), or run netmap as its owner"
        raise DataError([Problem(name, None, None, "permission denied", hint)]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, None, None, "is a folder, not a file", "pass the file inside it")]) from None
    except OSError as exc:
        raise DataError([Problem(name, None, None, f"cannot be opened ({exc.strerror})", "check the path")]) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = _kind(mode)
        hint = "pass the file inside it" if kind == "a folder" else "point netmap at a plain file"
        raise DataError([Problem(name, None, None, f"is {kind}, not a file", hint)])
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    return open(fd, "rb")


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file ``path``; errors as :func:`open_regular`'s (DataError)."""
    with open_regular(path) as stream:
        try:
            return stream.read()
        except OSError as exc:
            message = f"cannot be read ({exc.strerror})"
            raise DataError([Problem(str(path), None, None, message, "check the file")]) from None
