"""The one translation table: every text a user reads, kept as data in locale/<language>.toml.

id.toml and en.toml hold the same keys (tests/test_i18n.py checks it). This module turns them into
the lookups the rest of the code uses: TEXT and COLUMNS (key -> {language: text}), VALUES (column ->
stored code -> {language: words}) and MONTHS; the import's texts (ingest/messages.py) and the NIP
checks' texts (nip.MESSAGES) are read from the same files through `by_language`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("id", "en")


@cache
def catalog(lang: str) -> dict:
    """The whole catalog of one language, as its TOML file holds it."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalog for language {lang!r}; known: {', '.join(LANGUAGES)}")
    text = (resources.files("asn_analytics") / "locale" / f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(text)


def by_language(*path: str) -> dict[str, dict[str, str]]:
    """The table at `path` of every catalog, turned to key -> {language: text}."""
    tables = {}
    for lang in LANGUAGES:
        table = catalog(lang)
        for part in path:
            table = table[part]
        tables[lang] = table
    return {key: {lang: tables[lang][key] for lang in LANGUAGES} for key in tables["id"]}


# Month names as dates and month axes write them (31 Des 2025, Mei 2024).
MONTHS = {lang: catalog(lang)["months"] for lang in LANGUAGES}
TEXT: dict[str, dict[str, str]] = by_language("text")
# Table headers, chart axes and legends: output columns of the indicators.
COLUMNS: dict[str, dict[str, str]] = by_language("columns")

# Which vocabulary of the catalog ([values.<name>]) words a column's stored codes, and which of its
# codes the column can hold (None: all of them). A column not named here has a vocabulary of its
# own name.
_VOCABULARY: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "result_rating": ("rating", None),
    "behavior_rating": ("rating", None),
    "category_name": ("category", None),
    "gender": ("category", None),
    "position_type": ("category", None),
    "level": ("dimension", ("unit", "opd")),
    "mutu_label": ("label", None),
    "band_label": ("label", None),
    "band": ("label", None),
    "age_band": ("category", ("unknown",)),
    "unit_name": ("category", ("unknown",)),
}


def _values() -> dict[str, dict[str, dict[str, str]]]:
    vocabularies = {name: by_language("values", name) for name in catalog("id")["values"]}
    values = dict(vocabularies)
    for column, (name, codes) in _VOCABULARY.items():
        words = vocabularies[name]
        values[column] = words if codes is None else {code: words[code] for code in codes}
    return values


# Stored codes of a column and their words.
VALUES: dict[str, dict[str, dict[str, str]]] = _values()


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang` (Indonesian when the language is unknown), filled in."""
    entry = TEXT[key]
    text = entry.get(lang, entry["id"])
    return text.format(**values) if values else text


def column_label(column: str, lang: str = "id") -> str:
    """The header of a table column in `lang`; the column name when it has none."""
    entry = COLUMNS.get(column)
    return entry.get(lang, entry["id"]) if entry else column


def value_label(column: str, value: object, lang: str = "id") -> object:
    """The words for a stored code of `column` in `lang`; other values unchanged."""
    if not isinstance(value, str):
        return value
    entry = VALUES.get(column, {}).get(value)
    return entry.get(lang, entry["id"]) if entry else value


def format_value(
    value: object,
    kind: str,
    lang: str = "id",
    *,
    signed: bool = False,
    suppressed: bool = False,
) -> str:
    """A figure as people read it: counts, percents (shares 0-1), scores and decimals.

    Indonesian uses '.' for thousands and ',' for decimals. A change of a share is in percentage
    points; a change that shows as zero has no sign. A suppressed count shows "<5"; any other
    suppressed figure shows "–".
    """
    if suppressed:
        return "<5" if kind == "count" else "–"
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    number = float(value) * (100 if kind == "percent" else 1)
    places = {"count": 0, "percent": 1}.get(kind, 2)
    number = round(number, places) + 0.0  # + 0.0: -0.0 becomes 0.0
    sign = "+" if signed and number != 0 else ""
    text = f"{number:{sign},.{places}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if kind == "percent":
        text += (" poin" if lang == "id" else " pp") if signed else "%"
    return text
