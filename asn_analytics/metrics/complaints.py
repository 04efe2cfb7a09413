"""Complaint (Pengaduan) indicators: volume, mix, service levels, backlog, anomalies."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric
from asn_analytics.workdays import holiday_dates

_REGULATION = (
    "Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik; PermenPANRB 62/2018 "
    "(SP4N-LAPOR!)"
)
_STEPS = ("verification", "follow_up", "completion")

# Every month of each region from `$series_from` (not before the region's first complaint: no
# data is not zero complaints) to the month of as_of (not after year_to), with its count.
_MONTH_SERIES = """
first_month AS (
    SELECT region_code, CAST(date_trunc('month', min(received_at)) AS DATE) AS first_month
    FROM complaints
    WHERE keep($regions, region_code)
    GROUP BY region_code
),
months AS (
    SELECT region_code,
           CAST(unnest(generate_series(
               CAST(greatest($series_from, first_month) AS TIMESTAMP),
               CAST(least(date_trunc('month', $as_of), make_date($year_to, 12, 1)) AS TIMESTAMP),
               INTERVAL 1 MONTH)) AS DATE) AS month
    FROM first_month
),
received AS (
    SELECT region_code, CAST(date_trunc('month', received_at) AS DATE) AS month, count(*) AS n
    FROM complaints
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND CAST(received_at AS DATE) BETWEEN $series_from AND $as_of
    GROUP BY ALL
),
series AS (
    SELECT m.region_code, m.month, coalesce(c.n, 0) AS n
    FROM months AS m LEFT JOIN received AS c USING (region_code, month)
)
"""

# The same series from the complaints received per region, unit and month.
_MONTH_SERIES_FAST = """
first_month AS (
    SELECT region_code, min(month) AS first_month
    FROM sum_complaint_months
    WHERE keep($regions, region_code)
    GROUP BY region_code
),
months AS (
    SELECT region_code,
           CAST(unnest(generate_series(
               CAST(greatest($series_from, first_month) AS TIMESTAMP),
               CAST(least(date_trunc('month', $as_of), make_date($year_to, 12, 1)) AS TIMESTAMP),
               INTERVAL 1 MONTH)) AS DATE) AS month
    FROM first_month
),
received AS (
    SELECT region_code, month, CAST(sum(n) AS BIGINT) AS n
    FROM sum_complaint_months
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND month BETWEEN $series_from AND $as_of
    GROUP BY ALL
),
series AS (
    SELECT m.region_code, m.month, coalesce(c.n, 0) AS n
    FROM months AS m LEFT JOIN received AS c USING (region_code, month)
)
"""

_MONTHLY_TAIL = """
SELECT s.region_code, r.name AS region_name, s.month, year(s.month) AS year, s.n,
       round(s.n * 100000.0 / r.population, 2) AS per_100k
FROM series AS s JOIN regions AS r USING (region_code)
ORDER BY s.region_code, s.month
"""
_MONTHLY = f"WITH {_MONTH_SERIES} {_MONTHLY_TAIL}"
_MONTHLY_FAST = f"WITH {_MONTH_SERIES_FAST} {_MONTHLY_TAIL}"

_ANOMALIES_TAIL = """
windowed AS (
    SELECT region_code, month, n,
           count(*) OVER w AS prior_months,
           avg(n) OVER w AS mean,
           stddev_samp(n) OVER w AS sd
    FROM series
    WINDOW w AS (PARTITION BY region_code ORDER BY month
                 ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)
),
rated AS (
    SELECT *,
           CASE WHEN prior_months = 12 THEN mean END AS trailing_mean,
           CASE WHEN prior_months = 12 THEN sd END AS trailing_sd
    FROM windowed
)
SELECT t.region_code, r.name AS region_name, t.month, year(t.month) AS year, t.n,
       round(t.trailing_mean, 2) AS trailing_mean,
       round(t.trailing_sd, 2) AS trailing_sd,
       round(t.trailing_mean + 2 * t.trailing_sd, 2) AS threshold,
       coalesce(t.n > t.trailing_mean + 2 * t.trailing_sd, false) AS flagged
