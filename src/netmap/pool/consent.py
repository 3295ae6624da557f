"""Who may join a pool, and what of theirs the pool may hold.

A member's data folder joins only when its ``netmap.toml`` says so::

    [me]
    name = "Ana Ribeiro"
    email = "ana@example.org"          # how the other members' folders know Ana
    linkedin_url = "https://www.linkedin.com/in/ana-ribeiro"

    [pool]
    share = true
    columns = ["email", "notes"]      # optional: private columns Ana also shares

What every consenting member shares: the people they know with their name, company,
title, office, past companies and school, and their ties (relationship, strength,
dates). Everything else (:data:`PRIVATE`: e-mail addresses, LinkedIn URLs, phone
numbers, notes, tags, any hand-written column, the outreach log) stays out unless
``columns`` lists it. The log of events is never read.

>>> Consent("Ana", "ana@example.org", "", frozenset({"email"})).shares("email")
True
>>> Consent("Ana", "", "", frozenset()).shares("notes")
False
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

#: columns of contacts.csv every consenting member shares
SHARED = ("name", "company", "title", "office", "past_companies", "school")
#: tie columns every consenting member shares (they become ties.csv)
TIE_COLUMNS = ("relationship", "strength", "strength_estimate", "last_contact", "connected_on")
#: known columns shared only when [pool] columns lists them (any other column too)
PRIVATE = ("email", "linkedin_url", "phone", "notes", "tags")

CONFIG = "netmap.toml"


@dataclass(frozen=True, slots=True)
class Consent:
    """A member's ``[me]`` and ``[pool]`` sections: who they are and what they share."""

    name: str
    email: str
    linkedin_url: str
    columns: frozenset[str]

    def shares(self, column: str) -> bool:
        """True when ``column`` may appear in the pool (always for :data:`SHARED`)."""
        return column in SHARED or column in TIE_COLUMNS or column in self.columns


def read_consent(folder: str | Path) -> Consent:
    """The consent of the member whose data folder is ``folder``.

    Raises :class:`~netmap.errors.ConfigError` (exit 1), naming the folder, when it has
    no ``netmap.toml`` with ``[pool] share = true`` or its ``[me]`` gives no name.
    """
    folder = Path(folder)
    path = folder / CONFIG
    if not folder.is_dir():
        raise ConfigError(f"{folder}: not a data folder - name a member's folder holding contacts.csv")
    refuse = (f"{folder}: not shared with the pool - its owner adds [pool] share = true "
              f"to {path} to join")  # fmt: skip
    if not path.is_file():
        raise ConfigError(refuse)
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc}) - fix the file") from None
    pool = config.get("pool")
    if not isinstance(pool, dict) or pool.get("share") is not True:
        raise ConfigError(refuse)
    unknown = set(pool) - {"share", "columns"}
    if unknown:
        raise ConfigError(f"{path}: unknown key '{sorted(unknown)[0]}' in [pool] - use share and columns")
    columns = pool.get("columns", [])
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ConfigError(f'{path}: pool.columns must be a list of column names, e.g. ["email", "notes"]')
    me = config.get("me", {})
    me = me if isinstance(me, dict) else {}
    name = str(me.get("name", "")).strip()
    if not name:
        raise ConfigError(f'{path}: [me] has no name - add name = "..." so the other members know who you are')
    return Consent(name, str(me.get("email", "")).strip(), str(me.get("linkedin_url", "")).strip(),
                   frozenset(c.strip().lower() for c in columns))  # fmt: skip
