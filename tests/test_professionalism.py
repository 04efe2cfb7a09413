"""Professionalism index (IP ASN) on hand-worked PNS."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from asn_analytics.metrics import REGISTRY, Filters, professionalism, run
from tests.factories import nip, pppk_nip

REGION = "1275"
Y2024 = Filters(year_from=2024, year_to=2024, as_of=dt.date(2024, 12, 31))


def _staff(add, seq, *, level, position_type, education, employment_type="PNS", staff_nip=None):
    """One staff member in service since 2010, in a unit of their own; returns (nip, unit)."""
    uid = f"{REGION}:unit {seq}"
    add("units", [{"unit_id": uid, "region_code": REGION, "name": f"Unit {seq}"}])
    number = staff_nip or nip(seq=seq)
    add(
        "staff",
        [
            {
                "nip": number,
                "name": "X",
                "region_code": REGION,
                "unit_id": uid,
                "employment_type": employment_type,
                "tmt_cpns": dt.date(2010, 1, 1),
                "status": "aktif",
                "position_type": position_type,
                "position_level": level,
                "education_level": education,
            }
        ],
    )
    return number, uid


def _training(number, title, category, day, jp=10.0):
    return {
        "nip": number,
        "title": title,
        "category": category,
        "start_date": day,
        "end_date": day,
        "hours_jp": jp,
    }


def _appraisal(number, predikat, year=2024):
    return {"nip": number, "year": year, "period": "tahunan", "predikat": predikat}


@pytest.fixture
def six(con, add):
    """Six PNS of Medan scored for 2024 (and F for 2025), a PPPK and an unappraised PNS."""
    d = dt.date
    a, ua = _staff(add, 1, level="administrator", position_type="struktural", education="S2")
    b, ub = _staff(add, 2, level="ahli_muda", position_type="fungsional", education="S1")
    c, uc = _staff(add, 3, level="pelaksana", position_type="pelaksana", education="D3")
    dd, ud = _staff(add, 4, level="jpt_pratama", position_type="struktural", education="S3")
    e, ue = _staff(add, 5, level="pelaksana", position_type="pelaksana", education="S2")
    f, uf = _staff(add, 6, level="jpt_pratama", position_type="struktural", education="S1")
    g, ug = _staff(
        add,
        7,
        level="ahli_pertama",
        position_type="fungsional",
        education="S3",
        employment_type="PPPK",
        staff_nip=pppk_nip(seq=7),
    )
    h, uh = _staff(add, 8, level="pelaksana", position_type="pelaksana", education="S1")
    add(
        "trainings",
        [
            # A: PKA (2022) matches an administrator; teknis 12 + 8 = 20 JP in 2024; a seminar
            # in 2023 (inside the 2-year window); a functional training (not a JF: no points).
            _training(
                a, "Pelatihan Kepemimpinan Administrator (PKA)", "kepemimpinan", d(2022, 3, 1)
            ),
            _training(a, "Bimtek SIPD", "teknis", d(2024, 2, 1), 12.0),
            _training(a, "Pelatihan Arsip", "teknis", d(2024, 5, 1), 8.0),
            _training(a, "Seminar Reformasi Birokrasi", "seminar", d(2023, 6, 1), 4.0),
            _training(a, "Pelatihan Fungsional Analis", "fungsional", d(2024, 7, 1), 30.0),
            # B: functional training in 2019 (held since); teknis 19.5 JP in 2024 (< 20);
            # a seminar in 2022 (outside the window 2023-2024); PKP (not a JF's).
            _training(b, "Pelatihan Fungsional Penjenjangan", "fungsional", d(2019, 4, 1), 40.0),
            _training(b, "Bimtek SIPD", "teknis", d(2024, 2, 1), 19.5),
            _training(b, "Workshop Transformasi Digital", "seminar", d(2022, 6, 1), 4.0),
            _training(b, "Pelatihan Kepemimpinan Pengawas (PKP)", "kepemimpinan", d(2020, 3, 1)),
            # C: teknis 24 JP in 2024.
            _training(c, "Pelatihan Pelayanan Prima", "teknis", d(2024, 3, 1), 24.0),
            # D: "Diklatpim Tingkat II" without a category (JPT), a seminar in 2024.
            _training(dd, "Diklatpim Tingkat II Angkatan 5", None, d(2015, 3, 1), 300.0),
            _training(dd, "Seminar Nasional ASN", "seminar", d(2024, 9, 1), 8.0),
            # E: teknis 22 JP in 2024.
            _training(e, "Pelatihan Pengadaan Barang/Jasa", "teknis", d(2024, 3, 1), 22.0),
            # F: "Diklatpim III" is not a JPT's; teknis 20 JP in 2023 only; PKN in 2025.
            _training(f, "Diklatpim III", "kepemimpinan", d(2018, 3, 1), 300.0),
            _training(f, "Pelatihan SAKIP", "teknis", d(2023, 3, 1), 20.0),
            _training(f, "PKN Tingkat II", "kepemimpinan", d(2025, 3, 1), 400.0),
            # G (PPPK): would score, but IP ASN covers PNS only.
            _training(g, "Pelatihan Fungsional", "fungsional", d(2024, 3, 1), 20.0),
        ],
    )
    add(
        "appraisals",
        [
            _appraisal(a, "sangat_baik"),
            _appraisal(b, "baik"),
            _appraisal(c, "baik"),
            _appraisal(dd, "sangat_baik"),
            _appraisal(e, "baik"),
            _appraisal(f, "butuh_perbaikan"),
            _appraisal(f, "butuh_perbaikan", 2025),
            _appraisal(g, "sangat_baik"),
            # H has no annual appraisal in 2024, only a quarterly one.
            {"nip": h, "year": 2024, "period": "TW1", "predikat": "baik"},
        ],
    )
    add(
        "discipline",
        [
            # B: ringan and sedang in 2024 -> the heavier, sedang.
            {"nip": b, "decision_date": d(2024, 2, 1), "level": "ringan"},
            {"nip": b, "decision_date": d(2024, 8, 1), "level": "sedang"},
            {"nip": c, "decision_date": d(2024, 5, 1), "level": "ringan"},
            {"nip": e, "decision_date": d(2024, 5, 1), "level": "ringan"},
            # F: a sanction in 2023 does not count in 2024.
            {"nip": f, "decision_date": d(2023, 5, 1), "level": "berat"},
        ],
    )
    return {"A": ua, "B": ub, "C": uc, "D": ud, "E": ue, "F": uf, "G": ug, "H": uh}


def _one(con, unit, filters=Y2024):
    df = run(con, "ip_asn", filters.model_copy(update={"units": (unit,)}))
    assert len(df) == 1
    return df.iloc[0]


# Each PNS alone (unit filter), 2024: kualifikasi + kompetensi + kinerja + disiplin = total,
# rounded half-up, then banded.
@pytest.mark.parametrize(
    ("who", "dims", "total", "band"),
    [
        # A, administrator, S2 20; PKA 15 + teknis 20 JP 15 + seminar 2023 10 = 40 (cap 40);
        # sangat_baik 30; no sanction 5: 20 + 40 + 30 + 5 = 95 -> Sangat Tinggi.
        ("A", (20, 40, 30, 5), 95, "sangat_tinggi"),
        # B, JF, S1 15; functional (2019) 15, teknis 19.5 < 20 JP 0, seminar 2022 out of the
        # window 0, PKP not a JF's 0 -> 15; baik 25; sedang 2: 15 + 15 + 25 + 2 = 57 -> Sangat
        # Rendah.
        ("B", (15, 15, 25, 2), 57, "sangat_rendah"),
        # C, pelaksana, D3 10; teknis 24 JP 22.5 (pelaksana points); baik 25; ringan 3:
        # 10 + 22.5 + 25 + 3 = 60.5 -> half-up 61 -> Rendah (61-70), not Sangat Rendah.
        ("C", (10, 22.5, 25, 3), 60.5, "rendah"),
        # D, JPT, S3 25; Diklatpim Tingkat II (no category) 15 + seminar 10 = 25; sangat_baik
        # 30; no sanction 5: 25 + 25 + 30 + 5 = 85 -> Tinggi.
        ("D", (25, 25, 30, 5), 85, "tinggi"),
        # E, pelaksana, S2 20; teknis 22 JP 22.5; baik 25; ringan 3: 70.5 -> 71 -> Sedang.
        ("E", (20, 22.5, 25, 3), 70.5, "sedang"),
        # F, JPT, S1 15; Diklatpim III is not a JPT's, teknis only in 2023, PKN in 2025 -> 0;
        # butuh_perbaikan 20; the 2023 sanction does not count -> 5: 15 + 0 + 20 + 5 = 40.
        ("F", (15, 0, 20, 5), 40, "sangat_rendah"),
    ],
)
def test_each_pns_scores_by_hand(con, six, who, dims, total, band):
    row = _one(con, six[who])
    got = tuple(row[d] for d in ("kualifikasi", "kompetensi", "kinerja", "disiplin"))
    assert got == pytest.approx(dims)
    assert row["ip_asn"] == pytest.approx(total)
    assert (row["n"], row["n_no_appraisal"]) == (1, 0)
    counts = {code: row[f"n_{code}"] for code in professionalism._BANDS}
    assert counts == {code: int(code == band) for code in professionalism._BANDS}
    assert bool(row["estimate"])  # kinerja points by predikat are assumed


def test_region_means_and_band_counts(con, six):
    row = run(con, "ip_asn", Y2024).set_index("region_code").loc[REGION]
    # Scored: A-F (G is PPPK, H has no annual appraisal).
    # kualifikasi (20 + 15 + 10 + 25 + 20 + 15) / 6 = 105 / 6 = 17.5
    # kompetensi (40 + 15 + 22.5 + 25 + 22.5 + 0) / 6 = 125 / 6 = 20.833 -> 20.83
    # kinerja (30 + 25 + 25 + 30 + 25 + 20) / 6 = 155 / 6 = 25.833 -> 25.83
    # disiplin (5 + 2 + 3 + 5 + 3 + 5) / 6 = 23 / 6 = 3.833 -> 3.83
    # ip_asn = (105 + 125 + 155 + 23) / 6 = 408 / 6 = 68.00 -> Rendah
    assert (row["n"], row["n_no_appraisal"]) == (6, 1)
    assert row[["kualifikasi", "kompetensi", "kinerja", "disiplin"]].tolist() == [
        17.5,
        20.83,
        25.83,
        3.83,
    ]
    assert row["ip_asn"] == 68.0
    assert (row["band"], row["band_label"]) == ("rendah", "Rendah")
    # A 95, D 85, E 71, C 61, B 57 and F 40.
    assert [row[f"n_{c}"] for c in professionalism._BANDS] == [1, 1, 1, 1, 2]
    assert row["region_name"] == "Kota Medan"


def test_leadership_counts_from_the_year_taken(con, six):
    filters = Filters(year_from=2024, year_to=2025, as_of=dt.date(2025, 12, 31))
    df = run(con, "ip_asn", filters.model_copy(update={"units": (six["F"],)}))
    by_year = df.set_index("year")
    # F in 2025: PKN (2025) matches a JPT 15; butuh_perbaikan 20; no sanction 5; S1 15 -> 55.
    assert by_year.loc[2024, "kompetensi"] == 0
    assert by_year.loc[2025, "kompetensi"] == 15
    assert by_year.loc[2025, "ip_asn"] == 55
    # With as_of before the PKN, 2025 does not see it.
    early = filters.model_copy(update={"units": (six["F"],), "as_of": dt.date(2025, 2, 1)})
    assert run(con, "ip_asn", early).set_index("year").loc[2025, "kompetensi"] == 0


def test_pns_only_and_unappraised_left_out(con, six):
    # G is PPPK: not in IP ASN at all. H is PNS without an annual predikat: counted apart.
    g = run(con, "ip_asn", Y2024.model_copy(update={"units": (six["G"],)}))
    assert g.empty
    h = _one(con, six["H"])
    assert (h["n"], h["n_no_appraisal"]) == (0, 1)
    assert h[["ip_asn", "kinerja", "band"]].isna().all()
    assert not h["estimate"]
    pppk_only = run(con, "ip_asn", Y2024.model_copy(update={"employment_types": ("PPPK",)}))
    assert pppk_only.empty and "ip_asn" in pppk_only.columns


def test_estimate_follows_the_assumed_flags(con, six, monkeypatch):
    confirmed = copy.deepcopy(professionalism._ref())
    for section in (
        confirmed["kinerja"],
        confirmed["disiplin"],
        confirmed["kompetensi"]["seminar"],
        confirmed["kompetensi"]["pelaksana"],
    ):
        section["assumed"] = False
    monkeypatch.setattr(professionalism, "_ref", lambda: confirmed)
    assert not _one(con, six["A"])["estimate"]
    # Only the seminar points left unconfirmed: A (a seminar) is an estimate, F (none) is not.
    confirmed["kompetensi"]["seminar"]["assumed"] = True
    assert _one(con, six["A"])["estimate"]
    assert not _one(con, six["F"])["estimate"]
    assert professionalism.assumed_values() == ["kompetensi.seminar"]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "sangat_tinggi"),
        (91, "sangat_tinggi"),
        (90, "tinggi"),
        (81, "tinggi"),
        (80, "sedang"),
        (71, "sedang"),
        (70, "rendah"),
        (61, "rendah"),
        (60, "sangat_rendah"),
        (0, "sangat_rendah"),
    ],
)
def test_band_edges(total, band):
    assert professionalism.band_of(total)["code"] == band


def test_rule_names_the_estimate():
    info = REGISTRY["ip_asn"]
    assert "assumed" in info.rule["en"] and "perkiraan" in info.rule["id"]
    assert set(professionalism.assumed_values()) >= {"kinerja", "disiplin", "kompetensi.seminar"}


def test_demo_returns_rows(demo_con):
    df = run(demo_con, "ip_asn")
    scored = df[df["n"] > 0]
    assert scored["region_code"].nunique() == 4
    assert scored["ip_asn"].between(0, 100).all()
    assert scored["estimate"].all()
    # Band counts add up to the scored PNS.
    bands = [f"n_{c}" for c in professionalism._BANDS]
    assert (scored[bands].sum(axis=1) == scored["n"]).all()
