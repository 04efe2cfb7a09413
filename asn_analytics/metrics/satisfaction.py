"""Public satisfaction (IKM, PermenPANRB 14/2017) indicators."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer
from asn_analytics.metrics.filters import Filters, resolve
from asn_analytics.metrics.registry import metric

REGULATION = "PermenPANRB 14/2017 tentang Pedoman Survei Kepuasan Masyarakat"

# The nine survey columns of ikm_responses, in the regulation's order (reference/ikm.toml).
ELEMENTS = tuple(e["code"] for e in reference.load("ikm")["element"])

# Sum and number of answers per group and element; UNPIVOT drops blanks (NULL), so a blank is not
# an answer. A group whose answers are all blank still has its respondents (element NULL).
# {unit}: the group a response's unit counts in (the unit, or its OPD); {having}: which groups.
_ELEMENT_SUMS = """
WITH responses AS (
    SELECT region_code, {unit} AS unit_id, year, {elements}
    FROM (
        SELECT region_code, unit_id, year(survey_date) AS year, {elements}
        FROM ikm_responses
        WHERE keep($regions, region_code) AND keep($units, unit_id)
          AND year(survey_date) BETWEEN $year_from AND $year_to
          AND survey_date <= $as_of
    )
),
respondents AS (
    SELECT {keys}, count(*) AS respondents FROM responses GROUP BY {keys} {having}
),
answers AS (
    UNPIVOT responses ON {elements} INTO NAME element VALUE answer
),
sums AS (
    SELECT {keys}, element, sum(answer) AS answer_sum, count(*) AS n_answers
    FROM answers GROUP BY {keys}, element
)
SELECT p.*, {names} s.element, CAST(s.answer_sum AS BIGINT) AS answer_sum, s.n_answers
FROM respondents AS p
{joins}
LEFT JOIN sums AS s USING ({keys})
ORDER BY {keys}, s.element
"""

# Each level's groups: key columns, names, joins, the group a unit counts in, which groups are
# shown. An OPD's group holds the responses of all its units; it is shown when the unit filter
# holds the OPD whole (choosing an OPD chooses its units).
_REGION_JOIN = "JOIN regions AS r USING (region_code)"
_LEVELS = {
    "region": dict(
        keys="region_code, year", names="r.name AS region_name,", joins=_REGION_JOIN,
        unit="unit_id", having="",
    ),
    "unit": dict(
        keys="region_code, unit_id, year",
        names="r.name AS region_name, u.name AS unit_name,"
        " coalesce(u.parent_id, p.unit_id) AS opd_id, o.name AS opd_name,",
        joins=f"{_REGION_JOIN} LEFT JOIN units AS u USING (unit_id)"
        " LEFT JOIN units AS o ON o.unit_id = coalesce(u.parent_id, p.unit_id)",
        unit="unit_id",
        having="",
    ),
    "opd": dict(
        keys="region_code, unit_id, year",
        names="r.name AS region_name, u.name AS unit_name, p.unit_id AS opd_id,"
        " u.name AS opd_name,",
        joins=f"{_REGION_JOIN} LEFT JOIN units AS u USING (unit_id)",
        unit="opd_of(unit_id)",
        having="HAVING keep($units, unit_id)",
    ),
    # The whole selection pooled: NRR over all its responses.
    "pooled": dict(keys="year", names="", joins="", unit="unit_id", having=""),
}  # fmt: skip
_RAW = {
    level: _ELEMENT_SUMS.format(elements=", ".join(ELEMENTS), **parts)
    for level, parts in _LEVELS.items()
}

# The same sums from the respondents and answers summed per region, unit and year, one row per
# group: s_i and c_i are the sum and number of answers of the i-th element (0: none).
_WIDE = ",\n           ".join(
    f"CAST(coalesce(sum(answer_sum) FILTER (WHERE element = '{e}'), 0) AS BIGINT) AS s_{i}, "
    f"CAST(coalesce(sum(n_answers) FILTER (WHERE element = '{e}'), 0) AS BIGINT) AS c_{i}"
    for i, e in enumerate(ELEMENTS)
)
_ELEMENT_SUMS_FAST = (
    """
