"""Row contracts: what one row of each dataset must hold, as pydantic models.

Each field states its type and kind, whether it is required, the header aliases real exports use
(SIASN, e-Kinerja, LAPOR!, survey tools, Indonesian headers), its enumeration with the
normalisation of common spellings, its range and its documentation. The engine (validation.py)
reads these declarations and checks a whole file at once in DuckDB; a model validates one row
(column documentation, tests, and the per-row baseline of the import benchmark).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, ClassVar

import annotated_types
import pandas as pd
from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from asn_analytics import reference
from asn_analytics.ingest import formats, vocabulary
from asn_analytics.ingest.vocabulary import Normaliser


@dataclass(frozen=True)
class Kind:
    """How the engine reads a column.

    text, int, decimal, date, timestamp; enum (closed list, `normalise` to a code, unknown
    values rejected); open (known spellings normalised, others kept); nip (NIP rules); staff_nip
    (a NIP that must belong to a known staff member); region (a code or a name, resolved against
    the regions table); unit (a unit name in the row's region, created when new); opd (the name of
    the OPD the row's unit belongs to, a unit too: it becomes the unit's parent); unit_name (the
    name of a unit in the units dataset, whose key it makes); region_code (of the regions dataset).
    """

    name: str
    normalise: Normaliser | None = None
    values: tuple[str, ...] = ()
    target: str | None = None
    # A second stored column read from the same cell: (column, normaliser).
    also: tuple[str, Normaliser] | None = None


TEXT = Kind("text")
INT = Kind("int")
DECIMAL = Kind("decimal")
DATE = Kind("date")
TIMESTAMP = Kind("timestamp")
NIP = Kind("nip")
STAFF_NIP = Kind("staff_nip")
REGION = Kind("region", target="region_code")
UNIT = Kind("unit", target="unit_id")
OPD = Kind("opd", target="opd_id")
REGION_CODE = Kind("region_code")
UNIT_NAME = Kind("unit_name")


def enum(
    normalise: Normaliser,
    values: tuple[str, ...],
    also: tuple[str, Normaliser] | None = None,
) -> Kind:
    return Kind("enum", normalise, values, also=also)


def open_list(normalise: Normaliser) -> Kind:
    return Kind("open", normalise)


# -- per-row conversions (the engine does the same in SQL) ------------------------------------


def _blank(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip(" ")
        return value or None
    return value


def _text(value: Any) -> str | None:
    value = _blank(value)
    return None if value is None else str(value)


def _enum_validator(normalise: Normaliser, required: bool) -> BeforeValidator:
    """An unknown value rejects a required column; an optional column is left empty (the engine
    warns about it, see validation.py)."""

    def validate(value: Any) -> str | None:
        value = _text(value)
        if value is None:
            return None
        found = normalise(value)
        if found is None and required:
            raise ValueError(f"unknown value {value!r}")
        return found

    return BeforeValidator(validate)


def _nip(value: Any) -> str | None:
    value = _text(value)
    if value is None:
        return None
    cleaned = re.sub(r"\s+", "", value.removeprefix("'"))
    if re.fullmatch(r"[0-9]([.,][0-9]+)?[eE]\+?[0-9]+", cleaned):
        raise ValueError(f"NIP {cleaned} was mangled by Excel (scientific notation)")
    if not re.fullmatch(r"[0-9]{18}", cleaned):
        raise ValueError(f"NIP must have 18 digits, found {len(cleaned)}")
    return cleaned


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _datetime(value: Any, info: ValidationInfo) -> dt.datetime | None:
    value = _blank(value)
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    context = _context(info)
    fmt = context.get("date_formats", {}).get(info.field_name)
    parsed = formats.parse_python(str(value), fmt, context.get("as_of") or dt.date.today())
    if parsed is None:
        raise ValueError(f"{value!r} is not a valid date")
    return parsed


def _date(value: Any, info: ValidationInfo) -> dt.date | None:
    parsed = _datetime(value, info)
    return None if parsed is None else parsed.date()


def _number(value: Any, info: ValidationInfo) -> float | None:
    value = _blank(value)
    if value is None or isinstance(value, int | float | Decimal):
        return value
    parsed = formats.python_number(str(value), _context(info).get("decimal") == ",")
    if parsed is None:
        raise ValueError(f"{value!r} is not a number")
    return parsed


def _integer(value: Any, info: ValidationInfo) -> int | None:
    number = _number(value, info)
    if number is None:
        return None
    if float(number) != int(float(number)):
        raise ValueError(f"{value!r} is not a whole number")
    return int(float(number))


def _region_code(value: Any) -> str | None:
    value = _text(value)
    return None if value is None else re.sub(r"[.\s]", "", value)


# -- field types -------------------------------------------------------------------------------

Text = Annotated[str, BeforeValidator(_text), TEXT]
OptText = Annotated[str | None, BeforeValidator(_text), TEXT]
Nip = Annotated[str, BeforeValidator(_nip), NIP]
StaffNip = Annotated[str, BeforeValidator(_nip), STAFF_NIP]
Region = Annotated[str, BeforeValidator(_text), REGION]
Unit = Annotated[str, BeforeValidator(_text), UNIT]
OptUnit = Annotated[str | None, BeforeValidator(_text), UNIT]
Opd = Annotated[str | None, BeforeValidator(_text), OPD]

# SIASN's OPD of a unit: SATUAN KERJA KERJA NAMA (Export Data ASN), the unor induk of the web
# services. A file with one level of units gives it as the unit (mapping.map_headers).
OPD_ALIASES = (
    "satuan_kerja_kerja_nama",
    "satuan_kerja_nama",
    "unor_induk_nama",
    "nama_unor_induk",
    "unor_induk",
    "opd",
    "nama_opd",
    "perangkat_daerah",
    "skpd",
    "satker",
)
OPD_DOC = {
    "id": "OPD tempat unit kerja berada (SATUAN KERJA KERJA NAMA); bila berkas hanya punya satu"
    " tingkat unit, itulah unitnya",
    "en": "the OPD the work unit belongs to (SATUAN KERJA KERJA NAMA); a file with one level of"
    " units gives it as the unit",
}
Date = Annotated[dt.date, BeforeValidator(_date), DATE]
OptDate = Annotated[dt.date | None, BeforeValidator(_date), DATE]
Timestamp = Annotated[dt.datetime, BeforeValidator(_datetime), TIMESTAMP]
OptTimestamp = Annotated[dt.datetime | None, BeforeValidator(_datetime), TIMESTAMP]
Answer = Annotated[
    int | None, BeforeValidator(_integer), INT, annotated_types.Ge(1), annotated_types.Le(4)
]


def Enum(  # noqa: N802
    normalise: Normaliser,
    values: tuple[str, ...],
    required: bool = False,
    *,
    strict: bool = False,
    also: tuple[str, Normaliser] | None = None,
) -> Any:
    """A closed enumeration whose common spellings `normalise` maps to a code. An unknown value
    rejects the row only in a required or `strict` column (one of the key, or one a required
    figure is derived from); see validation.Engine.checks. `also`: a second stored column the
    same cell gives, (column, normaliser)."""
    base = str if required else str | None
    checked = _enum_validator(normalise, required or strict)
    return Annotated[base, checked, enum(normalise, values, also)]


def Open(normalise: Normaliser) -> Any:  # noqa: N802
    """An open list: known spellings normalised, anything else kept as given."""
    return Annotated[
        str | None, BeforeValidator(lambda v: _open(normalise, v)), open_list(normalise)
    ]


def _open(normalise: Normaliser, value: Any) -> str | None:
    value = _text(value)
    return None if value is None else normalise(value)


def col(
    *aliases: str,
    id: str,  # noqa: A002
    en: str,
    required: bool = False,
    fallback: tuple[str, ...] = (),
) -> Any:
    """A field: its header aliases and its documentation in both languages. `fallback`: headers
    that feed the field only when no header of its own does (a PNS ID where a file has no NIP)."""
    return Field(
        ... if required else None,
        validation_alias=AliasChoices(*aliases) if aliases else None,
        description=en,
        json_schema_extra={"doc_id": id, "fallback": list(fallback)},
    )


class RowContract(BaseModel):
    """A row of a dataset, with the canonical column names (aliases accepted too)."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, frozen=True)

    dataset: ClassVar[str]
    table: ClassVar[str]
    key: ClassVar[tuple[str, ...]]
    # column -> columns that, when all given, make it optional (it is derived from them)
    required_unless: ClassVar[dict[str, tuple[str, ...]]] = {}


