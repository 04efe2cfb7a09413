"""Every text the import shows a user, in Bahasa Indonesia and English.

Row issues are stored per language in import_rejects (reason, reason_en); their templates take
{value} (the value the rule looked at), {length} (its length), {column} (the file's header) and
{detail}. The NIP rules' texts come from asn_analytics.nip.MESSAGES.
"""

from __future__ import annotations

from asn_analytics import nip

ERROR, WARNING = "error", "warning"

# code: (severity, Indonesian, English)
ISSUES: dict[str, tuple[str, str, str]] = {
    "required": (
        ERROR,
        "kolom {column} wajib diisi",
        "{column} is required",
    ),
    "not_integer": (
        ERROR,
        "{value} bukan bilangan bulat",
        "{value} is not a whole number",
    ),
    "not_number": (
        ERROR,
        "{value} bukan angka",
        "{value} is not a number",
    ),
    "bad_date": (
        ERROR,
        "{value} bukan tanggal yang valid (format kolom ini: {detail})",
        "{value} is not a valid date (this column's format: {detail})",
    ),
    "no_date_format": (
        ERROR,
        "{value} bukan tanggal yang dikenali (pakai dd/mm/yyyy atau yyyy-mm-dd)",
        "{value} is not a recognised date (use dd/mm/yyyy or yyyy-mm-dd)",
    ),
    "date_range": (
        ERROR,
        "tanggal {value} di luar rentang 1900-2100",
        "date {value} is outside 1900-2100",
    ),
    "bad_enum": (
        ERROR,
        "{value} bukan nilai yang dikenal untuk {column}; yang diterima: {detail}",
        "{value} is not a known value of {column}; accepted: {detail}",
    ),
    "unknown_value": (
        WARNING,
        "{value} bukan nilai yang dikenal untuk {column}; baris disimpan dengan kolom ini kosong "
        "(yang dikenal: {detail})",
        "{value} is not a known value of {column}; the row is kept with this column empty "
        "(known: {detail})",
    ),
    "unknown_status": (
        WARNING,
        "{value} bukan kedudukan hukum yang dikenal; pegawai yang sudah tersimpan tetap dengan "
        "kedudukannya, pegawai baru dianggap aktif (yang dikenal: {detail})",
        "{value} is not a known kedudukan hukum; a person stored already keeps their status,"
        " otherwise the person is taken as active (known: {detail})",
    ),
    "unknown_golongan": (
        WARNING,
        "golongan {value} tidak dikenal; baris disimpan tanpa golongan (yang dikenal: I/a-IV/e "
        "untuk PNS, I-XVII untuk PPPK)",
        "unknown golongan {value}; the row is kept without a golongan (known: I/a-IV/e for PNS, "
        "I-XVII for PPPK)",
    ),
    "bad_golongan": (
        ERROR,
        "golongan {value} tidak dikenal; yang diterima: I/a-IV/e (PNS) atau I-XVII (PPPK)",
        "unknown golongan {value}; accepted: I/a-IV/e (PNS) or I-XVII (PPPK)",
    ),
    "out_of_range": (
        ERROR,
        "{value} di luar rentang yang diizinkan ({detail})",
        "{value} is outside the allowed range ({detail})",
    ),
    "bad_region_code": (
        ERROR,
        "kode wilayah {value} harus 2 atau 4 digit (mis. 12 atau 1275)",
        "region code {value} must have 2 or 4 digits (e.g. 12 or 1275)",
    ),
    "region_unknown": (
        ERROR,
        "wilayah {value} tidak dikenal; impor data wilayah dulu atau pakai kodenya",
        "unknown region {value}; import the region first or use its code",
    ),
    "region_ambiguous": (
        ERROR,
        "nama wilayah {value} cocok dengan lebih dari satu wilayah ({detail}); "
        "tulis Kota/Kabupaten atau pakai kodenya",
        "region name {value} matches more than one region ({detail}); "
        "write Kota/Kabupaten or use its code",
    ),
    "region_kind_missing": (
        ERROR,
        "jenis wilayah (kota/kabupaten/provinsi) kosong dan tidak terbaca dari nama {value}",
        "the region kind (kota/kabupaten/provinsi) is empty and not readable from the name {value}",
    ),
    "province_missing": (
        ERROR,
        "provinsi wajib diisi untuk wilayah baru {value}",
        "the province is required for the new region {value}",
    ),
    "region_not_granted": (
        ERROR,
        "wilayah {value} di luar wilayah yang boleh Anda impor",
        "region {value} is outside the regions you may import",
    ),
    "nip_not_granted": (
        ERROR,
        "NIP {value} milik pegawai wilayah di luar wilayah yang boleh Anda impor",
        "NIP {value} belongs to staff of a region outside the regions you may import",
    ),
    "pns_id_unknown": (
        ERROR,
        "PNS ID {value} tidak dimiliki pegawai mana pun; impor data pegawai SIASN (Export Data "
        "ASN, dengan kolom PNS ID) dulu",
        "no staff member has PNS ID {value}; import SIASN's staff export (Export Data ASN, with "
        "its PNS ID column) first",
    ),
    "nip_unknown": (
        ERROR,
        "NIP {value} tidak terdaftar sebagai pegawai; impor data pegawainya dulu",
        "NIP {value} is not a known staff member; import the staff record first",
    ),
    "birth_date_mismatch": (
        WARNING,
        "tanggal lahir {value} berbeda dengan tanggal lahir pada NIP ({detail})",
        "birth date {value} differs from the birth date in the NIP ({detail})",
    ),
    "tmt_mismatch": (
        WARNING,
        "TMT {value} berbeda dengan TMT pada NIP ({detail})",
        "TMT {value} differs from the TMT in the NIP ({detail})",
    ),
    "gender_mismatch": (
        WARNING,
        "jenis kelamin {value} berbeda dengan digit 15 NIP ({detail})",
        "gender {value} differs from NIP digit 15 ({detail})",
    ),
    "tmt_before_birth": (
        ERROR,
        "TMT {value} tidak sesudah tanggal lahir {detail}",
        "TMT {value} is not after the birth date {detail}",
    ),
    "predikat_mismatch": (
        WARNING,
        "predikat {value} tidak sesuai matriks PermenPANRB 6/2022 ({detail}); "
        "predikat dalam berkas tetap dipakai",
        "predikat {value} contradicts the PermenPANRB 6/2022 matrix ({detail}); "
        "the file's predikat is kept",
    ),
    "predikat_missing": (
        ERROR,
        "predikat kosong dan tidak bisa diturunkan: isi predikat atau kedua rating",
        "predikat is empty and cannot be derived: give the predikat or both ratings",
    ),
    "end_before_start": (
        ERROR,
        "tanggal selesai {value} sebelum tanggal mulai {detail}",
        "end date {value} is before the start date {detail}",
    ),
    "date_order": (
        ERROR,
        "{column} {value} lebih awal dari {detail}; urutan harus laporan ≤ verifikasi ≤ "
        "tindak lanjut ≤ selesai",
        "{column} {value} is earlier than {detail}; the order must be received ≤ verified ≤ "
        "first response ≤ closed",
    ),
    "duplicate_identical": (
        WARNING,
        "baris ini sama persis dengan baris {detail}; diimpor sekali saja",
        "this row is identical to row {detail}; imported once",
    ),
    "duplicate_conflict": (
        ERROR,
        "kunci {value} muncul di beberapa baris ({detail}) dengan isi berbeda; semua ditolak",
        "key {value} appears on several rows ({detail}) with different contents; all rejected",
    ),
}
for _code, _texts in nip.MESSAGES.items():
    _severity = WARNING if _code in ("nip_pppk_on_pns", "nip_pns_on_pppk") else ERROR
    ISSUES[_code] = (_severity, _texts["id"], _texts["en"])

