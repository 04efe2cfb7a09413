"""Command line: python -m asn_analytics init | demo | metric."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

from asn_analytics import db, demo
from asn_analytics.i18n import t
from asn_analytics.settings import Settings

EXIT_OK, EXIT_REJECTS, EXIT_REFUSED, EXIT_LOCKED = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m asn_analytics", description=__doc__)
    parser.add_argument(
        "--db", type=Path, help="database file (default: ASN_DB or data/asn.duckdb)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create an empty database with the schema and seed regions")
    p_demo = sub.add_parser("demo", help="write the synthetic demo database")
    p_demo.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)
    p_demo.add_argument("--force", action="store_true", help="replace an existing database file")
    p_metric = sub.add_parser("metric", help="print an indicator's table (raw figures)")
    p_metric.add_argument("name", nargs="?", help="indicator name (see --list)")
    p_metric.add_argument("--list", action="store_true", help="list the indicators")
    p_metric.add_argument("--timings", action="store_true", help="time every indicator (warm)")
    p_metric.add_argument("--region", action="append", help="region code (repeatable)")
    p_metric.add_argument("--unit", action="append", help="unit id (repeatable)")
    p_metric.add_argument("--type", action="append", choices=["PNS", "PPPK"], dest="types")
    p_metric.add_argument("--year-from", type=int)
    p_metric.add_argument("--year-to", type=int)
    p_metric.add_argument("--as-of", type=dt.date.fromisoformat, help="reference date YYYY-MM-DD")
    p_metric.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return parser


def _init(settings: Settings, path: Path) -> int:
    existed = path.exists()
    con = db.connect(path, settings=settings)
    version = db.schema_version(con)
    con.close()
    key = "cli.init_exists" if existed else "cli.init_done"
    print(t(key, settings.lang, path=path, version=version))
    return EXIT_OK


def _demo(settings: Settings, path: Path, seed: int, force: bool) -> int:
    if path.exists():
        if not force:
            print(t("cli.demo_exists", settings.lang, path=path), file=sys.stderr)
            return EXIT_REFUSED
        db.connect(path, read_only=True, settings=settings).close()  # refuses a held file
    started = time.perf_counter()
    counts = demo.build(path, seed=seed, settings=settings)
    summary = ", ".join(f"{name} {n:,}" for name, n in counts.items())
    print(
        t(
            "cli.demo_done",
            settings.lang,
            path=path,
            seconds=time.perf_counter() - started,
            summary=summary,
        )
    )
    return EXIT_OK


def _metric(settings: Settings, path: Path, args: argparse.Namespace) -> int:
    from asn_analytics import metrics

    if args.list:
        width = max(len(name) for name in metrics.REGISTRY)
        for name, info in metrics.REGISTRY.items():
            print(f"{name:<{width}}  {info.description[settings.lang]}")
        return EXIT_OK
    con = db.connect(path, read_only=True, settings=settings)
    try:
        if args.timings:
            return _timings(con)
        if args.name not in metrics.REGISTRY:
            known = ", ".join(metrics.REGISTRY)
            print(
                t("cli.metric_unknown", settings.lang, name=args.name, known=known), file=sys.stderr
            )
            return EXIT_REFUSED
        filters = metrics.Filters(
            regions=tuple(args.region) if args.region else None,
            units=tuple(args.unit) if args.unit else None,
            employment_types=tuple(args.types) if args.types else None,
            year_from=args.year_from,
            year_to=args.year_to,
            as_of=args.as_of,
        )
        frame = metrics.run(con, args.name, filters)
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(
            frame.to_json(orient="records", date_format="iso", force_ascii=False) + "\n"
        )
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(frame.to_string(index=False))
    return EXIT_OK


def _timings(con) -> int:
    """Each indicator once cold, then the median of three warm runs; the slowest five printed."""
    from asn_analytics import metrics

    rows = []
    for name in metrics.REGISTRY:
        started = time.perf_counter()
        frame = metrics.run(con, name)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(3):
            started = time.perf_counter()
            metrics.run(con, name)
            warm.append(time.perf_counter() - started)
        rows.append((name, cold * 1000, statistics.median(warm) * 1000, len(frame)))
    rows.sort(key=lambda row: row[2], reverse=True)
    print(f"{'indicator':<26}{'first ms':>10}{'warm ms':>10}{'rows':>8}")
    for name, cold, warm, n in rows[:5]:
        print(f"{name:<26}{cold:>10.1f}{warm:>10.1f}{n:>8}")
    total = sum(row[2] for row in rows)
    print(f"{len(rows)} indicators, slowest warm {rows[0][2]:.1f} ms, all together {total:.0f} ms")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    path = args.db or settings.db_path
    try:
        if args.command == "init":
            return _init(settings, path)
        if args.command == "metric":
            if not (args.list or args.timings or args.name):
                _parser().error("metric needs a NAME, --list or --timings")
            return _metric(settings, path, args)
        return _demo(settings, path, args.seed, args.force)
    except db.DatabaseLocked as exc:
        print(exc, file=sys.stderr)
        return EXIT_LOCKED
    except db.DatabaseError as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
