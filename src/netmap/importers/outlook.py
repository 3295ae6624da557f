"""Outlook CSV: outlook.com (web) and the desktop Import/Export wizard, in any of the
languages of :mod:`netmap.importers.outlook_headers`.

Desktop exports quote every field, write ``0/0/00`` for empty dates, and in Europe are
often cp1252 with ``;`` separators. Exchange contacts may carry an X.500 address
(``/o=ExchangeLabs/...``) instead of an e-mail: the address in ``E-mail Display Name``
is used then. ``First Name`` sometimes holds ``Love, Barbara`` (last, first) or an
e-mail address, with the other name columns empty; ``File As`` is ``Last, First``.
Chinese names are written family name first (``王伟``). ``Referred By`` becomes an
introduction. Categories become tags, without Google's
system labels (``myContacts``: Google's own "Outlook CSV" export writes them). Phone
numbers are not written to contacts.csv (see :class:`~netmap.importers.model.ImportedContact`).
"""

from __future__ import annotations

import re

from .csvsource import CsvSource
from .model import ImportedContact, ParsedFile, Progress
from .outlook_headers import columns, is_phone_column, language
from .values import emails_in, fix_text, join_name, last_first, linkedin_url_in, phone_numbers, user_tags

#: Languages whose names are written family name first, without a space.
FAMILY_FIRST = frozenset({"zh-cn"})


def parse_outlook(src: CsvSource, result: ParsedFile, progress: Progress | None = None) -> None:
    """Fill ``result`` with the people of an Outlook CSV export."""
    index = src.index()
    lang = language(set(index)) or "en"
    cols = columns(lang, index)
    phones = [i for key, i in index.items() if is_phone_column(key)]

    def get(cells: list[str], field: str) -> str:
        return next((cells[i] for i in cols.get(field, ()) if cells[i].strip()), "")

    for line, cells in src.rows(result, progress):
        first, middle, last = get(cells, "first"), get(cells, "middle"), get(cells, "last")
        emails = emails_in(*(get(cells, f) for f in ("email", "email2", "email3", "display", "display2")))
        if not (middle or last) and "@" in first:  # an address typed as the first name
            emails, first = emails_in(first, *emails), ""
        if not (middle or last) and "," in first:  # "Love, Barbara": last, first
            first = last_first(first)
        if lang in FAMILY_FIRST:  # 王 伟 is written 王伟
            name = fix_text(last + middle + first)
        else:
            name = join_name(first, middle, last, get(cells, "suffix"))
        if not name:
            name = fix_text(last_first(get(cells, "file_as")))
        if not name:
            display = re.sub(r"\s*\([^)]*@[^)]*\)\s*$", "", get(cells, "display"))
            name = fix_text(display) if "@" not in display else ""
            name = name or (emails[0] if emails else "")
        if not name:
            result.skipped["no name or e-mail"] += 1
            continue
        result.contacts.append(
            ImportedContact(
                name=name,
                source="outlook",
                file=str(src.path),
                line=line,
                company=fix_text(get(cells, "company")),
                title=fix_text(get(cells, "job")),
                office=fix_text(get(cells, "office")),
                emails=emails,
                linkedin_url=linkedin_url_in(get(cells, "web"), get(cells, "web2")),
                tags=user_tags(re.split(r"[;,]", get(cells, "categories"))),
                notes=fix_text(get(cells, "notes"), multiline=True),
                referred_by=fix_text(get(cells, "referred")),
                phones=phone_numbers(*(cells[i] for i in phones)),
            )
        )
