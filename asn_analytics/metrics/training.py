"""Training coverage (Pengembangan kompetensi) indicators: JP, 20-JP coverage, mix, targeting."""

from __future__ import annotations

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer, one_unit
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric
from asn_analytics.metrics.workforce import STAFF_YEARS

# PP 17/2020: every PNS is entitled to at least 20 JP of development a year (reference file).
ENTITLEMENT_JP = reference.load("training")["pns_entitlement_jp"]

_REGULATION = (
    "PP 17/2020 (hak pengembangan kompetensi PNS minimal 20 JP per tahun); "
    "PP 49/2018 (pengembangan kompetensi PPPK paling lama 24 JP per tahun)"
)


# JP of each staff member in service in each year (0 when untrained); a training counts in the
# year of its start date. `in_scope`: nothing, or a condition that reads only the trainings of
# the staff in scope (a few staff among millions, when the filters name regions, units or types).
def _staff_jp(in_scope: str) -> str:
    return f"""{STAFF_YEARS},
staff_jp AS (
    SELECT sy.nip, sy.region_code, sy.year, sy.employment_type, sy.unit_id, sy.position_type,
           coalesce(t.jp, 0) AS jp
    FROM staff_years AS sy
    LEFT JOIN (
        SELECT nip, year(start_date) AS year, CAST(sum(hours_jp) AS DOUBLE) AS jp
        FROM trainings
        WHERE start_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
{in_scope}        GROUP BY nip, year(start_date)
    ) AS t ON t.nip = sy.nip AND t.year = sy.year
)
"""


STAFF_JP = _staff_jp("")
_STAFF_JP_IN_SCOPE = _staff_jp(
    """          AND nip IN (SELECT nip FROM staff WHERE keep($regions, region_code)
                      AND keep($units, unit_id) AND keep_type($types, employment_type, pppk_kind))
"""
)
# Three summaries read every staff member's JP per year: computed once into a temporary table.
_STAGE = summaries.Stage(
    "summary_staff_jp", f"WITH {STAFF_JP} SELECT * EXCLUDE (nip) FROM staff_jp"
)
_FROM_STAGE = "staff_jp AS (FROM summary_staff_jp)"


def _staff_jp_for(scope: Scope) -> str:
    """The staff_jp CTEs for `scope`: on its staff's trainings alone when the filters narrow it."""
    if scope.regions is None and scope.units is None and scope.employment_types is None:
        return STAFF_JP
    return _STAFF_JP_IN_SCOPE


def _jp_summary(ctes: str) -> str:
    return f"""
WITH {ctes}
SELECT j.region_code, r.name AS region_name, j.year, j.employment_type,
       count(*) AS n,
       sum(j.jp) AS total_jp,
       round(avg(j.jp), 2) AS mean_jp,
       round(median(j.jp), 2) AS median_jp,
       count(*) FILTER (WHERE j.jp = 0) AS n_without_training
FROM staff_jp AS j JOIN regions AS r USING (region_code)
GROUP BY j.region_code, r.name, j.year, j.employment_type
ORDER BY j.region_code, j.year, j.employment_type
"""


# The summary holds jp_summary's rows for the whole database (a median does not add up).
_JP_SUMMARY_FAST = """
SELECT s.region_code, r.name AS region_name, s.year, s.employment_type, s.n, s.total_jp,
       s.mean_jp, s.median_jp, s.n_without_training
FROM sum_jp_summary AS s JOIN regions AS r USING (region_code)
WHERE keep($regions, s.region_code) AND keep($types, s.employment_type)
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year, s.employment_type
"""

