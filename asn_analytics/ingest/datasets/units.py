"""A work unit (OPD, unit kerja, unit layanan) of a region."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    OPD,
    OPD_ALIASES,
    OPD_DOC,
    REGION,
    REGION_ALIASES,
    REGION_DOC,
    UNIT_NAME,
    column,
    declare,
    open_list,
)

COLUMNS = (
    column("region", REGION, *REGION_ALIASES, doc=REGION_DOC, required=True),
    column(
        "name",
        UNIT_NAME,
        "unit",
        "nama_unit",
        "unit_kerja",
        "nama_unit_kerja",
        "unor_nama",
        "nama",
        id="nama unit kerja; kuncinya kode wilayah + nama yang dinormalkan",
        en="work unit name; its key is the region code + the normalised name",
        required=True,
    ),
    column("opd", OPD, *OPD_ALIASES, doc=OPD_DOC),
    column(
        "sector",
        open_list(vocabulary.sector),
        "sektor",
        "bidang",
        "urusan",
        "bidang_urusan",
        id="sektor (kependudukan, kesehatan, pendidikan, perizinan, ...)",
        en="sector (kependudukan, kesehatan, pendidikan, perizinan, ...)",
    ),
)


DATASET = declare("units", ("unit_id",), COLUMNS)