FROM rated AS t JOIN regions AS r USING (region_code)
WHERE t.month >= make_date($year_from, 1, 1)
ORDER BY t.region_code, t.month
"""
_ANOMALIES = f"WITH {_MONTH_SERIES}, {_ANOMALIES_TAIL}"
_ANOMALIES_FAST = f"WITH {_MONTH_SERIES_FAST}, {_ANOMALIES_TAIL}"

_MIX_COUNTS = """
counts AS (
    SELECT region_code, year,
           CASE
               WHEN grouping(channel) = 0 THEN 'channel'
               WHEN grouping(topic) = 0 THEN 'category'
               WHEN grouping(opd_id) = 0 THEN 'opd'
               ELSE 'unit'
           END AS dimension,
           CASE
               WHEN grouping(channel) = 0 THEN coalesce(channel, 'unknown')
               WHEN grouping(topic) = 0 THEN coalesce(topic, 'unknown')
               WHEN grouping(opd_id) = 0 THEN coalesce(opd_id, 'unknown')
               ELSE coalesce(unit_id, 'unknown')
           END AS category,
           {n} AS n
    FROM scoped
    GROUP BY GROUPING SETS (
        (region_code, year, channel), (region_code, year, topic), (region_code, year, unit_id),
        (region_code, year, opd_id))
    -- An OPD's row counts all its units: only for an OPD the unit filter holds whole.
    HAVING grouping(opd_id) = 1 OR keep($units, opd_id)
)
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.category,
       CASE WHEN c.dimension IN ('unit', 'opd') THEN coalesce(u.name, c.category)
            ELSE c.category END AS category_name,
       c.n,
       round(c.n / sum(c.n) OVER (PARTITION BY c.region_code, c.year, c.dimension), 4) AS share,
       CASE WHEN c.dimension = 'opd' THEN c.category
            WHEN c.dimension = 'unit' THEN coalesce(u.parent_id, u.unit_id) END AS opd_id
FROM counts AS c
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = CASE WHEN c.dimension IN ('unit', 'opd') THEN c.category END
ORDER BY c.region_code, c.year,
         CASE c.dimension WHEN 'channel' THEN 0 WHEN 'category' THEN 1 WHEN 'opd' THEN 2 ELSE 3 END,
         c.n DESC, c.category
