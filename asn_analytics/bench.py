"""Scale benchmark: a synthetic database at demo, province or national scale, and every page's
metric calls timed cold (a new process) and warm, beside the same figures computed naively in
pandas.

    python -m asn_analytics.bench [--scale demo|province|national] [--dir DIR] [--keep]

The generator writes the rows in DuckDB SQL into a database made by `db.connect`, so the schema,
its CHECK constraints and the macros are the real ones; randomness is `hash()` of row numbers, so
a scale always produces the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from asn_analytics import db, demo, reference
from asn_analytics.metrics import summaries
from asn_analytics.settings import Settings
from asn_analytics.units import slug

DEFAULT_DIR = Path("/tmp/asn-bench")
BENCH_THREADS = 2
# DuckDB's limit while measuring: the process must stay under 2 GB resident.
BENCH_MEMORY = "1GB"
# Generating may use more: it is a one-off job, not the dashboard.
GENERATE_MEMORY = "12GB"
FIRST_YEAR, LAST_YEAR = 2021, 2025
END = dt.date(LAST_YEAR, 12, 31)


@dataclass(frozen=True)
class Scale:
    """Sizes of a synthetic database."""

    name: str
    provinces: tuple[str, ...] | None  # province codes to take regions from (None: all)
    regions: int
    staff: int
    trainings: int
    complaints: int
    ikm: int
    kecamatan: int  # mean kecamatan units per region (27 OPD units come on top)


SCALES = {
    "national": Scale("national", None, 540, 5_600_000, 28_000_000, 5_000_000, 20_000_000, 13),
    "province": Scale(
        "province", ("12", "13", "15"), 54, 560_000, 2_800_000, 500_000, 2_000_000, 13
    ),
    # Hidden: for the default test run.
    "tiny": Scale("tiny", ("12", "13", "15"), 6, 3_000, 15_000, 3_000, 6_000, 3),
}

# -- regions ---------------------------------------------------------------------------------
# (code, province, kabupaten, kota): the 34 provinces with about their real number of regencies
# and cities (Kemendagri codes; kota codes start at 71).
PROVINCES = (
    ("11", "Aceh", 18, 5),
    ("12", "Sumatera Utara", 25, 8),
    ("13", "Sumatera Barat", 12, 7),
    ("14", "Riau", 10, 2),
    ("15", "Jambi", 9, 2),
    ("16", "Sumatera Selatan", 13, 4),
    ("17", "Bengkulu", 9, 1),
    ("18", "Lampung", 13, 2),
    ("19", "Kepulauan Bangka Belitung", 6, 1),
    ("21", "Kepulauan Riau", 5, 2),
    ("31", "DKI Jakarta", 1, 5),
    ("32", "Jawa Barat", 18, 9),
    ("33", "Jawa Tengah", 29, 6),
    ("34", "DI Yogyakarta", 4, 1),
    ("35", "Jawa Timur", 29, 9),
    ("36", "Banten", 4, 4),
    ("51", "Bali", 8, 1),
    ("52", "Nusa Tenggara Barat", 8, 2),
    ("53", "Nusa Tenggara Timur", 21, 1),
    ("61", "Kalimantan Barat", 12, 2),
    ("62", "Kalimantan Tengah", 13, 1),
    ("63", "Kalimantan Selatan", 11, 2),
    ("64", "Kalimantan Timur", 7, 3),
    ("65", "Kalimantan Utara", 4, 1),
    ("71", "Sulawesi Utara", 11, 4),
    ("72", "Sulawesi Tengah", 12, 1),
    ("73", "Sulawesi Selatan", 21, 3),
    ("74", "Sulawesi Tenggara", 15, 2),
    ("75", "Gorontalo", 5, 1),
    ("76", "Sulawesi Barat", 6, 1),
    ("81", "Maluku", 9, 2),
    ("82", "Maluku Utara", 8, 2),
    ("91", "Papua Barat", 12, 1),
    ("94", "Papua", 28, 1),
)
NAME_HEADS = (
    "Air", "Batu", "Bukit", "Gunung", "Kuala", "Labuhan", "Lubuk", "Muara", "Padang", "Pasir",
    "Pematang", "Pulau", "Rantau", "Sei", "Simpang", "Sungai", "Talang", "Tanah", "Tanjung",
    "Teluk", "Ujung", "Way", "Banjar", "Karang", "Pangkalan",
)  # fmt: skip
NAME_TAILS = (
    "Jaya", "Baru", "Raya", "Indah", "Sari", "Makmur", "Permai", "Mulia", "Sejahtera", "Lestari",
    "Agung", "Asri", "Damai", "Harapan", "Kencana", "Mandiri", "Mekar", "Bening", "Panjang",
    "Tinggi", "Hijau", "Emas", "Putih", "Merah", "Timur",
)  # fmt: skip
KECAMATAN = (
    "Kota", "Utara", "Selatan", "Timur", "Barat", "Tengah", "Hilir", "Hulu", "Sukamaju",
    "Sukajadi", "Mekarsari", "Sidomulyo", "Karanganyar", "Tanjung Harapan", "Bukit Indah",
    "Pasar Baru", "Sumber Rejo", "Lubuk Sikaping", "Muara Dua", "Air Putih", "Batang Kuis",
    "Pantai Cermin", "Sei Rampah", "Koto Baru", "Padang Luar", "Rimbo Bujang", "Tebing Tinggi",
    "Simpang Empat", "Kampung Dalam", "Seberang",
)  # fmt: skip


def region_list(scale: Scale) -> pd.DataFrame:
    """The scale's regions: real-looking codes, kota/kabupaten names, provinces and populations.

    The four seed regions keep their codes, names and populations.
    """
    provinces = [p for p in PROVINCES if scale.provinces is None or p[0] in scale.provinces]
    base = sum(k + c for _, _, k, c in provinces)
    factor = scale.regions / base if scale.name != "tiny" else 1.0
    rows = []
    for code, province, n_kab, n_kota in provinces:
        for kind, n, first in (("kabupaten", n_kab, 1), ("kota", n_kota, 71)):
            for i in range(math.ceil(n * factor)):
                rows.append((f"{code}{first + i:02d}", kind, province))
    seeds = {r["region_code"]: r for r in reference.load("regions")["region"]}
    if scale.name == "tiny":
        keep = sorted(seeds) + ["1201", "1301"]
        rows = [r for r in rows if r[0] in keep]
    else:
        rows = _trim(rows, scale.regions, set(seeds))
    rng = np.random.default_rng(20251231)
    out = []
    for i, (code, kind, province) in enumerate(rows):
        head, tail = NAME_HEADS[i % 25], NAME_TAILS[(i // 25 + i) % 25]
        if kind == "kota":
            population = int(np.clip(rng.lognormal(np.log(220_000), 0.8), 30_000, 3_000_000))
            name = f"Kota {head} {tail}"
        else:
            population = int(np.clip(rng.lognormal(np.log(380_000), 0.6), 50_000, 3_500_000))
            name = f"Kabupaten {head} {tail}"
        if code in seeds:
            name, population = seeds[code]["name"], int(seeds[code]["population"])
        out.append((code, name, kind, province, population, 2023))
    return pd.DataFrame(
        out,
        columns=["region_code", "name", "kind", "province", "population", "population_year"],
    )


def _trim(rows: list[tuple[str, str, str]], target: int, keep: set[str]) -> list:
    """Drop regions (never a seed) spread over the list until `target` remain."""
    extra = len(rows) - target
    if extra <= 0:
        return rows
    step = len(rows) / extra
    drop = set()
    i = 0.5
    while len(drop) < extra:
        j = int(i) % len(rows)
        while rows[j][0] in keep or j in drop:
            j = (j + 1) % len(rows)
        drop.add(j)
        i += step
    return [r for j, r in enumerate(rows) if j not in drop]


def region_plan(scale: Scale) -> pd.DataFrame:
    """Regions with their share of staff, complaints and kecamatan (sizes follow population)."""
    regions = region_list(scale)
    weight = regions["population"].to_numpy(float) ** 0.8
    staff = _apportion(scale.staff, weight)
    relative = staff / staff.mean()
    kecamatan = np.clip(np.round(scale.kecamatan * relative**0.35), 2, len(KECAMATAN))
    complaints = _apportion(scale.complaints, regions["population"].to_numpy(float))
    return regions.assign(
        n_staff=staff,
        staff_offset=np.concatenate([[0], np.cumsum(staff)[:-1]]),
        n_kecamatan=kecamatan.astype(int),
        complaints_per_month=complaints / 60.0,
        region_no=np.arange(len(regions)),
    )


def _apportion(total: int, weight: np.ndarray) -> np.ndarray:
    """Integers proportional to `weight` summing to `total` (largest remainder)."""
    exact = total * weight / weight.sum()
    out = np.floor(exact).astype(np.int64)
    out[np.argsort(exact - out)[::-1][: total - out.sum()]] += 1
    return out


def unit_plan() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The OPD of every region and the kecamatan names, with their unit slugs and weights."""
    opd = pd.DataFrame(
        [
            (i, name, slug(name), sector, weight, list(services) if services else None)
            for i, (name, sector, weight, services) in enumerate(demo.OPD)
        ],
        columns=["opd_no", "name", "slug", "sector", "weight", "services"],
    )
    kec = pd.DataFrame(
        [(i, f"Kecamatan {k}", slug(f"Kecamatan {k}")) for i, k in enumerate(KECAMATAN)],
        columns=["kec_no", "name", "slug"],
    )
    return opd, kec


