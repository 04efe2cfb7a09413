"""The naive way: the raw tables in pandas, grouped there, for the same pages."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from asn_analytics import db
from asn_analytics.bench.pages import frame_filters, measure_settings, rss_mb
from asn_analytics.synthetic import world

# -- the naive way ---------------------------------------------------------------------------
# The raw tables loaded into pandas and grouped there, as a dashboard without the SQL layer
# would. It covers a representative subset of each page's figures (NAIVE_COVERS).
_ELEMENTS = list(world.IKM_ELEMENTS)
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
    "rank_history": "SELECT nip, golongan, tmt_golongan FROM rank_history",
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
    "rank_history": 250,  # a NIP and a golongan as Python strings, a timestamp
}
_NAIVE_PEAK_FACTOR = 2.0
NAIVE_PAGES = {
    "ringkasan": ("regions", "staff", "appraisals", "trainings", "complaints", "ikm_responses"),
    "kinerja": ("staff", "appraisals"),
    "kompetensi": ("staff", "trainings"),
    "pengaduan": ("regions", "complaints", "ikm_responses"),
    "perbandingan": ("regions", "staff", "appraisals", "trainings", "complaints", "ikm_responses"),
    "karier": ("staff", "appraisals", "rank_history"),
}
NAIVE_COVERS = {
    "ringkasan": "headcount, share SB+B, 20-JP coverage (2 years), complaints last month, IKM",
    "kinerja": "predikat distribution, kuadran, objectivity per unit (no evaluator z-scores)",
    "kompetensi": "20-JP coverage by region and unit, JP mean/median, category x method mix",
    "pengaduan": "monthly volume, channel/category mix, backlog by age, IKM per unit",
    "perbandingan": "headcount, share SB+B, 20-JP coverage, complaints/100k, IKM with ranks",
    "karier": "median years in grade by region and golongan, promotion share by predikat class",
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


def _naive_careers(t: dict[str, pd.DataFrame], years: range) -> dict[str, pd.DataFrame]:
    """Years in grade at the end of the last year; the share of PNS 4 years in grade promoted
    in each year, by whether the two years before were rated Baik or better."""
    ranks = t["rank_history"].assign(tmt=pd.to_datetime(t["rank_history"]["tmt_golongan"]))
    ranks = ranks.sort_values(["nip", "tmt"])
    order = {g: i for i, g in enumerate(world.GOLONGAN_PNS)}
    ranks["rank"] = ranks["golongan"].map(order)
    pns = t["staff"][t["staff"]["employment_type"].eq("PNS")]
    end = pd.Timestamp(years[-1], 12, 31)
    held = ranks[ranks["tmt"] <= end].groupby("nip").tail(1)
    now = pns[_in_service(pns, years[-1])].merge(held, on="nip", suffixes=("", "_held"))
    now["years"] = (end - now["tmt"]).dt.days / 365.25
    out = {
        "time_in_grade": now.groupby(["region_code", "golongan_held"])["years"]
        .median()
        .reset_index()
    }
    a = t["appraisals"]
    a = a[a["period"].eq("tahunan")]
    weak = a.assign(weak=~a["predikat"].isin(["sangat_baik", "baik"]))
    frames = []
    for year in years:
        start = pd.Timestamp(year, 1, 1)
        before = ranks[ranks["tmt"] < start].groupby("nip").tail(1)
        serving = pns[_in_service(pns, year)][["nip", "region_code"]]
        due = serving.merge(before, on="nip")
        last_period = pd.Timestamp(year, 12 if year >= 2023 else 10, 1)
        due = due[due["golongan"].ne("IV/e") & (due["tmt"] + pd.DateOffset(years=4) <= last_period)]
        rated = weak[weak["year"].between(year - 2, year - 1)].groupby("nip")["weak"]
        stats = rated.agg(["size", "any"])
        due = due.join(stats, on="nip")
        due["class"] = np.where(
            due["size"].fillna(0) < 2, "unrated", np.where(due["any"], "below", "good")
        )
        higher = ranks[ranks["tmt"].dt.year.eq(year)].groupby("nip")["rank"].max()
        due["promoted"] = due["nip"].map(higher).fillna(-1) > due["rank"]
        frames.append(
            due.groupby(["region_code", "class"])["promoted"]
            .agg(["size", "mean"])
            .assign(year=year)
        )
    out["promotions"] = pd.concat(frames).reset_index()
    return out


def naive_page(page: str, t: dict[str, pd.DataFrame], years: range) -> dict[str, pd.DataFrame]:
    """The page's representative figures computed from the loaded raw tables."""
    two = range(max(years[0], years[-1] - 1), years[-1] + 1)
    out: dict[str, pd.DataFrame] = {}
    if page == "karier":
        return _naive_careers(t, years)
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


def naive_estimate(con: duckdb.DuckDBPyConnection, page: str) -> float:
    """Estimated peak bytes of the naive computation of `page`."""
    counts = db.table_counts(con)
    return _NAIVE_PEAK_FACTOR * sum(counts[n] * _NAIVE_BYTES[n] for n in NAIVE_PAGES[page])


def available_bytes() -> float:
    with open("/proc/meminfo", encoding="ascii") as info:
        for line in info:
            if line.startswith("MemAvailable:"):
                return float(line.split()[1]) * 1024
    return 8e9


def child_naive(path: Path, page: str, region: str | None, threads: int) -> dict:
    """In a new process: load the page's raw tables into pandas and group there, twice."""
    con = db.connect(path, read_only=True, settings=measure_settings(threads))
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
    return {"cold_ms": load_ms + first_ms, "warm_ms": warm_ms, "rss_mb": rss_mb()}