"""
_MIX = """
WITH scoped AS (
    SELECT region_code, year(received_at) AS year, channel, category AS topic, unit_id,
           opd_of(unit_id) AS opd_id
    FROM complaints
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND year(received_at) BETWEEN $year_from AND $year_to
      AND CAST(received_at AS DATE) <= $as_of
),
""" + _MIX_COUNTS.format(n="count(*)")
# Counts per region, unit, year, channel and category add up to every breakdown.
_MIX_FAST = """
WITH scoped AS (
    SELECT *, opd_of(unit_id) AS opd_id FROM sum_complaint_mix
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND year BETWEEN $year_from AND $year_to
),
""" + _MIX_COUNTS.format(n="CAST(sum(n) AS BIGINT)")

# Service levels. `cal` numbers the working days: wd(e) - wd(s) is the number of working days
# after s up to and including e. A step counts as done on its own date, or, when that is blank,
# on the date of the first later step recorded (it cannot have happened later). Dates after
# as_of are not known yet at as_of.
SLA = """
WITH cal AS (
    SELECT CAST(t.d AS DATE) AS d,
           sum(CASE WHEN isodow(t.d) <= 5 AND NOT list_contains($holidays, CAST(t.d AS DATE))
                    THEN 1 ELSE 0 END) OVER (ORDER BY t.d)::INTEGER AS wd
    FROM generate_series(CAST($cal_from AS TIMESTAMP), CAST($as_of AS TIMESTAMP),
                         INTERVAL 1 DAY) AS t(d)
),
limits(step, step_order, limit_days, day_unit) AS (
    VALUES ('verification', 1, $verification_limit, $verification_unit),
           ('follow_up', 2, $follow_up_limit, $follow_up_unit),
           ('completion', 3, $completion_limit, $completion_unit)
),
known AS (
    SELECT complaint_id, region_code, coalesce(unit_id, 'unknown') AS unit_key,
           coalesce(opd_of(unit_id), 'unknown') AS opd_key, year(received_at) AS year,
           CAST(received_at AS DATE) AS received,
           CASE WHEN CAST(verified_at AS DATE) <= $as_of THEN CAST(verified_at AS DATE) END
               AS verified,
           CASE WHEN CAST(first_response_at AS DATE) <= $as_of
                THEN CAST(first_response_at AS DATE) END AS responded,
           CASE WHEN CAST(closed_at AS DATE) <= $as_of THEN CAST(closed_at AS DATE) END AS closed
    FROM complaints
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND year(received_at) BETWEEN $year_from AND $year_to
      AND CAST(received_at AS DATE) <= $as_of
      AND (status IS NULL OR NOT list_contains($excluded_status, status))
),
steps AS (
    SELECT complaint_id, region_code, unit_key, opd_key, year, 'verification' AS step,
           received AS start_d, coalesce(verified, responded, closed) AS end_d
    FROM known
    UNION ALL
    SELECT complaint_id, region_code, unit_key, opd_key, year, 'follow_up',
           coalesce(verified, responded, closed), coalesce(responded, closed)
    FROM known
    UNION ALL
    SELECT complaint_id, region_code, unit_key, opd_key, year, 'completion', received, closed
    FROM known
),
measured AS (
    SELECT s.*, l.limit_days, l.day_unit,
           CASE WHEN l.day_unit = 'working_days' THEN ce.wd - cs.wd
                ELSE datediff('day', s.start_d, s.end_d) END AS days,
           CASE WHEN l.day_unit = 'working_days' THEN now_.wd - cs.wd
                ELSE datediff('day', s.start_d, $as_of) END AS elapsed
    FROM steps AS s
    JOIN limits AS l USING (step)
    CROSS JOIN (SELECT wd FROM cal WHERE d = $as_of) AS now_
    LEFT JOIN cal AS cs ON cs.d = s.start_d
    LEFT JOIN cal AS ce ON ce.d = s.end_d
),
judged AS (
    -- A step not done is breached once its limit has passed by as_of, and pending before then
    -- (also when its clock has not started because the step before it is not done).
    SELECT *,
           CASE
               WHEN days <= limit_days THEN 'met'
               WHEN days > limit_days THEN 'breached'
               WHEN elapsed > limit_days THEN 'breached'
               ELSE 'pending'
           END AS outcome
    FROM measured
),
all_three AS (
    -- Met when all three steps are met; breached once any step is; otherwise still pending.
    SELECT complaint_id, region_code, unit_key, opd_key, year, 'all_three' AS step,
           NULL::INTEGER AS limit_days, NULL::VARCHAR AS day_unit, NULL::BIGINT AS days,
           CASE
               WHEN bool_or(outcome = 'breached') THEN 'breached'
               WHEN bool_and(outcome = 'met') THEN 'met'
               ELSE 'pending'
           END AS outcome
    FROM judged
    GROUP BY complaint_id, region_code, unit_key, opd_key, year
),
outcomes AS (
    SELECT complaint_id, region_code, unit_key, opd_key, year, step, limit_days, day_unit, days,
           outcome
    FROM judged
    UNION ALL
    SELECT * FROM all_three
),
counts AS (
    SELECT region_code, year,
           CASE WHEN grouping(unit_key) = 0 THEN 'unit'
                WHEN grouping(opd_key) = 0 THEN 'opd' ELSE 'region' END AS dimension,
           CASE WHEN grouping(unit_key) = 0 THEN unit_key
                WHEN grouping(opd_key) = 0 THEN opd_key END AS unit_key,
           CASE WHEN grouping(opd_key) = 0 THEN opd_key END AS opd_key, step,
           any_value(limit_days) AS limit_days, any_value(day_unit) AS day_unit,
           count(*) AS n,
           count(*) FILTER (WHERE outcome = 'met') AS n_met,
           count(*) FILTER (WHERE outcome = 'breached') AS n_breached,
           count(*) FILTER (WHERE outcome = 'pending') AS n_pending,
           median(days) AS median_days
    FROM outcomes
    GROUP BY GROUPING SETS ((region_code, year, step), (region_code, year, unit_key, opd_key, step),
                            (region_code, year, opd_key, step))
    -- An OPD's row covers all its units: only for an OPD the unit filter holds whole.
    HAVING grouping(unit_key) = 0 OR grouping(opd_key) = 1 OR keep($units, opd_key)
)
SELECT c.region_code, r.name AS region_name, c.year, c.dimension,
       c.unit_key AS unit_id,
       CASE WHEN c.dimension <> 'region' THEN coalesce(u.name, c.unit_key) END AS unit_name,
       c.step, c.limit_days, c.day_unit, c.n, c.n_met, c.n_breached, c.n_pending,
       round(c.n_met / nullif(c.n_met + c.n_breached, 0), 4) AS compliance,
       c.median_days, c.opd_key AS opd_id
