"""A civil servant (PNS or PPPK), as in SIASN's data utama."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    DATE,
    NIP,
    OPD,
    OPD_ALIASES,
    OPD_DOC,
    REGION,
    REGION_ALIASES,
    REGION_DOC,
    TEXT,
    UNIT,
    column,
    declare,
    enum,
)

COLUMNS = (
    column(
        "nip",
        NIP,
        "nip_baru",
        "nipBaru",
        "NIP Baru",
        "nip18",
        id="NIP 18 digit (PNS) atau NI PPPK 18 digit",
        en="18-digit NIP (PNS) or NI PPPK",
        required=True,
    ),
    column(
        "name",
        TEXT,
        "nama",
        "nama_pegawai",
        "Nama Pegawai",
        "nama_lengkap",
        id="nama",
        en="name",
        required=True,
    ),
    column("region", REGION, *REGION_ALIASES, doc=REGION_DOC, required=True),
    column(
        "unit",
        UNIT,
        "unit_kerja",
        "unor_nama",
        "nama_unit",
        "unit_organisasi",
        id="unit kerja (UNOR NAMA); dibuat otomatis bila belum ada",
        en="work unit (UNOR NAMA); created when not known yet",
        required=True,
    ),
    column("opd", OPD, *OPD_ALIASES, doc=OPD_DOC),
    column(
        "employment_type",
        enum(
            vocabulary.employment_type,
            vocabulary.EMPLOYMENT_TYPES,
            also=("pppk_kind", vocabulary.pppk_kind),
        ),
        "jenis_pegawai_nama",
        "jenis_pegawai",
        "status_asn",
        "status_pegawai",
        "jenis_asn",
        id="PNS atau PPPK (CPNS dihitung PNS); PPPK Paruh Waktu tetap dapat dibedakan",
        en="PNS or PPPK (CPNS counts as PNS); part-time PPPK (Paruh Waktu) kept apart",
        required=True,
    ),
    column(
        "gender",
        enum(vocabulary.gender, vocabulary.GENDERS),
        "jenis_kelamin",
        "jk",
        "kelamin",
        "sex",
        id="L/P (Laki-laki/Perempuan, Pria/Wanita, M/F, 1/2); bila kosong dari digit 15 NIP",
        en="L/P (Laki-laki/Perempuan, Pria/Wanita, M/F, 1/2); from NIP digit 15 when empty",
    ),
    column(
        "birth_date",
        DATE,
        "tanggal_lahir",
        "tgl_lahir",
        id="tanggal lahir; bila kosong dari digit 1-8 NIP",
        en="birth date; from NIP digits 1-8 when empty",
    ),
    column(
        "tmt_cpns",
        DATE,
        "tmt",
        "tmt_pengangkatan",
        "tmt_pppk",
        "tanggal_pengangkatan",
        id="TMT CPNS / pengangkatan; bila kosong dari digit 9-14 NIP (PNS)",
        en="TMT CPNS / appointment date; from NIP digits 9-14 when empty (PNS)",
    ),
    column(
        "golongan",
        enum(vocabulary.golongan, vocabulary.GOLONGAN),
        "gol_akhir_nama",
        "golongan_ruang",
        "pangkat_golongan",
        "gol",
        "gol_ruang",
        "pangkat_gol",
        id="golongan I/a-IV/e (PNS) atau I-XVII (PPPK); 'Penata Muda (III/a)' dibaca III/a",
        en="golongan I/a-IV/e (PNS) or I-XVII (PPPK); 'Penata Muda (III/a)' reads as III/a",
        rejected="bad_golongan",
        unknown="unknown_golongan",
    ),
    column(
        "position_type",
        enum(vocabulary.position_type, vocabulary.POSITION_TYPES),
        "jenis_jabatan_nama",
        "jenis_jabatan",
        id="struktural / fungsional / pelaksana",
        en="struktural / fungsional / pelaksana",
    ),
    column(
        "position_level",
        enum(vocabulary.position_level, vocabulary.POSITION_LEVELS),
        "jenjang",
        "jenjang_jabatan",
        "eselon",
        id="jenjang jabatan (JPT pratama, administrator, ahli muda, terampil, ...)",
        en="position level (JPT pratama, administrator, ahli muda, terampil, ...)",
    ),
    column(
        "position_name",
        TEXT,
        "jabatan_nama",
        "jabatan",
        "nama_jabatan",
        id="nama jabatan",
        en="position name",
    ),
    column(
        "education_level",
        enum(vocabulary.education_level, vocabulary.EDUCATION_LEVELS),
        "tingkat_pendidikan_nama",
        "tingkat_pendidikan",
        "pendidikan",
        "pendidikan_terakhir",
        "jenjang_pendidikan",
        id="SD, SMP, SLTA, D1-D4, S1-S3 ('S-1/Sarjana' dibaca S1, 'SMA/SMK' SLTA)",
        en="SD, SMP, SLTA, D1-D4, S1-S3 ('S-1/Sarjana' reads as S1, 'SMA/SMK' as SLTA)",
    ),
    column(
        "status",
        enum(vocabulary.staff_status, vocabulary.STAFF_STATUSES),
        "kedudukan_hukum_nama",
        "kedudukan_hukum",
        "status_kepegawaian",
        "kedudukan",
        id="aktif (bila kosong), cltn, tugas_belajar, pensiun, berhenti, meninggal, pindah",
        en="aktif (when empty), cltn, tugas_belajar, pensiun, berhenti, meninggal, pindah",
        unknown="unknown_status",
    ),
    column(
        "status_date",
        DATE,
        "tmt_pensiun",
        "tanggal_berhenti",
        "tmt_status",
        "tmt_kedudukan_hukum",
        "tanggal_status",
        id="tanggal status berlaku (pensiun, berhenti)",
        en="date the status took effect (retirement, resignation)",
    ),
    column(
        "pns_id",
        TEXT,
        "PNS ID",
        "pnsId",
        "id_pns",
        id="PNS ID SIASN (32 karakter); berkas lain boleh menyebut pegawai dengan PNS ID ini",
        en="SIASN's PNS ID (32 characters); other files may name a person by it",
    ),
)


def derive(engine, out: dict[str, str]) -> set[str]:
    """A given value wins; a missing birth date, gender or TMT comes from the NIP. An empty
    status is the stored one (kept_when_blank), or aktif for a new person."""
    for target, decoded in (
        ("birth_date", "nip__birth"),
        ("gender", "nipn_gender(nip__n)"),
        ("tmt_cpns", "nip__tmt"),
    ):
        derived = f"CASE WHEN nip__err IS NULL THEN {decoded} END"
        out[target] = f"coalesce({out[target]}, {derived})"
    stored = "e_status, " if engine.previous() else ""
    out["status"] = f"coalesce({out['status']}, {stored}'aktif')"
    return set()


def rules(engine, add) -> None:
    """What the NIP encodes agrees with the columns given; the TMT comes after the birth."""
    ok = "nip__err IS NULL"
    if "birth_date" in engine.present:
        add(
            "birth_date",
            "birth_date_mismatch",
            f"{ok} AND birth_date IS NOT NULL AND birth_date <> nip__birth",
            detail="nip__birth",
        )
    if "tmt_cpns" in engine.present:
        add(
            "tmt_cpns",
            "tmt_mismatch",
            f"{ok} AND tmt_cpns IS NOT NULL AND nipn_kind(nip__n) = 'PNS'"
            " AND date_trunc('month', tmt_cpns) <> nip__tmt",
            detail="strftime(nip__tmt, '%Y-%m')",
        )
        add(
            "tmt_cpns",
            "tmt_mismatch",
            f"{ok} AND tmt_cpns IS NOT NULL AND nipn_kind(nip__n) = 'PPPK'"
            " AND year(tmt_cpns) <> nipn_appointment_year(nip__n)",
            detail="nipn_appointment_year(nip__n)",
        )
    if "gender" in engine.present:
        add(
            "gender",
            "gender_mismatch",
            f"{ok} AND gender IS NOT NULL AND gender <> nipn_gender(nip__n)",
            detail="nipn_gender(nip__n)",
        )
    if "employment_type" in engine.present:
        warning = "nipn_type_warning(nip__n, employment_type)"
        add("nip", "", f"{ok} AND {warning} IS NOT NULL", "nip", code_sql=warning)
    tmt, birth = engine.effective("tmt_cpns"), engine.effective("birth_date")
    add(
        "tmt_cpns",
        "tmt_before_birth",
        f"{tmt} IS NOT NULL AND {birth} IS NOT NULL AND {tmt} <= {birth}",
        tmt,
        birth,
    )


DATASET = declare(
    "staff",
    ("nip",),
    COLUMNS,
    derive=derive,
    rules=rules,
    compared=("birth_date", "tmt_cpns"),
    kept_when_blank=("status",),
)
