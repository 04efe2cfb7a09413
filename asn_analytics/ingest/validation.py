"""The engine: a whole file checked at once in DuckDB.

The file is staged as text (`stg`, one row per data row, in file order). One query types every
value by its column's declared kind and works out the value each stored column will get (`t`);
SQL checks over `t` yield one issue per (row, column) into `issues`. Only distinct values
(enumerations, regions, units) go through Python. The valid rows with unique keys are the view
`ok`, which the write reads. All tables are temporary: they belong to the cursor of one import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from asn_analytics.ingest import formats, reading
from asn_analytics.ingest.contracts import Column, Dataset
from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.ingest.mapping import Mapping
from asn_analytics.ingest.messages import ERROR, ISSUES, WARNING
from asn_analytics.ingest.places import Regions, Suggestion, UnitAliases, Units
from asn_analytics.metrics.satisfaction import ELEMENTS
from asn_analytics.units import normal

MAX_LINE = 8 * 1024 * 1024
BLANK = " \t\u00a0"
BOUND_SQL = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}
BOUND_TEXT = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
MAPPED = ("enum", "open", "region", "unit", "unit_name")
COMPLAINT_STEPS = ("received_at", "verified_at", "first_response_at", "closed_at")


def q(name: str) -> str:
    """A quoted identifier (names come from the contracts, never from the file)."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A literal of this package's own text (never a value from the file)."""
    return formats.sql_string(text)


@dataclass
class Staged:
    """A validated file: what was found, and the figures of its rows."""

    spec: Dataset
    mapping: Mapping
    first_row: int
    decimal: str
    date_formats: dict[str, str]
    insert_columns: list[str]  # stored columns written for a new row
    update_columns: list[str]  # stored columns written over an existing row
    table_types: dict[str, str]
    rows_read: int = 0
    rejected: int = 0
    warnings: int = 0
    duplicates: int = 0
    units_created: int = 0
    unit_parents: int = 0  # units given an OPD (`unit_parents`)
    unit_suggestions: list[Suggestion] = field(default_factory=list)
    unit_aliases: list[tuple[str, str, str]] = field(default_factory=list)  # to store
    headers: dict[str, str] = field(default_factory=dict)
    stored: dict[str, str] = field(default_factory=dict)  # SQL over `t` of each stored column


# -- staging ----------------------------------------------------------------------------------


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
    return cur.execute(f"SELECT count(*) FROM stg WHERE {_not_blank(mapping)}").fetchone()[0]


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


def _map_answers(cur: duckdb.DuckDBPyConnection, mapping: Mapping, answers: Answers) -> None:
    """Put each answer the officer mapped on the regulation's scale (in staging, as text)."""
    columns = [c for c in ELEMENTS if c in mapping.present]
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


def _check_scale(cur: duckdb.DuckDBPyConnection, mapping: Mapping, file_name: str) -> None:
    """A survey answered on another scale (1-5, 1-6 stars) is refused as a whole: its answers
    would otherwise be read as the regulation's 1-4, or rejected row by row. A stray 5 in a
    1-4 survey stays a rejected row."""
    answers = [q(c) for c in ELEMENTS if c in mapping.present]
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


def _not_blank(mapping: Mapping, prefix: str = "") -> str:
    return " OR ".join(f"{prefix}{q(c)} IS NOT NULL" for c in mapping.columns.values())


