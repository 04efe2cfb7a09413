"""The largest regions by name and the rest pooled from numerators and denominators."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asn_analytics import grouping


def _regions(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame.insert(1, "region_name", "Kabupaten " + frame["region_code"])
    return frame


def _rest(grouped: grouping.Grouped) -> pd.DataFrame:
    return grouped.frame[grouped.frame["region_code"].eq(grouping.REST_CODE)]


# Four regions' 20-JP coverage in one year:
#   A: 80 of 100 PNS (0.80)   B: 10 of 50 (0.20)   C: 9 of 10 (0.90)   D: 4 of 40 (0.10)
COVERAGE = _regions(
    [
        {"region_code": c, "year": 2024, "dimension": "region", "category": "all",
         "category_name": "all", "n": n, "n_reached": r, "coverage": r / n}
        for c, n, r in (("A", 100, 80), ("B", 50, 10), ("C", 10, 9), ("D", 40, 4))
    ]
)  # fmt: skip


def test_the_rest_of_a_rate_is_its_pooled_numerator_over_its_pooled_denominator():
    # Top 2 by PNS: A (100) and B (50). The rest, C and D: (9 + 4) / (10 + 40) = 13/50 = 0.26,
    # not the mean of their rates (0.90 + 0.10) / 2 = 0.50.
    grouped = grouping.regions(
        COVERAGE, "coverage_20jp", by=["year", "dimension", "category"], value="coverage",
        lang="id", n=2,
    )  # fmt: skip
    assert list(grouped.frame["region_code"]) == ["A", "B", grouping.REST_CODE]
    rest = _rest(grouped).iloc[0]
    assert rest["region_name"] == "Lainnya (2 wilayah)"
    assert rest["n"] == 50 and rest["n_reached"] == 13
    assert rest["coverage"] == pytest.approx(0.26)
    assert (grouped.shown, grouped.rest, grouped.pooled) == (2, 2, True)


def test_one_top_region_pools_three_and_english_names_them():
    # Top 1: A. The rest B, C, D: (10 + 9 + 4) / (50 + 10 + 40) = 23/100 = 0.23.
    grouped = grouping.regions(
        COVERAGE, "coverage_20jp", by=["year", "dimension", "category"], value="coverage",
        lang="en", n=1,
    )  # fmt: skip
    rest = _rest(grouped).iloc[0]
    assert rest["region_name"] == "Others (3 regions)"
    assert rest["coverage"] == pytest.approx(0.23)


def test_no_more_regions_than_n_plus_one_are_all_shown_largest_first():
    grouped = grouping.regions(
        COVERAGE, "coverage_20jp", by=["year"], value="coverage", lang="id", n=3
    )
    assert list(grouped.frame["region_code"]) == ["A", "B", "D", "C"]
    assert not grouped.grouped


def test_given_top_regions_come_first_in_their_order():
    grouped = grouping.regions(
        COVERAGE, "coverage_20jp", by=["year"], value="coverage", lang="id", n=2, top=["C", "D"]
    )
    assert list(grouped.frame["region_code"]) == ["C", "D", grouping.REST_CODE]
    # The rest, A and B: (80 + 10) / (100 + 50) = 90/150 = 0.6
    assert _rest(grouped).iloc[0]["coverage"] == pytest.approx(0.6)


def test_a_predikat_share_pools_counts_and_the_repeated_rated():
    # Per region two predikat rows; rated is repeated on each.
    #   A: rated 100, sangat_baik 50, baik 50 (share_sb_b 1.0)
    #   C: rated 10, sangat_baik 6, baik 4 (share_sb_b 1.0)
    #   D: rated 40, sangat_baik 4, baik 16 (share_sb_b 0.5: 20 of 40)
    # Top 1 (by rated): A. Rest C + D: sangat_baik (6 + 4) / (10 + 40) = 0.2;
    # share_sb_b (10 + 20) / 50 = 0.6 (a plain mean of 1.0 and 0.5 would be 0.75).
    rows = []
    for code, rated, sb, b in (("A", 100, 50, 50), ("C", 10, 6, 4), ("D", 40, 4, 16)):
        for predikat, n in (("sangat_baik", sb), ("baik", b)):
            rows.append(
                {"region_code": code, "year": 2024, "predikat": predikat, "n": n,
                 "share": n / rated, "rated": rated, "share_sb_b": (sb + b) / rated,
                 "mean_value": 4.0}
            )  # fmt: skip
    grouped = grouping.regions(
        _regions(rows), "predikat_distribution", by=["year", "predikat"], value="share",
        size="rated", lang="id", n=1,
    )  # fmt: skip
    rest = _rest(grouped).set_index("predikat")
    assert rest.loc["sangat_baik", "n"] == 10 and rest.loc["sangat_baik", "rated"] == 50
    assert rest.loc["sangat_baik", "share"] == pytest.approx(0.2)
    assert rest.loc["baik", "share"] == pytest.approx(20 / 50)
    assert rest["share_sb_b"].tolist() == pytest.approx([0.6, 0.6])


def test_complaint_figures_pool_by_their_own_rule():
    # Channel mix, rest = C + D: web 3 + 1 = 4, sms 1 + 5 = 6, share of web 4/10 = 0.4.
    mix = _regions(
        [
            {"region_code": c, "year": 2024, "dimension": "channel", "category": ch,
             "category_name": ch, "n": n, "share": s}
            for c, ch, n, s in (
                ("A", "web", 90, 0.9), ("A", "sms", 10, 0.1),
                ("C", "web", 3, 0.75), ("C", "sms", 1, 0.25),
                ("D", "web", 1, 1 / 6), ("D", "sms", 5, 5 / 6),
            )
        ]
    )  # fmt: skip
    rest = _rest(
        grouping.regions(
            mix, "complaints_mix", by=["year", "dimension", "category"], value="n", lang="id",
            n=1,
        )
    ).set_index("category")  # fmt: skip
    assert rest.loc["web", "n"] == 4 and rest.loc["web", "share"] == pytest.approx(0.4)
    assert rest.loc["sms", "share"] == pytest.approx(0.6)

    # SLA, rest = C + D: met 8 + 3 = 11 of met + breached (8 + 2) + (3 + 27) = 40: 0.275
    # (the mean of 0.8 and 0.1 would be 0.45); pending is left out of the base; no median.
    sla = _regions(
        [
            {"region_code": c, "year": 2024, "dimension": "region", "step": "all_three",
             "n": n, "n_met": m, "n_breached": b, "n_pending": p, "compliance": m / (m + b),
             "median_days": 3.0}
            for c, n, m, b, p in (("A", 100, 90, 10, 0), ("C", 15, 8, 2, 5), ("D", 30, 3, 27, 0))
        ]
    )  # fmt: skip
    rest = _rest(
        grouping.regions(
            sla, "complaint_sla", by=["year", "dimension", "step"], value="compliance",
            lang="id", n=1,
        )
    ).iloc[0]  # fmt: skip
    assert rest["n_met"] == 11 and rest["n_pending"] == 5
    assert rest["compliance"] == pytest.approx(0.275)
    assert math.isnan(rest["median_days"])


def test_a_rate_over_a_population_that_is_not_a_column_leaves_the_rest_out():
    monthly = _regions(
        [
            {"region_code": c, "month": "2024-01-01", "year": 2024, "n": n, "per_100k": r}
            for c, n, r in (("A", 100, 10.0), ("C", 3, 1.5), ("D", 7, 0.7))
        ]
    )
    per_100k = grouping.regions(
        monthly, "complaints_monthly", by=["month", "year"], value="per_100k", lang="id", n=1
    )
    assert list(per_100k.frame["region_code"]) == ["A"]
    assert (per_100k.rest, per_100k.pooled) == (2, False)
    # The count itself pools: 3 + 7 = 10.
    counts = grouping.regions(
        monthly, "complaints_monthly", by=["month", "year"], value="n", lang="id", n=1
    )
    assert _rest(counts).iloc[0]["n"] == 10


def test_a_mean_answer_is_weighted_by_its_answers():
    # NRR rest = C + D: (3.0 x 10 + 2.0 x 30) / (10 + 30) = 90/40 = 2.25.
    elements = _regions(
        [
            {"region_code": c, "year": 2024, "element": "u_waktu", "element_no": 3,
             "label_id": "Waktu", "label_en": "Time", "nrr": nrr, "n_answers": k, "n": k}
            for c, nrr, k in (("A", 3.5, 100), ("C", 3.0, 10), ("D", 2.0, 30))
        ]
    )  # fmt: skip
    rest = _rest(
        grouping.regions(
            elements, "ikm_elements", by=["year", "element"], value="nrr", size="n_answers",
            lang="id", n=1,
        )
    ).iloc[0]  # fmt: skip
    assert rest["nrr"] == pytest.approx(2.25) and rest["label_en"] == "Time"


def test_units_are_the_lowest_or_highest_with_enough_people():
    frame = pd.DataFrame(
        {
            "unit_name": ["u1", "u2", "u3", "u4", "u5"],
            "region_name": ["R"] * 5,
            "n": [10, 3, 10, 10, 10],
            "ikm": [70.0, 50.0, 90.0, 80.0, None],
        }
    )
    # u2 has fewer than 5 people, u5 no value: the lowest two of u1, u3, u4 are u1 and u4.
    assert grouping.units(frame, "ikm", n=2, min_n=5)["unit_name"].tolist() == ["u1", "u4"]
    assert grouping.units(frame, "ikm", n=2, lowest=False)["unit_name"].tolist() == ["u4", "u3"]


def test_the_rest_as_a_mean_per_region_keeps_its_rates():
    # Top 2: A and B. The rest, C and D, per region: n (10 + 40) / 2 = 25, reached (9 + 4) / 2
    # = 6.5; its coverage stays 13/50 = 0.26.
    grouped = grouping.regions(
        COVERAGE, "coverage_20jp", by=["year", "dimension", "category"], value="n",
        lang="id", n=2, average=True,
    )  # fmt: skip
    rest = _rest(grouped).iloc[0]
    assert rest["region_name"] == "Lainnya (rata-rata 2 wilayah)"
    assert (rest["n"], rest["n_reached"]) == (25, 6.5)
    assert rest["coverage"] == pytest.approx(0.26)
    assert grouped.average
