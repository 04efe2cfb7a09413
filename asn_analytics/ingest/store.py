"""Writing a validated file, and undoing it: one transaction each, under one process-wide lock.

A write inserts the new keys, updates the changed rows (their previous version copied to
<table>_history with replaced_by_batch) and leaves identical rows alone; it records the batch, its
rejects and warnings, and advances app_meta 'data_version'. Undo reverses exactly that.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass

import duckdb

from asn_analytics.db import commit_checkpointed, get_meta, rollback, set_meta
from asn_analytics.ingest import messages
from asn_analytics.ingest.datasets import DATASETS
from asn_analytics.ingest.errors import UndoRefused
from asn_analytics.ingest.staging import q
from asn_analytics.ingest.validation import Staged, classify, rejects_params, rejects_sql

# The app's threads share one database: writes never run at the same time.
WRITE_LOCK = threading.Lock()

# Tables that declare a primary key (the others' keys are kept unique by the import).
KEYED = ("regions", "units", "staff")

# The table a column of each kind refers to (by its key; not declared as foreign keys in the
# schema).
_REFERRED = {"region": "regions", "unit": "units", "staff_nip": "staff"}


def _references() -> dict[str, tuple[tuple[str, str], ...]]:
    """table -> the (table, column) pairs that refer to its key, from the declared kinds."""
    found: dict[str, list[tuple[str, str]]] = {}
    for spec in DATASETS.values():
        for column in spec.columns.values():
            if column.kind.name in _REFERRED:
                found.setdefault(_REFERRED[column.kind.name], []).append(
                    (spec.table, column.target)
                )
    found["units"].append(("units", "parent_id"))  # an OPD is a unit, the parent of its units
    return {table: tuple(pairs) for table, pairs in found.items()}


REFERENCES = _references()


def bump_version(cur: duckdb.DuckDBPyConnection) -> None:
    """Advance the data version that caches key on."""
    set_meta(cur, "data_version", str(int(get_meta(cur, "data_version") or 0) + 1))


@dataclass(frozen=True)
class Earlier:
    """The committed batch that imported a file's very content already."""

    batch_id: int
    finished_at: dt.datetime | None


