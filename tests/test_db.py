"""The database layer: schema constraints, seed regions, migrations, settings, locking."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from asn_analytics import db
from asn_analytics.settings import Settings
from tests.factories import nip, run_script

UNIT = {"unit_id": "1275:dinas sosial", "region_code": "1275", "name": "Dinas Sosial"}
STAFF = {
    "nip": nip(),
    "name": "Contoh",
    "region_code": "1275",
    "unit_id": "1275:dinas sosial",
    "employment_type": "PNS",
}


def test_seed_regions_come_from_the_reference_file(con):
    rows = con.execute(
        "SELECT region_code, name, kind, province, population, population_year FROM regions"
        " ORDER BY region_code"
    ).fetchall()
    assert rows == [
        ("1272", "Kota Tanjungbalai", "kota", "Sumatera Utara", 183636, 2023),
        ("1275", "Kota Medan", "kota", "Sumatera Utara", 2490000, 2023),
        ("1373", "Kota Sawahlunto", "kota", "Sumatera Barat", 66962, 2021),
        ("1504", "Kabupaten Batanghari", "kabupaten", "Jambi", 309828, 2023),
    ]


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("staff", {**STAFF, "nip": "19800101200501100"}),  # 17 digits
        ("staff", {**STAFF, "employment_type": "Honorer"}),
        ("staff", {**STAFF, "golongan": "III/f"}),
        ("staff", {**STAFF, "gender": "X"}),
        ("staff", {**STAFF, "education_level": "SMA"}),
        ("staff", {**STAFF, "birth_date": dt.date(1990, 1, 1), "tmt_cpns": dt.date(1989, 1, 1)}),
        ("appraisals", {"nip": nip(), "year": 2024, "predikat": "istimewa"}),
        ("appraisals", {"nip": nip(), "year": 2024, "predikat": "baik", "achievement_pct": 250}),
        ("appraisals", {"nip": nip(), "year": 2024, "predikat": "baik", "period": "2024-13"}),
        ("appraisals", {"nip": nip(), "year": 2024, "predikat": "baik", "result_rating": "tinggi"}),
        (
            "trainings",
            {"nip": nip(), "title": "X", "start_date": dt.date(2024, 1, 1), "hours_jp": 0},
        ),
        (
            "trainings",
            {"nip": nip(), "title": "X", "start_date": dt.date(2024, 1, 1), "hours_jp": 1000.5},
        ),
        (
            "trainings",
            {
                "nip": nip(),
                "title": "X",
                "start_date": dt.date(2024, 1, 5),
                "end_date": dt.date(2024, 1, 4),
                "hours_jp": 8,
            },
        ),
        ("discipline", {"nip": nip(), "decision_date": dt.date(2024, 1, 1), "level": "parah"}),
        (
            "complaints",
            {
                "complaint_id": "A",
                "region_code": "1275",
                "received_at": dt.datetime(2024, 1, 5, 9),
                "verified_at": dt.datetime(2024, 1, 4, 9),
            },
        ),
        (
            "complaints",
            {
                "complaint_id": "A",
                "region_code": "1275",
                "received_at": dt.datetime(2024, 1, 5, 9),
                "status": "hilang",
            },
        ),
        (
            "ikm_responses",
            {
                "response_id": "r",
                "region_code": "1275",
                "unit_id": "1275:x",
                "survey_date": dt.date(2024, 1, 1),
                "u_waktu": 5,
            },
        ),
        (
            "ikm_responses",
            {
                "response_id": "r",
                "region_code": "1275",
                "unit_id": "1275:x",
                "survey_date": dt.date(2024, 1, 1),
                "u_biaya": 0,
            },
        ),
        ("units", {**UNIT, "unit_id": "1272:dinas sosial"}),  # key not of its region
        ("regions", {"region_code": "ABC", "name": "X", "kind": "kota", "province": "P"}),
    ],
)
def test_schema_rejects_out_of_range_values(con, add, table, row):
    with pytest.raises(duckdb.ConstraintException):
        add(table, [row])


def test_schema_accepts_a_valid_row_of_each_table(con, add):
    add("units", [UNIT])
    add("staff", [{**STAFF, "golongan": "III/a", "gender": "L", "status": "aktif"}])
    add(
        "appraisals",
        [
            {
                "nip": nip(),
                "year": 2024,
                "predikat": "baik",
                "period": "TW1",
                "achievement_pct": 101.5,
            }
        ],
    )
    add(
        "trainings",
        [{"nip": nip(), "title": "X", "start_date": dt.date(2024, 1, 1), "hours_jp": 19.5}],
    )
    add(
        "complaints",
        [
            {
                "complaint_id": "A",
                "region_code": "1275",
                "received_at": dt.datetime(2024, 1, 5, 15),
                "verified_at": dt.datetime(2024, 1, 5, 9),
            }
        ],
    )  # same day: dates in order
    assert con.execute("SELECT hours_jp FROM trainings").fetchone()[0] == pytest.approx(19.5)


def test_staff_primary_key_refuses_a_duplicate_nip(con, add):
    add("staff", [STAFF])
    with pytest.raises(duckdb.ConstraintException):
        add("staff", [STAFF])


def test_migrations_bring_an_older_schema_forward(tmp_path):
    path = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(path))
    assert db.migrate(raw, target=1) == 1
    raw.execute(
        "INSERT INTO units (unit_id, region_code, name)"
        " VALUES ('1275:dinas sosial', '1275', 'Dinas Sosial')"
    )
    columns = [r[0] for r in raw.execute("DESCRIBE import_batches").fetchall()]
    assert "imported_by" not in columns
    raw.close()

    con = db.connect(path)
    assert db.schema_version(con) == len(db.migrations())
    columns = [r[0] for r in con.execute("DESCRIBE import_batches").fetchall()]
    assert "imported_by" in columns
    assert db.get_meta(con, "data_version") == "0"
    assert con.execute("SELECT name FROM units").fetchall() == [("Dinas Sosial",)]
    con.close()


def test_migrations_apply_in_order_and_only_once(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    con = duckdb.connect()
    assert db.migrate(con, directory=folder) == 1
    (folder / "0002_second.sql").write_text("ALTER TABLE a ADD COLUMN y INTEGER;")
    assert db.migrate(con, directory=folder) == 2
    assert db.migrate(con, directory=folder) == 2  # nothing left to apply
    assert [r[0] for r in con.execute("DESCRIBE a").fetchall()] == ["x", "y"]


def test_a_failing_migration_leaves_the_schema_as_it_was(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "0002_broken.sql").write_text("CREATE TABLE b (y INTEGER); SELECT * FROM nowhere;")
    con = duckdb.connect()
    with pytest.raises(duckdb.CatalogException):
        db.migrate(con, directory=folder)
    assert db.schema_version(con) == 1
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert "b" not in tables


MIGRATE_AND_CRASH = """
import os, signal, sys
import duckdb
from asn_analytics import db
con = duckdb.connect(sys.argv[1])
db.migrate(con, target=int(sys.argv[2]) - 1)
con.execute("CHECKPOINT")
db.migrate(con, target=int(sys.argv[2]))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("version", range(1, len(db.migrations()) + 1))
def test_a_database_opens_after_a_crash_right_after_a_migration(tmp_path, version):
    # DuckDB 1.5 cannot replay an ALTER TABLE of import_batches (its CHECKs call functions)
    # from the write-ahead log: a migration must reach the database file at its commit.
    path = tmp_path / "crash.duckdb"
    crashed = run_script(MIGRATE_AND_CRASH, path, version)
    assert crashed.returncode == -9, crashed.stderr
    con = db.connect(path)
    assert db.schema_version(con) == len(db.migrations())
    assert con.execute("SELECT count(*) FROM regions").fetchone() == (4,)
    con.close()


