"""vCard 2.1, 3.0 and 4.0 files (``.vcf``): one person per card.

FN is the name, whole (else N, else the e-mail); ORG's first component is the company,
whole (``Company, The``); TITLE, every EMAIL (preferred first), NOTE, CATEGORIES (tags),
a LinkedIn URL (``URL`` or ``X-SOCIALPROFILE``) and RELATED are read. vCard has no
"referred by" relation, so a custom property is the convention: ``X-NETMAP-REFERRED-BY``
or ``X-REFERRED-BY`` (any ``X-...REFERRED...``) becomes an introduction. TEL numbers
are not written to contacts.csv, but tell namesakes apart and count in the strength
estimate. RELATED is kept in the notes (``Related (colleague): Ana Ribeiro``); it says
two people know each other, not who introduced whom. How values are decoded (versions,
writers, escapes, quoted-printable) is in :mod:`netmap.importers.vcardparse`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from .model import ImportedContact, ParsedFile
from .values import disambiguator, emails_in, fix_text, join_name, linkedin_url_in, phone_numbers
from .vcardparse import Card, read_cards


def parse_vcards(path: Path, text: str, result: ParsedFile) -> None:
    """Fill ``result`` with the people of a ``.vcf`` file; a broken card is a warning."""
    name = str(path)
    cards: list[Card] = []
    for card in read_cards(text, name):
        result.rows += 1
        if isinstance(card, tuple):
            line, why = card
            result.skipped["no END:VCARD"] += 1
            result.problems.append(
                Problem(name, line, None, f"card has no END:VCARD {why}",
                        "the card was left out; add END:VCARD or export the file again", "warning")
            )  # fmt: skip
            continue
        cards.append(card)
    names_by_uid = {uid.strip(): fix_text(card.text("FN")) for card in cards if (uid := card.text("UID"))}
    for card in cards:
        contact = _contact(card, names_by_uid, name)
        result.problems += card.problems
        if contact is None:
            result.skipped["no name or e-mail"] += 1
        else:
            result.contacts.append(contact)


def _emails(card: Card) -> tuple[str, ...]:
    """Every EMAIL, preferred first. A value that is an address by its property is kept
    even without a dot in the domain (``contact1@invalid``)."""
    props = sorted(card.all("EMAIL"), key=lambda p: "pref" not in p.types)
    found: list[str] = []
    for prop in props:
        value = card.value(prop)
        text = card.unescape(value or "").strip().removeprefix("mailto:")
        if "@" in text and not any(ch.isspace() for ch in text):
            found.append(text)
        else:
            found += emails_in(text)
    return emails_in(*found) or tuple(dict.fromkeys(found))


def _contact(card: Card, names_by_uid: dict[str, str], file: str) -> ImportedContact | None:
    n = card.parts("N") + [""] * 5
    family, given, additional, prefix, suffix = (" ".join(part.split(",")) for part in n[:5])
    plain = join_name(given, additional, family)
    full = fix_text(card.text("FN")) or join_name(prefix, plain, suffix)
    emails = _emails(card)
    full = full or (emails[0] if emails else "")
    if not full:
        return None
    org = card.parts("ORG")
    notes = [fix_text(note, multiline=True) for note in card.texts("NOTE")]
    for rel in card.all("RELATED"):
        value = card.unescape(card.value(rel) or "").strip()
        value = fix_text(names_by_uid.get(value, value))
        kinds = ", ".join(sorted(rel.types - {"pref"}))
        notes.append(f"Related ({kinds}): {value}" if kinds else f"Related: {value}")
    tags = [fix_text(tag) for tag in card.items("CATEGORIES")]
    urls = card.texts("URL") + card.texts("X-SOCIALPROFILE")
    referred = next((fix_text(card.text(p.name)) for p in card.props if "REFERRED" in p.name), "")
    return ImportedContact(
        name=full,
        source="vcard",
        file=file,
        line=card.line,
        company=fix_text(org[0]) if org else "",
        title=fix_text(card.text("TITLE")),
        emails=emails,
        linkedin_url=linkedin_url_in(*urls),
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        notes="\n".join(n for n in notes if n),
        referred_by=referred,
        phones=phone_numbers(*card.texts("TEL")),
        disambiguator=disambiguator(full, plain) if plain else "",
    )