def earlier_import(cur: duckdb.DuckDBPyConnection, dataset: str, sha256: str) -> Earlier | None:
    """The latest batch of `dataset` with this content hash that is not undone, if any."""
    row = cur.execute(
        "SELECT batch_id, finished_at FROM import_batches WHERE dataset = ? AND sha256 = ?"
        " AND status = 'committed' ORDER BY batch_id DESC LIMIT 1",
        [dataset, sha256],
    ).fetchone()
    return None if row is None else Earlier(row[0], row[1])


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
        if staged.unit_aliases:
            cur.executemany(
                "INSERT OR REPLACE INTO unit_aliases (region_code, alias, unit_id, batch_id,"
                " created_by) VALUES (?, ?, ?, ?, ?)",
                [[*alias, batch, user] for alias in staged.unit_aliases],
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
        loaded = False
        if counts["new"]:
            loaded = _insert_new(
                cur, staged, batch, bulk=not counts["changed"] and not counts["same"]
            )
        if staged.units_created:  # after the rows: a first list of units loads in bulk
            cur.execute(
                "INSERT INTO units (unit_id, region_code, name, sector, batch_id)"
                " SELECT unit_id, region_code, name, NULL, ? FROM new_units",
                [batch],
            )
        if staged.unit_parents:
            _set_parents(cur, batch)
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
        if loaded:
            commit_checkpointed(cur)
        else:
            cur.execute("COMMIT")
    except BaseException:
        rollback(cur)
        raise
    return batch, counts


def _set_parents(cur: duckdb.DuckDBPyConnection, batch: int) -> None:
    """Give each unit of `unit_parents` its OPD; a unit this batch did not write yet keeps its
    previous version in units_history (undo puts it back)."""
    changed = (
        "(SELECT p.unit_id, p.parent_id FROM unit_parents AS p JOIN units AS u USING (unit_id)"
        " WHERE u.parent_id IS DISTINCT FROM p.parent_id)"
    )
    cur.execute(
        "INSERT INTO units_history BY NAME SELECT u.*, $b AS replaced_by_batch FROM units AS u"
        f" JOIN {changed} AS c USING (unit_id) WHERE u.batch_id IS DISTINCT FROM $b",
        {"b": batch},
    )
    cur.execute(
        f"UPDATE units AS u SET parent_id = c.parent_id, batch_id = $b FROM {changed} AS c"
        " WHERE u.unit_id = c.unit_id",
        {"b": batch},
    )


def _insert_new(cur: duckdb.DuckDBPyConnection, staged: Staged, batch: int, bulk: bool) -> bool:
    """Insert the rows of `ok` whose key is not stored yet (`bulk`: no row of the file is);
    True when the table's key was built after the rows."""
    spec = staged.spec
    columns = ", ".join(q(c) for c in staged.insert_columns)
    rows = (
        f"({columns}, batch_id) SELECT {columns}, ? FROM ok"
        " WHERE _row NOT IN (SELECT _row FROM matched)"
    )
    if spec.table in KEYED:
        return insert_keyed(cur, spec.table, spec.key, rows, [batch], bulk)
    cur.execute(f"INSERT INTO {spec.table} {rows}", [batch])
    return False


def insert_keyed(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    key: tuple[str, ...],
    rows: str,
    params: list,
    bulk: bool = True,
) -> bool:
    """`INSERT INTO table {rows}` in key order, inside the caller's transaction; True when the
    key was built after the rows (then commit with db.commit_checkpointed: the index DuckDB
    builds at commit goes straight into the file instead of also into the write-ahead log).

    A primary-key index takes keys in order several times faster (NIPs share prefixes). Into an
    empty table (when `bulk`) the rows go first into a new table of the same definition without
    the key, which then gets the key and takes the empty table's place: DuckDB then builds the
    key's index once, at commit, instead of once for the transaction and again at commit. (Its
    ALTER TABLE, should it reach the log, is replayed by db.replay_log after a crash.)
    """
    keys = ", ".join(q(k) for k in key)
    ddl = None
    if bulk and not cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
        ddl = unkeyed_definition(cur, table, f"{table}__load")
    if ddl is None:
        cur.execute(f"INSERT INTO {table} {rows} ORDER BY {keys}", params)
        return False
    cur.execute(ddl)
    cur.execute(f"INSERT INTO {table}__load {rows} ORDER BY {keys}", params)
    cur.execute(f"ALTER TABLE {table}__load ADD PRIMARY KEY ({keys})")
    cur.execute(f"DROP TABLE {table}")
    cur.execute(f"ALTER TABLE {table}__load RENAME TO {table}")
    return True


def unkeyed_definition(cur: duckdb.DuckDBPyConnection, table: str, name: str) -> str | None:
    """CREATE TABLE `name` with `table`'s columns, defaults and checks but not its primary key
    (its columns made NOT NULL instead); None when the stored definition has another shape or
    the table has what its CREATE statement does not carry: an index, a comment, a foreign key
    referring to it."""
    found = cur.execute(
        "SELECT sql, comment IS NULL AND NOT EXISTS (SELECT 1 FROM duckdb_columns() AS c"
        "  WHERE c.table_oid = t.table_oid AND c.comment IS NOT NULL)"
        " AND NOT EXISTS (SELECT 1 FROM duckdb_indexes() AS i WHERE i.table_oid = t.table_oid)"
        " AND NOT EXISTS (SELECT 1 FROM duckdb_constraints() AS k"
        "  WHERE k.constraint_type = 'FOREIGN KEY' AND k.referenced_table = t.table_name)"
        " FROM duckdb_tables() AS t WHERE schema_name = 'main' AND table_name = ?"
        " AND NOT temporary",
        [table],
    ).fetchall()
    head = f"CREATE TABLE {table}("
    if not found or not found[0][1] or not found[0][0].startswith(head):
        return None
    body = found[0][0][len(head) :]
    # As declared: "nip VARCHAR PRIMARY KEY"; as rebuilt here: "nip VARCHAR, ..., PRIMARY KEY(nip)"
    inline = re.findall(r"(?:^|, )(\w+ \w+) PRIMARY KEY(?=[,)])", body)
    after = re.findall(r", PRIMARY KEY\(([^()]*)\)(?=[,)])", body)
    if len(inline) + len(after) != 1:
        return None
    if inline:
        body = body.replace(f"{inline[0]} PRIMARY KEY", f"{inline[0]} NOT NULL", 1)
    else:
        body = body.replace(f", PRIMARY KEY({after[0]})", "", 1)
        for column in after[0].split(", "):
            body, found = re.subn(
                rf"(?:^|(?<=, )){re.escape(column)} (\w+)(?=[,)])",
                rf"{column} \1 NOT NULL",
                body,
                count=1,
            )
            if not found:
                return None
    return f"CREATE TABLE {name}({body}"


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
        cur.execute("DELETE FROM unit_aliases WHERE batch_id = ?", [batch])
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