REGION_ALIASES = (
    "wilayah",
    "region_code",
    "pemda",
    "instansi_induk_nama",
    "instansi_kerja_nama",
    "instansi",
    "kode_wilayah",
    "nama_pemda",
    "pemerintah_daerah",
)
REGION_DOC = {
    "id": "wilayah: kode (1275) atau nama (Kota Medan, Pemerintah Kota Medan, Medan)",
    "en": "region: a code (1275) or a name (Kota Medan, Pemerintah Kota Medan, Medan)",
}


class RegionRow(RowContract):
    """A regional government (pemerintah daerah)."""

    dataset = "regions"
    table = "regions"
    key = ("region_code",)

    region_code: Annotated[str, BeforeValidator(_region_code), REGION_CODE] = col(
        "kode_wilayah",
        "kode",
        "kode_bps",
        "kode_kemendagri",
        "kode_pemda",
        "kode_daerah",
        id="kode wilayah BPS/Kemendagri, 2 digit (provinsi) atau 4 digit (kab/kota)",
        en="BPS/Kemendagri region code, 2 digits (province) or 4 digits (regency/city)",
        required=True,
    )
    name: Text = col(
        "nama",
        "nama_wilayah",
        "nama_pemda",
        "nama_daerah",
        "pemda",
        "wilayah",
        id="nama resmi, mis. Kota Medan",
        en="official name, e.g. Kota Medan",
        required=True,
    )
    kind: Enum(vocabulary.region_kind, vocabulary.REGION_KINDS) = col(
        "jenis",
        "jenis_wilayah",
        "tipe",
        id="kota / kabupaten / provinsi; bila kosong dibaca dari nama",
        en="kota / kabupaten / provinsi; read from the name when empty",
    )
    province: OptText = col(
        "provinsi",
        "nama_provinsi",
        "propinsi",
        id="provinsi (wajib untuk wilayah baru)",
        en="province (required for a new region)",
    )
    population: Annotated[int | None, BeforeValidator(_integer), INT, annotated_types.Gt(0)] = col(
        "penduduk",
        "jumlah_penduduk",
        "populasi",
        id="jumlah penduduk (BPS)",
        en="population (BPS)",
    )
    population_year: Annotated[
        int | None,
        BeforeValidator(_integer),
        INT,
        annotated_types.Ge(1900),
        annotated_types.Le(2100),
    ] = col(
        "tahun_penduduk",
        "tahun",
        "tahun_data",
        id="tahun data penduduk",
        en="year of the population figure",
    )