def _table_types(cur: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
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


def _register(cur: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """A lookup table from a frame; a column named `blank` or `is_new` is BOOLEAN, others text."""
    columns = ", ".join(
        f"CAST({q(c)} AS {'BOOLEAN' if c in ('blank', 'is_new') else 'VARCHAR'}) AS {q(c)}"
        for c in frame.columns
    )
    cur.register("ingest_frame", frame.astype(object))
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {columns} FROM ingest_frame")
    cur.unregister("ingest_frame")


def _distincts(cur: duckdb.DuckDBPyConnection, columns: list[str]) -> dict[str, list[str]]:
    """The distinct non-empty values of several columns, in one scan."""
    if not columns:
        return {}
    lists = ", ".join(f"list(DISTINCT {q(c)}) FILTER (WHERE {q(c)} IS NOT NULL)" for c in columns)
    row = cur.execute(f"SELECT {lists} FROM stg").fetchone()
    return {c: sorted(v or []) for c, v in zip(columns, row, strict=True)}


def _blank(value: str) -> bool:
    return not value.strip(BLANK)


def _enum_map(cur: duckdb.DuckDBPyConnection, column: Column, values: list[str]) -> None:
    blank = [_blank(v) for v in values]
    cells = [v.strip(BLANK) for v in values]
    codes = [None if b else column.kind.normalise(v) for v, b in zip(cells, blank, strict=True)]
    also = column.kind.also
    seconds = [None if b or also is None else also[1](v) for v, b in zip(cells, blank, strict=True)]
    frame = pd.DataFrame({"raw": values, "code": codes, "blank": blank, "also": seconds})
    _register(cur, f"m_{column.name}", frame)


def _places(
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
    _register(cur, "m_region", frame)
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
    _register(cur, "m_unit", frame)
    return units


# -- the SQL of one file -----------------------------------------------------------------------


class Engine:
    """Builds the SQL that types and checks one file against one dataset's contract."""

    def __init__(
        self,
        cur: duckdb.DuckDBPyConnection,
        spec: Dataset,
        mapping: Mapping,
        raw: reading.RawTable,
        as_of: dt.date,
        allowed: tuple[str, ...] | None = None,
    ) -> None:
        self.spec = spec
        self.allowed = allowed
        self.mapping = mapping
        self.as_of = as_of
        self.present = mapping.present
        self.first_row = raw.header_row + 1
        self.types = _table_types(cur, spec.table)
        self.columns = [c for c in spec.columns.values() if c.name in self.present]
        self.params: dict[str, str] = {}

    def _granted(self, column: str) -> str:
        """SQL: `column` is one of the regions the importing officer is granted."""
        codes = ", ".join(lit(code) for code in self.allowed or ())
        return f"coalesce(list_contains([{codes}]::VARCHAR[], {column}), false)"

    def param(self, value: str) -> str:
        """A named parameter for a text that came from the file (a header)."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    # -- typing -----------------------------------------------------------------------------------

    def typed_sql(self, dates: dict, comma: bool) -> str:
        """SELECT of `t` over `stg`: row number, typed values, has-value flags where a typed
        NULL does not tell, helper columns, and the derived stored values (`f_<column>`)."""
        typed, joins = [f"s._rid + {self.first_row} AS _row"], []
        # A NIP is decoded once per row, for its check and the rules: its number (staging knows
        # which cells are digits only: those without a `nip__raw`), then its birth date and TMT.
        numbered, decoded = "", ""
        for column in self.columns:
            name, kind = column.name, column.kind.name
            value = f"s.{q(name)}"
            has = None
            if kind == "text" and name == "evaluator_nip":
                # Kept as text, not checked as a NIP: only Excel's text apostrophe goes.
                typed.append(f"nullif(ltrim({value}, ''''), '') AS {q(name)}")
            elif kind == "text":
                typed.append(f"{value} AS {q(name)}")
            elif kind == "region_code":
                typed.append(f"regexp_replace({value}, '[.\\s]', '', 'g') AS {q(name)}")
                has = f"{value} IS NOT NULL"
            elif kind == "int":
                typed.append(f"ingest_integer({value}) AS {q(name)}")
                has = f"{value} IS NOT NULL"
            elif kind == "decimal":
                scale = self._scale(column.target)
                typed.append(f"round(ingest_number({value}, {comma}), {scale}) AS {q(name)}")
                has = f"{value} IS NOT NULL"
            elif kind in ("date", "timestamp"):
                family, _ = dates[name]
                parsed = formats.parse_sql(value, family, self.as_of)
                typed.append(f"CAST({parsed} AS {kind.upper()}) AS {q(name)}")
                has = f"{value} IS NOT NULL"
                if kind == "timestamp":
                    typed.append(f"coalesce({formats.has_time_sql(value)}, false) AS {name}__t")
            elif kind in ("enum", "open"):
                alias = f"m_{name}"
                joins.append(f"LEFT JOIN m_{name} AS {alias} ON {alias}.raw = {value}")
                typed.append(f"{alias}.code AS {q(name)}")
                if column.kind.also is not None:
                    typed.append(f"{alias}.also AS {name}__also")
                has = f"coalesce(NOT {alias}.blank, false)"
            elif kind in ("nip", "staff_nip"):
                digits = "nip__raw IS NULL OR regexp_full_match(nip, '[0-9]+')"
                numbered = f", nip_number_of(nip, {digits}) AS nip__n"
                decoded = ", nipn_birth_date(nip__n) AS nip__birth, nipn_tmt(nip__n) AS nip__tmt"
                typed += [
                    f"{value} AS nip",
                    "s.nip__n AS nip__n",
                    f"nipn_error({value}, s.nip__n, s.nip__birth, s.nip__tmt) AS nip__err",
                    "s.nip__birth AS nip__birth",
                    "s.nip__tmt AS nip__tmt",
                ]
                if kind == "staff_nip":
                    joins.append(
                        "LEFT JOIN (SELECT nip AS k, region_code AS r FROM staff) AS known"
                        " ON known.k = s.nip"
                    )
                    typed.append("known.k IS NOT NULL AS nip__known")
                    typed.append("known.r AS nip__region")
            elif kind == "region":
                joins.append("LEFT JOIN m_region AS mr ON mr.raw = s.region")
                typed += [
                    "mr.region_code AS region_code",
                    "mr.issue AS region__issue",
                    "mr.detail AS region__detail",
                ]
                has = "coalesce(NOT mr.blank, false)"
            elif kind == "opd":
                joins.append(
                    "LEFT JOIN m_unit AS mo ON mo.region_raw IS NOT DISTINCT FROM s.region"
                    f" AND mo.unit_raw = {value}"
                )
                typed.append("mo.unit_id AS opd_id")
            elif kind in ("unit", "unit_name"):
                joins.append(
                    "LEFT JOIN m_unit AS mu ON mu.region_raw IS NOT DISTINCT FROM s.region"
                    f" AND mu.unit_raw = {value}"
                )
                typed.append("mu.unit_id AS unit_id")
                if kind == "unit_name":
                    typed.append(f"mu.name AS {name}__name")
                has = "coalesce(NOT mu.blank, false)"
            if has is not None:
                typed.append(f"{has} AS h_{name}")
        if self.spec.name == "regions":
            joins.append(
                "LEFT JOIN (SELECT region_code AS k FROM regions) AS known"
                " ON known.k = regexp_replace(s.region_code, '[.\\s]', '', 'g')"
            )
            typed.append("known.k IS NOT NULL AS _exists")
        # A column absent from the file keeps the stored value: rules relating it to a given
        # column (TMT after birth, the complaint steps' order) need that value.
        kept = self.kept() + self.previous()
        if kept:
            key = self.spec.key[0]
            joins.append(f"LEFT JOIN {self.spec.table} AS e ON e.{key} = s.{key}")
            typed.append(f"e.{key} IS NOT NULL AS _stored")
            typed += [f"e.{c} AS e_{c}" for c in kept]
        derived = [
            f"TRY_CAST({expr} AS {self.types[target]}) AS f_{target}"
            for target, expr in self.final().items()
            if target in self.derived
        ]
        middle = (
            f"SELECT {', '.join(typed)}"
            f" FROM (SELECT *{decoded} FROM (SELECT *, rowid AS _rid{numbered} FROM stg)) AS s"
            f" {' '.join(joins)}"
            f" WHERE {_not_blank(self.mapping, 's.')}"
        )
        return f"SELECT *{''.join(', ' + d for d in derived)} FROM ({middle})"

    def previous(self) -> list[str]:
        """Given columns whose empty or unknown cell keeps the stored value rather than the
        default: a kedudukan hukum SIASN writes that is not read (Pemberhentian Sementara) does
        not make a pensioner active again."""
        return ["status"] if self.spec.name == "staff" and "status" in self.present else []

    def kept(self) -> list[str]:
        """Stored columns the rules compare with that the file does not give."""
        related = {"staff": ("birth_date", "tmt_cpns"), "complaints": COMPLAINT_STEPS}
        columns = related.get(self.spec.name, ())
        if all(c in self.present for c in columns):
            return []
        return [c for c in columns if c not in self.present]

    def effective(self, target: str) -> str:
        """SQL of the value a row will have after the write: the file's, or for a column the
        file lacks, the stored one (a new row gets the derived value)."""
        if target in self.present or target not in self.kept():
            return self.stored(target)
        return f"CASE WHEN _stored THEN e_{target} ELSE {self.stored(target)} END"

    def has(self, name: str) -> str:
        """SQL: the file gives a value in this column (whether or not it is valid)."""
        kind = self.spec.columns[name].kind.name
        if kind in ("text", "nip", "staff_nip"):
            return f"{q(name)} IS NOT NULL"
        return f"h_{name}"

    def _scale(self, target: str) -> int:
        kind = self.types.get(target, "")
        if kind.startswith("DECIMAL("):
            return int(kind.rstrip(")").split(",")[1])
        return 6

    def final(self) -> dict[str, str]:
        """SQL of every stored column's value over the typed columns (given, derived or NULL)."""
        out = dict.fromkeys(self.types, "NULL")
        for column in self.columns:
            if column.kind.name == "unit_name":
                out["name"] = f"{column.name}__name"
                out["unit_id"] = "unit_id"
            elif column.kind.name in ("region", "unit", "nip", "staff_nip"):
                out[column.target] = column.target
            elif column.kind.name == "opd":
                continue  # the unit's parent, written to units (unit_parents)
            else:
                out[column.target] = q(column.name)
            if column.kind.also is not None:
                out[column.kind.also[0]] = f"{column.name}__also"
        name = self.spec.name
        if name == "staff":
            # A given value wins; a missing one comes from the NIP.
            for target, decoded in (
                ("birth_date", "nip__birth"),
                ("gender", "nipn_gender(nip__n)"),
                ("tmt_cpns", "nip__tmt"),
            ):
                derived = f"CASE WHEN nip__err IS NULL THEN {decoded} END"
                out[target] = f"coalesce({out[target]}, {derived})"
            stored = "e_status, " if self.previous() else ""
            out["status"] = f"coalesce({out['status']}, {stored}'aktif')"
        elif name == "appraisals":
            out["period"] = f"coalesce({out['period']}, 'tahunan')"
            if {"result_rating", "behavior_rating"} <= self.present:
                derived = "predikat_of(result_rating, behavior_rating)"
                out["predikat"] = f"coalesce({out['predikat']}, {derived})"
        elif name == "regions":
            out["kind"] = f"coalesce({out['kind']}, {self._kind_from_name()})"
        return out

    @property
    def derived(self) -> set[str]:
        """Stored columns whose value is worked out (kept in `t` as f_<column>)."""
        plain = {q(c.name) for c in self.columns} | {
            c.target for c in self.columns if c.kind.name in ("region", "unit", "nip", "staff_nip")
        }
        if any(c.kind.name == "unit_name" for c in self.columns):
            plain |= {"name__name", "unit_id"}
        out = {t for t, expr in self.final().items() if expr != "NULL" and expr not in plain}
        if self.spec.name == "ikm_responses":
            out.add("response_id")  # filled in for rows without one
        return out

    def stored(self, target: str) -> str:
        """SQL over `t` of a stored column's value, typed as the table stores it."""
        expr = f"f_{target}" if target in self.derived else self.final()[target]
        return f"TRY_CAST({expr} AS {self.types[target]})"

    @staticmethod
    def _kind_from_name() -> str:
        name = "lower(name)"
        prefix = "^(pemerintah\\s+)?"
        return (
            "CASE WHEN length(region_code) = 2 THEN 'provinsi'"
            f" WHEN regexp_matches({name}, '{prefix}(kota|pemkot)\\b') THEN 'kota'"
            f" WHEN regexp_matches({name}, '{prefix}(kabupaten|kab\\b|pemkab)') THEN 'kabupaten'"
            f" WHEN regexp_matches({name}, '{prefix}(provinsi|propinsi|prov\\b|pemprov)')"
            " THEN 'provinsi' END"
        )

    @property
    def _derived_from(self) -> set[str]:
        """Columns a required figure is, or is derived from (required_unless)."""
        return {
            name
            for target, sources in self.spec.required_unless.items()
            for name in (target, *sources)
        }

    def update_columns(self) -> list[str]:
        """Stored columns an update writes: those the file gives (a missing column is kept)."""
        given = {"name" if c.kind.name == "unit_name" else c.target for c in self.columns}
        given |= {c.kind.also[0] for c in self.columns if c.kind.also is not None}
        if self.spec.name == "appraisals" and {"result_rating", "behavior_rating"} <= self.present:
            given.add("predikat")
        return [c for c in self.types if c in given and c not in self.spec.key]

    # -- checks ---------------------------------------------------------------------------------

    def checks(self, dates: dict) -> list[tuple[str, str, str, str, str]]:
        """(column, code SQL, condition, value SQL, detail SQL) of every check over `t`."""
        out: list[tuple[str, str, str, str, str]] = []

        def add(column, code, where, arg="NULL", detail="NULL", code_sql=None) -> None:
            out.append((column, code_sql or lit(code), where, arg, detail))

        for column in self.columns:
            name, kind, value = column.name, column.kind.name, q(column.name)
            has = self.has(name)
            if kind in ("nip", "staff_nip"):
                code_sql = "nip__err"
                if kind == "staff_nip":  # a PNS ID (32 hex characters) no staff member has
                    code_sql = (
                        "CASE WHEN nip__err = 'nip_not_digits'"
                        " AND regexp_full_match(nip, '[0-9A-Fa-f]{32}')"
                        " THEN 'pns_id_unknown' ELSE nip__err END"
                    )
                add(name, "", "nip__err IS NOT NULL", "nip", code_sql=code_sql)
                if kind == "staff_nip":
                    add(name, "nip_unknown", "nip__err IS NULL AND NOT nip__known", "nip")
                    if self.allowed is not None:
                        granted = self._granted("nip__region")
                        where = f"nip__err IS NULL AND nip__known AND NOT {granted}"
                        add(name, "nip_not_granted", where, "nip")
                continue
            if column.required:
                add(name, "required", f"NOT {has}")
            if kind == "int":
                add(name, "not_integer", f"{has} AND {value} IS NULL")
            elif kind == "decimal":
                add(name, "not_number", f"{has} AND {value} IS NULL")
            elif kind in ("date", "timestamp"):
                family, _ = dates[name]
                if family is None:
                    add(name, "no_date_format", f"{has} AND {value} IS NULL")
                else:
                    detail = lit(formats.label(family, False))
                    add(name, "bad_date", f"{has} AND {value} IS NULL", detail=detail)
            elif kind == "enum":
                # A value of an optional column that the vocabulary does not know never rejects
                # the row: the cell stays empty (status: the stored one, or aktif for a new
                # person; Engine.previous) and the report says so. A column
                # of the key, or one a required figure comes from (predikat and the ratings it
                # is derived from), still rejects it.
                if column.required or name in self.spec.key or name in self._derived_from:
                    code = "bad_golongan" if name == "golongan" else "bad_enum"
                else:
                    special = {"status": "unknown_status", "golongan": "unknown_golongan"}
                    code = special.get(name, "unknown_value")
                values = lit(", ".join(column.kind.values))
                add(name, code, f"{has} AND {value} IS NULL", detail=values)
            elif kind == "region":
                add(
                    name,
                    "",
                    f"{has} AND region__issue IS NOT NULL",
                    detail="region__detail",
                    code_sql="region__issue",
                )
                if self.allowed is not None:
                    granted = self._granted("region_code")
                    where = f"{has} AND region__issue IS NULL AND NOT {granted}"
                    add(name, "region_not_granted", where)
            elif kind == "region_code":
                pattern = lit("[0-9]{2}([0-9]{2})?")
                add(name, "bad_region_code", f"{has} AND NOT regexp_full_match({value}, {pattern})")
                if self.allowed is not None:
                    where = f"{has} AND NOT {self._granted(value)}"
                    add(name, "region_not_granted", where, value)
            elif kind in ("unit", "unit_name") and column.required:
                # A name without a letter or digit ("-") names no unit.
                add(name, "required", f"{has} AND region_code IS NOT NULL AND unit_id IS NULL")
            if column.bounds:
                inside = " AND ".join(f"{value} {BOUND_SQL[op]} {b:g}" for op, b in column.bounds)
                detail = lit(", ".join(f"{BOUND_TEXT[op]} {b:g}" for op, b in column.bounds))
                add(name, "out_of_range", f"{value} IS NOT NULL AND NOT ({inside})", detail=detail)
        # Dates as stored (given or derived from the NIP) within what the schema accepts.
        final = self.final()
        for target, kind in self.types.items():
            if kind in ("DATE", "TIMESTAMP") and final[target] != "NULL":
                stored = self.stored(target)
                add(
                    self._column_of(target),
                    "date_range",
                    f"{stored} IS NOT NULL AND NOT (CAST({stored} AS DATE)"
                    " BETWEEN DATE '1900-01-01' AND DATE '2100-12-31')",
                    f"CAST({stored} AS DATE)",
                )
        getattr(self, f"_rules_{self.spec.name}", lambda add: None)(add)
        return out

    def _column_of(self, target: str) -> str:
        for column in self.spec.columns.values():
            if column.target == target:
                return column.name
        return target

    def _rules_regions(self, add) -> None:
        kind_given = str("kind" in self.present).lower()
        add(
            "kind",
            "region_kind_missing",
            f"{self.stored('kind')} IS NULL AND (NOT _exists OR {kind_given})"
            " AND region_code IS NOT NULL AND name IS NOT NULL",
            "name",
        )
        province_given = str("province" in self.present).lower()
        add(
            "province",
            "province_missing",
            f"{self.stored('province')} IS NULL AND (NOT _exists OR {province_given})"
            " AND name IS NOT NULL",
            "name",
        )

    def _rules_staff(self, add) -> None:
        ok = "nip__err IS NULL"
        if "birth_date" in self.present:
            add(
                "birth_date",
                "birth_date_mismatch",
                f"{ok} AND birth_date IS NOT NULL AND birth_date <> nip__birth",
                detail="nip__birth",
            )
        if "tmt_cpns" in self.present:
            add(
                "tmt_cpns",
                "tmt_mismatch",
                f"{ok} AND tmt_cpns IS NOT NULL AND nipn_kind(nip__n) = 'PNS'"
                " AND date_trunc('month', tmt_cpns) <> nip__tmt",
                detail="strftime(nip__tmt, '%Y-%m')",
            )
            add(
                "tmt_cpns",
                "tmt_mismatch",
                f"{ok} AND tmt_cpns IS NOT NULL AND nipn_kind(nip__n) = 'PPPK'"
                " AND year(tmt_cpns) <> nipn_appointment_year(nip__n)",
                detail="nipn_appointment_year(nip__n)",
            )
        if "gender" in self.present:
            add(
                "gender",
                "gender_mismatch",
                f"{ok} AND gender IS NOT NULL AND gender <> nipn_gender(nip__n)",
                detail="nipn_gender(nip__n)",
            )
        if "employment_type" in self.present:
            warning = "nipn_type_warning(nip__n, employment_type)"
            add("nip", "", f"{ok} AND {warning} IS NOT NULL", "nip", code_sql=warning)
        tmt, birth = self.effective("tmt_cpns"), self.effective("birth_date")
        add(
            "tmt_cpns",
            "tmt_before_birth",
            f"{tmt} IS NOT NULL AND {birth} IS NOT NULL AND {tmt} <= {birth}",
            tmt,
            birth,
        )

    def _rules_appraisals(self, add) -> None:
        if {"predikat", "result_rating", "behavior_rating"} <= self.present:
            add(
                "predikat",
                "predikat_mismatch",
                "predikat IS NOT NULL AND result_rating IS NOT NULL"
                " AND behavior_rating IS NOT NULL"
                " AND predikat_of(result_rating, behavior_rating) <> predikat",
                detail="result_rating || ' × ' || behavior_rating || ' → '"
                " || predikat_of(result_rating, behavior_rating)",
            )
        given = self.has("predikat") if "predikat" in self.present else "false"
        add("predikat", "predikat_missing", f"{self.stored('predikat')} IS NULL AND NOT {given}")

    def _rules_trainings(self, add) -> None:
        if "end_date" in self.present:
            add(
                "end_date",
                "end_before_start",
                "end_date IS NOT NULL AND start_date IS NOT NULL AND end_date < start_date",
                detail="start_date",
            )

    def _rules_complaints(self, add) -> None:
        """received ≤ verified ≤ first response ≤ closed; dates only when a side has no time."""
        # A stored step (its column absent from the file) is compared by date, as the schema does.
        value = {s: s if s in self.present else f"e_{s}" for s in COMPLAINT_STEPS}
        timed = {s: f"{s}__t" if s in self.present else "false" for s in COMPLAINT_STEPS}
        steps = list(COMPLAINT_STEPS)
        for k in range(1, len(steps)):
            current, earlier = steps[k], list(reversed(steps[:k]))
            if current not in self.present and not any(e in self.present for e in earlier):
                continue
            prev = "coalesce(" + ", ".join(value[e] for e in earlier) + ")"
            prev_t = (
                "CASE "
                + " ".join(f"WHEN {value[e]} IS NOT NULL THEN {timed[e]}" for e in earlier)
                + " END"
            )
            prev_name = (
                "CASE "
                + " ".join(
                    f"WHEN {value[e]} IS NOT NULL THEN {self.param(self.mapping.header_of(e))}"
                    for e in earlier
                )
                + " END"
            )
            now, now_t = value[current], timed[current]
            shown = (
                f"CASE WHEN {prev_t} THEN strftime({prev}, '%Y-%m-%d %H:%M')"
                f" ELSE strftime({prev}, '%Y-%m-%d') END"
            )
            add(
                current,
                "date_order",
                f"{now} IS NOT NULL AND {prev} IS NOT NULL AND CASE WHEN {now_t}"
                f" AND {prev_t} THEN {now} < {prev}"
                f" ELSE CAST({now} AS DATE) < CAST({prev} AS DATE) END",
                # The file's own text when the step is in the file; the stored value when not.
                "NULL" if current in self.present else f"strftime({now}, '%Y-%m-%d')",
                detail=f"{prev_name} || ' ' || {shown}",
            )


def _issue_sql(checks: list[tuple[str, str, str, str, str]]) -> str:
    """Each check over the rows that have any issue (`tc`)."""
    return " UNION ALL ".join(
        f"SELECT _row, {lit(column)}, {code}, CAST({arg} AS VARCHAR), CAST({detail} AS VARCHAR)"
        f" FROM tc WHERE {where}"
        for column, code, where, arg, detail in checks
    )


def validate(
    cur: duckdb.DuckDBPyConnection,
    raw: reading.RawTable,
    spec: Dataset,
    mapping: Mapping,
    file_name: str,
    as_of: dt.date,
    allowed: tuple[str, ...] | None = None,
    unit_aliases: UnitAliases | None = None,
    answers: Answers | None = None,
) -> Staged:
    """Stage, type and check the file; leaves `t`, `issue_values`, `bad` and the view `ok`.

    `unit_aliases`: (region_code, name) -> an existing unit_id the name stands for. `answers`:
    a survey's answers put on the regulation's 1-4 scale by the officer (answer -> 1..4).

    `allowed`: the regions the importing officer is granted (None: all); rows of other regions
    are rejected with that reason."""
    try:
        rows = stage(cur, raw, spec, mapping, file_name)
    except ImportRefused:
        # DuckDB stops at the first byte that is not UTF-8: past the head the encoding was told
        # from, the file is another encoding after all, which the background check settles.
        if not reading.settle(raw):
            raise
        rows = stage(cur, raw, spec, mapping, file_name)
    else:
        if reading.settle(raw):
            rows = stage(cur, raw, spec, mapping, file_name)
    if rows == 0:
        raise ImportRefused("no_rows", file=file_name)
    if answers and spec.name == "ikm_responses":
        check_answers(answers)
        _map_answers(cur, mapping, answers)
    engine = Engine(cur, spec, mapping, raw, as_of, allowed)
    decimal_cols = [c.name for c in engine.columns if c.kind.name == "decimal"]
    decimal = detect_decimal(cur, decimal_cols, raw.delimiter)
    date_cols = [c.name for c in engine.columns if c.kind.name in ("date", "timestamp")]
    dates = detect_dates(cur, date_cols)
    mapped = [c.name for c in engine.columns if c.kind.name in ("enum", "open", "region")]
    distinct = _distincts(cur, mapped)
    for column in engine.columns:
        if column.kind.name in ("enum", "open"):
            _enum_map(cur, column, distinct[column.name])
    units = None
    if "region" in mapping.present:
        units = _places(cur, spec, mapping.present, distinct["region"], unit_aliases)
    checks = engine.checks(dates)
    # Whether a row has any issue is worked out while typing it; the checks then run over those
    # rows only (none, for a clean file).
    any_issue = " OR ".join(f"({where})" for _, _, where, _, _ in checks) or "false"
    typed = engine.typed_sql(dates, decimal == ",")
    cur.execute(f"CREATE OR REPLACE TEMP TABLE t AS SELECT *, {any_issue} AS _issue FROM ({typed})")
    if spec.name == "ikm_responses":
        _check_scale(cur, mapping, file_name)
    cur.execute("CREATE OR REPLACE TEMP TABLE tc AS SELECT * FROM t WHERE _issue")
    union = _issue_sql(checks)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE issues (_row BIGINT, col VARCHAR, code VARCHAR,"
        " arg VARCHAR, detail VARCHAR)"
    )
    cur.execute(f"INSERT INTO issues {union}", engine.params)
    cur.execute("DROP TABLE tc")
    _messages(cur)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE bad AS SELECT DISTINCT _row FROM issues"
        f" JOIN ingest_messages USING (code) WHERE severity = '{ERROR}'"
    )
    staged = Staged(
        spec=spec,
        mapping=mapping,
        first_row=engine.first_row,
        decimal=decimal,
        date_formats={c: formats.label(*dates[c]) for c in date_cols},
        insert_columns=list(engine.types),
        update_columns=engine.update_columns(),
        table_types=engine.types,
        rows_read=rows,
        headers={c.name: mapping.header_of(c.name) for c in spec.columns.values()},
        stored={target: engine.stored(target) for target in engine.types},
    )
    if spec.name == "ikm_responses":
        _response_ids(cur, staged)
    _make_ok(cur, staged)
    if units is not None:
        staged.unit_parents = _unit_parents(cur, spec, mapping.present)
        staged.units_created = _new_units(cur, spec) if units.created else 0
        # Asked about: a new unit close to a known one, once a row of it is to be written (a
        # pass over the rows only when there is such a unit).
        asked = units.suggestions() if units.created else []
        if asked:
            written = {
                u
                for (u,) in cur.execute(
                    "SELECT DISTINCT unit_id FROM ok WHERE unit_id IN (SELECT unnest(?))",
                    [[s.unit_id for s in asked]],
                ).fetchall()
            }
            staged.unit_suggestions = [s for s in asked if s.unit_id in written]
        staged.unit_aliases = [
            (region, normal(name), unit_id)
            for (region, name), unit_id in sorted((unit_aliases or {}).items())
        ]
    staged.rejected = cur.execute("SELECT count(*) FROM bad").fetchone()[0]
    staged.warnings = cur.execute(
        "SELECT count(*) FROM issues JOIN ingest_messages USING (code)"
        f" WHERE severity = '{WARNING}' AND _row NOT IN (SELECT _row FROM bad)"
    ).fetchone()[0]
    _keep_values(cur, staged)
    return staged


def _messages(cur: duckdb.DuckDBPyConnection) -> None:
    frame = pd.DataFrame(
        [(code, sev, text_id, text_en) for code, (sev, text_id, text_en) in ISSUES.items()],
        columns=["code", "severity", "text_id", "text_en"],
    )
    _register(cur, "ingest_messages", frame)


def _response_ids(cur: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """A response without an id gets a hash of its content and its occurrence in the file."""
    parts = ["region_code", "unit_id", "survey_date", "service", *ELEMENTS]
    columns = [staged.stored[p] for p in parts]
    text = ", ".join(f"coalesce(CAST({c} AS VARCHAR), '')" for c in columns)
    cur.execute(
        "UPDATE t SET f_response_id = g.id FROM (SELECT _row, 'ikm-' || substr(sha256(concat_ws("
        f"'|', {text}, CAST(row_number() OVER (PARTITION BY {', '.join(columns)} ORDER BY _row)"
        " AS VARCHAR))), 1, 24) AS id FROM t WHERE f_response_id IS NULL"
        " AND _row NOT IN (SELECT _row FROM bad)) AS g WHERE t._row = g._row"
    )


def _ok_view(cur: duckdb.DuckDBPyConnection, staged: Staged, dropped: bool) -> None:
    values = ", ".join(f"{staged.stored[c]} AS {q(c)}" for c in staged.table_types)
    where = []
    if cur.execute("SELECT count(*) FROM bad").fetchone()[0]:
        where.append("_row NOT IN (SELECT _row FROM bad)")
    if dropped:
        where.append("_row NOT IN (SELECT _row FROM dropped)")
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    cur.execute(f"CREATE OR REPLACE TEMP VIEW ok AS SELECT _row, {values} FROM t{condition}")


def _make_ok(cur: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """The view `ok` of the rows to write; in-file duplicate keys resolved first."""
    spec = staged.spec
    _ok_view(cur, staged, dropped=False)
    keys = ", ".join(q(k) for k in spec.key)
    repeats = cur.execute(f"SELECT count(*) - count(DISTINCT ({keys})) FROM ok").fetchone()[0]
    if not repeats:
        return
    row = ", ".join(q(c) for c in staged.table_types)
    key_text = " || ' / ' || ".join(f"CAST({q(k)} AS VARCHAR)" for k in spec.key)
    key_column = "name" if spec.name == "units" else spec.key[0]
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE dup AS SELECT {key_text} AS key_text,"
        f" count(DISTINCT row({row})) AS variants, list(_row ORDER BY _row) AS rows"
        f" FROM ok SEMI JOIN (SELECT {keys} FROM ok GROUP BY {keys} HAVING count(*) > 1)"
        f" USING ({keys}) GROUP BY {keys}"
    )
    cur.execute(
        "INSERT INTO issues SELECT unnest(rows[2:]), $col, 'duplicate_identical', NULL,"
        " CAST(rows[1] AS VARCHAR) FROM dup WHERE variants = 1",
        {"col": key_column},
    )
    cur.execute(
        "INSERT INTO issues SELECT unnest(rows), $col, 'duplicate_conflict', key_text,"
        " array_to_string(rows, ', ') FROM dup WHERE variants > 1",
        {"col": key_column},
    )
    cur.execute("INSERT INTO bad SELECT unnest(rows) FROM dup WHERE variants > 1")
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE dropped AS SELECT unnest(rows[2:]) AS _row FROM dup"
        " WHERE variants = 1"
    )
    staged.duplicates = cur.execute("SELECT count(*) FROM dropped").fetchone()[0]
    _ok_view(cur, staged, dropped=True)


def _unit_parents(cur: duckdb.DuckDBPyConnection, spec: Dataset, present: set[str]) -> int:
    """Each unit of the valid rows with the OPD they name for it (`unit_parents`): the most
    named, and the first named of a tie. A unit named as its own OPD is one."""
    opd = next((c.name for c in spec.columns.values() if c.kind.name == "opd"), None)
    if opd is None or opd not in present:
        cur.execute(
            "CREATE OR REPLACE TEMP TABLE unit_parents (unit_id VARCHAR, parent_id VARCHAR)"
        )
        return 0
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE unit_parents AS"
        " SELECT unit_id, arg_min(opd_id, first) AS parent_id FROM ("
        "  SELECT unit_id, opd_id, count(*) AS n, min(_row) AS first FROM t"
        "  WHERE unit_id IS NOT NULL AND opd_id IS NOT NULL AND _row NOT IN (SELECT _row FROM bad)"
        "  GROUP BY unit_id, opd_id QUALIFY n = max(n) OVER (PARTITION BY unit_id))"
        " GROUP BY unit_id HAVING arg_min(opd_id, first) <> unit_id"
    )
    return cur.execute("SELECT count(*) FROM unit_parents").fetchone()[0]


def _new_units(cur: duckdb.DuckDBPyConnection, spec: Dataset) -> int:
    """The units the valid rows name that do not exist yet (`new_units`): their own units (not
    for a list of units, whose rows are them) and the OPDs they sit in."""
    opds = "m.unit_id IN (SELECT parent_id FROM unit_parents)"
    if spec.name == "units":
        named = f"{opds} AND m.unit_id NOT IN (SELECT unit_id FROM ok)"
    else:
        named = f"({opds} OR m.unit_id IN (SELECT unit_id FROM ok))"
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE new_units AS SELECT DISTINCT m.unit_id, m.region_code,"
        f" m.name FROM m_unit AS m WHERE m.is_new AND {named}"
    )
    return cur.execute("SELECT count(*) FROM new_units").fetchone()[0]