_COVERAGE_DIMENSIONS = """
           CASE
               WHEN grouping(unit_id) = 0 THEN 'unit'
               WHEN grouping(opd_id) = 0 THEN 'opd'
               WHEN grouping(position_type) = 0 THEN 'position_type'
               ELSE 'region'
           END AS dimension,
           CASE
               WHEN grouping(unit_id) = 0 THEN unit_id
               WHEN grouping(opd_id) = 0 THEN opd_id
               WHEN grouping(position_type) = 0 THEN coalesce(position_type, 'unknown')
               ELSE 'all'
           END AS category,
"""
# An OPD's row counts all its units: only for an OPD the unit filter holds whole.
_COVERAGE_SETS = """
    GROUP BY GROUPING SETS (
        (region_code, year), (region_code, year, unit_id), (region_code, year, opd_id),
        (region_code, year, position_type))
    HAVING grouping(opd_id) = 1 OR keep($units, opd_id)
"""
_COVERAGE_TAIL = """
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.category,
       CASE WHEN c.dimension IN ('unit', 'opd') THEN coalesce(u.name, c.category)
            ELSE c.category END AS category_name,
       c.n, c.n_reached, round(c.n_reached / c.n, 4) AS coverage,
       CASE WHEN c.dimension = 'opd' THEN c.category
            WHEN c.dimension = 'unit' THEN coalesce(u.parent_id, u.unit_id) END AS opd_id
FROM counts AS c
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = CASE WHEN c.dimension IN ('unit', 'opd') THEN c.category END
ORDER BY c.region_code, c.year,
         CASE c.dimension WHEN 'region' THEN 0 WHEN 'opd' THEN 1 WHEN 'unit' THEN 2 ELSE 3 END,
         c.category
"""


def _coverage(ctes: str) -> str:
    return f"""
WITH {ctes},
counts AS (
    SELECT region_code, year, {_COVERAGE_DIMENSIONS}
           count(*) AS n,
           count(*) FILTER (WHERE jp >= $entitlement) AS n_reached
    FROM (SELECT *, opd_of(unit_id) AS opd_id FROM staff_jp)
    WHERE employment_type = 'PNS'
    {_COVERAGE_SETS}
)
{_COVERAGE_TAIL}"""


_COVERAGE_REGION_FAST = f"""
WITH base AS (
    SELECT * FROM sum_coverage
    WHERE keep($regions, region_code) AND keep($units, unit_id) AND keep($types, 'PNS')
      AND year BETWEEN $year_from AND $year_to
),
counts AS (
    SELECT region_code, year, 'region' AS dimension, 'all' AS category,
           CAST(sum(n) AS BIGINT) AS n, CAST(sum(n_reached) AS BIGINT) AS n_reached
    FROM base
    GROUP BY region_code, year
)
{_COVERAGE_TAIL}"""
# PNS and those reaching 20 JP per unit, year and position type add up to every breakdown.
_COVERAGE_FAST = f"""
WITH base AS (
    SELECT *, opd_of(unit_id) AS opd_id FROM sum_coverage
    WHERE keep($regions, region_code) AND keep($units, unit_id) AND keep($types, 'PNS')
      AND year BETWEEN $year_from AND $year_to
),
counts AS (
    SELECT region_code, year, {_COVERAGE_DIMENSIONS}
           CAST(sum(n) AS BIGINT) AS n,
           CAST(sum(n_reached) AS BIGINT) AS n_reached
    FROM base
    {_COVERAGE_SETS}
)
{_COVERAGE_TAIL}"""

# Trainings of staff in service in the year they start, one row each.
MIX_ROWS = """
SELECT s.region_code, s.employment_type, year(t.start_date) AS year,
       coalesce(t.category, 'unknown') AS category, coalesce(t.method, 'unknown') AS method,
       t.nip, t.hours_jp
FROM trainings AS t
JOIN staff AS s USING (nip)
WHERE t.start_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
  AND in_service(s.tmt_cpns, s.status, s.status_date, year(t.start_date))
  AND keep($regions, s.region_code) AND keep($units, s.unit_id)
  AND keep_type($types, s.employment_type, s.pppk_kind)
"""
_TRAINING_MIX = f"""
WITH mixed AS ({MIX_ROWS})
SELECT m.region_code, r.name AS region_name, m.year, m.category, m.method,
       count(*) AS n,
       CAST(sum(m.hours_jp) AS DOUBLE) AS total_jp,
       count(DISTINCT m.nip) AS n_staff
FROM mixed AS m
JOIN regions AS r ON r.region_code = m.region_code
GROUP BY m.region_code, r.name, m.year, m.category, m.method
ORDER BY m.region_code, m.year, m.category, m.method
"""
# Distinct staff do not add up over types: the summary has the rows of each type choice.
_TRAINING_MIX_FAST = """
SELECT s.region_code, r.name AS region_name, s.year, s.category, s.method, s.n, s.total_jp,
       s.n_staff
FROM sum_training_mix AS s JOIN regions AS r USING (region_code)
WHERE s.type_key = $type_key AND keep($regions, s.region_code)
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year, s.category, s.method
"""