class UnitRow(RowContract):
    """A work unit (OPD, unit kerja, unit layanan) of a region."""

    dataset = "units"
    table = "units"
    key = ("unit_id",)

    region: Region = col(*REGION_ALIASES, id=REGION_DOC["id"], en=REGION_DOC["en"], required=True)
    name: Annotated[str, BeforeValidator(_text), UNIT_NAME] = col(
        "unit",
        "nama_unit",
        "unit_kerja",
        "nama_unit_kerja",
        "unor_nama",
        "nama",
        id="nama unit kerja; kuncinya kode wilayah + nama yang dinormalkan",
        en="work unit name; its key is the region code + the normalised name",
        required=True,
    )
    opd: Opd = col(*OPD_ALIASES, id=OPD_DOC["id"], en=OPD_DOC["en"])
    sector: Open(vocabulary.sector) = col(
        "sektor",
        "bidang",
        "urusan",
        "bidang_urusan",
        id="sektor (kependudukan, kesehatan, pendidikan, perizinan, ...)",
        en="sector (kependudukan, kesehatan, pendidikan, perizinan, ...)",
    )


class StaffRow(RowContract):
    """A civil servant (PNS or PPPK), as in SIASN's data utama."""

    dataset = "staff"
    table = "staff"
    key = ("nip",)

    nip: Nip = col(
        "nip_baru",
        "nipBaru",
        "NIP Baru",
        "nip18",
        id="NIP 18 digit (PNS) atau NI PPPK 18 digit",
        en="18-digit NIP (PNS) or NI PPPK",
        required=True,
    )
    name: Text = col(
        "nama", "nama_pegawai", "Nama Pegawai", "nama_lengkap", id="nama", en="name", required=True
    )
    region: Region = col(*REGION_ALIASES, id=REGION_DOC["id"], en=REGION_DOC["en"], required=True)
    unit: Unit = col(
        "unit_kerja",
        "unor_nama",
        "nama_unit",
        "unit_organisasi",
        id="unit kerja (UNOR NAMA); dibuat otomatis bila belum ada",
        en="work unit (UNOR NAMA); created when not known yet",
        required=True,
    )
    opd: Opd = col(*OPD_ALIASES, id=OPD_DOC["id"], en=OPD_DOC["en"])
    employment_type: Enum(
        vocabulary.employment_type,
        vocabulary.EMPLOYMENT_TYPES,
        True,
        also=("pppk_kind", vocabulary.pppk_kind),
    ) = col(
        "jenis_pegawai_nama",
        "jenis_pegawai",
        "status_asn",
        "status_pegawai",
        "jenis_asn",
        id="PNS atau PPPK (CPNS dihitung PNS); PPPK Paruh Waktu tetap dapat dibedakan",
        en="PNS or PPPK (CPNS counts as PNS); part-time PPPK (Paruh Waktu) kept apart",
        required=True,
    )
    gender: Enum(vocabulary.gender, vocabulary.GENDERS) = col(
        "jenis_kelamin",
        "jk",
        "kelamin",
        "sex",
        id="L/P (Laki-laki/Perempuan, Pria/Wanita, M/F, 1/2); bila kosong dari digit 15 NIP",
        en="L/P (Laki-laki/Perempuan, Pria/Wanita, M/F, 1/2); from NIP digit 15 when empty",
    )
    birth_date: OptDate = col(
        "tanggal_lahir",
        "tgl_lahir",
        id="tanggal lahir; bila kosong dari digit 1-8 NIP",
        en="birth date; from NIP digits 1-8 when empty",
    )
    tmt_cpns: OptDate = col(
        "tmt",
        "tmt_pengangkatan",
        "tmt_pppk",
        "tanggal_pengangkatan",
        id="TMT CPNS / pengangkatan; bila kosong dari digit 9-14 NIP (PNS)",
        en="TMT CPNS / appointment date; from NIP digits 9-14 when empty (PNS)",
    )
    golongan: Enum(vocabulary.golongan, vocabulary.GOLONGAN) = col(
        "gol_akhir_nama",
        "golongan_ruang",
        "pangkat_golongan",
        "gol",
        "gol_ruang",
        "pangkat_gol",
        id="golongan I/a-IV/e (PNS) atau I-XVII (PPPK); 'Penata Muda (III/a)' dibaca III/a",
        en="golongan I/a-IV/e (PNS) or I-XVII (PPPK); 'Penata Muda (III/a)' reads as III/a",
    )
    position_type: Enum(vocabulary.position_type, vocabulary.POSITION_TYPES) = col(
        "jenis_jabatan_nama",
        "jenis_jabatan",
        id="struktural / fungsional / pelaksana",
        en="struktural / fungsional / pelaksana",
    )
    position_level: Enum(vocabulary.position_level, vocabulary.POSITION_LEVELS) = col(
        "jenjang",
        "jenjang_jabatan",
        "eselon",
        id="jenjang jabatan (JPT pratama, administrator, ahli muda, terampil, ...)",
        en="position level (JPT pratama, administrator, ahli muda, terampil, ...)",
    )
    position_name: OptText = col(
        "jabatan_nama", "jabatan", "nama_jabatan", id="nama jabatan", en="position name"
    )
    education_level: Enum(vocabulary.education_level, vocabulary.EDUCATION_LEVELS) = col(
        "tingkat_pendidikan_nama",
        "tingkat_pendidikan",
        "pendidikan",
        "pendidikan_terakhir",
        "jenjang_pendidikan",
        id="SD, SMP, SLTA, D1-D4, S1-S3 ('S-1/Sarjana' dibaca S1, 'SMA/SMK' SLTA)",
        en="SD, SMP, SLTA, D1-D4, S1-S3 ('S-1/Sarjana' reads as S1, 'SMA/SMK' as SLTA)",
    )
    status: Enum(vocabulary.staff_status, vocabulary.STAFF_STATUSES) = col(
        "kedudukan_hukum_nama",
        "kedudukan_hukum",
        "status_kepegawaian",
        "kedudukan",
        id="aktif (bila kosong), cltn, tugas_belajar, pensiun, berhenti, meninggal, pindah",
        en="aktif (when empty), cltn, tugas_belajar, pensiun, berhenti, meninggal, pindah",
    )
    status_date: OptDate = col(
        "tmt_pensiun",
        "tanggal_berhenti",
        "tmt_status",
        "tmt_kedudukan_hukum",
        "tanggal_status",
        id="tanggal status berlaku (pensiun, berhenti)",
        en="date the status took effect (retirement, resignation)",
    )
    pns_id: OptText = col(
        "PNS ID",
        "pnsId",
        "id_pns",
        id="PNS ID SIASN (32 karakter); berkas lain boleh menyebut pegawai dengan PNS ID ini",
        en="SIASN's PNS ID (32 characters); other files may name a person by it",
    )

    @model_validator(mode="after")
    def _from_nip(self) -> StaffRow:
        birth = dt.datetime.strptime(self.nip[:8], "%Y%m%d").date()
        values: dict[str, Any] = {}
        if self.birth_date is None:
            values["birth_date"] = birth
        if self.gender is None:
            values["gender"] = {"1": "L", "2": "P"}.get(self.nip[14])
        if self.tmt_cpns is None and self.nip[12] != "2":
            values["tmt_cpns"] = dt.datetime.strptime(self.nip[8:14] + "01", "%Y%m%d").date()
        if self.status is None:
            values["status"] = "aktif"
        for name, value in values.items():
            object.__setattr__(self, name, value)
        if self.tmt_cpns is not None and self.tmt_cpns <= self.birth_date:
            raise ValueError("TMT is not after the birth date")
        return self


