"""The import pipeline: one messy file per failure mode (tests/data), each with its exact outcome,
and the write semantics (re-import, update, undo, batches, ordering, locking)."""

from __future__ import annotations

import datetime as dt
import json
import signal
import threading
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from asn_analytics import db, ingest
from asn_analytics.ingest import history, pipeline, places, reading, store
from tests.factories import nip, run_script

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "data" / "samples"
AS_OF = dt.date(2025, 12, 31)
HISTORY = tuple(f"{t}_history" for t in db.DATA_TABLES)

BUDI = "198001012005011001"  # born 1980-01-01, TMT CPNS 2005-01, man, number 001
SOSIAL = {"unit_id": "1275:dinas sosial", "region_code": "1275", "name": "Dinas Sosial"}


def load(con, name: str, dataset: str | None = None, **kwargs) -> ingest.ImportReport:
    """Import a file of tests/data (or data/samples) with a fixed reference date."""
    path = DATA / name if (DATA / name).exists() else SAMPLES / name
    return ingest.import_file(con, path, name, dataset, as_of=AS_OF, **kwargs)


def issues(report: ingest.ImportReport, lang: str = "id") -> list[tuple]:
    """(row, column, severity, reason) of every reported issue."""
    reason = "reason_en" if lang == "en" else "reason"
    return [
        (r.row_number, r.column, r.severity, getattr(r, reason))
        for r in report.rejects.itertuples(index=False)
    ]


def counts(report: ingest.ImportReport) -> tuple[int, ...]:
    """(read, inserted, updated, unchanged, rejected, warnings)."""
    return (
        report.rows_read,
        report.inserted,
        report.updated,
        report.unchanged,
        report.rejected,
        report.warnings,
    )


def fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Every data and history table's content as (rows, sum and xor of row hashes)."""
    query = "SELECT count(*), sum(hash(x)::HUGEINT), bit_xor(hash(x)) FROM {} AS x"
    return {t: con.execute(query.format(t)).fetchone() for t in (*db.DATA_TABLES, *HISTORY)}


def with_budi(con, add) -> None:
    add("units", [SOSIAL])
    add("staff", [{"nip": BUDI, "name": "Budi", **_place(), "employment_type": "PNS"}])


def _place() -> dict:
    return {"region_code": "1275", "unit_id": "1275:dinas sosial"}


# -- file encodings and dialects -------------------------------------------------------------------


def test_windows_1252_is_transcoded(con):
    report = load(con, "staff_windows1252.csv")
    assert (report.encoding, report.delimiter, report.header_row) == ("cp1252", ",", 1)
    assert counts(report) == (2, 2, 0, 0, 0, 0)
    assert con.execute("SELECT nip, name, unit_id FROM staff ORDER BY nip").fetchall() == [
        ("198001012005012001", "Désy Ariyanti", "1275:dinas pendidikan"),
        ("198202022006011002", "Ma’ruf Hidayat", "1275:dinas pekerjaan umum bina marga"),
    ]
    assert con.execute("SELECT name FROM units ORDER BY unit_id").fetchall() == [
        ("Dinas Pekerjaan Umum – Bina Marga",),
        ("Dinas Pendidikan",),
    ]


def test_windows_1252_past_the_head_is_transcoded(con, tmp_path):
    # The encoding is told from the first megabyte; the first non-UTF-8 byte comes after it.
    def row_nip(n: int) -> str:
        block = n // 999  # 999 sequence numbers per TMT month
        return nip(tmt=f"{2005 + block // 12}{block % 12 + 1:02d}", seq=n % 999 + 1)

    rows = [
        f"{row_nip(n)},Staf {n},Kota Medan,Dinas Pendidikan,PNS,Laki-laki" for n in range(20_000)
    ]
    rows[-1] = rows[-1].replace("Staf 19999", "Désy Ariyanti")
    text = "NIP,Nama,Wilayah,Unit Kerja,Jenis Pegawai,Jenis Kelamin\n" + "\n".join(rows) + "\n"
    path = tmp_path / "pegawai.csv"
    path.write_bytes(text.encode("cp1252"))
    assert text.index("é") > reading.HEAD_BYTES
    report = ingest.import_file(con, path, "pegawai.csv", "staff", as_of=AS_OF)
    assert report.encoding == "cp1252"
    assert counts(report) == (20_000, 20_000, 0, 0, 0, 0)
    name = con.execute("SELECT name FROM staff WHERE nip = ?", [row_nip(19_999)]).fetchone()
    assert name == ("Désy Ariyanti",)


def test_bom_semicolons_and_common_spellings(con):
    report = load(con, "staff_bom_semicolon.csv")
    assert (report.encoding, report.delimiter, report.decimal) == ("utf-8-sig", ";", ",")
    assert report.date_formats == {"Tgl Lahir": "%d/%m/%Y", "TMT CPNS": "%d/%m/%Y"}
    assert report.mapping == {
        "NIP": "nip",
        "Nama Pegawai": "name",
        "Instansi": "region",
        "Unit Kerja": "unit",
        "Status Pegawai": "employment_type",
        "Tgl Lahir": "birth_date",
        "TMT CPNS": "tmt_cpns",
        "Golongan": "golongan",
        "Pendidikan": "education_level",
    }
    assert (report.unrecognised, report.missing_required) == ([], [])
    assert counts(report) == (3, 3, 0, 0, 0, 0)
    assert report.units_created == 1
    rows = con.execute(
        "SELECT nip, employment_type, gender, birth_date, tmt_cpns, golongan, education_level,"
        " status, unit_id FROM staff ORDER BY nip"
    ).fetchall()
    assert rows == [
        (BUDI, "PNS", "L", dt.date(1980, 1, 1), dt.date(2005, 1, 1), "III/a", "S1", "aktif",
         "1275:dinas sosial"),
        ("198502142010012002", "PNS", "P", dt.date(1985, 2, 14), dt.date(2010, 1, 1), "II/c",
         "SLTA", "aktif", "1275:dinas sosial"),
        ("199003032015031003", "PNS", "L", dt.date(1990, 3, 3), dt.date(2015, 3, 1), "I/c",
         "SMP", "aktif", "1275:dinas sosial"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        ("  Siti Aminah ", "Siti Aminah"),
        ("\tSiti\t", "Siti"),
        ("\xa0Siti Aminah\xa0", "Siti Aminah"),  # no-break spaces, as pasted from the web
        ("Siti\xa0Aminah", "Siti\xa0Aminah"),  # inside the value: kept
        ("Siti \r", "Siti \r"),  # only spaces, tabs and no-break spaces go
        ("", None),
        (" \t\xa0 ", None),
        (None, None),
    ],
)
def test_cells_are_trimmed_of_spaces_tabs_and_no_break_spaces(con, cell, kept):
    cur = pipeline._cursor(con)
    assert cur.execute("SELECT ingest_trim(?)", [cell]).fetchone()[0] == kept


def test_decimal_comma_and_hours_range(con, add):
    with_budi(con, add)
    report = load(con, "trainings_decimal_comma.csv")
    assert (report.delimiter, report.decimal) == (";", ",")
    assert report.date_formats == {"Tanggal Mulai": "%d-%m-%Y", "Tanggal Selesai": "%d-%m-%Y"}
    assert counts(report) == (5, 3, 0, 0, 2, 0)
    assert issues(report) == [
        (5, "JP", "error", "0 di luar rentang yang diizinkan (> 0, ≤ 1000)"),
        (6, "JP", "error", "1000,5 di luar rentang yang diizinkan (> 0, ≤ 1000)"),
    ]
    assert con.execute(
        "SELECT title, category, method, start_date, end_date, hours_jp FROM trainings"
        " ORDER BY start_date"
    ).fetchall() == [
        ("Pelatihan Pelayanan Prima", "teknis", "klasikal", dt.date(2025, 2, 3),
         dt.date(2025, 2, 5), Decimal("19.50")),
        ("E-Learning Literasi Digital", "teknis", "nonklasikal", dt.date(2025, 3, 10),
         dt.date(2025, 3, 10), Decimal("2.25")),
        ("Pelatihan Kepemimpinan Administrator", "kepemimpinan", "klasikal",
         dt.date(2025, 4, 1), dt.date(2025, 7, 30), Decimal("1000.00")),
    ]  # fmt: skip


def test_xlsx_with_title_rows_above_the_header(con):
    report = load(con, "staff_title_rows.xlsx")
    assert (report.file_format, report.sheet, report.header_row) == ("xlsx", "Pegawai", 4)
    assert (report.encoding, report.delimiter) == (None, None)
    # Row 5 is a date cell (ISO), row 7 typed text: the column reads as dd/mm/yyyy.
    assert report.date_formats == {"Tanggal Lahir": "%d/%m/%Y"}
    assert counts(report) == (3, 2, 0, 0, 1, 0)
    assert issues(report, "en") == [
        (6, "NIP", "error",
         "Excel turned NIP 1.98502E+17 into a number (scientific notation) and its last digits "
         "are lost; format the NIP column as Text in Excel and export it again from its source"),
    ]  # fmt: skip
    assert report.rejects["value"].tolist() == ["1.98502E+17"]
    assert con.execute("SELECT nip, birth_date, unit_id FROM staff ORDER BY nip").fetchall() == [
        (BUDI, dt.date(1980, 1, 1), "1373:dinas pariwisata"),
        ("199003032015031003", dt.date(1990, 3, 3), "1373:dinas pariwisata"),
    ]


