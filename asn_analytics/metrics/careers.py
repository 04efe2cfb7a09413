"""Career indicators: time in grade, regular promotions by predikat, promotions overdue.

They read the rank history (SIASN riwayat golongan) with the annual appraisals; the rule of a
regular promotion is reference/promotion.toml, which cites its regulations.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric

_REGULATION = "PP 99/2000 Pasal 7 jo. PP 12/2002; Peraturan BKN 4/2023 dan 4/2025 (periode KP)"

# PNS in service at as_of matching the filters, with their OPD, and the golongan each holds at
# as_of: the latest rank of the history whose TMT is on or before it.
_HELD_AT_AS_OF = """
pns AS (
    SELECT s.nip, s.region_code, opd_of(s.unit_id) AS opd_id
    FROM staff AS s
    WHERE s.employment_type = 'PNS'
      AND (s.tmt_cpns IS NULL OR s.tmt_cpns <= $as_of)
      AND (serving(s.status) OR s.status_date > $as_of)
      AND keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep_type($types, s.employment_type, s.pppk_kind)
),
current_rank AS (
    SELECT nip, arg_max(golongan, tmt_golongan) AS golongan, max(tmt_golongan) AS tmt
    FROM rank_history
    WHERE tmt_golongan <= $as_of
    GROUP BY nip
),
held AS (
    SELECT p.nip, p.region_code, p.opd_id, c.golongan, c.tmt
    FROM pns AS p LEFT JOIN current_rank AS c USING (nip)
)
"""

# The PNS of a region and OPD holding a golongan since a TMT (golongan and TMT NULL: no rank
# history), counted.
_GRADE_ROWS = f"""
WITH {_HELD_AT_AS_OF}
SELECT region_code, opd_id, golongan, tmt, count(*) AS n
FROM held
GROUP BY ALL
"""


def _time_in_grade(rows: str) -> str:
    """time_in_grade from counted rows (region_code, opd_id, golongan, tmt, n). The median is
    DuckDB's median over the people, from the counts: the values at the two middle positions,
    interpolated as quantile_cont does."""
    return f"""
WITH source AS ({rows}),
counted AS (
    SELECT *, date_diff('day', tmt, $as_of) / 365.25 AS years,
           CASE WHEN tmt IS NULL THEN NULL
                WHEN tmt + to_years(8) <= $as_of THEN 8
                WHEN tmt + to_years(6) <= $as_of THEN 6
                WHEN tmt + to_years(4) <= $as_of THEN 4
                WHEN tmt + to_years(2) <= $as_of THEN 2
                ELSE 0 END AS band
    FROM source
),
parts AS (
    SELECT region_code, 'total' AS dimension, 'total' AS category, tmt, years, band, n
    FROM counted
    UNION ALL
    SELECT region_code, 'golongan', golongan, tmt, years, band, n
    FROM counted WHERE golongan IS NOT NULL
    UNION ALL
    SELECT region_code, 'opd', opd_id, tmt, years, band, n
    FROM counted
),
ordered AS (
    SELECT *, sum(n) OVER (PARTITION BY region_code, dimension, category ORDER BY years
                           ROWS UNBOUNDED PRECEDING) AS upto,
              sum(n) OVER (PARTITION BY region_code, dimension, category) AS total
    FROM (SELECT region_code, dimension, category, years, sum(n) AS n
          FROM parts WHERE tmt IS NOT NULL GROUP BY ALL)
),
medians AS (
    SELECT region_code, dimension, category,
           min(years) FILTER (WHERE upto > floor((total - 1) / 2)) AS low,
           min(years) FILTER (WHERE upto > ceil((total - 1) / 2)) AS high
    FROM ordered
    GROUP BY ALL
),
grouped AS (
    SELECT region_code, dimension, category,
           CAST(coalesce(sum(n) FILTER (WHERE tmt IS NOT NULL), 0) AS BIGINT) AS n,
           CAST(coalesce(sum(n) FILTER (WHERE tmt IS NULL), 0) AS BIGINT) AS n_without_rank,
           CAST(coalesce(sum(n) FILTER (WHERE band = 0), 0) AS BIGINT) AS n_y0_2,
           CAST(coalesce(sum(n) FILTER (WHERE band = 2), 0) AS BIGINT) AS n_y2_4,
           CAST(coalesce(sum(n) FILTER (WHERE band = 4), 0) AS BIGINT) AS n_y4_6,
           CAST(coalesce(sum(n) FILTER (WHERE band = 6), 0) AS BIGINT) AS n_y6_8,
           CAST(coalesce(sum(n) FILTER (WHERE band = 8), 0) AS BIGINT) AS n_y8_plus
    FROM parts
    GROUP BY ALL
)
SELECT g.region_code, r.name AS region_name, g.dimension, g.category,
       CASE g.dimension WHEN 'opd' THEN u.name WHEN 'golongan' THEN g.category
            ELSE 'total' END AS category_name,
       g.n, g.n_without_rank, round(m.low + (m.high - m.low) * 0.5, 2) AS median_years,
       g.n_y0_2, g.n_y2_4, g.n_y4_6, g.n_y6_8, g.n_y8_plus
