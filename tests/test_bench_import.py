"""Import benchmark: a 1,000,000-row staff export in the Indonesian Excel dialect (';', UTF-8 BOM,
dd/mm/yyyy), validated and imported into an empty database, against DuckDB's own raw
CREATE TABLE ... AS SELECT * FROM read_csv(...) of the same file. Each runs in its own process and
reports its own peak memory. The naive way (a pydantic model validated per row, then inserted) is
timed on a 100,000-row slice and extrapolated.

The clock covers the work on the file: every process loads the same modules (duckdb, pandas, the
pipeline) before it starts, as the dashboard has them loaded when an officer imports. Raw and
import runs alternate, so that a change in the machine's load falls on both alike.

    python -m pytest -m bench -s tests/test_bench_import.py
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import BaseModel, ValidationInfo, field_validator, model_validator

from asn_analytics.ingest import vocabulary

pytestmark = pytest.mark.bench

ROWS = 1_000_000
NAIVE_ROWS = 100_000
MAX_RATIO = 3.0
MAX_PEAK_MB = 1536
RUNS = 5  # the machine may be shared: the fastest of five runs of each
ROOT = Path(__file__).parent.parent

REGIONS = np.array(
    [
        "Pemerintah Kota Medan",
        "Pemerintah Kota Tanjungbalai",
        "Pemerintah Kota Sawahlunto",
        "Pemerintah Kabupaten Batanghari",
    ]
)
UNITS = np.array(
    [f"Dinas {n}" for n in ("Kesehatan", "Pendidikan", "Sosial", "Perhubungan", "Pertanian")]
    + [f"UPTD Puskesmas {i}" for i in range(1, 36)]
)
GOLONGAN = np.array(["Pengatur (II/c)", "Penata Muda (III/a)", "Penata (III/c)", "Pembina (IV/a)"])
EDUCATION = np.array(["SMA/SMK", "Diploma III", "S-1/Sarjana", "S-2"])
POSITIONS = np.array(
    [
        ("Fungsional", "Perawat Ahli Pertama"),
        ("Fungsional", "Guru Ahli Muda"),
        ("Pelaksana", "Pengadministrasi Perkantoran"),
        ("Struktural", "Kepala Seksi"),
    ]
)
# The per-row baseline's normalisers, the same vocabulary the import reads.
_NORMALISE = {
    "employment_type": vocabulary.employment_type,
    "gender": vocabulary.gender,
    "golongan": vocabulary.golongan,
    "position_type": vocabulary.position_type,
    "education_level": vocabulary.education_level,
    "status": vocabulary.staff_status,
}
NAMES = np.array(["Budi Santoso", "Siti Aminah", "Rina Lubis", "Hendra Siregar", "Dewi Harahap"])


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Valid PNS rows with unique NIPs built from their birth date, TMT and gender (vectorised)."""
    rng = np.random.default_rng(seed)
    birth = np.datetime64("1966-01-01") + rng.integers(0, 12_800, rows).astype("timedelta64[D]")
    months = rng.integers(20 * 12, 35 * 12, rows).astype("timedelta64[M]")
    tmt = (birth.astype("datetime64[M]") + months).astype("datetime64[D]")
    gender = rng.integers(1, 3, rows)
    birth_s, tmt_s = pd.Series(birth), pd.Series(tmt)
    prefix = (
        birth_s.dt.strftime("%Y%m%d") + tmt_s.dt.strftime("%Y%m") + pd.Series(gender).astype(str)
    )
    nip = prefix + (prefix.groupby(prefix).cumcount() + 1).map("{:03d}".format)
    position = POSITIONS[rng.integers(0, len(POSITIONS), rows)]
    frame = pd.DataFrame(
        {
            "NIP": nip,
            "Nama": NAMES[rng.integers(0, len(NAMES), rows)],
            "Instansi": REGIONS[rng.integers(0, len(REGIONS), rows)],
            "Unit Kerja": UNITS[rng.integers(0, len(UNITS), rows)],
            "Jenis Pegawai": np.where(rng.random(rows) < 0.05, "CPNS", "PNS"),
            "Jenis Kelamin": np.where(gender == 1, "Laki-laki", "Perempuan"),
            "Tgl Lahir": birth_s.dt.strftime("%d/%m/%Y"),
            "TMT CPNS": tmt_s.dt.strftime("%d/%m/%Y"),
            "Golongan": GOLONGAN[rng.integers(0, len(GOLONGAN), rows)],
            "Jenis Jabatan": position[:, 0],
            "Jabatan": position[:, 1],
            "Pendidikan": EDUCATION[rng.integers(0, len(EDUCATION), rows)],
            "Kedudukan Hukum": "Aktif",
        }
    )
    frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")


CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    mode, csv_path, db_path, naive_rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    from asn_analytics import db, ingest
    con = db.connect(db_path)
    started = time.perf_counter()
    if mode == "raw":
        con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [csv_path])
        rows = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    elif mode == "floor":
        # The staff table's own cost: the same rows, already typed, written into it as the import
        # writes them (in NIP order, into the empty table, the key built after the rows).
        from asn_analytics.ingest import store
        con.execute("ATTACH '" + csv_path.replace("'", "''") + "' AS done (READ_ONLY)")
        con.execute("CREATE TEMP TABLE s AS SELECT * FROM done.staff ORDER BY hash(nip)")
        con.execute("DETACH done")
        started = time.perf_counter()
        con.execute("BEGIN")
        assert store.insert_keyed(con, "staff", ("nip",), "SELECT * FROM s", [])
        db.commit_checkpointed(con)
        rows = con.execute("SELECT count(*) FROM staff").fetchone()[0]
    elif mode == "import":
        report = ingest.import_file(con, csv_path, "pegawai.csv", "staff")
        assert report.rejected == 0 and report.warnings == 0, report.lines()
        rows = report.inserted
    else:
        from tests.test_bench_import import naive
        rows = naive(con, csv_path, naive_rows)
    con.close()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak_mb}))
    """
)


class NaiveStaff(BaseModel):
    """The per-row way of checking a staff row: a pydantic model with Python validators, one row
    at a time (the import itself checks the whole file in SQL)."""

    nip: str
    name: str
    region: str
    unit: str
    employment_type: str
    gender: str | None = None
    birth_date: dt.date | None = None
    tmt_cpns: dt.date | None = None
    golongan: str | None = None
    position_type: str | None = None
    position_name: str | None = None
    education_level: str | None = None
    status: str | None = None

    @field_validator("nip", mode="before")
    @classmethod
    def _nip(cls, value: str) -> str:
        cleaned = re.sub(r"\s+", "", value.removeprefix("'"))
        if not re.fullmatch(r"[0-9]{18}", cleaned):
            raise ValueError(f"NIP must have 18 digits, found {len(cleaned)}")
        return cleaned

    @field_validator("birth_date", "tmt_cpns", mode="before")
    @classmethod
    def _date(cls, value: str) -> dt.date | None:
        return dt.datetime.strptime(value, "%d/%m/%Y").date() if value.strip() else None

    @field_validator(*_NORMALISE, mode="before")
    @classmethod
    def _enum(cls, value: str, info: ValidationInfo) -> str | None:
        found = _NORMALISE[info.field_name](value) if value.strip() else None
        if found is None and info.field_name == "employment_type":
            raise ValueError(f"unknown value {value!r}")
        return found

    @model_validator(mode="after")
    def _from_nip(self) -> NaiveStaff:
        if self.birth_date is None:
            self.birth_date = dt.datetime.strptime(self.nip[:8], "%Y%m%d").date()
        if self.gender is None:
            self.gender = {"1": "L", "2": "P"}.get(self.nip[14])
        if self.tmt_cpns is None:
            self.tmt_cpns = dt.datetime.strptime(self.nip[8:14] + "01", "%Y%m%d").date()
        self.status = self.status or "aktif"
        if self.tmt_cpns <= self.birth_date:
            raise ValueError("TMT is not after the birth date")
        return self


def naive(con, csv_path: str, rows: int) -> int:
    """The per-row way: read with the csv module, validate each row with its pydantic model
    (regions and units looked up per row), then insert the validated rows (in bulk)."""
    import csv
    import itertools

    from asn_analytics.ingest import mapping, places

    regions = places.Regions.load(con)
    units = places.Units.load(con, regions)
    out = []
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        headers = next(reader)
        columns = mapping.map_headers(headers, "staff").columns
        for cells in itertools.islice(reader, rows):
            row = {columns[i]: value for i, value in enumerate(cells) if i in columns}
            staff = NaiveStaff.model_validate(row).model_dump()
            staff["region_code"] = regions.resolve(staff.pop("region")).region_code
            staff["unit_id"] = units.resolve(staff["region_code"], staff.pop("unit")).unit_id
            out.append(staff)
    frame = pd.DataFrame(out)
    new_units = pd.DataFrame(
        [(u, u.split(":")[0], n) for u, n in units.created.items()],
        columns=["unit_id", "region_code", "name"],
    )
    con.register("new_units", new_units)
    con.execute("INSERT INTO units BY NAME SELECT * FROM new_units")
    con.register("naive_rows", frame)
    con.execute("INSERT INTO staff BY NAME SELECT * FROM naive_rows")
    return len(frame)


def _child(mode: str, csv_path: Path, db_path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(csv_path), str(db_path), str(NAIVE_ROWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _best(modes: tuple[str, ...], csv_path: Path, directory: Path) -> list[dict]:
    """Per mode, the fastest of RUNS runs (each into a new database) with the largest peak
    memory; the modes' runs alternate."""
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    for n in range(RUNS):
        for mode in modes:
            runs[mode].append(_child(mode, csv_path, directory / f"{mode}{n}.duckdb"))
    best = []
    for mode in modes:
        fastest = min(runs[mode], key=lambda r: r["seconds"])
        best.append({**fastest, "peak_mb": max(r["peak_mb"] for r in runs[mode])})
    return best


