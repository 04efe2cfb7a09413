"""Scale benchmark: a synthetic database at demo, province or national scale, and every page's
metric calls timed cold (a new process) and warm, beside the same figures computed naively in
pandas.

    python -m asn_analytics.bench [--scale demo|province|national] [--dir DIR] [--keep]

The database comes from asn_analytics.synthetic.scale; bench.pages times the pages, bench.naive
computes them in pandas.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from asn_analytics import db
from asn_analytics.bench.naive import NAIVE_COVERS, available_bytes, child_naive, naive_estimate
from asn_analytics.bench.pages import PAGES, child_page, measure_settings
from asn_analytics.settings import Settings
from asn_analytics.synthetic import demo
from asn_analytics.synthetic.scale import BENCH_THREADS, SCALES, generate

DEFAULT_DIR = Path("/tmp/asn-bench")
# DuckDB's limit while measuring: the process must stay under 2 GB resident.
BENCH_MEMORY = "1GB"
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
    settings = measure_settings(args.threads)
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
    budget = 0.6 * available_bytes()
    estimates = {page: naive_estimate(con, page) for page in pages}
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
