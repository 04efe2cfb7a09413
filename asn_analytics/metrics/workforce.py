"""Workforce indicators: headcount, age profile, retirements (BUP)."""

from __future__ import annotations

import duckdb
import pandas as pd

from asn_analytics.metrics.engine import query
from asn_analytics.metrics.filters import Filters, resolve
from asn_analytics.metrics.registry import metric

# Staff in service in each year of the range, restricted by the filters.
STAFF_YEARS = """
staff_years AS (
    SELECT s.*, y.range AS year
    FROM staff AS s
    JOIN range($year_from, $year_to + 1) AS y
      ON in_service(s.tmt_cpns, s.status, s.status_date, y.range)
    WHERE keep($regions, s.region_code) AND keep($units, s.unit_id)
      AND keep($types, s.employment_type)
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


@metric(
    "headcount",
    description={
        "id": "Jumlah ASN per wilayah dan tahun, dengan rinciannya, dan ASN per 1.000 penduduk",
        "en": "ASN in service per region and year, with breakdowns, and ASN per 1,000 population",
    },
    rule={
        "id": "Pegawai dihitung pada tahun Y bila TMT ≤ 31 Des Y dan berstatus aktif atau status "
        "berubah setelah 31 Des Y. ASN per 1.000 penduduk = jumlah × 1.000 ÷ penduduk wilayah.",
        "en": "A staff member counts in year Y when appointed by 31 Dec Y and active, or whose "
        "status changed after 31 Dec Y. ASN per 1,000 population = count × 1,000 ÷ population.",
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
    return query(con, _HEADCOUNT, resolve(con, filters))
