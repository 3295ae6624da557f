"""Reading real exports (LinkedIn, Google Contacts, Outlook, vCard) and merging them into
the data folder.

>>> from netmap.importers import read_export, import_files     # doctest: +SKIP
>>> parsed = read_export("Connections.csv")                     # doctest: +SKIP
>>> report = import_files(["Connections.csv"], "data", dry_run=True)  # doctest: +SKIP

:func:`read_export` detects the format from the content and returns a
:class:`ParsedFile`; :func:`plan_import` matches the people against ``contacts.csv``
and returns a :class:`MergePlan` (added, merged with reason, conflicts, near matches,
introductions, estimated ties); :func:`import_files` does both and writes atomically.
:func:`estimate_tie` is netmap's 1-5 ``strength_estimate`` of an imported tie; an
import never writes ``strength``.
"""

from __future__ import annotations

from typing import Any

from .model import FORMATS, ImportedContact, Interaction, ParsedFile

SIGNAL_FORMATS = ("linkedin-invitations", "linkedin-messages")

_LAZY = {
    "detect_format": "detect",
    "read_export": "read",
    "Conflict": "results",
    "Merge": "results",
    "MergePlan": "results",
    "NearMatch": "results",
    "import_files": "apply",
    "read_exports": "apply",
    "plan_import": "plan",
    "apply_plan": "apply",
    "estimate_tie": "estimate",
}


def __getattr__(name: str) -> Any:
    """Load the parsers and the merge (which need networkx via netmap.graph) on first use."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "estimate_tie",
    "import_files",
    "plan_import",
    "read_export",
    "read_exports",
]
