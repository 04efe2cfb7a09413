"""Performance (Kinerja) indicators: predikat distribution, kuadran, objectivity checks."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric

# Annual appraisals in the year range of staff matching the filters, with the staff member's
# current region, unit and the unit's OPD (breakdowns use the current unit).
RATED = """
rated AS (
    SELECT a.nip, a.year, a.result_rating, a.behavior_rating, a.predikat,
           predikat_value(a.predikat) AS value, CAST(a.achievement_pct AS DOUBLE) AS achievement,
           a.evaluator_nip, s.region_code, s.unit_id, opd_of(s.unit_id) AS opd_id,
           s.employment_type
    FROM appraisals AS a
    JOIN staff AS s ON s.nip = a.nip
    WHERE a.period = 'tahunan' AND a.year BETWEEN $year_from AND $year_to
      AND keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep_type($types, s.employment_type, s.pppk_kind)
)
"""

_REGULATION = "PermenPANRB 6/2022; Perban BKN 3/2023 (nilai predikat)"

# The columns of an indicator with unit rows and OPD rows (LEVELS).
UNIT_LEVEL_COLUMNS = {
    "level": "'unit', or 'opd' for an OPD's row over all its units",
    "unit_id": "unit id (level 'opd': the OPD's)",
    "unit_name": "unit name (level 'opd': the OPD's)",
    "opd_id": "the OPD the unit belongs to (the unit itself when it is an OPD)",
    "opd_name": "the OPD's name",
}


def _predikat() -> dict[str, Any]:
    """The predikat codes in order (best first) and the rating codes of the matrix."""
    ref = reference.load("predikat")
    return {"order": list(ref["order"]), "ratings": list(ref["matrix"])}


def objectivity_params(section: str) -> dict[str, Any]:
    """The thresholds of one objectivity check (reference/objectivity.toml) as SQL parameters."""
    return reference.load("objectivity")[section]


# The fast path reads the summaries (metrics/summaries.py) with the same filters.
_SUMMARY_FILTERS = """
    keep($regions, region_code) AND keep($types, employment_type)
    AND year BETWEEN $year_from AND $year_to
"""


_DISTRIBUTION_TAIL = """
SELECT t.region_code, r.name AS region_name, t.year, p.predikat,
       coalesce(c.n, 0) AS n, coalesce(c.n, 0) / t.rated AS share,
       t.rated, t.share_sb_b, t.mean_value
FROM totals AS t
CROSS JOIN (SELECT unnest($order) AS predikat) AS p
LEFT JOIN counts AS c USING (region_code, year, predikat)
JOIN regions AS r ON r.region_code = t.region_code
ORDER BY t.region_code, t.year, list_position($order, p.predikat)
"""
_DISTRIBUTION = f"""
WITH {RATED},
totals AS (
    SELECT region_code, year, count(*) AS rated,
           count(*) FILTER (WHERE value >= predikat_value('baik')) / count(*) AS share_sb_b,
           avg(value) AS mean_value
    FROM rated
    GROUP BY region_code, year
),
counts AS (
    SELECT region_code, year, predikat, count(*) AS n
    FROM rated
    GROUP BY region_code, year, predikat
)
{_DISTRIBUTION_TAIL}"""
# Counts per region, type, year and predikat add up over types.
_DISTRIBUTION_FAST = f"""
WITH base AS (
    SELECT region_code, year, predikat, n, predikat_value(predikat) AS value
    FROM sum_predikat
    WHERE {_SUMMARY_FILTERS}
),
totals AS (
    SELECT region_code, year, CAST(sum(n) AS BIGINT) AS rated,
           CAST(coalesce(sum(n) FILTER (WHERE value >= predikat_value('baik')), 0) AS BIGINT)
               / CAST(sum(n) AS BIGINT) AS share_sb_b,
           sum(n * value) / sum(n) AS mean_value
    FROM base
    GROUP BY region_code, year
),
counts AS (
    SELECT region_code, year, predikat, CAST(sum(n) AS BIGINT) AS n
    FROM base
    GROUP BY region_code, year, predikat
)
{_DISTRIBUTION_TAIL}"""

# Annual appraisals per region, employment type, year, predikat and the two ratings.
summaries.declare(
    summaries.Summary(
        "sum_predikat",
        columns="region_code VARCHAR, employment_type VARCHAR, year INTEGER, predikat VARCHAR,"
        " result_rating VARCHAR, behavior_rating VARCHAR, n BIGINT",
        build=f"""