FROM grouped AS g
JOIN regions AS r USING (region_code)
LEFT JOIN medians AS m USING (region_code, dimension, category)
LEFT JOIN units AS u ON u.unit_id = g.category  -- a unit id only on OPD rows
ORDER BY g.region_code, list_position(['total', 'golongan', 'opd'], g.dimension),
         golongan_rank(g.category), category_name, g.category
"""


# The summary holds the indicator's rows themselves: it is built at the summaries' reference
# date, the only one it answers for, per region (no figure mixes regions), for PNS only.
summaries.declare(
    summaries.Summary(
        "sum_time_in_grade",
        columns="region_code VARCHAR, dimension VARCHAR, category VARCHAR, n BIGINT,"
        " n_without_rank BIGINT, median_years DOUBLE, n_y0_2 BIGINT, n_y2_4 BIGINT,"
        " n_y4_6 BIGINT, n_y6_8 BIGINT, n_y8_plus BIGINT",
        build="SELECT * EXCLUDE (region_name, category_name) FROM ("
        + _time_in_grade(_GRADE_ROWS)
        + ")",
        reads=("staff", "rank_history"),
        as_of=True,
    )
)
_TIME_IN_GRADE_FAST = """
SELECT g.region_code, r.name AS region_name, g.dimension, g.category,
       CASE g.dimension WHEN 'opd' THEN u.name WHEN 'golongan' THEN g.category
            ELSE 'total' END AS category_name,
       g.n, g.n_without_rank, g.median_years, g.n_y0_2, g.n_y2_4, g.n_y4_6, g.n_y6_8,
       g.n_y8_plus
FROM sum_time_in_grade AS g
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = g.category  -- a unit id only on OPD rows
WHERE keep($regions, g.region_code) AND keep_type($types, 'PNS', NULL)
ORDER BY g.region_code, list_position(['total', 'golongan', 'opd'], g.dimension),
         golongan_rank(g.category), category_name, g.category
