"""Complaint indicators on small fixtures with hand-worked figures, and the demo's patterns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from asn_analytics.metrics import REGISTRY, Filters, run

TS = dt.datetime


def _unit(add, region="1272", name="Dinas Sosial"):
    uid = f"{region}:{name.lower()}"
    add("units", [{"unit_id": uid, "region_code": region, "name": name}])
    return uid


def _complaint(cid, received, verified=None, responded=None, closed=None, **extra):
    return {
        "complaint_id": cid,
        "region_code": "1272",
        "received_at": received,
        "verified_at": verified,
        "first_response_at": responded,
        "closed_at": closed,
        "status": "selesai" if closed else "baru",
        **extra,
    }


# Holidays used below (holidays 0.109, Indonesia, categories public + government), all in 2024:
#   Mon 11 Mar Hari Suci Nyepi (public), Tue 12 Mar cuti bersama Nyepi (government),
#   Wed 25 Dec Natal (public), Thu 26 Dec cuti bersama Natal (government).
@pytest.fixture
def sla_fixture(con, add):
    sosial = _unit(add)
    dukcapil = _unit(add, name="Dinas Dukcapil")
    add(
        "complaints",
        [
            # K1 received Wed 6 Mar. Verified Wed 13 Mar: working days after 6 Mar are Thu 7 (1),
            # Fri 8 (2), [Sat 9, Sun 10, Nyepi Mon 11, cuti bersama Tue 12], Wed 13 (3) -> 3, met.
            # Follow-up the same day -> 0, met. Closed 20 Mar: 14 calendar days, met.
            _complaint(
                "K1",
                TS(2024, 3, 6, 9),
                TS(2024, 3, 13, 10),
                TS(2024, 3, 13, 15),
                TS(2024, 3, 20, 11),
                unit_id=sosial,
                channel="LAPOR!",
            ),
            # K2 received Wed 6 Mar, verified Thu 14 Mar -> 4 working days, breached.
            # Follow-up Thu 21 Mar: Fri 15, Mon 18, Tue 19, Wed 20, Thu 21 -> 5, met.
            # Closed 10 May: 25 (rest of March) + 30 (April) + 10 = 65 calendar days, breached.
            _complaint(
                "K2",
                TS(2024, 3, 6, 14),
                TS(2024, 3, 14, 9),
                TS(2024, 3, 21, 9),
                TS(2024, 5, 10, 9),
                unit_id=sosial,
                channel="LAPOR!",
            ),
            # K3 received Fri 20 Dec, nothing done yet, no unit.
            _complaint("K3", TS(2024, 12, 20, 8), channel="media sosial"),
            # K5 received and verified on Mon 3 Jun -> 0; follow-up Tue 4 Jun -> 1; closed 4 Jun
            # -> 1 calendar day. All met.
            _complaint(
                "K5",
                TS(2024, 6, 3, 8),
                TS(2024, 6, 3, 13),
                TS(2024, 6, 4, 9),
                TS(2024, 6, 4, 16),
                unit_id=dukcapil,
                channel="langsung",
            ),
            # Not the region's to handle: left out of the service levels.
            _complaint(
                "K4",
                TS(2024, 3, 1, 8),
                TS(2024, 3, 20, 8),
                status="bukan_wewenang",
                unit_id=sosial,
                channel="LAPOR!",
            ),
        ],
    )
    return {"sosial": sosial, "dukcapil": dukcapil}


def _sla(con, as_of):
    df = run(con, "complaint_sla", Filters(year_from=2024, year_to=2024, as_of=as_of))
    return df


def _cols(frame, step):
    row = frame[frame["step"].eq(step)].iloc[0]
    return [int(row["n"]), int(row["n_met"]), int(row["n_breached"]), int(row["n_pending"])]


def test_sla_counts_working_days_and_pending_steps(con, sla_fixture):
    df = _sla(con, dt.date(2024, 12, 24))
    region = df[df["dimension"].eq("region")]
    # as_of Tue 24 Dec: K3's verification has taken Mon 23 (1), Tue 24 (2) -> 2 <= 3, pending.
    # verification: K1 met (3), K2 breached (4), K3 pending, K5 met (0); K4 left out
    assert _cols(region, "verification") == [4, 2, 1, 1]
    # follow-up: K1 0, K2 5, K5 1 met; K3 not started -> pending
    assert _cols(region, "follow_up") == [4, 3, 0, 1]
    # completion: K1 14 met, K2 65 breached, K5 1 met; K3 open 4 calendar days -> pending
    assert _cols(region, "completion") == [4, 2, 1, 1]
    # all three: K1, K5 met; K2 breached; K3 pending -> 2 / 3
    assert _cols(region, "all_three") == [4, 2, 1, 1]
    by_step = region.set_index("step")
    # compliance = met / (met + breached): 2/3, 3/3, 2/3, 2/3
    assert by_step["compliance"].tolist() == pytest.approx([0.6667, 1.0, 0.6667, 0.6667], abs=1e-4)
    # medians of the done steps: verification (3, 4, 0) -> 3; follow-up (0, 5, 1) -> 1;
    # completion (14, 65, 1) -> 14
    assert by_step["median_days"].iloc[:3].tolist() == [3.0, 1.0, 14.0]
    assert by_step["limit_days"].iloc[:3].tolist() == [3, 5, 60]
    assert by_step["day_unit"].iloc[:3].tolist() == [
        "working_days",
        "working_days",
        "calendar_days",
    ]


def test_sla_open_step_is_breached_once_its_limit_has_passed(con, sla_fixture):
    df = _sla(con, dt.date(2024, 12, 30))
    region = df[df["dimension"].eq("region")]
    # as_of Mon 30 Dec: after Fri 20 Dec come Mon 23 (1), Tue 24 (2), [Natal Wed 25, cuti bersama
    # Thu 26], Fri 27 (3), Mon 30 (4) -> 4 > 3: K3's verification is breached.
    assert _cols(region, "verification") == [4, 2, 2, 0]
    # completion: 10 calendar days <= 60, still pending
    assert _cols(region, "completion") == [4, 2, 1, 1]
    # all three: K3 now breached -> K1, K5 met; K2, K3 breached -> 2 / 4 = 0.5
    assert _cols(region, "all_three") == [4, 2, 2, 0]
    assert region.set_index("step").loc["all_three", "compliance"] == 0.5
    # On Fri 27 Dec the count is 3 = the limit: still pending.
    assert _cols(_sla(con, dt.date(2024, 12, 27)), "verification") == [4, 2, 1, 1]


def test_sla_per_unit(con, sla_fixture):
    df = _sla(con, dt.date(2024, 12, 30))
    units = df[df["dimension"].eq("unit") & df["step"].eq("verification")]
    # Dinas Sosial: K1 met, K2 breached; Dukcapil: K5 met; no unit: K3 breached
    got = units.set_index("unit_id")[["unit_name", "n", "n_met", "n_breached"]]
    assert got.loc[sla_fixture["sosial"]].tolist() == ["Dinas Sosial", 2, 1, 1]
    assert got.loc[sla_fixture["dukcapil"]].tolist() == ["Dinas Dukcapil", 1, 1, 0]
    assert got.loc["unknown"].tolist() == ["unknown", 1, 0, 1]
    region_rows = df[df["dimension"].eq("region")]
    assert region_rows["unit_id"].isna().all()


def test_sla_blank_step_counts_as_done_with_the_next_step(con, add):
    add(
        "complaints",
        [
            # No verification date, first follow-up on Fri 8 Mar: the verification was done by
            # then -> Thu 7 (1), Fri 8 (2) after Wed 6 Mar = 2, met; follow-up 0 days, met.
            _complaint("B1", TS(2024, 3, 6, 9), None, TS(2024, 3, 8, 9), TS(2024, 3, 9, 9)),
        ],
    )
    df = _sla(con, dt.date(2024, 12, 31))
    region = df[df["dimension"].eq("region")].set_index("step")
    assert region.loc["verification", ["n_met", "median_days"]].tolist() == [1, 2.0]
    assert region.loc["follow_up", ["n_met", "median_days"]].tolist() == [1, 0.0]


def test_complaints_mix_shares_and_unknown_unit(con, sla_fixture):
    df = run(
        con, "complaints_mix", Filters(year_from=2024, year_to=2024, as_of=dt.date(2024, 12, 31))
    )
    # 5 complaints (volume counts every status): LAPOR! K1, K2, K4 = 3 -> 0.6; media sosial K3
    # -> 0.2; langsung K5 -> 0.2
    channel = df[df["dimension"].eq("channel")].set_index("category")["share"].to_dict()
    assert channel == {"LAPOR!": 0.6, "media sosial": 0.2, "langsung": 0.2}
    units = df[df["dimension"].eq("unit")].set_index("category")
    # Dinas Sosial K1, K2, K4 = 3; Dukcapil K5 = 1; no unit K3 = 1
    assert units["n"].to_dict() == {
        sla_fixture["sosial"]: 3,
        sla_fixture["dukcapil"]: 1,
        "unknown": 1,
    }
    assert units.loc["unknown", "category_name"] == "unknown"
    assert units.loc[sla_fixture["sosial"], "category_name"] == "Dinas Sosial"
    category = df[df["dimension"].eq("category")]
    assert category[["category", "n"]].values.tolist() == [["unknown", 5]]


def test_backlog_by_age_band(con, add):
    add(
        "complaints",
        [
            # open at Mon 30 Dec 2024: received 20 Dec -> 10 days -> '8-30'
            _complaint("O1", TS(2024, 12, 20, 8)),
            # received 28 Dec -> 2 days -> '0-7'
            _complaint("O2", TS(2024, 12, 28, 8), TS(2024, 12, 30, 8)),
            # stalled since 1 Aug -> 151 days -> '>90'
            _complaint("O3", TS(2024, 8, 1, 8), TS(2024, 8, 2, 8), status="tunda"),
            # closed after as_of: still open on 30 Dec; received 1 Nov -> 59 days -> '31-60'
            _complaint("O4", TS(2024, 11, 1, 8), TS(2024, 11, 1, 9), None, TS(2025, 1, 5, 8)),
            # closed before as_of, not the region's, archived, received after as_of: not open
            _complaint("C1", TS(2024, 12, 1, 8), TS(2024, 12, 2, 8), None, TS(2024, 12, 10, 8)),
            _complaint("C2", TS(2024, 12, 1, 8), status="bukan_wewenang"),
            _complaint("C3", TS(2024, 12, 1, 8), status="arsip"),
            _complaint("C4", TS(2024, 12, 31, 8)),
        ],
    )
    df = run(con, "complaint_backlog", Filters(as_of=dt.date(2024, 12, 30)))
    assert df[["region_code", "age_band", "n"]].values.tolist() == [
        ["1272", "0-7", 1],
        ["1272", "8-30", 1],
        ["1272", "31-60", 1],
        ["1272", "61-90", 0],
        ["1272", ">90", 1],
    ]


# Monthly counts of Tanjungbalai, Jan 2023 .. Mar 2024 (the data starts in Jan 2023).
COUNTS = [2, 0, 1, 3, 2, 0, 1, 2, 3, 1, 0, 1, 5, 0, 4]


@pytest.fixture
def monthly_fixture(con, add):
    months = pd.period_range("2023-01", "2024-03", freq="M")
    rows = []
    for month, count in zip(months, COUNTS, strict=True):
        for i in range(count):
            received = TS(month.year, month.month, 10 + i, 9)
            rows.append(_complaint(f"M{month}-{i}", received))
    add("complaints", rows)


def test_monthly_includes_months_without_complaints(con, monthly_fixture):
    df = run(
        con, "complaints_monthly", Filters(year_from=2022, year_to=2024, as_of=dt.date(2024, 3, 31))
    )
    # From the first month with data (Jan 2023, not Jan 2022) to the month of as_of: 15 months
    assert df["n"].tolist() == COUNTS
    assert df["month"].iloc[0] == pd.Timestamp(2023, 1, 1)
    assert df["month"].iloc[-1] == pd.Timestamp(2024, 3, 1)
    assert df["year"].tolist() == [2023] * 12 + [2024] * 3
    # Jan 2024: 5 * 100,000 / 183,636 = 2.7228 -> 2.72
    assert df.set_index("month").loc[pd.Timestamp(2024, 1, 1), "per_100k"] == 2.72
    # Feb, Jun, Nov 2023 and Feb 2024 had no complaint and show 0
    assert df[df["n"].eq(0)]["month"].dt.strftime("%Y-%m").tolist() == [
        "2023-02",
        "2023-06",
        "2023-11",
        "2024-02",
    ]


def test_anomaly_uses_twelve_prior_months_and_sample_sd(con, monthly_fixture):
    df = run(
        con,
        "complaint_anomalies",
        Filters(year_from=2024, year_to=2024, as_of=dt.date(2024, 3, 31)),
    )
    # Only 2024 is shown, but the window reads 2023.
    assert df["month"].tolist() == [pd.Timestamp(2024, m, 1) for m in (1, 2, 3)]
    jan, feb, mar = (df.iloc[i] for i in range(3))
    # Jan 2024 against 2023 = 2,0,1,3,2,0,1,2,3,1,0,1: sum 16, mean 1.3333;
    # sum of squares 34 -> SS = 34 - 16^2/12 = 12.6667; sample var 12.6667/11 = 1.1515;
    # sd 1.0731; threshold 1.3333 + 2 * 1.0731 = 3.4795; 5 > 3.48 -> flagged
    assert (jan["n"], jan["trailing_mean"], jan["trailing_sd"]) == (5, 1.33, 1.07)
    assert jan["threshold"] == 3.48
    assert jan["flagged"]
    # Feb 2024: 0 complaints, not flagged
    assert (feb["n"], bool(feb["flagged"])) == (0, False)
    # Mar 2024 against Mar 2023 .. Feb 2024 = 1,3,2,0,1,2,3,1,0,1,5,0: sum 19, mean 1.5833;
    # squares 55 -> SS = 55 - 19^2/12 = 24.9167; var 2.2652; sd 1.5050; threshold 4.5934;
    # 4 is not above it
    assert (mar["trailing_mean"], mar["trailing_sd"], mar["threshold"]) == (1.58, 1.51, 4.59)
    assert not mar["flagged"]


def test_anomaly_needs_twelve_prior_months(con, monthly_fixture):
    df = run(
        con,
        "complaint_anomalies",
        Filters(year_from=2023, year_to=2024, as_of=dt.date(2024, 3, 31)),
    )
    # 2023 months have fewer than 12 months of data before them: no threshold, never flagged.
    y2023 = df[df["year"].eq(2023)]
    assert len(y2023) == 12
    assert y2023["trailing_mean"].isna().all() and not y2023["flagged"].any()
    assert df[df["flagged"]]["month"].tolist() == [pd.Timestamp(2024, 1, 1)]


def test_medan_complaints_at_least_double_from_march_2024(demo_con):
    df = run(demo_con, "complaints_monthly", Filters(regions=("1275",)))
    mean_2023 = df[df["year"].eq(2023)]["n"].mean()
    after = df[df["month"] >= pd.Timestamp(2024, 3, 1)]
    assert len(after) == 22  # Mar 2024 .. Dec 2025
    assert (after["n"] >= 2 * mean_2023).all()


def test_anomalies_flag_medan_march_2024(demo_con):
    df = run(demo_con, "complaint_anomalies", Filters(regions=("1275",)))
    flagged = set(df[df["flagged"]]["month"])
    assert pd.Timestamp(2024, 3, 1) in flagged
    # Before the new channel opened, nothing in Medan 2024 is flagged.
    assert not df[(df["year"] == 2024) & (df["month"] < pd.Timestamp(2024, 3, 1))]["flagged"].any()


@pytest.mark.parametrize(
    "name",
    [
        "complaints_monthly",
        "complaints_mix",
        "complaint_sla",
        "complaint_backlog",
        "complaint_anomalies",
    ],
)
def test_every_complaint_indicator_returns_rows_on_the_demo(demo_con, name):
    df = run(demo_con, name)
    assert len(df) > 0
    assert list(df.columns) == list(REGISTRY[name].columns)
    assert set(df["region_code"]) == {"1272", "1275", "1373", "1504"}


def test_the_overview_pools_compliance_over_decided_complaints(con, add, sla_fixture):
    # Mon 23 Dec 2024: after Fri 20 Dec only Mon 23 is a working day, so K3's verification is
    # pending (1 <= 3). Tanjungbalai: K1, K5 met, K2 breached, K3 pending -> 2 / 3.
    # Sawahlunto: K6 received, verified and closed on Mon 3 Jun -> met, 1 / 1.
    add(
        "complaints",
        [
            _complaint(
                "K6", TS(2024, 6, 3, 8), TS(2024, 6, 3, 9), TS(2024, 6, 3, 10),
                TS(2024, 6, 3, 11), region_code="1373",
            ),
        ],
    )  # fmt: skip
    view = run(con, "overview", Filters(as_of=dt.date(2024, 12, 23))).set_index("indicator")
    # Pooled: (2 + 1) met / (3 + 1) decided = 0.75 — not weighted by all complaints incl. the
    # pending one, (2/3 x 4 + 1 x 1) / 5 = 0.7333.
    assert view.loc["sla_compliance", "value"] == pytest.approx(0.75)
    assert view.loc["sla_compliance", "n"] == 5
