"""Committing several files of a data folder together: all of them, or none.

A commit first writes every new file in full next to its target (``.NAME.xxxxxxxx.tmp``,
flushed to disk) and makes the backups, then writes the journal
``.netmap-journal.json`` (atomically: that is the commit point), renames each
temporary file over its target, and removes the journal. A process killed before the
journal exists changed nothing; one killed after it left a journal that names, for
each file, the bytes it had (``old``) and the bytes it gets (``new``, in ``tmp``).

:func:`recover` (run under the folder's lock by the next command) completes such a
change when every file is as the journal left it (old with its temporary file
whole, or already new), and otherwise stops with
:class:`InterruptedChange` (exit 4) saying what to do; then it removes temporary
files a killed process left.

Backups: before a file is replaced, the version it replaces becomes ``NAME.bak``;
the one before that ``NAME.bak.2``, and so on up to ``NAME.bak.N`` (N = ``backups``,
5 by default, ``[store] backups`` in netmap.toml; 0 keeps none).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConflictError, NetmapError

JOURNAL = ".netmap-journal.json"
#: backups kept of each file by default
DEFAULT_BACKUPS = 5

# temporary files this module (and netmap before it) writes: ".NAME.<8 random>.tmp"
_TEMP = re.compile(r"^\..+\.(csv|toml|json|bak|bak\.\d+)\.[a-z0-9_]{8}\.tmp$")


class InterruptedChange(ConflictError):
    """A change was interrupted and the files are no longer as it left them (exit 4)."""


@dataclass(slots=True)
class Change:
    """One file of a commit: write ``data`` to ``path``, which must still hold ``expected``.

    ``expected`` is the SHA-256 of the bytes the caller read (None: the file must not
    exist). ``path`` may be a symlink: the file it points to is written.
    """

    path: Path
    data: bytes
    expected: str | None
    mode: int | None = None


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def default_mode() -> int:
    """The mode a new file gets from the user's umask (mkstemp alone makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """``data`` in a new, synced temporary file beside ``target`` with ``mode``; its path."""
    from . import _write_all  # looked up at call time: the kill tests replace it

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with open(fd, "wb") as stream:
            _write_all(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, default_mode() if mode is None else mode)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def backup_names(path: Path, count: int) -> list[Path]:
    """The backups of ``path``, newest first: ``NAME.bak``, ``NAME.bak.2`` ... ``NAME.bak.count``.

    >>> [p.name for p in backup_names(Path("d/contacts.csv"), 3)]
    ['contacts.csv.bak', 'contacts.csv.bak.2', 'contacts.csv.bak.3']
    """
    return [path.with_name(path.name + (".bak" if k == 1 else f".bak.{k}")) for k in range(1, count + 1)]


def _rotate(path: Path, old: bytes, mode: int | None, count: int) -> None:
    """Shift the backups of ``path`` one place and keep ``old`` as ``NAME.bak``."""
    if count <= 0:
        return
    names = backup_names(path, count)
    for newer, older in zip(reversed(names[:-1]), reversed(names[1:]), strict=True):
        if newer.exists():
            os.replace(newer, older)
    tmp = write_temp(names[0], old, mode)
    os.replace(tmp, names[0])


def commit(folder: Path, changes: list[Change], *, backups: int = DEFAULT_BACKUPS) -> None:
    """Write every change or none (call it holding the folder's lock).

    Raises :class:`~netmap.errors.ConflictError` and writes nothing when a file no
    longer holds the bytes its change expects.
    """
    plans: list[tuple[Change, Path, bytes | None, int | None]] = []
    for change in changes:
        real = Path(os.path.realpath(change.path))
        if not real.parent.is_dir():  # a symlink into a folder that is not there
            raise NetmapError(f"cannot write {change.path}: it links to {real}, whose folder does not exist - "
                              "fix or remove the link")  # fmt: skip
        try:
            current: bytes | None = real.read_bytes()
        except FileNotFoundError:
            current = None
        if (None if current is None else sha256(current)) != change.expected:
            raise ConflictError(f"{change.path} changed on disk since netmap read it - re-run the command")
        mode = real.stat().st_mode & 0o7777 if current is not None else change.mode
        plans.append((change, real, current, mode))
    temps: list[Path] = []
    journal = folder / JOURNAL
    try:
        for change, real, _, mode in plans:
            temps.append(write_temp(real, change.data, mode))
        for change, _, current, mode in plans:
            if current is not None:
                _rotate(change.path, current, mode, backups)
        entries = [
            {"path": str(real), "tmp": str(tmp), "old": change.expected, "new": sha256(change.data)}
            for (change, real, _, _), tmp in zip(plans, temps, strict=True)
        ]
        tmp = write_temp(journal, json.dumps({"version": 1, "files": entries}, indent=1).encode(), 0o600)
        os.replace(tmp, journal)  # the commit point
        fsync_dir(folder)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    _apply(entries)
    journal.unlink()
    fsync_dir(folder)


def _apply(entries: list[dict]) -> None:
    folders = set()
    for entry in entries:
        tmp, path = Path(entry["tmp"]), Path(entry["path"])
        if tmp.exists():
            os.replace(tmp, path)
        folders.add(path.parent)
    for parent in folders:
        fsync_dir(parent)


def recover(folder: Path) -> list[Path]:
    """Complete an interrupted commit in ``folder`` and remove stale temporary files.

    Call it holding the folder's lock. Returns the files an interrupted change was
    completed for (empty when there was none). Raises :class:`InterruptedChange`
    when a file was changed by something else since the interruption.
    """
    journal = folder / JOURNAL
    done: list[Path] = []
    if journal.exists():
        what = f"check them against their .bak copies, then delete {journal} and run the command again"
        try:
            entries = json.loads(journal.read_bytes())["files"]
            todo = [(Path(e["path"]), Path(e["tmp"]), e["old"], e["new"]) for e in entries]
        except (OSError, ValueError, KeyError, TypeError):
            raise InterruptedChange(f"{journal} is damaged - an earlier netmap command was interrupted "
                                    f"while writing; {what}") from None  # fmt: skip
        for path, tmp, old, new in todo:
            current = _file_sha(path)
            if current == new:
                continue
            if current == old and tmp.exists() and _file_sha(tmp) == new:
                continue
            raise InterruptedChange(
                f"an interrupted netmap command left a change to {', '.join(str(p) for p, *_ in todo)} "
                f"half done, and {path} was changed since - {what}"
            )
        _apply(entries)
        done = [path for path, *_ in todo]
        journal.unlink()
        fsync_dir(folder)
    for leftover in folder.iterdir():
        if _TEMP.match(leftover.name) and leftover.is_file():
            try:
                leftover.unlink()
            except OSError:  # someone else's file we may not remove: leave it
                pass
    return done


def pending(folder: Path) -> bool:
    """True when ``folder`` holds the journal of an interrupted change."""
    return (folder / JOURNAL).exists()


def check_writable(folder: Path) -> None:
    """Raise a one-line NetmapError when netmap cannot create files in ``folder``."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NetmapError(f"cannot write in {folder}: permission denied - check the folder's permissions")


__all__ = ["DEFAULT_BACKUPS", "JOURNAL", "Change", "InterruptedChange", "backup_names", "commit",
           "recover", "pending", "sha256"]  # fmt: skip