def _keep_values(cur: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """Keep the file's value of each issue's cell, then free the staging table."""
    source = {
        c: f"coalesce(s.{q(c + '__raw')}, s.{q(c)})"
        if staged.spec.columns[c].kind.name in ("nip", "staff_nip")
        else f"s.{q(c)}"
        for c in sorted(staged.mapping.present)
    }
    raw = "CASE i.col " + " ".join(f"WHEN {lit(c)} THEN {v}" for c, v in source.items()) + " END"
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE issue_values AS SELECT i.*,"
        f" ingest_trim({raw}) AS raw_value"
        f" FROM issues AS i LEFT JOIN stg AS s ON s.rowid = i._row - {staged.first_row}"
    )
    cur.execute("DROP TABLE stg")


def classify(cur: duckdb.DuckDBPyConnection, staged: Staged) -> dict[str, int]:
    """Count the rows of `ok` that are new, changed or the same as stored.

    `matched` keeps the rows whose key is stored, with whether any written column differs.
    """
    spec = staged.spec
    on = " AND ".join(f"d.{q(k)} = o.{q(k)}" for k in spec.key)
    changed = (
        " OR ".join(f"d.{q(c)} IS DISTINCT FROM o.{q(c)}" for c in staged.update_columns) or "false"
    )
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE matched AS SELECT o._row, {changed} AS changed"
        f" FROM ok AS o JOIN {spec.table} AS d ON {on}"
    )
    total = cur.execute("SELECT count(*) FROM ok").fetchone()[0]
    matched, changed_rows = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE changed) FROM matched"
    ).fetchone()
    return {"new": total - matched, "changed": changed_rows, "same": matched - changed_rows}


