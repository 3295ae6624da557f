"""Normalising names, companies and ids."""

from __future__ import annotations

import pytest

from netmap.normalize import linkedin_slug, normalize_company, normalize_name, slugify, split_list


@pytest.mark.parametrize(
    "variant",
    [
        "Acme",
        "ACME",
        "Acme Inc.",
        "Acme, Inc",
        "acme gmbh",
        "Acme Ltd",
        "Acme  LLC",
        "Acme S.A.",
        "Acme Co.",
    ],
)
def test_legal_suffix_variants_are_one_company(variant):
    assert normalize_company(variant) == "acme"


def test_whole_names_not_substrings():
    assert normalize_company("Meta") != normalize_company("Metabase")
    assert normalize_company("Inc") == "inc"  # a lone suffix word is still a name
    assert normalize_company("AT&T") == "at&t"


def test_normalize_name():
    assert normalize_name("  José   Álvarez ") == "josé álvarez"
    assert normalize_name("Jose\u0301") == normalize_name("José")  # NFC: combining accent == precomposed


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("José Álvarez", "jose-alvarez"),
        ("Mary-Jane O'Neil, Jr.", "mary-jane-o-neil-jr"),
        ("王 伟", "王-伟"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://www.linkedin.com/in/ana-ribeiro-12ab/?trk=x", "ana-ribeiro-12ab"),
        ("linkedin.com/in/Bo-Chen", "bo-chen"),
        ("https://pt.linkedin.com/in/jose#about", "jose"),
        ("https://example.com/in/ana", ""),
        ("", ""),
    ],
)
def test_linkedin_slug(url, slug):
    assert linkedin_slug(url) == slug


def test_split_list():
    assert split_list(" a; b ;;c ") == ("a", "b", "c")
    assert split_list("") == ()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme S.p.A.", "acme"),
        ("Acme B.V.", "acme"),
        ("Acme L.L.C.", "acme"),
        ("J.P. Morgan Chase & Co.", "jp morgan chase"),
        ("JP Morgan Chase", "jp morgan chase"),
        ("Acme.com", "acme com"),
    ],
)
def test_dotted_abbreviations(name, key):
    """Dotted legal forms are legal suffixes too; a trailing '&' left by 'Co.' goes with it."""
    assert normalize_company(name) == key