# File-level refusals: code -> (Indonesian, English); placeholders filled from the exception.
REFUSALS: dict[str, tuple[str, str]] = {
    "empty": (
        "Berkas {file} kosong.",
        "The file {file} is empty.",
    ),
    "ikm_scale": (
        "Jawaban survei di {file} sampai {value}: SKM menurut PermenPANRB 14/2017 memakai skala "
        "1-4 (1 tidak baik/tidak sesuai ... 4 sangat baik/sangat sesuai). Ubah jawaban ke skala "
        "1-4 lalu impor lagi, atau tetapkan pemetaan tiap jawaban ke 1-4 (halaman Unggah Data, "
        "atau --answers 1=1,2=2,3=3,4=4,5=4); tidak ada yang disimpan.",
        "The survey answers in {file} go up to {value}: the SKM of PermenPANRB 14/2017 uses a "
        "1-4 scale (1 poor/not as required ... 4 very good/fully as required). Convert the "
        "answers to 1-4 and import again, or set how each answer maps to 1-4 (the upload page, "
        "or --answers 1=1,2=2,3=3,4=4,5=4); nothing was written.",
    ),
    "bad_answers": (
        "Pemetaan jawaban tidak sah: {detail}. Tiap jawaban 0-10 dipetakan ke 1, 2, 3 atau 4 "
        "(mis. 5=4).",
        "Invalid answer mapping: {detail}. Each answer 0-10 maps to 1, 2, 3 or 4 (e.g. 5=4).",
    ),
    "no_rows": (
        "Berkas {file} hanya berisi judul kolom, tanpa baris data.",
        "The file {file} has a header but no data rows.",
    ),
    "binary": (
        "Berkas {file} bukan tabel CSV atau Excel (isinya biner).",
        "The file {file} is not a CSV or Excel table (its content is binary).",
    ),
    "not_found": (
        "Berkas {file} tidak ditemukan.",
        "The file {file} was not found.",
    ),
    "unreadable": (
        "Berkas {file} tidak bisa dibaca: {detail}",
        "The file {file} cannot be read: {detail}",
    ),
    # Reading limits (asn_analytics.settings.ReadLimits): {value} found, {limit}, {setting}.
    "limit_text_bytes": (
        "Berkas {file} berukuran {value} byte, melebihi batas {limit} byte ({setting}).",
        "The file {file} is {value} bytes, over the limit of {limit} bytes ({setting}).",
    ),
    "limit_text_rows": (
        "Berkas {file} memuat sedikitnya {value} baris, melebihi batas {limit} baris ({setting}).",
        "The file {file} has at least {value} rows, over the limit of {limit} rows ({setting}).",
    ),
    "limit_line_bytes": (
        "Satu baris atau sel di {file} panjangnya sedikitnya {value} byte, melebihi batas "
        "{limit} byte ({setting}).",
        "A line or cell in {file} is at least {value} bytes long, over the limit of {limit} "
        "bytes ({setting}).",
    ),
    "limit_sheet_rows": (
        "Lembar {sheet} di {file} mencakup {value} baris, melebihi batas {limit} baris "
        "({setting}).",
        "Sheet {sheet} of {file} spans {value} rows, over the limit of {limit} rows ({setting}).",
    ),
    "limit_sheet_columns": (
        "Lembar {sheet} di {file} mencakup {value} kolom, melebihi batas {limit} kolom "
        "({setting}).",
        "Sheet {sheet} of {file} spans {value} columns, over the limit of {limit} columns "
        "({setting}).",
    ),
    "limit_sheet_cells": (
        "Lembar {sheet} di {file} mencakup {value} sel, melebihi batas {limit} sel ({setting}).",
        "Sheet {sheet} of {file} spans {value} cells, over the limit of {limit} cells ({setting}).",
    ),
    "limit_shared_strings": (
        "Berkas {file} memuat {value} teks bersama (shared strings), melebihi batas {limit} "
        "({setting}).",
        "The file {file} holds {value} shared strings, over the limit of {limit} ({setting}).",
    ),
    "limit_shared_strings_bytes": (
        "Teks bersama (shared strings) berkas {file} berukuran {value} byte setelah diekstrak, "
        "melebihi batas {limit} byte ({setting}).",
        "The shared strings of {file} unpack to {value} bytes, over the limit of {limit} bytes "
        "({setting}).",
    ),
    "limit_unzipped_bytes": (
        "Isi berkas Excel {file} berukuran {value} byte setelah diekstrak, melebihi batas "
        "{limit} byte ({setting}).",
        "The Excel file {file} unpacks to {value} bytes, over the limit of {limit} bytes "
        "({setting}).",
    ),
    "limit_zip_ratio": (
        "Bagian {member} dari berkas {file} mengembang {value} kali saat diekstrak, melebihi "
        "batas {limit} kali ({setting}); berkas seperti ini rusak atau sengaja dibuat begitu.",
        "The part {member} of {file} expands {value} times when unpacked, over the limit of "
        "{limit} ({setting}); such a file is broken or made that way on purpose.",
    ),
    "limit_read_seconds": (
        "Pembacaan berkas {file} dihentikan setelah {value} detik (batas {limit} detik, "
        "{setting}).",
        "Reading {file} was stopped after {value} seconds (limit {limit} seconds, {setting}).",
    ),
    "cancelled": (
        "Pembacaan berkas {file} dibatalkan.",
        "Reading {file} was cancelled.",
    ),
    "encoding": (
        "Pengodean karakter berkas {file} tidak dikenali; simpan sebagai CSV UTF-8.",
        "The character encoding of {file} is not recognised; save it as CSV UTF-8.",
    ),
    "no_header": (
        "Tidak ada judul kolom yang dikenali di {file}; kolom yang dicari misalnya: {detail}.",
        "No recognised column header in {file}; expected columns such as: {detail}.",
    ),
    "unknown_dataset": (
        "Jenis data {detail} tidak dikenal; pilih salah satu: {known}.",
        "Unknown dataset {detail}; choose one of: {known}.",
    ),
    "undetected": (
        "Jenis data berkas {file} tidak bisa dikenali dari judul kolomnya; sebutkan jenisnya "
        "({known}).",
        "The dataset of {file} cannot be recognised from its headers; name it ({known}).",
    ),
    "missing_required": (
        "Kolom wajib tidak ada di {file}: {detail}.",
        "Required columns missing from {file}: {detail}.",
    ),
    "bad_mapping": (
        "Pemetaan kolom tidak valid: {detail}.",
        "Invalid column mapping: {detail}.",
    ),
    "bad_unit_alias": (
        "Pemetaan unit kerja tidak valid (unit tujuan harus sudah ada di wilayah yang sama): "
        "{detail}.",
        "Invalid unit mapping (the unit mapped to must exist, in the same region): {detail}.",
    ),
}

