"""Whatever the bytes, the import either commits a consistent batch (that undo takes back exactly)
or raises its own user-facing ImportRefused and changes nothing.

A fuzz suite (marker `fuzz`): the default run tries a small budget of examples per test; a longer
search is `ASN_FUZZ_EXAMPLES=2000 python -m pytest -m fuzz tests/test_ingest_properties.py`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_analytics import db, ingest

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
DATA = Path(__file__).parent / "data"
AS_OF = dt.date(2025, 12, 31)
TABLES = (*db.DATA_TABLES, *(f"{t}_history" for t in db.DATA_TABLES))
BASES = [
    (SAMPLES / "staff_siasn.csv").read_bytes(),
    (SAMPLES / "appraisals_ekinerja.csv").read_bytes(),
    (SAMPLES / "trainings_excel_id.csv").read_bytes(),
    (SAMPLES / "complaints_lapor.csv").read_bytes(),
    (SAMPLES / "ikm_survey.csv").read_bytes(),
    (SAMPLES / "regions_bps.csv").read_bytes(),
    (DATA / "staff_title_rows.xlsx").read_bytes(),
]
SNIPPETS = [
    b";",
    b",",
    b'"',
    b"\n",
    b"\r\n",
    b"\n\n",
    b"\t",
    b"\x00",
    b"'",
    b"1.98609E+17",
    b"31/02/2024",
    b"99/99/99",
    b"-",
    b" ",
    b"\xff\xfe",
    b"\xe9",
    b"\xef\xbb\xbf",
    b"NIP",
    b"9" * 30,
    "é–’".encode(),
]
SETTINGS = settings(
    max_examples=int(os.environ.get("ASN_FUZZ_EXAMPLES", "50")), deadline=None, derandomize=True
)
pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def con():
    """One database with the sample regions, units and staff, shared by the examples."""
    connection = db.connect(":memory:")
    for name in ("regions_bps.csv", "units_opd.csv", "staff_siasn.csv"):
        ingest.import_file(connection, SAMPLES / name, name, as_of=AS_OF)
    yield connection
    connection.close()


def fingerprint(con) -> dict[str, tuple]:
    query = "SELECT count(*), sum(hash(x)::HUGEINT), bit_xor(hash(x)) FROM {} AS x"
    return {t: con.execute(query.format(t)).fetchone() for t in TABLES}


def _outcome(con, data: bytes, dataset: str | None, name: str = "upload.csv") -> None:
    before = fingerprint(con)
    version = db.get_meta(con, "data_version")
    try:
        report = ingest.import_file(con, data, name, dataset, as_of=AS_OF)
    except ingest.ImportRefused as exc:
        assert exc.message("id") and exc.message("en")
        assert fingerprint(con) == before
        assert db.get_meta(con, "data_version") == version
        return
    written = report.inserted + report.updated + report.unchanged
    assert report.rows_read == written + report.rejected + report.duplicates
    assert len(report.rejects[report.rejects["severity"] == "warning"]) == report.warnings
    assert report.rejects["row_number"].ge(report.header_row + 1).all()
    ingest.undo(con, report.dataset)
    assert fingerprint(con) == before


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_are_refused_or_imported_never_crash(con, data):
    _outcome(con, data, None)


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "swap"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif op == "duplicate":
            lines = bytes(data).split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            data = bytearray(b"\n".join(lines))
        elif op == "truncate":
            del data[at:]
        elif op == "swap":
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@SETTINGS
@given(mutated(), st.sampled_from([None, "staff", "appraisals", "complaints", "ikm_responses"]))
def test_mutated_exports_are_refused_or_imported_never_crash(con, data, dataset):
    _outcome(con, data, dataset)


# Structural damage inside a well-formed zip: what a broken or hostile spreadsheet program writes.
SHEET = "xl/worksheets/sheet1.xml"
XML_DAMAGE = [
    (rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"'),
    (rb'<dimension ref="[^"]*" />', b""),
    (rb"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    (rb"</sheetData>", b'<row r="9"><c r="A9" t="s"><v>99999</v></c></row></sheetData>'),
    (rb'<c r="B5"', b'<c r="B5" t="e"'),
    (rb'r="A5"', b'r="A3"'),
    (rb'<row r="5">', b'<row r="5"><row r="6">'),
    (rb"<t>", b"<t>=HYPERLINK(&quot;http://x&quot;,&quot;klik&quot;)"),
    (rb"<t>", b"<t>&lt;b&gt;"),
    (rb'<c r="C5"[^>]*>', b'<c r="C5" t="n">'),
    (rb"<v>", b"<v>1e308"),
    (rb"<v>", b"<v>-"),
    (rb"</worksheet>", b""),
    (rb"<sheetData>", b"<sheetData><!-- -->" + b"<row/>" * 50),
]


def _rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


@st.composite
def damaged_workbook(draw) -> bytes:
    with zipfile.ZipFile(DATA / "staff_title_rows.xlsx") as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["xml", "drop", "truncate", "flip"]))
        if op == "xml":
            pattern, replacement = draw(st.sampled_from(XML_DAMAGE))
            members[SHEET] = re.sub(pattern, replacement, members[SHEET], count=1)
        elif op == "drop":
            members.pop(draw(st.sampled_from(sorted(members))), None)
        elif members.get(SHEET):
            body = bytearray(members[SHEET])
            at = draw(st.integers(0, len(body) - 1))
            if op == "truncate":
                del body[at:]
            else:
                body[at] = draw(st.integers(0, 255))
            members[SHEET] = bytes(body)
    return _rezip(members)


@SETTINGS
@given(damaged_workbook())
def test_damaged_workbooks_are_refused_or_imported_never_crash(con, data):
    _outcome(con, data, "staff", "upload.xlsx")