WITH respondents AS (
    SELECT {keys}, CAST(sum(respondents) AS BIGINT) AS respondents
    FROM (
        SELECT region_code, {unit} AS unit_id, year, respondents
        FROM sum_ikm_respondents
        WHERE keep($regions, region_code) AND keep($units, unit_id)
          AND year BETWEEN $year_from AND $year_to
    )
    GROUP BY {keys} {having}
),
sums AS (
    SELECT {keys},
           """
    + _WIDE
    + """
    FROM (
        SELECT region_code, {unit} AS unit_id, year, element, answer_sum, n_answers
        FROM sum_ikm_answers
        WHERE keep($regions, region_code) AND keep($units, unit_id)
          AND year BETWEEN $year_from AND $year_to
    )
    GROUP BY {keys}
)
SELECT p.*, {names} s.* EXCLUDE ({keys})
FROM respondents AS p
{joins}
LEFT JOIN sums AS s USING ({keys})
ORDER BY {keys}
"""
)
_FAST = {level: _ELEMENT_SUMS_FAST.format(**parts) for level, parts in _LEVELS.items()}
# Survey respondents, and the sum and number of answers per element, per unit and year.
summaries.declare(
    summaries.Summary(
        "sum_ikm_respondents",
        columns="region_code VARCHAR, unit_id VARCHAR, year BIGINT, respondents BIGINT",
        build="""
SELECT region_code, unit_id, year(survey_date), count(*)
FROM ikm_responses
WHERE survey_date <= $as_of AND keep($regions, region_code)
GROUP BY ALL
""",
        reads=("ikm_responses",),
    )
)
summaries.declare(
    summaries.Summary(
        "sum_ikm_answers",
        columns="region_code VARCHAR, unit_id VARCHAR, year BIGINT, element VARCHAR,"
        " answer_sum BIGINT, n_answers BIGINT",
        build=f"""
SELECT region_code, unit_id, year, element, CAST(sum(answer) AS BIGINT), count(*)
FROM (
    UNPIVOT (SELECT region_code, unit_id, year(survey_date) AS year, {", ".join(ELEMENTS)}
             FROM ikm_responses WHERE survey_date <= $as_of AND keep($regions, region_code))
    ON {", ".join(ELEMENTS)} INTO NAME element VALUE answer
)
GROUP BY ALL
""",
        reads=("ikm_responses",),
    )
)


def _sums(con: duckdb.DuckDBPyConnection, filters: Filters, level: str) -> pd.DataFrame:
    """The (group, element) sums at `level` (region, unit, opd or pooled), from the summaries when
    they answer for these filters."""
    return answer(con, filters, raw=_RAW[level], fast=_FAST[level], by_unit=True)


def _ref() -> dict[str, Any]:
    return reference.load("ikm")


def element_labels() -> dict[str, dict[str, str]]:
    """Element code -> {'id': Indonesian name, 'en': English name}, in the regulation's order."""
    return {e["code"]: {"id": e["label_id"], "en": e["label_en"]} for e in _ref()["element"]}


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    """`value` rounded half-up (x.xx5 goes up) to `decimals` places, exactly."""
    scale = 10**decimals
    return Decimal(math.floor(value * scale + Fraction(1, 2))).scaleb(-decimals)


def ikm_value(nrr: list[Fraction]) -> Decimal | None:
    """IKM = sum of NRR x (1/number of elements) x 25, rounded half-up (PermenPANRB 14/2017).

    With the nine elements the weight is exactly 1/9; an element nobody answered is left out.
    """
    if not nrr:
        return None
    ref = _ref()
    exact = sum(nrr, Fraction(0)) * Fraction(1, len(nrr)) * ref["scale"]
    return round_half_up(exact, ref["decimals"])


def ikm_range() -> tuple[float, float]:
    """The IKM's lowest and highest values: every answer 1, every answer 4 (x the scale)."""
    scale = _ref()["scale"]
    return float(scale), float(4 * scale)


def mutu_bands() -> list[tuple[float, float, str]]:
    """The quality bands as (lowest IKM, highest IKM, mutu), from reference/ikm.toml."""
    return [(float(b["min"]), float(b["max"]), b["mutu"]) for b in _ref()["band"]]


def mutu_of(ikm: Decimal | None) -> dict[str, str] | None:
    """The quality band (mutu A-D) of a rounded IKM value, from reference/ikm.toml."""
    if ikm is None:
        return None
    for band in _ref()["band"]:
        if ikm >= Decimal(band["min"]):
            return band
    return None


