"""Running an indicator's SQL with the scope's named parameters, on its summaries or raw tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from asn_analytics.metrics import summaries
from asn_analytics.metrics.filters import Filters, Scope, resolve
from asn_analytics.metrics.scope import bound


def _params(sql: str, scope: Scope, extra: dict[str, Any]) -> dict[str, Any]:
    return bound(sql, {**scope.params(), **extra})


def one_unit(scope: Scope) -> bool:
    """The filters choose one unit alone (the sidebar's choice): the per-unit summaries answer."""
    return summaries.single_unit(scope) is not None


# An indicator's query, or how to write it for the scope.
Sql = str | Callable[[Scope], str]


def answer(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | Scope,
    *,
    raw: Sql,
    fast: Sql | None = None,
    by_unit: bool | Callable[[Scope], bool] = False,
    by_region: bool = True,
    params: Callable[[Scope], dict[str, Any]] | None = None,
    arrow: bool = False,
) -> pd.DataFrame:
    """An indicator's rows for the filters: its `fast` query on the summary tables when they
    answer for the resolved scope (summaries.covers, with by_unit / by_region), else its `raw`
    query on the data tables.

    Both run with the scope's parameters and `params(scope)`; the fast one also with $type_key
    (the summaries' employment-type key) and $unit (the one unit chosen, else NULL). arrow: the
    fast result is built through Arrow (query_arrow).
    """
    scope = filters if isinstance(filters, Scope) else resolve(con, filters)
    extra = params(scope) if params is not None else {}
    unit = by_unit(scope) if callable(by_unit) else by_unit
    if fast is not None and summaries.covers(con, scope, by_unit=unit, by_region=by_region):
        sql = fast(scope) if callable(fast) else fast
        keys = {"type_key": summaries.type_key(scope), "unit": summaries.single_unit(scope)}
        return (query_arrow if arrow else query)(con, sql, scope, **keys, **extra)
    return query(con, raw(scope) if callable(raw) else raw, scope, **extra)


def query(con: duckdb.DuckDBPyConnection, sql: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    """Run `sql` with the scope's parameters and `extra` ones; DuckDB wants only those it uses."""
    return con.execute(sql, _params(sql, scope, extra)).df()


def query_arrow(
    con: duckdb.DuckDBPyConnection, sql: str, scope: Scope, **extra: Any
) -> pd.DataFrame:
    """As query(), through Arrow: the same DataFrame, several times faster for many string rows.

    For results of text, integer, boolean and double columns only (the others: use query()).
    """
    params = _params(sql, scope, extra)
    table = con.execute(sql, params).to_arrow_table()
    frame = arrow_frame(table)
    return frame if frame is not None else con.execute(sql, params).df()


def arrow_frame(table: pa.Table) -> pd.DataFrame | None:
    """The DataFrame DuckDB's .df() gives for this result, or None for a column type this does
    not map (then ask .df())."""
    columns = {}
    for field, column in zip(table.schema, table.columns, strict=True):
        kind = field.type
        nulls = column.null_count
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            # .df(): text, or None objects when there are no values at all.
            if nulls == len(column):
                columns[field.name] = pd.Series([None] * len(column), dtype=object)
            else:
                columns[field.name] = column.to_pandas()
        elif pa.types.is_integer(kind):
            dtype = f"Int{kind.bit_width}" if nulls else f"int{kind.bit_width}"
            columns[field.name] = column.to_pandas().astype(dtype)
        elif pa.types.is_boolean(kind):
            columns[field.name] = column.to_pandas().astype("boolean" if nulls else "bool")
        elif pa.types.is_float64(kind):
            columns[field.name] = column.to_pandas()
        else:
            return None
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))