def _sql_list(values: Any) -> str:
    """A DuckDB list literal of constants written by this module (never user input)."""
    items = []
    for v in values:
        items.append("'" + str(v).replace("'", "''") + "'" if isinstance(v, str) else repr(v))
    return "[" + ", ".join(items) + "]"


def _pick(values: Any, u: str) -> str:
    """SQL: one of `values` chosen by the uniform number expression `u`."""
    values = list(values)
    return f"{_sql_list(values)}[1 + least(floor({u} * {len(values)}), {len(values) - 1})::INT]"


def _choose(u: str, weighted: list[tuple[str, float]]) -> str:
    """SQL CASE choosing a value by cumulative probability with the uniform expression `u`."""
    total = sum(p for _, p in weighted)
    parts, acc = [], 0.0
    for value, p in weighted[:-1]:
        acc += p / total
        parts.append(f"WHEN {u} < {acc:.6f} THEN {value}")
    return f"CASE {' '.join(parts)} ELSE {weighted[-1][0]} END"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Uniform [0, 1) from a key and a salt: deterministic, the same whatever the thread count.
_MACROS = """
CREATE OR REPLACE TEMP MACRO rnd(k, salt) AS
    CAST(hash(k, salt) % 1000000007 AS DOUBLE) / 1000000007.0;
-- An approximately standard normal number (sum of three uniforms, variance 1).
CREATE OR REPLACE TEMP MACRO level_label(level) AS
    CASE level WHEN 'ahli_utama' THEN 'Ahli Utama' WHEN 'ahli_madya' THEN 'Ahli Madya'
               WHEN 'ahli_muda' THEN 'Ahli Muda' WHEN 'ahli_pertama' THEN 'Ahli Pertama'
               WHEN 'penyelia' THEN 'Penyelia' WHEN 'mahir' THEN 'Mahir'
               WHEN 'terampil' THEN 'Terampil' ELSE 'Pemula' END;
CREATE OR REPLACE TEMP MACRO rnorm(k, salt) AS
    (rnd(k, salt) + rnd(k, salt + 1) + rnd(k, salt + 2) - 1.5) * 2;
"""