def _jp_distribution(ctes: str) -> str:
    return f"""
WITH {ctes},
bands(band_order, jp_band, lower_jp, upper_jp) AS (
    VALUES (1, '0', 0.0, 0.0), (2, '0-<10', 0.0, 10.0), (3, '10-<20', 10.0, 20.0),
           (4, '20-<40', 20.0, 40.0), (5, '40+', 40.0, NULL)
),
banded AS (
    SELECT region_code, year, employment_type,
           CASE WHEN jp = 0 THEN 1 WHEN jp < 10 THEN 2 WHEN jp < 20 THEN 3 WHEN jp < 40 THEN 4
                ELSE 5 END AS band_order
    FROM staff_jp
),
groups AS (SELECT DISTINCT region_code, year, employment_type FROM banded),
counts AS (
    SELECT g.region_code, g.year, g.employment_type, b.band_order, b.jp_band,
           count(x.band_order) AS n
    FROM groups AS g
    CROSS JOIN bands AS b
    LEFT JOIN banded AS x
      ON x.region_code = g.region_code AND x.year = g.year
     AND x.employment_type = g.employment_type AND x.band_order = b.band_order
    GROUP BY ALL
)
SELECT c.region_code, r.name AS region_name, c.year, c.employment_type, c.jp_band, c.n,
       round(c.n / sum(c.n) OVER (PARTITION BY c.region_code, c.year, c.employment_type), 4)
           AS share
FROM counts AS c JOIN regions AS r USING (region_code)
ORDER BY c.region_code, c.year, c.employment_type, c.band_order
"""


_JP_DISTRIBUTION_FAST = """
SELECT s.region_code, r.name AS region_name, s.year, s.employment_type, s.jp_band, s.n, s.share
FROM sum_jp_distribution AS s JOIN regions AS r USING (region_code)
WHERE keep($regions, s.region_code) AND keep($types, s.employment_type)
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year, s.employment_type, s.band_order
"""

