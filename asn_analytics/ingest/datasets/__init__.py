"""Every dataset the import reads, each declared in its own file here (see contracts.py).

A new dataset is a file here with its COLUMNS and DATASET (`contracts.declare`), its table (and
`<table>_history`) in a migration, and its name in the catalogs; it is found by its file.
"""

from __future__ import annotations

import importlib
import pkgutil

import pandas as pd

from asn_analytics.db import DATA_TABLES
from asn_analytics.ingest.contracts import Dataset


def _discovered() -> dict[str, Dataset]:
    """The DATASET of every module of this package, in the order the migrations create their
    tables (a table's references come before it)."""
    found = [
        importlib.import_module(f"{__name__}.{info.name}").DATASET
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    unstored = sorted(d.name for d in found if d.table not in DATA_TABLES)
    if unstored:
        raise RuntimeError(f"datasets without a data table in the migrations: {unstored}")
    return {d.name: d for d in sorted(found, key=lambda d: DATA_TABLES.index(d.table))}


DATASETS: dict[str, Dataset] = _discovered()


def columns_doc(dataset: str, lang: str = "id") -> pd.DataFrame:
    """The column documentation of a dataset: name, required, aliases, accepted values, meaning."""
    spec = DATASETS[dataset]
    rows = []
    for column in spec.columns.values():
        required = column.required or column.name in spec.required_unless
        rows.append(
            {
                "column": column.name,
                "required": required,
                "kind": column.kind.name,
                "aliases": ", ".join(column.aliases + column.fallback),
                "values": ", ".join(column.kind.values),
                "description": column.doc["en" if lang == "en" else "id"],
            }
        )
    return pd.DataFrame(rows)


def template(dataset: str) -> pd.DataFrame:
    """An empty table with a header for each column of `dataset`, as a file the importer reads
    whole: each column's first header spelling (its name when it has none)."""
    spec = DATASETS[dataset]
    return pd.DataFrame(columns=[(c.aliases or (c.name,))[0] for c in spec.columns.values()])
