"""Accounts, roles and region scope: enforced in the metric layer and in the app."""

from __future__ import annotations

import base64
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
PAGES = ["ringkasan", "kinerja", "kompetensi", "pengaduan", "perbandingan", "karier"]


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


def _audit(accounts: Accounts) -> list[dict]:
    return [json.loads(line) for line in accounts.audit_path.read_text().splitlines()]


def test_repeated_failures_lock_the_account_until_a_stated_time(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json", lock_failures=3, lock_minutes=10)
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    for second in (0.0, 1.0):  # two failures: still the plain answer
        with pytest.raises(AccountError, match="salah"):
            accounts.sign_in("budi", "keliru-keliru", now=second)
    # the third failure at t = 2 locks until 2 + 600 s = 00:10:02 UTC on 1 Jan 1970
    with pytest.raises(AccountError) as locked:
        accounts.sign_in("budi", "keliru-keliru", now=2.0)
    assert locked.value.message() == (
        "Akun dikunci setelah 3 kali gagal masuk, sampai 1970-01-01 00:10 UTC (sekitar 10 menit "
        "lagi)."
    )
    # even the right password is refused while locked, also after a restart (a new instance):
    # at t = 300 there are 302 s left, rounded up to 6 minutes
    restarted = Accounts(tmp_path / "accounts.json", lock_failures=3, lock_minutes=10)
    with pytest.raises(AccountError) as still:
        restarted.sign_in("budi", PASSWORD, now=300.0)
    assert still.value.message("en") == (
        "The account is locked after 3 failed sign-ins, until 1970-01-01 00:10 UTC (about 6 "
        "minutes from now)."
    )
    assert restarted.sign_in("budi", PASSWORD, now=603.0).user == "budi"
    events = [(entry["event"], entry["user"]) for entry in _audit(accounts)]
    assert events == [("account_added", "budi"), ("sign_in_failed", "budi"),
                      ("sign_in_failed", "budi"), ("sign_in_failed", "budi"),
                      ("account_locked", "budi"), ("sign_in_locked", "budi"),
                      ("sign_in", "budi")]  # fmt: skip
    assert _audit(accounts)[4]["detail"] == {"failures": 3, "until": "1970-01-01T00:10:02+00:00"}
    assert all(PASSWORD not in line for line in accounts.audit_path.read_text().splitlines())


def test_failures_older_than_the_lock_period_do_not_count(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json", lock_failures=2, lock_minutes=1)
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    with pytest.raises(AccountError, match="salah"):
        accounts.sign_in("budi", "keliru-keliru", now=0.0)
    with pytest.raises(AccountError, match="salah"):  # 61 s later: the first one has expired
        accounts.sign_in("budi", "keliru-keliru", now=61.0)
    with pytest.raises(AccountError, match="dikunci"):
        accounts.sign_in("budi", "keliru-keliru", now=62.0)


def test_audit_lines_carry_utc_time_user_event_and_detail(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json", audit_path=tmp_path / "logs" / "audit.jsonl")
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    accounts.grant("budi", ["1373"], role="officer")
    accounts.set_password("budi", PASSWORD + "-baru")
    accounts.remove("budi")
    log = [
        json.loads(line) for line in (tmp_path / "logs" / "audit.jsonl").read_text().splitlines()
    ]
    assert [entry["event"] for entry in log] == [
        "account_added", "account_granted", "password_changed", "account_removed"
    ]  # fmt: skip
    assert all(set(entry) == {"time", "user", "event", "detail"} for entry in log)
    assert all(entry["time"].endswith("+00:00") for entry in log)
    assert log[1]["detail"] == {
        "role": "officer", "regions": ["1373"], "before": {"role": "viewer", "regions": ["1272"]}
    }  # fmt: skip
    assert not (tmp_path / "accounts.audit.log").exists()


def test_session_tokens_sign_in_until_they_expire_or_are_tampered_with(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("budi", "officer", ["1373"], password=PASSWORD)
    token = accounts.issue_token("budi", hours=2, now=1000.0)
    principal = accounts.verify_token(token, now=1000.0 + 7199)
    assert (principal.user, principal.role, principal.regions) == ("budi", "officer", ("1373",))
    assert accounts.verify_token(token, now=1000.0 + 7200) is None  # 2 h later: expired
    payload, signature = token.split(".")
    forged = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged["exp"] += 10 * 3600
    longer = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
    assert accounts.verify_token(f"{longer}.{signature}", now=1000.0) is None
    assert accounts.verify_token(f"{payload}.{'0' * 64}", now=1000.0) is None
    assert accounts.verify_token("not-a-token", now=1000.0) is None
    # the key was generated once, readable by the owner only, and another key does not verify
    assert (tmp_path / "accounts.key").stat().st_mode & 0o077 == 0
    assert Accounts(tmp_path / "accounts.json").verify_token(token, now=1000.0) is not None
    other = Accounts(tmp_path / "accounts.json", secret="x" * 32)
    assert other.verify_token(token, now=1000.0) is None


def test_a_new_password_or_a_lock_ends_the_sessions_issued_before(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json", lock_failures=2)
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD)
    accounts.add("sari", "viewer", ["1272"], password=PASSWORD)
    budi = accounts.issue_token("budi", hours=8, now=0.0)
    sari = accounts.issue_token("sari", hours=8, now=0.0)
    accounts.set_password("budi", "kata-sandi-baru-456")
    assert accounts.verify_token(budi, now=10.0) is None
    assert accounts.verify_token(accounts.issue_token("budi", 8, now=10.0), now=20.0) is not None
    for second in (30.0, 31.0):
        with pytest.raises(AccountError):
            accounts.sign_in("sari", "keliru-keliru", now=second)
    assert accounts.verify_token(sari, now=40.0) is None  # locked at t = 31
    fresh = accounts.issue_token("budi", 8, now=50.0)
    accounts.remove("budi")
    assert accounts.verify_token(fresh, now=60.0) is None


def test_a_grant_of_a_region_not_in_the_database_is_refused(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    known = {"1272": "Kota Tanjungbalai", "1373": "Kota Sawahlunto"}
    with pytest.raises(AccountError) as refused:
        accounts.add("budi", "viewer", ["1272", "9999"], password=PASSWORD, known_regions=known)
    assert refused.value.message() == (
        "Kode wilayah 9999 tidak ada di basis data; wilayah yang dikenal: 1272 Kota Tanjungbalai; "
        "1373 Kota Sawahlunto."
    )
    assert not accounts.exist()
    accounts.add("budi", "viewer", ["1272"], password=PASSWORD, known_regions=known)
    with pytest.raises(AccountError, match="9999"):
        accounts.grant("budi", ["9999"], known_regions=known)
    assert accounts.list()[0]["regions"] == ["1272"]


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


def test_a_url_region_outside_the_grant_gets_a_message_not_the_data(app_db):
    Accounts(app_db.with_name("accounts.json")).add("tb", "viewer", ["1272"], password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["region"] = ["Kota Medan"]
    at.run()
    at.text_input(key="sign_in_user").set_value("tb")
    at.text_input(key="sign_in_pw").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Wilayah Kota Medan (parameter alamat region) tidak termasuk wilayah akun ini dan tidak "
        "ditampilkan."
    ]
    assert "Kota Medan" not in _all_text(at)


def _sign_in_form(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="sign_in_user").set_value(user)
    at.text_input(key="sign_in_pw").set_value(password)
    return at.button[0].click().run()


def test_the_form_says_the_account_is_locked_after_the_failures_allowed(app_db, monkeypatch):
    monkeypatch.setenv("ASN_LOCK_FAILURES", "2")
    monkeypatch.setenv("ASN_LOCK_MINUTES", "30")
    Accounts(app_db.with_name("accounts.json")).add("tb", "viewer", ["1272"], password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    _sign_in_form(at, "tb", "keliru-keliru")
    assert at.error[0].value == "Nama akun atau kata sandi salah."
    _sign_in_form(at, "tb", "keliru-keliru")
    assert at.error[0].value.startswith("Akun dikunci setelah 2 kali gagal masuk, sampai ")
    assert at.error[0].value.endswith(" UTC (sekitar 30 menit lagi).")
    _sign_in_form(at, "tb", PASSWORD)  # the right password, still locked
    assert "dikunci" in at.error[0].value
    assert not at.metric


def test_a_session_cookie_signs_in_and_sign_out_ignores_it(app_db, monkeypatch):
    accounts = Accounts(app_db.with_name("accounts.json"))
    accounts.add("tb", "viewer", ["1272"], password=PASSWORD)
    token = accounts.issue_token("tb", hours=8)
    monkeypatch.setattr("views.frame._session_cookie", lambda: token)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert not [box for box in at.text_input if box.key == "sign_in_pw"]  # the cookie signed in
    assert at.sidebar.multiselect(key="region").options == ["Kota Tanjungbalai"]
    at.sidebar.button(key="sign_out").click().run()
    assert at.text_input(key="sign_in_pw") is not None  # the cookie sent at start no longer counts
    # the page tells the browser to delete the cookie
    assert any("asn_session=; Max-Age=0" in h.proto.body for h in at.get("html"))
    events = [entry["event"] for entry in _audit(accounts)]
    assert events == ["account_added", "session_resumed", "sign_out"]
    # a tampered cookie shows the form
    monkeypatch.setattr("views.frame._session_cookie", lambda: token[:-1] + "0")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert at.text_input(key="sign_in_pw") is not None


def test_signing_in_sets_the_cookie_and_writes_the_audit(app_db):
    accounts = Accounts(app_db.with_name("accounts.json"))
    accounts.add("tb", "viewer", ["1272"], password=PASSWORD)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    _sign_in_form(at, "tb", PASSWORD)
    assert not at.exception
    scripts = [h.proto.body for h in at.get("html") if "asn_session=" in h.proto.body]
    assert len(scripts) == 1 and "Max-Age=28800; Path=/; SameSite=Strict" in scripts[0]
    token = scripts[0].split("asn_session=")[1].split(";")[0]
    assert accounts.verify_token(token).user == "tb"
    assert [entry["event"] for entry in _audit(accounts)] == ["account_added", "sign_in"]


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

    from asn_analytics import db
    from asn_analytics.__main__ import main

    path = tmp_path / "asn.duckdb"
    db.connect(path).close()  # the four seed regions
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
    capsys.readouterr()
    assert main(["--db", str(path), "user", "grant", "sari", "--regions", "9999"]) == 2
    assert capsys.readouterr().err == (
        "Kode wilayah 9999 tidak ada di basis data; wilayah yang dikenal: 1272 Kota Tanjungbalai; "
        "1275 Kota Medan; 1373 Kota Sawahlunto; 1504 Kabupaten Batanghari.\n"
    )
    granted = [
        json.loads(line) for line in (tmp_path / "accounts.audit.log").read_text().splitlines()
    ]
    assert [(e["event"], e["detail"].get("regions")) for e in granted] == [
        ("account_added", "all"), ("account_added", ["1373"]),
        ("account_granted", ["1373", "1504"]),
    ]  # fmt: skip
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
        # (another file: the officer's very file is imported already and would add no batch)
        admin = staff + b"199303032017033001;Rina;Kota Medan;Dinas Sosial;PNS\n"
        ingest.import_file(con, admin, "pegawai-semua.csv")
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


def test_a_viewer_of_one_region_is_not_ranked_against_nobody(app_db):
    at = _viewer_app(app_db)
    at.switch_page("app_pages/perbandingan.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert not table.astype(str).apply(lambda c: c.str.contains("#1")).any().any()
    assert any("Hanya satu wilayah" in i.value for i in at.info)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles and not [x for x in titles if x.startswith("Profil wilayah")]  # no radar
