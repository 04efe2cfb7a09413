"""The two errors a user can cause: a refused file and a refused undo."""

from __future__ import annotations

from typing import Any

from asn_analytics.ingest.messages import REFUSALS, UNDO_REFUSALS


class ImportRefused(Exception):
    """The whole file was refused (unreadable, empty, no required column...); nothing written.

    `report` holds what was detected before the refusal (format, mapping, missing columns) when
    the file got that far, so that a page can show it and let the user fix the mapping: an
    ingest.report.ImportReport (which reads this module, hence not named in the signature).
    """

    def __init__(self, code: str, report: Any = None, **params: Any) -> None:
        self.code = code
        self.params = params
        self.report = report
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """The reason, in Indonesian or (lang='en') English."""
        indonesian, english = REFUSALS[self.code]
        values = {"file": "", "detail": "", "known": "", **self.params}
        values = {key: _number(value, lang) for key, value in values.items()}
        return (english if lang == "en" else indonesian).format(**values)


def _number(value: Any, lang: str) -> Any:
    """A number grouped by thousands as each language writes it (1.048.576 / 1,048,576)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang != "en" else text


class UndoRefused(Exception):
    """The undo was refused; nothing changed."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """The reason, in Indonesian or (lang='en') English."""
        indonesian, english = UNDO_REFUSALS[self.code]
        return (english if lang == "en" else indonesian).format(**self.params)