_MATRIX = reference.load("predikat")["matrix"]


class AppraisalRow(RowContract):
    """An annual or periodic performance appraisal (e-Kinerja, PermenPANRB 6/2022)."""

    dataset = "appraisals"
    table = "appraisals"
    key = ("nip", "year", "period")
    required_unless = {"predikat": ("result_rating", "behavior_rating")}

    nip: StaffNip = col(
        "nipBaru",
        "pnsDinilaiNip",
        "nip_pegawai",
        "nip_dinilai",
        id="NIP pegawai yang dinilai (harus sudah ada di data pegawai)",
        en="NIP of the rated staff member (must be a known staff member)",
        required=True,
        fallback=("pnsDinilaiId", "idPns", "pns_id", "PNS ID", "pnsId"),
    )
    year: Annotated[
        int, BeforeValidator(_integer), INT, annotated_types.Ge(2000), annotated_types.Le(2100)
    ] = col("tahun", "tahun_penilaian", id="tahun penilaian", en="appraisal year", required=True)
    period: Enum(
        vocabulary.period, ("tahunan", "TW1", "TW2", "TW3", "TW4", "S1", "S2"), strict=True
    ) = col(
        "periodikNama",
        "periode",
        "periodik",
        id="tahunan (bila kosong), TW1-TW4, S1-S2 atau YYYY-MM",
        en="tahunan (when empty), TW1-TW4, S1-S2 or YYYY-MM",
    )
    result_rating: Enum(vocabulary.rating, vocabulary.RATINGS, strict=True) = col(
        "hasilKinerja",
        "rating_hasil_kerja",
        "hasil_kerja",
        "rating_hasil",
        id="rating hasil kerja: di atas / sesuai / di bawah ekspektasi",
        en="rating of work results: above / meets / below expectations",
    )
    behavior_rating: Enum(vocabulary.rating, vocabulary.RATINGS, strict=True) = col(
        "perilakuKerja",
        "rating_perilaku_kerja",
        "perilaku_kerja",
        "rating_perilaku",
        "behaviour_rating",
        id="rating perilaku kerja: di atas / sesuai / di bawah ekspektasi",
        en="rating of work behaviour: above / meets / below expectations",
    )
    predikat: Enum(vocabulary.predikat, vocabulary.PREDIKATS, strict=True) = col(
        "kuadranKinerja",
        "predikat_kinerja",
        "predikatKinerja",
        "kuadran",
        id="Sangat Baik, Baik, Butuh Perbaikan (juga Cukup), Kurang (juga Misconduct), "
        "Sangat Kurang; bila kosong diturunkan dari kedua rating",
        en="Sangat Baik, Baik, Butuh Perbaikan (also Cukup), Kurang (also Misconduct), "
        "Sangat Kurang; derived from the two ratings when empty",
    )
    achievement_pct: Annotated[
        float | None,
        BeforeValidator(_number),
        DECIMAL,
        annotated_types.Ge(0),
        annotated_types.Le(200),
    ] = col(
        "persentase",
        "capaian_kinerja",
        "capaian",
        "persentase_capaian",
        id="capaian kinerja dalam persen (0-200)",
        en="achievement in percent (0-200)",
    )
    evaluator_nip: OptText = col(
        "penilaiNipNrp",
        "nipNrpPenilai",
        "nip_penilai",
        "penilai_nip",
        id="NIP/NRP penilai; disimpan sebagai teks, tidak diperiksa",
        en="evaluator's NIP/NRP; kept as text, not checked",
    )

    @model_validator(mode="after")
    def _predikat(self) -> AppraisalRow:
        if self.period is None:
            object.__setattr__(self, "period", "tahunan")
        if self.predikat is None:
            if self.result_rating is None or self.behavior_rating is None:
                raise ValueError("predikat is empty and cannot be derived")
            derived = _MATRIX[self.result_rating][self.behavior_rating]
            object.__setattr__(self, "predikat", derived)
        return self


