"""``netmap pool``: several members' data folders merged into one pooled data folder.

The pool is an ordinary data folder (``docs/pool.md``)::

    contacts.csv        every person once, with fresh ids p1, p2, ... (never an e-mail or URL);
                        members carry pool_member = yes
    ties.csv            each member's own direct ties: member, person, relationship, strength,
                        strength_estimate, last_contact, connected_on
    introductions.csv   every member's introductions, with the member whose record it is
    companies.csv       the members' company aliases
    netmap.toml         [pool] pooled = true, member_warmth: the warmth of a tie between members

The same person known by several members is one person: the LinkedIn profile, then an
e-mail address, then the normalised name with the company (the import merge's rules; a
name alone matches a name alone). Matching may use a member's private columns; only
what each member shared is written.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..csvio import write_csv
from ..errors import ConfigError
from ..graph import company_key
from ..model import ME, Contact
from ..normalize import linkedin_slug, normalize_name
from .consent import CONFIG, PRIVATE, SHARED, Consent, read_consent

TIES_FILE = "ties.csv"
TIE_HEADER = ("member", "person", "relationship", "strength", "strength_estimate", "last_contact", "connected_on")
INTRO_HEADER = ("referrer", "contact", "date", "status", "strength", "member")
MEMBER_COLUMN = "pool_member"
#: default warmth of the tie between two members of one pool (netmap.toml [pool] member_warmth)
MEMBER_WARMTH = 0.5


@dataclass(slots=True)
class PoolSummary:
    """What :func:`build_pool` wrote: members by name, people, ties and introductions."""

    folder: Path
    members: list[str]
    people: int
    ties: int
    introductions: int
    shared_columns: list[str] = field(default_factory=list)


class _People:
    """Pooled people: one record per person, found by profile, e-mail, then name and company."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = aliases
        self.rows: list[dict[str, str]] = []
        self.index: dict[tuple[str, str, str], int] = {}

    def _keys(self, name: str, company: str, email: str, url: str) -> list[tuple[str, str, str]]:
        keys = []
        if linkedin_slug(url):
            keys.append(("in", linkedin_slug(url), ""))
        keys += [("@", e.strip().lower(), "") for e in email.split(";") if e.strip()]
        keys.append(("name", normalize_name(name), company_key(company, self.aliases)))
        return keys

    def find_or_add(self, name: str, company: str, email: str, url: str) -> int:
        keys = self._keys(name, company, email, url)
        found = next((self.index[k] for k in keys if k in self.index), None)
        if found is None:
            found = len(self.rows)
            self.rows.append({"id": f"p{found + 1}"})
        for k in keys:
            self.index.setdefault(k, found)
        return found

    def fill(self, row: int, column: str, value: str) -> None:
        if value and not self.rows[row].get(column):
            self.rows[row][column] = value


