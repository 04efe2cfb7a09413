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
from functools import cached_property

import duckdb
import pandas as pd

from asn_analytics.ingest import formats, reading
from asn_analytics.ingest.contracts import Dataset
from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.ingest.mapping import Mapping
from asn_analytics.ingest.messages import ERROR, ISSUES, WARNING
from asn_analytics.ingest.places import Suggestion, UnitAliases
from asn_analytics.ingest.staging import (
    Answers,
    check_answers,
    check_scale,
    detect_dates,
    detect_decimal,
    distincts,
    enum_map,
    lit,
    map_answers,
    not_blank,
    places,
    q,
    register,
    stage,
    table_types,
)
from asn_analytics.units import normal

BOUND_SQL = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}
BOUND_TEXT = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def _region_code(value: str) -> str:
    """SQL: a region code as written, without dots and spaces (12.75 is 1275)."""
    return f"regexp_replace({value}, '[.\\s]', '', 'g')"


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
        self.types = table_types(cur, spec.table)
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
            if kind == "code":
                # Kept as text, not checked: only Excel's text apostrophe goes.
                typed.append(f"nullif(ltrim({value}, ''''), '') AS {q(name)}")
            elif kind == "text":
                typed.append(f"{value} AS {q(name)}")
            elif kind == "region_code":
                typed.append(f"{_region_code(value)} AS {q(name)}")
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
        # A column absent from the file keeps the stored value: rules relating it to a given
        # column (TMT after birth, the complaint steps' order) need that value.
        kept = self.kept() + self.previous()
        if kept or self.spec.reads_stored:
            key = self.spec.key[0]
            given = f"s.{key}"
            if self.spec.columns[key].kind.name == "region_code":
                given = _region_code(given)
            joins.append(f"LEFT JOIN {self.spec.table} AS e ON e.{key} = {given}")
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
            f" WHERE {not_blank(self.mapping, 's.')}"
        )
        return f"SELECT *{''.join(', ' + d for d in derived)} FROM ({middle})"

    def previous(self) -> list[str]:
        """Given columns whose empty or unknown cell keeps the stored value rather than the
        default (the dataset's kept_when_blank): a kedudukan hukum SIASN writes that is not read
        (Pemberhentian Sementara) does not make a pensioner active again."""
        return [c for c in self.spec.kept_when_blank if c in self.present]

    def kept(self) -> list[str]:
        """Stored columns the rules compare with that the file does not give."""
        columns = self.spec.compared
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
        if kind in ("text", "code", "nip", "staff_nip"):
            return f"{q(name)} IS NOT NULL"
        return f"h_{name}"

    def _scale(self, target: str) -> int:
        kind = self.types.get(target, "")
        if kind.startswith("DECIMAL("):
            return int(kind.rstrip(")").split(",")[1])
        return 6

    def final(self) -> dict[str, str]:
        """SQL of every stored column's value over the typed columns (given, derived or NULL)."""
        return dict(self._final)

    @cached_property
    def _final(self) -> dict[str, str]:
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
        if self.spec.derive is not None:
            self.spec.derive(self, out)
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
        if self.spec.key_from:
            out.add(self.spec.key[0])  # filled in for rows without one
        return out

    def stored(self, target: str) -> str:
        """SQL over `t` of a stored column's value, typed as the table stores it."""
        expr = f"f_{target}" if target in self.derived else self.final()[target]
        return f"TRY_CAST({expr} AS {self.types[target]})"

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
        if self.spec.derive is not None:
            given |= self.spec.derive(self, self.final())  # what the given columns determine
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
                    code = column.rejected
                else:
                    code = column.unknown
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
                    self.spec.column_of(target),
                    "date_range",
                    f"{stored} IS NOT NULL AND NOT (CAST({stored} AS DATE)"
                    " BETWEEN DATE '1900-01-01' AND DATE '2100-12-31')",
                    f"CAST({stored} AS DATE)",
                )
        if self.spec.rules is not None:
            self.spec.rules(self, add)
        return out


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
    if answers and spec.answers:
        check_answers(answers)
        map_answers(cur, spec, mapping, answers)
    engine = Engine(cur, spec, mapping, raw, as_of, allowed)
    decimal_cols = [c.name for c in engine.columns if c.kind.name == "decimal"]
    decimal = detect_decimal(cur, decimal_cols, raw.delimiter)
    date_cols = [c.name for c in engine.columns if c.kind.name in ("date", "timestamp")]
    dates = detect_dates(cur, date_cols)
    mapped = [c.name for c in engine.columns if c.kind.name in ("enum", "open", "region")]
    distinct = distincts(cur, mapped)
    for column in engine.columns:
        if column.kind.name in ("enum", "open"):
            enum_map(cur, column, distinct[column.name])
    units = None
    if "region" in mapping.present:
        units = places(cur, spec, mapping.present, distinct["region"], unit_aliases)
    checks = engine.checks(dates)
    # Whether a row has any issue is worked out while typing it; the checks then run over those
    # rows only (none, for a clean file).
    any_issue = " OR ".join(f"({where})" for _, _, where, _, _ in checks) or "false"
    typed = engine.typed_sql(dates, decimal == ",")
    cur.execute(f"CREATE OR REPLACE TEMP TABLE t AS SELECT *, {any_issue} AS _issue FROM ({typed})")
    if spec.answers:
        check_scale(cur, spec, mapping, file_name)
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
    if spec.key_from:
        _made_keys(cur, staged)
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
    register(cur, "ingest_messages", frame)


def _made_keys(cur: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """A row without a key (a survey response without a number) gets a hash of its content and
    its occurrence in the file (the dataset's key_from), after its key_prefix."""
    spec = staged.spec
    key = f"f_{spec.key[0]}"
    columns = [staged.stored[p] for p in spec.key_from]
    text = ", ".join(f"coalesce(CAST({c} AS VARCHAR), '')" for c in columns)
    cur.execute(
        f"UPDATE t SET {key} = g.id FROM (SELECT _row, {lit(spec.key_prefix)}"
        f" || substr(sha256(concat_ws('|', {text}, CAST(row_number() OVER"
        f" (PARTITION BY {', '.join(columns)} ORDER BY _row)"
        f" AS VARCHAR))), 1, 24) AS id FROM t WHERE {key} IS NULL"
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
    key_column = spec.column_of(spec.key[0])
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
    if spec.is_units:
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