# -- NIP rules -------------------------------------------------------------------------------------


def test_excel_scientific_nip_is_an_error(con):
    report = load(con, "staff_nip_excel_scientific.csv")
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    assert issues(report) == [
        (3, "NIP", "error",
         "NIP 1.98001E+17 diubah Excel menjadi angka (notasi ilmiah) dan digit terakhirnya "
         "hilang; format kolom NIP sebagai Teks di Excel lalu ekspor lagi dari sumbernya"),
    ]  # fmt: skip


def test_seventeen_digit_nip(con):
    report = load(con, "staff_nip_17_digits.csv")
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    assert issues(report) == [(2, "NIP", "error", "NIP harus 18 digit, ditemukan 17")]
    assert issues(report, "en") == [(2, "NIP", "error", "NIP must have 18 digits, found 17")]
    assert report.rejects["value"].tolist() == ["19800101200501100"]


def test_nip_spaces_and_apostrophe_are_cleaned(con):
    report = load(con, "staff_nip_spaces_apostrophe.csv")
    assert counts(report) == (2, 2, 0, 0, 0, 0)
    assert con.execute("SELECT nip FROM staff ORDER BY nip").fetchall() == [
        (BUDI,),
        ("198502142010012002",),
    ]


def test_dates_and_gender_disagreeing_with_the_nip_are_kept_with_warnings(con):
    report = load(con, "staff_birth_date_mismatch.csv")
    assert counts(report) == (3, 3, 0, 0, 0, 3)
    assert issues(report) == [
        (2, "Tanggal Lahir", "warning",
         "tanggal lahir 1980-01-02 berbeda dengan tanggal lahir pada NIP (1980-01-01)"),
        (3, "TMT CPNS", "warning", "TMT 2011-01-01 berbeda dengan TMT pada NIP (2010-01)"),
        (4, "Jenis Kelamin", "warning", "jenis kelamin P berbeda dengan digit 15 NIP (L)"),
    ]  # fmt: skip
    # The file's values are stored: the warning says they disagree, it does not correct them.
    assert con.execute(
        "SELECT birth_date, tmt_cpns, gender FROM staff ORDER BY nip"
    ).fetchall() == [
        (dt.date(1980, 1, 2), dt.date(2005, 1, 1), "L"),
        (dt.date(1985, 2, 14), dt.date(2011, 1, 1), "P"),
        (dt.date(1990, 3, 3), dt.date(2015, 3, 1), "P"),
    ]


def test_digit_13_against_the_employment_type_is_a_warning(con, add):
    add("units", [SOSIAL])
    data = (
        "NIP;Nama;Wilayah;Unit Kerja;Jenis Pegawai\n"
        "199501012023212003;Rina;1275;Dinas Sosial;PNS\n"
        f"{BUDI};Budi;1275;Dinas Sosial;PPPK\n"
    ).encode()
    report = ingest.import_file(con, data, "types.csv", as_of=AS_OF)
    assert counts(report) == (2, 2, 0, 0, 0, 2)
    assert issues(report) == [
        (2, "NIP", "warning", "digit 13 NIP bernilai 2 (NI PPPK) tetapi jenis pegawai PNS"),
        (3, "NIP", "warning", "digit 13 NIP bernilai 0/1 (NIP PNS) tetapi jenis pegawai PPPK"),
    ]


# -- values ----------------------------------------------------------------------------------------


def test_impossible_date_is_rejected(con):
    report = load(con, "staff_impossible_date.csv")
    assert report.date_formats == {"Tgl Lahir": "%d/%m/%Y"}
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    assert issues(report) == [
        (2, "Tgl Lahir", "error",
         "30/02/1990 bukan tanggal yang valid (format kolom ini: %d/%m/%Y)"),
    ]  # fmt: skip


def test_an_unknown_golongan_keeps_the_row_without_it(con):
    report = load(con, "staff_unknown_golongan.csv")
    assert counts(report) == (3, 3, 0, 0, 0, 1)
    assert issues(report) == [
        (2, "Golongan", "warning",
         "golongan III/f tidak dikenal; baris disimpan tanpa golongan (yang dikenal: I/a-IV/e "
         "untuk PNS, I-XVII untuk PPPK)"),
    ]  # fmt: skip
    assert con.execute("SELECT nip, golongan FROM staff ORDER BY nip").fetchall() == [
        ("198001012005011001", None),
        ("198502142010012002", "III/c"),
        ("199501012023212003", "IX"),
    ]


def test_predikat_contradicting_the_matrix_is_kept_and_a_missing_one_derived(con, add):
    with_budi(con, add)
    report = load(con, "appraisals_predikat_contradiction.csv")
    assert counts(report) == (5, 4, 0, 0, 1, 1)
    assert issues(report, "en") == [
        (2, "kuadranKinerja", "warning",
         "predikat BAIK contradicts the PermenPANRB 6/2022 matrix (di_atas × di_atas → "
         "sangat_baik); the file's predikat is kept"),
        (5, "kuadranKinerja", "error",
         "predikat is empty and cannot be derived: give the predikat or both ratings"),
    ]  # fmt: skip
    rows = con.execute(
        "SELECT year, period, result_rating, behavior_rating, predikat FROM appraisals"
        " ORDER BY year"
    ).fetchall()
    assert rows == [
        (2022, "tahunan", "di_bawah", "sesuai", "butuh_perbaikan"),  # "Cukup"
        (2023, "tahunan", "sesuai", "sesuai", "baik"),  # derived
        (2024, "tahunan", "di_atas", "di_atas", "baik"),  # the file's, with a warning
        (2025, "TW1", "di_atas", "di_bawah", "kurang"),  # "Misconduct"
    ]


def test_appraisal_of_an_unknown_nip_is_rejected(con, add):
    with_budi(con, add)
    report = load(con, "appraisals_unknown_nip.csv")
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    assert issues(report) == [
        (3, "nipBaru", "error",
         "NIP 199912312024011001 tidak terdaftar sebagai pegawai; impor data pegawainya dulu"),
    ]  # fmt: skip


def test_complaint_dates_out_of_order_are_rejected(con):
    report = load(con, "complaints_dates_out_of_order.csv")
    assert report.date_formats["Tanggal Laporan"] == "%Y-%m-%d %H:%M"
    assert counts(report) == (4, 2, 0, 0, 2, 0)
    assert issues(report) == [
        (3, "Tanggal Verifikasi", "error",
         "Tanggal Verifikasi 2025-03-02 10:00 lebih awal dari Tanggal Laporan 2025-03-03 09:00;"
         " urutan harus laporan ≤ verifikasi ≤ tindak lanjut ≤ selesai"),
        (4, "Tanggal Selesai", "error",
         "Tanggal Selesai 2025-03-05 12:00 lebih awal dari Tanggal Tindak Lanjut 2025-03-06"
         " 11:00; urutan harus laporan ≤ verifikasi ≤ tindak lanjut ≤ selesai"),
    ]  # fmt: skip
    # A date without a time on the day of a timed step is in order (dates are compared).
    assert con.execute(
        "SELECT complaint_id, region_code, received_at, verified_at, status FROM complaints"
        " ORDER BY complaint_id"
    ).fetchall() == [
        ("5100001", "1275", dt.datetime(2025, 3, 3, 9), dt.datetime(2025, 3, 4, 10), "selesai"),
        ("5100004", "1275", dt.datetime(2025, 3, 3, 9), dt.datetime(2025, 3, 3),
         "terverifikasi"),
    ]  # fmt: skip


def test_duplicate_keys_in_one_file(con):
    report = load(con, "staff_duplicate_keys.csv")
    assert counts(report) == (5, 2, 0, 0, 2, 1)
    assert report.duplicates == 1
    assert issues(report) == [
        (3, "NIP", "warning", "baris ini sama persis dengan baris 2; diimpor sekali saja"),
        (4, "NIP", "error",
         "kunci 198502142010012002 muncul di beberapa baris (4, 5) dengan isi berbeda;"
         " semua ditolak"),
        (5, "NIP", "error",
         "kunci 198502142010012002 muncul di beberapa baris (4, 5) dengan isi berbeda;"
         " semua ditolak"),
    ]  # fmt: skip
    assert con.execute("SELECT nip FROM staff ORDER BY nip").fetchall() == [
        (BUDI,),
        ("199003032015031003",),
    ]