UNDO_REFUSALS: dict[str, tuple[str, str]] = {
    "not_granted": (
        "Impor #{batch} ({dataset}) tidak bisa Anda batalkan: impor ini juga mengubah data wilayah "
        "di luar hak akses Anda ({regions}).",
        "You cannot undo import #{batch} ({dataset}): it also changed data of regions outside "
        "your grant ({regions}).",
    ),
    "nothing": (
        "Tidak ada impor {dataset} yang bisa dibatalkan.",
        "There is no {dataset} import to undo.",
    ),
    "referenced": (
        "Impor #{batch} ({dataset}) tidak bisa dibatalkan: {count} baris {other} dari impor "
        "#{later} merujuk data yang ditambahkan impor ini. Batalkan impor #{later} dulu.",
        "Import #{batch} ({dataset}) cannot be undone: {count} {other} rows from import "
        "#{later} refer to data this import added. Undo import #{later} first.",
    ),
    "changed_later": (
        "Impor #{batch} ({dataset}) tidak bisa dibatalkan: impor #{later} ({other}) sudah "
        "mengubah data yang ditambahkannya. Batalkan impor #{later} dulu.",
        "Import #{batch} ({dataset}) cannot be undone: import #{later} ({other}) has since "
        "changed data it added. Undo import #{later} first.",
    ),
}

