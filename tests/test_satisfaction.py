"""Public satisfaction (IKM) indicators on small surveys with hand-worked figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from asn_analytics import reference
from asn_analytics.metrics import Filters, run
from asn_analytics.metrics.satisfaction import ELEMENTS, ikm_value, pooled_ikm, round_half_up

REGION = "1504"


def _unit(add, name="Dinas Kependudukan dan Pencatatan Sipil", region=REGION):
    uid = f"{region}:{name.lower()}"
    add("units", [{"unit_id": uid, "region_code": region, "name": name}])
    return uid


def _spread(count: int, total: int) -> list[int]:
    """`count` answers on 1-4 summing to `total`: the remainder above the base goes one by one."""
    base, extra = divmod(total, count)
    return [base + 1] * extra + [base] * (count - extra)


def _survey(add, unit: str, answers: dict[str, list[int | None]], year: int = 2024, region=REGION):
    """One response per position of the answer lists (all of equal length); None is a blank."""
    size = len(next(iter(answers.values())))
    rows = []
    for i in range(size):
        row = {
            "response_id": f"{unit}-{year}-{i}",
            "region_code": region,
            "unit_id": unit,
            "survey_date": dt.date(year, 3, 1) + dt.timedelta(days=i % 200),
        }
        row.update({e: answers[e][i] for e in ELEMENTS})
        rows.append(row)
    add("ikm_responses", rows)


def _full(add, unit: str, respondents: int, total: int, year: int = 2024):
    """Every respondent answers all nine elements; the 9 x respondents answers sum to `total`."""
    flat = _spread(9 * respondents, total)
    answers = {e: flat[k * respondents : (k + 1) * respondents] for k, e in enumerate(ELEMENTS)}
    _survey(add, unit, answers, year)


def _year(con, year: int):
    df = run(con, "ikm", Filters(year_from=year, year_to=year, as_of=dt.date(year, 12, 31)))
    assert len(df) == 1
    return df.iloc[0]


def test_reference_elements_are_the_survey_columns():
    assert [e["code"] for e in reference.load("ikm")["element"]] == list(ELEMENTS)


# With all nine elements answered by all N respondents, sum of NRR = S / N (S: the sum of all
# 9N answers), so IKM = S / N x 1/9 x 25 = 25 S / (9 N), then rounded half-up to 2 decimals.
@pytest.mark.parametrize(
    ("respondents", "total", "expected", "mutu", "label"),
    [
        # 25 x 1006 / (9 x 43) = 25150 / 387 = 64.98708... -> 64.99 -> D (25.00-64.99)
        (43, 1006, 64.99, "D", "Tidak Baik"),
        # 25 x 117 / (9 x 5) = 2925 / 45 = 65.00 exactly -> C (65.00-76.60)
        (5, 117, 65.00, "C", "Kurang Baik"),
        # 25 x 717 / (9 x 26) = 17925 / 234 = 76.60256... -> 76.60 -> C
        (26, 717, 76.60, "C", "Kurang Baik"),
        # 25 x 855 / (9 x 31) = 21375 / 279 = 76.61290... -> 76.61 -> B (76.61-88.30)
        (31, 855, 76.61, "B", "Baik"),
        # 25 x 604 / (9 x 19) = 15100 / 171 = 88.30409... -> 88.30 -> B
        (19, 604, 88.30, "B", "Baik"),
        # 25 x 763 / (9 x 24) = 19075 / 216 = 88.31018... -> 88.31 -> A (88.31-100)
        (24, 763, 88.31, "A", "Sangat Baik"),
    ],
)
def test_ikm_mutu_at_the_band_edges(con, add, respondents, total, expected, mutu, label):
    _full(add, _unit(add), respondents, total)
    row = _year(con, 2024)
    assert row["ikm"] == pytest.approx(expected, abs=1e-9)
    assert (row["mutu"], row["mutu_label"]) == (mutu, label)
    assert row["respondents"] == row["n"] == respondents


def test_ikm_rounds_half_up(con, add):
    # 8 respondents, 72 answers summing 225: IKM = 25 x 225 / (9 x 8) = 5625 / 72 = 78.125
    # exactly -> half-up 78.13 (round-half-even, Python's round(), would give 78.12) -> B.
    _full(add, _unit(add), 8, 225)
    row = _year(con, 2024)
    assert row["ikm"] == pytest.approx(78.13, abs=1e-9)
    assert row["mutu"] == "B"


def test_blank_is_not_an_answer_and_an_exact_half_that_floats_miss(con, add):
    # 125 respondents. Eight elements answered by all: 1,000 answers summing 2,774 (774 threes,
    # 226 twos), so their NRR sum to 2774 / 125 = 22.192. u_sarana answered by 8 only (7 threes
    # and a 4 = 25), 117 blanks: NRR = 25 / 8 = 3.125 (not 25 / 125 = 0.2).
    # IKM = (22.192 + 3.125) x 1/9 x 25 = 25.317 x 25 / 9 = 632.925 / 9 = 70.325 exactly
    # -> half-up 70.33 -> C. (In floating point, 25.317 x (1/9) x 25 = 70.32499999999999.)
    flat = _spread(1000, 2774)
    answers = {e: flat[k * 125 : (k + 1) * 125] for k, e in enumerate(ELEMENTS[:8])}
    answers["u_sarana"] = [3] * 7 + [4] + [None] * 117
    _survey(add, _unit(add), answers)
    row = _year(con, 2024)
    assert row["ikm"] == pytest.approx(70.33, abs=1e-9)
    assert row["mutu"] == "C"
    assert row["respondents"] == 125
    elements = run(con, "ikm_elements", Filters(year_from=2024, as_of=dt.date(2024, 12, 31)))
    sarana = elements.set_index("element").loc["u_sarana"]
    assert sarana["nrr"] == pytest.approx(3.125)
    assert sarana["n_answers"] == sarana["n"] == 8


def test_ikm_value_is_exact_at_a_non_binary_half():
    # Eight NRR of 3 and one of 17889 / 5000 = 3.5778: sum 27.5778;
    # IKM = 27.5778 x 25 / 9 = 689.445 / 9 = 76.605 exactly -> half-up 76.61, band B.
    nrr = [Fraction(3)] * 8 + [Fraction(17889, 5000)]
    assert ikm_value(nrr) == Decimal("76.61")
    assert round_half_up(Fraction(7660499, 100000), 2) == Decimal("76.60")
    assert ikm_value([]) is None


def test_region_nrr_pools_all_responses_of_its_units(con, add):
    # Unit 1: 2 respondents answering 4 to everything; unit 2: 1 respondent answering 1.
    # Pooled NRR of each element = (4 + 4 + 1) / 3 = 3, so IKM = 9 x 3 x 1/9 x 25 = 75.00 (C),
    # not the mean of the unit IKMs ((100 + 25) / 2 = 62.50).
    u1 = _unit(add, "Dinas Kesehatan")
    u2 = _unit(add, "Dinas Sosial")
    _survey(add, u1, {e: [4, 4] for e in ELEMENTS})
    _survey(add, u2, {e: [1] for e in ELEMENTS})
    row = _year(con, 2024)
    assert (row["ikm"], row["mutu"], row["respondents"]) == (75.0, "C", 3)
    assert row["region_name"] == "Kabupaten Batanghari"

    units = run(con, "ikm_units", Filters(year_from=2024, as_of=dt.date(2024, 12, 31)))
    assert units.set_index("unit_id")["ikm"].to_dict() == {u1: 100.0, u2: 25.0}
    assert units.set_index("unit_id")["mutu"].to_dict() == {u1: "A", u2: "D"}

    only_u2 = run(
        con, "ikm", Filters(year_from=2024, units=(u2,), as_of=dt.date(2024, 12, 31))
    ).iloc[0]
    assert (only_u2["ikm"], only_u2["respondents"]) == (25.0, 1)


def test_pooled_ikm_of_the_whole_selection(con, add):
    # Batanghari: 2 respondents answering 4 to everything; Tanjungbalai: 1 answering 1.
    # Pooled over both regions each NRR = (4 + 4 + 1) / 3 = 3 -> IKM 75.00 (C).
    _survey(add, _unit(add), {e: [4, 4] for e in ELEMENTS})
    _survey(add, _unit(add, region="1272"), {e: [1] for e in ELEMENTS}, region="1272")
    filters = Filters(as_of=dt.date(2024, 12, 31))
    pooled = pooled_ikm(con, filters, 2024)
    assert (pooled["ikm"], pooled["mutu"], pooled["respondents"]) == (75.0, "C", 3)
    only = pooled_ikm(con, filters.model_copy(update={"regions": ("1272",)}), 2024)
    assert (only["ikm"], only["mutu"], only["n"]) == (25.0, "D", 1)
    assert pooled_ikm(con, filters, 2023) == {
        "year": 2023,
        "respondents": 0,
        "n": 0,
        "ikm": None,
        "mutu": None,
        "mutu_label": None,
    }


def test_weakest_element(con, add):
    # Two respondents. u_waktu answers 2 and 3 (NRR 2.5), u_biaya 3 and 2 (NRR 2.5, a tie:
    # u_waktu comes first in the regulation's order), u_sarana 1 and blank (NRR 1 / 1 = 1.0:
    # the weakest), every other element 3 and 3 (NRR 3).
    answers = {e: [3, 3] for e in ELEMENTS}
    answers["u_waktu"] = [2, 3]
    answers["u_biaya"] = [3, 2]
    answers["u_sarana"] = [1, None]
    uid = _unit(add)
    _survey(add, uid, answers)
    filters = Filters(year_from=2024, as_of=dt.date(2024, 12, 31))
    unit = run(con, "ikm_units", filters).iloc[0]
    assert unit["weakest_element"] == "u_sarana"
    assert (unit["weakest_label_id"], unit["weakest_label_en"]) == (
        "Sarana dan prasarana",
        "Facilities",
    )
    # IKM = (6 x 3 + 2.5 + 2.5 + 1.0) x 1/9 x 25 = 24 x 25 / 9 = 66.666... -> 66.67 (C)
    assert (unit["ikm"], unit["mutu"], unit["unit_name"]) == (
        66.67,
        "C",
        "Dinas Kependudukan dan Pencatatan Sipil",
    )

    elements = run(con, "ikm_elements", filters).set_index("element")
    assert list(elements.index) == list(ELEMENTS)
    assert elements["is_weakest"].sum() == 1 and elements.loc["u_sarana", "is_weakest"]
    assert elements.loc["u_waktu", "nrr"] == pytest.approx(2.5)
    assert elements.loc["u_persyaratan", ["label_id", "label_en"]].tolist() == [
        "Persyaratan",
        "Requirements",
    ]
    assert elements["element_no"].tolist() == list(range(1, 10))

    # Without u_sarana's lone answer the tie decides: u_waktu before u_biaya.
    con.execute("UPDATE ikm_responses SET u_sarana = 3 WHERE u_sarana = 1")
    assert run(con, "ikm_units", filters).iloc[0]["weakest_element"] == "u_waktu"


def test_year_range_and_as_of_restrict_responses(con, add):
    uid = _unit(add)
    _full(add, uid, 5, 117, year=2023)  # IKM 65.00 (see the band-edge test)
    _full(add, uid, 24, 763, year=2024)  # IKM 88.31
    both = run(con, "ikm", Filters(year_from=2023, year_to=2024, as_of=dt.date(2024, 12, 31)))
    assert both.set_index("year")["mutu"].to_dict() == {2023: "C", 2024: "A"}
    # as_of on 31 Dec 2023 leaves 2024's responses out.
    early = run(con, "ikm", Filters(year_from=2023, year_to=2024, as_of=dt.date(2023, 12, 31)))
    assert early["year"].tolist() == [2023]


def test_empty_selection_keeps_the_columns(con):
    for name in ("ikm", "ikm_units", "ikm_elements"):
        df = run(con, name, Filters(year_from=2024, as_of=dt.date(2024, 12, 31)))
        assert df.empty


def _demo_mutu(demo_con, region: str) -> dict[int, str]:
    df = run(demo_con, "ikm", Filters(regions=(region,)))
    return df.set_index("year")["mutu"].to_dict()


def test_demo_batanghari_rises_from_c_to_b(demo_con):
    mutu = _demo_mutu(demo_con, "1504")
    assert (mutu[2021], mutu[2025]) == ("C", "B")


def test_demo_tanjungbalai_falls_from_b_to_c(demo_con):
    mutu = _demo_mutu(demo_con, "1272")
    assert (mutu[2021], mutu[2025]) == ("B", "C")


@pytest.mark.parametrize("name", ["ikm", "ikm_units", "ikm_elements"])
def test_demo_returns_rows(demo_con, name):
    df = run(demo_con, name)
    assert len(df) > 0
    assert df["n"].gt(0).all()
    assert df["region_code"].nunique() == 4
