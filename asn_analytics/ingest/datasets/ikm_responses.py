"""A public satisfaction survey response (SKM, PermenPANRB 14/2017)."""

from __future__ import annotations

from asn_analytics import reference
from asn_analytics.ingest.contracts import (
    DATE,
    INT,
    REGION,
    REGION_ALIASES,
    REGION_DOC,
    TEXT,
    UNIT,
    Column,
    column,
    declare,
)

# The nine elements (unsur) of the survey, in the regulation's order (reference/ikm.toml).
ELEMENTS = tuple(reference.load("ikm")["element"])


def _answer(number: int, element: dict) -> Column:
    code, header = element["code"], element["header"]
    return column(
        code,
        INT,
        element["number"],
        code.removeprefix("u_"),
        f"unsur_{number}",
        f"unsur{number}",
        header,
        id=f"unsur {number} ({header}): jawaban 1-4",
        en=f"element {number} ({header}): answer 1-4",
        ge=1,
        le=4,
    )


COLUMNS = (
    column(
        "response_id",
        TEXT,
        "id_responden",
        "nomor_responden",
        "kode_responden",
        "id",
        id="nomor responden; bila kosong dibuat dari isi baris",
        en="response number; made from the row's content when empty",
    ),
    column("region", REGION, *REGION_ALIASES, doc=REGION_DOC, required=True),
    column(
        "unit",
        UNIT,
        "unit_layanan",
        "nama_unit_layanan",
        "opd",
        "unit_kerja",
        "unit",
        id="unit layanan; dibuat otomatis bila belum ada",
        en="service unit; created when not known yet",
        required=True,
    ),
    column(
        "survey_date",
        DATE,
        "tanggal",
        "tanggal_survei",
        "tgl_survei",
        "tanggal_pengisian",
        "timestamp",
        "waktu",
        id="tanggal survei",
        en="survey date",
        required=True,
    ),
    column("service", TEXT, "jenis_layanan", "layanan", id="jenis layanan", en="service"),
    *(_answer(n, e) for n, e in enumerate(ELEMENTS, start=1)),
)


ANSWERS = tuple(e["code"] for e in ELEMENTS)
DATASET = declare(
    "ikm_responses",
    ("response_id",),
    COLUMNS,
    answers=ANSWERS,
    # A response without a number: a hash of its content (and its occurrence in the file).
    key_from=("region_code", "unit_id", "survey_date", "service", *ANSWERS),
    key_prefix="ikm-",
    dated_by="d.survey_date",
)
