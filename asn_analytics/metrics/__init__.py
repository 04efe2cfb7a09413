"""Indicators: functions (con, filters) -> DataFrame computed in DuckDB, listed in REGISTRY."""

# Importing a domain module registers its indicators.
from asn_analytics.metrics import (  # noqa: F401
    careers,
    compare,
    complaints,
    pages,
    performance,
    professionalism,
    satisfaction,
    training,
    workforce,
)
from asn_analytics.metrics.filters import Filters, Scope, resolve
from asn_analytics.metrics.registry import REGISTRY, MetricInfo, run

__all__ = ["REGISTRY", "Filters", "MetricInfo", "Scope", "resolve", "run"]
