"""A public complaint (SP4N-LAPOR! or a local channel)."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    REGION,
    REGION_ALIASES,
    REGION_DOC,
    TEXT,
    TIMESTAMP,
    UNIT,
    column,
    declare,
    enum,
    open_list,
)

# The steps of a complaint, in the order they happen.
STEPS = ("received_at", "verified_at", "first_response_at", "closed_at")

COLUMNS = (
    column(
        "complaint_id",
        TEXT,
        "id_laporan",
        "nomor_tiket",
        "tracking_id",
        "trackingId",
        "kode",
        "no_tiket",
        "nomor_laporan",
        "id",
        id="nomor laporan / tracking ID",
        en="complaint number / tracking ID",
        required=True,
    ),
    column("region", REGION, *REGION_ALIASES, doc=REGION_DOC, required=True),
    column(
        "unit",
        UNIT,
        "instansi_tujuan",
        "opd",
        "opd_tujuan",
        "unit_kerja",
        "unit",
        "disposisi",
        id="unit tujuan; dibuat otomatis bila belum ada",
        en="unit the complaint went to; created when not known yet",
    ),
    column(
        "channel",
        open_list(vocabulary.complaint_channel),
        "kanal",
        "sumber",
        "media",
        "sumber_laporan",
        "saluran",
        id="kanal (LAPOR!, aplikasi daerah, media sosial, SMS 1708, langsung, forum, atau lain)",
        en="channel (LAPOR!, aplikasi daerah, media sosial, SMS 1708, langsung, forum, or other)",
    ),
    column(
        "category",
        open_list(vocabulary.complaint_category),
        "kategori",
        "topik",
        "kategori_laporan",
        id="kategori (kependudukan, kesehatan, pendidikan, infrastruktur, ... atau lain)",
        en="category (kependudukan, kesehatan, pendidikan, infrastruktur, ... or other)",
    ),
    column(
        "received_at",
        TIMESTAMP,
        "tanggal_laporan",
        "tgl_masuk",
        "tanggal_masuk",
        "waktu_laporan",
        "tgl_laporan",
        id="waktu laporan masuk",
        en="time received",
        required=True,
    ),
    column(
        "verified_at",
        TIMESTAMP,
        "tanggal_verifikasi",
        "tgl_disposisi",
        "tanggal_disposisi",
        "waktu_verifikasi",
        "tgl_verifikasi",
        id="waktu verifikasi / disposisi",
        en="time verified / dispatched",
    ),
    column(
        "first_response_at",
        TIMESTAMP,
        "tanggal_tindak_lanjut",
        "tgl_respon",
        "tanggal_respon",
        "tanggal_tanggapan",
        "waktu_tindak_lanjut",
        "tgl_tindak_lanjut",
        id="waktu tindak lanjut pertama",
        en="time of the first response",
    ),
    column(
        "closed_at",
        TIMESTAMP,
        "tanggal_selesai",
        "tgl_selesai",
        "waktu_selesai",
        id="waktu selesai",
        en="time closed",
    ),
    column(
        "status",
        enum(vocabulary.complaint_status, vocabulary.COMPLAINT_STATUSES),
        "status_laporan",
        id="baru, terverifikasi, proses, selesai, tunda, bukan_wewenang, arsip",
        en="baru, terverifikasi, proses, selesai, tunda, bukan_wewenang, arsip",
    ),
)


def rules(engine, add) -> None:
    """received ≤ verified ≤ first response ≤ closed; dates only when a side has no time."""
    # A stored step (its column absent from the file) is compared by date, as the schema does.
    present = engine.present
    value = {s: s if s in present else f"e_{s}" for s in STEPS}
    timed = {s: f"{s}__t" if s in present else "false" for s in STEPS}
    steps = list(STEPS)
    for k in range(1, len(steps)):
        current, earlier = steps[k], list(reversed(steps[:k]))
        if current not in present and not any(e in present for e in earlier):
            continue
        prev = "coalesce(" + ", ".join(value[e] for e in earlier) + ")"
        prev_t = (
            "CASE "
            + " ".join(f"WHEN {value[e]} IS NOT NULL THEN {timed[e]}" for e in earlier)
            + " END"
        )
        prev_name = (
            "CASE "
            + " ".join(
                f"WHEN {value[e]} IS NOT NULL THEN {engine.param(engine.mapping.header_of(e))}"
                for e in earlier
            )
            + " END"
        )
        now, now_t = value[current], timed[current]
        shown = (
            f"CASE WHEN {prev_t} THEN strftime({prev}, '%Y-%m-%d %H:%M')"
            f" ELSE strftime({prev}, '%Y-%m-%d') END"
        )
        add(
            current,
            "date_order",
            f"{now} IS NOT NULL AND {prev} IS NOT NULL AND CASE WHEN {now_t}"
            f" AND {prev_t} THEN {now} < {prev}"
            f" ELSE CAST({now} AS DATE) < CAST({prev} AS DATE) END",
            # The file's own text when the step is in the file; the stored value when not.
            "NULL" if current in present else f"strftime({now}, '%Y-%m-%d')",
            detail=f"{prev_name} || ' ' || {shown}",
        )


DATASET = declare(
    "complaints",
    ("complaint_id",),
    COLUMNS,
    rules=rules,
    compared=STEPS,
    dated_by="CAST(d.received_at AS DATE)",
)
