"""A PNS's rank history: each golongan held from its TMT (SIASN riwayat golongan, rw-golongan;
or the current golongan and its TMT of SIASN's Export Data ASN, GOL AKHIR NAMA and TMT GOLONGAN).
Only PNS hold a golongan ruang; a PPPK's golongan (I-XVII) is refused here."""

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
        "nip_baru",
        id="NIP (harus sudah ada di data pegawai)",
        en="NIP (must be a known staff member)",
        required=True,
        fallback=STAFF_ID_HEADERS,
    ),
    column(
        "golongan",
        enum(vocabulary.pns_golongan, vocabulary.PNS_GOLONGAN),
        "golongan_ruang",
        "gol_akhir_nama",
        "pangkat_golongan",
        "gol",
        "gol_ruang",
        id="golongan ruang PNS I/a-IV/e; 'Penata Muda (III/a)' dibaca III/a, kode SIASN 34 dibaca"
        " III/d",
        en="PNS golongan ruang I/a-IV/e; 'Penata Muda (III/a)' reads as III/a, SIASN's id 34 as"
        " III/d",
        required=True,
        fallback=("golonganId", "gol_akhir_id"),
        rejected="bad_pns_golongan",
    ),
    column(
        "tmt_golongan",
        DATE,
        "tmtGolongan",
        "tmt_pangkat",
        "tmt_kenaikan_pangkat",
        "tmt_kp",
        id="TMT golongan (mulai berlaku)",
        en="the golongan's TMT (effective date)",
        required=True,
    ),
    column(
        "promotion_kind",
        enum(vocabulary.promotion_kind, vocabulary.PROMOTION_KINDS),
        "jenisKPNama",
        "jenis_kp",
        "jenis_kenaikan_pangkat",
        id="jenis kenaikan pangkat (SIASN): Reguler, Pilihan (Jabatan Struktural), Pilihan (Jabatan"
        " Fungsional Tertentu), Pilihan (Penyesuaian Ijazah), ... atau kodenya (101, 201, ...)",
        en="kind of promotion (SIASN's jenis KP): Reguler, Pilihan (Jabatan Struktural), Pilihan"
        " (Jabatan Fungsional Tertentu), Pilihan (Penyesuaian Ijazah), ... or its id (101, 201,"
        " ...)",
        fallback=("jenisKPId", "jenis_kp_id"),
    ),
    column(
        "decree_number",
        TEXT,
        "skNomor",
        "nomor_sk",
        "no_sk",
        id="nomor SK kenaikan pangkat",
        en="decree number",
    ),
    column(
        "decree_date",
        DATE,
        "skTanggal",
        "tanggal_sk",
        id="tanggal SK",
        en="decree date",
    ),
)


DATASET = declare("rank_history", ("nip", "golongan"), COLUMNS, dated_by="d.tmt_golongan")
