"""Career indicators on one small fixture with hand-worked figures (as_of 31 Dec 2025).

Kota Medan (1275), two OPDs: Dinas Sosial (with its Bidang A) and Dinas Kesehatan. PNS:
- A, Dinas Sosial: III/a 2005-01-01, III/b 2009-04-01, III/c 2021-10-01, III/d 2025-10-01;
  predikat 2023 and 2024 sangat baik;
- B, Bidang A: III/b 2019-04-01; predikat 2022 sangat baik, 2023 baik, 2024 butuh perbaikan;
- C, Dinas Kesehatan: III/d 2024-04-01;
- D, Dinas Sosial: no rank history;
- G, Dinas Sosial: IV/e 2010-04-01 (the top);
- H, Bidang A: III/a 2015-04-01; predikat 2024 and 2025 baik;
- F, Dinas Sosial: III/a 2005-01-01, retired 2024-06-01 (out at as_of and in 2024-2025);
- a PPPK in Dinas Sosial (never counted).
"""

from __future__ import annotations

import datetime as dt

import pytest

from asn_analytics.metrics import Filters, run
from tests.factories import nip, pppk_nip

D = dt.date
AS_OF = D(2025, 12, 31)
SOSIAL, BIDANG, KESEHATAN = "1275:dinas sosial", "1275:bidang a", "1275:dinas kesehatan"
A, B, C, DD, F, G, H = (nip(seq=i) for i in range(1, 8))


@pytest.fixture
def careers(con, add):
    add(
        "units",
        [
            {"unit_id": SOSIAL, "region_code": "1275", "name": "Dinas Sosial"},
            {"unit_id": BIDANG, "region_code": "1275", "name": "Bidang A", "parent_id": SOSIAL},
            {"unit_id": KESEHATAN, "region_code": "1275", "name": "Dinas Kesehatan"},
        ],
    )
    pns = {
        "region_code": "1275",
        "employment_type": "PNS",
        "tmt_cpns": D(2005, 1, 1),
        "status": "aktif",
    }
    add(
        "staff",
        [
            {**pns, "nip": A, "name": "A", "unit_id": SOSIAL},
            {**pns, "nip": B, "name": "B", "unit_id": BIDANG},
            {**pns, "nip": C, "name": "C", "unit_id": KESEHATAN},
            {**pns, "nip": DD, "name": "D", "unit_id": SOSIAL},
            {**pns, "nip": G, "name": "G", "unit_id": SOSIAL},
            {**pns, "nip": H, "name": "H", "unit_id": BIDANG},
            {
                **pns,
                "nip": F,
                "name": "F",
                "unit_id": SOSIAL,
                "status": "pensiun",
                "status_date": D(2024, 6, 1),
            },
            {
                "nip": pppk_nip(),
                "name": "P",
                "region_code": "1275",
                "unit_id": SOSIAL,
                "employment_type": "PPPK",
                "golongan": "IX",
                "status": "aktif",
            },
        ],
    )
    ranks = [
        (A, "III/a", D(2005, 1, 1)),
        (A, "III/b", D(2009, 4, 1)),
        (A, "III/c", D(2021, 10, 1)),
        (A, "III/d", D(2025, 10, 1)),
        (B, "III/b", D(2019, 4, 1)),
        (C, "III/d", D(2024, 4, 1)),
        (G, "IV/e", D(2010, 4, 1)),
        (H, "III/a", D(2015, 4, 1)),
        (F, "III/a", D(2005, 1, 1)),
    ]
    add("rank_history", [{"nip": n, "golongan": g, "tmt_golongan": t} for n, g, t in ranks])
    rated = [
        (A, 2023, "sangat_baik"),
        (A, 2024, "sangat_baik"),
        (B, 2022, "sangat_baik"),
        (B, 2023, "baik"),
        (B, 2024, "butuh_perbaikan"),
        (H, 2024, "baik"),
        (H, 2025, "baik"),
    ]
    add(
        "appraisals",
        [{"nip": n, "year": y, "period": "tahunan", "predikat": p} for n, y, p in rated],
    )
    return con


def _rows(frame, *columns):
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