# Texts of the report and the command line.
TEXT: dict[str, tuple[str, str]] = {
    "counts": (
        "dibaca {rows_read}, baru {inserted}, diubah {updated}, tetap {unchanged}, "
        "ditolak {rejected}, peringatan {warnings}",
        "read {rows_read}, inserted {inserted}, updated {updated}, unchanged {unchanged}, "
        "rejected {rejected}, warnings {warnings}",
    ),
    "header": (
        "{file}: {dataset} ({format}, {encoding}{delimiter}, judul kolom di baris {header_row})",
        "{file}: {dataset} ({format}, {encoding}{delimiter}, header on row {header_row})",
    ),
    "batch": ("impor #{batch} tersimpan", "import #{batch} committed"),
    "dry_run": ("uji coba: tidak ada yang disimpan", "dry run: nothing was written"),
    "units_created": ("unit kerja baru: {count}", "new work units: {count}"),
    "unit_suggestion": (
        "unit kerja baru '{name}' ({unit_id}) — mungkin maksudnya: {candidates}? Petakan dengan "
        "--map-unit '{name}={first}'",
        "new unit '{name}' ({unit_id}) — did you mean: {candidates}? Map it with "
        "--map-unit '{name}={first}'",
    ),
    "already_imported": (
        "{file}: berkas yang sama sudah diimpor pada {date}, batch {batch}; tidak ada yang "
        "disimpan lagi.",
        "{file}: the same file was already imported on {date}, batch {batch}; nothing was "
        "written again.",
    ),
    "duplicates": (
        "baris duplikat identik dilewati: {count}",
        "identical duplicate rows skipped: {count}",
    ),
    "unrecognised": (
        "kolom tidak dikenal (diabaikan): {columns}",
        "unrecognised columns (ignored): {columns}",
    ),
    "answers_mapped": (
        "jawaban survei dipetakan ke skala 1-4: {pairs}",
        "survey answers mapped to the 1-4 scale: {pairs}",
    ),
    "issues": ("{count} masalah pertama:", "first {count} issues:"),
    "more": ("... dan {count} lagi", "... and {count} more"),
    "row_at": ("baris {rows}", "row {rows}"),
    "rows_at": ("{count} baris: {rows}", "{count} rows: {rows}"),
    "error": ("DITOLAK", "REJECTED"),
    "warning": ("peringatan", "warning"),
    "undo_done": (
        "Impor #{batch} ({dataset}, {file}) dibatalkan: {removed} baris dihapus, "
        "{restored} baris dipulihkan, {units} unit kerja dihapus.",
        "Import #{batch} ({dataset}, {file}) undone: {removed} rows removed, "
        "{restored} rows restored, {units} work units removed.",
    ),
}


def text(key: str, lang: str = "id", **values: object) -> str:
    """A report or command-line text in `lang` (Indonesian unless 'en')."""
    indonesian, english = TEXT[key]
    return (english if lang == "en" else indonesian).format(**values)
