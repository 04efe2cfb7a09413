"""Reading within limits (settings.ReadLimits): hostile workbooks and text files are refused before
they are read, in a process limited to 1.5 GB of address space; progress, time limit and cancel."""

from __future__ import annotations

import csv
import io
import json
import struct
import threading
import zipfile
import zlib
from pathlib import Path

import pytest

from asn_analytics import ingest
from asn_analytics.ingest import ImportRefused, limits, mapping, reading
from asn_analytics.ingest.limits import Watch
from asn_analytics.settings import ReadLimits
from tests.factories import run_script

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "data" / "samples"
GB = 1 << 30
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c></row>'


def score(cells: list[str]) -> int:
    return 1 if "NIP" in cells else 0


def _parts(sheet: str, shared: bool) -> dict[str, str]:
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
    sheet_part = "/xl/worksheets/sheet1.xml"
    overrides += f'<Override PartName="{sheet_part}" ContentType="{ct}.worksheet+xml"/>'
    rels = f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
        )
        rels += f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            '<sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}">{rels}</Relationships>',
        "xl/worksheets/sheet1.xml": (f'<worksheet xmlns="{MAIN}">{sheet}</worksheet>'),
    }


class Member:
    """A zip member's raw deflate stream, built from (prefix, chunk repeated `times`, suffix)
    without the expanded bytes ever being in memory at once; `declared` overrides the size the
    zip states."""

    def __init__(
        self, prefix: bytes, chunk: bytes = b"", times: int = 0, suffix: bytes = b"",
        declared: int | None = None,
    ) -> None:  # fmt: skip
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        # After a full flush the compressor starts afresh: one chunk's output serves every copy.
        head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
        body = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH) if times else b""
        self.raw = head + body * times + packer.compress(suffix) + packer.flush()
        crc = zlib.crc32(prefix)
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        self.crc = zlib.crc32(suffix, crc)
        self.size = len(prefix) + len(chunk) * times + len(suffix)
        self.declared = self.size if declared is None else declared


def zip_bytes(members: dict[str, Member]) -> bytes:
    """A zip archive of deflated members (sizes under 4 GB: no zip64)."""
    out, directory = io.BytesIO(), []
    for name, m in members.items():
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, m.crc, len(m.raw), m.declared, len(encoded), 0)
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields) + encoded + m.raw)
        directory.append(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset)
            + encoded
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(directory), len(directory),
                          size, start, 0))  # fmt: skip
    return out.getvalue()


def workbook(
    path: Path, sheet: str, shared: str | None = None, members: dict[str, Member] | None = None
) -> Path:
    """A minimal .xlsx with `sheet` inside <worksheet> and optional shared strings; `members`
    replace or join the generated ones."""
    texts = _parts(sheet, shared is not None)
    parts = {name: Member(text.encode()) for name, text in texts.items()}
    if shared is not None:
        parts["xl/sharedStrings.xml"] = Member(shared.encode())
    parts.update(members or {})
    path.write_bytes(zip_bytes(parts))
    return path


def rows_xml(*rows: str) -> str:
    return "<sheetData>" + HEADER + "".join(rows) + "</sheetData>"


def sst(*strings: str, unique: int | None = None) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    count = len(strings) if unique is None else unique
    return f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{items}</sst>'


def refused(source, tmp_path: Path, name: str = "f.xlsx", **limit) -> ImportRefused:
    """The refusal of reading `source` with the given limits (the rest default)."""
    watch = Watch(ReadLimits(**limit))
    with pytest.raises(ImportRefused) as caught:
        table = reading.read(source, name, tmp_path, score, watch)
        reading.settle(table)
    return caught.value


def read_rows(source, tmp_path: Path, name: str = "f.xlsx", watch: Watch | None = None) -> list:
    table = reading.read(source, name, tmp_path, score, watch or Watch(ReadLimits()))
    reading.settle(table)
    with table.csv_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=table.csv_delimiter))[table.skip :]


# -- bombs, each read in a process limited to 1.5 GB of address space --------------------------

