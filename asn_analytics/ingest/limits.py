"""Reading within limits: a file is measured before it is read, and a read stops on time.

The limits live in asn_analytics.settings.ReadLimits. A workbook is measured from its zip without
trusting what it declares: member sizes from the central directory, then each sheet and the shared
strings streamed through a bounded decompressor, counting cells and the area they span (which is
what a reader allocates), so that a 1.6 KB file naming a cell at XFD1048576 is refused at once.
"""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.settings import ReadLimits

STREAM = 1 << 22  # bytes of a zip member decompressed at a time
SMALL_MEMBER = 1 << 20  # below this size, a member's compression ratio does not matter
TICK_ROWS = 2000  # rows between two progress reports (and clock checks) of a sheet


@dataclass
class Watch:
    """The clock, progress report and cancel flag of one read."""

    limits: ReadLimits = field(default_factory=ReadLimits.from_env)
    progress: Callable[[int], None] | None = None  # rows read so far (may run in a thread)
    cancel: threading.Event | None = None
    clock: Callable[[], float] = time.monotonic
    started: float | None = None

    def check(self, file_name: str) -> None:
        """Refuse when cancelled or past the time limit."""
        if self.cancel is not None and self.cancel.is_set():
            raise ImportRefused("cancelled", file=file_name)
        now = self.clock()
        if self.started is None:
            self.started = now
        if now - self.started > self.limits.read_seconds:
            over(file_name, "read_seconds", round(now - self.started), self.limits.read_seconds)

    def rows(self, count: int, file_name: str) -> None:
        """Report `count` rows read so far, then check the clock and the cancel flag."""
        if self.progress is not None:
            self.progress(count)
        self.check(file_name)


def over(file_name: str, limit: str, value: float, maximum: float, **params: object) -> None:
    """Refuse the file: `limit` (a ReadLimits field) found at `value`, over `maximum`."""
    raise ImportRefused(
        f"limit_{limit}",
        file=file_name,
        value=value,
        limit=maximum,
        setting=f"ASN_LIMIT_{limit.upper()}",
        **params,
    )


# -- text -------------------------------------------------------------------------------------


class LineCheck:
    """Counts lines and refuses a line longer than the limit, chunk by chunk, at C speed."""

    def __init__(self, file_name: str, watch: Watch, separator: bytes = b"\n") -> None:
        self.file_name, self.watch, self.separator = file_name, watch, separator
        self.lines = 0
        self.open = 0  # bytes of the current line seen in earlier chunks

    def feed(self, chunk: bytes) -> None:
        limits = self.watch.limits
        longest, sep = limits.line_bytes, self.separator
        # Every window of `longest + 1` bytes must hold a separator; jump from the last one in
        # each window to the next, so a chunk of short lines costs a few calls, not one per line.
        position = 0
        while True:
            reach = longest - self.open  # bytes this line may still take
            end = min(len(chunk), position + reach + 1)
            found = chunk.rfind(sep, position, end)
            if found < 0:
                if end - position > reach:
                    over(self.file_name, "line_bytes", self._length(chunk, position), longest)
                self.open += len(chunk) - position
                break
            self.open = 0
            position = found + 1
        self.lines += chunk.count(sep)
        if self.lines > limits.text_rows:
            over(self.file_name, "text_rows", self.lines, limits.text_rows)
        self.watch.rows(self.lines, self.file_name)

    def _length(self, chunk: bytes, position: int) -> int:
        """The long line's length as far as this chunk shows it."""
        found = chunk.find(self.separator, position)
        return self.open + (found if found >= 0 else len(chunk)) - position


# -- workbooks --------------------------------------------------------------------------------

_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_CELL_COLUMN = re.compile(rb'\sr="([A-Z]+)\d')
_CELL_ROW = re.compile(rb'\sr="[A-Z]+(\d+)"')
_ROW = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"")
_SHEET = re.compile(rb"<sheet\b[^>]*?/?>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<Relationship\b[^>]*?/?>")
_SST = re.compile(rb"<sst\b[^>]*>")


def column_number(letters: bytes) -> int:
    """A1-style column letters as a number (A = 1, XFD = 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_workbook(data: bytes | None, path: Path | None, file_name: str, watch: Watch) -> None:
    """Refuse a workbook over a limit before any reader allocates for it (not a zip: nothing)."""
    try:
        archive = zipfile.ZipFile(path if path is not None else io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return  # an old .xls or a broken file: the readers say what is wrong with it
    with archive:
        try:
            _check_members(archive, file_name, watch)
            names = _sheet_names(archive)
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    sheet = names.get(info.filename, Path(info.filename).stem)
                    _check_sheet(archive, info, sheet, file_name, watch)
                elif info.filename == "xl/sharedStrings.xml":
                    _check_shared_strings(archive, info, file_name, watch)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            # a member that does not unpack to what the directory says (or cannot be unpacked)
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ImportRefused("unreadable", file=file_name, detail=detail) from None


def _check_members(archive: zipfile.ZipFile, file_name: str, watch: Watch) -> None:
    limits = watch.limits
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.unzipped_bytes:
        over(file_name, "unzipped_bytes", total, limits.unzipped_bytes)
    for info in infos:
        if info.file_size > SMALL_MEMBER:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.zip_ratio:
                over(file_name, "zip_ratio", round(ratio), limits.zip_ratio, member=info.filename)


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    return archive.read(info) if info.file_size <= SMALL_MEMBER else b""


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip member -> the sheet's name as Excel shows it (where the workbook says)."""
    targets = {}
    for tag in _RELATION.findall(_small(archive, "xl/_rels/workbook.xml.rels")):
        attrs = dict(_ATTRIBUTE.findall(tag))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        target = target.removeprefix("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get(b"Id", b"")] = target
    names = {}
    for tag in _SHEET.findall(_small(archive, "xl/workbook.xml")):
        attrs = {key.split(b":")[-1]: value for key, value in _ATTRIBUTE.findall(tag)}
        if attrs.get(b"id") in targets and b"name" in attrs:
            name = attrs[b"name"].decode("utf-8", "replace")
            names[targets[attrs[b"id"]]] = name.replace("&amp;", "&").replace("&quot;", '"')
    return names


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str, watch: Watch):
    """The member's bytes (at most its declared size) in chunks cut before a '<', so that no tag
    and no text between two tags is split; a text run too long to carry over is refused."""
    longest = watch.limits.line_bytes
    carry = b""
    with archive.open(info) as member:
        while chunk := member.read(max(STREAM, longest + 1)):
            watch.check(file_name)
            chunk = carry + chunk
            cut = chunk.rfind(b"<")
            if cut <= 0:  # all text (or one tag): the caller's pattern sees how long it is
                cut = len(chunk)
            yield chunk[:cut]
            carry = chunk[cut:]
            if len(carry) > longest:
                over(file_name, "line_bytes", len(carry), longest, member=info.filename)
    if carry:
        yield carry


