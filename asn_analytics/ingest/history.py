"""Import history: batches, their rejects and warnings, what can be undone, data freshness."""

from __future__ import annotations

import duckdb
import pandas as pd

from asn_analytics.ingest.datasets import DATASETS

_BATCHES = """
SELECT batch_id, dataset, file_name, imported_by, started_at, finished_at, status,
       rows_read, inserted, updated, unchanged, rejected, warnings, undone_by, undone_at
FROM import_batches
ORDER BY batch_id DESC
"""

_REJECTS = """
SELECT row_number, severity, "column", value, reason, reason_en
FROM import_rejects
WHERE batch_id = $batch
ORDER BY row_number, severity, "column"
"""

# The batch undo would take back for each dataset: its latest committed batch.
_UNDOABLE = """
SELECT dataset, max(batch_id) AS batch_id
FROM import_batches
WHERE status = 'committed'
GROUP BY dataset
"""


def _freshness_sql() -> str:
    """Per dataset and region: rows held, the latest date the data speak of, the last import into
    them. A row belongs to the region it names, or to its staff member's."""
    parts = []
    for spec in DATASETS.values():
        kinds = {c.kind.name for c in spec.columns.values()}
        day = spec.dated_by or "NULL::DATE"
        if "region" in kinds:
            source, region = f"{spec.table} AS d", "d.region_code"
        elif "staff_nip" in kinds:
            source, region = f"{spec.table} AS d JOIN staff AS s USING (nip)", "s.region_code"
        else:
            continue
        parts.append(
            f"SELECT '{spec.name}' AS dataset, {region} AS region_code, {day} AS day,"
            f" d.batch_id FROM {source}"
        )
    rows = "\nUNION ALL\n".join(parts)
    return (
        f"WITH per_row AS ({rows})"
        " SELECT p.dataset, p.region_code, r.name AS region_name, count(*) AS n,"
        " max(p.day) AS latest_date, max(b.finished_at) AS last_import"
        " FROM per_row AS p JOIN regions AS r USING (region_code)"
        " LEFT JOIN import_batches AS b ON b.batch_id = p.batch_id AND b.status = 'committed'"
        " GROUP BY ALL ORDER BY p.dataset, r.name"
    )


_FRESHNESS = _freshness_sql()

# A value that is (or was) a NIP, under whatever header the file gave it: 15+ digits, perhaps
# with spaces or a leading apostrophe, or Excel's scientific notation of one. NIPs are shown only
# to the uploader, in the report of their own upload.
_NIP_LIKE = r"^'?[0-9][0-9 ]{14,}$|^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$"


def batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import batch, newest first, with its counts, status, who made it and who undid it."""
    return con.execute(_BATCHES).df()


def rejects(
    con: duckdb.DuckDBPyConnection, batch_id: int, *, hide_nips: bool = True
) -> pd.DataFrame:
    """A batch's rejected rows and warnings; NIP values hidden unless asked otherwise."""
    frame = con.execute(_REJECTS, {"batch": batch_id}).df()
    if hide_nips and len(frame):
        nip = frame["value"].astype("string").str.strip().str.match(_NIP_LIKE).fillna(False)
        frame["value"] = frame["value"].astype("object").where(~nip.astype(bool), "•" * 6)
    return frame


def batch_regions(con: duckdb.DuckDBPyConnection, batch_id: int, table: str) -> set[str]:
    """The regions whose rows the batch wrote or replaced in `table` (and in units)."""
    columns = {c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()}
    touched = "region_code" if "region_code" in columns else "nip"
    rows = (
        f"SELECT {touched} FROM {table} WHERE batch_id = $b"
        f" UNION SELECT {touched} FROM {table}_history WHERE replaced_by_batch = $b"
    )
    if touched == "nip":
        rows = f"SELECT s.region_code FROM ({rows}) AS x JOIN staff AS s USING (nip)"
    rows += " UNION SELECT region_code FROM units WHERE batch_id = $b"
    return {region for (region,) in con.execute(rows, {"b": batch_id}).fetchall()}


def visible_batches(
    con: duckdb.DuckDBPyConnection, regions: tuple[str, ...] | None
) -> pd.DataFrame:
    """The batches a person granted `regions` (None: all) may see: those touching no other."""
    frame = batches(con)
    if regions is None or frame.empty:
        return frame
    keep = [
        batch_regions(con, int(row.batch_id), DATASETS[row.dataset].table) <= set(regions)
        for row in frame.itertuples()
    ]
    return frame[keep].reset_index(drop=True)


def undoable(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """dataset -> the batch an undo of that dataset would take back."""
    return dict(con.execute(_UNDOABLE).fetchall())


def freshness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per dataset and region: rows, the latest date in the data, the last import into them."""
    return con.execute(_FRESHNESS).df()