class TrainingRow(RowContract):
    """A competency development activity (PP 17/2020: 20 JP a year)."""

    dataset = "trainings"
    table = "trainings"
    key = ("nip", "title", "start_date")

    nip: StaffNip = col(
        "nipBaru",
        "nip_peserta",
        id="NIP peserta (harus sudah ada di data pegawai)",
        en="participant's NIP (must be a known staff member)",
        required=True,
        fallback=("pnsDinilaiId", "idPns", "pns_id", "PNS ID", "pnsId"),
    )
    title: Text = col(
        "nama_pelatihan",
        "namaKursus",
        "latihanStrukturalNama",
        "nama_diklat",
        "nama_kursus",
        "judul",
        id="nama pelatihan",
        en="training title",
        required=True,
    )
    category: Enum(vocabulary.training_category, vocabulary.TRAINING_CATEGORIES) = col(
        "jenis",
        "jenisKursusNama",
        "jenis_diklat",
        "jenis_pelatihan",
        "jenisDiklat",
        "kategori",
        id="teknis, fungsional, kepemimpinan (PKP/PKA/PKN), manajerial, sosial_kultural, latsar, "
        "seminar",
        en="teknis, fungsional, kepemimpinan (PKP/PKA/PKN), manajerial, sosial_kultural, latsar, "
        "seminar",
    )
    method: Enum(vocabulary.training_method, vocabulary.TRAINING_METHODS) = col(
        "metode",
        "metode_pelatihan",
        "jalur",
        id="klasikal / nonklasikal (e-learning, coaching, mentoring, magang, ...)",
        en="klasikal / nonklasikal (e-learning, coaching, mentoring, internship, ...)",
    )
    start_date: Date = col(
        "tanggal",
        "tanggalKursus",
        "tanggal_mulai",
        "tgl_mulai",
        "tanggal_pelaksanaan",
        id="tanggal mulai",
        en="start date",
        required=True,
    )
    end_date: OptDate = col(
        "tanggalSelesai",
        "tanggalSelesaiKursus",
        "tanggal_selesai",
        "tgl_selesai",
        id="tanggal selesai (tidak sebelum tanggal mulai)",
        en="end date (not before the start date)",
    )
    hours_jp: Annotated[
        float, BeforeValidator(_number), DECIMAL, annotated_types.Gt(0), annotated_types.Le(1000)
    ] = col(
        "jumlahJam",
        "jp",
        "jumlah_jp",
        "jam_pelajaran",
        "durasi_jp",
        id="jumlah JP (1 JP = 45 menit), lebih dari 0 dan paling banyak 1000",
        en="hours in JP (1 JP = 45 min), above 0 and at most 1000",
        required=True,
    )
    provider: OptText = col(
        "institusiPenyelenggara",
        "penyelenggara",
        "instansi_penyelenggara",
        id="penyelenggara",
        en="provider",
    )

    @model_validator(mode="after")
    def _order(self) -> TrainingRow:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("end date is before the start date")
        return self


