"""Staging: a file's rows as text in DuckDB (`stg`), and what the engine needs to type them.

The file is staged as text, one row per data row in file order, its cells trimmed and NIPs
cleaned; then the distinct values of each enumeration, region and unit go through Python once
(`m_<column>`, `m_region`, `m_unit`), and the decimal mark and date formats of the file are told
from its values. validation.py types and checks the staged rows.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from asn_analytics.ingest import formats, reading
from asn_analytics.ingest.contracts import Column, Dataset
from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.ingest.mapping import Mapping
from asn_analytics.ingest.places import Regions, UnitAliases, Units

MAX_LINE = 8 * 1024 * 1024
BLANK = " \t\u00a0"
MAPPED = ("enum", "open", "region", "unit", "unit_name")


def q(name: str) -> str:
    """A quoted identifier (names come from the contracts, never from the file)."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A literal of this package's own text (never a value from the file)."""
    return formats.sql_string(text)


def _prep(column: Column, source: str) -> list[str]:
    """How staging keeps a column: trimmed text; a NIP cleaned (and as written); mapped as is."""
    name = column.name
    if column.kind.name in ("nip", "staff_nip"):
        # Digits only (the usual cell) is what nip_clean would return unchanged: its regular
        # expressions run only on the rest, and only the rest keeps its text as written apart
        # (for the report; see _keep_values).
        digits = f"regexp_full_match({source}, '[0-9]+')"
        return [
            f"CASE WHEN {digits} THEN {source} ELSE nip_clean({source}) END AS {q(name)}",
            f"CASE WHEN {digits} THEN NULL ELSE {source} END AS {q(name + '__raw')}",
        ]
    if column.kind.name in MAPPED:
        return [f"{source} AS {q(name)}"]
    return [f"ingest_trim({source}) AS {q(name)}"]


def stage(
    cur: duckdb.DuckDBPyConnection,
    raw: reading.RawTable,
    spec: Dataset,
    mapping: Mapping,
    file_name: str,
) -> int:
    """Load the mapped columns into `stg` (file order, so rowid is the data row); rows not blank."""
    width = max(len(raw.headers), max(mapping.columns, default=0) + 1, 1)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    select = ", ".join(
        part for i, col in mapping.columns.items() for part in _prep(spec.columns[col], f"c{i}")
    )
    options = (
        f"auto_detect = false, header = false, skip = {int(raw.skip)}, delim = $delim,"
        f" quote = '\"', escape = '\"', columns = {columns}, null_padding = true,"
        f" strict_mode = false, max_line_size = {MAX_LINE}"
    )
    params = {"path": str(raw.csv_path), "delim": raw.csv_delimiter}
    try:
        for extra in ("", ", parallel = false"):
            # Quoted line breaks in short rows need the serial reader: retry with it.
            try:
                cur.execute(
                    f"CREATE OR REPLACE TEMP TABLE stg AS SELECT {select}"
                    f" FROM read_csv($path, {options}{extra})",
                    params,
                )
                break
            except duckdb.Error as exc:
                if extra or "parallel" not in str(exc):
                    raise
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0]
        raise ImportRefused("unreadable", file=file_name, detail=detail) from None
    _resolve_pns_ids(cur, spec, mapping)
    return cur.execute(f"SELECT count(*) FROM stg WHERE {not_blank(mapping)}").fetchone()[0]


# An officer's mapping of a survey's answers to the regulation's 1-4 scale: answer -> 1..4.
Answers = dict[int, int]
ANSWERS_FROM = range(0, 11)  # the answers a mapping may name (a 0-10 scale at most)


def check_answers(answers: Answers | None) -> None:
    """Refuse a mapping that names an answer outside 0-10 or maps one outside 1-4."""
    bad = [
        f"{k}={v}"
        for k, v in sorted((answers or {}).items())
        if k not in ANSWERS_FROM or v not in range(1, 5)
    ]
    if bad:
        raise ImportRefused("bad_answers", detail=", ".join(bad))


def stretched_answers(highest: int) -> Answers:
    """A proposal for a survey answered 1..`highest`: its scale stretched onto 1-4, rounded
    half up (1-5: 1, 2, 3, 3, 4). The officer confirms or changes it."""
    return {a: int(1 + (a - 1) * 3 / (highest - 1) + 0.5) for a in range(1, highest + 1)}


