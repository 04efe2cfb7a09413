"""The app frame: first start on a missing database, and a database held by another process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

TIMEOUT = 120
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_missing_database_is_generated_as_demo(tmp_path, monkeypatch):
    target = tmp_path / "fresh" / "asn.duckdb"
    monkeypatch.setenv("ASN_DB", str(target))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert target.exists()
    assert any("Data demo (sintetis)" in info.value for info in at.info)
    assert at.title[0].value == "Ringkasan"


def test_a_held_database_shows_one_message(tmp_path, monkeypatch, demo_db):
    path = tmp_path / "held.duckdb"
    shutil.copyfile(demo_db, path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("ASN_DB", str(path))
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    assert len(at.error) == 1
    assert "sedang dipakai proses lain" in at.error[0].value


def test_stale_summaries_are_rebuilt_when_the_app_opens_the_database(
    tmp_path, monkeypatch, demo_db
):
    from asn_analytics import db
    from asn_analytics.metrics import summaries

    path = tmp_path / "stale.duckdb"
    shutil.copyfile(demo_db, path)
    con = db.connect(path)
    # Written outside the import pipeline: the summaries no longer match the data.
    con.execute("DELETE FROM summary_state")
    con.close()
    monkeypatch.setenv("ASN_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    # The app's connection is still open in this process: open the same database alike.
    con = db.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM summary_state").fetchone()[0] == 1
        assert summaries.state(db.cursor(con)) is not None
    finally:
        con.close()


@pytest.mark.parametrize("written", ["en", "EN", "english", "Inggris"])
def test_the_language_is_read_from_its_code_or_name_in_the_url(
    tmp_path, monkeypatch, demo_db, written
):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = written
    at.run()
    assert not at.exception and not at.warning
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.sidebar.header[0].value == "Selection"
    at.switch_page("app_pages/kinerja.py").run()  # and it stays
    assert at.sidebar.radio(key="lang").value == "en" and not at.warning


def test_invalid_url_parameters_are_reported_with_what_the_page_uses(
    tmp_path, monkeypatch, demo_db
):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["region"] = ["9999", "Kota Medan"]  # one unknown, one kept
    at.query_params["years"] = ["abc"]
    at.query_params["type"] = "XYZ"
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Parameter alamat lang=fr tidak dikenal atau tidak sah dan diabaikan; halaman "
        "menampilkan: Bahasa Indonesia.",
        "Parameter alamat region=9999 tidak dikenal atau tidak sah dan diabaikan; halaman "
        "menampilkan: Kota Medan.",
        "Parameter alamat years=abc tidak dikenal atau tidak sah dan diabaikan; halaman "
        "menampilkan: 2021–2025.",
        "Parameter alamat type=XYZ tidak dikenal atau tidak sah dan diabaikan; halaman "
        "menampilkan: Semua.",
    ]
    assert at.sidebar.multiselect(key="region").value == ["1275"]


def test_url_years_out_of_range_and_units_unknown_are_reported_in_english(
    tmp_path, monkeypatch, demo_db
):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "English"
    at.query_params["years"] = ["1990", "2024"]
    at.query_params["region"] = ["Kota Tanjungbalai"]
    at.query_params["unit"] = "Dinas Tidak Ada"
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The address parameter years=1990,2024 is unknown or invalid and was ignored; the page "
        "shows: 2021–2024.",
        "The address parameter unit=Dinas Tidak Ada is unknown or invalid and was ignored; the "
        "page shows: All units.",
    ]
    # valid parameters give no warning
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["years"] = ["2023", "2024"]
    at.query_params["type"] = "PNS"
    at.run()
    assert not at.warning