class DisciplineRow(RowContract):
    """A disciplinary sanction (PP 94/2021)."""

    dataset = "discipline"
    table = "discipline"
    key = ("nip", "decision_date", "level")

    nip: StaffNip = col(
        "nipBaru",
        id="NIP (harus sudah ada di data pegawai)",
        en="NIP (must be a known staff member)",
        required=True,
        fallback=("pnsDinilaiId", "idPns", "pns_id", "PNS ID", "pnsId"),
    )
    decision_date: Date = col(
        "skTanggal",
        "hukumanTanggal",
        "tanggal_sk",
        "tanggal_keputusan",
        "tmt_hukuman",
        id="tanggal keputusan (SK)",
        en="decision date",
        required=True,
    )
    level: Enum(vocabulary.discipline_level, vocabulary.DISCIPLINE_LEVELS, True) = col(
        "tingkat",
        "tingkat_hukuman",
        "tingkatHukuman",
        "tingkat_hukuman_disiplin",
        "tingkatHukumanDisiplin",
        id="ringan / sedang / berat",
        en="ringan / sedang / berat (minor / moderate / severe)",
        required=True,
    )
    type: OptText = col(
        "jenisHukumanNama",
        "jenis_hukuman",
        "hukuman",
        id="jenis hukuman",
        en="kind of sanction",
    )


