"""Reading and changing the data folder's files: nothing lost, nothing half written.

* :class:`CsvDocument` edits a CSV file leaving every byte netmap did not change as it was.
* :func:`transaction` holds the folder's write lock for one change and commits all of
  its files together or not at all (:mod:`netmap.store.journal`); :func:`save_all`
  does the same for documents read before the lock was taken.
* :func:`tidy` lets a command that only reads finish an interrupted change and
  remove temporary files a killed process left.

The contract, with examples: ``docs/reliability.md``.
"""

from __future__ import annotations

import io

from .create import create_new
from .document import CsvDocument, StoredRow
from .editing import open_for_edit
from .journal import JOURNAL, InterruptedChange, backup_names
from .lock import FolderLock, LockTimeout
from .transaction import Transaction, save_all, settings, tidy, transaction


def _write_all(stream: io.BufferedWriter, data: bytes) -> None:
    """Write ``data`` to ``stream``; a seam for the tests that kill a process mid-write."""
    stream.write(data)


__all__ = [
    "JOURNAL",
    "CsvDocument",
    "FolderLock",
    "InterruptedChange",
    "LockTimeout",
    "StoredRow",
    "Transaction",
    "backup_names",
    "create_new",
    "open_for_edit",
    "save_all",
    "settings",
    "tidy",
    "transaction",
]
