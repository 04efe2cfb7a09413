"""Workforce indicators on small fixtures with hand-worked figures."""

from __future__ import annotations

import datetime as dt

from asn_analytics.metrics import Filters, run
from tests.factories import nip, pppk_nip


def _unit(add, region="1272", name="Dinas Sosial"):
    uid = f"{region}:{name.lower()}"
    add("units", [{"unit_id": uid, "region_code": region, "name": name}])
    return uid


def test_headcount_counts_staff_in_service_per_year(con, add):
    uid = _unit(add)
    base = {"region_code": "1272", "unit_id": uid, "name": "X"}
    add(
        "staff",
        [
            # in service 2023 and 2024
            {
                **base,
                "nip": nip(seq=1),
                "employment_type": "PNS",
                "gender": "L",
                "tmt_cpns": dt.date(2005, 1, 1),
                "status": "aktif",
            },
            # appointed 2024: only 2024
            {
                **base,
                "nip": nip(tmt="202402", seq=2),
                "employment_type": "PNS",
                "gender": "P",
                "tmt_cpns": dt.date(2024, 2, 1),
                "status": "aktif",
            },
            # retired 1 Jun 2024: only 2023
            {
                **base,
                "nip": nip(seq=3),
                "employment_type": "PNS",
                "gender": "L",
                "tmt_cpns": dt.date(2005, 1, 1),
                "status": "pensiun",
                "status_date": dt.date(2024, 6, 1),
            },
            # PPPK appointed 2023: both years
            {
                **base,
                "nip": "198001012023212001",
                "employment_type": "PPPK",
                "gender": "P",
                "tmt_cpns": dt.date(2023, 3, 1),
                "status": "aktif",
            },
        ],
    )
    df = run(con, "headcount", Filters(year_from=2023, year_to=2024, as_of=dt.date(2024, 12, 31)))
    total = df[df["dimension"].eq("total")].set_index("year")["n"].to_dict()
    # 2023: staff 1, 3 and the PPPK = 3; 2024: staff 1, 2 and the PPPK = 3
    assert total == {2023: 3, 2024: 3}
    by_type = df[df["dimension"].eq("employment_type") & df["year"].eq(2024)]
    assert by_type.set_index("category")["n"].to_dict() == {"PNS": 2, "PPPK": 1}
    # Tanjungbalai 183,636 people: 3 * 1000 / 183636 = 0.016336... -> 0.016
    assert total and df[df["dimension"].eq("total")]["per_1000_population"].tolist() == [
        0.016,
        0.016,
    ]
    only_pppk = run(
        con,
        "headcount",
        Filters(
            year_from=2024, year_to=2024, employment_types=("PPPK",), as_of=dt.date(2024, 12, 31)
        ),
    )
    assert only_pppk[only_pppk["dimension"].eq("total")]["n"].tolist() == [1]


