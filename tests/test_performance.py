"""Performance indicators on small fixtures with hand-worked figures, and on the demo."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from asn_analytics.metrics import Filters, run
from tests.factories import nip, pppk_nip

AS_OF = dt.date(2024, 12, 31)
FILTERS = Filters(year_from=2024, year_to=2024, as_of=AS_OF)
PDK = {
    "SB": "sangat_baik",
    "B": "baik",
    "BP": "butuh_perbaikan",
    "K": "kurang",
    "SK": "sangat_kurang",
}

_seq = itertools.count(1)


def _unit(add, name: str, region: str = "1272", opd: str | None = None) -> str:
    uid = f"{region}:{name.lower()}"
    add("units", [{"unit_id": uid, "region_code": region, "name": name, "parent_id": opd}])
    return uid


def units_only(frame):
    """The unit rows of an indicator that also has OPD rows."""
    return frame[frame["level"].eq("unit")].reset_index(drop=True)


def _rated(add, unit: str, appraisals: list[dict], employment_type: str = "PNS") -> list[str]:
    """One staff member in `unit` per appraisal dict (its year defaults to 2024); their NIPs."""
    region = unit.split(":")[0]
    nips, staff, rows = [], [], []
    for appraisal in appraisals:
        seq = next(_seq)
        number = nip(seq=seq) if employment_type == "PNS" else pppk_nip(seq=seq)
        nips.append(number)
        staff.append(
            {
                "nip": number,
                "name": "X",
                "region_code": region,
                "unit_id": unit,
                "employment_type": employment_type,
            }
        )
        rows.append({"nip": number, "year": 2024, "period": "tahunan", **appraisal})
    add("staff", staff)
    add("appraisals", rows)
    return nips


def _p(code: str, **extra) -> dict:
    return {"predikat": PDK[code], **extra}


# -- kuadran and predikat_distribution ------------------------------------------------------


def test_kuadran_gives_the_predikat_of_all_nine_cells(con, add):
    uid = _unit(add, "Dinas Sosial")
    ratings = ("di_atas", "sesuai", "di_bawah")
    cells = [
        {"result_rating": r, "behavior_rating": b, "predikat": "baik"}
        for r in ratings
        for b in ratings
    ]
    # one more in (sesuai, sesuai), and one with no behaviour rating (left out of the kuadran)
    extra = [
        {"result_rating": "sesuai", "behavior_rating": "sesuai", "predikat": "baik"},
        {"result_rating": "di_atas", "behavior_rating": None, "predikat": "baik"},
    ]
    _rated(add, uid, cells + extra)
    df = run(con, "kuadran", FILTERS)
    got = df.set_index(["result_rating", "behavior_rating"])
    # PermenPANRB 6/2022 matrix (reference/predikat.toml): hasil (rows) x perilaku (columns)
    expected = {
        ("di_atas", "di_bawah"): "kurang",
        ("di_atas", "sesuai"): "baik",
        ("di_atas", "di_atas"): "sangat_baik",
        ("sesuai", "di_bawah"): "kurang",
        ("sesuai", "sesuai"): "baik",
        ("sesuai", "di_atas"): "baik",
        ("di_bawah", "di_bawah"): "sangat_kurang",
        ("di_bawah", "sesuai"): "butuh_perbaikan",
        ("di_bawah", "di_atas"): "butuh_perbaikan",
    }
    assert len(df) == 9
    assert got["predikat"].to_dict() == expected
    # 10 appraisals with both ratings: every cell 1, (sesuai, sesuai) 2 -> shares 0.1 and 0.2
    n = got["n"].to_dict()
    assert n.pop(("sesuai", "sesuai")) == 2
    assert set(n.values()) == {1}
    assert got.loc[("sesuai", "sesuai"), "share"] == pytest.approx(0.2)
    assert got.loc[("di_atas", "di_atas"), "share"] == pytest.approx(0.1)
    assert set(df["region_code"]) == {"1272"} and set(df["year"]) == {2024}


def test_predikat_distribution_shares_and_mean_value(con, add):
    uid = _unit(add, "Dinas Sosial")
    medan = _unit(add, "Dinas Sosial", region="1275")
    _rated(add, uid, [_p("SB")] * 3 + [_p("B")] * 4 + [_p("BP")] * 2 + [_p("K")])
    # left out: a quarterly appraisal, a 2023 appraisal (outside the year range)
    _rated(add, uid, [{"predikat": "sangat_kurang", "period": "TW1"}])
    _rated(add, uid, [{"predikat": "sangat_kurang", "year": 2023}])
    # another region, and PPPK staff for the type filter
    _rated(add, medan, [_p("SK")])
    _rated(add, uid, [_p("SB")], employment_type="PPPK")
    df = run(con, "predikat_distribution", FILTERS)
    tb = df[df["region_code"].eq("1272")].set_index("predikat")
    # Tanjungbalai 2024: 3 SB + 4 B + 2 BP + 1 K (PNS) + 1 SB (PPPK) = 11 rated
    assert tb.index.tolist() == list(PDK.values())
    assert tb["n"].to_dict() == {
        "sangat_baik": 4,
        "baik": 4,
        "butuh_perbaikan": 2,
        "kurang": 1,
        "sangat_kurang": 0,
    }
    assert tb.loc["sangat_baik", "share"] == pytest.approx(4 / 11)
    assert set(tb["rated"]) == {11}
    # SB + B = 8 / 11; mean = (4*150 + 4*100 + 2*75 + 50) / 11 = 1200 / 11 = 109.0909...
    assert tb["share_sb_b"].tolist() == pytest.approx([8 / 11] * 5)
    assert tb["mean_value"].tolist() == pytest.approx([1200 / 11] * 5)
    # Medan 2024: one Sangat Kurang -> share 1.0, mean 25, SB+B 0
    medan_rows = df[df["region_code"].eq("1275")].set_index("predikat")
    assert medan_rows.loc["sangat_kurang", ["n", "share", "mean_value", "share_sb_b"]].tolist() == [
        1,
        1.0,
        25.0,
        0.0,
    ]

    pns = run(
        con,
        "predikat_distribution",
        Filters(
            year_from=2024,
            year_to=2024,
            as_of=AS_OF,
            regions=("1272",),
            employment_types=("PNS",),
        ),
    ).set_index("predikat")
    # PNS only: 3 SB, 4 B, 2 BP, 1 K = 10 rated; SB + B = 7/10 = 0.7;
    # mean = (3*150 + 4*100 + 2*75 + 1*50) / 10 = (450 + 400 + 150 + 50) / 10 = 105
    assert pns["n"].tolist() == [3, 4, 2, 1, 0]
    assert pns["share"].tolist() == pytest.approx([0.3, 0.4, 0.2, 0.1, 0.0])
    assert set(pns["share_sb_b"].round(9)) == {0.7}
    assert set(pns["mean_value"].round(9)) == {105.0}


# -- objectivity checks ---------------------------------------------------------------------


def test_objectivity_units_thresholds_at_their_edges(con, add):
    units = {name: _unit(add, name) for name in ("A", "B", "C", "D", "E")}
    # A: 7 SB of 10 = 0.70, not above 0.70
    _rated(add, units["A"], [_p("SB")] * 7 + [_p("B")] * 3)
    # B: 8 SB of 10 = 0.80 > 0.70 with 10 rated (the minimum); one Kurang below Baik
    _rated(add, units["B"], [_p("SB")] * 8 + [_p("B"), _p("K")])
    # C: 9 SB of 9 = 1.0 but only 9 rated (< 10)
    _rated(add, units["C"], [_p("SB")] * 9)
    # D: 20 rated (the minimum), all Baik: nobody below Baik
    _rated(add, units["D"], [_p("B")] * 20)
    # E: 19 rated, all Baik: too few for the nobody-below-Baik check
    _rated(add, units["E"], [_p("B")] * 19)
    df = units_only(run(con, "objectivity_units", FILTERS)).set_index("unit_name")
    cols = ["n", "n_sangat_baik", "n_below_baik", "flag_high_sb", "flag_none_below_baik"]
    assert df.loc["A", cols].tolist() == [10, 7, 0, False, False]
    assert df.loc["B", cols].tolist() == [10, 8, 1, True, False]
    assert df.loc["C", cols].tolist() == [9, 9, 0, False, False]
    assert df.loc["D", cols].tolist() == [20, 0, 0, False, True]
    assert df.loc["E", cols].tolist() == [19, 0, 0, False, False]
    assert df["flagged"].to_dict() == {"A": False, "B": True, "C": False, "D": True, "E": False}
    assert df.loc["A", "share_sangat_baik"] == pytest.approx(0.7)
    assert df.loc["B", "share_sangat_baik"] == pytest.approx(0.8)


def test_objectivity_units_by_opd_add_up_its_units(con, add):
    opd = _unit(add, "Dinas Kesehatan")
    a = _unit(add, "Puskesmas A", opd=opd)
    b = _unit(add, "Puskesmas B", opd=opd)
    _rated(add, opd, [_p("SB")] * 4 + [_p("B")])  # the OPD's own office: 5 rated
    _rated(add, a, [_p("SB")] * 6 + [_p("B")] * 4)  # 10 rated
    _rated(add, b, [_p("SB")] + [_p("B")] * 9)  # 10 rated
    df = run(con, "objectivity_units", FILTERS)
    cols = ["level", "unit_id", "opd_id", "opd_name", "n", "n_sangat_baik", "n_below_baik"]
    # The OPD first, then its units: 5 + 10 + 10 = 25 rated, 4 + 6 + 1 = 11 Sangat Baik.
    assert df[cols].values.tolist() == [
        ["opd", opd, opd, "Dinas Kesehatan", 25, 11, 0],
        ["unit", opd, opd, "Dinas Kesehatan", 5, 4, 0],
        ["unit", a, opd, "Dinas Kesehatan", 10, 6, 0],
        ["unit", b, opd, "Dinas Kesehatan", 10, 1, 0],
    ]
    # 25 rated and nobody below Baik flags the OPD; no unit has 20 rated, nor 10 with > 70%.
    assert df["flagged"].tolist() == [True, False, False, False]
    assert df.loc[0, "share_sangat_baik"] == pytest.approx(11 / 25)
    # Choosing the OPD chooses its units; choosing one unit shows no partial OPD row.
    chosen = run(con, "objectivity_units", FILTERS.model_copy(update={"units": (opd,)}))
    assert chosen[cols].values.tolist() == df[cols].values.tolist()
    one = run(con, "objectivity_units", FILTERS.model_copy(update={"units": (a,)}))
    assert one[["level", "unit_id", "n"]].values.tolist() == [["unit", a, 10]]


def test_objectivity_evaluators_z_score(con, add):
    unit = _unit(add, "Dinas Sosial")
    e, f = "197001012000011001", "197001012000011002"
    # E rates 4 SB and 1 B: mean (4*150 + 100) / 5 = 140
    _rated(add, unit, [_p("SB", evaluator_nip=e)] * 4 + [_p("B", evaluator_nip=e)])
    # others: F's 4 ratees (too few to be scored) and one with no evaluator
    _rated(add, unit, [_p("B", evaluator_nip=f)] * 3 + [_p("BP", evaluator_nip=f), _p("K")])
    df = run(con, "objectivity_evaluators", FILTERS)
    assert df["evaluator_nip"].tolist() == [e]
    row = df.iloc[0]
    # others: 100, 100, 100, 75, 50 -> n 5, mean 425 / 5 = 85
    # deviations 15, 15, 15, -10, -35 -> squares 225 * 3 + 100 + 1225 = 2000; / 5 = 400; sd 20
    # z = (140 - 85) / 20 = 2.75 > 2
    assert row["n"] == 5 and row["others_n"] == 5
    assert row["mean_value"] == pytest.approx(140)
    assert row["others_mean"] == pytest.approx(85)
    assert row["others_sd"] == pytest.approx(20)
    assert row["z"] == pytest.approx(2.75)
    assert bool(row["flagged"]) is True
    assert row["unit_id"] == unit and row["region_code"] == "1272"


def test_objectivity_evaluators_never_flags_a_zero_deviation(con, add):
    unit = _unit(add, "Dinas Sosial")
    g, h = "197001012000011003", "197001012000011004"
    # G: 5 SB (mean 150); H: 6 B (mean 100). Each one's others all have one value: sd 0.
    _rated(add, unit, [_p("SB", evaluator_nip=g)] * 5 + [_p("B", evaluator_nip=h)] * 6)
    # Dinas Pariwisata: G is its only evaluator and nobody else is rated there: no others
    lone = _unit(add, "Dinas Pariwisata")
    _rated(add, lone, [_p("SB", evaluator_nip=g)] * 5)
    df = run(con, "objectivity_evaluators", FILTERS).set_index(["unit_name", "evaluator_nip"])
    gr = df.loc[("Dinas Sosial", g)]
    # G: others = H's 6 ratees at 100: mean 100, sd 0 -> z NULL, not flagged
    assert (gr["n"], gr["mean_value"], gr["others_n"], gr["others_mean"]) == (5, 150, 6, 100)
    assert gr["others_sd"] == 0 and pd.isna(gr["z"]) and not gr["flagged"]
    hr = df.loc[("Dinas Sosial", h)]
    # H: others = G's 5 ratees at 150: mean 150, sd 0
    assert (hr["n"], hr["others_n"], hr["others_mean"], hr["others_sd"]) == (6, 5, 150, 0)
    assert pd.isna(hr["z"]) and not hr["flagged"]
    wr = df.loc[("Dinas Pariwisata", g)]
    assert wr["others_n"] == 0 and pd.isna(wr["others_mean"]) and pd.isna(wr["z"])
    assert not wr["flagged"]


def test_rating_vs_achievement(con, add):
    p, q, r = (_unit(add, name) for name in ("P", "Q", "R"))
    # P: SB at 90, 95, 99.99 (below 100), 100, 110, 120 -> 3 / 6 = 0.5, not above 0.5;
    #    and 2 B at 80 and 105. Median of all 8: 80 90 95 99.99 | 100 105 110 120 -> 99.995
    _rated(
        add,
        p,
        [_p("SB", achievement_pct=a) for a in (90, 95, 99.99, 100, 110, 120)]
        + [_p("B", achievement_pct=a) for a in (80, 105)],
    )
    # Q: SB at 90, 91, 92, 105, 110 and one with no achievement: 3 / 5 measured = 0.6 > 0.5,
    #    5 measured (the minimum) -> flagged. Median of 90 91 92 105 110 -> 92
    _rated(
        add,
        q,
        [_p("SB", achievement_pct=a) for a in (90, 91, 92, 105, 110)] + [_p("SB")],
    )
    # R: 4 SB all at 80: share 1.0 but only 4 (< 5) -> not flagged
    _rated(add, r, [_p("SB", achievement_pct=80)] * 4)
    df = units_only(run(con, "rating_vs_achievement", FILTERS)).set_index("unit_name")
    cols = ["n", "n_sangat_baik", "n_sb_measured", "n_sb_below_100", "flagged"]
    assert df.loc["P", cols].tolist() == [8, 6, 6, 3, False]
    assert df.loc["Q", cols].tolist() == [6, 6, 5, 3, True]
    assert df.loc["R", cols].tolist() == [4, 4, 4, 4, False]
    assert df["share"].tolist() == pytest.approx([0.5, 0.6, 1.0])
    assert df["median_achievement"].tolist() == pytest.approx([99.995, 92, 80])


# -- the demo's planted patterns -------------------------------------------------------------

PUPR = "1272:dinas pekerjaan umum dan penataan ruang"
DUKCAPIL = "1275:dinas kependudukan dan pencatatan sipil"


@pytest.mark.parametrize("name", ["objectivity_units", "rating_vs_achievement"])
def test_demo_tanjungbalai_pupr_is_the_one_flagged_unit(demo_con, name):
    df = units_only(run(demo_con, name, Filters(regions=("1272",), year_from=2024, year_to=2025)))
    assert set(df["year"]) == {2024, 2025}
    flagged = df[df["flagged"]]
    assert sorted(zip(flagged["unit_id"], flagged["year"], strict=True)) == [
        (PUPR, 2024),
        (PUPR, 2025),
    ]
    if name == "objectivity_units":
        assert flagged["flag_high_sb"].all()


def test_demo_medan_dukcapil_lenient_evaluator(demo_con):
    df = run(demo_con, "objectivity_evaluators", Filters(regions=("1275",), year_from=2024))
    year = df[df["year"].eq(2024)]
    assert len(year) > 100  # many Medan evaluators are scored
    flagged = year[year["flagged"]]
    assert flagged["unit_id"].tolist() == [DUKCAPIL]
    assert flagged["n"].iloc[0] >= 5 and flagged["z"].iloc[0] > 2
    assert year[year["unit_id"].eq(DUKCAPIL)]["evaluator_nip"].nunique() >= 2


@pytest.mark.parametrize(
    "name",
    [
        "predikat_distribution",
        "kuadran",
        "objectivity_units",
        "objectivity_evaluators",
        "rating_vs_achievement",
    ],
)
def test_demo_every_indicator_returns_rows(demo_con, name):
    df = run(demo_con, name)
    assert len(df) > 0
    assert {"region_code", "region_name", "year", "n"} <= set(df.columns)
    assert set(df["region_code"]) == {"1272", "1275", "1373", "1504"}