CHILD = """
import json, resource, sys, tempfile
from pathlib import Path
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from asn_analytics.ingest import ImportRefused, reading
path = Path(sys.argv[1])
try:
    with tempfile.TemporaryDirectory() as tmp:
        table = reading.read(path, path.name, Path(tmp), lambda c: 1 if "NIP" in c else 0)
        reading.settle(table)
except ImportRefused as refused:
    print(json.dumps({"code": refused.code, "en": refused.message("en")}))
    sys.exit(2)
print(json.dumps({"code": None}))
"""
MEMORY = 1536 << 20
A16 = b"A" * (1 << 24)
SST_OPEN = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()


def _xfd_dimension(path: Path) -> Path:
    # 1.4 KB: declares A1:XFD1048576 and has a cell there (549 GB for a dense reader)
    last = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return workbook(path, '<dimension ref="A1:XFD1048576"/>' + rows_xml(last))


def _xfd_no_dimension(path: Path) -> Path:
    return workbook(path, rows_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def _shared_string_gigabyte(path: Path) -> Path:
    # one shared string of 1 GB (60 x 16 MiB) from about 1 MB
    big = Member(SST_OPEN, A16, 60, b"</t></si></sst>")
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(path, rows_xml(cell), members={"xl/sharedStrings.xml": big})


def _shared_string_lying_size(path: Path) -> Path:
    # the same string, but the zip directory says the member unpacks to 2 KB
    big = Member(SST_OPEN, A16, 60, b"</t></si></sst>", declared=2048)
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(path, rows_xml(cell), members={"xl/sharedStrings.xml": big})


def _cell_gigabyte(path: Path) -> Path:
    prefix = f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER}<row r="2"><c r="A2" t="inlineStr">'
    end = b"</t></is></c></row></sheetData></worksheet>"
    sheet = Member((prefix + "<is><t>").encode(), A16, 60, end)
    return workbook(path, rows_xml(), members={"xl/worksheets/sheet1.xml": sheet})


def _zip_bomb_member(path: Path) -> Path:
    # 2 GiB of zeros in a member no reader needs
    bomb = Member(b"", b"\0" * (1 << 24), 128)
    return workbook(path, rows_xml(), members={"xl/media/image1.png": bomb})


def _csv_long_line(path: Path) -> Path:
    with path.open("wb") as out:
        out.write(b"NIP;Nama\n1;")
        for _ in range(100):
            out.write(b"x" * (1 << 20))
        out.write(b"\n")
    return path


def _csv_many_rows(path: Path) -> Path:
    path.write_bytes(b"NIP;Nama\n" + b"198001012005011001;Budi\n" * 5000)
    return path


BOMBS = [
    (_xfd_dimension, "x.xlsx", {}, "limit_sheet_columns",
     "Sheet Pegawai of x.xlsx spans 16,384 columns, over the limit of 1,024 columns"),
    (_xfd_no_dimension, "x.xlsx", {}, "limit_sheet_columns", "spans 16,384 columns"),
    (_shared_string_gigabyte, "x.xlsx", {}, "limit_zip_ratio",
     "The part xl/sharedStrings.xml of x.xlsx expands"),
    (_shared_string_lying_size, "x.xlsx", {}, "unreadable",
     "Bad CRC-32 for file 'xl/sharedStrings.xml'"),
    (_cell_gigabyte, "x.xlsx", {}, "limit_zip_ratio",
     "The part xl/worksheets/sheet1.xml of x.xlsx expands"),
    (_zip_bomb_member, "x.xlsx", {}, "limit_unzipped_bytes",
     "The Excel file x.xlsx unpacks to 2,147,"),
    (_csv_long_line, "x.csv", {}, "limit_line_bytes",
     # the first 16 MiB read of the 100 MB line
     "A line or cell in x.csv is at least 16,777,207 bytes long, over the limit of 1,048,576"),
    (_csv_many_rows, "x.csv", {"ASN_LIMIT_TEXT_ROWS": "1000"}, "limit_text_rows",
     "The file x.csv has at least 5,001 rows, over the limit of 1,000 rows (ASN_LIMIT_TEXT_ROWS)."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "name", "env", "code", "english"), BOMBS, ids=[b[0].__name__[1:] for b in BOMBS]
)
def test_a_bomb_is_refused_cleanly_within_a_memory_limit(
    tmp_path, monkeypatch, make, name, env, code, english
):
    path = make(tmp_path / name)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    done = run_script(CHILD, path, MEMORY)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == code
    assert english in result["en"]


