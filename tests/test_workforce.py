"""Workforce indicators on small fixtures with hand-worked figures."""

from __future__ import annotations

import datetime as dt

from asn_analytics.metrics import Filters, run
from tests.factories import nip


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
