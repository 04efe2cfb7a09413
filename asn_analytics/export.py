"""Downloads: CSV and Excel bytes of a table, safe to open in a spreadsheet.

A text cell that a spreadsheet would read as a formula (OWASP "CSV injection": a first character
of = + - @, tab or carriage return) is neutralised: in CSV it gets a leading apostrophe and is
quoted, in Excel it is a string cell marked with the quote prefix (as if typed with an
apostrophe). Numbers stay numbers, so a negative figure is written as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# First characters that make a spreadsheet evaluate a cell (OWASP CSV injection guidance).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET = "data"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def risky(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """The text as a CSV cell: an apostrophe before a formula's first character."""
    return "'" + text if risky(text) else text


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text (no index): text cells quoted and neutralised, numbers bare."""
    out = io.StringIO()
    # QUOTE_NONNUMERIC: every text field is quoted, its quotes doubled; numbers stay bare.
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow([neutralised(str(c)) for c in frame.columns])
    for row in _rows(frame):
        writer.writerow([neutralised(v) if isinstance(v, str) else v for v in row])
    return out.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV download: UTF-8 with a byte-order mark, so that Excel reads the accents."""
    return csv_text(frame).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """The Excel download: one sheet, a bold header, text always stored as text, never a
    formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    header = []
    for column in frame.columns:
        cell = _cell(sheet, str(column))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in _rows(frame):
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: object, value: object) -> WriteOnlyCell:
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel cannot hold
        cell = WriteOnlyCell(sheet, value=text)
        # Assigning "=..." makes openpyxl store a formula; the type says it is a string.
        cell.data_type = "s"
        if risky(text):
            cell.quotePrefix = True  # stays text even when edited in Excel
        return cell
    return WriteOnlyCell(sheet, value=value)


def _rows(frame: pd.DataFrame) -> Iterator[list[object]]:
    """The rows as plain Python values: None for an empty cell, numbers as int/float/bool,
    date-times as naive datetimes (dates for a column of midnights), other objects as text."""
    columns = [_values(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return (list(row) for row in zip(*columns, strict=True)) if columns else iter(())


def _values(column: pd.Series) -> list[object]:
    if pd.api.types.is_datetime64_any_dtype(column):
        if getattr(column.dt, "tz", None) is not None:
            column = column.dt.tz_localize(None)
        present = column.dropna()
        if (present == present.dt.normalize()).all():
            return [None if pd.isna(v) else v.date() for v in column]
        return [None if pd.isna(v) else v.to_pydatetime() for v in column]
    return [_plain(v) for v in column.tolist()]


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tz else value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return str(value)
