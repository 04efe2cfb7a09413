"""Shared fixtures: the demo database (built once per session), empty databases, row helpers."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from asn_analytics import db
from asn_analytics.synthetic import demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database file, generated once for the whole test session. Do not write to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path)
    return path


@pytest.fixture(scope="session")
def demo_con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the session's demo database."""
    con = db.connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo database file."""
    target = tmp_path / "demo-copy.duckdb"
    shutil.copyfile(demo_db, target)
    return target


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory database with the schema and the four seed regions."""
    connection = db.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def add(con: duckdb.DuckDBPyConnection) -> Callable[..., None]:
    """add(table, rows) inserts a list of dicts by column name into the empty database."""

    def insert(table: str, rows: list[dict], target: duckdb.DuckDBPyConnection = con) -> None:
        frame = pd.DataFrame(rows)
        target.register("rows_frame", frame)
        target.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_frame")
        target.unregister("rows_frame")

    return insert


# Names an officer's file could carry: a spreadsheet formula and HTML markup.
HOSTILE_REGION = '=HYPERLINK("http://x.test","<b>klik</b>")'
HOSTILE_UNIT = "<b>Dinas</b> & Sosial"


@pytest.fixture(scope="session")
def hostile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database with the largest region renamed to a formula and each of its units
    to markup; the summaries rebuilt. Copy it before writing."""
    from asn_analytics.metrics import summaries

    path = tmp_path_factory.mktemp("hostile") / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    con = db.connect(path)
    try:
        code = con.execute(
            "SELECT region_code FROM staff GROUP BY region_code ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        con.execute("UPDATE regions SET name = ? WHERE region_code = ?", [HOSTILE_REGION, code])
        con.execute(
            "UPDATE units SET name = ? || ' ' || unit_id WHERE region_code = ?",
            [HOSTILE_UNIT, code],
        )
        summaries.refresh(con)
    finally:
        con.close()
    return path
