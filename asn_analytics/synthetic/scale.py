"""A synthetic database at province or national scale, for the benchmark.

The generator writes the rows in DuckDB SQL into a database made by `db.connect`, so the schema,
its CHECK constraints and the macros are the real ones; randomness is `hash()` of row numbers, so
a scale always produces the same database.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from asn_analytics import db, reference
from asn_analytics.metrics import summaries
from asn_analytics.settings import Settings
from asn_analytics.synthetic import world
from asn_analytics.synthetic.scale_sql import (
    FIRST_YEAR,
    LAST_YEAR,
    MACROS,
    PEOPLE_SQL,
    appraisals_sql,
    complaints_sql,
    ikm_sql,
    rank_history_sql,
    staff_sql,
    trainings_sql,
    units_sql,
)
from asn_analytics.units import slug

BENCH_THREADS = 2
# Generating may use more memory than the dashboard: it is a one-off job.
GENERATE_MEMORY = "12GB"


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
            for i, (name, sector, weight, services) in enumerate(world.OPD)
        ],
        columns=["opd_no", "name", "slug", "sector", "weight", "services"],
    )
    kec = pd.DataFrame(
        [(i, f"Kecamatan {k}", slug(f"Kecamatan {k}")) for i, k in enumerate(KECAMATAN)],
        columns=["kec_no", "name", "slug"],
    )
    return opd, kec


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
        con.execute(MACROS)
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
            ("units", units_sql()),
            ("staff", staff_sql()),
            ("staff", PEOPLE_SQL.format(first_year=FIRST_YEAR, last_year=LAST_YEAR)),
            ("rank_history", rank_history_sql()),
            ("appraisals", appraisals_sql().replace("{appraisal_from}", str(FIRST_YEAR))),
            ("trainings", trainings_sql()),
            ("complaints", complaints_sql()),
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
        con.execute(ikm_sql(), {"per_unit_year": per_unit_year})
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