def test_the_dimension_bomb_is_tiny(tmp_path):
    assert _xfd_dimension(tmp_path / "x.xlsx").stat().st_size < 2000


# -- each limit on its own, in this process with small limits ----------------------------------

CELL_2 = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'


def test_a_declared_dimension_over_the_limit_is_refused_from_the_first_bytes(tmp_path):
    # declares A1:C2000 while its cells fill only A1:A2
    book = workbook(tmp_path / "f.xlsx", '<dimension ref="A1:C2000"/>' + rows_xml(CELL_2))
    assert read_rows(book, tmp_path) == [["x"]]
    exc = refused(book, tmp_path, sheet_rows=1000)
    assert (exc.code, exc.params["value"], exc.params["sheet"]) == (
        "limit_sheet_rows",
        2000,
        "Pegawai",
    )
    assert exc.message("id") == (
        "Lembar Pegawai di f.xlsx mencakup 2.000 baris, melebihi batas 1.000 baris "
        "(ASN_LIMIT_SHEET_ROWS)."
    )
    # 2000 rows x 3 columns = 6000 cells
    assert refused(book, tmp_path, sheet_cells=5999).params["value"] == 6000


def test_the_cells_found_count_whatever_the_sheet_declares(tmp_path):
    # declares A1:A1, but has cells down to A2000 and across to K1
    deep = workbook(tmp_path / "f.xlsx", '<dimension ref="A1"/>' + rows_xml(
        '<row r="2000"><c r="A2000"><v>1</v></c></row>'))  # fmt: skip
    assert refused(deep, tmp_path, sheet_rows=1999).params["value"] == 2000
    wide = workbook(tmp_path / "g.xlsx", rows_xml('<row r="2"><c r="K2"><v>1</v></c></row>'))
    exc = refused(wide, tmp_path, sheet_columns=10)
    assert (exc.code, exc.params["value"]) == ("limit_sheet_columns", 11)  # A..K
    # cells without a reference sit one after the other, so may follow the last referenced one:
    # A1 (the header) and 30 such cells span up to 31 columns
    bare = workbook(tmp_path / "h.xlsx", rows_xml("<row>" + "<c><v>1</v></c>" * 30 + "</row>"))
    assert refused(bare, tmp_path, sheet_columns=30).params["value"] == 31


def test_shared_strings_are_counted_beyond_what_they_declare(tmp_path):
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    declared = workbook(tmp_path / "f.xlsx", rows_xml(cell), sst("a", "b", unique=50))
    exc = refused(declared, tmp_path, shared_strings=10)
    assert (exc.code, exc.params["value"]) == ("limit_shared_strings", 50)
    counted = workbook(tmp_path / "g.xlsx", rows_xml(cell), sst(*"abcdefghijkl", unique=1))
    assert refused(counted, tmp_path, shared_strings=10).params["value"] == 12
    assert read_rows(counted, tmp_path) == [["a"]]
    size = len(sst(*"abcdefghijkl", unique=1).encode())
    exc = refused(counted, tmp_path, shared_strings_bytes=size - 1)
    assert (exc.code, exc.params["value"]) == ("limit_shared_strings_bytes", size)


def test_the_zip_is_measured_from_its_directory(tmp_path):
    book = workbook(tmp_path / "f.xlsx", rows_xml(CELL_2))
    with zipfile.ZipFile(book) as archive:
        total = sum(info.file_size for info in archive.infolist())
    exc = refused(book, tmp_path, unzipped_bytes=total - 1)
    assert (exc.code, exc.params["value"]) == ("limit_unzipped_bytes", total)
    # 2 MiB of zeros pack into about 2 KB: a ratio near 1000
    padded = workbook(tmp_path / "g.xlsx", rows_xml(CELL_2),
                      members={"xl/media/pad.bin": Member(b"\0" * (2 << 20))})  # fmt: skip
    exc = refused(padded, tmp_path)
    assert exc.code == "limit_zip_ratio" and exc.params["member"] == "xl/media/pad.bin"
    assert exc.params["value"] > 100
    assert read_rows(padded, tmp_path, watch=Watch(ReadLimits(zip_ratio=10_000))) == [["x"]]


