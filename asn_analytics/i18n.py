"""The one translation table: every text a user reads, in Bahasa Indonesia and English."""

from __future__ import annotations

LANGUAGES = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "db.locked": {
        "id": "Basis data {path} sedang dipakai proses lain{pid}; tutup proses itu lalu coba lagi.",
        "en": "The database {path} is in use by another process{pid}; close it and try again.",
    },
    "db.not_found": {
        "id": "Basis data {path} tidak ditemukan; buat dengan 'python -m asn_analytics init' "
        "atau 'python -m asn_analytics demo'.",
        "en": "Database {path} not found; create it with 'python -m asn_analytics init' "
        "or 'python -m asn_analytics demo'.",
    },
    "db.newer_schema": {
        "id": "Basis data {path} memakai skema versi {found}, lebih baru dari versi aplikasi ini "
        "({known}); perbarui aplikasi.",
        "en": "Database {path} uses schema version {found}, newer than this application knows "
        "({known}); update the application.",
    },
    "cli.init_done": {
        "id": "Basis data kosong dibuat: {path} (skema versi {version}).",
        "en": "Empty database created: {path} (schema version {version}).",
    },
    "cli.init_exists": {
        "id": "Basis data sudah ada: {path} (skema versi {version}).",
        "en": "Database already exists: {path} (schema version {version}).",
    },
    "cli.demo_done": {
        "id": "Basis data demo (sintetis) ditulis ke {path} dalam {seconds:.1f} detik: {summary}.",
        "en": "Demo (synthetic) database written to {path} in {seconds:.1f} s: {summary}.",
    },
    "cli.demo_exists": {
        "id": "{path} sudah ada; pakai --force untuk menimpanya.",
        "en": "{path} already exists; use --force to overwrite it.",
    },
    "cli.metric_unknown": {
        "id": "Indikator '{name}' tidak dikenal. Yang tersedia: {known}.",
        "en": "Unknown indicator '{name}'. Available: {known}.",
    },
    "app.title": {"id": "ASN Analytics", "en": "ASN Analytics"},
    "app.coming": {
        "id": "Dasbor sedang disiapkan. Isi basis data saat ini:",
        "en": "The dashboard is being prepared. What the database holds now:",
    },
    "app.demo_banner": {
        "id": "Data demo (sintetis): angka-angka ini bukan data nyata pemerintah daerah mana pun.",
        "en": "Demo data (synthetic): these figures are not the real data of any region.",
    },
    "app.generating_demo": {
        "id": "Basis data belum ada: membuat basis data demo (sintetis)…",
        "en": "No database yet: generating the demo (synthetic) database…",
    },
    "table.regions": {"id": "Wilayah", "en": "Regions"},
    "table.units": {"id": "Unit kerja", "en": "Work units"},
    "table.staff": {"id": "Pegawai", "en": "Staff"},
    "table.appraisals": {"id": "Penilaian kinerja", "en": "Appraisals"},
    "table.trainings": {"id": "Pelatihan", "en": "Trainings"},
    "table.discipline": {"id": "Hukuman disiplin", "en": "Discipline cases"},
    "table.complaints": {"id": "Pengaduan", "en": "Complaints"},
    "table.ikm_responses": {"id": "Responden survei kepuasan", "en": "Satisfaction responses"},
    "app.language": {"id": "Bahasa", "en": "Language"},
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang` (Indonesian when the language is unknown), filled in."""
    entry = TEXT[key]
    text = entry.get(lang, entry["id"])
    return text.format(**values) if values else text
