"""The import as a user sees it: a file in, a report out (and, unless a dry run, a batch)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from asn_analytics.db import register_macros
from asn_analytics.ingest import formats, history, mapping, reading, store
from asn_analytics.ingest.datasets import DATASETS
from asn_analytics.ingest.errors import ImportRefused, UndoRefused
from asn_analytics.ingest.places import UnitAliases
from asn_analytics.ingest.report import ImportReport, empty_rejects
from asn_analytics.ingest.staging import Answers
from asn_analytics.ingest.store import UndoReport
from asn_analytics.ingest.validation import (
    Staged,
    classify,
    rejects_params,
    rejects_sql,
    validate,
)
from asn_analytics.metrics import summaries

PREVIEW_ROWS = 20
ORDER = tuple(DATASETS)  # regions, units, staff, then the rest


def _cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    cur = con.cursor()
    register_macros(cur)
    cur.execute(formats.NUMBER_MACROS)
    return cur


def _dataset(name: str | None) -> str | None:
    if name in (None, "", "auto"):
        return None
    if name not in DATASETS:
        raise ImportRefused("unknown_dataset", detail=name, known=", ".join(DATASETS))
    return name


def analyze(
    con: duckdb.DuckDBPyConnection,
    source: reading.Source,
    file_name: str,
    dataset: str | None = None,
    mapping: dict[str, str | None] | None = None,
    *,
    as_of: dt.date | None = None,
    allowed_regions: tuple[str, ...] | None = None,
    watch: reading.Watch | None = None,
    unit_aliases: UnitAliases | None = None,
    answers: Answers | None = None,
) -> ImportReport:
    """Detect, map and validate a file without writing anything (a dry run).

    `watch`: the reading limits, a progress callback and a cancel flag (see reading.read).
    `unit_aliases`: unit names the officer confirmed as another unit's. `answers`: see
    import_file."""
    return import_file(
        con,
        source,
        file_name,
        dataset,
        mapping,
        dry_run=True,
        as_of=as_of,
        allowed_regions=allowed_regions,
        unit_aliases=unit_aliases,
        watch=watch,
        answers=answers,
    )


def import_file(
    con: duckdb.DuckDBPyConnection,
    source: reading.Source,
    file_name: str,
    dataset: str | None = None,
    mapping: dict[str, str | None] | None = None,
    user: str | None = None,
    dry_run: bool = False,
    *,
    as_of: dt.date | None = None,
    allowed_regions: tuple[str, ...] | None = None,
    unit_aliases: UnitAliases | None = None,
    watch: reading.Watch | None = None,
    answers: Answers | None = None,
) -> ImportReport:
    """Import a file (path or bytes) in one transaction; raises ImportRefused for a bad file.

    `allowed_regions`: the regions the officer is granted (None: all); rows of any other region
    are rejected, each with that reason. `unit_aliases`: (region_code, name as written) -> the
    existing unit_id the name stands for; kept (table unit_aliases) for later imports.
    `watch`: the reading limits, a progress callback and a cancel flag (see reading.read).
    `answers`: for a survey on another scale, the officer's mapping of each answer to the
    regulation's 1-4 ({5: 4, 4: 3, ...}); answers it does not name are read as they are.

    A file whose very content was imported already as this dataset (a committed batch with
    its sha256) is not written again: the report names that batch (`earlier_batch`) and has
    no `batch_id`. Undo the earlier batch to import the file again.
    """
    return _run(
        con,
        source,
        file_name,
        dataset,
        mapping,
        user,
        not dry_run,
        as_of,
        allowed_regions,
        watch=watch,
        unit_aliases=unit_aliases,
        answers=answers,
    )


def import_files(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[tuple[reading.Source, str]],
    dataset: str | None = None,
    mapping: dict[str, str | None] | None = None,
    user: str | None = None,
    dry_run: bool = False,
    *,
    as_of: dt.date | None = None,
    allowed_regions: tuple[str, ...] | None = None,
    unit_aliases: UnitAliases | None = None,
    answers: Answers | None = None,
) -> list[ImportReport]:
    """Import several files in dependency order (regions, units, staff, then the rest).

    Each file is its own batch. When a file's dataset cannot be told, ImportRefused is raised
    before anything is written; a file refused later leaves the files before it imported.
    """
    planned, refused = plan(con, files, dataset, mapping)
    if refused:
        raise refused[0]
    return [
        import_file(
            con,
            source,
            file_name,
            name,
            mapping,
            user,
            dry_run,
            as_of=as_of,
            allowed_regions=allowed_regions,
            unit_aliases=unit_aliases,
            answers=answers if DATASETS[name].answers else None,
        )  # fmt: skip
        for source, file_name, name in planned
    ]


def plan(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[tuple[reading.Source, str]],
    dataset: str | None = None,
    mapping: dict[str, str | None] | None = None,
) -> tuple[list[tuple[reading.Source, str, str]], list[ImportRefused]]:
    """The files with their datasets in import order, and the refusals of those not told."""
    planned, refused = [], []
    for position, (source, file_name) in enumerate(files):
        try:
            name = _dataset(dataset) or _detect_only(con, source, file_name, mapping)
        except ImportRefused as exc:
            refused.append(exc)
            continue
        planned.append((ORDER.index(name), position, source, file_name, name))
    planned.sort(key=lambda p: p[:2])
    return [(source, file_name, name) for _, _, source, file_name, name in planned], refused


def undo(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    user: str | None = None,
    *,
    allowed_regions: tuple[str, ...] | None = None,
) -> UndoReport:
    """Undo the latest committed import of `dataset`; raises UndoRefused.

    The batch records who undid it (`user`) and when, beside who imported it. With
    `allowed_regions`, a batch that touched any other region is refused.
    """
    if dataset not in DATASETS:
        raise UndoRefused("nothing", dataset=dataset)
    with store.WRITE_LOCK:
        cur = _cursor(con)  # the summaries' refresh needs the rule macros
        try:
            if allowed_regions is not None:
                _check_grant(cur, dataset, allowed_regions)
            batch = history.undoable(cur).get(dataset)
            touched = None if batch is None else _batch_regions(cur, dataset, batch)
            done = store.undo(cur, dataset, user)
            _refresh_summaries(cur, [dataset], touched)
            return done
        finally:
            cur.close()


def _refresh_summaries(
    cur: duckdb.DuckDBPyConnection, datasets: list[str], regions: set[str] | None
) -> None:
    """Keep the indicators' fast path current after a write to `regions`.

    The write is already committed. Summaries are read only while they match the data, so a
    refresh that runs out of memory leaves the indicators on the raw tables, slower but right.
    """
    try:
        summaries.refresh(cur, datasets, regions=regions)
    except duckdb.OutOfMemoryException:
        return


def _batch_regions(cur: duckdb.DuckDBPyConnection, dataset: str, batch: int) -> set[str]:
    return history.batch_regions(cur, batch, DATASETS[dataset].table)


def _check_grant(cur: duckdb.DuckDBPyConnection, dataset: str, allowed: tuple[str, ...]) -> None:
    """Refuse to undo the latest batch of `dataset` when it touched a region outside `allowed`."""
    row = cur.execute(
        "SELECT max(batch_id) FROM import_batches WHERE dataset = ? AND status = 'committed'",
        [dataset],
    ).fetchone()
    if row is None or row[0] is None:
        return  # store.undo says there is nothing to undo
    batch = row[0]
    regions = history.batch_regions(cur, batch, DATASETS[dataset].table)
    outside = sorted(regions - set(allowed))
    if outside:
        raise UndoRefused("not_granted", batch=batch, dataset=dataset, regions=", ".join(outside))


def _detect_only(
    con: duckdb.DuckDBPyConnection,
    source: reading.Source,
    file_name: str,
    override: dict[str, str | None] | None,
) -> str:
    with tempfile.TemporaryDirectory(prefix="asn-import-") as tmp:
        raw = reading.read(source, file_name, Path(tmp), _scorer(override))
        return _choose(raw, None, override, file_name)


def _scorer(override: dict[str, str | None] | None):
    return lambda cells: mapping.header_score(cells, override)


def _choose(
    raw: reading.RawTable,
    dataset: str | None,
    override: dict[str, str | None] | None,
    file_name: str,
) -> str:
    if dataset is not None:
        return dataset
    found = mapping.detect(raw.headers, override)
    if found is None:
        name, missing = mapping.closest(raw.headers)
        raise ImportRefused(
            "undetected",
            file=file_name,
            known=", ".join(DATASETS),
            detail=f"{name}: {', '.join(missing)}",
        )
    return found


def _run(
    con: duckdb.DuckDBPyConnection,
    source: reading.Source,
    file_name: str,
    dataset: str | None,
    override: dict[str, str | None] | None,
    user: str | None,
    write: bool,
    as_of: dt.date | None,
    allowed: tuple[str, ...] | None = None,
    *,
    watch: reading.Watch | None = None,
    unit_aliases: UnitAliases | None = None,
    answers: Answers | None = None,
) -> ImportReport:
    started = dt.datetime.now()
    as_of = as_of or dt.date.today()
    dataset = _dataset(dataset)
    if dataset is not None and (bad := mapping.check_override(dataset, override)):
        raise ImportRefused("bad_mapping", detail="; ".join(bad))
    with tempfile.TemporaryDirectory(prefix="asn-import-") as tmp:
        raw = reading.read(source, file_name, Path(tmp), _scorer(override), watch)
        name = _choose(raw, dataset, override, file_name)
        if bad := mapping.check_override(name, override):
            raise ImportRefused("bad_mapping", detail="; ".join(bad))
        spec = DATASETS[name]
        found = mapping.map_headers(raw.headers, name, override)
        report = ImportReport(
            dataset=name,
            file_name=file_name,
            encoding=raw.encoding,
            delimiter=raw.delimiter,
            decimal="." if raw.file_format == "xlsx" else ("," if raw.delimiter == ";" else "."),
            header_row=raw.header_row,
            date_formats={},
            mapping=found.by_header,
            unrecognised=found.unrecognised,
            missing_required=spec.required_columns(found.present),
            file_format=raw.file_format,
            sheet=raw.sheet,
            sha256=raw.sha256,
            dry_run=not write,
        )
        if report.missing_required:
            raise ImportRefused(
                "missing_required",
                report=report,
                file=file_name,
                detail=", ".join(report.missing_required),
            )
        cur = _cursor(con)
        try:
            report.answers = dict(sorted(answers.items())) if answers else {}
            args = (
                cur, raw, spec, found, file_name, as_of, report, allowed, unit_aliases, answers
            )  # fmt: skip
            if write:
                with store.WRITE_LOCK:
                    staged = _validate(*args)
                    earlier = _earlier(cur, report)
                    if earlier is None:
                        report.batch_id, counts = store.write(
                            cur, staged, file_name, raw.sha256, user, started
                        )
                        regions = _batch_regions(cur, name, report.batch_id)
                        _refresh_summaries(cur, [name], regions)
                    else:
                        counts = classify(cur, staged)
            else:
                staged = _validate(*args)
                _earlier(cur, report)
                counts = classify(cur, staged)
            report.inserted, report.updated = counts["new"], counts["changed"]
            report.unchanged = counts["same"]
            report.rejects = _rejects(cur, staged)
            report.preview = _preview(cur, staged)
        finally:
            cur.close()
    return report


def _earlier(cur: duckdb.DuckDBPyConnection, report: ImportReport) -> store.Earlier | None:
    """The batch that imported this content already, noted in the report."""
    earlier = store.earlier_import(cur, report.dataset, report.sha256)
    if earlier is not None:
        report.earlier_batch, report.earlier_at = earlier.batch_id, earlier.finished_at
    return earlier


def _validate(
    cur,
    raw,
    spec,
    found,
    file_name,
    as_of,
    report: ImportReport,
    allowed=None,
    aliases=None,
    answers=None,
) -> Staged:
    try:
        staged = validate(cur, raw, spec, found, file_name, as_of, allowed, aliases, answers)
    except ImportRefused as exc:
        exc.report = report
        raise
    finally:
        report.sha256, report.encoding = raw.sha256, raw.encoding  # settled while staging
    report.decimal = staged.decimal
    report.date_formats = {found.header_of(c): f for c, f in staged.date_formats.items()}
    report.rows_read = staged.rows_read
    report.rejected = staged.rejected
    report.warnings = staged.warnings
    report.duplicates = staged.duplicates
    report.units_created = staged.units_created
    report.unit_suggestions = staged.unit_suggestions
    return staged


def _rejects(cur: duckdb.DuckDBPyConnection, staged: Staged) -> pd.DataFrame:
    frame = cur.execute(rejects_sql(staged), rejects_params(staged)).df()
    if frame.empty:
        return empty_rejects()
    frame["row_number"] = frame["row_number"].astype("int64")
    return frame[["row_number", "column", "value", "severity", "reason", "reason_en"]]


def _preview(cur: duckdb.DuckDBPyConnection, staged: Staged) -> pd.DataFrame:
    columns = ", ".join(f'"{c}"' for c in staged.insert_columns)
    return cur.execute(
        f"SELECT _row AS row_number, {columns} FROM ok ORDER BY _row LIMIT {PREVIEW_ROWS}"
    ).df()