class ComplaintRow(RowContract):
    """A public complaint (SP4N-LAPOR! or a local channel)."""

    dataset = "complaints"
    table = "complaints"
    key = ("complaint_id",)

    complaint_id: Text = col(
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
    )
    region: Region = col(*REGION_ALIASES, id=REGION_DOC["id"], en=REGION_DOC["en"], required=True)
    unit: OptUnit = col(
        "instansi_tujuan",
        "opd",
        "opd_tujuan",
        "unit_kerja",
        "unit",
        "disposisi",
        id="unit tujuan; dibuat otomatis bila belum ada",
        en="unit the complaint went to; created when not known yet",
    )
    channel: Open(vocabulary.complaint_channel) = col(
        "kanal",
        "sumber",
        "media",
        "sumber_laporan",
        "saluran",
        id="kanal (LAPOR!, aplikasi daerah, media sosial, SMS 1708, langsung, forum, atau lain)",
        en="channel (LAPOR!, aplikasi daerah, media sosial, SMS 1708, langsung, forum, or other)",
    )
    category: Open(vocabulary.complaint_category) = col(
        "kategori",
        "topik",
        "kategori_laporan",
        id="kategori (kependudukan, kesehatan, pendidikan, infrastruktur, ... atau lain)",
        en="category (kependudukan, kesehatan, pendidikan, infrastruktur, ... or other)",
    )
    received_at: Timestamp = col(
        "tanggal_laporan",
        "tgl_masuk",
        "tanggal_masuk",
        "waktu_laporan",
        "tgl_laporan",
        id="waktu laporan masuk",
        en="time received",
        required=True,
    )
    verified_at: OptTimestamp = col(
        "tanggal_verifikasi",
        "tgl_disposisi",
        "tanggal_disposisi",
        "waktu_verifikasi",
        "tgl_verifikasi",
        id="waktu verifikasi / disposisi",
        en="time verified / dispatched",
    )
    first_response_at: OptTimestamp = col(
        "tanggal_tindak_lanjut",
        "tgl_respon",
        "tanggal_respon",
        "tanggal_tanggapan",
        "waktu_tindak_lanjut",
        "tgl_tindak_lanjut",
        id="waktu tindak lanjut pertama",
        en="time of the first response",
    )
    closed_at: OptTimestamp = col(
        "tanggal_selesai",
        "tgl_selesai",
        "waktu_selesai",
        id="waktu selesai",
        en="time closed",
    )
    status: Enum(vocabulary.complaint_status, vocabulary.COMPLAINT_STATUSES) = col(
        "status_laporan",
        id="baru, terverifikasi, proses, selesai, tunda, bukan_wewenang, arsip",
        en="baru, terverifikasi, proses, selesai, tunda, bukan_wewenang, arsip",
    )

    @model_validator(mode="after")
    def _order(self) -> ComplaintRow:
        steps = [self.received_at, self.verified_at, self.first_response_at, self.closed_at]
        given = [s for s in steps if s is not None]
        if given != sorted(given):
            raise ValueError("dates out of order")
        return self


IKM_ELEMENTS = (
    ("u_persyaratan", "U1", "persyaratan", "persyaratan pelayanan"),
    ("u_prosedur", "U2", "prosedur", "sistem mekanisme dan prosedur"),
    ("u_waktu", "U3", "waktu", "waktu penyelesaian"),
    ("u_biaya", "U4", "biaya", "biaya/tarif"),
    ("u_produk", "U5", "produk", "produk spesifikasi jenis pelayanan"),
    ("u_kompetensi", "U6", "kompetensi", "kompetensi pelaksana"),
    ("u_perilaku", "U7", "perilaku", "perilaku pelaksana"),
    ("u_pengaduan", "U8", "pengaduan", "penanganan pengaduan, saran dan masukan"),
    ("u_sarana", "U9", "sarana", "sarana dan prasarana"),
)


def _answer(number: int, name: str, alias: str, label: str) -> Any:
    return col(
        alias,
        name.removeprefix("u_"),
        f"unsur_{number}",
        f"unsur{number}",
        label,
        id=f"unsur {number} ({label}): jawaban 1-4",
        en=f"element {number} ({label}): answer 1-4",
    )


