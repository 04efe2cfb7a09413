"""The import and undo commands: every sample export into a copy of the demo database, and the
exit statuses (0 imported, 1 rows rejected, 2 file refused, 3 database held elsewhere)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from asn_analytics import db
from asn_analytics.__main__ import EXIT_LOCKED, EXIT_OK, EXIT_REFUSED, EXIT_REJECTS, main

DATA = Path(__file__).parent / "data"
SAMPLES = sorted((Path(__file__).parent.parent / "data" / "samples").iterdir())


def run(capsys, monkeypatch, *argv: str, lang: str = "en") -> tuple[int, str, str]:
    monkeypatch.setenv("ASN_LANG", lang)
    status = main([*argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_every_sample_imports_into_the_demo_database(demo_copy, capsys, monkeypatch):
    files = [str(p) for p in SAMPLES]
    status, out, err = run(capsys, monkeypatch, "--db", str(demo_copy), "import", "auto", *files)
    assert (status, err) == (EXIT_OK, "")
    assert len(SAMPLES) == 17
    assert out.count("import #") == 17
    assert "rejected 0" in out and "rejected 1" not in out
    # Again: everything is unchanged.
    status, out, _ = run(capsys, monkeypatch, "--db", str(demo_copy), "import", "auto", *files)
    assert status == EXIT_OK
    assert out.count("inserted 0, updated 0") == 17
    con = duckdb.connect(str(demo_copy), read_only=True)
    try:
        assert con.execute(
            "SELECT dataset, file_name, inserted FROM import_batches WHERE batch_id <= 17"
            " ORDER BY batch_id"
        ).fetchall() == [
            ("regions", "regions_bps.csv", 4),
            ("units", "units_opd.csv", 11),
            ("staff", "staff_siasn.csv", 28),
            ("staff", "staff_siasn_export_data_asn.csv", 8),
            ("appraisals", "appraisals_ekinerja.csv", 54),
            ("appraisals", "appraisals_siasn_rw_kinerjaperiodik.csv", 4),
            ("appraisals", "appraisals_siasn_rw_skp22.csv", 6),
            ("trainings", "trainings_excel_id.csv", 20),
            ("trainings", "trainings_siasn.csv", 20),
            ("trainings", "trainings_siasn_rw_diklat.csv", 3),
            ("trainings", "trainings_siasn_rw_kursus.csv", 7),
            ("discipline", "discipline_rekap_bkpsdm.xlsx", 3),
            ("discipline", "discipline_siasn.csv", 4),
            ("complaints", "complaints_lapor.csv", 24),
            ("ikm_responses", "ikm_survey.csv", 32),
            ("rank_history", "rank_history_siasn_rw_golongan.csv", 23),
            ("rewards", "rewards_siasn_rw_penghargaan.csv", 8),
        ]
    finally:
        con.close()


def test_rejected_rows_give_status_1_with_the_first_issues(tmp_path, capsys, monkeypatch):
    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    status, out, _ = run(
        capsys,
        monkeypatch,
        "--db",
        str(path),
        "import",
        "staff",
        str(DATA / "staff_nip_17_digits.csv"),
        lang="id",
    )
    assert status == EXIT_REJECTS
    assert out.splitlines() == [
        "staff_nip_17_digits.csv: staff (CSV, utf-8, ',', judul kolom di baris 1)",
        "dibaca 2, baru 1, diubah 0, tetap 0, ditolak 1, peringatan 0",
        "unit kerja baru: 1",
        "impor #1 tersimpan",
        "1 masalah pertama:",
        "  [NIP] '19800101200501100' DITOLAK: NIP harus 18 digit, ditemukan 17 (baris 2)",
    ]


def test_a_refused_file_gives_status_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    status, out, err = run(
        capsys, monkeypatch, "--db", str(path), "import", "auto", str(DATA / "empty.csv")
    )
    assert (status, out, err) == (EXIT_REFUSED, "", "The file empty.csv is empty.\n")
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    con.close()


def test_dry_run_and_undo(tmp_path, capsys, monkeypatch):
    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    sample = str(SAMPLES[0].parent / "staff_siasn.csv")
    status, out, _ = run(
        capsys, monkeypatch, "--db", str(path), "import", "staff", sample, "--dry-run"
    )
    assert status == EXIT_OK
    assert "dry run: nothing was written" in out
    status, out, _ = run(capsys, monkeypatch, "--db", str(path), "import", "staff", sample)
    assert "read 28, inserted 28" in out
    status, out, _ = run(capsys, monkeypatch, "--db", str(path), "undo", "staff")
    assert (status, out) == (
        EXIT_OK,
        "Import #1 (staff, staff_siasn.csv) undone: 28 rows removed, 0 rows restored, "
        "20 work units removed.\n",
    )
    status, _, err = run(capsys, monkeypatch, "--db", str(path), "undo", "staff", lang="id")
    assert (status, err) == (EXIT_REFUSED, "Tidak ada impor staff yang bisa dibatalkan.\n")


def test_a_held_database_gives_status_3_in_one_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "held.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        status, out, err = run(
            capsys, monkeypatch, "--db", str(path), "import", "auto", str(DATA / "empty.csv")
        )
    finally:
        holder.kill()
        holder.wait()
    assert (status, out) == (EXIT_LOCKED, "")
    assert len(err.strip().splitlines()) == 1
    assert "in use by another process" in err


# One survey response with bare U8/U9 headers: U8 answered 1, U9 answered 4.
SKM = (
    "Timestamp,Instansi,Unit Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
    "03/11/2025 08:30:00,Pemerintah Kota Sawahlunto,Mal Pelayanan Publik,3,4,2,4,3,2,3,1,4\n"
)


def test_import_map_swaps_u8_and_u9(tmp_path, capsys, monkeypatch):
    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    survey = tmp_path / "skm.csv"
    survey.write_text(SKM, encoding="utf-8")
    swap = ("--map", "U8=u_sarana", "--map", "U9=u_pengaduan")
    status, _, _ = run(capsys, monkeypatch, "--db", str(path), "import", "auto", str(survey), *swap)
    assert status == 0
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT u_sarana, u_pengaduan FROM ikm_responses").fetchall() == [(1, 4)]
    con.close()
    status, _, err = run(
        capsys, monkeypatch, "--db", str(path), "import", "auto", "x", "--map", "U8"
    )
    assert (status, err) == (
        2,
        "--map 'U8' is not valid; write HEADER=COLUMN, e.g. 'U8=u_sarana'.\n",
    )


def test_import_map_applies_to_the_files_whose_dataset_has_the_column(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "asn.duckdb"
    db.connect(path).close()
    staff = tmp_path / "pegawai.csv"
    staff.write_text(
        "NIP,Nama,Wilayah,Unit Kerja,Jenis Pegawai\n"
        "198001012005011001,Budi,1275,Dinas Sosial,PNS\n",
        encoding="utf-8",
    )
    survey = tmp_path / "skm.csv"
    survey.write_text(SKM, encoding="utf-8")
    swap = ("--map", "U8=u_sarana", "--map", "U9=u_pengaduan")
    args = ("--db", str(path), "import", "auto", str(staff), str(survey), *swap)
    status, out, err = run(capsys, monkeypatch, *args)
    assert (status, err) == (0, "")
    assert out.count("import #") == 2
    status, _, err = run(capsys, monkeypatch, "--db", str(path), "import", "auto", str(survey),
                         "--map", "U8=u_nothing")  # fmt: skip
    assert (status, err) == (
        2, "--map 'U8=u_nothing' is not valid; write HEADER=COLUMN, e.g. 'U8=u_sarana'.\n"
    )  # fmt: skip