def test_unknown_and_ambiguous_regions_are_rejected(con, add):
    add(
        "regions",
        [
            {"region_code": "15", "name": "Provinsi Jambi", "kind": "provinsi",
             "province": "Jambi"},
            {"region_code": "1571", "name": "Kota Jambi", "kind": "kota", "province": "Jambi"},
        ],
    )  # fmt: skip
    report = load(con, "staff_unknown_region.csv")
    assert counts(report) == (3, 1, 0, 0, 2, 0)
    assert issues(report, "en") == [
        (2, "Wilayah", "error",
         "unknown region Kota Bandung; import the region first or use its code"),
        (3, "Wilayah", "error",
         "region name Jambi matches more than one region (Provinsi Jambi (15), Kota Jambi "
         "(1571)); write Kota/Kabupaten or use its code"),
    ]  # fmt: skip
    assert con.execute("SELECT nip, region_code FROM staff").fetchall() == [
        ("199003032015031003", "1504")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kota Medan",
        "Pemerintah Kota Medan",
        "Medan",
        "PEMKOT MEDAN",
        "1275",
        "12.75",
        " kota  medan ",
    ],
)
def test_region_names_resolve_generously(con, text):
    assert places.Regions.load(con).resolve(text) == places.Resolved("1275")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kabupaten Batang Hari", "1504"),
        ("Kab. Batanghari", "1504"),
        ("Pemerintah Kabupaten Batanghari", "1504"),
        ("Tanjung Balai", "1272"),
        ("Kota Tanjungbalai", "1272"),
        ("Sawahlunto", "1373"),
    ],
)
def test_region_names_with_spaces_and_abbreviations(con, text, code):
    assert places.Regions.load(con).resolve(text).region_code == code


def test_a_unit_name_repeating_its_region_is_the_same_unit(con, add):
    add("units", [SOSIAL])
    data = (
        "NIP,Nama,Wilayah,Unit Kerja,Jenis Pegawai\n"
        f"{BUDI},Budi,Kota Medan,Dinas Sosial Kota Medan,PNS\n"
        "198502142010012002,Siti,Kota Medan,DINAS SOSIAL,PNS\n"
    ).encode()
    report = ingest.import_file(con, data, "units.csv", as_of=AS_OF)
    assert (report.inserted, report.units_created) == (2, 0)
    assert con.execute("SELECT DISTINCT unit_id FROM staff").fetchall() == [("1275:dinas sosial",)]


# -- file-level refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code", "indonesian", "english"),
    [
        ("empty.csv", "empty", "Berkas empty.csv kosong.", "The file empty.csv is empty."),
        (
            "header_only.csv",
            "no_rows",
            "Berkas header_only.csv hanya berisi judul kolom, tanpa baris data.",
            "The file header_only.csv has a header but no data rows.",
        ),
        (
            "binary_garbage.bin",
            "binary",
            "Berkas binary_garbage.bin bukan tabel CSV atau Excel (isinya biner).",
            "The file binary_garbage.bin is not a CSV or Excel table (its content is binary).",
        ),
    ],
)
def test_a_refused_file_writes_nothing(con, name, code, indonesian, english):
    before = fingerprint(con)
    version = db.get_meta(con, "data_version")
    with pytest.raises(ingest.ImportRefused) as caught:
        load(con, name)
    assert caught.value.code == code
    assert (caught.value.message("id"), caught.value.message("en")) == (indonesian, english)
    assert fingerprint(con) == before
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    assert db.get_meta(con, "data_version") == version


def test_missing_required_column_is_refused_with_the_mapping(con):
    data = b"NIP;Nama;Unit Kerja\n198001012005011001;Budi;Dinas Sosial\n"
    with pytest.raises(ingest.ImportRefused) as caught:
        ingest.import_file(con, data, "pegawai.csv", "staff")
    assert caught.value.message("en") == (
        "Required columns missing from pegawai.csv: region, employment_type."
    )
    assert caught.value.report.missing_required == ["region", "employment_type"]
    assert caught.value.report.mapping == {"NIP": "nip", "Nama": "name", "Unit Kerja": "unit"}
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)


def test_an_unrecognised_file_is_refused(con):
    with pytest.raises(ingest.ImportRefused) as caught:
        ingest.import_file(con, b"a,b,c\n1,2,3\n", "lain.csv")
    assert caught.value.code == "no_header"
    with pytest.raises(ingest.ImportRefused) as caught:
        ingest.import_file(con, b"NIP,Nama\n198001012005011001,Budi\n", "pegawai.csv")
    assert caught.value.code == "undetected"
    assert caught.value.message("en") == (
        "The dataset of pegawai.csv cannot be recognised from its headers; name it (regions, "
        "units, staff, appraisals, trainings, discipline, complaints, ikm_responses, "
        "rank_history, rewards)."
    )


# -- detection and mapping -------------------------------------------------------------------------


def test_dataset_recognised_from_headers(con):
    for name, dataset in [
        ("staff_siasn.csv", "staff"),
        ("appraisals_ekinerja.csv", "appraisals"),
        ("trainings_siasn.csv", "trainings"),
        ("trainings_excel_id.csv", "trainings"),
        ("discipline_siasn.csv", "discipline"),
        ("complaints_lapor.csv", "complaints"),
        ("ikm_survey.csv", "ikm_responses"),
        ("units_opd.csv", "units"),
        ("regions_bps.csv", "regions"),
        ("discipline_rekap_bkpsdm.xlsx", "discipline"),
        ("staff_siasn_export_data_asn.csv", "staff"),
        ("trainings_siasn_rw_kursus.csv", "trainings"),
        ("appraisals_siasn_rw_skp22.csv", "appraisals"),
        ("trainings_siasn_rw_diklat.csv", "trainings"),
        ("appraisals_siasn_rw_kinerjaperiodik.csv", "appraisals"),
    ]:
        assert ingest.analyze(con, SAMPLES / name, name, as_of=AS_OF).dataset == dataset, name


def test_mapping_overrides_the_detected_headers(con, add):
    add("units", [SOSIAL])
    data = (
        "Nomor Induk;Nama;Wilayah;Unit Kerja;Jenis Pegawai;Catatan\n"
        f"{BUDI};Budi;1275;Dinas Sosial;PNS;pindahan\n"
    ).encode()
    report = ingest.import_file(
        con, data, "x.csv", "staff", mapping={"Nomor Induk": "nip", "Nama": "name"}
    )
    assert report.mapping["Nomor Induk"] == "nip"
    assert report.unrecognised == ["Catatan"]
    assert report.inserted == 1
    with pytest.raises(ingest.ImportRefused) as caught:
        ingest.import_file(con, data, "x.csv", "staff", mapping={"Catatan": "hobby"})
    assert caught.value.message("en") == "Invalid column mapping: Catatan -> hobby."


def test_two_digit_years_and_month_first_detection(con, add):
    add("units", [SOSIAL])
    # d/m/yy: 2085 would be after the reference date, so 85 is 1985; 10 is 2010.
    data = (
        b"NIP;Nama;Wilayah;Unit Kerja;Jenis Pegawai;Tgl Lahir;TMT CPNS\n"
        b"198502142010012002;Siti;1275;Dinas Sosial;PNS;14/2/85;1/1/10\n"
    )
    report = ingest.import_file(con, data, "yy.csv", as_of=AS_OF)
    assert report.date_formats == {"Tgl Lahir": "%d/%m/%y", "TMT CPNS": "%d/%m/%y"}
    assert con.execute("SELECT birth_date, tmt_cpns FROM staff").fetchone() == (
        dt.date(1985, 2, 14),
        dt.date(2010, 1, 1),
    )
    # 12/31/2024 only fits month-first, so the column is month-first; 02/03 then is Feb 3.
    data = b"Tracking ID;Wilayah;Tanggal Laporan\nA1;1275;12/31/2024\nA2;1275;02/03/2025\n"
    report = ingest.import_file(con, data, "mdy.csv", as_of=AS_OF)
    assert report.date_formats == {"Tanggal Laporan": "%m/%d/%Y"}
    assert con.execute("SELECT received_at FROM complaints ORDER BY 1").fetchall() == [
        (dt.datetime(2024, 12, 31),),
        (dt.datetime(2025, 2, 3),),
    ]
    # When day-first and month-first both fit, day-first wins: 02/03 is 2 March.
    data = b"Tracking ID;Wilayah;Tanggal Laporan\nB1;1275;02/03/2025\nB2;1275;05/04/2025\n"
    report = ingest.import_file(con, data, "dmy.csv", as_of=AS_OF)
    assert report.date_formats == {"Tanggal Laporan": "%d/%m/%Y"}
    assert con.execute(
        "SELECT received_at FROM complaints WHERE complaint_id LIKE 'B%' ORDER BY 1"
    ).fetchall() == [(dt.datetime(2025, 3, 2),), (dt.datetime(2025, 4, 5),)]