def _staff_sql() -> str:
    guru_level_pns = _choose(
        "u_level", [("'ahli_pertama'", 0.40), ("'ahli_muda'", 0.45), ("'ahli_madya'", 0.15)]
    )
    guru_level_pppk = _choose("u_level", [("'ahli_pertama'", 0.9), ("'ahli_muda'", 0.1)])
    nakes_level = _choose(
        "u_level",
        [
            ("'terampil'", 0.20),
            ("'mahir'", 0.15),
            ("'penyelia'", 0.10),
            ("'ahli_pertama'", 0.30),
            ("'ahli_muda'", 0.18),
            ("'ahli_madya'", 0.06),
            ("'ahli_utama'", 0.01),
        ],
    )
    umum_level = _choose(
        "u_level", [("'ahli_pertama'", 0.45), ("'ahli_muda'", 0.40), ("'ahli_madya'", 0.15)]
    )
    struct_level = _choose(
        "u_level", [("'jpt_pratama'", 0.05), ("'administrator'", 0.30), ("'pengawas'", 0.65)]
    )
    pns_kind = _choose(
        "u_kind",
        [
            ("'struktural'", 0.10),
            ("'guru'", 0.42),
            ("'nakes'", 0.15),
            ("'umum'", 0.09),
            ("'pelaksana'", 0.24),
        ],
    )
    pppk_kind = _choose("u_kind", [("'guru'", 0.64), ("'nakes'", 0.21), ("'pelaksana'", 0.15)])
    nakes = _pick(
        ("Perawat", "Bidan", "Dokter", "Apoteker", "Pranata Laboratorium Kesehatan"), "u_name"
    )
    umum = _pick(
        (
            "Analis Kebijakan",
            "Auditor",
            "Perencana",
            "Pranata Komputer",
            "Analis Keuangan Pusat dan Daerah",
            "Arsiparis",
            "Penyuluh Pertanian",
        ),
        "u_name",
    )
    pelaksana = _pick(
        (
            "Pengelola Layanan Operasional",
            "Penata Layanan Operasional",
            "Operator Layanan Operasional",
            "Pengadministrasi Perkantoran",
        ),
        "u_name",
    )
    edu = {
        "guru": [("'S1'", 0.84), ("'S2'", 0.13), ("'D4'", 0.03)],
        "nakes": [("'D3'", 0.50), ("'D4'", 0.12), ("'S1'", 0.32), ("'S2'", 0.06)],
        "umum": [("'S1'", 0.70), ("'S2'", 0.25), ("'D4'", 0.05)],
        "struktural": [("'S1'", 0.55), ("'S2'", 0.40), ("'S3'", 0.02), ("'D4'", 0.03)],
        "pelaksana": [("'SMP'", 0.02), ("'SLTA'", 0.40), ("'D3'", 0.20), ("'S1'", 0.38)],
    }
    education = "CASE kind " + " ".join(
        f"WHEN '{k}' THEN {_choose('u_edu', v)}" for k, v in edu.items()
    )
    education += " END"
    gol_start = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN {v}" for e, v in demo.GOL_START.items())
        + " END"
    )
    gol_cap = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN {v}" for e, v in demo.GOL_CAP.items())
        + " END"
    )
    gol_pppk = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN '{v}'" for e, v in demo.GOL_PPPK.items())
        + " END"
    )
    first_m = _sql_list(demo.FIRST_NAMES_M)
    first_f = _sql_list(demo.FIRST_NAMES_F)
    last = _sql_list(demo.LAST_NAMES)
    appt = _choose(
        "u_appt",
        [
            ("2019", 0.04),
            ("2021", 0.2),
            ("2022", 0.22),
            ("2023", 0.24),
            ("2024", 0.2),
            ("2025", 0.1),
        ],
    )
    return f"""
CREATE OR REPLACE TEMP TABLE g_staff AS
WITH ids AS (
    SELECT region_code, region_no, staff_offset + unnest(range(n_staff)) AS sid
    FROM g_regions
),
drawn AS (
    SELECT *, rnd(sid, 1) AS u_type, rnd(sid, 2) AS u_kind, rnd(sid, 3) AS u_level,
           rnd(sid, 4) AS u_name, rnd(sid, 5) AS u_unit, rnd(sid, 6) AS u_gender,
           rnd(sid, 7) AS u_edu, rnd(sid, 8) AS u_left, rnd(sid, 9) AS u_age,
           rnd(sid, 10) AS u_age2, rnd(sid, 11) AS u_start, rnd(sid, 12) AS u_appt,
           rnd(sid, 13) AS u_first, rnd(sid, 14) AS u_last, rnd(sid, 15) AS u_senior
    FROM ids
),
typed AS (
    SELECT *, CASE WHEN u_type < 0.67 THEN 'PNS' ELSE 'PPPK' END AS employment_type
    FROM drawn
),
kinds AS (
    SELECT *, CASE employment_type WHEN 'PNS' THEN {pns_kind} ELSE {pppk_kind} END AS kind
    FROM typed
),
positions AS (
    SELECT *,
           CASE kind WHEN 'struktural' THEN 'struktural' WHEN 'pelaksana' THEN 'pelaksana'
                ELSE 'fungsional' END AS position_type,
           CASE kind
               WHEN 'struktural' THEN {struct_level}
               WHEN 'guru' THEN CASE employment_type WHEN 'PNS' THEN {guru_level_pns}
                                ELSE {guru_level_pppk} END
               WHEN 'nakes' THEN CASE WHEN employment_type = 'PPPK' AND u_level > 0.5
                                      THEN 'ahli_pertama' ELSE {nakes_level} END
               WHEN 'umum' THEN {umum_level}
               ELSE 'pelaksana'
           END AS position_level
    FROM kinds
),
named AS (
    SELECT *,
           CASE kind
               WHEN 'struktural' THEN CASE position_level
                   WHEN 'jpt_pratama' THEN 'Kepala Dinas' WHEN 'administrator' THEN 'Kepala Bidang'
                   ELSE 'Kepala Seksi' END
               WHEN 'guru' THEN 'Guru ' || level_label(position_level)
               WHEN 'nakes' THEN {nakes} || ' ' || level_label(position_level)
               WHEN 'umum' THEN {umum} || ' ' || level_label(position_level)
               ELSE {pelaksana}
           END AS position_name,
           CASE WHEN position_level = 'ahli_utama' THEN 65
                WHEN kind = 'guru' OR position_level IN ('jpt_pratama', 'ahli_madya') THEN 60
                ELSE 58 END AS bup,
           CASE WHEN u_gender < CASE kind WHEN 'guru' THEN 0.72 WHEN 'nakes' THEN 0.78
                                          WHEN 'struktural' THEN 0.35 ELSE 0.45 END
                THEN 'P' ELSE 'L' END AS gender,
           -- About 10% left during 2021-2025: PNS mostly by retirement.
           CASE WHEN u_left >= 0.10 THEN 'aktif'
                WHEN employment_type = 'PNS' AND u_left < 0.07 THEN 'pensiun'
                WHEN u_left < 0.085 THEN 'berhenti'
                WHEN u_left < 0.093 THEN 'meninggal'
                ELSE 'pindah' END AS status
    FROM positions
),
dated AS (
    SELECT *,
           CASE WHEN status <> 'aktif'
                THEN DATE '{FIRST_YEAR}-01-01' + CAST(floor(u_age2 * 1825) AS INTEGER) END
               AS status_date
    FROM named
),
born AS (
    SELECT *,
           CASE
               WHEN status = 'pensiun'
                   THEN CAST(date_trunc('month', status_date) - INTERVAL 1 MONTH
                             - to_years(bup) + to_days(CAST(floor(u_age * 27) AS INTEGER))
                             AS DATE)
               WHEN status <> 'aktif'
                   THEN CAST(status_date - to_days(CAST(round((28 + u_age * 28) * 365.25)
                                                       AS INTEGER)) AS DATE)
               ELSE CAST(DATE '{END}' - to_days(CAST(round(365.25 * CASE
                   WHEN u_senior < 0.25 THEN bup - 10 + u_age * 9.9
                   ELSE low + (bup - 0.05 - low) * (u_age + u_age2) / 2 END) AS INTEGER))
                   AS DATE)
           END AS birth_date
    FROM (SELECT *, CASE WHEN employment_type = 'PPPK' THEN 24.0
                         WHEN position_level = 'jpt_pratama' THEN 42.0
                         WHEN position_level = 'administrator' THEN 36.0
                         WHEN position_level = 'pengawas' THEN 30.0 ELSE 23.0 END AS low
          FROM dated)
),
appointed AS (
    SELECT *,
           CASE WHEN employment_type = 'PNS' THEN
               CAST(date_trunc('month', least(
                   birth_date + to_days(CAST(round(365.25 * (20 + u_start * (least(35.0,
                       greatest(20.5, datediff('day', birth_date,
                           coalesce(status_date, DATE '{END}')) / 365.25 - 0.6)) - 20)))
                       AS INTEGER)),
                   DATE '2025-06-01')) AS DATE)
           ELSE make_date(CAST(greatest(least({appt}, year(coalesce(status_date,
                                                                    DATE '{END}'))),
                                        year(birth_date) + 20) AS INTEGER), 3, 1)
           END AS tmt_cpns
    FROM born
),
educated AS (
    SELECT *, {education} AS education_level FROM appointed
),
graded AS (
    SELECT *,
           CASE WHEN employment_type = 'PPPK' THEN {gol_pppk}
           ELSE {_sql_list(demo.GOLONGAN_PNS)}[1 + least(16, CASE position_level
               WHEN 'jpt_pratama' THEN greatest(13, gol) WHEN 'administrator' THEN greatest(11, gol)
               WHEN 'pengawas' THEN greatest(9, gol) ELSE gol END)]
           END AS golongan
    FROM (SELECT *, least({gol_cap}, {gol_start}
                 + CAST(floor(greatest(0, datediff('day', tmt_cpns, DATE '{END}')) / 365.25 / 4)
                        AS INTEGER)) AS gol
          FROM educated)
),
placed AS (
    SELECT g.*, coalesce(fixed.unit_id, slot.unit_id) AS unit_id
    FROM graded AS g
    LEFT JOIN g_fixed_units AS fixed
      ON fixed.region_code = g.region_code
     AND fixed.role = CASE WHEN g.kind = 'guru' THEN 'pendidikan'
                           WHEN g.kind = 'nakes' AND g.u_unit < 0.6 THEN 'kesehatan'
                           WHEN g.kind = 'nakes' THEN 'rsud' END
    JOIN (SELECT DISTINCT region_code, n_slots FROM g_slots) AS ns
      ON ns.region_code = g.region_code
    LEFT JOIN g_slots AS slot
      ON slot.region_code = g.region_code
     AND slot.slot = CAST(floor(g.u_unit * ns.n_slots) AS INTEGER)
)
SELECT sid, region_code, unit_id, employment_type, kind, gender, birth_date, tmt_cpns, golongan,
       position_type, position_level, position_name, education_level, status, status_date,
       CASE WHEN gender = 'P' THEN {first_f}[1 + CAST(floor(u_first * {len(demo.FIRST_NAMES_F)})
                                                      AS INTEGER)]
            ELSE {first_m}[1 + CAST(floor(u_first * {len(demo.FIRST_NAMES_M)}) AS INTEGER)]
       END || ' ' || {last}[1 + CAST(floor(u_last * {len(demo.LAST_NAMES)}) AS INTEGER)] AS name,
       strftime(birth_date, '%Y%m%d')
           || CASE WHEN employment_type = 'PNS' THEN strftime(tmt_cpns, '%Y%m')
                   ELSE CAST(year(tmt_cpns) AS VARCHAR) || '21' END
           || CASE gender WHEN 'L' THEN '1' ELSE '2' END AS nip_prefix
FROM placed
"""


def _units_sql() -> str:
    return """
CREATE OR REPLACE TEMP TABLE g_units AS
SELECT r.region_code, r.region_code || ':' || o.slug AS unit_id, o.name, o.sector, o.weight,
       o.services, o.opd_no AS unit_no
FROM g_regions AS r CROSS JOIN g_opd AS o
UNION ALL
SELECT r.region_code, r.region_code || ':' || k.slug, k.name, 'kewilayahan', 2,
       CASE WHEN k.kec_no < 3 THEN ['Surat Keterangan', 'Rekomendasi Izin Keramaian'] END,
       100 + k.kec_no
FROM g_regions AS r JOIN g_kec AS k ON k.kec_no < r.n_kecamatan;

CREATE OR REPLACE TEMP TABLE g_fixed_units AS
SELECT region_code, CASE name WHEN 'Dinas Pendidikan' THEN 'pendidikan'
                              WHEN 'Dinas Kesehatan' THEN 'kesehatan' ELSE 'rsud' END AS role,
       unit_id
FROM g_units
WHERE name IN ('Dinas Pendidikan', 'Dinas Kesehatan', 'Rumah Sakit Umum Daerah');

-- Everyone else is spread over the other units by weight: one slot per unit of weight.
CREATE OR REPLACE TEMP TABLE g_slots AS
SELECT region_code, unit_id,
       CAST(row_number() OVER (PARTITION BY region_code ORDER BY unit_id, k) - 1 AS INTEGER)
           AS slot,
       CAST(count(*) OVER (PARTITION BY region_code) AS INTEGER) AS n_slots
FROM (SELECT region_code, unit_id, unnest(range(weight)) AS k
      FROM g_units WHERE sector NOT IN ('pendidikan', 'kesehatan'));

INSERT INTO units (unit_id, region_code, name, sector)
SELECT unit_id, region_code, name, sector FROM g_units;
"""


