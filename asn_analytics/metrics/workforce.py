"""Workforce indicators: headcount, age profile, retirements (BUP)."""

from __future__ import annotations

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric

# Staff in service in each year of the range, restricted by the filters.
STAFF_YEARS = """
staff_years AS (
    SELECT s.*, y.range AS year
    FROM staff AS s
    JOIN range($year_from, $year_to + 1) AS y
      ON in_service(s.tmt_cpns, s.status, s.status_date, y.range)
    WHERE keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep_type($types, s.employment_type, s.pppk_kind)
)
"""

_HEADCOUNT = f"""
WITH {STAFF_YEARS},
counts AS (
    SELECT region_code, year,
           CASE
               WHEN grouping(employment_type) = 0 THEN 'employment_type'
               WHEN grouping(gender) = 0 THEN 'gender'
               WHEN grouping(golongan) = 0 THEN 'golongan'
               WHEN grouping(education_level) = 0 THEN 'education_level'
               WHEN grouping(position_type) = 0 THEN 'position_type'
               ELSE 'total'
           END AS dimension,
           coalesce(employment_type, gender, golongan, education_level, position_type,
                    CASE WHEN grouping(employment_type, gender, golongan, education_level,
                                       position_type) = 31 THEN 'total' ELSE 'unknown' END)
               AS category,
           count(*) AS n
    FROM staff_years
    GROUP BY GROUPING SETS (
        (region_code, year), (region_code, year, employment_type), (region_code, year, gender),
        (region_code, year, golongan), (region_code, year, education_level),
        (region_code, year, position_type))
)
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.category, c.n,
       round(c.n * 1000.0 / r.population, 3) AS per_1000_population
FROM counts AS c JOIN regions AS r USING (region_code)
ORDER BY c.region_code, c.year, c.dimension, c.category
"""
_HEADCOUNT_TOTALS_FAST = """
WITH counts AS (
    SELECT region_code, year, dimension, category, CAST(sum(n) AS BIGINT) AS n
    FROM sum_headcount
    WHERE keep($regions, region_code) AND keep($types, employment_type)
      AND year BETWEEN $year_from AND $year_to AND dimension = 'total'
    GROUP BY region_code, year, dimension, category
)
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.category, c.n,
       round(c.n * 1000.0 / r.population, 3) AS per_1000_population
FROM counts AS c JOIN regions AS r USING (region_code)
ORDER BY c.region_code, c.year
"""
# Counts per region, type, year and breakdown add up over types; the employment_type rows are
# the types' totals.
_HEADCOUNT_FAST = """
WITH base AS (
    SELECT * FROM sum_headcount
    WHERE keep($regions, region_code) AND keep($types, employment_type)
      AND year BETWEEN $year_from AND $year_to
),
counts AS (
    SELECT region_code, year, dimension, category, CAST(sum(n) AS BIGINT) AS n
    FROM base
    GROUP BY region_code, year, dimension, category
    UNION ALL
    SELECT region_code, year, 'employment_type', employment_type, CAST(sum(n) AS BIGINT)
    FROM base
    WHERE dimension = 'total'
    GROUP BY region_code, year, employment_type
)
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.category, c.n,
       round(c.n * 1000.0 / r.population, 3) AS per_1000_population
FROM counts AS c JOIN regions AS r USING (region_code)
ORDER BY c.region_code, c.year, c.dimension, c.category
"""

