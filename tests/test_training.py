"""Training indicators on small fixtures with hand-worked figures, and the demo's pattern."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_analytics.metrics import REGISTRY, Filters, run
from tests.factories import nip, pppk_nip

YEARS_2023_2024 = Filters(year_from=2023, year_to=2024, as_of=dt.date(2024, 12, 31))


def _unit(add, region="1272", name="Dinas Sosial"):
    uid = f"{region}:{name.lower()}"
    add("units", [{"unit_id": uid, "region_code": region, "name": name}])
    return uid


def _staff(add, uid, region="1272", **people):
    """people: nip -> dict of the columns that differ from an active PNS appointed in 2005."""
    rows = []
    for key, extra in people.items():
        row = {
            "nip": key,
            "name": "X",
            "region_code": region,
            "unit_id": uid,
            "employment_type": "PNS",
            "tmt_cpns": dt.date(2005, 1, 1),
            "status": "aktif",
            "position_type": "pelaksana",
        }
        rows.append({**row, **extra})
    add("staff", rows)


def _training(nip_, start, jp, category="teknis", method="klasikal", title=None):
    return {
        "nip": nip_,
        "title": title or f"Pelatihan {start} {jp}",
        "category": category,
        "method": method,
        "start_date": start,
        "hours_jp": jp,
    }


@pytest.fixture
def jp_fixture(con, add):
    uid = _unit(add)
    p1, p2, p3, p4 = nip(seq=1), nip(seq=2), nip(seq=3), nip(seq=4)
    k1 = pppk_nip(seq=5)
    _staff(
        add,
        uid,
        **{
            p1: {"position_type": "fungsional"},
            p2: {"position_type": "fungsional"},
            p3: {},
            # retired 1 Jun 2024: not in service in 2024, so its 2024 training is not counted
            p4: {"status": "pensiun", "status_date": dt.date(2024, 6, 1)},
            k1: {"employment_type": "PPPK", "tmt_cpns": dt.date(2023, 3, 1)},
        },
    )
    add(
        "trainings",
        [
            _training(p1, dt.date(2024, 2, 5), 12.0),
            _training(p1, dt.date(2024, 9, 2), 7.5, method="nonklasikal"),
            _training(p2, dt.date(2024, 5, 6), 20.0, category="fungsional"),
            _training(p3, dt.date(2023, 12, 30), 30.0),
            _training(p4, dt.date(2024, 2, 1), 25.0),
            _training(k1, dt.date(2024, 4, 1), 24.0),
        ],
    )
    return {"p1": p1, "p2": p2, "p3": p3, "k1": k1}


def test_coverage_20jp_counts_pns_reaching_20_jp(con, jp_fixture):
    df = run(con, "coverage_20jp", YEARS_2023_2024)
    region = df[df["dimension"].eq("region")].set_index("year")
    # 2024 PNS in service: p1 19.5 JP (12 + 7.5), p2 20 JP, p3 0 JP; p4 retired, PPPK left out.
    # Reaching 20: p2 only -> 1 / 3 = 0.3333
    assert region.loc[2024, "n"] == 3
    assert region.loc[2024, "n_reached"] == 1
    assert region.loc[2024, "coverage"] == pytest.approx(0.3333, abs=1e-4)
    # 2023: p1, p2, p3, p4 in service; p3 has 30 JP -> 1 / 4 = 0.25
    assert (region.loc[2023, "n"], region.loc[2023, "n_reached"]) == (4, 1)
    assert region.loc[2023, "coverage"] == pytest.approx(0.25)
    by_position = df[df["dimension"].eq("position_type") & df["year"].eq(2024)]
    # fungsional: p1 (19.5) and p2 (20) -> 1 / 2; pelaksana: p3 (0) -> 0 / 1
    assert by_position.set_index("category")["coverage"].to_dict() == {
        "fungsional": 0.5,
        "pelaksana": 0.0,
    }
    unit = df[df["dimension"].eq("unit") & df["year"].eq(2024)]
    assert unit[["category", "category_name", "n", "n_reached"]].values.tolist() == [
        ["1272:dinas sosial", "Dinas Sosial", 3, 1]
    ]


def test_coverage_20jp_never_counts_pppk(con, jp_fixture):
    only_pppk = run(
        con,
        "coverage_20jp",
        Filters(
            year_from=2024, year_to=2024, employment_types=("PPPK",), as_of=dt.date(2024, 12, 31)
        ),
    )
    assert only_pppk.empty


def test_jp_summary_mean_and_median_include_zeros(con, jp_fixture):
    df = run(con, "jp_summary", YEARS_2023_2024).set_index(["year", "employment_type"])
    # 2024 PNS: 19.5, 20, 0 -> total 39.5, mean 39.5 / 3 = 13.1667 -> 13.17, median 19.5,
    # 1 untrained
    pns24 = df.loc[(2024, "PNS")]
    assert (pns24["n"], pns24["total_jp"], pns24["n_without_training"]) == (3, 39.5, 1)
    assert pns24["mean_jp"] == pytest.approx(13.17)
    assert pns24["median_jp"] == pytest.approx(19.5)
    # 2023 PNS: p1 0, p2 0, p3 30, p4 0 -> total 30, mean 7.5, median of (0, 0, 0, 30) = 0
    pns23 = df.loc[(2023, "PNS")]
    assert (pns23["n"], pns23["total_jp"], pns23["n_without_training"]) == (4, 30.0, 3)
    assert (pns23["mean_jp"], pns23["median_jp"]) == (7.5, 0.0)
    # PPPK in its own row: 2024 one PPPK with 24 JP; 2023 the same PPPK with 0 JP
    assert df.loc[(2024, "PPPK"), ["n", "total_jp", "mean_jp", "median_jp"]].tolist() == [
        1,
        24.0,
        24.0,
        24.0,
    ]
    assert df.loc[(2023, "PPPK"), ["n", "total_jp", "n_without_training"]].tolist() == [1, 0.0, 1]


def test_jp_distribution_lists_every_band(con, jp_fixture):
    df = run(con, "jp_distribution", YEARS_2023_2024)
    pns24 = df[df["year"].eq(2024) & df["employment_type"].eq("PNS")]
    # p3 0 JP -> '0'; p1 19.5 -> '10-<20'; p2 20 -> '20-<40'
    assert pns24[["jp_band", "n"]].values.tolist() == [
        ["0", 1],
        ["0-<10", 0],
        ["10-<20", 1],
        ["20-<40", 1],
        ["40+", 0],
    ]
    assert pns24["share"].sum() == pytest.approx(1.0, abs=1e-3)


def test_training_mix_by_category_and_method(con, jp_fixture):
    df = run(con, "training_mix", YEARS_2023_2024)
    got = df[df["year"].eq(2024)][["category", "method", "n", "total_jp", "n_staff"]]
    # 2024, staff in service: p1 teknis/klasikal 12 and teknis/nonklasikal 7.5; p2
    # fungsional/klasikal 20; PPPK teknis/klasikal 24. p4 (retired) left out.
    # teknis/klasikal: 2 trainings, 12 + 24 = 36 JP, 2 staff
    assert got.values.tolist() == [
        ["fungsional", "klasikal", 1, 20.0, 1],
        ["teknis", "klasikal", 2, 36.0, 2],
        ["teknis", "nonklasikal", 1, 7.5, 1],
    ]


def test_training_targeting_follows_low_performers(con, add):
    uid = _unit(add)
    a, b, c, d, f = (nip(seq=i) for i in (1, 2, 3, 4, 6))
    e = pppk_nip(seq=5)
    _staff(
        add,
        uid,
        **{
            a: {},
            b: {},
            c: {},
            d: {},
            e: {"employment_type": "PPPK", "tmt_cpns": dt.date(2022, 1, 1)},
            # retired early 2024: cannot be trained in Y+1, left out
            f: {"status": "pensiun", "status_date": dt.date(2024, 3, 1)},
        },
    )
    saw = _unit(add, region="1373", name="Dinas Sosial")
    g = nip(seq=7)
    _staff(add, saw, region="1373", **{g: {}})

    def appraisal(n, year, predikat):
        return {"nip": n, "year": year, "period": "tahunan", "predikat": predikat}

    add(
        "appraisals",
        [
            appraisal(a, 2023, "butuh_perbaikan"),
            appraisal(b, 2023, "kurang"),
            appraisal(c, 2023, "sangat_kurang"),
            appraisal(d, 2023, "baik"),
            appraisal(e, 2023, "kurang"),
            appraisal(f, 2023, "butuh_perbaikan"),
            appraisal(a, 2024, "baik"),
            appraisal(b, 2024, "butuh_perbaikan"),
            appraisal(c, 2024, "kurang"),
            appraisal(d, 2024, "baik"),
            # Sawahlunto has no 2024 appraisals: its 2023 is left out
            appraisal(g, 2023, "kurang"),
            # a periodic rating is not the annual predikat
            {"nip": d, "year": 2023, "period": "TW4", "predikat": "kurang"},
        ],
    )
    add(
        "trainings",
        [
            _training(a, dt.date(2024, 3, 4), 24.0),
            _training(b, dt.date(2024, 7, 1), 8.0),
            # trained in Y, not Y+1: does not count
            _training(c, dt.date(2023, 10, 2), 30.0),
            _training(g, dt.date(2024, 3, 4), 24.0),
        ],
    )
    df = run(con, "training_targeting", YEARS_2023_2024)
    # Only Tanjungbalai 2023: 2024 is left out (no 2025 appraisals), Sawahlunto has no 2024 ones.
    assert df[["region_code", "year"]].values.tolist() == [["1272", 2023]]
    row = df.iloc[0]
    # Low in 2023 and in service in 2024: a, b, c (d is Baik, e is PPPK, f retired) -> 3
    # trained in 2024: a (24 JP), b (8 JP) -> 2 / 3 = 0.6667; 20 JP: a -> 1 / 3 = 0.3333
    assert (row["n_low"], row["n_trained"], row["n_20jp"]) == (3, 2, 1)
    assert row["share_trained"] == pytest.approx(0.6667, abs=1e-4)
    assert row["share_20jp"] == pytest.approx(0.3333, abs=1e-4)
    # Trained: a Baik (100), b Butuh Perbaikan (75) -> mean 87.5; improved to Baik+: a -> 1 / 2
    assert row["n_rated_next_trained"] == 2
    assert row["mean_value_next_trained"] == pytest.approx(87.5)
    assert row["share_improved_trained"] == pytest.approx(0.5)
    # Untrained: c Kurang (50) -> mean 50; improved 0 / 1
    assert row["n_rated_next_untrained"] == 1
    assert row["mean_value_next_untrained"] == pytest.approx(50.0)
    assert row["share_improved_untrained"] == 0.0


def test_sawahlunto_coverage_climbs_every_year(demo_con):
    df = run(demo_con, "coverage_20jp", Filters(regions=("1373",), year_from=2021, year_to=2025))
    coverage = df[df["dimension"].eq("region")].set_index("year")["coverage"]
    assert list(coverage.index) == [2021, 2022, 2023, 2024, 2025]
    assert coverage.is_monotonic_increasing and coverage.is_unique
    assert 0.30 <= coverage[2021] <= 0.40
    assert 0.75 <= coverage[2025] <= 0.85


@pytest.mark.parametrize(
    "name",
    ["jp_summary", "coverage_20jp", "training_mix", "jp_distribution", "training_targeting"],
)
def test_every_training_indicator_returns_rows_on_the_demo(demo_con, name):
    df = run(demo_con, name)
    assert len(df) > 0
    assert list(df.columns) == list(REGISTRY[name].columns)
    assert set(df["region_code"]) == {"1272", "1275", "1373", "1504"}


def test_a_pns_on_cltn_or_study_leave_counts_in_the_20_jp_coverage(con, add):
    uid = _unit(add)
    p1, p2, p3 = nip(seq=1), nip(seq=2), nip(seq=3)
    _staff(add, uid, **{p1: {}, p2: {"status": "cltn"}, p3: {"status": "tugas_belajar"}})
    add("trainings", [_training(p1, dt.date(2024, 3, 4), 24.0)])
    df = run(con, "coverage_20jp", YEARS_2023_2024)
    region = df[df["dimension"].eq("region") & df["year"].eq(2024)].iloc[0]
    # three PNS in service, one of them with 24 JP: 1 / 3
    assert (region["n"], region["n_reached"]) == (3, 1)
    assert region["coverage"] == pytest.approx(0.3333, abs=1e-4)