class IkmResponseRow(RowContract):
    """A public satisfaction survey response (SKM, PermenPANRB 14/2017)."""

    dataset = "ikm_responses"
    table = "ikm_responses"
    key = ("response_id",)

    response_id: OptText = col(
        "id_responden",
        "nomor_responden",
        "kode_responden",
        "id",
        id="nomor responden; bila kosong dibuat dari isi baris",
        en="response number; made from the row's content when empty",
    )
    region: Region = col(*REGION_ALIASES, id=REGION_DOC["id"], en=REGION_DOC["en"], required=True)
    unit: Unit = col(
        "unit_layanan",
        "nama_unit_layanan",
        "opd",
        "unit_kerja",
        "unit",
        id="unit layanan; dibuat otomatis bila belum ada",
        en="service unit; created when not known yet",
        required=True,
    )
    survey_date: Date = col(
        "tanggal",
        "tanggal_survei",
        "tgl_survei",
        "tanggal_pengisian",
        "timestamp",
        "waktu",
        id="tanggal survei",
        en="survey date",
        required=True,
    )
    service: OptText = col("jenis_layanan", "layanan", id="jenis layanan", en="service")
    u_persyaratan: Answer = _answer(1, *IKM_ELEMENTS[0][:2], IKM_ELEMENTS[0][3])
    u_prosedur: Answer = _answer(2, *IKM_ELEMENTS[1][:2], IKM_ELEMENTS[1][3])
    u_waktu: Answer = _answer(3, *IKM_ELEMENTS[2][:2], IKM_ELEMENTS[2][3])
    u_biaya: Answer = _answer(4, *IKM_ELEMENTS[3][:2], IKM_ELEMENTS[3][3])
    u_produk: Answer = _answer(5, *IKM_ELEMENTS[4][:2], IKM_ELEMENTS[4][3])
    u_kompetensi: Answer = _answer(6, *IKM_ELEMENTS[5][:2], IKM_ELEMENTS[5][3])
    u_perilaku: Answer = _answer(7, *IKM_ELEMENTS[6][:2], IKM_ELEMENTS[6][3])
    u_pengaduan: Answer = _answer(8, *IKM_ELEMENTS[7][:2], IKM_ELEMENTS[7][3])
    u_sarana: Answer = _answer(9, *IKM_ELEMENTS[8][:2], IKM_ELEMENTS[8][3])


CONTRACTS: tuple[type[RowContract], ...] = (
    RegionRow,
    UnitRow,
    StaffRow,
    AppraisalRow,
    TrainingRow,
    DisciplineRow,
    ComplaintRow,
    IkmResponseRow,
)


# -- the declarations as the engine reads them ---------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a dataset as the engine checks it."""

    name: str
    kind: Kind
    required: bool
    aliases: tuple[str, ...]
    bounds: tuple[tuple[str, float], ...]
    doc: dict[str, str]
    fallback: tuple[str, ...] = ()  # headers read only when no alias of the column is present

    @property
    def target(self) -> str:
        """The stored column (region -> region_code, unit -> unit_id)."""
        return self.kind.target or self.name


@dataclass(frozen=True)
class Dataset:
    """A dataset: its table, key, columns (in file-documentation order) and row contract."""

    name: str
    table: str
    key: tuple[str, ...]
    columns: dict[str, Column]
    model: type[RowContract]
    required_unless: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def creates_units(self) -> bool:
        return any(c.kind.name == "unit" for c in self.columns.values())

    def required_columns(self, present: set[str]) -> list[str]:
        """Required columns missing from `present` (a column derivable from others is not)."""
        missing = []
        for column in self.columns.values():
            if not column.required or column.name in present:
                continue
            missing.append(column.name)
        for name, sources in self.required_unless.items():
            if name not in present and not set(sources) <= present:
                missing.append(name)
        return missing


_BOUNDS = {
    annotated_types.Gt: ("gt", "gt"),
    annotated_types.Ge: ("ge", "ge"),
    annotated_types.Lt: ("lt", "lt"),
    annotated_types.Le: ("le", "le"),
}


def _column(name: str, info: Any) -> Column:
    kind = next(m for m in info.metadata if isinstance(m, Kind))
    bounds = tuple(
        (op, float(getattr(m, attr)))
        for m in info.metadata
        for cls, (op, attr) in _BOUNDS.items()
        if isinstance(m, cls)
    )
    aliases = tuple(info.validation_alias.choices) if info.validation_alias else ()
    doc = {"id": info.json_schema_extra["doc_id"], "en": info.description}
    fallback = tuple(info.json_schema_extra.get("fallback", ()))
    return Column(name, kind, info.is_required(), aliases, bounds, doc, fallback)


def _dataset(model: type[RowContract]) -> Dataset:
    columns = {name: _column(name, info) for name, info in model.model_fields.items()}
    return Dataset(
        model.dataset, model.table, model.key, columns, model, dict(model.required_unless)
    )


DATASETS: dict[str, Dataset] = {m.dataset: _dataset(m) for m in CONTRACTS}


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


def validate_row(
    dataset: str, row: dict[str, Any], context: dict[str, Any] | None = None
) -> RowContract:
    """Validate one row (canonical or alias keys) against its contract; raises ValidationError."""
    return DATASETS[dataset].model.model_validate(row, context=context or {})
