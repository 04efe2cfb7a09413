"""The Unggah Data and Riwayat Impor pages, driven through AppTest on a copy of the demo."""

from __future__ import annotations

import hashlib
import logging
import re
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


def _batches(app: AppTest) -> int:
    app.switch_page("app_pages/riwayat.py").run()
    assert not app.exception
    return 0 if not app.dataframe else len(app.dataframe[0].value)


def _import_buttons(app: AppTest) -> int:
    return len([b for b in app.button if b.key == "upload_import"])


def test_the_same_file_twice_is_reported_once_and_imported_once(app):
    _upload(app, [("a.csv", STAFF_CSV), ("b.csv", STAFF_CSV)])
    assert [h.value for h in app.subheader] == [r"a\.csv"]  # as escaped for markdown
    assert [w.value for w in app.warning] == [
        "Berkas yang sama dua kali: a.csv, b.csv. Hanya a.csv yang diperiksa dan diimpor."
    ]
    assert _import_buttons(app) == 1
    app.button(key="upload_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.success) == 1 and "2 baru" in app.success[0].value
    assert _batches(app) == 1


def test_a_file_imported_already_is_said_so_and_not_imported_again(app):
    _upload(app, [("pegawai.csv", STAFF_CSV)])
    app.button(key="upload_import").click().run()
    assert _batches(app) == 1
    _upload(app, [("pegawai.csv", STAFF_CSV)])
    said = [i.value for i in app.info if "sudah diimpor" in i.value]
    assert len(said) == 1
    assert said[0].startswith(r"pegawai\.csv: berkas yang sama sudah diimpor pada ")
    assert ", batch 1. Tidak akan diimpor lagi" in said[0]
    assert _import_buttons(app) == 0
    # Uploaded anew, under another name: the same answer, and still one batch.
    _upload(app, [("pegawai-lagi.csv", STAFF_CSV)])
    said = [i.value for i in app.info if "sudah diimpor" in i.value]
    assert len(said) == 1 and "batch 1" in said[0] and _import_buttons(app) == 0
    assert _batches(app) == 1


# A Sawahlunto PNS in "RSUD Sawahlunto": the demo's unit is "Rumah Sakit Umum Daerah".
RSUD_CSV = (
    b"nip;nama;instansi;unit_kerja;jenis_pegawai\n"
    b"199001012015031001;Budi Santoso;Kota Sawahlunto;RSUD Sawahlunto;PNS\n"
)
DEMO_RSUD = "1373:rumah sakit umum daerah"


def _unit_of(db_path: Path, nip: str) -> str:
    from views.frame import _connection  # the app's own connection: the file is held open

    return (
        _connection(str(db_path))
        .execute("SELECT unit_id FROM staff WHERE nip = ?", [nip])
        .fetchone()[0]
    )


def test_a_near_duplicate_unit_is_asked_about_and_mapped(app, tmp_path):
    _upload(app, [("rsud.csv", RSUD_CSV)])
    digest = hashlib.sha256(RSUD_CSV).hexdigest()[:16]
    question = app.selectbox(key=f"unitmap-{digest}-1373:rsud sawahlunto")
    assert question.label == (
        "Unit baru 'RSUD Sawahlunto' (1373) — mungkin maksudnya: 'Rumah Sakit Umum Daerah'?"
    )
    assert question.options == ["Buat unit baru 'RSUD Sawahlunto'", "Rumah Sakit Umum Daerah"]
    question.set_value(DEMO_RSUD).run()
    app.button(key="upload_import").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert "1 baru" in app.success[0].value
    assert _unit_of(tmp_path / "asn.duckdb", "199001012015031001") == DEMO_RSUD
    # The next file with that name is resolved without a question.
    other = RSUD_CSV.replace(b"199001012015031001;Budi Santoso", b"199202022016032001;Siti")
    _upload(app, [("rsud-2.csv", other)])
    assert not [s for s in app.selectbox if s.key.startswith("unitmap-")]
    app.button(key="upload_import").click().run()
    assert _unit_of(tmp_path / "asn.duckdb", "199202022016032001") == DEMO_RSUD


def test_an_unexpected_error_shows_an_error_code_and_logs_the_traceback(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.setattr("asn_analytics.ingest.analyze", broken)
    with caplog.at_level(logging.ERROR, logger="asn_analytics.app"):
        _upload(app, [("a.csv", STAFF_CSV), ("b.csv", STAFF_CSV + b"\n")])
    messages = [e.value for e in app.error]
    assert len(messages) == 2
    found = re.fullmatch(
        r"a\\\.csv: berkas ini tidak bisa diproses karena kesalahan tak terduga"
        r" \(kode ([0-9a-f]{8})\)\.",
        messages[0],
    )
    assert found, messages
    assert not any("secret" in m for m in messages)
    logged = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert len(logged) == 1 and "exploded" in logged[0].exc_text
    assert _import_buttons(app) == 0


def test_an_error_on_any_page_shows_an_error_code_in_the_page_language(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("/srv/secret/path")

    monkeypatch.setattr("asn_analytics.grouping.regions", broken)
    with caplog.at_level(logging.ERROR, logger="asn_analytics.app"):
        app.switch_page("app_pages/ringkasan.py").run()
        assert app.error[-1].value.startswith("Terjadi kesalahan tak terduga (kode ")
        app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert not any("secret" in e.value for e in app.error)
    found = re.match(r"An unexpected error occurred \(code ([0-9a-f]{8})\)\.", app.error[-1].value)
    assert found, [e.value for e in app.error]
    assert any(found.group(1) in r.getMessage() and r.exc_info for r in caplog.records)


def test_issues_are_grouped_by_column_and_value_with_every_row_below(app):
    staff = (
        b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama;kedudukan_hukum_nama\n"
        b"199001012015031001;A;Kota Medan;Dinas Sosial;PNS;Status Baru\n"
        b"199001012015031002;B;Kota Medan;Dinas Sosial;PNS;Status Baru\n"
        b"199001012015031003;C;Kota Medan;Dinas Sosial;PNS;Status Baru\n"
    )
    _upload(app, [("pegawai.csv", staff)])
    tiles = {m.label: m.value for m in app.metric}
    assert (tiles["Baris baik"], tiles["Baris ditolak"], tiles["Peringatan"]) == (
        "3",
        "0",
        "3",
    )
    grouped, every_row = app.dataframe[-2].value, app.dataframe[-1].value
    assert grouped[["Kolom", "Nilai", "Jumlah baris", "Di baris"]].values.tolist() == [
        ["kedudukan_hukum_nama", "Status Baru", 3, "2, 3, 4"]
    ]
    assert every_row["Baris"].tolist() == [2, 3, 4]
    assert _import_buttons(app) == 1


def test_a_survey_on_another_scale_imports_once_the_officer_maps_its_answers(app):
    head = "Timestamp,Instansi,Unit Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
    row = "03/11/2025 08:30:00,Kota Sawahlunto,Mal Pelayanan Publik,3,4,2,4,3,2,3,{a},4\n"
    survey = (head + "".join(row.format(a=a) for a in [1] * 8 + [5] * 12)).encode()
    _upload(app, [("bintang.csv", survey)])
    assert "skala 1\\-4" in app.error[0].value  # as markdown, escaped
    assert not [b for b in app.button if b.key == "upload_import"]
    # The proposal stretches 1-5 onto 1-4: 1 -> 1, 2 -> 2, 3 -> 3 (2.5 up), 4 -> 3, 5 -> 4.
    proposed = [app.selectbox(key=f"answer-{_digest(survey)}-{a}").value for a in range(1, 6)]
    assert proposed == [1, 2, 3, 3, 4]
    app.button[0].click().run()  # the form's "Pakai pemetaan ini"
    assert not app.error
    assert "Jawaban dipetakan ke skala 1-4: 1 → 1, 2 → 2, 3 → 3, 4 → 3, 5 → 4" in app.info[-1].value
    app.button(key="upload_import").click().run()
    assert not app.exception
    assert "20 baru" in app.success[0].value


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def test_a_template_is_offered_for_the_kind_of_data_chosen(app):
    app.switch_page("app_pages/unggah.py").run()
    assert any("unduh templatnya" in i.value for i in app.info)  # no folder on the server
    assert not app.get("download_button")
    app.selectbox(key="upload_dataset").set_value("staff").run()
    assert not app.exception
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Unduh templat (Excel)", "Unduh templat (CSV)"]