def rejects_sql(staged: Staged) -> str:
    """SELECT of the issues to report, rendered in both languages, in row order."""
    header = (
        "CASE i.col "
        + " ".join(f"WHEN {lit(c)} THEN $h_{n}" for n, c in enumerate(staged.headers))
        + " ELSE i.col END"
    )
    shown = "coalesce(i.arg, raw_value, '')"

    def render(template: str) -> str:
        return (
            f"replace(replace(replace(replace({template}, '{{value}}', {shown}),"
            f" '{{length}}', CAST(length({shown}) AS VARCHAR)), '{{column}}', header),"
            f" '{{detail}}', coalesce(i.detail, ''))"
        )

    return (
        'SELECT row_number, severity, header AS "column", raw_value AS value,'
        f" {render('text_id')} AS reason, {render('text_en')} AS reason_en"
        " FROM (SELECT i.*, m.severity, m.text_id, m.text_en, i._row AS row_number,"
        f" {header} AS header"
        " FROM issue_values AS i JOIN ingest_messages AS m USING (code)"
        f" WHERE m.severity = '{ERROR}' OR i._row NOT IN (SELECT _row FROM bad)) AS i"
        ' ORDER BY row_number, severity, "column", reason'
    )


def rejects_params(staged: Staged) -> dict[str, str]:
    """The file's headers, as parameters of rejects_sql."""
    return {f"h_{n}": header for n, header in enumerate(staged.headers.values())}
