"""Date formats and number notations: detection over a column, and the SQL that parses them.

Dates are never guessed value by value: each date column gets one detected format (day-first when
day-first and month-first both fit), and a value that does not fit it is reported. ISO dates
(yyyy-mm-dd, unambiguous, what Excel date cells become) are accepted in any column as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A time of day after the date: "10:30", "10:30:15", "10.30", "T10:30:15.123"; or the midnight
# in UTC a JSON web service writes after a date alone (SIASN's "2022-04-01T00:00:00Z"), read as
# that date.
TIME_RE = r"([ T][0-9]{1,2}[:.][0-9]{2}([:.][0-9]{2}([.][0-9]{1,6})?)?|T00:00:00([.]0{1,6})?Z)?"
TIME_SUFFIXES = (
    "",
    " %H:%M:%S",
    " %H:%M",
    "T%H:%M:%S",
    "T%H:%M",
    " %H.%M.%S",
    " %H.%M",
    " %H:%M:%S.%f",
    "T%H:%M:%S.%f",
    "T00:00:00Z",
    "T00:00:00.%fZ",
)


@dataclass(frozen=True)
class DateFamily:
    """One way of writing a date, with every time-of-day suffix."""

    date_format: str  # strptime format of the date part
    date_re: str  # regular expression of the date part (digits counted)
    two_digit_year: bool = False

    @property
    def pattern(self) -> str:
        return self.date_re + TIME_RE

    @property
    def formats(self) -> list[str]:
        return [self.date_format + suffix for suffix in TIME_SUFFIXES]


# In order of preference when several fit every value equally: ISO, then day-first.
FAMILIES = (
    DateFamily("%Y-%m-%d", r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"),
    DateFamily("%d/%m/%Y", r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"),
    DateFamily("%d-%m-%Y", r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}"),
    DateFamily("%d.%m.%Y", r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}"),
    DateFamily("%Y/%m/%d", r"[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}"),
    DateFamily("%d/%m/%y", r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}", True),
    DateFamily("%d-%m-%y", r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{2}", True),
    DateFamily("%m/%d/%Y", r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"),
    DateFamily("%m-%d-%Y", r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}"),
    DateFamily("%m/%d/%y", r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}", True),
    DateFamily("%Y%m%d", r"[0-9]{8}"),
)
ISO = FAMILIES[0]
BY_FORMAT = {f.date_format: f for f in FAMILIES}
SAMPLE = 5000  # distinct values
SAMPLE_ROWS = 50_000  # among the first non-empty cells


def _sql_list(items: list[str]) -> str:
    return "[" + ", ".join(sql_string(i) for i in items) + "]"


def sql_string(text: str) -> str:
    """A SQL string literal (for constants of this module, never for file content)."""
    return "'" + text.replace("'", "''") + "'"


def _family_parse(family: DateFamily, value: str, as_of: str) -> str:
    parsed = f"try_strptime({value}, {_sql_list(family.formats)})"
    if not family.two_digit_year:
        return parsed
    # yy is 20yy when that is not after as_of, else 19yy (DuckDB alone would pivot at 69).
    shift_20 = f"to_years(2000 + year({parsed}) % 100 - year({parsed}))"
    shift_19 = f"to_years(1900 + year({parsed}) % 100 - year({parsed}))"
    return (
        f"CASE WHEN CAST({parsed} + {shift_20} AS DATE) <= DATE {sql_string(as_of)}"
        f" THEN {parsed} + {shift_20} ELSE {parsed} + {shift_19} END"
    )


def parse_sql(value: str, family: DateFamily | None, as_of: dt.date) -> str:
    """SQL turning the trimmed text `value` into a TIMESTAMP with `family` (ISO as a fallback)."""
    iso = f"try_strptime({value}, {_sql_list(ISO.formats)})"
    iso_case = f"WHEN regexp_full_match({value}, {sql_string(ISO.pattern)}) THEN {iso}"
    if family is None or family == ISO:
        return f"CASE {iso_case} END"
    own = _family_parse(family, value, as_of.isoformat())
    return (
        f"CASE WHEN regexp_full_match({value}, {sql_string(family.pattern)}) THEN {own}"
        f" {iso_case} END"
    )


def has_time_sql(value: str) -> str:
    """SQL: does the text carry a time of day."""
    return f"regexp_matches({value}, '[ T][0-9]{{1,2}}[:.][0-9]{{2}}')"


def detect_sql(column: str, table: str) -> str:
    """SQL counting, over a sample of distinct values, how many each family parses."""
    # CASE, not AND: the formats are tried only on the values the pattern matches.
    counts = ", ".join(
        f"count(*) FILTER (WHERE CASE WHEN regexp_full_match(v, {sql_string(f.pattern)})"
        f" THEN try_strptime(v, {_sql_list(f.formats)}) IS NOT NULL ELSE false END)"
        for f in FAMILIES
    )
    timed = f"count(*) FILTER (WHERE {has_time_sql('v')})"
    return (
        f"SELECT {counts}, {timed}, count(*) FROM (SELECT DISTINCT v FROM (SELECT {column} AS v"
        f" FROM {table} WHERE {column} IS NOT NULL LIMIT {SAMPLE_ROWS}) LIMIT {SAMPLE})"
    )


def choose(counts: list[int]) -> DateFamily | None:
    """The family parsing the most sampled values, the earlier (day-first) on a tie.

    ISO dates are accepted in every column, so another family that fits some values wins over
    ISO: a column of Excel date cells (ISO) and typed dd/mm/yyyy text reads as dd/mm/yyyy.
    """
    others = range(1, len(FAMILIES))
    best = max(others, key=lambda i: (counts[i], -i))
    if counts[best] > 0:
        return FAMILIES[best]
    return ISO if counts[0] > 0 else None


def label(family: DateFamily | None, timed: bool) -> str:
    """The format shown to the user, e.g. '%d/%m/%Y' or '%d/%m/%Y %H:%M'."""
    if family is None:
        return "?"
    return family.date_format + (" %H:%M" if timed else "")


# Numbers: grouping separators, a decimal comma or point, a trailing % or JP.
NUMBER_MACROS = r"""
-- Spaces, tabs and no-break spaces trimmed, an empty cell NULL; the test before trim() spares
-- the copy of the (usual) value that needs none. trim() changes only a value that begins or
-- ends with one of them (or is empty): a first character below '!' or the byte tests at the
-- ends, which cost less than decoding the last character.
CREATE OR REPLACE TEMP MACRO ingest_trim(v) AS
    CASE WHEN v < '!' OR ends_with(v, ' ') OR ends_with(v, chr(9))
              OR starts_with(v, chr(160)) OR ends_with(v, chr(160))
         THEN nullif(trim(v, ' ' || chr(9) || chr(160)), '') ELSE v END;