def test_age_profile_bands_at_as_of(con, add):
    uid = _unit(add)
    base = {"region_code": "1272", "unit_id": uid, "name": "X", "status": "aktif"}
    pns = {**base, "employment_type": "PNS", "tmt_cpns": dt.date(2020, 1, 1)}
    add(
        "staff",
        [
            # as_of 30 Jun 2025: born 30 Jun 2000 -> 25 that day -> '25-29'
            {**pns, "nip": nip(seq=1), "gender": "L", "birth_date": dt.date(2000, 6, 30)},
            # born 1 Jul 2000 -> still 24 -> '<25'
            {**pns, "nip": nip(seq=2), "gender": "L", "birth_date": dt.date(2000, 7, 1)},
            # born 30 Jun 1965 -> 60 -> '60+'; born 1 Jul 1965 -> 59 -> '55-59'
            {**pns, "nip": nip(seq=3), "gender": "P", "birth_date": dt.date(1965, 6, 30)},
            {**pns, "nip": nip(seq=4), "gender": "P", "birth_date": dt.date(1965, 7, 1)},
            # no birth date, no gender -> 'unknown', 'unknown'
            {**pns, "nip": nip(seq=5)},
            # PPPK born 1 Jan 1990 -> 35 -> '35-39'
            {
                **base,
                "nip": pppk_nip(seq=6),
                "employment_type": "PPPK",
                "gender": "P",
                "birth_date": dt.date(1990, 1, 1),
                "tmt_cpns": dt.date(2023, 3, 1),
            },
            # left out: appointed in 2026 (not in service in 2025), retired in 2024
            {
                **pns,
                "nip": nip(seq=7),
                "gender": "L",
                "birth_date": dt.date(1990, 1, 1),
                "tmt_cpns": dt.date(2026, 1, 1),
            },
            {
                **pns,
                "nip": nip(seq=8),
                "gender": "L",
                "birth_date": dt.date(1966, 1, 1),
                "status": "pensiun",
                "status_date": dt.date(2024, 2, 1),
            },
        ],
    )
    # the year range is not used: the profile is at as_of
    filters = Filters(year_from=2022, year_to=2023, as_of=dt.date(2025, 6, 30))
    df = run(con, "age_profile", filters)
    got = {
        (row.employment_type, row.gender, row.age_band): row.n for row in df.itertuples(index=False)
    }
    assert got == {
        ("PNS", "L", "<25"): 1,
        ("PNS", "L", "25-29"): 1,
        ("PNS", "P", "55-59"): 1,
        ("PNS", "P", "60+"): 1,
        ("PNS", "unknown", "unknown"): 1,
        ("PPPK", "P", "35-39"): 1,
    }
    assert set(df["region_code"]) == {"1272"} and set(df["region_name"]) == {"Kota Tanjungbalai"}


def _pns(uid, seq, birth, level, name=None, ptype=None, **extra):
    return {
        "nip": nip(seq=seq),
        "name": "X",
        "region_code": "1272",
        "unit_id": uid,
        "employment_type": "PNS",
        "tmt_cpns": dt.date(2000, 1, 1),
        "status": "aktif",
        "birth_date": birth,
        "position_level": level,
        "position_name": name,
        "position_type": ptype,
        **extra,
    }