# {unit}: empty per region, "unit_id, " per region and unit (the summaries' per-unit rows).
_TARGETING_BY = """
WITH annual AS (
    SELECT nip, year, predikat FROM appraisals WHERE period = 'tahunan'
),
rated_region_years AS (
    SELECT DISTINCT s.region_code, a.year
    FROM annual AS a JOIN staff AS s USING (nip)
),
low AS (
    SELECT s.nip, s.region_code, s.unit_id, a.year
    FROM annual AS a
    JOIN staff AS s USING (nip)
    SEMI JOIN rated_region_years AS ry
      ON ry.region_code = s.region_code AND ry.year = a.year + 1
    WHERE a.predikat IN ('butuh_perbaikan', 'kurang', 'sangat_kurang')
      AND a.year BETWEEN $year_from AND $year_to
      AND a.year + 1 <= year($as_of)
      AND s.employment_type = 'PNS'
      AND keep_type($types, s.employment_type, s.pppk_kind) AND keep($regions, s.region_code)
      AND keep($units, s.unit_id)
      AND in_service(s.tmt_cpns, s.status, s.status_date, a.year + 1)
),
next_jp AS (
    SELECT nip, year(start_date) - 1 AS year, CAST(sum(hours_jp) AS DOUBLE) AS jp
    FROM trainings
    WHERE year(start_date) BETWEEN $year_from + 1 AND $year_to + 1
      AND nip IN (SELECT nip FROM low)
    GROUP BY nip, year(start_date)
),
followed AS (
    SELECT l.region_code, l.unit_id, l.year, coalesce(j.jp, 0) > 0 AS trained,
           coalesce(j.jp, 0) AS jp, nx.predikat AS next_predikat
    FROM low AS l
    LEFT JOIN next_jp AS j ON j.nip = l.nip AND j.year = l.year
    LEFT JOIN annual AS nx ON nx.nip = l.nip AND nx.year = l.year + 1
),
counts AS (
    SELECT region_code, {unit}year,
           count(*) AS n_low,
           count(*) FILTER (WHERE trained) AS n_trained,
           count(*) FILTER (WHERE jp >= $entitlement) AS n_20jp,
           count(next_predikat) FILTER (WHERE trained) AS n_rated_next_trained,
           avg(predikat_value(next_predikat)) FILTER (WHERE trained) AS mean_value_next_trained,
           count(*) FILTER (WHERE trained AND next_predikat IN ('sangat_baik', 'baik'))
               AS n_improved_trained,
           count(next_predikat) FILTER (WHERE NOT trained) AS n_rated_next_untrained,
           avg(predikat_value(next_predikat)) FILTER (WHERE NOT trained)
               AS mean_value_next_untrained,
           count(*) FILTER (WHERE NOT trained AND next_predikat IN ('sangat_baik', 'baik'))
               AS n_improved_untrained
    FROM followed
    GROUP BY region_code, {unit}year
)
SELECT c.region_code, r.name AS region_name, {c_unit}c.year, c.n_low,
       c.n_trained, round(c.n_trained / c.n_low, 4) AS share_trained,
       c.n_20jp, round(c.n_20jp / c.n_low, 4) AS share_20jp,
       c.n_rated_next_trained, round(c.mean_value_next_trained, 2) AS mean_value_next_trained,
       round(c.n_improved_trained / nullif(c.n_rated_next_trained, 0), 4)
           AS share_improved_trained,
       c.n_rated_next_untrained,
       round(c.mean_value_next_untrained, 2) AS mean_value_next_untrained,
       round(c.n_improved_untrained / nullif(c.n_rated_next_untrained, 0), 4)
           AS share_improved_untrained
FROM counts AS c JOIN regions AS r USING (region_code)
ORDER BY c.region_code, {c_unit}c.year
"""
TARGETING = _TARGETING_BY.format(unit="", c_unit="")
TARGETING_BY_UNIT = _TARGETING_BY.format(unit="unit_id, ", c_unit="c.unit_id, ")
# Targeting concerns PNS only; the summary holds its rows for the whole database, and those of
# every single unit (the sidebar picks one unit at a time).
_TARGETING_UNIT_FAST = """
SELECT s.region_code, r.name AS region_name, s.* EXCLUDE (region_code, unit_id)
FROM sum_targeting_unit AS s JOIN regions AS r USING (region_code)
WHERE s.unit_id = $unit AND keep($regions, s.region_code) AND keep($types, 'PNS')
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year
"""
_TARGETING_FAST = """
SELECT s.region_code, r.name AS region_name, s.* EXCLUDE (region_code)
FROM sum_targeting AS s JOIN regions AS r USING (region_code)
WHERE keep($regions, s.region_code) AND keep($types, 'PNS')
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year
"""


def _entitlement(scope: Scope) -> dict[str, float]:
    return {"entitlement": ENTITLEMENT_JP}