CREATE OR REPLACE TEMP MACRO ingest_numtext(v) AS
    regexp_replace(regexp_replace(v, '\s*(%|[jJ][pP]|[jJ][aA][mM])$', ''), '\s', '', 'g');
CREATE OR REPLACE TEMP MACRO ingest_decimal_text(t, comma) AS
    CASE
        WHEN comma AND regexp_full_match(t, '[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?')
            THEN replace(replace(t, '.', ''), ',', '.')
        WHEN NOT comma AND regexp_full_match(t, '[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?')
            THEN replace(t, ',', '')
        ELSE replace(t, ',', '.')
    END;
CREATE OR REPLACE TEMP MACRO ingest_number(v, comma) AS
    CASE WHEN regexp_full_match(ingest_decimal_text(ingest_numtext(v), comma),
                                '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)')
         THEN CAST(ingest_decimal_text(ingest_numtext(v), comma) AS DOUBLE) END;
CREATE OR REPLACE TEMP MACRO ingest_integer(v) AS
    CASE
        WHEN regexp_full_match(ingest_numtext(v), '[+-]?[0-9]{1,3}([.,][0-9]{3})+')
            THEN try_cast(regexp_replace(ingest_numtext(v), '[.,]', '', 'g') AS BIGINT)
        WHEN regexp_full_match(ingest_numtext(v), '[+-]?[0-9]{1,18}([.,]0+)?')
            THEN CAST(regexp_replace(ingest_numtext(v), '[.,]0+$', '') AS BIGINT)
    END;
"""

COMMA_DECIMAL_RE = r"[+-]?[0-9]+,[0-9]+\s*(%|[jJ][pP])?"
POINT_DECIMAL_RE = r"[+-]?[0-9]+\.[0-9]+\s*(%|[jJ][pP])?"
