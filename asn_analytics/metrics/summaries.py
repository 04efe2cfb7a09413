"""Summary tables: the indicators' fast path on millions of rows.

Each indicator keeps its SQL on the raw tables (the definition) and may declare, in its own
module, summary tables (`declare(Summary(...))`: name, columns, the SELECT that fills it from the
raw tables, the tables it reads, its parameters) with a second query on them. A summary holds
either figures that add up (counts and sums per region, unit, employment type and year) or, where
a figure does not add up (a median, a z-score, a count of distinct staff), the indicator's own
rows for the whole database, per employment-type choice. The fast query answers exactly what the
raw one would, and is used only while:

- the summaries are fresh: `summary_state` holds the fingerprint of the data (the data version
  that every import advances and the row count of every data table), of the reference files and
  of the summary declarations themselves;
- the filters' reference date is the one the summaries were built for (the default: the latest
  event date), and their years lie within the data's years;
- the indicator can apply the filters to its summary (a unit filter needs a summary by unit).

Anything else runs on the raw tables, as before. This module names no indicator: `refresh(con,
datasets)` rebuilds what the declarations say depends on the datasets written, after an import
or undo; tests/test_fast_path.py proves both paths give the same tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb

from asn_analytics import reference
from asn_analytics.db import DATA_TABLES, get_meta, rollback
from asn_analytics.metrics.scope import PART_TIME, Scope, bound, event_range_raw

# Bump when a summary's meaning changes without its SQL text changing.
# 2: staff on CLTN or tugas belajar count as in service; 3: OPD rows and each unit's OPD
SUMMARY_VERSION = "3"


@dataclass(frozen=True)
class Stage:
    """A temporary table that several summaries read, built once before them and dropped after."""

    name: str
    build: str  # SELECT on the raw tables


@dataclass(frozen=True)
class Summary:
    """One summary table, declared by the indicator module that reads it."""

    name: str
    columns: str  # the table's column definitions, in the order `build` yields them
    build: str  # SELECT on the raw tables for the whole database (or the $regions rebuilt)
    reads: tuple[str, ...]  # data tables it is computed from (regions and units: every summary)
    params: Callable[[Scope], dict[str, Any]] | None = None  # named parameters beside the scope's
    # Its figures depend on the reference date itself (open complaints, pending steps), not only
    # on its year: rebuilt everywhere when the date moves.
    as_of: bool = False
    # Or they count events up to the reference date: this SQL counts the events between $old and
    # $new, and only when there are any is the summary rebuilt after the date moves.
    events_between: str | None = None
    stage: Stage | None = None  # a temporary table `build` reads
    order: str | None = None  # kept in this order (read without ORDER BY)


# Every declared summary, by table name, in the order the indicator modules declare them.
DECLARED: dict[str, Summary] = {}


def declare(summary: Summary) -> Summary:
    """Add a summary table to the fast path (called once, by the module of its indicators)."""
    if summary.name in DECLARED:
        raise ValueError(f"summary {summary.name!r} declared twice")
    if not summary.name.startswith("sum_"):
        raise ValueError(f"summary {summary.name!r}: summary tables are named sum_*")
    unknown = set(summary.reads) - set(DATA_TABLES)
    if unknown:
        raise ValueError(f"summary {summary.name!r} reads unknown tables {sorted(unknown)}")
    DECLARED[summary.name] = summary
    _code_hash.cache_clear()
    return summary


def tables() -> tuple[str, ...]:
    """Every summary table."""
    return tuple(DECLARED)


@dataclass(frozen=True)
class State:
    """What the fresh summaries were built for."""

    as_of: dt.date
    first_year: int
    last_year: int
    # Every staff member's unit belongs to their region (unit_id starts with the region code):
    # then a per-unit figure computed over all regions is the same with a region filter.
    units_consistent: bool


# -- freshness -------------------------------------------------------------------------------
_SIZES = """
SELECT table_name, estimated_size
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main'
  AND (list_contains($tables, table_name) OR table_name = 'summary_state')
