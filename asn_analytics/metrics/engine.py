"""Running an indicator's SQL with the scope's named parameters."""

from __future__ import annotations

import re
from typing import Any

import duckdb
import pandas as pd

from asn_analytics.metrics.filters import Scope

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query(con: duckdb.DuckDBPyConnection, sql: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    """Run `sql` with the scope's parameters and `extra` ones; DuckDB wants only those it uses."""
    available = {**scope.params(), **extra}
    used = set(_PARAM.findall(sql))
    missing = used - set(available)
    if missing:
        raise KeyError(f"query uses undefined parameters {sorted(missing)}")
    return con.execute(sql, {k: available[k] for k in used}).df()
