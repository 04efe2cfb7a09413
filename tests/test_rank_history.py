"""The rank history dataset (SIASN riwayat golongan): the sample as SIASN writes it, its ids,
PPPK refused, a JSON date, a corrected TMT as an update, and undo."""

from __future__ import annotations

import datetime as dt

from asn_analytics import ingest
from tests.test_ingest import BUDI, counts, issues, load, with_budi

D = dt.date


def _import(con, text: str, name: str = "rw.csv") -> ingest.ImportReport:
    return ingest.import_file(con, text.encode(), name, "rank_history", as_of=D(2025, 12, 31))


def _stored(con) -> list[tuple]:
    return con.execute(
        "SELECT nip, golongan, tmt_golongan, promotion_kind, decree_number, decree_date"
        " FROM rank_history ORDER BY nip, tmt_golongan"
    ).fetchall()


def test_the_siasn_sample_is_recognised_and_stored_as_written(con):
    staff = load(con, "staff_siasn.csv")
    assert staff.rejected == 0
    report = load(con, "rank_history_siasn_rw_golongan.csv")
    assert report.dataset == "rank_history"
    assert counts(report) == (23, 23, 0, 0, 0, 0)
    rows = [r for r in _stored(con) if r[0] == "198309302008031906"]  # Hendra Pohan, III/d
    assert rows == [
        ("198309302008031906", "III/a", D(2008, 3, 1), "pengadaan", "823.3/100/BKPSDM/2008",
         D(2008, 2, 1)),
        ("198309302008031906", "III/b", D(2012, 4, 1), "reguler", "823.3/107/BKPSDM/2012",
         D(2012, 3, 1)),
        ("198309302008031906", "III/c", D(2016, 10, 1), "reguler", "823.3/114/BKPSDM/2016",
         D(2016, 9, 1)),
        ("198309302008031906", "III/d", D(2020, 10, 1), "pilihan_struktural",
         "823.3/121/BKPSDM/2020", D(2020, 9, 1)),
    ]  # fmt: skip


def test_siasn_ids_stand_for_the_golongan_and_the_kind_when_no_name_is_given(con, add):
    with_budi(con, add)
    report = _import(con, f"nipBaru,golonganId,tmtGolongan,jenisKPId\n{BUDI},34,01-04-2021,202\n")
    assert counts(report) == (1, 1, 0, 0, 0, 0)
    assert _stored(con) == [(BUDI, "III/d", D(2021, 4, 1), "pilihan_fungsional", None, None)]


def test_a_pppk_golongan_an_unknown_nip_and_a_missing_tmt_are_refused(con, add):
    with_budi(con, add)
    report = _import(
        con,
        "nip,golongan,tmt_golongan\n"
        f"{BUDI},IX,01/04/2021\n"
        "199001012015011001,III/a,01/03/2015\n"
        f"{BUDI},III/b,\n",
    )
    assert counts(report) == (3, 0, 0, 0, 3, 0)
    found = issues(report, "en")
    assert found[0] == (
        2,
        "golongan",
        "error",
        "golongan IX is not a PNS golongan ruang; accepted: I/a-IV/e or SIASN's ids 11-45 (a PPPK"
        " has no golongan ruang history)",
    )
    assert [(row, column) for row, column, _, _ in found[1:]] == [(3, "nip"), (4, "tmt_golongan")]
    assert _stored(con) == []


def test_a_date_as_a_json_web_service_writes_it_reads_as_that_date(con, add):
    with_budi(con, add)
    report = _import(
        con,
        "nipBaru,golongan,tmtGolongan\n"
        f"{BUDI},III/a,2005-01-01T00:00:00Z\n"
        f"{BUDI},III/b,2009-04-01T00:00:00.000Z\n",
    )
    assert counts(report) == (2, 2, 0, 0, 0, 0)
    assert [r[2] for r in _stored(con)] == [D(2005, 1, 1), D(2009, 4, 1)]


def test_a_corrected_tmt_updates_the_golongan_and_undo_restores_it(con, add):
    with_budi(con, add)
    _import(con, f"nip,golongan,tmt_golongan\n{BUDI},III/b,01/04/2009\n", "a.csv")
    report = _import(con, f"nip,golongan,tmt_golongan\n{BUDI},III/b,01/10/2009\n", "b.csv")
    assert counts(report) == (1, 0, 1, 0, 0, 0)
    assert [r[2] for r in _stored(con)] == [D(2009, 10, 1)]
    ingest.undo(con, "rank_history")
    assert [r[2] for r in _stored(con)] == [D(2009, 4, 1)]