_PEOPLE_SQL = """
CREATE OR REPLACE TEMP TABLE g_people AS
SELECT *, nip_prefix || lpad(CAST(row_number() OVER (PARTITION BY nip_prefix ORDER BY sid)
                                  AS VARCHAR), 3, '0') AS nip
FROM g_staff;

INSERT INTO staff (nip, name, region_code, unit_id, employment_type, gender, birth_date, tmt_cpns,
                   golongan, position_type, position_level, position_name, education_level,
                   status, status_date)
SELECT nip, name, region_code, unit_id, employment_type, gender, birth_date, tmt_cpns, golongan,
       position_type, position_level, position_name, education_level, status, status_date
FROM g_people;

-- Staff in service in each year, the base of appraisals, trainings and sanctions.
CREATE OR REPLACE TEMP TABLE g_staff_years AS
SELECT p.sid, p.nip, p.region_code, p.unit_id, p.employment_type, p.kind, p.position_level,
       p.tmt_cpns, y.range AS year
FROM g_people AS p
JOIN range({first_year}, {last_year} + 1) AS y
  ON in_service(p.tmt_cpns, p.status, p.status_date, y.range);

-- Evaluators: the structural officials of each unit, numbered.
CREATE OR REPLACE TEMP TABLE g_evaluators AS
SELECT unit_id, nip,
       CAST(row_number() OVER (PARTITION BY unit_id ORDER BY sid) - 1 AS INTEGER) AS k,
       CAST(count(*) OVER (PARTITION BY unit_id) AS INTEGER) AS n
FROM g_people
WHERE kind = 'struktural' AND status = 'aktif';
"""

# Cell order (result, behaviour) as in demo.CELLS, with demo.CELL_P_NORMAL.
_RATINGS = "['di_atas', 'sesuai', 'di_bawah']"


def _appraisals_sql() -> str:
    cells = _choose("u_cell", [(str(i), p) for i, p in enumerate(demo.CELL_P_NORMAL)])
    return f"""
INSERT INTO appraisals (nip, year, period, result_rating, behavior_rating, predikat,
                        achievement_pct, evaluator_nip)
WITH rated AS (
    SELECT sy.sid, sy.nip, sy.year, sy.unit_id, e.nip AS evaluator_nip,
           rnd(sy.sid, 1000 + sy.year) AS u_cell, rnd(sy.sid, 2000 + sy.year) AS u_lenient,
           rnd(hash(sy.unit_id), 3) < 0.03 AS lenient_unit,
           rnd(hash(e.nip), 4) < 0.02 AS lenient_evaluator
    FROM g_staff_years AS sy
    LEFT JOIN (SELECT DISTINCT unit_id, n FROM g_evaluators) AS c USING (unit_id)
    LEFT JOIN g_evaluators AS e
      ON e.unit_id = sy.unit_id AND e.k = CAST(floor(rnd(sy.sid, 40) * c.n) AS INTEGER)
    WHERE sy.year >= {{appraisal_from}}
),
celled AS (
    SELECT *, CASE WHEN (lenient_unit AND u_lenient < 0.8)
                        OR (lenient_evaluator AND u_lenient < 0.9) THEN 0
                   ELSE {cells} END AS cell
    FROM rated
),
rated_cells AS (
    SELECT *, {_RATINGS}[cell // 3 + 1] AS result_rating,
           {_RATINGS}[cell % 3 + 1] AS behavior_rating
    FROM celled
)
SELECT nip, year, 'tahunan', result_rating, behavior_rating,
       predikat_of(result_rating, behavior_rating),
       CAST(round(least(150, greatest(40,
           CASE WHEN lenient_unit AND cell = 0 THEN 92.0
                ELSE CASE result_rating WHEN 'di_atas' THEN 112.0 WHEN 'sesuai' THEN 101.0
                     ELSE 82.0 END END
           + CASE result_rating WHEN 'di_atas' THEN 6.0 WHEN 'sesuai' THEN 4.0 ELSE 8.0 END
             * rnorm(sid, 3000 + year * 3))), 2) AS DECIMAL(6, 2)),
       evaluator_nip
FROM rated_cells
"""


def _trainings_sql() -> str:
    category = _choose(
        "u_cat",
        [
            ("'teknis'", 0.5),
            ("'fungsional'", 0.25),
            ("'manajerial'", 0.1),
            ("'sosial_kultural'", 0.07),
            ("'seminar'", 0.08),
        ],
    )
    titles = "CASE category " + " ".join(
        f"WHEN '{c}' THEN {_pick(t, 'u_title')}" for c, t in demo.TRAININGS.items()
    )
    titles += " END"
    lead = (
        "CASE position_level "
        + " ".join(f"WHEN '{lv}' THEN {_q(title)}" for lv, (title, _) in demo.LEADERSHIP.items())
        + " END"
    )
    lead_jp = (
        "CASE position_level "
        + " ".join(f"WHEN '{lv}' THEN {jp}" for lv, (_, jp) in demo.LEADERSHIP.items())
        + " END"
    )
    return f"""
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
WITH reach AS (
    SELECT sy.*,
           rnd(sy.sid, 4000 + sy.year) < CASE WHEN sy.employment_type = 'PPPK' THEN 0.3
               ELSE 0.28 + 0.3 * rnd(hash(sy.region_code), 5) + 0.03 * (sy.year - {FIRST_YEAR})
               END AS reach,
           rnd(sy.sid, 5000 + sy.year) AS u_n1, rnd(sy.sid, 6000 + sy.year) AS u_n2
    FROM g_staff_years AS sy
),
counted AS (
    SELECT *,
           CASE WHEN reach AND employment_type = 'PPPK' THEN 1
                WHEN reach THEN 1 + CAST(u_n1 < 0.35 AS INTEGER) + CAST(u_n2 < 0.35 AS INTEGER)
                WHEN u_n1 < 0.3 THEN 0
                ELSE 1 + CAST(u_n2 < 0.4 AS INTEGER) END AS n_tr
    FROM reach
),
each AS (
    SELECT sid, nip, year, employment_type, reach, unnest(range(n_tr)) AS k FROM counted
),
drawn AS (
    SELECT *, sid * 16 + (year - {FIRST_YEAR}) * 3 + k AS t,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 7) AS u_cat,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 8) AS u_title,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 9) AS u_jp,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 10) AS u_day
    FROM each
),
described AS (
    SELECT *, {category} AS category,
           CASE WHEN reach AND employment_type = 'PPPK' THEN {_pick([20.0, 24.0], "u_jp")}
                WHEN reach AND k = 0 THEN {_pick(demo.MAIN_JP.tolist(), "u_jp")}
                WHEN reach THEN {_pick(demo.EXTRA_JP.tolist(), "u_jp")}
                ELSE {_pick(demo.SHORT_JP.tolist(), "u_jp")} END AS jp,
           make_date(year, 1, 1) + CAST(10 + floor(u_day * 110) + k * 110 AS INTEGER) AS start_date
    FROM drawn
)
SELECT nip, {titles}, category,
       CASE WHEN rnd(t, 11) < 0.55 THEN 'klasikal' ELSE 'nonklasikal' END,
       start_date, start_date + CAST(greatest(1, ceil(jp / 8)) - 1 AS INTEGER),
       CAST(jp AS DECIMAL(7, 2)), {_pick(demo.PROVIDERS, "rnd(t, 12)")}
FROM described;

-- Basic training (Latsar) in the year of appointment of new CPNS.
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
SELECT nip, 'Pelatihan Dasar CPNS', 'latsar', 'klasikal', start_date, start_date + 50, 300,
       'BPSDM Provinsi'
FROM (SELECT nip, least(tmt_cpns + 60, make_date(year, 11, 1)) AS start_date
      FROM g_staff_years
      WHERE employment_type = 'PNS' AND year(tmt_cpns) = year);

-- Leadership training for about half of the structural officials, once.
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
SELECT nip, {lead}, 'kepemimpinan', 'klasikal', start_date, start_date + 120, {lead_jp},
       'BPSDM Provinsi'
FROM (SELECT nip, position_level,
             make_date({FIRST_YEAR} + CAST(floor(rnd(sid, 20) * 5) AS INTEGER), 3, 1)
                 + CAST(floor(rnd(sid, 21) * 150) AS INTEGER) AS start_date
      FROM g_people
      WHERE kind = 'struktural' AND status = 'aktif' AND rnd(sid, 22) < 0.5);

INSERT INTO discipline (nip, decision_date, level, type)
SELECT nip, make_date(year, 1, 15) + CAST(floor(rnd(sid, 31 + year) * 330) AS INTEGER), level,
       CASE level {
        " ".join(
            f"WHEN '{lv}' THEN {_pick(t, 'rnd(sid, 32 + year)')}"
            for lv, t in demo.DISCIPLINE.items()
        )
    } END
FROM (SELECT *, {
        _choose("rnd(sid, 33 + year)", [("'ringan'", 0.6), ("'sedang'", 0.28), ("'berat'", 0.12)])
    } AS level
      FROM g_staff_years WHERE rnd(sid, 30 + year) < 0.01);
"""


