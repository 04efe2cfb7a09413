"""Every page's metric calls, timed cold (a new process) and warm."""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import time
from pathlib import Path
from typing import Any

import duckdb

from asn_analytics import db
from asn_analytics.metrics import pages, summaries
from asn_analytics.settings import Settings

# Every metric call each page makes, in order: the pages' own declaration.
PAGES = pages.PAGES


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
    for read in PAGES[page]:
        call = filters
        if read.last_year:
            call = filters.model_copy(update={"year_from": filters.year_to})
        started = time.perf_counter()
        cur = db.cursor(con)
        try:
            metrics.run(cur, read.metric, call)
        finally:
            cur.close()
        timings[read.label] = (time.perf_counter() - started) * 1000
    return timings


def clear_caches() -> None:
    """Forget every cached result of the app layer, so that a warm run computes again."""
    summaries.clear_cache()


def rss_mb() -> float:
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


def measure_settings(threads: int) -> Settings:
    return Settings.from_env().model_copy(update={"threads": threads})


def child_page(path: Path, page: str, region: str | None, runs: int, threads: int) -> dict:
    """In a new process: open the database, run the page cold, then warm `runs` times."""
    started = time.perf_counter()
    con = db.connect(path, settings=measure_settings(threads))
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
        "rss_mb": rss_mb(),
    }
