"""Every dataset the import reads, each declared in its own file here (see contracts.py).

A new dataset is a file with its COLUMNS and DATASET (`contracts.declare`), its table in a
migration, its texts in the catalogs, and a line below.
"""

from __future__ import annotations

import pandas as pd

from asn_analytics.ingest.contracts import Dataset
from asn_analytics.ingest.datasets import (
    appraisals,
    complaints,
    discipline,
    ikm_responses,
    regions,
    staff,
    trainings,
    units,
)

DATASETS: dict[str, Dataset] = {
    module.DATASET.name: module.DATASET
    for module in (
        regions,
        units,
        staff,
        appraisals,
        trainings,
        discipline,
        complaints,
        ikm_responses,
    )
}


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
