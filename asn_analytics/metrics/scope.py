"""What a query runs on (filters with their defaults resolved), and the data's date range."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import duckdb
from pydantic import BaseModel, ConfigDict

# The filter value for part-time PPPK (metrics.filters.Filters.employment_types).
PART_TIME = "PPPK Paruh Waktu"


class Scope(BaseModel):
    """Filters with every default resolved against the database: what a query runs on."""

    model_config = ConfigDict(frozen=True)

    regions: tuple[str, ...] | None
    units: tuple[str, ...] | None
    employment_types: tuple[str, ...] | None
    year_from: int
    year_to: int
    as_of: dt.date

    def params(self) -> dict[str, Any]:
        """Named SQL parameters: $regions, $units, $types, $year_from, $year_to, $as_of."""
        return {
            "regions": list(self.regions) if self.regions is not None else None,
            "units": list(self.units) if self.units is not None else None,
            "types": list(self.employment_types) if self.employment_types is not None else None,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "as_of": self.as_of,
        }


_EVENT_DATES = """
SELECT max(d) AS latest, min(year(d)) AS first_year FROM (
    SELECT make_date(max(year), 12, 31) AS d FROM appraisals
    UNION ALL SELECT make_date(min(year), 1, 1) FROM appraisals
    UNION ALL SELECT max(start_date) FROM trainings
    UNION ALL SELECT min(start_date) FROM trainings
    UNION ALL SELECT CAST(max(greatest(received_at, verified_at, first_response_at, closed_at))
                          AS DATE) FROM complaints
    UNION ALL SELECT CAST(min(received_at) AS DATE) FROM complaints
    UNION ALL SELECT max(survey_date) FROM ikm_responses
    UNION ALL SELECT min(survey_date) FROM ikm_responses
)
"""


def event_range_raw(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, int | None]:
    """The latest event date and the first year with any event, read from the raw tables."""
    latest, first_year = con.execute(_EVENT_DATES).fetchone()
    return latest, first_year


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def bound(sql: str, available: dict[str, Any]) -> dict[str, Any]:
    """The named parameters `sql` uses ($name), from `available`. A value given as a function
    of no arguments is worked out only when the query uses it (the holidays of a range, which
    the summaries' query does not need)."""
    used = set(_PARAM.findall(sql))
    missing = used - set(available)
    if missing:
        raise KeyError(f"query uses undefined parameters {sorted(missing)}")
    return {k: available[k]() if callable(available[k]) else available[k] for k in used}
