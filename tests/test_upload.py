"""The Unggah Data and Riwayat Impor pages, driven through AppTest on a copy of the demo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from asn_analytics.i18n import t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLES = ROOT / "data" / "samples"
TIMEOUT = 180

# Two new Medan PNS (valid NIPs) in the SIASN export dialect, and one broken row (17 digits).
STAFF_CSV = (
    "nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama;gol_akhir_nama\n"
    "'199001012015031001;Budi Santoso;Kota Medan;Dinas Sosial;PNS;Penata Muda (III/a)\n"
    "199202022016032001;Siti Aminah;PEMKOT MEDAN;Dinas Sosial;PNS;III/b\n"
    "19900101201503100;Ani;Kota Medan;Dinas Sosial;PNS;III/a\n"
).encode("utf-8-sig")


@pytest.fixture
def app(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def _headcount(app: AppTest) -> int:
    app.switch_page("app_pages/ringkasan.py").run()
    assert not app.exception
    tiles = {m.label: m.value for m in app.metric}
    return int(tiles[t("kpi.headcount", "id")].replace(".", ""))


def _upload(app: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    app.switch_page("app_pages/unggah.py").run()
    uploader = app.file_uploader(key="upload_files")
    uploader.set_value([(name, data, "application/octet-stream") for name, data in files]).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_upload_shows_detection_and_rejects_then_imports(app):
    before = _headcount(app)
    _upload(app, [("pegawai.csv", STAFF_CSV)])
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Jenis data"] == "Pegawai (SIASN)"
    assert tiles["Pemisah"] == ";"
    assert (tiles["Baris baik"], tiles["Baris ditolak"]) == ("2", "1")
    rejects = app.dataframe[-1].value
    assert rejects["Baris"].tolist() == [4]
    assert "NIP harus 18 digit, ditemukan 17" in rejects["Alasan"].iloc[0]
    app.button(key="upload_import").click().run()
    assert not app.exception
    assert "2 baru" in app.success[0].value and "1 ditolak" in app.success[0].value
    # Both new staff are in service now: the headcount tile grows by exactly 2.
    assert _headcount(app) == before + 2


def test_history_lists_the_batch_and_undo_restores(app):
    before = _headcount(app)
    _upload(app, [("pegawai.csv", STAFF_CSV)])
    app.button(key="upload_import").click().run()
    assert _headcount(app) == before + 2
    app.switch_page("app_pages/riwayat.py").run()
    batches = app.dataframe[0].value
    assert batches["Berkas"].tolist() == ["pegawai.csv"]
    assert batches["Ditolak"].tolist() == [1]
    # The rejects of the batch hide NIPs outside the uploader's own report.
    rejects = app.dataframe[1].value
    assert rejects["Nilai"].tolist() == ["••••••"]
    app.button(key="undo-staff").click().run()
    assert "Yakin" in app.warning[0].value
    app.button(key="undo-yes-staff").click().run()
    assert not app.exception
    assert "dibatalkan" in app.success[0].value
    assert _headcount(app) == before


def test_a_refused_file_says_why_and_imports_nothing(app):
    before = _headcount(app)
    _upload(app, [("kosong.csv", b"")])
    assert app.error and "kosong" in app.error[0].value.lower()
    assert not [b for b in app.button if b.key == "upload_import"]
    assert _headcount(app) == before


def test_every_sample_uploads_through_the_page_and_shows_on_the_overview(app):
    before = _headcount(app)
    samples = sorted(SAMPLES.iterdir())
    _upload(app, [(path.name, path.read_bytes()) for path in samples])
    app.button(key="upload_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    results = [s.value for s in app.success]
    assert len(results) == len(samples)
    assert all("0 ditolak" in r for r in results), results
    assert _headcount(app) > before
