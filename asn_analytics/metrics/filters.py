"""The selection every indicator is computed for."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import duckdb
from pydantic import BaseModel, ConfigDict, Field, model_validator

from asn_analytics.metrics import summaries
from asn_analytics.metrics.scope import Scope, event_range_raw


class Filters(BaseModel):
    """Regions, year range, units, employment types and the reference date of a view.

    None means "no restriction" (years: all years with data; as_of: the latest event date).
    """

    model_config = ConfigDict(frozen=True)

    regions: tuple[str, ...] | None = None
    year_from: int | None = Field(default=None, ge=2000, le=2100)
    year_to: int | None = Field(default=None, ge=2000, le=2100)
    units: tuple[str, ...] | None = None
    # 'PPPK Paruh Waktu': the part-time PPPK only ('PPPK' is full- and part-time alike).
    employment_types: tuple[Literal["PNS", "PPPK", "PPPK Paruh Waktu"], ...] | None = None
    as_of: dt.date | None = None
    # The regions the caller may see (None: all). Set from the signed-in account, never from the
    # URL; every query runs on the intersection with `regions`.
    allowed_regions: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _ordered_years(self) -> Filters:
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise ValueError("year_from is after year_to")
        return self


def event_range(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, int | None]:
    """The latest event date in the database and the first year with any event.

    Fresh summaries remember both (scanning every event table takes long at scale).
    """
    current = summaries.state(con)
    if current is not None:
        return current.as_of, current.first_year
    return event_range_raw(con)


def _with_units_beneath(con: duckdb.DuckDBPyConnection, units: tuple[str, ...]) -> tuple[str, ...]:
    """The units chosen and, for a chosen OPD, every unit beneath it (chosen ones first)."""
    beneath = con.execute(
        "SELECT unit_id FROM units WHERE list_contains($u, parent_id)"
        " AND NOT list_contains($u, unit_id) ORDER BY unit_id",
        {"u": list(units)},
    ).fetchall()
    return (*units, *(u for (u,) in beneath))


def resolve(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> Scope:
    """Fill in the defaults: as_of = latest event date (today when empty), years = all with data;
    a chosen OPD brings the units beneath it."""
    filters = filters or Filters()
    latest, first_year = (None, None)
    if filters.as_of is None or filters.year_from is None:
        latest, first_year = event_range(con)
    as_of = filters.as_of or latest or dt.date.today()
    year_to = filters.year_to or as_of.year
    year_from = filters.year_from or min(first_year or year_to, year_to)
    regions = filters.regions
    units = filters.units
    if units is not None:
        units = _with_units_beneath(con, units)
    if filters.allowed_regions is not None:
        wanted = filters.allowed_regions if regions is None else regions
        regions = tuple(r for r in wanted if r in set(filters.allowed_regions))
    return Scope(
        regions=regions,
        units=units,
        employment_types=filters.employment_types,
        year_from=year_from,
        year_to=year_to,
        as_of=as_of,
    )


__all__ = ["Filters", "Scope", "event_range", "event_range_raw", "resolve"]
