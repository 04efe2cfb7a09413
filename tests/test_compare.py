"""Region comparison: scorecard ranks and change, the pooled overview, and the alerts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from asn_analytics.metrics import Filters, run
from tests.factories import nip

ANSWERS = ("u_persyaratan", "u_prosedur", "u_waktu", "u_biaya", "u_produk", "u_kompetensi",
           "u_perilaku", "u_pengaduan", "u_sarana")  # fmt: skip


@pytest.fixture
def three_regions(con, add):
    """Tanjungbalai 2 PNS, Sawahlunto 1, Batanghari 1; appraisals 2024-2025; IKM 2025."""
    units = [
        {"unit_id": f"{code}:dinas sosial", "region_code": code, "name": "Dinas Sosial"}
        for code in ("1272", "1373", "1504")
    ]
    add("units", units)
    people = [("1272", 1), ("1272", 2), ("1373", 3), ("1504", 4)]
    add(
        "staff",
        [
            {"nip": nip(seq=seq), "name": "X", "region_code": code,
             "unit_id": f"{code}:dinas sosial", "employment_type": "PNS",
             "tmt_cpns": dt.date(2005, 1, 1), "status": "aktif"}
            for code, seq in people
        ],
    )  # fmt: skip
    rated = [
        (1, 2025, "sangat_baik"), (2, 2025, "butuh_perbaikan"), (3, 2025, "baik"),
        (4, 2025, "baik"), (1, 2024, "baik"), (2, 2024, "baik"), (3, 2024, "baik"),
    ]  # fmt: skip
    add(
        "appraisals",
        [{"nip": nip(seq=seq), "year": year, "predikat": p} for seq, year, p in rated],
    )
    add(
        "ikm_responses",
        [
            {"response_id": "a", "region_code": "1272", "unit_id": "1272:dinas sosial",
             "survey_date": dt.date(2025, 5, 1), **dict.fromkeys(ANSWERS, 4)},
            {"response_id": "b", "region_code": "1373", "unit_id": "1373:dinas sosial",
             "survey_date": dt.date(2025, 5, 1), **dict.fromkeys(ANSWERS, 3)},
        ],
    )  # fmt: skip
    return con


def _card(con, **filters):
    card = run(con, "scorecard", Filters(**filters))
    return {(r.indicator, r.region_code): r for r in card.itertuples()}


def test_scorecard_ranks_with_ties_and_change(three_regions):
    card = _card(three_regions)
    # share Sangat Baik + Baik 2025: Tanjungbalai 1 of 2 = 0.5; Sawahlunto 1/1; Batanghari 1/1.
    # Higher is better; the tie at 1.0 shares rank 1, so Tanjungbalai is 3rd.
    assert card[("share_sb_b", "1272")].value == pytest.approx(0.5)
    assert card[("share_sb_b", "1373")].rank == 1
    assert card[("share_sb_b", "1504")].rank == 1
    assert card[("share_sb_b", "1272")].rank == 3
    assert card[("share_sb_b", "1272")].regions_ranked == 3
    # change against 2024: Tanjungbalai 0.5 - 2/2 = -0.5; Batanghari had no 2024 appraisal.
    assert card[("share_sb_b", "1272")].change == pytest.approx(-0.5)
    assert card[("share_sb_b", "1373")].change == pytest.approx(0.0)
    assert (
        card[("share_sb_b", "1504")].previous_value != card[("share_sb_b", "1504")].previous_value
    )
    # normalised 0-1 among the regions, 1 = best: (0.5 - 0.5) / (1.0 - 0.5) = 0
    assert card[("share_sb_b", "1272")].normalised == pytest.approx(0.0)
    assert card[("share_sb_b", "1373")].normalised == pytest.approx(1.0)
    # IKM: all answers 4 -> NRR 4 -> 4 x 25 = 100.00 (A); all 3 -> 75.00 (C). Batanghari: none.
    assert card[("ikm", "1272")].value == pytest.approx(100.0)
    assert card[("ikm", "1272")].label == "A"
    assert card[("ikm", "1373")].value == pytest.approx(75.0)
    assert (card[("ikm", "1272")].rank, card[("ikm", "1373")].rank) == (1, 2)
    assert ("ikm", "1504") not in card
    # headcount is shown, not ranked
    assert card[("headcount", "1272")].value == 2
    assert card[("headcount", "1272")].direction == "none"
    assert card[("headcount", "1272")].rank is pd.NA


def test_ranks_are_among_the_regions_shown(three_regions):
    card = _card(three_regions, regions=("1272", "1373"))
    # Without Batanghari, Tanjungbalai's 0.5 is 2nd of 2.
    assert card[("share_sb_b", "1272")].rank == 2
    assert card[("share_sb_b", "1272")].regions_ranked == 2
    assert {region for _, region in card} == {"1272", "1373"}


def test_overview_pools_the_selection(three_regions):
    view = run(three_regions, "overview", Filters()).set_index("indicator")
    # headcount 2025: 2 + 1 + 1 = 4; 2024: the same four are in service.
    assert view.loc["headcount", "value"] == 4
    assert view.loc["headcount", "change"] == 0
    # Sangat Baik + Baik 2025: (1 + 1 + 1) of 4 rated = 0.75; 2024: 3 of 3 = 1.0 -> -0.25
    assert view.loc["share_sb_b", "value"] == pytest.approx(0.75)
    assert view.loc["share_sb_b", "n"] == 4
    assert view.loc["share_sb_b", "change"] == pytest.approx(-0.25)
    # Pooled IKM: each element's NRR over both responses = (4 + 3) / 2 = 3.5 -> 3.5 x 25 = 87.50 (B)
    assert view.loc["ikm", "value"] == pytest.approx(87.5)
    assert view.loc["ikm", "label"] == "B"
    assert view.loc["ikm", "n"] == 2


def test_alerts_list_units_with_mutu_c_or_d(three_regions):
    alerts = run(three_regions, "alerts", Filters())
    mutu = alerts[alerts["kind"].eq("ikm_mutu")]
    # Sawahlunto's unit: IKM 75.00 -> C; Tanjungbalai's 100.00 -> A is not an alert.
    assert mutu["unit_id"].tolist() == ["1373:dinas sosial"]
    assert mutu["value"].tolist() == [75.0]


def test_scorecard_and_overview_on_the_demo(demo_con):
    card = run(demo_con, "scorecard", Filters())
    assert set(card["indicator"]) == {
        "headcount", "asn_per_1000", "share_sb_b", "coverage_20jp", "complaints_per_100k",
        "sla_compliance", "ikm", "ip_asn", "promotion_fairness", "reward_alignment",
    }  # fmt: skip
    assert set(card["region_code"]) == {"1272", "1275", "1373", "1504"}
    fairness = card[card["indicator"].eq("promotion_fairness")].set_index("region_code")
    # The planted promotions: Medan always waits for a Baik predikat, Tanjungbalai never.
    assert fairness.loc["1275", "rank"] == 1 and fairness.loc["1272", "rank"] == 4
    assert fairness.loc["1275", "value"] > 0.3 and abs(fairness.loc["1272", "value"]) < 0.1
    awards = card[card["indicator"].eq("reward_alignment")].set_index("region_code")
    # Medan honours only the well rated: its alignment is 1 ÷ their share of the rated (> 1);
    # Batanghari honours anyone rated and ranks last (Tanjungbalai's 2 awards to the others
    # are a small cell: its alignment is not given).
    assert awards.loc["1275", "value"] > 1.05
    assert awards.loc["1504", "rank"] == awards.loc["1504", "regions_ranked"] == 3
    assert pd.isna(awards.loc["1272", "value"])
    coverage = card[card["indicator"].eq("coverage_20jp")].set_index("region_code")
    # Sawahlunto's planted climb makes it the best 20-JP coverage in 2025.
    assert coverage.loc["1373", "rank"] == 1
    ikm = card[card["indicator"].eq("ikm")].set_index("region_code")
    assert ikm.loc["1272", "label"] == "C"
    assert ikm.loc["1504", "label"] == "B"
    view = run(demo_con, "overview", Filters()).set_index("indicator")
    assert view.loc["headcount", "value"] == 14351 + 3800 + 2400 + 6200
    assert view.loc["complaints_last_month", "period"] == "2025-12"
    alerts = run(demo_con, "alerts", Filters(year_to=2024, year_from=2024))
    lenient = alerts[alerts["kind"].eq("lenient_evaluator")]
    assert lenient["unit_id"].tolist() == ["1275:dinas kependudukan dan pencatatan sipil"]
