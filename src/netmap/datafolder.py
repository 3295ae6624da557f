"""Starting a data folder without a spreadsheet: its CSV files and its netmap.toml.

:func:`init_folder` writes the files of a new data folder and never replaces one that
exists. Keeping its people by hand (:class:`PeopleBook`, :class:`Rating`,
:func:`parse_relationship`) lives in :mod:`netmap.people_book`, re-exported here.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "network"
>>> [p.name for p in init_folder(folder, name="Maya Silva").created]
['contacts.csv', 'introductions.csv', 'netmap.toml']
>>> print(config_text(name="Maya Silva").split("[me]")[1].splitlines()[2])
name = "Maya Silva"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NetmapError
from .folder import CONFIG_FILE
from .loading import CONTACTS_FILE, INTRODUCTIONS_FILE, load_dataset
from .model import CONTACT_COLUMNS, INTRODUCTION_COLUMNS
from .people_book import PeopleBook, Rating, parse_relationship
from .store import CsvDocument, create_new
from .weights import PROFILE_KEYS, load_profile, load_weights

#: What each key of ``[me]`` is for, as written into a new netmap.toml.
_PROFILE_COMMENTS = {
    "name": "Your name, as the people you write to know you.",
    "email": "Your e-mail address.",
    "linkedin_url": "Your LinkedIn profile, e.g. https://www.linkedin.com/in/your-name",
    "signature": 'How you sign a message, e.g. "Maya" or "Maya Silva, data analyst".',
    "about": 'One sentence about you for drafts, e.g. "I\'m a data analyst moving into product".',
}
assert set(_PROFILE_COMMENTS) == set(PROFILE_KEYS)

_CONFIG_HEAD = """\
# netmap settings for this data folder. Lines starting with # are comments.
#
# Scoring weights: every one has a default, explained in netmap's docs/scoring.md. To change
# one, remove the # in front of it. Plain settings go here, above any [section]:
# half_life_days = 365   # an old tie's warmth halves its distance to the floor every N days
#
# and settings of a table under its [name]:
# [inferred]
# same_office = 0.25     # warmth guessed between two people who work in the same office

# About you. All optional; keep the quotes.
[me]
"""


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string.

    >>> print(_toml_string('Maya "M" Silva\\\\'))
    "Maya \\"M\\" Silva\\\\"
    """
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif (ord(ch) < 0x20 and ch != "\t") or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def config_text(*, name: str = "") -> str:
    """The text of a new netmap.toml: ``[me]`` with ``name`` filled in, weights commented out."""
    lines = [_CONFIG_HEAD]
    for key in PROFILE_KEYS:
        value = name if key == "name" else ""
        lines.append(f"# {_PROFILE_COMMENTS[key]}\n{key} = {_toml_string(value)}\n")
    return "".join(lines)


@dataclass(frozen=True, slots=True)
class InitResult:
    """What :func:`init_folder` did: the files it ``created`` and those it ``kept`` as they were."""

    folder: Path
    made_folder: bool
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def validate(self) -> None:
        """Raise DataError or ConfigError unless netmap can use the folder as it now is."""
        load_dataset(self.folder)
        config = self.folder / CONFIG_FILE
        load_weights(config if config.exists() else None)
        load_profile(config)


def init_folder(folder: str | os.PathLike[str] | None = None, *, name: str = "") -> InitResult:
    """Create ``folder`` (default ``$NETMAP_DATA`` or the current folder) and its files.

    ``contacts.csv`` and ``introductions.csv`` get their header rows only;
    ``netmap.toml`` gets a commented ``[me]`` section (``name`` filled in) and a
    commented example of a weight override. A file that exists is kept as it is.
    """
    path = Path(folder or os.environ.get("NETMAP_DATA") or ".")
    if path.exists() and not path.is_dir():
        raise NetmapError(f"{path} is a file, not a folder - choose another folder")
    made = not path.exists()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NetmapError(f"cannot create {path}: {exc.strerror} - choose another folder") from None
    headers = {CONTACTS_FILE: CONTACT_COLUMNS, INTRODUCTIONS_FILE: INTRODUCTION_COLUMNS}
    files = {file: CsvDocument.new(path / file, list(columns)).to_bytes() for file, columns in headers.items()}
    files[CONFIG_FILE] = config_text(name=" ".join(name.split())).encode("utf-8")
    result = InitResult(path, made)
    for file, data in files.items():
        try:
            written = create_new(path / file, data)
        except OSError as exc:
            raise NetmapError(f"cannot write {path / file}: {exc.strerror} - check the folder's permissions") from None
        (result.created if written else result.kept).append(path / file)
    return result


__all__ = [
    "CONFIG_FILE",
    "InitResult",
    "PeopleBook",
    "Rating",
    "config_text",
    "init_folder",
    "parse_relationship",
]