# PNS in service and those reaching the 20-JP entitlement, per unit, year and position type.
summaries.declare(
    summaries.Summary(
        "sum_coverage",
        columns="region_code VARCHAR, unit_id VARCHAR, year BIGINT, position_type VARCHAR,"
        " n BIGINT, n_reached BIGINT",
        build=f"""
WITH {_FROM_STAGE}
SELECT region_code, unit_id, year, position_type, count(*),
       count(*) FILTER (WHERE jp >= $entitlement)
FROM staff_jp
WHERE employment_type = 'PNS'
GROUP BY ALL
""",
        reads=("staff", "trainings"),
        params=_entitlement,
        stage=_STAGE,
    )
)
# jp_summary and jp_distribution rows of the whole database (a median does not add up).
summaries.declare(
    summaries.Summary(
        "sum_jp_summary",
        columns="region_code VARCHAR, year BIGINT, employment_type VARCHAR, n BIGINT,"
        " total_jp DOUBLE, mean_jp DOUBLE, median_jp DOUBLE, n_without_training BIGINT",
        build=f"""
SELECT region_code, year, employment_type, n, total_jp, mean_jp, median_jp, n_without_training
FROM ({_jp_summary(_FROM_STAGE)})
""",
        reads=("staff", "trainings"),
        stage=_STAGE,
    )
)
summaries.declare(
    summaries.Summary(
        "sum_jp_distribution",
        columns="region_code VARCHAR, year BIGINT, employment_type VARCHAR, band_order INTEGER,"
        " jp_band VARCHAR, n BIGINT, share DOUBLE",
        build=f"""
SELECT region_code, year, employment_type,
       CASE jp_band WHEN '0' THEN 1 WHEN '0-<10' THEN 2 WHEN '10-<20' THEN 3
                    WHEN '20-<40' THEN 4 ELSE 5 END,
       jp_band, n, share
FROM ({_jp_distribution(_FROM_STAGE)})
""",
        reads=("staff", "trainings"),
        stage=_STAGE,
    )
)
# training_mix rows per employment-type choice: a staff member has one employment type, so
# distinct staff add up over types. The NIPs here are staff keys, exactly 18 digits: as integers
# they stay distinct, and hash faster.
summaries.declare(
    summaries.Summary(
        "sum_training_mix",
        columns="type_key VARCHAR, region_code VARCHAR, year BIGINT, category VARCHAR,"
        " method VARCHAR, n BIGINT, total_jp DOUBLE, n_staff BIGINT",
        build=f"""
WITH mixed AS ({MIX_ROWS}),
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
        reads=("staff", "trainings"),
    )
)
_TARGETING_COLUMNS = (
    "year INTEGER, n_low BIGINT, n_trained BIGINT, share_trained DOUBLE, n_20jp BIGINT,"
    " share_20jp DOUBLE, n_rated_next_trained BIGINT, mean_value_next_trained DOUBLE,"
    " share_improved_trained DOUBLE, n_rated_next_untrained BIGINT,"
    " mean_value_next_untrained DOUBLE, share_improved_untrained DOUBLE"
)
# training_targeting rows of the whole database and of every single unit (PNS only).
summaries.declare(
    summaries.Summary(
        "sum_targeting",
        columns=f"region_code VARCHAR, {_TARGETING_COLUMNS}",
        build=f"SELECT * EXCLUDE (region_name) FROM ({TARGETING})",
        reads=("staff", "appraisals", "trainings"),
        params=_entitlement,
    )
)
summaries.declare(
    summaries.Summary(
        "sum_targeting_unit",
        columns=f"region_code VARCHAR, unit_id VARCHAR, {_TARGETING_COLUMNS}",
        build=f"SELECT * EXCLUDE (region_name) FROM ({TARGETING_BY_UNIT})",
        reads=("staff", "appraisals", "trainings"),
        params=_entitlement,
    )
)


@metric(
    "jp_summary",
    description={
        "id": "Jam pelajaran (JP) pengembangan kompetensi per pegawai, PNS dan PPPK terpisah",
        "en": "Competency development hours (JP) per staff member, PNS and PPPK apart",
    },
    rule={
        "id": "Pegawai yang bertugas pada tahun Y; JP pelatihan dihitung pada tahun tanggal "
        "mulainya. Rata-rata dan median JP termasuk pegawai dengan 0 JP. PNS berhak atas minimal "
        "20 JP per tahun; pengembangan PPPK paling lama 24 JP per tahun.",
        "en": "Staff in service in year Y; a training's JP count in the year it starts. Mean and "
        "median JP include staff with 0 JP. PNS are entitled to at least 20 JP a year; PPPK "
        "development is capped at 24 JP a year.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year",
        "employment_type": "PNS or PPPK",
        "n": "staff in service",
        "total_jp": "sum of JP of trainings starting in the year",
        "mean_jp": "total_jp / n (staff with 0 JP included)",
        "median_jp": "median JP per staff member (staff with 0 JP included)",
        "n_without_training": "staff in service with no training in the year",
    },
)
def jp_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """JP per staff member in service (PP 17/2020, PP 49/2018); mean and median include zeros."""
    return answer(
        con, filters, raw=lambda scope: _jp_summary(_staff_jp_for(scope)), fast=_JP_SUMMARY_FAST
    )


@metric(
    "coverage_20jp",
    description={
        "id": "Persentase PNS yang mencapai 20 JP dalam setahun, per wilayah, OPD, unit dan "
        "jenis jabatan",
        "en": "Share of PNS reaching 20 JP in a year, by region, OPD, unit and position type",
    },
    rule={
        "id": "Cakupan 20 JP = PNS yang bertugas pada tahun Y dengan jumlah JP tahun itu ≥ 20 ÷ "
        "seluruh PNS yang bertugas pada tahun Y. PPPK tidak dihitung. Rincian menurut unit dan "
        "jabatan saat ini.",
        "en": "20-JP coverage = PNS in service in year Y whose JP that year sum to ≥ 20 ÷ all PNS "
        "in service in year Y. PPPK are left out. Breakdowns use the current unit and position.",
    },
    regulation="PP 17/2020 Pasal 203 (hak pengembangan kompetensi PNS minimal 20 JP per tahun)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year",
        "dimension": "region, opd (all the OPD's units), unit or position_type",
        "category": "'all' (region), unit_id (opd, unit) or position type ('unknown' when not"
        " recorded)",
        "category_name": "unit name for OPDs and units, else the category",
        "n": "PNS in service",
        "n_reached": "of them, PNS with at least 20 JP in the year",
        "coverage": "n_reached / n",
        "opd_id": "for OPD and unit rows, the OPD (a unit's own id when it is an OPD)",
    },
)
def coverage_20jp(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Share of PNS in service reaching 20 JP in the year (PP 17/2020); PPPK never counted."""
    return answer(
        con,
        filters,
        raw=lambda scope: _coverage(_staff_jp_for(scope)),
        fast=_COVERAGE_FAST,
        by_unit=True,
        params=_entitlement,
    )


def coverage_by_region(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The 'region' rows of coverage_20jp() (for the scorecard), without the breakdowns."""
    frame = answer(
        con,
        filters,
        raw=lambda scope: _coverage(_staff_jp_for(scope)),
        fast=_COVERAGE_REGION_FAST,
        by_unit=True,
        params=_entitlement,
    )
    return frame[frame["dimension"].eq("region")]


@metric(
    "training_mix",
    description={
        "id": "Pelatihan menurut jenis dan metode: jumlah pelatihan, JP dan pegawai",
        "en": "Trainings by category and method: number of trainings, JP and staff",
    },
    rule={
        "id": "Pelatihan pegawai yang bertugas pada tahun mulainya, dikelompokkan menurut jenis "
        "(teknis, fungsional, kepemimpinan, ...) dan metode (klasikal/nonklasikal).",
        "en": "Trainings of staff in service in the year they start, grouped by category "
        "(technical, functional, leadership, ...) and method (classroom/non-classroom).",
    },
    regulation="PP 17/2020 (jalur pelatihan klasikal dan nonklasikal)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year of the training's start date",
        "category": "training category ('unknown' when not recorded)",
        "method": "klasikal or nonklasikal ('unknown' when not recorded)",
        "n": "trainings",
        "total_jp": "sum of their JP",
        "n_staff": "distinct staff members trained",
    },
)
def training_mix(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Trainings, JP and staff trained by category and method (PP 17/2020 paths)."""
    return answer(con, filters, raw=_TRAINING_MIX, fast=_TRAINING_MIX_FAST)


@metric(
    "jp_distribution",
    description={
        "id": "Sebaran pegawai menurut jumlah JP dalam setahun (untuk histogram)",
        "en": "Staff by their JP in the year, in bands (for a histogram)",
    },
    rule={
        "id": "Pegawai yang bertugas pada tahun Y menurut jumlah JP tahun itu: 0, >0 sampai <10, "
        "10 sampai <20, 20 sampai <40, 40 atau lebih.",
        "en": "Staff in service in year Y by their JP that year: 0, above 0 to below 10, 10 to "
        "below 20, 20 to below 40, 40 or more.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year",
        "employment_type": "PNS or PPPK",
        "jp_band": "'0', '0-<10', '10-<20', '20-<40' or '40+' (every band listed, in order)",
        "n": "staff in service in the band",
        "share": "n / staff in service of the region, year and employment type",
    },
)
def jp_distribution(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Staff in service by JP band in the year (PP 17/2020 20-JP entitlement as a band edge)."""
    return answer(
        con,
        filters,
        raw=lambda scope: _jp_distribution(_staff_jp_for(scope)),
        fast=_JP_DISTRIBUTION_FAST,
    )


@metric(
    "training_targeting",
    description={
        "id": "Apakah PNS berkinerja rendah dilatih pada tahun berikutnya, dan predikat mereka "
        "sesudahnya",
        "en": "Whether low-performing PNS are trained the next year, and their next predikat",
    },
    rule={
        "id": "PNS dengan predikat tahunan Butuh Perbaikan, Kurang atau Sangat Kurang pada tahun "
        "Y yang masih bertugas pada Y+1: persentase yang mengikuti pelatihan (≥ 1) dan yang "
        "mencapai 20 JP pada Y+1. Predikat Y+1 yang dilatih dan yang tidak dibandingkan (rata-rata "
        "nilai predikat 150/100/75/50/25; persentase naik ke Baik atau Sangat Baik). Ini korelasi, "
        "bukan bukti sebab-akibat. Tahun Y tanpa data penilaian Y+1 tidak ditampilkan.",
        "en": "PNS whose annual predikat in year Y is Needs improvement, Poor or Very poor and "
        "who are still in service in Y+1: share with any training, and share reaching 20 JP, in "
        "Y+1. Their Y+1 predikat compared between trained and untrained (mean predikat value "
        "150/100/75/50/25; share rising to Good or Very good). This is a correlation, not "
        "evidence of cause. Years Y without appraisal data for Y+1 are left out.",
    },
    regulation="PP 17/2020; PermenPANRB 6/2022 (predikat kinerja); Perban BKN 3/2023 (nilai "
    "predikat)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year Y of the low predikat",
        "n_low": "PNS rated Butuh Perbaikan or worse in Y, in service in Y+1",
        "n_trained": "of them, with at least one training starting in Y+1",
        "share_trained": "n_trained / n_low",
        "n_20jp": "of them, with at least 20 JP in Y+1",
        "share_20jp": "n_20jp / n_low",
        "n_rated_next_trained": "trained ones with an annual predikat in Y+1",
        "mean_value_next_trained": "their mean predikat value in Y+1",
        "share_improved_trained": "share of them rated Baik or Sangat Baik in Y+1",
        "n_rated_next_untrained": "untrained ones with an annual predikat in Y+1",
        "mean_value_next_untrained": "their mean predikat value in Y+1",
        "share_improved_untrained": "share of them rated Baik or Sangat Baik in Y+1",
    },
)
def training_targeting(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Low performers in Y trained in Y+1 and their Y+1 predikat (PP 17/2020; correlation only)."""
    return answer(
        con,
        filters,
        raw=TARGETING,
        fast=lambda scope: _TARGETING_UNIT_FAST if one_unit(scope) else _TARGETING_FAST,
        by_unit=one_unit,
        params=_entitlement,
    )