def test_import_of_a_million_staff_rows(tmp_path):
    csv_path = tmp_path / "pegawai_1m.csv"
    # Generated in its own process: a child forked from a large parent would report the
    # parent's resident memory as its own peak.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tests.test_bench_import import generate;"
            " generate(Path(sys.argv[1]), int(sys.argv[2]))",
            str(csv_path),
            str(ROWS),
        ],
        cwd=ROOT,
        check=True,
    )
    size_mb = csv_path.stat().st_size / 1e6
    raw, imported = _best(("raw", "import"), csv_path, tmp_path)
    (floor,) = _best(("floor",), tmp_path / "import0.duckdb", tmp_path)
    slow = _child("naive", csv_path, tmp_path / "naive.duckdb")
    ratio = imported["seconds"] / raw["seconds"]
    naive_full = slow["seconds"] * ROWS / NAIVE_ROWS
    print(
        f"\n{ROWS:,} staff rows, {size_mb:.0f} MB (';', UTF-8 BOM, dd/mm/yyyy);"
        f" best of {RUNS} alternating runs each, each in its own process with the modules"
        " loaded\n"
        f"  DuckDB raw CREATE TABLE AS read_csv : {raw['seconds']:6.2f} s,"
        f" peak {raw['peak_mb']:6.0f} MB\n"
        f"  validated import (this pipeline)    : {imported['seconds']:6.2f} s,"
        f" peak {imported['peak_mb']:6.0f} MB\n"
        f"  ratio import / raw                  : {ratio:6.2f} (target <= {MAX_RATIO})\n"
        f"  of which the staff table alone      : {floor['seconds']:6.2f} s = "
        f"{floor['seconds'] / raw['seconds']:.2f} x raw (1M typed rows written into the"
        f" empty staff table as the import writes them: sort, checks, primary key index)\n"
        f"  naive per-row pydantic              : {slow['seconds']:6.2f} s for {NAIVE_ROWS:,}"
        f" rows, peak {slow['peak_mb']:.0f} MB\n"
        f"    extrapolated to {ROWS:,} rows      : {naive_full:6.1f} s"
        f" (estimate: {NAIVE_ROWS:,}-row slice x {ROWS // NAIVE_ROWS})"
    )
    assert (raw["rows"], imported["rows"], floor["rows"], slow["rows"]) == (
        ROWS,
        ROWS,
        ROWS,
        NAIVE_ROWS,
    )
    assert imported["peak_mb"] <= MAX_PEAK_MB
    assert ratio <= MAX_RATIO
