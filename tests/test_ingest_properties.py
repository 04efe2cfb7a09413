"""Whatever the bytes, the import either commits a consistent batch (that undo takes back exactly)
or raises its own user-facing ImportRefused and changes nothing."""

from __future__ import annotations

import datetime as dt
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
SETTINGS = settings(max_examples=50, deadline=None, derandomize=True)


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


def _outcome(con, data: bytes, dataset: str | None) -> None:
    before = fingerprint(con)
    version = db.get_meta(con, "data_version")
    try:
        report = ingest.import_file(con, data, "upload.csv", dataset, as_of=AS_OF)
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
