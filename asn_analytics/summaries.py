"""Summary tables: the indicators' fast path on millions of rows.

Each indicator keeps its SQL on the raw tables (the definition) and gains a second query on small
summary tables (migration 0003). A summary holds either figures that add up (counts and sums per
region, unit, employment type and year) or, where a figure does not add up (a median, a z-score, a
count of distinct staff), the indicator's own rows for the whole database, per employment-type
choice. The fast query answers exactly what the raw one would, and is used only while:

- the summaries are fresh: `summary_state` holds the fingerprint of the data (the data version
  that every import advances and the row count of every data table), of the reference files and
  of the summary SQL itself;
- the filters' reference date is the one the summaries were built for (the default: the latest
  event date), and their years lie within the data's years;
- the indicator can apply the filters to its summary (a unit filter needs a summary by unit).

Anything else runs on the raw tables, as before. `refresh(con, datasets)` rebuilds the summaries
after an import or undo; tests/test_fast_path.py proves both paths give the same tables.
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
from importlib import resources
from typing import Any

import duckdb

from asn_analytics.db import DATA_TABLES, get_meta, rollback

# Bump when a summary's meaning changes without its SQL text changing.
# 2: staff on CLTN or tugas belajar count as in service; 3: OPD rows and each unit's OPD
SUMMARY_VERSION = "3"

# Which data tables each summary reads (regions and units: every summary, see refresh()).
DEPENDS: dict[str, tuple[str, ...]] = {
    "sum_headcount": ("staff",),
    "sum_coverage": ("staff", "trainings"),
    "sum_jp_summary": ("staff", "trainings"),
    "sum_jp_distribution": ("staff", "trainings"),
    "sum_training_mix": ("staff", "trainings"),
    "sum_targeting": ("staff", "appraisals", "trainings"),
    "sum_ip_asn": ("staff", "appraisals", "trainings", "discipline"),
    "sum_targeting_unit": ("staff", "appraisals", "trainings"),
    "sum_ip_asn_unit": ("staff", "appraisals", "trainings", "discipline"),
    "sum_predikat": ("staff", "appraisals"),
    "sum_unit_rated": ("staff", "appraisals"),
    "sum_achievement": ("staff", "appraisals"),
    "sum_evaluators": ("staff", "appraisals"),
    "sum_complaint_months": ("complaints",),
    "sum_complaint_mix": ("complaints",),
    "sum_complaint_backlog": ("complaints",),
    # Its OPD rows follow the units' OPDs, which staff imports set.
    "sum_complaint_sla": ("complaints", "staff"),
    "sum_ikm_respondents": ("ikm_responses",),
    "sum_ikm_answers": ("ikm_responses",),
}
TABLES = tuple(DEPENDS)
# Summaries that depend on the reference date itself (open complaints, pending steps, trainings
# and sanctions up to it), not only on its year.
AS_OF_DATE = ("sum_complaint_backlog", "sum_complaint_sla")
# IP ASN counts the trainings and sanctions up to the reference date: when it moves, only a
# training or sanction dated in between changes these.
AS_OF_EVENTS = ("sum_ip_asn", "sum_ip_asn_unit")
_EVENTS_BETWEEN = """
SELECT (SELECT count(*) FROM trainings WHERE start_date > $old AND start_date <= $new)
     + (SELECT count(*) FROM discipline WHERE decision_date > $old AND decision_date <= $new)
"""
# These three read every staff member's JP per year: computed once into a temporary table.
STAFF_JP_USERS = ("sum_coverage", "sum_jp_summary", "sum_jp_distribution")

# The filter value for part-time PPPK (metrics.filters.Filters.employment_types).
PART_TIME = "PPPK Paruh Waktu"

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


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
    """A hash of the reference files and the summary SQL: a change to either makes them stale."""
    digest = hashlib.sha256(SUMMARY_VERSION.encode())
    folder = resources.files("asn_analytics") / "reference"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    for sql in _sources().values():
        digest.update(sql.encode())
    return digest.hexdigest()[:16]


@cache
def _sources() -> dict[str, str]:
    """The SELECT that fills each summary, on the raw tables for the whole database."""
    from asn_analytics.metrics import complaints, performance, professionalism, training
    from asn_analytics.metrics.satisfaction import ELEMENTS
    from asn_analytics.metrics.workforce import STAFF_YEARS

    elements = ", ".join(ELEMENTS)
    staff_jp = f"WITH {STAFF_YEARS}, {training.STAFF_JP}"

    def from_staff_jp(sql: str) -> str:
        if not sql.lstrip().startswith(staff_jp):
            raise RuntimeError("the staff_jp query changed: update summaries._sources")
        return sql.replace(staff_jp, "WITH staff_jp AS (FROM summary_staff_jp)", 1)

    return {
        "summary_staff_jp": f"{staff_jp} SELECT * EXCLUDE (nip) FROM staff_jp",
        "sum_headcount": f"""