@dataclass
class _Area:
    """What a sheet's cells span, as the reader will allocate it."""

    cells: int = 0
    referenced: int = 0
    rows: int = 0
    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0

    def add_rows(self, numbers: set[bytes]) -> None:
        if numbers:
            values = [int(n) for n in numbers]
            self.first_row = min(self.first_row or min(values), min(values))
            self.last_row = max(self.last_row, max(values))

    def add_columns(self, letters: set[bytes]) -> None:
        if letters:
            values = [column_number(c) for c in letters]
            self.first_column = min(self.first_column or min(values), min(values))
            self.last_column = max(self.last_column, max(values))

    def size(self) -> tuple[int, int]:
        """(rows, columns) spanned; a cell without a reference may sit anywhere after the last."""
        unreferenced = max(self.cells - self.referenced, 0)
        rows = max(self.last_row - self.first_row + 1 if self.last_row else 0, self.rows)
        columns = self.last_column - self.first_column + 1 if self.last_column else 0
        return rows, columns + unreferenced


def _check_sheet(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, file_name: str, watch: Watch
) -> None:
    limits = watch.limits
    area = _Area()
    value = _long_text(limits)
    first = True
    for chunk in _stream(archive, info, file_name, watch):
        if first:
            _check_dimension(chunk, sheet, file_name, limits)
            first = False
        area.cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/")
        area.rows += chunk.count(b"<row ") + chunk.count(b"<row>")
        columns = _CELL_COLUMN.findall(chunk)
        area.referenced += len(columns)
        area.add_columns(set(columns))
        area.add_rows(set(_CELL_ROW.findall(chunk)) | set(_ROW.findall(chunk)))
        if area.cells > limits.sheet_cells:
            over(file_name, "sheet_cells", area.cells, limits.sheet_cells, sheet=sheet)
        if (long := value.search(chunk)) is not None:
            over(file_name, "line_bytes", len(long.group()), limits.line_bytes, sheet=sheet)
        _check_area(area.size(), sheet, file_name, limits)


def _long_text(limits: ReadLimits) -> re.Pattern[bytes]:
    """Text between two tags longer than the longest line allowed (a cell or a shared string)."""
    return re.compile(rb"(?<=>)[^<]{%d,}" % (limits.line_bytes + 1))


def _check_dimension(head: bytes, sheet: str, file_name: str, limits: ReadLimits) -> None:
    """The area the sheet declares (its <dimension ref="A1:BM100000">), refused when too large."""
    found = _DIMENSION.search(head)
    if found is None:
        return
    first_col, first_row, last_col, last_row = found.groups()
    if last_col is None:
        last_col, last_row = first_col, first_row
    if not (first_col and first_row and last_col and last_row):
        return
    rows = abs(int(last_row) - int(first_row)) + 1
    columns = abs(column_number(last_col) - column_number(first_col)) + 1
    _check_area((rows, columns), sheet, file_name, limits)


def _check_area(size: tuple[int, int], sheet: str, file_name: str, limits: ReadLimits) -> None:
    rows, columns = size
    if rows > limits.sheet_rows:
        over(file_name, "sheet_rows", rows, limits.sheet_rows, sheet=sheet)
    if columns > limits.sheet_columns:
        over(file_name, "sheet_columns", columns, limits.sheet_columns, sheet=sheet)
    if rows * columns > limits.sheet_cells:
        over(file_name, "sheet_cells", rows * columns, limits.sheet_cells, sheet=sheet)


def _check_shared_strings(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str, watch: Watch
) -> None:
    limits = watch.limits
    if info.file_size > limits.shared_strings_bytes:
        over(file_name, "shared_strings_bytes", info.file_size, limits.shared_strings_bytes)
    value = _long_text(limits)
    count = 0
    first = True
    for chunk in _stream(archive, info, file_name, watch):
        if first:
            found = _SST.search(chunk)
            declared = dict(_ATTRIBUTE.findall(found.group())) if found else {}
            unique = declared.get(b"uniqueCount", b"")
            if unique.isdigit() and int(unique) > limits.shared_strings:
                over(file_name, "shared_strings", int(unique), limits.shared_strings)
            first = False
        count += chunk.count(b"<si>") + chunk.count(b"<si ")
        if count > limits.shared_strings:
            over(file_name, "shared_strings", count, limits.shared_strings)
        if (long := value.search(chunk)) is not None:
            over(file_name, "line_bytes", len(long.group()), limits.line_bytes)
