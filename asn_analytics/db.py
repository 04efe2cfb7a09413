"""Opening the DuckDB database: settings, schema creation, forward migrations, seed regions."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb

from asn_analytics import nip, reference
from asn_analytics.i18n import t
from asn_analytics.settings import Settings

_METRIC_MACROS = (resources.files("asn_analytics") / "metrics" / "common.sql").read_text("utf-8")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseError(Exception):
    """A problem opening the database that the user can act on; the message says what to do."""


class DatabaseLocked(DatabaseError):
    """Another process holds the database file."""


def migrations(directory: Path | None = None) -> list[tuple[int, str, str]]:
    """The forward migrations as (version, file name, SQL), in version order."""
    folder = directory or resources.files("asn_analytics") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


_CREATED_TABLE = re.compile(r"^\s*CREATE TABLE (\w+)", re.MULTILINE | re.IGNORECASE)


def _data_tables() -> tuple[str, ...]:
    """The tables an import writes, in the order the migrations create them: a data table is one
    whose old row versions are kept, so the migrations also create `<table>_history`."""
    created = [name for _, _, sql in migrations() for name in _CREATED_TABLE.findall(sql)]
    return tuple(name for name in created if f"{name}_history" in created)


DATA_TABLES = _data_tables()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied; 0 for a database without the schema."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(
    con: duckdb.DuckDBPyConnection,
    *,
    target: int | None = None,
    directory: Path | None = None,
    path_label: str = "",
) -> int:
    """Apply the missing migrations up to `target` (default: all), each in its own transaction."""
    steps = migrations(directory)
    latest = steps[-1][0] if steps else 0
    target = latest if target is None else target
    current = schema_version(con)
    if current > latest:
        raise DatabaseError(
            t("db.newer_schema", _lang(), path=path_label, found=current, known=latest)
        )
    if current == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
    # The package's own first migration creates the regions table, then seeds it.
    after = {1: seed_regions} if directory is None else {}
    for version, name, sql in steps:
        if current < version <= target:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
                )
                if version in after:
                    after[version](con)
                commit_checkpointed(con)
            except Exception:
                rollback(con)
                raise
    return schema_version(con)


def commit_checkpointed(con: duckdb.DuckDBPyConnection) -> None:
    """COMMIT straight into the database file, not through the write-ahead log, when DuckDB can.

    With both thresholds at zero for this commit DuckDB checkpoints instead of writing the log,
    so what the transaction built (a migration's schema change, a first load's key index) is
    written once, and a crash leaves the database as it was before the transaction. With another
    transaction open DuckDB writes the log after all; replay_log covers what DuckDB 1.5 cannot
    replay from it directly. The thresholds are the database's and are set back at once.
    """
    zero = {"checkpoint_threshold": "0KB", "auto_checkpoint_skip_wal_threshold": "0"}
    before = {n: con.execute(f"SELECT current_setting('{n}')").fetchall()[0][0] for n in zero}
    for name, value in zero.items():
        con.execute(f"SET {name} = '{value}'")
    try:
        con.execute("COMMIT")
    finally:
        try:
            for name, value in before.items():
                con.execute(f"SET {name} = '{value}'")
        except duckdb.FatalException:
            pass  # a checkpoint that failed has closed the database: its own error is raised


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """ROLLBACK the open transaction, if DuckDB has not already ended it (a failed COMMIT does),
    so that the error that stopped the transaction is the one raised."""
    try:
        con.execute("ROLLBACK")
    except (duckdb.TransactionException, duckdb.FatalException):
        pass  # ended already, or the database closed by a failed checkpoint


def seed_regions(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the seed regions of reference/regions.toml that are not there yet."""
    for row in reference.load("regions")["region"]:
        con.execute(
            "INSERT INTO regions (region_code, name, kind, province, population, population_year)"
            " VALUES ($region_code, $name, $kind, $province, $population, $population_year)"
            " ON CONFLICT DO NOTHING",
            row,
        )