def test_analyze_previews_and_writes_nothing(con):
    before = fingerprint(con)
    report = ingest.analyze(con, DATA / "staff_bom_semicolon.csv", "s.csv", as_of=AS_OF)
    assert fingerprint(con) == before
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    assert report.batch_id is None and report.dry_run
    assert counts(report) == (3, 3, 0, 0, 0, 0)
    assert list(report.preview.columns[:6]) == [
        "row_number",
        "nip",
        "name",
        "region_code",
        "unit_id",
        "employment_type",
    ]
    assert report.preview["row_number"].tolist() == [2, 3, 4]
    assert report.preview["golongan"].tolist() == ["III/a", "II/c", "I/c"]


# -- writing, re-import and undo -------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing_the_second_time(con):
    first = load(con, "staff_siasn.csv")
    after_first = fingerprint(con)
    second = load(con, "staff_siasn.csv")
    assert (first.inserted, first.units_created) == (28, 20)
    assert counts(second) == (28, 0, 0, 28, 0, 0)
    assert second.units_created == 0
    assert fingerprint(con) == after_first


def test_a_file_already_imported_records_no_new_batch_until_its_batch_is_undone(con):
    first = load(con, "staff_siasn.csv")
    finished = con.execute("SELECT finished_at FROM import_batches").fetchone()[0]
    again = load(con, "staff_siasn.csv")
    assert (again.batch_id, again.earlier_batch, again.earlier_at) == (None, 1, finished)
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (1,)
    assert again.lines("en")[-1] == (
        f"staff_siasn.csv: the same file was already imported on {finished:%Y-%m-%d %H:%M},"
        " batch 1; nothing was written again."
    )
    # The dry run says so too; once the batch is undone the file imports as new.
    assert ingest.analyze(con, SAMPLES / "staff_siasn.csv", "x.csv").earlier_batch == 1
    ingest.undo(con, "staff")
    assert ingest.analyze(con, SAMPLES / "staff_siasn.csv", "x.csv").earlier_batch is None
    third = load(con, "staff_siasn.csv")
    assert (first.batch_id, third.batch_id, third.earlier_batch) == (1, 2, None)
    assert third.inserted == 28


def test_an_update_keeps_absent_columns_and_stores_empty_cells_as_null(con):
    load(con, "staff_bom_semicolon.csv")
    data = (
        "NIP;Nama;Instansi;Unit Kerja;Jenis Pegawai;Pendidikan\n"
        f"{BUDI};Budi Santoso, S.E.;1275;Dinas Sosial;PNS;\n"
    ).encode()
    report = ingest.import_file(con, data, "update.csv", as_of=AS_OF)
    assert counts(report) == (1, 0, 1, 0, 0, 0)
    # golongan and the dates were not in the file: kept; the empty education cell: NULL.
    assert con.execute(
        "SELECT name, golongan, birth_date, education_level, batch_id FROM staff WHERE nip = ?",
        [BUDI],
    ).fetchone() == ("Budi Santoso, S.E.", "III/a", dt.date(1980, 1, 1), None, 2)
    assert con.execute(
        "SELECT name, education_level, batch_id, replaced_by_batch FROM staff_history"
    ).fetchall() == [("Budi Santoso", "S1", 1, 2)]


def test_rules_compare_a_given_column_with_the_stored_value_of_an_absent_one(con):
    load(con, "staff_bom_semicolon.csv")  # Budi: TMT CPNS 2005-01-01
    data = (
        f"NIP;Nama;Instansi;Unit Kerja;Jenis Pegawai;Tgl Lahir\n"
        f"{BUDI};Budi;1275;Dinas Sosial;PNS;01/01/2006\n"
    ).encode()
    report = ingest.import_file(con, data, "birth.csv", as_of=AS_OF)
    assert counts(report) == (1, 0, 0, 0, 1, 0)
    assert issues(report) == [
        (2, "tmt_cpns", "error", "TMT 2005-01-01 tidak sesudah tanggal lahir 2006-01-01")
    ]
    load(con, "complaints_dates_out_of_order.csv")  # 5100001: first response 2025-03-05 11:00
    data = (
        b"Tracking ID;Instansi;Tanggal Laporan;Tanggal Selesai\n"
        b"5100001;1275;03/03/2025;04/03/2025\n"
    )
    report = ingest.import_file(con, data, "closing.csv", as_of=AS_OF)
    assert counts(report) == (1, 0, 0, 0, 1, 0)
    assert issues(report, "en") == [
        (2, "Tanggal Selesai", "error",
         "Tanggal Selesai 04/03/2025 is earlier than first_response_at 2025-03-05; the order"
         " must be received ≤ verified ≤ first response ≤ closed"),
    ]  # fmt: skip


def test_batches_rejects_and_data_version_are_recorded(con):
    version = int(db.get_meta(con, "data_version"))
    report = load(con, "staff_nip_17_digits.csv", user="petugas")
    assert db.get_meta(con, "data_version") == str(version + 1)
    row = con.execute(
        "SELECT batch_id, dataset, file_name, sha256, rows_read, inserted, updated, unchanged,"
        " rejected, warnings, status, imported_by, finished_at >= started_at FROM import_batches"
    ).fetchone()
    assert row == (
        report.batch_id,
        "staff",
        "staff_nip_17_digits.csv",
        report.sha256,
        2,
        1,
        0,
        0,
        1,
        0,
        "committed",
        "petugas",
        True,
    )
    assert len(report.sha256) == 64
    assert con.execute("SELECT * FROM import_rejects").fetchall() == [
        (
            report.batch_id,
            2,
            "error",
            "NIP",
            "19800101200501100",
            "NIP harus 18 digit, ditemukan 17",
            "NIP must have 18 digits, found 17",
        )
    ]
    ingest.analyze(con, DATA / "staff_nip_17_digits.csv", "x.csv")
    assert db.get_meta(con, "data_version") == str(version + 1)
    ingest.undo(con, "staff")
    assert db.get_meta(con, "data_version") == str(version + 2)


def test_undo_restores_every_table_exactly(demo_copy):
    con = db.connect(demo_copy)
    try:
        start = fingerprint(con)
        steps = []
        for name in (
            "regions_bps.csv",
            "units_opd.csv",
            "staff_siasn.csv",
            "appraisals_ekinerja.csv",
            "trainings_siasn.csv",
            "complaints_lapor.csv",
            "ikm_survey.csv",
        ):
            steps.append((load(con, name).dataset, fingerprint(con)))
        # An update of existing demo rows too, so that undo has history to restore.
        before_update = fingerprint(con)
        demo_nip = con.execute("SELECT min(nip) FROM staff WHERE batch_id IS NULL").fetchone()[0]
        data = f"NIP;Nama;Instansi;Unit Kerja;Jenis Pegawai\n{demo_nip};Nama Baru;1275;UPT X;PNS\n"
        report = ingest.import_file(con, data.encode(), "u.csv", as_of=AS_OF)
        assert (report.updated, report.units_created) == (1, 1)
        ingest.undo(con, "staff")
        assert fingerprint(con) == before_update
        for dataset, state in reversed(steps):
            assert fingerprint(con) == state
            ingest.undo(con, dataset)
        assert fingerprint(con) == start
        assert con.execute(
            "SELECT count(*) FROM import_batches WHERE status = 'undone'"
        ).fetchone() == (8,)
    finally:
        con.close()


def test_undo_of_staff_is_refused_while_appraisals_refer_to_its_nips(con):
    staff = load(con, "staff_siasn.csv")
    appraisals = load(con, "appraisals_ekinerja.csv")
    before = fingerprint(con)
    with pytest.raises(ingest.UndoRefused) as caught:
        ingest.undo(con, "staff")
    assert caught.value.message("id") == (
        f"Impor #{staff.batch_id} (staff) tidak bisa dibatalkan: 54 baris appraisals dari impor "
        f"#{appraisals.batch_id} merujuk data yang ditambahkan impor ini. "
        f"Batalkan impor #{appraisals.batch_id} dulu."
    )
    assert caught.value.message("en") == (
        f"Import #{staff.batch_id} (staff) cannot be undone: 54 appraisals rows from import "
        f"#{appraisals.batch_id} refer to data this import added. "
        f"Undo import #{appraisals.batch_id} first."
    )
    assert fingerprint(con) == before
    undone = ingest.undo(con, "appraisals")
    assert (undone.removed, undone.restored) == (54, 0)
    undone = ingest.undo(con, "staff")
    assert (undone.batch_id, undone.removed, undone.units_removed) == (staff.batch_id, 28, 20)
    assert undone.message("en") == (
        f"Import #{staff.batch_id} (staff, staff_siasn.csv) undone: 28 rows removed, "
        "0 rows restored, 20 work units removed."
    )