def map_answers(
    cur: duckdb.DuckDBPyConnection, spec: Dataset, mapping: Mapping, answers: Answers
) -> None:
    """Put each answer the officer mapped on the regulation's scale (in staging, as text)."""
    columns = [c for c in spec.answers if c in mapping.present]
    if not columns:
        return
    cases = " ".join(f"WHEN {int(k)} THEN '{int(v)}'" for k, v in sorted(answers.items()))
    sets = ", ".join(
        f"{q(c)} = coalesce(CASE TRY_CAST({q(c)} AS INTEGER) {cases} END, {q(c)})" for c in columns
    )
    cur.execute(f"UPDATE stg SET {sets}")


# Responses above 4 that make a survey one on another scale, not a few typos: a tenth of them,
# and at least ten (a handful of rows is checked row by row).
OTHER_SCALE_SHARE, OTHER_SCALE_MIN = 0.1, 10


def check_scale(
    cur: duckdb.DuckDBPyConnection, spec: Dataset, mapping: Mapping, file_name: str
) -> None:
    """A survey answered on another scale (1-5, 1-6 stars) is refused as a whole: its answers
    would otherwise be read as the regulation's 1-4, or rejected row by row. A stray 5 in a
    1-4 survey stays a rejected row."""
    answers = [q(c) for c in spec.answers if c in mapping.present]
    if not answers:
        return
    top = f"greatest({', '.join(answers)})"
    other = f"{top} BETWEEN 5 AND 10"
    highest, above, rows = cur.execute(
        f"SELECT max({top}) FILTER (WHERE {other}), count(*) FILTER (WHERE {other}), count(*)"
        " FROM t"
    ).fetchone()
    if above >= max(OTHER_SCALE_MIN, OTHER_SCALE_SHARE * rows):
        raise ImportRefused("ikm_scale", file=file_name, value=int(highest))


def _resolve_pns_ids(cur: duckdb.DuckDBPyConnection, spec: Dataset, mapping: Mapping) -> None:
    """A person named by SIASN's PNS ID instead of a NIP gets the NIP of the staff member with
    that PNS ID; the ID stays the value as written. Only values that are not all digits are
    looked at (kept apart in staging), so a file of NIPs costs one count."""
    column = next((c.name for c in spec.columns.values() if c.kind.name == "staff_nip"), None)
    if column is None or column not in mapping.present:
        return
    raw = q(column + "__raw")
    if not cur.execute(f"SELECT count(*) FROM stg WHERE {raw} IS NOT NULL").fetchone()[0]:
        return
    cur.execute(
        f"UPDATE stg SET {q(column)} = known.nip FROM"
        " (SELECT pns_id, min(nip) AS nip FROM staff WHERE pns_id IS NOT NULL GROUP BY pns_id)"
        f" AS known WHERE {raw} IS NOT NULL AND upper(trim({raw})) = upper(known.pns_id)"
    )


def not_blank(mapping: Mapping, prefix: str = "") -> str:
    return " OR ".join(f"{prefix}{q(c)} IS NOT NULL" for c in mapping.columns.values())


