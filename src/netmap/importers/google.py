"""Google Contacts CSV: the current header (``First Name,...,Labels,E-mail 1 - Value``) and
the older one (``Name,Given Name,...,Group Membership,E-mail 1 - Type``).

Several values in one cell are joined by `` ::: ``; labels (``* myContacts``, ``Work``)
become tags, without the system label ``myContacts``. A LinkedIn profile among the
websites becomes ``linkedin_url``. Phone numbers are not imported; that one is on file
counts in the strength estimate.
"""

from __future__ import annotations

from ._common import (
    CsvSource,
    ImportedContact,
    ParsedFile,
    Progress,
    emails_in,
    fix_text,
    has_phone,
    join_name,
    linkedin_url_in,
    split_multi,
)

SYSTEM_LABELS = frozenset({"mycontacts", "my contacts"})


def _numbered(index: dict[str, int], cells: list[str], kind: str, part: str) -> list[str]:
    """Values of the repeating groups ``E-mail 1 - Value``, ``E-mail 2 - Value``..."""
    out = []
    n = 1
    while f"{kind} {n} - {part}" in index:
        out.append(cells[index[f"{kind} {n} - {part}"]])
        n += 1
    return out


def labels_to_tags(cell: str) -> tuple[str, ...]:
    """Google labels as tags, without the ``* `` marker and the system label ``myContacts``.

    >>> labels_to_tags("* myContacts ::: Work ::: * starred")
    ('Work', 'starred')
    """
    tags = []
    for label in split_multi(cell):
        label = fix_text(label.lstrip("*"))
        if label and label.casefold() not in SYSTEM_LABELS and label not in tags:
            tags.append(label)
    return tuple(tags)


def parse_google(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Fill ``result`` with the people of a Google Contacts CSV (either header)."""
    index = src.index()
    get = src.getter()
    for line, cells in src.rows(result, progress):
        name = join_name(
            get(cells, "first name", "given name"),
            get(cells, "middle name", "additional name"),
            get(cells, "last name", "family name"),
        )
        if not name:
            name = fix_text(get(cells, "name", "file as", "nickname"))
        emails = emails_in(
            *(v for cell in _numbered(index, cells, "e-mail", "value") for v in split_multi(cell))
        )
        if not name and emails:
            name = emails[0]
        if not name:
            result.skipped["no name or e-mail"] += 1
            continue
        companies = split_multi(get(cells, "organization name", "organization 1 - name"))
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
                phone=has_phone(*_numbered(index, cells, "phone", "value")),
            )
        )
