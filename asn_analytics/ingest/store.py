"""Writing a validated file, and undoing it: one transaction each, under one process-wide lock.

A write inserts the new keys, updates the changed rows (their previous version copied to
<table>_history with replaced_by_batch) and leaves identical rows alone; it records the batch, its
rejects and warnings, and advances app_meta 'data_version'. Undo reverses exactly that.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import duckdb

from asn_analytics.db import get_meta, rollback, set_meta
from asn_analytics.ingest import messages
from asn_analytics.ingest.contracts import DATASETS
from asn_analytics.ingest.errors import UndoRefused
from asn_analytics.ingest.validation import Staged, classify, q, rejects_params, rejects_sql

# The app's threads share one database: writes never run at the same time.
WRITE_LOCK = threading.Lock()

# Tables that declare a primary key (the others' keys are kept unique by the import).
KEYED = ("regions", "units", "staff")

# Which stored columns refer to which table's key (not declared as foreign keys in the schema).
REFERENCES = {
    "regions": (
        ("units", "region_code"),
        ("staff", "region_code"),
        ("complaints", "region_code"),
        ("ikm_responses", "region_code"),
    ),
    "units": (("staff", "unit_id"), ("complaints", "unit_id"), ("ikm_responses", "unit_id")),
    "staff": (("appraisals", "nip"), ("trainings", "nip"), ("discipline", "nip")),
}


def bump_version(cur: duckdb.DuckDBPyConnection) -> None:
    """Advance the data version that caches key on."""
    set_meta(cur, "data_version", str(int(get_meta(cur, "data_version") or 0) + 1))


def _on(keys: tuple[str, ...], left: str, right: str) -> str:
    return " AND ".join(f"{left}.{q(k)} = {right}.{q(k)}" for k in keys)


def write(
    cur: duckdb.DuckDBPyConnection,
    staged: Staged,
    file_name: str,
    sha256: str,
    user: str | None,
    started: dt.datetime,
) -> tuple[int, dict[str, int]]:
    """Write the rows of `ok` and record the batch; returns (batch_id, action counts).

    The caller holds WRITE_LOCK. On any error the transaction is rolled back and re-raised.
    """
    spec = staged.spec
    table = spec.table
    cur.execute("BEGIN TRANSACTION")
    try:
        counts = classify(cur, staged)
        batch = cur.execute(
            "INSERT INTO import_batches (dataset, file_name, sha256, rows_read, inserted, updated,"
            " unchanged, rejected, warnings, started_at, status, imported_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?) RETURNING batch_id",
            [
                spec.name,
                file_name,
                sha256,
                staged.rows_read,
                counts["new"],
                counts["changed"],
                counts["same"],
                staged.rejected,
                staged.warnings,
                started,
                user,
            ],
        ).fetchone()[0]
        if staged.units_created:
            cur.execute(
                "INSERT INTO units (unit_id, region_code, name, sector, batch_id)"
                " SELECT unit_id, region_code, name, NULL, ? FROM new_units",
                [batch],
            )
        on = _on(spec.key, "d", "o")
        changed = "(SELECT * FROM ok WHERE _row IN (SELECT _row FROM matched WHERE changed))"
        if counts["changed"]:
            cur.execute(
                f"INSERT INTO {table}_history BY NAME SELECT d.*, ? AS replaced_by_batch"
                f" FROM {table} AS d JOIN {changed} AS o ON {on}",
                [batch],
            )
            sets = ", ".join(f"{q(c)} = o.{q(c)}" for c in staged.update_columns)
            cur.execute(
                f"UPDATE {table} AS d SET {sets}, batch_id = ? FROM {changed} AS o WHERE {on}",
                [batch],
            )
        if counts["new"]:
            # A primary-key index takes keys in order several times faster (NIPs share prefixes).
            columns = ", ".join(q(c) for c in staged.insert_columns)
            order = f" ORDER BY {', '.join(q(k) for k in spec.key)}" if table in KEYED else ""
            cur.execute(
                f"INSERT INTO {table} ({columns}, batch_id) SELECT {columns}, ? FROM ok"
                f" WHERE _row NOT IN (SELECT _row FROM matched){order}",
                [batch],
            )
        cur.execute(
            'INSERT INTO import_rejects SELECT $batch, row_number, severity, "column", value,'
            f" reason, reason_en FROM ({rejects_sql(staged)})",
            {"batch": batch, **rejects_params(staged)},
        )
        bump_version(cur)
        cur.execute(
            "UPDATE import_batches SET finished_at = ? WHERE batch_id = ?",
            [dt.datetime.now(), batch],
        )
        cur.execute("COMMIT")
    except BaseException:
        rollback(cur)
        raise
    return batch, counts


@dataclass(frozen=True)
class UndoReport:
    """What an undo did."""

    dataset: str
    batch_id: int
    file_name: str
    removed: int
    restored: int
    units_removed: int

    def message(self, lang: str = "id") -> str:
        return messages.text(
            "undo_done",
            lang,
            batch=self.batch_id,
            dataset=self.dataset,
            file=self.file_name,
            removed=self.removed,
            restored=self.restored,
            units=self.units_removed,
        )


def _inserted(table: str, keys: tuple[str, ...]) -> str:
    """SELECT of the keys batch $b inserted into `table` (written by it, not replaced by it)."""
    columns = ", ".join(q(k) for k in keys)
    return (
        f"SELECT {columns} FROM {table} WHERE batch_id = $b"
        f" EXCEPT SELECT {columns} FROM {table}_history WHERE replaced_by_batch = $b"
    )


def _check_undo(
    cur: duckdb.DuckDBPyConnection, dataset: str, batch: int, tables: list[str]
) -> None:
    for table in tables:
        later = cur.execute(
            f"SELECT min(replaced_by_batch) FROM {table}_history"
            " WHERE batch_id = $b AND replaced_by_batch <> $b",
            {"b": batch},
        ).fetchone()[0]
        if later is not None:
            other = _dataset_of(cur, later)
            raise UndoRefused(
                "changed_later", batch=batch, dataset=dataset, later=later, other=other
            )
    for table in tables:
        keys = DATASETS[table].key
        for referrer, column in REFERENCES.get(table, ()):
            count, later = cur.execute(
                f"SELECT count(*), max(batch_id) FROM {referrer}"
                f" WHERE {q(column)} IN ({_inserted(table, keys)})"
                " AND batch_id IS DISTINCT FROM $b",
                {"b": batch},
            ).fetchone()
            if count:
                raise UndoRefused(
                    "referenced",
                    batch=batch,
                    dataset=dataset,
                    count=count,
                    other=referrer,
                    later=later if later is not None else "?",
                )


def _dataset_of(cur: duckdb.DuckDBPyConnection, batch: int) -> str:
    row = cur.execute("SELECT dataset FROM import_batches WHERE batch_id = ?", [batch]).fetchone()
    return row[0] if row else "?"


def undo(cur: duckdb.DuckDBPyConnection, dataset: str, user: str | None = None) -> UndoReport:
    """Undo the latest committed batch of `dataset`, recording who did it; raises UndoRefused.
    Caller holds the lock."""
    spec = DATASETS[dataset]
    cur.execute("BEGIN TRANSACTION")
    try:
        row = cur.execute(
            "SELECT batch_id, file_name FROM import_batches WHERE dataset = ?"
            " AND status = 'committed' ORDER BY batch_id DESC LIMIT 1",
            [dataset],
        ).fetchone()
        if row is None:
            raise UndoRefused("nothing", dataset=dataset)
        batch, file_name = row
        tables = [spec.table]
        if spec.creates_units and spec.table != "units":
            tables.append("units")
        _check_undo(cur, dataset, batch, tables)
        removed = restored = units_removed = 0
        for table in tables:
            written = cur.execute(
                f"SELECT count(*) FROM {table} WHERE batch_id = ?", [batch]
            ).fetchone()[0]
            previous = cur.execute(
                f"SELECT count(*) FROM {table}_history WHERE replaced_by_batch = ?", [batch]
            ).fetchone()[0]
            cur.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch])
            cur.execute(
                f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (replaced_by_batch)"
                f" FROM {table}_history WHERE replaced_by_batch = ?",
                [batch],
            )
            cur.execute(f"DELETE FROM {table}_history WHERE replaced_by_batch = ?", [batch])
            if table == spec.table:
                removed, restored = written - previous, previous
            else:
                units_removed = written - previous
        cur.execute(
            "UPDATE import_batches SET status = 'undone', undone_by = ?, undone_at = ?"
            " WHERE batch_id = ?",
            [user, dt.datetime.now(), batch],
        )
        bump_version(cur)
        cur.execute("COMMIT")
    except BaseException:
        rollback(cur)
        raise
    return UndoReport(dataset, batch, file_name, removed, restored, units_removed)