@dataclass
class _Groups:
    """The groups of the (group, element) rows of the SQL: their keys and respondents, and the
    sum and number of answers of each element (0 answers: nobody answered it)."""

    keys: list[dict[str, Any]]
    respondents: list[int]
    sums: np.ndarray  # (groups, elements)
    counts: np.ndarray  # (groups, elements)

    def __len__(self) -> int:
        return len(self.keys)

    def nrr(self, group: int, element: int) -> Fraction:
        """The exact NRR of an answered element."""
        return Fraction(int(self.sums[group, element]), int(self.counts[group, element]))

    def answered(self, group: int) -> list[int]:
        return [e for e in range(len(ELEMENTS)) if self.counts[group, e] > 0]

    def ikm(self) -> list[Decimal | None]:
        """The rounded IKM of every group (None when nobody answered), exactly.

        Floating point settles every group whose value is not within a hair of a rounding
        boundary; the few that are get the exact fraction.
        """
        ref = _ref()
        answered = self.counts > 0
        k = answered.sum(axis=1)
        nrr = np.divide(self.sums, self.counts, out=np.zeros(self.sums.shape), where=answered)
        with np.errstate(divide="ignore", invalid="ignore"):
            shifted = nrr.sum(axis=1) / k * (ref["scale"] * 10 ** ref["decimals"]) + 0.5
        out: list[Decimal | None] = []
        for g in range(len(self)):
            if k[g] == 0:
                out.append(None)
            elif abs(shifted[g] - round(shifted[g])) < _NEAR:
                out.append(ikm_value([self.nrr(g, e) for e in self.answered(g)]))
            else:
                out.append(Decimal(math.floor(shifted[g])).scaleb(-ref["decimals"]))
        return out

    def weakest(self) -> list[str | None]:
        """Each group's element with the lowest NRR; a tie goes to the first in the regulation's
        order (near-ties are settled with exact fractions)."""
        answered = self.counts > 0
        nrr = np.full(self.sums.shape, np.inf)
        np.divide(self.sums, self.counts, out=nrr, where=answered)
        first = nrr.argmin(axis=1)
        low = nrr[np.arange(len(self)), first]
        close = (nrr <= (low * (1 + _NEAR))[:, None]).sum(axis=1) > 1
        out: list[str | None] = []
        for g in range(len(self)):
            if not answered[g].any():
                out.append(None)
            elif close[g]:
                best = min(self.answered(g), key=lambda e, g=g: (self.nrr(g, e), e))
                out.append(ELEMENTS[best])
            else:
                out.append(ELEMENTS[first[g]])
        return out


# Within this of a rounding boundary (in hundredths) or of a tie, exact fractions decide.
_NEAR = 1e-9
_ELEMENT_INDEX = {e: i for i, e in enumerate(ELEMENTS)}


def _groups(frame: pd.DataFrame, keys: list[str], ids: list[str]) -> _Groups:
    """Fold the long (group, element) rows of the SQL, ordered by the group ids, into groups;
    the rows of the fast query are already one per group (s_i, c_i)."""
    n = len(frame)
    sums = np.zeros((0, len(ELEMENTS)), dtype=np.int64)
    if n == 0:
        return _Groups([], [], sums, sums.copy())
    if "c_0" in frame.columns:
        columns = [frame[k].to_numpy(dtype=object) for k in keys]
        return _Groups(
            [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)],
            [int(r) for r in frame["respondents"].to_numpy()],
            _matrix(frame, "s"),
            _matrix(frame, "c"),
        )
    id_values = frame[ids].to_numpy(dtype=object)
    start = np.ones(n, dtype=bool)
    start[1:] = (id_values[1:] != id_values[:-1]).any(axis=1)
    group = np.cumsum(start) - 1
    firsts = np.flatnonzero(start)
    columns = [frame[k].to_numpy(dtype=object)[firsts] for k in keys]
    key_rows = [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]
    respondents = [int(r) for r in frame["respondents"].to_numpy()[firsts]]
    element = frame["element"].map(_ELEMENT_INDEX)
    has = element.notna().to_numpy()
    sums = np.zeros((len(firsts), len(ELEMENTS)), dtype=np.int64)
    counts = np.zeros_like(sums)
    index = (group[has], element.to_numpy()[has].astype(np.int64))
    sums[index] = frame.loc[has, "answer_sum"].to_numpy(dtype=np.int64)
    counts[index] = frame.loc[has, "n_answers"].to_numpy(dtype=np.int64)
    return _Groups(key_rows, respondents, sums, counts)