def test_time_in_grade_counts_each_pns_in_its_current_golongan(careers):
    frame = run(careers, "time_in_grade", Filters(as_of=AS_OF))
    # Days since the TMT to 31 Dec 2025, ÷ 365.25: A 91 (0.25), B 2466 (6.75), C 639 (1.75),
    # G 5753 (15.75), H 3927 (10.75). Medians: all five -> B's 6.75; Dinas Sosial (A, B, G, H)
    # -> (6.7515 + 10.7515) / 2 = 8.75.
    assert _rows(
        frame,
        "dimension",
        "category_name",
        "n",
        "n_without_rank",
        "median_years",
        "n_y0_2",
        "n_y2_4",
        "n_y4_6",
        "n_y6_8",
        "n_y8_plus",
    ) == [
        ("total", "total", 5, 1, 6.75, 2, 0, 0, 1, 2),
        ("golongan", "III/a", 1, 0, 10.75, 0, 0, 0, 0, 1),
        ("golongan", "III/b", 1, 0, 6.75, 0, 0, 0, 1, 0),
        ("golongan", "III/d", 2, 0, 1.0, 2, 0, 0, 0, 0),
        ("golongan", "IV/e", 1, 0, 15.75, 0, 0, 0, 0, 1),
        ("opd", "Dinas Kesehatan", 1, 0, 1.75, 1, 0, 0, 0, 0),
        ("opd", "Dinas Sosial", 4, 1, 8.75, 1, 0, 0, 1, 2),
    ]
    assert set(frame["region_code"]) == {"1275"}


def test_time_in_grade_on_an_earlier_date_reads_the_golongan_held_then(careers):
    frame = run(careers, "time_in_grade", Filters(as_of=D(2025, 6, 30)))
    total = frame[frame["dimension"] == "total"].iloc[0]
    # A holds III/c since 2021-10-01 (3.75 years); C: 0.25; B: 6.25; G 15.25; H 10.25; F still
    # retired (status date 2024-06-01).
    assert (total["n"], total["n_without_rank"], total["median_years"]) == (5, 1, 6.25)
    assert [total[c] for c in ("n_y0_2", "n_y2_4", "n_y4_6", "n_y6_8", "n_y8_plus")] == [
        1,
        1,
        0,
        1,
        2,
    ]


def test_promotions_split_the_eligible_by_the_lower_predikat_of_the_two_years_before(careers):
    frame = run(careers, "promotions", Filters(year_from=2024, year_to=2025, as_of=AS_OF))
    # 2024: held on 1 Jan, 4 years by 1 Dec 2024: B (III/b 2019) with 2022-2023 sangat baik and
    # baik -> baik; H (III/a 2015) without 2022-2023 -> unrated. A's III/c (2021) is too recent;
    # C holds nothing on 1 Jan 2024; G is at the top; F retired in 2024.
    # 2025: A (III/c 2021-10-01 + 4 = 2025-10-01 <= 1 Dec), 2023-2024 sangat baik, promoted to
    # III/d in 2025; B, 2023 baik and 2024 butuh perbaikan -> below baik; H unrated.
    assert _rows(frame, "year", "category", "n", "n_promoted", "share_promoted") == [
        (2024, "total", 2, 0, 0.0),
        (2024, "baik_or_better", 1, 0, 0.0),
        (2024, "unrated", 1, 0, 0.0),
        (2025, "total", 3, 1, 0.3333),
        (2025, "baik_or_better", 1, 1, 1.0),
        (2025, "below_baik", 1, 0, 0.0),
        (2025, "unrated", 1, 0, 0.0),
    ]


def test_before_2023_the_last_promotion_period_is_october(careers, add):
    # J reaches 4 years in III/b on 1 Nov 2021: after that year's last period (1 October), so
    # eligible in 2022 only. 2021 also has A (III/b 2009, promoted to III/c on 1 Oct 2021), H and
    # F (III/a since 2015 and 2005; F retires in 2024), all three unrated (no 2019-2020
    # appraisals); 2022: H, F and J.
    j = nip(seq=9)
    add(
        "staff",
        [
            {
                "nip": j,
                "name": "J",
                "region_code": "1275",
                "unit_id": KESEHATAN,
                "employment_type": "PNS",
                "status": "aktif",
            }
        ],
    )
    add("rank_history", [{"nip": j, "golongan": "III/b", "tmt_golongan": D(2017, 11, 1)}])
    frame = run(careers, "promotions", Filters(year_from=2021, year_to=2022, as_of=AS_OF))
    assert _rows(frame, "year", "category", "n", "n_promoted", "share_promoted") == [
        (2021, "total", 3, 1, 0.3333),
        (2021, "unrated", 3, 1, 0.3333),
        (2022, "total", 3, 0, 0.0),
        (2022, "unrated", 3, 0, 0.0),
    ]


def test_promotion_overdue_flags_the_well_rated_long_in_grade_by_opd(careers):
    frame = run(careers, "promotion_overdue", Filters(as_of=AS_OF))
    # 5 years or more below IV/e: B (III/b 2019-04-01) and H (III/a 2015). Rated at least baik in
    # 2024 and 2025: H only (B is butuh perbaikan in 2024, unrated in 2025).
    assert _rows(frame, "unit_name", "n", "n_long_in_grade", "n_overdue", "share_overdue") == [
        ("Dinas Sosial", 4, 2, 1, 0.25),
        ("Dinas Kesehatan", 1, 0, 0, 0.0),
    ]


