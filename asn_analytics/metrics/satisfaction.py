"""Public satisfaction (IKM, PermenPANRB 14/2017) indicators."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics.engine import query
from asn_analytics.metrics.filters import Filters, resolve
from asn_analytics.metrics.registry import metric

REGULATION = "PermenPANRB 14/2017 tentang Pedoman Survei Kepuasan Masyarakat"

# The nine survey columns of ikm_responses, in the regulation's order (reference/ikm.toml
# gives their names; the tests check that both lists agree).
ELEMENTS = (
    "u_persyaratan",
    "u_prosedur",
    "u_waktu",
    "u_biaya",
    "u_produk",
    "u_kompetensi",
    "u_perilaku",
    "u_pengaduan",
    "u_sarana",
)

# Sum and number of answers per group and element; UNPIVOT drops blanks (NULL), so a blank is not
# an answer. A group whose answers are all blank still has its respondents (element NULL).
_ELEMENT_SUMS = """
WITH responses AS (
    SELECT region_code, unit_id, year(survey_date) AS year, {elements}
    FROM ikm_responses
    WHERE keep($regions, region_code) AND keep($units, unit_id)
      AND year(survey_date) BETWEEN $year_from AND $year_to
      AND survey_date <= $as_of
),
respondents AS (
    SELECT {keys}, count(*) AS respondents FROM responses GROUP BY {keys}
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

_BY_REGION = _ELEMENT_SUMS.format(
    elements=", ".join(ELEMENTS),
    keys="region_code, year",
    names="r.name AS region_name,",
    joins="JOIN regions AS r USING (region_code)",
)
_BY_UNIT = _ELEMENT_SUMS.format(
    elements=", ".join(ELEMENTS),
    keys="region_code, unit_id, year",
    names="r.name AS region_name, u.name AS unit_name,",
    joins="JOIN regions AS r USING (region_code) LEFT JOIN units AS u USING (unit_id)",
)
# The whole selection pooled: NRR over all its responses.
_POOLED = _ELEMENT_SUMS.format(elements=", ".join(ELEMENTS), keys="year", names="", joins="")


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


def mutu_of(ikm: Decimal | None) -> dict[str, str] | None:
    """The quality band (mutu A-D) of a rounded IKM value, from reference/ikm.toml."""
    if ikm is None:
        return None
    for band in _ref()["band"]:
        if ikm >= Decimal(band["min"]):
            return band
    return None


@dataclass
class _Group:
    """One group's respondents and the exact NRR of each answered element."""

    keys: dict[str, Any]
    respondents: int
    nrr: dict[str, Fraction] = field(default_factory=dict)
    n_answers: dict[str, int] = field(default_factory=dict)

    def weakest(self) -> str | None:
        """The element with the lowest NRR; a tie goes to the first in the regulation's order."""
        if not self.nrr:
            return None
        return min(self.nrr, key=lambda e: (self.nrr[e], ELEMENTS.index(e)))


def _groups(frame: pd.DataFrame, keys: list[str]) -> list[_Group]:
    """Fold the long (group, element) rows of the SQL into groups, keeping NRR as fractions."""
    groups: dict[tuple, _Group] = {}
    for row in frame.itertuples(index=False):
        key = tuple(getattr(row, k) for k in keys)
        group = groups.get(key)
        if group is None:
            group = _Group(dict(zip(keys, key, strict=True)), int(row.respondents))
            groups[key] = group
        if isinstance(row.element, str):
            group.nrr[row.element] = Fraction(int(row.answer_sum), int(row.n_answers))
            group.n_answers[row.element] = int(row.n_answers)
    return list(groups.values())


def _element_groups(
    con: duckdb.DuckDBPyConnection, filters: Filters, by_unit: bool
) -> tuple[list[_Group], list[str]]:
    keys = ["region_code", "region_name"]
    keys += ["unit_id", "unit_name", "year"] if by_unit else ["year"]
    frame = query(con, _BY_UNIT if by_unit else _BY_REGION, resolve(con, filters))
    return _groups(frame, keys), keys


def pooled_ikm(con: duckdb.DuckDBPyConnection, filters: Filters, year: int) -> dict[str, Any]:
    """IKM of the whole selection in `year`, NRR over all its responses (PermenPANRB 14/2017).

    Keys: year, respondents, n, ikm (None without responses), mutu, mutu_label.
    """
    scope = resolve(con, filters.model_copy(update={"year_from": year, "year_to": year}))
    groups = _groups(query(con, _POOLED, scope), ["year"])
    if not groups:
        return {
            "year": year,
            "respondents": 0,
            "n": 0,
            "ikm": None,
            "mutu": None,
            "mutu_label": None,
        }
    return _ikm_rows(groups, with_weakest=False)[0]


def _ikm_rows(groups: list[_Group], with_weakest: bool) -> list[dict[str, Any]]:
    labels = element_labels()
    rows = []
    for g in groups:
        value = ikm_value([g.nrr[e] for e in ELEMENTS if e in g.nrr])
        band = mutu_of(value)
        row = {
            **g.keys,
            "respondents": g.respondents,
            "n": g.respondents,
            "ikm": float(value) if value is not None else None,
            "mutu": band["mutu"] if band else None,
            "mutu_label": band["label_id"] if band else None,
        }
        if with_weakest:
            weakest = g.weakest()
            row["weakest_element"] = weakest
            row["weakest_label_id"] = labels[weakest]["id"] if weakest else None
            row["weakest_label_en"] = labels[weakest]["en"] if weakest else None
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
    groups, keys = _element_groups(con, filters, by_unit=False)
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
        "unit_id": "service unit",
        "unit_name": "service unit name",
        "year": "year of the survey date",
        **_IKM_COLUMNS,
        "weakest_element": "element code with the lowest NRR (ties: first in the regulation)",
        "weakest_label_id": "Indonesian name of the weakest element",
        "weakest_label_en": "English name of the weakest element",
    },
)
def ikm_units(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """IKM per service unit and year with its weakest element (PermenPANRB 14/2017)."""
    groups, keys = _element_groups(con, filters, by_unit=True)
    columns = [*keys, *_IKM_COLUMNS, "weakest_element", "weakest_label_id", "weakest_label_en"]
    return pd.DataFrame(_ikm_rows(groups, with_weakest=True), columns=columns)


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
    groups, _ = _element_groups(con, filters, by_unit=False)
    labels = element_labels()
    rows = []
    for g in groups:
        weakest = g.weakest()
        for no, element in enumerate(ELEMENTS, start=1):
            if element not in g.nrr:
                continue
            rows.append(
                {
                    **g.keys,
                    "element": element,
                    "element_no": no,
                    "label_id": labels[element]["id"],
                    "label_en": labels[element]["en"],
                    "nrr": float(g.nrr[element]),
                    "n_answers": g.n_answers[element],
                    "n": g.n_answers[element],
                    "is_weakest": element == weakest,
                }
            )
    return pd.DataFrame(rows, columns=_ELEMENT_COLUMNS)