FROM counts AS c
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = c.unit_key
ORDER BY c.region_code, c.year, c.dimension = 'unit', c.dimension = 'opd', c.opd_key NULLS FIRST,
         c.dimension, c.unit_key NULLS FIRST,
         CASE c.step WHEN 'verification' THEN 1 WHEN 'follow_up' THEN 2
                     WHEN 'completion' THEN 3 ELSE 4 END
"""

# The summary holds complaint_sla's rows of the whole database (medians do not add up).
_SLA_FAST = """
SELECT c.region_code, r.name AS region_name, c.year, c.dimension, c.unit_id,
       CASE WHEN c.dimension <> 'region' THEN coalesce(u.name, c.unit_id) END AS unit_name,
       c.step, c.limit_days, c.day_unit, c.n, c.n_met, c.n_breached, c.n_pending, c.compliance,
       c.median_days, c.opd_id
FROM sum_complaint_sla AS c
JOIN regions AS r USING (region_code)
LEFT JOIN units AS u ON u.unit_id = c.unit_id
WHERE keep($regions, c.region_code) AND c.year BETWEEN $year_from AND $year_to {only}
ORDER BY c.region_code, c.year, c.dimension = 'unit', c.dimension = 'opd', c.opd_id NULLS FIRST,
         c.dimension, c.unit_id NULLS FIRST,
         CASE c.step WHEN 'verification' THEN 1 WHEN 'follow_up' THEN 2
                     WHEN 'completion' THEN 3 ELSE 4 END
"""

# Complaints open at as_of, with their age in calendar days.
OPEN_COMPLAINTS = """
SELECT region_code, unit_id, datediff('day', CAST(received_at AS DATE), $as_of) AS age
FROM complaints
WHERE keep($regions, region_code) AND keep($units, unit_id)
  AND CAST(received_at AS DATE) <= $as_of
  AND (closed_at IS NULL OR CAST(closed_at AS DATE) > $as_of)
  AND (status IS NULL OR NOT list_contains($excluded_status, status))
"""
_BANDS = """
bands(band_order, age_band, lower_days, upper_days) AS (
    VALUES (1, '0-7', 0, 7), (2, '8-30', 8, 30), (3, '31-60', 31, 60), (4, '61-90', 61, 90),
           (5, '>90', 91, NULL)
)
"""
_BACKLOG = f"""
WITH {_BANDS},
with_data AS (
    SELECT DISTINCT region_code FROM complaints WHERE keep($regions, region_code)
),
open_ AS ({OPEN_COMPLAINTS})
SELECT w.region_code, r.name AS region_name, $as_of AS as_of, b.age_band, count(o.age) AS n
FROM with_data AS w
JOIN regions AS r USING (region_code)
CROSS JOIN bands AS b
LEFT JOIN open_ AS o
  ON o.region_code = w.region_code AND o.age >= b.lower_days
 AND (b.upper_days IS NULL OR o.age <= b.upper_days)
GROUP BY w.region_code, r.name, b.band_order, b.age_band
ORDER BY w.region_code, b.band_order
"""
# Open complaints per region, unit and age band add up over units.
_BACKLOG_FAST = f"""
WITH {_BANDS},
with_data AS (
    SELECT DISTINCT region_code FROM sum_complaint_months WHERE keep($regions, region_code)
),
open_ AS (
    SELECT region_code, band_order, sum(n) AS n
    FROM sum_complaint_backlog
    WHERE keep($regions, region_code) AND keep($units, unit_id)
    GROUP BY ALL
)
SELECT w.region_code, r.name AS region_name, $as_of AS as_of, b.age_band,
       CAST(coalesce(o.n, 0) AS BIGINT) AS n