WITH {STAFF_YEARS}
SELECT region_code, employment_type, year,
       CASE WHEN grouping(gender) = 0 THEN 'gender'
            WHEN grouping(golongan) = 0 THEN 'golongan'
            WHEN grouping(education_level) = 0 THEN 'education_level'
            WHEN grouping(position_type) = 0 THEN 'position_type'
            ELSE 'total' END,
       coalesce(gender, golongan, education_level, position_type,
                CASE WHEN grouping(gender, golongan, education_level, position_type) = 15
                     THEN 'total' ELSE 'unknown' END),
       count(*)
FROM staff_years
GROUP BY GROUPING SETS (
    (region_code, employment_type, year), (region_code, employment_type, year, gender),
    (region_code, employment_type, year, golongan),
    (region_code, employment_type, year, education_level),
    (region_code, employment_type, year, position_type))
""",
        "sum_coverage": """
WITH staff_jp AS (FROM summary_staff_jp)
SELECT region_code, unit_id, year, position_type, count(*),
       count(*) FILTER (WHERE jp >= $entitlement)
FROM staff_jp
WHERE employment_type = 'PNS'
GROUP BY ALL
""",
        "sum_jp_summary": f"""
SELECT region_code, year, employment_type, n, total_jp, mean_jp, median_jp, n_without_training
FROM ({from_staff_jp(training.JP_SUMMARY)})
""",
        "sum_jp_distribution": f"""
SELECT region_code, year, employment_type,
       CASE jp_band WHEN '0' THEN 1 WHEN '0-<10' THEN 2 WHEN '10-<20' THEN 3
                    WHEN '20-<40' THEN 4 ELSE 5 END,
       jp_band, n, share
FROM ({from_staff_jp(training.JP_DISTRIBUTION)})
""",
        # A staff member has one employment type: distinct staff add up over types. The NIPs
        # here are staff keys, exactly 18 digits: as integers they stay distinct, and hash faster.
        "sum_training_mix": f"""
WITH mixed AS ({training.MIX_ROWS}),
per_type AS (
    SELECT employment_type, region_code, year, category, method, count(*) AS n,
           sum(hours_jp) AS jp, count(DISTINCT CAST(nip AS BIGINT)) AS n_staff
    FROM mixed
    GROUP BY ALL
)
SELECT employment_type, region_code, year, category, method, n, CAST(jp AS DOUBLE), n_staff
FROM per_type
UNION ALL
SELECT '*', region_code, year, category, method, CAST(sum(n) AS BIGINT),
       CAST(sum(jp) AS DOUBLE), CAST(sum(n_staff) AS BIGINT)
FROM per_type
GROUP BY ALL
""",
        "sum_targeting": f"SELECT * EXCLUDE (region_name) FROM ({training.TARGETING})",
        "sum_ip_asn": f"SELECT * EXCLUDE (region_name) FROM ({professionalism.IP_ASN})",
        "sum_targeting_unit": (
            f"SELECT * EXCLUDE (region_name) FROM ({training.TARGETING_BY_UNIT})"
        ),
        "sum_ip_asn_unit": (
            f"SELECT * EXCLUDE (region_name) FROM ({professionalism.IP_ASN_BY_UNIT})"
        ),
        "sum_predikat": f"""
WITH {performance.RATED}
SELECT region_code, employment_type, year, predikat, result_rating, behavior_rating, count(*)
FROM rated
GROUP BY ALL
""",
        "sum_unit_rated": f"""
WITH {performance.RATED}
SELECT region_code, unit_id, employment_type, year, count(*),
       count(*) FILTER (WHERE predikat = 'sangat_baik'),
       count(*) FILTER (WHERE value < predikat_value('baik'))