def _matrix(frame: pd.DataFrame, prefix: str) -> np.ndarray:
    """The (groups, elements) matrix of the wide columns `prefix`_i; a group without answers
    (no row in the summary) has zeros."""
    columns = [f"{prefix}_{i}" for i in range(len(ELEMENTS))]
    return frame[columns].fillna(0).to_numpy(dtype=np.int64)


_UNIT_IDS = ["region_code", "unit_id", "year"]
_IDS = {"region": ["region_code", "year"], "unit": _UNIT_IDS, "opd": _UNIT_IDS}
_KEYS = {
    "region": ["region_code", "region_name", "year"],
    "unit": ["region_code", "region_name", "unit_id", "unit_name", "opd_id", "opd_name", "year"],
}
_KEYS["opd"] = _KEYS["unit"]


def _element_groups(
    con: duckdb.DuckDBPyConnection, filters: Filters, level: str
) -> tuple[_Groups, list[str]]:
    frame = _sums(con, filters, level)
    return _groups(frame, _KEYS[level], _IDS[level]), _KEYS[level]


def pooled_ikm(con: duckdb.DuckDBPyConnection, filters: Filters, year: int) -> dict[str, Any]:
    """IKM of the whole selection in `year`, NRR over all its responses (PermenPANRB 14/2017).

    Keys: year, respondents, n, ikm (None without responses), mutu, mutu_label.
    """
    return pooled_ikm_years(con, filters.model_copy(update={"year_from": year, "year_to": year}))[
        year
    ]


