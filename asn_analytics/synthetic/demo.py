"""Deterministic synthetic data for the four seed regions, 2021-2025 (appraisals 2022-2025).

Sizes follow the real regions (active ASN at the end of 2025). Planted patterns, each of which an
indicator must reveal:
- Sawahlunto's PNS 20-JP coverage climbs every year, from about 35% (2021) to about 80% (2025);
- Tanjungbalai's Dinas Pekerjaan Umum dan Penataan Ruang rates about 90% Sangat Baik in 2024 and
  2025 while its median achievement is below 95%;
- in Medan's Dinas Kependudukan dan Pencatatan Sipil one evaluator rates all ~12 ratees Sangat Baik
  in 2024 while the unit's other ratees are mostly Baik;
- Medan opens a new complaint channel in March 2024 and its monthly complaints more than double;
- Batanghari's IKM rises from mutu C (2021) to B (2025); Tanjungbalai's falls from B to C;
- from 2024 a regular promotion waits while the predikat of the two years before is below Baik:
  always in Medan, half the time in Sawahlunto and Batanghari, never in Tanjungbalai, whose Dinas
  Pekerjaan Umum dan Penataan Ruang has promoted no one since 2020 (synthetic/careers.py);
- performance awards go only to staff rated Baik or better in Medan, to anyone rated in
  Batanghari.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from asn_analytics import db
from asn_analytics.metrics import summaries
from asn_analytics.settings import Settings
from asn_analytics.synthetic.careers import Careers
from asn_analytics.synthetic.events import Events
from asn_analytics.synthetic.people import People
from asn_analytics.synthetic.world import (
    DEFAULT_SEED,
    PROFILES,
    UNDER,
)
from asn_analytics.units import unit_id
from asn_analytics.workdays import busday_calendar


class _Generator(People, Events, Careers):
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        # The rank histories draw from their own stream: the other tables stay as they were.
        self.careers_rng = np.random.default_rng([seed, 1])
        self.calendar = busday_calendar(range(2020, 2028))


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """All demo tables as DataFrames with the schema's column names."""
    gen = _Generator(seed)
    profiles = {p.code: p for p in PROFILES}
    units, staff, complaints, ikm = [], [], [], []
    for p in PROFILES:
        u = gen.units(p)
        units.append(u)
        staff.append(gen.staff(p, u))
        complaints.append(gen.complaints(p, u))
        ikm.append(gen.ikm(p, u))
    units_df = pd.concat(units, ignore_index=True)
    staff_df = pd.concat(staff, ignore_index=True)
    gen.assign_nips(staff_df)
    appraisals = gen.appraisals(staff_df, units_df)
    rank_history = gen.rank_history(staff_df, appraisals)  # sets the PNS's golongan
    return {
        "units": units_df.assign(
            parent_id=[
                unit_id(r, UNDER[n]) if n in UNDER else None
                for r, n in zip(units_df["region_code"], units_df["name"], strict=True)
            ]
        )[["unit_id", "region_code", "name", "sector", "parent_id"]],
        "staff": staff_df.drop(columns=["kind"]),
        "appraisals": appraisals,
        "trainings": gen.trainings(staff_df, profiles),
        "discipline": gen.discipline(staff_df),
        "complaints": pd.concat(complaints, ignore_index=True),
        "ikm_responses": pd.concat(ikm, ignore_index=True),
        "rank_history": rank_history,
        "rewards": gen.rewards(staff_df, appraisals),
    }


def write(con, tables: dict[str, pd.DataFrame], seed: int) -> None:
    """Insert the generated tables into an empty schema, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name, df in tables.items():
            con.register("demo_frame", df)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM demo_frame")  # noqa: S608
            con.unregister("demo_frame")
        db.set_meta(con, "demo", "true")
        db.set_meta(con, "demo_seed", str(seed))
        con.execute("COMMIT")
    except Exception:
        db.rollback(con)
        raise


def build(
    path: Path | str, seed: int = DEFAULT_SEED, settings: Settings | None = None
) -> dict[str, int]:
    """Write the demo database to `path` atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = generate(seed)
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".duckdb", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        con = db.connect(tmp, settings=settings)
        try:
            write(con, tables, seed)
            summaries.refresh(con)
            con.execute("CHECKPOINT")
            counts = db.table_counts(con)
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return counts