def connect(
    path: Path | str | None = None,
    *,
    read_only: bool = False,
    settings: Settings | None = None,
    create: bool = True,
) -> duckdb.DuckDBPyConnection:
    """Open the database (default: ASN_DB or data/asn.duckdb), creating or migrating its schema.

    Raises DatabaseLocked with a one-line message when another process holds the file, and
    DatabaseError when the file is missing and `create` is false.
    """
    settings = settings or Settings.from_env()
    db_path = Path(path) if path is not None else settings.db_path
    if str(db_path) != ":memory:":
        if not db_path.exists() and (read_only or not create):
            raise DatabaseError(t("db.not_found", settings.lang, path=db_path))
        db_path.parent.mkdir(parents=True, exist_ok=True)
    config = {"threads": settings.threads, "memory_limit": settings.memory_limit}
    try:
        try:
            con = duckdb.connect(str(db_path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            # Internal when writing, an I/O error when read-only: the same replay failure.
            if "Failure while replaying WAL" not in str(exc):
                raise
            replay_log(db_path, config)
            con = duckdb.connect(str(db_path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            pid = re.search(r"PID (\d+)", message)
            raise DatabaseLocked(
                t(
                    "db.locked",
                    settings.lang,
                    path=db_path,
                    pid=f" (PID {pid.group(1)})" if pid else "",
                )
            ) from None
        raise
    if not read_only:
        migrate(con, path_label=str(db_path))
    register_macros(con)
    return con


def replay_log(db_path: Path, config: dict) -> None:
    """Fold into the file the write-ahead log that DuckDB could not replay on opening it.

    DuckDB 1.5 opening a file directly cannot replay an ALTER TABLE of a table whose CHECK
    constraints call functions ("Failure while replaying WAL file ... GetDefaultDatabase", duckdb
    issue 19712), which a process that stopped before its next checkpoint can leave (a first
    load builds its key with one); attached to an in-memory database it can, because a default
    database then exists. So the log is replayed that way and checkpointed into the file, as the
    next read-write open would have done; also before a read-only open, or before a database of a
    newer schema is refused. A log that is corrupt fails here as it did on opening, untouched.
    """
    spare = duckdb.connect(":memory:", config=config)
    try:
        spare.execute(f"ATTACH '{_quoted(db_path)}' AS recovered")
        spare.execute("CHECKPOINT recovered")
    finally:
        spare.close()


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread or script run, with the rule macros defined on it."""
    cur = con.cursor()
    register_macros(cur)
    return cur


def register_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the temporary SQL macros (NIP rules, shared metric rules) on a connection.

    Temporary macros belong to one connection, so every cursor needs them again.
    """
    nip.register(con)
    con.execute(_METRIC_MACROS)
    con.execute(_predikat_macros())


def _predikat_macros() -> str:
    """predikat_value(p) and predikat_of(result, behaviour) from reference/predikat.toml."""
    ref = reference.load("predikat")
    values = " ".join(f"WHEN '{k}' THEN {int(v)}" for k, v in ref["value"].items())
    cells = " ".join(
        f"WHEN r = '{r}' AND b = '{b}' THEN '{p}'"
        for r, row in ref["matrix"].items()
        for b, p in row.items()
    )
    return (
        f"CREATE OR REPLACE TEMP MACRO predikat_value(p) AS CASE p {values} END;"
        f"CREATE OR REPLACE TEMP MACRO predikat_of(r, b) AS CASE {cells} END;"
    )


def _lang() -> str:
    return Settings.from_env().lang


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every data table."""
    # Table names come from DATA_TABLES, never from input.
    query = "SELECT count(*) FROM {}"
    return {name: con.execute(query.format(name)).fetchone()[0] for name in DATA_TABLES}


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A value of the app_meta table."""
    # fetchall, not fetchone: a result left unread keeps its transaction open, and an open
    # transaction on the long-lived connection stops DuckDB from ever checkpointing on its own.
    rows = con.execute("SELECT value FROM app_meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a value of the app_meta table."""
    con.execute(
        "INSERT INTO app_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database holds the synthetic demo data."""
    return get_meta(con, "demo") == "true"