def table_types(cur: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_name = ? AND table_schema = 'main' AND table_catalog = current_database()"
        " ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {name: kind for name, kind in rows if name != "batch_id"}


# -- detection --------------------------------------------------------------------------------


def detect_decimal(
    cur: duckdb.DuckDBPyConnection, columns: list[str], delimiter: str | None
) -> str:
    """',' when the decimal columns are written with a comma, '.' with a point."""
    default = "," if delimiter == ";" else "."
    if not columns:
        return default
    comma = " + ".join(
        f"count(*) FILTER (WHERE regexp_full_match({q(c)}, {lit(formats.COMMA_DECIMAL_RE)}))"
        for c in columns
    )
    point = " + ".join(
        f"count(*) FILTER (WHERE regexp_full_match({q(c)}, {lit(formats.POINT_DECIMAL_RE)}))"
        for c in columns
    )
    sample = f"(SELECT * FROM stg LIMIT {formats.SAMPLE_ROWS})"
    n_comma, n_point = cur.execute(f"SELECT {comma}, {point} FROM {sample}").fetchone()
    if n_comma != n_point:
        return "," if n_comma > n_point else "."
    return default


def detect_dates(
    cur: duckdb.DuckDBPyConnection, columns: list[str]
) -> dict[str, tuple[formats.DateFamily | None, bool]]:
    """Each date column's format family and whether its values carry a time of day."""
    found = {}
    for column in columns:
        row = cur.execute(formats.detect_sql(q(column), "stg")).fetchone()
        counts, timed = list(row[: len(formats.FAMILIES)]), row[len(formats.FAMILIES)]
        found[column] = (formats.choose(counts), timed > 0)
    return found


# -- lookups of distinct values ---------------------------------------------------------------


def register(cur: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """A lookup table from a frame; a column named `blank` or `is_new` is BOOLEAN, others text."""
    columns = ", ".join(
        f"CAST({q(c)} AS {'BOOLEAN' if c in ('blank', 'is_new') else 'VARCHAR'}) AS {q(c)}"
        for c in frame.columns
    )
    cur.register("ingest_frame", frame.astype(object))
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {columns} FROM ingest_frame")
    cur.unregister("ingest_frame")


def distincts(cur: duckdb.DuckDBPyConnection, columns: list[str]) -> dict[str, list[str]]:
    """The distinct non-empty values of several columns, in one scan."""
    if not columns:
        return {}
    lists = ", ".join(f"list(DISTINCT {q(c)}) FILTER (WHERE {q(c)} IS NOT NULL)" for c in columns)
    row = cur.execute(f"SELECT {lists} FROM stg").fetchone()
    return {c: sorted(v or []) for c, v in zip(columns, row, strict=True)}


def _blank(value: str) -> bool:
    return not value.strip(BLANK)


def enum_map(cur: duckdb.DuckDBPyConnection, column: Column, values: list[str]) -> None:
    blank = [_blank(v) for v in values]
    cells = [v.strip(BLANK) for v in values]
    codes = [None if b else column.kind.normalise(v) for v, b in zip(cells, blank, strict=True)]
    also = column.kind.also
    seconds = [None if b or also is None else also[1](v) for v, b in zip(cells, blank, strict=True)]
    frame = pd.DataFrame({"raw": values, "code": codes, "blank": blank, "also": seconds})
    register(cur, f"m_{column.name}", frame)


def places(
    cur: duckdb.DuckDBPyConnection,
    spec: Dataset,
    present: set[str],
    values: list[str],
    aliases: UnitAliases | None = None,
) -> Units | None:
    """Region and unit lookups (m_region, m_unit); the units, with those the file names anew."""
    regions = Regions.load(cur)
    resolved = [None if _blank(v) else regions.resolve(v) for v in values]
    frame = pd.DataFrame(
        {
            "raw": values,
            "region_code": [r and r.region_code for r in resolved],
            "issue": [r and r.issue for r in resolved],
            "detail": [r and r.detail for r in resolved],
            "blank": [r is None for r in resolved],
        }
    )
    register(cur, "m_region", frame)
    unit = next((c for c in spec.columns.values() if c.kind.name in ("unit", "unit_name")), None)
    if unit is None or unit.name not in present:
        return None
    units = Units.load(cur, regions, aliases)
    # The names of units and of their OPDs, in file order: a new unit is created with the name
    # as first written, and of two names sharing a slug the first keeps the plain key.
    named = [unit.name] + [
        c.name for c in spec.columns.values() if c.kind.name == "opd" and c.name in present
    ]
    sources = " UNION ALL ".join(
        f"SELECT rowid * {len(named)} + {i} AS seq, region, {q(name)} AS name FROM stg"
        f" WHERE {q(name)} IS NOT NULL"
        for i, name in enumerate(named)
    )
    pairs = cur.execute(
        f"SELECT s.region, m.region_code, s.name, bool_and(s.seq % {len(named)} > 0)"
        f" FROM ({sources}) AS s LEFT JOIN m_region AS m ON m.raw = s.region"
        " GROUP BY s.region, m.region_code, s.name ORDER BY min(s.seq)"
    ).fetchall()
    rows = []
    for region_raw, code, unit_raw, only_opd in pairs:
        match = None
        # SIASN's satuan kerja of a regional government is often the government itself
        # ("Pemerintah Kota Sawahlunto"): as an OPD, that names none.
        government = only_opd and regions.resolve(unit_raw).region_code == code
        if code is not None and not government:
            match = units.resolve(code, unit_raw)
        rows.append(
            (
                region_raw,
                unit_raw,
                code,
                match and match.unit_id,
                match and match.name,
                bool(match and match.is_new),
                _blank(unit_raw),
            )
        )
    columns = ["region_raw", "unit_raw", "region_code", "unit_id", "name", "is_new", "blank"]
    frame = pd.DataFrame(rows, columns=columns)
    register(cur, "m_unit", frame)
    return units


# -- the SQL of one file -----------------------------------------------------------------------