def test_a_member_that_unpacks_past_its_declared_size_is_refused(tmp_path):
    lying = Member(SST_OPEN, b"A" * 5000, 1, b"</t></si></sst>", declared=100)
    book = workbook(tmp_path / "f.xlsx", rows_xml(), members={"xl/sharedStrings.xml": lying})
    exc = refused(book, tmp_path)
    assert exc.code == "unreadable" and "Bad CRC-32" in exc.params["detail"]


def test_a_long_text_in_a_cell_or_shared_string_is_refused(tmp_path):
    inline = '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "A" * 200 + "</t></is></c></row>"
    book = workbook(tmp_path / "f.xlsx", rows_xml(inline))
    exc = refused(book, tmp_path, line_bytes=100)
    assert (exc.code, exc.params["value"]) == ("limit_line_bytes", 200)
    assert read_rows(book, tmp_path, watch=Watch(ReadLimits(line_bytes=200))) == [["A" * 200]]
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    shared = workbook(tmp_path / "g.xlsx", rows_xml(cell), sst("B" * 150))
    assert refused(shared, tmp_path, line_bytes=100).params["value"] == 150


def test_rows_of_a_sheet_are_bounded_while_read_too(tmp_path, monkeypatch):
    # what the measure of the zip cannot see (an .xls) is bounded row by row
    monkeypatch.setattr(limits, "check_workbook", lambda *args: None)
    book = workbook(
        tmp_path / "f.xlsx", rows_xml(CELL_2, '<row r="3"><c r="D3"><v>1</v></c></row>')
    )
    exc = refused(book, tmp_path, sheet_rows=2)
    assert (exc.code, exc.params["value"]) == ("limit_sheet_rows", 3)
    assert refused(book, tmp_path, sheet_columns=3).params["value"] == 4


CSV = b"NIP;Nama\n" + b"198001012005011001;Budi\n" * 9  # 10 lines


@pytest.mark.parametrize("in_place", [True, False], ids=["file", "bytes"])
def test_csv_bytes_lines_and_line_length(tmp_path, in_place):
    path = tmp_path / "f.csv"
    path.write_bytes(CSV)
    source = path if in_place else CSV
    exc = refused(source, tmp_path, "f.csv", text_bytes=len(CSV) - 1)
    assert (exc.code, exc.params["value"]) == ("limit_text_bytes", len(CSV))
    exc = refused(source, tmp_path, "f.csv", text_rows=9)
    assert (exc.code, exc.params["value"]) == ("limit_text_rows", 10)
    assert len(read_rows(source, tmp_path, "f.csv", Watch(ReadLimits(text_rows=10)))) == 9
    exc = refused(source, tmp_path, "f.csv", line_bytes=22)  # a data line has 23 bytes
    assert exc.code == "limit_line_bytes"
    assert len(read_rows(source, tmp_path, "f.csv", Watch(ReadLimits(line_bytes=23)))) == 9


