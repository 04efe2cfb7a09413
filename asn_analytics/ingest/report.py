"""What an import found and did, for the upload page and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from asn_analytics.ingest import messages
from asn_analytics.ingest.places import Suggestion

REJECT_COLUMNS = ["row_number", "column", "value", "severity", "reason", "reason_en"]


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in REJECT_COLUMNS})


@dataclass
class ImportReport:
    """Detection, mapping, validation figures and (unless a dry run) what was written.

    `rejects` lists every rejected row's errors and every kept row's warnings, with the row
    number a spreadsheet shows; `preview` the first valid rows as they will be stored.
    """

    dataset: str
    file_name: str
    encoding: str | None
    delimiter: str | None
    decimal: str
    header_row: int
    date_formats: dict[str, str]
    mapping: dict[str, str]
    unrecognised: list[str]
    missing_required: list[str]
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    rejects: pd.DataFrame = field(default_factory=empty_rejects)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    batch_id: int | None = None
    file_format: str = "csv"
    sheet: str | None = None
    sha256: str = ""
    units_created: int = 0
    duplicates: int = 0
    dry_run: bool = True
    unit_suggestions: list[Suggestion] = field(default_factory=list)
    answers: dict[int, int] = field(default_factory=dict)  # a survey's answers, put on 1-4
    earlier_batch: int | None = None  # the batch that imported this very content already
    earlier_at: dt.datetime | None = None

    @property
    def already_imported(self) -> bool:
        """The file's content is in a committed batch already (then an import writes nothing)."""
        return self.earlier_batch is not None

    def earlier_text(self, lang: str = "id") -> str:
        """'a.csv: the same file was already imported on <date>, batch N; ...'."""
        when = self.earlier_at.strftime("%Y-%m-%d %H:%M") if self.earlier_at else "?"
        return messages.text(
            "already_imported", lang, file=self.file_name, date=when, batch=self.earlier_batch
        )

    @property
    def ok(self) -> bool:
        """Every row was accepted (warnings allowed)."""
        return self.rejected == 0

    def summary(self, lang: str = "id") -> str:
        """The counts in one line."""
        return messages.text(
            "counts",
            lang,
            rows_read=self.rows_read,
            inserted=self.inserted,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=self.rejected,
            warnings=self.warnings,
        )

    def lines(self, lang: str = "id", limit: int = 20) -> list[str]:
        """The report as text lines: what was read, the counts, then the first issues."""
        delimiter = {"\t": "TAB"}.get(self.delimiter or "", self.delimiter)
        out = [
            messages.text(
                "header",
                lang,
                file=self.file_name,
                dataset=self.dataset,
                format=self.file_format.upper() + (f" '{self.sheet}'" if self.sheet else ""),
                encoding=self.encoding or "xlsx",
                delimiter=f", '{delimiter}'" if delimiter else "",
                header_row=self.header_row,
            ),
            self.summary(lang),
        ]
        if self.unrecognised:
            out.append(messages.text("unrecognised", lang, columns=", ".join(self.unrecognised)))
        if self.answers:
            pairs = ", ".join(f"{k} → {v}" for k, v in self.answers.items())
            out.append(messages.text("answers_mapped", lang, pairs=pairs))
        if self.units_created:
            out.append(messages.text("units_created", lang, count=self.units_created))
        if self.duplicates:
            out.append(messages.text("duplicates", lang, count=self.duplicates))
        for suggestion in self.unit_suggestions:
            out.append(
                messages.text(
                    "unit_suggestion",
                    lang,
                    name=suggestion.name,
                    unit_id=suggestion.unit_id,
                    candidates=", ".join(f"'{n}' ({i})" for i, n in suggestion.candidates),
                    first=suggestion.candidates[0][0],
                )
            )
        if self.already_imported:
            out.append(self.earlier_text(lang))
        elif self.batch_id is None:
            out.append(messages.text("dry_run", lang))
        else:
            out.append(messages.text("batch", lang, batch=self.batch_id))
        groups = self.issue_groups()
        if len(groups):
            shown = groups.head(limit)
            out.append(messages.text("issues", lang, count=len(shown)))
            reason = "reason_en" if lang == "en" else "reason"
            for row in shown.itertuples(index=False):
                severity = messages.text(row.severity, lang)
                value = f" '{row.value}'" if isinstance(row.value, str) and row.value else ""
                where = messages.text(
                    "rows_at" if row.rows > 1 else "row_at", lang, count=row.rows, rows=row.at
                )
                out.append(f"  [{row.column}]{value} {severity}: {getattr(row, reason)} ({where})")
            if len(groups) > limit:
                out.append(messages.text("more", lang, count=len(groups) - limit))
        return out

    def issue_groups(self, shown_rows: int = 5) -> pd.DataFrame:
        """The issues grouped by column, value and reason ("KEDUDUKAN HUKUM NAMA 'X': 312
        rows"): severity, the number of rows and the first `shown_rows` row numbers; errors
        first, then the largest groups."""
        columns = ["column", "value", "severity", "rows", "at", "reason", "reason_en"]
        if not len(self.rejects):
            return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
        keys = ["column", "value", "severity", "reason", "reason_en"]
        frame = self.rejects.astype({"value": "object"}).fillna({"value": ""})
        grouped = (
            frame.groupby(keys, sort=False, dropna=False)["row_number"]
            .agg(rows="count", first="min", at=lambda rows: _row_list(rows, shown_rows))
            .reset_index()
        )
        grouped["order"] = (grouped["severity"] != "error").astype(int)
        grouped = grouped.sort_values(["order", "rows", "first"], ascending=[True, False, True])
        return grouped[columns].reset_index(drop=True)


def _row_list(rows: pd.Series, shown: int) -> str:
    """'2, 5, 9' or '2, 5, 9, 11, 12, …' (the first `shown` row numbers)."""
    numbers = sorted(int(r) for r in rows)
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (", …" if len(numbers) > shown else "")
