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
    from asn_analytics import db, summaries

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
