"""A competency development activity (PP 17/2020: 20 JP a year)."""

from __future__ import annotations

from asn_analytics.ingest import vocabulary
from asn_analytics.ingest.contracts import (
    DATE,
    DECIMAL,
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
        "nip_peserta",
        id="NIP peserta (harus sudah ada di data pegawai)",
        en="participant's NIP (must be a known staff member)",
        required=True,
        fallback=STAFF_ID_HEADERS,
    ),
    column(
        "title",
        TEXT,
        "nama_pelatihan",
        "namaKursus",
        "latihanStrukturalNama",
        "nama_diklat",
        "nama_kursus",
        "judul",
        id="nama pelatihan",
        en="training title",
        required=True,
    ),
    column(
        "category",
        enum(vocabulary.training_category, vocabulary.TRAINING_CATEGORIES),
        "jenis",
        "jenisKursusNama",
        "jenis_diklat",
        "jenis_pelatihan",
        "jenisDiklat",
        "kategori",
        id="teknis, fungsional, kepemimpinan (PKP/PKA/PKN), manajerial, sosial_kultural, latsar,"
        " seminar",
        en="teknis, fungsional, kepemimpinan (PKP/PKA/PKN), manajerial, sosial_kultural, latsar,"
        " seminar",
    ),
    column(
        "method",
        enum(vocabulary.training_method, vocabulary.TRAINING_METHODS),
        "metode",
        "metode_pelatihan",
        "jalur",
        id="klasikal / nonklasikal (e-learning, coaching, mentoring, magang, ...)",
        en="klasikal / nonklasikal (e-learning, coaching, mentoring, internship, ...)",
    ),
    column(
        "start_date",
        DATE,
        "tanggal",
        "tanggalKursus",
        "tanggal_mulai",
        "tgl_mulai",
        "tanggal_pelaksanaan",
        id="tanggal mulai",
        en="start date",
        required=True,
    ),
    column(
        "end_date",
        DATE,
        "tanggalSelesai",
        "tanggalSelesaiKursus",
        "tanggal_selesai",
        "tgl_selesai",
        id="tanggal selesai (tidak sebelum tanggal mulai)",
        en="end date (not before the start date)",
    ),
    column(
        "hours_jp",
        DECIMAL,
        "jumlahJam",
        "jp",
        "jumlah_jp",
        "jam_pelajaran",
        "durasi_jp",
        id="jumlah JP (1 JP = 45 menit), lebih dari 0 dan paling banyak 1000",
        en="hours in JP (1 JP = 45 min), above 0 and at most 1000",
        required=True,
        gt=0,
        le=1000,
    ),
    column(
        "provider",
        TEXT,
        "institusiPenyelenggara",
        "penyelenggara",
        "instansi_penyelenggara",
        id="penyelenggara",
        en="provider",
    ),
)


def rules(engine, add) -> None:
    """A training does not end before it starts."""
    if "end_date" in engine.present:
        add(
            "end_date",
            "end_before_start",
            "end_date IS NOT NULL AND start_date IS NOT NULL AND end_date < start_date",
            detail="start_date",
        )


DATASET = declare(
    "trainings", ("nip", "title", "start_date"), COLUMNS, rules=rules, dated_by="d.start_date"
)