FROM with_data AS w
JOIN regions AS r USING (region_code)
CROSS JOIN bands AS b
LEFT JOIN open_ AS o ON o.region_code = w.region_code AND o.band_order = b.band_order
ORDER BY w.region_code, b.band_order
"""


@cache
def _holidays(first_year: int, last_year: int) -> tuple[dt.date, ...]:
    return tuple(holiday_dates(range(first_year, last_year + 1)))


def _excluded(scope: Scope) -> dict[str, Any]:
    """The statuses of complaints that are not counted (reference/sla.toml)."""
    return {"excluded_status": list(reference.load("sla")["excluded_status"])}


def sla_parameters(scope: Scope) -> dict[str, Any]:
    """Limits and units of each step from reference/sla.toml, and the holidays of the range."""
    ref = reference.load("sla")
    params: dict[str, Any] = _excluded(scope)
    for step in _STEPS:
        limit, unit = ref["step"][step]["limit"], ref["step"][step]["unit"]
        if unit not in ("working_days", "calendar_days"):
            raise ValueError(f"sla.toml: unit of {step} must be working_days or calendar_days")
        params[f"{step}_limit"] = int(limit)
        params[f"{step}_unit"] = unit
    params["cal_from"] = dt.date(scope.year_from, 1, 1)
    last_year = max(scope.year_from, scope.as_of.year)
    params["holidays"] = lambda: list(_holidays(scope.year_from, last_year))  # when used
    return params


# Complaints received per region, unit and month; per year, channel and category; open at as_of
# by age band; and the complaint_sla rows of the whole database (medians do not add up).
summaries.declare(
    summaries.Summary(
        "sum_complaint_months",
        columns="region_code VARCHAR, unit_id VARCHAR, month DATE, n BIGINT",
        build="""
SELECT region_code, unit_id, CAST(date_trunc('month', received_at) AS DATE), count(*)
FROM complaints
WHERE keep($regions, region_code)
GROUP BY ALL
""",
        reads=("complaints",),
    )
)
summaries.declare(
    summaries.Summary(
        "sum_complaint_mix",
        columns="region_code VARCHAR, unit_id VARCHAR, year BIGINT, channel VARCHAR,"
        " topic VARCHAR, n BIGINT",
        build="""
SELECT region_code, unit_id, year(received_at), channel, category, count(*)
FROM complaints
WHERE CAST(received_at AS DATE) <= $as_of AND keep($regions, region_code)
GROUP BY ALL
""",
        reads=("complaints",),
    )
)
summaries.declare(
    summaries.Summary(
        "sum_complaint_backlog",
        columns="region_code VARCHAR, unit_id VARCHAR, band_order INTEGER, n BIGINT",
        build=f"""
SELECT region_code, unit_id,
       CASE WHEN age <= 7 THEN 1 WHEN age <= 30 THEN 2 WHEN age <= 60 THEN 3
            WHEN age <= 90 THEN 4 ELSE 5 END,
       count(*)