FROM rated
GROUP BY ALL
""",
        "sum_achievement": f"""
WITH {performance.RATED}
SELECT CASE WHEN grouping(employment_type) = 1 THEN '*' ELSE employment_type END,
       region_code, coalesce(unit_id, opd_id), year, {performance.ACHIEVEMENT_FIGURES},
       CASE WHEN grouping(unit_id) = 0 THEN 'unit' ELSE 'opd' END, opd_id
FROM rated
GROUP BY GROUPING SETS ((region_code, unit_id, opd_id, year),
                        (region_code, unit_id, opd_id, year, employment_type),
                        (region_code, opd_id, year), (region_code, opd_id, year, employment_type))
""",
        "sum_evaluators": f"""
WITH {performance.RATED},
per_type AS (
    SELECT region_code, unit_id, opd_id, year, employment_type, evaluator_nip,
           count(*) AS n, sum(value) AS s, sum(value * value) AS s2
    FROM rated
    GROUP BY ALL
),
per_group AS (
    SELECT '*' AS type_key, region_code, unit_id, opd_id, year, evaluator_nip,
           CAST(sum(n) AS BIGINT) AS n, CAST(sum(s) AS HUGEINT) AS s,
           CAST(sum(s2) AS HUGEINT) AS s2
    FROM per_type
    GROUP BY ALL
    UNION ALL
    SELECT employment_type, region_code, unit_id, opd_id, year, evaluator_nip, n,
           CAST(s AS HUGEINT), CAST(s2 AS HUGEINT)
    FROM per_type
),
{performance.EVALUATOR_SCORES.format(partition="type_key, unit_id, year", key="type_key, ")}
SELECT z.type_key, z.region_code, r.name, z.year, z.unit_id, u.name, z.evaluator_nip, z.n,
       z.mean_value, CAST(z.others_n AS DOUBLE), z.others_mean, z.others_sd, z.z,
       coalesce(z.z > $max_z, false), z.opd_id, o.name
FROM z_scored AS z
JOIN regions AS r ON r.region_code = z.region_code
LEFT JOIN units AS u ON u.unit_id = z.unit_id
LEFT JOIN units AS o ON o.unit_id = z.opd_id
ORDER BY z.type_key, z.region_code, z.year, z.unit_id, z.evaluator_nip
""",
        "sum_complaint_months": """
SELECT region_code, unit_id, CAST(date_trunc('month', received_at) AS DATE), count(*)
FROM complaints
WHERE keep($regions, region_code)
GROUP BY ALL
""",
        "sum_complaint_mix": """
SELECT region_code, unit_id, year(received_at), channel, category, count(*)
FROM complaints
WHERE CAST(received_at AS DATE) <= $as_of AND keep($regions, region_code)
GROUP BY ALL
""",
        "sum_complaint_backlog": f"""
SELECT region_code, unit_id,
       CASE WHEN age <= 7 THEN 1 WHEN age <= 30 THEN 2 WHEN age <= 60 THEN 3
            WHEN age <= 90 THEN 4 ELSE 5 END,
       count(*)
FROM ({complaints.OPEN_COMPLAINTS})
GROUP BY ALL
""",
        "sum_complaint_sla": f"""
SELECT * EXCLUDE (region_name, unit_name) FROM ({complaints.SLA})
""",
        "sum_ikm_respondents": """
SELECT region_code, unit_id, year(survey_date), count(*)
FROM ikm_responses
WHERE survey_date <= $as_of AND keep($regions, region_code)
GROUP BY ALL
""",
        "sum_ikm_answers": f"""
