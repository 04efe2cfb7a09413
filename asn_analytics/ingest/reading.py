"""Reading an uploaded file: CSV or Excel, its encoding, delimiter and header row.

The result is always a UTF-8 CSV file that DuckDB reads with every column as text, plus what was
detected. A UTF-8 file on disk is read in place; anything else (another encoding, an Excel sheet,
bytes from an upload, blank lines between data rows) is first written out as UTF-8 here.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn_analytics.ingest import limits
from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.ingest.limits import Watch

DELIMITERS = (",", ";", "\t", "|")
HEAD_BYTES = 1 << 20
CHUNK = 1 << 24
HEADER_SEARCH = 30
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BLANK_LINE = re.compile(rb"\n\r?\n")

Source = bytes | bytearray | memoryview | str | Path
Scorer = Callable[[list[str]], int]


@dataclass
class RawTable:
    """A table found in a file, ready for DuckDB, and how it was found."""

    file_format: str  # "csv" or "xlsx"
    encoding: str | None  # None for Excel
    delimiter: str | None  # None for Excel
    headers: list[str]
    header_row: int  # spreadsheet row of the header (1-based)
    csv_path: Path  # UTF-8 CSV with the data rows (and whatever precedes them: see skip)
    csv_delimiter: str
    skip: int  # lines of csv_path before the first data row
    sha256: str
    sheet: str | None = None
    # (bytes, path, file name, work directory) of the source, for a late rewrite
    source: tuple = ()
    pending: Future | None = None  # the background check of a file read in place
    watch: Watch | None = None  # the limits, clock and cancel flag of the read


def read(
    source: Source, file_name: str, workdir: Path, score: Scorer, watch: Watch | None = None
) -> RawTable:
    """Find the table in `source` (a path or the file's bytes); raises ImportRefused.

    `watch` holds the limits (settings.ReadLimits), a progress callback (rows read) and a cancel
    flag; a file over a limit, a read past its time or a cancelled one is refused.
    """
    watch = watch or Watch()
    watch.check(file_name)  # starts the clock
    data, path = _load(source, file_name)
    head = data[:HEAD_BYTES] if data is not None else _head(path, file_name)
    size = _size(data, path)
    if not head.strip(b" \t\r\n\x00") and size <= HEAD_BYTES:
        raise ImportRefused("empty", file=file_name)
    if head.startswith((XLSX_MAGIC, XLS_MAGIC)):
        return _read_excel(data, path, file_name, workdir, score, watch)
    if size > watch.limits.text_bytes:
        limits.over(file_name, "text_bytes", size, watch.limits.text_bytes)
    return _read_text(data, path, head, file_name, workdir, score, watch)


def _load(source: Source, file_name: str) -> tuple[bytes | None, Path | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    path = Path(source)
    if not path.is_file():
        raise ImportRefused("not_found", file=file_name)
    return None, path


def _head(path: Path, file_name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as exc:
        raise ImportRefused("unreadable", file=file_name, detail=exc.strerror or str(exc)) from None


def _size(data: bytes | None, path: Path | None) -> int:
    return len(data) if data is not None else path.stat().st_size


def _chunks(data: bytes | None, path: Path | None):
    if data is not None:
        yield data
        return
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


# -- text files ---------------------------------------------------------------------------------


_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])


def _check_bytes(head: bytes, file_name: str) -> None:
    """Refuse what is plainly not text: NUL bytes or many control characters (UTF-16 aside)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    sample = head[:65536]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or control > len(sample) / 100:
        raise ImportRefused("binary", file=file_name)


def _head_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _guess_encoding(sample: bytes, file_name: str) -> str:
    """Windows-1252 and its relatives, as charset-normalizer judges the bytes."""
    import charset_normalizer  # only for a file that is not UTF-8: spare the others its import

    best = charset_normalizer.from_bytes(
        sample, cp_isolation=["cp1252", "iso8859_15", "latin_1"]
    ).best()
    if best is None:
        raise ImportRefused("encoding", file=file_name)
    return best.encoding


def _decode(data: bytes, encoding: str, file_name: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ImportRefused("encoding", file=file_name) from None


def _check_text(text: str, file_name: str) -> None:
    sample = text[:200_000]
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    if "\x00" in sample or control > len(sample) / 100:
        raise ImportRefused("binary", file=file_name)


def _rows(text: str, delimiter: str, limit: int) -> tuple[list[list[str]], list[int]]:
    """The first records of `text` and, for each, the physical lines read through it."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, strict=False)
    rows, lines = [], []
    try:
        for row in reader:
            rows.append(row)
            lines.append(reader.line_num)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows, lines


def _find_header(text: str, score: Scorer) -> tuple[str, int, list[str], int] | None:
    """(delimiter, record index, header cells, lines through the header) of the best header."""
    best = None
    for order, delimiter in enumerate(DELIMITERS):
        rows, lines = _rows(text, delimiter, HEADER_SEARCH + 1)
        for index, row in enumerate(rows[:HEADER_SEARCH]):
            points = score(row)
            if points == 0:
                continue
            cells = sum(1 for c in row if c.strip())
            rank = (points, cells, -order, -index)
            if best is None or rank > best[0]:
                best = (rank, delimiter, index, row, lines[index])
    if best is None:
        return None
    _, delimiter, index, row, line = best
    return delimiter, index, row, line


def _read_text(
    data: bytes | None,
    path: Path | None,
    head: bytes,
    file_name: str,
    workdir: Path,
    score: Scorer,
    watch: Watch,
) -> RawTable:
    _check_bytes(head, file_name)
    old_mac = b"\r" in head and b"\n" not in head
    # A line too long is refused from the head, before any parser holds it.
    limits.LineCheck(file_name, watch, b"\r" if old_mac else b"\n").feed(head)
    encoding = _head_encoding(head)
    if encoding is None:
        encoding = _guess_encoding(head, file_name)
    complete = _size(data, path) <= len(head)
    try:
        head_text = codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
    except UnicodeDecodeError:
        raise ImportRefused("encoding", file=file_name) from None
    _check_text(head_text, file_name)
    if not complete and "\n" in head_text:
        head_text = head_text[: head_text.rindex("\n") + 1]
    found = _find_header(head_text, score)
    if found is None:
        raise ImportRefused("no_header", file=file_name, detail=_expected())
    delimiter, index, headers, lines = found
    table = RawTable(
        file_format="csv",
        encoding=encoding,
        delimiter=delimiter,
        headers=[h.replace("\ufeff", "").strip() for h in headers],
        header_row=index + 1,
        csv_path=path if path is not None else workdir / "upload.csv",
        csv_delimiter=delimiter,
        skip=lines,
        sha256="",
        source=(data, path, file_name, workdir),
        watch=watch,
    )
    header_end = _line_offset(head, lines) if encoding in ("utf-8", "utf-8-sig") else None
    if header_end is None or old_mac:
        _transcode(table, encoding)
    elif data is not None:
        table.sha256, valid, inner_blank = _scan(data, None, header_end, file_name, watch)
        if valid and not inner_blank:
            table.csv_path.write_bytes(data)
        else:
            _transcode(table, encoding if valid else None)
    else:
        # A UTF-8 file on disk is read by DuckDB in place while this thread hashes it and
        # checks that it is UTF-8 throughout, without blank lines between rows (see settle()).
        executor = ThreadPoolExecutor(max_workers=1)
        table.pending = executor.submit(_scan, None, path, header_end, file_name, watch)
        executor.shutdown(wait=False)
    return table


def settle(table: RawTable) -> bool:
    """Finish the background check of a file read in place; True when it had to be rewritten
    (another encoding after all, or blank lines between rows) and must be staged again."""
    if table.pending is None:
        return False
    try:
        table.sha256, valid, inner_blank = table.pending.result()
    except OSError as exc:
        file_name = table.source[2]
        raise ImportRefused("unreadable", file=file_name, detail=exc.strerror or str(exc)) from None
    finally:
        table.pending = None
    if valid and not inner_blank:
        return False
    _transcode(table, table.encoding if valid else None)
    return True


def _transcode(table: RawTable, encoding: str | None) -> None:
    """Rewrite the data records as UTF-8 CSV: another encoding, blank lines, old Mac line ends."""
    data, path, file_name, workdir = table.source
    whole = _whole(data, path)
    limits.LineCheck(file_name, table.watch or Watch(), b"\n" if b"\n" in whole else b"\r").feed(
        whole
    )
    if not table.sha256:
        table.sha256 = hashlib.sha256(whole).hexdigest()
    table.encoding = encoding or _guess_encoding(whole, file_name)
    text = _decode(whole, table.encoding, file_name).removeprefix("\ufeff")
    _check_text(text, file_name)
    table.csv_path = workdir / "transcoded.csv"
    _rewrite(text, table, len(table.headers), file_name)


def _line_offset(head: bytes, lines: int) -> int | None:
    """Byte offset just after the first `lines` lines of the head (None if not in the head)."""
    offset = 0
    for _ in range(lines):
        found = head.find(b"\n", offset)
        if found < 0:
            return None
        offset = found + 1
    return offset


def _blank_line_end(tail: bytes, chunk: bytes, offset: int) -> int | None:
    """Where in `chunk` the first blank line of tail + chunk at or after `offset` (counted from
    the start of tail) ends, or None; without copying the chunk."""
    if tail:
        # A blank line across the boundary starts in the tail and ends in chunk's first bytes.
        match = _BLANK_LINE.search(tail + chunk[:2], offset)
        if match and match.start() < len(tail):
            return match.end() - len(tail)
    match = _BLANK_LINE.search(chunk, max(0, offset - len(tail)))
    return match.end() if match else None


def _scan(
    data: bytes | None, path: Path | None, start: int, file_name: str, watch: Watch
) -> tuple[str, bool, bool]:
    """One pass: sha256, whether the bytes are UTF-8, blank lines between data rows, and the
    limits on lines (refused when over)."""
    lines = limits.LineCheck(file_name, watch)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    valid = True
    blank_seen = inner_blank = False
    position = 0
    tail = b""
    for chunk in _chunks(data, path):
        lines.feed(chunk)
        digest.update(chunk)
        # ASCII after a complete character is UTF-8 as it stands: no need to decode it.
        if valid and not (chunk.isascii() and not decoder.getstate()[0]):
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError:
                valid = False
        if not inner_blank:
            if not blank_seen:
                end = _blank_line_end(tail, chunk, max(0, start - (position - len(tail))))
                if end is not None:
                    blank_seen = True
                    inner_blank = bool(chunk[end:].strip())
            else:
                inner_blank = bool(chunk.strip())
            tail = (tail + chunk)[-2:] if len(chunk) < 2 else chunk[-2:]
        position += len(chunk)
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return digest.hexdigest(), valid, inner_blank


def _whole(data: bytes | None, path: Path | None) -> bytes:
    return data if data is not None else path.read_bytes()


def _rewrite(text: str, table: RawTable, width: int, file_name: str) -> None:
    """Write the data records as a plain CSV, a blank line becoming an empty record."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=table.delimiter, strict=False)
    watch = table.watch or Watch()
    with table.csv_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=",", lineterminator="\n")
        try:
            for number, row in enumerate(reader, start=1):
                if number % limits.TICK_ROWS == 0:
                    watch.rows(number, file_name)
                if number <= table.header_row:
                    continue
                writer.writerow(row if row else [""] * max(width, 2))
        except csv.Error as exc:
            raise ImportRefused("unreadable", file=file_name, detail=str(exc)) from None
    table.csv_delimiter = ","
    table.skip = 0


def _expected() -> str:
    return "NIP, Nama, Unit Kerja, Tahun, Predikat, Tanggal Laporan, U1..U9"


# -- Excel ----------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """An Excel cell as the text a CSV export would show."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float | int):
        # Past 15 digits a number cell has lost digits (an 18-digit NIP typed as a number):
        # show it as Excel does, so that the NIP check reports it instead of guessing.
        if abs(value) >= 1e15:
            return f"{float(value):.5E}"
        if isinstance(value, int) or value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


Rows = Callable[[], Iterator[list]]


def _sheets(data: bytes | None, path: Path | None) -> Iterator[tuple[str, Rows]]:
    """Each sheet's name and its rows from A1, read one at a time (calamine)."""
    from python_calamine import CalamineWorkbook

    workbook = (
        CalamineWorkbook.from_path(str(path))
        if path is not None
        else CalamineWorkbook.from_filelike(io.BytesIO(data))
    )
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        yield name, lambda sheet=sheet: _calamine_rows(sheet)


def _calamine_rows(sheet) -> Iterator[list]:
    # calamine gives every row from the first, but each from the sheet's first used column.
    pad = [""] * (sheet.start[1] if sheet.start else 0)
    for row in sheet.iter_rows():
        yield pad + row if pad else row


def _openpyxl_sheets(data: bytes | None, path: Path | None) -> Iterator[tuple[str, Rows]]:
    """The same from openpyxl (streamed), for a workbook calamine cannot read."""
    import openpyxl

    workbook = openpyxl.load_workbook(
        path if path is not None else io.BytesIO(data), read_only=True, data_only=True
    )
    for ws in workbook.worksheets:
        yield ws.title, lambda ws=ws: ws.iter_rows(min_row=1, min_col=1, values_only=True)


def _bounded(rows: Iterator, sheet: str, file_name: str, watch: Watch) -> Iterator[list]:
    """The rows of a sheet, refused past the sheet limits, with progress and the clock."""
    most_rows, most_columns = watch.limits.sheet_rows, watch.limits.sheet_columns
    for number, row in enumerate(rows, start=1):
        if number > most_rows:
            limits.over(file_name, "sheet_rows", number, most_rows, sheet=sheet)
        if len(row) > most_columns:
            limits.over(file_name, "sheet_columns", len(row), most_columns, sheet=sheet)
        if number % limits.TICK_ROWS == 0:
            watch.rows(number, file_name)
        yield row


def _find_sheet_header(sheets: Iterator[tuple[str, Rows]], score: Scorer, file_name: str, watch):
    """(best header or None, whether any sheet has a cell, the sheets as read)."""
    best = None
    any_cell = False
    read = []
    for order, (name, rows) in enumerate(sheets):
        read.append((name, rows))
        first = itertools.islice(_bounded(rows(), name, file_name, watch), HEADER_SEARCH)
        for index, row in enumerate(first):
            cells = [cell_text(c) for c in row]
            any_cell = any_cell or any(c.strip() for c in cells)
            points = score(cells)
            if points and (best is None or (points, -order, -index) > best[0]):
                best = ((points, -order, -index), name, index, cells, rows)
    return best, any_cell, read


def _read_excel(
    data: bytes | None,
    path: Path | None,
    file_name: str,
    workdir: Path,
    score: Scorer,
    watch: Watch,
) -> RawTable:
    sha = hashlib.sha256()
    for chunk in _chunks(data, path):
        sha.update(chunk)
    limits.check_workbook(data, path, file_name, watch)
    try:
        best, any_cell, sheets = _find_sheet_header(_sheets(data, path), score, file_name, watch)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - any calamine failure: try openpyxl before refusing
        try:
            found = _find_sheet_header(_openpyxl_sheets(data, path), score, file_name, watch)
        except ImportRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken workbook is the user's file, not a bug
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ImportRefused("unreadable", file=file_name, detail=detail) from None
        best, any_cell, sheets = found
    if best is None:
        for name, rows in sheets:
            if any_cell:
                break
            rest = _bounded(rows(), name, file_name, watch)
            any_cell = any(any(cell_text(c).strip() for c in row) for row in rest)
        if not any_cell:
            raise ImportRefused("empty", file=file_name)
        raise ImportRefused("no_header", file=file_name, detail=_expected())
    _, sheet, index, headers, rows = best
    out = workdir / "sheet.csv"
    width = max(len(headers), 2)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", lineterminator="\n")
        for row in itertools.islice(_bounded(rows(), sheet, file_name, watch), index + 1, None):
            cells = [cell_text(c) for c in row]
            writer.writerow(cells if any(cells) else [""] * width)
    return RawTable(
        file_format="xlsx",
        encoding=None,
        delimiter=None,
        headers=[h.strip() for h in headers],
        header_row=index + 1,
        csv_path=out,
        csv_delimiter=",",
        skip=0,
        sha256=sha.hexdigest(),
        sheet=sheet,
        watch=watch,
    )
