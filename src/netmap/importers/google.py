"""Google Contacts CSV: the current header (``First Name,...,Labels,E-mail 1 - Value``) and
the older one (``Name,Given Name,...,Group Membership,E-mail 1 - Type``).

The name is the owner's display name (older ``Name``, else ``File As``) when it holds
words beyond first and last name, so namesakes the owner told apart (``Mario, Happy
Store`` and ``Mario, Zafniary``) stay apart; otherwise first, middle and last name
joined (a prefix or suffix that is not a title, such as a shop's name, counts as such a
word). Several values in one cell are joined by `` ::: ``; labels (``Work``) become tags,
without the system labels ``myContacts`` and ``starred``. A LinkedIn profile among the
websites becomes ``linkedin_url``. Phone numbers are not written to contacts.csv (see
:class:`~netmap.importers.model.ImportedContact`). A row with only an organisation is a
company, not a person: it is counted as skipped.
"""

from __future__ import annotations

from .csvsource import CsvSource
from .model import ImportedContact, ParsedFile, Progress
from .values import (
    display_name,
    emails_in,
    fix_text,
    join_name,
    linkedin_url_in,
    phone_numbers,
    split_multi,
    user_tags,
)


def _numbered(index: dict[str, int], cells: list[str], kind: str, part: str) -> list[str]:
    """Values of the repeating groups ``E-mail 1 - Value``, ``E-mail 2 - Value``..."""
    out = []
    n = 1
    while f"{kind} {n} - {part}" in index:
        out.append(cells[index[f"{kind} {n} - {part}"]])
        n += 1
    return out


def labels_to_tags(cell: str) -> tuple[str, ...]:
    """Google labels as tags, without the ``* `` marker and the system labels.

    >>> labels_to_tags("* myContacts ::: Work ::: * starred")
    ('Work',)
    """
    return user_tags(split_multi(cell))


def parse_google(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Fill ``result`` with the people of a Google Contacts CSV (either header)."""
    index = src.index()
    get = src.getter()
    for line, cells in src.rows(result, progress):
        parts = (
            get(cells, "first name", "given name"),
            get(cells, "middle name", "additional name"),
            get(cells, "last name", "family name"),
        )
        display = get(cells, "name", "file as") or join_name(
            get(cells, "name prefix"), *parts, get(cells, "name suffix")
        )
        name, told_apart = display_name(display, *parts)
        name = name or fix_text(get(cells, "nickname"))
        emails = emails_in(*(v for cell in _numbered(index, cells, "e-mail", "value") for v in split_multi(cell)))
        companies = split_multi(get(cells, "organization name", "organization 1 - name"))
        if not name and emails:
            name = emails[0]
        if not name:
            result.skipped["only an organisation" if companies else "no name or e-mail"] += 1
            continue
        titles = split_multi(get(cells, "organization title", "organization 1 - title"))
        websites = _numbered(index, cells, "website", "value")
        result.contacts.append(
            ImportedContact(
                name=name,
                source="google",
                file=str(src.path),
                line=line,
                company=fix_text(companies[0]) if companies else "",
                title=fix_text(titles[0]) if titles else "",
                emails=emails,
                linkedin_url=linkedin_url_in(*websites),
                tags=labels_to_tags(get(cells, "labels", "group membership")),
                notes=fix_text(get(cells, "notes"), multiline=True),
                phones=phone_numbers(*_numbered(index, cells, "phone", "value")),
                disambiguator=told_apart,
            )
        )
