"""Disclosure control: small cells, secondary suppression against differencing, small bases."""

from __future__ import annotations

import pandas as pd

from asn_analytics import privacy


def _numbers(values: list[object]) -> list[float]:
    """The cells a reader sees as figures (a "<5" or "–" is not one)."""
    return [float(v) for v in values if v is not None and not privacy.is_hidden(v) and v == v]


def _unknown(values: list[object]) -> int:
    return sum(privacy.is_hidden(v) for v in values)


def test_a_small_cell_cannot_be_recovered_from_the_row_total():
    # One region-year: Sangat Baik 4, Baik 12, Kurang 7; 23 rated (shown on each row). Without
    # a second hidden cell, 23 - 12 - 7 = 4. The smallest other non-zero cell (7) is hidden too;
    # the shares of both go (4/23 x 23 = 4).
    frame = pd.DataFrame(
        {
            "region_code": ["1371"] * 3,
            "year": [2025] * 3,
            "predikat": ["sangat_baik", "baik", "kurang"],
            "n": [4, 12, 7],
            "share": [4 / 23, 12 / 23, 7 / 23],
            "rated": [23, 23, 23],
        }
    )
    out = privacy.present(frame, "predikat_distribution")
    assert out["n"].tolist() == ["<5", "12", "–"]
    assert out["share"].isna().tolist() == [True, False, True]
    assert out["rated"].tolist() == [23, 23, 23]
    # The attack: the total minus what is shown leaves two unknowns (11 between them).
    assert _unknown(out["n"].tolist()) == 2
    assert out["rated"][0] - sum(_numbers(out["n"].tolist())) == 11
    # And no share times the total gives a hidden count.
    recovered = (out["share"].dropna() * out["rated"][0]).round().tolist()
    assert 4 not in recovered and 7 not in recovered


def test_a_small_cell_cannot_be_recovered_from_the_other_columns_of_its_row():
    # SLA of one unit: 23 complaints = 19 met + 4 breached + 0 pending. Hiding 4 alone leaves
    # 23 - 19 - 0 = 4: the met count goes too, and with it the compliance 19 / (19 + 4).
    frame = pd.DataFrame(
        {
            "region_code": ["1371"],
            "year": [2025],
            "dimension": ["unit"],
            "unit_id": ["1371:dinas"],
            "step": ["all_three"],
            "n": [23],
            "n_met": [19],
            "n_breached": [4],
            "n_pending": [0],
            "compliance": [19 / 23],
        }
    )
    out = privacy.present(frame, "complaint_sla")
    assert out.loc[0, ["n", "n_met", "n_breached", "n_pending"]].tolist() == [23, "–", "<5", 0]
    assert out.loc[0, "compliance"] is None
    row = out.loc[0, ["n_met", "n_breached", "n_pending"]].tolist()
    assert _unknown(row) == 2  # 23 - 0 = 23 between met and breached


def test_the_complement_of_a_shown_part_is_not_left_at_four():
    # 23 staff, 19 reached 20 JP: the 4 not reached would be 23 - 19, and 19/23 of 23 is 19.
    # Next to it, 30 staff and 3 reached: the 3 is hidden, the 27 others may be known.
    frame = pd.DataFrame(
        {
            "region_code": ["1371", "1371"],
            "year": [2025, 2025],
            "dimension": ["unit", "unit"],
            "category": ["1371:a", "1371:b"],
            "n": [23, 30],
            "n_reached": [19, 3],
            "coverage": [19 / 23, 3 / 30],
        }
    )
    out = privacy.present(frame, "coverage_20jp")
    assert out["n"].tolist() == [23, 30]
    assert out["n_reached"].tolist() == ["–", "<5"]
    assert out["coverage"].isna().all()


def test_a_share_with_its_denominator_does_not_tell_a_small_rest():
    # 23 rated, 19 of them Sangat Baik or Baik (0.8261): the other 4 are 23 - 0.8261 x 23.
    frame = pd.DataFrame(
        {"region_code": ["1371", "1372"], "year": [2025, 2025], "rated": [23, 40]}
    ).assign(share_sb_b=[19 / 23, 30 / 40])
    out = privacy.present(frame[["region_code", "year", "rated", "share_sb_b"]], "ip_asn")
    assert out["share_sb_b"].isna().tolist() == [True, False]
    assert out["share_sb_b"][1] == 0.75


