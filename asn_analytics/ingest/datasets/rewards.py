"""An award or decoration of a staff member: SIASN's riwayat penghargaan (rw-penghargaan:
hargaId / hargaNama, tahun, skNomor, skDate; the person by pnsOrangId), or a region's own list
of ASN berprestasi and innovation awards."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    DATE,
    INT,
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
        "nip_baru",
        id="NIP (harus sudah ada di data pegawai)",
        en="NIP (must be a known staff member)",
        required=True,
        fallback=(*STAFF_ID_HEADERS, "pnsOrangId"),
    ),
    column(
        "kind",
        enum(vocabulary.reward_kind, vocabulary.REWARD_KINDS),
        "hargaNama",
        "jenis_penghargaan",
        "penghargaan",
        "jenis",
        id="jenis penghargaan: Karya Satya 10/20/30 Tahun, Wira Karya, Bintang, ASN berprestasi,"
        " inovasi, lainnya (atau kode SIASN: 201, 202, ...)",
        en="kind of award: Karya Satya 10/20/30 Tahun, Wira Karya, Bintang, ASN berprestasi,"
        " inovasi (innovation), lainnya (other), or SIASN's id (201, 202, ...)",
        required=True,
        fallback=("hargaId",),
    ),
    column(
        "year",
        INT,
        "tahun",
        "tahun_penghargaan",
        id="tahun penghargaan",
        en="year of the award",
        required=True,
        ge=1950,
        le=2100,
    ),
    column(
        "name",
        TEXT,
        "nama_penghargaan",
        "uraian",
        id="nama penghargaan sebagaimana tertulis",
        en="the award's name as written",
    ),
    column(
        "decree_number",
        TEXT,
        "skNomor",
        "nomor_sk",
        id="nomor SK / piagam",
        en="decree or certificate number",
    ),
    column(
        "decree_date",
        DATE,
        "skDate",
        "tanggal_sk",
        id="tanggal SK",
        en="decree date",
    ),
    column(
        "source",
        TEXT,
        "pemberi",
        "sumber",
        "instansi_pemberi",
        id="pemberi penghargaan (Presiden, Gubernur, Bupati/Wali Kota, ...)",
        en="who gave the award",
    ),
)


DATASET = declare("rewards", ("nip", "kind", "year"), COLUMNS, dated_by="make_date(d.year, 12, 31)")
