"""The app frame, driven through Streamlit's AppTest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

TIMEOUT = 60
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_app_shows_the_row_counts_of_the_database(demo_copy, demo_con, monkeypatch):
    monkeypatch.setenv("ASN_DB", str(demo_copy))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    staff = demo_con.execute("SELECT count(*) FROM staff").fetchone()[0]
    assert _metrics(at)["Pegawai"] == f"{staff:,}".replace(",", ".")
    assert any("Data demo (sintetis)" in info.value for info in at.info)


def test_english_switch_translates_the_page(demo_copy, monkeypatch):
    monkeypatch.setenv("ASN_DB", str(demo_copy))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    labels = _metrics(at)
    assert "Staff" in labels and "Pegawai" not in labels
    assert any("Demo data (synthetic)" in info.value for info in at.info)


def test_missing_database_is_generated_as_demo(tmp_path, monkeypatch, demo_db):
    target = tmp_path / "fresh" / "asn.duckdb"
    monkeypatch.setenv("ASN_DB", str(target))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert target.exists()
    assert _metrics(at)["Wilayah"] == "4"


def test_a_held_database_shows_one_message(tmp_path, monkeypatch, demo_db):
    import subprocess
    import sys

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
    assert "sedang dipakai proses lain" in at.error[0].value
