"""NIP (PNS) and NI PPPK decoding and validation."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_analytics import nip


def test_pns_nip_decodes_birth_date_tmt_and_gender():
    check = nip.check("198609152010011002", "PNS")
    assert check.error is None and check.warning is None
    assert check.kind == "PNS"
    assert check.birth_date == dt.date(1986, 9, 15)
    assert check.tmt_cpns == dt.date(2010, 1, 1)
    assert check.gender == "L"
    assert nip.check("199001012015032001").gender == "P"


@pytest.mark.parametrize(
    "raw",
    [
        "19860915 201001 1 002",
        "'198609152010011002",
        " 198609152010011002 ",
        "'19860915 201001 1 002",
    ],
)
def test_spaces_and_leading_apostrophe_are_cleaned(raw):
    check = nip.check(raw)
    assert check.nip == "198609152010011002"
    assert check.error is None


def test_pppk_nip_decodes_birth_date_appointment_year_and_gender():
    # 19900512 birth, 2023 appointment year, digit 13 '2', digit 14 '1', gender 2, number 007
    check = nip.check("199005122023212007", "PPPK")
    assert check.error is None and check.warning is None
    assert check.kind == "PPPK"
    assert check.birth_date == dt.date(1990, 5, 12)
    assert check.appointment_year == 2023
    assert check.tmt_cpns is None
    assert check.gender == "P"


@pytest.mark.parametrize(
    ("raw", "code", "reason"),
    [
        ("1.98609E+17", "nip_scientific", "diubah Excel menjadi angka (notasi ilmiah)"),
        ("1,98609E+17", "nip_scientific", "digit terakhirnya hilang"),
        ("19860915201001100", "nip_length", "NIP harus 18 digit, ditemukan 17"),
        ("1986091520100110021", "nip_length", "NIP harus 18 digit, ditemukan 19"),
        ("19860915201001100A", "nip_not_digits", "hanya boleh berisi angka"),
        ("199002302015031001", "nip_birth_date", "bukan tanggal lahir yang valid"),
        ("198609152010131002", "nip_tmt", "bukan tahun-bulan TMT CPNS"),
        # born 2000-09-15, TMT 2010-01: 9 years later, not 18
        ("200009152010011002", "nip_tmt_age", "kurang dari 18 tahun"),
        # PPPK born 2010, appointed 2023: 13 years later
        ("201001012023212001", "nip_appointment_age", "kurang dari 18 tahun"),
        ("198609152010013002", "nip_gender", "harus 1 atau 2"),
        ("198609152010011000", "nip_sequence", "tidak boleh 000"),
        ("", "nip_missing", "NIP kosong"),
        (None, "nip_missing", "NIP kosong"),
    ],
)
def test_broken_nips_are_reported_with_the_rule_they_break(raw, code, reason):
    check = nip.check(raw)
    assert check.error == code
    assert reason in check.message("id")
    assert check.message("en") != check.message("id")
    assert check.birth_date is None and check.kind is None


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        # TMT CPNS is the first of its month; 18 years after the birth date is the limit.
        ("199005012008051001", None),  # born 1 May 1990, TMT 1 May 2008: 18 exactly
        ("199005022008051001", "nip_tmt_age"),  # born 2 May: one day short
        ("199005312008061001", None),  # TMT the month after
        # born 29 February 2000: 18 years later is 28 February 2018
        ("200002292018021001", "nip_tmt_age"),
        ("200002292018031001", None),
        # PPPK: the appointment year at least the birth year + 18
        ("200506152023212001", None),  # born 2005, appointed 2023 = 2005 + 18
        ("200606152023212001", "nip_appointment_age"),  # born 2006: 2023 < 2024
    ],
)
def test_the_18_year_rule_at_its_edges(raw, error):
    assert nip.check(raw).error == error


def test_digit_13_disagreeing_with_employment_type_is_a_warning():
    pppk_on_pns = nip.check("199005122023212007", "PNS")
    assert pppk_on_pns.error is None
    assert pppk_on_pns.warning == "nip_pppk_on_pns"
    pns_on_pppk = nip.check("198609152010011002", "PPPK")
    assert pns_on_pppk.warning == "nip_pns_on_pppk"
    assert "jenis pegawai PPPK" in pns_on_pppk.message("id")


def test_rules_run_vectorised_on_a_column(con):
    rows = con.execute(
        "SELECT nip_error(nip_clean(x)) FROM (VALUES ('198609152010011002'), ('1.98609E+17'),"
        " ('19860915 201001 1 002'), ('12345')) AS t(x) ORDER BY ALL NULLS FIRST"
    ).fetchall()
    assert rows == [(None,), (None,), ("nip_length",), ("nip_scientific",)]