"""


@metric(
    "time_in_grade",
    description={
        "id": "Masa dalam golongan saat ini pada tanggal acuan: median dan sebarannya, per "
        "wilayah, golongan dan OPD",
        "en": "Years in the current golongan at the reference date: median and distribution, by "
        "region, golongan and OPD",
    },
    rule={
        "id": "PNS dalam layanan pada tanggal acuan. Golongan saat ini = riwayat golongan dengan "
        "TMT terakhir yang tidak melewati tanggal acuan; masa = hari sejak TMT ÷ 365,25 (median "
        "dalam tahun). Kelompok: <2, 2-<4, 4-<6, 6-<8, ≥8 tahun (tahun kalender sejak TMT). PNS "
        "tanpa riwayat golongan dihitung terpisah (n_without_rank). Kenaikan pangkat reguler "
        "menuntut paling sedikit 4 tahun dalam pangkat terakhir.",
        "en": "PNS in service at the reference date. Current golongan = the rank history entry "
        "with the latest TMT on or before the reference date; years = days since the TMT ÷ "
        "365.25 (median in years). Bands: <2, 2-<4, 4-<6, 6-<8, ≥8 years (calendar years since "
        "the TMT). PNS without a rank history are counted apart (n_without_rank). A regular "
        "promotion needs at least 4 years in the last rank.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "dimension": "'total', 'golongan' (the current golongan) or 'opd'",
        "category": "'total', the golongan (I/a..IV/e) or the OPD's unit id",
        "category_name": "'total', the golongan or the OPD's name",
        "n": "PNS in service at as_of with a current golongan",
        "n_without_rank": "PNS in service at as_of without a rank history (0 on golongan rows)",
        "median_years": "median years in the current golongan (NULL when n = 0)",
        "n_y0_2": "PNS less than 2 years in the golongan",
        "n_y2_4": "2 to less than 4 years",
        "n_y4_6": "4 to less than 6 years",
        "n_y6_8": "6 to less than 8 years",
        "n_y8_plus": "8 years or more",
    },
)
def time_in_grade(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Years in the current golongan at as_of (PP 99/2000 Pasal 7: 4 years before a promotion)."""
    return answer(con, filters, raw=_time_in_grade(_GRADE_ROWS), fast=_TIME_IN_GRADE_FAST)


def _rule_params(scope: Scope) -> dict[str, Any]:
    """reference/promotion.toml as SQL parameters."""
    ref = reference.load("promotion")
    periods = sorted(ref["last_period"], key=lambda p: p["from_year"])
    return {
        "min_years": int(ref["min_years"]),
        "rated_years": int(ref["rated_years"]),
        "min_predikat": ref["min_predikat"],
        "top": ref["top"],
        "grace_years": int(ref["grace_years"]),
        "period_from": [int(p["from_year"]) for p in periods],
        "period_month": [int(p["month"]) for p in periods],
        "period_day": [int(p["day"]) for p in periods],
    }


# For each year of the range: the PNS in service in it who hold a golongan below the top on
# 1 January and reach min_years in it by the year's last promotion period; the worst annual
# predikat of the rated_years years before, as the rule reads it: at least min_predikat or below
# it ('unrated' when one is missing; each predikat apart would leave small cells whose
# suppression hides the others); and whether a higher golongan takes effect in the year.
_PROMOTION_ROWS = """
WITH pns AS (
    SELECT s.nip, s.region_code, y.range AS year
    FROM staff AS s
    JOIN range($year_from, $year_to + 1) AS y
      ON in_service(s.tmt_cpns, s.status, s.status_date, y.range)
    WHERE s.employment_type = 'PNS'
      AND keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep_type($types, s.employment_type, s.pppk_kind)
),
held AS (
    SELECT p.nip, p.region_code, p.year,
           arg_max(r.golongan, r.tmt_golongan) AS golongan, max(r.tmt_golongan) AS tmt
    FROM pns AS p
    JOIN rank_history AS r ON r.nip = p.nip AND r.tmt_golongan < make_date(p.year, 1, 1)
    GROUP BY p.nip, p.region_code, p.year
),
periods AS (
    SELECT *, len(list_filter($period_from, f -> f <= year)) AS period
    FROM held
),
eligible AS (
    SELECT nip, region_code, year, golongan
    FROM periods
    WHERE golongan <> $top AND period > 0
      AND tmt + to_years($min_years)
          <= make_date(year, $period_month[period], $period_day[period])
),
rated AS (
    SELECT e.nip, e.region_code, e.year, e.golongan,
           count(a.predikat) AS n_rated,
           arg_min(a.predikat, predikat_value(a.predikat)) AS worst
    FROM eligible AS e
    LEFT JOIN appraisals AS a
      ON a.nip = e.nip AND a.period = 'tahunan'
     AND a.year BETWEEN e.year - $rated_years AND e.year - 1
    GROUP BY e.nip, e.region_code, e.year, e.golongan
),
outcome AS (
    SELECT region_code, year,
           CASE WHEN n_rated < $rated_years THEN 'unrated'
                WHEN predikat_value(worst) >= predikat_value($min_predikat) THEN 'baik_or_better'
                ELSE 'below_baik' END AS predikat,
           EXISTS (SELECT 1 FROM rank_history AS r
                   WHERE r.nip = x.nip AND year(r.tmt_golongan) = x.year
                     AND golongan_rank(r.golongan) > golongan_rank(x.golongan)) AS promoted
    FROM rated AS x
)
SELECT region_code, year, predikat, count(*) AS n, count(*) FILTER (WHERE promoted) AS n_promoted
FROM outcome
GROUP BY ALL
"""
# Counts add up: per region, year and predikat class for the whole database.
summaries.declare(
    summaries.Summary(
        "sum_promotions",
        columns="region_code VARCHAR, year BIGINT, predikat VARCHAR, n BIGINT, n_promoted BIGINT",
        build=_PROMOTION_ROWS,
        reads=("staff", "rank_history", "appraisals"),
        params=_rule_params,
    )
)
_PROMOTION_ROWS_FAST = """
SELECT region_code, year, predikat, n, n_promoted
FROM sum_promotions
WHERE keep($regions, region_code) AND keep_type($types, 'PNS', NULL)
  AND year BETWEEN $year_from AND $year_to
"""


