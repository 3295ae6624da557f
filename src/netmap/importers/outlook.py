"""Outlook CSV: outlook.com (web) and the desktop Import/Export wizard.

Desktop exports quote every field, write ``0/0/00`` for empty dates, and in Europe are
often cp1252 with ``;`` separators. Exchange contacts may carry an X.500 address
(``/o=ExchangeLabs/...``) instead of an e-mail: the address in ``E-mail Display Name``
is used then. ``Referred By`` becomes an introduction. Phone numbers are not imported; that one is on
file counts in the strength estimate.
"""

from __future__ import annotations

import re

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
)


def _phone_columns(index: dict[str, int]) -> list[int]:
    """The person's own phone columns (``Mobile Phone``, ``Business Phone 2``...), not the
    assistant's, faxes or pagers."""
    return [i for key, i in index.items() if "phone" in key and "assistant" not in key]


def parse_outlook(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Fill ``result`` with the people of an Outlook CSV export."""
    get = src.getter()
    phones = _phone_columns(src.index())
    for line, cells in src.rows(result, progress):
        emails = emails_in(
            get(cells, "e-mail address"),
            get(cells, "e-mail 2 address"),
            get(cells, "e-mail 3 address"),
            get(cells, "e-mail display name"),
            get(cells, "e-mail 2 display name"),
        )
        name = join_name(
            get(cells, "first name"),
            get(cells, "middle name"),
            get(cells, "last name"),
            get(cells, "suffix"),
        )
        if not name:
            display = re.sub(r"\s*\([^)]*@[^)]*\)\s*$", "", get(cells, "e-mail display name"))
            name = fix_text(display) or (emails[0] if emails else "")
        if not name:
            result.skipped["no name or e-mail"] += 1
            continue
        categories = [fix_text(c) for c in re.split(r"[;,]", get(cells, "categories"))]
        result.contacts.append(
            ImportedContact(
                name=name,
                source="outlook",
                file=str(src.path),
                line=line,
                company=fix_text(get(cells, "company")),
                title=fix_text(get(cells, "job title")),
                office=fix_text(get(cells, "office location")),
                emails=emails,
                linkedin_url=linkedin_url_in(
                    get(cells, "web page"), get(cells, "personal web page")
                ),
                tags=tuple(dict.fromkeys(c for c in categories if c)),
                notes=fix_text(get(cells, "notes"), multiline=True),
                referred_by=fix_text(get(cells, "referred by")),
                phone=has_phone(*(cells[i] for i in phones)),
            )
        )