"""


def _sizes(con: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
    """Row counts of the data tables (catalog figures, no scan); None without summary tables."""
    rows = dict(con.execute(_SIZES, {"tables": list(DATA_TABLES)}).fetchall())
    if "summary_state" not in rows:
        return None
    return {name: int(rows.get(name, 0)) for name in DATA_TABLES}


def _fingerprint(sizes: dict[str, int]) -> str:
    return _code_hash() + ":" + ",".join(str(sizes[name]) for name in DATA_TABLES)


# While an indicator runs: what was read once, by key (see snapshot()).
_SNAPSHOT: ContextVar[dict[Hashable, Any] | None] = ContextVar("summary_snapshot", default=None)


@contextmanager
def snapshot() -> Iterator[None]:
    """Answer repeated reads once for everything computed inside (one indicator call).

    An indicator such as the overview assembles a dozen others; each would otherwise re-read the
    catalog to check freshness, and some ask the same question twice. Nothing inside writes, so
    the first answer holds throughout.
    """
    if _SNAPSHOT.get() is not None:
        yield
        return
    token = _SNAPSHOT.set({})
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)


def once(key: Hashable, compute: Callable[[], Any]) -> Any:
    """compute(), or inside a snapshot the value it gave the first time for `key`."""
    memo = _SNAPSHOT.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def state(con: duckdb.DuckDBPyConnection) -> State | None:
    """The state of the summaries when they are fresh for this database, else None."""
    return once(("state", id(con)), lambda: _read_state(con))


def _read_state(con: duckdb.DuckDBPyConnection) -> State | None:
    sizes = _sizes(con)
    if sizes is None:
        return None
    row = con.execute(
        "SELECT s.fingerprint, s.data_version, s.as_of, s.first_year, s.last_year,"
        " s.units_consistent, (SELECT value FROM app_meta WHERE key = 'data_version')"
        " FROM summary_state AS s"
    ).fetchone()
    if row is None:
        return None
    fingerprint, version, as_of, first_year, last_year, consistent, current = row
    if fingerprint != _fingerprint(sizes) or version != (current or "0"):
        return None
    return State(as_of, first_year, last_year, consistent)


def covers(
    con: duckdb.DuckDBPyConnection,
    scope: Any,
    *,
    by_unit: bool = False,
    by_region: bool = True,
) -> bool:
    """True when a fast query may answer for `scope` (a metrics Scope).

    by_unit: the summary can apply a unit filter; by_region: a region filter (False for figures
    computed across a unit's staff when some unit's staff sit in another region).
    """
    current = state(con)
    if current is None or scope.as_of != current.as_of:
        return False
    if scope.year_from < current.first_year or scope.year_to > current.last_year:
        return False
    if scope.units is not None and not by_unit:
        return False
    if scope.employment_types is not None and PART_TIME in scope.employment_types:
        return False  # the summaries split PNS and PPPK only
    if scope.regions is not None and not by_region and not current.units_consistent:
        return False
    return True


def single_unit(scope: Any) -> str | None:
    """The unit when the filters name exactly one (the sidebar's choice), else None."""
    units = scope.units
    return units[0] if units is not None and len(set(units)) == 1 else None


def type_key(scope: Any) -> str:
    """The summaries' employment-type key for the scope's type filter ('-': none chosen)."""
    types = scope.employment_types
    if types is None or {"PNS", "PPPK"} <= set(types):
        return "*"
    if len(set(types)) == 1:
        return types[0]
    return "-"


def clear_cache() -> None:
    """Forget what this process computed once (the hash of the summary SQL and references)."""
    _code_hash.cache_clear()


# -- refresh ---------------------------------------------------------------------------------
@cache
def _code_hash() -> str:
    """A hash of the reference files and the summary declarations: a change to either makes the
    summaries stale."""
    digest = hashlib.sha256(SUMMARY_VERSION.encode())
    for name, text in reference.files():
        digest.update(name.encode())
        digest.update(text)
    for name, sql in sorted(_sources().items()):
        digest.update(name.encode())
        digest.update(sql.encode())
    for name in sorted(DECLARED):
        digest.update(DECLARED[name].columns.encode())
    return digest.hexdigest()[:16]


def _sources() -> dict[str, str]:
    """The SELECT that fills each summary and stage, on the raw tables."""
    sources = {}
    for summary in DECLARED.values():
        if summary.stage is not None:
            sources[summary.stage.name] = summary.stage.build
        sources[summary.name] = summary.build
    return sources


def _parameters(scope: Scope, name: str) -> dict[str, Any]:
    """The named parameters of one summary's SQL, for the scope it is rebuilt for."""
    summary = DECLARED.get(name)
    extra = summary.params(scope) if summary is not None and summary.params else {}
    return {**scope.params(), **extra}


def _stored(con: duckdb.DuckDBPyConnection) -> tuple | None:
    return con.execute(
        "SELECT fingerprint, data_version, as_of, first_year, units_consistent FROM summary_state"
    ).fetchone()


def refresh(
    con: duckdb.DuckDBPyConnection,
    datasets: Iterable[str] | None = None,
    log: Callable[[str], None] | None = None,
    regions: Iterable[str] | None = None,
) -> State | None:
    """Rebuild the summaries after `datasets` changed (default: all of them); the new state.

    Call it after every import or undo, with the datasets written and the regions whose rows the
    write touched (history.batch_regions): then only those regions' summary rows are rebuilt —
    every summary row belongs to one region and is computed from that region's rows alone. It
    rebuilds everything when the summaries were not fresh before that write (a write without a
    refresh, a changed reference file or reference year), and every region where a figure
    depends on something outside the touched regions (a moved reference date, a unit whose staff
    sit in several regions). Runs in the caller's transaction when there is one, else in its own.
    """
    # sum_evaluators is read in the order it is written.
    ordered = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = true")
    own = _begin(con)
    try:
        touched = None if regions is None else sorted(set(regions))
        result = _refresh(con, datasets, log, touched)
        if own:
            con.execute("COMMIT")
        return result
    except BaseException:
        if own:
            rollback(con)
        raise
    finally:
        try:
            con.execute(f"SET preserve_insertion_order = {'true' if ordered else 'false'}")
        except duckdb.Error:
            pass  # the caller's transaction failed: its error is the one to see


def _begin(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        return False  # the caller's transaction
    return True


def _refresh(con, datasets, log, touched) -> State | None:
    sizes = _sizes(con)
    if sizes is None:
        raise RuntimeError("the database has no summary tables: open it with db.connect first")
    latest, first_year = event_range_raw(con)
    version = get_meta(con, "data_version") or "0"
    if latest is None:
        for name in tables():
            _create(con, name)
        con.execute("DELETE FROM summary_state")
        return None
    stored = _stored(con)
    names, incremental = _stale(stored, sizes, version, datasets, latest, first_year)
    everywhere = set() if incremental else set(names)
    if stored is not None and stored[2] != latest:
        everywhere |= {n for n in names if DECLARED[n].as_of}
        counted: dict[str, int] = {}
        for name, summary in DECLARED.items():
            sql = summary.events_between
            if sql is None or name in names:
                continue
            if sql not in counted:
                counted[sql] = con.execute(sql, {"old": stored[2], "new": latest}).fetchone()[0]
            if counted[sql]:
                names.append(name)
                everywhere.add(name)
    consistent = con.execute(
        "SELECT count(*) = 0 FROM staff WHERE NOT starts_with(unit_id, region_code || ':')"
    ).fetchone()[0]
    if touched is None or not (consistent and stored is not None and stored[4]):
        everywhere = set(names)
    scope = Scope(
        regions=None,
        units=None,
        employment_types=None,
        year_from=first_year,
        year_to=latest.year,
        as_of=latest,
    )
    whole = [n for n in names if n in everywhere]
    some = [n for n in names if n not in everywhere]
    if whole:
        _rebuild(con, whole, scope, None, log, by_region=consistent)
    if some and touched:  # a batch that wrote nothing (the same file again) touched no region
        _rebuild(con, some, scope, touched, log, by_region=True)
    con.execute("DELETE FROM summary_state")
    con.execute(
        "INSERT INTO summary_state VALUES (1, ?, ?, ?, ?, ?, ?, current_timestamp)",
        [_fingerprint(sizes), version, latest, first_year, latest.year, consistent],
    )
    return State(latest, first_year, latest.year, consistent)


# Tables keyed by a staff member's NIP: a region's summary rows read only its staff's rows.
BY_NIP = ("appraisals", "trainings", "discipline")


# A whole rebuild of a database with more staff than DuckDB's memory holds comfortably goes a
# group of regions at a time, so that its memory is bounded by the group's size rather than the
# country's (5.6 M staff: 1.6 GB resident under a 1 GB limit, in seven groups).
GROUP_STAFF_PER_GB = 1_000_000
_SIZE = re.compile(r"([0-9.]+)\s*([KMGT]i?B)")
_UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def _group_staff(con: duckdb.DuckDBPyConnection) -> int:
    """Staff per group of regions for this connection's memory limit."""
    setting = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    found = _SIZE.search(setting)
    gigabytes = float(found[1]) * _UNITS[found[2][0]] / 2**30 if found else 1.0
    return max(1, int(GROUP_STAFF_PER_GB * max(gigabytes, 0.5)))


def _rebuild(
    con, names: list[str], scope: Any, regions: list[str] | None, log, *, by_region: bool
) -> None:
    """Rebuild `names` for `regions`, or entirely (None). by_region: every summary row can be
    computed from its region's rows alone (each unit's staff sit in its region)."""
    groups = [regions] if regions is not None else _region_groups(con) if by_region else []
    if len(groups) <= 1 and regions is None:
        _rebuild_sources(con, names, scope, None, log)
        return
    if regions is None:
        for name in names:
            _create(con, name)
    for group in groups:
        _rebuild_regions(con, names, scope.model_copy(update={"regions": tuple(group)}), log)
    for name in names:
        if DECLARED[name].order:
            _reorder(con, name)


def _region_groups(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """Every region, in code order, in groups of about _group_staff() staff."""
    rows = con.execute(
        "SELECT r.region_code, count(s.nip) FROM regions AS r"
        " LEFT JOIN staff AS s USING (region_code) GROUP BY ALL ORDER BY r.region_code"
    ).fetchall()
    limit = _group_staff(con)
    groups: list[list[str]] = [[]]
    size = 0
    for region, staff in rows:
        if groups[-1] and size + staff > limit:
            groups.append([])
            size = 0
        groups[-1].append(region)
        size += staff
    return groups


def _rebuild_regions(con, names: list[str], scope: Any, log) -> None:
    """Rebuild `names` for the scope's regions."""
    regions = list(scope.regions)
    # The summary SQL reads whole tables and filters late (a join to staff). For some regions,
    # temporary views of the same names, holding only their staff's rows, shadow the NIP-keyed
    # tables (this cursor only, until dropped) so that millions of other rows are not read.
    catalog = con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
    con.execute(
        "CREATE OR REPLACE TEMP TABLE summary_scope AS"
        " SELECT nip FROM staff WHERE list_contains($r, region_code)",
        {"r": regions},
    )
    try:
        for table in BY_NIP:
            con.execute(
                f'CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM "{catalog}".main.{table}'
                " WHERE nip IN (SELECT nip FROM summary_scope)"
            )
        _rebuild_sources(con, names, scope, regions, log)
    finally:
        try:
            for table in BY_NIP:
                con.execute(f"DROP VIEW IF EXISTS temp.{table}")
            con.execute("DROP TABLE IF EXISTS temp.summary_scope")
        except duckdb.Error:
            pass  # a failed transaction: its rollback removes what it created


def _rebuild_sources(con, names, scope, regions, log) -> None:
    where = "" if regions is None else f" ({len(regions)} regions)"
    # A failure leaves the temporary tables to the rollback.
    sources = _sources()
    stages = {DECLARED[n].stage.name for n in names if DECLARED[n].stage}
    for stage in sorted(stages):
        verb = f"CREATE OR REPLACE TEMP TABLE {stage} AS"
        _timed(log, stage + where, con, verb, sources[stage], scope.params())
    for name in names:
        if regions is None:
            _create(con, name)
        else:
            con.execute(f"DELETE FROM {name} WHERE list_contains($r, region_code)", {"r": regions})
        params = _parameters(scope, name)
        _timed(log, name + where, con, f"INSERT INTO {name}", sources[name], params)
    for stage in stages:
        con.execute(f"DROP TABLE IF EXISTS {stage}")


def _create(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """The summary table, empty, as its declaration defines it."""
    con.execute(f"CREATE OR REPLACE TABLE {name} ({DECLARED[name].columns})")


def _reorder(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Put the table back in its declared order (it is read without ORDER BY)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE summary_reorder AS SELECT * FROM {name}"
        f" ORDER BY {DECLARED[name].order}"
    )
    con.execute(f"DELETE FROM {name}")
    con.execute(f"INSERT INTO {name} SELECT * FROM summary_reorder")
    con.execute("DROP TABLE summary_reorder")


def _timed(log, label: str, con, verb: str, sql: str, params: dict[str, Any]) -> None:
    started = time.perf_counter()
    con.execute(f"{verb} {sql}", bound(sql, params))
    if log:
        log(f"  {label:<36}{time.perf_counter() - started:7.1f} s")


def _stale(
    stored: tuple | None,
    sizes: dict[str, int],
    version: str,
    datasets: Iterable[str] | None,
    latest: dt.date,
    first_year: int,
) -> tuple[list[str], bool]:
    """The summaries to rebuild, and whether only `datasets` changed since the last refresh
    (else all of them are rebuilt entirely)."""
    if datasets is None or stored is None:
        return list(tables()), False
    fingerprint, old_version, old_as_of, old_first, _ = stored
    changed = set(datasets)
    old_hash, _, old_sizes = fingerprint.partition(":")
    old_counts = old_sizes.split(",")
    if len(old_counts) != len(DATA_TABLES):  # built before a data table was added
        return list(tables()), False
    before = dict(zip(DATA_TABLES, (int(s) for s in old_counts), strict=True))
    resized = {name for name in DATA_TABLES if before[name] != sizes[name]}
    one_write = version in (old_version, str(int(old_version) + 1))
    if (
        old_hash != _code_hash()
        or not one_write
        or (old_as_of.year, old_first) != (latest.year, first_year)
        # Another table changed too (a write outside the pipeline): stale before this write.
        # New units come with the import of `datasets` and have no rows of their own yet.
        or resized - changed - {"units"}
        or changed & {"regions", "units"}
    ):
        return list(tables()), False
    moved = old_as_of != latest
    return [
        name
        for name, summary in DECLARED.items()
        if changed & set(summary.reads) or (moved and summary.as_of)
    ], True


def ensure(con: duckdb.DuckDBPyConnection) -> bool:
    """Refresh the summaries when they are stale (for a database written by an older version or
    outside the import pipeline); True when they are fresh afterwards."""
    if state(con) is not None:
        return True
    if _sizes(con) is None:
        return False
    read_only = con.execute(
        "SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    return not read_only and refresh(con) is not None