def _complaints_sql() -> str:
    categories = list(demo.COMPLAINT_CATEGORIES)
    category = _choose("u_cat", [(_q(c), demo.COMPLAINT_CATEGORIES[c][0]) for c in categories])
    sector = "CASE category " + " ".join(
        f"WHEN {_q(c)} THEN {_q(s)}" for c, (_, s) in demo.COMPLAINT_CATEGORIES.items()
    )
    sector += " END"
    channel = _choose(
        "u_channel",
        [("'LAPOR!'", 0.5), ("'media sosial'", 0.25), ("'SMS 1708'", 0.1), ("'langsung'", 0.15)],
    )
    v_lag = _choose(
        "u_v",
        [
            (str(d), p)
            for d, p in zip(
                [0, 1, 2, 3, 4, 5, 7, 10],
                [0.3, 0.3, 0.15, 0.12, 0.06, 0.04, 0.02, 0.01],
                strict=True,
            )
        ],
    )
    r_lag = _choose(
        "u_r",
        [
            (str(d), p)
            for d, p in zip(
                [0, 1, 2, 3, 4, 5, 6, 8, 12],
                [0.1, 0.25, 0.2, 0.15, 0.1, 0.09, 0.05, 0.04, 0.02],
                strict=True,
            )
        ],
    )
    after = END + dt.timedelta(days=1)
    return f"""
CREATE OR REPLACE TEMP TABLE g_sector_units AS
SELECT region_code, sector, unit_id,
       CAST(row_number() OVER (PARTITION BY region_code, sector ORDER BY unit_id) - 1 AS INTEGER)
           AS k,
       CAST(count(*) OVER (PARTITION BY region_code, sector) AS INTEGER) AS n
FROM g_units;

INSERT INTO complaints (complaint_id, region_code, unit_id, channel, category, received_at,
                        verified_at, first_response_at, closed_at, status)
WITH months AS (
    SELECT region_code, region_no, complaints_per_month AS lam, m.range AS month_no,
           make_date({FIRST_YEAR} + CAST(m.range // 12 AS INTEGER),
                     CAST(m.range % 12 + 1 AS INTEGER), 1) AS month
    FROM g_regions CROSS JOIN range(60) AS m
),
counted AS (
    -- Seasonal, noisy, and now and then a month of trouble (2.5 times the usual).
    SELECT *, CAST(round(lam * (1 + 0.12 * sin(2 * pi() * (month(month) - 3) / 12))
                         * (0.85 + 0.3 * rnd(region_no * 60 + month_no, 300))
                         * CASE WHEN rnd(region_no * 60 + month_no, 301) < 0.01 THEN 2.5
                                ELSE 1 END) AS INTEGER) AS n
    FROM months
),
each AS (
    SELECT region_code, region_no, month, month_no, unnest(range(n)) AS seq FROM counted
),
drawn AS (
    SELECT *, (region_no * 60 + month_no) * 100000 + seq AS c,
           rnd((region_no * 60 + month_no) * 100000 + seq, 40) AS u_cat,
           rnd((region_no * 60 + month_no) * 100000 + seq, 41) AS u_channel,
           rnd((region_no * 60 + month_no) * 100000 + seq, 42) AS u_v,
           rnd((region_no * 60 + month_no) * 100000 + seq, 43) AS u_r,
           rnd((region_no * 60 + month_no) * 100000 + seq, 44) AS u_out
    FROM each
),
timed AS (
    SELECT *, {category} AS category, {channel} AS channel,
           CAST(month AS TIMESTAMP)
               + to_days(CAST(floor(rnd(c, 45) * datediff('day', month,
                                                          month + INTERVAL 1 MONTH))
                              AS INTEGER))
               + to_seconds(CAST(7 * 3600 + floor(rnd(c, 46) * 15 * 3600) AS BIGINT))
               AS received_at,
           {v_lag} AS v_lag, {r_lag} AS r_lag,
           CAST(round(exp(ln(10) + 0.9 * rnorm(c, 47))) AS INTEGER) AS c_lag
    FROM drawn
),
stepped AS (
    -- Working-day lags, roughly: two weekend days for every five working days.
    SELECT *, greatest(received_at, CAST(CAST(received_at AS DATE) AS TIMESTAMP)
                       + to_days(v_lag + 2 * (v_lag // 5))
                       + to_seconds(CAST(8 * 3600 + floor(rnd(c, 48) * 8 * 3600) AS BIGINT)))
                  AS verified
    FROM timed
),
stepped2 AS (
    SELECT *, greatest(verified, CAST(CAST(verified AS DATE) AS TIMESTAMP)
                       + to_days(r_lag + 2 * (r_lag // 5))
                       + to_seconds(CAST(8 * 3600 + floor(rnd(c, 49) * 8 * 3600) AS BIGINT)))
                  AS responded
    FROM stepped
),
stepped3 AS (
    SELECT *, greatest(responded, received_at + to_days(c_lag)
                       + to_seconds(CAST(floor(rnd(c, 50) * 4 * 3600) AS BIGINT))) AS closed,
              CASE WHEN u_out < 0.03 THEN 'bukan_wewenang' WHEN u_out < 0.05 THEN 'arsip'
                   WHEN u_out < 0.06 THEN 'tunda' ELSE 'selesai' END AS outcome
    FROM stepped2
),
known AS (
    -- Steps after the end of the data are not done yet.
    SELECT *,
           CASE WHEN verified < TIMESTAMP '{after}' THEN verified END AS v_at,
           CASE WHEN outcome NOT IN ('bukan_wewenang', 'arsip')
                 AND responded < TIMESTAMP '{after}' THEN responded END AS r_at,
           CASE WHEN outcome IN ('bukan_wewenang', 'arsip') THEN
                    CASE WHEN verified < TIMESTAMP '{after}' THEN verified END
                WHEN outcome = 'tunda' THEN NULL
                WHEN closed < TIMESTAMP '{after}' THEN closed END AS c_at
    FROM stepped3
)
SELECT k.region_code || '-' || strftime(k.month, '%Y%m') || '-' || lpad(CAST(k.seq + 1 AS VARCHAR),
                                                                         5, '0'),
       k.region_code,
       CASE WHEN rnd(k.c, 51) < 0.05 THEN NULL ELSE su.unit_id END,
       k.channel, k.category, k.received_at, k.v_at, k.r_at, k.c_at,
       CASE WHEN k.c_at IS NOT NULL OR k.outcome = 'tunda' THEN k.outcome
            WHEN k.v_at IS NULL THEN 'baru'
            WHEN k.r_at IS NULL THEN 'terverifikasi'
            ELSE 'proses' END
FROM known AS k
LEFT JOIN (SELECT DISTINCT region_code, sector, n FROM g_sector_units) AS sn
  ON sn.region_code = k.region_code AND sn.sector = {sector.replace("category", "k.category")}
LEFT JOIN g_sector_units AS su
  ON su.region_code = k.region_code AND su.sector = sn.sector
 AND su.k = CAST(floor(rnd(k.c, 52) * sn.n) AS INTEGER)
"""


def _ikm_sql() -> str:
    elements = list(demo.IKM_ELEMENTS)
    answers = ",\n       ".join(
        f"CASE WHEN rnd(r, {700 + i}) < 0.005 THEN NULL ELSE CAST(1 + CAST(rnd(r, {600 + i}) > 0.01"
        f" AS INTEGER) + CAST(rnd(r, {600 + i}) > 0.60 - p4_{i} AS INTEGER)"
        f" + CAST(rnd(r, {600 + i}) > 1.0 - p4_{i} AS INTEGER) AS TINYINT) END AS {e}"
        for i, e in enumerate(elements)
    )
    p4 = ",\n           ".join(
        f"least(0.59, greatest(0.0, (m + {off} - 2.39) / 2)) AS p4_{i}"
        for i, off in enumerate(demo.IKM_ELEMENT_OFFSET)
    )
    return f"""
INSERT INTO ikm_responses (response_id, region_code, unit_id, survey_date, service,
                           {", ".join(elements)})
WITH service_units AS (
    SELECT u.region_code, r.region_no, u.unit_id, u.services,
           r.region_no * 200 + u.unit_no AS unit_key
    FROM g_units AS u JOIN g_regions AS r USING (region_code)
    WHERE u.services IS NOT NULL
),
unit_years AS (
    SELECT s.*, y.range AS year,
           CAST(round($per_unit_year * (0.7 + 0.6 * rnd(s.unit_key * 10 + y.range, 500)))
                AS INTEGER) AS n,
           -- The region's level, its drift over the years, and the unit's own offset.
           2.95 + 0.5 * rnd(s.region_no, 501)
               + (y.range - 2023) * 0.08 * (rnd(s.region_no, 502) - 0.5) * 2
               + 0.2 * (rnd(s.unit_key, 503) - 0.5) AS m
    FROM service_units AS s CROSS JOIN range({FIRST_YEAR}, {LAST_YEAR} + 1) AS y
),
each AS (
    SELECT *, (unit_key * 8 + year - {FIRST_YEAR}) * 100000 + unnest(range(n)) AS r
    FROM unit_years
),
shaped AS (
    SELECT *, {p4}
    FROM each
)
SELECT 'BENCH-' || CAST(r AS VARCHAR), region_code, unit_id,
       make_date(year, 1, 2) + CAST(floor(rnd(r, 510) * 363) AS INTEGER),
       services[1 + CAST(floor(rnd(r, 511) * len(services)) AS INTEGER)],
       {answers}
FROM shaped
"""


