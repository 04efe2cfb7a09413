"""Command line: python -m asn_analytics init | demo | metric | import | undo | user | bench."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

from asn_analytics import db
from asn_analytics.accounts import ROLES, AccountError, Accounts
from asn_analytics.i18n import t
from asn_analytics.settings import Settings
from asn_analytics.synthetic import demo

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
    datasets = ["auto", *_datasets()]
    p_import = sub.add_parser("import", help="import CSV/XLSX exports (dependency order)")
    p_import.add_argument("dataset", choices=datasets, help="dataset, or auto to recognise it")
    p_import.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p_import.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    p_import.add_argument("--user", default=None, help="recorded as imported_by")
    p_import.add_argument(
        "--map-unit",
        action="append",
        default=[],
        metavar="NAME=UNIT_ID",
        help="a unit name in the files stands for this existing unit (of the unit's region);"
        " remembered for later imports (repeatable)",
    )
    p_import.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=COLUMN",
        help="read the file's HEADER as COLUMN, or with an empty COLUMN not at all, e.g."
        " --map U8=u_sarana --map U9=u_pengaduan (repeatable; the upload page's mapping)",
    )
    p_import.add_argument(
        "--answers",
        default=None,
        metavar="ANSWER=VALUE,...",
        help="a survey on another scale: each answer's value on the regulation's 1-4, e.g."
        " --answers 1=1,2=2,3=3,4=4,5=4 (answers not named are read as they are)",
    )
    p_undo = sub.add_parser("undo", help="undo the latest import of a dataset")
    p_undo.add_argument("dataset", choices=_datasets())
    p_bench = sub.add_parser(
        "bench", help="time every page's indicators at demo, province or national scale",
        add_help=False,
    )  # fmt: skip
    p_bench.add_argument("rest", nargs=argparse.REMAINDER)
    p_user = sub.add_parser("user", help="manage the accounts who may sign in")
    users = p_user.add_subparsers(dest="user_command", required=True)
    u_add = users.add_parser("add", help="create an account (password asked, or --email)")
    u_add.add_argument("name")
    u_add.add_argument("--role", choices=ROLES, default="viewer")
    u_add.add_argument("--regions", nargs="+", required=True, help="region codes, or all")
    u_add.add_argument("--email", help="sign-in through the identity provider with this email")
    u_add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    u_remove = users.add_parser("remove", help="delete an account")
    u_remove.add_argument("name")
    users.add_parser("list", help="list the accounts (never their passwords)")
    u_grant = users.add_parser("grant", help="replace an account's regions (and role)")
    u_grant.add_argument("name")
    u_grant.add_argument("--regions", nargs="+", required=True, help="region codes, or all")
    u_grant.add_argument("--role", choices=ROLES)
    u_password = users.add_parser("password", help="set a new password (ends its sessions)")
    u_password.add_argument("name")
    u_password.add_argument("--password-stdin", action="store_true")
    return parser


def _known_regions(settings: Settings, path: Path) -> dict[str, str]:
    """Region code -> name of the database; a grant may name only these."""
    con = db.connect(path, settings=settings, read_only=True)
    try:
        return dict(con.execute("SELECT region_code, name FROM regions").fetchall())
    finally:
        con.close()


def _accounts_command(settings: Settings, path: Path, args: argparse.Namespace) -> int:
    accounts = Accounts.from_settings(settings.model_copy(update={"db_path": path}))
    regions = getattr(args, "regions", None)
    regions = "all" if regions == ["all"] else regions
    try:
        known = None
        if args.user_command in ("add", "grant") and regions != "all":
            known = _known_regions(settings, path)
        if args.user_command == "add":
            password = None
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            elif not args.email:
                password = getpass.getpass(t("cli.password", settings.lang))
                if password != getpass.getpass(t("cli.password_again", settings.lang)):
                    print(t("cli.password_mismatch", settings.lang), file=sys.stderr)
                    return EXIT_REFUSED
            accounts.add(
                args.name, args.role, regions, password=password, email=args.email,
                known_regions=known,
            )  # fmt: skip
        elif args.user_command == "remove":
            accounts.remove(args.name)
        elif args.user_command == "grant":
            accounts.grant(args.name, regions, role=args.role, known_regions=known)
        elif args.user_command == "password":
            password = (
                sys.stdin.readline().rstrip("\n")
                if args.password_stdin
                else getpass.getpass(t("cli.password", settings.lang))
            )
            accounts.set_password(args.name, password)
        else:
            for entry in accounts.list():
                granted = (
                    entry["regions"] if entry["regions"] == "all" else " ".join(entry["regions"])
                )
                email = f"  <{entry['email']}>" if entry["email"] else ""
                print(f"{entry['user']:<20}{entry['role']:<9}{granted}{email}")
            return EXIT_OK
    except AccountError as refused:
        print(refused.message(settings.lang), file=sys.stderr)
        return EXIT_REFUSED
    except db.DatabaseError as refused:  # missing, or held by the running dashboard
        print(refused, file=sys.stderr)
        return EXIT_REFUSED
    print(t("cli.accounts_saved", settings.lang, path=accounts.path))
    return EXIT_OK


def _datasets() -> list[str]:
    from asn_analytics.ingest import DATASETS

    return list(DATASETS)


def _import(settings: Settings, path: Path, args: argparse.Namespace) -> int:
    """Each file its own batch, in dependency order; the worst outcome sets the exit status."""
    from asn_analytics import ingest
    from asn_analytics.ingest.pipeline import plan

    lang = settings.lang
    user = args.user or _user()
    aliases = {}
    for given in args.map_unit:
        name, _, unit_id = given.rpartition("=")
        if not name.strip() or ":" not in unit_id:
            print(t("cli.bad_map_unit", lang, value=given), file=sys.stderr)
            return EXIT_REFUSED
        aliases[(unit_id.split(":", 1)[0], name.strip())] = unit_id
    mapping: dict[str, str | None] = {}
    for given in args.map:
        header, sep, column = given.partition("=")
        if not sep or not header.strip():
            print(t("cli.bad_map", lang, value=given), file=sys.stderr)
            return EXIT_REFUSED
        mapping[header.strip()] = column.strip() or None
    answers: dict[int, int] = {}
    for pair in (args.answers or "").split(","):
        if not pair.strip():
            continue
        answer, sep, value = pair.partition("=")
        try:
            answers[int(answer)] = int(value)
        except ValueError:
            print(t("cli.bad_answers", lang, value=pair), file=sys.stderr)
            return EXIT_REFUSED
    known = {c for spec in ingest.DATASETS.values() for c in spec.columns}
    if unknown := [f"{h}={c}" for h, c in mapping.items() if c and c not in known]:
        print(t("cli.bad_map", lang, value=", ".join(unknown)), file=sys.stderr)
        return EXIT_REFUSED
    con = db.connect(path, settings=settings, create=False)
    status = EXIT_OK
    try:
        chosen = None if args.dataset == "auto" else args.dataset
        planned, refused = plan(con, [(f, f.name) for f in args.files], chosen, mapping or None)
        for exc in refused:
            print(exc.message(lang), file=sys.stderr)
            status = EXIT_REFUSED
        for source, file_name, dataset in planned:
            try:
                report = ingest.import_file(
                    con,
                    source,
                    file_name,
                    dataset,
                    # each file gets the part of --map that names its dataset's columns
                    {
                        h: c
                        for h, c in mapping.items()
                        if c is None or c in ingest.DATASETS[dataset].columns
                    }
                    or None,
                    user=user,
                    dry_run=args.dry_run,
                    unit_aliases=aliases or None,
                    answers=(answers or None) if dataset == "ikm_responses" else None,
                )
            except ingest.ImportRefused as exc:
                print(exc.message(lang), file=sys.stderr)
                status = EXIT_REFUSED
                continue
            print("\n".join(report.lines(lang)))
            if report.rejected and status == EXIT_OK:
                status = EXIT_REJECTS
    finally:
        con.close()
    return status


def _undo(settings: Settings, path: Path, dataset: str) -> int:
    from asn_analytics import ingest

    con = db.connect(path, settings=settings, create=False)
    try:
        report = ingest.undo(con, dataset, user=_user())
    except ingest.UndoRefused as exc:
        print(exc.message(settings.lang), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    print(report.message(settings.lang))
    return EXIT_OK


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


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
    from asn_analytics import export, metrics

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
        sys.stdout.write(export.csv_text(frame))
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
    from asn_analytics.metrics import summaries

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
    if summaries.state(con) is None:
        print(
            "note: the summary tables do not match the data (the app refreshes them when it opens"
            " the database); every indicator was computed from the raw tables"
        )
    print(f"{'indicator':<26}{'first ms':>10}{'warm ms':>10}{'rows':>8}")
    for name, cold, warm, n in rows[:5]:
        print(f"{name:<26}{cold:>10.1f}{warm:>10.1f}{n:>8}")
    total = sum(row[2] for row in rows)
    print(f"{len(rows)} indicators, slowest warm {rows[0][2]:.1f} ms, all together {total:.0f} ms")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args, unknown = _parser().parse_known_args(argv)
    if args.command == "bench":  # its options are the bench module's own
        from asn_analytics import bench

        return bench.main(argv[argv.index("bench") + 1 :])
    if unknown:
        _parser().error(f"unrecognized arguments: {' '.join(unknown)}")
    settings = Settings.from_env()
    path = args.db or settings.db_path
    try:
        if args.command == "init":
            return _init(settings, path)
        if args.command == "metric":
            if not (args.list or args.timings or args.name):
                _parser().error("metric needs a NAME, --list or --timings")
            return _metric(settings, path, args)
        if args.command == "import":
            return _import(settings, path, args)
        if args.command == "undo":
            return _undo(settings, path, args.dataset)
        if args.command == "user":
            return _accounts_command(settings, path, args)
        return _demo(settings, path, args.seed, args.force)
    except db.DatabaseLocked as exc:
        print(exc, file=sys.stderr)
        return EXIT_LOCKED
    except db.DatabaseError as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