def test_a_long_line_past_the_head_is_refused(tmp_path):
    # 1 MiB of short lines (the head), then a line of 5000 bytes
    short = b"198001012005011001;Budi\n" * ((1 << 20) // 24 + 1)
    data = b"NIP;Nama\n" + short + b"1;" + b"x" * 4998 + b"\n"
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    for source in (path, data):
        exc = refused(source, tmp_path, "f.csv", line_bytes=4999)
        assert (exc.code, exc.params["value"]) == ("limit_line_bytes", 5000)


def test_lines_of_a_transcoded_file_are_bounded(tmp_path):
    cp1252 = b"NIP;Nama\n" + "198001012005011001;Dédé\n".encode("cp1252") * 9
    exc = refused(cp1252, tmp_path, "f.csv", text_rows=9)
    assert (exc.code, exc.params["value"]) == ("limit_text_rows", 10)
    # old Mac line ends: lines end at \r, not one line of the whole file
    mac = CSV.replace(b"\n", b"\r")
    assert len(read_rows(mac, tmp_path, "f.csv", Watch(ReadLimits(line_bytes=30)))) == 9


def test_the_limits_come_from_the_environment(con, monkeypatch):
    monkeypatch.setenv("ASN_LIMIT_TEXT_ROWS", "10")
    assert ReadLimits.from_env().text_rows == 10
    # staff_siasn.csv: a header and 28 rows
    with pytest.raises(ImportRefused) as caught:
        ingest.analyze(con, SAMPLES / "staff_siasn.csv", "staff_siasn.csv")
    assert caught.value.message("en") == (
        "The file staff_siasn.csv has at least 29 rows, over the limit of 10 rows "
        "(ASN_LIMIT_TEXT_ROWS)."
    )


# -- progress, time limit, cancel -------------------------------------------------------------


def test_progress_reports_rows_read(tmp_path):
    seen = []
    data = b"NIP;Nama\n" + b"198001012005011001;Budi\n" * 4999  # 5000 lines, one chunk
    read_rows(data, tmp_path, "f.csv", Watch(ReadLimits(), progress=seen.append))
    assert seen[-1] == 5000
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 4502))
    seen.clear()
    book = workbook(tmp_path / "f.xlsx", rows_xml(rows))
    assert len(read_rows(book, tmp_path, watch=Watch(ReadLimits(), progress=seen.append))) == 4500
    assert seen == [2000, 4000]  # rows of the sheet, each 2000th as it is written


def test_a_read_past_its_time_is_refused(tmp_path):
    ticks = iter(range(0, 1000, 10))  # every look at the clock: 10 seconds later
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 20002))
    book = workbook(tmp_path / "f.xlsx", rows_xml(rows))
    watch = Watch(ReadLimits(read_seconds=45), clock=lambda: next(ticks))
    with pytest.raises(ImportRefused) as caught:
        read_rows(book, tmp_path, watch=watch)
    assert caught.value.code == "limit_read_seconds"
    assert caught.value.message("en") == (
        "Reading f.xlsx was stopped after 50 seconds (limit 45 seconds, ASN_LIMIT_READ_SECONDS)."
    )
    assert read_rows(book, tmp_path, watch=Watch(ReadLimits(read_seconds=45))) != []


def test_a_cancelled_read_stops(tmp_path):
    cancel = threading.Event()
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 6002))
    book = workbook(tmp_path / "f.xlsx", rows_xml(rows))

    def progress(count: int) -> None:
        if count >= 2000:
            cancel.set()  # as the page's cancel button does, from another thread

    with pytest.raises(ImportRefused) as caught:
        read_rows(book, tmp_path, watch=Watch(ReadLimits(), progress=progress, cancel=cancel))
    assert caught.value.message("id") == "Pembacaan berkas f.xlsx dibatalkan."


# -- real files read as before -----------------------------------------------------------------


def _old_excel_rows(path: Path) -> list[list[str]]:
    """The rows under the header as the reader wrote them before the limits (to_python)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    best = None
    for order, name in enumerate(book.sheet_names):
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for index, row in enumerate(rows[:30]):
            cells = [reading.cell_text(c) for c in row]
            points = mapping.header_score(cells)
            if points and (best is None or (points, -order, -index) > best[0]):
                best = ((points, -order, -index), index, rows)
    _, index, rows = best
    out = []
    for row in rows[index + 1 :]:
        cells = [reading.cell_text(c) for c in row]
        out.append(cells if any(cells) else [""] * max(len(rows[index]), 2))
    return out


@pytest.mark.parametrize(
    "path", [DATA / "staff_title_rows.xlsx", SAMPLES / "discipline_rekap_bkpsdm.xlsx"],
    ids=lambda p: p.name,
)  # fmt: skip
def test_real_workbooks_read_as_before(tmp_path, path):
    table = reading.read(path, path.name, tmp_path, mapping.header_score)
    with table.csv_path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == _old_excel_rows(path)