def test_the_units_adding_up_to_their_region_hide_two():
    # Three units of one region: 4, 9 and 20 staff (the region's 33 is on other rows and tiles).
    frame = pd.DataFrame(
        {
            "region_code": ["1371"] * 3,
            "year": [2025] * 3,
            "unit_id": ["1371:a", "1371:b", "1371:c"],
            "n": [4, 9, 20],
        }
    )
    out = privacy.present(frame, "headcount")
    assert out["n"].tolist() == ["<5", "–", "20"]


def test_a_crosstab_hides_until_every_row_and_column_has_two_hidden():
    # result x behaviour: (4, 10, 30 / 8, 20, 40). Row 1 hides 10 with the 4; column 1 then
    # has only the 4 hidden: 8 goes; column 2 only the 10: 20 goes. Rows and columns now hold
    # two hidden cells each or none.
    frame = pd.DataFrame(
        {
            "result_rating": ["di_atas"] * 3 + ["sesuai"] * 3,
            "behavior_rating": ["di_atas", "sesuai", "di_bawah"] * 2,
            "predikat": ["sangat_baik", "baik", "kurang", "baik", "baik", "kurang"],
            "n": [4, 10, 30, 8, 20, 40],
        }
    )
    out = privacy.present(frame, "kuadran")
    assert out["n"].tolist() == ["<5", "–", "30", "–", "–", "40"]
    cells = out.pivot(index="result_rating", columns="behavior_rating", values="n")
    for line in [*cells.to_numpy().tolist(), *cells.T.to_numpy().tolist()]:
        assert _unknown(line) != 1


def test_counts_of_events_keep_their_figures():
    frame = pd.DataFrame({"region_code": ["1371", "1371"], "month": [1, 2], "n": [3, 40]})
    assert privacy.present(frame, "complaints_monthly")["n"].tolist() == [3, 40]


def _ikm_units(respondents: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["1371"],
            "region_name": ["Kota Padang"],
            "unit_id": ["1371:dinas"],
            "unit_name": ["Dinas"],
            "year": [2025],
            "respondents": [respondents],
            "n": [respondents],
            "ikm": [91.25],
            "mutu": ["A"],
            "mutu_label": ["Sangat Baik"],
            "weakest_element": ["u_biaya"],
            "weakest_label_id": ["Biaya"],
            "weakest_label_en": ["Cost"],
        }
    )


def test_an_ikm_of_four_respondents_is_not_shown_with_its_band():
    # The page's table shows the respondents, not `n`: the base still reaches the rule.
    columns = ["unit_name", "respondents", "ikm", "mutu", "mutu_label", "weakest_label_id"]
    out = privacy.present(_ikm_units(4), "ikm_units", columns=columns)
    assert out.loc[0].tolist() == ["Dinas", "<5", None, None, None, None]


def test_an_ikm_of_five_respondents_is_shown():
    columns = ["unit_name", "respondents", "ikm", "mutu", "mutu_label", "weakest_label_id"]
    out = privacy.present(_ikm_units(5), "ikm_units", columns=columns)
    assert out.loc[0].tolist() == ["Dinas", 5, 91.25, "A", "Sangat Baik", "Biaya"]


def test_an_ikm_base_is_its_respondents_even_without_n():
    frame = _ikm_units(4).drop(columns="n")
    assert privacy.present(frame, "ikm_units")["ikm"].isna().all()


def test_the_rules_see_the_whole_table_when_the_page_shows_fewer_columns():
    # The page leaves `rated` off; 19 of 23 rated Sangat Baik or Baik still leaves 4 others.
    frame = pd.DataFrame(
        {"region_code": ["1371"], "year": [2025], "rated": [23], "share_sb_b": [19 / 23]}
    )
    out = privacy.present(frame, "predikat_distribution", columns=["region_code", "share_sb_b"])
    assert out.columns.tolist() == ["region_code", "share_sb_b"]
    assert out["share_sb_b"].isna().all()


def test_a_rate_on_fewer_than_five_is_hidden_even_when_no_part_of_it_is_small():
    # Four complaints, none met or breached yet (all pending): no count is 1-4 but `n`, yet a
    # compliance of 0 % over 4 complaints is a figure about fewer than 5 people. Five are shown.
    frame = pd.DataFrame(
        {
            "region_code": ["1371", "1373"],
            "n": [4, 5],
            "n_met": [0, 0],
            "n_breached": [0, 0],
            "n_pending": [4, 5],
            "compliance": [0.0, 0.0],
        }
    )
    out = privacy.present(frame, "complaint_sla")
    assert out["compliance"].isna().tolist() == [True, False]