def test_undo_is_a_stack_per_dataset(con):
    first = load(con, "staff_bom_semicolon.csv")
    after_first = fingerprint(con)
    second = load(con, "staff_birth_date_mismatch.csv")
    assert (second.updated, second.inserted) == (3, 0)
    undone = ingest.undo(con, "staff")
    assert (undone.batch_id, undone.removed, undone.restored) == (second.batch_id, 0, 3)
    assert fingerprint(con) == after_first
    assert ingest.undo(con, "staff").batch_id == first.batch_id
    with pytest.raises(ingest.UndoRefused) as caught:
        ingest.undo(con, "staff")
    assert caught.value.message("en") == "There is no staff import to undo."
    assert con.execute("SELECT count(*) FROM staff").fetchone() == (0,)


def test_several_files_are_imported_in_dependency_order(con):
    names = ["appraisals_ekinerja.csv", "staff_siasn.csv", "units_opd.csv", "regions_bps.csv"]
    reports = ingest.import_files(con, [(SAMPLES / n, n) for n in names], as_of=AS_OF)
    assert [r.dataset for r in reports] == ["regions", "units", "staff", "appraisals"]
    assert [r.rejected for r in reports] == [0, 0, 0, 0]
    assert [(r.inserted, r.unchanged) for r in reports] == [(4, 1), (12, 0), (28, 0), (54, 0)]


def test_survey_rows_without_an_id_get_a_stable_one(con):
    line = "01/11/2025 10:00:00,Kota Medan,Dinas Sosial,Bansos,4,4,3,3,4,4,3,3,4\n"
    data = "Timestamp,Instansi,Unit Layanan,Jenis Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + line * 2
    first = ingest.import_file(con, data.encode(), "skm.csv", as_of=AS_OF)
    # Two identical answers are two respondents: both kept, with different ids.
    assert counts(first) == (2, 2, 0, 0, 0, 0)
    ids = [r[0] for r in con.execute("SELECT response_id FROM ikm_responses").fetchall()]
    assert len(set(ids)) == 2 and all(i.startswith("ikm-") and len(i) == 28 for i in ids)
    second = ingest.import_file(con, data.encode(), "skm.csv", as_of=AS_OF)
    assert (second.inserted, second.unchanged) == (0, 2)


def test_answers_outside_one_to_four_are_rejected(con):
    data = (
        b"Tanggal,Instansi,Unit Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
        b"2025-11-01,1275,Dinas Sosial,4,5,3,3,4,4,3,3,4\n"
        b"2025-11-01,1275,Dinas Sosial,4,,3,3,4,4,3,3,x\n"
    )
    report = ingest.import_file(con, data, "skm.csv", as_of=AS_OF)
    assert counts(report) == (2, 0, 0, 0, 2, 0)
    assert issues(report) == [
        (2, "U2", "error", "5 di luar rentang yang diizinkan (≥ 1, ≤ 4)"),
        (3, "U9", "error", "x bukan bilangan bulat"),
    ]


def test_writes_from_threads_are_serialised(tmp_path):
    path = tmp_path / "threads.duckdb"
    con = db.connect(path)
    files = ["staff_bom_semicolon.csv", "staff_windows1252.csv", "regions_bps.csv"]
    errors: list[BaseException] = []

    def run(name: str) -> None:
        cur = con.cursor()
        try:
            load(cur, name)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            cur.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM staff").fetchone() == (5,)
    assert db.get_meta(con, "data_version") == "3"
    con.close()


def definition(con, table: str) -> tuple:
    """What a table is, apart from how DuckDB writes its CREATE statement: its columns (type,
    default, nullability) and its constraints."""
    columns = con.execute(
        "SELECT column_name, data_type, column_default, is_nullable FROM duckdb_columns()"
        " WHERE table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    constraints = con.execute(
        "SELECT constraint_type, coalesce(expression, constraint_text), constraint_column_names"
        " FROM duckdb_constraints() WHERE table_name = ?",
        [table],
    ).fetchall()
    return columns, sorted((kind, text, tuple(names)) for kind, text, names in constraints)


@pytest.mark.parametrize(
    ("table", "name", "key", "rows", "rejected"),
    [("units", "units_opd.csv", "unit_id", 9, 3), ("staff", "staff_siasn.csv", "nip", 28, 0)],
)
def test_a_first_load_into_an_empty_keyed_table_keeps_its_definition(
    con, table, name, key, rows, rejected
):
    declared = definition(con, table)
    assert "PRIMARY KEY" in dict((c[0], c) for c in declared[1])
    oid = "SELECT table_oid FROM duckdb_tables() WHERE table_name = ?"
    for _ in range(2):  # the second load starts from the definition the first one left
        before = con.execute(oid, [table]).fetchone()
        report = load(con, name)
        assert (report.inserted, report.rejected) == (rows, rejected)
        assert definition(con, table) == declared
        # The rows went into a new table that took the empty one's place, and the key holds.
        assert con.execute(oid, [table]).fetchone() != before
        sql = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table])
        assert f"PRIMARY KEY({key})" in sql.fetchone()[0]
        with pytest.raises(duckdb.ConstraintException):
            con.execute(f"INSERT INTO {table} SELECT * FROM {table} LIMIT 1")
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (rows,)
        ingest.undo(con, table)
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%load%'")
    assert tables.fetchall() == []


def test_a_first_load_that_fails_leaves_the_empty_table_as_it_was(con, monkeypatch):
    declared = definition(con, "staff")
    before = fingerprint(con)

    def fail(cur):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(store, "bump_version", fail)  # after the rows are written
    with pytest.raises(duckdb.IOException):
        load(con, "staff_siasn.csv")
    assert fingerprint(con) == before
    assert definition(con, "staff") == declared
    tables = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'staff__load'")
    assert tables.fetchone() == (0,)
    monkeypatch.undo()
    assert load(con, "staff_siasn.csv").inserted == 28


@pytest.mark.parametrize("checkpointed", [True, False])
def test_a_first_load_commits_as_a_checkpoint_not_through_the_log(tmp_path, checkpointed):
    path = tmp_path / "load.duckdb"
    con = db.connect(path)
    con.execute("CREATE TEMP TABLE s AS SELECT * FROM staff LIMIT 0")
    con.execute(
        "INSERT INTO s (nip, name, region_code, unit_id, employment_type, status)"
        " SELECT CAST(198001012005011000 + i AS VARCHAR), 'Budi', '1275', '1275:x', 'PNS', 'aktif'"
        " FROM range(1, 2001) AS r(i)"
    )
    con.execute("BEGIN")
    assert store.insert_keyed(con, "staff", ("nip",), "SELECT * FROM s", [])
    if checkpointed:
        db.commit_checkpointed(con)
    else:
        con.execute("COMMIT")
    wal = path.with_name(path.name + ".wal")
    logged = wal.stat().st_size if wal.exists() else 0
    assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchone() == ("16.0 MiB",)
    assert con.execute("SELECT count(*) FROM staff").fetchone() == (2000,)
    con.close()
    # The key (and the rows) went straight into the database file, not into the log.
    assert (logged == 0) == checkpointed


CRASH = """
import json, os, signal, sys
from pathlib import Path
from asn_analytics import db, ingest
from tests.test_ingest import fingerprint
con = db.connect(sys.argv[1])
reader = con.cursor()
reader.execute("BEGIN")  # a reader's open transaction: every commit goes through the log
reader.execute("SELECT count(*) FROM staff").fetchall()
files = [(Path(f), Path(f).name) for f in sys.argv[2:]]
ingest.import_files(con, files, as_of=__import__("datetime").date(2025, 12, 31))
ingest.undo(con, "complaints")
print(json.dumps({t: list(row) for t, row in fingerprint(con).items()}), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_imports_and_an_undo_survive_a_crash_before_the_next_checkpoint(tmp_path):
    path = tmp_path / "crash.duckdb"
    names = ["regions_bps.csv", "units_opd.csv", "staff_siasn.csv", "appraisals_ekinerja.csv"]
    names += ["trainings_siasn.csv", "discipline_siasn.csv", "complaints_lapor.csv"]
    names += ["ikm_survey.csv"]
    crashed = run_script(CRASH, path, *(SAMPLES / n for n in names), timeout=300)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    before = {t: tuple(v) for t, v in json.loads(crashed.stdout).items()}
    assert before["staff"][0] == 28 and before["complaints"][0] == 0
    assert path.with_name(path.name + ".wal").stat().st_size > 0  # replayed on opening
    con = db.connect(path, read_only=True)  # as the `metric` command opens it
    assert fingerprint(con) == before
    con.close()
    con = db.connect(path)
    assert fingerprint(con) == before
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (len(names),)
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO staff SELECT * FROM staff LIMIT 1")
    con.close()


FULL_DISK = """
import os, resource, signal, sys
from asn_analytics import db, ingest
con = db.connect(sys.argv[1])
con.execute("CHECKPOINT")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
limit = os.path.getsize(sys.argv[1]) + 2_000_000
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
try:
    ingest.import_file(con, sys.argv[2], "pegawai.csv", "staff")
except Exception as exc:
    print(type(exc).__name__, str(exc).replace(chr(10), " "))