def test_on_a_date_within_the_year_the_last_two_complete_years_are_read(careers):
    # At 30 Jun 2025 the last complete appraisal years are 2023 and 2024: H lacks 2023.
    frame = run(careers, "promotion_overdue", Filters(as_of=D(2025, 6, 30)))
    assert _rows(frame, "unit_name", "n_long_in_grade", "n_overdue") == [
        ("Dinas Kesehatan", 0, 0),
        ("Dinas Sosial", 2, 0),
    ]


def test_exactly_the_minimum_years_by_the_last_period_is_eligible_and_a_day_more_is_not(con, add):
    add("units", [{"unit_id": KESEHATAN, "region_code": "1275", "name": "Dinas Kesehatan"}])
    k, m = nip(seq=21), nip(seq=22)
    add(
        "staff",
        [
            {
                "nip": n,
                "name": n[-2:],
                "region_code": "1275",
                "unit_id": KESEHATAN,
                "employment_type": "PNS",
                "status": "aktif",
            }
            for n in (k, m)
        ],
    )
    # K: 4 years on 1 Dec 2024, the last period of 2024; M: on 2 Dec 2024, after it.
    add(
        "rank_history",
        [
            {"nip": k, "golongan": "III/a", "tmt_golongan": D(2020, 12, 1)},
            {"nip": m, "golongan": "III/a", "tmt_golongan": D(2020, 12, 2)},
        ],
    )
    frame = run(con, "promotions", Filters(year_from=2024, year_to=2025, as_of=AS_OF))
    assert _rows(frame, "year", "category", "n") == [
        (2024, "total", 1),
        (2024, "unrated", 1),
        (2025, "total", 2),
        (2025, "unrated", 2),
    ]
    grade = run(con, "time_in_grade", Filters(as_of=D(2024, 12, 1)))
    total = grade[grade["dimension"].eq("total")].iloc[0]
    # On 1 Dec 2024, K has exactly 4 years (band 4-6), M one day short (band 2-4).
    assert (total["n_y2_4"], total["n_y4_6"]) == (1, 1)


def test_reward_alignment_compares_awards_with_the_ratings_of_the_year_before(careers, add):
    # Rated the year before (award year): 2022 B good; 2023 A, B good; 2024 A good, B below,
    # H good. Awards 2025: A (good in 2024) and B (below) count; C was not rated in 2024 and the
    # Karya Satya is for long service: neither counts. H's 2024 award: H unrated in 2023.
    add(
        "rewards",
        [
            {"nip": A, "kind": "asn_berprestasi", "year": 2025},
            {"nip": B, "kind": "inovasi", "year": 2025},
            {"nip": C, "kind": "asn_berprestasi", "year": 2025},
            {"nip": A, "kind": "karya_satya_20", "year": 2025},
            {"nip": H, "kind": "asn_berprestasi", "year": 2024},
        ],
    )
    frame = run(careers, "reward_alignment", Filters(year_from=2023, year_to=2025, as_of=AS_OF))
    rows = _rows(frame, "year", "n", "n_good", "rated", "n_rated_good", "share_rated_good")
    assert rows == [(2023, 0, 0, 1, 1, 1.0), (2024, 0, 0, 2, 2, 1.0), (2025, 2, 1, 3, 2, 0.6667)]
    last = frame.iloc[-1]
    # (1 / 2) / (2 / 3) = 0.75: awards went to the well rated less often than their share.
    assert (last["share_good"], last["alignment"]) == (0.5, 0.75)
    assert frame["share_good"].iloc[:2].isna().all() and frame["alignment"].iloc[:2].isna().all()
    pppk_only = run(
        careers,
        "reward_alignment",
        Filters(year_from=2025, year_to=2025, employment_types=("PPPK",)),
    )
    assert pppk_only.empty  # the PPPK in the fixture has no appraisal


def test_the_scorecard_leaves_out_career_figures_resting_on_fewer_than_five(careers, add):
    add("rewards", [{"nip": A, "kind": "asn_berprestasi", "year": 2025}])
    card = run(careers, "scorecard", Filters(as_of=AS_OF))
    careers_rows = card[card["indicator"].isin(["promotion_fairness", "reward_alignment"])]
    # 2025: one eligible PNS in each predikat class, one award: beside the Karier page's shares
    # either figure would tell a count of 1-4.
    assert set(careers_rows["indicator"]) == {"promotion_fairness", "reward_alignment"}
    assert careers_rows["value"].isna().all()
