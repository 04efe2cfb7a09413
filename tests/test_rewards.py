"""The awards dataset (SIASN riwayat penghargaan): the sample by PNS ID, SIASN's ids and names,
an unknown kind refused."""

from __future__ import annotations

import datetime as dt

from asn_analytics import ingest
from tests.test_ingest import BUDI, counts, issues, load, with_budi


def test_the_siasn_sample_finds_each_person_by_the_pns_id(con):
    assert load(con, "staff_siasn_export_data_asn.csv").rejected == 0
    report = load(con, "rewards_siasn_rw_penghargaan.csv")
    assert report.dataset == "rewards"
    assert counts(report) == (8, 8, 0, 0, 0, 0)
    assert con.execute(
        "SELECT nip, kind, year, decree_date FROM rewards WHERE nip = '196505051990032001'"
        " ORDER BY year"
    ).fetchall() == [
        ("196505051990032001", "karya_satya_20", 2010, dt.date(2010, 8, 17)),
        ("196505051990032001", "karya_satya_30", 2020, dt.date(2020, 8, 17)),
    ]
    assert con.execute("SELECT kind, count(*) FROM rewards GROUP BY 1 ORDER BY 1").fetchall() == [
        ("asn_berprestasi", 2),
        ("inovasi", 1),
        ("karya_satya_10", 2),
        ("karya_satya_20", 1),
        ("karya_satya_30", 1),
        ("lainnya", 1),
    ]


def test_an_id_stands_for_the_kind_and_an_unknown_kind_is_refused(con, add):
    with_budi(con, add)
    report = ingest.import_file(
        con,
        f"nipBaru,hargaId,tahun\n{BUDI},204,2024\n{BUDI},999,2024\n".encode(),
        "harga.csv",
        "rewards",
    )
    assert counts(report) == (2, 1, 0, 0, 1, 0)
    # The issue names the header as the file has it.
    assert [(row, column) for row, column, _, _ in issues(report)] == [(3, "hargaId")]
    assert con.execute("SELECT kind, year FROM rewards").fetchall() == [("wira_karya", 2024)]