ALTER_AND_CRASH = """
import os, signal, sys
from asn_analytics import db
con = db.connect(sys.argv[1])
con.execute("ALTER TABLE import_batches ADD COLUMN note VARCHAR")  # into the log
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_log_holding_an_alter_table_is_replayed_when_the_database_opens(tmp_path):
    # DuckDB 1.5 opening such a file directly fails ("Failure while replaying WAL file").
    path = tmp_path / "alter.duckdb"
    crashed = run_script(ALTER_AND_CRASH, path)
    assert crashed.returncode == -9, crashed.stderr
    wal = path.with_name(path.name + ".wal")
    assert wal.stat().st_size > 0
    con = db.connect(path, read_only=True)  # as `metric` opens it
    assert "note" in [r[0] for r in con.execute("DESCRIBE import_batches").fetchall()]
    con.close()
    assert not wal.exists() or wal.stat().st_size == 0
    db.connect(path).close()


def test_a_held_database_with_a_log_is_still_refused_in_one_line(tmp_path):
    path = tmp_path / "held3.duckdb"
    db.connect(path).close()
    holder = _hold(path, "c.execute(\"INSERT INTO app_meta VALUES ('held', 'yes')\")")
    try:
        assert path.with_name(path.name + ".wal").stat().st_size > 0
        with pytest.raises(db.DatabaseLocked):
            db.connect(path)
    finally:
        holder.kill()
        holder.wait()


def test_a_checkpointed_commit_puts_the_thresholds_back(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    settings = "SELECT current_setting('checkpoint_threshold'),"
    settings += " current_setting('auto_checkpoint_skip_wal_threshold')"
    assert con.execute(settings).fetchall() == [("16.0 MiB", 100000)]
    con.execute("BEGIN")
    con.execute("CREATE TABLE x (a INTEGER)")
    db.commit_checkpointed(con)
    assert con.execute(settings).fetchall() == [("16.0 MiB", 100000)]
    con.close()


def test_reading_app_meta_leaves_no_transaction_open(tmp_path):
    # An open transaction on the app's long-lived connection would stop every automatic
    # checkpoint: the write below could then only go to the write-ahead log.
    path = tmp_path / "meta.duckdb"
    con = db.connect(path)
    assert db.get_meta(con, "data_version") == "0"
    writer = con.cursor()
    writer.execute("SET checkpoint_threshold = '1KB'")
    writer.execute("BEGIN")
    writer.execute("UPDATE app_meta SET value = '1' WHERE key = 'data_version'")
    writer.execute("COMMIT")
    wal = path.with_name(path.name + ".wal")
    assert not wal.exists() or wal.stat().st_size == 0
    writer.execute("RESET checkpoint_threshold")
    con.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')")
    con.close()
    with pytest.raises(db.DatabaseError, match="99"):
        db.connect(path)


def test_settings_set_threads_and_memory_limit(tmp_path):
    settings = Settings(db_path=tmp_path / "s.duckdb", threads=1, memory_limit="512MB")
    con = db.connect(settings=settings)
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.startswith(("488", "512"))  # DuckDB reports MiB
    con.close()


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASN_DB", str(tmp_path / "env.duckdb"))
    monkeypatch.setenv("ASN_THREADS", "3")
    monkeypatch.setenv("ASN_MEMORY_LIMIT", "1536MB")
    monkeypatch.setenv("ASN_LANG", "en")
    settings = Settings.from_env()
    assert settings.db_path == tmp_path / "env.duckdb"
    assert (settings.threads, settings.memory_limit, settings.lang) == (3, "1536MB", "en")


def test_a_missing_file_is_not_created_read_only(tmp_path):
    with pytest.raises(db.DatabaseError, match="tidak ditemukan"):
        db.connect(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def _hold(path: Path, then: str = "pass") -> subprocess.Popen:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); {then};"
            " print('held', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_held_database_gives_one_line_not_a_traceback(tmp_path):
    path = tmp_path / "held.duckdb"
    db.connect(path).close()
    holder = _hold(path)
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "asn_analytics", "--db", str(path), "init"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "sedang dipakai proses lain" in lines[0] and str(path) in lines[0]


def test_held_database_raises_database_locked(tmp_path):
    path = tmp_path / "held2.duckdb"
    db.connect(path).close()
    holder = _hold(path)
    try:
        with pytest.raises(db.DatabaseLocked):
            db.connect(path, read_only=True)
    finally:
        holder.kill()
        holder.wait()