WITH {RATED}
SELECT region_code, employment_type, year, predikat, result_rating, behavior_rating, count(*)
FROM rated
GROUP BY ALL
""",
        reads=("staff", "appraisals"),
    )
)


@metric(
    "predikat_distribution",
    description={
        "id": "Sebaran predikat kinerja tahunan per wilayah dan tahun, porsi Sangat Baik + Baik "
        "dan rata-rata nilai predikat",
        "en": "Distribution of the annual performance predikat per region and year, share "
        "Very good + Good and mean predikat value",
    },
    rule={
        "id": "Penilaian periode tahunan pada tahun penilaian; porsi = jumlah predikat ÷ jumlah "
        "dinilai di wilayah-tahun. Nilai: Sangat Baik 150, Baik 100, Butuh Perbaikan 75, "
        "Kurang 50, Sangat Kurang 25. Filter unit dan jenis pegawai memakai unit dan jenis "
        "pegawai saat ini.",
        "en": "Annual (tahunan) appraisals in the appraisal year; share = count of the predikat ÷ "
        "rated in the region-year. Values: Very good 150, Good 100, Needs improvement 75, "
        "Poor 50, Very poor 25. Unit and employment type filters use the current ones.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "appraisal year",
        "predikat": "predikat code, best first (every predikat, 0 when none)",
        "n": "staff rated with this predikat",
        "share": "n ÷ rated",
        "rated": "staff rated in the region-year (repeated on each row)",
        "share_sb_b": "share Sangat Baik + Baik of the region-year (repeated)",
        "mean_value": "mean predikat value of the region-year (repeated)",
    },
)
def predikat_distribution(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Annual predikat per region and year (PermenPANRB 6/2022), values of Perban BKN 3/2023."""
    order = {"order": _predikat()["order"]}
    return answer(con, filters, raw=_DISTRIBUTION, fast=_DISTRIBUTION_FAST, params=lambda _: order)


_KUADRAN_TAIL = """
SELECT t.region_code, r.name AS region_name, t.year, h.result_rating, b.behavior_rating,
       predikat_of(h.result_rating, b.behavior_rating) AS predikat,
       coalesce(c.n, 0) AS n, coalesce(c.n, 0) / t.rated AS share
FROM totals AS t
CROSS JOIN (SELECT unnest($ratings) AS result_rating) AS h
CROSS JOIN (SELECT unnest($ratings) AS behavior_rating) AS b
LEFT JOIN counts AS c USING (region_code, year, result_rating, behavior_rating)
JOIN regions AS r ON r.region_code = t.region_code
ORDER BY t.region_code, t.year, list_position($ratings, h.result_rating),
         list_position($ratings, b.behavior_rating)
"""
_KUADRAN = f"""
WITH {RATED},
both_rated AS (
    SELECT * FROM rated WHERE result_rating IS NOT NULL AND behavior_rating IS NOT NULL
),
totals AS (
    SELECT region_code, year, count(*) AS rated FROM both_rated GROUP BY region_code, year
),
counts AS (
    SELECT region_code, year, result_rating, behavior_rating, count(*) AS n
    FROM both_rated
    GROUP BY region_code, year, result_rating, behavior_rating
)
{_KUADRAN_TAIL}"""
_KUADRAN_FAST = f"""
WITH both_rated AS (
    SELECT * FROM sum_predikat
    WHERE {_SUMMARY_FILTERS} AND result_rating IS NOT NULL AND behavior_rating IS NOT NULL
),
totals AS (
    SELECT region_code, year, CAST(sum(n) AS BIGINT) AS rated
    FROM both_rated
    GROUP BY region_code, year
),
counts AS (
    SELECT region_code, year, result_rating, behavior_rating, CAST(sum(n) AS BIGINT) AS n
    FROM both_rated
    GROUP BY region_code, year, result_rating, behavior_rating
)
{_KUADRAN_TAIL}"""