SELECT region_code, unit_id, year, element, CAST(sum(answer) AS BIGINT), count(*)
FROM (
    UNPIVOT (SELECT region_code, unit_id, year(survey_date) AS year, {elements}
             FROM ikm_responses WHERE survey_date <= $as_of AND keep($regions, region_code))
    ON {elements} INTO NAME element VALUE answer
)
GROUP BY ALL
""",
    }


def _parameters(scope: Any) -> dict[str, Any]:
    """Every named parameter the summary SQL may use, for the whole-database scope."""
    from asn_analytics import reference
    from asn_analytics.metrics import complaints, performance, professionalism, training

    params: dict[str, Any] = {
        **scope.params(),
        "entitlement": training.ENTITLEMENT_JP,
        **performance.objectivity_params("evaluators"),
        **performance.objectivity_params("achievement"),
        **professionalism.parameters(scope),
        **complaints.sla_parameters(scope),
        "excluded_status": list(reference.load("sla")["excluded_status"]),
    }
    return params


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
    from asn_analytics.metrics.filters import Scope, event_range_raw

    # sum_evaluators is read in the order it is written.
    ordered = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = true")
    own = _begin(con)
    try:
        touched = None if regions is None else sorted(set(regions))
        result = _refresh(con, datasets, Scope, event_range_raw, log, touched)
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


def _refresh(con, datasets, scope_type, event_range_raw, log, touched) -> State | None:
    sizes = _sizes(con)
    if sizes is None:
        raise RuntimeError("the database has no summary tables: open it with db.connect first")
    latest, first_year = event_range_raw(con)
    version = get_meta(con, "data_version") or "0"
    if latest is None:
        for name in TABLES:
            con.execute(f"DELETE FROM {name}")
        con.execute("DELETE FROM summary_state")
        return None
    stored = _stored(con)
    names, incremental = _stale(stored, sizes, version, datasets, latest, first_year)
    everywhere = set() if incremental else set(names)
    if stored is not None and stored[2] != latest:
        everywhere |= set(AS_OF_DATE) & set(names)
        if not set(AS_OF_EVENTS) <= set(names):
            between = con.execute(_EVENTS_BETWEEN, {"old": stored[2], "new": latest}).fetchone()
            if between[0]:
                names += [n for n in AS_OF_EVENTS if n not in names]
                everywhere |= set(AS_OF_EVENTS)
    consistent = con.execute(
        "SELECT count(*) = 0 FROM staff WHERE NOT starts_with(unit_id, region_code || ':')"
    ).fetchone()[0]
    if touched is None or not (consistent and stored is not None and stored[4]):
        everywhere = set(names)
    scope = scope_type(
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
            con.execute(f"DELETE FROM {name}")
    for group in groups:
        _rebuild_regions(con, names, scope.model_copy(update={"regions": tuple(group)}), log)
    if "sum_evaluators" in names:
        _reorder(con, "sum_evaluators")


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
    params = _parameters(scope)
    sources = _sources()
    where = "" if regions is None else f" ({len(regions)} regions)"
    # A failure leaves the temporary table to the rollback.
    if set(names) & set(STAFF_JP_USERS):
        _timed(
            log,
            "summary_staff_jp" + where,
            con,
            "CREATE OR REPLACE TEMP TABLE summary_staff_jp AS",
            sources["summary_staff_jp"],
            params,
        )
    for name in names:
        if regions is None:
            con.execute(f"DELETE FROM {name}")
        else:
            con.execute(f"DELETE FROM {name} WHERE list_contains($r, region_code)", {"r": regions})
        _timed(log, name + where, con, f"INSERT INTO {name}", sources[name], params)
    con.execute("DROP TABLE IF EXISTS summary_staff_jp")


def _reorder(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Put the table back in its indicator's order (it is read without ORDER BY)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE summary_reorder AS SELECT * FROM {name}"
        " ORDER BY type_key, region_code, year, unit_id, evaluator_nip"
    )
    con.execute(f"DELETE FROM {name}")
    con.execute(f"INSERT INTO {name} SELECT * FROM summary_reorder")
    con.execute("DROP TABLE summary_reorder")


def _timed(log, label: str, con, verb: str, sql: str, params: dict[str, Any]) -> None:
    started = time.perf_counter()
    used = set(_PARAM.findall(sql))
    con.execute(f"{verb} {sql}", {k: params[k] for k in used})
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
        return list(TABLES), False
    fingerprint, old_version, old_as_of, old_first, _ = stored
    changed = set(datasets)
    old_hash, _, old_sizes = fingerprint.partition(":")
    before = dict(zip(DATA_TABLES, (int(s) for s in old_sizes.split(",")), strict=True))
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
        return list(TABLES), False
    moved = () if old_as_of == latest else AS_OF_DATE
    return [n for n, needs in DEPENDS.items() if changed & set(needs) or n in moved], True


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