"""


def test_a_first_load_that_finds_the_disk_full_says_so_and_writes_nothing(tmp_path):
    from tests.test_bench_import import generate

    source, path = tmp_path / "pegawai.csv", tmp_path / "full.duckdb"
    generate(source, 60_000)
    failed = run_script(FULL_DISK, path, source, timeout=300)
    # DuckDB's own error, not one raised while tidying up after it.
    assert failed.stdout.startswith("FatalException"), failed.stdout + failed.stderr
    assert "File too large" in failed.stdout and "invalidated" not in failed.stdout
    con = db.connect(path)
    assert con.execute("SELECT count(*) FROM staff").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    keys = "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    assert con.execute(keys + " AND table_name = 'staff'").fetchone() == (1,)
    con.close()


def test_a_failed_commit_reports_its_own_error_and_writes_nothing(con, monkeypatch):
    before = fingerprint(con)
    real = pipeline._cursor

    class FailingCommit:
        def __init__(self, cur):
            self._cur = cur

        def execute(self, sql, *args):
            if sql == "COMMIT":
                self._cur.execute("ROLLBACK")  # as DuckDB ends a transaction it cannot commit
                raise duckdb.IOException("IO Error: No space left on device")
            return self._cur.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._cur, name)

    monkeypatch.setattr(pipeline, "_cursor", lambda c: FailingCommit(real(c)))
    with pytest.raises(duckdb.IOException, match="No space left"):
        load(con, "staff_siasn.csv")
    assert fingerprint(con) == before


def test_readers_see_an_empty_table_or_the_whole_first_load(tmp_path):
    con = db.connect(tmp_path / "readers.duckdb")
    seen: list[int] = []
    errors: list[BaseException] = []
    started, done = threading.Event(), threading.Event()

    def read() -> None:
        cur = con.cursor()
        try:
            while not done.is_set():
                seen.append(cur.execute("SELECT count(*) FROM staff").fetchone()[0])
                started.set()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            started.set()
            cur.close()

    reader = threading.Thread(target=read)
    reader.start()
    started.wait()
    try:
        load(con.cursor(), "staff_siasn.csv")
    finally:
        done.set()
        reader.join()
    assert con.execute("SELECT count(*) FROM staff").fetchone() == (28,)
    con.close()
    assert errors == []
    assert seen[0] == 0 and set(seen) <= {0, 28}


# -- the row contracts -----------------------------------------------------------------------------


def test_row_contracts_state_the_columns(con):
    doc = ingest.columns_doc("staff", "en")
    assert doc["column"].tolist()[:6] == ["nip", "name", "region", "unit", "opd", "employment_type"]
    gender = doc.set_index("column").loc["gender"]
    assert (gender["required"], gender["values"]) == (False, "L, P")
    assert "jenis_kelamin" in gender["aliases"]
    predikat = ingest.columns_doc("appraisals").set_index("column").loc["predikat"]
    assert bool(predikat["required"]) is True


def test_one_row_is_typed_and_completed_from_the_nip_by_the_engine(con):
    text = (
        "nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama;jenis_kelamin;"
        "gol_akhir_nama;tingkat_pendidikan_nama\n"
        "'19800101 200501 1 001;Budi;Kota Medan;Dinas Sosial;CPNS;Pria;Penata Muda (III/a);"
        "Diploma III\n"
    )
    report = ingest.import_file(con, text.encode(), "satu.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected, report.warnings) == (1, 0, 0)
    staff = con.execute(
        "SELECT nip, employment_type, gender, golongan, education_level, birth_date, tmt_cpns,"
        " status, unit_id FROM staff"
    ).fetchone()
    assert staff == (
        BUDI,
        "PNS",
        "L",
        "III/a",
        "D3",
        dt.date(1980, 1, 1),  # NIP digits 1-8
        dt.date(2005, 1, 1),  # NIP digits 9-14
        "aktif",
        "1275:dinas sosial",
    )
    rated = (
        "nip;tahun;hasilKinerja;perilakuKerja\n"
        + BUDI
        + ";2024;Di Atas Ekspektasi;di atas ekspektasi\n"
    )
    ingest.import_file(con, rated.encode(), "nilai.csv", as_of=AS_OF)
    appraisal = con.execute("SELECT period, predikat FROM appraisals").fetchone()
    assert appraisal == ("tahunan", "sangat_baik")  # the matrix of PermenPANRB 6/2022


def test_excel_unicode_text_is_utf16_with_tabs(con, add):
    add("units", [SOSIAL])
    text = (
        "NIP\tNama\tWilayah\tUnit Kerja\tJenis Pegawai\r\n"
        f"{BUDI}\tBüdi\t1275\tDinas Sosial\tPNS\r\n"
    )
    report = ingest.import_file(con, text.encode("utf-16"), "unicode.txt", as_of=AS_OF)
    assert (report.encoding, report.delimiter, report.inserted) == ("utf-16", "\t", 1)
    assert con.execute("SELECT name FROM staff").fetchone() == ("Büdi",)


def test_row_numbers_count_blank_lines_and_cells_with_line_breaks(con, add):
    add("units", [SOSIAL])
    data = (
        "NIP,Nama,Wilayah,Unit Kerja,Jenis Pegawai\n"
        f'{BUDI},"Budi\nSantoso",1275,Dinas Sosial,PNS\n'
        "\n"
        "19850214201001200,Siti,1275,Dinas Sosial,PNS\n"
    ).encode()
    report = ingest.import_file(con, data, "gaps.csv", as_of=AS_OF)
    # Row 2 holds a line break inside quotes; row 3 is blank; the 17-digit NIP is row 4.
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    assert issues(report) == [(4, "NIP", "error", "NIP harus 18 digit, ditemukan 17")]
    assert con.execute("SELECT name FROM staff").fetchone() == ("Budi\nSantoso",)


def test_a_missing_file_is_refused(con, tmp_path):
    with pytest.raises(ingest.ImportRefused) as caught:
        ingest.import_file(con, tmp_path / "tidak-ada.csv", "tidak-ada.csv")
    assert caught.value.message("id") == "Berkas tidak-ada.csv tidak ditemukan."


def test_undo_records_who_undid_the_batch_and_when(con):
    staff = load(con, "staff_siasn.csv")
    before = dt.datetime.now()
    ingest.undo(con, "staff", user="petugas.bkpsdm")
    row = con.execute(
        "SELECT status, undone_by, undone_at FROM import_batches WHERE batch_id = ?",
        [staff.batch_id],
    ).fetchone()
    assert row[:2] == ("undone", "petugas.bkpsdm")
    assert before <= row[2] <= dt.datetime.now()
    shown = history.batches(con).set_index("batch_id").loc[staff.batch_id]
    assert shown["undone_by"] == "petugas.bkpsdm"


# -- real exports: SIASN's "Export Data ASN" (65 columns; 67 since 2024, '|' as well) ---------


@pytest.mark.parametrize(
    "name", ["staff_siasn_export_data_asn.csv", "siasn_export_data_asn_pipe.csv"]
)
def test_siasn_export_data_asn_imports_every_row(con, name):
    from asn_analytics.metrics import Filters, run

    report = load(con, name)
    assert (report.rows_read, report.inserted, report.rejected) == (8, 8, 0)
    stored = dict(con.execute("SELECT nip, status FROM staff").fetchall())
    # KEDUDUKAN HUKUM NAMA as SIASN writes it: Aktif x2, Masa Persiapan Pensiun (aktif until
    # the pension), CLTN, Tugas Belajar, Pensiun, PPPK Aktif, and one it does not know
    assert sorted(stored.values()) == [
        "aktif", "aktif", "aktif", "aktif", "aktif", "cltn", "pensiun", "tugas_belajar",
    ]  # fmt: skip
    assert stored["196505051990032001"] == "aktif"  # Masa Persiapan Pensiun
    # SIASN's PNS ID is kept, for the riwayat files that name people by it
    assert con.execute("SELECT count(DISTINCT pns_id) FROM staff").fetchone() == (8,)
    types = dict(con.execute("SELECT nip, position_type FROM staff").fetchall())
    # Jabatan Fungsional Umum = pelaksana, Jabatan Fungsional Tertentu = fungsional
    assert (types["198503122010011002"], types["199505052020122006"]) == ("pelaksana", "fungsional")
    # the D3 of SIASN's "Diploma III/Sarjana Muda"
    assert con.execute(
        "SELECT education_level FROM staff WHERE nip = '198001012005011003'"
    ).fetchone() == ("D3",)
    # in service in 2025: all but the pensioner -> 7 (6 PNS, 1 PPPK)
    headcount = run(con, "headcount", Filters(year_from=2025, year_to=2025, as_of=AS_OF))
    by_type = headcount[headcount["dimension"].eq("employment_type")]
    assert by_type.set_index("category")["n"].to_dict() == {"PNS": 6, "PPPK": 1}
    # UNOR NAMA is the unit, SATUAN KERJA KERJA NAMA its OPD; the pipe variant names the city
    # government as every row's satuan kerja, which is no unit
    tree = con.execute(
        "SELECT name, (SELECT name FROM units AS o WHERE o.unit_id = u.parent_id)"
        " FROM units AS u ORDER BY name"
    ).fetchall()
    opd = {
        "SD Negeri 01 Lembah Segar": "Dinas Pendidikan dan Kebudayaan",
        "UPTD Puskesmas Silungkang": "Dinas Kesehatan",
    }
    if "pipe" in name:
        opd = {}
    assert tree == [
        (unit, opd.get(unit))
        for unit in [
            "Badan Keuangan Daerah", "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan",
            "SD Negeri 01 Lembah Segar", "Satuan Polisi Pamong Praja", "UPTD Puskesmas Silungkang",
        ]
    ]  # fmt: skip
    # the one value SIASN has that is not read is a warning of its row, grouped
    groups = report.issue_groups()
    assert groups[["column", "value", "severity", "rows", "at"]].values.tolist() == [
        ["KEDUDUKAN HUKUM NAMA", "Pemberhentian Sementara", "warning", 1, "9"]
    ]


def test_an_unknown_complaint_status_is_not_read_as_a_kedudukan_hukum(con):
    text = (
        b"id_laporan;wilayah;tanggal_laporan;status_laporan\n"
        b"L-1;Kota Medan;2025-03-03 09:00;Menunggu Pelapor\n"
    )
    report = ingest.import_file(con, text, "laporan.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected, report.warnings) == (1, 0, 1)
    assert report.rejects["reason"].tolist() == [
        "Menunggu Pelapor bukan nilai yang dikenal untuk status_laporan; baris disimpan dengan"
        " kolom ini kosong (yang dikenal: baru, terverifikasi, proses, selesai, tunda,"
        " bukan_wewenang, arsip)"
    ]
    assert con.execute("SELECT complaint_id, status FROM complaints").fetchall() == [("L-1", None)]


def test_an_unknown_value_of_an_optional_column_keeps_the_row(con):
    staff = (
        b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama;jenis_jabatan_nama;"
        b"kedudukan_hukum_nama;tingkat_pendidikan_nama\n"
        b"199001012015031001;A;Kota Medan;Dinas Sosial;PNS;Jabatan Ajaib;Status Baru;S1\n"
        b"199001012015031002;B;Kota Medan;Dinas Sosial;PNS;Jabatan Ajaib;Aktif;Paket C\n"
        b"199001012015031003;C;Kota Medan;Dinas Sosial;PNS;Jabatan Ajaib;Aktif;S1\n"
        b"199001012015031004;D;Kota Medan;Dinas Sosial;Honorer;Pelaksana;Aktif;S1\n"
    )
    report = ingest.import_file(con, staff, "pegawai.csv", as_of=AS_OF)
    # the required PNS/PPPK column still rejects (row 5); the optional ones do not
    assert (report.inserted, report.rejected, report.warnings) == (3, 1, 5)
    rows = con.execute(
        "SELECT nip, position_type, status, education_level FROM staff ORDER BY nip"
    ).fetchall()
    assert rows == [
        ("199001012015031001", None, "aktif", "S1"),
        ("199001012015031002", None, "aktif", None),
        ("199001012015031003", None, "aktif", "S1"),
    ]
    groups = report.issue_groups()
    assert groups[["column", "value", "severity", "rows", "at"]].values.tolist() == [
        ["jenis_pegawai_nama", "Honorer", "error", 1, "5"],
        ["jenis_jabatan_nama", "Jabatan Ajaib", "warning", 3, "2, 3, 4"],
        ["kedudukan_hukum_nama", "Status Baru", "warning", 1, "2"],
        ["tingkat_pendidikan_nama", "Paket C", "warning", 1, "3"],
    ]
    assert groups["reason"].iloc[1] == (
        "Jabatan Ajaib bukan nilai yang dikenal untuk jenis_jabatan_nama; baris disimpan dengan"
        " kolom ini kosong (yang dikenal: struktural, fungsional, pelaksana)"
    )
    assert groups["reason_en"].iloc[2].endswith("the person is taken as active (known: aktif,"
                                                " cltn, tugas_belajar, pensiun, berhenti,"
                                                " meninggal, pindah)")  # fmt: skip
    lines = report.lines("en")
    assert "  [jenis_jabatan_nama] 'Jabatan Ajaib' warning: " in "\n".join(lines)
    assert any(line.endswith("(3 rows: 2, 3, 4)") for line in lines)


def test_an_unknown_appraisal_period_still_rejects_the_row(con, add):
    with_budi(con, add)
    data = f"nip;tahun;periode;predikat\n{BUDI};2024;Caturwulan;Baik\n".encode()
    report = ingest.import_file(con, data, "skp.csv", as_of=AS_OF)
    # the period is part of an appraisal's key: left empty it would overwrite the annual one
    assert (report.inserted, report.rejected) == (0, 1)


def test_a_nip_excel_turned_into_a_number_with_a_decimal_comma_says_so(con):
    staff = (
        b"nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama\n"
        b"1,98609E+17;Ani;Kota Medan;Dinas Sosial;PNS\n"
    )
    report = ingest.import_file(con, staff, "pegawai.csv", as_of=AS_OF)
    assert report.rejects["reason"].tolist() == [
        "NIP 1,98609E+17 diubah Excel menjadi angka (notasi ilmiah) dan digit terakhirnya hilang;"
        " format kolom NIP sebagai Teks di Excel lalu ekspor lagi dari sumbernya"
    ]


# -- SIASN's PNS ID: riwayat files name a person by it instead of the NIP ----------------------

SKP22_HEADER = (
    "id,hasilKinerja,hasilKinerjaNilai,kuadranKinerja,KuadranKinerjaNilai,namaPenilai,"
    "nipNrpPenilai,penilaiGolonganId,penilaiJabatanNm,penilaiUnorNm,perilakuKerja,"
    "PerilakuKerjaNilai,pnsDinilaiId,statusPenilai,tahun,path\n"
)


def test_an_appraisal_naming_the_person_by_pns_id_is_matched_through_the_staff(con):
    load(con, "staff_siasn_export_data_asn.csv")
    # the PNS ID of Andi Saputra (198503122010011002) in the staff export, in lower case here
    andi = "fd9c3a0c5f1e2d54b7a4fb2bb8b7a3a0"
    con.execute("UPDATE staff SET pns_id = ? WHERE nip = '198503122010011002'", [andi.upper()])
    data = (
        SKP22_HEADER
        + f"a1,DIATAS ESPEKTASI,1,SANGAT BAIK,1,Sri,196505051990032001,34,Kepala,Dinas,"
        f"DIATAS ESPEKTASI,1,{andi},ASN,2024,\n"
        + "a2,SESUAI ESPEKTASI,2,BAIK,2,Sri,196505051990032001,34,Kepala,Dinas,"
        "SESUAI ESPEKTASI,2,0123456789ABCDEF0123456789ABCDEF,ASN,2024,\n"
    ).encode()
    report = ingest.import_file(con, data, "rw-skp22.csv", as_of=AS_OF)
    assert report.mapping["pnsDinilaiId"] == "nip"
    assert (report.inserted, report.rejected) == (1, 1)
    assert con.execute(
        "SELECT nip, year, result_rating, behavior_rating, predikat, evaluator_nip FROM appraisals"
    ).fetchall() == [
        ("198503122010011002", 2024, "di_atas", "di_atas", "sangat_baik", "196505051990032001")
    ]
    assert report.rejects[["row_number", "value", "reason_en"]].values.tolist() == [
        [3, "0123456789ABCDEF0123456789ABCDEF",
         "no staff member has PNS ID 0123456789ABCDEF0123456789ABCDEF; import SIASN's staff "
         "export (Export Data ASN, with its PNS ID column) first"],
    ]  # fmt: skip


def test_the_staff_export_keeps_the_pns_id_and_a_nip_column_wins_over_it():
    from asn_analytics.ingest import mapping

    staff = mapping.map_headers(["PNS ID", "NIP BARU", "NAMA"], "staff").by_header
    assert staff == {"PNS ID": "pns_id", "NIP BARU": "nip", "NAMA": "name"}
    # rw-kursus names both: the NIP is read, the PNS ID left aside
    kursus = mapping.map_headers(["id", "idPns", "nipBaru", "namaKursus"], "trainings")
    assert kursus.by_header == {"nipBaru": "nip", "namaKursus": "title"}
    assert kursus.unrecognised == ["id", "idPns"]
    # an officer's mapping that sets a header aside is kept, even for a PNS ID
    ignored = mapping.map_headers(["pnsDinilaiId", "tahun"], "appraisals", {"pnsDinilaiId": None})
    assert ignored.by_header == {"tahun": "year"}


# -- SKM: the element of each answer column, and the answer scale -----------------------------

SKM_HEAD = "Timestamp,Instansi,Unit Layanan,U1,U2,U3,U4,U5,U6,U7,"
SKM_ROW = "03/11/2025 08:30:00,Pemerintah Kota Sawahlunto,Mal Pelayanan Publik,3,4,2,4,3,2,3,"


def test_skm_headers_that_name_their_element_are_read_by_name(con):
    # this tool puts facilities eighth and complaint handling ninth, and says so
    data = (
        SKM_HEAD
        + "U8 Sarana dan Prasarana,U9 Penanganan Pengaduan Saran dan Masukan\n"
        + SKM_ROW
        + "1,4\n"
    ).encode()
    report = ingest.import_file(con, data, "skm.csv", as_of=AS_OF)
    assert report.mapping["U8 Sarana dan Prasarana"] == "u_sarana"
    assert report.mapping["U9 Penanganan Pengaduan Saran dan Masukan"] == "u_pengaduan"
    assert con.execute("SELECT u_sarana, u_pengaduan FROM ikm_responses").fetchall() == [(1, 4)]
    # bare U8/U9 follow the regulation's list: 8 complaint handling, 9 facilities
    bare = ingest.analyze(con, (SKM_HEAD + "U8,U9\n" + SKM_ROW + "1,4\n").encode(), "b.csv")
    assert (bare.mapping["U8"], bare.mapping["U9"]) == ("u_pengaduan", "u_sarana")
    # one named, one bare: the bare one is the element left
    half = ingest.analyze(con, (SKM_HEAD + "U8,U9 Pengaduan\n" + SKM_ROW + "1,4\n").encode(), "c")
    assert (half.mapping["U8"], half.mapping["U9 Pengaduan"]) == ("u_sarana", "u_pengaduan")


def test_skm_answers_on_a_five_point_scale_are_refused_whole(con):
    # a star rating: 12 of 20 responses give a 5 somewhere
    rows = "".join(SKM_ROW + f"{a},4\n" for a in [3] * 8 + [5] * 12)
    data = (SKM_HEAD + "U8,U9\n" + rows).encode()
    with pytest.raises(ingest.ImportRefused) as refused:
        ingest.import_file(con, data, "bintang.csv", as_of=AS_OF)
    assert refused.value.message("en") == (
        "The survey answers in bintang.csv go up to 5: the SKM of PermenPANRB 14/2017 uses a "
        "1-4 scale (1 poor/not as required ... 4 very good/fully as required). Convert the "
        "answers to 1-4 and import again, or set how each answer maps to 1-4 (the upload page, "
        "or --answers 1=1,2=2,3=3,4=4,5=4); nothing was written."
    )
    assert con.execute("SELECT count(*) FROM ikm_responses").fetchone() == (0,)


def test_skm_answers_on_another_scale_import_with_the_officers_mapping(con):
    # the same star rating, with 5 -> 4 and 3 -> 3 (1, 2 and 4 as they are)
    rows = "".join(SKM_ROW + f"{a},4\n" for a in [3] * 8 + [5] * 12)
    data = (SKM_HEAD + "U8,U9\n" + rows).encode()
    report = ingest.import_file(con, data, "bintang.csv", as_of=AS_OF, answers={5: 4, 3: 3})
    assert (report.inserted, report.rejected) == (20, 0)
    assert "survey answers mapped to the 1-4 scale: 3 → 3, 5 → 4" in report.lines("en")
    # U8 (complaint handling): eight 3s and twelve 5s read as 4s
    assert con.execute("SELECT u_pengaduan, count(*) FROM ikm_responses GROUP BY ALL ORDER BY 1")\
        .fetchall() == [(3, 8), (4, 12)]  # fmt: skip
    # a mapping must land on 1-4
    with pytest.raises(ingest.ImportRefused) as refused:
        ingest.analyze(con, data, "b.csv", answers={5: 5})
    assert refused.value.message("en").startswith("Invalid answer mapping: 5=5.")


def test_the_command_line_maps_survey_answers(tmp_path, capsys):
    from asn_analytics.__main__ import EXIT_OK, main

    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    survey = tmp_path / "bintang.csv"
    survey.write_text(SKM_HEAD + "U8,U9\n" + "".join(SKM_ROW + "5,4\n" for _ in range(12)))
    args = ["--db", str(path), "import", "auto", str(survey), "--answers", "5=4"]
    assert main(args) == EXIT_OK
    assert "jawaban survei dipetakan ke skala 1-4: 5 → 4" in capsys.readouterr().out
    con = db.connect(path)
    assert con.execute("SELECT DISTINCT u_pengaduan FROM ikm_responses").fetchall() == [(4,)]


def test_siasn_riwayat_files_import_whole_and_count_who_is_in_service(con):
    """The staff export, rw-kursus (by nipBaru) and rw-skp22 (by pnsDinilaiId) of one city, as
    SIASN writes them; every figure below is counted by hand from the three files."""
    from asn_analytics.metrics import Filters, run

    reports = [
        load(con, name)
        for name in (
            "staff_siasn_export_data_asn.csv",
            "trainings_siasn_rw_kursus.csv",
            "appraisals_siasn_rw_skp22.csv",
        )
    ]
    assert [(r.dataset, r.inserted, r.rejected) for r in reports] == [
        ("staff", 8, 0), ("trainings", 7, 0), ("appraisals", 6, 0),
    ]  # fmt: skip
    year = Filters(year_from=2024, year_to=2024, as_of=AS_OF)
    # 2024 PNS in service: Andi, Sri (MPP), Rudi (CLTN), Dewi (tugas belajar), Putri, Hendri = 6;
    # Bahrum (pensiun) is not, the PPPK Fajar never counts. 20 JP or more: Andi (12 + 10),
    # Sri (20), Putri (24); Dewi 8, Rudi and Hendri none -> 3 / 6
    coverage = run(con, "coverage_20jp", year)
    region = coverage[coverage["dimension"].eq("region")].iloc[0]
    assert (region["n"], region["n_reached"], region["coverage"]) == (6, 3, 0.5)
    # predikat from the ratings: Andi and Fajar sangat baik; Sri, Dewi (sesuai x di atas) and
    # Putri (di atas x sesuai) baik; Hendri (di bawah x sesuai) butuh perbaikan
    predikat = run(con, "predikat_distribution", year).set_index("predikat")
    assert predikat["n"].to_dict() == {
        "sangat_baik": 2, "baik": 3, "butuh_perbaikan": 1, "kurang": 0, "sangat_kurang": 0,
    }  # fmt: skip
    assert predikat["share_sb_b"].iloc[0] == pytest.approx(5 / 6)


def test_a_few_fives_in_a_four_point_survey_reject_their_rows_only(con):
    rows = "".join(SKM_ROW + f"{a},4\n" for a in [3] * 100 + [5] * 9)
    report = ingest.import_file(con, (SKM_HEAD + "U8,U9\n" + rows).encode(), "s.csv", as_of=AS_OF)
    # 9 of 109 responses above 4 (under a tenth, fewer than ten): typos, not another scale
    assert (report.inserted, report.rejected) == (100, 9)


def test_an_unknown_predikat_or_rating_still_rejects_its_row_and_says_which(con, add):
    with_budi(con, add)
    # the predikat is what the indicators count: an unknown one cannot be left empty
    data = f"nip,tahun,predikat\n{BUDI},2024,XYZ Q\n".encode()
    report = ingest.import_file(con, data, "skp.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected) == (0, 1)
    assert report.issue_groups()[["column", "value", "severity"]].values.tolist() == [
        ["predikat", "XYZ Q", "error"]
    ]
    assert "  [predikat] 'XYZ Q' DITOLAK: XYZ Q bukan nilai yang dikenal" in "\n".join(
        report.lines()
    )
    # nor a rating the predikat is derived from
    data = f"nip,tahun,hasil kerja,perilaku kerja\n{BUDI},2023,Luar Biasa,Sesuai\n".encode()
    report = ingest.import_file(con, data, "skp2.csv", as_of=AS_OF)
    assert report.rejected == 1
    assert "Luar Biasa" in " ".join(report.rejects["reason"])


def test_an_officers_mapping_wins_over_every_reading_of_the_headers():
    from asn_analytics.ingest import mapping

    elements = [f"U{i}" for i in range(1, 8)]
    named = mapping.map_headers(
        [*elements, "U8 Pengaduan", "U9 Sarana"], "ikm_responses", {"U8 Pengaduan": "u_sarana"}
    ).by_header
    assert named["U8 Pengaduan"] == "u_sarana" and "U9 Sarana" not in named
    # a PNS ID mapped to the NIP column by the officer is the NIP, the NIP header is left aside
    assert mapping.map_headers(["NIP", "PNS ID"], "appraisals", {"PNS ID": "nip"}).by_header == {
        "PNS ID": "nip"
    }
    # "saran atau masukan" is complaint handling, not facilities (sarana)
    survey = ["U8 Penanganan Pengaduan Saran atau Masukan", "U9 Sarana dan Prasarana"]
    assert list(mapping.map_headers(survey, "ikm_responses").by_header.values()) == [
        "u_pengaduan",
        "u_sarana",
    ]