def _contact_values(c: Contact) -> dict[str, str]:
    values = {"name": c.name, "company": c.company, "title": c.title, "office": c.office,
              "past_companies": "; ".join(c.past_companies), "school": c.school, "email": c.email,
              "linkedin_url": c.linkedin_url, "notes": c.notes, "tags": "; ".join(c.tags)}  # fmt: skip
    for key, value in c.extra.items():
        values.setdefault(key.strip().lower(), value)
    return values


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _check_output(out: Path, sources: Sequence[Path]) -> None:
    """Refuse to write over a folder that is not an earlier pool, or into a member's folder."""
    for src in sources:
        if out.resolve() == src.resolve():
            raise ConfigError(f"{out}: is a member's folder - write the pool to a new folder with -o")
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: is a file - name a folder for the pool")
    if (out / "contacts.csv").exists():
        config = out / CONFIG
        pooled = False
        if config.is_file():
            try:
                pooled = tomllib.loads(config.read_text(encoding="utf-8")).get("pool", {}).get("pooled") is True
            except (UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
                pooled = False
        if not pooled:
            raise ConfigError(f"{out}: already holds a data folder that is not a pool - choose an empty folder")


def build_pool(member_dirs: Sequence[str | Path], out: str | Path, *, member_warmth: float = MEMBER_WARMTH,
               progress=None) -> PoolSummary:  # fmt: skip
    """Merge the consenting members' data folders ``member_dirs`` into the pool folder ``out``.

    Every folder's consent is checked before anything is read or written: one that did
    not consent raises :class:`~netmap.errors.ConfigError` naming it. ``progress(text)``,
    when given, is told about each folder.
    """
    from ..loading import load_dataset

    folders = [Path(d) for d in member_dirs]
    if not folders:
        raise ConfigError("name at least one member's data folder")
    out = Path(out)
    _check_output(out, folders)
    consents: list[Consent] = [read_consent(f) for f in folders]  # all refused before any work
    names = [normalize_name(c.name) for c in consents]
    for i, n in enumerate(names):
        if n in names[:i]:
            raise ConfigError(f"{folders[i]}: [me] name '{consents[i].name}' is also {folders[names.index(n)]}'s "
                              "- members of one pool need different names")  # fmt: skip

    datasets = []
    aliases: dict[str, str] = {}
    for folder in folders:
        if progress:
            progress(f"reading {folder}")
        ds = load_dataset(folder)
        datasets.append(ds)
        for k, v in ds.aliases.items():
            aliases.setdefault(k, v)

    people = _People(aliases)
    member_rows = []
    extra_columns: list[str] = []
    for consent in consents:
        row = people.find_or_add(consent.name, "", consent.email, consent.linkedin_url)
        people.fill(row, "name", consent.name)
        people.rows[row][MEMBER_COLUMN] = "yes"
        member_rows.append(row)
        for column, value in (("email", consent.email), ("linkedin_url", consent.linkedin_url)):
            if consent.shares(column) and value:
                people.fill(row, column, value)
                extra_columns.append(column) if column not in extra_columns else None

    ties: list[tuple] = []
    intros: list[tuple] = []
    for consent, ds, me_row in zip(consents, datasets, member_rows, strict=True):
        own = {ME: me_row}
        for c in ds.contacts:
            values = _contact_values(c)
            row = people.find_or_add(c.name, c.company, c.email, c.linkedin_url)
            own[c.id] = row
            for column, value in values.items():
                private = column not in SHARED
                if private and row in member_rows:
                    continue  # a member's private details are theirs to share, never another member's
                if not private or (consent.shares(column) and column not in (MEMBER_COLUMN, "id")):
                    people.fill(row, column, value)
                    if column not in SHARED and column not in extra_columns:
                        extra_columns.append(column)
            if c.is_direct and row != me_row:
                ties.append((people.rows[me_row]["id"], people.rows[row]["id"], c.relationship,
                             c.strength or "", c.strength_estimate or "", _iso(c.last_contact),
                             _iso(c.connected_on)))  # fmt: skip
        for intro in ds.introductions:
            a, b = own[intro.referrer], own[intro.contact]
            if a == b:
                continue
            intros.append((people.rows[a]["id"], people.rows[b]["id"], _iso(intro.date), intro.status,
                           intro.strength or "", people.rows[me_row]["id"],
                           intro.notes if consent.shares("notes") else ""))  # fmt: skip

    out.mkdir(parents=True, exist_ok=True)
    shared = [c for c in PRIVATE if c in extra_columns] + [c for c in extra_columns if c not in PRIVATE]
    header = ("id", *SHARED, *shared, MEMBER_COLUMN)
    write_csv(out / "contacts.csv", header, ([r.get(h, "") for h in header] for r in people.rows))
    write_csv(out / TIES_FILE, TIE_HEADER, ties)
    if any(c.shares("notes") for c in consents):
        write_csv(out / "introductions.csv", (*INTRO_HEADER, "notes"), intros)
    else:
        write_csv(out / "introductions.csv", INTRO_HEADER, (r[:-1] for r in intros))
    write_csv(out / "companies.csv", ("alias", "canonical"), sorted(aliases.items()))
    _write_config(out / CONFIG, member_warmth)
    return PoolSummary(out, [c.name for c in consents], len(people.rows), len(ties), len(intros), shared)


MARK = "# -- made by netmap pool: everything above this line is kept when the pool is made again --\n"


def _write_config(path: Path, member_warmth: float) -> None:
    """netmap.toml of the pool: the weights someone set in an earlier one, then [pool]."""
    from ..csvio import atomic_writer

    keep = "# Scoring weights for the pool (docs/scoring.md) go here, above the [pool] section.\n\n"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        keep = text.split(MARK, 1)[0] if MARK in text else keep
    with atomic_writer(path) as f:
        f.write(
            keep + MARK + "[pool]\npooled = true\n"
            "# warmth of the tie between two members of the pool (they meet, or share a counsellor)\n"
            f"member_warmth = {member_warmth}\n"
        )