def generate(
    path: Path,
    scale: Scale,
    *,
    threads: int = BENCH_THREADS,
    memory_limit: str = GENERATE_MEMORY,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """Write the synthetic database of `scale` to `path` (replaced if present); row counts."""
    path = Path(path)
    for leftover in (path, Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)
    settings = Settings(db_path=path, threads=threads, memory_limit=memory_limit)
    con = db.connect(path, settings=settings)
    try:
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        con.execute(_MACROS)
        plan = region_plan(scale)
        opd, kec = unit_plan()
        for name, frame in (("g_regions", plan), ("g_opd", opd), ("g_kec", kec)):
            con.register("plan_frame", frame)
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM plan_frame")
            con.unregister("plan_frame")
        con.execute(
            "INSERT INTO regions (region_code, name, kind, province, population, population_year)"
            " SELECT region_code, name, kind, province, population, population_year"
            " FROM g_regions ON CONFLICT DO NOTHING"
        )
        steps = (
            ("units", _units_sql()),
            ("staff", _staff_sql()),
            ("staff", _PEOPLE_SQL.format(first_year=FIRST_YEAR, last_year=LAST_YEAR)),
            ("appraisals", _appraisals_sql().replace("{appraisal_from}", str(FIRST_YEAR))),
            ("trainings", _trainings_sql()),
            ("complaints", _complaints_sql()),
        )
        for label, sql in steps:
            started = time.perf_counter()
            con.execute(sql)
            log(f"  {label:<12} {time.perf_counter() - started:6.1f} s")
        service_units = con.execute(
            "SELECT count(*) FROM g_units WHERE services IS NOT NULL"
        ).fetchone()[0]
        started = time.perf_counter()
        per_unit_year = scale.ikm / (service_units * (LAST_YEAR - FIRST_YEAR + 1))
        con.execute(_ikm_sql(), {"per_unit_year": per_unit_year})
        log(f"  {'ikm':<12} {time.perf_counter() - started:6.1f} s")
        for table in ("g_staff", "g_people", "g_staff_years", "g_evaluators", "g_slots"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        db.set_meta(con, "bench_scale", scale.name)
        started = time.perf_counter()
        summaries.refresh(con)
        log(f"  {'summaries':<12} {time.perf_counter() - started:6.1f} s")
        con.execute("CHECKPOINT")
        return db.table_counts(con)
    finally:
        con.close()


# -- the pages -------------------------------------------------------------------------------
# Every metric call each page makes, in order (app_pages/*.py). True: the page narrows the call
# to the last year, as in `blocks.metric(ctx, "kuadran", year_from=year)`.
PAGES: dict[str, tuple[tuple[str, bool], ...]] = {
    "ringkasan": (("overview", False), ("alerts", False), ("headcount", False)),
    "kinerja": (
        ("predikat_distribution", False),
        ("kuadran", True),
        ("objectivity_units", False),
        ("rating_vs_achievement", False),
        ("objectivity_evaluators", False),
    ),
    "kompetensi": (
        ("coverage_20jp", False),
        ("jp_distribution", True),
        ("training_mix", True),
        ("training_targeting", False),
        ("jp_summary", False),
    ),
    "pengaduan": (
        ("complaint_anomalies", False),
        ("complaints_monthly", False),
        ("complaints_mix", True),
        ("complaint_sla", True),
        ("complaint_backlog", False),
        ("ikm_units", True),
        ("ikm_elements", True),
    ),
    "perbandingan": (("scorecard", False), ("ip_asn", True)),
}


def frame_filters(con: duckdb.DuckDBPyConnection, region: str | None) -> Any:
    """What views/frame.py runs before every page, and the page's default filters.

    Default: all regions, all years with data; `region` narrows to one region.
    """
    from asn_analytics.metrics import Filters
    from asn_analytics.metrics.filters import event_range

    db.get_meta(con, "data_version")
    con.execute("SELECT region_code, name FROM regions ORDER BY name").df()
    con.execute("SELECT unit_id, region_code, name FROM units ORDER BY name").df()
    latest, first_year = event_range(con)
    db.is_demo(con)
    db.get_meta(con, "pseudonym_key")
    this_year = (latest or dt.date.today()).year
    return Filters(
        regions=(region,) if region else None,
        year_from=first_year or this_year,
        year_to=this_year,
    )


def run_page(con: duckdb.DuckDBPyConnection, page: str, region: str | None) -> dict[str, float]:
    """The frame and every metric call of `page`, each on its own cursor as views/blocks.py does;
    milliseconds per step."""
    from asn_analytics import metrics

    timings: dict[str, float] = {}
    started = time.perf_counter()
    cur = db.cursor(con)
    filters = frame_filters(cur, region)
    cur.close()
    timings["frame"] = (time.perf_counter() - started) * 1000
    for name, last_year in PAGES[page]:
        call = filters.model_copy(update={"year_from": filters.year_to}) if last_year else filters
        started = time.perf_counter()
        cur = db.cursor(con)
        try:
            metrics.run(cur, name, call)
        finally:
            cur.close()
        key = f"{name}(last year)" if last_year else name
        timings[key] = (time.perf_counter() - started) * 1000
    return timings


def clear_caches() -> None:
    """Forget every cached result of the app layer, so that a warm run computes again."""
    summaries.clear_cache()


def _rss_mb() -> float:
    """Peak resident memory of this process in MB.

    Linux keeps ru_maxrss across fork and exec, so a child would report its parent's peak (the
    generator's): the kernel's VmHWM of this process image is used where it exists.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure_settings(threads: int) -> Settings:
    return Settings.from_env().model_copy(update={"threads": threads})


def child_page(path: Path, page: str, region: str | None, runs: int, threads: int) -> dict:
    """In a new process: open the database, run the page cold, then warm `runs` times."""
    started = time.perf_counter()
    con = db.connect(path, settings=_measure_settings(threads))
    connect_ms = (time.perf_counter() - started) * 1000
    cold = run_page(con, page, region)
    warm_runs = []
    for _ in range(runs):
        clear_caches()
        warm_runs.append(run_page(con, page, region))
    con.close()
    totals = [sum(r.values()) for r in warm_runs]
    median = warm_runs[totals.index(sorted(totals)[len(totals) // 2])]
    return {
        "connect_ms": connect_ms,
        "cold_ms": connect_ms + sum(cold.values()),
        "cold_steps": cold,
        "warm_ms": statistics.median(totals),
        "warm_steps": median,
        "rss_mb": _rss_mb(),
    }


# -- the naive way ---------------------------------------------------------------------------
# The raw tables loaded into pandas and grouped there, as a dashboard without the SQL layer
# would. It covers a representative subset of each page's figures (NAIVE_COVERS).
_ELEMENTS = list(demo.IKM_ELEMENTS)
NAIVE_TABLES = {
    "regions": "SELECT region_code, name, population FROM regions",
    "staff": "SELECT nip, region_code, unit_id, employment_type, gender, golongan,"
    " education_level, position_type, tmt_cpns, status, status_date FROM staff",
    "appraisals": "SELECT nip, year, period, result_rating, behavior_rating, predikat,"
    " achievement_pct FROM appraisals",
    "trainings": "SELECT nip, category, method, start_date, hours_jp FROM trainings",
    "complaints": "SELECT region_code, unit_id, channel, category, received_at, closed_at, status"
    " FROM complaints",
    "ikm_responses": f"SELECT region_code, unit_id, survey_date, {', '.join(_ELEMENTS)}"
    " FROM ikm_responses",
}
# Bytes per row a loaded table takes in pandas, and how much more the grouping needs at its
# peak: to skip a naive run that would not fit in memory.
_NAIVE_BYTES = {
    "regions": 100,
    "staff": 260,
    "appraisals": 150,
    "trainings": 90,
    "complaints": 150,
    "ikm_responses": 110,
}
_NAIVE_PEAK_FACTOR = 2.0
NAIVE_PAGES = {
    "ringkasan": ("regions", "staff", "appraisals", "trainings", "complaints", "ikm_responses"),
    "kinerja": ("staff", "appraisals"),
    "kompetensi": ("staff", "trainings"),
    "pengaduan": ("regions", "complaints", "ikm_responses"),
    "perbandingan": ("regions", "staff", "appraisals", "trainings", "complaints", "ikm_responses"),
}
NAIVE_COVERS = {
    "ringkasan": "headcount, share SB+B, 20-JP coverage (2 years), complaints last month, IKM",
    "kinerja": "predikat distribution, kuadran, objectivity per unit (no evaluator z-scores)",
    "kompetensi": "20-JP coverage by region and unit, JP mean/median, category x method mix",
    "pengaduan": "monthly volume, channel/category mix, backlog by age, IKM per unit",
    "perbandingan": "headcount, share SB+B, 20-JP coverage, complaints/100k, IKM with ranks",
}


def _in_service(staff: pd.DataFrame, year: int) -> pd.Series:
    end = pd.Timestamp(year, 12, 31)
    tmt = pd.to_datetime(staff["tmt_cpns"])
    left = pd.to_datetime(staff["status_date"])
    return (tmt.isna() | (tmt <= end)) & (staff["status"].eq("aktif") | (left > end))


def _staff_years(staff: pd.DataFrame, years: range) -> pd.DataFrame:
    return pd.concat(
        [staff[_in_service(staff, y)].assign(year=y) for y in years], ignore_index=True
    )


def _naive_rated(t: dict[str, pd.DataFrame], years: range) -> pd.DataFrame:
    a = t["appraisals"]
    a = a[a["period"].eq("tahunan") & a["year"].between(years[0], years[-1])]
    return a.merge(t["staff"][["nip", "region_code", "unit_id"]], on="nip")


def _naive_jp(t: dict[str, pd.DataFrame], years: range) -> pd.DataFrame:
    tr = t["trainings"]
    tr = tr.assign(year=pd.to_datetime(tr["start_date"]).dt.year)
    jp = (
        tr[tr["year"].between(years[0], years[-1])]
        .groupby(["nip", "year"], as_index=False)["hours_jp"]
        .sum()
    )
    sy = _staff_years(t["staff"], years)
    sy = sy.merge(jp, on=["nip", "year"], how="left")
    return sy.assign(jp=sy["hours_jp"].astype(float).fillna(0.0))


def _naive_ikm(ikm: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    sums = ikm.groupby(keys)[_ELEMENTS].agg(["sum", "count"])
    nrr = pd.DataFrame({e: sums[(e, "sum")].astype(float) / sums[(e, "count")] for e in _ELEMENTS})
    return nrr.assign(ikm=(nrr.mean(axis=1) * 25).round(2)).reset_index()


def _naive_coverage(jp: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    pns = jp[jp["employment_type"].eq("PNS")]
    out = pns.groupby(keys).agg(n=("nip", "size"), reached=("jp", lambda s: (s >= 20).sum()))
    return out.assign(coverage=out["reached"] / out["n"]).reset_index()


def naive_page(page: str, t: dict[str, pd.DataFrame], years: range) -> dict[str, pd.DataFrame]:
    """The page's representative figures computed from the loaded raw tables."""
    two = range(max(years[0], years[-1] - 1), years[-1] + 1)
    out: dict[str, pd.DataFrame] = {}
    if page == "kinerja":
        rated = _naive_rated(t, years)
        dist = rated.groupby(["region_code", "year", "predikat"]).size().rename("n").reset_index()
        dist["share"] = dist["n"] / dist.groupby(["region_code", "year"])["n"].transform("sum")
        out["predikat_distribution"] = dist
        out["kuadran"] = (
            rated[rated["year"].eq(years[-1])]
            .groupby(["region_code", "result_rating", "behavior_rating"])
            .size()
            .reset_index()
        )
        units = rated.assign(
            sb=rated["predikat"].eq("sangat_baik"),
            below=rated["predikat"].isin(["butuh_perbaikan", "kurang", "sangat_kurang"]),
        ).groupby(["region_code", "unit_id", "year"])
        units = units.agg(n=("nip", "size"), n_sb=("sb", "sum"), n_below=("below", "sum"))
        units["flagged"] = ((units["n_sb"] / units["n"] > 0.7) & (units["n"] >= 10)) | (
            (units["n"] >= 20) & units["n_below"].eq(0)
        )
        out["objectivity_units"] = units.reset_index()
    elif page == "kompetensi":
        jp = _naive_jp(t, years)
        out["coverage_region"] = _naive_coverage(jp, ["region_code", "year"])
        out["coverage_unit"] = _naive_coverage(jp, ["region_code", "unit_id", "year"])
        out["jp_summary"] = (
            jp.groupby(["region_code", "year", "employment_type"])["jp"]
            .agg(["size", "sum", "mean", "median"])
            .reset_index()
        )
        tr = t["trainings"]
        tr = tr[pd.to_datetime(tr["start_date"]).dt.year.eq(years[-1])]
        tr = tr.merge(t["staff"][["nip", "region_code"]], on="nip")
        out["training_mix"] = (
            tr.groupby(["region_code", "category", "method"], dropna=False)
            .agg(n=("nip", "size"), jp=("hours_jp", "sum"), staff=("nip", "nunique"))
            .reset_index()
        )
    elif page == "pengaduan":
        c = t["complaints"]
        received = pd.to_datetime(c["received_at"])
        out["complaints_monthly"] = (
            c.assign(month=received.dt.to_period("M")).groupby(["region_code", "month"]).size()
        ).reset_index()
        recent = c[received.dt.year.eq(years[-1])]
        out["complaints_mix"] = pd.concat(
            [
                recent.groupby(["region_code", d]).size().reset_index()
                for d in ("channel", "category")
            ]
        )
        as_of = received.max().normalize()
        open_ = c[
            (pd.to_datetime(c["closed_at"]).isna() | (pd.to_datetime(c["closed_at"]) > as_of))
            & ~c["status"].isin(["bukan_wewenang", "arsip"])
        ]
        age = (as_of - pd.to_datetime(open_["received_at"]).dt.normalize()).dt.days
        bands = pd.cut(
            age, [-1, 7, 30, 60, 90, np.inf], labels=["0-7", "8-30", "31-60", "61-90", ">90"]
        )
        out["complaint_backlog"] = (
            open_.assign(band=bands).groupby(["region_code", "band"], observed=False).size()
        ).reset_index()
        ikm = t["ikm_responses"]
        ikm = ikm[pd.to_datetime(ikm["survey_date"]).dt.year.eq(years[-1])]
        out["ikm_units"] = _naive_ikm(ikm, ["region_code", "unit_id"])
    else:  # ringkasan and perbandingan: the scorecard's figures, per region or pooled
        sy = _staff_years(t["staff"], two)
        rated = _naive_rated(t, two)
        jp = _naive_jp(t, two)
        c = t["complaints"]
        c = c.assign(year=pd.to_datetime(c["received_at"]).dt.year)
        ikm = t["ikm_responses"]
        ikm = ikm.assign(year=pd.to_datetime(ikm["survey_date"]).dt.year)
        ikm = ikm[ikm["year"].isin(list(two))]
        keys = ["region_code", "year"] if page == "perbandingan" else ["year"]
        good = rated["predikat"].isin(["sangat_baik", "baik"])
        parts = {
            "headcount": sy.groupby(keys).size(),
            "share_sb_b": good.groupby([rated[k] for k in keys]).mean(),
            "coverage_20jp": _naive_coverage(jp, keys).set_index(keys)["coverage"],
            "complaints": c[c["year"].isin(list(two))].groupby(keys).size(),
            "ikm": _naive_ikm(ikm, keys).set_index(keys)["ikm"],
        }
        table = pd.DataFrame(parts).reset_index()
        if page == "perbandingan":
            pop = t["regions"].set_index("region_code")["population"]
            table["complaints_per_100k"] = table["complaints"] * 1e5 / table["region_code"].map(pop)
            latest = table[table["year"].eq(years[-1])].copy()
            for column in ("share_sb_b", "coverage_20jp", "ikm"):
                latest[f"rank_{column}"] = latest[column].rank(method="min", ascending=False)
            out["scorecard"] = latest
        else:
            out["overview"] = table
    return out


def _naive_estimate(con: duckdb.DuckDBPyConnection, page: str) -> float:
    """Estimated peak bytes of the naive computation of `page`."""
    counts = db.table_counts(con)
    return _NAIVE_PEAK_FACTOR * sum(counts[n] * _NAIVE_BYTES[n] for n in NAIVE_PAGES[page])


def _available_bytes() -> float:
    with open("/proc/meminfo", encoding="ascii") as info:
        for line in info:
            if line.startswith("MemAvailable:"):
                return float(line.split()[1]) * 1024
    return 8e9


def child_naive(path: Path, page: str, region: str | None, threads: int) -> dict:
    """In a new process: load the page's raw tables into pandas and group there, twice."""
    con = db.connect(path, read_only=True, settings=_measure_settings(threads))
    filters = frame_filters(con, region)
    years = range(filters.year_from, filters.year_to + 1)
    started = time.perf_counter()
    tables = {name: con.execute(NAIVE_TABLES[name]).df() for name in NAIVE_PAGES[page]}
    con.close()
    if region:
        staff = tables.get("staff")
        for name, frame in tables.items():
            if "region_code" in frame.columns:
                tables[name] = frame[frame["region_code"].eq(region)]
            elif staff is not None:
                tables[name] = frame[
                    frame["nip"].isin(staff.loc[staff["region_code"].eq(region), "nip"])
                ]
    load_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    naive_page(page, tables, years)
    first_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    naive_page(page, tables, years)
    warm_ms = (time.perf_counter() - started) * 1000
    return {"cold_ms": load_ms + first_ms, "warm_ms": warm_ms, "rss_mb": _rss_mb()}


# -- the command -----------------------------------------------------------------------------
WARM_TARGET_MS, COLD_TARGET_MS, RSS_TARGET_MB = 1000.0, 3000.0, 2048.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m asn_analytics bench",
        description="Time every dashboard page's metric calls on a synthetic database.",
    )
    parser.add_argument(
        "--scale",
        choices=["demo", "province", "national", "tiny"],
        default="demo",
        help="demo (the four regions), province (a tenth of national) or national "
        "(5.6 M staff in 540 regions)",
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where the database goes")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the database of an earlier run of this scale"
    )
    parser.add_argument("--runs", type=int, default=3, help="warm runs per page (median)")
    parser.add_argument("--threads", type=int, default=BENCH_THREADS)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="only these pages")
    parser.add_argument("--no-naive", action="store_true", help="skip the pandas comparison")
    parser.add_argument("--no-cold", action="store_true", help=argparse.SUPPRESS)
    # Internal: one measurement in a new process.
    parser.add_argument("--child", choices=["page", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--region", help=argparse.SUPPRESS)
    return parser


def build(scale: str, path: Path, threads: int, log: Callable[[str], None] = print) -> None:
    """Write the database of `scale` at `path`."""
    if scale == "demo":
        path.unlink(missing_ok=True)
        demo.build(path, settings=Settings(db_path=path, threads=threads))
        return
    generate(path, SCALES[scale], threads=threads, log=log)


def _spawn(kind: str, path: Path, page: str, region: str | None, args) -> dict:
    command = [
        sys.executable, "-m", "asn_analytics.bench", "--child", kind, "--db", str(path),
        "--page", page, "--runs", str(args.runs), "--threads", str(args.threads),
    ]  # fmt: skip
    if region:
        command += ["--region", region]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} {page} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_ms"] = (time.perf_counter() - started) * 1000
    return result


def _largest_region(path: Path) -> tuple[str, str, int]:
    con = db.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT s.region_code, r.name, count(*) AS n FROM staff AS s"
            " JOIN regions AS r USING (region_code) GROUP BY ALL ORDER BY n DESC, 1 LIMIT 1"
        ).fetchone()
    finally:
        con.close()


