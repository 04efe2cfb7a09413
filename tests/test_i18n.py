"""The catalogs (asn_analytics/locale/*.toml): one key tree per language, nothing left blank."""

from __future__ import annotations

import string

import pytest

from asn_analytics import i18n, nip
from asn_analytics.ingest import messages


def _leaves(table: dict, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    leaves = {}
    for key, value in table.items():
        if isinstance(value, dict):
            leaves |= _leaves(value, (*path, key))
        else:
            leaves[(*path, key)] = value
    return leaves


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_catalog_has_the_same_keys_and_placeholders():
    indonesian, english = (_leaves(i18n.catalog(lang)) for lang in i18n.LANGUAGES)
    assert set(indonesian) == set(english), set(indonesian) ^ set(english)
    for path, text in indonesian.items():
        other = english[path]
        if isinstance(text, list):
            assert len(text) == len(other) == 12, path
            continue
        assert text.strip() and other.strip(), path
        # a text shown in either language is filled in with the same values
        assert _fields(text) == _fields(other), path


def test_the_lookups_read_the_catalogs():
    assert i18n.t("cli.password", "en") == "Password: "
    assert i18n.t("cli.password", "id") == "Kata sandi: "
    assert i18n.MONTHS["id"][4] == "Mei" and i18n.MONTHS["en"][4] == "May"
    assert i18n.column_label("as_of", "id") == "Tanggal acuan"
    # columns that share a vocabulary, and columns that take only some of its codes
    assert i18n.value_label("behavior_rating", "di_atas", "en") == "Above expectations"
    assert set(i18n.VALUES["level"]) == {"unit", "opd"}
    assert set(i18n.VALUES["age_band"]) == {"unknown"}
    assert nip.MESSAGES["nip_length"]["en"] == "NIP must have 18 digits, found {length}"
    severity, indonesian, english = messages.ISSUES["nip_pppk_on_pns"]
    assert severity == messages.WARNING and indonesian and english
    assert messages.ISSUES["required"] == (
        messages.ERROR,
        "kolom {column} wajib diisi",
        "{column} is required",
    )
    assert messages.text("batch", "en", batch=7) == "import #7 committed"


def test_an_unknown_language_has_no_catalog():
    with pytest.raises(ValueError, match="no catalog"):
        i18n.catalog("fr")
