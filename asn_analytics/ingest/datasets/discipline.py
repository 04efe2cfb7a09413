"""A disciplinary sanction (PP 94/2021)."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    DATE,
    STAFF_ID_HEADERS,
    STAFF_NIP,
    TEXT,
    column,
    declare,
    enum,
)

COLUMNS = (
    column(
        "nip",
        STAFF_NIP,
        "nipBaru",
        id="NIP (harus sudah ada di data pegawai)",
        en="NIP (must be a known staff member)",
        required=True,
        fallback=STAFF_ID_HEADERS,
    ),
    column(
        "decision_date",
        DATE,
        "skTanggal",
        "hukumanTanggal",
        "tanggal_sk",
        "tanggal_keputusan",
        "tmt_hukuman",
        id="tanggal keputusan (SK)",
        en="decision date",
        required=True,
    ),
    column(
        "level",
        enum(vocabulary.discipline_level, vocabulary.DISCIPLINE_LEVELS),
        "tingkat",
        "tingkat_hukuman",
        "tingkatHukuman",
        "tingkat_hukuman_disiplin",
        "tingkatHukumanDisiplin",
        id="ringan / sedang / berat",
        en="ringan / sedang / berat (minor / moderate / severe)",
        required=True,
    ),
    column(
        "type",
        TEXT,
        "jenisHukumanNama",
        "jenis_hukuman",
        "hukuman",
        id="jenis hukuman",
        en="kind of sanction",
    ),
)


DATASET = declare(
    "discipline", ("nip", "decision_date", "level"), COLUMNS, dated_by="d.decision_date"
)