FROM ({OPEN_COMPLAINTS})
GROUP BY ALL
""",
        reads=("complaints",),
        params=_excluded,
        as_of=True,
    )
)
summaries.declare(
    summaries.Summary(
        "sum_complaint_sla",
        columns="region_code VARCHAR, year BIGINT, dimension VARCHAR, unit_id VARCHAR,"
        " step VARCHAR, limit_days INTEGER, day_unit VARCHAR, n BIGINT, n_met BIGINT,"
        " n_breached BIGINT, n_pending BIGINT, compliance DOUBLE, median_days DOUBLE,"
        " opd_id VARCHAR",
        build=f"SELECT * EXCLUDE (region_name, unit_name) FROM ({SLA})",
        # Its OPD rows follow the units' OPDs, which staff imports set.
        reads=("complaints", "staff"),
        params=sla_parameters,
        as_of=True,
    )
)


@metric(
    "complaints_monthly",
    description={
        "id": "Jumlah pengaduan per bulan, absolut dan per 100.000 penduduk",
        "en": "Complaints received per month, absolute and per 100,000 population",
    },
    rule={
        "id": "Pengaduan dihitung pada bulan diterimanya. Bulan tanpa pengaduan tampil 0 (mulai "
        "bulan pertama wilayah itu memiliki data). Per 100.000 penduduk = jumlah × 100.000 ÷ "
        "penduduk wilayah.",
        "en": "A complaint counts in the month it was received. Months without complaints show "
        "0 (from the region's first month with data). Per 100,000 population = count × 100,000 ÷ "
        "the region's population.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "month": "first day of the month (date)",
        "year": "year of the month",
        "n": "complaints received in the month",
        "per_100k": "n per 100,000 population of the region",
    },
)
def complaints_monthly(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Complaints received per month and per 100,000 population (Perpres 76/2013)."""
    return answer(
        con,
        filters,
        raw=_MONTHLY,
        fast=_MONTHLY_FAST,
        by_unit=True,
        params=lambda scope: {"series_from": dt.date(scope.year_from, 1, 1)},
    )


