"""Accounts, roles and region scope: enforced in the metric layer and in the app."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from asn_analytics import metrics
from asn_analytics.accounts import AccountError, Accounts

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 120
PASSWORD = "rahasia-sekali-123"
PAGES = ["ringkasan", "kinerja", "kompetensi", "pengaduan", "perbandingan"]


def test_passwords_are_stored_only_as_argon2_hashes(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("budi", "officer", ["1373"], password=PASSWORD)
    text = (tmp_path / "accounts.json").read_text()
    assert PASSWORD not in text
    stored = json.loads(text)["users"]["budi"]
    assert stored["password_hash"].startswith("$argon2id$")
    assert (tmp_path / "accounts.json").stat().st_mode & 0o077 == 0
    principal = accounts.sign_in("budi", PASSWORD)
    assert (principal.role, principal.regions, principal.may_import) == ("officer", ("1373",), True)


def test_wrong_password_and_unknown_user_get_the_same_answer(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    with pytest.raises(AccountError) as wrong:
        accounts.sign_in("budi", "salah-salah-salah", now=1000.0)
    with pytest.raises(AccountError) as unknown:
        accounts.sign_in("tidak-ada", "salah-salah-salah", now=1000.0)
    assert wrong.value.message() == unknown.value.message() == "Nama akun atau kata sandi salah."


def test_repeated_failures_slow_an_account_down(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    for second in (0.0, 1.0, 2.0):  # three free failures
        with pytest.raises(AccountError, match="salah"):
            accounts.sign_in("budi", "keliru-keliru", now=second)
    # 3 failures: the next attempt must wait 2 ** (3 - 3 + 1) = 2 s after the last (t = 2)
    with pytest.raises(AccountError, match="coba lagi dalam 2 detik"):
        accounts.sign_in("budi", PASSWORD, now=2.5)
    # the right password after the wait goes through
    assert accounts.sign_in("budi", PASSWORD, now=4.1).user == "budi"
    log = [json.loads(line) for line in accounts.audit_path.read_text().splitlines()]
    events = [entry["event"] for entry in log]
    assert events == ["account_added", "sign_in_failed", "sign_in_failed", "sign_in_failed",
                      "sign_in_throttled", "sign_in"]  # fmt: skip
    assert all(PASSWORD not in line for line in accounts.audit_path.read_text().splitlines())


def test_admin_sees_every_region_and_grants_replace_regions(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("admin", "admin", "all", password=PASSWORD)
    assert accounts.sign_in("admin", PASSWORD).regions is None
    accounts.add("sari", "viewer", ["1272"], email="Sari@Example.go.id")
    accounts.grant("sari", ["1373", "1504"], role="officer")
    principal = accounts.for_email("sari@example.go.id")
    assert (principal.role, principal.regions) == ("officer", ("1373", "1504"))
    assert accounts.for_email("orang.lain@example.go.id") is None
    with pytest.raises(AccountError, match="Peran"):
        accounts.add("x", "superuser", "all", password=PASSWORD)


def test_no_metric_returns_a_region_outside_the_grant(demo_con):
    # Whatever the filters ask for, a viewer granted 1272 gets 1272 figures only.
    for asked in (None, ("1275",), ("1275", "1272")):
        filters = metrics.Filters(regions=asked, allowed_regions=("1272",))
        for name in metrics.REGISTRY:
            frame = metrics.run(demo_con, name, filters)
            if "region_code" in frame.columns:
                assert set(frame["region_code"]) <= {"1272"}, (name, asked)
    # The pooled overview equals the one for Tanjungbalai alone.
    granted = metrics.run(demo_con, "overview", metrics.Filters(allowed_regions=("1272",)))
    alone = metrics.run(demo_con, "overview", metrics.Filters(regions=("1272",)))
    assert granted.equals(alone)


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    st.cache_data.clear()
    return path


def _viewer_app(app_db: Path) -> AppTest:
    accounts = Accounts(app_db.with_name("accounts.json"))
    accounts.add("admin", "admin", "all", password=PASSWORD)
    accounts.add("tb", "viewer", ["1272"], password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert at.text_input(key="sign_in_user") is not None
    at.text_input(key="sign_in_user").set_value("tb")
    at.text_input(key="sign_in_pw").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.label + m.value for m in at.metric]
    parts += [str(frame.value.to_dict()) for frame in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts)


def test_a_viewer_sees_only_the_granted_region_on_every_page(app_db):
    at = _viewer_app(app_db)
    assert at.sidebar.multiselect(key="region").options == ["Kota Tanjungbalai"]
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
        text = _all_text(at)
        for other in ("Kota Medan", "Kota Sawahlunto", "Kabupaten Batanghari"):
            assert other not in text, (page, other)


def test_a_url_cannot_widen_a_viewer_grant(app_db):
    at = _viewer_app(app_db)
    at.query_params["region"] = ["Kota Medan", "Kota Tanjungbalai"]
    at.switch_page("app_pages/perbandingan.py").run()
    assert not at.exception
    assert "Kota Medan" not in _all_text(at)


def test_a_viewer_cannot_reach_upload_or_history(app_db):
    at = _viewer_app(app_db)
    for page in ("unggah", "riwayat"):
        # The data pages are not even registered for a viewer.
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py").run()


def test_anonymous_sessions_get_only_the_sign_in_form_once_accounts_exist(app_db):
    Accounts(app_db.with_name("accounts.json")).add("admin", "admin", "all", password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.text_input(key="sign_in_pw") is not None
    assert not at.metric and not at.get("plotly_chart") and not at.file_uploader
    at.switch_page("app_pages/unggah.py").run()
    assert not at.file_uploader
    at.switch_page("app_pages/riwayat.py").run()
    assert not [b for b in at.button if (b.key or "").startswith("undo")]


def test_a_real_database_without_accounts_shows_how_to_create_the_first_admin(
    tmp_path, monkeypatch
):
    from asn_analytics import db

    path = tmp_path / "real.duckdb"
    db.connect(path).close()  # an empty, non-demo database
    monkeypatch.setenv("ASN_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "user add admin --role admin" in at.code[0].value
    assert not at.metric


def test_identity_provider_user_without_a_grant_sees_no_access(app_db):
    Accounts(app_db.with_name("accounts.json")).add(
        "sari", "viewer", ["1373"], email="sari@example.go.id"
    )
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": "http://localhost/oauth2callback", "cookie_secret": "x",
                          "client_id": "x", "client_secret": "x",
                          "server_metadata_url": "http://localhost/.well-known"}  # fmt: skip
    at.user = {"is_logged_in": True, "email": "orang@example.go.id"}
    at.run()
    assert not at.exception
    assert "belum diberi akses" in at.error[0].value
    assert not at.metric
    at.user = {"is_logged_in": True, "email": "sari@example.go.id"}
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="region").options == ["Kota Sawahlunto"]


def test_user_command_line_adds_grants_lists_and_removes(tmp_path, monkeypatch, capsys):
    import io

    from asn_analytics.__main__ import main

    path = tmp_path / "asn.duckdb"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(path), "user", "add", "admin", "--role", "admin", "--regions",
                 "all", "--password-stdin"]) == 0  # fmt: skip
    assert main(["--db", str(path), "user", "add", "sari", "--regions", "1373",
                 "--email", "sari@example.go.id"]) == 0  # fmt: skip
    assert main(["--db", str(path), "user", "grant", "sari", "--regions", "1373", "1504",
                 "--role", "officer"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--db", str(path), "user", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "admin               admin    all",
        "sari                officer  1373 1504  <sari@example.go.id>",
    ]
    assert main(["--db", str(path), "user", "remove", "sari"]) == 0
    assert main(["--db", str(path), "user", "remove", "sari"]) == 2
    assert "tidak ada" in capsys.readouterr().err
    accounts = Accounts(tmp_path / "accounts.json")
    assert PASSWORD not in accounts.path.read_text()
    assert accounts.sign_in("admin", PASSWORD).may_manage


def test_an_officer_import_rejects_rows_of_regions_not_granted(demo_copy):
    from asn_analytics import db, ingest

    con = db.connect(demo_copy)
    try:
        staff = (
            b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama\n"
            b"199001012015031001;Budi;Kota Medan;Dinas Sosial;PNS\n"
            b"199202022016032001;Siti;Kota Sawahlunto;Dinas Sosial;PNS\n"
        )
        report = ingest.import_file(con, staff, "pegawai.csv", allowed_regions=("1373",))
        # the Sawahlunto row lands, the Medan row (spreadsheet row 2) is rejected with the reason
        assert (report.inserted, report.rejected) == (1, 1)
        assert report.rejects["row_number"].tolist() == [2]
        assert report.rejects["reason"].tolist() == [
            "wilayah Kota Medan di luar wilayah yang boleh Anda impor"
        ]
        medan_nip = con.execute(
            "SELECT min(nip) FROM staff WHERE region_code = '1275' AND status = 'aktif'"
        ).fetchone()[0]
        appraisals = f"nipBaru;tahun;kuadranKinerja\n{medan_nip};2025;Baik\n".encode()
        report = ingest.import_file(con, appraisals, "skp.csv", allowed_regions=("1373",))
        assert (report.inserted, report.rejected) == (0, 1)
        assert "di luar wilayah yang boleh Anda impor" in report.rejects["reason"].iloc[0]
        # an admin's batch that touched Medan cannot be undone by the Sawahlunto officer
        ingest.import_file(con, staff, "pegawai-semua.csv")
        with pytest.raises(ingest.UndoRefused, match="1275"):
            ingest.undo(con, "staff", allowed_regions=("1373",))
        assert ingest.undo(con, "staff").batch_id == 3
    finally:
        con.close()


def test_an_officer_sees_only_batches_of_the_granted_regions(app_db):
    from asn_analytics import db, ingest

    con = db.connect(app_db)
    medan = b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama\n" + (
        b"199001012015031001;Budi;Kota Medan;Dinas Sosial;PNS\n"
    )
    sawahlunto = b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama\n" + (
        b"199202022016032001;Siti;Kota Sawahlunto;Dinas Sosial;PNS\n"
    )
    ingest.import_file(con, medan, "medan.csv")
    ingest.import_file(con, sawahlunto, "sawahlunto.csv")
    con.close()
    accounts = Accounts(app_db.with_name("accounts.json"))
    accounts.add("officer", "officer", ["1373"], password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="sign_in_user").set_value("officer")
    at.text_input(key="sign_in_pw").set_value(PASSWORD)
    at.button[0].click().run()
    at.switch_page("app_pages/riwayat.py").run()
    assert not at.exception
    assert at.dataframe[0].value["Berkas"].tolist() == ["sawahlunto.csv"]
    # the latest staff batch is Sawahlunto's own: it may be undone
    assert [b.key for b in at.button if (b.key or "").startswith("undo")] == ["undo-staff"]