def _fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def report(
    scale: str,
    rows: list[dict],
    naive: dict[tuple[str, str], dict | str],
    out: Callable[[str], None] = print,
) -> None:
    """Print the table: one line per page and filter, ours beside the naive way."""
    header = (
        f"{'page':<13}{'scale':<9}{'filter':<8}{'cold ms':>9}{'warm ms':>9}{'peak MB':>9}"
        f"{'naive cold':>11}{'naive warm':>11}{'naive MB':>9}{'x cold':>8}{'x warm':>8}  target"
    )
    out(header)
    out("-" * len(header))
    for row in rows:
        n = naive.get((row["page"], row["filter"]))
        n = n if isinstance(n, dict) else None
        ok = (
            row["warm_ms"] <= WARM_TARGET_MS
            and row["cold_ms"] <= COLD_TARGET_MS
            and row["rss_mb"] <= RSS_TARGET_MB
        )
        out(
            f"{row['page']:<13}{scale:<9}{row['filter']:<8}{_fmt(row['cold_ms']):>9}"
            f"{_fmt(row['warm_ms']):>9}{_fmt(row['rss_mb']):>9}"
            f"{_fmt(n and n['cold_ms']):>11}{_fmt(n and n['warm_ms']):>11}"
            f"{_fmt(n and n['rss_mb']):>9}"
            f"{_fmt(n and n['cold_ms'] / row['cold_ms'], 1):>8}"
            f"{_fmt(n and n['warm_ms'] / row['warm_ms'], 1):>8}  {'ok' if ok else 'MISSED'}"
        )
    skipped = {k: v for k, v in naive.items() if isinstance(v, str)}
    for (page, filt), reason in sorted(skipped.items()):
        out(f"naive {page} ({filt}) skipped: {reason}")