@metric(
    "kuadran",
    description={
        "id": "Kuadran kinerja 3×3: rating hasil kerja × rating perilaku kerja per wilayah dan "
        "tahun",
        "en": "The 3×3 performance quadrant: work-result rating × work-behaviour rating per "
        "region and year",
    },
    rule={
        "id": "Penilaian tahunan yang memiliki kedua rating; predikat sel menurut matriks "
        "PermenPANRB 6/2022; porsi = jumlah sel ÷ jumlah dengan kedua rating di wilayah-tahun.",
        "en": "Annual appraisals with both ratings; the cell's predikat from the PermenPANRB "
        "6/2022 matrix; share = cell count ÷ appraisals with both ratings in the region-year.",
    },
    regulation="PermenPANRB 6/2022 (matriks predikat kinerja)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "appraisal year",
        "result_rating": "work-result rating: di_atas, sesuai or di_bawah (expectation)",
        "behavior_rating": "work-behaviour rating: di_atas, sesuai or di_bawah",
        "predikat": "predikat of the cell in the matrix",
        "n": "staff rated in the cell (every cell, 0 when none)",
        "share": "n ÷ staff with both ratings in the region-year",
    },
)
def kuadran(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The 3x3 result x behaviour counts with each cell's predikat (PermenPANRB 6/2022 matrix)."""
    ratings = {"ratings": _predikat()["ratings"]}
    return answer(con, filters, raw=_KUADRAN, fast=_KUADRAN_FAST, params=lambda _: ratings)


# Unit rows and OPD rows (level 'opd': unit_id is the OPD, its figures over all its units) from
# counts per unit that add up; an OPD row only for an OPD the unit filter holds whole (choosing an
# OPD chooses its units, filters.resolve).
LEVELS = """
GROUP BY GROUPING SETS ((region_code, unit_id, opd_id, year), (region_code, opd_id, year))
HAVING grouping(unit_id) = 0 OR keep($units, opd_id)
"""
LEVEL_KEYS = """
coalesce(unit_id, opd_id) AS unit_id, opd_id,
CASE WHEN grouping(unit_id) = 0 THEN 'unit' ELSE 'opd' END AS level
"""
# Each unit's figures, then its OPD's: rows in the order a reader opens them.
LEVEL_ORDER = "region_code, year, opd_id, level = 'unit', unit_id"
_UNITS_TAIL = f"""
per_unit AS (
    SELECT region_code, year, {LEVEL_KEYS},
           CAST(sum(n) AS BIGINT) AS n, CAST(sum(n_sangat_baik) AS BIGINT) AS n_sangat_baik,
           CAST(sum(n_below_baik) AS BIGINT) AS n_below_baik
    FROM per_unit_only
    {LEVELS}
),
shares AS (
    SELECT *, n_sangat_baik / n AS share_sangat_baik FROM per_unit
),
flags AS (
    SELECT *,
           share_sangat_baik > $max_share_sangat_baik AND n >= $min_rated_high_sb
               AS flag_high_sb,
           n >= $min_rated_none_below_baik AND n_below_baik = 0 AS flag_none_below_baik
    FROM shares
)
SELECT f.region_code, r.name AS region_name, f.year, f.level, f.unit_id, u.name AS unit_name,
       f.opd_id, o.name AS opd_name,
       f.n, f.n_sangat_baik, f.share_sangat_baik, f.n_below_baik,
       f.flag_high_sb, f.flag_none_below_baik, f.flag_high_sb OR f.flag_none_below_baik AS flagged
FROM flags AS f
JOIN regions AS r ON r.region_code = f.region_code
LEFT JOIN units AS u ON u.unit_id = f.unit_id
LEFT JOIN units AS o ON o.unit_id = f.opd_id
ORDER BY {", ".join("f." + k for k in LEVEL_ORDER.split(", "))}
"""
_UNITS = f"""
WITH {RATED},
per_unit_only AS (
    SELECT region_code, unit_id, opd_id, year, count(*) AS n,
           count(*) FILTER (WHERE predikat = 'sangat_baik') AS n_sangat_baik,
           count(*) FILTER (WHERE value < predikat_value('baik')) AS n_below_baik
    FROM rated
    GROUP BY region_code, unit_id, opd_id, year
),
{_UNITS_TAIL}"""
_UNITS_FAST = f"""
WITH per_unit_only AS (
    SELECT region_code, unit_id, opd_of(unit_id) AS opd_id, year, CAST(sum(n) AS BIGINT) AS n,
           CAST(sum(n_sangat_baik) AS BIGINT) AS n_sangat_baik,
           CAST(sum(n_below_baik) AS BIGINT) AS n_below_baik
    FROM sum_unit_rated
    WHERE {_SUMMARY_FILTERS} AND keep($units, unit_id)
    GROUP BY region_code, unit_id, year
),
{_UNITS_TAIL}"""

# Per unit, employment type and year: rated, Sangat Baik, below Baik.
summaries.declare(
    summaries.Summary(
        "sum_unit_rated",
        columns="region_code VARCHAR, unit_id VARCHAR, employment_type VARCHAR, year INTEGER,"
        " n BIGINT, n_sangat_baik BIGINT, n_below_baik BIGINT",
        build=f"""
WITH {RATED}
SELECT region_code, unit_id, employment_type, year, count(*),
       count(*) FILTER (WHERE predikat = 'sangat_baik'),
       count(*) FILTER (WHERE value < predikat_value('baik'))
FROM rated
GROUP BY ALL
""",
        reads=("staff", "appraisals"),
    )
)


@metric(
    "objectivity_units",
    description={
        "id": "Indikasi penilaian kurang objektif per unit: porsi Sangat Baik tinggi, atau tidak "
        "ada yang di bawah Baik",
        "en": "Indications of non-objective appraisal per unit: a high share of Very good, or "
        "nobody below Good",
    },
    rule={
        "id": "Per unit dan per OPD (seluruh unitnya), per tahun (penilaian tahunan): ditandai "
        "bila porsi Sangat Baik > 70% dan "
        "jumlah dinilai ≥ 10, atau bila jumlah dinilai ≥ 20 dan tidak ada predikat di bawah Baik. "
        "Ambang di berkas referensi objectivity.toml. Indikasi, bukan putusan.",
        "en": "Per unit and per OPD (all its units), per year (annual appraisals): flagged when "
        "the share of Very good is "
        "> 70% with at least 10 rated, or when 20 or more are rated and nobody is below Good. "
        "Thresholds in the reference file objectivity.toml. An indication, not a verdict.",
    },
    regulation="PermenPANRB 6/2022 (distribusi predikat kinerja)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "appraisal year",
        **UNIT_LEVEL_COLUMNS,
        "n": "staff rated in the unit-year",
        "n_sangat_baik": "rated Sangat Baik",
        "share_sangat_baik": "n_sangat_baik ÷ n",
        "n_below_baik": "rated Butuh Perbaikan, Kurang or Sangat Kurang",
        "flag_high_sb": "share_sangat_baik above the maximum, with enough rated",
        "flag_none_below_baik": "enough rated and n_below_baik = 0",
        "flagged": "either flag",
    },
)
def objectivity_units(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Unit-years with > 70% Sangat Baik or 20+ rated and none below Baik (PermenPANRB 6/2022)."""
    return answer(
        con,
        filters,
        raw=_UNITS,
        fast=_UNITS_FAST,
        by_unit=True,
        params=lambda _: objectivity_params("units"),
    )


# Per (year, unit): sums of predikat values over all ratees and over each evaluator's ratees;
# "others" are the unit's ratees not rated by the evaluator (including those with no evaluator).
# The variance is kept as the integer others_n * Σv² - (Σv)² so that a zero deviation is exact.
# EVALUATOR_SCORES continues from per_group; the summaries reuse it with a type key.
EVALUATOR_SCORES = """
with_unit AS (
    SELECT *, sum(n) OVER unit_year AS tn, sum(s) OVER unit_year AS ts,
           sum(s2) OVER unit_year AS ts2
    FROM per_group
    WINDOW unit_year AS (PARTITION BY {partition})
),
others AS (
    SELECT {key}region_code, unit_id, opd_id, year, evaluator_nip, n, s, tn - n AS others_n,
           ts - s AS os, (tn - n) * (ts2 - s2) - (ts - s) * (ts - s) AS ovar
    FROM with_unit
    WHERE evaluator_nip IS NOT NULL AND n >= $min_ratees
),
scored AS (
    SELECT *, s / n AS mean_value,
           CASE WHEN others_n > 0 THEN os / others_n END AS others_mean,
           CASE WHEN others_n > 0 THEN sqrt(CAST(ovar AS DOUBLE)) / others_n END AS others_sd
    FROM others
),
z_scored AS (
    SELECT *,
           CASE WHEN others_n > 0 AND ovar > 0
                THEN (mean_value - others_mean) / others_sd END AS z
    FROM scored
)
"""
_EVALUATORS = f"""
WITH {RATED},
per_group AS (
    SELECT region_code, unit_id, opd_id, year, evaluator_nip,
           count(*) AS n, sum(value) AS s, sum(value * value) AS s2
    FROM rated
    GROUP BY region_code, unit_id, opd_id, year, evaluator_nip
),
{EVALUATOR_SCORES.format(partition="unit_id, year", key="")}
SELECT z.region_code, r.name AS region_name, z.year, z.unit_id, u.name AS unit_name,
       z.evaluator_nip, z.n, z.mean_value, z.others_n, z.others_mean, z.others_sd, z.z,
       coalesce(z.z > $max_z, false) AS flagged, z.opd_id, o.name AS opd_name
FROM z_scored AS z
JOIN regions AS r ON r.region_code = z.region_code
LEFT JOIN units AS u ON u.unit_id = z.unit_id
LEFT JOIN units AS o ON o.unit_id = z.opd_id
ORDER BY z.region_code, z.year, z.unit_id, z.evaluator_nip
"""
# The summary holds the rows per employment-type choice, with the names, in this indicator's
# order: a plain scan returns them in that order while DuckDB preserves insertion order.
_EVALUATORS_FAST = """
SELECT * EXCLUDE (type_key)
FROM sum_evaluators
WHERE type_key = $type_key AND keep($regions, region_code) AND keep($units, unit_id)
  AND year BETWEEN $year_from AND $year_to
"""
_EVALUATORS_ORDER = "ORDER BY region_code, year, unit_id, evaluator_nip"

# Nearly a row per evaluator (a million at national scale), per employment-type choice: it keeps
# the names and the indicator's order, so that reading it is a plain scan.
summaries.declare(
    summaries.Summary(
        "sum_evaluators",
        columns="type_key VARCHAR, region_code VARCHAR, region_name VARCHAR, year INTEGER,"
        " unit_id VARCHAR, unit_name VARCHAR, evaluator_nip VARCHAR, n BIGINT, mean_value DOUBLE,"
        " others_n DOUBLE, others_mean DOUBLE, others_sd DOUBLE, z DOUBLE, flagged BOOLEAN,"
        " opd_id VARCHAR, opd_name VARCHAR",
        build=f"""
WITH {RATED},
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
{EVALUATOR_SCORES.format(partition="type_key, unit_id, year", key="type_key, ")}
SELECT z.type_key, z.region_code, r.name, z.year, z.unit_id, u.name, z.evaluator_nip, z.n,
       z.mean_value, CAST(z.others_n AS DOUBLE), z.others_mean, z.others_sd, z.z,
       coalesce(z.z > $max_z, false), z.opd_id, o.name
FROM z_scored AS z
JOIN regions AS r ON r.region_code = z.region_code
LEFT JOIN units AS u ON u.unit_id = z.unit_id
LEFT JOIN units AS o ON o.unit_id = z.opd_id
ORDER BY z.type_key, z.region_code, z.year, z.unit_id, z.evaluator_nip
""",
        reads=("staff", "appraisals"),
        params=lambda scope: objectivity_params("evaluators"),
        order="type_key, region_code, year, unit_id, evaluator_nip",
    )
)


@metric(
    "objectivity_evaluators",
    description={
        "id": "Indikasi pejabat penilai yang terlalu murah hati dibanding penilai lain di unitnya",
        "en": "Indications of evaluators rating far above the rest of their unit",
    },
    rule={
        "id": "Per tahun dan unit, untuk penilai dengan ≥ 5 pegawai dinilai: z = (rata-rata nilai "
        "predikat pegawai yang dinilainya − rata-rata pegawai lain di unit) ÷ simpangan baku "
        "populasi pegawai lain; ditandai bila z > 2; tidak pernah ditandai bila simpangan baku 0. "
        "Pegawai lain termasuk yang tanpa penilai. Indikasi, bukan putusan.",
        "en": "Per year and unit, for evaluators with 5 or more ratees: z = (mean predikat value "
        "of their ratees − mean of the unit's other ratees) ÷ population standard deviation of "
        "the others; flagged when z > 2; never flagged when that deviation is 0. The others "
        "include ratees with no evaluator. An indication, not a verdict.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "appraisal year",
        "unit_id": "unit id (the ratees' current unit)",
        "unit_name": "unit name",
        "evaluator_nip": "the evaluator's NIP/NRP as recorded",
        "n": "the evaluator's ratees in the unit-year",
        "mean_value": "mean predikat value of those ratees",
        "others_n": "the unit's other ratees in the year",
        "others_mean": "mean predikat value of the others (NULL when none)",
        "others_sd": "population standard deviation of the others' values",
        "z": "(mean_value − others_mean) ÷ others_sd; NULL when others_sd is 0 or no others",
        "flagged": "z above the threshold",
        "opd_id": "the OPD of the unit (the unit itself when it is an OPD)",
        "opd_name": "the OPD's name",
    },
)
def objectivity_evaluators(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Evaluators (5+ ratees) whose ratees' mean value is > 2 SD above the unit's other ratees."""

    def fast(scope: Scope) -> str:
        ordered = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
        return _EVALUATORS_FAST if ordered else _EVALUATORS_FAST + _EVALUATORS_ORDER

    # Up to a million rows at national scale: built from Arrow, as .df() would build them.
    return answer(
        con,
        filters,
        raw=_EVALUATORS,
        fast=fast,
        by_unit=True,
        by_region=False,
        params=lambda _: objectivity_params("evaluators"),
        arrow=True,
    )


ACHIEVEMENT_FIGURES = """
count(*) AS n,
count(*) FILTER (WHERE predikat = 'sangat_baik') AS n_sangat_baik,
count(*) FILTER (WHERE predikat = 'sangat_baik' AND achievement IS NOT NULL) AS n_sb_measured,
count(*) FILTER (WHERE predikat = 'sangat_baik' AND achievement < $achievement_pct)
    AS n_sb_below_100,
median(achievement) AS median_achievement
"""
_ACHIEVEMENT_TAIL = f"""
shares AS (
    SELECT *, CASE WHEN n_sb_measured > 0 THEN n_sb_below_100 / n_sb_measured END AS share
    FROM per_unit
)
SELECT s.region_code, r.name AS region_name, s.year, s.level, s.unit_id, u.name AS unit_name,
       s.opd_id, o.name AS opd_name,
       s.n, s.n_sangat_baik, s.n_sb_measured, s.n_sb_below_100, s.share, s.median_achievement,
       coalesce(s.share > $max_share_sb_below AND s.n_sb_measured >= $min_sangat_baik, false)
           AS flagged
FROM shares AS s
JOIN regions AS r ON r.region_code = s.region_code
LEFT JOIN units AS u ON u.unit_id = s.unit_id
LEFT JOIN units AS o ON o.unit_id = s.opd_id
ORDER BY {", ".join("s." + k for k in LEVEL_ORDER.split(", "))}
"""
_ACHIEVEMENT = f"""
WITH {RATED},
per_unit AS (
    SELECT region_code, year, {LEVEL_KEYS}, {ACHIEVEMENT_FIGURES}
    FROM rated
    {LEVELS}
),
{_ACHIEVEMENT_TAIL}"""
# A median does not add up over units or types: the summary has the rows of each unit and OPD,
# for each type choice.
_ACHIEVEMENT_FAST = f"""
WITH per_unit AS (
    SELECT region_code, unit_id, year, n, n_sangat_baik, n_sb_measured, n_sb_below_100,
           median_achievement, level, opd_id
    FROM sum_achievement
    WHERE type_key = $type_key AND keep($regions, region_code) AND keep($units, unit_id)
      AND year BETWEEN $year_from AND $year_to
),
{_ACHIEVEMENT_TAIL}"""

summaries.declare(
    summaries.Summary(
        "sum_achievement",
        columns="type_key VARCHAR, region_code VARCHAR, unit_id VARCHAR, year INTEGER, n BIGINT,"
        " n_sangat_baik BIGINT, n_sb_measured BIGINT, n_sb_below_100 BIGINT,"
        " median_achievement DOUBLE, level VARCHAR, opd_id VARCHAR",
        build=f"""
WITH {RATED}
SELECT CASE WHEN grouping(employment_type) = 1 THEN '*' ELSE employment_type END,
       region_code, coalesce(unit_id, opd_id), year, {ACHIEVEMENT_FIGURES},
       CASE WHEN grouping(unit_id) = 0 THEN 'unit' ELSE 'opd' END, opd_id
FROM rated
GROUP BY GROUPING SETS ((region_code, unit_id, opd_id, year),
                        (region_code, unit_id, opd_id, year, employment_type),
                        (region_code, opd_id, year), (region_code, opd_id, year, employment_type))
""",
        reads=("staff", "appraisals"),
        params=lambda scope: objectivity_params("achievement"),
    )
)


@metric(
    "rating_vs_achievement",
    description={
        "id": "Pegawai Sangat Baik dengan capaian kinerja di bawah 100% per unit dan tahun",
        "en": "Very good ratings with an achievement below 100% per unit and year",
    },
    rule={
        "id": "Per unit dan per OPD (seluruh unitnya), per tahun (penilaian tahunan): porsi = "
        "Sangat Baik dengan capaian < 100% "
        "÷ Sangat Baik yang capaiannya tercatat; ditandai bila porsi > 50% dan ada ≥ 5 Sangat "
        "Baik bercapaian tercatat (ambang di objectivity.toml). Median capaian semua pegawai "
        "dinilai. Indikasi, bukan putusan.",
        "en": "Per unit and per OPD (all its units), per year (annual appraisals): share = Very "
        "good with achievement < 100% "
        "÷ Very good with a recorded achievement; flagged when the share is > 50% with at "
        "least 5 such Very good (thresholds in objectivity.toml). Median achievement of all "
        "rated. An indication, not a verdict.",
    },
    regulation="PermenPANRB 6/2022 (predikat mengikuti capaian kinerja)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "appraisal year",
        **UNIT_LEVEL_COLUMNS,
        "n": "staff rated in the unit-year",
        "n_sangat_baik": "rated Sangat Baik",
        "n_sb_measured": "Sangat Baik with a recorded achievement (the share's base)",
        "n_sb_below_100": "Sangat Baik with achievement below the reference percentage (100)",
        "share": "n_sb_below_100 ÷ n_sb_measured (NULL when 0)",
        "median_achievement": "median achievement_pct of all rated with one recorded",
        "flagged": "share above the maximum with enough Sangat Baik",
    },
)
def rating_vs_achievement(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Share of Sangat Baik whose achievement is below 100% per unit-year (PermenPANRB 6/2022)."""
    return answer(
        con,
        filters,
        raw=_ACHIEVEMENT,
        fast=_ACHIEVEMENT_FAST,
        by_unit=True,
        params=lambda _: objectivity_params("achievement"),
    )
