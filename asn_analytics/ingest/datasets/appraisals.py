"""An annual or periodic performance appraisal (e-Kinerja, PermenPANRB 6/2022)."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    CODE,
    DECIMAL,
    INT,
    STAFF_ID_HEADERS,
    STAFF_NIP,
    column,
    declare,
    enum,
)

COLUMNS = (
    column(
        "nip",
        STAFF_NIP,
        "nipBaru",
        "pnsDinilaiNip",
        "nip_pegawai",
        "nip_dinilai",
        id="NIP pegawai yang dinilai (harus sudah ada di data pegawai)",
        en="NIP of the rated staff member (must be a known staff member)",
        required=True,
        fallback=STAFF_ID_HEADERS,
    ),
    column(
        "year",
        INT,
        "tahun",
        "tahun_penilaian",
        id="tahun penilaian",
        en="appraisal year",
        required=True,
        ge=2000,
        le=2100,
    ),
    column(
        "period",
        enum(vocabulary.period, ("tahunan", "TW1", "TW2", "TW3", "TW4", "S1", "S2")),
        "periodikNama",
        "periode",
        "periodik",
        id="tahunan (bila kosong), TW1-TW4, S1-S2 atau YYYY-MM",
        en="tahunan (when empty), TW1-TW4, S1-S2 or YYYY-MM",
    ),
    column(
        "result_rating",
        enum(vocabulary.rating, vocabulary.RATINGS),
        "hasilKinerja",
        "rating_hasil_kerja",
        "hasil_kerja",
        "rating_hasil",
        id="rating hasil kerja: di atas / sesuai / di bawah ekspektasi",
        en="rating of work results: above / meets / below expectations",
    ),
    column(
        "behavior_rating",
        enum(vocabulary.rating, vocabulary.RATINGS),
        "perilakuKerja",
        "rating_perilaku_kerja",
        "perilaku_kerja",
        "rating_perilaku",
        "behaviour_rating",
        id="rating perilaku kerja: di atas / sesuai / di bawah ekspektasi",
        en="rating of work behaviour: above / meets / below expectations",
    ),
    column(
        "predikat",
        enum(vocabulary.predikat, vocabulary.PREDIKATS),
        "kuadranKinerja",
        "predikat_kinerja",
        "predikatKinerja",
        "kuadran",
        id="Sangat Baik, Baik, Butuh Perbaikan (juga Cukup), Kurang (juga Misconduct), Sangat"
        " Kurang; bila kosong diturunkan dari kedua rating",
        en="Sangat Baik, Baik, Butuh Perbaikan (also Cukup), Kurang (also Misconduct), Sangat"
        " Kurang; derived from the two ratings when empty",
    ),
    column(
        "achievement_pct",
        DECIMAL,
        "persentase",
        "capaian_kinerja",
        "capaian",
        "persentase_capaian",
        id="capaian kinerja dalam persen (0-200)",
        en="achievement in percent (0-200)",
        ge=0,
        le=200,
    ),
    column(
        "evaluator_nip",
        CODE,
        "penilaiNipNrp",
        "nipNrpPenilai",
        "nip_penilai",
        "penilai_nip",
        id="NIP/NRP penilai; disimpan sebagai teks, tidak diperiksa",
        en="evaluator's NIP/NRP; kept as text, not checked",
    ),
)


def derive(engine, out: dict[str, str]) -> set[str]:
    """An empty period is tahunan; an empty predikat comes from the two ratings (the matrix of
    PermenPANRB 6/2022, macro predikat_of), and follows them when they change."""
    out["period"] = f"coalesce({out['period']}, 'tahunan')"
    if not {"result_rating", "behavior_rating"} <= engine.present:
        return set()
    out["predikat"] = f"coalesce({out['predikat']}, predikat_of(result_rating, behavior_rating))"
    return {"predikat"}


def rules(engine, add) -> None:
    """A predikat given with both ratings agrees with them; a row has a predikat."""
    if {"predikat", "result_rating", "behavior_rating"} <= engine.present:
        add(
            "predikat",
            "predikat_mismatch",
            "predikat IS NOT NULL AND result_rating IS NOT NULL"
            " AND behavior_rating IS NOT NULL"
            " AND predikat_of(result_rating, behavior_rating) <> predikat",
            detail="result_rating || ' × ' || behavior_rating || ' → '"
            " || predikat_of(result_rating, behavior_rating)",
        )
    given = engine.has("predikat") if "predikat" in engine.present else "false"
    add("predikat", "predikat_missing", f"{engine.stored('predikat')} IS NULL AND NOT {given}")


DATASET = declare(
    "appraisals",
    ("nip", "year", "period"),
    COLUMNS,
    required_unless={"predikat": ("result_rating", "behavior_rating")},
    derive=derive,
    rules=rules,
    dated_by="make_date(d.year, 12, 31)",
)
