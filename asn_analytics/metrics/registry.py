"""The list of indicators: name, description, rule, regulation and output columns of each."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

from asn_analytics.metrics import summaries
from asn_analytics.metrics.filters import Filters

MetricFunction = Callable[[duckdb.DuckDBPyConnection, Filters], pd.DataFrame]


@dataclass(frozen=True)
class MetricInfo:
    """What an indicator is; the pages' Metodologi text comes from here."""

    name: str
    function: MetricFunction
    description: dict[str, str]  # one line, by language
    rule: dict[str, str]  # the formula in words, by language
    regulation: str
    columns: dict[str, str]  # output column -> meaning (English)


REGISTRY: dict[str, MetricInfo] = {}


def metric(
    name: str,
    *,
    description: dict[str, str],
    rule: dict[str, str],
    regulation: str,
    columns: dict[str, str],
) -> Callable[[MetricFunction], MetricFunction]:
    """Register an indicator function under its stable name."""

    def register(function: MetricFunction) -> MetricFunction:
        if name in REGISTRY:
            raise ValueError(f"metric {name!r} registered twice")
        for lang in ("id", "en"):
            if lang not in description or lang not in rule:
                raise ValueError(f"metric {name!r} lacks the {lang!r} description or rule")

        @functools.wraps(function)
        def indicator(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
            # One snapshot per outermost call: an indicator assembled from others computes each
            # (indicator, filters) once. Callers get their own frame (copy-on-write).
            with summaries.snapshot():
                frame = summaries.once((name, id(con), filters), lambda: function(con, filters))
                return frame.copy(deep=False)

        REGISTRY[name] = MetricInfo(name, indicator, description, rule, regulation, columns)
        return indicator

    return register


def run(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None) -> pd.DataFrame:
    """Compute the indicator `name` for `filters`, with the columns its registry entry lists."""
    info = REGISTRY[name]
    frame = info.function(con, filters or Filters())
    missing = set(info.columns) - set(frame.columns)
    if missing:
        raise RuntimeError(f"metric {name!r} did not return columns {sorted(missing)}")
    return frame