def main(argv: list[str] | None = None) -> int:
    """The bench command; 0 when every page meets its targets, 1 otherwise."""
    args = _parser().parse_args(argv)
    if args.child:
        if args.child == "page":
            result = child_page(args.db, args.page, args.region, args.runs, args.threads)
        else:
            result = child_naive(args.db, args.page, args.region, args.threads)
        print(json.dumps(result))
        return 0
    begun = time.perf_counter()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"{args.scale}.duckdb"
    if not (args.reuse and path.exists()):
        print(f"Generating the {args.scale} database at {path} ...")
        started = time.perf_counter()
        build(args.scale, path, args.threads)
        print(f"generated in {time.perf_counter() - started:.1f} s")
    con = db.connect(path, read_only=True)
    counts = db.table_counts(con)
    con.close()
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    code, name, size = _largest_region(path)
    settings = _measure_settings(args.threads)
    print(
        f"threads {args.threads}, DuckDB memory_limit {settings.memory_limit}; "
        f"one region = the largest, {code} {name} ({size:,} staff)"
    )
    print(
        "cold = a new process opening the database and running the frame and the page's calls "
        "once (OS file cache warm); warm = the median of the next runs in that process with "
        "every result cache cleared; peak MB = that process's peak resident memory (VmHWM). "
        f"Targets: warm <= {WARM_TARGET_MS:.0f} ms, cold <= {COLD_TARGET_MS:.0f} ms, "
        f"peak <= {RSS_TARGET_MB:.0f} MB."
    )
    pages = args.pages or list(PAGES)
    rows = []
    naive: dict[tuple[str, str], dict | str] = {}
    con = db.connect(path, read_only=True)
    budget = 0.6 * _available_bytes()
    estimates = {page: _naive_estimate(con, page) for page in pages}
    con.close()
    for page in pages:
        for label, region in (("all", None), ("region", code)):
            result = _spawn("page", path, page, region, args)
            rows.append({"page": page, "filter": label, **result})
            print(
                f"  {page:<13}{label:<7} cold {result['cold_ms']:8.0f} ms  warm "
                f"{result['warm_ms']:7.0f} ms  peak {result['rss_mb']:6.0f} MB  "
                f"(process {result['process_ms']:.0f} ms)",
                flush=True,
            )
            if args.no_naive:
                continue
            if estimates[page] > budget:
                naive[(page, label)] = (
                    f"would need about {estimates[page] / 1e9:.1f} GB, more than "
                    f"{budget / 1e9:.1f} GB free; see the province scale"
                )
                continue
            naive[(page, label)] = _spawn("naive", path, page, region, args)
    print()
    print("Slowest calls (warm, all regions):")
    for row in rows:
        if row["filter"] == "all":
            steps = sorted(row["warm_steps"].items(), key=lambda kv: -kv[1])[:3]
            print(f"  {row['page']:<13}" + ", ".join(f"{k} {v:.0f} ms" for k, v in steps))
    print()
    report(args.scale, rows, naive)
    if not args.no_naive:
        print(
            "naive = the page's raw tables loaded with con.execute(...).df() and grouped in "
            "pandas (cold: load + group in a new process; warm: group again); it covers:"
        )
        for page in pages:
            print(f"  {page}: {NAIVE_COVERS[page]}")
    print(f"bench took {time.perf_counter() - begun:.1f} s")
    missed = [
        r for r in rows
        if r["warm_ms"] > WARM_TARGET_MS or r["cold_ms"] > COLD_TARGET_MS
        or r["rss_mb"] > RSS_TARGET_MB
    ]  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