def pooled_ikm_years(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[int, dict[str, Any]]:
    """pooled_ikm() for every year of the filters' range, in one query."""
    scope = resolve(con, filters)
    groups = _groups(_sums(con, filters, "pooled"), ["year"], ["year"])
    found = (
        {row["year"]: row for row in _ikm_rows(groups, with_weakest=False)} if len(groups) else {}
    )
    empty = {"respondents": 0, "n": 0, "ikm": None, "mutu": None, "mutu_label": None}
    return {
        year: found.get(year, {"year": year, **empty})
        for year in range(scope.year_from, scope.year_to + 1)
    }


def _ikm_rows(groups: _Groups, with_weakest: bool) -> list[dict[str, Any]]:
    labels = element_labels()
    bands: dict[Decimal | None, dict[str, str] | None] = {}
    weakest = groups.weakest() if with_weakest else []
    rows = []
    for g, value in enumerate(groups.ikm()):
        if value not in bands:
            bands[value] = mutu_of(value)
        band = bands[value]
        row = {
            **groups.keys[g],
            "respondents": groups.respondents[g],
            "n": groups.respondents[g],
            "ikm": float(value) if value is not None else None,
            "mutu": band["mutu"] if band else None,
            "mutu_label": band["label_id"] if band else None,
        }
        if with_weakest:
            row["weakest_element"] = weakest[g]
            row["weakest_label_id"] = labels[weakest[g]]["id"] if weakest[g] else None
            row["weakest_label_en"] = labels[weakest[g]]["en"] if weakest[g] else None
        rows.append(row)
    return rows


_IKM_COLUMNS = {
    "respondents": "survey responses",
    "n": "survey responses (= respondents)",
    "ikm": "IKM on 25-100, rounded half-up to 2 decimals",
    "mutu": "service quality band A, B, C or D",
    "mutu_label": "band name: Sangat Baik, Baik, Kurang Baik, Tidak Baik",
}
_RULE = {
    "id": "NRR unsur = jumlah jawaban ÷ jumlah jawaban terisi (kosong tidak dihitung); untuk "
    "gabungan unit (wilayah) NRR dihitung dari seluruh responden. IKM = Σ NRR × 1/9 × 25, "
    "dibulatkan setengah ke atas 2 desimal. Mutu A 88,31–100 (Sangat Baik), B 76,61–88,30 "
    "(Baik), C 65,00–76,60 (Kurang Baik), D 25,00–64,99 (Tidak Baik).",
    "en": "Element NRR = sum of answers ÷ number of answers (a blank is not an answer); for a "
    "group of units (a region) NRR is over all its responses. IKM = Σ NRR × 1/9 × 25, rounded "
    "half-up to 2 decimals. Quality A 88.31–100 (very good), B 76.61–88.30 (good), "
    "C 65.00–76.60 (poor), D 25.00–64.99 (very poor).",
}


@metric(
    "ikm",
    description={
        "id": "Indeks Kepuasan Masyarakat (IKM) dan mutu pelayanan per wilayah dan tahun",
        "en": "Public satisfaction index (IKM) and service quality per region and year",
    },
    rule=_RULE,
    regulation=REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year of the survey date",
        **_IKM_COLUMNS,
    },
)
def ikm(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """IKM per region and year: NRR over all the region's responses (PermenPANRB 14/2017)."""
    groups, keys = _element_groups(con, filters, "region")
    return pd.DataFrame(_ikm_rows(groups, with_weakest=False), columns=[*keys, *_IKM_COLUMNS])


@metric(
    "ikm_units",
    description={
        "id": "IKM dan mutu pelayanan per unit layanan dan tahun, dengan unsur terlemah",
        "en": "IKM and service quality per service unit and year, with the weakest element",
    },
    rule={
        "id": _RULE["id"] + " Unsur terlemah: unsur dengan NRR terendah.",
        "en": _RULE["en"] + " Weakest element: the element with the lowest NRR.",
    },
    regulation=REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "level": "'unit', or 'opd' for an OPD's row over all its units' responses",
        "unit_id": "service unit (level 'opd': the OPD)",
        "unit_name": "service unit name",
        "opd_id": "the OPD the unit belongs to (the unit itself when it is an OPD)",
        "opd_name": "the OPD's name",
        "year": "year of the survey date",
        **_IKM_COLUMNS,
        "weakest_element": "element code with the lowest NRR (ties: first in the regulation)",
        "weakest_label_id": "Indonesian name of the weakest element",
        "weakest_label_en": "English name of the weakest element",
    },
)
def ikm_units(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """IKM per service unit and year with its weakest element (PermenPANRB 14/2017)."""
    columns = ["level", *_KEYS["unit"], *_IKM_COLUMNS]
    columns += ["weakest_element", "weakest_label_id", "weakest_label_en"]
    parts = []
    for level in ("opd", "unit"):
        groups, _ = _element_groups(con, filters, level)
        rows = _ikm_rows(groups, with_weakest=True)
        parts.append(pd.DataFrame([{"level": level, **r} for r in rows], columns=columns))
    frame = pd.concat(parts, ignore_index=True)
    # Each OPD, then its units, as in the other indicators with OPD rows.
    order = frame.assign(_unit=frame["level"].eq("unit"))
    order = order.sort_values(["region_code", "year", "opd_id", "_unit", "unit_id"], kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


_ELEMENT_COLUMNS = [
    "region_code",
    "region_name",
    "year",
    "element",
    "element_no",
    "label_id",
    "label_en",
    "nrr",
    "n_answers",
    "n",
    "is_weakest",
]


@metric(
    "ikm_elements",
    description={
        "id": "Nilai rata-rata (NRR) tiap unsur pelayanan per wilayah dan tahun",
        "en": "Mean answer (NRR) of each service element per region and year",
    },
    rule={
        "id": "NRR unsur = jumlah jawaban ÷ jumlah jawaban terisi (skala 1–4), dari seluruh "
        "responden wilayah (atau unit terpilih). Unsur terlemah: NRR terendah.",
        "en": "Element NRR = sum of answers ÷ number of answers (1–4 scale), over all the "
        "region's responses (or the chosen units). Weakest: the lowest NRR.",
    },
    regulation=REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year of the survey date",
        "element": "element code (u_persyaratan ... u_sarana)",
        "element_no": "element number U1-U9 as 1-9",
        "label_id": "element name in Indonesian",
        "label_en": "element name in English",
        "nrr": "mean answer on 1-4",
        "n_answers": "answers to the element (blanks left out)",
        "n": "answers to the element (= n_answers)",
        "is_weakest": "true for the element with the lowest NRR of the region-year",
    },
)
def ikm_elements(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """NRR per element, region and year: sum of answers ÷ answers (PermenPANRB 14/2017)."""
    groups, _ = _element_groups(con, filters, "region")
    labels = element_labels()
    weakest = groups.weakest()
    rows = []
    for g in range(len(groups)):
        for no, element in enumerate(ELEMENTS, start=1):
            answers = int(groups.counts[g, no - 1])
            if answers == 0:
                continue
            rows.append(
                {
                    **groups.keys[g],
                    "element": element,
                    "element_no": no,
                    "label_id": labels[element]["id"],
                    "label_en": labels[element]["en"],
                    "nrr": int(groups.sums[g, no - 1]) / answers,
                    "n_answers": answers,
                    "n": answers,
                    "is_weakest": element == weakest[g],
                }
            )
    return pd.DataFrame(rows, columns=_ELEMENT_COLUMNS)