# Staff in service per region, employment type and year, by one breakdown at a time.
summaries.declare(
    summaries.Summary(
        "sum_headcount",
        columns="region_code VARCHAR, employment_type VARCHAR, year BIGINT, dimension VARCHAR,"
        " category VARCHAR, n BIGINT",
        build=f"""
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
        reads=("staff",),
    )
)


@metric(
    "headcount",
    description={
        "id": "Jumlah ASN per wilayah dan tahun, dengan rinciannya, dan ASN per 1.000 penduduk",
        "en": "ASN in service per region and year, with breakdowns, and ASN per 1,000 population",
    },
    rule={
        "id": "Pegawai dihitung pada tahun Y bila TMT ≤ 31 Des Y dan berstatus aktif (termasuk "
        "masa persiapan pensiun), CLTN atau tugas belajar, atau statusnya berubah setelah "
        "31 Des Y. ASN per 1.000 penduduk = jumlah × 1.000 ÷ penduduk wilayah.",
        "en": "A staff member counts in year Y when appointed by 31 Dec Y and active (pre-"
        "retirement included), on CLTN or on study assignment, or whose status changed after "
        "31 Dec Y. ASN per 1,000 population = count × 1,000 ÷ population.",
    },
    regulation="UU 20/2023 tentang ASN; data kependudukan BPS",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year",
        "dimension": "total, employment_type, gender, golongan, education_level or position_type",
        "category": "value of the dimension ('unknown' when not recorded)",
        "n": "staff in service",
        "per_1000_population": "n per 1,000 population of the region",
    },
)
def headcount(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """ASN in service per region, year and breakdown (UU 20/2023), and per 1,000 population."""
    return answer(con, filters, raw=_HEADCOUNT, fast=_HEADCOUNT_FAST)


def headcount_totals(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The 'total' rows of headcount() (for the scorecard), without computing the others."""
    frame = answer(con, filters, raw=_HEADCOUNT, fast=_HEADCOUNT_TOTALS_FAST)
    return frame[frame["dimension"].eq("total")]


# Staff in service in year(as_of) (the caller sets $year_from = $year_to = year(as_of)), their
# age in whole years at as_of, in 5-year bands.
_AGE_PROFILE = f"""
WITH {STAFF_YEARS},
aged AS (
    SELECT region_code, employment_type, coalesce(gender, 'unknown') AS gender,
           year($as_of) - year(birth_date)
               - CASE WHEN month($as_of) * 100 + day($as_of)
                           < month(birth_date) * 100 + day(birth_date)
                      THEN 1 ELSE 0 END AS age
    FROM staff_years
),
banded AS (
    SELECT *, CASE WHEN age < 25 THEN 20 WHEN age >= 60 THEN 60 ELSE age // 5 * 5 END AS band
    FROM aged
)
SELECT b.region_code, r.name AS region_name, b.employment_type, b.gender,
       CASE WHEN b.band IS NULL THEN 'unknown'
            WHEN b.band = 20 THEN '<25'
            WHEN b.band = 60 THEN '60+'
            ELSE b.band || '-' || (b.band + 4) END AS age_band,
       count(*) AS n
FROM banded AS b JOIN regions AS r USING (region_code)
GROUP BY b.region_code, r.name, b.employment_type, b.gender, b.band
ORDER BY b.region_code, b.employment_type, b.gender, b.band NULLS LAST
"""


def _year_of_as_of(scope: Scope) -> dict[str, int]:
    return {"year_from": scope.as_of.year, "year_to": scope.as_of.year}


@metric(
    "age_profile",
    description={
        "id": "Piramida usia ASN pada tanggal acuan, per wilayah, jenis pegawai dan jenis kelamin",
        "en": "Age pyramid of ASN at the reference date, per region, employment type and gender",
    },
    rule={
        "id": "Pegawai yang bertugas pada tahun dari tanggal acuan; usia dalam tahun penuh pada "
        "tanggal acuan, dalam kelompok 5 tahun (<25, 25-29, ..., 55-59, 60+). Tanpa tanggal "
        "lahir: 'unknown'. Rentang tahun filter tidak dipakai.",
        "en": "Staff in service in the year of the reference date; age in whole years at the "
        "reference date, in 5-year bands (<25, 25-29, ..., 55-59, 60+). No birth date: 'unknown'. "
        "The year range of the filters is not used.",
    },
    regulation="UU 20/2023 tentang ASN",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "employment_type": "PNS or PPPK",
        "gender": "L, P or 'unknown'",
        "age_band": "'<25', '25-29', ..., '55-59', '60+' or 'unknown' (no birth date)",
        "n": "staff in service in the year of as_of",
    },
)
def age_profile(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Age pyramid at as_of of staff in service in year(as_of) (UU 20/2023), 5-year bands."""
    return answer(con, filters, raw=_AGE_PROFILE, params=_year_of_as_of)


# PNS in service at as_of with their BUP (reference/bup.toml, which cites its regulation) and
# pension date: the first day of the month after the BUP birthday.
_RETIREMENTS = """
WITH active AS (
    SELECT s.region_code, s.birth_date,
           coalesce(
               CASE WHEN s.position_type = 'fungsional'
                         OR list_contains($functional_levels, s.position_level)
                    THEN list_extract($name_bups, list_position(
                        list_transform($name_patterns,
                                       lambda p: contains(lower(s.position_name), p)),
                        true))
               END,
               list_extract($level_bups, list_position($levels, s.position_level))) AS bup
    FROM staff AS s
    WHERE s.employment_type = 'PNS'
      AND (s.tmt_cpns IS NULL OR s.tmt_cpns <= $as_of)
      AND (serving(s.status) OR s.status_date > $as_of)
      AND keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep_type($types, s.employment_type, s.pppk_kind)
),
dated AS (
    SELECT region_code, bup,
           CAST(date_trunc('month', birth_date + to_years(bup)) + INTERVAL 1 MONTH AS DATE)
               AS pension_date
    FROM active
),
per_region AS (
    SELECT region_code, count(*) AS active_pns,
           count(*) FILTER (WHERE pension_date IS NULL) AS n_unknown,
           count(*) FILTER (WHERE pension_date <= $as_of) AS n_overdue
    FROM dated
    GROUP BY region_code
),
due AS (
    SELECT d.region_code, h.horizon_years, d.bup, count(*) AS n
    FROM dated AS d
    JOIN (SELECT unnest($horizons) AS horizon_years) AS h
      ON d.pension_date > $as_of
     AND d.pension_date <= CAST($as_of + to_years(h.horizon_years) AS DATE)
    GROUP BY ALL
),
grid AS (
    SELECT p.region_code, p.active_pns, h.horizon_years, b.bup
    FROM per_region AS p
    CROSS JOIN (SELECT unnest($horizons) AS horizon_years) AS h
    CROSS JOIN (SELECT unnest($bups) AS bup) AS b
),
rows AS (
    SELECT g.region_code, 'due' AS kind, 1 AS kind_order, g.horizon_years, g.bup,
           coalesce(d.n, 0) AS n, g.active_pns
    FROM grid AS g LEFT JOIN due AS d USING (region_code, horizon_years, bup)
    UNION ALL
    SELECT region_code, 'overdue', 2, NULL, NULL, n_overdue, active_pns FROM per_region
    UNION ALL
    SELECT region_code, 'unknown', 3, NULL, NULL, n_unknown, active_pns FROM per_region
)
SELECT x.region_code, r.name AS region_name, x.kind, x.horizon_years, x.bup, x.n, x.active_pns
FROM rows AS x JOIN regions AS r USING (region_code)
ORDER BY x.region_code, x.kind_order, x.horizon_years, x.bup
"""


def _bup_params() -> dict[str, list]:
    """The BUP table of reference/bup.toml as parallel lists for the SQL parameters."""
    ref = reference.load("bup")
    rules = ref["by_position_name"]
    levels = list(ref["by_level"])
    level_bups = [int(ref["by_level"][lv]) for lv in levels]
    name_bups = [int(rule["bup"]) for rule in rules]
    return {
        "levels": levels,
        "level_bups": level_bups,
        "name_patterns": [rule["contains"].lower() for rule in rules],
        "name_bups": name_bups,
        "functional_levels": list(ref["functional"]["levels"]),
        "bups": sorted(set(level_bups) | set(name_bups)),
        "horizons": [int(h) for h in ref["projection"]["horizons"]],
    }


@metric(
    "retirements",
    description={
        "id": "PNS yang mencapai batas usia pensiun (BUP) dalam 1, 3 dan 5 tahun ke depan",
        "en": "PNS reaching their retirement age (BUP) within the next 1, 3 and 5 years",
    },
    rule={
        "id": "PNS aktif pada tanggal acuan. BUP 58 (administrator, pengawas, pelaksana, JF ahli "
        "pertama, ahli muda, keterampilan), 60 (JPT, JF ahli madya, guru dan pengawas sekolah di "
        "semua jenjang), 65 (JF ahli utama). Pensiun mulai tanggal 1 bulan berikutnya setelah "
        "ulang tahun ke-BUP; dihitung bila tanggal itu setelah tanggal acuan dan paling lambat k "
        "tahun sesudahnya (kumulatif). Jenjang jabatan atau tanggal lahir tidak diketahui: baris "
        "'unknown'; tanggal pensiun sudah lewat tetapi masih aktif: baris 'overdue'. PPPK tidak "
        "termasuk.",
        "en": "PNS in service at the reference date. BUP 58 (administrator, pengawas, pelaksana, "
        "JF ahli pertama, ahli muda, keterampilan), 60 (JPT, JF ahli madya, guru and pengawas "
        "sekolah at any level), 65 (JF ahli utama). Pension starts on the first day of the month "
        "after the BUP birthday; counted when that date is after the reference date and at most k "
        "years later (cumulative). Unknown position level or birth date: the 'unknown' row; "
        "pension date passed but still active: the 'overdue' row. PPPK are left out.",
    },
    regulation="PP 11/2017 Pasal 239 jo. PP 17/2020; UU 20/2023 tentang ASN",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "kind": "'due' (by horizon and BUP), 'overdue' (pension date on or before as_of, still "
        "active) or 'unknown' (no position level BUP or no birth date)",
        "horizon_years": "1, 3 or 5 on 'due' rows: pension date after as_of and at most that many "
        "years later (cumulative); NULL otherwise",
        "bup": "retirement age 58, 60 or 65 on 'due' rows; NULL otherwise",
        "n": "PNS in service at as_of",
        "active_pns": "all PNS in service at as_of in the region (the base)",
    },
)
def retirements(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """PNS due to retire within 1, 3 and 5 years of as_of by BUP (PP 11/2017 Pasal 239)."""
    frame = answer(con, filters, raw=_RETIREMENTS, params=lambda scope: _bup_params())
    return frame.astype({"horizon_years": "Int64", "bup": "Int64"})
