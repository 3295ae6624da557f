"""Reading real exports (LinkedIn, Google Contacts, Outlook, vCard) and merging them into
the data folder.

>>> from netmap.importers import read_export, import_files     # doctest: +SKIP
>>> parsed = read_export("Connections.csv")                     # doctest: +SKIP
>>> report = import_files(["Connections.csv"], "data", dry_run=True)  # doctest: +SKIP

:func:`read_export` detects the format from the content and returns a
:class:`ParsedFile`; :func:`plan_import` matches the people against ``contacts.csv``
and returns a :class:`MergePlan` (added, merged with reason, conflicts, near matches,
introductions); :func:`import_files` does both and writes atomically.
"""

from __future__ import annotations

from ._common import FORMATS, ImportedContact, Interaction, ParsedFile
from .detect import detect_format
from .merge import Conflict, Merge, MergePlan, NearMatch, import_files, plan_import
from .read import SIGNAL_FORMATS, read_export

__all__ = [
    "FORMATS",
    "SIGNAL_FORMATS",
    "Conflict",
    "ImportedContact",
    "Interaction",
    "Merge",
    "MergePlan",
    "NearMatch",
    "ParsedFile",
    "detect_format",
    "import_files",
    "plan_import",
    "read_export",
]