def _promotions(rows: str) -> str:
    """promotions from counted rows (region_code, year, predikat, n, n_promoted)."""
    return f"""
WITH source AS ({rows}),
grouped AS (
    SELECT region_code, year,
           CASE WHEN grouping(predikat) = 0 THEN 'predikat' ELSE 'total' END AS dimension,
           CASE WHEN grouping(predikat) = 0 THEN predikat ELSE 'total' END AS category,
           CAST(sum(n) AS BIGINT) AS n, CAST(sum(n_promoted) AS BIGINT) AS n_promoted
    FROM source
    GROUP BY GROUPING SETS ((region_code, year), (region_code, year, predikat))
)
SELECT g.region_code, r.name AS region_name, g.year, g.dimension, g.category, g.n,
       g.n_promoted, round(g.n_promoted / g.n, 4) AS share_promoted
FROM grouped AS g JOIN regions AS r USING (region_code)
ORDER BY g.region_code, g.year,
         list_position(['total', 'baik_or_better', 'below_baik', 'unrated'], g.category)
"""


@metric(
    "promotions",
    description={
        "id": "Dari PNS yang memenuhi masa 4 tahun untuk kenaikan pangkat reguler pada tahun Y, "
        "porsi yang naik pangkat pada Y, menurut predikat kinerja dua tahun sebelumnya",
        "en": "Of the PNS with the 4 years in grade a regular promotion needs in year Y, the "
        "share promoted in Y, by the rating of the two years before",
    },
    rule={
        "id": "Memenuhi syarat pada tahun Y: PNS dalam layanan pada Y, golongan pada 1 Januari Y "
        "di bawah IV/e, dan TMT golongan itu + 4 tahun tidak melewati periode kenaikan pangkat "
        "terakhir tahun Y (1 Oktober; 1 Desember sejak 2023). Predikat: yang terendah dari "
        "predikat tahunan Y-2 dan Y-1, paling rendah Baik ('baik_or_better', syarat terpenuhi) "
        "atau di bawahnya ('below_baik'); 'unrated' bila salah satu tidak ada. Naik pangkat: "
        "riwayat golongan yang lebih tinggi dengan TMT pada tahun Y (jenis apa pun). Porsi = "
        "naik ÷ memenuhi syarat. Sistem yang adil: porsi naik seiring predikat.",
        "en": "Eligible in year Y: PNS in service in Y whose golongan on 1 January Y is below "
        "IV/e and whose TMT + 4 years is not after Y's last promotion period (1 October; "
        "1 December from 2023). Rating: the lower of the annual ratings (predikat) of Y-2 and "
        "Y-1, at least Good ('baik_or_better', the condition met) or below it ('below_baik'); "
        "'unrated' when one is missing. Promoted: a higher golongan in the rank history with "
        "its TMT in Y (any kind). Share = promoted ÷ eligible. A fair system shows the share "
        "rising with the rating.",
    },
    regulation=_REGULATION + "; PermenPANRB 6/2022 (predikat)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "promotion year",
        "dimension": "'total' or 'predikat'",
        "category": "'total', or the lower predikat of the two years before: 'baik_or_better', "
        "'below_baik' or 'unrated' (one missing)",
        "n": "PNS meeting the time in grade in the year (eligible)",
        "n_promoted": "of them, promoted in the year",
        "share_promoted": "n_promoted ÷ n",
    },
)
def promotions(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Regular-promotion eligibility and outcome per year by predikat (PP 99/2000 Pasal 7)."""
    return answer(
        con,
        filters,
        raw=_promotions(_PROMOTION_ROWS),
        fast=_promotions(_PROMOTION_ROWS_FAST),
        params=_rule_params,
    )


# PNS at as_of who hold a golongan below the top for min_years + grace_years or more and whose
# rated_years last complete appraisal years (up to year(as_of) when as_of is 31 December) are
# all at least min_predikat: they meet the regular promotion's conditions and are still not
# promoted. Per OPD.
_OVERDUE_ROWS = f"""
WITH {_HELD_AT_AS_OF},
last_year AS (
    SELECT CASE WHEN month($as_of) = 12 AND day($as_of) = 31 THEN year($as_of)
                ELSE year($as_of) - 1 END AS y
),
flagged AS (
    SELECT h.region_code, h.opd_id,
           h.golongan <> $top AND h.tmt + to_years($min_years + $grace_years) <= $as_of
               AS long_in_grade,
           (SELECT count(*) FROM appraisals AS a, last_year AS l
             WHERE a.nip = h.nip AND a.period = 'tahunan'
               AND a.year BETWEEN l.y - $rated_years + 1 AND l.y
               AND predikat_value(a.predikat) >= predikat_value($min_predikat))
               = $rated_years AS rated_well
    FROM held AS h
    WHERE h.tmt IS NOT NULL
)
SELECT region_code, opd_id, count(*) AS n,
       count(*) FILTER (WHERE long_in_grade) AS n_long_in_grade,
       count(*) FILTER (WHERE long_in_grade AND rated_well) AS n_overdue
FROM flagged
GROUP BY ALL
"""
summaries.declare(
    summaries.Summary(
        "sum_promotion_overdue",
        columns="region_code VARCHAR, opd_id VARCHAR, n BIGINT, n_long_in_grade BIGINT,"
        " n_overdue BIGINT",
        build=_OVERDUE_ROWS,
        reads=("staff", "rank_history", "appraisals"),
        params=_rule_params,
        as_of=True,
    )
)
_OVERDUE_ROWS_FAST = """
SELECT region_code, opd_id, n, n_long_in_grade, n_overdue
FROM sum_promotion_overdue
WHERE keep($regions, region_code) AND keep_type($types, 'PNS', NULL)
"""


def _promotion_overdue(rows: str) -> str:
    """promotion_overdue from its rows per region and OPD."""
    return f"""
SELECT f.region_code, r.name AS region_name, f.opd_id AS unit_id, u.name AS unit_name,
       f.n, f.n_long_in_grade, f.n_overdue, round(f.n_overdue / f.n, 4) AS share_overdue
FROM ({rows}) AS f
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = f.opd_id
ORDER BY f.region_code, f.n_overdue DESC, unit_name, f.opd_id
"""


@metric(
    "promotion_overdue",
    description={
        "id": "PNS yang memenuhi syarat masa dan predikat kenaikan pangkat reguler tetapi belum "
        "naik pangkat, per OPD (indikasi untuk diperiksa)",
        "en": "PNS who meet the time and rating conditions of a regular promotion and are "
        "still not promoted, by OPD (an indication to check)",
    },
    rule={
        "id": "PNS dalam layanan pada tanggal acuan dengan golongan di bawah IV/e yang sudah "
        "dipegang paling sedikit 5 tahun (4 tahun syarat + 1 tahun) dan predikat tahunan dua "
        "tahun penilaian terakhir (sampai tahun tanggal acuan bila tanggal acuan 31 Desember) "
        "keduanya paling rendah Baik. Porsi = jumlah itu ÷ PNS OPD yang memiliki riwayat "
        "golongan. Bukan temuan: kenaikan pangkat juga menuntut formasi jabatan dan usulan.",
        "en": "PNS in service at the reference date holding a golongan below IV/e for at least "
        "5 years (the 4 required + 1) whose annual rating of the last two appraisal years (up "
        "to the reference date's year when it is 31 December) are both at least Good. Share = "
        "that count ÷ the OPD's PNS with a rank history. Not a finding: a promotion also needs a "
        "position that allows it and a proposal.",
    },
    regulation=_REGULATION + "; PermenPANRB 6/2022 (predikat)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "unit_id": "the OPD's unit id",
        "unit_name": "the OPD's name",
        "n": "PNS of the OPD in service at as_of with a current golongan",
        "n_long_in_grade": "of them, at least min_years + grace_years in a golongan below the top",
        "n_overdue": "of those, rated at least Good (baik) in both last appraisal years",
        "share_overdue": "n_overdue ÷ n",
    },
)
def promotion_overdue(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """PNS meeting a regular promotion's conditions for a year or more, by OPD (PP 99/2000)."""
    return answer(
        con,
        filters,
        raw=_promotion_overdue(_OVERDUE_ROWS),
        fast=_promotion_overdue(_OVERDUE_ROWS_FAST),
        params=_rule_params,
    )


# Awards for performance (every kind but the long-service Karya Satya) given in year Y to staff
# with an annual appraisal in Y-1, and the staff rated in Y-1: per region and award year, how
# many of each were rated Baik or better.
_REWARD_ROWS = """
WITH people AS (
    SELECT nip, region_code, employment_type
    FROM staff
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND keep_type($types, employment_type, pppk_kind)
),
rated AS (
    SELECT a.nip, p.region_code, p.employment_type, a.year + 1 AS year,
           predikat_value(a.predikat) >= predikat_value($min_predikat) AS good
    FROM appraisals AS a JOIN people AS p USING (nip)
    WHERE a.period = 'tahunan' AND a.year BETWEEN $year_from - 1 AND $year_to - 1
),
awarded AS (
    SELECT r.region_code, r.employment_type, r.year, r.good
    FROM rewards AS w JOIN rated AS r ON r.nip = w.nip AND r.year = w.year
    WHERE w.kind NOT IN ('karya_satya_10', 'karya_satya_20', 'karya_satya_30')
),
base AS (
    SELECT region_code, employment_type, year, count(*) AS rated,
           count(*) FILTER (WHERE good) AS n_rated_good
    FROM rated GROUP BY ALL
),
got AS (
    SELECT region_code, employment_type, year, count(*) AS n,
           count(*) FILTER (WHERE good) AS n_good
    FROM awarded GROUP BY ALL
)
SELECT b.region_code, b.employment_type, b.year, coalesce(g.n, 0) AS n,
       coalesce(g.n_good, 0) AS n_good, b.rated, b.n_rated_good
FROM base AS b LEFT JOIN got AS g USING (region_code, employment_type, year)
"""
summaries.declare(
    summaries.Summary(
        "sum_reward_alignment",
        columns="region_code VARCHAR, employment_type VARCHAR, year BIGINT, n BIGINT,"
        " n_good BIGINT, rated BIGINT, n_rated_good BIGINT",
        build=_REWARD_ROWS,
        reads=("staff", "appraisals", "rewards"),
        params=_rule_params,
    )
)
_REWARD_ROWS_FAST = """
SELECT region_code, employment_type, year, n, n_good, rated, n_rated_good
FROM sum_reward_alignment
WHERE keep($regions, region_code) AND keep($types, employment_type)
  AND year BETWEEN $year_from AND $year_to
"""


def _reward_alignment(rows: str) -> str:
    """reward_alignment from its counts per region, employment type and year."""
    return f"""
WITH summed AS (
    SELECT region_code, year, sum(n) AS n, sum(n_good) AS n_good, sum(rated) AS rated,
           sum(n_rated_good) AS n_rated_good
    FROM ({rows})
    GROUP BY ALL
)
SELECT f.region_code, r.name AS region_name, CAST(f.year AS BIGINT) AS year,
       CAST(f.n AS BIGINT) AS n, CAST(f.n_good AS BIGINT) AS n_good,
       round(f.n_good / nullif(f.n, 0), 4) AS share_good,
       CAST(f.rated AS BIGINT) AS rated, CAST(f.n_rated_good AS BIGINT) AS n_rated_good,
       round(f.n_rated_good / f.rated, 4) AS share_rated_good,
       round((f.n_good / nullif(f.n, 0)) / nullif(f.n_rated_good / f.rated, 0), 4)
           AS alignment
FROM summed AS f
JOIN regions AS r USING (region_code)
WHERE f.year BETWEEN $year_from AND $year_to
ORDER BY f.region_code, f.year
"""


@metric(
    "reward_alignment",
    description={
        "id": "Apakah penghargaan mengikuti kinerja: porsi penghargaan untuk pegawai berpredikat "
        "Baik atau Sangat Baik pada tahun sebelumnya, dibanding porsi mereka di antara pegawai "
        "yang dinilai",
        "en": "Do awards follow performance: the share of awards going to staff rated Good or "
        "Very good the year before, against their share of the rated staff",
    },
    rule={
        "id": "Penghargaan tahun Y selain Satyalancana Karya Satya (penghargaan masa kerja) bagi "
        "pegawai dengan penilaian tahunan Y-1. Porsi = penghargaan bagi yang berpredikat paling "
        "rendah Baik ÷ penghargaan itu; pembanding = pegawai berpredikat paling rendah Baik ÷ "
        "pegawai yang dinilai pada Y-1. Keselarasan = porsi ÷ pembanding: 1 berarti penghargaan "
        "tidak memperhatikan kinerja, di atas 1 berarti mengikutinya.",
        "en": "Awards of year Y other than the Satyalancana Karya Satya (a long-service award) "
        "to staff with an annual appraisal in Y-1. Share = awards to those rated at least Good ÷ "
        "those awards; benchmark = staff rated at least Good ÷ staff rated in Y-1. Alignment = "
        "share ÷ benchmark: 1 means awards ignore performance, above 1 that they follow it.",
    },
    regulation="UU 20/2023 Pasal 30 (penghargaan ASN); PP 11/2017 jo. PP 17/2020; "
    "PermenPANRB 6/2022 (predikat)",
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "award year",
        "n": "performance awards in the year to staff rated the year before",
        "n_good": "of them, to staff rated at least Good",
        "share_good": "n_good ÷ n",
        "rated": "staff with an annual appraisal the year before",
        "n_rated_good": "of them, rated at least Good",
        "share_rated_good": "n_rated_good ÷ rated",
        "alignment": "share_good ÷ share_rated_good (1: awards ignore performance)",
    },
)
def reward_alignment(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Awards against the predikat of the year before (UU 20/2023 Pasal 30)."""
    return answer(
        con,
        filters,
        raw=_reward_alignment(_REWARD_ROWS),
        fast=_reward_alignment(_REWARD_ROWS_FAST),
        params=_rule_params,
    )
