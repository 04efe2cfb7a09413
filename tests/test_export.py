"""Downloads: every CSV and Excel file the app and the command line write is safe to open in a
spreadsheet (no cell runs as a formula), and the tables offer no download of their own."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from asn_analytics import export
from asn_analytics.__main__ import main
from tests.conftest import HOSTILE_REGION

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 180

# Every case of the OWASP list, a quote, a plain text, a text figure and a real negative figure.
HOSTILE = pd.DataFrame(
    {
        "=name": [
            "=1+1",
            '=HYPERLINK("http://x.test","klik")',
            "+cmd|' /C calc'!A0",
            "@SUM(A1:A2)",
            "-1+1",
            "\t=1+1",
            "\r=1+1",
            'kata "kutip"',
            "Dinas Sosial",
            None,
        ],
        "n": [-3, 0, 1, 2, 3, 4, 5, 6, 7, 8],
        "share": [-0.5, 0.25, None, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "text_figure": ["-3", "3", "", "", "", "", "", "", "", ""],
    }
)
# Worked out by hand: every text quoted (its quotes doubled) and, when it starts with
# = + - @ tab or CR, preceded by an apostrophe; the figures bare, -3 stays -3.
HOSTILE_CSV = (
    '"\'=name","n","share","text_figure"\n'
    '"\'=1+1",-3,-0.5,"\'-3"\n'
    '"\'=HYPERLINK(""http://x.test"",""klik"")",0,0.25,"3"\n'
    '"\'+cmd|\' /C calc\'!A0",1,"",""\n'
    '"\'@SUM(A1:A2)",2,1.0,""\n'
    '"\'-1+1",3,0.0,""\n'
    '"\'\t=1+1",4,0.0,""\n'
    '"\'\r=1+1",5,0.0,""\n'
    '"kata ""kutip""",6,0.0,""\n'
    '"Dinas Sosial",7,0.0,""\n'
    '"",8,0.0,""\n'
)


def test_csv_neutralises_formulas_quotes_text_and_keeps_figures():
    assert export.csv_text(HOSTILE) == HOSTILE_CSV
    data = export.csv_bytes(HOSTILE)
    assert data == b"\xef\xbb\xbf" + HOSTILE_CSV.encode("utf-8")
    # Read back as a spreadsheet would: the texts keep their apostrophe, figures are figures.
    rows = list(csv.reader(io.StringIO(HOSTILE_CSV, newline="")))
    assert [r[0] for r in rows[1:6]] == [
        "'=1+1",
        '\'=HYPERLINK("http://x.test","klik")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(A1:A2)",
        "'-1+1",
    ]
    assert rows[1][1:3] == ["-3", "-0.5"]


def _sheet(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _no_formula(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert (
                    "<f>" not in book.read(name).decode() and "<f " not in book.read(name).decode()
                )
    for row in _sheet(data).iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_excel_writes_text_as_text_never_a_formula():
    data = export.xlsx_bytes(HOSTILE)
    _no_formula(data)
    sheet = _sheet(data)
    assert sheet.title == "data"
    cells = list(sheet.iter_rows(values_only=False))
    assert (cells[0][0].value, cells[0][0].data_type, cells[0][0].quotePrefix) == (
        "=name",
        "s",
        True,
    )
    names = [(c[0].value, c[0].data_type, c[0].quotePrefix) for c in cells[1:]]
    assert names[:6] == [
        ("=1+1", "s", True),
        ('=HYPERLINK("http://x.test","klik")', "s", True),
        ("+cmd|' /C calc'!A0", "s", True),
        ("@SUM(A1:A2)", "s", True),
        ("-1+1", "s", True),
        ("\t=1+1", "s", True),
    ]
    assert names[7:] == [
        ('kata "kutip"', "s", False),
        ("Dinas Sosial", "s", False),
        (None, "n", False),
    ]
    # Figures stay numbers; a figure written as text stays text.
    assert [(c.value, c.data_type) for c in cells[1][1:]] == [(-3, "n"), (-0.5, "n"), ("-3", "s")]
    assert cells[3][2].value is None


def test_the_command_line_csv_is_neutralised(hostile_db, tmp_path, capsys):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(hostile_db, path)
    assert main(["--db", str(path), "metric", "headcount", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\"'" + HOSTILE_REGION.replace('"', '""') + '"' in out
    assert '"=HYPERLINK' not in out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert all(not cell.startswith(export.FORMULA_STARTS) for row in rows for cell in row if
               not re.fullmatch(r"-\d+(\.\d+)?", cell))  # fmt: skip


PAGES = [
    "app_pages/ringkasan.py",
    "app_pages/kinerja.py",
    "app_pages/kompetensi.py",
    "app_pages/pengaduan.py",
    "app_pages/perbandingan.py",
    "app_pages/karier.py",
    "app_pages/riwayat.py",
]


@pytest.fixture
def downloads(hostile_db, tmp_path, monkeypatch) -> list[dict]:
    """Every download button the pages render on the hostile database, with its file."""
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(hostile_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    monkeypatch.delenv("ASN_LANG", raising=False)
    st.cache_data.clear()
    seen: list[dict] = []
    original = DeltaGenerator.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        seen.append({"label": label, "data": data, "file_name": file_name, "page": page})
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, [e.message for e in app.exception]
    return seen


def test_every_page_download_is_neutralised(downloads):
    assert {d["page"] for d in downloads} == set(PAGES)
    hostile_csv = "\"'" + HOSTILE_REGION.replace('"', '""') + '"'
    with_region, in_excel = set(), set()
    for download in downloads:
        data = download["data"]() if callable(download["data"]) else download["data"]
        if download["file_name"].endswith(".csv"):
            text = data.decode("utf-8-sig")
            # A quoted text never starts with a formula's first character, and a bare
            # field is a figure.
            assert not re.search(r'(^|,)"[=+\-@\t\r]', text, re.MULTILINE), download
            for row in csv.reader(io.StringIO(text, newline="")):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (download, cell)
            if hostile_csv in text:
                with_region.add(download["page"])
        else:
            assert download["file_name"].endswith(".xlsx")
            _no_formula(data)
            values = [
                c for row in _sheet(data).iter_rows() for c in row if c.value == HOSTILE_REGION
            ]
            assert all(c.data_type == "s" and c.quotePrefix for c in values)
            if values:
                in_excel.add(download["page"])
    # The tables of every page but the overview (its alerts) name the hostile region.
    assert with_region == set(PAGES) - {"app_pages/ringkasan.py"}
    assert in_excel == with_region


def test_tables_offer_no_csv_button_of_their_own():
    """st.dataframe's toolbar download writes cells as they are: the configuration hides it, and
    every table on screen goes through views.blocks.grid."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    # The option exists in the installed Streamlit (a renamed option would be ignored).
    assert st.get_option("client.disableDataExport") in (True, False)
    calls = []
    for path in [
        ROOT / "app.py",
        *(ROOT / "app_pages").glob("*.py"),
        *(ROOT / "views").glob("*.py"),
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\.dataframe\(|\bst\.table\(", line):
                calls.append((path.relative_to(ROOT).as_posix(), line.strip()))
    assert calls == [("views/blocks.py", "st.dataframe(frame, **options)")]