@metric(
    "complaints_mix",
    description={
        "id": "Pengaduan menurut kanal, kategori dan unit tujuan",
        "en": "Complaints by channel, category and unit",
    },
    rule={
        "id": "Pengaduan yang diterima pada tahun itu menurut kanal, kategori, OPD (seluruh "
        "unitnya) dan unit; persentase terhadap seluruh pengaduan wilayah pada tahun itu. Nilai "
        "kosong tampil 'unknown'.",
        "en": "Complaints received in the year by channel, category, OPD (all its units) and "
        "unit; share of all the region's complaints that year. Blank values show as 'unknown'.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year received",
        "dimension": "channel, category, opd or unit",
        "category": "the channel, the category, the OPD's or the unit's unit_id ('unknown' when"
        " blank)",
        "category_name": "unit name for OPDs and units, else the category",
        "n": "complaints",
        "share": "n / complaints of the region and year",
        "opd_id": "for OPD and unit rows, the OPD (a unit's own id when it is an OPD)",
    },
)
def complaints_mix(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Complaints by channel, category and unit (SP4N-LAPOR!, PermenPANRB 62/2018)."""
    return answer(con, filters, raw=_MIX, fast=_MIX_FAST, by_unit=True)


@metric(
    "complaint_sla",
    description={
        "id": "Ketepatan waktu penanganan pengaduan: verifikasi, tindak lanjut pertama, "
        "penyelesaian",
        "en": "Complaint service levels: verification, first follow-up, completion",
    },
    rule={
        "id": "Verifikasi ≤ 3 hari kerja sejak diterima; tindak lanjut pertama ≤ 5 hari kerja "
        "sejak verifikasi; selesai ≤ 60 hari kalender sejak diterima. Hari kerja tanpa Sabtu, "
        "Minggu, libur nasional dan cuti bersama; lama tahap = hari sesudah hari mulai sampai "
        "dengan hari selesai (selesai di hari yang sama = 0). Tahap yang belum selesai dihitung "
        "terlambat setelah batasnya lewat pada tanggal acuan, dan belum dihitung sebelumnya. "
        "Tahap yang kosong dianggap selesai pada tanggal tahap berikutnya yang tercatat. "
        "Kepatuhan = tepat ÷ (tepat + terlambat). Kepatuhan keseluruhan: ketiga batas terpenuhi; "
        "terlambat bila salah satu tahap terlambat. Status bukan_wewenang dan arsip tidak "
        "dihitung.",
        "en": "Verification ≤ 3 working days from receipt; first follow-up ≤ 5 working days from "
        "verification; completion ≤ 60 calendar days from receipt. Working days exclude "
        "weekends, public holidays and cuti bersama; a step's length counts the days after its "
        "start day up to and including its end day (same day = 0). A step not done counts as "
        "breached once its limit has passed at the reference date, and is left out before then. "
        "A blank step counts as done on the date of the next step recorded. Compliance = met ÷ "
        "(met + breached). Overall compliance: all three limits met; breached when any step is. "
        "Statuses bukan_wewenang and arsip are left out.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year received",
        "dimension": "region, opd (all the OPD's units) or unit",
        "unit_id": "unit_id ('unknown' when blank) for OPD and unit rows, empty for region rows",
        "unit_name": "unit name for OPD and unit rows, empty for region rows",
        "step": "verification, follow_up, completion or all_three",
        "limit_days": "the step's limit (empty for all_three)",
        "day_unit": "working_days or calendar_days (empty for all_three)",
        "n": "complaints counted (status not bukan_wewenang or arsip)",
        "n_met": "step done within its limit (all_three: all three met)",
        "n_breached": "done late, or not done with the limit passed (all_three: any step)",
        "n_pending": "not done, limit not passed at as_of (left out of compliance)",
        "compliance": "n_met / (n_met + n_breached); all_three is the scorecard's compliance",
        "median_days": "median length of the done steps, in the step's day unit",
        "opd_id": "for OPD and unit rows, the OPD (a unit's own id when it is an OPD)",
    },
)
def complaint_sla(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Complaint service levels in working days (Perpres 76/2013, PermenPANRB 62/2018)."""
    return answer(con, filters, raw=SLA, fast=_SLA_FAST.format(only=""), params=sla_parameters)


def sla_compliance(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The region rows of complaint_sla() for all three limits (the scorecard's compliance)."""
    only = "AND c.dimension = 'region' AND c.step = 'all_three'"
    fast = _SLA_FAST.format(only=only)
    frame = answer(con, filters, raw=SLA, fast=fast, params=sla_parameters)
    return frame[frame["dimension"].eq("region") & frame["step"].eq("all_three")]


@metric(
    "complaint_backlog",
    description={
        "id": "Pengaduan yang belum selesai pada tanggal acuan, menurut umurnya",
        "en": "Complaints still open at the reference date, by age",
    },
    rule={
        "id": "Pengaduan yang diterima sampai tanggal acuan dan belum selesai pada tanggal itu "
        "(status bukan_wewenang dan arsip tidak dihitung), menurut umur dalam hari kalender: "
        "0-7, 8-30, 31-60, 61-90, >90.",
        "en": "Complaints received by the reference date and not closed by then (statuses "
        "bukan_wewenang and arsip left out), by age in calendar days: 0-7, 8-30, 31-60, 61-90, "
        ">90.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "as_of": "the reference date",
        "age_band": "'0-7', '8-30', '31-60', '61-90' or '>90' calendar days since receipt",
        "n": "open complaints",
    },
)
def complaint_backlog(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Complaints open at as_of by age band (Perpres 76/2013: completion within 60 days)."""
    return answer(con, filters, raw=_BACKLOG, fast=_BACKLOG_FAST, by_unit=True, params=_excluded)


@metric(
    "complaint_anomalies",
    description={
        "id": "Bulan dengan pengaduan jauh di atas 12 bulan sebelumnya",
        "en": "Months with complaints far above the 12 months before",
    },
    rule={
        "id": "Bulan m ditandai bila jumlahnya > rata-rata + 2 × simpangan baku sampel dari 12 "
        "bulan sebelum m (bulan tanpa pengaduan = 0). Perlu 12 bulan data sebelumnya.",
        "en": "Month m is flagged when its count exceeds the mean + 2 × sample standard "
        "deviation of the 12 months before m (months without complaints count 0). Needs 12 "
        "prior months of data.",
    },
    regulation=_REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "month": "first day of the month (date)",
        "year": "year of the month",
        "n": "complaints received in the month",
        "trailing_mean": "mean of the 12 months before (empty without 12 prior months)",
        "trailing_sd": "sample standard deviation of the 12 months before",
        "threshold": "trailing_mean + 2 × trailing_sd",
        "flagged": "n > threshold",
    },
)
def complaint_anomalies(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Months above the trailing 12-month mean + 2 sample SD (complaint monitoring, LAPOR!)."""
    return answer(
        con,
        filters,
        raw=_ANOMALIES,
        fast=_ANOMALIES_FAST,
        by_unit=True,
        params=lambda scope: {"series_from": dt.date(scope.year_from - 1, 1, 1)},
    )
