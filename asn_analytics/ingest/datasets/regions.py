"""A regional government (pemerintah daerah)."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    INT,
    REGION_CODE,
    TEXT,
    column,
    declare,
    enum,
)

COLUMNS = (
    column(
        "region_code",
        REGION_CODE,
        "kode_wilayah",
        "kode",
        "kode_bps",
        "kode_kemendagri",
        "kode_pemda",
        "kode_daerah",
        id="kode wilayah BPS/Kemendagri, 2 digit (provinsi) atau 4 digit (kab/kota)",
        en="BPS/Kemendagri region code, 2 digits (province) or 4 digits (regency/city)",
        required=True,
    ),
    column(
        "name",
        TEXT,
        "nama",
        "nama_wilayah",
        "nama_pemda",
        "nama_daerah",
        "pemda",
        "wilayah",
        id="nama resmi, mis. Kota Medan",
        en="official name, e.g. Kota Medan",
        required=True,
    ),
    column(
        "kind",
        enum(vocabulary.region_kind, vocabulary.REGION_KINDS),
        "jenis",
        "jenis_wilayah",
        "tipe",
        id="kota / kabupaten / provinsi; bila kosong dibaca dari nama",
        en="kota / kabupaten / provinsi; read from the name when empty",
    ),
    column(
        "province",
        TEXT,
        "provinsi",
        "nama_provinsi",
        "propinsi",
        id="provinsi (wajib untuk wilayah baru)",
        en="province (required for a new region)",
    ),
    column(
        "population",
        INT,
        "penduduk",
        "jumlah_penduduk",
        "populasi",
        id="jumlah penduduk (BPS)",
        en="population (BPS)",
        gt=0,
    ),
    column(
        "population_year",
        INT,
        "tahun_penduduk",
        "tahun",
        "tahun_data",
        id="tahun data penduduk",
        en="year of the population figure",
        ge=1900,
        le=2100,
    ),
)


def _kind_from_name() -> str:
    """SQL: kota, kabupaten or provinsi as the region's name or code says."""
    name = "lower(name)"
    prefix = "^(pemerintah\\s+)?"
    return (
        "CASE WHEN length(region_code) = 2 THEN 'provinsi'"
        f" WHEN regexp_matches({name}, '{prefix}(kota|pemkot)\\b') THEN 'kota'"
        f" WHEN regexp_matches({name}, '{prefix}(kabupaten|kab\\b|pemkab)') THEN 'kabupaten'"
        f" WHEN regexp_matches({name}, '{prefix}(provinsi|propinsi|prov\\b|pemprov)')"
        " THEN 'provinsi' END"
    )


def derive(engine, out: dict[str, str]) -> set[str]:
    """An empty kind is read from the name."""
    out["kind"] = f"coalesce({out['kind']}, {_kind_from_name()})"
    return set()


def rules(engine, add) -> None:
    """A new region needs its kind and province; a stored one keeps its own unless the file
    gives the column."""
    kind_given = str("kind" in engine.present).lower()
    add(
        "kind",
        "region_kind_missing",
        f"{engine.stored('kind')} IS NULL AND (NOT _stored OR {kind_given})"
        " AND region_code IS NOT NULL AND name IS NOT NULL",
        "name",
    )
    province_given = str("province" in engine.present).lower()
    add(
        "province",
        "province_missing",
        f"{engine.stored('province')} IS NULL AND (NOT _stored OR {province_given})"
        " AND name IS NOT NULL",
        "name",
    )


DATASET = declare(
    "regions", ("region_code",), COLUMNS, derive=derive, rules=rules, reads_stored=True
)
