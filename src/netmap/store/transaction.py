"""The one way netmap changes a data folder: lock, read, check, write every file together.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "contacts.csv").write_text("id,name\\nana,Ana\\n")
>>> with transaction(folder) as tx:
...     contacts = tx.read("contacts.csv")
...     intros = tx.read("introductions.csv", header=["referrer", "contact", "status"])
...     _ = contacts.append({"id": "bo", "name": "Bo"})
...     _ = intros.append({"referrer": "ana", "contact": "bo", "status": "made"})
...     [p.name for p in tx.commit()]
['contacts.csv', 'introductions.csv']
>>> (folder / "contacts.csv.bak").read_text()
'id,name\\nana,Ana\\n'

Leaving the ``with`` block without :meth:`Transaction.commit` (or by an exception)
writes nothing. See ``docs/reliability.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConfigError, NetmapError
from .document import CsvDocument
from .journal import DEFAULT_BACKUPS, Change, check_writable, commit, recover
from .lock import DEFAULT_TIMEOUT, FolderLock


def settings(folder: Path, timeout: float | None = None, backups: int | None = None) -> tuple[float, int]:
    """(lock timeout in seconds, backups kept): the arguments, else $NETMAP_LOCK_TIMEOUT /
    $NETMAP_BACKUPS, else ``[store]`` in the folder's netmap.toml, else 10 s and 5."""
    from ..weights import load_store_settings

    config = load_store_settings(folder / "netmap.toml")
    for name, env, convert in (("lock_timeout", "NETMAP_LOCK_TIMEOUT", float), ("backups", "NETMAP_BACKUPS", int)):
        text = os.environ.get(env)
        if text is not None:
            try:
                value = convert(text)
                if not 0 <= value <= (3600 if name == "lock_timeout" else 100):
                    raise ValueError
            except ValueError:
                top = 3600 if name == "lock_timeout" else 100
                raise ConfigError(f"${env}: '{text}' is not a valid {name.replace('_', ' ')} - "
                                  f"use a whole number from 0 to {top}") from None  # fmt: skip
            config[name] = value
    return (
        float(timeout if timeout is not None else config.get("lock_timeout", DEFAULT_TIMEOUT)),
        int(backups if backups is not None else config.get("backups", DEFAULT_BACKUPS)),
    )


class Transaction:
    """A data folder held for one change; made by :func:`transaction`.

    :meth:`read` opens files under the lock, :meth:`add` takes a document read
    elsewhere (its bytes are checked at commit), :meth:`commit` writes every changed
    document or none.
    """

    def __init__(self, folder: Path, backups: int):
        self.folder = folder
        self.backups = backups
        self.documents: list[CsvDocument] = []
        self.recovered: list[Path] = []  # files whose interrupted change this transaction completed
        self.committed = False

    def read(self, path: str | os.PathLike[str], *, header: Sequence[str] | None = None,
             encoding: str | None = None) -> CsvDocument:  # fmt: skip
        """The CSV file ``path`` (relative to the folder, or absolute) as an editable document.

        With ``header``, a missing file is a new empty document with that header
        (written only if it is changed); without, a missing file is a DataError.
        """
        full = self.folder / path
        if header is not None and not full.exists():  # a dangling symlink too: written through on commit
            doc = CsvDocument.new(full, list(header))
        else:
            doc = CsvDocument.read(full, encoding=encoding)
        return self.add(doc)

    def add(self, doc: CsvDocument) -> CsvDocument:
        """Include ``doc`` in the commit; returns it."""
        if not any(d is doc for d in self.documents):
            self.documents.append(doc)
        return doc

    def commit(self, *, backup: bool = True) -> list[Path]:
        """Write every changed document together; the paths written (in the order added).

        Raises ConflictError (exit 4) and writes nothing when any file changed on disk
        since it was read; DataError when a value cannot be stored in a file's encoding.
        """
        if self.committed:
            raise NetmapError("this transaction was already committed - start a new one")
        for doc in self.documents:
            if not doc.changed:
                doc.check_unchanged()  # what the change was computed from must still hold
        docs = [d for d in self.documents if d.changed]
        rendered = [(doc, *doc._render()) for doc in docs]
        changes = [Change(doc.path, doc.to_bytes(), doc.sha256) for doc in docs]
        if changes:
            commit(self.folder, changes, backups=self.backups if backup else 0)
        for (doc, texts, owners), change in zip(rendered, changes, strict=True):
            doc._after_save(texts, owners, change.data)
        self.committed = True
        return [doc.path for doc in docs]


@contextmanager
def transaction(folder: str | os.PathLike[str], *, timeout: float | None = None,
                backups: int | None = None) -> Iterator[Transaction]:  # fmt: skip
    """Hold ``folder``'s write lock for one change (see the module docstring).

    Waits up to ``timeout`` seconds (default: :func:`settings`) for another writer,
    then raises :class:`~netmap.store.LockTimeout` (exit 4). On entry an interrupted
    earlier change is completed, or :class:`~netmap.store.InterruptedChange` raised,
    and stale temporary files are removed.
    """
    path = Path(folder)
    if not path.is_dir():
        raise NetmapError(f"no folder {path} - create it with 'netmap init {path}', or pass --data DIR")
    wait, keep = settings(path, timeout, backups)
    with FolderLock(path, timeout=wait):
        tx = Transaction(path, keep)
        tx.recovered = recover(path)
        check_writable(path)
        yield tx


def save_all(docs: Iterable[CsvDocument], *, backup: bool = True, timeout: float | None = None,
             backups: int | None = None) -> list[Path]:  # fmt: skip
    """Commit documents read without a transaction together: all or nothing, under the lock.

    For callers not yet moved to :func:`transaction`: the lock is taken only here, so
    a concurrent change made between their read and this call is a ConflictError
    (exit 4, nothing written) rather than a wait. The folder is that of the first document.
    """
    docs = list(docs)
    if not docs:
        return []
    with transaction(docs[0].path.parent, timeout=timeout, backups=backups) as tx:
        for doc in docs:
            tx.add(doc)
        return tx.commit(backup=backup)


def tidy(folder: str | os.PathLike[str]) -> list[Path]:
    """For commands that only read: complete an interrupted change and remove stale
    temporary files, if no writer holds the folder (never waits). Raises
    :class:`~netmap.store.InterruptedChange` when the interrupted change cannot be completed.
    """
    path = Path(folder)
    if not path.is_dir():
        return []
    with FolderLock(path, blocking=False) as lock:
        if not lock.acquired or not os.access(path, os.W_OK):
            return []
        return recover(path)


__all__ = ["Transaction", "save_all", "settings", "tidy", "transaction"]