def test_retirements_by_bup_and_horizon(con, add):
    uid = _unit(add)
    fungsional = "fungsional"
    add(
        "staff",
        [
            # guru ahli muda, born 15 Mar 1966: BUP 60 -> birthday 15 Mar 2026
            # -> pension 1 Apr 2026: due within 1, 3 and 5 years of 1 Jan 2026
            _pns(uid, 1, dt.date(1966, 3, 15), "ahli_muda", "Guru Ahli Muda", fungsional),
            # guru ahli pertama (58 by level, but guru -> 60), born 10 May 1969:
            # birthday 10 May 2029 -> pension 1 Jun 2029: after 1 Jan 2029, by 1 Jan 2031 -> 5 only
            _pns(uid, 2, dt.date(1969, 5, 10), "ahli_pertama", "GURU AHLI PERTAMA", fungsional),
            # JF ahli madya, born 20 Dec 1966: BUP 60 -> birthday 20 Dec 2026
            # -> pension 1 Jan 2027 = as_of + 1 year exactly: due within 1 (inclusive), 3, 5
            _pns(uid, 3, dt.date(1966, 12, 20), "ahli_madya", "Analis Kebijakan Ahli Madya"),
            # pelaksana, born 30 Jun 1968: BUP 58 -> birthday 30 Jun 2026 -> pension 1 Jul 2026
            _pns(uid, 4, dt.date(1968, 6, 30), "pelaksana", "Pengelola Umum", "pelaksana"),
            # pelaksana whose name mentions guru (not a JF): still 58; born 1 Mar 1968
            # -> birthday 1 Mar 2026 -> pension 1 Apr 2026 (the month after, even on the 1st)
            _pns(uid, 5, dt.date(1968, 3, 1), "pelaksana", "Pengadministrasi Data Guru"),
            # pelaksana born 5 Dec 1967: birthday 5 Dec 2025 -> pension 1 Jan 2026 = as_of:
            # not due (not after as_of) but still active -> 'overdue'
            _pns(uid, 6, dt.date(1967, 12, 5), "pelaksana"),
            # JF ahli utama, born 1 Feb 1962: BUP 65 -> birthday 1 Feb 2027 -> pension
            # 1 Mar 2027: after 1 Jan 2027 -> due within 3 and 5
            _pns(uid, 7, dt.date(1962, 2, 1), "ahli_utama", "Peneliti Ahli Utama", fungsional),
            # young pelaksana: active, not due within 5 years
            _pns(uid, 8, dt.date(1990, 1, 1), "pelaksana"),
            # unknown: no position level; a pelaksana without a birth date
            _pns(uid, 9, dt.date(1967, 1, 1), None),
            _pns(uid, 10, None, "pelaksana"),
            # left out: retired in 2025; a PPPK of retirement age
            _pns(
                uid,
                11,
                dt.date(1967, 1, 1),
                "pelaksana",
                status="pensiun",
                status_date=dt.date(2025, 2, 1),
            ),
            {
                **_pns(uid, 12, dt.date(1966, 1, 1), "pelaksana"),
                "nip": pppk_nip(seq=12),
                "employment_type": "PPPK",
                "tmt_cpns": dt.date(2023, 3, 1),
            },
        ],
    )
    df = run(con, "retirements", Filters(as_of=dt.date(2026, 1, 1)))
    due = df[df["kind"].eq("due")]
    got = {(int(r.horizon_years), int(r.bup)): r.n for r in due.itertuples(index=False)}
    # 1 year:  58: seq 4, 5 = 2;  60: seq 1, 3 = 2;       65: 0
    # 3 years: 58: 2;             60: 2;                  65: seq 7 = 1
    # 5 years: 58: 2;             60: seq 1, 2, 3 = 3;    65: 1
    assert got == {
        (1, 58): 2,
        (1, 60): 2,
        (1, 65): 0,
        (3, 58): 2,
        (3, 60): 2,
        (3, 65): 1,
        (5, 58): 2,
        (5, 60): 3,
        (5, 65): 1,
    }
    other = df[~df["kind"].eq("due")].set_index("kind")
    assert other["n"].to_dict() == {"overdue": 1, "unknown": 2}
    assert other["horizon_years"].isna().all() and other["bup"].isna().all()
    # active PNS: seq 1-10 = 10 (the retired PNS and the PPPK are left out)
    assert set(df["active_pns"]) == {10}
    assert set(df["region_code"]) == {"1272"}

    only_pppk = run(
        con, "retirements", Filters(as_of=dt.date(2026, 1, 1), employment_types=("PPPK",))
    )
    assert only_pppk.empty


def test_demo_workforce_indicators_return_rows(demo_con):
    ages = run(demo_con, "age_profile")
    assert ages["n"].sum() > 20_000
    assert set(ages["region_code"]) == {"1272", "1275", "1373", "1504"}
    retire = run(demo_con, "retirements")
    due5 = retire[retire["kind"].eq("due") & retire["horizon_years"].eq(5)]
    assert due5["n"].sum() > 0
    assert set(retire["region_code"]) == {"1272", "1275", "1373", "1504"}


def test_a_pns_on_pre_retirement_cltn_or_study_leave_is_in_service(con, add):
    uid = _unit(add)
    base = {
        "region_code": "1272",
        "unit_id": uid,
        "name": "X",
        "employment_type": "PNS",
        "tmt_cpns": dt.date(2005, 1, 1),
    }
    statuses = ["aktif", "cltn", "tugas_belajar", "pensiun", "berhenti", "meninggal", "pindah"]
    add(
        "staff",
        [
            {**base, "nip": nip(seq=i + 1), "status": status, "status_date": dt.date(2023, 6, 1)}
            for i, status in enumerate(statuses)
        ],
    )
    df = run(con, "headcount", Filters(year_from=2024, year_to=2024, as_of=dt.date(2024, 12, 31)))
    # 2024: aktif (an MPP is stored as aktif), CLTN and tugas belajar are ASN of the region;
    # those who retired, left, died or moved in June 2023 are not: 3 of 7
    assert df[df["dimension"].eq("total")]["n"].tolist() == [3]
