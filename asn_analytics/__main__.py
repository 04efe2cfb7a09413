"""Command line: python -m asn_analytics init | demo."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    path = args.db or settings.db_path
    try:
        if args.command == "init":
            return _init(settings, path)
        return _demo(settings, path, args.seed, args.force)
    except db.DatabaseLocked as exc:
        print(exc, file=sys.stderr)
        return EXIT_LOCKED
    except db.DatabaseError as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
