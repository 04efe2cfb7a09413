"""Every text the import shows a user, read from the catalogs (asn_analytics/locale/*.toml).

Row issues are stored per language in import_rejects (reason, reason_en); their templates take
{value} (the value the rule looked at), {length} (its length), {column} (the file's header) and
{detail}. The NIP rules' texts are the catalogs' [nip] table (asn_analytics.nip.MESSAGES).
"""

from __future__ import annotations

from asn_analytics import nip
from asn_analytics.i18n import by_language

ERROR, WARNING = "error", "warning"

# Row issues that keep the row (every other issue rejects it).
_WARNINGS = {
    "unknown_value",
    "unknown_status",
    "unknown_golongan",
    "duplicate_identical",
    "birth_date_mismatch",
    "gender_mismatch",
    "tmt_mismatch",
    "predikat_mismatch",
    "nip_pppk_on_pns",
    "nip_pns_on_pppk",
}


def _pairs(*path: str) -> dict[str, tuple[str, str]]:
    return {code: (texts["id"], texts["en"]) for code, texts in by_language(*path).items()}


# code: (severity, Indonesian, English)
ISSUES: dict[str, tuple[str, str, str]] = {
    code: (WARNING if code in _WARNINGS else ERROR, indonesian, english)
    for code, (indonesian, english) in (
        _pairs("import", "issues") | {c: (m["id"], m["en"]) for c, m in nip.MESSAGES.items()}
    ).items()
}
# File-level refusals: code -> (Indonesian, English); placeholders filled from the exception.
REFUSALS: dict[str, tuple[str, str]] = _pairs("import", "refusals")
# Undo refused: code -> (Indonesian, English).
UNDO_REFUSALS: dict[str, tuple[str, str]] = _pairs("import", "undo_refusals")
# Texts of the report and the command line.
TEXT: dict[str, tuple[str, str]] = _pairs("import", "text")


def text(key: str, lang: str = "id", **values: object) -> str:
    """A report or command-line text in `lang` (Indonesian unless 'en')."""
    indonesian, english = TEXT[key]
    return (english if lang == "en" else indonesian).format(**values)
